//! The chosen options of every choice item, with labels and groups resolved (the NPO
//! interventions that feed the stappenplan among them).

use crate::format::answer::{Answer, FilledForm};
use crate::format::item::ItemKind;
use crate::format::{Format, Located};
use serde::Serialize;

/// A chosen option with its label resolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChosenOption {
    pub id: String,
    pub label: String,
    /// The id of its group in the option list (`b`), when it has one.
    pub group_id: Option<String>,
    /// The label of its group (menukaart category), when it has one.
    pub group: Option<String>,
    pub note: String,
}

impl ChosenOption {
    /// The NPO menukaart category of an option whose group id is `a` … `f` (the shipped
    /// `npo-menukaart` list), for the stappenplan's [`crate::plan::ChosenIntervention`].
    pub fn npo_category(&self) -> Option<crate::plan::NpoCategory> {
        use crate::plan::NpoCategory;
        match self.group_id.as_deref()?.to_ascii_lowercase().as_str() {
            "a" => Some(NpoCategory::A),
            "b" => Some(NpoCategory::B),
            "c" => Some(NpoCategory::C),
            "d" => Some(NpoCategory::D),
            "e" => Some(NpoCategory::E),
            "f" => Some(NpoCategory::F),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceSummary {
    pub item: String,
    pub section: String,
    pub question: String,
    /// The options become measures of the plan (NPO: the stappenplan).
    pub feeds_plan: bool,
    pub chosen: Vec<ChosenOption>,
}

pub(super) fn summarize(format: &Format, filled: &FilledForm, items: &[Located<'_>]) -> Vec<ChoiceSummary> {
    items
        .iter()
        .filter_map(|l| {
            let ItemKind::Choice(c) = &l.item.kind else { return None };
            let options = format.options_of(c);
            let list = c.option_list.as_deref().and_then(|id| format.option_list(id));
            let selected = match filled.answer(&l.item.id) {
                Some(Answer::Choice(a)) => a.selected.as_slice(),
                _ => &[],
            };
            let chosen = selected
                .iter()
                .filter_map(|s| {
                    let o = options.iter().find(|o| o.id == s.option)?;
                    let group = o.group.as_deref().map(|g| {
                        list.and_then(|l| l.groups.iter().find(|gr| gr.id == g)).map_or(g, |gr| gr.label.as_str())
                    });
                    Some(ChosenOption {
                        id: o.id.clone(),
                        label: o.label.clone(),
                        group_id: o.group.clone(),
                        group: group.map(str::to_owned),
                        note: s.note.clone(),
                    })
                })
                .collect();
            Some(ChoiceSummary {
                item: l.item.id.clone(),
                section: l.section.id.clone(),
                question: c.question.clone(),
                feeds_plan: c.feeds_plan,
                chosen,
            })
        })
        .collect()
}
