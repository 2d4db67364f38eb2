//! Who is asking: the middleware that turns a bearer token or a session into a [`Principal`]
//! and a [`SessionUser`] in the request extensions.

use super::{AuthSession, INACTIVITY_SECS, SessionUser, now};
use crate::AppError;
use crate::error::is_api_path;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_login::tower_sessions::Session;
use koers_app::store::{AuditEntity, NewAudit, TokenScope};

/// Key in the session data: when the session was last written (Unix seconds).
const SEEN_KEY: &str = "koers.seen";
/// Rewrite the session (pushing its expiry out) at most this often: an inactivity expiry
/// without a database write on every request.
const TOUCH_EVERY_SECS: i64 = 5 * 60;

/// `koers_…` from `Bearer koers_…`.
fn bearer(value: &HeaderValue) -> Option<&str> {
    let v = value.to_str().ok()?.trim();
    let (scheme, token) = v.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// API calls with a method other than GET/HEAD/OPTIONS that still change nothing (pure
/// computations), which a read-only token may make.
const READ_ONLY_POSTS: [&str; 1] = ["/api/v1/eligibility"];

/// Does this request only read (what a read-only token may do)?
fn reads_only(method: &Method, path: &str) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
        || (*method == Method::POST && READ_ONLY_POSTS.contains(&path.trim_end_matches('/')))
}

/// Route middleware of the API (see [`crate::api::routes`]): a read-only token may only read
/// (403 otherwise), on the operations the API has (`operations`: method and route as in the
/// spec); a method the route does not have stays the router's 405.
pub async fn require_scope(
    operations: std::sync::Arc<std::collections::HashSet<(String, String)>>,
    req: Request,
    next: Next,
) -> Response {
    if req.extensions().get::<TokenScope>() == Some(&TokenScope::Read) && !reads_only(req.method(), req.uri().path()) {
        let route = req.extensions().get::<axum::extract::MatchedPath>().map(|m| m.as_str().to_owned());
        let known = route.is_some_and(|r| operations.contains(&(req.method().as_str().to_ascii_lowercase(), r)));
        if known {
            return AppError::Forbidden.into_response();
        }
    }
    next.run(req).await
}

async fn touch(session: &Session) {
    let seen = session.get::<i64>(SEEN_KEY).await.ok().flatten();
    let now = now();
    if seen.is_none_or(|s| now - s >= TOUCH_EVERY_SECS.min(INACTIVITY_SECS))
        && let Err(e) = session.insert(SEEN_KEY, now).await
    {
        tracing::warn!(error = %e, "sessie bijwerken mislukt");
    }
}

/// The login page with the path to come back to.
pub(crate) fn login_redirect(back: &str) -> Response {
    let query = serde_urlencoded::to_string([("volgende", back)]).unwrap_or_default();
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("/inloggen?{query}")) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// See the module doc of [`crate::auth`].
pub async fn resolve_principal(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let api = is_api_path(req.uri().path());
    let mut who: Option<SessionUser> = None;
    let back = match *req.method() {
        Method::GET => req.uri().path_and_query().map_or("/", |pq| pq.as_str()).to_owned(),
        _ => req.uri().path().to_owned(),
    };
    // Tokens authenticate the API only: on a page the header is ignored (a browser never sends
    // one), so a token can neither edit the register nor mint more tokens.
    let token_header = if api { req.headers().get(header::AUTHORIZATION) } else { None };
    if let Some(value) = token_header {
        let Some(token) = bearer(value) else { return AppError::Unauthorized.into_response() };
        let now = now();
        match state.app.principal_for_token(token, now).await {
            Ok((user, principal, scope)) => {
                // Enforced by `require_scope` on the API's routes (after routing, so an
                // unknown method is still a 405).
                req.extensions_mut().insert(scope);
                let entry = NewAudit {
                    at: now,
                    actor_user_id: Some(user.id),
                    actor_label: format!("{} (API-token)", user.email),
                    action: "token_use".into(),
                    entity: AuditEntity::Session,
                    entity_id: user.id.to_string(),
                    before: None,
                    after: Some(
                        serde_json::json!({ "method": req.method().as_str(), "path": req.uri().path() }).to_string(),
                    ),
                };
                if let Err(e) = state.app.record_event(&entry).await {
                    return AppError::from(e).into_response();
                }
                req.extensions_mut().insert(principal.clone());
                let u = SessionUser::new(&user, principal);
                who = Some(u.clone());
                req.extensions_mut().insert(u);
            }
            Err(koers_app::Error::NotFound) => return AppError::Unauthorized.into_response(),
            Err(e) => return AppError::from(e).into_response(),
        }
    } else if let Some(auth) = req.extensions().get::<AuthSession>().cloned()
        && let Some(user) = auth.user
    {
        touch(&auth.session).await;
        req.extensions_mut().insert(user.principal.clone());
        who = Some(user.clone());
        req.extensions_mut().insert(user);
    }
    let mut res = next.run(req).await;
    if res.status() == StatusCode::UNAUTHORIZED && !api {
        return login_redirect(&back);
    }
    // The error page (rendered further out, by `render_errors`) shows who is logged in.
    if let Some(u) = who.filter(|_| res.status().is_client_error() || res.status().is_server_error()) {
        res.extensions_mut().insert(u);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_bearer_tokens_are_read() {
        assert_eq!(bearer(&HeaderValue::from_static("Bearer koers_abc")), Some("koers_abc"));
        assert_eq!(bearer(&HeaderValue::from_static("bearer  koers_abc ")), Some("koers_abc"));
        assert_eq!(bearer(&HeaderValue::from_static("Basic abc")), None);
        assert_eq!(bearer(&HeaderValue::from_static("Bearer ")), None);
    }

    #[test]
    fn read_only_tokens_read_and_compute() {
        assert!(reads_only(&Method::GET, "/api/v1/schools"));
        assert!(reads_only(&Method::POST, "/api/v1/eligibility"));
        assert!(!reads_only(&Method::POST, "/api/v1/schools"));
        assert!(!reads_only(&Method::DELETE, "/api/v1/me"));
    }
}
