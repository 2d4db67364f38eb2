//! The rules a plan obeys, as two checks returning every problem found:
//! - [`check_draft`] — what must hold for any saved version (values in range, dates in order,
//!   dagdelen only on expert measures and within the budget, every measure serving an existing
//!   goal, at most `max_active_goals` active goals, the board's advice before its plan);
//! - [`check_complete`] — what must hold before anyone signs (an active goal, each active goal
//!   with a standard, an indicator and a measure; the board's advice and choice recorded).
//!
//! [`PlanSettings`] are the programme's `[plan]` section (see `programmes/*.toml`).

use super::error::{FieldError, PlanProblem};
use super::indicator::{Direction, IndicatorKind, Unit, shown};
use super::signoff::Signer;
use super::{Goal, Indicator, Measure, Plan, PlanKind};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Longest description, summary or measure text.
pub const MAX_TEXT: usize = 2_000;
/// Longest name (indicator, baseline source).
pub const MAX_NAME: usize = 200;
/// Bounds that keep a plan (and the memory it takes) small whatever is sent.
pub const MAX_GOALS: usize = 50;
pub const MAX_INDICATORS_PER_GOAL: usize = 10;
pub const MAX_STANDARDS_PER_GOAL: usize = 10;
pub const MAX_MEASURES: usize = 200;
pub const MAX_GOALS_PER_MEASURE: usize = 10;
/// Most dagdelen one measure may plan (a sanity bound; the budget is checked separately).
pub const MAX_DAGDELEN_PER_MEASURE: u32 = 200;

/// A programme's plan settings (`[plan]` in the programme TOML).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlanSettings {
    /// At most this many active goals ("plans stay short"; TRAJECTORY §3).
    pub max_active_goals: u32,
    /// Who signs a version, in order; the last signature makes it vastgesteld. A school
    /// programme that needs the board: `["schoolleider", "bestuurder"]`; the board track:
    /// `["bestuurder"]`.
    pub signers: Vec<Signer>,
}

impl Default for PlanSettings {
    fn default() -> Self {
        Self { max_active_goals: 10, signers: vec![Signer::Schoolleider] }
    }
}

impl PlanSettings {
    /// Does the bestuurder sign (the "board sign-off")?
    pub fn board_sign_off(&self) -> bool {
        self.signers.contains(&Signer::Bestuurder)
    }

    /// Check the settings; `Err((field, Dutch detail))` names the field under `plan.`.
    pub fn check(&self) -> Result<(), (String, String)> {
        if !(1..=MAX_GOALS as u32).contains(&self.max_active_goals) {
            return Err((
                "plan.max_active_goals".into(),
                format!("plan.max_active_goals moet tussen 1 en {MAX_GOALS} liggen"),
            ));
        }
        if self.signers.is_empty() {
            return Err(("plan.signers".into(), "plan.signers moet minstens één ondertekenaar noemen".into()));
        }
        if self.signers.iter().collect::<HashSet<_>>().len() != self.signers.len() {
            return Err(("plan.signers".into(), "plan.signers noemt een ondertekenaar twee keer".into()));
        }
        Ok(())
    }
}

/// What the checks need besides the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanContext<'a> {
    pub settings: &'a PlanSettings,
    /// The trajectory's dagdelen budget (with any override), when the programme caps it.
    pub dagdelen_limit: Option<u32>,
}

/// Collects problems with their place.
struct Out(Vec<FieldError>);

impl Out {
    fn push(&mut self, field: String, place: String, problem: PlanProblem) {
        self.0.push(FieldError { field, place, problem });
    }
}

/// ` ('the name')`, cut at 40 characters with an ellipsis.
fn quoted(text: &str) -> String {
    let t = text.trim();
    match t.char_indices().nth(40) {
        _ if t.is_empty() => String::new(),
        Some((cut, _)) => format!(" ('{}…')", t[..cut].trim_end()),
        None => format!(" ('{t}')"),
    }
}

fn goal_place(i: usize, g: &Goal) -> (String, String) {
    (format!("goals[{i}]"), format!("doel {}{}", i + 1, quoted(&g.description)))
}

fn text(out: &mut Out, field: String, place: String, value: &str, required: bool, max: usize) {
    let length = value.chars().count();
    if required && value.trim().is_empty() {
        out.push(field, place, PlanProblem::Empty);
    } else if length > max {
        out.push(field, place, PlanProblem::TooLong { length, max });
    }
}

/// A standard code: 1–12 letters, digits, `.` or `-`, starting with a letter (`OP3`, `BKA2`).
pub fn is_standard_code(code: &str) -> bool {
    (1..=12).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_alphabetic())
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

/// Every problem that keeps `plan` from being saved.
pub fn check_draft(plan: &Plan, ctx: &PlanContext<'_>) -> Vec<FieldError> {
    let mut out = Out(Vec::new());
    text(&mut out, "school_summary".into(), "inleiding schooldeel".into(), &plan.school_summary, false, MAX_TEXT);
    text(&mut out, "expert_summary".into(), "inleiding expertdeel".into(), &plan.expert_summary, false, MAX_TEXT);
    ids(plan, &mut out);
    if plan.goals.len() > MAX_GOALS {
        out.push("goals".into(), "doelen".into(), PlanProblem::TooMany { count: plan.goals.len(), max: MAX_GOALS });
    }
    let active = plan.active_goals().count();
    if active > ctx.settings.max_active_goals as usize {
        out.push(
            "goals".into(),
            "doelen".into(),
            PlanProblem::TooManyActiveGoals { active, max: ctx.settings.max_active_goals },
        );
    }
    for (i, g) in plan.goals.iter().enumerate() {
        goal(&mut out, i, g);
    }
    if plan.measures.len() > MAX_MEASURES {
        out.push(
            "measures".into(),
            "maatregelen".into(),
            PlanProblem::TooMany { count: plan.measures.len(), max: MAX_MEASURES },
        );
    }
    for (i, m) in plan.measures.iter().enumerate() {
        measure(&mut out, plan, i, m);
    }
    if let Some(limit) = ctx.dagdelen_limit {
        let planned = plan.planned_dagdelen();
        if planned > limit {
            out.push("measures".into(), "dagdelen van de expert".into(), PlanProblem::OverBudget { planned, limit });
        }
    }
    board(&mut out, plan, false);
    out.0
}

/// Every problem that keeps `plan` from being signed (includes [`check_draft`]).
pub fn check_complete(plan: &Plan, ctx: &PlanContext<'_>) -> Vec<FieldError> {
    let mut all = check_draft(plan, ctx);
    let mut out = Out(Vec::new());
    if plan.active_goals().next().is_none() {
        out.push("goals".into(), "doelen".into(), PlanProblem::NoActiveGoal);
    }
    for (i, g) in plan.goals.iter().enumerate().filter(|(_, g)| g.is_active()) {
        let (field, place) = goal_place(i, g);
        if g.standards.is_empty() {
            out.push(format!("{field}.standards"), format!("{place}, standaarden"), PlanProblem::NoStandard);
        }
        if g.indicators.is_empty() {
            out.push(format!("{field}.indicators"), place.clone(), PlanProblem::NoIndicator);
        }
        if plan.measures_for(g.id).next().is_none() {
            out.push(field, place, PlanProblem::NoMeasureForGoal);
        }
    }
    board(&mut out, plan, true);
    all.extend(out.0);
    all
}

fn ids(plan: &Plan, out: &mut Out) {
    let mut seen = HashSet::new();
    let goal_ids = plan.goals.iter().map(|g| g.id.get());
    let indicator_ids = plan.indicators().map(|i| i.id.get());
    let measure_ids = plan.measures.iter().map(|m| m.id.get());
    for id in goal_ids.chain(indicator_ids).chain(measure_ids) {
        if !seen.insert(id) || id <= 0 || id >= plan.next_id {
            out.push("next_id".into(), "nummering".into(), PlanProblem::DuplicateId { id });
        }
    }
}

fn goal(out: &mut Out, i: usize, g: &Goal) {
    let (field, place) = goal_place(i, g);
    text(out, format!("{field}.description"), format!("{place}, omschrijving"), &g.description, true, MAX_TEXT);
    if g.standards.len() > MAX_STANDARDS_PER_GOAL {
        let count = g.standards.len();
        out.push(
            format!("{field}.standards"),
            format!("{place}, standaarden"),
            PlanProblem::TooMany { count, max: MAX_STANDARDS_PER_GOAL },
        );
    }
    let mut seen = HashSet::new();
    for code in g.standards.iter().take(MAX_STANDARDS_PER_GOAL) {
        let (f, p) = (format!("{field}.standards"), format!("{place}, standaarden"));
        if !is_standard_code(code) {
            out.push(f, p, PlanProblem::BadStandard { code: code.chars().take(20).collect() });
        } else if !seen.insert(code.to_uppercase()) {
            out.push(f, p, PlanProblem::DuplicateStandard { code: code.clone() });
        }
    }
    if g.indicators.len() > MAX_INDICATORS_PER_GOAL {
        let count = g.indicators.len();
        out.push(
            format!("{field}.indicators"),
            format!("{place}, indicatoren"),
            PlanProblem::TooMany { count, max: MAX_INDICATORS_PER_GOAL },
        );
    }
    for (j, ind) in g.indicators.iter().enumerate().take(MAX_INDICATORS_PER_GOAL) {
        let f = format!("{field}.indicators[{j}]");
        let p = format!("{place}, indicator {}{}", j + 1, quoted(&ind.name));
        indicator(out, &f, &p, ind);
    }
}

fn indicator(out: &mut Out, field: &str, place: &str, ind: &Indicator) {
    let at = |name: &str| format!("{field}.{name}");
    let words = |name: &str| format!("{place}, {name}");
    text(out, at("name"), words("naam"), &ind.name, true, MAX_NAME);
    if let Err(p) = ind.unit.check_definition() {
        out.push(at("unit"), words("eenheid"), PlanProblem::Unit(p));
        return;
    }
    if let IndicatorKind::Resultaten { .. } = ind.kind
        && (ind.unit != Unit::Percentage || ind.direction != Direction::Increase)
    {
        out.push(at("kind"), words("soort"), PlanProblem::ResultsIndicatorShape);
    }
    text(out, at("baseline.source"), words("bron van de beginwaarde"), &ind.baseline.source, true, MAX_NAME);
    let baseline_ok = ind.unit.check(ind.baseline.value).map_err(|p| {
        out.push(at("baseline.value"), words("beginwaarde"), PlanProblem::Value(p));
    });
    let target_ok = ind.unit.check(ind.target).map_err(|p| {
        out.push(at("target"), words("streefwaarde"), PlanProblem::Value(p));
    });
    if baseline_ok.is_ok() && target_ok.is_ok() {
        let gain = ind.gain(ind.baseline.value, ind.target);
        let (baseline, target) = (ind.unit.format(ind.baseline.value), ind.unit.format(ind.target));
        if ind.target == ind.baseline.value {
            out.push(at("target"), words("streefwaarde"), PlanProblem::TargetEqualsBaseline { baseline });
        } else if gain < 0.0 {
            let worse = if ind.direction == Direction::Increase { "lager" } else { "hoger" };
            let direction = ind.direction.label_nl();
            out.push(
                at("target"),
                words("streefwaarde"),
                PlanProblem::TargetWrongDirection { baseline, target, worse, direction },
            );
        }
    }
    if ind.target_date <= ind.baseline.date {
        out.push(
            at("target_date"),
            words("streefdatum"),
            PlanProblem::TargetDateNotAfterBaseline {
                baseline_date: ind.baseline.date.nl(),
                target_date: ind.target_date.nl(),
            },
        );
    }
    if let Some(margin) = ind.margin {
        let (lo, hi) = ind.unit.range();
        if !margin.is_finite() || margin < 0.0 || margin >= hi - lo {
            out.push(at("margin"), words("marge"), PlanProblem::BadMargin { margin: shown(margin) });
        }
    }
}

fn measure(out: &mut Out, plan: &Plan, i: usize, m: &Measure) {
    let field = format!("measures[{i}]");
    let place = format!("maatregel {}{}", i + 1, quoted(&m.what));
    let at = |name: &str| format!("{field}.{name}");
    let words = |name: &str| format!("{place}, {name}");
    text(out, at("what"), words("wat"), &m.what, true, MAX_TEXT);
    if m.goals.is_empty() {
        out.push(at("goals"), words("doel"), PlanProblem::NoGoal);
    }
    if m.goals.len() > MAX_GOALS_PER_MEASURE {
        let count = m.goals.len();
        out.push(at("goals"), words("doel"), PlanProblem::TooMany { count, max: MAX_GOALS_PER_MEASURE });
    }
    for g in m.goals.iter().take(MAX_GOALS_PER_MEASURE) {
        if plan.goal(*g).is_none() {
            out.push(at("goals"), words("doel"), PlanProblem::UnknownGoal { goal: g.get() });
        }
    }
    if let super::Owner::School { role: super::SchoolRole::Other(t) } = &m.owner {
        text(out, at("owner"), words("eigenaar"), t, true, MAX_NAME);
    }
    if m.end < m.start {
        out.push(at("end"), words("einddatum"), PlanProblem::EndBeforeStart { start: m.start.nl(), end: m.end.nl() });
    }
    if !m.owner.is_expert() && m.dagdelen > 0 {
        out.push(at("dagdelen"), words("dagdelen"), PlanProblem::DagdelenOnSchoolMeasure);
    }
    if m.dagdelen > MAX_DAGDELEN_PER_MEASURE {
        let problem = PlanProblem::TooManyDagdelen { dagdelen: m.dagdelen, max: MAX_DAGDELEN_PER_MEASURE };
        out.push(at("dagdelen"), words("dagdelen"), problem);
    }
}

fn board(out: &mut Out, plan: &Plan, complete: bool) {
    let PlanKind::Bestuur { advice, choice } = &plan.kind else { return };
    match advice {
        None if !plan.goals.is_empty() || !plan.measures.is_empty() => {
            out.push("kind.advice".into(), "advies".into(), PlanProblem::AdviceFirst);
        }
        None if complete => out.push("kind.advice".into(), "advies".into(), PlanProblem::NoAdvice),
        Some(a) => text(out, "kind.advice.text".into(), "advies".into(), &a.text, true, MAX_TEXT * 5),
        None => {}
    }
    if complete && choice.is_none() {
        out.push("kind.choice".into(), "uitvoering".into(), PlanProblem::NoChoice);
    }
    if *choice == Some(super::BoardExecution::Zelfstandig) {
        for (i, m) in plan.measures.iter().enumerate().filter(|(_, m)| m.owner.is_expert()) {
            let place = format!("maatregel {}{}, eigenaar", i + 1, quoted(&m.what));
            out.push(format!("measures[{i}].owner"), place, PlanProblem::ExpertMeasureInZelfstandig);
        }
    }
}
