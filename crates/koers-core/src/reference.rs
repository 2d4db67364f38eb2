//! The reference number an applicant gets on the receipt page and in the e-mail
//! (`KRS-2026-000123`): the year of submission and a sequence number within that year. The app
//! hands out the sequence (from the database); this module only formats and parses it back.

use serde::{Deserialize, Serialize};
use std::fmt;

/// `KRS-{year}-{sequence:06}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ReferenceNumber {
    year: u16,
    sequence: u32,
}

pub const PREFIX: &str = "KRS";
pub const MAX_SEQUENCE: u32 = 999_999;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    #[error("jaar {0} ligt niet tussen 2000 en 2100")]
    YearOutOfRange(u16),
    #[error("volgnummer {0} ligt niet tussen 1 en 999999")]
    SequenceOutOfRange(u32),
    #[error("'{0}' is geen kenmerk; een kenmerk ziet eruit als KRS-2026-000123")]
    Malformed(String),
}

impl ReferenceNumber {
    pub fn new(year: u16, sequence: u32) -> Result<Self, ReferenceError> {
        if !(2000..=2100).contains(&year) {
            return Err(ReferenceError::YearOutOfRange(year));
        }
        if !(1..=MAX_SEQUENCE).contains(&sequence) {
            return Err(ReferenceError::SequenceOutOfRange(sequence));
        }
        Ok(Self { year, sequence })
    }

    /// Parse what an applicant types or pastes: surrounding spaces and lower case are accepted
    /// (`krs-2026-000123`), the digits must be complete (4 for the year, 6 for the sequence).
    pub fn parse(text: &str) -> Result<Self, ReferenceError> {
        let t = text.trim();
        let malformed = || ReferenceError::Malformed(t.to_owned());
        let mut parts = t.split('-');
        let (Some(prefix), Some(year), Some(seq), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(malformed());
        };
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !prefix.eq_ignore_ascii_case(PREFIX) || !digits(year, 4) || !digits(seq, 6) {
            return Err(malformed());
        }
        Self::new(year.parse().map_err(|_| malformed())?, seq.parse().map_err(|_| malformed())?)
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn sequence(self) -> u32 {
        self.sequence
    }
}

impl fmt::Display for ReferenceNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{PREFIX}-{}-{:06}", self.year, self.sequence)
    }
}

impl TryFrom<String> for ReferenceNumber {
    type Error = ReferenceError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<ReferenceNumber> for String {
    fn from(r: ReferenceNumber) -> String {
        r.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_reference_is_the_year_and_a_six_digit_sequence() {
        let r = ReferenceNumber::new(2026, 123).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r.to_string(), "KRS-2026-000123");
        assert_eq!(ReferenceNumber::new(2026, 999_999).map(|r| r.to_string()), Ok("KRS-2026-999999".into()));
    }

    #[test]
    fn what_an_applicant_types_parses_back() {
        let want = ReferenceNumber::new(2026, 123);
        for t in ["KRS-2026-000123", " krs-2026-000123 ", "Krs-2026-000123"] {
            assert_eq!(ReferenceNumber::parse(t), want, "{t}");
        }
    }

    #[test]
    fn incomplete_or_foreign_references_are_refused() {
        for t in ["", "KRS-2026-123", "KRS-26-000123", "ABC-2026-000123", "KRS-2026-000123-1", "KRS 2026 000123"] {
            assert!(matches!(ReferenceNumber::parse(t), Err(ReferenceError::Malformed(_))), "{t}");
        }
        assert_eq!(ReferenceNumber::parse("KRS-2026-000000"), Err(ReferenceError::SequenceOutOfRange(0)));
        assert_eq!(ReferenceNumber::parse("KRS-1999-000001"), Err(ReferenceError::YearOutOfRange(1999)));
        assert_eq!(
            ReferenceNumber::parse("KRS-2026-12x456").err().map(|e| e.to_string()).as_deref(),
            Some("'KRS-2026-12x456' is geen kenmerk; een kenmerk ziet eruit als KRS-2026-000123")
        );
    }

    #[test]
    fn references_travel_as_their_text_in_json() {
        let r = ReferenceNumber::new(2026, 7).unwrap_or_else(|e| panic!("{e}"));
        let json = serde_json::to_string(&r).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(json, "\"KRS-2026-000007\"");
        assert_eq!(serde_json::from_str::<ReferenceNumber>(&json).ok(), Some(r));
        assert!(serde_json::from_str::<ReferenceNumber>("\"KRS-2026-7\"").is_err());
    }

    proptest! {
        #[test]
        fn formatting_then_parsing_gives_the_same_reference(year in 2000u16..=2100, seq in 1u32..=MAX_SEQUENCE) {
            let r = ReferenceNumber::new(year, seq).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(ReferenceNumber::parse(&r.to_string()), Ok(r));
        }
    }
}
