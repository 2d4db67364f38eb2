//! Self-evaluation formats as data (`formats/*.toml`, TRAJECTORY §1–2): a zelfevaluatie,
//! schoolscan, zelfanalyse or review is a versioned document of sections and items, loaded like
//! programmes: the shipped files are embedded ([`SHIPPED`]); a beheerder's edited copy is stored
//! as text and parsed with [`Format::from_toml`] (or deserialized from JSON and checked with
//! [`Format::validate`]); [`Format::to_toml`] writes it back. A trajectory keeps the
//! `(id, version)` it started with, so a new version never changes a filled-in form.
//!
//! - [`item`]: the six item kinds and the named option lists and kijkwijzers they use;
//! - [`answer`]: what an answer to each kind holds and [`Format::check_answer`];
//! - [`result`]: the result of a filled-in form (scores per standard, chart data, strengths,
//!   points for improvement, klassenbezoeken aggregated, completeness);
//! - [`goals`]: flagged verbeterpunten → candidate goals for the plan van aanpak.
//!
//! Every error names the field by its path, 1-based as a beheerder counts the `[[sections]]`
//! in the file: `sections[3].items[2].levels: een rubric heeft precies 4 niveaus …`.

pub mod answer;
mod check_answer;
pub mod goals;
pub mod item;
mod observe;
pub mod result;
pub mod status;
#[cfg(test)]
mod tests;
mod validate;

pub use answer::{Answer, AnswerError, FilledForm};
pub use goals::{CandidateGoal, candidate_goals};
pub use item::{FileKind, Item, ItemKind, RubricLevel};
pub use result::{FormResult, evaluate};
pub use status::{FormStatus, StatusError};
pub use validate::{FieldError, FormatError};

use crate::programme::Audience;
use item::{Kijkwijzer, OptionList};
use serde::{Deserialize, Serialize};

/// The formats shipped with Koers, embedded at compile time.
pub const SHIPPED: &[(&str, &str)] = &[
    ("zelfevaluatie-po.toml", include_str!("../../../formats/zelfevaluatie-po.toml")),
    ("zelfevaluatie-gespecialiseerd.toml", include_str!("../../../formats/zelfevaluatie-gespecialiseerd.toml")),
    ("zelfevaluatie-bestuur.toml", include_str!("../../../formats/zelfevaluatie-bestuur.toml")),
    ("npo-schoolscan.toml", include_str!("../../../formats/npo-schoolscan.toml")),
    ("zelfanalyse-vo.toml", include_str!("../../../formats/zelfanalyse-vo.toml")),
    ("review.toml", include_str!("../../../formats/review.toml")),
];

/// The largest format text accepted, in bytes (memory stays bounded whatever is uploaded).
pub const MAX_TOML_BYTES: usize = 1_000_000;

/// What kind of artefact a filled-in format is (titles of the result page and the report).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormatKind {
    Zelfevaluatie,
    Schoolscan,
    Zelfanalyse,
    Review,
}

impl FormatKind {
    pub fn label_nl(self) -> &'static str {
        match self {
            FormatKind::Zelfevaluatie => "zelfevaluatie",
            FormatKind::Schoolscan => "schoolscan",
            FormatKind::Zelfanalyse => "zelfanalyse",
            FormatKind::Review => "review",
        }
    }
}

/// Who fills in a format or a section. "School" is the participant of the trajectory: the
/// school leader and schoolteam, or in a board trajectory the bestuur.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Filler {
    /// The participant: the school (school leader and schoolteam) or the bestuur.
    School,
    /// The trajectory's expert (adviseur, procesbegeleider, reviewer).
    Expert,
    /// Both; either may write.
    Together,
}

impl Filler {
    /// Dutch label for a trajectory of this audience ("de school", "het bestuur", "de expert").
    pub fn label_nl(self, audience: Audience) -> &'static str {
        match (self, audience) {
            (Filler::School, Audience::School) => "de school",
            (Filler::School, Audience::Bestuur) => "het bestuur",
            (Filler::Expert, _) => "de expert",
            (Filler::Together, Audience::School) => "school en expert samen",
            (Filler::Together, Audience::Bestuur) => "bestuur en adviseur samen",
        }
    }
}

/// The framework a format is based on: its version and sources, carried with the data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// E.g. "Onderzoekskader 2021 (po), herzien 1 augustus 2024".
    pub version: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Points the authors could not verify, for staff (not shown to the school).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// A standard of the framework (OP1, SK1, BKA2 …) with what is expected for voldoende.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    pub code: String,
    pub title: String,
    /// The group of standards ("Onderwijsproces").
    pub area: String,
    /// A kernstandaard weighs most in the Inspectie's judgement.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub core: bool,
    /// The code in a newer or older version of the framework (KA1 ↔ SKA1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// What the Inspectie expects for voldoende, in the format's words.
    pub expectation: String,
}

impl Standard {
    /// "OP1 Aanbod".
    pub fn label(&self) -> String {
        format!("{} {}", self.code, self.title)
    }
}

/// A part of the format, usually one standard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Stable slug, unique in the format (sections and items share one set of ids).
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    /// Who fills this section in, when it differs from the format's `filled_by`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filled_by: Option<Filler>,
    pub items: Vec<Item>,
}

/// One format: everything a school (or board, or expert) fills in for one artefact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Format {
    /// Slug used in programmes, URLs and the database (`zelfevaluatie-po`).
    pub id: String,
    /// Whole number, raised on every published change; a trajectory keeps its version.
    pub version: u32,
    pub kind: FormatKind,
    pub title: String,
    /// The introduction the school reads first.
    pub intro: String,
    pub filled_by: Filler,
    /// Id of a `choice` item with `from_standards = true`: only sections of the chosen standards
    /// count (a review's scope). No answer yet: every section counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    pub framework: Framework,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standards: Vec<Standard>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub option_lists: Vec<OptionList>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kijkwijzers: Vec<Kijkwijzer>,
    pub sections: Vec<Section>,
}

/// An item with the section it is in.
#[derive(Debug, Clone, Copy)]
pub struct Located<'a> {
    pub section: &'a Section,
    pub item: &'a Item,
}

impl<'a> Located<'a> {
    /// The item's standard code, else its section's.
    pub fn standard(&self) -> Option<&'a str> {
        self.item.standard.as_deref().or(self.section.standard.as_deref())
    }
}

impl Format {
    /// Parse and validate one format; `file` names the source in the error.
    pub fn from_toml(file: &str, text: &str) -> Result<Self, FormatError> {
        let f = validate::parse(file, text)?;
        f.validate(file)?;
        Ok(f)
    }

    /// The format as TOML that [`Format::from_toml`] reads back to the same value.
    pub fn to_toml(&self) -> Result<String, FormatError> {
        toml::to_string(self).map_err(|e| FormatError::one(&self.id, "", format!("niet te schrijven: {e}")))
    }

    /// Check every invariant (also after JSON deserialization); lists every problem found.
    pub fn validate(&self, file: &str) -> Result<(), FormatError> {
        validate::validate(self, file)
    }

    /// The formats shipped with Koers.
    pub fn shipped() -> Result<Vec<Self>, FormatError> {
        SHIPPED.iter().map(|(f, t)| Self::from_toml(f, t)).collect()
    }

    /// The ids of the shipped formats (the known set for programme validation).
    pub fn shipped_ids() -> Result<Vec<String>, FormatError> {
        Ok(Self::shipped()?.into_iter().map(|f| f.id).collect())
    }

    /// Who fills in a section.
    pub fn filler(&self, section: &Section) -> Filler {
        section.filled_by.unwrap_or(self.filled_by)
    }

    /// Every item with its section, in order.
    pub fn items(&self) -> impl Iterator<Item = Located<'_>> {
        self.sections.iter().flat_map(|section| section.items.iter().map(move |item| Located { section, item }))
    }

    pub fn item(&self, id: &str) -> Option<Located<'_>> {
        self.items().find(|l| l.item.id == id)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// A declared standard by its code or alias.
    pub fn standard(&self, code: &str) -> Option<&Standard> {
        self.standards.iter().find(|s| s.code == code || s.alias.as_deref() == Some(code))
    }

    pub fn option_list(&self, id: &str) -> Option<&OptionList> {
        self.option_lists.iter().find(|l| l.id == id)
    }

    pub fn kijkwijzer(&self, id: &str) -> Option<&Kijkwijzer> {
        self.kijkwijzers.iter().find(|k| k.id == id)
    }

    /// The options of a choice item, whatever their source (the format's standards become
    /// options with the code as id).
    pub fn options_of(&self, choice: &item::Choice) -> Vec<item::ChoiceOption> {
        if choice.from_standards {
            self.standards
                .iter()
                .map(|s| item::ChoiceOption {
                    id: s.code.clone(),
                    label: s.label(),
                    description: None,
                    group: Some(s.area.clone()),
                })
                .collect()
        } else if let Some(list) = choice.option_list.as_deref().and_then(|id| self.option_list(id)) {
            list.options.clone()
        } else {
            choice.options.clone()
        }
    }
}
