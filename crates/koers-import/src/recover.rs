//! Recovering DUO's masked `<5` counts from the other cells of the same school.
//!
//! Per domain the counts are exclusive per level, and the three domains of a school add up
//! to the same number of pupils N. A masked cell lies in 1..=4, so a domain with known sum k
//! and m masked cells allows N in [k + m, k + 4m]. Intersecting the three intervals bounds N
//! (a domain without masked cells fixes it). Each masked cell then lies in
//! [max(1, Nmin − k − 4(m−1)), min(4, Nmax − k − (m−1))]; when that is one value the cell is
//! recovered. With N known this recovers a lone masked cell (N − k), and m cells when
//! N − k = m (all 1) or 4m (all 4). Both projections are exact: no tighter bounds follow from
//! these rules.

use serde::{Deserialize, Serialize};

use crate::values::Count;

/// The three domains of the reference levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Domain {
    /// Rekenen: lager dan 1F, 1F, 1S, 2F.
    Rekenen,
    /// Lezen (LV): lager dan 1F, 1F, 2F.
    Lezen,
    /// Taalverzorging (TV): lager dan 1F, 1F, 2F.
    Taalverzorging,
}

impl Domain {
    /// Every domain.
    pub const ALL: [Domain; 3] = [Domain::Rekenen, Domain::Lezen, Domain::Taalverzorging];
}

/// DUO's counts of one vestiging, per domain from the lowest level up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuoCounts {
    /// Lager dan 1F, 1F, 1S, 2F.
    pub rekenen: [Count; 4],
    /// Lager dan 1F, 1F, 2F.
    pub lezen: [Count; 3],
    /// Lager dan 1F, 1F, 2F.
    pub taalverzorging: [Count; 3],
}

/// A count after recovery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Recovered {
    /// Known exactly (published, or recovered).
    Exact(u32),
    /// Still unknown, within these bounds.
    Unknown { min: u32, max: u32 },
}

impl Recovered {
    /// The exact value, if known.
    pub fn exact(self) -> Option<u32> {
        match self {
            Recovered::Exact(v) => Some(v),
            Recovered::Unknown { .. } => None,
        }
    }
}

/// The counts of one vestiging after recovery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveredCounts {
    /// Lager dan 1F, 1F, 1S, 2F.
    pub rekenen: [Recovered; 4],
    /// Lager dan 1F, 1F, 2F.
    pub lezen: [Recovered; 3],
    /// Lager dan 1F, 1F, 2F.
    pub taalverzorging: [Recovered; 3],
    /// The number of pupils, when determined.
    pub pupils: Option<u32>,
    /// Bounds on the number of pupils; `None` when the domains contradict each other.
    pub pupil_bounds: Option<(u32, u32)>,
}

/// Recovers what can be recovered; see the module docs.
pub fn recover(counts: &DuoCounts) -> RecoveredCounts {
    let sums = [domain_sum(&counts.rekenen), domain_sum(&counts.lezen), domain_sum(&counts.taalverzorging)];
    let low = sums.iter().map(|s| s.0 + s.1).max().unwrap_or(0);
    let high = sums.iter().map(|s| s.0 + 4 * s.1).min().unwrap_or(0);
    let bounds = (low <= high).then_some((low, high));
    let to_u32 = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
    let cells = |cells: &[Count], (known, masked): (u64, u64)| -> Vec<Recovered> {
        cells
            .iter()
            .map(|c| match (c, bounds) {
                (Count::Known(v), _) => Recovered::Exact(*v),
                (Count::Masked, None) => Recovered::Unknown { min: 1, max: 4 },
                (Count::Masked, Some((lo, hi))) => {
                    let others = masked.saturating_sub(1);
                    let min = lo.saturating_sub(known + 4 * others).max(1);
                    let max = hi.saturating_sub(known + others).min(4);
                    if min == max {
                        Recovered::Exact(to_u32(min))
                    } else {
                        Recovered::Unknown { min: to_u32(min), max: to_u32(max) }
                    }
                }
            })
            .collect()
    };
    let fill = |v: Vec<Recovered>, out: &mut [Recovered]| {
        for (slot, value) in out.iter_mut().zip(v) {
            *slot = value;
        }
    };
    let unknown = Recovered::Unknown { min: 1, max: 4 };
    let mut result = RecoveredCounts {
        rekenen: [unknown; 4],
        lezen: [unknown; 3],
        taalverzorging: [unknown; 3],
        pupils: bounds.filter(|(lo, hi)| lo == hi).map(|(lo, _)| to_u32(lo)),
        pupil_bounds: bounds.map(|(lo, hi)| (to_u32(lo), to_u32(hi))),
    };
    fill(cells(&counts.rekenen, sums[0]), &mut result.rekenen);
    fill(cells(&counts.lezen, sums[1]), &mut result.lezen);
    fill(cells(&counts.taalverzorging, sums[2]), &mut result.taalverzorging);
    result
}

/// Sum of the known cells and number of masked cells.
fn domain_sum(cells: &[Count]) -> (u64, u64) {
    cells.iter().fold((0, 0), |(known, masked), c| match c {
        Count::Known(v) => (known + u64::from(*v), masked),
        Count::Masked => (known, masked + 1),
    })
}

impl RecoveredCounts {
    /// The cells of a domain, lowest level first.
    pub fn domain(&self, domain: Domain) -> &[Recovered] {
        match domain {
            Domain::Rekenen => &self.rekenen,
            Domain::Lezen => &self.lezen,
            Domain::Taalverzorging => &self.taalverzorging,
        }
    }

    /// Whether the three domains fit one pupil total.
    pub fn is_consistent(&self) -> bool {
        self.pupil_bounds.is_some()
    }

    /// Whether every cell is known exactly.
    pub fn is_complete(&self) -> bool {
        Domain::ALL.iter().all(|d| self.domain(*d).iter().all(|c| c.exact().is_some()))
    }

    /// Pupils at 1F or above in `domain`.
    pub fn at_least_1f(&self, domain: Domain) -> Option<u32> {
        self.above(domain, 1)
    }

    /// Pupils at the target level: rekenen 1S or 2F, lezen and taalverzorging 2F.
    pub fn at_target(&self, domain: Domain) -> Option<u32> {
        self.above(domain, 2)
    }

    /// Pupils in the cells from `from` up: summed when all are exact, else N minus the cells
    /// below when those are exact. `None` when neither is known.
    fn above(&self, domain: Domain, from: usize) -> Option<u32> {
        let cells = self.domain(domain);
        let (below, upper) = (cells.get(..from)?, cells.get(from..)?);
        let exact_sum = |part: &[Recovered]| -> Option<u64> { part.iter().map(|c| c.exact().map(u64::from)).sum() };
        let sum = exact_sum(upper).or_else(|| u64::from(self.pupils?).checked_sub(exact_sum(below)?))?;
        u32::try_from(sum).ok()
    }

    /// Mean over the three domains of the share of pupils at 1F or above, in percent.
    pub fn pct_1f(&self) -> Option<f64> {
        self.pct(Self::at_least_1f)
    }

    /// Mean over the three domains of the share of pupils at the target level, in percent.
    pub fn pct_1s2f(&self) -> Option<f64> {
        self.pct(Self::at_target)
    }

    fn pct(&self, level: fn(&Self, Domain) -> Option<u32>) -> Option<f64> {
        let n = self.pupils.filter(|n| *n > 0)?;
        let total: u64 = Domain::ALL.iter().map(|d| level(self, *d).map(u64::from)).sum::<Option<u64>>()?;
        Some(total as f64 / (3.0 * f64::from(n)) * 100.0)
    }
}
