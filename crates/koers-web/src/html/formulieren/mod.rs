//! A trajectory's forms (issue 8): the zelfevaluatie, schoolscan, zelfanalyse or review its
//! phases name, filled in per item. Everything works without JavaScript (each item is its own
//! form; saving redirects back to the item); with htmx an item saves itself on change
//! (`hx-swap="none"`, the new version and a status line come back out of band, so nothing the
//! person is typing is replaced). Who may do what: `koers_core::access::case` through the use
//! cases of `koers_app::selfevals` (403 for anyone outside the trajectory).
//!
//! | route | handler |
//! |---|---|
//! | `GET /trajecten/{id}/formulieren/{format}` | [`page::show`] (starts the form for who fills it in; one section per page, [`part`]) |
//! | `POST …/items/{item}` | [`save::item`] (409 with what was typed on a stale version) |
//! | `POST …/items/{item}/opmerkingen` | [`extra::comment`] |
//! | `POST …/items/{item}/bezoeken` | [`extra::visit`] (a klassenbezoek) |
//! | `POST …/items/{item}/bestanden` | [`extra::upload`] (multipart, [`UPLOAD_BODY_LIMIT`]) |
//! | `GET …/bestanden/{upload}`, `POST …/bestanden/{upload}/verwijderen` | [`extra::download`], [`extra::remove`] |
//! | `POST …/indienen`, `POST …/bevestigen` | [`status::submit`], [`status::confirm`] |
//! | `GET …/resultaat` | [`status::result`] (scores per standard as SVG, printable) |

pub mod extra;
pub mod fields;
pub mod page;
pub mod part;
pub mod save;
pub mod status;
pub mod view;

use crate::AppError;
use crate::state::AppState;
use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path};
use axum::http::request::Parts;
use axum::routing::{get, post};
use koers_app::selfevals::FormRef;
use koers_core::ids::TrajectoryId;

/// The largest upload request: the largest file a format may allow (50 MB) plus the form.
pub const UPLOAD_BODY_LIMIT: usize = 50 * 1024 * 1024 + 64 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/trajecten/{id}/formulieren/{format}", get(page::show))
        .route("/trajecten/{id}/formulieren/{format}/items/{item}", post(save::item))
        .route("/trajecten/{id}/formulieren/{format}/items/{item}/opmerkingen", post(extra::comment))
        .route("/trajecten/{id}/formulieren/{format}/items/{item}/bezoeken", post(extra::visit))
        .route(
            "/trajecten/{id}/formulieren/{format}/items/{item}/bestanden",
            post(extra::upload).layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        )
        .route("/trajecten/{id}/formulieren/{format}/bestanden/{upload}", get(extra::download))
        .route("/trajecten/{id}/formulieren/{format}/bestanden/{upload}/verwijderen", post(extra::remove))
        .route("/trajecten/{id}/formulieren/{format}/indienen", post(status::submit))
        .route("/trajecten/{id}/formulieren/{format}/bevestigen", post(status::confirm))
        .route("/trajecten/{id}/formulieren/{format}/resultaat", get(status::result))
}

/// A slug as formats and items use them; anything else is no such page.
fn slug(s: &str) -> Result<String, AppError> {
    let ok =
        !s.is_empty() && s.len() <= 100 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok { Ok(s.to_owned()) } else { Err(AppError::NotFound) }
}

/// The trajectory and format of the path (`/trajecten/{id}/formulieren/{format}/…`), plus the
/// item or upload id when the route has one.
#[derive(Debug, Clone)]
pub struct FormPath {
    pub form: FormRef,
    pub rest: Option<String>,
}

impl FormPath {
    pub fn base(&self) -> String {
        format!("/trajecten/{}/formulieren/{}", self.form.trajectory, self.form.format)
    }
    /// The item of an `…/items/{item}…` route.
    pub fn item(&self) -> Result<String, AppError> {
        slug(self.rest.as_deref().unwrap_or_default())
    }
    /// The upload of a `…/bestanden/{upload}…` route.
    pub fn upload(&self) -> Result<koers_core::ids::UploadId, AppError> {
        self.rest
            .as_deref()
            .unwrap_or_default()
            .parse()
            .ok()
            .filter(|id: &koers_core::ids::UploadId| id.get() > 0)
            .ok_or(AppError::NotFound)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for FormPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Path(params) =
            Path::<Vec<(String, String)>>::from_request_parts(parts, state).await.map_err(|_| AppError::NotFound)?;
        let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let id = get("id").and_then(|s| s.parse::<i64>().ok()).filter(|i| *i > 0).ok_or(AppError::NotFound)?;
        let format = slug(&get("format").unwrap_or_default())?;
        Ok(Self {
            form: FormRef { trajectory: TrajectoryId::new(id), format },
            rest: get("item").or_else(|| get("upload")),
        })
    }
}

/// Whether the request came from htmx (an autosave), not a plain form post.
pub fn is_htmx(headers: &axum::http::HeaderMap) -> bool {
    headers.get("hx-request").is_some_and(|v| v == "true")
}
