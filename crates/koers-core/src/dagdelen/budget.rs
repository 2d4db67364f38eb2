//! A trajectory's dagdelen budget. The programme says the block size and the most blocks
//! (`[dagdelen]`: NPO 8 × at most 2, "afhankelijk van de complexiteit van de school"); staff grant
//! 1…max blocks to a trajectory. More than the programme's maximum only by a recorded staff
//! decision with a reason ([`BudgetOverride`]), when the programme allows overrides at all.

use crate::calendar::Date;
use crate::ids::UserId;
use crate::programme::DagdelenBudget;
use serde::{Deserialize, Serialize};

/// The highest budget an override may set (a bound against typing errors).
pub const MAX_OVERRIDE: u32 = 500;
/// Shortest reason for an override (a word or two is not a decision).
pub const MIN_REASON: usize = 10;
pub const MAX_REASON: usize = 2_000;

/// A staff decision to allow more than the programme's maximum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetOverride {
    /// The new total budget in dagdelen.
    pub dagdelen: u32,
    pub reason: String,
    pub decided_by: UserId,
    pub decided_on: Date,
}

/// The budget of one trajectory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrajectoryBudget {
    pub per_block: u32,
    /// Blocks granted (1…`max_blocks`).
    pub blocks: u32,
    pub max_blocks: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<BudgetOverride>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum BudgetError {
    #[error(
        "blokken: kies 1 tot en met {max_blocks} blokken van {per_block} dagdelen (gevraagd: {asked}); meer kan alleen met een besluit van de programmastaf met een reden"
    )]
    Blocks { asked: u32, per_block: u32, max_blocks: u32 },
    #[error("dagdelen: het budget is {limit} dagdelen ({detail}); gevraagd zijn er {asked}")]
    OverBudget { asked: u32, limit: u32, detail: String },
    #[error("dit programma staat geen extra dagdelen boven het budget toe")]
    OverrideNotAllowed,
    #[error(
        "dagdelen: een besluit voor extra dagdelen moet boven het maximum van {max} dagdelen liggen (en hooguit {limit})"
    )]
    OverrideRange { max: u32, limit: u32 },
    #[error("reden: leg uit waarom er meer dagdelen nodig zijn (minstens {min} tekens)")]
    ReasonTooShort { min: usize },
    #[error("reden: te lang ({length} tekens; hooguit {max})")]
    ReasonTooLong { length: usize, max: usize },
}

impl TrajectoryBudget {
    /// Grant `blocks` blocks of the programme's budget.
    pub fn grant(programme: DagdelenBudget, blocks: u32) -> Result<Self, BudgetError> {
        let DagdelenBudget { per_block, max_blocks, .. } = programme;
        if !(1..=max_blocks).contains(&blocks) {
            return Err(BudgetError::Blocks { asked: blocks, per_block, max_blocks });
        }
        Ok(Self { per_block, blocks, max_blocks, decision: None })
    }

    /// The blocks needed for `dagdelen` (at least 1), or the refusal when that exceeds the
    /// programme's maximum: what staff use to grant a budget for a planned number of dagdelen.
    pub fn for_dagdelen(programme: DagdelenBudget, dagdelen: u32) -> Result<Self, BudgetError> {
        let blocks = dagdelen.div_ceil(programme.per_block.max(1)).max(1);
        Self::grant(programme, blocks).map_err(|_| BudgetError::OverBudget {
            asked: dagdelen,
            limit: programme.max_dagdelen(),
            detail: format!("{} × {}", programme.max_blocks, programme.per_block),
        })
    }

    /// Blocks × block size, without override.
    pub fn standard_limit(&self) -> u32 {
        self.per_block.saturating_mul(self.blocks)
    }

    /// The programme's most without override.
    pub fn programme_max(&self) -> u32 {
        self.per_block.saturating_mul(self.max_blocks)
    }

    /// The budget in force: the override when there is one.
    pub fn limit(&self) -> u32 {
        self.decision.as_ref().map_or(self.standard_limit(), |o| o.dagdelen)
    }

    fn detail(&self) -> String {
        match &self.decision {
            Some(o) => format!("verhoogd op {} door een besluit: {}", o.decided_on.nl(), o.reason),
            None => format!("{} × {}", self.blocks, self.per_block),
        }
    }

    /// Refuse planning or assigning more than the budget.
    pub fn check(&self, asked: u32) -> Result<(), BudgetError> {
        if asked > self.limit() {
            return Err(BudgetError::OverBudget { asked, limit: self.limit(), detail: self.detail() });
        }
        Ok(())
    }

    /// Record a staff decision to allow `dagdelen` in total (more than the programme's maximum).
    pub fn with_override(
        &self,
        programme: DagdelenBudget,
        dagdelen: u32,
        reason: &str,
        decided_by: UserId,
        decided_on: Date,
    ) -> Result<Self, BudgetError> {
        if !programme.override_allowed {
            return Err(BudgetError::OverrideNotAllowed);
        }
        let max = self.programme_max();
        if dagdelen <= max || dagdelen > MAX_OVERRIDE {
            return Err(BudgetError::OverrideRange { max, limit: MAX_OVERRIDE });
        }
        let reason = reason.trim();
        let length = reason.chars().count();
        if length < MIN_REASON {
            return Err(BudgetError::ReasonTooShort { min: MIN_REASON });
        }
        if length > MAX_REASON {
            return Err(BudgetError::ReasonTooLong { length, max: MAX_REASON });
        }
        let decision = Some(BudgetOverride { dagdelen, reason: reason.to_owned(), decided_by, decided_on });
        Ok(Self { blocks: self.max_blocks, decision, ..self.clone() })
    }
}
