//! The `choice` kind and the named option lists (the NPO menukaart) it can draw from.

use super::{is_false, is_one, note_max, one};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub id: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Id of a group of the option list (menukaart category A–F).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionGroup {
    pub id: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A named list of options a beheerder maintains as data (the NPO menukaart).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionList {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<OptionGroup>,
    pub options: Vec<ChoiceOption>,
}

/// One or more options. The options come from exactly one source: `options` inline, a named
/// `option_list`, or the format's standards (`from_standards`, for a review's scope).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub question: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub multiple: bool,
    /// The most options that may be chosen (multiple only; none = no limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_selected: Option<u32>,
    /// How many options count as enough for completeness.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub min_selected: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ChoiceOption>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option_list: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub from_standards: bool,
    /// When set, each chosen option gets a note under this prompt ("Voor welke leerjaren?").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_prompt: Option<String>,
    #[serde(default = "note_max")]
    pub note_max_chars: u32,
    /// The chosen options become measures of the plan (NPO: the stappenplan).
    #[serde(default, skip_serializing_if = "is_false")]
    pub feeds_plan: bool,
}

impl Choice {
    /// The most options an answer may hold.
    pub fn limit(&self) -> u32 {
        if self.multiple { self.max_selected.unwrap_or(u32::MAX) } else { 1 }
    }
}
