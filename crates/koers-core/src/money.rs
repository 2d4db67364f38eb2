//! Money in integer cents ([`Cents`]) with Dutch formatting (`€ 2.286,00`) and parsing, the
//! co-financing split of a number of dagdelen between school and programme ([`split_cost`],
//! DOMAIN §4), how a programme is funded ([`Funding`]: co-financed, or *kosteloos
//! (gesubsidieerd)* for GWGB+), and the **kostenoverzicht** per school and period
//! ([`statement::cost_statement`]). Amounts are excl. btw. No floating point anywhere in here.
//!
//! **Rounding rule** (the only place money is rounded): the school's share of a total is
//! `total × percent / 100` rounded **down** to a whole cent, so a school never pays more than its
//! percentage — an odd half cent goes to the (subsidising) programme, never to the school; the
//! programme pays the remainder, so the two shares always add up to the total exactly. The split
//! is computed once on the total, never per dagdeel and summed. On a statement with several lines
//! the shares of the lines are allocated **cumulatively** ([`allocate_school_shares`]): line *i*
//! gets ⌊(sum of totals up to *i*) × percent / 100⌋ − ⌊(sum up to *i* − 1) × percent / 100⌋. So
//! the lines add up to the statement's school share exactly, each line is within one cent of its
//! exact share, and grouping by month or by activity gives the same total. Half away from zero
//! would charge the school the odd half cent; banker's rounding would do so on every other odd
//! total — neither fits a subsidised programme whose published price (€ 2.286,00 for 8 dagdelen)
//! is the school's ceiling.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, Sub};

pub mod kenmerk;
pub mod statement;

pub use kenmerk::StatementReference;
pub use statement::{CostStatement, Grouping, LineKey, Period, StatementLine, cost_statement};

/// An amount of money in euro cents (may be negative, e.g. a credit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Cents(pub i64);

/// Why a text is not an amount. Dutch, for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("'{0}' is geen bedrag; schrijf bijvoorbeeld € 2.286,00 of 571,50")]
    NotAnAmount(String),
    #[error("'{0}' heeft te veel cijfers achter de komma (hooguit twee)")]
    TooManyDecimals(String),
    #[error("'{0}': gebruik een punt alleen tussen groepen van drie cijfers en een komma voor de centen")]
    BadGrouping(String),
    #[error("'{0}' is te groot")]
    TooLarge(String),
}

impl Cents {
    pub const ZERO: Cents = Cents(0);

    /// Whole euros: `Cents::euros(2286)` is € 2.286,00.
    pub const fn euros(euros: i64) -> Self {
        Cents(euros * 100)
    }

    pub const fn get(self) -> i64 {
        self.0
    }

    /// Parse a Dutch amount: `€ 2.286,00`, `2286`, `571,5`, `-12,50`. The decimal separator is a
    /// comma; a point only groups thousands (so `571.50` is refused rather than misread).
    pub fn parse_nl(text: &str) -> Result<Self, MoneyError> {
        let original = text.trim();
        let bad = || MoneyError::NotAnAmount(original.to_owned());
        let mut s = original.strip_prefix('€').unwrap_or(original).trim_start();
        let negative = s.starts_with('-');
        if negative {
            s = s[1..].trim_start();
        }
        let (int, frac) = s.split_once(',').unwrap_or((s, ""));
        if int.is_empty() || (s.contains(',') && frac.is_empty()) {
            return Err(bad());
        }
        if !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        if frac.len() > 2 {
            return Err(MoneyError::TooManyDecimals(original.to_owned()));
        }
        let groups: Vec<&str> = int.split('.').collect();
        if groups.iter().any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit())) {
            return Err(if int.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
                MoneyError::BadGrouping(original.to_owned())
            } else {
                bad()
            });
        }
        if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
            return Err(MoneyError::BadGrouping(original.to_owned()));
        }
        let too_large = || MoneyError::TooLarge(original.to_owned());
        let euros: i64 = groups.concat().parse().map_err(|_| too_large())?;
        let cents: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
        let value = euros.checked_mul(100).and_then(|e| e.checked_add(cents)).ok_or_else(too_large)?;
        Ok(Cents(if negative { -value } else { value }))
    }
}

/// `€ 2.286,00`; negative amounts as `€ -12,50`.
impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let abs = self.0.unsigned_abs();
        let (euros, cents) = (abs / 100, abs % 100);
        let digits = euros.to_string();
        f.write_str(if self.0 < 0 { "€ -" } else { "€ " })?;
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                f.write_str(".")?;
            }
            write!(f, "{c}")?;
        }
        write!(f, ",{cents:02}")
    }
}

impl Add for Cents {
    type Output = Cents;
    fn add(self, rhs: Cents) -> Cents {
        Cents(self.0 + rhs.0)
    }
}

impl Sub for Cents {
    type Output = Cents;
    fn sub(self, rhs: Cents) -> Cents {
        Cents(self.0 - rhs.0)
    }
}

impl std::iter::Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        iter.fold(Cents::ZERO, Add::add)
    }
}

/// What `dagdelen` of adviser time cost and who pays what (excl. btw).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostSplit {
    pub dagdelen: u32,
    pub total: Cents,
    /// The school's share, rounded down to the cent (see the module doc).
    pub school: Cents,
    /// The programme's share: `total − school`, so the shares always add up.
    pub programme: Cents,
}

/// Split the cost of `dagdelen` at `rate_per_dagdeel` (the full rate, both halves together) with
/// the school paying `school_percent` (clamped to 0–100). Computed in 128 bits and saturated, so
/// it cannot overflow.
pub fn split_cost(rate_per_dagdeel: Cents, school_percent: u8, dagdelen: u32) -> CostSplit {
    let clamp = |v: i128| Cents(v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64);
    let total = i128::from(rate_per_dagdeel.0) * i128::from(dagdelen);
    let total = i128::from(clamp(total).0);
    let school = (total * i128::from(school_percent.min(100))).div_euclid(100);
    CostSplit { dagdelen, total: clamp(total), school: clamp(school), programme: clamp(total - school) }
}

/// The school's share of each line, allocated cumulatively (see the module doc): the shares add
/// up to `split_cost`'s school share of the lines' sum, and each is within one cent of its exact
/// share. `percent` is clamped to 0–100; computed in 128 bits.
pub fn allocate_school_shares(line_totals: &[Cents], school_percent: u8) -> Vec<Cents> {
    let pct = i128::from(school_percent.min(100));
    let clamp = |v: i128| Cents(v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64);
    let mut cumulative = 0i128;
    let mut allocated = 0i128;
    line_totals
        .iter()
        .map(|t| {
            cumulative += i128::from(t.0);
            let upto = (cumulative * pct).div_euclid(100);
            let share = upto - allocated;
            allocated = upto;
            clamp(share)
        })
        .collect()
}

/// How a programme pays for adviser time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "funding", rename_all = "snake_case")]
pub enum Funding {
    /// The school pays its share of the rate (NPO: 50 % of € 571,50 per dagdeel).
    CoFinanced { rate_per_dagdeel: Cents, school_share_percent: u8 },
    /// Free for the school, paid from subsidy (GWGB+); time is still logged and counted.
    Subsidised,
}

impl Funding {
    /// `cofinanciering: school 50% van € 571,50 per dagdeel (€ 285,75), excl. btw` or
    /// `kosteloos (gesubsidieerd)`.
    pub fn label_nl(self) -> String {
        match self {
            Funding::CoFinanced { rate_per_dagdeel, school_share_percent } => format!(
                "cofinanciering: school {school_share_percent}% van {rate_per_dagdeel} per dagdeel ({}), excl. btw",
                split_cost(rate_per_dagdeel, school_share_percent, 1).school
            ),
            Funding::Subsidised => "kosteloos (gesubsidieerd)".into(),
        }
    }

    /// What `dagdelen` cost (all zero when subsidised).
    pub fn split(self, dagdelen: u32) -> CostSplit {
        match self {
            Funding::CoFinanced { rate_per_dagdeel, school_share_percent } => {
                split_cost(rate_per_dagdeel, school_share_percent, dagdelen)
            }
            Funding::Subsidised => {
                CostSplit { dagdelen, total: Cents::ZERO, school: Cents::ZERO, programme: Cents::ZERO }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn amounts_are_written_the_dutch_way() {
        assert_eq!(Cents(228_600).to_string(), "€ 2.286,00");
        assert_eq!(Cents(57_150).to_string(), "€ 571,50");
        assert_eq!(Cents(5).to_string(), "€ 0,05");
        assert_eq!(Cents(0).to_string(), "€ 0,00");
        assert_eq!(Cents(123_456_789).to_string(), "€ 1.234.567,89");
        assert_eq!(Cents(-1_250).to_string(), "€ -12,50");
        assert_eq!(Cents::euros(1_000).to_string(), "€ 1.000,00");
    }

    #[test]
    fn dutch_amounts_parse_back() {
        for (text, cents) in [
            ("€ 2.286,00", 228_600),
            ("2286", 228_600),
            ("571,5", 57_150),
            ("€571,50", 57_150),
            ("  -12,50 ", -1_250),
            ("€ -12,50", -1_250),
            ("1.234.567,89", 123_456_789),
            ("0,05", 5),
        ] {
            assert_eq!(Cents::parse_nl(text), Ok(Cents(cents)), "{text}");
        }
    }

    #[test]
    fn malformed_amounts_are_refused_with_a_dutch_message() {
        let err = |t: &str| Cents::parse_nl(t).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(
            err("571.50"),
            "'571.50': gebruik een punt alleen tussen groepen van drie cijfers en een komma voor de centen"
        );
        assert_eq!(err("1,234"), "'1,234' heeft te veel cijfers achter de komma (hooguit twee)");
        assert_eq!(err("tien euro"), "'tien euro' is geen bedrag; schrijf bijvoorbeeld € 2.286,00 of 571,50");
        for t in ["", "€", ",50", "12,", "1.2345", "12,5x", "99999999999999999999"] {
            assert!(Cents::parse_nl(t).is_err(), "{t}");
        }
    }

    #[test]
    fn the_npo_rate_gives_the_published_school_price_for_eight_dagdelen() {
        let s = split_cost(Cents(57_150), 50, 8);
        assert_eq!((s.total, s.school, s.programme), (Cents(457_200), Cents(228_600), Cents(228_600)));
        assert_eq!(s.school.to_string(), "€ 2.286,00");
        assert_eq!(split_cost(Cents(57_150), 50, 1).school.to_string(), "€ 285,75");
    }

    #[test]
    fn an_odd_cent_goes_to_the_programme_not_the_school() {
        let s = split_cost(Cents(101), 50, 1);
        assert_eq!((s.total, s.school, s.programme), (Cents(101), Cents(50), Cents(51)));
        let s = split_cost(Cents(100), 33, 1);
        assert_eq!((s.school, s.programme), (Cents(33), Cents(67)));
    }

    #[test]
    fn zero_dagdelen_cost_nothing() {
        assert_eq!(split_cost(Cents(57_150), 50, 0).total, Cents::ZERO);
    }

    proptest! {
        #[test]
        fn the_shares_always_add_up_to_the_total(rate in 0i64..10_000_000, pct in 0u8..=100, n in 0u32..10_000) {
            let s = split_cost(Cents(rate), pct, n);
            prop_assert_eq!(s.school + s.programme, s.total);
            prop_assert_eq!(s.total, Cents(rate * i64::from(n)));
            prop_assert!(s.school.0 * 100 <= s.total.0 * i64::from(pct));
            prop_assert!((s.school.0 + 1) * 100 > s.total.0 * i64::from(pct));
        }

        #[test]
        fn formatting_then_parsing_gives_the_same_amount(c in -1_000_000_000_000i64..1_000_000_000_000) {
            prop_assert_eq!(Cents::parse_nl(&Cents(c).to_string()), Ok(Cents(c)));
        }
    }
}
