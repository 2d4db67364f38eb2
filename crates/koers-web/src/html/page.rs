//! The context every page template gets: language, current path (for the language switch) and
//! the `t(key)` lookup. Templates call `page.t("key")`.

use crate::i18n::Lang;
use crate::theme::Theme;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Uri, header};
use std::convert::Infallible;
use std::sync::{Arc, LazyLock};

#[derive(Debug, Clone)]
pub struct Page {
    pub lang: Lang,
    /// Path and query of the current request (a local path).
    pub path: String,
    /// Which nav item is current: `home`, `check` or empty.
    pub section: &'static str,
    /// The logged-in user, for the navigation (set by the extractor, see [`crate::auth`]).
    pub user: Option<NavUser>,
    /// The installation's theme (header logo, organiser's name, theme stylesheet).
    pub theme: Arc<Theme>,
}

static DEFAULT_THEME: LazyLock<Arc<Theme>> = LazyLock::new(|| Arc::new(Theme::default()));

/// What the navigation shows of a logged-in user.
#[derive(Debug, Clone)]
pub struct NavUser {
    /// "Ingelogd als …".
    pub label: String,
    pub screening: bool,
    pub admin: bool,
}

impl Page {
    /// The page context of a request; the theme comes from the request's extensions (the router
    /// adds the installation's theme to every request).
    pub fn from_parts(headers: &HeaderMap, uri: &Uri) -> Self {
        let cookie = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
        let path = uri.path_and_query().map_or_else(|| uri.path().to_owned(), |pq| pq.as_str().to_owned());
        Self { lang: Lang::from_cookie_header(cookie), path, section: "", user: None, theme: DEFAULT_THEME.clone() }
    }

    pub fn in_section(mut self, section: &'static str) -> Self {
        self.section = section;
        self
    }

    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    pub fn t_args(&self, key: &str, args: &[(&'static str, String)]) -> String {
        self.lang.t_args(key, args)
    }

    /// `t_args` with one argument (templates cannot write a slice of pairs).
    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        self.lang.t_args(key, &[(name, value.to_string())])
    }

    pub fn asset(&self, name: &str) -> String {
        crate::assets::url(name)
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn other_lang_code(&self) -> &'static str {
        match self.lang {
            Lang::Nl => Lang::En.code(),
            Lang::En => Lang::Nl.code(),
        }
    }

    /// `/taal/en?terug=%2Fscholen%3Fq%3Dwereld`.
    pub fn switch_url(&self) -> String {
        let query = serde_urlencoded::to_string([("terug", self.path.as_str())]).unwrap_or_default();
        format!("/taal/{}?{query}", self.other_lang_code())
    }

    /// `aria-current="page"` for the current nav item.
    pub fn is_current(&self, section: &str) -> bool {
        self.section == section
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Page {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Infallible> {
        let mut page = Self::from_parts(&parts.headers, &parts.uri);
        if let Some(theme) = parts.extensions.get::<Arc<Theme>>() {
            page.theme = theme.clone();
        }
        page.user = parts.extensions.get::<crate::auth::SessionUser>().map(|u| crate::auth::nav_user(page.lang, u));
        Ok(page)
    }
}
