//! Hand-entered numbers for the eligibility check, shared by the form (`/check`) and the API
//! (`POST /api/v1/eligibility`): per-field validation with Dutch messages, then
//! [`koers_app::check::check`], whose remaining errors are mapped back onto fields.

use koers_app::check::{CheckInput, FieldError, YearInput};
use koers_core::{Percentage, Schoolweging, TestYear};

/// The fields of the check, independent of how a surface names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    TestYear(usize),
    Pupils(usize),
    Pct1f(usize),
    Pct1s2f(usize),
    Schoolweging,
    NextPupils,
    /// The Inspectie's verdict, when the school names one (`/check` only).
    Oordeel,
    /// The years as a whole (none entered, no norms for them).
    Years,
}

impl Field {
    /// The name in the JSON API (`years[0].pct_1f`).
    pub fn api_name(self) -> String {
        match self {
            Field::TestYear(i) => format!("years[{i}].test_year"),
            Field::Pupils(i) => format!("years[{i}].pupils"),
            Field::Pct1f(i) => format!("years[{i}].pct_1f"),
            Field::Pct1s2f(i) => format!("years[{i}].pct_1s2f"),
            Field::Schoolweging => "schoolweging".into(),
            Field::NextPupils => "next_pupils".into(),
            Field::Oordeel => "oordeel".into(),
            Field::Years => "years".into(),
        }
    }

    /// Position on the form, for ordering messages.
    pub fn rank(self) -> usize {
        match self {
            Field::Years => 0,
            Field::TestYear(i) => 1 + 4 * i,
            Field::Pupils(i) => 2 + 4 * i,
            Field::Pct1f(i) => 3 + 4 * i,
            Field::Pct1s2f(i) => 4 + 4 * i,
            Field::Schoolweging => 1000,
            Field::NextPupils => 1001,
            Field::Oordeel => 1002,
        }
    }

    /// The id and name of the form input (`pct1f-1`; rows count from 1).
    pub fn form_id(self) -> String {
        match self {
            Field::TestYear(i) => format!("jaar-{}", i + 1),
            Field::Pupils(i) => format!("leerlingen-{}", i + 1),
            Field::Pct1f(i) => format!("pct1f-{}", i + 1),
            Field::Pct1s2f(i) => format!("pct1s2f-{}", i + 1),
            Field::Schoolweging => "schoolweging".into(),
            Field::NextPupils => "volgend-jaar".into(),
            Field::Oordeel => "oordeel".into(),
            Field::Years => "jaren".into(),
        }
    }
}

pub type FieldErrors = Vec<(Field, String)>;

/// One year with typed values (from JSON, or parsed from form text).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TypedYear {
    pub test_year: u16,
    pub pupils: u32,
    pub pct_1f: f64,
    pub pct_1s2f: f64,
}

/// Parse a decimal number written with a comma or a point (`94,44`, `94.44`): the one parser,
/// in core.
pub use koers_core::nl::parse_decimal;

/// Check each value on its own, so that every error names its field.
/// The most pupils a year (or next year) may have: what the OpenAPI document states
/// (`maximum = 100000` on `pupils` and `next_pupils`), so a request outside it is refused.
pub const MAX_PUPILS: u32 = 100_000;

pub fn validate_years(years: &[(usize, TypedYear)]) -> FieldErrors {
    let mut errors = Vec::new();
    for &(i, y) in years {
        if let Err(e) = TestYear::new(y.test_year) {
            errors.push((Field::TestYear(i), e.to_string()));
        }
        if y.pupils == 0 {
            errors.push((Field::Pupils(i), "het aantal leerlingen moet groter dan 0 zijn".into()));
        } else if y.pupils > MAX_PUPILS {
            errors.push((Field::Pupils(i), "het aantal leerlingen kan hoogstens 100.000 zijn".into()));
        }
        if let Err(e) = Percentage::new(y.pct_1f) {
            errors.push((Field::Pct1f(i), e.to_string()));
        }
        if let Err(e) = Percentage::new(y.pct_1s2f) {
            errors.push((Field::Pct1s2f(i), e.to_string()));
        }
    }
    errors
}

pub fn validate_schoolweging(w: Option<f64>) -> FieldErrors {
    match w.map(Schoolweging::new) {
        Some(Err(e)) => vec![(Field::Schoolweging, e.to_string())],
        _ => Vec::new(),
    }
}

/// Build the app's input from validated years (`rows[k]` is the surface row of the k-th year).
pub fn to_check_input(years: &[(usize, TypedYear)], schoolweging: Option<f64>, next_pupils: Option<u32>) -> CheckInput {
    CheckInput {
        years: years
            .iter()
            .map(|(_, y)| YearInput::Percentages {
                test_year: y.test_year,
                pupils: y.pupils,
                pct_1f: y.pct_1f,
                pct_1s2f: y.pct_1s2f,
            })
            .collect(),
        schoolweging,
        next_pupils,
        ..Default::default()
    }
}

/// Map the app's errors (`"jaar 2: toetsjaar"`, `"toetsjaar 2019"`, `"schoolweging"`, …) back
/// onto fields; `years` are the submitted years with their surface rows, in submission order.
pub fn map_app_errors(errors: Vec<FieldError>, years: &[(usize, TypedYear)]) -> FieldErrors {
    errors
        .into_iter()
        .map(|e| {
            let f = e.field.as_str();
            let row_of_nth = |rest: &str| {
                let n: usize = rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()?;
                years.get(n.checked_sub(1)?).map(|(row, _)| *row)
            };
            let field = if f == "schoolweging" {
                Field::Schoolweging
            } else if f == "leerlingen volgend jaar" {
                Field::NextPupils
            } else if let Some(rest) = f.strip_prefix("jaar ") {
                match row_of_nth(rest) {
                    Some(row) if rest.contains("toetsjaar") => Field::TestYear(row),
                    Some(row) => Field::Pupils(row),
                    None => Field::Years,
                }
            } else if let Some(rest) = f.strip_prefix("toetsjaar ") {
                let year: Option<u16> = rest.trim().parse().ok();
                years
                    .iter()
                    .find(|(_, y)| Some(y.test_year) == year)
                    .map_or(Field::Years, |(row, _)| Field::TestYear(*row))
            } else {
                Field::Years
            };
            (field, e.detail)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_accept_a_comma_or_a_point() {
        assert_eq!(parse_decimal("94,44"), Some(94.44));
        assert_eq!(parse_decimal(" 94.44 "), Some(94.44));
        assert_eq!(parse_decimal("1.234,5"), None);
        assert_eq!(parse_decimal("abc"), None);
        assert_eq!(parse_decimal("inf"), None);
    }

    #[test]
    fn app_errors_land_on_the_right_row() {
        let y = |test_year| TypedYear { test_year, pupils: 10, pct_1f: 90.0, pct_1s2f: 50.0 };
        let years = [(0, y(2019)), (2, y(2025))];
        let errs = vec![
            FieldError { field: "jaar 2: toetsjaar".into(), detail: "dubbel".into() },
            FieldError { field: "toetsjaar 2019".into(), detail: "oud".into() },
            FieldError { field: "schoolweging".into(), detail: "x".into() },
            FieldError { field: "jaren".into(), detail: "leeg".into() },
        ];
        let m: Vec<Field> = map_app_errors(errs, &years).into_iter().map(|(f, _)| f).collect();
        assert_eq!(m, vec![Field::TestYear(2), Field::TestYear(0), Field::Schoolweging, Field::Years]);
        assert_eq!(Field::Pct1f(0).api_name(), "years[0].pct_1f");
        assert_eq!(Field::Pct1f(0).form_id(), "pct1f-1");
    }
}
