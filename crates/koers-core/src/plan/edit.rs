//! Editing a plan: [`Plan::apply`] takes one [`PlanEdit`] and returns the new plan, or the
//! problems the edit would introduce. Problems that were already there (say the programme
//! lowered `max_active_goals` after the plan was written) do not block an edit, so a plan can
//! always be repaired step by step; nothing is half-applied.

use super::error::{FieldError, PlanError, PlanProblem};
use super::rules::{PlanContext, check_draft};
use super::{
    Advice, BoardExecution, Goal, GoalId, GoalInput, GoalState, Indicator, IndicatorId, IndicatorInput, Measure,
    MeasureId, MeasureInput, Plan, PlanKind,
};
use serde::{Deserialize, Serialize};

/// One change to a plan's content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum PlanEdit {
    SetSummaries {
        school: String,
        expert: String,
    },
    AddGoal {
        input: GoalInput,
    },
    UpdateGoal {
        id: GoalId,
        input: GoalInput,
    },
    SetGoalState {
        id: GoalId,
        state: GoalState,
    },
    /// Also removes the goal from the measures that serve it; refused when a measure would then
    /// serve no goal.
    RemoveGoal {
        id: GoalId,
    },
    AddIndicator {
        goal: GoalId,
        input: IndicatorInput,
    },
    UpdateIndicator {
        id: IndicatorId,
        input: IndicatorInput,
    },
    RemoveIndicator {
        id: IndicatorId,
    },
    AddMeasure {
        input: MeasureInput,
    },
    UpdateMeasure {
        id: MeasureId,
        input: MeasureInput,
    },
    RemoveMeasure {
        id: MeasureId,
    },
    /// Board track only.
    RecordAdvice {
        advice: Advice,
    },
    /// Board track only.
    RecordChoice {
        choice: BoardExecution,
    },
}

/// What an edit created, so a page can jump to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "added", content = "id", rename_all = "snake_case")]
pub enum Added {
    Goal(GoalId),
    Indicator(IndicatorId),
    Measure(MeasureId),
}

fn not_found(what: &'static str, id: i64) -> PlanError {
    PlanError::NotFound { what, id }
}

impl Plan {
    fn take_id(&mut self) -> i64 {
        let id = self.next_id.max(1);
        self.next_id = id + 1;
        id
    }

    /// Apply `edit`; refused (nothing changed) when it introduces a problem.
    pub fn apply(&self, edit: PlanEdit, ctx: &PlanContext<'_>) -> Result<(Plan, Option<Added>), PlanError> {
        let mut next = self.clone();
        let added = next.change(edit)?;
        let before = check_draft(self, ctx);
        let introduced: Vec<FieldError> =
            check_draft(&next, ctx).into_iter().filter(|e| !already(&before, e)).collect();
        if introduced.is_empty() { Ok((next, added)) } else { Err(PlanError::Invalid(introduced)) }
    }

    fn change(&mut self, edit: PlanEdit) -> Result<Option<Added>, PlanError> {
        match edit {
            PlanEdit::SetSummaries { school, expert } => {
                self.school_summary = school;
                self.expert_summary = expert;
            }
            PlanEdit::AddGoal { input } => {
                let id = GoalId::new(self.take_id());
                let GoalInput { description, standards } = input;
                self.goals.push(Goal { id, description, standards, state: GoalState::Actief, indicators: vec![] });
                return Ok(Some(Added::Goal(id)));
            }
            PlanEdit::UpdateGoal { id, input } => {
                let g = self.goals.iter_mut().find(|g| g.id == id).ok_or_else(|| not_found("doel", id.get()))?;
                g.description = input.description;
                g.standards = input.standards;
            }
            PlanEdit::SetGoalState { id, state } => {
                let g = self.goals.iter_mut().find(|g| g.id == id).ok_or_else(|| not_found("doel", id.get()))?;
                g.state = state;
            }
            PlanEdit::RemoveGoal { id } => {
                let before = self.goals.len();
                self.goals.retain(|g| g.id != id);
                if self.goals.len() == before {
                    return Err(not_found("doel", id.get()));
                }
                for m in &mut self.measures {
                    m.goals.retain(|g| *g != id);
                }
            }
            PlanEdit::AddIndicator { goal, input } => {
                let id = IndicatorId::new(self.take_id());
                let g = self.goals.iter_mut().find(|g| g.id == goal).ok_or_else(|| not_found("doel", goal.get()))?;
                g.indicators.push(Indicator::new(id, input));
                return Ok(Some(Added::Indicator(id)));
            }
            PlanEdit::UpdateIndicator { id, input } => {
                let slot = self.goals.iter_mut().flat_map(|g| g.indicators.iter_mut()).find(|i| i.id == id);
                let ind = slot.ok_or_else(|| not_found("indicator", id.get()))?;
                *ind = Indicator::new(id, input);
            }
            PlanEdit::RemoveIndicator { id } => {
                let g = self.goals.iter_mut().find(|g| g.indicators.iter().any(|i| i.id == id));
                g.ok_or_else(|| not_found("indicator", id.get()))?.indicators.retain(|i| i.id != id);
            }
            PlanEdit::AddMeasure { input } => {
                let id = MeasureId::new(self.take_id());
                self.measures.push(Measure::new(id, input));
                return Ok(Some(Added::Measure(id)));
            }
            PlanEdit::UpdateMeasure { id, input } => {
                let m =
                    self.measures.iter_mut().find(|m| m.id == id).ok_or_else(|| not_found("maatregel", id.get()))?;
                *m = Measure::new(id, input);
            }
            PlanEdit::RemoveMeasure { id } => {
                let before = self.measures.len();
                self.measures.retain(|m| m.id != id);
                if self.measures.len() == before {
                    return Err(not_found("maatregel", id.get()));
                }
            }
            PlanEdit::RecordAdvice { advice: a } => match &mut self.kind {
                PlanKind::Bestuur { advice, .. } => *advice = Some(a),
                _ => return Err(not_board("kind.advice", "advies")),
            },
            PlanEdit::RecordChoice { choice: c } => match &mut self.kind {
                PlanKind::Bestuur { choice, .. } => *choice = Some(c),
                _ => return Err(not_board("kind.choice", "uitvoering")),
            },
        }
        Ok(None)
    }
}

fn not_board(field: &str, place: &str) -> PlanError {
    PlanError::Invalid(vec![FieldError {
        field: field.into(),
        place: place.into(),
        problem: PlanProblem::NotABoardPlan,
    }])
}

/// Was this problem there before the edit? Too many active goals counts as old when the edit
/// did not add to them.
fn already(before: &[FieldError], e: &FieldError) -> bool {
    before.iter().any(|b| match (&b.problem, &e.problem) {
        (PlanProblem::TooManyActiveGoals { active: was, .. }, PlanProblem::TooManyActiveGoals { active: now, .. }) => {
            now <= was
        }
        (PlanProblem::OverBudget { planned: was, .. }, PlanProblem::OverBudget { planned: now, .. }) => now <= was,
        _ => b == e,
    })
}
