//! Building a plan from what came before it:
//! - [`with_candidates`] — the verbeterpunten the team chose from the zelfevaluatie become goals
//!   (the format model maps its flagged items to [`CandidateGoal`]s: description + standard codes);
//! - [`stappenplan`] — the NPO stappenplan: the schoolscan's chosen findings become goals and the
//!   chosen interventions from the menukaart become the school's measures, each serving the
//!   findings it names (or every goal when it names none);
//! - the board track starts as `Plan::new(PlanKind::Bestuur { advice: None, choice: None })`;
//!   the advice is recorded first ([`super::PlanEdit::RecordAdvice`]), then goals are added (for
//!   example with [`with_candidates`]) and the choice *zelfstandig* / *met ondersteuning* is
//!   recorded before sign-off.

use super::error::{FieldError, PlanError, PlanProblem};
use super::rules::{MAX_GOALS, MAX_MEASURES, PlanContext, check_draft};
use super::{
    ActivityType, Goal, GoalId, GoalState, Measure, MeasureId, NpoCategory, Owner, Plan, PlanKind, SchoolRole,
};
use crate::calendar::Date;
use serde::{Deserialize, Serialize};

/// A verbeterpunt offered as a goal: a key to refer to it (the format's item id), its
/// description and the standard codes it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateGoal {
    pub key: String,
    pub description: String,
    pub standards: Vec<String>,
}

/// An intervention the school chose from the NPO menukaart for its stappenplan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChosenIntervention {
    /// What the school will do (`instructie in kleine groepen voor rekenen, leerjaar 1–2`).
    pub name: String,
    pub category: NpoCategory,
    /// Keys of the findings it addresses; empty = it serves every goal.
    #[serde(default)]
    pub serves: Vec<String>,
    pub owner: SchoolRole,
    pub start: Date,
    pub end: Date,
}

/// The schoolscan's outcome: the findings chosen to work on and the chosen interventions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StappenplanInput {
    pub findings: Vec<CandidateGoal>,
    pub interventions: Vec<ChosenIntervention>,
}

fn goal_from(id: GoalId, c: &CandidateGoal) -> Goal {
    Goal {
        id,
        description: c.description.trim().to_owned(),
        standards: c.standards.iter().map(|s| s.trim().to_uppercase()).collect(),
        state: GoalState::Actief,
        indicators: vec![],
    }
}

fn invalid(field: String, place: String, problem: PlanProblem) -> PlanError {
    PlanError::Invalid(vec![FieldError { field, place, problem }])
}

fn too_many(field: &str, place: &str, count: usize, max: usize) -> PlanError {
    invalid(field.into(), place.into(), PlanProblem::TooMany { count, max })
}

/// Add the chosen candidates to `plan` as active goals (in order), checked like any edit.
pub fn with_candidates(
    plan: &Plan,
    chosen: &[CandidateGoal],
    ctx: &PlanContext<'_>,
) -> Result<(Plan, Vec<GoalId>), PlanError> {
    if plan.goals.len().saturating_add(chosen.len()) > MAX_GOALS {
        return Err(too_many("goals", "doelen", plan.goals.len().saturating_add(chosen.len()), MAX_GOALS));
    }
    let mut next = plan.clone();
    let mut ids = Vec::with_capacity(chosen.len());
    for c in chosen {
        let id = GoalId::new(next.next_id.max(1));
        next.next_id = id.get() + 1;
        next.goals.push(goal_from(id, c));
        ids.push(id);
    }
    let before = check_draft(plan, ctx);
    let introduced: Vec<FieldError> = check_draft(&next, ctx).into_iter().filter(|e| !before.contains(e)).collect();
    if introduced.is_empty() { Ok((next, ids)) } else { Err(PlanError::Invalid(introduced)) }
}

/// The NPO stappenplan from the schoolscan: findings → goals, interventions → school measures.
pub fn stappenplan(input: &StappenplanInput, ctx: &PlanContext<'_>) -> Result<Plan, PlanError> {
    if input.findings.len() > MAX_GOALS {
        return Err(too_many("findings", "bevindingen", input.findings.len(), MAX_GOALS));
    }
    if input.interventions.len() > MAX_MEASURES {
        return Err(too_many("interventions", "interventies", input.interventions.len(), MAX_MEASURES));
    }
    let mut keys: Vec<(&str, GoalId)> = Vec::with_capacity(input.findings.len());
    for (i, f) in input.findings.iter().enumerate() {
        let key = f.key.trim();
        if keys.iter().any(|(k, _)| *k == key) {
            let place = format!("bevinding {}", i + 1);
            return Err(invalid(
                format!("findings[{i}].key"),
                place,
                PlanProblem::DuplicateFinding { key: key.into() },
            ));
        }
        keys.push((key, GoalId::new(i as i64 + 1)));
    }
    let mut plan = Plan::new(PlanKind::Stappenplan);
    plan.goals = input.findings.iter().zip(&keys).map(|(f, (_, id))| goal_from(*id, f)).collect();
    let first_measure = keys.len() as i64 + 1;
    let mut errors = Vec::new();
    for (i, iv) in input.interventions.iter().enumerate() {
        let goals: Vec<GoalId> = if iv.serves.is_empty() {
            keys.iter().map(|(_, id)| *id).collect()
        } else {
            let mut ids = Vec::new();
            for key in &iv.serves {
                match keys.iter().find(|(k, _)| *k == key.trim()) {
                    Some((_, id)) if !ids.contains(id) => ids.push(*id),
                    Some(_) => {}
                    None => errors.push(FieldError {
                        field: format!("interventions[{i}].serves"),
                        place: format!("interventie {} ('{}')", i + 1, iv.name.trim()),
                        problem: PlanProblem::UnknownFinding { key: key.chars().take(60).collect() },
                    }),
                }
            }
            ids
        };
        plan.measures.push(Measure {
            id: MeasureId::new(first_measure + i as i64),
            what: iv.name.trim().to_owned(),
            goals,
            owner: Owner::School { role: iv.owner.clone() },
            activity: ActivityType::NpoInterventie(iv.category),
            start: iv.start,
            end: iv.end,
            dagdelen: 0,
        });
    }
    plan.next_id = first_measure + input.interventions.len() as i64;
    errors.extend(check_draft(&plan, ctx));
    if errors.is_empty() { Ok(plan) } else { Err(PlanError::Invalid(errors)) }
}
