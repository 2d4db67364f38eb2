//! Getting in (issue 10 §5), the public side: `GET/POST /account-aanvragen` (choose a school or
//! board from the register, then name, e-mail, function and a password) and
//! `GET/POST /account-aanvragen/bevestigen/{token}` (the e-mail link; the GET only shows a
//! button, so a mail scanner that opens links confirms nothing). No login; the POSTs share the
//! login's rate limits ([`crate::limits::login_limit`]). Rules live in
//! [`koers_app::account_requests`]; this extracts, calls one use case, renders.
//!
//! After a first sign-in through an OpenID provider that matched no account the validated
//! identity waits in the session ([`super::oidc::pending_request`]): the same form then says
//! so, asks no password, and the request carries the identity (linked on approval).

use super::{AuthSession, now};
use crate::AppError;
use crate::html::page::Page;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Form, Router, routing::get};
use koers_app::account_requests::{AccountLinkRefusal, RequestInput};
use koers_app::store::{RequestSubject, StoreError};
use koers_core::ids::{BoardNumber, SchoolId};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/account-aanvragen", get(form).post(submit))
        .route("/account-aanvragen/bevestigen/{token}", get(confirm_form).post(confirm))
}

const SEARCH_LIMIT: i64 = 20;

#[derive(Debug, Default, Deserialize)]
pub struct Choose {
    #[serde(default)]
    q: String,
    #[serde(default)]
    school: Option<String>,
    #[serde(default)]
    bestuur: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    naam: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    functie: String,
    #[serde(default)]
    wachtwoord: String,
    #[serde(default)]
    wachtwoord_herhaling: String,
}

/// A school found by the search, with the two accounts one can ask for.
#[derive(Debug, Clone)]
pub struct Found {
    pub name: String,
    pub meta: String,
    pub school_href: String,
    pub school_label: String,
    /// `(href, link text)` for the board's account when the school has a board in the register.
    pub board: Option<(String, String)>,
}

#[derive(Debug, Template)]
#[template(path = "auth/aanvragen.html")]
pub struct RequestPage {
    pub page: Page,
    pub q: String,
    pub found: Vec<Found>,
    pub search_message: Option<String>,
    /// The chosen school or board (with what the account will be), when one is chosen.
    pub chosen: Option<String>,
    /// `?school=…` / `?bestuur=…` for the form action.
    pub action_query: String,
    pub naam: String,
    pub email: String,
    pub functie: String,
    pub errors: Vec<(String, String)>,
    /// After a first sign-in through a provider: what the page says about it (the provider,
    /// the e-mail address); no password fields then.
    pub via: Option<Via>,
}

/// The provider sign-in a request continues.
#[derive(Debug, Clone)]
pub struct Via {
    pub intro: String,
    pub email_note: String,
}

impl RequestPage {
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.clone())
    }
}

/// A short page after a step or a refused link.
#[derive(Debug, Template)]
#[template(path = "auth/bericht.html")]
pub struct MessagePage {
    pub page: Page,
    pub title: String,
    pub message: String,
    /// `(href, text)` of the next step.
    pub next: Option<(String, String)>,
}

pub(crate) fn with_status(status: StatusCode, t: &impl Template) -> Result<Response, AppError> {
    let mut res = render(t)?;
    *res.status_mut() = status;
    Ok(res)
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A refused account link as a page: unknown 404, expired 410, used 409.
pub(crate) fn link_refused(page: Page, e: koers_app::Error, again: (&str, String)) -> Result<Response, AppError> {
    let status = match &e {
        koers_app::Error::AccountLink(AccountLinkRefusal::Unknown) | koers_app::Error::NotFound => {
            StatusCode::NOT_FOUND
        }
        koers_app::Error::AccountLink(AccountLinkRefusal::Expired) => StatusCode::GONE,
        koers_app::Error::AccountLink(AccountLinkRefusal::Used) => StatusCode::CONFLICT,
        _ => return Err(e.into()),
    };
    let view = MessagePage {
        title: page.t("access-link-refused"),
        message: capitalised(&e.to_string()),
        next: Some((again.0.to_owned(), again.1)),
        page,
    };
    with_status(status, &view)
}

/// The subject chosen in the query, if it exists in the register, with its description.
async fn chosen(state: &AppState, page: &Page, c: &Choose) -> Result<Option<(RequestSubject, String)>, AppError> {
    let read = state.app.read();
    if let Some(id) = c.school.as_deref().and_then(|s| s.trim().parse::<i64>().ok()) {
        return match read.school(SchoolId::new(id)).await {
            Ok(s) => {
                let what = page.t_args(
                    "access-chosen-school",
                    &[("name", s.name), ("ovt", s.ovt.into()), ("place", s.place.unwrap_or_default())],
                );
                Ok(Some((RequestSubject::School(SchoolId::new(id)), what)))
            }
            Err(StoreError::NotFound) => Ok(None),
            Err(e) => Err(e.into()),
        };
    }
    if let Some(n) = c.bestuur.as_deref().and_then(|s| s.trim().parse::<i64>().ok()) {
        return match read.board(BoardNumber::new(n)).await {
            Ok(b) => {
                let what = page.t_args("access-chosen-board", &[("name", b.name), ("number", n.to_string())]);
                Ok(Some((RequestSubject::Board(BoardNumber::new(n)), what)))
            }
            Err(StoreError::NotFound) => Ok(None),
            Err(e) => Err(e.into()),
        };
    }
    Ok(None)
}

async fn view(state: &AppState, page: Page, c: &Choose, auth: &AuthSession) -> Result<RequestPage, AppError> {
    let page = page.in_section("login");
    let pending = super::oidc::pending_request(state, &auth.session).await;
    let via = pending.as_ref().map(|(p, name)| {
        let args = [("provider", name.clone())];
        let key = if p.email_vouched { "access-via-email-vouched" } else { "access-via-email-unvouched" };
        Via { intro: page.t_args("access-via-provider", &args), email_note: page.t_args(key, &args) }
    });
    let mut v = RequestPage {
        q: c.q.trim().to_owned(),
        found: Vec::new(),
        search_message: None,
        chosen: None,
        action_query: String::new(),
        naam: pending.as_ref().map(|(p, _)| p.name.clone()).unwrap_or_default(),
        email: pending.as_ref().map(|(p, _)| p.email.clone()).unwrap_or_default(),
        functie: String::new(),
        errors: Vec::new(),
        via,
        page,
    };
    if let Some((subject, what)) = chosen(state, &v.page, c).await? {
        v.chosen = Some(what);
        v.action_query = match subject {
            RequestSubject::School(id) => format!("?school={id}"),
            RequestSubject::Board(n) => format!("?bestuur={n}"),
        };
        return Ok(v);
    }
    if v.q.chars().count() >= 2 {
        let schools = state.search.search(state.app.read(), &v.q, SEARCH_LIMIT, now()).await?;
        for s in schools {
            let board = match s.board_number {
                Some(n) => match state.app.read().board(n).await {
                    Ok(b) => Some((
                        format!("/account-aanvragen?bestuur={n}"),
                        v.page.t_args("access-for-board", &[("name", b.name)]),
                    )),
                    Err(StoreError::NotFound) => None,
                    Err(e) => return Err(e.into()),
                },
                None => None,
            };
            v.found.push(Found {
                meta: format!("{} · {}", s.ovt, s.place.clone().unwrap_or_default()),
                school_label: v.page.t_args("access-for-school", &[("name", s.name.clone())]),
                name: s.name,
                school_href: format!("/account-aanvragen?school={}", s.id),
                board,
            });
        }
        if v.found.is_empty() {
            v.search_message = Some(v.page.t_args("search-none", &[("q", v.q.clone())]));
        }
    } else if !v.q.is_empty() {
        v.search_message = Some(v.page.t("search-too-short"));
    }
    Ok(v)
}

pub async fn form(
    State(state): State<AppState>,
    auth: AuthSession,
    page: Page,
    Query(c): Query<Choose>,
) -> Result<Response, AppError> {
    render(&view(&state, page, &c, &auth).await?)
}

pub async fn submit(
    State(state): State<AppState>,
    auth: AuthSession,
    page: Page,
    Query(c): Query<Choose>,
    Form(f): Form<RequestForm>,
) -> Result<Response, AppError> {
    let subject = chosen(&state, &page, &c).await?.map(|(s, _)| s);
    let identity = super::oidc::pending_request(&state, &auth.session).await.map(|(p, _)| p);
    let input = RequestInput {
        subject,
        name: f.naam.clone(),
        email: f.email.clone(),
        function_title: f.functie.clone(),
        password: f.wachtwoord,
        password_again: f.wachtwoord_herhaling,
        locale: page.lang.code().to_owned(),
        identity,
    };
    match state.app.request_account(&input, &state.config.base_url, now()).await {
        Ok(r) => {
            if input.identity.is_some() {
                super::oidc::request_made(&auth.session).await;
            }
            let (title, text) = match r.status {
                koers_app::store::RequestStatus::Bevestigd => {
                    ("access-requested-via-title", "access-requested-via-text")
                }
                _ => ("access-requested-title", "access-requested-text"),
            };
            let message = page.t_args(text, &[("email", r.email)]);
            render(&MessagePage { title: page.t(title), message, next: None, page })
        }
        Err(koers_app::Error::Invalid(fields)) => {
            let mut v = view(&state, page, &c, &auth).await?;
            v.naam = f.naam.trim().to_owned();
            v.email = f.email.trim().to_owned();
            v.functie = f.functie.trim().to_owned();
            v.errors = fields.into_iter().map(|e| (e.field, capitalised(&e.detail))).collect();
            with_status(StatusCode::UNPROCESSABLE_ENTITY, &v)
        }
        Err(koers_app::Error::Busy(_)) => Err(AppError::busy()),
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Template)]
#[template(path = "auth/aanvragen_bevestigen.html")]
pub struct ConfirmPage {
    pub page: Page,
    pub token: String,
    pub name: String,
    pub email: String,
    pub about: String,
}

fn again(page: &Page) -> (&'static str, String) {
    ("/account-aanvragen", page.t("access-request-again"))
}

pub async fn confirm_form(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let page = page.in_section("login");
    match state.app.account_request_for_link(&token, now()).await {
        Ok(r) => {
            let about = koers_app::account_requests::subject_name(state.app.read(), r.subject).await?;
            render(&ConfirmPage { page, token, name: r.name, email: r.email, about })
        }
        Err(e) => {
            let a = again(&page);
            link_refused(page, e, a)
        }
    }
}

pub async fn confirm(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let page = page.in_section("login");
    match state.app.confirm_account_request(&token, now()).await {
        Ok(_) => {
            let message = page.t("access-confirmed-text");
            render(&MessagePage { title: page.t("access-confirmed-title"), message, next: None, page })
        }
        Err(e) => {
            let a = again(&page);
            link_refused(page, e, a)
        }
    }
}
