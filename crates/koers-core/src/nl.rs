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

/// A percentage with `places` decimals: `PctP(84.99, 2)` → `84,99%`.
#[derive(Debug, Clone, Copy)]
pub struct PctP(pub f64, pub usize);

impl fmt::Display for PctP {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", Dec(self.0, self.1))
    }
}

/// The decimals (1 or 2) to show `value` next to the `boundary` it is judged against, so the
/// sentence stays true: the model compares both at two decimals (the published precision); one
/// decimal is enough unless rounding to one would change how they compare — 84,99 shown as
/// "85,0%" next to "onder de signaleringswaarde (85,0%)" —, then two.
pub fn places_for(value: f64, boundary: f64) -> usize {
    let round = |v: f64, places: i32| (v * 10f64.powi(places)).round();
    let truth = round(value, 2).partial_cmp(&round(boundary, 2));
    if round(value, 1).partial_cmp(&round(boundary, 1)) == truth { 1 } else { 2 }
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

/// A number as a Dutch user types it — the one parser for typed numbers (forms, the CLI, answers,
/// indicators): `85,5`, `85.5`, ` 85 `, `-1,5`. Exactly one decimal sign at most (comma or
/// point, so `1.234` is 1,234), digits on at least one side, an optional leading `-` or `+`;
/// exponents, `NaN`, `inf`, inner spaces and thousands separators are refused (`None`).
pub fn parse_decimal(text: &str) -> Option<f64> {
    let t = text.trim();
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let ok = !body.is_empty()
        && body.bytes().any(|b| b.is_ascii_digit())
        && body.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        && body.matches([',', '.']).count() <= 1;
    if !ok {
        return None;
    }
    t.replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A percentage as typed: [`parse_decimal`] with an optional `%` after the number (`85,5 %`).
pub fn parse_percent(text: &str) -> Option<f64> {
    let t = text.trim();
    parse_decimal(t.strip_suffix('%').unwrap_or(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_near_their_boundary_get_the_decimals_that_keep_the_sentence_true() {
        assert_eq!(places_for(84.99, 85.0), 2, "84,99 must not read as 85,0");
        assert_eq!(PctP(84.99, places_for(84.99, 85.0)).to_string(), "84,99%");
        assert_eq!(places_for(85.04, 85.0), 2, "85,04 is above 85, not equal");
        assert_eq!(places_for(85.0, 85.0), 1);
        assert_eq!(places_for(80.0, 85.0), 1);
        assert_eq!(places_for(84.94, 85.0), 1, "84,9 < 85,0 stays true");
        assert_eq!(places_for(87.26, 87.25), 2);
    }

    #[test]
    fn typed_numbers_take_a_comma_or_a_point() {
        assert_eq!(parse_decimal("31,47"), Some(31.47));
        assert_eq!(parse_decimal(" 31.47 "), Some(31.47));
        assert_eq!(parse_decimal("-1,5"), Some(-1.5));
        assert_eq!(parse_decimal("+2"), Some(2.0));
        assert_eq!(parse_decimal(",5"), Some(0.5));
        assert_eq!(parse_decimal("85"), Some(85.0));
        for bad in ["", " ", "-", ",", "1.234,5", "1,2,3", "1e3", "NaN", "inf", "1 000", "12a", "--1"] {
            assert_eq!(parse_decimal(bad), None, "{bad:?}");
        }
        assert_eq!(parse_percent("85,5 %"), Some(85.5));
        assert_eq!(parse_percent("85,5%"), Some(85.5));
        assert_eq!(parse_percent("%"), None);
    }

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
