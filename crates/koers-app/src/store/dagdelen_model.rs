//! The dagdelen log, budget decisions and kostenoverzicht numbers as the store keeps them
//! (issue 10 §7–8). `koers_core::dagdelen` and `koers_core::money` check and compute; the store
//! only keeps and counts. A separate port ([`DagdelenRead`] / [`DagdelenWrite`], supertraits of
//! `StoreRead` / `Store`) so it can grow without touching the big traits.

use super::{Actor, StoreResult};
use async_trait::async_trait;
use koers_core::calendar::Date;
use koers_core::dagdelen::{BudgetDecisionId, TimeEntryId};
use koers_core::ids::{ExpertId, SchoolId, TrajectoryId, UserId};
use koers_core::money::StatementReference;
use koers_core::plan::{ActivityType, MeasureId};
use serde::{Deserialize, Serialize};

/// A dagdelen entry to write (checked by the app with `koers_core::dagdelen::check_entry`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTimeEntry {
    pub trajectory_id: TrajectoryId,
    pub expert_id: ExpertId,
    pub date: Date,
    pub dagdelen: u32,
    /// A measure of the trajectory's plan van aanpak, when the time belongs to one.
    pub measure_id: Option<MeasureId>,
    pub activity: ActivityType,
    pub note: String,
    /// The dagdelen the app saw logged for the trajectory when it checked the budget: the store
    /// writes only when that is still the sum (else [`super::StoreError::Conflict`] with
    /// expected = this, actual = the sum), so two entries at once cannot pass the budget.
    pub expected_spent: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeEntryRecord {
    pub id: TimeEntryId,
    pub trajectory_id: TrajectoryId,
    pub expert_id: ExpertId,
    pub date: Date,
    pub dagdelen: u32,
    pub measure_id: Option<MeasureId>,
    pub activity: ActivityType,
    pub note: String,
    pub recorded_by: Option<UserId>,
    pub recorded_at: i64,
}

impl TimeEntryRecord {
    /// The entry as the pure rules read it.
    pub fn to_core(&self) -> koers_core::dagdelen::TimeEntry {
        koers_core::dagdelen::TimeEntry {
            trajectory: self.trajectory_id,
            expert: self.expert_id,
            date: self.date,
            dagdelen: self.dagdelen,
            measure: self.measure_id,
            activity: self.activity,
            note: self.note.clone(),
        }
    }
}

/// A staff decision to set a trajectory's budget (checked by the app with
/// `koers_core::dagdelen::TrajectoryBudget`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewBudgetDecision {
    pub trajectory_id: TrajectoryId,
    /// The new total budget in dagdelen.
    pub dagdelen: u32,
    pub reason: String,
    pub decided_on: Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetDecisionRecord {
    pub id: BudgetDecisionId,
    pub trajectory_id: TrajectoryId,
    pub dagdelen: u32,
    pub reason: String,
    pub decided_by: Option<UserId>,
    pub decided_on: Date,
    pub decided_at: i64,
}

/// A kostenoverzicht that has its kenmerk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedStatement {
    pub reference: StatementReference,
    pub school_id: SchoolId,
    pub from: Date,
    pub to: Date,
    pub issued_by: Option<UserId>,
    pub issued_at: i64,
}

#[async_trait]
pub trait DagdelenRead: Send + Sync {
    /// The trajectory's log, oldest date first (then in order of logging).
    async fn time_entries_of_trajectory(&self, trajectory: TrajectoryId) -> StoreResult<Vec<TimeEntryRecord>>;
    /// The expert's entries dated `from`…`to` (both included), oldest first.
    async fn time_entries_of_expert(&self, expert: ExpertId, from: Date, to: Date)
    -> StoreResult<Vec<TimeEntryRecord>>;
    /// The entries of every trajectory of `school` dated `from`…`to`, oldest first.
    async fn time_entries_of_school(&self, school: SchoolId, from: Date, to: Date)
    -> StoreResult<Vec<TimeEntryRecord>>;
    /// Every entry dated `from`…`to` (an expert's capacity per school year, for all experts).
    async fn time_entries_between(&self, from: Date, to: Date) -> StoreResult<Vec<TimeEntryRecord>>;
    /// The trajectory's budget decisions, newest first (the first is in force).
    async fn budget_decisions(&self, trajectory: TrajectoryId) -> StoreResult<Vec<BudgetDecisionRecord>>;
    /// The kenmerk issued for exactly this school and period, if any.
    async fn issued_statement(&self, school: SchoolId, from: Date, to: Date) -> StoreResult<Option<IssuedStatement>>;
}

#[async_trait]
pub trait DagdelenWrite: Send + Sync {
    /// Log an entry (see [`NewTimeEntry::expected_spent`]); audited as `time_logged` on the
    /// trajectory.
    async fn log_time(&self, entry: &NewTimeEntry, actor: &Actor, now: i64) -> StoreResult<TimeEntryRecord>;
    /// Record a budget decision; audited as `budget_decision` on the trajectory with the reason.
    async fn record_budget_decision(
        &self,
        decision: &NewBudgetDecision,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<BudgetDecisionRecord>;
    /// Give the kostenoverzicht of `school` over `from`…`to` its kenmerk: the next number of
    /// the year of `now` (gap-free, unique under concurrency). Issuing the same school and
    /// period again returns the kenmerk it already has. Audited as `statement_issued`.
    async fn issue_statement(
        &self,
        school: SchoolId,
        from: Date,
        to: Date,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<IssuedStatement>;
}
