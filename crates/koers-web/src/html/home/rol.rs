//! `GET /home`: the home of the logged-in user's primary role (where login leads).
//!
//! - beheerder: links to users, import and the audit log;
//! - programmamedewerker: the proactive screening in numbers, with a link to the list;
//! - expert: "Jouw trajecten" (empty until the programme workflow assigns trajectories);
//! - any account with the expert role: the invitations to link it to an expert of the pool,
//!   to confirm or decline ([`super::uitnodiging`]);
//! - schoolleider: their school(s) with verdict and traffic light;
//! - bestuurder: the schools of their board(s) with verdict and traffic light, the board's
//!   applications (every status) and trajectories, and where to apply for the board.
//! - schoolteam: the trajectories of their school (where the zelfevaluatie is filled in).

use super::verdict::{SchoolRow, VERDICTS, light_code, light_text, rows_for, verdict_code, verdict_text};
use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use koers_app::schools::screen_register;
use koers_app::store::StoreError;
use koers_core::TrafficLight;
use koers_core::access::RoleKind;
use koers_core::ids::{BoardNumber, ExpertId, TrajectoryId, UserId};
// roles workflow
use crate::html::workflow_rows::{ApplicationRow, TrajectoryLink, application_rows, trajectory_links};
use axum::extract::Query;
use koers_app::store::{ApplicationFilter, TrajectoryFilter};

/// A count in the screening summary, linking to the filtered list.
#[derive(Debug, Clone)]
pub struct Count {
    pub label: String,
    pub count: usize,
    pub href: String,
}

#[derive(Debug, Clone)]
pub struct BoardBlock {
    pub number: BoardNumber,
    pub name: String,
    pub rows: Vec<SchoolRow>,
    /// Links to the multi-school request form (href, programme name).
    pub multi: Vec<(String, String)>,
}

/// A board's request for several schools as a home page lists it.
#[derive(Debug, Clone)]
pub struct RequestLink {
    pub href: String,
    pub title: String,
    pub summary: String,
}

#[derive(Debug, Template)]
#[template(path = "home/rol.html")]
pub struct RoleHome {
    pub page: Page,
    pub welcome: String,
    /// `beheerder`, …, or empty for an account without a role.
    pub role: &'static str,
    pub role_line: String,
    pub rows: Vec<SchoolRow>,
    pub boards: Vec<BoardBlock>,
    pub total_line: String,
    pub by_verdict: Vec<Count>,
    pub by_light: Vec<Count>,
    // ---- roles workflow ----
    /// Bestuurder: applications of their board(s) waiting for approval.
    pub tasks: Vec<BoardTask>,
    /// Expert: their trajectories; schoolleider: their school's.
    pub trajectories: Vec<TrajectoryLink>,
    /// After an in-app board decision (`?besluit=akkoord|afgewezen`).
    pub decided: Option<String>,
    /// Expert: their time sheet, and their dagdelen this school year against their capacity.
    pub expert_sheet: Option<String>,
    pub capacity_line: String,
    /// "Wat moet ik nu doen?": the reader's own next steps on their trajectories (issue 8).
    pub next_steps: Vec<crate::html::plan::steps::HomeStep>,
    /// Invitations to link this account to an expert of the pool (expert role only).
    pub invitations: Vec<InvitationRow>,
    /// After confirming or declining one (`?koppeling=bevestigd|geweigerd`).
    pub link_notice: Option<String>,
    /// Bestuurder: every application of their board(s) — the board's own and its schools' —
    /// newest first (issue 10 §4).
    pub board_applications: Vec<ApplicationRow>,
    /// Op koers of the trajectories this person follows (issue 9; the bestuurder's board view).
    pub course: super::koers::HomeCourse,
    /// Bestuurder: their boards' requests for several schools; staff and beheerders: the
    /// requests with schools waiting for a decision (issue 10 §4).
    pub board_requests: Vec<RequestLink>,
    /// Bestuurder: per trajectory of their board(s) the newest report (issue 9 §5):
    /// (school and programme, href of the report on screen).
    pub latest_reports: Vec<LatestReportRow>,
    /// This installation renders PDFs.
    pub pdf_reports: bool,
}

impl RoleHome {
    /// The board view's "latest report" cell of trajectory `id`.
    pub fn latest_report_of(&self, id: &TrajectoryId) -> Option<&LatestReportRow> {
        self.latest_reports.iter().find(|r| r.trajectory_id == *id)
    }
}

/// The newest report of one trajectory, on the board's home.
#[derive(Debug, Clone)]
pub struct LatestReportRow {
    pub trajectory_id: TrajectoryId,
    pub label: String,
    pub report: String,
    pub href: String,
}

/// An invitation as the home page lists it.
#[derive(Debug, Clone)]
pub struct InvitationRow {
    pub expert_id: ExpertId,
    pub text: String,
}

/// An application waiting for the board's decision.
#[derive(Debug, Clone)]
pub struct BoardTask {
    pub board: BoardNumber,
    pub school_name: String,
    pub row: ApplicationRow,
    /// Always `None` here (errors are shown on the decision page).
    pub error: Option<String>,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct HomeFlags {
    #[serde(default)]
    besluit: Option<String>,
    #[serde(default)]
    koppeling: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Query(flags): Query<HomeFlags>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let role = user.principal().primary_role();
    let mut view = RoleHome {
        page: page.in_section("mijn-home"),
        welcome: lang.t_args("rolehome-welcome", &[("name", user.0.name.clone())]),
        role: role.map_or("", RoleKind::code),
        role_line: role
            .map(|r| lang.t_args("rolehome-role", &[("role", lang.t(&format!("role-{}", r.code())))]))
            .unwrap_or_default(),
        rows: Vec::new(),
        boards: Vec::new(),
        total_line: String::new(),
        by_verdict: Vec::new(),
        by_light: Vec::new(),
        tasks: Vec::new(),
        trajectories: Vec::new(),
        expert_sheet: None,
        capacity_line: String::new(),
        decided: match flags.besluit.as_deref() {
            Some("akkoord") => Some(lang.t("wf-decided-approved")),
            Some("afgewezen") => Some(lang.t("wf-decided-declined")),
            _ => None,
        },
        next_steps: Vec::new(),
        invitations: Vec::new(),
        link_notice: match flags.koppeling.as_deref() {
            Some("bevestigd") => Some(lang.t("invitation-accepted")),
            Some("geweigerd") => Some(lang.t("invitation-declined")),
            _ => None,
        },
        board_applications: Vec::new(),
        course: Default::default(),
        latest_reports: Vec::new(),
        pdf_reports: state.app.renders_pdf(),
        board_requests: Vec::new(),
    };
    if role.is_some_and(|r| r != RoleKind::Beheerder) {
        view.next_steps = crate::html::plan::steps::for_home(&state, &user, lang).await?;
    }
    view.invitations = state
        .app
        .expert_invitations_for(UserId::new(user.0.id), crate::auth::now())
        .await?
        .into_iter()
        .map(|i| InvitationRow {
            expert_id: i.expert_id,
            text: lang.t_args(
                "invitation-text",
                &[
                    ("name", i.expert_name),
                    ("by", i.invited_by),
                    ("date", crate::html::programma::aanmeldingen::date(i.invited_at)),
                ],
            ),
        })
        .collect();
    view.course = super::koers::for_home(&state, &user, role, lang).await?;
    let requests = match role {
        Some(RoleKind::Programmamedewerker | RoleKind::Beheerder) => {
            state.app.open_board_requests(user.principal()).await?
        }
        Some(RoleKind::Bestuurder) => {
            let mut all = Vec::new();
            for number in user.principal().boards() {
                all.extend(state.app.board_requests_of_board(user.principal(), number).await?);
            }
            all
        }
        _ => Vec::new(),
    };
    let in_force = state.app.programmes_in_force().await?;
    for r in requests {
        let board = state.app.read().board(r.board_number).await.map(|b| b.name).unwrap_or_default();
        view.board_requests.push(RequestLink {
            href: format!("/bestuursaanvragen/{}", r.id),
            title: format!("{} – {board}", in_force.name(&r.programme_id)),
            summary: lang.t_args(
                "multi-home-summary",
                &[("schools", r.lines.len().to_string()), ("open", r.open_lines().to_string())],
            ),
        });
    }
    match role {
        Some(RoleKind::Programmamedewerker) => {
            let all = screen_register(state.app.read(), state.app.norms(), &state.band_rule().await?).await?;
            view.total_line = lang.t_args("rolehome-screening-total", &[("count", all.len().to_string())]);
            view.by_verdict = VERDICTS
                .iter()
                .map(|&v| Count {
                    label: verdict_text(lang, v),
                    count: all.iter().filter(|(_, o)| o.eligibility.verdict == v).count(),
                    href: format!("/programma/screening?uitkomst={}", verdict_code(v)),
                })
                .collect();
            let lights = [Some(TrafficLight::Rood), Some(TrafficLight::Oranje), Some(TrafficLight::Groen), None];
            view.by_light = lights
                .iter()
                .map(|&l| Count {
                    label: light_text(lang, l),
                    count: all.iter().filter(|(_, o)| o.eligibility.light() == l).count(),
                    href: format!("/programma/screening?licht={}", light_code(l)),
                })
                .collect();
        }
        Some(RoleKind::Schoolleider) => {
            let mut schools = Vec::new();
            for id in user.principal().schools() {
                match state.app.read().school(id).await {
                    Ok(s) => schools.push(s),
                    Err(StoreError::NotFound) => {}
                    Err(e) => return Err(e.into()),
                }
            }
            view.rows = rows_for(&state, lang, &schools).await?;
            for s in &schools {
                let filter = TrajectoryFilter { school_id: Some(s.id), ..TrajectoryFilter::default() };
                view.trajectories.extend(trajectory_links(&state, &filter).await?);
            }
        }
        Some(RoleKind::Bestuurder) => {
            for number in user.principal().boards() {
                let name = match state.app.read().board(number).await {
                    Ok(b) => b.name,
                    Err(StoreError::NotFound) => lang.t_args("board-fallback-name", &[("number", number.to_string())]),
                    Err(e) => return Err(e.into()),
                };
                let schools = state.app.read().schools_of_board(number).await?;
                let filter = ApplicationFilter {
                    board_number: Some(number),
                    status: Some(koers_core::workflow::Status::WachtOpBestuur),
                    ..ApplicationFilter::default()
                };
                let waiting = state.app.read().list_applications(&filter).await?;
                for row in application_rows(&state, &filter).await? {
                    let school_id = waiting.iter().find(|a| a.id == row.id).and_then(|a| a.school_id);
                    let school_name =
                        schools.iter().find(|s| Some(s.id) == school_id).map(|s| s.name.clone()).unwrap_or_default();
                    view.tasks.push(BoardTask { board: number, school_name, row, error: None });
                }
                let all = ApplicationFilter { board_number: Some(number), ..ApplicationFilter::default() };
                view.board_applications.extend(application_rows(&state, &all).await?);
                let own = TrajectoryFilter { board_number: Some(number), ..TrajectoryFilter::default() };
                view.trajectories.extend(trajectory_links(&state, &own).await?);
                for r in state.app.board_latest_reports(user.principal(), &user.actor(), number, state.today()).await? {
                    let label =
                        if r.school.is_empty() { r.programme } else { format!("{} – {}", r.school, r.programme) };
                    view.latest_reports.push(LatestReportRow {
                        trajectory_id: r.trajectory_id,
                        label,
                        report: lang.t(&format!("report-{}", r.kind.code())),
                        href: format!("/trajecten/{}/rapporten/{}", r.trajectory_id, r.kind.code()),
                    });
                }
                let multi = crate::html::bestuur::multi_links(&state, number).await?;
                view.boards.push(BoardBlock { number, name, rows: rows_for(&state, lang, &schools).await?, multi });
            }
        }
        Some(RoleKind::Expert) => match state.app.read().expert_by_user(UserId::new(user.0.id)).await {
            Ok(e) => {
                let filter = TrajectoryFilter { expert_id: Some(e.id), ..TrajectoryFilter::default() };
                view.trajectories = trajectory_links(&state, &filter).await?;
                view.expert_sheet = Some(format!("/experts/{}/urenstaat", e.id));
                let today = koers_core::calendar::Date::of_instant(crate::auth::now());
                let c = state.app.expert_capacity(e.id, today).await?;
                view.capacity_line = lang.t_args(
                    "dgd-capacity",
                    &[
                        ("year", c.school_year.label()),
                        ("spent", c.spent.to_string()),
                        ("capacity", c.capacity.to_string()),
                    ],
                );
            }
            Err(StoreError::NotFound) => {}
            Err(e) => return Err(e.into()),
        },
        Some(RoleKind::Schoolteam) => {
            for id in user.principal().team_schools() {
                let filter = TrajectoryFilter { school_id: Some(id), ..TrajectoryFilter::default() };
                view.trajectories.extend(trajectory_links(&state, &filter).await?);
            }
        }
        Some(RoleKind::Beheerder) | None => {}
    }
    render(&view)
}
