//! What the form page shows, precomputed per section and item so the templates only print:
//! the fields of each item kind with what is saved (or what was just typed), the item's
//! version for the next save, its comments as a thread, klassenbezoeken and files. The types
//! and the sections are here; one item in [`item`], the fields of the larger kinds in [`kinds`].

mod item;
mod kinds;

pub use item::{Hints, item_view};

use super::part::Part;
use crate::i18n::Lang;
use koers_app::selfevals::FormView;
use koers_core::format::{Filler, Format};

#[derive(Debug, Clone, Default)]
pub struct Level {
    pub score: u8,
    pub label: String,
    pub descriptor: String,
    pub checked: bool,
}

#[derive(Debug, Clone, Default)]
pub struct FileRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub size_kb: u64,
}

#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub name: String,
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Default)]
pub struct TableRow {
    pub label: String,
    /// For a free row: the name of its label field.
    pub label_name: Option<String>,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Default)]
pub struct TableView {
    pub id: String,
    pub title: String,
    pub row_header: String,
    pub columns: Vec<String>,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, Default)]
pub struct TextField {
    pub name: String,
    pub label: String,
    pub guidance: String,
    pub value: String,
    pub max: u32,
}

#[derive(Debug, Clone, Default)]
pub struct VisitRow {
    pub date: String,
    pub group: String,
    pub observer: String,
    pub subject: String,
    pub scores: String,
    pub strengths: String,
    pub improvements: String,
}

#[derive(Debug, Clone, Default)]
pub struct LookFor {
    pub id: String,
    pub domain: String,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct OptionRow {
    pub id: String,
    pub label: String,
    pub description: String,
    pub group: String,
    pub checked: bool,
    pub note: String,
}

#[derive(Debug, Clone, Default)]
pub struct CommentRow {
    pub id: i64,
    pub author: String,
    pub role: String,
    pub when: String,
    pub body: String,
    pub reply: bool,
}

/// One item as the page shows it.
#[derive(Debug, Clone, Default)]
pub struct ItemView {
    pub id: String,
    pub kind: &'static str,
    pub label: String,
    pub guidance: String,
    pub required: bool,
    pub editable: bool,
    pub can_comment: bool,
    pub can_observe: bool,
    pub version: i64,
    pub updated_by: String,
    pub flagged: bool,
    pub flag_note: String,
    pub levels: Vec<Level>,
    pub why_prompt: String,
    pub text: String,
    pub max_chars: u32,
    pub link: String,
    pub files: Vec<FileRow>,
    pub accept: String,
    pub max_file_mb: u32,
    pub register: Vec<(String, String)>,
    pub tables: Vec<TableView>,
    pub analysis: Vec<TextField>,
    pub visits: Vec<VisitRow>,
    pub look_fors: Vec<LookFor>,
    pub scale: Vec<String>,
    pub options: Vec<OptionRow>,
    pub multiple: bool,
    pub note_prompt: String,
    pub comments: Vec<CommentRow>,
    /// A refused save: the message (naming the field) and the field.
    pub error: Option<String>,
    pub error_field: String,
    pub saved: bool,
    /// What was typed in the item's other forms (comment, klassenbezoek) when refused.
    pub draft: Vec<(String, String)>,
    /// "Hooguit 4.000 tekens." and the like, in the page's language.
    pub max_hint: String,
    pub last_saved: String,
    pub file_hint: String,
}

impl ItemView {
    /// A typed value of a refused comment or klassenbezoek (`opmerking`, `groep`, `score.x` …).
    pub fn draft(&self, name: &str) -> &str {
        self.draft.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }
    /// Whether the refused klassenbezoek had score `s` for look-for `id`.
    pub fn draft_score(&self, id: &str, s: impl std::fmt::Display) -> bool {
        self.draft(&format!("score.{id}")) == s.to_string()
    }
}

#[derive(Debug, Clone, Default)]
pub struct SectionView {
    pub id: String,
    pub title: String,
    pub intro: String,
    pub standard: String,
    pub expectation: String,
    pub filler: String,
    pub items: Vec<ItemView>,
}

/// The role's label for comments ("expert", "school" …).
pub fn role_label(lang: Lang, code: &str) -> String {
    lang.t(&format!("se-role-{code}"))
}

/// The sections of the form that `part` shows (only those are worked out).
pub fn sections(lang: Lang, fv: &FormView, part: Part) -> Vec<SectionView> {
    let format: &Format = &fv.format;
    let audience = if fv.case.trajectory.school_id.is_some() {
        koers_core::programme::Audience::School
    } else {
        koers_core::programme::Audience::Bestuur
    };
    let mut hints = Hints::default();
    format
        .sections
        .iter()
        .enumerate()
        .filter(|(i, _)| part.shows(*i))
        .map(|(_, s)| {
            let standard = s.standard.as_deref().and_then(|c| format.standard(c));
            SectionView {
                id: s.id.clone(),
                title: s.title.clone(),
                intro: s.intro.clone().unwrap_or_default(),
                standard: standard.map(|st| st.label()).unwrap_or_default(),
                expectation: standard.map(|st| st.expectation.clone()).unwrap_or_default(),
                filler: filler_label(format.filler(s), audience),
                items: s.items.iter().map(|i| item_view(lang, fv, s, i, &mut hints)).collect(),
            }
        })
        .collect()
}

fn filler_label(f: Filler, a: koers_core::programme::Audience) -> String {
    f.label_nl(a).to_owned()
}
