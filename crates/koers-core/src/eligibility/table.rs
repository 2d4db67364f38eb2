//! "Waarden om mee te kunnen doen" (seed 000): per schoolwegingscategorie the signaleringswaarden
//! and the highest three-year value that still lies in the GWGB+ band, computed from the
//! programme's stored [`BandRule`] and a norm table — so a beheerder's edit of the band changes
//! the table. The band light is decided by [`light_of`], the same function [`super::assess_band`]
//! uses, so a number in the table never contradicts a verdict.

use super::{TrafficLight, grenswaarde};
use crate::norms::NormSet;
use crate::programme::BandRule;
use crate::results::{Indicator, round2};
use crate::types::Category;
use serde::Serialize;

/// The light of a three-year `value` (two decimals) against its signaleringswaarde and
/// grenswaarde: rood below the signaleringswaarde, oranje below the grenswaarde rounded to two
/// decimals (the published precision), groen from there up.
pub fn light_of(value: f64, signaleringswaarde: f64, grenswaarde: f64) -> TrafficLight {
    if value < signaleringswaarde - 1e-9 {
        TrafficLight::Rood
    } else if value < round2(grenswaarde) - 1e-9 {
        TrafficLight::Oranje
    } else {
        TrafficLight::Groen
    }
}

/// One indicator of one category in the table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct IndicatorLimit {
    pub indicator: Indicator,
    pub signaleringswaarde: f64,
    pub comparable_mean: f64,
    /// The grenswaarde rounded to two decimals: a value at or above it is groen.
    pub grenswaarde: f64,
    /// The highest two-decimal value that is still below the grenswaarde (still qualifies);
    /// `None` when no value between 0 and 100 does.
    pub highest_qualifying: Option<f64>,
}

/// One schoolwegingscategorie.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryLimits {
    pub category: Category,
    /// In [`Indicator::ALL`] order (1F, then 1S/2F).
    pub indicators: Vec<IndicatorLimit>,
}

/// The whole table with what it was computed from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QualifyingTable {
    pub norms_id: String,
    pub norms_title: String,
    pub grens_fraction: f64,
    /// How many indicators must lie below their grenswaarde.
    pub min_indicators_below_grens: u8,
    pub rows: Vec<CategoryLimits>,
}

/// The highest value with two decimals for which [`light_of`] is not groen.
fn highest_below(signaleringswaarde: f64, grens: f64) -> Option<f64> {
    // In hundredths, so 49,00 − 0,01 is exactly 48,99. Below the signaleringswaarde is rood, so
    // when a norm table puts the grenswaarde under it (comparable mean below the
    // signaleringswaarde) the signaleringswaarde bounds the band.
    let top = round2(grens).max(round2(signaleringswaarde));
    let first = ((top * 100.0).round() as i64 - 1).min(10_000);
    (first.saturating_sub(1)..=first)
        .rev()
        .filter(|h| *h >= 0)
        .map(|h| h as f64 / 100.0)
        .find(|v| light_of(*v, signaleringswaarde, grens) != TrafficLight::Groen)
}

/// The table for `rule` over `norms`.
pub fn qualifying_table(norms: &NormSet, rule: &BandRule) -> QualifyingTable {
    let rows = Category::all()
        .map(|category| CategoryLimits {
            category,
            indicators: Indicator::ALL
                .iter()
                .map(|&indicator| {
                    let signaleringswaarde = norms.signaleringswaarde(indicator, category);
                    let comparable_mean = norms.comparable_mean(indicator, category);
                    let grens = grenswaarde(signaleringswaarde, comparable_mean, rule.grens_fraction);
                    IndicatorLimit {
                        indicator,
                        signaleringswaarde,
                        comparable_mean,
                        grenswaarde: round2(grens),
                        highest_qualifying: highest_below(signaleringswaarde, grens),
                    }
                })
                .collect(),
        })
        .collect();
    QualifyingTable {
        norms_id: norms.id.clone(),
        norms_title: norms.title.clone(),
        grens_fraction: rule.grens_fraction,
        min_indicators_below_grens: rule.min_indicators_below_grens,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::norms::NormLibrary;

    fn norms() -> NormSet {
        NormLibrary::shipped().unwrap_or_else(|e| panic!("{e}")).sets()[0].clone()
    }

    fn limit(t: &QualifyingTable, cat: u8, i: Indicator) -> IndicatorLimit {
        let row = t.rows.iter().find(|r| r.category.lower_bound() == cat).unwrap_or_else(|| panic!("{cat}"));
        *row.indicators.iter().find(|l| l.indicator == i).unwrap_or_else(|| panic!("{i:?}"))
    }

    #[test]
    fn the_real_norms_give_the_published_signaleringswaarden_and_the_midpoint() {
        let t = qualifying_table(&norms(), &BandRule::default());
        assert_eq!(t.rows.len(), 20);
        // category 31: 1S/2F signaleringswaarde 43,5, comparable 54,5 → grens 49,00
        let l = limit(&t, 31, Indicator::S1F2);
        assert_eq!((l.signaleringswaarde, l.grenswaarde, l.highest_qualifying), (43.5, 49.0, Some(48.99)));
        // 1F: 85,0 and comparable 95,3 → grens 90,15
        let l = limit(&t, 31, Indicator::F1);
        assert_eq!((l.signaleringswaarde, l.grenswaarde, l.highest_qualifying), (85.0, 90.15, Some(90.14)));
        // category 20: 68,3 and 78,8 → 73,55
        assert_eq!(limit(&t, 20, Indicator::S1F2).highest_qualifying, Some(73.54));
        // category 39: 30,3 and 41,1 → 35,70
        assert_eq!(limit(&t, 39, Indicator::S1F2).highest_qualifying, Some(35.69));
    }

    #[test]
    fn every_number_agrees_with_the_band_at_its_boundary() {
        for fraction in [0.0, 0.25, 0.5, 0.77, 1.0] {
            let rule = BandRule { grens_fraction: fraction, ..BandRule::default() };
            for row in qualifying_table(&norms(), &rule).rows {
                for l in &row.indicators {
                    let h = l.highest_qualifying.unwrap_or_else(|| panic!("{:?}", row.category));
                    let grens = grenswaarde(l.signaleringswaarde, l.comparable_mean, fraction);
                    assert_ne!(light_of(h, l.signaleringswaarde, grens), TrafficLight::Groen, "{h} qualifies");
                    let next = ((h * 100.0).round() + 1.0) / 100.0;
                    assert_eq!(light_of(next, l.signaleringswaarde, grens), TrafficLight::Groen, "{next} does not");
                }
            }
        }
    }

    #[test]
    fn a_band_edit_changes_the_table() {
        let wide = qualifying_table(&norms(), &BandRule { grens_fraction: 1.0, ..BandRule::default() });
        // fraction 1: the grenswaarde is the comparable-schools mean (54,5 for category 31)
        assert_eq!(limit(&wide, 31, Indicator::S1F2).highest_qualifying, Some(54.49));
        let none = qualifying_table(&norms(), &BandRule { grens_fraction: 0.0, ..BandRule::default() });
        // fraction 0: only a value below the signaleringswaarde qualifies
        assert_eq!(limit(&none, 31, Indicator::S1F2).highest_qualifying, Some(43.49));
    }

    #[test]
    fn a_zero_signaleringswaarde_leaves_nothing_that_qualifies() {
        assert_eq!(highest_below(0.0, 0.0), None);
        assert_eq!(highest_below(0.0, 0.01), Some(0.0));
    }
}
