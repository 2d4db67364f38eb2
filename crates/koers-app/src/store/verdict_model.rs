//! Inspectie verdicts as the store keeps them (plain text codes; `koers_core::inspection`
//! checks and interprets them).

use koers_core::ids::{BoardNumber, SchoolId, UserId, VerdictId};
use serde::{Deserialize, Serialize};

/// A verdict to record. Exactly one of `school_id` and `board_number` is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewVerdict {
    pub school_id: Option<SchoolId>,
    pub board_number: Option<BoardNumber>,
    /// ISO `2025-03-12`.
    pub verdict_date: String,
    /// `zeer_zwak`, `onvoldoende`, `voldoende`, `goed`.
    pub oordeel: String,
    /// `vmbo-b` … `vwo`; `None` = whole school or board.
    pub afdeling: Option<String>,
    pub herstelopdracht: bool,
    pub risk_investigation: bool,
    pub source: String,
    /// `verklaard` or `vastgesteld`.
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerdictRecord {
    pub id: VerdictId,
    pub school_id: Option<SchoolId>,
    pub board_number: Option<BoardNumber>,
    pub verdict_date: String,
    pub oordeel: String,
    pub afdeling: Option<String>,
    pub herstelopdracht: bool,
    pub risk_investigation: bool,
    pub source: String,
    pub status: String,
    pub recorded_by: Option<UserId>,
    pub recorded_by_label: String,
    pub recorded_at: i64,
    pub confirmed_by: Option<UserId>,
    pub confirmed_by_label: Option<String>,
    pub confirmed_at: Option<i64>,
    pub version: i64,
}
