//! Newtype ids: a school id can never be passed where a user id is meant.
//!
//! Every stored row is identified by an `i64` (`INTEGER PRIMARY KEY` / `BIGINT … IDENTITY`);
//! the stores convert at their edge with [`From`]/`.get()`. Ids serialize as plain numbers, so
//! the JSON API and the audit trail are unchanged. Add a new id with [`id_type!`].

use serde::{Deserialize, Serialize};
use std::fmt;

/// Declares an `i64` id newtype with `new`, `get`, `Display`, `FromStr` and serde as a number.
#[macro_export]
macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            pub const fn new(raw: i64) -> Self {
                Self(raw)
            }
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl From<i64> for $name {
            fn from(raw: i64) -> Self {
                Self(raw)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse::<i64>().map(Self)
            }
        }
    };
}

id_type!(
    /// A school (a row of the register; the public id in `/scholen/{id}`).
    SchoolId
);
id_type!(
    /// An application (aanmelding).
    ApplicationId
);
id_type!(
    /// A trajectory (traject).
    TrajectoryId
);
id_type!(
    /// A user account.
    UserId
);
id_type!(
    /// An expert in the pool.
    ExpertId
);
id_type!(
    /// A filled-in format of a trajectory (zelfevaluatie, schoolscan, zelfanalyse, review).
    SelfEvaluationId
);
id_type!(
    /// A comment on an item of a filled-in format.
    CommentId
);
id_type!(
    /// A klassenbezoek (observation) recorded on an observation item.
    VisitId
);
id_type!(
    /// An evidence file uploaded to an item (its bytes are in the database).
    UploadId
);

id_type!(
    /// An Inspectie verdict (oordeel) recorded for a school or board.
    VerdictId
);
id_type!(
    /// A grant: a role on a school, board or programme given to a user.
    GrantId
);
id_type!(
    /// An API token (only its hash is stored).
    ApiTokenId
);
id_type!(
    /// A mail in the outbox.
    MailId
);
id_type!(
    /// A recorded import run (its report and rejected rows).
    ImportRunId
);
id_type!(
    /// A board-approval link of an application.
    ApprovalLinkId
);

id_type!(
    /// A board's request to enrol several of its schools (one line per school).
    BoardRequestId
);
id_type!(
    /// A review (collegiale visitatie, interne audit, …) of a trajectory.
    ReviewId
);

/// A board's `bevoegd_gezag_nummer` (DUO): a public number, not a row id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BoardNumber(i64);

impl BoardNumber {
    pub const fn new(raw: i64) -> Self {
        Self(raw)
    }
    pub const fn get(self) -> i64 {
        self.0
    }
}

impl From<i64> for BoardNumber {
    fn from(raw: i64) -> Self {
        Self(raw)
    }
}

impl From<BoardNumber> for i64 {
    fn from(n: BoardNumber) -> i64 {
        n.0
    }
}

impl fmt::Display for BoardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::str::FromStr for BoardNumber {
    type Err = std::num::ParseIntError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.trim().parse::<i64>().map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_serialize_as_plain_numbers_and_parse_from_text() {
        assert_eq!(serde_json::to_string(&SchoolId::new(42)).unwrap_or_default(), "42");
        let back: UserId = serde_json::from_str("7").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, UserId::new(7));
        assert_eq!("41646".parse::<BoardNumber>(), Ok(BoardNumber::new(41646)));
        assert!("x".parse::<TrajectoryId>().is_err());
        assert_eq!(ExpertId::new(3).to_string(), "3");
        assert_eq!(i64::from(ApplicationId::new(9)), 9);
    }
}
