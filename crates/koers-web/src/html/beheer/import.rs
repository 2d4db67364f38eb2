//! `GET/POST /beheer/import`: upload a national file (CSV, xlsx or ods, at most 50 MB) into the
//! register through [`koers_app::App::import_file`], then show what it did: counts, the
//! manual edits it kept, and the first [`SHOWN_REJECTIONS`] rejected rows with file, line,
//! column, value and problem, with a link to all of them page by page
//! (`GET /beheer/import/{id}`, [`super::import_run`]: read from the store a page at a time).
//!
//! Parsing a file is CPU work of up to seconds: the import runs on a blocking thread (never on
//! the async workers, so other requests keep their latency) and [`IMPORT_SLOTS`] at a time; an
//! upload that finds every slot taken for [`SLOT_WAIT`] gets 429 with `Retry-After`. The slot
//! is taken before the body is read, so waiting uploads hold no file in memory.

use crate::AppError;
use crate::auth::{CurrentUser, now};
use crate::html::page::Page;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use koers_app::register::ImportReport;
use koers_app::store::{AuditEntity, NewAudit};
use koers_core::access::{Action, Resource};

/// The largest file accepted.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;
/// The request body limit of the upload route: the file plus the multipart framing.
pub const BODY_LIMIT: usize = MAX_FILE_BYTES + 64 * 1024;
const EXTENSIONS: [&str; 3] = ["csv", "xlsx", "ods"];
/// Imports that may run at once in this process.
pub const IMPORT_SLOTS: usize = 1;
/// How long an upload waits for a slot.
pub const SLOT_WAIT: std::time::Duration = std::time::Duration::from_secs(10);
/// Rejected rows shown on the upload page (all of them: `/beheer/import/{id}`, paged).
pub const SHOWN_REJECTIONS: usize = koers_app::register::REPORT_REJECTIONS;

static SLOTS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(IMPORT_SLOTS);

#[derive(Debug, Template)]
#[template(path = "beheer/import.html")]
pub struct ImportPage {
    pub page: Page,
    pub error: Option<String>,
    pub report: Option<ImportReport>,
    /// How many rejected rows the report holds (the page shows at most [`SHOWN_REJECTIONS`]).
    pub rejected_total: usize,
    /// "(de eerste 100 van 2.345)" when not all rejected rows are shown.
    pub rejected_note: Option<String>,
    /// Where all rejected rows are, page by page (when there are more than shown).
    pub all_rejected: Option<String>,
}

impl ImportPage {
    fn new(page: Page, error: Option<String>, report: Option<ImportReport>) -> Self {
        let mut report = report;
        let rejected_total = report.as_ref().map_or(0, |r| r.rejected_total.max(r.rejected.len()));
        if let Some(r) = report.as_mut() {
            r.rejected.truncate(SHOWN_REJECTIONS);
        }
        let more = rejected_total > SHOWN_REJECTIONS;
        let rejected_note = more.then(|| {
            page.t_args(
                "import-rejected-shown",
                &[("shown", SHOWN_REJECTIONS.to_string()), ("total", rejected_total.to_string())],
            )
        });
        let all_rejected =
            report.as_ref().and_then(|r| r.run_id).filter(|_| more).map(|id| format!("/beheer/import/{id}"));
        Self { page, error, report, rejected_total, rejected_note, all_rejected }
    }
}

pub async fn form(user: CurrentUser, page: Page) -> Result<Response, AppError> {
    user.ensure(Action::View, Resource::Import)?;
    render(&ImportPage::new(page.in_section("beheer"), None, None))
}

fn refused(page: Page, status: StatusCode, message: String) -> Result<Response, AppError> {
    let mut res = render(&ImportPage::new(page, Some(message), None))?;
    *res.status_mut() = status;
    Ok(res)
}

/// The uploaded file: (name, bytes), or the status and message to show.
async fn read_file(mut multipart: Multipart, page: &Page) -> Result<(String, Vec<u8>), (StatusCode, String)> {
    let too_big = || (StatusCode::PAYLOAD_TOO_LARGE, page.t("import-error-too-big"));
    let broken = |status: StatusCode| {
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            too_big()
        } else {
            (StatusCode::BAD_REQUEST, page.t("import-error-none"))
        }
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => return Err((StatusCode::UNPROCESSABLE_ENTITY, page.t("import-error-none"))),
            Err(e) => return Err(broken(e.status())),
        };
        if field.name() != Some("bestand") {
            continue;
        }
        let name = field.file_name().unwrap_or_default().trim().to_owned();
        let bytes = field.bytes().await.map_err(|e| broken(e.status()))?;
        if name.is_empty() && bytes.is_empty() {
            return Err((StatusCode::UNPROCESSABLE_ENTITY, page.t("import-error-none")));
        }
        if bytes.len() > MAX_FILE_BYTES {
            return Err(too_big());
        }
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        if !EXTENSIONS.contains(&ext.as_str()) {
            return Err((StatusCode::UNPROCESSABLE_ENTITY, page.t_args("import-error-type", &[("file", name)])));
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err((StatusCode::UNPROCESSABLE_ENTITY, page.t_args("import-error-empty", &[("file", name)])));
        }
        return Ok((name, bytes.to_vec()));
    }
}

/// Run the import on a blocking thread: parsing never occupies an async worker.
async fn off_runtime(
    state: &AppState,
    bytes: Vec<u8>,
    name: String,
    actor: koers_app::store::Actor,
    at: i64,
) -> Result<koers_app::Result<ImportReport>, AppError> {
    let app = state.app.clone();
    let rt = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || rt.block_on(app.import_file(&bytes, &name, &actor, at)))
        .await
        .map_err(AppError::internal)
}

pub async fn upload(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, AppError> {
    user.ensure(Action::Change, Resource::Import)?;
    let page = page.in_section("beheer");
    let _slot = match tokio::time::timeout(SLOT_WAIT, SLOTS.acquire()).await {
        Ok(Ok(permit)) => permit,
        _ => return Err(AppError::TooManyRequests { retry_after_secs: SLOT_WAIT.as_secs() }),
    };
    let Ok(multipart) = multipart else {
        return refused(page.clone(), StatusCode::BAD_REQUEST, page.t("import-error-none"));
    };
    let (name, bytes) = match read_file(multipart, &page).await {
        Ok(f) => f,
        Err((status, message)) => return refused(page, status, message),
    };
    let actor = user.actor();
    let at = now();
    let result = off_runtime(&state, bytes, name.clone(), actor.clone(), at).await?;
    state.search.invalidate();
    match result {
        Ok(report) => {
            state
                .app
                .record_event(&NewAudit {
                    at,
                    actor_user_id: actor.user_id,
                    actor_label: actor.label.clone(),
                    action: "import".into(),
                    entity: AuditEntity::Import,
                    entity_id: name.clone(),
                    before: None,
                    after: Some(serde_json::json!({ "summary": report.summary_nl() }).to_string()),
                })
                .await?;
            render(&ImportPage::new(page, None, Some(report)))
        }
        Err(e @ (koers_app::Error::Store(_) | koers_app::Error::System(_))) => Err(e.into()),
        Err(e) => refused(page, StatusCode::UNPROCESSABLE_ENTITY, e.to_string()),
    }
}
