// Just over ~400 lines: the pool list, the expert form and its parse/save share one form
// type and one page builder; move the form out when the pool page grows.
//! `GET /beheer/experts`, `GET/POST /beheer/experts/nieuw`, `GET/POST /beheer/experts/{id}`: the
//! expert pool — name, e-mail, expertise, regions (provinces), capacity per school year and
//! availability — with the current load from `expert_loads`.
//!
//! Who: beheerders and programme staff (`Resource::Experts`).
//!
//! Staff never link an account themselves (issue 11 item 7): the page shows the linked account
//! and lets them unlink it; linking goes by invitation (`expert_invite.rs`), confirmed by the
//! expert account. The store finds the expert to update by linked account or e-mail
//! (`ExpertWrite` has no id), so the e-mail is read-only for an expert without a login, and the
//! e-mail is not changed in the save that unlinks.

use super::{FieldErrors, error_for};
use crate::AppError;
use crate::auth::{CurrentUser, now};
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use koers_app::store::{ExpertInvitation, ExpertRecord, ExpertWrite, StoreError};
use koers_core::access::{Action, Resource};
use koers_core::ids::ExpertId;
use serde::Deserialize;

/// The twelve provinces, as stored.
pub const PROVINCES: [&str; 12] = [
    "Drenthe",
    "Flevoland",
    "Friesland",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
];

fn ensure_pool_admin(user: &CurrentUser) -> Result<(), AppError> {
    user.ensure(Action::Change, Resource::Experts)
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ExpertForm {
    #[serde(default)]
    pub naam: String,
    #[serde(default)]
    pub email: String,
    /// Ticked: unlink the expert's account with this save.
    #[serde(default)]
    pub ontkoppelen: Option<String>,
    #[serde(default)]
    pub expertise: String,
    #[serde(default)]
    pub regios: String,
    #[serde(default)]
    pub trajecten: String,
    #[serde(default)]
    pub dagdelen: String,
    #[serde(default)]
    pub beschikbaar: Option<String>,
    #[serde(default)]
    pub version: String,
}

/// The e-mail address of the expert's linked account (empty without one).
async fn account_of(state: &AppState, e: &ExpertRecord) -> Result<String, AppError> {
    match e.user_id {
        Some(uid) => match state.app.read().user(uid).await {
            Ok(u) => Ok(u.email.into_string()),
            Err(StoreError::NotFound) => Ok(String::new()),
            Err(err) => Err(err.into()),
        },
        None => Ok(String::new()),
    }
}

impl ExpertForm {
    pub(super) fn of(e: &ExpertRecord) -> Self {
        Self {
            naam: e.name.clone(),
            email: e.email.clone(),
            ontkoppelen: None,
            expertise: e.expertise.join(", "),
            regios: e.regions.join(", "),
            trajecten: e.capacity_trajectories.to_string(),
            dagdelen: e.capacity_dagdelen.to_string(),
            beschikbaar: e.available.then(|| "1".into()),
            version: e.version.to_string(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ExpertRow {
    pub id: ExpertId,
    pub name: String,
    pub email: String,
    pub expertise: String,
    pub regions: String,
    pub load: String,
    pub available: bool,
    pub has_login: bool,
}

#[derive(Debug, Template)]
#[template(path = "beheer/experts.html")]
pub struct ExpertsPage {
    pub page: Page,
    pub rows: Vec<ExpertRow>,
}

#[derive(Debug, Template)]
#[template(path = "beheer/expert.html")]
pub struct ExpertPage {
    pub page: Page,
    /// `None` for a new expert.
    pub id: Option<ExpertId>,
    pub form: ExpertForm,
    /// Whether the e-mail may be edited (new experts and experts with a login).
    pub email_editable: bool,
    pub saved: bool,
    pub errors: FieldErrors,
    pub conflict: Option<ExpertForm>,
    pub regions_hint: String,
    /// The linked account's e-mail address (empty: no account).
    pub account: String,
    /// The pending invitation to link an account, if any.
    pub invitation: Option<ExpertInvitation>,
    /// The address typed in the invitation form (pre-filled with the expert's e-mail).
    pub invite_email: String,
    /// Just invited (`?uitgenodigd=1`).
    pub invited: bool,
}

impl ExpertPage {
    pub fn error(&self, field: &str) -> Option<String> {
        error_for(&self.errors, field)
    }
    /// "Open invitation to … since …", when there is one.
    pub fn pending_text(&self) -> Option<String> {
        self.invitation.as_ref().map(|i| {
            let date = crate::html::programma::aanmeldingen::date(i.invited_at);
            self.page.t_args("experts-invite-pending", &[("email", i.email.clone()), ("date", date)])
        })
    }
    pub fn action(&self) -> String {
        self.id.map_or_else(|| "/beheer/experts/nieuw".to_owned(), |id| format!("/beheer/experts/{id}"))
    }
}

fn page_for(
    page: Page,
    id: Option<ExpertId>,
    form: ExpertForm,
    email_editable: bool,
    errors: FieldErrors,
) -> ExpertPage {
    let regions_hint = page.t_args("experts-regions-hint", &[("provinces", PROVINCES.join(", "))]);
    ExpertPage {
        page: page.in_section("beheer"),
        id,
        form,
        email_editable,
        saved: false,
        errors,
        conflict: None,
        regions_hint,
        account: String::new(),
        invitation: None,
        invite_email: String::new(),
        invited: false,
    }
}

/// The page of an existing expert: the form, the linked account and the pending invitation.
pub(super) async fn page_of(
    state: &AppState,
    page: Page,
    e: &ExpertRecord,
    form: ExpertForm,
    errors: FieldErrors,
) -> Result<ExpertPage, AppError> {
    let mut v = page_for(page, Some(e.id), form, e.user_id.is_some(), errors);
    v.account = account_of(state, e).await?;
    v.invitation = state.app.read().expert_invitation(e.id).await?;
    v.invite_email = v.invitation.as_ref().map_or_else(|| e.email.clone(), |i| i.email.clone());
    Ok(v)
}

pub(super) fn with_status(status: StatusCode, v: &ExpertPage) -> Result<Response, AppError> {
    let mut res = render(v)?;
    *res.status_mut() = status;
    Ok(res)
}

fn comma_list(s: &str) -> Vec<String> {
    s.split(',').map(str::trim).filter(|x| !x.is_empty()).map(str::to_owned).collect()
}

/// Parse and check the form; the write without `expected_version`, or the field errors.
async fn parse(
    state: &AppState,
    page: &Page,
    f: &ExpertForm,
    editing: Option<&ExpertRecord>,
) -> Result<Result<ExpertWrite, FieldErrors>, AppError> {
    let lang = page.lang;
    let mut errors = FieldErrors::new();
    let name = f.naam.trim().to_owned();
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(("naam", lang.t("experts-error-name")));
    }
    // Staff keep or drop the link; they never make one (that goes by invitation).
    let user_id = editing.and_then(|e| e.user_id).filter(|_| f.ontkoppelen.is_none());
    let email = match editing {
        Some(e) if e.user_id.is_none() => e.email.clone(),
        _ => f.email.trim().to_owned(),
    };
    let valid_email = koers_core::email::Email::is_valid(&email);
    if !valid_email {
        errors.push(("email", lang.t("experts-error-email")));
    }
    let others: Vec<ExpertRecord> =
        state.app.read().list_experts().await?.into_iter().filter(|x| Some(x.id) != editing.map(|e| e.id)).collect();
    if valid_email && others.iter().any(|x| x.email.eq_ignore_ascii_case(&email)) {
        errors.push(("email", lang.t("experts-error-email-taken")));
    }
    if let Some(e) = editing
        && e.user_id.is_some()
        && user_id != e.user_id
        && !email.eq_ignore_ascii_case(&e.email)
    {
        errors.push(("email", lang.t("experts-error-email-and-account")));
    }
    let expertise = comma_list(&f.expertise);
    if expertise.iter().any(|x| x.chars().count() > 100) {
        errors.push(("expertise", lang.t("experts-error-expertise")));
    }
    let mut regions = Vec::new();
    let mut unknown = Vec::new();
    for r in comma_list(&f.regios) {
        match PROVINCES.iter().find(|p| p.eq_ignore_ascii_case(&r)) {
            Some(p) if !regions.contains(&(*p).to_owned()) => regions.push((*p).to_owned()),
            Some(_) => {}
            None => unknown.push(r),
        }
    }
    if !unknown.is_empty() {
        errors.push(("regios", lang.t_args("experts-error-regions", &[("names", unknown.join(", "))])));
    }
    let number = |raw: &str, max: i64| raw.trim().parse::<i64>().ok().filter(|n| (0..=max).contains(n));
    let trajectories = number(&f.trajecten, 100);
    if trajectories.is_none() {
        errors.push(("trajecten", lang.t("experts-error-trajectories")));
    }
    let dagdelen = number(&f.dagdelen, 2000);
    if dagdelen.is_none() {
        errors.push(("dagdelen", lang.t("experts-error-dagdelen")));
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    Ok(Ok(ExpertWrite {
        user_id,
        name,
        email,
        expertise,
        regions,
        capacity_trajectories: trajectories.unwrap_or(0),
        capacity_dagdelen: dagdelen.unwrap_or(0),
        available: f.beschikbaar.is_some(),
        expected_version: None,
    }))
}

pub async fn list(State(state): State<AppState>, user: CurrentUser, page: Page) -> Result<Response, AppError> {
    ensure_pool_admin(&user)?;
    let loads = state.app.read().expert_loads().await?;
    let rows = state
        .app
        .read()
        .list_experts()
        .await?
        .into_iter()
        .map(|e| {
            let (t, d) = loads.iter().find(|l| l.expert_id == e.id).map_or((0, 0), |l| (l.trajectories, l.dagdelen));
            ExpertRow {
                id: e.id,
                load: page.t_args(
                    "experts-load",
                    &[
                        ("trajectories", t.to_string()),
                        ("capacity", e.capacity_trajectories.to_string()),
                        ("dagdelen", d.to_string()),
                        ("dagdelencapacity", e.capacity_dagdelen.to_string()),
                    ],
                ),
                name: e.name,
                email: e.email,
                expertise: e.expertise.join(", "),
                regions: e.regions.join(", "),
                available: e.available,
                has_login: e.user_id.is_some(),
            }
        })
        .collect();
    render(&ExpertsPage { page: page.in_section("beheer"), rows })
}

pub async fn new_form(user: CurrentUser, page: Page) -> Result<Response, AppError> {
    ensure_pool_admin(&user)?;
    let form = ExpertForm {
        trajecten: "4".into(),
        dagdelen: "32".into(),
        beschikbaar: Some("1".into()),
        ..ExpertForm::default()
    };
    render(&page_for(page, None, form, true, Vec::new()))
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Form(f): Form<ExpertForm>,
) -> Result<Response, AppError> {
    ensure_pool_admin(&user)?;
    let w = match parse(&state, &page, &f, None).await? {
        Ok(w) => w,
        Err(errors) => return with_status(StatusCode::UNPROCESSABLE_ENTITY, &page_for(page, None, f, true, errors)),
    };
    match state.app.save_expert(&w, &user.actor(), now()).await {
        Ok(saved) => Ok(Redirect::to(&format!("/beheer/experts/{}?opgeslagen=1", saved.id)).into_response()),
        Err(koers_app::Error::Store(StoreError::Duplicate(_))) => {
            let errors = vec![("email", page.t("experts-error-email-taken"))];
            with_status(StatusCode::UNPROCESSABLE_ENTITY, &page_for(page, None, f, true, errors))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct Flags {
    #[serde(default)]
    opgeslagen: Option<String>,
    #[serde(default)]
    uitgenodigd: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    Id(id): Id<ExpertId>,
    user: CurrentUser,
    page: Page,
    Query(flags): Query<Flags>,
) -> Result<Response, AppError> {
    ensure_pool_admin(&user)?;
    let e = state.app.read().expert(id).await?;
    let mut v = page_of(&state, page, &e, ExpertForm::of(&e), Vec::new()).await?;
    v.saved = flags.opgeslagen.is_some();
    v.invited = flags.uitgenodigd.is_some() && v.invitation.is_some();
    render(&v)
}

pub async fn save(
    State(state): State<AppState>,
    Id(id): Id<ExpertId>,
    user: CurrentUser,
    page: Page,
    Form(f): Form<ExpertForm>,
) -> Result<Response, AppError> {
    ensure_pool_admin(&user)?;
    let e = state.app.read().expert(id).await?;
    let Ok(version) = f.version.trim().parse::<i64>() else { return Err(AppError::BadRequest(Vec::new())) };
    let editable = e.user_id.is_some();
    let f = if editable { f } else { ExpertForm { email: e.email.clone(), ..f } };
    let conflict = |state: AppState, page: Page, f: ExpertForm| async move {
        let current = state.app.read().expert(id).await?;
        let kept = ExpertForm { version: current.version.to_string(), ..f };
        let mut v = page_of(&state, page, &current, kept, Vec::new()).await?;
        v.conflict = Some(ExpertForm::of(&current));
        with_status(StatusCode::CONFLICT, &v)
    };
    if version != e.version {
        return conflict(state, page, f).await;
    }
    let mut w = match parse(&state, &page, &f, Some(&e)).await? {
        Ok(w) => w,
        Err(errors) => {
            return with_status(StatusCode::UNPROCESSABLE_ENTITY, &page_of(&state, page, &e, f, errors).await?);
        }
    };
    w.expected_version = Some(version);
    // The store finds the expert by account or e-mail: write with the stored key first when
    // the account link changes, so it updates this expert and no other.
    if w.user_id != e.user_id && e.user_id.is_some() {
        w.email = e.email.clone();
    }
    match state.app.save_expert(&w, &user.actor(), now()).await {
        Ok(_) => Ok(Redirect::to(&format!("/beheer/experts/{id}?opgeslagen=1")).into_response()),
        Err(koers_app::Error::Conflict { .. }) => conflict(state, page, f).await,
        Err(koers_app::Error::Store(StoreError::Duplicate(_))) => {
            let errors = vec![("email", page.t("experts-error-email-taken"))];
            with_status(StatusCode::UNPROCESSABLE_ENTITY, &page_of(&state, page, &e, f, errors).await?)
        }
        Err(e) => Err(e.into()),
    }
}
