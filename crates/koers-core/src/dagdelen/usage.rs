//! Planned vs spent: per measure and per trajectory from the plan and the log, and an expert's
//! capacity per school year from the log.

use super::TimeEntry;
use crate::calendar::SchoolYear;
use crate::ids::{ExpertId, TrajectoryId};
use crate::plan::{MeasureId, Plan};
use serde::{Deserialize, Serialize};

/// One expert measure: planned and spent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureUsage {
    pub measure: MeasureId,
    pub what: String,
    pub planned: u32,
    pub spent: u32,
}

impl MeasureUsage {
    /// Spent beyond the plan (0 when within).
    pub fn over(&self) -> u32 {
        self.spent.saturating_sub(self.planned)
    }

    pub fn remaining(&self) -> u32 {
        self.planned.saturating_sub(self.spent)
    }
}

/// A trajectory's dagdelen: planned (the plan's expert part) and spent (the log).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    /// Every expert measure of the plan, plus any measure time was logged on that is no longer
    /// in the plan (planned 0, `what` from the entry's measure id).
    pub per_measure: Vec<MeasureUsage>,
    /// Spent without a measure (intake, overleg, reisdag…).
    pub unlinked: u32,
    pub planned: u32,
    pub spent: u32,
    /// The budget in force, when the programme has one.
    pub limit: Option<u32>,
}

impl Usage {
    /// Spent beyond the plan in total.
    pub fn over_plan(&self) -> u32 {
        self.spent.saturating_sub(self.planned)
    }

    /// Spent beyond the budget.
    pub fn over_budget(&self) -> u32 {
        self.limit.map_or(0, |l| self.spent.saturating_sub(l))
    }

    /// Left of the budget (`None` without a budget).
    pub fn budget_left(&self) -> Option<u32> {
        self.limit.map(|l| l.saturating_sub(self.spent))
    }
}

/// Planned vs spent for one trajectory: `entries` are that trajectory's log.
pub fn usage(plan: Option<&Plan>, entries: &[TimeEntry], limit: Option<u32>) -> Usage {
    let mut per_measure: Vec<MeasureUsage> = plan
        .map(|p| {
            p.expert_part()
                .map(|m| MeasureUsage { measure: m.id, what: m.what.clone(), planned: m.dagdelen, spent: 0 })
                .collect()
        })
        .unwrap_or_default();
    let mut unlinked = 0u32;
    for e in entries {
        match e.measure {
            None => unlinked = unlinked.saturating_add(e.dagdelen),
            Some(id) => match per_measure.iter_mut().find(|u| u.measure == id) {
                Some(u) => u.spent = u.spent.saturating_add(e.dagdelen),
                None => {
                    let what =
                        plan.and_then(|p| p.measure(id)).map_or_else(|| format!("maatregel {id}"), |m| m.what.clone());
                    per_measure.push(MeasureUsage { measure: id, what, planned: 0, spent: e.dagdelen });
                }
            },
        }
    }
    let planned = per_measure.iter().fold(0u32, |s, u| s.saturating_add(u.planned));
    let spent = entries.iter().fold(0u32, |s, e| s.saturating_add(e.dagdelen));
    Usage { per_measure, unlinked, planned, spent, limit }
}

/// An expert's dagdelen in one school year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capacity {
    pub expert: ExpertId,
    pub school_year: SchoolYear,
    /// The expert's capacity for the year (the expert pool's `capacity_dagdelen`).
    pub capacity: u32,
    pub spent: u32,
    /// Spent per trajectory, in order of first entry.
    pub per_trajectory: Vec<(TrajectoryId, u32)>,
}

impl Capacity {
    pub fn remaining(&self) -> u32 {
        self.capacity.saturating_sub(self.spent)
    }

    pub fn over(&self) -> u32 {
        self.spent.saturating_sub(self.capacity)
    }
}

/// `expert`'s spent dagdelen in `school_year` (1 August – 31 July) from the whole log.
pub fn capacity(expert: ExpertId, school_year: SchoolYear, capacity: u32, entries: &[TimeEntry]) -> Capacity {
    let mut per_trajectory: Vec<(TrajectoryId, u32)> = Vec::new();
    for e in entries.iter().filter(|e| e.expert == expert && school_year.contains(e.date)) {
        match per_trajectory.iter_mut().find(|(t, _)| *t == e.trajectory) {
            Some((_, n)) => *n = n.saturating_add(e.dagdelen),
            None => per_trajectory.push((e.trajectory, e.dagdelen)),
        }
    }
    let spent = per_trajectory.iter().fold(0u32, |s, (_, n)| s.saturating_add(*n));
    Capacity { expert, school_year, capacity, spent, per_trajectory }
}

/// What an expert has committed in `school_year`, following the log: the dagdelen logged in that
/// year (on any trajectory, ended ones too) plus what is still planned on the expert's active
/// trajectories (`active`: trajectory and its planned dagdelen; planned minus everything already
/// logged on it, never below 0). As time is logged it moves from "still planned" to "logged";
/// time logged beyond a trajectory's plan counts in full.
pub fn committed(
    expert: ExpertId,
    school_year: SchoolYear,
    active: &[(TrajectoryId, u32)],
    entries: &[TimeEntry],
) -> u32 {
    let mine = || entries.iter().filter(|e| e.expert == expert);
    let this_year = mine().filter(|e| school_year.contains(e.date)).fold(0u32, |s, e| s.saturating_add(e.dagdelen));
    let still_planned = active.iter().fold(0u32, |s, (t, planned)| {
        let logged = mine().filter(|e| e.trajectory == *t).fold(0u32, |n, e| n.saturating_add(e.dagdelen));
        s.saturating_add(planned.saturating_sub(logged))
    });
    this_year.saturating_add(still_planned)
}
