//! Records of an import and its rejected rows, kept so the report can be paged (issue 11 item 2).

use koers_core::ids::ImportRunId;
pub use koers_import::RowError;
use serde::{Deserialize, Serialize};

/// An import as recorded (its rejected rows are read a page at a time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRun {
    pub id: ImportRunId,
    pub at: i64,
    pub actor_label: String,
    pub file: String,
    /// The Dutch one-line summary of the report.
    pub summary: String,
    pub rejected_total: i64,
}

/// What [`crate::store::Store::record_import_run`] writes (with the rejected rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImportRun {
    pub at: i64,
    pub actor_label: String,
    pub file: String,
    pub summary: String,
}
