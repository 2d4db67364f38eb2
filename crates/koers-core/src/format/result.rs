//! The result of a filled-in form (pure): what the result page and the 0-meting report show —
//! scores per standard (or per section where an item has no standard), the data for the chart,
//! strengths and points for improvement, klassenbezoeken aggregated, the chosen options and
//! completeness. Serializable for the API. It is a pure function of the format version and the
//! answers: a frozen 0-meting stores the [`FilledForm`] and recomputes the result.
//!
//! Rules (constants below): a rubric score of 4 (goed) is a strength, 1 or 2 a point for
//! improvement; a kijkwijzer look-for scored in at least [`MIN_OBSERVED`] visits is a strength at a
//! mean of [`STRENGTH_MEAN`] or more and a point for improvement below [`IMPROVEMENT_MEAN`]; every
//! item flagged as verbeterpunt is a point for improvement, whatever its score. Sections outside
//! the format's scope (a review's chosen standards) count for nothing.

mod choices;

pub use super::observe::{DomainSummary, LookForSummary, ObservationSummary, VisitRow};
pub use choices::{ChoiceSummary, ChosenOption};

use super::answer::{Answer, FilledForm};
use super::item::{ItemKind, RubricLevel};
use super::{Filler, Format, Located, Section, observe};
use serde::Serialize;

/// A look-for needs scores from this many visits before it is called a strength or a point
/// for improvement.
pub const MIN_OBSERVED: u32 = 2;
pub const STRENGTH_MEAN: f64 = 3.5;
pub const IMPROVEMENT_MEAN: f64 = 2.5;

/// One scored rubric item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemScore {
    pub item: String,
    pub title: String,
    pub score: u8,
    pub level: RubricLevel,
}

/// The rubric scores of one standard (or of one section, for items without a standard).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreGroup {
    /// The standard code, else the section id.
    pub key: String,
    /// "OP1 Aanbod", else the section title.
    pub label: String,
    pub standard: Option<String>,
    pub core: bool,
    /// How many rubric items the group has (in scope).
    pub rubrics: usize,
    pub scores: Vec<ItemScore>,
    /// Mean of the scores given; `None` before any score.
    pub mean: Option<f64>,
    pub lowest: Option<u8>,
}

/// One bar of the chart: a score group on the 1–4 scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    pub key: String,
    pub label: String,
    pub value: Option<f64>,
    pub core: bool,
}

/// Data for the SVG chart of scores (drawn elsewhere): bars on a scale from 1 to 4.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    pub min: u8,
    pub max: u8,
    /// Labels of 1–4: onvoldoende … goed.
    pub scale: Vec<&'static str>,
    pub bars: Vec<Bar>,
}

/// Where a strength or point for improvement comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum HighlightSource {
    Rubric {
        score: u8,
        level: RubricLevel,
    },
    Kijkwijzer {
        look_for: String,
        mean: f64,
        observed: u32,
    },
    /// Flagged as verbeterpunt; no score of its own.
    Item,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Highlight {
    pub item: String,
    pub section: String,
    pub standard: Option<String>,
    /// The context: "OP3 Pedagogisch-didactisch handelen", else the section title.
    pub context: String,
    /// The rubric title, the look-for or the item's label.
    pub text: String,
    /// The rubric's "waarom", else the note given with the flag.
    pub why: String,
    pub flagged: bool,
    #[serde(flatten)]
    pub source: HighlightSource,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionSummary {
    pub id: String,
    pub title: String,
    pub standard: Option<String>,
    pub filled_by: Filler,
    pub in_scope: bool,
    pub required: usize,
    pub done: usize,
}

/// A required item that is not answered yet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenItem {
    pub section: String,
    pub item: String,
    pub label: String,
    pub filled_by: Filler,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Completeness {
    pub required: usize,
    pub done: usize,
    pub open: Vec<OpenItem>,
}

impl Completeness {
    pub fn is_complete(&self) -> bool {
        self.open.is_empty()
    }
    /// Whole percent done (100 when nothing is required).
    pub fn percent(&self) -> u8 {
        if self.required == 0 {
            return 100;
        }
        u8::try_from(self.done * 100 / self.required).unwrap_or(100)
    }
    /// What is still open for one filler (`Together` items are open for both).
    pub fn open_for(&self, who: Filler) -> impl Iterator<Item = &OpenItem> {
        self.open.iter().filter(move |o| o.filled_by == who || o.filled_by == Filler::Together)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormResult {
    pub format: String,
    pub version: u32,
    pub groups: Vec<ScoreGroup>,
    pub chart: Chart,
    pub sections: Vec<SectionSummary>,
    pub strengths: Vec<Highlight>,
    pub improvements: Vec<Highlight>,
    pub observations: Vec<ObservationSummary>,
    pub choices: Vec<ChoiceSummary>,
    pub completeness: Completeness,
}

impl Format {
    /// Whether a section counts, given the answer to the format's scope item.
    pub fn in_scope(&self, section: &Section, filled: &FilledForm) -> bool {
        let Some(code) = section.standard.as_deref() else { return true };
        let Some(Answer::Choice(a)) = self.scope.as_deref().and_then(|id| filled.answer(id)) else { return true };
        if a.selected.is_empty() {
            return true;
        }
        let wanted = self.standard(code).map_or(code, |s| s.code.as_str());
        a.selected.iter().any(|s| self.standard(&s.option).is_some_and(|st| st.code == wanted))
    }

    /// "OP1 Aanbod" for an item with a standard, else its section's title.
    pub(super) fn context_of(&self, l: &Located<'_>) -> (Option<String>, String) {
        match l.standard() {
            Some(code) => {
                let label = self.standard(code).map_or_else(|| code.to_owned(), |s| s.label());
                (Some(self.standard(code).map_or(code, |s| s.code.as_str()).to_owned()), label)
            }
            None => (None, l.section.title.clone()),
        }
    }
}

/// The result of a filled-in form.
pub fn evaluate(format: &Format, filled: &FilledForm) -> FormResult {
    let in_scope: Vec<Located<'_>> = format.items().filter(|l| format.in_scope(l.section, filled)).collect();
    let groups = score_groups(format, filled, &in_scope);
    let chart = Chart {
        min: 1,
        max: 4,
        scale: RubricLevel::ALL.iter().map(|l| l.label_nl()).collect(),
        bars: groups
            .iter()
            .map(|g| Bar { key: g.key.clone(), label: g.label.clone(), value: g.mean, core: g.core })
            .collect(),
    };
    let observations: Vec<ObservationSummary> =
        in_scope.iter().filter_map(|l| observe::summarize(format, *l, filled)).collect();
    let (strengths, improvements) = highlights(format, filled, &in_scope, &observations);
    FormResult {
        format: format.id.clone(),
        version: format.version,
        groups,
        chart,
        sections: format
            .sections
            .iter()
            .map(|s| {
                let counts = s.items.iter().filter(|i| i.required);
                let done = counts.clone().filter(|i| format.is_complete(&i.id, filled.answer(&i.id))).count();
                SectionSummary {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    standard: s.standard.clone(),
                    filled_by: format.filler(s),
                    in_scope: format.in_scope(s, filled),
                    required: counts.count(),
                    done,
                }
            })
            .collect(),
        strengths,
        improvements,
        observations,
        choices: choices::summarize(format, filled, &in_scope),
        completeness: completeness(format, filled, &in_scope),
    }
}

fn score_groups(format: &Format, filled: &FilledForm, items: &[Located<'_>]) -> Vec<ScoreGroup> {
    let mut groups: Vec<ScoreGroup> = Vec::new();
    for l in items {
        let ItemKind::Rubric(r) = &l.item.kind else { continue };
        let (standard, label) = format.context_of(l);
        let key = standard.clone().unwrap_or_else(|| l.section.id.clone());
        let idx = match groups.iter().position(|g| g.key == key) {
            Some(i) => i,
            None => {
                let core = standard.as_deref().and_then(|c| format.standard(c)).is_some_and(|s| s.core);
                groups.push(ScoreGroup {
                    key,
                    label,
                    standard,
                    core,
                    rubrics: 0,
                    scores: Vec::new(),
                    mean: None,
                    lowest: None,
                });
                groups.len() - 1
            }
        };
        let g = &mut groups[idx];
        g.rubrics += 1;
        if let Some(level) = filled.answer(&l.item.id).and_then(Answer::score).and_then(RubricLevel::from_score) {
            g.scores.push(ItemScore { item: l.item.id.clone(), title: r.title.clone(), score: level.score(), level });
        }
    }
    for g in &mut groups {
        let n = g.scores.len();
        let sum: u32 = g.scores.iter().map(|s| u32::from(s.score)).sum();
        g.mean = (n > 0).then(|| f64::from(sum) / n as f64);
        g.lowest = g.scores.iter().map(|s| s.score).min();
    }
    groups
}

fn highlights(
    format: &Format,
    filled: &FilledForm,
    items: &[Located<'_>],
    observations: &[ObservationSummary],
) -> (Vec<Highlight>, Vec<Highlight>) {
    let (mut strengths, mut improvements) = (Vec::new(), Vec::new());
    for l in items {
        let (standard, context) = format.context_of(l);
        let flag = filled.verbeterpunten.get(&l.item.id);
        let base = |text: String, why: String, source: HighlightSource| Highlight {
            item: l.item.id.clone(),
            section: l.section.id.clone(),
            standard: standard.clone(),
            context: context.clone(),
            text,
            why,
            flagged: flag.is_some(),
            source,
        };
        let mut listed = false;
        if let (ItemKind::Rubric(r), Some(Answer::Rubric(a))) = (&l.item.kind, filled.answer(&l.item.id))
            && let Some(level) = a.score.and_then(RubricLevel::from_score)
        {
            let h = base(r.title.clone(), a.why.clone(), HighlightSource::Rubric { score: level.score(), level });
            if level == RubricLevel::Goed && flag.is_none() {
                strengths.push(h);
            } else if level <= RubricLevel::VoldoendeOpOnderdelen || flag.is_some() {
                improvements.push(h);
                listed = true;
            }
        }
        if let Some(obs) = observations.iter().find(|o| o.item == l.item.id) {
            for d in &obs.domains {
                for it in d.items.iter().filter(|i| i.observed >= MIN_OBSERVED) {
                    let Some(mean) = it.mean else { continue };
                    let source = HighlightSource::Kijkwijzer { look_for: it.id.clone(), mean, observed: it.observed };
                    let h = Highlight { flagged: false, ..base(it.text.clone(), d.title.clone(), source) };
                    if mean >= STRENGTH_MEAN {
                        strengths.push(h);
                    } else if mean < IMPROVEMENT_MEAN {
                        improvements.push(h);
                    }
                }
            }
        }
        if let (Some(note), false) = (flag, listed) {
            improvements.push(base(l.item.label().to_owned(), note.clone(), HighlightSource::Item));
        }
    }
    (strengths, improvements)
}

fn completeness(format: &Format, filled: &FilledForm, items: &[Located<'_>]) -> Completeness {
    let required: Vec<&Located<'_>> = items.iter().filter(|l| l.item.required).collect();
    let open: Vec<OpenItem> = required
        .iter()
        .filter(|l| !format.is_complete(&l.item.id, filled.answer(&l.item.id)))
        .map(|l| OpenItem {
            section: l.section.id.clone(),
            item: l.item.id.clone(),
            label: l.item.label().to_owned(),
            filled_by: format.filler(l.section),
        })
        .collect();
    Completeness { required: required.len(), done: required.len() - open.len(), open }
}
