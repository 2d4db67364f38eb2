//! Numbers: decimals (comma or dot), percentages, counts and DUO's `<5`.

use super::{Cell, Count, ValueProblem};

/// Exact powers of ten up to 10^22, the largest exactly representable in an f64.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// Parses a decimal number written with a decimal comma (`94,44`) or dot (`31.47`).
///
/// Empty is [`Cell::Missing`], `*` is [`Cell::Suppressed`]. A sign is allowed; exponents,
/// `NaN`, `inf`, spaces inside the number and thousands separators (`1.234,5`, `1,234,567`)
/// are rejected. One separator is always read as the decimal sign, so `1.234` is 1.234.
pub fn parse_decimal(text: &str) -> Result<Cell<f64>, ValueProblem> {
    decimal_bytes(text.as_bytes())
}

/// Parses a percentage: like [`parse_decimal`], and a value must lie in 0..=100.
pub fn parse_percentage(text: &str) -> Result<Cell<f64>, ValueProblem> {
    percentage_bytes(text.as_bytes())
}

/// Parses a count of pupils: a non-negative whole number (`18`; `18,0` is accepted).
/// Empty is [`Cell::Missing`], `*` is [`Cell::Suppressed`].
pub fn parse_count(text: &str) -> Result<Cell<u32>, ValueProblem> {
    count_bytes(text.as_bytes())
}

/// Parses a DUO count: a non-negative whole number, or `<5` for [`Count::Masked`].
/// An empty cell is an error: DUO always fills these.
pub fn parse_duo_count(text: &str) -> Result<Count, ValueProblem> {
    duo_count_bytes(text.as_bytes())
}

pub(crate) fn decimal_bytes(raw: &[u8]) -> Result<Cell<f64>, ValueProblem> {
    let s = trim_cell(raw);
    match s {
        [] => Ok(Cell::Missing),
        [b'*'] => Ok(Cell::Suppressed),
        _ => number(s).map(Cell::Value),
    }
}

pub(crate) fn percentage_bytes(raw: &[u8]) -> Result<Cell<f64>, ValueProblem> {
    let cell = decimal_bytes(raw)?;
    if let Cell::Value(v) = cell
        && !(0.0..=100.0).contains(&v)
    {
        return Err(ValueProblem::OutOfRange { min: 0.0, max: 100.0 });
    }
    Ok(cell)
}

pub(crate) fn count_bytes(raw: &[u8]) -> Result<Cell<u32>, ValueProblem> {
    let s = trim_cell(raw);
    match s {
        [] => Ok(Cell::Missing),
        [b'*'] => Ok(Cell::Suppressed),
        _ => whole(s).map(Cell::Value),
    }
}

pub(crate) fn duo_count_bytes(raw: &[u8]) -> Result<Count, ValueProblem> {
    let s = trim_cell(raw);
    match s {
        [] => Err(ValueProblem::Empty),
        b"<5" => Ok(Count::Masked),
        [b'*'] => Err(ValueProblem::SuppressedNotAllowed),
        _ => whole(s).map(Count::Known),
    }
}

/// Trims ASCII white space and no-break spaces (UTF-8 `C2 A0`, Windows-1252 `A0`).
fn trim_cell(mut s: &[u8]) -> &[u8] {
    loop {
        let before = s.len();
        s = s.trim_ascii();
        s = s.strip_prefix(b"\xC2\xA0").or_else(|| s.strip_prefix(b"\xA0")).unwrap_or(s);
        s = s.strip_suffix(b"\xC2\xA0").or_else(|| s.strip_suffix(b"\xA0")).unwrap_or(s);
        if s.len() == before {
            return s;
        }
    }
}

/// A whole number that fits a u32. A fraction of zeros (`18,0`) is allowed.
fn whole(s: &[u8]) -> Result<u32, ValueProblem> {
    let (negative, body) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, s),
    };
    let (digits, fraction) = match body.iter().position(|b| *b == b',' || *b == b'.') {
        Some(at) => {
            let (digits, rest) = body.split_at(at);
            (digits, rest.get(1..).unwrap_or_default())
        }
        None => (body, &[][..]),
    };
    let all_digits = |d: &[u8]| d.iter().all(u8::is_ascii_digit);
    let not_whole = || match number(s) {
        Err(ValueProblem::ThousandsSeparator) => ValueProblem::ThousandsSeparator,
        _ => ValueProblem::NotAnInteger,
    };
    if digits.is_empty() || !all_digits(digits) {
        return Err(not_whole());
    }
    if fraction.len() == 3 {
        // `1.000` is a thousand to a Dutch reader and one to an English one.
        return Err(ValueProblem::ThousandsSeparator);
    }
    if body.len() > digits.len() && (fraction.is_empty() || !fraction.iter().all(|b| *b == b'0')) {
        return Err(not_whole());
    }
    let mut value: u64 = 0;
    for d in digits {
        value = value * 10 + u64::from(d - b'0');
        if value > u64::from(u32::MAX) {
            return Err(if negative { ValueProblem::Negative } else { ValueProblem::TooLarge });
        }
    }
    if negative && value > 0 {
        return Err(ValueProblem::Negative);
    }
    u32::try_from(value).map_err(|_| ValueProblem::TooLarge)
}

/// A finite decimal number with at most one decimal sign, `,` or `.`.
fn number(s: &[u8]) -> Result<f64, ValueProblem> {
    let (negative, body) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, s),
    };
    let mut mantissa: u64 = 0;
    let mut scale: usize = 0;
    let mut int_digits = 0usize;
    let mut frac_digits = 0usize;
    let mut separator: Option<u8> = None;
    let mut exact = true;
    for &b in body {
        match b {
            b'0'..=b'9' => {
                if separator.is_some() {
                    frac_digits += 1;
                } else {
                    int_digits += 1;
                }
                if mantissa < 100_000_000_000_000_000 {
                    mantissa = mantissa * 10 + u64::from(b - b'0');
                    if separator.is_some() {
                        scale += 1;
                    }
                } else {
                    exact = false;
                }
            }
            b',' | b'.' => {
                if separator.is_some() {
                    return Err(ValueProblem::ThousandsSeparator);
                }
                separator = Some(b);
            }
            _ => return Err(ValueProblem::NotANumber),
        }
    }
    if int_digits == 0 || (separator.is_some() && frac_digits == 0) {
        return Err(ValueProblem::NotANumber);
    }
    let magnitude = match POW10.get(scale) {
        // Clinger's fast path: both operands exact, so the quotient is correctly rounded.
        Some(pow) if exact && mantissa <= (1u64 << 53) => mantissa as f64 / pow,
        _ => slow(body)?,
    };
    Ok(if negative { -magnitude } else { magnitude })
}

/// Falls back on the standard library for long inputs.
fn slow(body: &[u8]) -> Result<f64, ValueProblem> {
    let text: String = body.iter().map(|b| if *b == b',' { '.' } else { char::from(*b) }).collect();
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => Err(ValueProblem::TooLarge),
        Err(_) => Err(ValueProblem::NotANumber),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals() {
        assert_eq!(parse_decimal("94,44"), Ok(Cell::Value(94.44)));
        assert_eq!(parse_decimal(" 31.47 "), Ok(Cell::Value(31.47)));
        assert_eq!(parse_decimal("100"), Ok(Cell::Value(100.0)));
        assert_eq!(parse_decimal("-0,5"), Ok(Cell::Value(-0.5)));
        assert_eq!(parse_decimal(""), Ok(Cell::Missing));
        assert_eq!(parse_decimal("*"), Ok(Cell::Suppressed));
        assert_eq!(parse_decimal("\u{a0}12,5\u{a0} "), Ok(Cell::Value(12.5)));
        assert_eq!(decimal_bytes(b"\xA012,5"), Ok(Cell::Value(12.5)));
        let long = "0.1000000000000000000000000000000000001";
        assert_eq!(parse_decimal(long), Ok(Cell::Value(0.1)));
        for bad in ["abc", "NaN", "inf", "1e5", "1 000", ",5", "5,", "-", "--1", "1-"] {
            assert_eq!(parse_decimal(bad), Err(ValueProblem::NotANumber), "{bad}");
        }
        for bad in ["1.234,5", "1,234.5", "1.234.567"] {
            assert_eq!(parse_decimal(bad), Err(ValueProblem::ThousandsSeparator), "{bad}");
        }
        assert_eq!(parse_decimal(&"9".repeat(400)), Err(ValueProblem::TooLarge));
    }

    #[test]
    fn percentages_and_counts() {
        assert_eq!(parse_percentage("100"), Ok(Cell::Value(100.0)));
        let out = parse_percentage("100,01").map_err(|e| e.to_string());
        assert_eq!(out, Err("ligt niet tussen 0 en 100".to_string()));
        assert!(parse_percentage("-1").is_err());
        assert_eq!(parse_count("18"), Ok(Cell::Value(18)));
        assert_eq!(parse_count("18,0"), Ok(Cell::Value(18)));
        assert_eq!(parse_count("*"), Ok(Cell::Suppressed));
        assert_eq!(parse_count("18,5"), Err(ValueProblem::NotAnInteger));
        assert_eq!(parse_count("1.000"), Err(ValueProblem::ThousandsSeparator));
        assert_eq!(parse_count("-3"), Err(ValueProblem::Negative));
        assert_eq!(parse_count("-0"), Ok(Cell::Value(0)));
        assert_eq!(parse_count("abc"), Err(ValueProblem::NotAnInteger));
        assert_eq!(parse_count("4294967296"), Err(ValueProblem::TooLarge));
        assert_eq!(parse_duo_count("<5"), Ok(Count::Masked));
        assert_eq!(parse_duo_count("0"), Ok(Count::Known(0)));
        assert_eq!(parse_duo_count(""), Err(ValueProblem::Empty));
        assert_eq!(parse_duo_count("<6"), Err(ValueProblem::NotAnInteger));
    }
}
