//! Identifiers: BRIN, ovt, vestiging; school years and dates.

use super::ValueProblem;
use koers_core::codes::Ovt;

/// Parses a BRIN number: 2 digits and 2 letters or digits (`00AP`, `31VU`). Lower case is
/// accepted and returned in upper case. The grammar is core's ([`koers_core::codes`]).
pub fn parse_brin(text: &str) -> Result<String, ValueProblem> {
    koers_core::codes::parse_brin(text).map_err(|_| ValueProblem::NotBrin)
}

/// Parses an Inspectie `ovt` code: BRIN, `|`, `C` and 1 or 2 digits (`00AP|C1`, `00AP|C12`),
/// into core's [`Ovt`] (upper case; its BRIN is [`Ovt::brin`]).
pub fn parse_ovt(text: &str) -> Result<Ovt, ValueProblem> {
    Ovt::parse_inspectie(text).map_err(|_| ValueProblem::NotOvt)
}

/// Parses a full vestiging number: BRIN and 2 digits (`00AP00`).
pub fn parse_vestiging(text: &str) -> Result<String, ValueProblem> {
    Ovt::parse_vestiging(text).map(String::from).map_err(|_| ValueProblem::NotVestiging)
}

/// Parses DUO's vestigingscode next to a BRIN: `00`, or `0` from a spreadsheet that kept it as
/// a number, or the full `00AP00` when it starts with `brin`. Returns the 2 digits.
pub fn parse_vestigingscode(text: &str, brin: &str) -> Result<String, ValueProblem> {
    let s = text.trim().to_ascii_uppercase();
    match s.as_bytes() {
        [d] if d.is_ascii_digit() => Ok(format!("0{s}")),
        [d, e] if d.is_ascii_digit() && e.is_ascii_digit() => Ok(s),
        _ => match (parse_vestiging(&s), s.get(..4), s.get(4..)) {
            (Ok(_), Some(prefix), Some(code)) if prefix == brin => Ok(code.to_string()),
            _ => Err(ValueProblem::NotVestiging),
        },
    }
}

/// A school year, e.g. 2023/24.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SchoolYear {
    /// `2023-2024`.
    pub label: String,
    /// `2324`.
    pub code: String,
    /// The calendar year of the tests at its end: 2024.
    pub test_year: u16,
}

/// The code of a school year in a header: four digits, two consecutive years (`2223`).
pub(crate) fn parse_school_year_code(code: &str) -> Option<SchoolYear> {
    let b = code.as_bytes();
    if b.len() != 4 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let first = code.get(..2)?.parse::<u16>().ok()?;
    let second = code.get(2..)?.parse::<u16>().ok()?;
    if (first + 1) % 100 != second {
        return None;
    }
    let start = 2000 + first;
    Some(SchoolYear { label: format!("{start}-{}", start + 1), code: code.to_string(), test_year: start + 1 })
}

/// A school year as written in the schoolweging files: `2021-2022` (also `2021/2022`,
/// `2021/22` and `2122`).
pub(crate) fn parse_school_year(text: &str) -> Result<SchoolYear, ValueProblem> {
    let s = text.trim();
    if let Some(year) = parse_school_year_code(s) {
        return Ok(year);
    }
    let (a, b) = s.split_once(['-', '/']).ok_or(ValueProblem::NotSchoolYear)?;
    let (a, b) = (a.trim(), b.trim());
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit());
    if a.len() != 4 || !digits(a) || !(b.len() == 4 || b.len() == 2) || !digits(b) {
        return Err(ValueProblem::NotSchoolYear);
    }
    let start: u16 = a.parse().map_err(|_| ValueProblem::NotSchoolYear)?;
    let end: u16 = b.parse().map_err(|_| ValueProblem::NotSchoolYear)?;
    let end_ok = if b.len() == 2 { end == (start + 1) % 100 } else { end == start + 1 };
    if !(2000..=2098).contains(&start) || !end_ok {
        return Err(ValueProblem::NotSchoolYear);
    }
    let code = format!("{:02}{:02}", start % 100, (start + 1) % 100);
    parse_school_year_code(&code).ok_or(ValueProblem::NotSchoolYear)
}

/// A date as `20241001` or `2024-10-01` (a spreadsheet date cell reads as the latter).
/// Returned as `2024-10-01`.
pub(crate) fn parse_date(text: &str) -> Result<String, ValueProblem> {
    let s = text.trim();
    let compact: String = match s.as_bytes() {
        [_, _, _, _, b'-', _, _, b'-', _, _] => s.replace('-', ""),
        _ => s.to_string(),
    };
    if compact.len() != 8 || !compact.bytes().all(|c| c.is_ascii_digit()) {
        return Err(ValueProblem::NotDate);
    }
    let part = |r: std::ops::Range<usize>| compact.get(r).and_then(|p| p.parse::<u32>().ok());
    match (part(0..4), part(4..6), part(6..8)) {
        (Some(y), Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => {
            Ok(format!("{y:04}-{m:02}-{d:02}"))
        }
        _ => Err(ValueProblem::NotDate),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(parse_brin("00AP"), Ok("00AP".into()));
        assert_eq!(parse_brin(" 32dx "), Ok("32DX".into()));
        for bad in ["0AP", "00AP0", "A0AP", "00A-", ""] {
            assert_eq!(parse_brin(bad), Err(ValueProblem::NotBrin), "{bad}");
        }
        assert_eq!(parse_ovt("00AP|C1").map(String::from), Ok("00AP|C1".into()));
        assert_eq!(parse_ovt("31vu|c12").map(String::from), Ok("31VU|C12".into()));
        for bad in ["00AP|C", "00AP|C123", "00AP|X1", "00AP", "00AP|C1 x"] {
            assert_eq!(parse_ovt(bad), Err(ValueProblem::NotOvt), "{bad}");
        }
        assert_eq!(parse_vestiging("00AP01"), Ok("00AP01".into()));
        assert!(parse_vestiging("00AP1").is_err());
        assert_eq!(parse_vestigingscode("00", "00AP"), Ok("00".into()));
        assert_eq!(parse_vestigingscode("1", "00AP"), Ok("01".into()));
        assert_eq!(parse_vestigingscode("00AP02", "00AP"), Ok("02".into()));
        assert!(parse_vestigingscode("00AR02", "00AP").is_err());
    }

    #[test]
    fn years_and_dates() {
        let y = parse_school_year_code("2223");
        assert_eq!(y.map(|y| (y.label, y.test_year)), Some(("2022-2023".into(), 2023)));
        assert_eq!(parse_school_year_code("9900").map(|y| y.test_year), Some(2100));
        assert!(parse_school_year_code("2024").is_none());
        for ok in ["2021-2022", "2021/2022", "2021/22", "2122", " 2021 - 2022 "] {
            assert_eq!(parse_school_year(ok).map(|y| y.code), Ok("2122".into()), "{ok}");
        }
        for bad in ["2021-2023", "2024", "x-y", "2021-22x", ""] {
            assert!(parse_school_year(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_date("20241001"), Ok("2024-10-01".into()));
        assert_eq!(parse_date("2024-10-01"), Ok("2024-10-01".into()));
        assert!(parse_date("20241301").is_err());
        assert!(parse_date("2024101").is_err());
    }
}
