//! Versioned norm tables (DOMAIN §1.6, §2). One TOML file per norm period in `norms/`; the ones
//! shipped with Koers are embedded, others can be loaded from text at run time.

use crate::results::Indicator;
use crate::types::{Category, TestYear};
use serde::Deserialize;

/// The norm files shipped with Koers, embedded at compile time.
pub const SHIPPED: &[(&str, &str)] =
    &[("inspectie-po-2023-2025.toml", include_str!("../../../norms/inspectie-po-2023-2025.toml"))];

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum NormError {
    #[error("normbestand {file}: {detail}")]
    Syntax { file: String, detail: String },
    #[error("normbestand {file}: {detail}")]
    Invalid { file: String, detail: String },
    #[error("geen normtabel voor toetsjaar {0}")]
    NoNormsForYear(u16),
    #[error("onbekende normtabel '{0}'")]
    UnknownId(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Period {
    pub first_test_year: u16,
    pub last_test_year: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct CategoryNorms {
    pub from: u8,
    pub signaleringswaarde_1s2f: f64,
    pub comparable_1f: f64,
    pub comparable_1s2f: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNormSet {
    id: String,
    title: String,
    source: String,
    period: Period,
    min_pupils_three_years: u32,
    min_pupils_per_year: u32,
    signaleringswaarde_1f: f64,
    national_mean_1f: f64,
    national_mean_1s2f: f64,
    categories: Vec<CategoryNorms>,
}

/// One validated norm period: signaleringswaarden, comparable-schools means, counting rules.
#[derive(Debug, Clone, PartialEq)]
pub struct NormSet {
    pub id: String,
    pub title: String,
    pub source: String,
    pub period: Period,
    pub min_pupils_three_years: u32,
    pub min_pupils_per_year: u32,
    pub signaleringswaarde_1f: f64,
    pub national_mean_1f: f64,
    pub national_mean_1s2f: f64,
    /// Exactly one row per category 20..=39, in order.
    categories: Vec<CategoryNorms>,
}

fn check_pct(file: &str, what: &str, v: f64) -> Result<(), NormError> {
    if v.is_finite() && (0.0..=100.0).contains(&v) {
        Ok(())
    } else {
        Err(NormError::Invalid { file: file.into(), detail: format!("{what} = {v} ligt niet tussen 0 en 100") })
    }
}

impl NormSet {
    /// Parse and validate a norm file. `file` is only used in messages.
    pub fn from_toml(file: &str, text: &str) -> Result<Self, NormError> {
        let raw: RawNormSet = toml::from_str(text)
            .map_err(|e| NormError::Syntax { file: file.into(), detail: e.message().to_owned() })?;
        let invalid = |detail: String| NormError::Invalid { file: file.into(), detail };
        if raw.period.first_test_year > raw.period.last_test_year {
            return Err(invalid("period: first_test_year ligt na last_test_year".into()));
        }
        if raw.categories.len() != 20 {
            return Err(invalid(format!(
                "verwacht 20 schoolwegingscategorieën (20 t/m 39), gevonden {}",
                raw.categories.len()
            )));
        }
        for (i, c) in raw.categories.iter().enumerate() {
            let expected = Category::MIN + i as u8;
            if c.from != expected {
                return Err(invalid(format!(
                    "categorie {} staat op plaats {} maar verwacht is {expected}",
                    c.from,
                    i + 1
                )));
            }
            check_pct(file, &format!("categorie {} signaleringswaarde_1s2f", c.from), c.signaleringswaarde_1s2f)?;
            check_pct(file, &format!("categorie {} comparable_1f", c.from), c.comparable_1f)?;
            check_pct(file, &format!("categorie {} comparable_1s2f", c.from), c.comparable_1s2f)?;
        }
        for (what, v) in [
            ("signaleringswaarde_1f", raw.signaleringswaarde_1f),
            ("national_mean_1f", raw.national_mean_1f),
            ("national_mean_1s2f", raw.national_mean_1s2f),
        ] {
            check_pct(file, what, v)?;
        }
        if raw.min_pupils_per_year == 0 || raw.min_pupils_three_years == 0 {
            return Err(invalid("min_pupils_per_year en min_pupils_three_years moeten groter dan 0 zijn".into()));
        }
        Ok(Self {
            id: raw.id,
            title: raw.title,
            source: raw.source,
            period: raw.period,
            min_pupils_three_years: raw.min_pupils_three_years,
            min_pupils_per_year: raw.min_pupils_per_year,
            signaleringswaarde_1f: raw.signaleringswaarde_1f,
            national_mean_1f: raw.national_mean_1f,
            national_mean_1s2f: raw.national_mean_1s2f,
            categories: raw.categories,
        })
    }

    pub fn category(&self, c: Category) -> &CategoryNorms {
        // Validated in from_toml: 20 rows, row i is category 20 + i.
        &self.categories[c.index()]
    }

    pub fn categories(&self) -> &[CategoryNorms] {
        &self.categories
    }

    /// The signaleringswaarde of an indicator for a category.
    pub fn signaleringswaarde(&self, indicator: Indicator, c: Category) -> f64 {
        match indicator {
            Indicator::F1 => self.signaleringswaarde_1f,
            Indicator::S1F2 => self.category(c).signaleringswaarde_1s2f,
        }
    }

    /// The mean of comparable schools (same category) for an indicator.
    pub fn comparable_mean(&self, indicator: Indicator, c: Category) -> f64 {
        let row = self.category(c);
        match indicator {
            Indicator::F1 => row.comparable_1f,
            Indicator::S1F2 => row.comparable_1s2f,
        }
    }

    pub fn national_mean(&self, indicator: Indicator) -> f64 {
        match indicator {
            Indicator::F1 => self.national_mean_1f,
            Indicator::S1F2 => self.national_mean_1s2f,
        }
    }

    /// Lowest and highest signaleringswaarde over all categories: when the schoolweging is
    /// unknown, a value outside this range still has a definite outcome.
    pub fn signaleringswaarde_range(&self, indicator: Indicator) -> (f64, f64) {
        Category::all()
            .map(|c| self.signaleringswaarde(indicator, c))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)))
    }

    pub fn covers(&self, year: TestYear) -> bool {
        (self.period.first_test_year..=self.period.last_test_year).contains(&year.get())
    }
}

/// All known norm periods; picks the one in force for a test year.
#[derive(Debug, Clone)]
pub struct NormLibrary {
    sets: Vec<NormSet>,
}

impl NormLibrary {
    /// The norm files shipped with Koers.
    pub fn shipped() -> Result<Self, NormError> {
        let sets = SHIPPED.iter().map(|(f, t)| NormSet::from_toml(f, t)).collect::<Result<Vec<_>, _>>()?;
        Ok(Self { sets })
    }

    pub fn new(sets: Vec<NormSet>) -> Self {
        Self { sets }
    }

    pub fn sets(&self) -> &[NormSet] {
        &self.sets
    }

    /// The norm set whose period covers `year`; when none does, the latest period that started
    /// before it (norms stay in force until replaced).
    pub fn for_test_year(&self, year: TestYear) -> Result<&NormSet, NormError> {
        if let Some(s) = self.sets.iter().find(|s| s.covers(year)) {
            return Ok(s);
        }
        self.sets
            .iter()
            .filter(|s| s.period.first_test_year <= year.get())
            .max_by_key(|s| s.period.last_test_year)
            .ok_or(NormError::NoNormsForYear(year.get()))
    }

    pub fn by_id(&self, id: &str) -> Result<&NormSet, NormError> {
        self.sets.iter().find(|s| s.id == id).ok_or_else(|| NormError::UnknownId(id.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> NormSet {
        NormSet::from_toml(SHIPPED[0].0, SHIPPED[0].1).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_shipped_table_has_the_published_signaleringswaarden() {
        let n = shipped();
        let c = |k| Category::from_lower_bound(k).unwrap_or_else(|| panic!("cat {k}"));
        assert_eq!(n.signaleringswaarde(Indicator::F1, c(31)), 85.0);
        assert_eq!(n.signaleringswaarde(Indicator::S1F2, c(20)), 68.3);
        assert_eq!(n.signaleringswaarde(Indicator::S1F2, c(31)), 43.5);
        assert_eq!(n.signaleringswaarde(Indicator::S1F2, c(39)), 30.3);
        assert_eq!(n.comparable_mean(Indicator::S1F2, c(39)), 41.1);
        assert_eq!(n.signaleringswaarde_range(Indicator::S1F2), (30.3, 68.3));
        assert!(n.source.contains("onderwijsinspectie.nl"));
    }

    #[test]
    fn signaleringswaarden_fall_as_the_weging_rises() {
        let n = shipped();
        let v: Vec<f64> = Category::all().map(|c| n.signaleringswaarde(Indicator::S1F2, c)).collect();
        assert!(v.windows(2).all(|w| w[0] > w[1]));
    }

    #[test]
    fn a_broken_norm_file_is_refused_with_a_reason() {
        let text = SHIPPED[0].1.replace("{ from = 25,", "{ from = 26,");
        let e = NormSet::from_toml("x.toml", &text).err().map(|e| e.to_string());
        assert!(e.is_some_and(|e| e.contains("categorie 26 staat op plaats 6")));
        let e = NormSet::from_toml("x.toml", "id = 1").err().map(|e| e.to_string());
        assert!(e.is_some_and(|e| e.starts_with("normbestand x.toml:")));
        let text = SHIPPED[0].1.replace("signaleringswaarde_1f = 85.0", "signaleringswaarde_1f = 185.0");
        assert!(NormSet::from_toml("x.toml", &text).is_err());
    }

    #[test]
    fn the_library_picks_the_period_in_force() {
        let lib = NormLibrary::shipped().unwrap_or_else(|e| panic!("{e}"));
        let y = |y| TestYear::new(y).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(lib.for_test_year(y(2024)).map(|s| s.id.as_str()), Ok("inspectie-po-2023-2025"));
        assert_eq!(lib.for_test_year(y(2026)).map(|s| s.id.as_str()), Ok("inspectie-po-2023-2025"));
        assert_eq!(lib.for_test_year(y(2019)).err(), Some(NormError::NoNormsForYear(2019)));
    }
}
