//! Account requests for programme staff (issue 10 §5): `GET /programma/accountaanvragen`
//! (the queue, per status), `GET /programma/accountaanvragen/{id}` (the school or board and the
//! requester, side by side, with the decision forms) and
//! `POST /programma/accountaanvragen/{id}/besluit` (approve, or decline with a reason).
//! Staff of any programme and beheerders ([`Resource::AccountRequests`]); the rule and the
//! write are [`koers_app::App::decide_account_request`]. Requests made after a first sign-in
//! through an OpenID provider are in the same queue, marked with the provider and the
//! organisation it named; approving one links that sign-in to the new account.

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router, routing::get, routing::post};
use koers_app::store::{AccountRequestId, AccountRequestRecord, RequestStatus, RequestSubject, StoreError};
use koers_core::access::{Action, Resource};
use koers_core::calendar::datetime_nl;
use koers_core::ids::{BoardNumber, SchoolId};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/programma/accountaanvragen", get(list))
        .route("/programma/accountaanvragen/{id}", get(show))
        .route("/programma/accountaanvragen/{id}/besluit", post(decide))
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    status: String,
}

/// A status filter link.
#[derive(Debug, Clone)]
pub struct Filter {
    pub href: String,
    pub label: String,
    pub current: bool,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub href: String,
    pub when: String,
    pub name: String,
    pub function_title: String,
    pub email: String,
    pub about: String,
    pub status: String,
    /// The provider and organisation of a request made through a provider sign-in, else a dash.
    pub via: String,
}

#[derive(Debug, Template)]
#[template(path = "programma/accountaanvragen.html")]
pub struct ListPage {
    pub page: Page,
    pub filters: Vec<Filter>,
    pub rows: Vec<Row>,
}

/// "SURFconext (organisatie: school.nl)" for a request made through a provider, else the note
/// that it was made with an address and a password.
fn via(state: &AppState, page: &Page, r: &AccountRequestRecord) -> String {
    match &r.identity {
        Some(i) => {
            let provider = state.oidc.config(&i.provider).map_or_else(|| i.provider.clone(), |c| c.name.clone());
            let organisation = if i.organisation.is_empty() { "–".to_owned() } else { i.organisation.clone() };
            page.t_args("accreq-via-value", &[("provider", provider), ("organisation", organisation)])
        }
        None => page.t("accreq-via-none"),
    }
}

fn status_label(page: &Page, s: RequestStatus) -> String {
    page.t(&format!("accreq-status-{}", s.code()))
}

async fn about(state: &AppState, page: &Page, subject: RequestSubject) -> Result<String, AppError> {
    Ok(match koers_app::account_requests::subject_name(state.app.read(), subject).await {
        Ok(name) => name,
        Err(koers_app::Error::NotFound) => page.t("accreq-subject-gone"),
        Err(e) => return Err(e.into()),
    })
}

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    user.ensure(Action::View, Resource::AccountRequests)?;
    let page = page.in_section("mijn-home");
    let status = RequestStatus::from_code(q.status.trim()).unwrap_or(RequestStatus::Bevestigd);
    let filters = RequestStatus::ALL
        .into_iter()
        .map(|s| Filter {
            href: format!("/programma/accountaanvragen?status={}", s.code()),
            label: status_label(&page, s),
            current: s == status,
        })
        .collect();
    let mut rows = Vec::new();
    for r in state.app.read().account_requests(Some(status)).await? {
        rows.push(Row {
            href: format!("/programma/accountaanvragen/{}", r.id),
            when: datetime_nl(r.created_at),
            about: about(&state, &page, r.subject).await?,
            status: status_label(&page, r.status),
            via: via(&state, &page, &r),
            name: r.name,
            function_title: r.function_title,
            email: r.email,
        });
    }
    render(&ListPage { page, filters, rows })
}

#[derive(Debug, Template)]
#[template(path = "programma/accountaanvraag.html")]
pub struct DetailPage {
    pub page: Page,
    pub r: AccountRequestRecord,
    pub status: String,
    pub requested: String,
    pub confirmed: String,
    pub decided: String,
    /// The school's or board's page and name.
    pub subject_href: String,
    pub about: String,
    /// Facts about the school or board (label, value).
    pub facts: Vec<(String, String)>,
    /// A note comparing the e-mail domain with the school's website, when there is one.
    pub domain_note: Option<String>,
    pub can_decide: bool,
    /// How the requester signs in ([`via`]).
    pub via: String,
    pub notice: Option<String>,
    pub reason: String,
    pub errors: Vec<(String, String)>,
}

impl DetailPage {
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.clone())
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct Flags {
    #[serde(default)]
    besluit: Option<String>,
}

/// The host of a website without `www.`, lower case.
fn site_domain(website: &str) -> String {
    let rest = website.split("://").nth(1).unwrap_or(website);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("").to_lowercase();
    host.strip_prefix("www.").unwrap_or(&host).to_owned()
}

async fn detail(state: &AppState, page: Page, id: AccountRequestId) -> Result<DetailPage, AppError> {
    let r = state.app.read().account_request(id).await?;
    let mut facts = Vec::new();
    let mut domain_note = None;
    let subject_href = match r.subject {
        RequestSubject::School(sid) => {
            match state.app.read().school(SchoolId::new(sid.get())).await {
                Ok(s) => {
                    facts.push((page.t("accreq-fact-ovt"), s.ovt.to_string()));
                    facts.push((page.t("accreq-fact-place"), s.place.clone().unwrap_or_default()));
                    if let Some(n) = s.board_number {
                        let board = match state.app.read().board(n).await {
                            Ok(b) => format!("{} ({n})", b.name),
                            Err(StoreError::NotFound) => n.to_string(),
                            Err(e) => return Err(e.into()),
                        };
                        facts.push((page.t("accreq-fact-board"), board));
                    }
                    if let Some(w) = s.website.as_deref().filter(|w| !w.trim().is_empty()) {
                        facts.push((page.t("accreq-fact-website"), w.to_owned()));
                        let site = site_domain(w);
                        let mail = r.email.rsplit('@').next().unwrap_or("").to_lowercase();
                        let key = if !site.is_empty() && (mail == site || mail.ends_with(&format!(".{site}"))) {
                            "accreq-domain-match"
                        } else {
                            "accreq-domain-differs"
                        };
                        domain_note = Some(page.t_args(key, &[("domain", mail), ("site", site)]));
                    }
                }
                Err(StoreError::NotFound) => {}
                Err(e) => return Err(e.into()),
            }
            format!("/scholen/{sid}")
        }
        RequestSubject::Board(n) => {
            let schools = state.app.read().schools_of_board(BoardNumber::new(n.get())).await?;
            facts.push((page.t("accreq-fact-number"), n.to_string()));
            facts.push((page.t("accreq-fact-schools"), schools.len().to_string()));
            format!("/bestuur/{n}")
        }
    };
    let when = |t: Option<i64>| t.map(datetime_nl).unwrap_or_else(|| "–".into());
    Ok(DetailPage {
        status: status_label(&page, r.status),
        requested: datetime_nl(r.created_at),
        confirmed: when(r.confirmed_at),
        decided: when(r.decided_at),
        about: about(state, &page, r.subject).await?,
        subject_href,
        facts,
        domain_note,
        can_decide: r.status == RequestStatus::Bevestigd,
        via: via(state, &page, &r),
        notice: None,
        reason: String::new(),
        errors: Vec::new(),
        r,
        page,
    })
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Id(id): Id<AccountRequestId>,
    Query(flags): Query<Flags>,
) -> Result<Response, AppError> {
    user.ensure(Action::View, Resource::AccountRequests)?;
    let mut v = detail(&state, page.in_section("mijn-home"), id).await?;
    v.notice = match flags.besluit.as_deref().and_then(RequestStatus::from_code) {
        Some(RequestStatus::Goedgekeurd) => Some(v.page.t("accreq-done-approved")),
        Some(RequestStatus::Afgewezen) => Some(v.page.t("accreq-done-declined")),
        _ => None,
    };
    render(&v)
}

#[derive(Debug, Default, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    besluit: String,
    #[serde(default)]
    reden: String,
    #[serde(default)]
    version: String,
}

pub async fn decide(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Id(id): Id<AccountRequestId>,
    Form(f): Form<DecisionForm>,
) -> Result<Response, AppError> {
    user.ensure(Action::Change, Resource::AccountRequests)?;
    let approve = match f.besluit.as_str() {
        "goedkeuren" => true,
        "afwijzen" => false,
        _ => return Err(AppError::BadRequest(Vec::new())),
    };
    let version = f.version.trim().parse::<i64>().map_err(|_| AppError::BadRequest(Vec::new()))?;
    let now = crate::auth::now();
    let outcome = state
        .app
        .decide_account_request(
            user.principal(),
            id,
            version,
            approve,
            &f.reden,
            &user.actor(),
            now,
            &state.config.base_url,
        )
        .await;
    let status = match outcome {
        Ok((r, _)) => {
            let done = if approve { RequestStatus::Goedgekeurd } else { RequestStatus::Afgewezen }.code();
            return Ok(Redirect::to(&format!("/programma/accountaanvragen/{}?besluit={done}", r.id)).into_response());
        }
        Err(koers_app::Error::Invalid(fields)) => {
            let mut v = detail(&state, page.in_section("mijn-home"), id).await?;
            v.reason = f.reden.trim().to_owned();
            v.errors = fields.into_iter().map(|e| (e.field, e.detail)).collect();
            (StatusCode::UNPROCESSABLE_ENTITY, v)
        }
        Err(koers_app::Error::Conflict { .. }) => {
            let mut v = detail(&state, page.in_section("mijn-home"), id).await?;
            v.errors = vec![("besluit".into(), v.page.t("accreq-conflict"))];
            (StatusCode::CONFLICT, v)
        }
        Err(e) => return Err(e.into()),
    };
    let (code, v) = status;
    let mut res = render(&v)?;
    *res.status_mut() = code;
    Ok(res)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_site_domain_drops_scheme_www_and_path() {
        assert_eq!(super::site_domain("https://www.morgenster.nl/contact"), "morgenster.nl");
        assert_eq!(super::site_domain("morgenster.nl"), "morgenster.nl");
        assert_eq!(super::site_domain("http://School.NL?x"), "school.nl");
    }
}
