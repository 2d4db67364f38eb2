//! AVG (issue 12), reached from a user's page (`/beheer/gebruikers/{id}`):
//! - `GET /beheer/gebruikers/{id}/gegevens`: everything Koers holds about the person, readable;
//! - `GET /beheer/gebruikers/{id}/gegevens.json`: the same as a JSON download;
//! - `GET/POST /beheer/gebruikers/{id}/wissen`: erase the person after typing their e-mail
//!   address. The work is `koers_app::privacy` (export, erase); the handlers render.

use super::{FieldErrors, error_for};
use crate::AppError;
use crate::auth::{CurrentUser, now};
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use koers_app::privacy::PersonExport;
use koers_core::access::{Action, Resource};
use koers_core::calendar::datetime_nl as datetime;
use koers_core::ids::UserId;
use serde::Deserialize;

/// One line of a section: a label and what is recorded.
#[derive(Debug, Clone)]
pub struct Line {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub title: String,
    pub lines: Vec<Line>,
}

#[derive(Debug, Template)]
#[template(path = "beheer/gegevens.html")]
pub struct DataPage {
    pub page: Page,
    pub id: UserId,
    pub name: String,
    pub exported_at: String,
    pub erased: bool,
    pub sections: Vec<Section>,
}

fn line(label: impl Into<String>, value: impl Into<String>) -> Line {
    Line { label: label.into(), value: value.into() }
}

fn section(page: &Page, key: &str, lines: Vec<Line>) -> Section {
    Section { title: page.t(key), lines }
}

/// The export as sections of plain text (the page shows every value the JSON holds).
fn sections(page: &Page, x: &PersonExport) -> Vec<Section> {
    let a = &x.account;
    let yes_no = |b: bool| page.t(if b { "privacy-yes" } else { "privacy-no" });
    let account = vec![
        line(page.t("users-name"), a.name.clone()),
        line(page.t("users-email"), a.email.clone()),
        line(page.t("users-language"), a.locale.clone()),
        line(page.t("users-status"), page.t(if a.active { "users-active" } else { "users-inactive" })),
        line(page.t("privacy-created"), datetime(a.created_at)),
    ];
    let grants = x.grants.iter().map(|g| line(format!("#{}", g.id), format!("{:?}", g.grant))).collect();
    let tokens = x
        .api_tokens
        .iter()
        .map(|t| {
            let used = t.last_used_at.map_or_else(|| "–".to_owned(), datetime);
            line(
                t.name.clone(),
                format!(
                    "{} {}; {} {used}; {} {}",
                    page.t("privacy-created"),
                    datetime(t.created_at),
                    page.t("privacy-last-used"),
                    page.t("privacy-revoked"),
                    yes_no(t.revoked)
                ),
            )
        })
        .collect();
    let expert = x
        .expert
        .iter()
        .map(|e| line(e.name.clone(), format!("{} · {} · {}", e.email, e.expertise.join(", "), e.regions.join(", "))))
        .collect();
    let applications = x
        .applications
        .iter()
        .map(|p| {
            line(
                p.reference,
                format!(
                    "{} · {} <{}> · {} · {}",
                    p.programme_id,
                    p.contact_name,
                    p.contact_email,
                    p.status.code(),
                    p.help_question
                ),
            )
        })
        .collect();
    let audit = x
        .audit
        .iter()
        .map(|e| {
            let mut v = format!("{} {} {} #{} — {}", datetime(e.at), e.action, e.entity, e.entity_id, e.actor_label);
            for json in [&e.before, &e.after].into_iter().flatten() {
                v.push_str(" · ");
                v.push_str(json);
            }
            line(format!("#{}", e.id), v)
        })
        .collect();
    let attempts = x
        .login_attempts
        .iter()
        .map(|l| line(datetime(l.at), page.t(if l.success { "privacy-login-ok" } else { "privacy-login-failed" })))
        .collect();
    let mails = x
        .mails
        .iter()
        .map(|m| {
            let sent = m.sent_at.map_or_else(|| page.t("privacy-not-sent"), datetime);
            line(datetime(m.created_at), format!("{} — {} ({sent})", m.to_address, m.subject))
        })
        .collect();
    let w = &x.trajectory_work;
    let form = |id: koers_core::ids::SelfEvaluationId, item: &str| format!("{} {id} · {item}", page.t("privacy-form"));
    let mut work: Vec<Line> = Vec::new();
    work.extend(w.answers.iter().map(|a| {
        let text = a.answer_json.clone().unwrap_or_default();
        line(form(a.self_evaluation_id, &a.item_id), format!("{} · {text}", datetime(a.updated_at)))
    }));
    work.extend(w.comments.iter().map(|c| {
        line(
            form(c.self_evaluation_id, &c.item_id),
            format!("{} · {}: {}", datetime(c.created_at), page.t("se-comments"), c.body),
        )
    }));
    work.extend(w.visits.iter().map(|v| {
        line(
            form(v.self_evaluation_id, &v.item_id),
            format!("{} · {}: {}", datetime(v.created_at), page.t("se-visits"), v.visit_json),
        )
    }));
    work.extend(w.uploads.iter().map(|u| {
        line(
            form(u.self_evaluation_id, &u.item_id),
            format!("{} · {} ({}, {} B)", datetime(u.created_at), u.file_name, u.kind, u.size_bytes),
        )
    }));
    work.extend(w.plan_signatures.iter().map(|s| {
        line(
            format!("{} #{} · {} {}", page.t("wf-trajectory-title"), s.trajectory_id, page.t("plan-version"), s.number),
            format!("{} · {}: {}", datetime(s.signature.at), s.signature.signer.label_nl(), s.signature.role_name),
        )
    }));
    work.extend(
        w.formats
            .iter()
            .map(|f| line(format!("{} {}", f.id, f.version), format!("{} · {}", datetime(f.created_at), f.title))),
    );
    let requests = x
        .account_requests
        .iter()
        .map(|r| {
            let subject = match r.subject {
                koers_app::store::RequestSubject::School(id) => format!("school {id}"),
                koers_app::store::RequestSubject::Board(n) => format!("bestuur {n}"),
            };
            let reason = r.decision_reason.as_deref().map(|d| format!(" — {d}")).unwrap_or_default();
            line(
                datetime(r.created_at),
                format!("{} <{}> · {} · {subject} · {}{reason}", r.name, r.email, r.function_title, r.status.code()),
            )
        })
        .collect();
    vec![
        section(page, "privacy-account", account),
        section(page, "privacy-account-requests", requests),
        section(page, "privacy-grants", grants),
        section(page, "privacy-tokens", tokens),
        section(page, "privacy-expert", expert),
        section(page, "privacy-applications", applications),
        section(page, "privacy-audit", audit),
        section(page, "privacy-logins", attempts),
        section(page, "privacy-mails", mails),
        section(page, "privacy-trajectory-work", work),
    ]
}

#[derive(Debug, Default, Deserialize)]
pub struct ShowFlags {
    #[serde(default)]
    gewist: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    Id(id): Id<UserId>,
    me: CurrentUser,
    page: Page,
    Query(flags): Query<ShowFlags>,
) -> Result<Response, AppError> {
    me.ensure(Action::View, Resource::Users)?;
    let x = state.app.privacy_export(id, &me.actor(), now()).await?;
    let page = page.in_section("beheer");
    render(&DataPage {
        id,
        name: x.account.name.clone(),
        exported_at: datetime(x.exported_at),
        erased: flags.gewist.is_some(),
        sections: sections(&page, &x),
        page,
    })
}

pub async fn json(State(state): State<AppState>, Id(id): Id<UserId>, me: CurrentUser) -> Result<Response, AppError> {
    me.ensure(Action::View, Resource::Users)?;
    let x = state.app.privacy_export(id, &me.actor(), now()).await?;
    let mut res = axum::Json(&x).into_response();
    let disposition = format!("attachment; filename=\"koers-gegevens-gebruiker-{id}.json\"");
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

#[derive(Debug, Template)]
#[template(path = "beheer/wissen.html")]
pub struct ErasePage {
    pub page: Page,
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub errors: FieldErrors,
}

impl ErasePage {
    pub fn error(&self, field: &str) -> Option<String> {
        error_for(&self.errors, field)
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct EraseForm {
    #[serde(default)]
    pub bevestig: String,
}

async fn erase_page(state: &AppState, page: Page, id: UserId, errors: FieldErrors) -> Result<ErasePage, AppError> {
    let user = state.app.read().user(id).await?;
    Ok(ErasePage { id, name: user.name, email: user.email.into_string(), errors, page: page.in_section("beheer") })
}

pub async fn confirm(
    State(state): State<AppState>,
    Id(id): Id<UserId>,
    me: CurrentUser,
    page: Page,
) -> Result<Response, AppError> {
    me.ensure(Action::Change, Resource::Users)?;
    render(&erase_page(&state, page, id, Vec::new()).await?)
}

pub async fn submit(
    State(state): State<AppState>,
    Id(id): Id<UserId>,
    me: CurrentUser,
    page: Page,
    Form(f): Form<EraseForm>,
) -> Result<Response, AppError> {
    me.ensure(Action::Change, Resource::Users)?;
    let user = state.app.read().user(id).await?;
    let refuse = |state: AppState, page: Page, status: StatusCode, msg: String| async move {
        let mut res = render(&erase_page(&state, page, id, vec![("bevestig", msg)]).await?)?;
        *res.status_mut() = status;
        Ok::<Response, AppError>(res)
    };
    if !f.bevestig.trim().eq_ignore_ascii_case(user.email.as_str()) {
        let msg = page.t("privacy-erase-confirm-error");
        return refuse(state, page, StatusCode::UNPROCESSABLE_ENTITY, msg).await;
    }
    match state.app.erase_person(id, &me.actor(), now()).await {
        Ok(_) => Ok(Redirect::to(&format!("/beheer/gebruikers/{id}/gegevens?gewist=1")).into_response()),
        Err(koers_app::Error::Invalid(fields)) => {
            let msg = fields.into_iter().map(|f| f.detail).collect::<Vec<_>>().join(" ");
            refuse(state, page, StatusCode::CONFLICT, msg).await
        }
        Err(e @ koers_app::Error::LastBeheerder) => refuse(state, page, StatusCode::CONFLICT, e.to_string()).await,
        Err(e) => Err(e.into()),
    }
}
