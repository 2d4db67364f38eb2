//! Records of the operations methods of the [`super::Store`]: backups (issue 12).

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupInfo {
    /// The finished file (written under a temporary name first, then renamed).
    pub path: PathBuf,
    pub bytes: u64,
    /// `sqlite` or `postgres`.
    pub backend: String,
    /// How it was made: `VACUUM INTO` or the `pg_dump --version` line (its major version must
    /// be at least the server's to restore).
    pub method: String,
}

/// Why a restore did not happen.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    #[error(
        "de doeldatabase bevat al gegevens ({0}); herstel alleen in een lege database, of geef --force om alles te vervangen"
    )]
    NotEmpty(String),
    #[error("{0}")]
    BadBackup(String),
    #[error("{0}")]
    ToolMissing(String),
    #[error("herstellen mislukt: {0}")]
    Failed(String),
}

/// One change to the public register, from the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterChange {
    /// The audit entry's id (increasing; on PostgreSQL not necessarily in commit order).
    pub id: i64,
    /// `School`, `Board`, `Result`, `Published`, `WegingYear`, `ExamYear`, `Verdict` or
    /// `Programme`.
    pub entity: super::AuditEntity,
    /// The school id (the board number for `board`, the verdict or programme id for those).
    pub entity_id: String,
}
