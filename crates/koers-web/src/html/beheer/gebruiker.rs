//! `GET/POST /beheer/gebruikers/{id}`: edit an account (name, active, language, a new
//! password) with optimistic concurrency, and add or remove its roles. A new password or a
//! deactivation ends the user's sessions (see [`crate::auth::backend`]).

use super::grant_form::{GrantFields, Opt, grant_label};
use super::{FieldErrors, error_for};
use crate::AppError;
use crate::auth::{AuthSession, CurrentUser, SessionUser, now};
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use koers_app::accounts::{LAST_BEHEERDER, hash_password_async, validate_password};
use koers_app::store::{StoreError, User, UserUpdate};
use koers_core::access::{Action, Resource};
use koers_core::ids::{GrantId, UserId};
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct EditForm {
    #[serde(default)]
    pub naam: String,
    #[serde(default)]
    pub actief: Option<String>,
    #[serde(default)]
    pub taal: String,
    #[serde(default)]
    pub wachtwoord: String,
    #[serde(default)]
    pub version: String,
}

impl EditForm {
    fn of(u: &User) -> Self {
        Self {
            naam: u.name.clone(),
            actief: u.active.then(|| "1".into()),
            taal: u.locale.clone(),
            wachtwoord: String::new(),
            version: u.version.to_string(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct GrantRow {
    pub id: GrantId,
    pub label: String,
}

#[derive(Debug, Template)]
#[template(path = "beheer/gebruiker.html")]
pub struct UserEditPage {
    pub page: Page,
    pub id: i64,
    pub email: String,
    pub form: EditForm,
    pub saved: bool,
    pub errors: FieldErrors,
    /// The account as someone else saved it in the meantime.
    pub conflict: Option<EditForm>,
    pub grants: Vec<GrantRow>,
    pub roles: Vec<Opt>,
    pub programmes: Vec<Opt>,
    pub school: String,
    pub bestuur: String,
}

impl UserEditPage {
    pub fn error(&self, field: &str) -> Option<String> {
        error_for(&self.errors, field)
    }
}

async fn view(
    state: &AppState,
    page: Page,
    user: &User,
    form: EditForm,
    grant: &GrantFields,
    errors: FieldErrors,
) -> Result<UserEditPage, AppError> {
    let mut grants = Vec::new();
    for g in state.app.read().grants_of_user(user.id).await? {
        grants.push(GrantRow { id: g.id, label: grant_label(state, page.lang, &g.grant).await? });
    }
    let programmes = state.programmes().await?;
    Ok(UserEditPage {
        id: user.id.get(),
        email: user.email.to_string(),
        form: EditForm { wachtwoord: String::new(), ..form },
        saved: false,
        errors,
        conflict: None,
        grants,
        roles: grant.role_options(page.lang),
        programmes: grant.programme_options(page.lang, programmes.defined()),
        school: grant.school.clone(),
        bestuur: grant.bestuur.clone(),
        page: page.in_section("beheer"),
    })
}

fn with_status(status: StatusCode, v: &UserEditPage) -> Result<Response, AppError> {
    let mut res = render(v)?;
    *res.status_mut() = status;
    Ok(res)
}

#[derive(Debug, Default, Deserialize)]
pub struct Flags {
    #[serde(default)]
    opgeslagen: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    Id(id): Id<UserId>,
    me: CurrentUser,
    page: Page,
    Query(flags): Query<Flags>,
) -> Result<Response, AppError> {
    me.ensure(Action::View, Resource::Users)?;
    let user = state.app.read().user(id).await?;
    let mut v = view(&state, page, &user, EditForm::of(&user), &GrantFields::default(), Vec::new()).await?;
    v.saved = flags.opgeslagen.is_some();
    render(&v)
}

pub async fn save(
    State(state): State<AppState>,
    Id(id): Id<UserId>,
    me: CurrentUser,
    mut auth: AuthSession,
    page: Page,
    Form(f): Form<EditForm>,
) -> Result<Response, AppError> {
    me.ensure(Action::Change, Resource::Users)?;
    let user = state.app.read().user(id).await?;
    let lang = page.lang;
    let Ok(version) = f.version.trim().parse::<i64>() else { return Err(AppError::BadRequest(Vec::new())) };
    let mut errors = FieldErrors::new();
    let name = f.naam.trim().to_owned();
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(("naam", lang.t("users-error-name")));
    }
    if !f.wachtwoord.is_empty()
        && let Err(e) = validate_password(&f.wachtwoord)
    {
        errors.push(("wachtwoord", e.detail));
    }
    if !errors.is_empty() {
        let v = view(&state, page, &user, f, &GrantFields::default(), errors).await?;
        return with_status(StatusCode::UNPROCESSABLE_ENTITY, &v);
    }
    let locale = if f.taal == "en" { "en" } else { "nl" };
    let active = f.actief.is_some();
    let password_hash = match f.wachtwoord.is_empty() {
        true => None,
        false => Some(hash_password_async(f.wachtwoord.clone()).await?),
    };
    let update = UserUpdate {
        name: (name != user.name).then(|| name.clone()),
        locale: (locale != user.locale).then(|| locale.to_owned()),
        active: (active != user.active).then_some(active),
        password_hash,
    };
    match state.app.update_user(id, version, &update, &me.actor(), now()).await {
        Ok(updated) => {
            if updated.id == UserId::new(me.0.id) && auth.user.is_some() {
                // Keep the beheerder's own session valid after changing their own password.
                let principal = state.app.principal_of(updated.id).await?;
                auth.login(&SessionUser::new(&updated, principal)).await.map_err(AppError::internal)?;
            }
            Ok(Redirect::to(&format!("/beheer/gebruikers/{id}?opgeslagen=1")).into_response())
        }
        Err(koers_app::Error::LastBeheerder) => {
            let errors = vec![("actief", LAST_BEHEERDER.to_owned())];
            let v = view(&state, page, &user, f, &GrantFields::default(), errors).await?;
            with_status(StatusCode::UNPROCESSABLE_ENTITY, &v)
        }
        Err(koers_app::Error::Conflict { .. }) => {
            let current = state.app.read().user(id).await?;
            let kept = EditForm { version: current.version.to_string(), ..f };
            let mut v = view(&state, page, &current, kept, &GrantFields::default(), Vec::new()).await?;
            v.conflict = Some(EditForm::of(&current));
            with_status(StatusCode::CONFLICT, &v)
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn add_grant(
    State(state): State<AppState>,
    Id(id): Id<UserId>,
    me: CurrentUser,
    page: Page,
    Form(g): Form<GrantFields>,
) -> Result<Response, AppError> {
    me.ensure(Action::Change, Resource::Users)?;
    let user = state.app.read().user(id).await?;
    match g.parse(&state, page.lang).await? {
        Ok(grant) => match state.app.add_grant(id, &grant, &me.actor(), now()).await {
            Ok(_) => Ok(Redirect::to(&format!("/beheer/gebruikers/{id}")).into_response()),
            Err(koers_app::Error::Store(StoreError::Duplicate(_))) => {
                let errors = vec![("rol", page.t("users-error-duplicate-grant"))];
                let v = view(&state, page, &user, EditForm::of(&user), &g, errors).await?;
                with_status(StatusCode::UNPROCESSABLE_ENTITY, &v)
            }
            Err(e) => Err(e.into()),
        },
        Err(errors) => {
            let v = view(&state, page, &user, EditForm::of(&user), &g, errors).await?;
            with_status(StatusCode::UNPROCESSABLE_ENTITY, &v)
        }
    }
}

pub async fn remove_grant(
    State(state): State<AppState>,
    me: CurrentUser,
    page: Page,
    Path((id, grant)): Path<(String, String)>,
) -> Result<Response, AppError> {
    me.ensure(Action::Change, Resource::Users)?;
    let (Ok(id), Ok(grant)) = (id.parse::<UserId>(), grant.parse::<GrantId>()) else { return Err(AppError::NotFound) };
    match state.app.remove_grant(id, grant, &me.actor(), now()).await {
        Ok(()) => Ok(Redirect::to(&format!("/beheer/gebruikers/{id}")).into_response()),
        Err(koers_app::Error::LastBeheerder) => {
            let user = state.app.read().user(id).await?;
            let errors = vec![("rol", LAST_BEHEERDER.to_owned())];
            let v = view(&state, page, &user, EditForm::of(&user), &GrantFields::default(), errors).await?;
            with_status(StatusCode::CONFLICT, &v)
        }
        Err(e) => Err(e.into()),
    }
}
