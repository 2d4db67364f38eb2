//! Voortgang, reviews and "op koers?" of a trajectory (issue 9 items 1–4 and 6, TRAJECTORY §4)
//! — the use cases over the pure rules of `koers_core::progress`, `koers_core::review` and
//! `koers_core::op_koers`:
//! - [`case`]: everything a page, the API or a report needs about a trajectory after its plan
//!   ([`VoortgangCase`]: the plan in force, measure statuses, indicator series, activities, the
//!   six-steps timeline, reviews and the op-koers assessment) — `Forbidden` for anyone who may
//!   not see the trajectory (the plan's rule, [`crate::plans::access`]);
//! - [`record`]: status updates, measurements, step-5 activities and the timeline (checked by
//!   core, with the field named; audited in the write's transaction);
//! - [`reviews`]: plan a review, the team (external people without an account; an invitation
//!   link), findings per standard of the review format, recommendations, the school's response;
//! - [`course`]: op koers for lists (homes, staff dashboard, board view) and the weekly digest;
//! - [`learning`]: the programme-level view per measure activity type;
//! - [`register`]: new yearly register results into results indicators.
//!
//! "Today" is passed in (the web's clock, fixed in tests with `koers serve --vandaag`).

pub mod course;
pub mod learning;
pub mod record;
pub mod register;
pub mod reviews;

use crate::error::{Error, Result};
use crate::plans::{self, PlanCase};
use crate::programmes::Programmes;
use crate::store::{ReviewRecord, StoreError, StoreRead, TimeEntryRecord, TrajectoryRecord, Voortgang};
use koers_core::access::Principal;
use koers_core::calendar::Date;
use koers_core::ids::{TrajectoryId, UserId};
use koers_core::op_koers::{Assessment, OpKoersSettings, Snapshot, assess};
use koers_core::plan::{Measure, PlanHistory, PlanVersion};
use koers_core::progress::{
    IndicatorSeries, MeasureStatus, StatusUpdate, Step, StepOverview, StepTimeline, indicator_series, measure_statuses,
};

/// What the reader may do with a trajectory's voortgang.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VoortgangRights {
    pub view: bool,
    /// Record status updates, measurements, activities and the timeline; plan and edit reviews
    /// and invite reviewers: the expert, the school's leader, staff of the programme (while the
    /// trajectory runs).
    pub record: bool,
    /// Write the school's response to a review: the school's leader or its board, staff.
    pub respond: bool,
}

/// One measure of the plan in force with its current status.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureRow {
    pub measure: Measure,
    pub status: MeasureStatus,
    pub last: Option<StatusUpdate>,
    /// Past its end date on `today` and not gereed or geschrapt.
    pub overdue: bool,
}

/// A trajectory's voortgang as one person sees it.
#[derive(Debug, Clone)]
pub struct VoortgangCase {
    pub plan_case: PlanCase,
    /// The day the trajectory started (its creation), the earliest date anything is recorded on.
    pub start: Date,
    pub today: Date,
    /// The version in force (the latest vastgestelde); `None` before the first sign-off.
    pub plan: Option<PlanVersion>,
    pub voortgang: Voortgang,
    pub reviews: Vec<ReviewRecord>,
    pub time_log: Vec<TimeEntryRecord>,
    pub settings: OpKoersSettings,
    pub snapshot: Snapshot,
    pub assessment: Assessment,
    pub rights: VoortgangRights,
}

impl VoortgangCase {
    pub fn trajectory(&self) -> &TrajectoryRecord {
        &self.plan_case.trajectory
    }

    /// Every measure of the plan in force with its status, in plan order.
    pub fn measures(&self) -> Vec<MeasureRow> {
        let Some(v) = &self.plan else { return vec![] };
        let updates = self.voortgang.status_updates();
        measure_statuses(&v.plan, &updates)
            .into_iter()
            .map(|(m, status, last)| MeasureRow {
                measure: m.clone(),
                status,
                last: last.cloned(),
                overdue: m.end < self.today && !status.is_closed(),
            })
            .collect()
    }

    /// Each indicator of the active goals with its line to the target and its measurements.
    pub fn series(&self) -> Vec<IndicatorSeries> {
        let Some(v) = &self.plan else { return vec![] };
        let ms = self.voortgang.measurement_values();
        v.plan.active_goals().flat_map(|g| g.indicators.iter()).map(|i| indicator_series(i, &ms)).collect()
    }

    /// The six-steps timeline (empty until a step is entered).
    pub fn timeline(&self) -> StepTimeline {
        self.voortgang.timeline.as_ref().map(|t| t.timeline.clone()).unwrap_or_default()
    }

    /// The timeline's version for the next save (0: none yet).
    pub fn timeline_version(&self) -> i64 {
        self.voortgang.timeline.as_ref().map_or(0, |t| t.version)
    }

    pub fn step_overview(&self) -> Vec<StepOverview> {
        self.timeline().overview(self.today)
    }

    /// Does this programme follow the VO six steps (procesbegeleiding: its phases are the steps)?
    pub fn has_six_steps(&self) -> bool {
        self.plan_case
            .programme
            .as_ref()
            .is_some_and(|p| p.phases.iter().any(|ph| Step::from_phase_id(&ph.id).is_some()))
    }
}

/// The day a trajectory started.
pub fn start_of(t: &TrajectoryRecord) -> Date {
    Date::of_instant(t.created_at)
}

pub(crate) fn optional<T>(r: std::result::Result<T, StoreError>) -> Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The rights on voortgang from the plan's rights.
pub fn rights_of(c: &PlanCase) -> VoortgangRights {
    let r = &c.rights;
    let staff_or_writer = r.edit;
    VoortgangRights {
        view: r.view,
        record: staff_or_writer,
        respond: c.trajectory.active && (!r.sign_as.is_empty() || r.move_phase),
    }
}

/// Load trajectory `id` with its voortgang for `principal` on `today`.
pub async fn case(
    store: &dyn StoreRead,
    programmes: &Programmes,
    principal: &Principal,
    user_id: Option<UserId>,
    id: TrajectoryId,
    today: Date,
) -> Result<VoortgangCase> {
    let plan_case = plans::case(store, programmes, principal, user_id, id).await?;
    load(store, plan_case, today).await
}

/// The same for a plan case already loaded (lists of trajectories load one per row).
pub async fn load(store: &dyn StoreRead, plan_case: PlanCase, today: Date) -> Result<VoortgangCase> {
    let id = plan_case.trajectory.id;
    let voortgang = store.voortgang_of_trajectory(id).await?;
    let reviews = store.reviews_of_trajectory(id).await?;
    let time_log = store.time_entries_of_trajectory(id).await?;
    let history = plan_case.history();
    let plan = history.as_ref().and_then(PlanHistory::in_force).cloned();
    let plan_vastgesteld =
        history.as_ref().and_then(|h| h.versions().iter().filter_map(PlanVersion::vastgesteld_on).min());
    let settings = plan_case.programme.as_ref().map(|p| p.op_koers).unwrap_or_default();
    let submitted =
        store.self_evaluations_of(id).await?.iter().filter_map(|s| s.submitted_at).min().map(Date::of_instant);
    let budget_limit = budget_limit(store, &plan_case).await?;
    let start = start_of(&plan_case.trajectory);
    let snapshot = Snapshot {
        trajectory_start: start,
        zelfevaluatie_submitted: submitted,
        plan: plan.as_ref().map(|v| v.plan.clone()),
        plan_vastgesteld,
        status_updates: voortgang.status_updates(),
        measurements: voortgang.measurement_values(),
        activities: voortgang.activity_entries(),
        time_log: time_log.iter().map(TimeEntryRecord::to_core).collect(),
        budget_limit,
        reviews: reviews.iter().map(|r| r.content.planned()).collect(),
    };
    let assessment = assess(&snapshot, today, &settings);
    let rights = rights_of(&plan_case);
    Ok(VoortgangCase {
        plan_case,
        start,
        today,
        plan,
        voortgang,
        reviews,
        time_log,
        settings,
        snapshot,
        assessment,
        rights,
    })
}

/// The dagdelen budget in force for the trajectory, when its programme has one.
async fn budget_limit(store: &dyn StoreRead, c: &PlanCase) -> Result<Option<u32>> {
    let rule = c.programme.as_ref().and_then(|p| p.dagdelen);
    if rule.is_none() {
        return Ok(None);
    }
    let decisions = store.budget_decisions(c.trajectory.id).await?;
    Ok(crate::dagdelen::budget_of(rule, c.trajectory.dagdelen_planned, &decisions).map(|b| b.limit()))
}

/// A core refusal as the use cases' error: the field and the Dutch message.
pub(crate) fn invalid(field: &str, detail: impl Into<String>) -> Error {
    Error::field(field, detail)
}

pub(crate) fn stale(e: StoreError) -> Error {
    match e {
        StoreError::Conflict { .. } => Error::Conflict { current: None },
        other => other.into(),
    }
}
