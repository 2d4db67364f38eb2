//! The aanmeldformulier and the choice page as views: the applicant's facts, the programme's
//! questions with their errors, and the public eligibility for a PO school.

use super::facts::{self, BoardView, Posted, SpecialView, VoView};
use super::{ApplyForm, Ctx};
use crate::AppError;
use crate::html::eligibility::EligibilityView;
use crate::html::page::Page;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use koers_app::applications::Applicant;
use koers_app::schools::{eligibility_from_rows, school_page};
use koers_app::store::Sector;
use koers_core::programme::RuleSettings;
use std::collections::HashMap;

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
    /// Where a referred school or board goes (the programme's `[referral]`).
    pub referral: Option<crate::html::ondersteuning::ReferralView>,
    /// The school's own calculation from /check ("eigen berekening"), next to the register's.
    pub own: Option<super::own::OwnView>,
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

pub(super) fn form_action(ctx: &Ctx) -> String {
    match &ctx.target {
        Applicant::School(s) => format!("/aanmelden?school={}&programma={}", s.id, ctx.programme.id),
        Applicant::Board(b, _) => format!("/aanmelden?bestuur={}&programma={}", b.number, ctx.programme.id),
    }
}

pub(crate) fn is_fact_field(name: &str) -> bool {
    facts::SPECIAL_FIELDS.contains(&name) || facts::is_board_field(name) || facts::is_vo_field(name)
}

pub(super) async fn view(
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
        (RuleSettings::SpecialEducation(_), _) => special = Some(facts::special_view(page.lang, posted, &error_map)),
        (RuleSettings::BoardHistory(_), Applicant::Board(b, schools)) => {
            board_facts = Some(facts::board_view(page.lang, b.number.get(), schools, posted, &error_map));
        }
        (RuleSettings::VerdictOrRisk(r), _) => {
            vo = Some(facts::vo_view(page.lang, r.demonstrable_risk_qualifies, posted, &error_map));
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
        referral: None,
        own: super::own::view(page.lang, ctx, posted, state.app.norms()),
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
        Applicant::Board(b, _) => {
            v.is_board = true;
            v.school_name = b.name.clone();
            v.board = format!("{} ({})", b.name, b.number);
        }
        Applicant::School(s) => {
            let p = school_page(state.app.read(), s.id).await?;
            // The programme's own band rule (the stored definition), so the form says what the
            // entry rule will decide.
            if let (Some(rule), Sector::Po) = (ctx.programme.band_rule(), p.school.sector) {
                v.result = eligibility_from_rows(&p.school, &p.results, p.published.as_ref(), state.app.norms(), rule)
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

pub(super) fn unprocessable(v: &ApplyPage) -> Result<Response, AppError> {
    let mut res = render(v)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}
