//! AVG for external reviewers (issue 9 with issue 12): people on a review team or invited by
//! link have no account, so a beheerder finds them by e-mail address. The address travels in
//! POST bodies only (never in a URL, so not in logs or history):
//! - `GET /beheer/reviewers`: the form;
//! - `POST /beheer/reviewers`: everything Koers holds about them, readable (the look is audited);
//! - `POST /beheer/reviewers/gegevens.json`: the same as a JSON download;
//! - `POST /beheer/reviewers/wissen`: erase them after typing the address again.
//!
//! The work is `koers_app::privacy` (`reviewer_export`, `erase_reviewer`); refusals come back at
//! their field with 422, what was typed kept.

use super::FieldErrors;
use super::privacy::{Line, Section};
use crate::AppError;
use crate::auth::{CurrentUser, now};
use crate::html::page::Page;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use koers_app::privacy::ReviewerExport;
use koers_core::access::{Action, Resource};
use koers_core::calendar::datetime_nl as datetime;
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReviewerForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub bevestig: String,
}

#[derive(Debug, Template)]
#[template(path = "beheer/reviewer.html")]
pub struct ReviewerPage {
    pub page: Page,
    pub form: ReviewerForm,
    pub errors: FieldErrors,
    /// The export, once found.
    pub exported_at: Option<String>,
    pub sections: Vec<Section>,
    /// After an erasure: the placeholder they now have.
    pub erased: Option<String>,
}

impl ReviewerPage {
    pub fn error(&self, field: &str) -> Option<String> {
        super::error_for(&self.errors, field)
    }
}

fn line(label: impl Into<String>, value: impl Into<String>) -> Line {
    Line { label: label.into(), value: value.into() }
}

fn sections(page: &Page, x: &ReviewerExport) -> Vec<Section> {
    let r = &x.records;
    let mut reviews = Vec::new();
    for review in &r.reviews {
        let label = format!(
            "{} #{} · {} ({})",
            page.t("wf-trajectory-title"),
            review.trajectory_id.get(),
            review.content.kind.label_nl(),
            review.content.planned_on.nl()
        );
        for p in review
            .content
            .reviewers
            .iter()
            .filter(|p| p.email.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(&x.email)))
        {
            reviews.push(line(
                label.clone(),
                format!("{} · {} · {}", p.name, p.role, p.email.clone().unwrap_or_default()),
            ));
        }
        for i in
            review.invitations.iter().filter(|i| i.email.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(&x.email)))
        {
            let used = i.used_at.map_or_else(|| "–".to_owned(), datetime);
            reviews.push(line(
                label.clone(),
                format!(
                    "{}: {} · {} {used}",
                    page.t("privacy-reviewer-link"),
                    datetime(i.created_at),
                    page.t("privacy-reviewer-used")
                ),
            ));
        }
        let names: Vec<&str> = review.invitations.iter().map(|i| i.reviewer_name.as_str()).collect();
        for f in review.content.findings.iter().filter(|f| !f.by.is_empty() && names.contains(&f.by.as_str())) {
            reviews.push(line(format!("{label} · {}", f.standard), f.text.clone()));
        }
    }
    let audit = r
        .audit
        .iter()
        .map(|a| line(datetime(a.at), format!("{} · {} {} · {}", a.actor_label, a.entity, a.entity_id, a.action)))
        .collect();
    let mails =
        r.mails.iter().map(|m| line(datetime(m.created_at), format!("{} · {}", m.to_address, m.subject))).collect();
    vec![
        Section { title: page.t("privacy-reviewer-reviews"), lines: reviews },
        Section { title: page.t("privacy-audit"), lines: audit },
        Section { title: page.t("privacy-mails"), lines: mails },
    ]
}

fn empty(page: Page, form: ReviewerForm) -> ReviewerPage {
    ReviewerPage {
        page: page.in_section("beheer"),
        form,
        errors: Vec::new(),
        exported_at: None,
        sections: Vec::new(),
        erased: None,
    }
}

/// The page with the use case's refusal at its field (422), or the error as it is.
fn refused(page: Page, form: ReviewerForm, e: koers_app::Error) -> Result<Response, AppError> {
    let koers_app::Error::Invalid(fields) = e else { return Err(e.into()) };
    let mut v = empty(page, form);
    v.errors =
        fields.into_iter().map(|f| (if f.field == "bevestig" { "bevestig" } else { "email" }, f.detail)).collect();
    let mut res = render(&v)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

pub async fn form(me: CurrentUser, page: Page) -> Result<Response, AppError> {
    me.ensure(Action::View, Resource::Users)?;
    render(&empty(page, ReviewerForm::default()))
}

pub async fn show(
    State(state): State<AppState>,
    me: CurrentUser,
    page: Page,
    Form(f): Form<ReviewerForm>,
) -> Result<Response, AppError> {
    me.ensure(Action::View, Resource::Users)?;
    match state.app.privacy_export_reviewer(&f.email, &me.actor(), now()).await {
        Ok(x) => {
            let mut v = empty(page, f);
            v.sections = sections(&v.page, &x);
            v.exported_at = Some(datetime(x.exported_at));
            render(&v)
        }
        Err(e) => refused(page, f, e),
    }
}

pub async fn json(
    State(state): State<AppState>,
    me: CurrentUser,
    page: Page,
    Form(f): Form<ReviewerForm>,
) -> Result<Response, AppError> {
    me.ensure(Action::View, Resource::Users)?;
    match state.app.privacy_export_reviewer(&f.email, &me.actor(), now()).await {
        Ok(x) => {
            let mut res = axum::Json(&x).into_response();
            res.headers_mut().insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"koers-gegevens-reviewer.json\""),
            );
            res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            Ok(res)
        }
        Err(e) => refused(page, f, e),
    }
}

pub async fn erase(
    State(state): State<AppState>,
    me: CurrentUser,
    page: Page,
    Form(f): Form<ReviewerForm>,
) -> Result<Response, AppError> {
    me.ensure(Action::Change, Resource::Users)?;
    match state.app.erase_reviewer(&f.email, &f.bevestig, &me.actor(), now()).await {
        Ok(done) => {
            let mut v = empty(page, ReviewerForm::default());
            v.erased = Some(done.placeholder);
            render(&v)
        }
        Err(e) => refused(page, f, e),
    }
}
