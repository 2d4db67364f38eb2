//! What the form page shows, precomputed per section and item so the templates only print:
//! the fields of each item kind with what is saved (or what was just typed), the item's
//! version for the next save, its comments as a thread, klassenbezoeken and files.

use crate::i18n::Lang;
use koers_app::selfevals::FormView;
use koers_app::store::CommentRecord;
use koers_core::access::case::{CaseRole, may_comment, may_fill, may_observe};
use koers_core::calendar::datetime_nl;
use koers_core::format::answer::RegisterSnapshot;
use koers_core::format::item::{Evidence, Results};
use koers_core::format::{Answer, Filler, FormStatus, Format, Item, ItemKind, RubricLevel, Section};

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

fn register_rows(lang: Lang, r: &RegisterSnapshot) -> Vec<(String, String)> {
    match r {
        RegisterSnapshot::PoResultatenmodel { assessment, .. } => {
            let mut rows = Vec::new();
            if let Some(t) = assessment.three_year {
                rows.push((lang.t("se-register-1f"), lang.pct(t.pct_1f)));
                rows.push((lang.t("se-register-1s2f"), lang.pct(t.pct_1s2f)));
                rows.push((lang.t("se-register-pupils"), t.pupils.to_string()));
            }
            if let Some(w) = assessment.schoolweging {
                rows.push((lang.t("se-register-weging"), lang.dec(w.get(), 2)));
            }
            rows
        }
        RegisterSnapshot::VoExamens { years } => years
            .iter()
            .map(|y| {
                let rate = y.pass_rate().map_or_else(String::new, |p| lang.pct(p));
                (format!("{} {}", y.school_year, y.track), rate)
            })
            .collect(),
    }
}

fn evidence(v: &mut ItemView, e: &Evidence, answer: Option<&Answer>) {
    v.accept = e.accept.iter().map(|k| k.name()).collect::<Vec<_>>().join(", ");
    v.max_file_mb = e.max_file_mb;
    v.max_chars = e.note_max_chars;
    if let Some(Answer::Evidence(a)) = answer {
        v.link = a.link.clone().unwrap_or_default();
        v.text = a.note.clone();
        v.files = a
            .files
            .iter()
            .map(|f| FileRow {
                id: f.upload.parse().unwrap_or_default(),
                name: f.name.clone(),
                kind: f.kind.name().to_owned(),
                size_kb: f.size_bytes.div_ceil(1024),
            })
            .collect();
    }
}

fn results(v: &mut ItemView, lang: Lang, r: &Results, item: &str, answer: Option<&Answer>) {
    let a = match answer {
        Some(Answer::Results(a)) => Some(a),
        _ => None,
    };
    if let Some(reg) = a.and_then(|a| a.register.as_ref()) {
        v.register = register_rows(lang, reg);
    }
    v.tables = r
        .tables
        .iter()
        .map(|t| {
            let saved = a.and_then(|a| a.tables.get(&t.id));
            let cell = |row_key: &str, col: &str, name: String, label: String, fixed: Option<&str>, n: usize| {
                let value = saved
                    .and_then(|rows| match fixed {
                        Some(id) => rows.iter().find(|r| r.row.as_deref() == Some(id)),
                        None => rows.iter().filter(|r| r.row.is_none()).nth(n),
                    })
                    .and_then(|r| r.cells.get(col).cloned())
                    .unwrap_or_default();
                let _ = row_key;
                Cell { name, label, value }
            };
            let mut rows: Vec<TableRow> = t
                .rows
                .iter()
                .map(|row| TableRow {
                    label: row.label.clone(),
                    label_name: None,
                    cells: t
                        .columns
                        .iter()
                        .map(|c| {
                            let name = format!("cel.{}.{}.{}", t.id, row.id, c.id);
                            cell(&row.id, &c.id, name, format!("{} – {}", row.label, c.label), Some(&row.id), 0)
                        })
                        .collect(),
                })
                .collect();
            for n in 0..t.free_rows as usize {
                let label = saved
                    .and_then(|rows| rows.iter().filter(|r| r.row.is_none()).nth(n))
                    .map(|r| r.label.clone())
                    .unwrap_or_default();
                rows.push(TableRow {
                    label,
                    label_name: Some(format!("vrij.{}.{}.label", t.id, n + 1)),
                    cells: t
                        .columns
                        .iter()
                        .map(|c| {
                            let name = format!("vrij.{}.{}.{}", t.id, n + 1, c.id);
                            cell("", &c.id, name, format!("{} {} – {}", t.row_header, n + 1, c.label), None, n)
                        })
                        .collect(),
                });
            }
            TableView {
                id: format!("{item}-{}", t.id),
                title: t.title.clone(),
                row_header: t.row_header.clone(),
                columns: t.columns.iter().map(|c| c.label.clone()).collect(),
                rows,
            }
        })
        .collect();
    v.analysis = r
        .analysis
        .iter()
        .map(|f| TextField {
            name: format!("analyse.{}", f.id),
            label: f.question.clone(),
            guidance: f.guidance.clone().unwrap_or_default(),
            value: a.and_then(|a| a.analysis.get(&f.id).cloned()).unwrap_or_default(),
            max: f.max_chars,
        })
        .collect();
}

/// One item for `role`, from the form as it stands.
pub fn item_view(lang: Lang, fv: &FormView, section: &Section, item: &Item) -> ItemView {
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
    v.max_hint = lang.t_args("se-max-chars", &[("max", v.max_chars.to_string())]);
    if !v.updated_by.is_empty() {
        v.last_saved = lang.t_args("se-last-saved", &[("who", v.updated_by.clone())]);
    }
    v.file_hint = lang.t_args("se-file-hint", &[("types", v.accept.clone()), ("mb", v.max_file_mb.to_string())]);
    v
}

/// Every section of the form.
pub fn sections(lang: Lang, fv: &FormView) -> Vec<SectionView> {
    let format: &Format = &fv.format;
    let audience = if fv.case.trajectory.school_id.is_some() {
        koers_core::programme::Audience::School
    } else {
        koers_core::programme::Audience::Bestuur
    };
    format
        .sections
        .iter()
        .map(|s| {
            let standard = s.standard.as_deref().and_then(|c| format.standard(c));
            SectionView {
                id: s.id.clone(),
                title: s.title.clone(),
                intro: s.intro.clone().unwrap_or_default(),
                standard: standard.map(|st| st.label()).unwrap_or_default(),
                expectation: standard.map(|st| st.expectation.clone()).unwrap_or_default(),
                filler: filler_label(format.filler(s), audience),
                items: s.items.iter().map(|i| item_view(lang, fv, s, i)).collect(),
            }
        })
        .collect()
}

fn filler_label(f: Filler, a: koers_core::programme::Audience) -> String {
    f.label_nl(a).to_owned()
}
