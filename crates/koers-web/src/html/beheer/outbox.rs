//! `GET /beheer/outbox`: the mail outbox, newest first (how mails are read in the demo).

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use koers_core::access::{Action, Resource};
use koers_core::calendar::datetime_nl as datetime;

/// How many mails the page shows.
const LIMIT: i64 = 200;

#[derive(Debug, Clone)]
pub struct MailRow {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub created: String,
    pub sent: Option<String>,
    pub error: Option<String>,
}

#[derive(Debug, Template)]
#[template(path = "beheer/outbox.html")]
pub struct OutboxPage {
    pub page: Page,
    pub mails: Vec<MailRow>,
}

pub async fn show(State(state): State<AppState>, user: CurrentUser, page: Page) -> Result<Response, AppError> {
    user.ensure(Action::View, Resource::Users)?;
    let mails = state.app.read().outbox(false, LIMIT).await?;
    let mails = mails
        .into_iter()
        .map(|m| MailRow {
            to: m.to_address,
            subject: m.subject,
            body: m.body_text,
            created: datetime(m.created_at),
            sent: m.sent_at.map(datetime),
            error: m.last_error,
        })
        .collect();
    render(&OutboxPage { mails, page: page.in_section("beheer") })
}
