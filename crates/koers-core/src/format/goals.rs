//! Flagged verbeterpunten → candidate goals for the plan van aanpak (TRAJECTORY §3: "the items
//! flagged as verbeterpunt are offered as candidate goals; the team chooses"). The plan module
//! turns a chosen candidate into a goal with indicators; this only proposes.

use super::answer::{Answer, FilledForm};
use super::item::{ItemKind, RubricLevel};
use super::{Format, observe};
use serde::Serialize;

/// A proposal for one goal, from one flagged item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidateGoal {
    /// The flagged item.
    pub item: String,
    pub section: String,
    /// The standards the goal serves (the item's; for klassenbezoeken also the weakest domain's).
    pub standards: Vec<String>,
    /// The context: "OP3 Pedagogisch-didactisch handelen", else the section title.
    pub context: String,
    /// A suggested goal description in Dutch, to be edited by the team.
    pub description: String,
    /// The rubric score at the 0-meting, usable as the baseline of an indicator.
    pub baseline: Option<u8>,
    /// The note given with the flag.
    pub note: String,
}

impl CandidateGoal {
    /// The plan's view of this candidate ([`crate::plan::with_candidates`], the stappenplan's
    /// findings): the item id as key, the suggested description and the standards.
    pub fn for_plan(&self) -> crate::plan::CandidateGoal {
        crate::plan::CandidateGoal {
            key: self.item.clone(),
            description: self.description.clone(),
            standards: self.standards.clone(),
        }
    }
}

/// One candidate per flagged item, in the order of the format. Flags on ids the format does not
/// have (an old version) are skipped; flags outside the scope too.
pub fn candidate_goals(format: &Format, filled: &FilledForm) -> Vec<CandidateGoal> {
    format
        .items()
        .filter(|l| format.in_scope(l.section, filled))
        .filter_map(|l| {
            let note = filled.verbeterpunten.get(&l.item.id)?;
            let (standard, context) = format.context_of(&l);
            let mut standards: Vec<String> = standard.into_iter().collect();
            let mut baseline = None;
            let description = match (&l.item.kind, filled.answer(&l.item.id)) {
                (ItemKind::Rubric(r), answer) => {
                    let now = answer.and_then(Answer::score).and_then(RubricLevel::from_score);
                    baseline = now.map(RubricLevel::score);
                    let target = match now {
                        None | Some(RubricLevel::Onvoldoende | RubricLevel::VoldoendeOpOnderdelen) => {
                            RubricLevel::Voldoende
                        }
                        Some(RubricLevel::Voldoende | RubricLevel::Goed) => RubricLevel::Goed,
                    };
                    let from = now.map_or_else(String::new, |n| format!("van {} ", n.label_nl()));
                    format!("{context}: {from}naar {}: {}", target.label_nl(), r.descriptor(target))
                }
                (ItemKind::Observation(_), _) => {
                    let weakest = observe::summarize(format, l, filled).and_then(|s| {
                        s.domains
                            .into_iter()
                            .filter(|d| d.mean.is_some())
                            .min_by(|a, b| a.mean.partial_cmp(&b.mean).unwrap_or(std::cmp::Ordering::Equal))
                    });
                    match weakest {
                        Some(d) => {
                            if let Some(s) = d.standard.filter(|s| !standards.contains(s)) {
                                standards.push(s);
                            }
                            let mean = d.mean.map_or_else(String::new, |m| {
                                format!(" (nu gemiddeld {} op de kijkwijzer)", crate::nl::decimal(m, 1))
                            });
                            format!("{context}: de lessen worden sterker op {}{mean}", lower_first(&d.title))
                        }
                        None => format!("{context}: verbeteren wat de klassenbezoeken laten zien"),
                    }
                }
                _ => {
                    let what = if note.trim().is_empty() { l.item.label().trim() } else { note.trim() };
                    format!("{context}: {what}")
                }
            };
            Some(CandidateGoal {
                item: l.item.id.clone(),
                section: l.section.id.clone(),
                standards,
                context,
                description,
                baseline,
                note: note.clone(),
            })
        })
        .collect()
}

/// "Afstemming op verschillen" → "afstemming op verschillen".
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}
