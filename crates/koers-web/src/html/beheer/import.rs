//! `GET/POST /beheer/import`: upload a national file (CSV, xlsx or ods, at most 50 MB) into the
//! register through [`koers_app::App::import_file`], then show what it did: counts, the
//! manual edits it kept, and every rejected row with file, line, column, value and problem.

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
use koers_app::store::NewAudit;
use koers_core::access::{Action, Resource};

/// The largest file accepted.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;
/// The request body limit of the upload route: the file plus the multipart framing.
pub const BODY_LIMIT: usize = MAX_FILE_BYTES + 64 * 1024;
const EXTENSIONS: [&str; 3] = ["csv", "xlsx", "ods"];

#[derive(Debug, Template)]
#[template(path = "beheer/import.html")]
pub struct ImportPage {
    pub page: Page,
    pub error: Option<String>,
    pub report: Option<ImportReport>,
}

pub async fn form(user: CurrentUser, page: Page) -> Result<Response, AppError> {
    user.ensure(Action::View, Resource::Import)?;
    render(&ImportPage { page: page.in_section("beheer"), error: None, report: None })
}

fn refused(page: Page, status: StatusCode, message: String) -> Result<Response, AppError> {
    let mut res = render(&ImportPage { page, error: Some(message), report: None })?;
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

pub async fn upload(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, AppError> {
    user.ensure(Action::Change, Resource::Import)?;
    let page = page.in_section("beheer");
    let Ok(multipart) = multipart else {
        return refused(page.clone(), StatusCode::BAD_REQUEST, page.t("import-error-none"));
    };
    let (name, bytes) = match read_file(multipart, &page).await {
        Ok(f) => f,
        Err((status, message)) => return refused(page, status, message),
    };
    let actor = user.actor();
    let at = now();
    let result = state.app.import_file(&bytes, &name, &actor, at).await;
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
                    entity: "import".into(),
                    entity_id: name.clone(),
                    before: None,
                    after: Some(serde_json::json!({ "summary": report.summary_nl() }).to_string()),
                })
                .await?;
            render(&ImportPage { page, error: None, report: Some(report) })
        }
        Err(e @ (koers_app::Error::Store(_) | koers_app::Error::System(_))) => Err(e.into()),
        Err(e) => refused(page, StatusCode::UNPROCESSABLE_ENTITY, e.to_string()),
    }
}
