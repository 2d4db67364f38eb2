//! An e-mail address, checked once: [`Email::parse`] is the one rule for every form, record and
//! invitation that holds an address (accounts, experts, reviewers, team members, contacts).
//!
//! The rule is deliberately plausible rather than RFC 5322-complete: at most 254 characters, no
//! white space, exactly one `@` with something before it, and a dotted domain that neither starts
//! nor ends with a dot. What matters is that a typo (`naam@school`, `naam school.nl`) is caught
//! with a Dutch message naming the field, and that the address a user typed is kept as typed
//! (trimmed); comparisons ignore case ([`Email::key`]).

use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest address accepted (the SMTP path limit).
pub const MAX_EMAIL_LEN: usize = 254;

/// A plausible e-mail address, trimmed, as the user typed it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

/// Why a text is not an e-mail address. The message is Dutch, for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("vul een e-mailadres in")]
    Empty,
    #[error("een e-mailadres is hoogstens {MAX_EMAIL_LEN} tekens lang")]
    TooLong,
    #[error("vul een geldig e-mailadres in, zoals naam@school.nl")]
    Invalid,
}

impl Email {
    /// Trim `text` and check it (see the module documentation).
    pub fn parse(text: &str) -> Result<Self, EmailError> {
        let e = text.trim();
        if e.is_empty() {
            return Err(EmailError::Empty);
        }
        if e.len() > MAX_EMAIL_LEN {
            return Err(EmailError::TooLong);
        }
        let plausible = !e.contains(char::is_whitespace)
            && e.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            });
        if plausible { Ok(Self(e.to_owned())) } else { Err(EmailError::Invalid) }
    }

    /// Is `text` a plausible address? (For a form that only needs the verdict.)
    pub fn is_valid(text: &str) -> bool {
        Self::parse(text).is_ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The address lower-cased: how two addresses are compared (the stores index it so).
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

impl std::str::FromStr for Email {
    type Err = EmailError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

impl PartialEq<str> for Email {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Email {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_rule_at_its_boundaries() {
        let ok = ["a@b.nl", "  naam@school.nl ", "Naam.Achternaam+koers@sub.school.nl", "x@y.z"];
        for e in ok {
            assert_eq!(Email::parse(e).map(|m| m.as_str().to_owned()), Ok(e.trim().to_owned()), "{e:?}");
        }
        let bad = [
            ("", EmailError::Empty),
            ("   ", EmailError::Empty),
            ("naam", EmailError::Invalid),
            ("naam@school", EmailError::Invalid),
            ("@school.nl", EmailError::Invalid),
            ("naam@.nl", EmailError::Invalid),
            ("naam@school.", EmailError::Invalid),
            ("na am@school.nl", EmailError::Invalid),
            ("naam@@school.nl", EmailError::Invalid),
            ("a@b@c.nl", EmailError::Invalid),
        ];
        for (e, why) in bad {
            assert_eq!(Email::parse(e), Err(why), "{e:?}");
        }
    }

    #[test]
    fn the_length_limit_is_254() {
        let at_limit = format!("{}@school.nl", "a".repeat(MAX_EMAIL_LEN - "@school.nl".len()));
        assert_eq!(at_limit.len(), MAX_EMAIL_LEN);
        assert!(Email::is_valid(&at_limit));
        assert_eq!(Email::parse(&format!("a{at_limit}")), Err(EmailError::TooLong));
    }

    #[test]
    fn compared_without_case_and_serialized_as_text() {
        let e = Email::parse("Iris@Experts.NL").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.key(), "iris@experts.nl");
        assert_eq!(e.to_string(), "Iris@Experts.NL");
        assert_eq!(serde_json::to_string(&e).unwrap_or_default(), "\"Iris@Experts.NL\"");
        assert!(serde_json::from_str::<Email>("\"geen adres\"").is_err());
    }
}
