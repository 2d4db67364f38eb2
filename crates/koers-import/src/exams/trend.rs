//! The pass-rate trend of a VO location: candidates and passes added up over its programmes,
//! per school year, for the whole location and per afdeling.
//!
//! Masked counts (`<5`: 1 to 4) are handled from the published pass rate, which DUO gives even
//! when the counts are masked (`<5;<5;66.7` can only be 3 candidates and 2 passes). Per
//! programme and year the pairs of (candidates, passes) that fit are listed
//! ([`super::ExamenCel::possible`]); then
//! - a cell whose pair is unique is *recovered* exactly;
//! - otherwise the cell is *estimated* as the mean of the pairs that fit, and the lowest and
//!   highest pass rates the location can have are computed exactly over every combination (by
//!   Dinkelbach's method for a ratio of sums, each cell choosing its own pair).
//!
//! Only the `TOTAAL` columns are used; the split by sex is kept in the records.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{Afdeling, DuoExamenRecord, ExamenCel};

/// The exam results of one location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExamTrend {
    /// BRIN and 2 digits.
    pub vestigingscode: String,
    /// BRIN.
    pub instellingscode: String,
    /// Name, from the location's first row.
    pub naam: Option<String>,
    /// Municipality, from the first row.
    pub gemeentenaam: Option<String>,
    /// All programmes together, per school year, oldest first.
    pub years: Vec<PassRateYear>,
    /// Per afdeling the location has programmes in, in [`Afdeling::ALL`] order.
    pub afdelingen: Vec<AfdelingTrend>,
}

/// The results of one afdeling of a location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AfdelingTrend {
    pub afdeling: Afdeling,
    /// Per school year, oldest first.
    pub years: Vec<PassRateYear>,
}

/// A count added up from published and masked counts: exact when `min == max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub min: u32,
    pub max: u32,
}

impl Span {
    /// The count, when it is known exactly.
    pub fn exact(&self) -> Option<u32> {
        (self.min == self.max).then_some(self.min)
    }
}

/// How masked counts were handled in a [`PassRateYear`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Masking {
    /// No exam candidates that year: no pass rate.
    NoCandidates,
    /// Every count was published: the pass rate is exact.
    Exact,
    /// Some counts were masked, and the published pass rates pin every one of them down: the
    /// pass rate is exact.
    Recovered,
    /// Some masked counts fit several values: the pass rate is an estimate (each such count taken
    /// as the mean of the values that fit); `pass_rate_min` and `pass_rate_max` are exact bounds.
    Estimated,
}

/// Candidates, passes and pass rate of one school year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassRateYear {
    /// `2020-2021`.
    pub schooljaar: String,
    /// `2021`.
    pub school_year_code: String,
    /// Programmes with candidates that year.
    pub programmes: u32,
    /// Exam candidates.
    pub candidates: Span,
    /// Passes.
    pub passes: Span,
    /// Pass rate in percent (exact, or an estimate: see [`PassRateYear::masking`]); `None`
    /// without candidates.
    pub pass_rate: Option<f64>,
    /// The lowest pass rate the published numbers allow.
    pub pass_rate_min: Option<f64>,
    /// The highest pass rate the published numbers allow.
    pub pass_rate_max: Option<f64>,
    /// Masked (`<5`) candidate and pass counts.
    pub masked_cells: u32,
    /// Of those, the ones recovered exactly from the pass rate.
    pub recovered_cells: u32,
    /// How masked counts were handled.
    pub masking: Masking,
}

impl PassRateYear {
    /// How the pass rate came about, in Dutch, for a page or a report.
    pub fn masking_nl(&self) -> String {
        let pct = |x: Option<f64>| x.map(|v| format!("{:.1}%", v).replace('.', ",")).unwrap_or_default();
        match self.masking {
            Masking::NoCandidates => "geen examenkandidaten".to_string(),
            Masking::Exact => "alle aantallen gepubliceerd".to_string(),
            Masking::Recovered => format!(
                "{} afgeschermde aantallen (<5) exact herleid uit het gepubliceerde slagingspercentage",
                self.masked_cells
            ),
            Masking::Estimated => format!(
                "{} afgeschermde aantallen (<5), waarvan {} exact herleid uit het slagingspercentage; de andere \
                 geschat als het gemiddelde van wat bij het percentage past — slagingspercentage {} (zeker tussen {} en {})",
                self.masked_cells,
                self.recovered_cells,
                pct(self.pass_rate),
                pct(self.pass_rate_min),
                pct(self.pass_rate_max)
            ),
        }
    }
}

/// Adds the records up per location (in order of first appearance) and school year, for the
/// whole location and per afdeling.
pub fn exam_trends(records: &[DuoExamenRecord]) -> Vec<ExamTrend> {
    let mut order: Vec<&str> = Vec::new();
    let mut groups: HashMap<&str, Vec<&DuoExamenRecord>> = HashMap::new();
    for r in records {
        let group = groups.entry(r.vestigingscode.as_str()).or_default();
        if group.is_empty() {
            order.push(&r.vestigingscode);
        }
        group.push(r);
    }
    order
        .into_iter()
        .filter_map(|code| {
            let group = groups.remove(code)?;
            let first = group.first()?;
            let afdelingen = Afdeling::ALL
                .into_iter()
                .filter_map(|a| {
                    let rows: Vec<&DuoExamenRecord> = group.iter().copied().filter(|r| r.afdeling == a).collect();
                    (!rows.is_empty()).then(|| AfdelingTrend { afdeling: a, years: years_of(&rows) })
                })
                .collect();
            Some(ExamTrend {
                vestigingscode: first.vestigingscode.clone(),
                instellingscode: first.instellingscode.clone(),
                naam: first.naam.clone(),
                gemeentenaam: first.gemeentenaam.clone(),
                years: years_of(&group),
                afdelingen,
            })
        })
        .collect()
}

/// Per school year (in the order of the records' years) the sum over `rows`.
fn years_of(rows: &[&DuoExamenRecord]) -> Vec<PassRateYear> {
    let mut years: Vec<(&str, &str, Vec<ExamenCel>)> = Vec::new();
    for r in rows {
        for y in &r.jaren {
            match years.iter_mut().find(|(_, code, _)| *code == y.school_year_code) {
                Some((_, _, cells)) => cells.push(y.totaal),
                None => years.push((&y.schooljaar, &y.school_year_code, vec![y.totaal])),
            }
        }
    }
    years.into_iter().map(|(label, code, cells)| year(label, code, &cells)).collect()
}

/// One school year's sum.
fn year(label: &str, code: &str, cells: &[ExamenCel]) -> PassRateYear {
    let options: Vec<Vec<(u32, u32)>> = cells.iter().map(ExamenCel::possible).filter(|o| !o.is_empty()).collect();
    let span = |pick: fn(&(u32, u32)) -> u32| Span {
        min: options.iter().map(|o| o.iter().map(pick).min().unwrap_or(0)).fold(0u32, u32::saturating_add),
        max: options.iter().map(|o| o.iter().map(pick).max().unwrap_or(0)).fold(0u32, u32::saturating_add),
    };
    let (candidates, passes) = (span(|p| p.0), span(|p| p.1));
    let masked_cells: u32 = cells.iter().map(ExamenCel::masked).sum();
    let recovered_cells: u32 = cells.iter().filter(|c| c.possible().len() == 1).map(ExamenCel::masked).sum();
    let programmes = options.iter().filter(|o| o.iter().any(|(c, _)| *c > 0)).count() as u32;
    let mut result = PassRateYear {
        schooljaar: label.to_string(),
        school_year_code: code.to_string(),
        programmes,
        candidates,
        passes,
        pass_rate: None,
        pass_rate_min: None,
        pass_rate_max: None,
        masked_cells,
        recovered_cells,
        masking: Masking::NoCandidates,
    };
    if candidates.max == 0 {
        return result;
    }
    let (mut sum_c, mut sum_p) = (0.0, 0.0);
    for o in &options {
        let n = o.len() as f64;
        sum_c += o.iter().map(|(c, _)| f64::from(*c)).sum::<f64>() / n;
        sum_p += o.iter().map(|(_, p)| f64::from(*p)).sum::<f64>() / n;
    }
    result.pass_rate = Some(100.0 * sum_p / sum_c);
    result.masking = if masked_cells == 0 {
        Masking::Exact
    } else if recovered_cells == masked_cells {
        Masking::Recovered
    } else {
        Masking::Estimated
    };
    if result.masking == Masking::Estimated {
        result.pass_rate_min = Some(100.0 * extreme(&options, false));
        result.pass_rate_max = Some(100.0 * extreme(&options, true));
    } else {
        result.pass_rate_min = result.pass_rate;
        result.pass_rate_max = result.pass_rate;
    }
    result
}

/// The highest (or lowest) Σpasses / Σcandidates over every choice of one pair per cell.
///
/// Dinkelbach: for a trial ratio `r`, each cell picks the pair that maximises (minimises)
/// `p − r·c`; the ratio of that choice is the next `r`, until it no longer improves. Each step
/// improves strictly and there are finitely many choices, so it ends (in practice in 2–4 steps).
fn extreme(options: &[Vec<(u32, u32)>], highest: bool) -> f64 {
    let ratio = |choice: &[(u32, u32)]| {
        let c: u64 = choice.iter().map(|(c, _)| u64::from(*c)).sum();
        let p: u64 = choice.iter().map(|(_, p)| u64::from(*p)).sum();
        if c == 0 { 0.0 } else { p as f64 / c as f64 }
    };
    let first: Vec<(u32, u32)> = options.iter().filter_map(|o| o.first().copied()).collect();
    let mut r = ratio(&first);
    for _ in 0..64 {
        let choice: Vec<(u32, u32)> = options
            .iter()
            .filter_map(|o| {
                let score = |(c, p): &(u32, u32)| f64::from(*p) - r * f64::from(*c);
                let by_score = |a: &&(u32, u32), b: &&(u32, u32)| score(a).total_cmp(&score(b));
                if highest { o.iter().max_by(by_score) } else { o.iter().min_by(by_score) }.copied()
            })
            .collect();
        let next = ratio(&choice);
        let better = if highest { next > r + 1e-12 } else { next < r - 1e-12 };
        if !better {
            break;
        }
        r = next;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Count::{Known, Masked};

    fn cell(c: crate::Count, p: crate::Count, pct: f64) -> ExamenCel {
        ExamenCel { kandidaten: c, geslaagden: p, slaagpercentage: Some(pct) }
    }

    #[test]
    fn masked_cells_are_recovered_from_the_rate_when_it_allows() {
        assert_eq!(cell(Masked, Masked, 66.7).possible(), [(3, 2)]);
        assert_eq!(cell(Known(5), Masked, 80.0).possible(), [(5, 4)]);
        assert_eq!(cell(Masked, Masked, 50.0).possible(), [(2, 1), (4, 2)]);
        assert_eq!(cell(Masked, Masked, 100.0).possible(), [(1, 1), (2, 2), (3, 3), (4, 4)]);
        assert_eq!(cell(Masked, Known(0), 0.0).possible(), [(1, 0), (2, 0), (3, 0), (4, 0)]);
        assert!(cell(Known(10), Masked, 55.0).possible().is_empty());
        let y = year("2024-2025", "2425", &[cell(Known(40), Known(33), 82.5), cell(Masked, Masked, 66.7)]);
        assert_eq!((y.candidates, y.passes), (Span { min: 43, max: 43 }, Span { min: 35, max: 35 }));
        assert_eq!((y.masking, y.masked_cells, y.recovered_cells), (Masking::Recovered, 2, 2));
        assert_eq!(y.pass_rate, Some(100.0 * 35.0 / 43.0));
    }

    #[test]
    fn estimated_rates_come_with_exact_bounds() {
        let cells = [cell(Known(10), Known(5), 50.0), cell(Masked, Masked, 100.0), cell(Masked, Masked, 50.0)];
        let y = year("2024-2025", "2425", &cells);
        assert_eq!(y.masking, Masking::Estimated);
        assert_eq!((y.candidates, y.passes), (Span { min: 13, max: 18 }, Span { min: 7, max: 11 }));
        // Lowest: 10/5 + 1/1 + 4/2 → 8/15; highest: 10/5 + 4/4 + 2/1 → 10/16.
        assert_eq!(y.pass_rate_min, Some(100.0 * 8.0 / 15.0));
        assert_eq!(y.pass_rate_max, Some(100.0 * 10.0 / 16.0));
        // Estimate: 10/5 + 2,5/2,5 + 3/1,5.
        assert_eq!(y.pass_rate, Some(100.0 * 9.0 / 15.5));
        assert!(y.masking_nl().contains("zeker tussen 53,3% en 62,5%"), "{}", y.masking_nl());
    }

    #[test]
    fn a_year_without_candidates_has_no_rate() {
        let y = year("2020-2021", "2021", &[cell(Known(0), Known(0), 0.0)]);
        assert_eq!((y.masking, y.pass_rate, y.programmes), (Masking::NoCandidates, None, 0));
        assert_eq!(y.masking_nl(), "geen examenkandidaten");
    }
}
