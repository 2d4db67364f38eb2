//! Dutch number formatting: decimal comma, `85,0%`. Fluent's NUMBER() does not do this, so the
//! whole product formats numbers through here. [`Dec`] and [`Pct`] are `Display` wrappers that
//! format without allocating (screening writes millions of them).

use std::fmt;

/// A number with `places` decimals and a decimal comma; rounds half away from zero.
#[derive(Debug, Clone, Copy)]
pub struct Dec(pub f64, pub usize);

/// A percentage with one decimal: `85,0%`.
#[derive(Debug, Clone, Copy)]
pub struct Pct(pub f64);

impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (value, places) = (self.0, self.1.min(9));
        if !value.is_finite() || value.abs() >= 1e15 {
            return f.write_str("–");
        }
        let scale = 10i64.pow(places as u32);
        let scaled = (value * scale as f64).round() as i64;
        let sign = if scaled < 0 { "-" } else { "" };
        let abs = scaled.unsigned_abs();
        let (int, frac) = (abs / scale as u64, abs % scale as u64);
        if places == 0 { write!(f, "{sign}{int}") } else { write!(f, "{sign}{int},{frac:0places$}") }
    }
}

impl fmt::Display for Pct {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", Dec(self.0, 1))
    }
}

/// `decimal(85.0, 1)` → `"85,0"`; `decimal(-1.25, 2)` → `"-1,25"`.
pub fn decimal(value: f64, places: usize) -> String {
    Dec(value, places).to_string()
}

/// `percent(85.0)` → `"85,0%"` (one decimal, as the Inspectie's reports show it).
pub fn percent(value: f64) -> String {
    Pct(value).to_string()
}

/// Two decimals, as in the Inspectie's open data: `percent2(93.023)` → `"93,02%"`.
pub fn percent2(value: f64) -> String {
    format!("{}%", Dec(value, 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_a_decimal_comma() {
        assert_eq!(percent(85.0), "85,0%");
        assert_eq!(percent(41.25), "41,3%");
        assert_eq!(percent(90.15), "90,2%");
        assert_eq!(percent2(93.023), "93,02%");
        assert_eq!(decimal(-1.5, 1), "-1,5");
        assert_eq!(decimal(-0.04, 1), "0,0");
        assert_eq!(decimal(0.05, 2), "0,05");
        assert_eq!(decimal(7.0, 0), "7");
        assert_eq!(decimal(f64::NAN, 1), "–");
    }
}
