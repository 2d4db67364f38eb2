//! `GET/POST /aanmelden?school={id}[&programma={id}]` and `GET/POST /aanmelden?bestuur={nr}`:
//! one aanmeldformulier per programme (the programme's entry questions, then contact and help
//! question), for whoever may change the school or board (its schoolleider, its bestuurder, a
//! beheerder). Without `programma` a school gets the one programme that fits its sector
//! (`gwgb-plus-school` for PO) or, when more fit, a choice page. `GET /aanmeldingen/{id}`: the
//! receipt, for whoever may view the school or board.

mod facts;

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
use facts::{BoardView, Posted, SpecialView, VoView};
use koers_app::applications::{ApplicationError, ApplicationInput, state_of, submit};
use koers_app::schools::{eligibility_from_rows, school_page};
use koers_app::store::{Board, School, Sector, StoreError};
use koers_core::access::{Action, Resource, SchoolRef, may_see_case};
use koers_core::programme::{self, Audience, ProgrammeRules, RuleSettings};
use koers_core::workflow::Status;
use serde::Deserialize;
use std::collections::HashMap;

/// The programme a school applies for when none is named (and the only one for PO).
pub const PROGRAMME: &str = "gwgb-plus-school";
/// The programme a board applies for.
pub const BOARD_PROGRAMME: &str = "gwgb-plus-bestuur";

pub fn routes() -> Router<AppState> {
    Router::new().route("/aanmelden", get(form).post(send)).route("/aanmeldingen/{id}", get(receipt))
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
    pub form_action: String,
    pub programme_name: String,
    /// The programme's prompt for the help question.
    pub help_prompt: String,
    /// The applicant is a board (GWGB+ bestuur): no BRIN or place.
    pub is_board: bool,
    pub school_name: String,
    pub brin: String,
    pub place: String,
    pub board: String,
    pub result: Option<EligibilityView>,
    pub not_eligible: Option<String>,
    /// Errors not tied to a field on this form (programme, school, board, entry facts).
    pub other_errors: Vec<String>,
    /// Errors of the programme's questions (shown next to the fields too).
    pub fact_errors: Vec<String>,
    pub error_count: usize,
    pub special: Option<SpecialView>,
    pub board_facts: Option<BoardView>,
    pub vo: Option<VoView>,
    pub contact_name: Field,
    pub contact_email: Field,
    pub contact_phone: Field,
    pub help_question: Field,
}

/// One programme on the choice page.
#[derive(Debug, Clone)]
pub struct ProgrammeChoice {
    pub href: String,
    pub name: String,
    pub help: String,
}

#[derive(Debug, Template)]
#[template(path = "aanmelden/choose.html")]
pub struct ChoosePage {
    pub page: Page,
    pub school_name: String,
    pub programmes: Vec<ProgrammeChoice>,
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
    // ---- roles workflow: the outcome's reason and the trajectory once coupled ----
    pub reason: Option<String>,
    pub trajectory_id: Option<i64>,
}

fn positive(v: Option<&str>) -> Result<i64, AppError> {
    v.and_then(|s| s.trim().parse::<i64>().ok()).filter(|id| *id > 0).ok_or(AppError::NotFound)
}

fn school_resource(id: i64, board_number: Option<i64>) -> Resource {
    Resource::School(SchoolRef { id, board_number })
}

fn fits(p: &ProgrammeRules, s: Sector) -> bool {
    let s = match s {
        Sector::Po => programme::Sector::Po,
        Sector::Sbo => programme::Sector::Sbo,
        Sector::So => programme::Sector::So,
        Sector::Vso => programme::Sector::Vso,
        Sector::Vo => programme::Sector::Vo,
    };
    p.audience == Audience::School && p.sectors.contains(&s)
}

/// Who applies for what.
enum Target {
    School(Box<School>),
    Board(Board, Vec<School>),
}

struct Ctx {
    programme: ProgrammeRules,
    target: Target,
}

enum Resolved {
    Form(Box<Ctx>),
    Choose(Box<School>, Vec<ProgrammeRules>),
}

/// The applicant and programme of the request, after the access check. `choose`: without a
/// `programma`, offer the choice when more than one programme fits (GET); otherwise the default.
async fn resolve(state: &AppState, user: &CurrentUser, q: &ApplyQuery, choose: bool) -> Result<Resolved, AppError> {
    let all = koers_app::programmes::active(state.store.as_ref()).await?;
    let named = q.programma.as_deref().map(str::trim).filter(|p| !p.is_empty());
    if q.bestuur.is_some() {
        let nr = positive(q.bestuur.as_deref())?;
        let board = state.store.board(nr).await?;
        user.ensure(Action::Change, Resource::Board(nr))?;
        let id = named.unwrap_or(BOARD_PROGRAMME);
        let programme =
            all.into_iter().find(|p| p.id == id && p.audience == Audience::Bestuur).ok_or(AppError::NotFound)?;
        let schools = state.store.schools_of_board(nr).await?;
        return Ok(Resolved::Form(Box::new(Ctx { programme, target: Target::Board(board, schools) })));
    }
    let id = positive(q.school.as_deref())?;
    let school = state.store.school(id).await?;
    user.ensure(Action::Change, school_resource(school.id, school.board_number))?;
    let programme = match named {
        Some(n) => all.into_iter().find(|p| p.id == n && p.audience == Audience::School).ok_or(AppError::NotFound)?,
        None => {
            let fitting: Vec<ProgrammeRules> = all.iter().filter(|p| fits(p, school.sector)).cloned().collect();
            match fitting.len() {
                1 => fitting.into_iter().next().ok_or(AppError::NotFound)?,
                _ if choose => return Ok(Resolved::Choose(Box::new(school), fitting)),
                _ => all.into_iter().find(|p| p.id == PROGRAMME).ok_or(AppError::NotFound)?,
            }
        }
    };
    Ok(Resolved::Form(Box::new(Ctx { programme, target: Target::School(Box::new(school)) })))
}

fn form_action(ctx: &Ctx) -> String {
    match &ctx.target {
        Target::School(s) => format!("/aanmelden?school={}&programma={}", s.id, ctx.programme.id),
        Target::Board(b, _) => format!("/aanmelden?bestuur={}&programma={}", b.number, ctx.programme.id),
    }
}

fn is_fact_field(name: &str) -> bool {
    facts::SPECIAL_FIELDS.contains(&name) || facts::is_board_field(name) || facts::is_vo_field(name)
}

async fn view(
    state: &AppState,
    page: Page,
    ctx: &Ctx,
    posted: &Posted,
    errors: &[(String, String)],
) -> Result<ApplyPage, AppError> {
    let typed = ApplyForm::from_posted(posted);
    let field = |name: &str, value: &str| Field {
        value: value.to_owned(),
        error: errors.iter().find(|(f, _)| f == name).map(|(_, m)| m.clone()),
    };
    let own = ["contact_name", "contact_email", "contact_phone", "help_question"];
    let other_errors = errors
        .iter()
        .filter(|(f, _)| !own.contains(&f.as_str()) && !is_fact_field(f))
        .map(|(_, m)| m.clone())
        .collect();
    let fact_errors = errors.iter().filter(|(f, _)| is_fact_field(f)).map(|(_, m)| m.clone()).collect();
    let error_map: HashMap<String, String> = errors.iter().cloned().collect();
    let (mut special, mut board_facts, mut vo) = (None, None, None);
    match (&ctx.programme.rule, &ctx.target) {
        (RuleSettings::SpecialEducation(_), _) => special = Some(facts::special_view(posted, &error_map)),
        (RuleSettings::BoardHistory(_), Target::Board(b, schools)) => {
            board_facts = Some(facts::board_view(b.number, schools, posted, &error_map));
        }
        (RuleSettings::VerdictOrRisk(r), _) => {
            vo = Some(facts::vo_view(r.demonstrable_risk_qualifies, posted, &error_map));
        }
        _ => {}
    }
    let mut v = ApplyPage {
        form_action: form_action(ctx),
        programme_name: ctx.programme.name.clone(),
        help_prompt: ctx.programme.help_question.clone(),
        is_board: false,
        school_name: String::new(),
        brin: String::new(),
        place: String::new(),
        board: String::new(),
        result: None,
        not_eligible: None,
        other_errors,
        fact_errors,
        error_count: errors.len(),
        special,
        board_facts,
        vo,
        contact_name: field("contact_name", &typed.contact_name),
        contact_email: field("contact_email", &typed.contact_email),
        contact_phone: field("contact_phone", &typed.contact_phone),
        help_question: field("help_question", &typed.help_question),
        page: page.in_section("mijn-home"),
    };
    match &ctx.target {
        Target::Board(b, _) => {
            v.is_board = true;
            v.school_name = b.name.clone();
            v.board = format!("{} ({})", b.name, b.number);
        }
        Target::School(s) => {
            let p = school_page(state.store.as_ref(), s.id).await?;
            if matches!(ctx.programme.rule, RuleSettings::ResultsBand(_)) && p.school.sector == Sector::Po {
                v.result =
                    eligibility_from_rows(&p.school, &p.results, p.published.as_ref(), &state.norms, &state.band_rule)
                        .ok()
                        .map(|o| EligibilityView::new(&o, v.page.lang));
            }
            v.board = match (&p.board, p.school.board_number) {
                (Some(b), _) => format!("{} ({})", b.name, b.number),
                (None, Some(n)) => n.to_string(),
                (None, None) => String::new(),
            };
            v.school_name = p.school.name.clone();
            v.brin = p.school.brin.clone();
            v.place = p.school.place.clone().unwrap_or_default();
        }
    }
    Ok(v)
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
    Query(q): Query<ApplyQuery>,
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
    let posted =
        Posted(vec![("contact_name".into(), user.0.name.clone()), ("contact_email".into(), user.0.email.clone())]);
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
        (RuleSettings::BoardHistory(_), Target::Board(_, schools)) => {
            serde_json::to_string(&facts::board_facts(schools, posted, &mut errors)).ok()
        }
        (RuleSettings::BoardHistory(_), Target::School(_)) => None,
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
    let programmes = koers_app::programmes::active(state.store.as_ref()).await?;
    let phone = typed.contact_phone.trim();
    let (school_id, board_number) = match &ctx.target {
        Target::School(s) => (Some(s.id), None),
        Target::Board(b, _) => (None, Some(b.number)),
    };
    let input = ApplicationInput {
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
            let mut errors: Vec<(String, String)> = errors
                .into_iter()
                .filter(|e| fact_errors.is_empty() || e.field != "entry_facts")
                .map(|e| (e.field, e.detail))
                .collect();
            errors.extend(fact_errors);
            unprocessable(&view(&state, page, &ctx, &posted, &errors).await?)
        }
        Err(ApplicationError::NotEligible(why)) => {
            let mut v = view(&state, page, &ctx, &posted, &[]).await?;
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
    // Staff of another programme may view schools, but not this programme's application.
    let (school_name, school) = match a.school_id {
        Some(sid) => match state.store.school(sid).await {
            Ok(s) => (s.name, Some(SchoolRef { id: s.id, board_number: s.board_number })),
            Err(StoreError::NotFound) => (String::new(), None),
            Err(e) => return Err(e.into()),
        },
        None => match a.board_number {
            Some(nr) => match state.store.board(nr).await {
                Ok(b) => (b.name, None),
                Err(StoreError::NotFound) => (String::new(), None),
                Err(e) => return Err(e.into()),
            },
            None => (String::new(), None),
        },
    };
    if !may_see_case(user.principal(), &a.programme_id, school, a.board_number) {
        return Err(AppError::Forbidden);
    }
    let status = state_of(&a).map_err(AppError::internal)?.status;
    let programme_name = koers_app::programmes::active(state.store.as_ref())
        .await?
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
        reason: crate::html::workflow_rows::status_and_reason(&a)?.1,
        trajectory_id: crate::html::workflow_rows::trajectory_of(&state, &a).await?,
        page: page.in_section("mijn-home"),
    })
}
