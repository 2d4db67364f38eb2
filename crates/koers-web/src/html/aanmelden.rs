//! `GET/POST /aanmelden?school={id}`: the aanmeldformulier for GWGB+ (v1: only the programme
//! `gwgb-plus-school`), for whoever may change the school (its schoolleider, its bestuurder, a
//! beheerder); `GET /aanmeldingen/{id}`: the receipt, for whoever may view the school.

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::eligibility::EligibilityView;
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router, routing::get};
use koers_app::applications::{ApplicationError, ApplicationInput, state_of, submit};
use koers_app::schools::{eligibility_from_rows, school_page};
use koers_app::store::{Sector, StoreError};
use koers_core::access::{Action, Resource, SchoolRef};
use koers_core::programme::ProgrammeRules;
use koers_core::workflow::Status;
use serde::Deserialize;

/// The one programme this form applies for (v1).
pub const PROGRAMME: &str = "gwgb-plus-school";

pub fn routes() -> Router<AppState> {
    Router::new().route("/aanmelden", get(form).post(send)).route("/aanmeldingen/{id}", get(receipt))
}

#[derive(Debug, Default, Deserialize)]
pub struct SchoolQuery {
    #[serde(default)]
    school: Option<String>,
}

/// What the form posts.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ApplyForm {
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub contact_email: String,
    #[serde(default)]
    pub contact_phone: String,
    #[serde(default)]
    pub help_question: String,
}

/// An input with its value as typed and its error.
#[derive(Debug, Clone)]
pub struct Field {
    pub value: String,
    pub error: Option<String>,
}

#[derive(Debug, Template)]
#[template(path = "aanmelden/form.html")]
pub struct ApplyPage {
    pub page: Page,
    pub school_id: i64,
    pub programme_name: String,
    pub school_name: String,
    pub brin: String,
    pub place: String,
    pub board: String,
    pub result: Option<EligibilityView>,
    pub not_eligible: Option<String>,
    /// Errors not tied to a field on this form (programme, school, board, entry facts).
    pub other_errors: Vec<String>,
    pub error_count: usize,
    pub contact_name: Field,
    pub contact_email: Field,
    pub contact_phone: Field,
    pub help_question: Field,
}

#[derive(Debug, Template)]
#[template(path = "aanmelden/receipt.html")]
pub struct ReceiptPage {
    pub page: Page,
    pub reference: String,
    pub programme_name: String,
    pub school_id: Option<i64>,
    pub school_name: String,
    pub status_label: String,
    pub mail_sent: String,
    pub board_asked: bool,
    pub help_question: String,
}

fn school_id(q: &SchoolQuery) -> Result<i64, AppError> {
    q.school.as_deref().and_then(|s| s.trim().parse::<i64>().ok()).filter(|id| *id > 0).ok_or(AppError::NotFound)
}

fn programme_name() -> Result<String, AppError> {
    let all = ProgrammeRules::shipped().map_err(AppError::internal)?;
    Ok(all.into_iter().find(|p| p.id == PROGRAMME).map_or_else(|| PROGRAMME.to_owned(), |p| p.name))
}

fn school_resource(id: i64, board_number: Option<i64>) -> Resource {
    Resource::School(SchoolRef { id, board_number })
}

async fn view(
    state: &AppState,
    page: Page,
    id: i64,
    typed: &ApplyForm,
    errors: &[(String, String)],
) -> Result<ApplyPage, AppError> {
    let p = school_page(state.store.as_ref(), id).await?;
    let result = if p.school.sector == Sector::Po {
        eligibility_from_rows(&p.school, &p.results, p.published.as_ref(), &state.norms, &state.band_rule)
            .ok()
            .map(|o| EligibilityView::new(&o, page.lang))
    } else {
        None
    };
    let field = |name: &str, value: &str| Field {
        value: value.to_owned(),
        error: errors.iter().find(|(f, _)| f == name).map(|(_, m)| m.clone()),
    };
    let own = ["contact_name", "contact_email", "contact_phone", "help_question"];
    let other_errors = errors.iter().filter(|(f, _)| !own.contains(&f.as_str())).map(|(_, m)| m.clone()).collect();
    let board = match (&p.board, p.school.board_number) {
        (Some(b), _) => format!("{} ({})", b.name, b.number),
        (None, Some(n)) => n.to_string(),
        (None, None) => String::new(),
    };
    Ok(ApplyPage {
        school_id: id,
        programme_name: programme_name()?,
        school_name: p.school.name.clone(),
        brin: p.school.brin.clone(),
        place: p.school.place.clone().unwrap_or_default(),
        board,
        result,
        not_eligible: None,
        other_errors,
        error_count: errors.len(),
        contact_name: field("contact_name", &typed.contact_name),
        contact_email: field("contact_email", &typed.contact_email),
        contact_phone: field("contact_phone", &typed.contact_phone),
        help_question: field("help_question", &typed.help_question),
        page: page.in_section("mijn-home"),
    })
}

fn unprocessable(v: &ApplyPage) -> Result<Response, AppError> {
    let mut res = render(v)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

pub async fn form(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Query(q): Query<SchoolQuery>,
) -> Result<Response, AppError> {
    let id = school_id(&q)?;
    let school = state.store.school(id).await?;
    user.ensure(Action::Change, school_resource(school.id, school.board_number))?;
    let typed =
        ApplyForm { contact_name: user.0.name.clone(), contact_email: user.0.email.clone(), ..ApplyForm::default() };
    render(&view(&state, page, id, &typed, &[]).await?)
}

pub async fn send(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Query(q): Query<SchoolQuery>,
    Form(typed): Form<ApplyForm>,
) -> Result<Response, AppError> {
    let id = school_id(&q)?;
    let school = state.store.school(id).await?;
    user.ensure(Action::Change, school_resource(school.id, school.board_number))?;
    let programmes = ProgrammeRules::shipped().map_err(AppError::internal)?;
    let phone = typed.contact_phone.trim();
    let input = ApplicationInput {
        programme_id: PROGRAMME.into(),
        school_id: Some(id),
        board_number: None,
        contact_name: typed.contact_name.clone(),
        contact_email: typed.contact_email.clone(),
        contact_phone: (!phone.is_empty()).then(|| phone.to_owned()),
        help_question: typed.help_question.clone(),
        entry_facts_json: None,
    };
    let now = crate::auth::now();
    let actor = user.actor();
    let outcome = submit(
        state.store.as_ref(),
        &programmes,
        &state.norms,
        &input,
        Some(user.0.id),
        &actor,
        now,
        &state.config.base_url,
    )
    .await;
    match outcome {
        Ok(s) => Ok(Redirect::to(&format!("/aanmeldingen/{}", s.application.id)).into_response()),
        Err(ApplicationError::Invalid(errors)) => {
            let errors: Vec<(String, String)> = errors.into_iter().map(|e| (e.field, e.detail)).collect();
            unprocessable(&view(&state, page, id, &typed, &errors).await?)
        }
        Err(ApplicationError::NotEligible(why)) => {
            let mut v = view(&state, page, id, &typed, &[]).await?;
            v.not_eligible = Some(why);
            unprocessable(&v)
        }
        Err(ApplicationError::Store(e)) => Err(e.into()),
        Err(e) => Err(AppError::internal(e)),
    }
}

pub async fn receipt(
    State(state): State<AppState>,
    Id(id): Id,
    user: CurrentUser,
    page: Page,
) -> Result<Response, AppError> {
    let a = state.store.application(id).await?;
    let (school_name, allowed) = match a.school_id {
        Some(sid) => match state.store.school(sid).await {
            Ok(s) => {
                let r = school_resource(s.id, s.board_number);
                (s.name, user.ensure(Action::View, r).is_ok())
            }
            Err(StoreError::NotFound) => (String::new(), false),
            Err(e) => return Err(e.into()),
        },
        None => (String::new(), false),
    };
    if !(allowed || user.principal().is_beheerder()) {
        return Err(AppError::Forbidden);
    }
    let status = state_of(&a).map_err(AppError::internal)?.status;
    let programme_name = ProgrammeRules::shipped()
        .map_err(AppError::internal)?
        .into_iter()
        .find(|p| p.id == a.programme_id)
        .map_or_else(|| a.programme_id.clone(), |p| p.name);
    render(&ReceiptPage {
        reference: a.reference.clone(),
        programme_name,
        school_id: a.school_id,
        school_name,
        status_label: status.label_nl().to_owned(),
        mail_sent: page.t_args("receipt-mail-sent", &[("email", a.contact_email.clone())]),
        board_asked: status == Status::WachtOpBestuur,
        help_question: a.help_question.clone(),
        page: page.in_section("mijn-home"),
    })
}
