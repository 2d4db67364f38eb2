//! The `results` kind: register data pre-filled, tables the school fills and its own analysis.

use super::{DEFAULT_TEXT_MAX, is_zero};
use serde::{Deserialize, Serialize};

fn text_max() -> u32 {
    DEFAULT_TEXT_MAX
}

/// Register data a results item shows pre-filled (the app fetches and snapshots it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Prefill {
    /// The Inspectie's results model for PO: three test years, three-year values,
    /// signaleringswaarden and outcome per indicator (`crate::results`).
    PoResultatenmodel,
    /// DUO's exam candidates and pass rates per year and onderwijstype (VO), as a trend.
    VoExamens,
}

impl Prefill {
    pub fn label_nl(self) -> &'static str {
        match self {
            Prefill::PoResultatenmodel => "onderwijsresultatenmodel po (Inspectie)",
            Prefill::VoExamens => "examenkandidaten en geslaagden (DUO)",
        }
    }
}

/// What a table cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// 0–100, decimal comma or point.
    Percent,
    /// Any number, decimal comma or point.
    Number,
    /// Short text (at most [`CELL_TEXT_MAX`] characters).
    Text,
    /// A date, `2026-03-12` or `12-03-2026`.
    Date,
}

/// Length limit of one text cell, in characters.
pub const CELL_TEXT_MAX: u32 = 500;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub id: String,
    pub label: String,
    pub unit: Unit,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    pub id: String,
    pub label: String,
}

/// A table the school fills: fixed rows, and up to `free_rows` rows it labels itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    /// Header of the row-label column ("Groep", "Schooljaar").
    pub row_header: String,
    pub columns: Vec<Column>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Row>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub free_rows: u32,
}

/// A free-text analysis field of a results item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalysisField {
    pub id: String,
    pub question: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    #[serde(default = "text_max")]
    pub max_chars: u32,
}

/// Register data pre-filled, tables the school fills and its own analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Results {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefill: Option<Prefill>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<Table>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub analysis: Vec<AnalysisField>,
}
