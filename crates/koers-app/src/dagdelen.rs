//! Dagdelen (issue 10 §7, TRAJECTORY §6): the expert logs time on their own trajectories, staff
//! decide on a trajectory's budget with a reason, and everyone who may see the trajectory sees
//! planned vs spent. The rules are `koers_core::dagdelen`; this module loads, checks who may do
//! what, and writes through the store (audited in the write's transaction).
//!
//! - [`case`]: a trajectory's dagdelen page (budget, usage per measure, the log, decisions, the
//!   cost so far) with what the viewer may do.
//! - [`log`]: the assigned expert logs an entry; refused with a Dutch message naming the field
//!   (negative, fractional, before the start, in the future beyond the plan, past the budget).
//! - [`decide`]: programme staff set the budget (whole blocks up to the programme's maximum,
//!   more only when the programme allows it), always with a reason.
//! - [`money`]: the kostenoverzicht per school and period (with its kenmerk) and the expert's
//!   time sheet per month.
//! - [`budget_of`]: the budget in force from the programme, the trajectory's planned dagdelen
//!   and the newest decision.
//!
//! The plan van aanpak is read through [`plan_of`]: the vastgestelde version in force gives the
//! planned dagdelen per measure, the measures an entry may name and the plan's end (a future date
//! is allowed up to it). Without a vastgestelde version there is no plan: entries carry no
//! measure and a future date is refused.

pub mod money;

use crate::error::{Error, Result};
use crate::store::{
    Actor, BudgetDecisionRecord, NewBudgetDecision, NewTimeEntry, Store, StoreError, StoreRead, TimeEntryRecord,
    TrajectoryRecord,
};
use koers_core::access::{Principal, SchoolRef, may_see_case};
use koers_core::calendar::Date;
use koers_core::dagdelen::{
    BudgetError, DagdelenError, LogContext, TimeEntry, TrajectoryBudget, Usage, check_entry, parse_dagdelen, usage,
};
use koers_core::ids::{TrajectoryId, UserId};
use koers_core::money::{CostSplit, Funding};
use koers_core::plan::{ActivityType, MeasureId, Plan, PlanHistory};
use koers_core::programme::{DagdelenBudget, ProgrammeRules};

/// What the viewer may do on a trajectory's dagdelen page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rights {
    /// The assigned expert, while the trajectory runs.
    pub log: bool,
    /// Staff of the trajectory's programme, or a beheerder.
    pub decide: bool,
}

/// A trajectory's dagdelen as its page shows them.
#[derive(Debug, Clone)]
pub struct DagdelenCase {
    pub trajectory: TrajectoryRecord,
    pub programme_name: String,
    pub funding: Funding,
    /// The programme's budget rule (`None`: the programme has no cap).
    pub rule: Option<DagdelenBudget>,
    /// The budget in force (`None` without a cap).
    pub budget: Option<TrajectoryBudget>,
    pub usage: Usage,
    /// The log, oldest first.
    pub entries: Vec<TimeEntryRecord>,
    /// Newest first; the first is in force.
    pub decisions: Vec<BudgetDecisionRecord>,
    /// What the logged dagdelen cost and who pays what (all zero when subsidised).
    pub cost: CostSplit,
    pub rights: Rights,
}

/// The log form as typed (everything text, so nothing is lost when it is refused).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogInput {
    /// `2026-01-15` or `15-01-2026`.
    pub date: String,
    pub dagdelen: String,
    /// A measure id of the plan, or empty.
    pub measure: String,
    /// An [`ActivityType`] code (`studiedag`), see [`activity_code`].
    pub activity: String,
    pub note: String,
}

/// The staff budget form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BudgetInput {
    /// The new total budget in dagdelen.
    pub dagdelen: String,
    pub reason: String,
}

/// The code of an activity type in forms and the URL (`studiedag`, `coaching_leraren`); the NPO
/// interventions are school measures and are not logged as expert time.
pub fn activity_code(a: ActivityType) -> String {
    serde_json::to_value(a).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The activity types an expert can log, in pick-list order.
pub fn loggable_activities() -> Vec<ActivityType> {
    ActivityType::ALL.to_vec()
}

fn parse_activity(code: &str) -> Option<ActivityType> {
    loggable_activities().into_iter().find(|a| activity_code(*a) == code.trim())
}

/// The budget in force: the newest decision when there is one, else the blocks that cover the
/// trajectory's planned dagdelen (at least one block, at most the programme's maximum).
pub fn budget_of(
    rule: Option<DagdelenBudget>,
    planned: i64,
    decisions: &[BudgetDecisionRecord],
) -> Option<TrajectoryBudget> {
    let rule = rule?;
    let planned = u32::try_from(planned.max(0)).unwrap_or(u32::MAX);
    let base = TrajectoryBudget::for_dagdelen(rule, planned)
        .or_else(|_| TrajectoryBudget::grant(rule, rule.max_blocks))
        .ok()?;
    let Some(d) = decisions.first() else { return Some(base) };
    if d.dagdelen <= rule.max_dagdelen() {
        let blocks = d.dagdelen.div_ceil(rule.per_block.max(1)).max(1);
        return TrajectoryBudget::grant(rule, blocks).ok().or(Some(base));
    }
    let full = TrajectoryBudget::grant(rule, rule.max_blocks).ok()?;
    let decided_by = d.decided_by.unwrap_or(UserId::new(0));
    Some(full.with_override(rule, d.dagdelen, &d.reason, decided_by, d.decided_on).unwrap_or_else(|_| {
        TrajectoryBudget {
            decision: Some(koers_core::dagdelen::BudgetOverride {
                dagdelen: d.dagdelen,
                reason: d.reason.clone(),
                decided_by,
                decided_on: d.decided_on,
            }),
            ..full
        }
    }))
}

/// The plan in force for the trajectory: the plan of its latest vastgestelde version (measures
/// with their planned dagdelen, the plan's end). `None` while no plan was started or none of its
/// versions is vastgesteld yet (a concept plans nothing).
pub async fn plan_of(store: &dyn StoreRead, trajectory: TrajectoryId) -> Result<Option<Plan>> {
    let record = match store.plan_of_trajectory(trajectory).await {
        Ok(r) => r,
        Err(StoreError::NotFound) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    Ok(PlanHistory::from_versions(record.versions).and_then(|h| h.in_force().map(|v| v.plan.clone())))
}

/// Is `who` the expert assigned to `t`?
async fn is_assigned_expert(store: &dyn StoreRead, who: &Principal, t: &TrajectoryRecord) -> Result<bool> {
    match store.expert_by_user(who.user_id).await {
        Ok(e) => Ok(e.id == t.expert_id),
        Err(StoreError::NotFound) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// May `who` see trajectory `t` (and so its dagdelen)? The assigned expert, the staff of its
/// programme, beheerders, the school's leader and its board ([`may_see_case`]).
pub async fn may_see(store: &dyn StoreRead, who: &Principal, t: &TrajectoryRecord) -> Result<bool> {
    let school = match t.school_id {
        Some(id) => match store.school(id).await {
            Ok(s) => Some(SchoolRef { id, board_number: s.board_number }),
            Err(StoreError::NotFound) => Some(SchoolRef { id, board_number: t.board_number }),
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    if may_see_case(who, &t.programme_id, school, t.board_number) {
        return Ok(true);
    }
    is_assigned_expert(store, who, t).await
}

async fn rights(store: &dyn StoreRead, who: &Principal, t: &TrajectoryRecord) -> Result<Rights> {
    Ok(Rights {
        log: t.active && is_assigned_expert(store, who, t).await?,
        decide: who.may_see_programme(&t.programme_id),
    })
}

fn to_u32(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

/// A trajectory's dagdelen page for `who`; [`Error::Forbidden`] for anyone who may not see it.
pub async fn case(
    store: &dyn StoreRead,
    programmes: &crate::programmes::Programmes,
    who: &Principal,
    id: TrajectoryId,
) -> Result<DagdelenCase> {
    let t = store.trajectory(id).await?;
    if !may_see(store, who, &t).await? {
        return Err(Error::Forbidden);
    }
    let rights = rights(store, who, &t).await?;
    load(store, programmes, t, rights).await
}

async fn load(
    store: &dyn StoreRead,
    programmes: &crate::programmes::Programmes,
    t: TrajectoryRecord,
    rights: Rights,
) -> Result<DagdelenCase> {
    let programme = programmes.get(&t.programme_id);
    let rule = programme.and_then(|p| p.dagdelen);
    let funding = programme.map_or(Funding::Subsidised, ProgrammeRules::funding);
    let id = t.id;
    let entries = store.time_entries_of_trajectory(id).await?;
    let decisions = store.budget_decisions(id).await?;
    let budget = budget_of(rule, t.dagdelen_planned, &decisions);
    let plan = plan_of(store, id).await?;
    let core: Vec<TimeEntry> = entries.iter().map(TimeEntryRecord::to_core).collect();
    let usage = usage(plan.as_ref(), &core, budget.as_ref().map(TrajectoryBudget::limit));
    let cost = funding.split(usage.spent);
    Ok(DagdelenCase {
        programme_name: programmes.name(&t.programme_id),
        trajectory: t,
        funding,
        rule,
        budget,
        usage,
        entries,
        decisions,
        cost,
        rights,
    })
}

fn field_error(e: &DagdelenError) -> Error {
    Error::field(e.field(), e.to_string())
}

/// The assigned expert logs time on their own running trajectory. Everything is checked
/// (`koers_core::dagdelen::check_entry`) against today, the plan and the budget; the store writes
/// only if nobody logged on the trajectory in between (else the check runs again once).
pub async fn log(
    store: &dyn Store,
    programmes: &crate::programmes::Programmes,
    who: &Principal,
    id: TrajectoryId,
    input: &LogInput,
    actor: &Actor,
    now: i64,
) -> Result<TimeEntryRecord> {
    let t = store.trajectory(id).await?;
    if !may_see(store, who, &t).await? {
        return Err(Error::Forbidden);
    }
    if !rights(store, who, &t).await?.log {
        return Err(if t.active {
            Error::Forbidden
        } else {
            Error::field("traject", "dit traject is beëindigd; er kunnen geen dagdelen meer bij")
        });
    }
    let date = Date::parse(&input.date).map_err(|e| Error::field("date", format!("datum: {e}")))?;
    let dagdelen = parse_dagdelen(&input.dagdelen).map_err(|e| field_error(&e))?;
    let measure = match input.measure.trim() {
        "" => None,
        m => Some(MeasureId::new(
            m.parse::<i64>().map_err(|_| Error::field("measure", format!("maatregel: '{m}' is geen maatregel")))?,
        )),
    };
    let activity = parse_activity(&input.activity)
        .ok_or_else(|| Error::field("activity", "activiteit: kies het soort werk uit de lijst"))?;
    let entry = TimeEntry {
        trajectory: id,
        expert: t.expert_id,
        date,
        dagdelen,
        measure,
        activity,
        note: input.note.trim().to_owned(),
    };
    let mut attempt = 0;
    loop {
        let c = load(store, programmes, t.clone(), Rights::default()).await?;
        let plan = plan_of(store, id).await?;
        let ctx = LogContext {
            today: Date::of_instant(now),
            trajectory_start: Date::of_instant(t.created_at),
            plan: plan.as_ref(),
            limit: c.budget.as_ref().map(TrajectoryBudget::limit),
            spent: c.usage.spent,
        };
        check_entry(&entry, &ctx).map_err(|e| field_error(&e))?;
        let write = NewTimeEntry {
            trajectory_id: id,
            expert_id: entry.expert,
            date,
            dagdelen,
            measure_id: measure,
            activity,
            note: entry.note.clone(),
            expected_spent: c.usage.spent,
        };
        match store.log_time(&write, actor, now).await {
            Err(StoreError::Conflict { .. }) if attempt == 0 => attempt += 1,
            other => return Ok(other?),
        }
    }
}

fn budget_error(e: &BudgetError) -> Error {
    let field = match e {
        BudgetError::ReasonTooShort { .. } | BudgetError::ReasonTooLong { .. } => "reason",
        _ => "dagdelen",
    };
    Error::field(field, e.to_string())
}

/// Staff of the trajectory's programme (or a beheerder) set its budget to `input.dagdelen` in
/// total, with a reason: whole blocks up to the programme's maximum; more only when the
/// programme allows a decision above it. Never below what is already logged.
pub async fn decide(
    store: &dyn Store,
    programmes: &crate::programmes::Programmes,
    who: &Principal,
    id: TrajectoryId,
    input: &BudgetInput,
    actor: &Actor,
    now: i64,
) -> Result<BudgetDecisionRecord> {
    let t = store.trajectory(id).await?;
    if !who.may_see_programme(&t.programme_id) {
        return Err(if may_see(store, who, &t).await? { Error::Forbidden } else { Error::NotFound });
    }
    let c = load(store, programmes, t, Rights::default()).await?;
    let Some((rule, current)) = c.rule.zip(c.budget.clone()) else {
        return Err(Error::field("dagdelen", "dit programma kent geen budget in dagdelen"));
    };
    let asked = parse_dagdelen_total(&input.dagdelen)?;
    let today = Date::of_instant(now);
    let checked = if asked <= rule.max_dagdelen() {
        if asked % rule.per_block.max(1) != 0 {
            return Err(Error::field(
                "dagdelen",
                format!(
                    "dagdelen: het budget gaat in blokken van {} (kies {}); meer dan {} kan alleen met een besluit boven het maximum",
                    rule.per_block,
                    (1..=rule.max_blocks).map(|b| (b * rule.per_block).to_string()).collect::<Vec<_>>().join(" of "),
                    rule.max_dagdelen()
                ),
            ));
        }
        TrajectoryBudget::grant(rule, asked / rule.per_block.max(1)).map_err(|e| budget_error(&e))?;
        check_reason(&input.reason)?
    } else {
        let raised =
            current.with_override(rule, asked, &input.reason, who.user_id, today).map_err(|e| budget_error(&e))?;
        raised.decision.map(|d| d.reason).unwrap_or_default()
    };
    if asked < c.usage.spent {
        return Err(Error::field(
            "dagdelen",
            format!("dagdelen: er zijn al {} dagdelen geschreven; het budget kan niet lager", c.usage.spent),
        ));
    }
    let decision = NewBudgetDecision { trajectory_id: id, dagdelen: asked, reason: checked, decided_on: today };
    Ok(store.record_budget_decision(&decision, actor, now).await?)
}

fn parse_dagdelen_total(text: &str) -> Result<u32> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Error::field("dagdelen", "dagdelen: vul het nieuwe budget in dagdelen in"));
    }
    match t.parse::<i64>() {
        Ok(n) if n >= 1 => Ok(to_u32(n)),
        Ok(_) => Err(Error::field("dagdelen", format!("dagdelen: '{t}' is geen budget; het minimum is 1"))),
        Err(_) => Err(Error::field("dagdelen", format!("dagdelen: '{t}' is geen heel aantal dagdelen"))),
    }
}

fn check_reason(reason: &str) -> Result<String> {
    use koers_core::dagdelen::budget::{MAX_REASON, MIN_REASON};
    let r = reason.trim();
    let length = r.chars().count();
    if length < MIN_REASON {
        return Err(budget_error(&BudgetError::ReasonTooShort { min: MIN_REASON }));
    }
    if length > MAX_REASON {
        return Err(budget_error(&BudgetError::ReasonTooLong { length, max: MAX_REASON }));
    }
    Ok(r.to_owned())
}

/// Refuse an assignment that asks more dagdelen than the programme's budget allows (NPO: at
/// most 2 × 8); more is possible only later, by a staff decision with a reason.
pub fn check_assignment(programme: &ProgrammeRules, dagdelen_needed: u32) -> Result<()> {
    match programme.dagdelen {
        Some(rule) => TrajectoryBudget::for_dagdelen(rule, dagdelen_needed).map(|_| ()).map_err(|e| budget_error(&e)),
        None => Ok(()),
    }
}
