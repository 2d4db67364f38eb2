//! Voortgang (TRAJECTORY §4, PRODUCT journey 7): what happens after the plan is vastgesteld.
//!
//! - [`status`] — measure status updates ([`MeasureStatus`]: gepland, loopt, gereed, vertraagd,
//!   geschrapt) with a note and a date, the allowed transitions, and each measure's current
//!   status ([`current_status`]). Status is voortgang, not plan: a frozen plan never changes.
//! - [`measurement`] — indicator [`Measurement`]s (date, value, source) checked against the
//!   indicator's unit and the trajectory's start; [`register_measurements`] adds new yearly
//!   register results to *results* indicators — pure and idempotent; [`indicator_series`] gives
//!   the line and the points for a chart, [`goals_met`] the count for the programme monitor.
//! - [`activity`] — the step-5 activities of "Kwaliteit verbeteren in 6 stappen" (seed 003) as
//!   loggable entries ([`Step5Activity`], [`ActivityEntry`]).
//! - [`steps`] — the VO six steps as the procesbegeleiding timeline ([`Step`], each with its
//!   activities from seeds 003/004), non-linear: [`StepTimeline`] records every visit, a step can
//!   be revisited.
//!
//! Every check takes "today" as an argument and returns a [`ProgressError`] whose Dutch text
//! names the field ([`ProgressError::field`] gives the machine name for forms).

pub mod activity;
pub mod measurement;
pub mod status;
pub mod steps;
#[cfg(test)]
mod tests;

pub use activity::{ActivityEntry, Step5Activity, check_activity};
pub use measurement::{
    IndicatorSeries, Measurement, MeasurementSource, RegisterValue, check_measurement, goals_met, indicator_series,
    latest_measurement, register_date, register_measurements,
};
pub use status::{MeasureStatus, StatusUpdate, check_status_update, current_status, measure_statuses};
pub use steps::{DoneActivity, Step, StepActivity, StepEvent, StepOverview, StepTimeline, StepVisit};

use crate::calendar::Date;
use crate::plan::ValueProblem;
use serde::Serialize;

/// Longest note on an update, measurement or activity.
pub const MAX_NOTE: usize = 2_000;
/// Longest source or "met wie" text.
pub const MAX_SHORT: usize = 200;

/// Why an update, measurement or log entry is refused.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum ProgressError {
    #[error("datum: {date} ligt vóór de start van het traject ({start})")]
    BeforeStart { date: String, start: String },
    #[error("datum: {date} ligt in de toekomst (vandaag is het {today})")]
    InFuture { date: String, today: String },
    #[error("datum: {date} ligt vóór de vorige statuswijziging van deze maatregel ({last})")]
    BeforeLastUpdate { date: String, last: String },
    #[error("status: van '{from}' naar '{to}' kan niet{hint}")]
    Transition { from: &'static str, to: &'static str, hint: &'static str },
    #[error("toelichting: bij '{status}' is een toelichting nodig")]
    NoteRequired { status: &'static str },
    #[error("{field_nl}: te lang ({length} tekens; hooguit {max})")]
    TooLong { field: &'static str, field_nl: &'static str, length: usize, max: usize },
    #[error("bron: vul in waar de meting vandaan komt (bijvoorbeeld LVS, enquête, klassenbezoeken)")]
    NoSource,
    #[error("waarde: {0}")]
    Value(ValueProblem),
    #[error("maatregel: {0} staat niet in het plan")]
    UnknownMeasure(i64),
    #[error("indicator: {0} staat niet in het plan")]
    UnknownIndicator(i64),
    #[error("stap: het traject staat al in stap {number} ({name})")]
    AlreadyInStep { number: u8, name: &'static str },
    #[error("datum: {date} ligt vóór het begin van de huidige stap ({since})")]
    BeforeCurrentStep { date: String, since: String },
    #[error("activiteit: stap {number} kent geen activiteit '{key}'")]
    UnknownStepActivity { number: u8, key: String },
    #[error("de tijdlijn is niet op volgorde")]
    TimelineOutOfOrder,
}

impl ProgressError {
    /// The form field at fault: `date`, `status`, `note`, `value`, `source`, `measure`, …
    pub fn field(&self) -> &'static str {
        match self {
            ProgressError::BeforeStart { .. }
            | ProgressError::InFuture { .. }
            | ProgressError::BeforeLastUpdate { .. }
            | ProgressError::BeforeCurrentStep { .. }
            | ProgressError::TimelineOutOfOrder => "date",
            ProgressError::Transition { .. } => "status",
            ProgressError::NoteRequired { .. } => "note",
            ProgressError::TooLong { field, .. } => field,
            ProgressError::NoSource => "source",
            ProgressError::Value(_) => "value",
            ProgressError::UnknownMeasure(_) => "measure",
            ProgressError::UnknownIndicator(_) => "indicator",
            ProgressError::AlreadyInStep { .. } => "step",
            ProgressError::UnknownStepActivity { .. } => "activity",
        }
    }
}

/// A date that must lie between the trajectory's start and today (both included).
pub(crate) fn check_date(date: Date, start: Date, today: Date) -> Result<(), ProgressError> {
    if date < start {
        return Err(ProgressError::BeforeStart { date: date.nl(), start: start.nl() });
    }
    if date > today {
        return Err(ProgressError::InFuture { date: date.nl(), today: today.nl() });
    }
    Ok(())
}

/// A text of at most `max` characters.
pub(crate) fn check_len(
    text: &str,
    field: &'static str,
    field_nl: &'static str,
    max: usize,
) -> Result<(), ProgressError> {
    let length = text.chars().count();
    if length > max { Err(ProgressError::TooLong { field, field_nl, length, max }) } else { Ok(()) }
}
