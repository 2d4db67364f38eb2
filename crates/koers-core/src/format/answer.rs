//! What an answer to each item kind holds, and a filled-in form as the pure functions see it.
//!
//! An answer may be partial (a draft saves per item): a rubric score without its "waarom", an
//! empty table. [`crate::format::Format::check_answer`] refuses only what can never be right
//! (a score of 5, text over the limit, an unknown option); whether an answer is complete enough
//! to count is [`crate::format::Format::is_complete`]. Answers serialize as JSON tagged by `kind`, like items.

use crate::calendar::{Date, SchoolYear};
use crate::format::item::FileKind;
use crate::results::{Assessment, YearEntry};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use super::check_answer::AnswerError;

/// A rubric score 1–4 and the "waarom". The score is kept raw so that an out-of-range value
/// reaches validation and gets a Dutch message instead of a parse error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RubricAnswer {
    #[serde(default)]
    pub score: Option<u8>,
    #[serde(default)]
    pub why: String,
}

/// The answer to a reflection question.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextAnswer {
    #[serde(default)]
    pub text: String,
}

/// One uploaded file, as the app stored it; the bytes live in the store under `upload`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceFile {
    /// The store's reference to the upload (opaque to core).
    pub upload: String,
    /// The file name as uploaded (shown, never used as a path).
    pub name: String,
    /// The kind the content was found to be ([`FileKind::sniff`]).
    pub kind: FileKind,
    pub size_bytes: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceAnswer {
    #[serde(default)]
    pub files: Vec<EvidenceFile>,
    /// An `https://` or `http://` link, e.g. to the schoolplan on the school's website.
    #[serde(default)]
    pub link: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// One row the school filled in a table: a fixed row by its id, or a free row with the label
/// the school gave it (`row` = `None`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowAnswer {
    #[serde(default)]
    pub row: Option<String>,
    /// The school's label of a free row ("2023-2024"); ignored for a fixed row.
    #[serde(default)]
    pub label: String,
    /// Column id → the text as typed (`85,5`); checked against the column's unit.
    #[serde(default)]
    pub cells: BTreeMap<String, String>,
}

/// One year of exam results of one onderwijstype (DUO, all candidates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExamYear {
    pub school_year: SchoolYear,
    /// `VMBO-B`, `HAVO`, `VWO` …
    pub track: String,
    pub candidates: u32,
    pub passed: u32,
}

impl ExamYear {
    /// The pass rate in percent; `None` without candidates.
    pub fn pass_rate(&self) -> Option<f64> {
        (self.candidates > 0).then(|| f64::from(self.passed) * 100.0 / f64::from(self.candidates))
    }
}

/// The register data a results item showed, frozen with the answer so the 0-meting keeps the
/// numbers the school saw. Filled by the app, never by the school.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "kebab-case")]
pub enum RegisterSnapshot {
    PoResultatenmodel { years: [YearEntry; 3], assessment: Assessment },
    VoExamens { years: Vec<ExamYear> },
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResultsAnswer {
    #[serde(default)]
    pub register: Option<RegisterSnapshot>,
    /// Table id → its rows.
    #[serde(default)]
    pub tables: BTreeMap<String, Vec<RowAnswer>>,
    /// Analysis field id → the school's text.
    #[serde(default)]
    pub analysis: BTreeMap<String, String>,
}

/// One klassenbezoek scored on the item's kijkwijzer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    #[serde(default)]
    pub date: Option<Date>,
    /// Groep or klas ("groep 5", "2 havo").
    #[serde(default)]
    pub group: String,
    /// Who observed (a name or role: "intern begeleider", "expert").
    #[serde(default)]
    pub observer: String,
    /// Subject or lesson ("rekenen", "begrijpend lezen"), optional.
    #[serde(default)]
    pub subject: String,
    /// Kijkwijzer item id → score 1–4; an item left out was not observed.
    #[serde(default)]
    pub scores: BTreeMap<String, u8>,
    #[serde(default)]
    pub strengths: String,
    #[serde(default)]
    pub improvements: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObservationAnswer {
    #[serde(default)]
    pub visits: Vec<Visit>,
}

/// A chosen option, with the note when the item asks for one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selection {
    pub option: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceAnswer {
    #[serde(default)]
    pub selected: Vec<Selection>,
}

/// The answer to one item; its `kind` must match the item's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Answer {
    Rubric(RubricAnswer),
    Reflection(TextAnswer),
    Evidence(EvidenceAnswer),
    Results(ResultsAnswer),
    Observation(ObservationAnswer),
    Choice(ChoiceAnswer),
}

impl Answer {
    pub fn kind_name(&self) -> &'static str {
        match self {
            Answer::Rubric(_) => "rubric",
            Answer::Reflection(_) => "reflection",
            Answer::Evidence(_) => "evidence",
            Answer::Results(_) => "results",
            Answer::Observation(_) => "observation",
            Answer::Choice(_) => "choice",
        }
    }

    /// The rubric score, when this is a scored rubric answer with a valid score.
    pub fn score(&self) -> Option<u8> {
        match self {
            Answer::Rubric(r) => r.score.filter(|s| (1..=4).contains(s)),
            _ => None,
        }
    }
}

/// A filled-in form as the pure functions see it: the answers and the verbeterpunt flags by
/// item id. Comments are not here: they do not change scores, strengths or goals.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FilledForm {
    pub answers: BTreeMap<String, Answer>,
    /// Item id → the note given when it was flagged as verbeterpunt (may be empty).
    pub verbeterpunten: BTreeMap<String, String>,
}

impl FilledForm {
    pub fn answer(&self, item: &str) -> Option<&Answer> {
        self.answers.get(item)
    }
    pub fn is_flagged(&self, item: &str) -> bool {
        self.verbeterpunten.contains_key(item)
    }
}
