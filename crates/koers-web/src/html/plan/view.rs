//! The plan page's rows, built from the core's plan (labels in Dutch from the core where the
//! value is domain data: units, activity types, roles).

use super::form::activity_code;
use koers_core::plan::{ActivityType, Goal, Measure, Plan, PlanKind, PlanVersion, Signer};

#[derive(Debug, Clone)]
pub struct IndicatorRow {
    pub id: i64,
    pub name: String,
    pub unit: String,
    pub direction: String,
    pub baseline: String,
    pub baseline_date: String,
    pub source: String,
    pub target: String,
    pub target_date: String,
}

#[derive(Debug, Clone)]
pub struct GoalRow {
    pub id: i64,
    pub number: usize,
    pub description: String,
    pub standards: String,
    pub state: String,
    pub active: bool,
    pub indicators: Vec<IndicatorRow>,
    pub measures: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct MeasureRow {
    pub id: i64,
    pub what: String,
    pub goals: String,
    pub owner: String,
    pub activity: String,
    pub start: String,
    pub end: String,
    pub dagdelen: u32,
}

#[derive(Debug, Clone)]
pub struct SignatureRow {
    pub signer: String,
    pub role_name: String,
    pub date: String,
}

/// A `<option>`: value and label.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

pub fn goal_rows(plan: &Plan) -> Vec<GoalRow> {
    plan.goals
        .iter()
        .enumerate()
        .map(|(i, g): (usize, &Goal)| GoalRow {
            id: g.id.get(),
            number: i + 1,
            description: g.description.clone(),
            standards: g.standards.join(", "),
            state: g.state.label_nl().to_owned(),
            active: g.is_active(),
            indicators: g
                .indicators
                .iter()
                .map(|ind| IndicatorRow {
                    id: ind.id.get(),
                    name: ind.name.clone(),
                    unit: ind.unit.label_nl(),
                    direction: ind.direction.label_nl().to_owned(),
                    baseline: ind.unit.format(ind.baseline.value),
                    baseline_date: ind.baseline.date.nl(),
                    source: ind.baseline.source.clone(),
                    target: ind.unit.format(ind.target),
                    target_date: ind.target_date.nl(),
                })
                .collect(),
            measures: plan.measures_for(g.id).map(|m| m.what.clone()).collect(),
        })
        .collect()
}

fn measure_row(plan: &Plan, m: &Measure) -> MeasureRow {
    let goals = m
        .goals
        .iter()
        .filter_map(|id| plan.goals.iter().position(|g| g.id == *id).map(|i| (i + 1).to_string()))
        .collect::<Vec<_>>()
        .join(", ");
    MeasureRow {
        id: m.id.get(),
        what: m.what.clone(),
        goals,
        owner: m.owner.label_nl(),
        activity: m.activity.label_nl(),
        start: m.start.nl(),
        end: m.end.nl(),
        dagdelen: m.dagdelen,
    }
}

/// (school part, expert part).
pub fn measure_rows(plan: &Plan) -> (Vec<MeasureRow>, Vec<MeasureRow>) {
    (
        plan.school_part().map(|m| measure_row(plan, m)).collect(),
        plan.expert_part().map(|m| measure_row(plan, m)).collect(),
    )
}

pub fn signature_rows(v: &PlanVersion) -> Vec<SignatureRow> {
    v.signatures
        .iter()
        .map(|s| SignatureRow {
            signer: s.signer.label_nl().to_owned(),
            role_name: s.role_name.clone(),
            date: s.signed_on().nl(),
        })
        .collect()
}

pub fn activity_choices() -> Vec<Choice> {
    ActivityType::ALL.iter().map(|a| Choice { value: activity_code(*a), label: a.label_nl() }).collect()
}

pub fn signer_code(s: Signer) -> &'static str {
    s.short_nl()
}

/// The board track's advice and choice, for the page.
pub fn board(plan: &Plan) -> Option<(String, String, String)> {
    match &plan.kind {
        PlanKind::Bestuur { advice, choice } => Some((
            advice.as_ref().map(|a| a.text.clone()).unwrap_or_default(),
            advice.as_ref().map(|a| a.date.nl()).unwrap_or_default(),
            choice.map(|c| c.label_nl().to_owned()).unwrap_or_default(),
        )),
        _ => None,
    }
}
