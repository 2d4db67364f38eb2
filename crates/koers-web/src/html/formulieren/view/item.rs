//! One item as the page shows it: what is saved, who may do what, its comment thread.

use super::kinds::{evidence, results};
use super::{CommentRow, ItemView, Level, LookFor, OptionRow, VisitRow, role_label};
use crate::i18n::Lang;
use koers_app::selfevals::FormView;
use koers_app::store::CommentRecord;
use koers_core::access::case::{CaseRole, may_comment, may_fill, may_observe};
use koers_core::calendar::datetime_nl;
use koers_core::format::{Answer, FormStatus, Item, ItemKind, RubricLevel, Section};

/// The hints under the fields, translated once per page for each distinct limit: most items
/// share the same few ("Hooguit 4.000 tekens.").
#[derive(Debug, Default)]
pub struct Hints {
    max_chars: Vec<(u32, String)>,
    files: Vec<((String, u32), String)>,
    /// "Laatst opgeslagen door { $who }." around the name: before and after it.
    last_saved: Option<(String, String)>,
}

/// Stands in for the name while "se-last-saved" is translated once per page.
const WHO: &str = "\u{1}";

impl Hints {
    fn max_chars(&mut self, lang: Lang, max: u32) -> String {
        if let Some((_, s)) = self.max_chars.iter().find(|(m, _)| *m == max) {
            return s.clone();
        }
        let s = lang.t_args("se-max-chars", &[("max", max.to_string())]);
        self.max_chars.push((max, s.clone()));
        s
    }

    /// "Laatst opgeslagen door {who}.": the message translated once, the name put in its place
    /// (every answered item has its own name and time).
    fn last_saved(&mut self, lang: Lang, who: &str) -> String {
        let (before, after) = self.last_saved.get_or_insert_with(|| {
            let t = lang.t_args("se-last-saved", &[("who", WHO.to_owned())]);
            t.split_once(WHO).map(|(b, a)| (b.to_owned(), a.to_owned())).unwrap_or((t, String::new()))
        });
        format!("{before}{who}{after}")
    }

    fn files(&mut self, lang: Lang, accept: &str, mb: u32) -> String {
        if let Some((_, s)) = self.files.iter().find(|((a, m), _)| a == accept && *m == mb) {
            return s.clone();
        }
        let s = lang.t_args("se-file-hint", &[("types", accept.to_owned()), ("mb", mb.to_string())]);
        self.files.push(((accept.to_owned(), mb), s.clone()));
        s
    }
}

fn comments_of(lang: Lang, all: &[CommentRecord], item: &str) -> Vec<CommentRow> {
    let row = |c: &CommentRecord, reply: bool| CommentRow {
        id: c.id.get(),
        author: c.author_label.clone(),
        role: role_label(lang, &c.author_role),
        when: datetime_nl(c.created_at),
        body: c.body.clone(),
        reply,
    };
    let mine: Vec<&CommentRecord> = all.iter().filter(|c| c.item_id == item).collect();
    let mut out = Vec::new();
    for top in mine.iter().filter(|c| c.parent_id.is_none()) {
        out.push(row(top, false));
        // Replies (and replies to replies) under their first comment, oldest first.
        let mut thread = vec![top.id];
        for c in &mine {
            if c.parent_id.is_some_and(|p| thread.contains(&p)) {
                thread.push(c.id);
                out.push(row(c, true));
            }
        }
    }
    out
}

/// One item for `role`, from the form as it stands.
pub fn item_view(lang: Lang, fv: &FormView, section: &Section, item: &Item, hints: &mut Hints) -> ItemView {
    let role: CaseRole = fv.case.role;
    let concept = fv.record.as_ref().is_some_and(|r| r.status == FormStatus::Concept);
    let filler = fv.format.filler(section);
    let answer = fv.filled.answer(&item.id);
    let saved = fv.answers.get(&item.id);
    let mut v = ItemView {
        id: item.id.clone(),
        kind: item.kind.name(),
        label: item.label().to_owned(),
        guidance: item.guidance().unwrap_or_default().to_owned(),
        required: item.required,
        editable: concept && may_fill(role, filler),
        can_comment: fv.record.is_some() && may_comment(role),
        can_observe: concept && may_observe(role),
        version: saved.map_or(0, |a| a.version),
        updated_by: saved
            .map(|a| format!("{} ({})", a.updated_by_label, datetime_nl(a.updated_at)))
            .unwrap_or_default(),
        flagged: fv.filled.is_flagged(&item.id),
        flag_note: fv.filled.verbeterpunten.get(&item.id).cloned().unwrap_or_default(),
        comments: comments_of(lang, &fv.comments, &item.id),
        ..ItemView::default()
    };
    match &item.kind {
        ItemKind::Rubric(r) => {
            let (score, why) = match answer {
                Some(Answer::Rubric(a)) => (a.score, a.why.clone()),
                _ => (None, String::new()),
            };
            v.levels = RubricLevel::ALL
                .iter()
                .map(|l| Level {
                    score: l.score(),
                    label: l.label_nl().to_owned(),
                    descriptor: r.descriptor(*l).to_owned(),
                    checked: score == Some(l.score()),
                })
                .collect();
            v.why_prompt = r.why_prompt.clone();
            v.text = why;
            v.max_chars = r.why_max_chars;
        }
        ItemKind::Reflection(r) => {
            v.max_chars = r.max_chars;
            if let Some(Answer::Reflection(a)) = answer {
                v.text = a.text.clone();
            }
        }
        ItemKind::Evidence(e) => evidence(&mut v, e, answer),
        ItemKind::Results(r) => results(&mut v, lang, r, &item.id, answer),
        ItemKind::Observation(o) => {
            if let Some(k) = fv.format.kijkwijzer(&o.kijkwijzer) {
                v.look_fors = k
                    .items()
                    .map(|(d, i)| LookFor { id: i.id.clone(), domain: d.title.clone(), text: i.text.clone() })
                    .collect();
                v.scale = k.scale.clone();
            }
            v.max_chars = o.note_max_chars;
            if let Some(Answer::Observation(a)) = answer {
                v.visits = a
                    .visits
                    .iter()
                    .map(|x| VisitRow {
                        date: x.date.map(|d| d.nl()).unwrap_or_default(),
                        group: x.group.clone(),
                        observer: x.observer.clone(),
                        subject: x.subject.clone(),
                        scores: x.scores.iter().map(|(k, s)| format!("{k}: {s}")).collect::<Vec<_>>().join(", "),
                        strengths: x.strengths.clone(),
                        improvements: x.improvements.clone(),
                    })
                    .collect();
            }
        }
        ItemKind::Choice(c) => {
            let chosen = match answer {
                Some(Answer::Choice(a)) => a.selected.clone(),
                _ => Vec::new(),
            };
            v.multiple = c.multiple;
            v.note_prompt = c.note_prompt.clone().unwrap_or_default();
            v.max_chars = c.note_max_chars;
            v.options = fv
                .format
                .options_of(c)
                .into_iter()
                .map(|o| {
                    let sel = chosen.iter().find(|s| s.option == o.id);
                    OptionRow {
                        checked: sel.is_some(),
                        note: sel.map(|s| s.note.clone()).unwrap_or_default(),
                        id: o.id,
                        label: o.label,
                        description: o.description.unwrap_or_default(),
                        group: o.group.unwrap_or_default(),
                    }
                })
                .collect();
        }
    }
    v.max_hint = hints.max_chars(lang, v.max_chars);
    if !v.updated_by.is_empty() {
        v.last_saved = hints.last_saved(lang, &v.updated_by);
    }
    v.file_hint = hints.files(lang, &v.accept, v.max_file_mb);
    v
}
