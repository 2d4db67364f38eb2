//! `GET /beheer/gebruikers` (the list) and `GET/POST /beheer/gebruikers/nieuw` (a new account
//! with its first role; the password is hashed with argon2id by the use case).

use super::grant_form::{GrantFields, Opt, grant_label};
use super::{FieldErrors, error_for};
use crate::AppError;
use crate::auth::{CurrentUser, now};
use crate::html::page::Page;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use koers_app::accounts::{NewUserInput, validate_new_user};
use koers_core::access::{Action, Resource};
use serde::Deserialize;

#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub roles: Vec<String>,
    pub active: bool,
}

#[derive(Debug, Template)]
#[template(path = "beheer/gebruikers.html")]
pub struct UsersPage {
    pub page: Page,
    pub users: Vec<UserRow>,
}

pub async fn list(State(state): State<AppState>, user: CurrentUser, page: Page) -> Result<Response, AppError> {
    user.ensure(Action::View, Resource::Users)?;
    let mut rows = Vec::new();
    for u in state.app.read().list_users().await? {
        let mut roles = Vec::new();
        for g in state.app.read().grants_of_user(u.id).await? {
            roles.push(grant_label(&state, page.lang, &g.grant).await?);
        }
        rows.push(UserRow { id: u.id.get(), name: u.name, email: u.email.into_string(), roles, active: u.active });
    }
    render(&UsersPage { page: page.in_section("beheer"), users: rows })
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewUserForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub naam: String,
    #[serde(default)]
    pub wachtwoord: String,
    #[serde(default)]
    pub taal: String,
    #[serde(flatten)]
    pub grant: GrantFields,
}

#[derive(Debug, Template)]
#[template(path = "beheer/gebruiker_nieuw.html")]
pub struct NewUserPage {
    pub page: Page,
    pub email: String,
    pub naam: String,
    pub taal: String,
    pub school: String,
    pub bestuur: String,
    pub roles: Vec<Opt>,
    pub programmes: Vec<Opt>,
    pub errors: FieldErrors,
}

impl NewUserPage {
    pub fn error(&self, field: &str) -> Option<String> {
        error_for(&self.errors, field)
    }
}

async fn view(state: &AppState, page: Page, f: &NewUserForm, errors: FieldErrors) -> Result<NewUserPage, AppError> {
    let programmes = state.programmes().await?;
    Ok(NewUserPage {
        email: f.email.clone(),
        naam: f.naam.clone(),
        taal: if f.taal == "en" { "en".into() } else { "nl".into() },
        school: f.grant.school.clone(),
        bestuur: f.grant.bestuur.clone(),
        roles: f.grant.role_options(page.lang),
        programmes: f.grant.programme_options(page.lang, programmes.defined()),
        errors,
        page: page.in_section("beheer"),
    })
}

pub async fn new_form(State(state): State<AppState>, user: CurrentUser, page: Page) -> Result<Response, AppError> {
    user.ensure(Action::Change, Resource::Users)?;
    render(&view(&state, page, &NewUserForm::default(), Vec::new()).await?)
}

/// Rename the use case's field names to the form's.
fn form_field(field: &str) -> &'static str {
    match field {
        "email" => "email",
        "name" => "naam",
        "password" => "wachtwoord",
        _ => "form",
    }
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Form(f): Form<NewUserForm>,
) -> Result<Response, AppError> {
    user.ensure(Action::Change, Resource::Users)?;
    let mut errors: FieldErrors = validate_new_user(&f.email, &f.naam, &f.wachtwoord)
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|e| (form_field(&e.field), e.detail))
        .collect();
    let grant = match f.grant.parse(&state, page.lang).await? {
        Ok(g) => Some(g),
        Err(e) => {
            errors.extend(e);
            None
        }
    };
    if let (true, Some(grant)) = (errors.is_empty(), grant) {
        let input = NewUserInput {
            email: f.email.clone(),
            name: f.naam.clone(),
            password: f.wachtwoord.clone(),
            locale: f.taal.clone(),
            grants: vec![grant],
        };
        match state.app.create_user(&input, &user.actor(), now()).await {
            Ok(created) => return Ok(Redirect::to(&format!("/beheer/gebruikers/{}", created.id)).into_response()),
            Err(koers_app::Error::Invalid(es)) => {
                errors.extend(es.into_iter().map(|e| (form_field(&e.field), e.detail)))
            }
            Err(e) => return Err(e.into()),
        }
    }
    let mut res = render(&view(&state, page, &f, errors).await?)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}
