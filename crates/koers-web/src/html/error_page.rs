//! The error page (404, 500, …), rendered by [`crate::error::render_errors`].

use super::page::Page;
use askama::Template;
use axum::http::StatusCode;
use axum::response::Html;

#[derive(Debug, Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub page: Page,
    pub title: String,
    pub message: String,
}

impl ErrorPage {
    pub fn new(page: Page, status: StatusCode) -> Self {
        let (title, message) = match status.as_u16() {
            404 => ("error-404-title", "error-404-text"),
            405 => ("error-405-title", "error-405-text"),
            409 => ("error-409-title", "error-409-text"),
            401 | 403 => ("error-403-title", "error-403-text"),
            413 => ("error-413-title", "error-413-text"),
            429 | 503 => ("error-429-title", "error-429-text"),
            400..=499 => ("error-400-title", "error-400-text"),
            _ => ("error-500-title", "error-500-text"),
        };
        Self { title: page.t(title), message: page.t(message), page }
    }

    pub fn render_html(&self) -> Html<String> {
        // A failing error page must not fail again: fall back to plain text in a minimal page.
        Html(self.render().unwrap_or_else(|e| {
            tracing::error!(error = %e, "foutpagina kon niet worden opgebouwd");
            format!("<!DOCTYPE html><html lang=\"nl\"><title>Koers</title><h1>{}</h1></html>", self.title)
        }))
    }
}
