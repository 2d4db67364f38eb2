//! *What would change it*: how many pupils at level next year would move a three-year value
//! across the signaleringswaarde or the grenswaarde.
//!
//! Next year the window shifts: the oldest year drops out, the two latest stay and a new year
//! with `next_pupils` pupils comes in (by default as many as in the latest year). A pupil "at
//! level" reaches it in all three domains, so `c` such pupils add `100·c` to the sum of
//! `%·N`: the least `c` with `(Σ_rest + 100·c) / (N_rest + N_next) ≥ T` is
//! `ceil((T·(N_rest + N_next) − Σ_rest) / 100)`. This is a sufficient count (pupils who reach
//! the level in only some domains count for a third per domain).

use super::{IndicatorBand, TrafficLight};
use crate::results::{Indicator, ResultsInput, YearEntry};
use crate::types::TestYear;
use serde::{Deserialize, Serialize};

/// The two years that stay in the window and the size of the coming year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NextYear {
    pub test_year: TestYear,
    /// Σ pupils of the two years that stay.
    pub rest_pupils: u32,
    /// Σ %·N of the two years that stay, per indicator (1F, 1S/2F).
    pub rest_sum: [f64; 2],
    pub next_pupils: u32,
    /// Pupils at level in the latest year (as a mean over the domains), per indicator.
    pub latest_at_level: [f64; 2],
}

impl NextYear {
    /// From the yearly results; `None` when the two latest years are not both present.
    /// `next_pupils` defaults to the latest year's number of pupils.
    pub fn from_input(input: &ResultsInput, next_pupils: Option<u32>) -> Option<Self> {
        let (YearEntry::Present(a), YearEntry::Present(b)) = (input.years[1], input.years[2]) else {
            return None;
        };
        let next_pupils = next_pupils.unwrap_or(b.pupils);
        if next_pupils == 0 {
            return None;
        }
        let sum = |i: Indicator| a.pct(i) * f64::from(a.pupils) + b.pct(i) * f64::from(b.pupils);
        let at = |i: Indicator| b.pct(i) * f64::from(b.pupils) / 100.0;
        Some(Self {
            test_year: input.window[2].next()?,
            rest_pupils: a.pupils + b.pupils,
            rest_sum: [sum(Indicator::F1), sum(Indicator::S1F2)],
            next_pupils,
            latest_at_level: [at(Indicator::F1), at(Indicator::S1F2)],
        })
    }

    fn idx(i: Indicator) -> usize {
        match i {
            Indicator::F1 => 0,
            Indicator::S1F2 => 1,
        }
    }

    /// The least number of pupils at level next year that brings the three-year value to at
    /// least `threshold`; `None` when even all pupils would not suffice.
    pub fn required_at_level(&self, indicator: Indicator, threshold: f64) -> Option<u32> {
        let total = f64::from(self.rest_pupils + self.next_pupils);
        let need = (threshold * total - self.rest_sum[Self::idx(indicator)]) / 100.0;
        let c = (need - 1e-9).ceil().max(0.0);
        (c <= f64::from(self.next_pupils)).then_some(c as u32)
    }
}

/// Which line a lever is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeverGoal {
    /// Rise above the signaleringswaarde (rood → oranje).
    ReachSignaleringswaarde,
    /// Rise above the grenswaarde: out of the band for this indicator.
    LeaveBand,
    /// Stay at or above the grenswaarde: fewer pupils at level would bring the school into the band.
    StayAboveBand,
}

/// One "what would change it".
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Lever {
    pub indicator: Indicator,
    pub goal: LeverGoal,
    pub threshold: f64,
    pub test_year: TestYear,
    pub next_pupils: u32,
    /// Least pupils at level next year to be at or above `threshold`; `None`: not reachable.
    pub required_at_level: Option<u32>,
    /// Pupils at level in the latest year (mean over the domains, rounded).
    pub latest_at_level: u32,
}

impl Lever {
    /// Pupils more (positive) or fewer (negative) than in the latest year.
    pub fn change_from_latest(&self) -> Option<i64> {
        self.required_at_level.map(|r| i64::from(r) - i64::from(self.latest_at_level))
    }
}

pub(super) fn levers(bands: &[IndicatorBand], next: &NextYear) -> Vec<Lever> {
    let mut out = Vec::new();
    for b in bands {
        let goals: &[(LeverGoal, f64)] = match b.light {
            TrafficLight::Rood => {
                &[(LeverGoal::ReachSignaleringswaarde, b.signaleringswaarde), (LeverGoal::LeaveBand, b.grenswaarde)]
            }
            TrafficLight::Oranje => &[(LeverGoal::LeaveBand, b.grenswaarde)],
            TrafficLight::Groen => &[(LeverGoal::StayAboveBand, b.grenswaarde)],
        };
        for &(goal, threshold) in goals {
            out.push(Lever {
                indicator: b.indicator,
                goal,
                threshold,
                test_year: next.test_year,
                next_pupils: next.next_pupils,
                required_at_level: next.required_at_level(b.indicator, threshold),
                latest_at_level: next.latest_at_level[NextYear::idx(b.indicator)].round() as u32,
            });
        }
    }
    out
}
