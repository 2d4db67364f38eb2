//! Validated value types. Each has one constructor that checks its invariant and returns a
//! [`ValueError`] with a Dutch message that a user can act on.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a value was refused. The `Display` text is Dutch and names what is wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ValueError {
    #[error("percentage {0} ligt niet tussen 0 en 100")]
    PercentageOutOfRange(String),
    #[error("schoolweging {0} is geen geldige waarde (verwacht een getal tussen 0 en 100)")]
    SchoolwegingOutOfRange(String),
    #[error("toetsjaar {0} ligt niet tussen 2000 en 2100")]
    TestYearOutOfRange(u16),
    #[error("in {0} werd geen eindtoets afgenomen (coronajaar)")]
    NoTestHeld(u16),
    #[error("aantal leerlingen op niveau ({at_level}) is groter dan het aantal leerlingen ({pupils})")]
    MoreAtLevelThanPupils { at_level: u32, pupils: u32 },
    #[error("aantal leerlingen is 0; een jaar zonder leerlingen telt niet mee")]
    NoPupils,
}

/// The calendar year in which the end test was taken: school year 2024/25 is test year 2025.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct TestYear(u16);

/// The year without a national end test (COVID-19): windows skip it.
pub const YEAR_WITHOUT_TEST: u16 = 2020;

impl TestYear {
    pub fn new(year: u16) -> Result<Self, ValueError> {
        if !(2000..=2100).contains(&year) {
            return Err(ValueError::TestYearOutOfRange(year));
        }
        if year == YEAR_WITHOUT_TEST {
            return Err(ValueError::NoTestHeld(year));
        }
        Ok(Self(year))
    }

    /// Test year from a school year code as the Inspectie writes it: `"2425"` → 2025.
    pub fn from_school_year_code(code: &str) -> Option<Self> {
        let digits = code.trim();
        if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let second: u16 = digits[2..].parse().ok()?;
        Self::new(2000 + second).ok()
    }

    pub fn get(self) -> u16 {
        self.0
    }

    /// The test year before this one (2021 → 2019, skipping the year without a test).
    pub fn previous(self) -> Option<Self> {
        let mut y = self.0.checked_sub(1)?;
        if y == YEAR_WITHOUT_TEST {
            y -= 1;
        }
        Self::new(y).ok()
    }

    /// The test year after this one (2019 → 2021).
    pub fn next(self) -> Option<Self> {
        let mut y = self.0 + 1;
        if y == YEAR_WITHOUT_TEST {
            y += 1;
        }
        Self::new(y).ok()
    }

    /// The three most recent test years ending at `self`, oldest first (2022 → 2019, 2021, 2022).
    pub fn window(self) -> Option<[TestYear; 3]> {
        let y1 = self.previous()?;
        let y0 = y1.previous()?;
        Some([y0, y1, self])
    }

    /// School year label, `2024/25` for test year 2025.
    pub fn school_year_label(self) -> String {
        format!("{}/{:02}", self.0 - 1, self.0 % 100)
    }
}

impl TryFrom<u16> for TestYear {
    type Error = ValueError;
    fn try_from(v: u16) -> Result<Self, ValueError> {
        Self::new(v)
    }
}
impl From<TestYear> for u16 {
    fn from(v: TestYear) -> u16 {
        v.0
    }
}
impl fmt::Display for TestYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A percentage in `[0, 100]`, kept as `f64` inside the model (rounding rules are in
/// [`crate::results`]).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Percentage(f64);

impl Percentage {
    pub fn new(value: f64) -> Result<Self, ValueError> {
        if value.is_finite() && (0.0..=100.0).contains(&value) {
            Ok(Self(value))
        } else {
            Err(ValueError::PercentageOutOfRange(crate::nl::decimal(value, 2)))
        }
    }
    pub fn get(self) -> f64 {
        self.0
    }
}
impl TryFrom<f64> for Percentage {
    type Error = ValueError;
    fn try_from(v: f64) -> Result<Self, ValueError> {
        Self::new(v)
    }
}
impl From<Percentage> for f64 {
    fn from(v: Percentage) -> f64 {
        v.0
    }
}

/// The CBS schoolweging (three-year mean). Values outside `[20, 40]` are legal and are clipped
/// only when the category is determined.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Schoolweging(f64);

impl Schoolweging {
    pub fn new(value: f64) -> Result<Self, ValueError> {
        if value.is_finite() && (0.0..=100.0).contains(&value) {
            Ok(Self(value))
        } else {
            Err(ValueError::SchoolwegingOutOfRange(crate::nl::decimal(value, 2)))
        }
    }

    /// The Inspectie's schoolweging: the unweighted mean of the CBS weging of three school
    /// years (DOMAIN §1.5). `None` when not exactly three years are given.
    pub fn three_year_mean(per_year: &[Schoolweging]) -> Option<Self> {
        if per_year.len() != 3 {
            return None;
        }
        let sum: f64 = per_year.iter().map(|w| w.0).sum();
        Self::new(sum / 3.0).ok()
    }

    pub fn get(self) -> f64 {
        self.0
    }

    /// Category `[k, k+1)` with k = floor(weging) after clipping to `[20, 40]`; 40.00 → `[39,40)`.
    pub fn category(self) -> Category {
        let clipped = self.0.clamp(Category::MIN as f64, Category::MAX as f64 + 1.0);
        let k = (clipped.floor() as u8).min(Category::MAX);
        Category(k)
    }
}
impl TryFrom<f64> for Schoolweging {
    type Error = ValueError;
    fn try_from(v: f64) -> Result<Self, ValueError> {
        Self::new(v)
    }
}
impl From<Schoolweging> for f64 {
    fn from(v: Schoolweging) -> f64 {
        v.0
    }
}

/// A schoolwegingscategorie `[k, k+1)`, k in 20..=39.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Category(u8);

impl Category {
    pub const MIN: u8 = 20;
    pub const MAX: u8 = 39;

    pub fn from_lower_bound(k: u8) -> Option<Self> {
        (Self::MIN..=Self::MAX).contains(&k).then_some(Self(k))
    }
    pub fn lower_bound(self) -> u8 {
        self.0
    }
    pub fn all() -> impl Iterator<Item = Category> {
        (Self::MIN..=Self::MAX).map(Category)
    }
    /// Index into a 20-row table.
    pub fn index(self) -> usize {
        usize::from(self.0 - Self::MIN)
    }
    /// The label as the Inspectie writes it: `[31,32)`.
    pub fn label(self) -> String {
        format!("[{},{})", self.0, self.0 + 1)
    }
    /// Parse the Inspectie's label `[31,32)`.
    pub fn parse_label(s: &str) -> Option<Self> {
        let inner = s.trim().strip_prefix('[')?.strip_suffix(')')?;
        let (a, b) = inner.split_once(',')?;
        let a: u8 = a.trim().parse().ok()?;
        let b: u8 = b.trim().parse().ok()?;
        (b == a + 1).then_some(())?;
        Self::from_lower_bound(a)
    }
}
impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(w: f64) -> u8 {
        Schoolweging::new(w).map(|w| w.category().lower_bound()).unwrap_or(0)
    }

    #[test]
    fn category_edges_follow_the_inspectie() {
        assert_eq!(cat(20.00), 20);
        assert_eq!(cat(20.99), 20);
        assert_eq!(cat(21.00), 21);
        assert_eq!(cat(39.999), 39);
        assert_eq!(cat(40.00), 39);
        assert_eq!(cat(19.5), 20, "below 20 is clipped");
        assert_eq!(cat(0.0), 20);
        assert_eq!(cat(47.3), 39, "above 40 is clipped");
        assert_eq!(cat(100.0), 39);
    }

    #[test]
    fn category_labels_round_trip() {
        for c in Category::all() {
            assert_eq!(Category::parse_label(&c.label()), Some(c));
        }
        assert_eq!(Category::parse_label("[40,41)"), None);
        assert_eq!(Category::parse_label("[31,33)"), None);
        assert_eq!(Category::parse_label(""), None);
    }

    #[test]
    fn windows_skip_the_year_without_a_test() {
        let w = TestYear::new(2022).and_then(|y| y.window().ok_or(ValueError::NoPupils));
        assert_eq!(w.map(|w| w.map(u16::from)), Ok([2019, 2021, 2022]));
        let w = TestYear::new(2025).ok().and_then(|y| y.window());
        assert_eq!(w.map(|w| w.map(u16::from)), Some([2023, 2024, 2025]));
        assert_eq!(TestYear::new(2020), Err(ValueError::NoTestHeld(2020)));
    }

    #[test]
    fn school_year_codes_map_to_test_years() {
        assert_eq!(TestYear::from_school_year_code("2425").map(u16::from), Some(2025));
        assert_eq!(TestYear::from_school_year_code("2223").map(u16::from), Some(2023));
        assert_eq!(TestYear::from_school_year_code("1920"), None, "no test in 2020");
        assert_eq!(TestYear::from_school_year_code("24/25"), None);
        assert_eq!(TestYear::new(2025).map(|y| y.school_year_label()), Ok("2024/25".into()));
    }

    #[test]
    fn percentages_outside_0_100_are_refused_in_dutch() {
        assert!(Percentage::new(100.0).is_ok());
        assert!(Percentage::new(0.0).is_ok());
        let e = Percentage::new(100.5).err().map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("percentage 100,50 ligt niet tussen 0 en 100"));
        assert!(Percentage::new(f64::NAN).is_err());
    }

    #[test]
    fn three_year_schoolweging_is_the_unweighted_mean() {
        let ws: Vec<_> = [30.04, 31.0, 33.37].iter().filter_map(|w| Schoolweging::new(*w).ok()).collect();
        let m = Schoolweging::three_year_mean(&ws).map(|w| w.get());
        assert!(m.is_some_and(|m| (m - 31.47).abs() < 1e-9));
        assert_eq!(Schoolweging::three_year_mean(&ws[..2]), None);
    }
}
