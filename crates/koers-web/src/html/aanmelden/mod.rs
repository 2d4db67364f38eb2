//! `GET/POST /aanmelden?school={id}[&programma={id}]` and `GET/POST /aanmelden?bestuur={nr}`:
//! one aanmeldformulier per programme (the programme's entry questions, then contact and help
//! question), for whoever may change the school or board (its schoolleider, its bestuurder, a
//! beheerder). Without `programma` a school gets the one programme that fits its sector
//! (`gwgb-plus-school` for PO) or, when more fit, a choice page. `GET /aanmeldingen/{id}`: the
//! receipt, for whoever may view the school or board.

pub(crate) mod facts;
pub(crate) mod own;
mod receipt;
pub(crate) mod view;

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::render;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router, routing::get};
use facts::Posted;
use koers_app::Error;
use koers_app::applications::{Applicant, ApplicationInput, Target, TargetQuery};
use koers_app::store::School;
use koers_core::ids::{BoardNumber, SchoolId, UserId};
use koers_core::programme::{ProgrammeRules, RuleSettings};
use serde::Deserialize;
use std::collections::HashMap;
use view::{ChoosePage, ProgrammeChoice, unprocessable, view};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/aanmelden", get(form).post(send))
        .route("/aanmeldingen/{id}", get(receipt::receipt))
        .route("/aanmeldingen/{id}/intrekken", axum::routing::post(receipt::withdraw))
}

#[derive(Debug, Default, Deserialize)]
pub struct ApplyQuery {
    #[serde(default)]
    school: Option<String>,
    #[serde(default)]
    bestuur: Option<String>,
    #[serde(default)]
    programma: Option<String>,
}

/// What the form posts (the contact part; the programme's questions are read from the pairs).
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

impl ApplyForm {
    fn from_posted(p: &Posted) -> Self {
        Self {
            contact_name: p.get("contact_name"),
            contact_email: p.get("contact_email"),
            contact_phone: p.get("contact_phone"),
            help_question: p.get("help_question"),
        }
    }
}

fn positive(v: Option<&str>) -> Result<i64, AppError> {
    v.and_then(|s| s.trim().parse::<i64>().ok()).filter(|id| *id > 0).ok_or(AppError::NotFound)
}

/// The applicant and programme of the form.
struct Ctx {
    programme: ProgrammeRules,
    target: Applicant,
}

enum Resolved {
    Form(Box<Ctx>),
    Choose(Box<School>, Vec<ProgrammeRules>),
}

/// The applicant and programme of the request (the use case checks access). `choose`: without
/// a `programma`, offer the choice when more than one programme fits (GET); otherwise the
/// default.
async fn resolve(state: &AppState, user: &CurrentUser, q: &ApplyQuery, choose: bool) -> Result<Resolved, AppError> {
    let query = TargetQuery {
        school_id: if q.bestuur.is_some() { None } else { Some(SchoolId::new(positive(q.school.as_deref())?)) },
        board_number: if q.bestuur.is_some() { Some(BoardNumber::new(positive(q.bestuur.as_deref())?)) } else { None },
        programme_id: q.programma.clone(),
        offer_choice: choose,
    };
    Ok(match state.app.resolve_target(user.principal(), &query).await? {
        Target::Form { programme, applicant } => {
            Resolved::Form(Box::new(Ctx { programme: *programme, target: applicant }))
        }
        Target::Choose { school, fitting } => Resolved::Choose(school, fitting),
    })
}

pub async fn form(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Query(q): Query<ApplyQuery>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let ctx = match resolve(&state, &user, &q, true).await? {
        Resolved::Form(ctx) => ctx,
        Resolved::Choose(school, fitting) => {
            let programmes = fitting
                .into_iter()
                .map(|p| ProgrammeChoice {
                    href: format!("/aanmelden?school={}&programma={}", school.id, p.id),
                    name: p.name,
                    help: p.help_question,
                })
                .collect();
            return render(&ChoosePage { school_name: school.name, programmes, page: page.in_section("mijn-home") });
        }
    };
    let mut posted =
        Posted(vec![("contact_name".into(), user.0.name.clone()), ("contact_email".into(), user.0.email.clone())]);
    // The school's own calculation from /check travels along in the query ("eigen berekening").
    posted.0.extend(own::carried(&pairs));
    // The answers given on the start page (/welke-ondersteuning) are filled in already.
    posted.0.extend(pairs.iter().filter(|(k, _)| view::is_fact_field(k)).cloned());
    render(&view(&state, page, &ctx, &posted, &[]).await?)
}

/// The programme's entry facts as JSON, or its field errors.
fn entry_facts(ctx: &Ctx, posted: &Posted) -> Result<Option<String>, Vec<(String, String)>> {
    let mut errors = HashMap::new();
    let json = match (&ctx.programme.rule, &ctx.target) {
        (RuleSettings::ResultsBand(_), _) => None,
        (RuleSettings::SpecialEducation(_), _) => {
            facts::special_facts(posted, &mut errors).and_then(|f| serde_json::to_string(&f).ok())
        }
        (RuleSettings::BoardHistory(_), Applicant::Board(_, schools)) => {
            serde_json::to_string(&facts::board_facts(schools, posted, &mut errors)).ok()
        }
        (RuleSettings::BoardHistory(_), Applicant::School(_)) => None,
        (RuleSettings::VerdictOrRisk(r), _) => {
            serde_json::to_string(&facts::vo_facts(r.demonstrable_risk_qualifies, posted, &mut errors)).ok()
        }
    };
    if errors.is_empty() {
        Ok(json)
    } else {
        let mut list: Vec<(String, String)> = errors.into_iter().collect();
        list.sort();
        Err(list)
    }
}

pub async fn send(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Query(q): Query<ApplyQuery>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let Resolved::Form(ctx) = resolve(&state, &user, &q, false).await? else {
        return Err(AppError::NotFound);
    };
    let posted = Posted(pairs);
    let typed = ApplyForm::from_posted(&posted);
    let (entry_facts_json, fact_errors) = match entry_facts(&ctx, &posted) {
        Ok(json) => (json, Vec::new()),
        Err(errors) => (None, errors),
    };
    let phone = typed.contact_phone.trim();
    let (school_id, board_number) = match &ctx.target {
        Applicant::School(s) => (Some(s.id), None),
        Applicant::Board(b, _) => (None, Some(b.number)),
    };
    let own_calculation = match own::parse(&ctx, &posted) {
        Ok(c) => c,
        Err(errors) => return unprocessable(&view(&state, page, &ctx, &posted, &errors).await?),
    };
    let input = ApplicationInput {
        own_calculation,
        programme_id: ctx.programme.id.clone(),
        school_id,
        board_number,
        contact_name: typed.contact_name.clone(),
        contact_email: typed.contact_email.clone(),
        contact_phone: (!phone.is_empty()).then(|| phone.to_owned()),
        help_question: typed.help_question.clone(),
        entry_facts_json,
    };
    let now = crate::auth::now();
    let actor = user.actor();
    let outcome =
        state.app.submit_application(&input, Some(UserId::new(user.0.id)), &actor, now, &state.config.base_url).await;
    match outcome {
        Ok(s) => Ok(Redirect::to(&format!("/aanmeldingen/{}", s.application.id)).into_response()),
        Err(Error::Invalid(errors)) => {
            let mut errors: Vec<(String, String)> = errors
                .into_iter()
                .filter(|e| fact_errors.is_empty() || e.field != "entry_facts")
                .map(|e| (e.field, e.detail))
                .collect();
            errors.extend(fact_errors);
            unprocessable(&view(&state, page, &ctx, &posted, &errors).await?)
        }
        Err(Error::NotEligible { summary, referral }) => {
            let mut v = view(&state, page, &ctx, &posted, &[]).await?;
            v.not_eligible = Some(summary);
            v.referral = referral.as_deref().map(crate::html::ondersteuning::ReferralView::new);
            unprocessable(&v)
        }
        Err(e) => Err(e.into()),
    }
}
