//! Errors of the web layer and the one place where they become a response: an HTML page for
//! the pages, the JSON envelope `{"errors":[{"field":…,"detail":…}]}` under `/api`.
//!
//! Handlers return [`AppError`]; its `IntoResponse` only sets the status and attaches an
//! [`ErrorBody`] extension (and logs a 500 once, with its cause chain). The [`render_errors`]
//! middleware then renders every error response — also axum's own rejections, the fallback
//! 404 and 405 — for the surface the request was for.

use crate::html::page::Page;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use koers_app::store::StoreError;
use koers_core::workflow::TransitionError;
use serde::Serialize;
use std::error::Error as StdError;

/// One problem, optionally tied to a field (`years[0].pct_1f`). Details are Dutch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ErrorItem {
    /// The field the problem is about, as a path into the request (`years[0].pct_1f`), or null.
    pub field: Option<String>,
    /// What is wrong, in Dutch.
    pub detail: String,
}

impl ErrorItem {
    pub fn new(field: Option<&str>, detail: impl Into<String>) -> Self {
        Self { field: field.map(str::to_owned), detail: detail.into() }
    }
}

/// The JSON error envelope.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ErrorEnvelope {
    pub errors: Vec<ErrorItem>,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("niet gevonden")]
    NotFound,
    /// The request itself is malformed (bad JSON syntax, wrong content type): 400.
    #[error("ongeldig verzoek")]
    BadRequest(Vec<ErrorItem>),
    /// The body is larger than accepted: 413.
    #[error("te groot")]
    TooLarge(Vec<ErrorItem>),
    /// Well-formed but invalid input: 422.
    #[error("ongeldige invoer")]
    Invalid(Vec<ErrorItem>),
    #[error("niet aangemeld")]
    Unauthorized,
    #[error("geen toegang")]
    Forbidden,
    /// Someone else changed it first, or it can no longer change: 409, never a 500.
    #[error("conflict")]
    Conflict(Vec<ErrorItem>),
    /// Too many requests (rate limit, or every password-hashing slot taken): 429 with
    /// `Retry-After` in seconds.
    #[error("te veel verzoeken")]
    TooManyRequests { retry_after_secs: u64 },
    /// Not available now (no PDF engine in this installation, too many reports at once): 503,
    /// with `Retry-After` when it is worth trying again.
    #[error("niet beschikbaar")]
    Unavailable { errors: Vec<ErrorItem>, retry_after_secs: Option<u64> },
    #[error("interne fout")]
    Internal(#[source] Box<dyn StdError + Send + Sync>),
}

impl AppError {
    pub fn internal(e: impl StdError + Send + Sync + 'static) -> Self {
        Self::Internal(Box::new(e))
    }

    /// The server is saturated (see [`koers_app::hashing`]): 429, come back shortly.
    pub fn busy() -> Self {
        Self::TooManyRequests { retry_after_secs: BUSY_RETRY_AFTER_SECS }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        koers_app::Error::from(e).into()
    }
}

/// The one mapping of the use cases' error onto a response (handlers that show a refusal next
/// to their form match the variants they handle first and pass the rest here).
impl From<koers_app::Error> for AppError {
    fn from(e: koers_app::Error) -> Self {
        use koers_app::Error as E;
        let one = |e: &dyn std::fmt::Display| vec![ErrorItem::new(None, e.to_string())];
        match e {
            E::NotFound => AppError::NotFound,
            E::Forbidden => AppError::Forbidden,
            E::Invalid(fields) => {
                AppError::Invalid(fields.into_iter().map(|f| ErrorItem::new(Some(&f.field), f.detail)).collect())
            }
            E::Conflict { .. } | E::Transition(TransitionError::Final(_)) | E::LastBeheerder => {
                AppError::Conflict(one(&e))
            }
            E::Store(StoreError::Duplicate(_)) | E::Store(StoreError::Conflict { .. }) => AppError::Conflict(one(&e)),
            E::NotEligible { .. }
            | E::Transition(_)
            | E::Assignment(_)
            | E::AssignThroughMatching
            | E::Link(_)
            | E::AccountLink(_)
            | E::File(_)
            | E::Unsupported(_) => AppError::Invalid(one(&e)),
            E::Login(_) => AppError::Unauthorized,
            E::External(_) => AppError::Forbidden,
            E::Busy(_) => AppError::busy(),
            // A report that cannot be made yet: the state of the trajectory, named in Dutch.
            E::ReportUnavailable(_) => AppError::Conflict(one(&e)),
            E::PdfUnavailable => AppError::Unavailable { errors: one(&e), retry_after_secs: None },
            E::ReportsBusy => {
                AppError::Unavailable { errors: one(&e), retry_after_secs: Some(REPORTS_RETRY_AFTER_SECS) }
            }
            e @ (E::NoNorms
            | E::NoBandProgramme
            | E::Programme(_)
            | E::Mail(_)
            | E::Corrupt(_)
            | E::System(_)
            | E::Store(_)) => AppError::internal(e),
        }
    }
}

/// `Retry-After` when too many reports are being made at once.
pub const REPORTS_RETRY_AFTER_SECS: u64 = 5;

/// `Retry-After` when the server is saturated.
pub const BUSY_RETRY_AFTER_SECS: u64 = 2;

/// The error as it travels from the handler to [`render_errors`].
#[derive(Debug, Clone)]
pub struct ErrorBody {
    pub errors: Vec<ErrorItem>,
}

/// Marks a response body as already rendered for its surface.
#[derive(Debug, Clone, Copy)]
struct Rendered;

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let retry_after = match self {
            AppError::TooManyRequests { retry_after_secs } => Some(retry_after_secs.max(1)),
            AppError::Unavailable { retry_after_secs, .. } => retry_after_secs.map(|s| s.max(1)),
            _ => None,
        };
        let errors = match self {
            AppError::BadRequest(e) | AppError::Invalid(e) | AppError::Conflict(e) | AppError::TooLarge(e) => e,
            AppError::Unavailable { errors, .. } => errors,
            AppError::Internal(ref cause) => {
                let mut chain = cause.to_string();
                let mut source = cause.source();
                while let Some(s) = source {
                    chain.push_str(": ");
                    chain.push_str(&s.to_string());
                    source = s.source();
                }
                tracing::error!(error = %chain, "interne fout");
                Vec::new()
            }
            _ => Vec::new(),
        };
        let mut res = status.into_response();
        if let Some(secs) = retry_after {
            res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        res.extensions_mut().insert(ErrorBody { errors });
        res
    }
}

/// The general Dutch text for a status without details.
pub fn status_detail(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "het verzoek is ongeldig",
        401 => "aanmelden is nodig (Authorization: Bearer <token>)",
        403 => "je hebt geen toegang tot dit onderdeel",
        404 => "niet gevonden",
        405 => "deze methode is hier niet toegestaan",
        409 => "iemand anders heeft dit intussen gewijzigd, of het kan niet meer veranderen; laad de pagina opnieuw",
        413 => "het verzoek is te groot",
        415 => "verkeerd inhoudstype",
        422 => "de invoer is ongeldig",
        429 => "te veel verzoeken; probeer het over een paar seconden opnieuw",
        503 => "de server is tijdelijk overbelast; probeer het over een paar seconden opnieuw",
        _ => "er ging iets mis aan onze kant; probeer het later opnieuw",
    }
}

pub fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// Render every error response for its surface (see the module doc).
pub async fn render_errors(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut page = Page::from_parts(req.headers(), req.uri());
    if let Some(theme) = req.extensions().get::<std::sync::Arc<crate::theme::Theme>>() {
        page.theme = theme.clone();
    }
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) || res.extensions().get::<Rendered>().is_some() {
        return res;
    }
    let body = res.extensions().get::<ErrorBody>().cloned();
    // Responses with a rendered body of their own (e.g. the check form with its errors) pass.
    let has_own_body = body.is_none()
        && res.headers().get(header::CONTENT_TYPE).is_some_and(|ct| {
            ct.to_str().is_ok_and(|ct| ct.starts_with("text/html") || ct.starts_with("application/json"))
        });
    if has_own_body {
        return res;
    }
    let errors = body.map(|b| b.errors).unwrap_or_default();
    // Set by `auth::resolve_principal` on error responses: the navigation of a logged-in user
    // (never "Inloggen" on a 403 or 404 for someone who is logged in).
    page.user = res.extensions().get::<crate::auth::SessionUser>().map(|u| crate::auth::nav_user(page.lang, u));
    let mut out = if is_api_path(&path) { json_response(status, errors) } else { html_response(status, &page) };
    if let Some(allow) = res.headers().get(header::ALLOW) {
        out.headers_mut().insert(header::ALLOW, allow.clone());
    }
    for name in [header::WWW_AUTHENTICATE, header::RETRY_AFTER] {
        if let Some(v) = res.headers().get(&name) {
            out.headers_mut().insert(name, v.clone());
        }
    }
    out.extensions_mut().insert(Rendered);
    out
}

fn json_response(status: StatusCode, mut errors: Vec<ErrorItem>) -> Response {
    if errors.is_empty() {
        errors.push(ErrorItem::new(None, status_detail(status)));
    }
    let mut res = (status, axum::Json(ErrorEnvelope { errors })).into_response();
    if status == StatusCode::UNAUTHORIZED && !res.headers().contains_key(header::WWW_AUTHENTICATE) {
        res.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    res
}

fn html_response(status: StatusCode, page: &Page) -> Response {
    let view = crate::html::error_page::ErrorPage::new(page.clone(), status);
    (status, view.render_html()).into_response()
}

/// The fallback for unknown routes.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// A panicking handler becomes a logged 500 (rendered like any other).
pub fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let msg = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("onbekende oorzaak");
    tracing::error!(panic = %msg, "interne fout (panic)");
    let mut res = StatusCode::INTERNAL_SERVER_ERROR.into_response();
    res.extensions_mut().insert(ErrorBody { errors: Vec::new() });
    res
}
