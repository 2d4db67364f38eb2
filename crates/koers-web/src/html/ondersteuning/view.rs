//! The school's and the board's questions and the advice: extract the answers (the aanmeld form's
//! parsers), call [`koers_app::App::advise`], render.

use super::{advice, subject_id};
use crate::AppError;
use crate::auth::MaybePrincipal;
use crate::html::aanmelden::facts::{self, BoardView, Posted, SpecialView, VoView};
use crate::html::eligibility::words;
use crate::html::exam_trend::ExamTrendView;
use crate::html::page::Page;
use crate::html::render;
use crate::html::scholen::sector_label;
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use koers_app::store::Sector;
use koers_app::support::{Advice, Answers, ProgrammeFit, Subject, Who};
use koers_core::Verdict;
use koers_core::eligibility::Eligibility;
use koers_core::ids::{BoardNumber, SchoolId};
use koers_core::programme::RuleSettings;
use std::collections::HashMap;

/// The pointer to the programme a referred school or board goes to.
#[derive(Debug, Clone)]
pub struct ReferralView {
    pub name: String,
    pub text: String,
    pub url: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl ReferralView {
    pub fn new(r: &koers_core::programme::Referral) -> Self {
        Self {
            name: r.name.clone(),
            text: r.text.clone(),
            url: r.url.clone(),
            email: r.email.clone(),
            phone: r.phone.clone(),
        }
    }
}

/// One programme on the advice page.
#[derive(Debug, Clone)]
pub struct FitView {
    pub name: String,
    pub answered: bool,
    pub verdict_label: String,
    pub verdict_class: &'static str,
    pub summary: String,
    pub reasons: Vec<String>,
    pub apply_href: Option<String>,
    /// The board's multi-school request for this programme (when the programme allows it and the
    /// school has a board).
    pub board_request_href: Option<String>,
    pub referral: Option<ReferralView>,
}

/// The verdict's label, class, summary and reasons in the page's language.
pub fn texts(lang: Lang, e: &Eligibility) -> (String, &'static str, String, Vec<String>) {
    let (key, class) = match e.verdict {
        Verdict::Eligible => ("verdict-eligible", "verdict-eligible"),
        Verdict::NotEligible => ("verdict-not-eligible", "verdict-not_eligible"),
        Verdict::Undetermined => ("verdict-undetermined", "verdict-undetermined"),
        Verdict::ReferToRegularGwgb => ("verdict-refer", "verdict-refer"),
    };
    let (summary, reasons) = match lang {
        Lang::Nl => (e.summary_nl(), e.reasons.iter().map(|r| r.text_nl()).collect()),
        Lang::En => (words::summary(lang, e), e.reasons.iter().map(|r| words::reason(lang, r)).collect()),
    };
    (lang.t(key), class, summary, reasons)
}

/// The aanmelden link with the answers given here, so the form starts filled in.
fn with_answers(href: &str, posted: &Posted) -> String {
    let answers: Vec<&(String, String)> =
        posted.0.iter().filter(|(k, v)| crate::html::aanmelden::view::is_fact_field(k) && !v.is_empty()).collect();
    if answers.is_empty() {
        return href.to_owned();
    }
    format!("{href}&{}", serde_urlencoded::to_string(answers).unwrap_or_default())
}

fn fit_view(lang: Lang, f: &ProgrammeFit, posted: &Posted) -> FitView {
    let (verdict_label, verdict_class, summary, reasons) = match &f.eligibility {
        Some(e) => texts(lang, e),
        None => (lang.t("support-unanswered"), "verdict-undetermined", String::new(), Vec::new()),
    };
    FitView {
        name: f.programme.name.clone(),
        answered: f.eligibility.is_some(),
        verdict_label,
        verdict_class,
        summary,
        reasons,
        apply_href: f.apply_href.as_deref().map(|h| with_answers(h, posted)),
        board_request_href: None,
        referral: f.referral.as_ref().map(ReferralView::new),
    }
}

#[derive(Debug, Template)]
#[template(path = "ondersteuning/advice.html")]
pub struct AdvicePage {
    pub page: Page,
    pub title: String,
    pub facts: Vec<(String, String)>,
    /// The board's own advice page, from a school's.
    pub board_href: Option<String>,
    /// A PO school: its page, the check and the table.
    pub school_href: Option<String>,
    pub is_po: bool,
    pub school_id: i64,
    pub exam_trend: Option<ExamTrendView>,
    pub form_action: String,
    pub special: Option<SpecialView>,
    pub vo: Option<VoView>,
    pub bf: Option<BoardView>,
    pub has_questions: bool,
    pub errors: Vec<String>,
    pub fits: Vec<FitView>,
    pub used_records: bool,
}

type Errors = HashMap<String, String>;

/// Did the visitor send the questions (`beantwoord=1`)?
fn answered(p: &Posted) -> bool {
    !p.get("beantwoord").is_empty()
}

pub async fn school(
    State(state): State<AppState>,
    who: MaybePrincipal,
    page: Page,
    Path(raw): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let id = subject_id(&raw)?;
    let posted = Posted(pairs);
    let school = state.app.read().school(SchoolId::new(id)).await?;
    let mut errors = Errors::new();
    let mut answers = Answers::default();
    if answered(&posted) {
        match school.sector {
            Sector::Sbo | Sector::So | Sector::Vso => answers.special = facts::special_facts(&posted, &mut errors),
            Sector::Vo => answers.vo = Some(facts::vo_facts(true, &posted, &mut errors)),
            Sector::Po => {}
        }
        if !errors.is_empty() {
            answers = Answers::default();
        }
    }
    let a = advice(&state, &who, Subject::School(SchoolId::new(id)), &answers).await?;
    respond(&page, &a, &posted, &errors, format!("/welke-ondersteuning/school/{id}"))
}

pub async fn board(
    State(state): State<AppState>,
    who: MaybePrincipal,
    page: Page,
    Path(raw): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let nr = subject_id(&raw)?;
    let posted = Posted(pairs);
    let schools = state.app.read().schools_of_board(BoardNumber::new(nr)).await?;
    let mut errors = Errors::new();
    let mut answers = Answers::default();
    if answered(&posted) {
        let f = facts::board_facts(&schools, &posted, &mut errors);
        answers.board = errors.is_empty().then_some(f);
    }
    let a = advice(&state, &who, Subject::Board(BoardNumber::new(nr)), &answers).await?;
    respond(&page, &a, &posted, &errors, format!("/welke-ondersteuning/bestuur/{nr}"))
}

fn respond(
    page: &Page,
    a: &Advice,
    posted: &Posted,
    errors: &Errors,
    form_action: String,
) -> Result<Response, AppError> {
    let page = page.clone().in_section("ondersteuning");
    let lang = page.lang;
    let needs = |f: &dyn Fn(&RuleSettings) -> bool| a.fits.iter().any(|p| f(&p.programme.rule));
    let mut v = AdvicePage {
        title: String::new(),
        facts: Vec::new(),
        board_href: None,
        school_href: None,
        is_po: false,
        school_id: 0,
        exam_trend: None,
        form_action,
        special: None,
        vo: None,
        bf: None,
        has_questions: false,
        errors: {
            let mut e: Vec<String> = errors.values().cloned().collect();
            e.sort();
            e
        },
        fits: a.fits.iter().map(|f| fit_view(lang, f, posted)).collect(),
        used_records: a.used_records,
        page,
    };
    match &a.who {
        Who::School { school, board, exam_years } => {
            v.title = lang.t_args("support-school-title", &[("name", school.name.clone())]);
            v.facts = vec![
                (lang.t("fact-brin"), school.brin.clone()),
                (lang.t("school-field-place"), school.place.clone().unwrap_or_default()),
                (lang.t("support-sector"), sector_label(lang, school.sector)),
            ];
            if let Some(b) = board {
                v.facts.push((lang.t("apply-board"), format!("{} ({})", b.name, b.number)));
                v.board_href = Some(format!("/welke-ondersteuning/bestuur/{}", b.number));
                for (fit, view) in a.fits.iter().zip(v.fits.iter_mut()) {
                    if fit.programme.board_request && view.apply_href.is_some() {
                        view.board_request_href =
                            Some(format!("/bestuur/{}/meerdere-scholen?programma={}", b.number, fit.programme.id));
                    }
                }
            }
            v.is_po = school.sector == Sector::Po;
            v.school_id = school.id.get();
            v.school_href = Some(format!("/scholen/{}", school.id));
            v.exam_trend = ExamTrendView::new(lang, exam_years);
            if needs(&|r| matches!(r, RuleSettings::SpecialEducation(_))) {
                v.special = Some(facts::special_view(lang, posted, errors));
            }
            if needs(&|r| matches!(r, RuleSettings::VerdictOrRisk(_))) {
                let risks = a.fits.iter().any(
                    |f| matches!(&f.programme.rule, RuleSettings::VerdictOrRisk(r) if r.demonstrable_risk_qualifies),
                );
                v.vo = Some(facts::vo_view(lang, risks, posted, errors));
            }
        }
        Who::Board { board, schools } => {
            v.title = lang.t_args("support-board-title", &[("name", board.name.clone())]);
            v.facts = vec![
                (lang.t("support-board-number"), board.number.to_string()),
                (lang.t("support-board-schools"), schools.len().to_string()),
            ];
            if needs(&|r| matches!(r, RuleSettings::BoardHistory(_))) {
                v.bf = Some(facts::board_view(lang, board.number.get(), schools, posted, errors));
            }
        }
    }
    v.has_questions = v.special.is_some() || v.vo.is_some() || v.bf.is_some();
    let res = render(&v)?;
    Ok(if errors.is_empty() { res } else { (StatusCode::UNPROCESSABLE_ENTITY, res).into_response() })
}
