//! The Inspectie's and DUO's codes for a school, checked once: the BRIN number and the ovt
//! (object van toezicht). `koers-import` reads them from files with these parsers, the register
//! keeps a school by its [`Ovt`], and nothing else needs to know their grammar.
//!
//! A regular primary school is an Inspectie object van toezicht (`00AP|C1`); a VO or
//! sbo/so/vso school is a DUO vestiging, and the register keeps its vestigingscode (`18BR00`)
//! in the same place. Both are an [`Ovt`]: the school's code in the register.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A school's code in the register, upper case: an Inspectie object van toezicht (BRIN, `|`,
/// `C` and 1 or 2 digits: `00AP|C1`, `00AP|C12`) or a DUO vestigingscode (BRIN and 2 digits:
/// `18BR00`). Its BRIN is the first four characters ([`Ovt::brin`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Ovt(String);

/// Why a text is not a code. Dutch, for the person who typed it or the file that held it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("geen BRIN-nummer (2 cijfers en 2 letters of cijfers, zoals 00AP)")]
    NotBrin,
    #[error("geen ovt- of vestigingscode (zoals 00AP|C1 of 18BR00)")]
    NotOvt,
}

impl Ovt {
    /// Trim, upper-case and check `text`: either form.
    pub fn parse(text: &str) -> Result<Self, CodeError> {
        Self::parse_inspectie(text).or_else(|_| Self::parse_vestiging(text))
    }

    /// Only the Inspectie's form (`00AP|C1`): what an Inspectie file's `ovt` column holds.
    pub fn parse_inspectie(text: &str) -> Result<Self, CodeError> {
        let s = text.trim().to_ascii_uppercase();
        match s.as_bytes() {
            [a, b, c, d, b'|', b'C', rest @ ..]
                if is_brin(&[*a, *b, *c, *d])
                    && (1..=2).contains(&rest.len())
                    && rest.iter().all(u8::is_ascii_digit) =>
            {
                Ok(Self(s))
            }
            _ => Err(CodeError::NotOvt),
        }
    }

    /// Only DUO's vestigingscode (`18BR00`).
    pub fn parse_vestiging(text: &str) -> Result<Self, CodeError> {
        let s = text.trim().to_ascii_uppercase();
        match s.as_bytes() {
            [a, b, c, d, e, f] if is_brin(&[*a, *b, *c, *d]) && e.is_ascii_digit() && f.is_ascii_digit() => Ok(Self(s)),
            _ => Err(CodeError::NotOvt),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The BRIN number: the first four characters.
    pub fn brin(&self) -> &str {
        self.0.get(..4).unwrap_or(&self.0)
    }
}

/// Trim, upper-case and check a BRIN number: 2 digits and 2 letters or digits (`00AP`, `31VU`).
pub fn parse_brin(text: &str) -> Result<String, CodeError> {
    let s = text.trim().to_ascii_uppercase();
    if is_brin(s.as_bytes()) { Ok(s) } else { Err(CodeError::NotBrin) }
}

/// Are these four bytes a BRIN number (already upper case)?
fn is_brin(b: &[u8]) -> bool {
    matches!(b, [a, b, c, d] if a.is_ascii_digit() && b.is_ascii_digit()
        && (c.is_ascii_uppercase() || c.is_ascii_digit())
        && (d.is_ascii_uppercase() || d.is_ascii_digit()))
}

impl TryFrom<String> for Ovt {
    type Error = CodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Ovt> for String {
    fn from(o: Ovt) -> String {
        o.0
    }
}

impl std::str::FromStr for Ovt {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl AsRef<str> for Ovt {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Ovt {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Ovt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

impl PartialEq<str> for Ovt {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Ovt {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ovt_at_its_boundaries() {
        for (text, want) in [("00AP|C1", "00AP|C1"), (" 00ap|c12 ", "00AP|C12"), ("3123|C9", "3123|C9")] {
            assert_eq!(Ovt::parse(text).map(|o| o.as_str().to_owned()), Ok(want.to_owned()), "{text:?}");
        }
        for bad in [
            "",
            "00AP",
            "00AP|C",
            "00AP|C123",
            "00AP|X1",
            "0AAP|C1",
            "00AP C1",
            "00A|C1",
            "00AP|C1a",
            "18BR0",
            "18BR000",
        ] {
            assert_eq!(Ovt::parse(bad), Err(CodeError::NotOvt), "{bad:?}");
        }
        assert_eq!(Ovt::parse(" 18br00 ").map(String::from), Ok("18BR00".to_owned()));
        assert_eq!(Ovt::parse_inspectie("18BR00"), Err(CodeError::NotOvt), "an Inspectie file holds no vestigingscode");
        assert_eq!(Ovt::parse_vestiging("00AP|C1"), Err(CodeError::NotOvt));
        assert_eq!(Ovt::parse("18BR00").map(|o| o.brin().to_owned()), Ok("18BR".to_owned()));
        let o = Ovt::parse("00AP|C1").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(o.brin(), "00AP");
        assert_eq!(format!("{o:<9}|"), "00AP|C1  |", "a table pads it like text");
        assert_eq!(o, "00AP|C1");
    }

    #[test]
    fn brin_at_its_boundaries() {
        assert_eq!(parse_brin(" 00ap "), Ok("00AP".to_owned()));
        assert_eq!(parse_brin("3123"), Ok("3123".to_owned()));
        for bad in ["", "0AP", "00APX", "A0AP", "00A-"] {
            assert_eq!(parse_brin(bad), Err(CodeError::NotBrin), "{bad:?}");
        }
    }

    #[test]
    fn serialized_as_text_and_checked_when_read() {
        let o = Ovt::parse("00AP|C1").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(serde_json::to_string(&o).unwrap_or_default(), "\"00AP|C1\"");
        assert!(serde_json::from_str::<Ovt>("\"nee\"").is_err());
    }
}
