//! The expert's time sheet per month: every entry of the month with its school, and the totals
//! per trajectory — ready for the page and the xlsx export.

use super::TimeEntry;
use crate::calendar::{Date, MONTHS_NL};
use crate::ids::{ExpertId, TrajectoryId};
use crate::plan::MeasureId;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar month (`november 2025`), built on [`Date`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    /// 1–12.
    pub month: u8,
}

impl Month {
    /// `None` when `month` is not 1–12 or the year is out of the calendar's range.
    pub fn new(year: i32, month: u8) -> Option<Self> {
        Date::new(year, month, 1).ok().map(|_| Self { year, month })
    }

    pub fn of(date: Date) -> Self {
        Self { year: date.year(), month: date.month() }
    }

    pub fn first_day(self) -> Date {
        Date::new(self.year, self.month, 1).unwrap_or_else(|_| Date::from_days(0))
    }

    pub fn last_day(self) -> Date {
        self.next().first_day().add_days(-1)
    }

    pub fn next(self) -> Self {
        if self.month >= 12 {
            Self { year: self.year + 1, month: 1 }
        } else {
            Self { year: self.year, month: self.month + 1 }
        }
    }

    pub fn contains(self, date: Date) -> bool {
        Self::of(date) == self
    }

    /// `november 2025`.
    pub fn label_nl(self) -> String {
        let name = MONTHS_NL.get(usize::from(self.month.saturating_sub(1))).copied().unwrap_or("?");
        format!("{name} {}", self.year)
    }
}

/// `2025-11`.
impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// What a trajectory is called on a sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrajectoryLabel {
    pub trajectory: TrajectoryId,
    /// The school (or board) name.
    pub school: String,
    pub programme: String,
}

/// One line of the sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeSheetRow {
    pub date: Date,
    pub trajectory: TrajectoryId,
    pub school: String,
    pub programme: String,
    pub activity: String,
    pub measure: Option<MeasureId>,
    pub dagdelen: u32,
    pub note: String,
}

/// An expert's month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeSheet {
    pub expert: ExpertId,
    pub month: Month,
    /// By date, then in log order.
    pub rows: Vec<TimeSheetRow>,
    /// (trajectory, school, dagdelen), in order of first appearance.
    pub per_trajectory: Vec<(TrajectoryId, String, u32)>,
    pub total: u32,
}

/// `expert`'s sheet for `month`; `labels` name the trajectories (unknown ones show their id).
pub fn time_sheet(expert: ExpertId, month: Month, entries: &[TimeEntry], labels: &[TrajectoryLabel]) -> TimeSheet {
    let mut rows: Vec<TimeSheetRow> = entries
        .iter()
        .filter(|e| e.expert == expert && month.contains(e.date))
        .map(|e| {
            let label = labels.iter().find(|l| l.trajectory == e.trajectory);
            TimeSheetRow {
                date: e.date,
                trajectory: e.trajectory,
                school: label.map_or_else(|| format!("traject {}", e.trajectory), |l| l.school.clone()),
                programme: label.map(|l| l.programme.clone()).unwrap_or_default(),
                activity: e.activity.label_nl(),
                measure: e.measure,
                dagdelen: e.dagdelen,
                note: e.note.clone(),
            }
        })
        .collect();
    rows.sort_by_key(|r| r.date);
    let mut per_trajectory: Vec<(TrajectoryId, String, u32)> = Vec::new();
    for r in &rows {
        match per_trajectory.iter_mut().find(|(t, _, _)| *t == r.trajectory) {
            Some((_, _, n)) => *n = n.saturating_add(r.dagdelen),
            None => per_trajectory.push((r.trajectory, r.school.clone(), r.dagdelen)),
        }
    }
    let total = rows.iter().fold(0u32, |s, r| s.saturating_add(r.dagdelen));
    TimeSheet { expert, month, rows, per_trajectory, total }
}
