//! Dagdelen — the expert's time (TRAJECTORY §6, issue 10 item 7). A dagdeel is half a working
//! day; time is logged in whole dagdelen.
//!
//! - [`TimeEntry`]: one logged piece of work (trajectory, expert, date, whole dagdelen ≥ 1, the
//!   measure it belongs to if any, [`ActivityType`], note), read from a form with
//!   [`parse_dagdelen`] and checked with [`check_entry`] (Dutch errors naming the field: negative,
//!   zero, fractional such as `1,5`, a date before the start or in the future beyond the plan's
//!   end, a school measure, past the budget).
//! - [`budget`]: the trajectory's budget from the programme (NPO: blocks of 8, at most 2; more
//!   only by a recorded staff decision with a reason — [`BudgetOverride`]); an assignment or plan
//!   that asks more than the budget is refused.
//! - [`mod@usage`]: planned vs spent per measure and per trajectory; an expert's capacity per school
//!   year from the log.
//! - [`timesheet`]: the expert's time sheet per month.
//!
//! The money side (rates, co-financing, the kostenoverzicht) is in [`crate::money`].

pub mod budget;
#[cfg(test)]
mod tests;
pub mod timesheet;
pub mod usage;

pub use budget::{BudgetError, BudgetOverride, TrajectoryBudget};
pub use timesheet::{Month, TimeSheet, TimeSheetRow, TrajectoryLabel, time_sheet};
pub use usage::{Capacity, MeasureUsage, Usage, capacity, committed, usage};

use crate::calendar::Date;
use crate::ids::{ExpertId, TrajectoryId};
use crate::plan::{ActivityType, MeasureId, Plan};
use serde::{Deserialize, Serialize};

crate::id_type!(
    /// One logged entry of the dagdelen log (the store's row id).
    TimeEntryId
);
crate::id_type!(
    /// A staff decision on a trajectory's budget (the store's row id).
    BudgetDecisionId
);

/// Most dagdelen in one entry (five full days); more is almost certainly a typing error.
pub const MAX_PER_ENTRY: u32 = 10;
/// Longest note.
pub const MAX_NOTE: usize = 1_000;

/// One logged piece of the expert's work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeEntry {
    pub trajectory: TrajectoryId,
    pub expert: ExpertId,
    pub date: Date,
    /// Whole dagdelen, at least 1.
    pub dagdelen: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<MeasureId>,
    pub activity: ActivityType,
    #[serde(default)]
    pub note: String,
}

/// Why a dagdelen entry is refused; the text names the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum DagdelenError {
    #[error("dagdelen: vul het aantal dagdelen in (een dagdeel is een halve dag)")]
    Empty,
    #[error("dagdelen: '{text}' is geen aantal; schrijf een heel getal, bijvoorbeeld 2")]
    NotANumber { text: String },
    #[error("dagdelen: '{text}' is negatief; schrijf hoeveel dagdelen er gewerkt zijn")]
    Negative { text: String },
    #[error("dagdelen: 0 dagdelen hoeft niet geschreven te worden; het minimum is 1")]
    Zero,
    #[error(
        "dagdelen: '{text}' is geen heel aantal; een dagdeel is een halve dag, schrijf hele dagdelen (bijvoorbeeld 2 in plaats van 1,5)"
    )]
    Fractional { text: String },
    #[error("dagdelen: {dagdelen} in één keer is te veel (hooguit {max}); schrijf per dag of per activiteit")]
    TooManyAtOnce { dagdelen: u32, max: u32 },
    #[error("datum: {date} ligt vóór de start van het traject ({start})")]
    BeforeStart { date: String, start: String },
    #[error("datum: {date} ligt in de toekomst en na het einde van het plan ({end})")]
    BeyondPlanEnd { date: String, end: String },
    #[error("datum: {date} ligt in de toekomst; er is nog geen plan met een einddatum")]
    FutureWithoutPlan { date: String },
    #[error("maatregel: {0} staat niet in het plan")]
    UnknownMeasure(i64),
    #[error(
        "maatregel: '{what}' is een maatregel van de school; schrijf de tijd bij een maatregel van de expert of zonder maatregel"
    )]
    SchoolMeasure { what: String },
    #[error(
        "dagdelen: het budget is {limit} dagdelen en er zijn er al {spent} geschreven; {adding} erbij is {over} te veel"
    )]
    OverBudget { limit: u32, spent: u32, adding: u32, over: u32 },
    #[error("toelichting: te lang ({length} tekens; hooguit {max})")]
    NoteTooLong { length: usize, max: usize },
}

impl DagdelenError {
    /// The form field at fault.
    pub fn field(&self) -> &'static str {
        use DagdelenError::*;
        match self {
            Empty
            | NotANumber { .. }
            | Negative { .. }
            | Zero
            | Fractional { .. }
            | TooManyAtOnce { .. }
            | OverBudget { .. } => "dagdelen",
            BeforeStart { .. } | BeyondPlanEnd { .. } | FutureWithoutPlan { .. } => "date",
            UnknownMeasure(_) | SchoolMeasure { .. } => "measure",
            NoteTooLong { .. } => "note",
        }
    }
}

/// Read a number of dagdelen as typed: `2`, ` 3 `. Refuses empty, negative, zero and fractional
/// input (`1,5`, `1.5`, `½`) with a Dutch message saying why.
pub fn parse_dagdelen(text: &str) -> Result<u32, DagdelenError> {
    let t = text.trim();
    let shown = || t.chars().take(20).collect::<String>();
    if t.is_empty() {
        return Err(DagdelenError::Empty);
    }
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, ',' | '.' | '½');
    if !body.chars().all(allowed) || !body.chars().any(|c| c.is_ascii_digit() || c == '½') {
        return Err(DagdelenError::NotANumber { text: shown() });
    }
    let mut parts = body.split([',', '.']);
    let int_part = parts.next().unwrap_or_default();
    let fraction = parts.next();
    if parts.next().is_some() {
        return Err(DagdelenError::NotANumber { text: shown() });
    }
    let zeros = |f: &str| f.bytes().all(|b| b == b'0');
    if fraction.is_some_and(|f| f.len() > 2 && zeros(f)) {
        // `1.000` reads as a thousand in Dutch: ambiguous, so refused rather than misread.
        return Err(DagdelenError::NotANumber { text: shown() });
    }
    let zero_fraction = fraction.is_none_or(zeros);
    if body.contains('½') || !zero_fraction || int_part.is_empty() {
        return Err(if negative {
            DagdelenError::Negative { text: shown() }
        } else {
            DagdelenError::Fractional { text: shown() }
        });
    }
    let n: u64 = int_part.parse().unwrap_or(u64::MAX);
    if n == 0 {
        return Err(DagdelenError::Zero);
    }
    if negative {
        return Err(DagdelenError::Negative { text: shown() });
    }
    match u32::try_from(n) {
        Ok(n) if n <= MAX_PER_ENTRY => Ok(n),
        _ => Err(DagdelenError::TooManyAtOnce { dagdelen: u32::try_from(n).unwrap_or(u32::MAX), max: MAX_PER_ENTRY }),
    }
}

/// What [`check_entry`] needs besides the entry.
#[derive(Debug, Clone, Copy)]
pub struct LogContext<'a> {
    pub today: Date,
    pub trajectory_start: Date,
    /// The plan in force (for the measure and the plan's end), if there is one.
    pub plan: Option<&'a Plan>,
    /// The trajectory's budget limit (with any override); `None` when the programme has none.
    pub limit: Option<u32>,
    /// Dagdelen already logged for the trajectory.
    pub spent: u32,
}

/// May `entry` be logged? A future date is allowed up to the plan's end (time the expert already
/// knows, such as a scheduled studiedag), never beyond it, and never without a plan.
pub fn check_entry(entry: &TimeEntry, ctx: &LogContext<'_>) -> Result<(), DagdelenError> {
    if entry.dagdelen == 0 {
        return Err(DagdelenError::Zero);
    }
    if entry.dagdelen > MAX_PER_ENTRY {
        return Err(DagdelenError::TooManyAtOnce { dagdelen: entry.dagdelen, max: MAX_PER_ENTRY });
    }
    if entry.date < ctx.trajectory_start {
        return Err(DagdelenError::BeforeStart { date: entry.date.nl(), start: ctx.trajectory_start.nl() });
    }
    if entry.date > ctx.today {
        match ctx.plan.and_then(Plan::period) {
            None => return Err(DagdelenError::FutureWithoutPlan { date: entry.date.nl() }),
            Some((_, end)) if entry.date > end => {
                return Err(DagdelenError::BeyondPlanEnd { date: entry.date.nl(), end: end.nl() });
            }
            Some(_) => {}
        }
    }
    if let Some(id) = entry.measure {
        let m = ctx.plan.and_then(|p| p.measure(id)).ok_or(DagdelenError::UnknownMeasure(id.get()))?;
        if !m.owner.is_expert() {
            return Err(DagdelenError::SchoolMeasure { what: m.what.chars().take(60).collect() });
        }
    }
    if let Some(limit) = ctx.limit {
        let total = ctx.spent.saturating_add(entry.dagdelen);
        if total > limit {
            let (spent, adding, over) = (ctx.spent, entry.dagdelen, total - limit);
            return Err(DagdelenError::OverBudget { limit, spent, adding, over });
        }
    }
    let length = entry.note.chars().count();
    if length > MAX_NOTE {
        return Err(DagdelenError::NoteTooLong { length, max: MAX_NOTE });
    }
    Ok(())
}
