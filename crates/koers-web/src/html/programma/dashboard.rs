//! `GET /programma/dashboard`: the pipeline (applications per programme × status) and the
//! experts' load against their capacity; `GET /programma/export/{aanmeldingen,trajecten}.{csv,xlsx}`:
//! the same lists as downloads, written by koers-reports' one export writer (CSV with `;`, UTF-8
//! with BOM, Dutch headers, formula injection neutralised; xlsx with text as strings and dates as
//! dates). For programmamedewerkers and beheerders; every export is audited.

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::programma::aanmeldingen::{applicant_name, ensure_staff, programme_name, programmes};
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::{Router, routing::get};
use koers_app::store::{ApplicationFilter, AuditEntity, NewAudit, StoreError, TrajectoryFilter};
use koers_core::calendar::Date;
use koers_core::workflow::Status;
use koers_reports::workbook::{Cell, Sheet, Workbook};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/programma/dashboard", get(dashboard))
        .route("/programma/export/aanmeldingen.csv", get(applications_csv))
        .route("/programma/export/aanmeldingen.xlsx", get(applications_xlsx))
        .route("/programma/export/trajecten.csv", get(trajectories_csv))
        .route("/programma/export/trajecten.xlsx", get(trajectories_xlsx))
}

#[derive(Debug, Clone)]
pub struct PipelineRow {
    pub programme: String,
    pub counts: Vec<usize>,
    pub total: usize,
}

#[derive(Debug, Clone)]
pub struct LoadRow {
    pub name: String,
    pub trajectories: i64,
    pub capacity_trajectories: i64,
    pub dagdelen: i64,
    pub capacity_dagdelen: i64,
    pub over: bool,
    pub available: bool,
}

#[derive(Debug, Template)]
#[template(path = "programma/dashboard.html")]
pub struct DashboardPage {
    pub page: Page,
    pub statuses: Vec<String>,
    pub pipeline: Vec<PipelineRow>,
    pub loads: Vec<LoadRow>,
    /// Active trajectories per programme and current phase.
    pub phases: Vec<PhaseRow>,
    /// The map of each programme's schools this user may see: (href, programme name).
    pub maps: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct PhaseRow {
    pub programme: String,
    pub phase: String,
    pub count: usize,
}

pub async fn dashboard(State(state): State<AppState>, user: CurrentUser, page: Page) -> Result<Response, AppError> {
    ensure_staff(&user)?;
    let all = programmes(&state).await?;
    let maps = all
        .iter()
        .filter(|p| user.principal().may_see_programme(&p.id))
        .map(|p| (format!("/programma/kaart/{}", p.id), p.name.clone()))
        .collect();
    let mut apps = state.app.read().list_applications(&ApplicationFilter::default()).await?;
    apps.retain(|a| user.principal().may_see_programme(&a.programme_id));
    // Only the statuses that occur, in the workflow's order.
    let used: Vec<Status> = Status::ALL.into_iter().filter(|s| apps.iter().any(|a| a.status == *s)).collect();
    let mut ids: Vec<String> = all.iter().map(|p| p.id.clone()).collect();
    for a in &apps {
        if !ids.contains(&a.programme_id) {
            ids.push(a.programme_id.clone());
        }
    }
    let pipeline = ids
        .iter()
        .map(|id| {
            let mine: Vec<_> = apps.iter().filter(|a| &a.programme_id == id).collect();
            PipelineRow {
                programme: programme_name(&all, id),
                counts: used.iter().map(|s| mine.iter().filter(|a| a.status == *s).count()).collect(),
                total: mine.len(),
            }
        })
        .collect();
    let loads = state.app.read().expert_loads().await?;
    let loads = state
        .app
        .read()
        .list_experts()
        .await?
        .into_iter()
        .map(|e| {
            let l = loads.iter().find(|l| l.expert_id == e.id);
            let (t, d) = l.map_or((0, 0), |l| (l.trajectories, l.dagdelen));
            LoadRow {
                over: t > e.capacity_trajectories || d > e.capacity_dagdelen,
                name: e.name,
                trajectories: t,
                capacity_trajectories: e.capacity_trajectories,
                dagdelen: d,
                capacity_dagdelen: e.capacity_dagdelen,
                available: e.available,
            }
        })
        .collect();
    let mut phases: Vec<PhaseRow> = Vec::new();
    for t in state
        .app
        .read()
        .list_trajectories(&TrajectoryFilter { active_only: true, ..TrajectoryFilter::default() })
        .await?
    {
        if !user.principal().may_see_programme(&t.programme_id) {
            continue;
        }
        let names: Vec<String> = serde_json::from_str(&t.phases_json).unwrap_or_default();
        let phase = usize::try_from(t.current_phase)
            .ok()
            .and_then(|i| names.get(i).cloned())
            .unwrap_or_else(|| "afgerond".to_owned());
        let programme = programme_name(&all, &t.programme_id);
        match phases.iter_mut().find(|r| r.programme == programme && r.phase == phase) {
            Some(r) => r.count += 1,
            None => phases.push(PhaseRow { programme, phase, count: 1 }),
        }
    }
    render(&DashboardPage {
        page: page.in_section("dashboard"),
        statuses: used.iter().map(|s| s.label_nl().to_owned()).collect(),
        pipeline,
        loads,
        phases,
        maps,
    })
}

// ---- exports ------------------------------------------------------------------------------

const APPLICATION_HEADERS: &[&str] =
    &["Referentie", "Programma", "School of bestuur", "Status", "Contactpersoon", "E-mail", "Hulpvraag", "Ingediend"];
const TRAJECTORY_HEADERS: &[&str] = &[
    "Traject",
    "Aanmelding",
    "Programma",
    "School of bestuur",
    "Expert",
    "Fase",
    "Dagdelen gepland",
    "Actief",
    "Gestart",
];

fn sheet(name: &str, headers: &[&str]) -> Sheet {
    Sheet {
        name: name.into(),
        headers: headers.iter().map(|h| (*h).to_owned()).collect(),
        rows: Vec::new(),
        total: None,
    }
}

async fn applications_sheet(state: &AppState, user: &CurrentUser) -> Result<Sheet, AppError> {
    let all = programmes(state).await?;
    let mut out = sheet("Aanmeldingen", APPLICATION_HEADERS);
    for a in state.app.read().list_applications(&ApplicationFilter::default()).await? {
        if !user.principal().may_see_programme(&a.programme_id) {
            continue;
        }
        out.row([
            Cell::text(a.reference.to_string()),
            Cell::text(programme_name(&all, &a.programme_id)),
            Cell::text(applicant_name(state, &a).await?),
            Cell::text(a.status.label_nl()),
            Cell::text(a.contact_name.clone()),
            Cell::text(a.contact_email.clone()),
            Cell::text(a.help_question.clone()),
            Cell::Date(Date::of_instant(a.created_at)),
        ]);
    }
    Ok(out)
}

async fn trajectories_sheet(state: &AppState, user: &CurrentUser) -> Result<Sheet, AppError> {
    let all = programmes(state).await?;
    let experts = state.app.read().list_experts().await?;
    let mut out = sheet("Trajecten", TRAJECTORY_HEADERS);
    for t in state.app.read().list_trajectories(&TrajectoryFilter::default()).await? {
        if !user.principal().may_see_programme(&t.programme_id) {
            continue;
        }
        let a = match state.app.read().application(t.application_id).await {
            Ok(a) => Some(a),
            Err(StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        };
        let name = match &a {
            Some(a) => applicant_name(state, a).await?,
            None => String::new(),
        };
        let phases: Vec<String> = serde_json::from_str(&t.phases_json).unwrap_or_default();
        let phase = usize::try_from(t.current_phase).ok().and_then(|i| phases.get(i)).cloned().unwrap_or_default();
        out.row([
            Cell::Integer(t.id.get()),
            Cell::text(a.map(|a| a.reference.to_string()).unwrap_or_default()),
            Cell::text(programme_name(&all, &t.programme_id)),
            Cell::text(name),
            Cell::text(experts.iter().find(|e| e.id == t.expert_id).map(|e| e.name.clone()).unwrap_or_default()),
            Cell::text(phase),
            Cell::Integer(t.dagdelen_planned),
            Cell::text(if t.active { "ja" } else { "nee" }),
            Cell::Date(Date::of_instant(t.created_at)),
        ]);
    }
    Ok(out)
}

fn to_csv(sheet: &Sheet) -> Vec<u8> {
    koers_reports::export::sheet_to_csv(sheet)
}

/// Text stays text (never a formula), dates are dates (koers-reports' workbook writer).
fn to_xlsx(sheet: Sheet) -> Result<Vec<u8>, AppError> {
    let mut wb = Workbook::new(format!("Koers – {}", sheet.name), Date::of_instant(crate::auth::now()));
    wb.sheets.push(sheet);
    wb.to_xlsx().map_err(AppError::internal)
}

async fn download(
    state: &AppState,
    user: &CurrentUser,
    file: &str,
    content_type: &'static str,
    body: Vec<u8>,
) -> Result<Response, AppError> {
    let actor = user.actor();
    state
        .app
        .record_event(&NewAudit {
            at: crate::auth::now(),
            actor_user_id: actor.user_id,
            actor_label: actor.label,
            action: "export".into(),
            entity: AuditEntity::ProgrammeExport,
            entity_id: file.to_owned(),
            before: None,
            after: None,
        })
        .await?;
    let disposition = format!("attachment; filename=\"{file}\"");
    Ok(([(header::CONTENT_TYPE, content_type.to_owned()), (header::CONTENT_DISPOSITION, disposition)], body)
        .into_response())
}

const CSV: &str = "text/csv; charset=utf-8";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub async fn applications_csv(State(state): State<AppState>, user: CurrentUser) -> Result<Response, AppError> {
    ensure_staff(&user)?;
    let body = to_csv(&applications_sheet(&state, &user).await?);
    download(&state, &user, "aanmeldingen.csv", CSV, body).await
}

pub async fn applications_xlsx(State(state): State<AppState>, user: CurrentUser) -> Result<Response, AppError> {
    ensure_staff(&user)?;
    let body = to_xlsx(applications_sheet(&state, &user).await?)?;
    download(&state, &user, "aanmeldingen.xlsx", XLSX, body).await
}

pub async fn trajectories_csv(State(state): State<AppState>, user: CurrentUser) -> Result<Response, AppError> {
    ensure_staff(&user)?;
    let body = to_csv(&trajectories_sheet(&state, &user).await?);
    download(&state, &user, "trajecten.csv", CSV, body).await
}

pub async fn trajectories_xlsx(State(state): State<AppState>, user: CurrentUser) -> Result<Response, AppError> {
    ensure_staff(&user)?;
    let body = to_xlsx(trajectories_sheet(&state, &user).await?)?;
    download(&state, &user, "trajecten.xlsx", XLSX, body).await
}
