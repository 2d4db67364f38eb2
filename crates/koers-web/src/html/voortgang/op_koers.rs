//! The staff dashboard's early warning and learning (issue 9 items 3 and 6):
//! `GET /programma/op-koers[?reden=KIND&programma=ID]` — the running trajectories of the
//! reader's programmes that are not on course, with their reasons, filterable by reason kind
//! and programme; `GET /programma/leren[?programma=ID]` — per measure activity type how the
//! indicators moved across the programme's trajectories (correlation, not cause). For
//! programme staff (their own programmes) and beheerders.

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::programma::aanmeldingen::ensure_staff;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::{Router, routing::get};
use koers_app::voortgang::course::CourseRow;
use koers_core::ids::TrajectoryId;
use koers_core::op_koers::ReasonKind;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/programma/op-koers", get(show)).route("/programma/leren", get(learning))
}

#[derive(Debug, Default, Deserialize)]
pub struct Filter {
    #[serde(default)]
    reden: String,
    #[serde(default)]
    programma: String,
}

/// One trajectory in a list.
#[derive(Debug, Clone)]
pub struct CourseLine {
    pub id: TrajectoryId,
    pub subject: String,
    pub programme: String,
    pub phase: String,
    pub on_course: bool,
    pub has_plan: bool,
    pub reasons: Vec<String>,
}

impl CourseLine {
    pub fn of(r: &CourseRow) -> Self {
        Self {
            id: r.trajectory.id,
            subject: r.subject.clone(),
            programme: r.programme_name.clone(),
            phase: r.phase.clone(),
            on_course: r.assessment.on_course,
            has_plan: r.has_plan,
            reasons: r.assessment.sentences_nl().into_iter().map(str::to_owned).collect(),
        }
    }
}

/// A filter option with its count.
#[derive(Debug, Clone)]
pub struct KindCount {
    pub code: String,
    pub label: String,
    pub count: usize,
    pub selected: bool,
}

#[derive(Debug, Template)]
#[template(path = "programma/op_koers.html")]
pub struct OpKoersPage {
    pub page: Page,
    pub today: String,
    pub running: usize,
    pub off: usize,
    pub kinds: Vec<KindCount>,
    pub programmes: Vec<(String, String, bool)>,
    pub lines: Vec<CourseLine>,
}

pub fn kind_code(k: ReasonKind) -> String {
    serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

async fn visible_programmes(state: &AppState, user: &CurrentUser) -> Result<Vec<(String, String)>, AppError> {
    let all = state.app.programmes().await?;
    Ok(all
        .iter()
        .filter(|p| user.principal().may_see_programme(&p.id))
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect())
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Query(f): Query<Filter>,
) -> Result<Response, AppError> {
    ensure_staff(&user)?;
    let lang = page.lang;
    let today = state.today();
    let rows: Vec<CourseRow> = state
        .app
        .op_koers_rows(user.principal(), &user.actor(), today)
        .await?
        .into_iter()
        .filter(|r| user.principal().may_see_programme(&r.trajectory.programme_id))
        .filter(|r| f.programma.is_empty() || r.trajectory.programme_id == f.programma)
        .collect();
    let kind = ReasonKind::ALL.into_iter().find(|k| kind_code(*k) == f.reden);
    let kinds = ReasonKind::ALL
        .into_iter()
        .map(|k| KindCount {
            code: kind_code(k),
            label: lang.t(&format!("vg-reason-{}", kind_code(k))),
            count: rows.iter().filter(|r| r.has(k)).count(),
            selected: Some(k) == kind,
        })
        .collect();
    let off: Vec<&CourseRow> =
        rows.iter().filter(|r| !r.assessment.on_course).filter(|r| kind.is_none_or(|k| r.has(k))).collect();
    let programmes = visible_programmes(&state, &user)
        .await?
        .into_iter()
        .map(|(id, name)| {
            let s = id == f.programma;
            (id, name, s)
        })
        .collect();
    render(&OpKoersPage {
        today: today.nl(),
        running: rows.len(),
        off: rows.iter().filter(|r| !r.assessment.on_course).count(),
        kinds,
        programmes,
        lines: off.into_iter().map(CourseLine::of).collect(),
        page: page.in_section("dashboard"),
    })
}

#[derive(Debug, Clone)]
pub struct LearningLine {
    pub activity: String,
    pub trajectories: usize,
    pub results: usize,
    pub results_change: String,
    pub indicators: usize,
    pub share: String,
}

#[derive(Debug, Template)]
#[template(path = "programma/leren.html")]
pub struct LearningPage {
    pub page: Page,
    pub programmes: Vec<(String, String, bool)>,
    pub programme_name: String,
    pub lines: Vec<LearningLine>,
}

pub async fn learning(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Query(f): Query<Filter>,
) -> Result<Response, AppError> {
    ensure_staff(&user)?;
    let lang = page.lang;
    let visible = visible_programmes(&state, &user).await?;
    let chosen = visible.iter().find(|(id, _)| *id == f.programma).or(visible.first()).cloned();
    let lines = match &chosen {
        Some((id, _)) => state
            .app
            .programme_learning(user.principal(), id)
            .await?
            .into_iter()
            .map(|r| LearningLine {
                activity: crate::html::dagdelen::activity_label(lang, r.activity),
                trajectories: r.trajectories,
                results: r.results_indicators,
                results_change: r
                    .median_results_change
                    .map(|v| format!("{}{} pp", if v > 0.0 { "+" } else { "" }, koers_core::nl::Dec(v, 1)))
                    .unwrap_or_else(|| "–".into()),
                indicators: r.indicators,
                share: r
                    .median_share_of_planned
                    .map(|v| format!("{}%", koers_core::nl::Dec(v * 100.0, 0)))
                    .unwrap_or_else(|| "–".into()),
            })
            .collect(),
        None => Vec::new(),
    };
    let programme_name = chosen.as_ref().map(|(_, n)| n.clone()).unwrap_or_default();
    let chosen_id = chosen.map(|(id, _)| id).unwrap_or_default();
    render(&LearningPage {
        programmes: visible
            .into_iter()
            .map(|(id, name)| {
                let s = id == chosen_id;
                (id, name, s)
            })
            .collect(),
        programme_name,
        lines,
        page: page.in_section("dashboard"),
    })
}
