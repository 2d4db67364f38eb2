//! [`App`]'s dagdelen and money use cases (issue 10 §7–8), implemented in [`crate::dagdelen`].

use super::App;
use crate::dagdelen::money::{CostOverview, TimeSheetView};
use crate::dagdelen::{BudgetInput, DagdelenCase, LogInput};
use crate::error::Result;
use crate::store::{Actor, BudgetDecisionRecord, IssuedStatement, TimeEntryRecord, TrajectoryFilter};
use koers_core::access::Principal;
use koers_core::calendar::Date;
use koers_core::dagdelen::{Capacity, Month, TimeEntry, capacity};
use koers_core::ids::{ExpertId, SchoolId, TrajectoryId, UserId};
use koers_core::money::Period;

impl App {
    /// A trajectory's dagdelen page for `who` (`Forbidden` for anyone who may not see it).
    pub async fn dagdelen_case(&self, who: &Principal, id: TrajectoryId) -> Result<DagdelenCase> {
        let programmes = self.programmes_in_force().await?;
        crate::dagdelen::case(self.read(), &programmes, who, id).await
    }

    /// The assigned expert logs time (checked; audited).
    pub async fn log_dagdelen(
        &self,
        who: &Principal,
        id: TrajectoryId,
        input: &LogInput,
        actor: &Actor,
        now: i64,
    ) -> Result<TimeEntryRecord> {
        let programmes = self.programmes_in_force().await?;
        crate::dagdelen::log(self.store.as_ref(), &programmes, who, id, input, actor, now).await
    }

    /// Programme staff set a trajectory's budget with a reason (audited).
    pub async fn decide_budget(
        &self,
        who: &Principal,
        id: TrajectoryId,
        input: &BudgetInput,
        actor: &Actor,
        now: i64,
    ) -> Result<BudgetDecisionRecord> {
        let programmes = self.programmes_in_force().await?;
        crate::dagdelen::decide(self.store.as_ref(), &programmes, who, id, input, actor, now).await
    }

    /// The kostenoverzicht of a school over a period, as `who` may see it.
    pub async fn cost_overview(&self, who: &Principal, school: SchoolId, period: Period) -> Result<CostOverview> {
        let programmes = self.programmes_in_force().await?;
        crate::dagdelen::money::overview(self.read(), &programmes, who, school, period).await
    }

    /// Give a kostenoverzicht its kenmerk (staff; audited; the same kenmerk when issued before).
    pub async fn issue_cost_statement(
        &self,
        who: &Principal,
        school: SchoolId,
        period: Period,
        actor: &Actor,
        now: i64,
    ) -> Result<IssuedStatement> {
        let programmes = self.programmes_in_force().await?;
        crate::dagdelen::money::issue(self.store.as_ref(), &programmes, who, school, period, actor, now).await
    }

    /// An expert's time sheet for a month, as `who` may see it.
    pub async fn time_sheet(&self, who: &Principal, expert: ExpertId, month: Month) -> Result<TimeSheetView> {
        let programmes = self.programmes_in_force().await?;
        crate::dagdelen::money::sheet(self.read(), &programmes, who, expert, month).await
    }

    /// An expert's dagdelen in the school year of `today`, from the log, against their capacity.
    pub async fn expert_capacity(&self, expert: ExpertId, today: Date) -> Result<Capacity> {
        let e = self.read().expert(expert).await?;
        let year = today.school_year();
        let entries: Vec<TimeEntry> = self
            .read()
            .time_entries_of_expert(expert, year.first_day(), year.last_day())
            .await?
            .iter()
            .map(TimeEntryRecord::to_core)
            .collect();
        let cap = u32::try_from(e.capacity_dagdelen.max(0)).unwrap_or(u32::MAX);
        Ok(capacity(expert, year, cap, &entries))
    }

    /// The expert behind a login, if any (their home links to their time sheet).
    pub async fn expert_of_user(&self, user_id: UserId) -> Result<Option<ExpertId>> {
        match self.read().expert_by_user(user_id).await {
            Ok(e) => Ok(Some(e.id)),
            Err(crate::store::StoreError::NotFound) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The trajectories of a school (for its page's links), newest first as the store lists them.
    pub async fn trajectories_of_school(&self, school: SchoolId) -> Result<Vec<crate::store::TrajectoryRecord>> {
        let filter = TrajectoryFilter { school_id: Some(school), ..Default::default() };
        Ok(self.read().list_trajectories(&filter).await?)
    }
}
