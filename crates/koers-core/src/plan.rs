//! The plan van aanpak (TRAJECTORY §3, PRODUCT journey 6): goals with indicators, measures with
//! an owner, and versions that are signed off and then frozen.
//!
//! - [`Plan`] — one version's content: [`Goal`]s (description, the standard codes it serves,
//!   [`Indicator`]s with [`Unit`], baseline, target and target date) and [`Measure`]s (what, which
//!   goal(s), [`Owner`] school role or expert, [`ActivityType`], start/end, planned dagdelen).
//!   The measures owned by the school are the *school part*, the expert's the *expert part*.
//!   [`PlanKind`] says which variant it is: a plan van aanpak, an NPO stappenplan (built from the
//!   schoolscan's chosen interventions, [`stappenplan`]) or a board plan (advice first, then the
//!   recorded choice *zelfstandig* / *met ondersteuning*).
//! - Editing is pure: [`Plan::apply`] takes a [`PlanEdit`] and returns the new plan, refusing an
//!   edit that introduces a problem ([`rules`]: Dutch messages naming the field, e.g. at most
//!   `max_active_goals` active goals, a target inside its unit's range and better than the
//!   baseline, end ≥ start, dagdelen only on expert measures, every measure serving a goal).
//! - Versions and sign-off ([`signoff`]): [`PlanVersion`] is a state machine concept →
//!   in ondertekening → vastgesteld (frozen) with [`Signature`]s (user, role name, instant) in
//!   the programme's order of [`Signer`]s; a bijstelling makes the next version from the frozen
//!   one with a mandatory reason; [`PlanHistory`] holds the versions.
//! - [`compare()`] lists what changed between two versions, field by field, for a side-by-side
//!   page.
//!
//! Ids ([`GoalId`], [`IndicatorId`], [`MeasureId`]) are handed out by the plan itself and carried
//! over into every later version, so voortgang (status updates, measurements, dagdelen) and the
//! comparison keep pointing at the same goal or measure after a bijstelling. The store may keep a
//! version as one JSON document (every type here is serde) or as rows keyed by these ids.

pub mod compare;
mod edit;
mod error;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod indicator;
pub mod measure;
pub mod rules;
pub mod signoff;
#[cfg(test)]
mod tests;
mod variant;

pub use compare::{Change, ChangeKind, FieldChange, Item, PlanDiff, compare};
pub use edit::{Added, PlanEdit};
pub use error::{FieldError, PlanError, PlanProblem};
pub use indicator::{Baseline, Direction, Indicator, IndicatorInput, IndicatorKind, Unit, ValueProblem};
pub use measure::{ActivityGroup, ActivityType, Measure, MeasureInput, NpoCategory, Owner, SchoolRole};
pub use rules::{PlanContext, PlanSettings};
pub use signoff::{Bijstelling, PlanEvent, PlanHistory, PlanVersion, Signature, Signer, VersionCommand, VersionStatus};
pub use variant::{CandidateGoal, ChosenIntervention, StappenplanInput, stappenplan, with_candidates};

use crate::calendar::Date;
use serde::{Deserialize, Serialize};

crate::id_type!(
    /// A trajectory's plan (all its versions); the store's row id.
    PlanId
);
crate::id_type!(
    /// A goal of a plan; stable across the plan's versions.
    GoalId
);
crate::id_type!(
    /// An indicator of a goal; stable across the plan's versions.
    IndicatorId
);
crate::id_type!(
    /// A measure (maatregel); stable across the plan's versions.
    MeasureId
);

/// Whether a goal still counts towards the plan's active goals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalState {
    #[default]
    Actief,
    Behaald,
    Vervallen,
}

impl GoalState {
    pub fn label_nl(self) -> &'static str {
        match self {
            GoalState::Actief => "actief",
            GoalState::Behaald => "behaald",
            GoalState::Vervallen => "vervallen",
        }
    }
}

/// A goal as typed in a form: its description and the standard codes it serves (`OP3`, `OR1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalInput {
    pub description: String,
    pub standards: Vec<String>,
}

/// A goal of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub id: GoalId,
    pub description: String,
    /// Codes of the standards it serves (DOMAIN §5: `OP3`, `OR1`, `KA1`, `BKA2`…).
    pub standards: Vec<String>,
    #[serde(default)]
    pub state: GoalState,
    pub indicators: Vec<Indicator>,
}

impl Goal {
    pub fn is_active(&self) -> bool {
        self.state == GoalState::Actief
    }
}

/// The board's choice after the advice (GWGB+ bestuur, seed 001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoardExecution {
    /// The board carries the plan out alone.
    Zelfstandig,
    /// With (limited) support of the adviser.
    MetOndersteuning,
}

impl BoardExecution {
    pub fn label_nl(self) -> &'static str {
        match self {
            BoardExecution::Zelfstandig => "zelfstandig",
            BoardExecution::MetOndersteuning => "met ondersteuning",
        }
    }
}

/// The adviser's advice to the board, recorded before the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advice {
    pub text: String,
    pub date: Date,
}

/// Which kind of plan this is.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanKind {
    /// Plan van aanpak / verbeterplan (GWGB+ school and gespecialiseerd, procesbegeleiding).
    #[default]
    PlanVanAanpak,
    /// The NPO stappenplan, built from the schoolscan's chosen interventions.
    Stappenplan,
    /// The board track: the adviser's advice, then the plan and the board's choice.
    Bestuur {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        advice: Option<Advice>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        choice: Option<BoardExecution>,
    },
}

impl PlanKind {
    pub fn label_nl(&self) -> &'static str {
        match self {
            PlanKind::PlanVanAanpak => "plan van aanpak",
            PlanKind::Stappenplan => "stappenplan",
            PlanKind::Bestuur { .. } => "plan van aanpak bestuur",
        }
    }
}

/// One version's content. Build with [`Plan::new`] (or [`with_candidates`],
/// [`stappenplan`]) and change with [`Plan::apply`], which keeps ids unique and the plan valid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub kind: PlanKind,
    /// Introduction to the school part: what the school will do.
    #[serde(default)]
    pub school_summary: String,
    /// Introduction to the expert part: what the expert takes on.
    #[serde(default)]
    pub expert_summary: String,
    pub goals: Vec<Goal>,
    pub measures: Vec<Measure>,
    /// The next id to hand out; ids are unique over goals, indicators and measures and never
    /// reused, also not across versions.
    pub next_id: i64,
}

impl Plan {
    /// An empty plan of `kind`.
    pub fn new(kind: PlanKind) -> Self {
        Self {
            kind,
            school_summary: String::new(),
            expert_summary: String::new(),
            goals: vec![],
            measures: vec![],
            next_id: 1,
        }
    }

    pub fn goal(&self, id: GoalId) -> Option<&Goal> {
        self.goals.iter().find(|g| g.id == id)
    }

    pub fn measure(&self, id: MeasureId) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }

    /// An indicator and the goal it belongs to.
    pub fn indicator(&self, id: IndicatorId) -> Option<(&Goal, &Indicator)> {
        self.goals.iter().find_map(|g| g.indicators.iter().find(|i| i.id == id).map(|i| (g, i)))
    }

    /// Every indicator of every goal, in order.
    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.goals.iter().flat_map(|g| g.indicators.iter())
    }

    pub fn active_goals(&self) -> impl Iterator<Item = &Goal> {
        self.goals.iter().filter(|g| g.is_active())
    }

    /// The school part: measures owned by someone at the school.
    pub fn school_part(&self) -> impl Iterator<Item = &Measure> {
        self.measures.iter().filter(|m| !m.owner.is_expert())
    }

    /// The expert part: measures owned by the expert.
    pub fn expert_part(&self) -> impl Iterator<Item = &Measure> {
        self.measures.iter().filter(|m| m.owner.is_expert())
    }

    /// Dagdelen planned for the expert's measures.
    pub fn planned_dagdelen(&self) -> u32 {
        self.expert_part().fold(0u32, |sum, m| sum.saturating_add(m.dagdelen))
    }

    /// The measures that serve `goal`.
    pub fn measures_for(&self, goal: GoalId) -> impl Iterator<Item = &Measure> {
        self.measures.iter().filter(move |m| m.serves(goal))
    }

    /// The first start and the last end of the measures (the plan's period), if any.
    pub fn period(&self) -> Option<(Date, Date)> {
        let start = self.measures.iter().map(|m| m.start).min()?;
        let end = self.measures.iter().map(|m| m.end).max()?;
        Some((start, end))
    }
}
