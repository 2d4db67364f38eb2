// Just over ~400 lines: the kostenoverzicht (page, kenmerk, xlsx, PDF) and the urenstaat share
// the period parsing and the download helper; move the urenstaat out when it grows.
//! Money pages (issue 10 §8):
//! - `GET /mijn-school/{id}/kostenoverzicht?van=…&tot=…`: the kostenoverzicht of a school over a
//!   period (default: this school year), per programme and month, with its kenmerk once issued;
//!   `POST` (staff) issues the kenmerk; `GET /mijn-school/{id}/kostenoverzicht.xlsx` the same as
//!   a workbook (koers-reports), `…/kostenoverzicht.pdf` as a PDF (`App::cost_overview_pdf`,
//!   audited there). For the school's leader, its board, beheerders and staff of a
//!   programme the school has a trajectory in (`koers_app::dagdelen::money`).
//! - `GET /experts/{id}/urenstaat?maand=2026-01` and `…/urenstaat.xlsx`: an expert's time sheet
//!   per month, for the expert, beheerders and programme staff (their programmes' rows).

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router, routing::get};
use koers_app::dagdelen::money::{CostOverview, TimeSheetView, month, period};
use koers_app::store::{AuditEntity, NewAudit};
use koers_core::calendar::Date;
use koers_core::ids::{ExpertId, SchoolId};
use koers_reports::workbook::{Cell, Workbook};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/mijn-school/{id}/kostenoverzicht", get(overview).post(issue))
        .route("/mijn-school/{id}/kostenoverzicht.xlsx", get(overview_xlsx))
        .route("/mijn-school/{id}/kostenoverzicht.pdf", get(overview_pdf))
        .route("/experts/{id}/urenstaat", get(sheet))
        .route("/experts/{id}/urenstaat.xlsx", get(sheet_xlsx))
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn today() -> Date {
    Date::of_instant(crate::auth::now())
}

#[derive(Debug, Default, Deserialize)]
pub struct PeriodQuery {
    #[serde(default)]
    van: String,
    #[serde(default)]
    tot: String,
    #[serde(default)]
    vastgesteld: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Line {
    pub label: String,
    pub dagdelen: u32,
    pub total: String,
    pub school: String,
    pub programme: String,
}

#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    pub funding: String,
    pub free: bool,
    pub lines: Vec<Line>,
    pub total: Line,
}

#[derive(Debug, Template)]
#[template(path = "kosten/overzicht.html")]
pub struct OverviewPage {
    pub page: Page,
    pub school_id: i64,
    pub school_name: String,
    pub van: String,
    pub tot: String,
    pub period_label: String,
    pub kenmerk: Option<String>,
    pub parts: Vec<Part>,
    pub dagdelen: u32,
    pub total: String,
    pub school_share: String,
    pub programme_share: String,
    pub may_issue: bool,
    pub query: String,
    pub errors: Vec<String>,
    pub notice: Option<String>,
    /// This installation renders PDFs (the PDF download is offered).
    pub pdf: bool,
}

fn line(label: String, dagdelen: u32, total: impl ToString, school: impl ToString, programme: impl ToString) -> Line {
    Line { label, dagdelen, total: total.to_string(), school: school.to_string(), programme: programme.to_string() }
}

fn overview_view(page: Page, o: &CostOverview) -> OverviewPage {
    let lang = page.lang;
    let parts = o
        .parts
        .iter()
        .map(|p| {
            let s = &p.statement;
            Part {
                name: p.programme_name.clone(),
                free: s.is_free(),
                funding: if s.is_free() { lang.t("dgd-free") } else { s.funding_label.clone() },
                lines: s
                    .lines
                    .iter()
                    .map(|l| line(l.label.clone(), l.dagdelen, l.total, l.school, l.programme))
                    .collect(),
                total: line(lang.t("cost-total"), s.dagdelen, s.total, s.school, s.programme),
            }
        })
        .collect();
    let (van, tot) = (o.period.from.nl(), o.period.to.nl());
    OverviewPage {
        school_id: o.school.id.get(),
        school_name: o.school.name.clone(),
        query: serde_urlencoded::to_string([("van", van.as_str()), ("tot", tot.as_str())]).unwrap_or_default(),
        van,
        tot,
        period_label: o.period.label_nl(),
        kenmerk: o.issued.as_ref().map(|i| i.reference.to_string()),
        parts,
        dagdelen: o.dagdelen,
        total: o.total.to_string(),
        school_share: o.school_share.to_string(),
        programme_share: o.programme_share.to_string(),
        may_issue: o.may_issue && !o.parts.is_empty(),
        errors: Vec::new(),
        notice: None,
        pdf: false,
        page: page.in_section("mijn-home"),
    }
}

pub async fn overview(
    State(state): State<AppState>,
    Id(id): Id<SchoolId>,
    user: CurrentUser,
    page: Page,
    Query(q): Query<PeriodQuery>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    // A period that does not read: the default period, with the message at the fields.
    let (p, errors) = match period(&q.van, &q.tot, today()) {
        Ok(p) => (p, Vec::new()),
        Err(e) => (period("", "", today()).map_err(AppError::from)?, vec![e.to_string_detail()]),
    };
    let o = state.app.cost_overview(user.principal(), id, p).await?;
    let mut v = overview_view(page, &o);
    v.pdf = state.app.renders_pdf();
    if !errors.is_empty() {
        v.van = q.van;
        v.tot = q.tot;
    }
    v.errors = errors;
    v.notice = q.vastgesteld.map(|_| lang.t("cost-issued"));
    render(&v)
}

/// The Dutch details of a refusal, one line per field.
trait Detail {
    fn to_string_detail(&self) -> String;
}

impl Detail for koers_app::Error {
    fn to_string_detail(&self) -> String {
        match self {
            koers_app::Error::Invalid(fields) => fields.iter().map(|f| f.detail.clone()).collect::<Vec<_>>().join("; "),
            other => other.to_string(),
        }
    }
}

pub async fn issue(
    State(state): State<AppState>,
    Id(id): Id<SchoolId>,
    user: CurrentUser,
    page: Page,
    Form(q): Form<PeriodQuery>,
) -> Result<Response, AppError> {
    let p = period(&q.van, &q.tot, today())?;
    let outcome = state.app.issue_cost_statement(user.principal(), id, p, &user.actor(), crate::auth::now()).await;
    match outcome {
        Ok(_) => {
            let query = serde_urlencoded::to_string([("van", p.from.nl()), ("tot", p.to.nl())]).unwrap_or_default();
            Ok(Redirect::to(&format!("/mijn-school/{id}/kostenoverzicht?{query}&vastgesteld=1")).into_response())
        }
        Err(e @ koers_app::Error::Invalid(_)) => {
            let o = state.app.cost_overview(user.principal(), id, p).await?;
            let mut v = overview_view(page, &o);
            v.errors = vec![e.to_string_detail()];
            let mut res = render(&v)?;
            *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

async fn download(state: &AppState, user: &CurrentUser, file: String, body: Vec<u8>) -> Result<Response, AppError> {
    let actor = user.actor();
    state
        .app
        .record_event(&NewAudit {
            at: crate::auth::now(),
            actor_user_id: actor.user_id,
            actor_label: actor.label,
            action: "export".into(),
            entity: AuditEntity::DagdelenExport,
            entity_id: file.clone(),
            before: None,
            after: None,
        })
        .await?;
    let disposition = format!("attachment; filename=\"{file}\"");
    Ok(([(header::CONTENT_TYPE, XLSX.to_owned()), (header::CONTENT_DISPOSITION, disposition)], body).into_response())
}

/// The kostenoverzicht as a workbook: one sheet with a line per programme and month, amounts as
/// euros (from cents), the kenmerk and period in the title rows.
pub fn overview_workbook(o: &CostOverview, created: Date) -> Workbook {
    let kenmerk =
        o.issued.as_ref().map_or_else(|| "concept (nog geen kenmerk)".to_owned(), |i| i.reference.to_string());
    let mut wb = Workbook::new(format!("Kostenoverzicht {} {}", o.school.name, o.period.label_nl()), created);
    let sheet = wb.sheet(
        "Kostenoverzicht",
        ["Kenmerk", "School", "Programma", "Financiering", "Maand", "Dagdelen", "Totaal", "School", "Programma"],
    );
    for p in &o.parts {
        let s = &p.statement;
        let funding = if s.is_free() { "kosteloos (gesubsidieerd)".to_owned() } else { s.funding_label.clone() };
        for l in &s.lines {
            sheet.row([
                Cell::text(kenmerk.clone()),
                Cell::text(o.school.name.clone()),
                Cell::text(p.programme_name.clone()),
                Cell::text(funding.clone()),
                Cell::text(l.label.clone()),
                Cell::from(l.dagdelen),
                Cell::from(l.total),
                Cell::from(l.school),
                Cell::from(l.programme),
            ]);
        }
    }
    sheet.total([
        Cell::text("Totaal"),
        Cell::text(o.period.label_nl()),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::from(o.dagdelen),
        Cell::from(o.total),
        Cell::from(o.school_share),
        Cell::from(o.programme_share),
    ]);
    wb
}

pub async fn overview_xlsx(
    State(state): State<AppState>,
    Id(id): Id<SchoolId>,
    user: CurrentUser,
    Query(q): Query<PeriodQuery>,
) -> Result<Response, AppError> {
    let p = period(&q.van, &q.tot, today())?;
    let o = state.app.cost_overview(user.principal(), id, p).await?;
    let body = overview_workbook(&o, today()).to_xlsx().map_err(AppError::internal)?;
    let name = o.issued.as_ref().map_or_else(|| format!("school-{id}"), |i| i.reference.to_string());
    download(&state, &user, format!("kostenoverzicht-{name}-{}-{}.xlsx", p.from, p.to), body).await
}

pub async fn overview_pdf(
    State(state): State<AppState>,
    Id(id): Id<SchoolId>,
    user: CurrentUser,
    page: Page,
    Query(q): Query<PeriodQuery>,
) -> Result<Response, AppError> {
    let p = period(&q.van, &q.tot, today())?;
    let made = state.app.cost_overview_pdf(user.principal(), &user.actor(), id, p, today(), crate::auth::now()).await;
    let (o, body) = match made {
        Ok(made) => made,
        Err(e) => return crate::html::rapporten::refusal(page, format!("/mijn-school/{id}/kostenoverzicht"), e),
    };
    let name = o.issued.as_ref().map_or_else(|| format!("school-{id}"), |i| i.reference.to_string());
    let disposition = format!("attachment; filename=\"kostenoverzicht-{name}-{}-{}.pdf\"", p.from, p.to);
    let pdf = crate::html::rapporten::PDF.to_owned();
    Ok(([(header::CONTENT_TYPE, pdf), (header::CONTENT_DISPOSITION, disposition)], body).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct MonthQuery {
    #[serde(default)]
    maand: String,
}

#[derive(Debug, Clone)]
pub struct SheetRow {
    pub date: String,
    pub school: String,
    pub programme: String,
    pub activity: String,
    pub dagdelen: u32,
    pub note: String,
}

#[derive(Debug, Template)]
#[template(path = "kosten/urenstaat.html")]
pub struct SheetPage {
    pub page: Page,
    pub expert_id: ExpertId,
    pub expert_name: String,
    pub month: String,
    pub month_label: String,
    pub prev: String,
    pub next: String,
    pub rows: Vec<SheetRow>,
    pub per_trajectory: Vec<(i64, String, u32)>,
    pub total: u32,
    pub own: bool,
    pub error: Option<String>,
}

fn prev_month(m: koers_core::dagdelen::Month) -> koers_core::dagdelen::Month {
    koers_core::dagdelen::Month::of(m.first_day().add_days(-1))
}

fn sheet_view(page: Page, v: &TimeSheetView) -> SheetPage {
    let m = v.sheet.month;
    SheetPage {
        expert_id: v.expert.id,
        expert_name: v.expert.name.clone(),
        month: m.to_string(),
        month_label: m.label_nl(),
        prev: prev_month(m).to_string(),
        next: m.next().to_string(),
        rows: v
            .sheet
            .rows
            .iter()
            .map(|r| SheetRow {
                date: r.date.nl(),
                school: r.school.clone(),
                programme: r.programme.clone(),
                activity: r.activity.clone(),
                dagdelen: r.dagdelen,
                note: r.note.clone(),
            })
            .collect(),
        per_trajectory: v.sheet.per_trajectory.iter().map(|(t, s, n)| (t.get(), s.clone(), *n)).collect(),
        total: v.sheet.total,
        own: v.own,
        error: None,
        page: page.in_section("mijn-home"),
    }
}

pub async fn sheet(
    State(state): State<AppState>,
    Id(id): Id<ExpertId>,
    user: CurrentUser,
    page: Page,
    Query(q): Query<MonthQuery>,
) -> Result<Response, AppError> {
    let (m, error) = match month(&q.maand, today()) {
        Ok(m) => (m, None),
        Err(e) => (month("", today())?, Some(e.to_string_detail())),
    };
    let v = state.app.time_sheet(user.principal(), id, m).await?;
    let mut p = sheet_view(page, &v);
    p.error = error;
    render(&p)
}

/// The time sheet as a workbook: the entries, and the totals per trajectory on a second sheet.
pub fn sheet_workbook(v: &TimeSheetView, created: Date) -> Workbook {
    let s = &v.sheet;
    let mut wb = Workbook::new(format!("Urenstaat {} {}", v.expert.name, s.month.label_nl()), created);
    let rows =
        wb.sheet("Urenstaat", ["Datum", "School of bestuur", "Programma", "Activiteit", "Dagdelen", "Toelichting"]);
    for r in &s.rows {
        rows.row([
            Cell::from(r.date),
            Cell::text(r.school.clone()),
            Cell::text(r.programme.clone()),
            Cell::text(r.activity.clone()),
            Cell::from(r.dagdelen),
            Cell::text(r.note.clone()),
        ]);
    }
    rows.total([Cell::text("Totaal"), Cell::Empty, Cell::Empty, Cell::Empty, Cell::from(s.total), Cell::Empty]);
    let per = wb.sheet("Per traject", ["Traject", "School of bestuur", "Dagdelen"]);
    for (t, school, n) in &s.per_trajectory {
        per.row([Cell::from(t.get()), Cell::text(school.clone()), Cell::from(*n)]);
    }
    wb
}

pub async fn sheet_xlsx(
    State(state): State<AppState>,
    Id(id): Id<ExpertId>,
    user: CurrentUser,
    Query(q): Query<MonthQuery>,
) -> Result<Response, AppError> {
    let m = month(&q.maand, today())?;
    let v = state.app.time_sheet(user.principal(), id, m).await?;
    let body = sheet_workbook(&v, today()).to_xlsx().map_err(AppError::internal)?;
    download(&state, &user, format!("urenstaat-expert-{id}-{m}.xlsx"), body).await
}
