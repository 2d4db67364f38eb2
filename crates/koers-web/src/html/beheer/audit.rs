//! `GET /beheer/audit`: the audit log, newest first, filtered by entity (and id) and actor,
//! 50 per page; before/after shown as indented JSON.

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::programma::paging::{PER_PAGE, Pager, page_param};
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use koers_app::store::{AuditEntity, AuditEntry, AuditFilter};
use koers_core::access::{Action, Resource};
use koers_core::calendar::datetime_nl as datetime;
use koers_core::ids::UserId;
use serde::Deserialize;

/// One audit entry as shown.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

fn pretty(json: Option<&str>) -> Option<String> {
    let raw = json?;
    Some(
        serde_json::from_str::<serde_json::Value>(raw)
            .and_then(|v| serde_json::to_string_pretty(&v))
            .unwrap_or_else(|_| raw.to_owned()),
    )
}

impl AuditRow {
    pub fn new(e: &AuditEntry) -> Self {
        Self {
            at: datetime(e.at),
            actor: e.actor_label.clone(),
            action: e.action.clone(),
            entity: if e.entity_id.is_empty() { e.entity.to_string() } else { format!("{} {}", e.entity, e.entity_id) },
            before: pretty(e.before.as_deref()),
            after: pretty(e.after.as_deref()),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    entiteit: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    actor: String,
    #[serde(default)]
    pagina: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Debug, Template)]
#[template(path = "beheer/audit.html")]
pub struct AuditPage {
    pub page: Page,
    pub entities: Vec<Choice>,
    pub actors: Vec<Choice>,
    pub entity_id: String,
    pub rows: Vec<AuditRow>,
    pub pager: Pager,
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Query(q): Query<AuditQuery>,
) -> Result<Response, AppError> {
    user.ensure(Action::View, Resource::Audit)?;
    let entity = AuditEntity::from_code(q.entiteit.trim());
    let entity_id = Some(q.id.trim()).filter(|i| !i.is_empty() && entity.is_some());
    let actor = q.actor.trim().parse::<i64>().ok();
    let filters = [
        ("entiteit", entity.map(|e| e.code().to_owned()).unwrap_or_default()),
        ("id", entity_id.unwrap_or_default().to_owned()),
        ("actor", actor.map(|a| a.to_string()).unwrap_or_default()),
    ];
    let wanted = page_param(q.pagina.as_deref());
    let probe = Pager::of_more("/beheer/audit", &filters, wanted, false);
    let mut entries = state
        .app
        .read()
        .audit_log(&AuditFilter {
            entity,
            entity_id: entity_id.map(str::to_owned),
            actor_user_id: actor.map(UserId::new),
            limit: i64::try_from(PER_PAGE + 1).unwrap_or(51),
            offset: probe.offset(),
        })
        .await?;
    let has_more = entries.len() > PER_PAGE;
    entries.truncate(PER_PAGE);
    let users = state.app.read().list_users().await?;
    let lang = page.lang;
    let all = |label: String, selected: bool| Choice { value: String::new(), label, selected };
    let mut entities = vec![all(lang.t("audit-filter-all"), entity.is_none())];
    entities.extend(AuditEntity::ALL.iter().map(|e| Choice {
        value: e.code().to_owned(),
        label: e.code().to_owned(),
        selected: entity == Some(*e),
    }));
    let mut actors = vec![all(lang.t("audit-filter-all"), actor.is_none())];
    actors.extend(users.iter().map(|u| Choice {
        value: u.id.to_string(),
        label: format!("{} ({})", u.name, u.email),
        selected: actor == Some(u.id.get()),
    }));
    render(&AuditPage {
        page: page.in_section("beheer"),
        entities,
        actors,
        entity_id: entity_id.unwrap_or_default().to_owned(),
        rows: entries.iter().map(AuditRow::new).collect(),
        pager: Pager::of_more("/beheer/audit", &filters, wanted, has_more),
    })
}
