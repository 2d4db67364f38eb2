//! What an audit entry is about: one closed list of entities ([`AuditEntity`]), so a writer cannot
//! misspell one and the log's filter offers exactly the entities that are written. The stored
//! code is the snake_case name (`account_request`), read back with [`AuditEntity::from_code`].
//!
//! The *action* stays text: besides the generic `create`/`update`/`delete` it is the workflow
//! event, the form status or the plan step that caused the change (their codes come from core's
//! own enums), so a closed list here would only copy those.

use serde::{Deserialize, Serialize};

macro_rules! audit_entities {
    ($($variant:ident => $code:literal),+ $(,)?) => {
        /// The kind of record an audit entry is about.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum AuditEntity {
            $($variant),+
        }

        impl AuditEntity {
            /// Every entity, in alphabetical order of its code.
            pub const ALL: &'static [AuditEntity] = &[$(AuditEntity::$variant),+];

            /// The stored code.
            pub const fn code(self) -> &'static str {
                match self {
                    $(AuditEntity::$variant => $code),+
                }
            }

            /// The entity of a stored code; `None` for a code no writer uses.
            pub fn from_code(code: &str) -> Option<Self> {
                match code {
                    $($code => Some(AuditEntity::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

audit_entities! {
    AccountRequest => "account_request",
    Answer => "answer",
    ApiToken => "api_token",
    Application => "application",
    ApprovalLink => "approval_link",
    Board => "board",
    BoardRequest => "board_request",
    Comment => "comment",
    DagdelenExport => "dagdelen_export",
    ExamYear => "exam_year",
    Expert => "expert",
    ExternalIdentity => "external_identity",
    Format => "format",
    Grant => "grant",
    Import => "import",
    Kostenoverzicht => "kostenoverzicht",
    Plan => "plan",
    Programme => "programme",
    ProgrammeExport => "programme_export",
    Published => "published",
    Report => "report",
    Result => "result",
    Review => "review",
    Reviewer => "reviewer",
    School => "school",
    SelfEvaluation => "self_evaluation",
    Session => "session",
    Trajectory => "trajectory",
    Upload => "upload",
    User => "user",
    Verdict => "verdict",
    Visit => "visit",
    WegingYear => "weging_year",
}

impl std::fmt::Display for AuditEntity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_and_serde_writes_the_same_code() {
        for e in AuditEntity::ALL {
            assert_eq!(AuditEntity::from_code(e.code()), Some(*e));
            assert_eq!(serde_json::to_string(e).unwrap_or_default(), format!("\"{}\"", e.code()));
        }
        assert_eq!(AuditEntity::from_code("School"), None);
        assert_eq!(AuditEntity::from_code(""), None);
        let codes: Vec<&str> = AuditEntity::ALL.iter().map(|e| e.code()).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        assert_eq!(codes, sorted, "ALL is alphabetical (the log's filter lists it so)");
    }
}
