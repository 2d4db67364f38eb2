//! The six item kinds a format is built from (TRAJECTORY §1) and the named data they refer to
//! (option lists such as the NPO menukaart, kijkwijzers for klassenbezoeken).
//!
//! In TOML every item is a table under its section with `kind = "rubric" | "reflection" |
//! "evidence" | "results" | "observation" | "choice"`, an `id` that is unique in the whole
//! format (comments, the verbeterpunt flag and answers hang on it), and the fields of its kind.

mod choice;
mod file;
mod observation;
mod results;

pub use choice::{Choice, ChoiceOption, OptionGroup, OptionList};
pub use file::FileKind;
pub use observation::{Kijkwijzer, KijkwijzerDomain, KijkwijzerItem, Observation};
pub use results::{AnalysisField, CELL_TEXT_MAX, Column, Prefill, Results, Row, Table, Unit};

use serde::{Deserialize, Serialize};

fn yes() -> bool {
    true
}
fn is_true(b: &bool) -> bool {
    *b
}
fn is_false(b: &bool) -> bool {
    !*b
}
fn is_zero(n: &u32) -> bool {
    *n == 0
}
fn one() -> u32 {
    1
}
fn is_one(n: &u32) -> bool {
    *n == 1
}

/// Default length limit of a free text answer, in characters.
pub const DEFAULT_TEXT_MAX: u32 = 4000;
/// Default length limit of the "waarom" under a rubric score, in characters.
pub const DEFAULT_WHY_MAX: u32 = 1500;
/// Default length limit of a note (per selected option, per evidence item), in characters.
pub const DEFAULT_NOTE_MAX: u32 = 1000;
/// The largest length limit a format may set on any text, in characters.
pub const MAX_TEXT_LIMIT: u32 = 20_000;

fn text_max() -> u32 {
    DEFAULT_TEXT_MAX
}
fn why_max() -> u32 {
    DEFAULT_WHY_MAX
}
fn note_max() -> u32 {
    DEFAULT_NOTE_MAX
}
fn default_why_prompt() -> String {
    "Waarom deze score? Noem waaraan je het ziet.".to_owned()
}

/// One question, statement or task in a section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Stable slug, unique in the whole format.
    pub id: String,
    /// Counts for completeness: a required item must be answered before the form is complete.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub required: bool,
    /// The standard this item belongs to, when it differs from its section's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    #[serde(flatten)]
    pub kind: ItemKind,
}

/// What the item asks for; the tag is `kind` in TOML and JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ItemKind {
    Rubric(Rubric),
    Reflection(Reflection),
    Evidence(Evidence),
    Results(Results),
    Observation(Observation),
    Choice(Choice),
}

impl ItemKind {
    /// The kind as written in TOML (`rubric`).
    pub fn name(&self) -> &'static str {
        match self {
            ItemKind::Rubric(_) => "rubric",
            ItemKind::Reflection(_) => "reflection",
            ItemKind::Evidence(_) => "evidence",
            ItemKind::Results(_) => "results",
            ItemKind::Observation(_) => "observation",
            ItemKind::Choice(_) => "choice",
        }
    }
}

impl Item {
    /// The text that names the item on a page or in a report: the rubric's title, the question,
    /// what to upload, the results or observation title.
    pub fn label(&self) -> &str {
        match &self.kind {
            ItemKind::Rubric(r) => &r.title,
            ItemKind::Reflection(r) => &r.question,
            ItemKind::Evidence(e) => &e.title,
            ItemKind::Results(r) => &r.title,
            ItemKind::Observation(o) => &o.title,
            ItemKind::Choice(c) => &c.question,
        }
    }

    /// The explanation under the label, when the format gives one.
    pub fn guidance(&self) -> Option<&str> {
        match &self.kind {
            ItemKind::Rubric(r) => r.guidance.as_deref(),
            ItemKind::Reflection(r) => r.guidance.as_deref(),
            ItemKind::Evidence(e) => e.guidance.as_deref(),
            ItemKind::Results(r) => r.guidance.as_deref(),
            ItemKind::Observation(o) => o.guidance.as_deref(),
            ItemKind::Choice(c) => c.guidance.as_deref(),
        }
    }
}

/// The fixed four-point scale of every rubric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RubricLevel {
    Onvoldoende = 1,
    VoldoendeOpOnderdelen = 2,
    Voldoende = 3,
    Goed = 4,
}

impl RubricLevel {
    pub const ALL: [RubricLevel; 4] =
        [RubricLevel::Onvoldoende, RubricLevel::VoldoendeOpOnderdelen, RubricLevel::Voldoende, RubricLevel::Goed];

    /// The level of a score 1–4; `None` for anything else.
    pub fn from_score(score: u8) -> Option<Self> {
        Self::ALL.get(usize::from(score).checked_sub(1)?).copied()
    }
    pub fn score(self) -> u8 {
        self as u8
    }
    pub fn label_nl(self) -> &'static str {
        match self {
            RubricLevel::Onvoldoende => "onvoldoende",
            RubricLevel::VoldoendeOpOnderdelen => "voldoende op onderdelen",
            RubricLevel::Voldoende => "voldoende",
            RubricLevel::Goed => "goed",
        }
    }
}

/// A score on [`RubricLevel`]'s scale with a descriptor per level and a short "waarom".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    /// The statement or question the score answers.
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    /// Exactly four descriptors, for level 1 (onvoldoende) up to 4 (goed).
    pub levels: Vec<String>,
    /// The prompt above the "waarom" field.
    #[serde(default = "default_why_prompt")]
    pub why_prompt: String,
    #[serde(default = "why_max")]
    pub why_max_chars: u32,
    /// Whether a score counts as answered only with a "waarom".
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub why_required: bool,
}

impl Rubric {
    /// The descriptor of a level.
    pub fn descriptor(&self, level: RubricLevel) -> &str {
        self.levels.get(usize::from(level.score()) - 1).map_or("", String::as_str)
    }
}

/// Free text answering a reflection question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reflection {
    pub question: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    #[serde(default = "text_max")]
    pub max_chars: u32,
}

fn all_file_kinds() -> Vec<FileKind> {
    FileKind::ALL.to_vec()
}
fn ten() -> u32 {
    10
}
fn five() -> u32 {
    5
}

/// Files and/or a link that show something, with a note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// What to upload or link ("Het schoolplan 2023–2027").
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    #[serde(default = "all_file_kinds")]
    pub accept: Vec<FileKind>,
    /// Size limit per file, in megabytes (1–50).
    #[serde(default = "ten")]
    pub max_file_mb: u32,
    /// How many files (0–20; 0 = a link only).
    #[serde(default = "five")]
    pub max_files: u32,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub allow_link: bool,
    #[serde(default = "note_max")]
    pub note_max_chars: u32,
}

impl Evidence {
    pub fn max_file_bytes(&self) -> u64 {
        u64::from(self.max_file_mb) * 1024 * 1024
    }
}
