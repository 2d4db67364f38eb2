//! Why a trajectory is not on course: [`ReasonDetail`] holds the kind and the numbers,
//! [`Reason`] adds the Dutch sentence, [`ReasonKind`] is the kind alone for filters.

use crate::calendar::Date;
use crate::nl::Dec;
use crate::plan::{IndicatorId, MeasureId, Unit};
use crate::progress::MeasureStatus;
use serde::{Deserialize, Serialize};

/// The kind of a reason, for filters and counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    PlanNotSignedOff,
    MeasureOverdue,
    IndicatorBelowLine,
    NoRecentUpdate,
    DagdelenOverPlan,
    DagdelenOverBudget,
    ReviewOverdue,
}

impl ReasonKind {
    pub const ALL: [ReasonKind; 7] = [
        ReasonKind::PlanNotSignedOff,
        ReasonKind::MeasureOverdue,
        ReasonKind::IndicatorBelowLine,
        ReasonKind::NoRecentUpdate,
        ReasonKind::DagdelenOverPlan,
        ReasonKind::DagdelenOverBudget,
        ReasonKind::ReviewOverdue,
    ];

    pub fn label_nl(self) -> &'static str {
        match self {
            ReasonKind::PlanNotSignedOff => "plan niet op tijd vastgesteld",
            ReasonKind::MeasureOverdue => "maatregel over de einddatum",
            ReasonKind::IndicatorBelowLine => "indicator onder de lijn naar het doel",
            ReasonKind::NoRecentUpdate => "geen voortgang vastgelegd",
            ReasonKind::DagdelenOverPlan => "meer dagdelen dan gepland",
            ReasonKind::DagdelenOverBudget => "meer dagdelen dan het budget",
            ReasonKind::ReviewOverdue => "review niet gehouden",
        }
    }
}

/// A reason with its numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReasonDetail {
    PlanNotSignedOff {
        submitted: Date,
        days: i64,
        weeks: u32,
    },
    MeasureOverdue {
        measure: MeasureId,
        what: String,
        end: Date,
        days_overdue: i64,
        status: MeasureStatus,
    },
    IndicatorBelowLine {
        indicator: IndicatorId,
        name: String,
        #[serde(flatten)]
        unit: Unit,
        date: Date,
        value: f64,
        /// On the line at `date`.
        expected: f64,
        /// How far behind, in the unit's terms (> `margin`).
        behind: f64,
        margin: f64,
        target: f64,
        target_date: Date,
    },
    NoRecentUpdate {
        last: Date,
        days: i64,
        weeks: u32,
    },
    /// In total (`measure` is `None`) or for one expert measure.
    DagdelenOverPlan {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        measure: Option<MeasureId>,
        #[serde(default)]
        what: String,
        planned: u32,
        spent: u32,
    },
    DagdelenOverBudget {
        limit: u32,
        spent: u32,
    },
    ReviewOverdue {
        name: String,
        planned_on: Date,
        days_overdue: i64,
    },
}

/// One reason: the numbers and the Dutch sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    #[serde(flatten)]
    pub detail: ReasonDetail,
    pub text: String,
}

impl Reason {
    pub fn new(detail: ReasonDetail) -> Self {
        let text = sentence(&detail);
        Self { detail, text }
    }

    pub fn kind(&self) -> ReasonKind {
        match self.detail {
            ReasonDetail::PlanNotSignedOff { .. } => ReasonKind::PlanNotSignedOff,
            ReasonDetail::MeasureOverdue { .. } => ReasonKind::MeasureOverdue,
            ReasonDetail::IndicatorBelowLine { .. } => ReasonKind::IndicatorBelowLine,
            ReasonDetail::NoRecentUpdate { .. } => ReasonKind::NoRecentUpdate,
            ReasonDetail::DagdelenOverPlan { .. } => ReasonKind::DagdelenOverPlan,
            ReasonDetail::DagdelenOverBudget { .. } => ReasonKind::DagdelenOverBudget,
            ReasonDetail::ReviewOverdue { .. } => ReasonKind::ReviewOverdue,
        }
    }
}

fn days(n: i64) -> String {
    if n == 1 { "1 dag".into() } else { format!("{n} dagen") }
}

fn weeks(n: u32) -> String {
    if n == 1 { "1 week".into() } else { format!("{n} weken") }
}

/// A difference in the unit's terms: `2,4 procentpunt`, `0,30 punt`, `1,5 lessen`.
fn difference(unit: &Unit, x: f64) -> String {
    match unit {
        Unit::Percentage => format!("{} procentpunt", Dec(x, 1)),
        Unit::Score => format!("{} punt", Dec(x, 2)),
        Unit::Count | Unit::YesNo => Dec(x, 1).to_string(),
        Unit::Other { label, .. } => format!("{} {}", Dec(x, unit.decimals() + 1), label.trim()),
    }
}

fn sentence(detail: &ReasonDetail) -> String {
    match detail {
        ReasonDetail::PlanNotSignedOff { submitted, days: d, weeks: w } => format!(
            "Het plan is {} na het indienen van de zelfevaluatie ({}) nog niet vastgesteld; dat moet binnen {}.",
            days(*d),
            submitted.nl(),
            weeks(*w)
        ),
        ReasonDetail::MeasureOverdue { what, end, days_overdue, status, .. } => format!(
            "De maatregel '{}' had op {} klaar moeten zijn en staat nog op '{}' ({} over de einddatum).",
            what.trim(),
            end.nl(),
            status.label_nl(),
            days(*days_overdue)
        ),
        ReasonDetail::IndicatorBelowLine {
            name,
            unit,
            date,
            value,
            expected,
            behind,
            margin,
            target,
            target_date,
            ..
        } => {
            if *unit == Unit::YesNo {
                return format!(
                    "De indicator '{}' is op {} nog '{}', terwijl die op {} '{}' moest zijn.",
                    name.trim(),
                    date.nl(),
                    unit.format(*value),
                    target_date.nl(),
                    unit.format(*target)
                );
            }
            format!(
                "De indicator '{}' staat op {} ({}); op de lijn naar {} op {} hoort dat {} te zijn: {} achter, meer dan de marge van {}.",
                name.trim(),
                unit.format(*value),
                date.nl(),
                unit.format(*target),
                target_date.nl(),
                unit.format(*expected),
                difference(unit, *behind),
                difference(unit, *margin)
            )
        }
        ReasonDetail::NoRecentUpdate { last, days: d, weeks: w } => format!(
            "Al {} geen voortgang vastgelegd (laatste op {}); de afspraak is minstens elke {}.",
            days(*d),
            last.nl(),
            weeks(*w)
        ),
        ReasonDetail::DagdelenOverPlan { measure: None, planned, spent, .. } => format!(
            "Er zijn {spent} dagdelen besteed, {} meer dan de {planned} in het plan.",
            spent.saturating_sub(*planned)
        ),
        ReasonDetail::DagdelenOverPlan { measure: Some(_), what, planned, spent } => format!(
            "Aan de maatregel '{}' zijn {spent} dagdelen besteed, {} meer dan de {planned} in het plan.",
            what.trim(),
            spent.saturating_sub(*planned)
        ),
        ReasonDetail::DagdelenOverBudget { limit, spent } => format!(
            "Er zijn {spent} dagdelen besteed, {} meer dan het budget van {limit}.",
            spent.saturating_sub(*limit)
        ),
        ReasonDetail::ReviewOverdue { name, planned_on, days_overdue } => format!(
            "De {} stond gepland op {} en is nog niet gehouden ({} te laat).",
            name.trim(),
            planned_on.nl(),
            days(*days_overdue)
        ),
    }
}
