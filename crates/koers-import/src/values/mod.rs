//! Parsers for single cell values: decimals with a comma or a dot, percentages, counts,
//! DUO's masked counts and the identifiers BRIN, ovt and vestiging.
//!
//! Every parser trims ASCII white space first. Problems come back as [`ValueProblem`], whose
//! `Display` is a Dutch phrase that follows `waarde "…"` in a [`crate::RowError`].

mod codes;
mod number;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use codes::{parse_brin, parse_ovt, parse_vestiging, parse_vestigingscode};
pub(crate) use codes::{parse_date, parse_school_year, parse_school_year_code};
pub(crate) use number::{count_bytes, decimal_bytes, duo_count_bytes, percentage_bytes};
pub use number::{parse_count, parse_decimal, parse_duo_count, parse_percentage};

/// A cell of a published table: a value, empty, or suppressed by the publisher (`*`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Cell<T> {
    /// A value.
    Value(T),
    /// The cell is empty.
    Missing,
    /// The publisher hid the value (`*`), usually because the group is small.
    Suppressed,
}

impl<T: Copy> Cell<T> {
    /// The value, if there is one.
    pub fn value(&self) -> Option<T> {
        match self {
            Cell::Value(v) => Some(*v),
            Cell::Missing | Cell::Suppressed => None,
        }
    }

    /// Whether the cell is empty.
    pub fn is_missing(&self) -> bool {
        matches!(self, Cell::Missing)
    }

    /// Whether the publisher suppressed the value.
    pub fn is_suppressed(&self) -> bool {
        matches!(self, Cell::Suppressed)
    }
}

/// A DUO pupil count: exact, or masked as `<5` (the true value is 1, 2, 3 or 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Count {
    /// An exact count.
    Known(u32),
    /// Shown as `<5`: somewhere in 1..=4.
    Masked,
}

/// What is wrong with a cell value. `Display` gives the Dutch text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ValueProblem {
    /// Not a number at all.
    NotANumber,
    /// A number, but not a whole one.
    NotAnInteger,
    /// A negative count.
    Negative,
    /// Does not fit the field.
    TooLarge,
    /// Both a dot and a comma, or a separator twice: thousands separators.
    ThousandsSeparator,
    /// A number outside the allowed range.
    OutOfRange { min: f64, max: f64 },
    /// A required value is empty.
    Empty,
    /// `*` where the publisher never suppresses.
    SuppressedNotAllowed,
    /// Not a BRIN number.
    NotBrin,
    /// Not an `ovt` code.
    NotOvt,
    /// Not a vestiging number.
    NotVestiging,
    /// Not a school year such as `2023-2024`.
    NotSchoolYear,
    /// Not a date.
    NotDate,
    /// Not one of the known labels.
    UnknownLabel { expected: Vec<String> },
}

impl fmt::Display for ValueProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueProblem::NotANumber => f.write_str("is geen getal"),
            ValueProblem::NotAnInteger => f.write_str("is geen geheel getal"),
            ValueProblem::Negative => f.write_str("is negatief; een aantal is 0 of meer"),
            ValueProblem::TooLarge => f.write_str("is te groot"),
            ValueProblem::ThousandsSeparator => f.write_str(
                "bevat een scheidingsteken voor duizendtallen; schrijf het getal zonder, met één decimaalteken (komma of punt)",
            ),
            ValueProblem::OutOfRange { min, max } => {
                write!(f, "ligt niet tussen {} en {}", dutch(*min), dutch(*max))
            }
            ValueProblem::Empty => f.write_str("is leeg, maar deze kolom is verplicht"),
            ValueProblem::SuppressedNotAllowed => {
                f.write_str("is afgeschermd (*), maar in deze kolom moet een getal staan")
            }
            ValueProblem::NotBrin => f.write_str(
                "is geen geldig BRIN-nummer (2 cijfers en 2 hoofdletters of cijfers, zoals 00AP)",
            ),
            ValueProblem::NotOvt => {
                f.write_str("is geen geldige ovt-code (BRIN, | en C met een nummer, zoals 00AP|C1)")
            }
            ValueProblem::NotVestiging => f.write_str(
                "is geen geldig vestigingsnummer (BRIN en 2 cijfers, zoals 00AP00)",
            ),
            ValueProblem::NotSchoolYear => {
                f.write_str("is geen schooljaar (verwacht twee opeenvolgende jaren, zoals 2023-2024)")
            }
            ValueProblem::NotDate => {
                f.write_str("is geen datum (verwacht JJJJMMDD of JJJJ-MM-DD, zoals 20241001)")
            }
            ValueProblem::UnknownLabel { expected } => {
                let quoted: Vec<String> = expected.iter().map(|e| format!("\"{e}\"")).collect();
                write!(f, "is onbekend; verwacht een van: {}", quoted.join(", "))
            }
        }
    }
}

impl std::error::Error for ValueProblem {}

/// A number as a Dutch reader writes it: `100`, `94,44`.
fn dutch(x: f64) -> String {
    format!("{x}").replace('.', ",")
}
