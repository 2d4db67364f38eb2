//! The kostenoverzicht: what the dagdelen logged for one school in one period cost and who pays
//! what, per month or per activity, ready for the page, the xlsx and the PDF. A subsidised
//! programme (GWGB+) gets the same statement with the dagdelen counted and every amount € 0,00,
//! labelled *kosteloos (gesubsidieerd)*. The rounding rule is the module's ([`super`]).

use super::StatementReference;
use super::{Cents, Funding, allocate_school_shares};
use crate::calendar::Date;
use crate::dagdelen::{Month, TimeEntry};
use crate::plan::ActivityType;
use serde::{Deserialize, Serialize};

/// A period of days, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub enum PeriodError {
    #[error("periode: de einddatum {to} ligt vóór de begindatum {from}")]
    EndBeforeStart { from: String, to: String },
}

impl Period {
    pub fn new(from: Date, to: Date) -> Result<Self, PeriodError> {
        if to < from {
            return Err(PeriodError::EndBeforeStart { from: from.nl(), to: to.nl() });
        }
        Ok(Self { from, to })
    }

    /// One calendar month.
    pub fn month(m: Month) -> Self {
        Self { from: m.first_day(), to: m.last_day() }
    }

    pub fn contains(self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }

    /// `01-08-2025 t/m 31-07-2026`.
    pub fn label_nl(self) -> String {
        format!("{} t/m {}", self.from.nl(), self.to.nl())
    }
}

/// How the lines are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    PerMonth,
    PerActivity,
}

/// What a line is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "per", rename_all = "snake_case")]
pub enum LineKey {
    Month { month: Month },
    Activity { activity: ActivityType },
}

/// One line of the statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementLine {
    pub key: LineKey,
    /// `november 2025` / `coaching van leraren`.
    pub label: String,
    pub dagdelen: u32,
    pub total: Cents,
    pub school: Cents,
    pub programme: Cents,
}

/// A kostenoverzicht for one school and period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostStatement {
    /// Handed out by the app (a sequence), shown on every page of the statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<StatementReference>,
    pub period: Period,
    pub funding: Funding,
    /// `cofinanciering: school 50% van € 571,50 per dagdeel (€ 285,75), excl. btw` or
    /// `kosteloos (gesubsidieerd)`.
    pub funding_label: String,
    /// Months in calendar order (only months with time), or activities in the order of
    /// [`ActivityType`].
    pub lines: Vec<StatementLine>,
    pub dagdelen: u32,
    pub total: Cents,
    pub school: Cents,
    pub programme: Cents,
}

impl CostStatement {
    pub fn with_reference(self, reference: StatementReference) -> Self {
        Self { reference: Some(reference), ..self }
    }

    pub fn is_free(&self) -> bool {
        self.funding == Funding::Subsidised
    }
}

/// The statement of `entries` (the school's trajectories' log; entries outside `period` are
/// left out) under `funding`.
pub fn cost_statement(entries: &[TimeEntry], funding: Funding, period: Period, grouping: Grouping) -> CostStatement {
    let mut groups: Vec<(LineKey, u32)> = Vec::new();
    for e in entries.iter().filter(|e| period.contains(e.date)) {
        let key = match grouping {
            Grouping::PerMonth => LineKey::Month { month: Month::of(e.date) },
            Grouping::PerActivity => LineKey::Activity { activity: e.activity },
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n = n.saturating_add(e.dagdelen),
            None => groups.push((key, e.dagdelen)),
        }
    }
    groups.sort_by_key(|(k, _)| match k {
        LineKey::Month { month } => (Some(*month), None),
        LineKey::Activity { activity } => (None, Some(*activity)),
    });
    let totals: Vec<Cents> = groups.iter().map(|(_, n)| funding.split(*n).total).collect();
    let percent = match funding {
        Funding::CoFinanced { school_share_percent, .. } => school_share_percent,
        Funding::Subsidised => 0,
    };
    let shares = allocate_school_shares(&totals, percent);
    let lines: Vec<StatementLine> = groups
        .iter()
        .zip(totals.iter().zip(shares))
        .map(|((key, dagdelen), (total, school))| StatementLine {
            key: *key,
            label: match key {
                LineKey::Month { month } => month.label_nl(),
                LineKey::Activity { activity } => activity.label_nl(),
            },
            dagdelen: *dagdelen,
            total: *total,
            school,
            programme: *total - school,
        })
        .collect();
    let dagdelen = lines.iter().fold(0u32, |s, l| s.saturating_add(l.dagdelen));
    let sum = |f: fn(&StatementLine) -> Cents| lines.iter().map(f).sum::<Cents>();
    let (total, school, programme) = (sum(|l| l.total), sum(|l| l.school), sum(|l| l.programme));
    CostStatement {
        reference: None,
        period,
        funding,
        funding_label: funding.label_nl(),
        lines,
        dagdelen,
        total,
        school,
        programme,
    }
}

#[cfg(test)]
mod tests;
