//! Submitting and confirming a form, and its result page.
//!
//! - `POST …/indienen` (the participant's lead; the expert for a format the expert fills in):
//!   the answers are frozen as the baseline (0-meting); 422 naming `formulier` while required
//!   items are open, 409 when something was saved since the page was shown. The phase moves
//!   when the programme says `completes_on = "format-ingediend"`.
//! - `POST …/bevestigen` (the expert or the programme's staff): likewise for
//!   `format-bevestigd`.
//! - `GET …/resultaat`: scores per standard as an inline SVG bar chart (with the same numbers as
//!   a table), strengths and points for improvement, klassenbezoeken per look-for; print CSS.

use super::FormPath;
use super::fields::{Fields, get};
use super::page::build;
use super::part::Part;
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
use koers_core::format::result::{FormResult, Highlight};
use koers_core::ids::TrajectoryId;

async fn after(
    state: &AppState,
    user: &CurrentUser,
    page: Page,
    path: &FormPath,
    outcome: koers_app::Result<koers_app::store::SelfEvaluationRecord>,
    notice: &str,
) -> Result<Response, AppError> {
    let (status, message) = match outcome {
        Ok(_) => return Ok(Redirect::to(&format!("{}?melding={notice}", path.base())).into_response()),
        Err(koers_app::Error::Invalid(errors)) => {
            let (field, detail) = errors.into_iter().next().map(|e| (e.field, e.detail)).unwrap_or_default();
            (StatusCode::UNPROCESSABLE_ENTITY, page.t_args("se-error-field", &[("field", field), ("detail", detail)]))
        }
        Err(e) if e.is_conflict() => (StatusCode::CONFLICT, page.t("se-conflict-status")),
        Err(e) => return Err(e.into()),
    };
    let fv = state.app.form(user.principal(), &path.form).await?;
    // At the first item still open, if any: that is what the message is about.
    let part = fv.result.completeness.open.first().map_or(Part::Section(0), |o| Part::at_item(&fv.format, &o.item));
    let mut v = build(page, path, &fv, part, None, None);
    v.form_error = Some(message);
    let mut res = render(&v)?;
    *res.status_mut() = status;
    Ok(res)
}

pub async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    path: FormPath,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let version = get(&f, "versie").trim().parse::<i64>().unwrap_or(0);
    let outcome = state.app.submit_form(user.principal(), &path.form, version, &user.actor(), now()).await;
    after(&state, &user, page, &path, outcome, "ingediend").await
}

pub async fn confirm(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    path: FormPath,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let version = get(&f, "versie").trim().parse::<i64>().unwrap_or(0);
    let outcome = state.app.confirm_form(user.principal(), &path.form, version, &user.actor(), now()).await;
    after(&state, &user, page, &path, outcome, "bevestigd").await
}

/// One bar of the chart, laid out.
#[derive(Debug, Clone)]
pub struct BarView {
    pub label: String,
    pub value: String,
    pub y: u32,
    pub width: u32,
    pub core: bool,
}

#[derive(Debug, Clone)]
pub struct HighlightView {
    pub context: String,
    pub text: String,
    pub why: String,
    pub score: String,
    pub flagged: bool,
}

#[derive(Debug, Clone)]
pub struct LookForView {
    pub domain: String,
    pub text: String,
    pub mean: String,
    pub observed: u32,
}

/// Chart geometry (px): label column, bar area for the scale 0–4, row height.
pub const LABEL_W: u32 = 260;
pub const BAR_W: u32 = 360;
pub const ROW_H: u32 = 28;

#[derive(Debug, Template)]
#[template(path = "trajecten/resultaat.html")]
pub struct ResultPage {
    pub page: Page,
    pub base: String,
    pub trajectory_id: TrajectoryId,
    pub title: String,
    pub status: String,
    pub percent: u8,
    pub bars: Vec<BarView>,
    pub chart_height: u32,
    /// x positions of the scale lines 1–4 with their labels.
    pub ticks: Vec<(u32, String)>,
    pub strengths: Vec<HighlightView>,
    pub improvements: Vec<HighlightView>,
    pub look_fors: Vec<LookForView>,
    pub visit_count: String,
}

fn highlights(page: &Page, list: &[Highlight]) -> Vec<HighlightView> {
    use koers_core::format::result::HighlightSource;
    list.iter()
        .map(|h| HighlightView {
            context: h.context.clone(),
            text: h.text.clone(),
            why: h.why.clone(),
            score: match &h.source {
                HighlightSource::Rubric { score, level } => format!("{score} ({})", level.label_nl()),
                HighlightSource::Kijkwijzer { mean, observed, .. } => page.t_args(
                    "se-result-observed",
                    &[("mean", page.lang.dec(*mean, 1)), ("count", observed.to_string())],
                ),
                HighlightSource::Item => String::new(),
            },
            flagged: h.flagged,
        })
        .collect()
}

fn x_of(value: f64) -> u32 {
    LABEL_W + (value.clamp(0.0, 4.0) / 4.0 * f64::from(BAR_W)).round() as u32
}

pub fn result_page(page: Page, path: &FormPath, title: String, status: String, r: &FormResult) -> ResultPage {
    let bars: Vec<BarView> = r
        .chart
        .bars
        .iter()
        .enumerate()
        .map(|(i, b)| BarView {
            label: b.label.clone(),
            value: b.value.map_or_else(|| "–".to_owned(), |v| page.lang.dec(v, 1)),
            y: u32::try_from(i).unwrap_or(0) * ROW_H + ROW_H,
            width: b.value.map_or(0, |v| x_of(v) - LABEL_W),
            core: b.core,
        })
        .collect();
    let ticks = r.chart.scale.iter().enumerate().map(|(i, l)| (x_of(i as f64 + 1.0), (*l).to_owned())).collect();
    let look_fors = r
        .observations
        .iter()
        .flat_map(|o| o.domains.iter())
        .flat_map(|d| {
            d.items.iter().map(|i| LookForView {
                domain: d.title.clone(),
                text: i.text.clone(),
                mean: i.mean.map_or_else(|| "–".to_owned(), |m| page.lang.dec(m, 1)),
                observed: i.observed,
            })
        })
        .collect();
    ResultPage {
        base: path.base(),
        trajectory_id: path.form.trajectory,
        title,
        status,
        percent: r.completeness.percent(),
        chart_height: u32::try_from(bars.len()).unwrap_or(0) * ROW_H + ROW_H * 2,
        bars,
        ticks,
        strengths: highlights(&page, &r.strengths),
        improvements: highlights(&page, &r.improvements),
        look_fors,
        visit_count: page.t_args(
            "se-result-visit-count",
            &[("count", r.observations.iter().map(|o| o.visits.len()).sum::<usize>().to_string())],
        ),
        page: page.in_section("mijn-home"),
    }
}

pub async fn result(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    path: FormPath,
) -> Result<Response, AppError> {
    let fv = state.app.form(user.principal(), &path.form).await?;
    let (status, _) = super::page::status_label(&page, &fv);
    render(&result_page(page, &path, fv.format.title.clone(), status, &fv.result))
}
