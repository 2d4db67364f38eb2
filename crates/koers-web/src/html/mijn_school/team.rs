//! `GET/POST /mijn-school/{id}/team`, `POST /mijn-school/{id}/team/{user}/verwijderen`: the
//! school leader's team (issue 8 §3). The leader (or a beheerder) invites a colleague by e-mail
//! (an existing account gets the `schoolteam` role on this school; a new one is made with the
//! first password the leader chose) and can take the role away. Everyone else: 403.

use crate::AppError;
use crate::auth::{CurrentUser, now};
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use koers_app::selfevals::team::Invitation;
use koers_core::ids::{SchoolId, UserId};
use serde::Deserialize;

#[derive(Debug, Clone)]
pub struct Member {
    pub id: i64,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    pub naam: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub wachtwoord: String,
}

#[derive(Debug, Template)]
#[template(path = "mijn_school/team.html")]
pub struct TeamPage {
    pub page: Page,
    pub school_id: SchoolId,
    pub school_name: String,
    pub members: Vec<Member>,
    pub form: InviteForm,
    /// (field, message)
    pub errors: Vec<(String, String)>,
    pub notice: Option<String>,
}

impl TeamPage {
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct Flags {
    #[serde(default)]
    toegevoegd: Option<String>,
    #[serde(default)]
    verwijderd: Option<String>,
}

async fn page_for(state: &AppState, user: &CurrentUser, page: Page, id: SchoolId) -> Result<TeamPage, AppError> {
    let members = state.app.team_members(user.principal(), id).await?;
    let school = state.app.read().school(id).await?;
    Ok(TeamPage {
        page: page.in_section("mijn-home"),
        school_id: id,
        school_name: school.name,
        members: members
            .into_iter()
            .map(|(u, _)| Member { id: u.id.get(), name: u.name, email: u.email.into_string() })
            .collect(),
        form: InviteForm::default(),
        errors: Vec::new(),
        notice: None,
    })
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Id(id): Id<SchoolId>,
    Query(flags): Query<Flags>,
) -> Result<Response, AppError> {
    let mut v = page_for(&state, &user, page, id).await?;
    v.notice = match (flags.toegevoegd, flags.verwijderd) {
        (Some(name), _) => Some(v.page.t_args("team-added", &[("name", name)])),
        (None, Some(_)) => Some(v.page.t("team-removed")),
        _ => None,
    };
    render(&v)
}

pub async fn invite(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Id(id): Id<SchoolId>,
    Form(f): Form<InviteForm>,
) -> Result<Response, AppError> {
    let inv = Invitation { email: f.email.clone(), name: f.naam.clone(), password: f.wachtwoord.clone() };
    match state.app.invite_team_member(user.principal(), id, &inv, &user.actor(), now()).await {
        Ok(u) => {
            let q = serde_urlencoded::to_string([("toegevoegd", u.name.as_str())]).unwrap_or_default();
            Ok(Redirect::to(&format!("/mijn-school/{id}/team?{q}")).into_response())
        }
        Err(koers_app::Error::Invalid(errors)) => {
            let mut v = page_for(&state, &user, page, id).await?;
            // The account fields are named as in the form.
            v.errors = errors
                .into_iter()
                .map(|e| {
                    let field = match e.field.as_str() {
                        "name" => "naam".to_owned(),
                        "password" => "wachtwoord".to_owned(),
                        other => other.to_owned(),
                    };
                    (field, e.detail)
                })
                .collect();
            v.form = InviteForm { wachtwoord: String::new(), ..f };
            let mut res = render(&v)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn remove(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, member)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (Ok(id), Ok(member)) = (id.parse::<SchoolId>(), member.parse::<UserId>()) else {
        return Err(AppError::NotFound);
    };
    state.app.remove_team_member(user.principal(), id, member, &user.actor(), now()).await?;
    Ok(Redirect::to(&format!("/mijn-school/{id}/team?verwijderd=1")).into_response())
}
