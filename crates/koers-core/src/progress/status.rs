//! Measure status updates. A measure starts *gepland*; the allowed moves are:
//!
//! ```text
//! gepland   → loopt, vertraagd, gereed, geschrapt   (and gepland again: a note)
//! loopt     → vertraagd, gereed, geschrapt          (and loopt again: a note)
//! vertraagd → loopt, gereed, geschrapt              (and vertraagd again: a note)
//! gereed    → loopt                                 (reopened, with a note)
//! geschrapt → nothing (a measure comes back only through a bijstelling of the plan)
//! ```
//! *Vertraagd*, *geschrapt*, reopening and a note-only update need a note. Dates lie between the
//! trajectory's start and today, and not before the measure's previous update.

use super::{MAX_NOTE, ProgressError, check_date, check_len};
use crate::calendar::Date;
use crate::ids::UserId;
use crate::plan::{MeasureId, Plan};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    #[default]
    Gepland,
    Loopt,
    Gereed,
    Vertraagd,
    Geschrapt,
}

impl MeasureStatus {
    pub const ALL: [MeasureStatus; 5] = [
        MeasureStatus::Gepland,
        MeasureStatus::Loopt,
        MeasureStatus::Gereed,
        MeasureStatus::Vertraagd,
        MeasureStatus::Geschrapt,
    ];

    pub fn label_nl(self) -> &'static str {
        match self {
            MeasureStatus::Gepland => "gepland",
            MeasureStatus::Loopt => "loopt",
            MeasureStatus::Gereed => "gereed",
            MeasureStatus::Vertraagd => "vertraagd",
            MeasureStatus::Geschrapt => "geschrapt",
        }
    }

    /// Done with: gereed or geschrapt (no longer counts as overdue).
    pub fn is_closed(self) -> bool {
        matches!(self, MeasureStatus::Gereed | MeasureStatus::Geschrapt)
    }

    /// May a measure at `self` move to `to`?
    pub fn may_become(self, to: MeasureStatus) -> bool {
        use MeasureStatus::*;
        match self {
            Gepland | Loopt | Vertraagd => to != Gepland || self == Gepland,
            Gereed => to == Loopt,
            Geschrapt => false,
        }
    }

    /// Does the move from `self` to `to` need a note?
    pub fn needs_note(self, to: MeasureStatus) -> bool {
        use MeasureStatus::*;
        matches!(to, Vertraagd | Geschrapt) || self == to || (self == Gereed && to == Loopt)
    }
}

/// One status update of one measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusUpdate {
    pub measure: MeasureId,
    pub date: Date,
    pub status: MeasureStatus,
    #[serde(default)]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<UserId>,
}

/// The measure's status after `updates` (the last by date; on the same date the later in the
/// slice wins, so keep them in the order they were recorded). Gepland without updates.
pub fn current_status(measure: MeasureId, updates: &[StatusUpdate]) -> MeasureStatus {
    last_update(measure, updates).map_or(MeasureStatus::Gepland, |u| u.status)
}

fn last_update(measure: MeasureId, updates: &[StatusUpdate]) -> Option<&StatusUpdate> {
    updates.iter().filter(|u| u.measure == measure).fold(None, |best: Option<&StatusUpdate>, u| match best {
        Some(b) if b.date > u.date => Some(b),
        _ => Some(u),
    })
}

/// Every measure of `plan` with its current status and last update, in plan order.
pub fn measure_statuses<'a>(
    plan: &'a Plan,
    updates: &'a [StatusUpdate],
) -> Vec<(&'a crate::plan::Measure, MeasureStatus, Option<&'a StatusUpdate>)> {
    plan.measures
        .iter()
        .map(|m| {
            let last = last_update(m.id, updates);
            (m, last.map_or(MeasureStatus::Gepland, |u| u.status), last)
        })
        .collect()
}

/// May `update` be recorded after `earlier` (all updates so far, any measure)?
pub fn check_status_update(
    update: &StatusUpdate,
    plan: &Plan,
    earlier: &[StatusUpdate],
    trajectory_start: Date,
    today: Date,
) -> Result<(), ProgressError> {
    if plan.measure(update.measure).is_none() {
        return Err(ProgressError::UnknownMeasure(update.measure.get()));
    }
    check_date(update.date, trajectory_start, today)?;
    let last = last_update(update.measure, earlier);
    if let Some(last) = last.filter(|l| l.date > update.date) {
        return Err(ProgressError::BeforeLastUpdate { date: update.date.nl(), last: last.date.nl() });
    }
    let from = last.map_or(MeasureStatus::Gepland, |u| u.status);
    let to = update.status;
    if !from.may_become(to) {
        let hint = match from {
            MeasureStatus::Geschrapt => "; een geschrapte maatregel komt alleen terug met een bijstelling van het plan",
            MeasureStatus::Gereed => "; een afgeronde maatregel kan alleen weer gaan lopen",
            _ => "",
        };
        return Err(ProgressError::Transition { from: from.label_nl(), to: to.label_nl(), hint });
    }
    if from.needs_note(to) && update.note.trim().is_empty() {
        return Err(ProgressError::NoteRequired { status: to.label_nl() });
    }
    check_len(&update.note, "note", "toelichting", MAX_NOTE)
}
