//! `GET /programma/aanmeldingen`: the kennismaking inbox, filtered by programme, status and
//! free text, newest first, 50 per page.

use super::{applicant_name, date, ensure_staff, programmes};
use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::programma::paging::{PER_PAGE, Pager, page_param};
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use koers_app::store::ApplicationFilter;
use koers_core::ids::ApplicationId;
use koers_core::workflow::Status;
use serde::Deserialize;

// --------------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
pub struct InboxQuery {
    #[serde(default)]
    programma: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    pagina: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Debug, Clone)]
pub struct InboxRow {
    pub id: ApplicationId,
    pub reference: String,
    pub name: String,
    pub status: String,
    pub submitted: String,
}

#[derive(Debug, Template)]
#[template(path = "programma/aanmeldingen.html")]
pub struct InboxPage {
    pub page: Page,
    pub programmes: Vec<Choice>,
    pub statuses: Vec<Choice>,
    pub q: String,
    pub rows: Vec<InboxRow>,
    pub pager: Pager,
}

pub async fn inbox(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Query(q): Query<InboxQuery>,
) -> Result<Response, AppError> {
    ensure_staff(&user)?;
    let all = programmes(&state).await?;
    let programme = all.iter().find(|p| p.id == q.programma.trim()).map(|p| p.id.clone());
    let status = Status::from_code(q.status.trim());
    let text = q.q.trim().to_owned();
    let pager_page = page_param(q.pagina.as_deref());
    let per_page = i64::try_from(PER_PAGE).unwrap_or(50);
    let filter = ApplicationFilter {
        programme_id: programme.clone(),
        // Programme staff see only their own programmes' applications: filtered in SQL, so a
        // page holds PER_PAGE rows whenever there are that many.
        programme_ids: user.principal().visible_programmes(),
        status,
        text: (!text.is_empty()).then(|| text.clone()),
        limit: per_page + 1,
        offset: i64::try_from((pager_page - 1) * PER_PAGE).unwrap_or(i64::MAX),
        ..ApplicationFilter::default()
    };
    let mut found = state.app.read().list_applications(&filter).await?;
    let has_more = found.len() > PER_PAGE;
    found.truncate(PER_PAGE);
    let filters = [
        ("programma", programme.clone().unwrap_or_default()),
        ("status", status.map(|s| s.code().to_owned()).unwrap_or_default()),
        ("q", text.clone()),
    ];
    let pager = Pager::of_more("/programma/aanmeldingen", &filters, pager_page, has_more);
    let mut rows = Vec::with_capacity(found.len());
    for a in &found {
        rows.push(InboxRow {
            id: a.id,
            reference: a.reference.to_string(),
            name: applicant_name(&state, a).await?,
            status: a.status.label_nl().to_owned(),
            submitted: date(a.created_at),
        });
    }
    let any = |selected: bool| Choice { value: String::new(), label: page.t("filter-all"), selected };
    let mut programme_choices = vec![any(programme.is_none())];
    programme_choices.extend(all.iter().map(|p| Choice {
        value: p.id.clone(),
        label: p.name.clone(),
        selected: programme.as_deref() == Some(p.id.as_str()),
    }));
    let mut statuses = vec![any(status.is_none())];
    statuses.extend(Status::ALL.iter().map(|&s| Choice {
        value: s.code().to_owned(),
        label: s.label_nl().to_owned(),
        selected: status == Some(s),
    }));
    render(&InboxPage {
        page: page.in_section("aanmeldingen"),
        programmes: programme_choices,
        statuses,
        q: text,
        rows,
        pager,
    })
}
