//! Reviews (issue 9 item 2). `GET/POST /trajecten/{id}/voortgang/reviews/{review}`: the review
//! (kind, dates, team, findings per standard of the review format, recommendations, the school's
//! response); the POST carries `actie` = `details`, `reviewer`, `verwijder`, `bevindingen` or
//! `reactie`. `POST …/uitnodigen`: a time-limited link for an external reviewer, shown once.
//! `GET/POST /review/uitnodiging/{token}`: the invited reviewer fills in findings — no account;
//! the token is the credential, for this review's findings only, until used or expired.

use super::view::{FieldMessage, kind_label};
use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router, routing::get, routing::post};
use koers_app::voortgang::reviews::{FindingInput, ReviewChange, format_of};
use koers_core::format::Format;
use koers_core::ids::{ReviewId, TrajectoryId};
use koers_core::review::{Finding, ReviewKind, judgement_nl};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/trajecten/{id}/voortgang/reviews/{review}", get(show).post(change))
        .route("/trajecten/{id}/voortgang/reviews/{review}/uitnodigen", post(invite))
        .route("/review/uitnodiging/{token}", get(invited).post(submit_invited))
}

/// Two numeric ids from the path; anything else is a 404.
#[derive(Debug, Clone, Copy)]
pub struct Ids(pub TrajectoryId, pub ReviewId);

impl<S: Send + Sync> FromRequestParts<S> for Ids {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Path((a, b)) =
            Path::<(String, String)>::from_request_parts(parts, state).await.map_err(|_| AppError::NotFound)?;
        let n = |s: &str| s.parse::<i64>().ok().filter(|n| *n > 0);
        match (n(&a), n(&b)) {
            (Some(a), Some(b)) => Ok(Ids(TrajectoryId::new(a), ReviewId::new(b))),
            _ => Err(AppError::NotFound),
        }
    }
}

/// One standard of the review format with its finding.
#[derive(Debug, Clone)]
pub struct StandardRow {
    pub code: String,
    pub title: String,
    pub judgement: Option<u8>,
    pub judgement_text: String,
    pub text: String,
    pub by: String,
}

#[derive(Debug, Clone)]
pub struct ReviewerRow {
    pub index: usize,
    pub name: String,
    pub role: String,
    pub email: String,
    pub external: bool,
}

#[derive(Debug, Template)]
#[template(path = "voortgang/review.html")]
pub struct ReviewPage {
    pub page: Page,
    pub id: TrajectoryId,
    pub review_id: ReviewId,
    pub version: i64,
    pub title: String,
    pub subject: String,
    pub kinds: Vec<(String, String, bool)>,
    pub planned: String,
    pub held: String,
    pub recommendations: String,
    pub response: String,
    pub reviewers: Vec<ReviewerRow>,
    pub invitations: Vec<String>,
    pub standards: Vec<StandardRow>,
    pub can_edit: bool,
    pub can_respond: bool,
    /// The invitation link just made (shown once).
    pub link: Option<String>,
    pub errors: Vec<FieldMessage>,
    pub notice: Option<String>,
}

pub fn standard_rows(format: &Format, findings: &[Finding]) -> Vec<StandardRow> {
    format
        .standards
        .iter()
        .map(|s| {
            let f = findings.iter().find(|f| f.standard == s.code);
            let judgement = f.and_then(|f| f.judgement);
            StandardRow {
                code: s.code.clone(),
                title: s.title.clone(),
                judgement,
                judgement_text: judgement.map(|j| format!("{j} {}", judgement_nl(j))).unwrap_or_default(),
                text: f.map(|f| f.text.clone()).unwrap_or_default(),
                by: f.map(|f| f.by.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

async fn page_for(
    state: &AppState,
    user: &CurrentUser,
    page: Page,
    id: TrajectoryId,
    review: ReviewId,
) -> Result<ReviewPage, AppError> {
    let lang = page.lang;
    let c = super::case_of(state, user, id).await?;
    let r = c.reviews.iter().find(|r| r.id == review).ok_or(AppError::NotFound)?;
    let format = format_of(state.app.read(), Some(&r.content)).await?;
    let subject = super::subject_of(state, c.trajectory()).await?;
    let k = r.content.kind;
    Ok(ReviewPage {
        id,
        review_id: r.id,
        version: r.version,
        title: kind_label(lang, k),
        subject,
        kinds: ReviewKind::ALL.iter().map(|x| (x.key().to_owned(), kind_label(lang, *x), *x == k)).collect(),
        planned: r.content.planned_on.to_string(),
        held: r.content.held_on.map(|d| d.to_string()).unwrap_or_default(),
        recommendations: r.content.recommendations.clone(),
        response: r.content.school_response.clone(),
        reviewers: r
            .content
            .reviewers
            .iter()
            .enumerate()
            .map(|(index, x)| ReviewerRow {
                index,
                name: x.name.clone(),
                role: x.role.clone(),
                email: x.email.clone().unwrap_or_default(),
                external: x.external,
            })
            .collect(),
        invitations: r
            .invitations
            .iter()
            .map(|i| {
                let state = match i.used_at {
                    Some(at) => lang.t_args("vg-invite-used", &[("date", koers_core::calendar::datetime_nl(at))]),
                    None => lang.t_args("vg-invite-open", &[("date", koers_core::calendar::datetime_nl(i.expires_at))]),
                };
                format!("{} – {state}", i.reviewer_name)
            })
            .collect(),
        standards: standard_rows(&format, &r.content.findings),
        can_edit: c.rights.record,
        can_respond: c.rights.respond,
        link: None,
        errors: Vec::new(),
        notice: None,
        page: page.in_section("mijn-home"),
    })
}

pub async fn show(
    State(state): State<AppState>,
    Ids(id, review): Ids,
    user: CurrentUser,
    page: Page,
    axum::extract::Query(q): axum::extract::Query<super::Notice>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let mut v = page_for(&state, &user, page, id, review).await?;
    v.notice = q.opgeslagen.map(|_| lang.t("vg-saved"));
    render(&v)
}

/// `oordeel-OP2` / `bevindingen-OP2` pairs of a posted form.
pub fn finding_inputs(form: &HashMap<String, String>) -> Vec<FindingInput> {
    let mut codes: Vec<&str> =
        form.keys().filter_map(|k| k.strip_prefix("oordeel-").or_else(|| k.strip_prefix("bevindingen-"))).collect();
    codes.sort_unstable();
    codes.dedup();
    codes
        .into_iter()
        .map(|code| FindingInput {
            standard: code.to_owned(),
            judgement: form.get(&format!("oordeel-{code}")).cloned().unwrap_or_default(),
            text: form.get(&format!("bevindingen-{code}")).cloned().unwrap_or_default(),
        })
        .collect()
}

fn change_of(form: &HashMap<String, String>) -> Result<ReviewChange, AppError> {
    let get = |k: &str| form.get(k).cloned().unwrap_or_default();
    Ok(match get("actie").as_str() {
        "details" => ReviewChange::Details {
            kind: get("soort"),
            planned_on: get("gepland"),
            held_on: get("gehouden"),
            recommendations: get("aanbevelingen"),
        },
        "reviewer" => ReviewChange::AddReviewer {
            name: get("naam"),
            role: get("rol"),
            email: get("email"),
            external: !get("extern").is_empty(),
        },
        "verwijder" => ReviewChange::RemoveReviewer { index: get("index").trim().parse().unwrap_or(usize::MAX) },
        "bevindingen" => ReviewChange::Findings(finding_inputs(form)),
        "reactie" => ReviewChange::Response(get("reactie")),
        _ => return Err(AppError::NotFound),
    })
}

async fn refused(
    state: &AppState,
    user: &CurrentUser,
    page: Page,
    id: TrajectoryId,
    review: ReviewId,
    e: koers_app::Error,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let status = if e.is_conflict() { StatusCode::CONFLICT } else { StatusCode::UNPROCESSABLE_ENTITY };
    let mut v = page_for(state, user, page, id, review).await?;
    v.errors = super::view::messages(lang, &e);
    let mut res = render(&v)?;
    *res.status_mut() = status;
    Ok(res)
}

pub async fn change(
    State(state): State<AppState>,
    Ids(id, review): Ids,
    user: CurrentUser,
    page: Page,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let c = change_of(&form)?;
    let version = form.get("versie").and_then(|v| v.trim().parse().ok()).unwrap_or(0);
    let outcome = state
        .app
        .change_review(user.principal(), &user.actor(), id, review, version, &c, state.today(), crate::auth::now())
        .await;
    match outcome {
        Ok(_) => Ok(Redirect::to(&format!("/trajecten/{id}/voortgang/reviews/{review}?opgeslagen=1")).into_response()),
        Err(e @ (koers_app::Error::Invalid(_) | koers_app::Error::Conflict { .. })) => {
            refused(&state, &user, page, id, review, e).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn invite(
    State(state): State<AppState>,
    Ids(id, review): Ids,
    user: CurrentUser,
    page: Page,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let reviewer = form.get("reviewer").and_then(|v| v.trim().parse().ok()).unwrap_or(usize::MAX);
    let days = form.get("dagen").map(|d| d.trim()).filter(|d| !d.is_empty()).map(|d| d.parse::<i64>().unwrap_or(0));
    let base = format!("{}/review/uitnodiging", state.config.base_url.trim_end_matches('/'));
    let outcome = state
        .app
        .invite_reviewer(
            user.principal(),
            &user.actor(),
            id,
            review,
            reviewer,
            days,
            &base,
            state.today(),
            crate::auth::now(),
        )
        .await;
    match outcome {
        Ok(inv) => {
            let mut v = page_for(&state, &user, page, id, review).await?;
            v.link = Some(format!("{base}/{}", inv.token));
            v.notice = Some(lang.t_args("vg-invite-made", &[("name", inv.record.reviewer_name)]));
            render(&v)
        }
        Err(e @ koers_app::Error::Invalid(_)) => refused(&state, &user, page, id, review, e).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Template)]
#[template(path = "voortgang/uitnodiging.html")]
pub struct InvitationPage {
    pub page: Page,
    pub token: String,
    pub kind: String,
    pub subject: String,
    pub name: String,
    pub expires: String,
    pub version: i64,
    pub standards: Vec<StandardRow>,
    pub recommendations: String,
    pub refusal: Option<String>,
    pub done: bool,
    pub errors: Vec<FieldMessage>,
}

async fn invitation_page(state: &AppState, page: Page, token: &str) -> Result<InvitationPage, AppError> {
    let lang = page.lang;
    let seen = state.app.invited_review(token, crate::auth::now()).await?;
    Ok(InvitationPage {
        token: token.to_owned(),
        kind: kind_label(lang, seen.review.content.kind),
        subject: seen.subject,
        name: seen.invitation.reviewer_name.clone(),
        expires: koers_core::calendar::datetime_nl(seen.invitation.expires_at),
        version: seen.review.version,
        standards: standard_rows(&seen.format, &[]),
        recommendations: String::new(),
        refusal: seen.refusal,
        done: false,
        errors: Vec::new(),
        page,
    })
}

fn valid_token(token: &str) -> Result<(), AppError> {
    if token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()) { Ok(()) } else { Err(AppError::NotFound) }
}

pub async fn invited(
    State(state): State<AppState>,
    Path(token): Path<String>,
    page: Page,
) -> Result<Response, AppError> {
    valid_token(&token)?;
    render(&invitation_page(&state, page, &token).await?)
}

pub async fn submit_invited(
    State(state): State<AppState>,
    Path(token): Path<String>,
    page: Page,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    valid_token(&token)?;
    let lang = page.lang;
    let version = form.get("versie").and_then(|v| v.trim().parse().ok()).unwrap_or(0);
    let recommendations = form.get("aanbevelingen").cloned().unwrap_or_default();
    let inputs = finding_inputs(&form);
    let outcome =
        state.app.submit_invited_findings(&token, version, &inputs, &recommendations, crate::auth::now()).await;
    let mut v = invitation_page(&state, page, &token).await?;
    match outcome {
        Ok(_) => {
            v.done = true;
            v.refusal = None;
            render(&v)
        }
        Err(e @ (koers_app::Error::Invalid(_) | koers_app::Error::Conflict { .. })) => {
            let status = if e.is_conflict() { StatusCode::CONFLICT } else { StatusCode::UNPROCESSABLE_ENTITY };
            v.errors = super::view::messages(lang, &e);
            v.recommendations = recommendations;
            for s in &mut v.standards {
                if let Some(i) = inputs.iter().find(|i| i.standard == s.code) {
                    s.judgement = i.judgement.trim().parse().ok();
                    s.text = i.text.clone();
                }
            }
            let mut res = render(&v)?;
            *res.status_mut() = status;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}
