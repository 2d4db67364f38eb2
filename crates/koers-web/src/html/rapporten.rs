//! Reports (issue 9 §5), one click:
//! - `GET /trajecten/{id}/rapporten/{bestand}`: `bestand` is a report's code
//!   (`nulmeting`, `plan-van-aanpak`, `voortgang-bestuur`, `voortgang-inspectie`,
//!   `eindrapportage`) for the report on screen (`koers_reports::html::to_html`, the same
//!   document as the PDF), or the code with `.pdf` for the download. For whoever may see the
//!   trajectory's plan; the Inspectie report outside the school only once released. A report
//!   that cannot be made yet is a 409 page naming what is missing.
//! - `POST /trajecten/{id}/rapporten/voortgang-inspectie/vrijgeven`: the school leader releases
//!   the Inspectie report (audited).
//! - `GET /programma/monitor.xlsx`: the programme monitor for programme staff and beheerders.
//!
//! Every handler extracts, calls one `App` use case and renders; downloads are audited there.

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get, routing::post};
use koers_app::reports::ReportKind;
use koers_app::reports::build::ReportEntry;
use koers_core::calendar::Date;
use koers_core::ids::TrajectoryId;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/trajecten/{id}/rapporten/{bestand}", get(show))
        .route("/trajecten/{id}/rapporten/voortgang-inspectie/vrijgeven", post(release))
        .route("/programma/monitor.xlsx", get(monitor))
}

pub const PDF: &str = "application/pdf";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn today() -> Date {
    Date::of_instant(crate::auth::now())
}

fn trajectory_id(raw: &str) -> Result<TrajectoryId, AppError> {
    raw.parse::<i64>().ok().filter(|id| *id > 0).map(TrajectoryId::new).ok_or(AppError::NotFound)
}

/// One report on the trajectory page.
#[derive(Debug, Clone)]
pub struct ReportRow {
    pub code: &'static str,
    pub label: String,
    pub href: String,
    /// Why it cannot be made yet.
    pub unavailable: Option<String>,
    /// "vrijgegeven op 3 maart 2027" (the Inspectie report).
    pub released: Option<String>,
    /// The reader may release it (the school leader).
    pub may_release: bool,
}

/// The rows of the trajectory page's "Rapporten" section.
pub fn rows(page: &Page, id: TrajectoryId, entries: &[ReportEntry]) -> Vec<ReportRow> {
    entries
        .iter()
        .map(|e| ReportRow {
            code: e.kind.code(),
            label: page.t(&format!("report-{}", e.kind.code())),
            href: format!("/trajecten/{id}/rapporten/{}", e.kind.code()),
            unavailable: e.unavailable.clone(),
            released: e
                .released
                .as_ref()
                .map(|r| page.t_args("report-released-on", &[("date", Date::of_instant(r.released_at).nl_long())])),
            may_release: e.may_release && e.kind == ReportKind::VoortgangInspectie,
        })
        .collect()
}

#[derive(Debug, Template)]
#[template(path = "rapporten/show.html")]
pub struct ReportPage {
    pub page: Page,
    pub id: TrajectoryId,
    pub title: String,
    pub pdf_href: String,
    pub pdf: bool,
    /// The report as HTML from koers-reports (every text escaped there).
    pub html: String,
}

#[derive(Debug, Template)]
#[template(path = "rapporten/niet.html")]
pub struct UnavailablePage {
    pub page: Page,
    pub message: String,
    pub back: String,
}

/// A report that cannot be made (409: what is missing), or no PDF now (503), as a page that
/// says why in Dutch with a way back; every other error goes the usual way.
pub fn refusal(page: Page, back: String, e: koers_app::Error) -> Result<Response, AppError> {
    use axum::http::{HeaderValue, StatusCode};
    let (status, retry) = match &e {
        koers_app::Error::ReportUnavailable(_) => (StatusCode::CONFLICT, None),
        koers_app::Error::PdfUnavailable => (StatusCode::SERVICE_UNAVAILABLE, None),
        koers_app::Error::ReportsBusy => {
            (StatusCode::SERVICE_UNAVAILABLE, Some(crate::error::REPORTS_RETRY_AFTER_SECS))
        }
        _ => return Err(e.into()),
    };
    let mut res = render(&UnavailablePage { message: e.to_string(), back, page: page.in_section("mijn-home") })?;
    *res.status_mut() = status;
    if let Some(secs) = retry {
        res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    Ok(res)
}

pub async fn show(
    State(state): State<AppState>,
    Path((raw_id, file)): Path<(String, String)>,
    user: CurrentUser,
    page: Page,
) -> Result<Response, AppError> {
    let id = trajectory_id(&raw_id)?;
    let (code, pdf) = match file.strip_suffix(".pdf") {
        Some(code) => (code, true),
        None => (file.as_str(), false),
    };
    let kind = ReportKind::from_code(code).ok_or(AppError::NotFound)?;
    let (who, actor) = (user.principal(), user.actor());
    let back = format!("/trajecten/{}#rapporten", id.get());
    if pdf {
        let (built, body) = match state.app.report_pdf(who, &actor, id, kind, today(), crate::auth::now()).await {
            Ok(done) => done,
            Err(e) => return refusal(page, back, e),
        };
        let disposition = format!("attachment; filename=\"{}\"", built.file_name);
        return Ok(([(header::CONTENT_TYPE, PDF.to_owned()), (header::CONTENT_DISPOSITION, disposition)], body)
            .into_response());
    }
    let built = match state.app.report(who, &actor, id, kind, today()).await {
        Ok(b) => b,
        Err(e) => return refusal(page, back, e),
    };
    let html = koers_reports::html::to_html(&built.document)
        .map_err(|e| AppError::Conflict(vec![crate::error::ErrorItem::new(None, e.to_string())]))?;
    render(&ReportPage {
        id,
        title: page.t(&format!("report-{}", kind.code())),
        pdf_href: format!("/trajecten/{}/rapporten/{}.pdf", id.get(), kind.code()),
        pdf: state.app.renders_pdf(),
        html,
        page: page.in_section("mijn-home"),
    })
}

pub async fn release(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    user: CurrentUser,
    page: Page,
) -> Result<Response, AppError> {
    let id = trajectory_id(&raw_id)?;
    let done =
        state.app.release_inspectie_report(user.principal(), &user.actor(), id, today(), crate::auth::now()).await;
    if let Err(e) = done {
        return refusal(page, format!("/trajecten/{}#rapporten", id.get()), e);
    }
    Ok(Redirect::to(&format!("/trajecten/{}?vrijgegeven=1#rapporten", id.get())).into_response())
}

pub async fn monitor(State(state): State<AppState>, user: CurrentUser) -> Result<Response, AppError> {
    let body = state.app.programme_monitor(user.principal(), &user.actor(), today(), crate::auth::now()).await?;
    let disposition = format!("attachment; filename=\"programmamonitor-{}.xlsx\"", today());
    Ok(([(header::CONTENT_TYPE, XLSX.to_owned()), (header::CONTENT_DISPOSITION, disposition)], body).into_response())
}
