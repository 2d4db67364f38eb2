//! Parsing and validation of a format, with Dutch messages that name the field by its path
//! (1-based, as a beheerder counts `[[sections]]` in the file). Validation lists every problem
//! it finds (up to [`MAX_PROBLEMS`]), so a beheerder fixes a file in one go.

mod items;

use super::{Format, MAX_TOML_BYTES};
use crate::datafile::{self, is_slug};
use std::collections::HashMap;
use std::fmt;

/// The most problems one error lists (memory stays bounded on any input).
pub const MAX_PROBLEMS: usize = 100;
pub(super) const MAX_SECTIONS: usize = 100;
pub(super) const MAX_ITEMS_PER_SECTION: usize = 200;
pub(super) const MAX_OPTIONS: usize = 500;

/// One problem: the field at fault (`sections[3].items[2].levels`, empty for the whole file)
/// and what is wrong, in Dutch. Also the shape of one entry of the JSON error envelope.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    pub field: String,
    pub detail: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() { f.write_str(&self.detail) } else { write!(f, "{}: {}", self.field, self.detail) }
    }
}

/// A format that cannot be used, with every problem found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FormatError {
    pub file: String,
    /// Never empty.
    pub problems: Vec<FieldError>,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "format {}: ", self.file)?;
        match self.problems.split_first() {
            None => f.write_str("onbekende fout"),
            Some((first, [])) => write!(f, "{first}"),
            Some((first, rest)) => write!(f, "{first} (en nog {} andere fout(en))", rest.len()),
        }
    }
}

impl FormatError {
    pub(crate) fn one(file: &str, field: &str, detail: impl Into<String>) -> Self {
        Self { file: file.to_owned(), problems: vec![FieldError { field: field.to_owned(), detail: detail.into() }] }
    }
    /// The first problem's field (for a form that marks one field).
    pub fn field(&self) -> &str {
        self.problems.first().map_or("", |p| p.field.as_str())
    }
    /// The first problem's description.
    pub fn detail(&self) -> &str {
        self.problems.first().map_or("", |p| p.detail.as_str())
    }
}

/// Parse TOML into a format (no validation yet). Errors name the path when serde knows it.
pub(super) fn parse(file: &str, text: &str) -> Result<Format, FormatError> {
    if text.len() > MAX_TOML_BYTES {
        return Err(FormatError::one(
            file,
            "",
            format!("het format is te groot ({} bytes; ten hoogste {MAX_TOML_BYTES})", text.len()),
        ));
    }
    let de = toml::de::Deserializer::parse(text).map_err(|e| parse_error(file, text, &e, String::new()))?;
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = render_path(e.path());
        parse_error(file, text, e.inner(), path)
    })
}

fn parse_error(file: &str, text: &str, e: &toml::de::Error, path: String) -> FormatError {
    let (named, mut detail) = datafile::describe(text, e);
    let in_item = path.rsplit_once('.').map_or(path.as_str(), |(_, last)| last).starts_with("items[");
    if in_item && e.message().starts_with("unknown variant") && e.message().contains("`rubric`") {
        detail = detail.replacen("onbekende waarde", "onbekende soort item (kind)", 1);
    }
    // Inside an item serde buffers the fields, so the path stops at the item: add the field.
    let field = match named {
        Some(n) if path.is_empty() => n,
        Some(n) if path.ends_with(']') => format!("{path}.{n}"),
        _ => path,
    };
    FormatError::one(file, &field, detail)
}

/// `sections[3].items[2].levels`, 1-based.
fn render_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("[{}]", index + 1)),
            Segment::Map { key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

/// Collects problems and remembers which ids are taken.
pub(super) struct Check<'a> {
    pub(super) format: &'a Format,
    problems: Vec<FieldError>,
    /// Section and item ids → the path where each was first used.
    ids: HashMap<&'a str, String>,
}

impl<'a> Check<'a> {
    pub(super) fn push(&mut self, field: impl Into<String>, detail: impl Into<String>) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(FieldError { field: field.into(), detail: detail.into() });
        }
    }

    pub(super) fn not_blank(&mut self, field: String, value: &str, what: &str) {
        if value.trim().is_empty() {
            self.push(field, format!("{what} mag niet leeg zijn"));
        }
    }

    pub(super) fn optional_not_blank(&mut self, field: String, value: Option<&str>, what: &str) {
        if let Some(v) = value {
            self.not_blank(field, v, what);
        }
    }

    pub(super) fn slug(&mut self, field: String, value: &str, example: &str) {
        if !is_slug(value) {
            self.push(
                field,
                format!(
                    "'{value}' is geen geldig id: gebruik kleine letters, cijfers en losse streepjes (bijvoorbeeld {example})"
                ),
            );
        }
    }

    /// A length limit in characters must lie between 1 and [`super::item::MAX_TEXT_LIMIT`].
    pub(super) fn limit(&mut self, field: String, value: u32) {
        let max = super::item::MAX_TEXT_LIMIT;
        if !(1..=max).contains(&value) {
            self.push(field, format!("de lengtegrens moet tussen 1 en {max} tekens liggen; hier staat {value}"));
        }
    }

    pub(super) fn between(&mut self, field: String, value: u32, lo: u32, hi: u32, what: &str) {
        if !(lo..=hi).contains(&value) {
            self.push(field, format!("{what} moet tussen {lo} en {hi} liggen; hier staat {value}"));
        }
    }

    /// A section or item id: a slug, unique in the whole format.
    pub(super) fn unique_id(&mut self, path: String, id: &'a str) {
        self.slug(format!("{path}.id"), id, "op1-aanbod");
        if let Some(first) = self.ids.get(id) {
            let first = first.clone();
            self.push(format!("{path}.id"), format!("het id '{id}' komt twee keer voor (ook bij {first})"));
        } else {
            self.ids.insert(id, path);
        }
    }

    /// A reference to a standard, checked only when the format declares its standards.
    pub(super) fn standard_ref(&mut self, field: String, code: Option<&str>) {
        let Some(code) = code else { return };
        let f = self.format;
        if !f.standards.is_empty() && f.standard(code).is_none() {
            let known: Vec<&str> = f.standards.iter().map(|s| s.code.as_str()).collect();
            self.push(field, format!("onbekende standaard '{code}'; dit format kent {}", known.join(", ")));
        }
    }
}

/// Ids within one list (options, table columns, kijkwijzer items): slugs, no repeats.
pub(super) fn unique_in<'b>(c: &mut Check<'_>, ids: impl Iterator<Item = (String, &'b str)>, example: &str) {
    let mut seen: HashMap<&str, String> = HashMap::new();
    for (path, id) in ids {
        c.slug(path.clone(), id, example);
        if let Some(first) = seen.get(id) {
            c.push(path, format!("het id '{id}' komt twee keer voor (ook bij {first})"));
        } else {
            seen.insert(id, path);
        }
    }
}

pub(super) fn validate(f: &Format, file: &str) -> Result<(), FormatError> {
    let mut c = Check { format: f, problems: Vec::new(), ids: HashMap::new() };
    check_top(&mut c);
    check_standards(&mut c);
    items::check_option_lists(&mut c);
    items::check_kijkwijzers(&mut c);
    check_sections(&mut c);
    check_scope(&mut c);
    if c.problems.is_empty() { Ok(()) } else { Err(FormatError { file: file.to_owned(), problems: c.problems }) }
}

fn check_top(c: &mut Check<'_>) {
    let f = c.format;
    c.slug("id".into(), &f.id, "zelfevaluatie-po");
    if f.version == 0 {
        c.push("version", "version moet een geheel getal van 1 of hoger zijn");
    }
    c.not_blank("title".into(), &f.title, "de titel");
    c.not_blank("intro".into(), &f.intro, "de inleiding voor de school");
    c.not_blank("framework.version".into(), &f.framework.version, "de versie van het kader");
    for (i, s) in f.framework.sources.iter().enumerate() {
        c.not_blank(format!("framework.sources[{}]", i + 1), s, "een bron");
    }
    if f.sections.is_empty() {
        c.push("sections", "een format heeft minstens één sectie");
    }
    if f.sections.len() > MAX_SECTIONS {
        c.push("sections", format!("een format heeft ten hoogste {MAX_SECTIONS} secties; hier {}", f.sections.len()));
    }
}

/// `OP1`, `BKA2`, `SKA3`: 1–5 capital letters, then 1–2 digits.
fn is_code(s: &str) -> bool {
    let letters = s.bytes().take_while(u8::is_ascii_uppercase).count();
    let digits = s.len() - letters;
    (1..=5).contains(&letters) && (1..=2).contains(&digits) && s.bytes().skip(letters).all(|b| b.is_ascii_digit())
}

fn check_standards(c: &mut Check<'_>) {
    let f = c.format;
    let mut seen: HashMap<&str, String> = HashMap::new();
    for (i, s) in f.standards.iter().enumerate() {
        let p = format!("standards[{}]", i + 1);
        for (field, code) in [("code", Some(s.code.as_str())), ("alias", s.alias.as_deref())] {
            let Some(code) = code else { continue };
            if !is_code(code) {
                c.push(format!("{p}.{field}"), format!("'{code}' is geen standaardcode zoals OP1, SK2 of BKA3"));
            } else if let Some(first) = seen.get(code) {
                c.push(format!("{p}.{field}"), format!("de code '{code}' komt twee keer voor (ook bij {first})"));
            } else {
                seen.insert(code, format!("{p}.{field}"));
            }
        }
        c.not_blank(format!("{p}.title"), &s.title, "de naam van de standaard");
        c.not_blank(format!("{p}.area"), &s.area, "het domein van de standaard");
        c.not_blank(format!("{p}.expectation"), &s.expectation, "wat de Inspectie verwacht voor voldoende");
    }
}

fn check_sections(c: &mut Check<'_>) {
    let f = c.format;
    for (si, s) in f.sections.iter().enumerate() {
        let p = format!("sections[{}]", si + 1);
        c.unique_id(p.clone(), &s.id);
        c.not_blank(format!("{p}.title"), &s.title, "de titel van de sectie");
        c.optional_not_blank(format!("{p}.intro"), s.intro.as_deref(), "de inleiding van de sectie");
        c.standard_ref(format!("{p}.standard"), s.standard.as_deref());
        if s.items.is_empty() {
            c.push(format!("{p}.items"), format!("sectie '{}' heeft geen items", s.id));
        }
        if s.items.len() > MAX_ITEMS_PER_SECTION {
            c.push(format!("{p}.items"), format!("een sectie heeft ten hoogste {MAX_ITEMS_PER_SECTION} items"));
        }
        for (ii, item) in s.items.iter().enumerate() {
            items::check_item(c, format!("{p}.items[{}]", ii + 1), item);
        }
    }
}

fn check_scope(c: &mut Check<'_>) {
    let f = c.format;
    let Some(id) = f.scope.as_deref() else { return };
    let ok = f.item(id).is_some_and(|l| matches!(&l.item.kind, super::ItemKind::Choice(ch) if ch.from_standards));
    if !ok {
        c.push(
            "scope",
            format!("scope moet het id zijn van een choice-item met from_standards = true; '{id}' is dat niet"),
        );
    }
}
