//! `GET /trajecten/{id}/plan/versies` (every version: number, status, signatures, the reason of
//! a bijstelling; a form to pick two) and `GET /trajecten/{id}/plan/vergelijken?a=&b=` (what
//! changed from version a to b, field by field, before and after side by side).

use super::view::{self, GoalRow, MeasureRow};
use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use koers_core::ids::TrajectoryId;
use koers_core::plan::{ChangeKind, PlanHistory};
use serde::Deserialize;

#[derive(Debug, Clone)]
pub struct VersionRow {
    pub number: u32,
    pub status: String,
    pub created: String,
    pub vastgesteld: String,
    pub signed_by: String,
    pub reason: String,
}

#[derive(Debug, Template)]
#[template(path = "plan/versions.html")]
pub struct VersionsPage {
    pub page: Page,
    pub id: TrajectoryId,
    pub rows: Vec<VersionRow>,
    pub a: u32,
    pub b: u32,
}

#[derive(Debug, Clone)]
pub struct ChangeRow {
    pub label: String,
    /// `toegevoegd`, `verwijderd`, `gewijzigd` (translated).
    pub kind: String,
    pub fields: Vec<(String, String, String)>,
}

#[derive(Debug, Template)]
#[template(path = "plan/compare.html")]
pub struct ComparePage {
    pub page: Page,
    pub id: TrajectoryId,
    pub a: u32,
    pub b: u32,
    pub changes: Vec<ChangeRow>,
    /// Version a, then version b: (number, goals, measures).
    pub sides: Vec<(u32, Vec<GoalRow>, Vec<MeasureRow>)>,
}

fn history(c: &koers_app::plans::PlanCase) -> Result<PlanHistory, AppError> {
    c.history().ok_or(AppError::NotFound)
}

pub async fn list(
    State(state): State<AppState>,
    Id(id): Id<TrajectoryId>,
    user: CurrentUser,
    page: Page,
) -> Result<Response, AppError> {
    let c = super::load(&state, &user, id).await?;
    let h = history(&c)?;
    let rows = h
        .versions()
        .iter()
        .map(|v| VersionRow {
            number: v.number,
            status: v.status.label_nl().to_owned(),
            created: koers_core::calendar::Date::of_instant(v.created_at).nl(),
            vastgesteld: v.vastgesteld_on().map(|d| d.nl()).unwrap_or_default(),
            signed_by: view::signature_rows(v)
                .iter()
                .map(|s| format!("{} ({})", s.role_name, s.date))
                .collect::<Vec<_>>()
                .join(", "),
            reason: v.bijstelling.as_ref().map(|b| b.reason.clone()).unwrap_or_default(),
        })
        .collect::<Vec<_>>();
    let b = rows.last().map_or(1, |r| r.number);
    let a = b.saturating_sub(1).max(1);
    render(&VersionsPage { page: page.in_section("mijn-home"), id, rows, a, b })
}

#[derive(Debug, Default, Deserialize)]
pub struct Pair {
    #[serde(default)]
    a: String,
    #[serde(default)]
    b: String,
}

pub async fn compare(
    State(state): State<AppState>,
    Id(id): Id<TrajectoryId>,
    user: CurrentUser,
    page: Page,
    Query(q): Query<Pair>,
) -> Result<Response, AppError> {
    let c = super::load(&state, &user, id).await?;
    let h = history(&c)?;
    let number = |s: &str| s.trim().parse::<u32>().ok().filter(|n| h.version(*n).is_some());
    let (Some(a), Some(b)) = (number(&q.a), number(&q.b)) else { return Err(AppError::NotFound) };
    let (Some(va), Some(vb), Some(diff)) = (h.version(a), h.version(b), h.compare(a, b)) else {
        return Err(AppError::NotFound);
    };
    let lang = page.lang;
    let changes = diff
        .changes
        .iter()
        .map(|ch| ChangeRow {
            label: ch.label.clone(),
            kind: match &ch.kind {
                ChangeKind::Added => lang.t("plan-change-added"),
                ChangeKind::Removed => lang.t("plan-change-removed"),
                ChangeKind::Changed { .. } => lang.t("plan-change-changed"),
            },
            fields: match &ch.kind {
                ChangeKind::Changed { fields } => {
                    fields.iter().map(|f| (f.label.clone(), f.before.clone(), f.after.clone())).collect()
                }
                _ => Vec::new(),
            },
        })
        .collect();
    let (ma1, ma2) = view::measure_rows(&va.plan);
    let (mb1, mb2) = view::measure_rows(&vb.plan);
    render(&ComparePage {
        page: page.in_section("mijn-home"),
        id,
        a,
        b,
        changes,
        sides: vec![
            (a, view::goal_rows(&va.plan), ma1.into_iter().chain(ma2).collect()),
            (b, view::goal_rows(&vb.plan), mb1.into_iter().chain(mb2).collect()),
        ],
    })
}
