//! `GET /taal/{code}?terug=…`: set the language cookie and go back (only to a local path).

use crate::AppError;
use crate::i18n::{LANG_COOKIE, Lang};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Back {
    terug: Option<String>,
}

/// `terug` when it is a local path (`/…`, not `//host` or `/\host`), else `/`.
pub fn safe_back(terug: Option<&str>) -> &str {
    match terug {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.starts_with("/\\")
                && !p.chars().any(|c| c.is_control()) =>
        {
            p
        }
        _ => "/",
    }
}

pub async fn switch(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(back): Query<Back>,
) -> Result<Response, AppError> {
    let lang = Lang::from_code(&code).ok_or(AppError::NotFound)?;
    let target = safe_back(back.terug.as_deref());
    let secure = if state.config.secure_cookies { "; Secure" } else { "" };
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}", lang.code());
    let mut res = StatusCode::SEE_OTHER.into_response();
    let h = res.headers_mut();
    h.insert(header::LOCATION, HeaderValue::from_str(target).unwrap_or(HeaderValue::from_static("/")));
    h.insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).map_err(AppError::internal)?);
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::safe_back;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_back(Some("/scholen?q=a")), "/scholen?q=a");
        assert_eq!(safe_back(Some("//evil.example")), "/");
        assert_eq!(safe_back(Some("/\\evil.example")), "/");
        assert_eq!(safe_back(Some("https://evil.example")), "/");
        assert_eq!(safe_back(Some("/a\r\nSet-Cookie: x")), "/");
        assert_eq!(safe_back(None), "/");
    }
}
