//! `GET/POST /beheer/experts/{id}/inzet`: where an expert works (issue 10 §6) — the programmes
//! and sectors (none ticked = all), the standplaats (a place of the register) and the furthest
//! the expert travels. Matching ranks by them and says why. Who: `Resource::Experts`.
//! Handler: extract → `koers_app::experts::set_pool` → render.

use crate::AppError;
use crate::auth::{CurrentUser, now};
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use koers_app::Error;
use koers_app::experts::PoolInput;
use koers_app::store::ExpertRecord;
use koers_core::access::{Action, Resource};
use koers_core::ids::ExpertId;
use koers_core::matching::PoolSector;

#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

#[derive(Debug, Template)]
#[template(path = "beheer/expert_pool.html")]
pub struct PoolPage {
    pub page: Page,
    pub id: ExpertId,
    pub name: String,
    pub version: i64,
    pub programmes: Vec<Choice>,
    pub sectors: Vec<Choice>,
    pub standplaats: String,
    pub max_km: String,
    pub errors: Vec<(String, String)>,
    pub saved: bool,
}

impl PoolPage {
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.clone())
    }
}

async fn page_for(state: &AppState, page: Page, e: &ExpertRecord, input: &PoolInput) -> Result<PoolPage, AppError> {
    let all = state.app.programmes().await?;
    Ok(PoolPage {
        id: e.id,
        name: e.name.clone(),
        version: e.version,
        programmes: all
            .iter()
            .map(|p| Choice { value: p.id.clone(), label: p.name.clone(), checked: input.programmes.contains(&p.id) })
            .collect(),
        sectors: PoolSector::ALL
            .iter()
            .map(|s| Choice {
                value: s.code().to_owned(),
                label: s.label_nl().to_owned(),
                checked: input.sectors.iter().any(|x| x == s.code()),
            })
            .collect(),
        standplaats: input.standplaats.clone(),
        max_km: input.max_km.clone(),
        errors: Vec::new(),
        saved: false,
        page: page.in_section("beheer"),
    })
}

fn input_of(e: &ExpertRecord) -> PoolInput {
    PoolInput {
        programmes: e.pool.programmes.clone(),
        sectors: e.pool.sectors.clone(),
        standplaats: e.pool.base_place.clone().unwrap_or_default(),
        max_km: e.pool.max_distance_km.map(|k| k.to_string()).unwrap_or_default(),
    }
}

pub async fn show(
    State(state): State<AppState>,
    Id(id): Id<ExpertId>,
    user: CurrentUser,
    page: Page,
) -> Result<Response, AppError> {
    user.ensure(Action::Change, Resource::Experts)?;
    let e = state.app.read().expert(id).await?;
    render(&page_for(&state, page, &e, &input_of(&e)).await?)
}

pub async fn save(
    State(state): State<AppState>,
    Id(id): Id<ExpertId>,
    user: CurrentUser,
    page: Page,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    user.ensure(Action::Change, Resource::Experts)?;
    let e = state.app.read().expert(id).await?;
    let value = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default();
    let input = PoolInput {
        programmes: pairs.iter().filter(|(n, _)| n == "programma").map(|(_, v)| v.clone()).collect(),
        sectors: pairs.iter().filter(|(n, _)| n == "sector").map(|(_, v)| v.clone()).collect(),
        standplaats: value("standplaats"),
        max_km: value("max_km"),
    };
    let version = value("version").trim().parse::<i64>().unwrap_or(0);
    match state.app.set_expert_pool(id, version, &input, &user.actor(), now()).await {
        Ok(_) => Ok(Redirect::to(&format!("/beheer/experts/{id}/inzet")).into_response()),
        Err(Error::Invalid(errors)) => {
            let mut v = page_for(&state, page, &e, &input).await?;
            v.errors = errors.into_iter().map(|f| (f.field, f.detail)).collect();
            let mut res = render(&v)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(Error::Conflict { .. }) => {
            let mut v = page_for(&state, page, &e, &input).await?;
            v.errors = vec![("standplaats".into(), page_conflict())];
            let mut res = render(&v)?;
            *res.status_mut() = StatusCode::CONFLICT;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

fn page_conflict() -> String {
    koers_app::store::StoreError::Conflict { expected: 0, actual: 0 }
        .to_string()
        .split(" (versie")
        .next()
        .unwrap_or_default()
        .to_owned()
}
