//! Validating an answer against its item (Dutch messages naming the field of the answer:
//! `score`, `visits[2].scores.klimaat-1`, `selected[3].option` — lists 1-based) and deciding
//! whether an answer is complete.

use super::answer::{Answer, ChoiceAnswer, EvidenceAnswer, ObservationAnswer, ResultsAnswer, RowAnswer, RubricAnswer};
use super::item::{CELL_TEXT_MAX, Choice, Evidence, ItemKind, Observation, Prefill, Results, Table, Unit};
use super::{FieldError, Format};
use crate::calendar::Date;
use std::collections::HashSet;
use std::fmt;

/// Longest free-text fields of a klassenbezoek (group, observer, subject), in characters.
pub const VISIT_FIELD_MAX: usize = 200;
/// Longest link, in characters.
pub const LINK_MAX: usize = 2000;
/// Longest file name, in characters.
pub const FILE_NAME_MAX: usize = 255;

/// An answer that cannot be saved, with every problem found (never empty).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct AnswerError {
    pub item: String,
    pub problems: Vec<FieldError>,
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "antwoord op '{}': ", self.item)?;
        match self.problems.split_first() {
            None => f.write_str("onbekende fout"),
            Some((first, [])) => write!(f, "{first}"),
            Some((first, rest)) => write!(f, "{first} (en nog {} andere fout(en))", rest.len()),
        }
    }
}

impl AnswerError {
    /// The first problem's field.
    pub fn field(&self) -> &str {
        self.problems.first().map_or("", |p| p.field.as_str())
    }
    /// The first problem's description.
    pub fn detail(&self) -> &str {
        self.problems.first().map_or("", |p| p.detail.as_str())
    }
}

/// `4.000`: a whole number with a dot per thousand, as Dutch text writes it.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// A number as a Dutch user types it: `85,5`, `85.5`, ` 85 `; a trailing `%` is allowed.
pub fn parse_number(text: &str) -> Option<f64> {
    crate::nl::parse_percent(text)
}

#[derive(Default)]
struct Problems(Vec<FieldError>);

impl Problems {
    fn push(&mut self, field: impl Into<String>, detail: impl Into<String>) {
        if self.0.len() < super::validate::MAX_PROBLEMS {
            self.0.push(FieldError { field: field.into(), detail: detail.into() });
        }
    }
    /// Text of at most `max` characters.
    fn text(&mut self, field: impl Into<String>, text: &str, max: usize) {
        let n = text.chars().count();
        if n > max {
            self.push(field, format!("de tekst is te lang: {} tekens; ten hoogste {}", thousands(n), thousands(max)));
        }
    }
}

fn limit(max: u32) -> usize {
    usize::try_from(max).unwrap_or(usize::MAX)
}

impl Format {
    /// Check an answer against the item `item_id` of this format.
    pub fn check_answer(&self, item_id: &str, answer: &Answer) -> Result<(), AnswerError> {
        let mut p = Problems::default();
        match self.item(item_id) {
            None => {
                p.push("item", format!("dit format ({} versie {}) heeft geen item '{item_id}'", self.id, self.version))
            }
            Some(l) => match (&l.item.kind, answer) {
                (ItemKind::Rubric(r), Answer::Rubric(a)) => rubric(&mut p, r.why_max_chars, a),
                (ItemKind::Reflection(r), Answer::Reflection(a)) => p.text("text", &a.text, limit(r.max_chars)),
                (ItemKind::Evidence(e), Answer::Evidence(a)) => evidence(&mut p, e, a),
                (ItemKind::Results(r), Answer::Results(a)) => results(&mut p, r, a),
                (ItemKind::Observation(o), Answer::Observation(a)) => observation(&mut p, self, o, a),
                (ItemKind::Choice(c), Answer::Choice(a)) => choice(&mut p, self, c, a),
                (kind, a) => p.push(
                    "kind",
                    format!("dit item vraagt een antwoord van de soort {}, niet {}", kind.name(), a.kind_name()),
                ),
            },
        }
        if p.0.is_empty() { Ok(()) } else { Err(AnswerError { item: item_id.to_owned(), problems: p.0 }) }
    }

    /// Whether `answer` counts as answering item `item_id` (for completeness). An unknown item
    /// or an answer of the wrong kind never counts.
    pub fn is_complete(&self, item_id: &str, answer: Option<&Answer>) -> bool {
        let (Some(l), Some(answer)) = (self.item(item_id), answer) else { return false };
        let filled = |s: &str| !s.trim().is_empty();
        match (&l.item.kind, answer) {
            (ItemKind::Rubric(r), Answer::Rubric(a)) => answer.score().is_some() && (!r.why_required || filled(&a.why)),
            (ItemKind::Reflection(_), Answer::Reflection(a)) => filled(&a.text),
            (ItemKind::Evidence(_), Answer::Evidence(a)) => {
                !a.files.is_empty() || a.link.as_deref().is_some_and(filled)
            }
            (ItemKind::Results(r), Answer::Results(a)) => {
                if !r.analysis.is_empty() {
                    r.analysis.iter().all(|f| a.analysis.get(&f.id).is_some_and(|t| filled(t)))
                } else if !r.tables.is_empty() {
                    a.tables.values().flatten().any(|row| row.cells.values().any(|c| filled(c)))
                } else {
                    a.register.is_some()
                }
            }
            (ItemKind::Observation(o), Answer::Observation(a)) => {
                let done = a.visits.iter().filter(|v| v.date.is_some() && filled(&v.group) && !v.scores.is_empty());
                done.count() >= limit(o.min_visits)
            }
            (ItemKind::Choice(c), Answer::Choice(a)) => a.selected.len() >= limit(c.min_selected),
            _ => false,
        }
    }
}

fn rubric(p: &mut Problems, why_max: u32, a: &RubricAnswer) {
    if let Some(s) = a.score.filter(|s| !(1..=4).contains(s)) {
        p.push("score", format!("de score moet 1, 2, 3 of 4 zijn (1 onvoldoende, 2 voldoende op onderdelen, 3 voldoende, 4 goed); hier staat {s}"));
    }
    p.text("why", &a.why, limit(why_max));
}

fn evidence(p: &mut Problems, e: &Evidence, a: &EvidenceAnswer) {
    if a.files.len() > limit(e.max_files) {
        p.push("files", format!("ten hoogste {} bestand(en) bij dit item; hier {}", e.max_files, a.files.len()));
    }
    for (i, f) in a.files.iter().enumerate() {
        let at = format!("files[{}]", i + 1);
        if !e.accept.contains(&f.kind) {
            let ok: Vec<&str> = e.accept.iter().map(|k| k.name()).collect();
            p.push(
                format!("{at}.kind"),
                format!("'{}' is een {}-bestand; hier mag: {}", f.name, f.kind.name(), ok.join(", ")),
            );
        }
        if f.size_bytes > e.max_file_bytes() {
            p.push(format!("{at}.size_bytes"), format!("'{}' is groter dan {} MB", f.name, e.max_file_mb));
        }
        if f.name.trim().is_empty() || f.name.chars().count() > FILE_NAME_MAX {
            p.push(format!("{at}.name"), format!("de bestandsnaam moet 1 tot {FILE_NAME_MAX} tekens hebben"));
        }
        if f.upload.trim().is_empty() {
            p.push(format!("{at}.upload"), "de verwijzing naar het opgeslagen bestand ontbreekt");
        }
    }
    if let Some(link) = a.link.as_deref().filter(|l| !l.trim().is_empty()) {
        if !e.allow_link {
            p.push("link", "bij dit item hoort geen link; voeg een bestand toe");
        } else if !(link.starts_with("https://") || link.starts_with("http://"))
            || link.len() < 12
            || link.chars().any(char::is_whitespace)
            || link.chars().count() > LINK_MAX
        {
            p.push(
                "link",
                "een link begint met https:// (of http://), bevat geen spaties en is ten hoogste 2.000 tekens",
            );
        }
    }
    p.text("note", &a.note, limit(e.note_max_chars));
}

fn results(p: &mut Problems, r: &Results, a: &ResultsAnswer) {
    if let Some(snap) = &a.register {
        let source = match snap {
            super::answer::RegisterSnapshot::PoResultatenmodel { .. } => Prefill::PoResultatenmodel,
            super::answer::RegisterSnapshot::VoExamens { .. } => Prefill::VoExamens,
        };
        if r.prefill != Some(source) {
            p.push("register", format!("dit item toont geen gegevens uit {}", source.label_nl()));
        }
    }
    for (id, rows) in &a.tables {
        match r.tables.iter().find(|t| t.id == *id) {
            None => p.push(format!("tables.{id}"), format!("dit item heeft geen tabel '{id}'")),
            Some(t) => table(p, t, rows),
        }
    }
    for (id, text) in &a.analysis {
        match r.analysis.iter().find(|f| f.id == *id) {
            None => p.push(format!("analysis.{id}"), format!("dit item heeft geen analysevraag '{id}'")),
            Some(f) => p.text(format!("analysis.{id}"), text, limit(f.max_chars)),
        }
    }
}

fn table(p: &mut Problems, t: &Table, rows: &[RowAnswer]) {
    let mut fixed = HashSet::new();
    let mut free = 0usize;
    for (i, row) in rows.iter().enumerate() {
        let at = format!("tables.{}[{}]", t.id, i + 1);
        match row.row.as_deref() {
            Some(id) if !t.rows.iter().any(|r| r.id == id) => {
                p.push(format!("{at}.row"), format!("de tabel '{}' heeft geen rij '{id}'", t.id));
            }
            Some(id) if !fixed.insert(id) => p.push(format!("{at}.row"), format!("de rij '{id}' staat er twee keer")),
            Some(_) => {}
            None => {
                free += 1;
                if row.label.trim().is_empty() {
                    p.push(format!("{at}.label"), format!("geef de rij een naam ({})", t.row_header.to_lowercase()));
                }
                p.text(format!("{at}.label"), &row.label, VISIT_FIELD_MAX);
            }
        }
        for (col, value) in &row.cells {
            let field = format!("{at}.cells.{col}");
            match t.columns.iter().find(|c| c.id == *col) {
                None => p.push(field, format!("de tabel '{}' heeft geen kolom '{col}'", t.id)),
                Some(c) => cell(p, field, &c.label, c.unit, value),
            }
        }
    }
    if free > limit(t.free_rows) {
        p.push(
            format!("tables.{}", t.id),
            format!("ten hoogste {} eigen rij(en) in deze tabel; hier {free}", t.free_rows),
        );
    }
}

fn cell(p: &mut Problems, field: String, label: &str, unit: Unit, value: &str) {
    if value.trim().is_empty() {
        return;
    }
    match unit {
        Unit::Percent => match parse_number(value) {
            Some(v) if (0.0..=100.0).contains(&v) => {}
            _ => p.push(
                field,
                format!("{label}: vul een percentage tussen 0 en 100 in (bijvoorbeeld 85,5); hier staat '{value}'"),
            ),
        },
        Unit::Number => {
            if parse_number(value).is_none() {
                p.push(field, format!("{label}: vul een getal in (bijvoorbeeld 12 of 3,5); hier staat '{value}'"));
            }
        }
        Unit::Date => {
            if Date::parse(value).is_err() {
                p.push(field, format!("{label}: vul een datum in (bijvoorbeeld 12-03-2026); hier staat '{value}'"));
            }
        }
        Unit::Text => p.text(field, value, limit(CELL_TEXT_MAX)),
    }
}

fn observation(p: &mut Problems, f: &Format, o: &Observation, a: &ObservationAnswer) {
    if a.visits.len() > limit(o.max_visits) {
        p.push("visits", format!("ten hoogste {} klassenbezoeken bij dit item; hier {}", o.max_visits, a.visits.len()));
    }
    let kijkwijzer = f.kijkwijzer(&o.kijkwijzer);
    for (i, v) in a.visits.iter().enumerate() {
        let at = format!("visits[{}]", i + 1);
        p.text(format!("{at}.group"), &v.group, VISIT_FIELD_MAX);
        p.text(format!("{at}.observer"), &v.observer, VISIT_FIELD_MAX);
        p.text(format!("{at}.subject"), &v.subject, VISIT_FIELD_MAX);
        p.text(format!("{at}.strengths"), &v.strengths, limit(o.note_max_chars));
        p.text(format!("{at}.improvements"), &v.improvements, limit(o.note_max_chars));
        for (id, score) in &v.scores {
            let field = format!("{at}.scores.{id}");
            if kijkwijzer.and_then(|k| k.item(id)).is_none() {
                p.push(field, format!("de kijkwijzer '{}' heeft geen kijkpunt '{id}'", o.kijkwijzer));
            } else if !(1..=4).contains(score) {
                p.push(field, format!("een kijkpunt krijgt een score van 1 tot en met 4; hier staat {score}"));
            }
        }
    }
}

fn choice(p: &mut Problems, f: &Format, c: &Choice, a: &ChoiceAnswer) {
    let options = f.options_of(c);
    let max = c.limit();
    if a.selected.len() > limit(max) {
        let detail = if c.multiple {
            format!("kies ten hoogste {max} opties; hier zijn er {} gekozen", a.selected.len())
        } else {
            format!("kies één optie; hier zijn er {} gekozen", a.selected.len())
        };
        p.push("selected", detail);
    }
    let mut seen = HashSet::new();
    for (i, s) in a.selected.iter().enumerate() {
        let at = format!("selected[{}]", i + 1);
        if !options.iter().any(|o| o.id == s.option) {
            p.push(format!("{at}.option"), format!("onbekende optie '{}'", s.option));
        } else if !seen.insert(s.option.as_str()) {
            p.push(format!("{at}.option"), format!("de optie '{}' is twee keer gekozen", s.option));
        }
        if c.note_prompt.is_none() && !s.note.trim().is_empty() {
            p.push(format!("{at}.note"), "bij deze vraag hoort geen toelichting per optie");
        }
        p.text(format!("{at}.note"), &s.note, limit(c.note_max_chars));
    }
}
