//! Recording voortgang (issue 9 item 1): a measure's status update, an indicator measurement, a
//! step-5 activity, and the six-steps timeline. Every input arrives as typed text (so a refused
//! form keeps what was typed), is checked by core against the plan in force, the trajectory's
//! start and today, and refused with [`Error::Invalid`] naming the field.

use super::{VoortgangCase, invalid, stale};
use crate::error::{Error, Result};
use crate::store::{ActivityRecord, Actor, MeasurementRecord, StatusUpdateRecord, StepTimelineRecord, Store};
use koers_core::calendar::Date;
use koers_core::ids::{TrajectoryId, UserId};
use koers_core::plan::{IndicatorId, MeasureId};
use koers_core::progress::{
    ActivityEntry, MeasureStatus, Measurement, MeasurementSource, ProgressError, StatusUpdate, Step, Step5Activity,
    check_activity, check_measurement, check_status_update,
};

/// The status form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusInput {
    pub measure: String,
    /// `gepland`, `loopt`, `gereed`, `vertraagd`, `geschrapt`.
    pub status: String,
    /// `2027-01-15` or `15-01-2027`; empty = today.
    pub date: String,
    pub note: String,
    /// The id of the latest status update the form saw (`versie`; empty: what is stored now).
    pub version: String,
}

/// The measurement form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeasurementInput {
    pub indicator: String,
    pub date: String,
    /// `62,5` or `62.5` (a percentage without the sign; ja/nee for yes/no indicators).
    pub value: String,
    pub source: String,
    pub note: String,
}

/// The activity form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityInput {
    /// A [`Step5Activity`] key (`voortgang-meten`).
    pub activity: String,
    pub date: String,
    pub with: String,
    pub note: String,
}

/// The timeline form as typed: enter a step, or mark one of its activities done.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepInput {
    /// A step's phase id (`aan-de-slag`).
    pub step: String,
    /// Empty: enter the step; else an activity key of the step to mark done.
    pub activity: String,
    pub date: String,
    pub note: String,
    /// The timeline's version as the form saw it.
    pub version: String,
}

fn progress_error(e: ProgressError) -> Error {
    invalid(e.field(), e.to_string())
}

/// A date as typed; empty = `today`.
pub fn parse_date(text: &str, today: Date) -> Result<Date> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(today);
    }
    Date::parse(t).map_err(|_| invalid("date", format!("datum: '{}' is geen datum (dd-mm-jjjj)", clip(t))))
}

fn clip(t: &str) -> String {
    t.chars().take(40).collect()
}

fn parse_id(text: &str, field: &str, field_nl: &str) -> Result<i64> {
    text.trim().parse::<i64>().map_err(|_| invalid(field, format!("{field_nl}: kies er een uit de lijst")))
}

fn writable(c: &VoortgangCase) -> Result<&koers_core::plan::Plan> {
    if !c.rights.record {
        return Err(Error::Forbidden);
    }
    c.plan.as_ref().map(|v| &v.plan).ok_or_else(|| {
        invalid("plan", "plan: voortgang volgt op een vastgesteld plan van aanpak; dit traject heeft er nog geen")
    })
}

fn by(actor: &Actor) -> Option<UserId> {
    actor.user_id
}

fn tid(c: &VoortgangCase) -> TrajectoryId {
    c.trajectory().id
}

/// Record a status update of one measure.
pub async fn status(
    store: &dyn Store,
    c: &VoortgangCase,
    input: &StatusInput,
    actor: &Actor,
    now: i64,
) -> Result<StatusUpdateRecord> {
    let plan = writable(c)?;
    let measure = MeasureId::new(parse_id(&input.measure, "measure", "maatregel")?);
    let status = MeasureStatus::ALL
        .into_iter()
        .find(|s| s.label_nl() == input.status.trim())
        .ok_or_else(|| invalid("status", "status: kies gepland, loopt, gereed, vertraagd of geschrapt"))?;
    let update = StatusUpdate {
        measure,
        date: parse_date(&input.date, c.today)?,
        status,
        note: input.note.trim().to_owned(),
        by: by(actor),
    };
    let earlier = c.voortgang.status_updates();
    check_status_update(&update, plan, &earlier, c.start, c.today).map_err(progress_error)?;
    // Two people updating the same measure from the same page: the second gets the conflict.
    let seen = input.version.trim().parse::<i64>().unwrap_or_else(|_| c.voortgang.last_update_id());
    store.record_status_update(tid(c), &update, seen, actor, now).await.map_err(stale)
}

/// Record one measurement of an indicator (by hand, with its source).
pub async fn measurement(
    store: &dyn Store,
    c: &VoortgangCase,
    input: &MeasurementInput,
    actor: &Actor,
    now: i64,
) -> Result<MeasurementRecord> {
    let plan = writable(c)?;
    let indicator = IndicatorId::new(parse_id(&input.indicator, "indicator", "indicator")?);
    let (_, ind) =
        plan.indicator(indicator).ok_or_else(|| progress_error(ProgressError::UnknownIndicator(indicator.get())))?;
    let value = ind.unit.parse_value(&input.value).map_err(|p| invalid("value", format!("waarde: {p}")))?;
    let m = Measurement {
        indicator,
        date: parse_date(&input.date, c.today)?,
        value,
        source: MeasurementSource::Handmatig { source: input.source.trim().to_owned() },
        note: input.note.trim().to_owned(),
    };
    check_measurement(&m, plan, c.start, c.today).map_err(progress_error)?;
    let mut written = store.record_measurements(tid(c), std::slice::from_ref(&m), "measurement", actor, now).await?;
    written.pop().ok_or(Error::NotFound)
}

/// Log a step-5 activity.
pub async fn activity(
    store: &dyn Store,
    c: &VoortgangCase,
    input: &ActivityInput,
    actor: &Actor,
    now: i64,
) -> Result<ActivityRecord> {
    if !c.rights.record {
        return Err(Error::Forbidden);
    }
    let activity = Step5Activity::from_key(&input.activity)
        .ok_or_else(|| invalid("activity", "activiteit: kies een activiteit uit de lijst"))?;
    let entry = ActivityEntry {
        activity,
        date: parse_date(&input.date, c.today)?,
        with: input.with.trim().to_owned(),
        note: input.note.trim().to_owned(),
        by: by(actor),
    };
    check_activity(&entry, c.start, c.today).map_err(progress_error)?;
    Ok(store.log_progress_activity(tid(c), &entry, actor, now).await?)
}

/// Enter a step of the six steps (non-linear: any step, also one visited before), or mark one
/// of a step's activities done.
pub async fn step(
    store: &dyn Store,
    c: &VoortgangCase,
    input: &StepInput,
    actor: &Actor,
    now: i64,
) -> Result<StepTimelineRecord> {
    if !c.rights.record {
        return Err(Error::Forbidden);
    }
    let step = Step::from_phase_id(&input.step).ok_or_else(|| invalid("step", "stap: kies een van de zes stappen"))?;
    let date = parse_date(&input.date, c.today)?;
    if date < c.start || date > c.today {
        let e = if date < c.start {
            ProgressError::BeforeStart { date: date.nl(), start: c.start.nl() }
        } else {
            ProgressError::InFuture { date: date.nl(), today: c.today.nl() }
        };
        return Err(progress_error(e));
    }
    let version = input.version.trim().parse::<i64>().unwrap_or_else(|_| c.timeline_version());
    let timeline = c.timeline();
    let (next, events) = if input.activity.trim().is_empty() {
        let (next, events) = timeline.enter(step, date, &input.note).map_err(progress_error)?;
        (next, serde_json::to_value(events).unwrap_or_default())
    } else {
        let (next, event) = timeline.mark_done(step, &input.activity, date, &input.note).map_err(progress_error)?;
        (next, serde_json::to_value([event]).unwrap_or_default())
    };
    store.save_step_timeline(tid(c), version, &next, events, actor, now).await.map_err(stale)
}
