//! The kenmerk of a kostenoverzicht (`KOV-2026-000012`): the year it was issued and a sequence
//! number within that year, handed out by the store (gap-free per year). A different prefix from
//! an application's `KRS-…` so the two are never confused on an invoice or in a mail.

use serde::{Deserialize, Serialize};
use std::fmt;

pub const PREFIX: &str = "KOV";

/// `KOV-{year}-{sequence:06}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct StatementReference {
    year: u16,
    sequence: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatementReferenceError {
    #[error("kenmerk: jaar {0} ligt niet tussen 2000 en 2100")]
    Year(i64),
    #[error("kenmerk: volgnummer {0} ligt niet tussen 1 en 999999")]
    Sequence(i64),
    #[error("kenmerk: '{0}' is geen kenmerk van een kostenoverzicht; dat ziet eruit als KOV-2026-000012")]
    Malformed(String),
}

impl StatementReference {
    pub fn new(year: i64, sequence: i64) -> Result<Self, StatementReferenceError> {
        let year = u16::try_from(year)
            .ok()
            .filter(|y| (2000..=2100).contains(y))
            .ok_or(StatementReferenceError::Year(year))?;
        let sequence = u32::try_from(sequence)
            .ok()
            .filter(|s| (1..=999_999).contains(s))
            .ok_or(StatementReferenceError::Sequence(sequence))?;
        Ok(Self { year, sequence })
    }

    /// `KOV-2026-000012` (also lower case, with surrounding spaces).
    pub fn parse(text: &str) -> Result<Self, StatementReferenceError> {
        let t = text.trim();
        let bad = || StatementReferenceError::Malformed(t.chars().take(40).collect());
        let mut parts = t.split('-');
        let (Some(prefix), Some(year), Some(seq), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !prefix.eq_ignore_ascii_case(PREFIX) || !digits(year, 4) || !digits(seq, 6) {
            return Err(bad());
        }
        Self::new(year.parse().map_err(|_| bad())?, seq.parse().map_err(|_| bad())?)
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn sequence(self) -> u32 {
        self.sequence
    }
}

impl fmt::Display for StatementReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{PREFIX}-{}-{:06}", self.year, self.sequence)
    }
}

impl TryFrom<String> for StatementReference {
    type Error = StatementReferenceError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<StatementReference> for String {
    fn from(r: StatementReference) -> String {
        r.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kenmerk_is_written_and_read_back_at_its_bounds() {
        for (year, seq, text) in
            [(2026, 12, "KOV-2026-000012"), (2000, 1, "KOV-2000-000001"), (2100, 999_999, "KOV-2100-999999")]
        {
            let r = StatementReference::new(year, seq).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(r.to_string(), text);
            assert_eq!(StatementReference::parse(&text.to_lowercase()), Ok(r));
        }
        assert_eq!(StatementReference::new(1999, 1), Err(StatementReferenceError::Year(1999)));
        assert_eq!(StatementReference::new(2026, 0), Err(StatementReferenceError::Sequence(0)));
        assert_eq!(StatementReference::new(2026, 1_000_000), Err(StatementReferenceError::Sequence(1_000_000)));
        for bad in ["KRS-2026-000012", "KOV-26-000012", "KOV-2026-12", "KOV-2026-000012-1", ""] {
            assert!(StatementReference::parse(bad).is_err(), "{bad}");
        }
    }
}
