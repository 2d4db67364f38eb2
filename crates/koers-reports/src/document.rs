//! The document model every report is assembled into: a title, metadata and sections of typed
//! blocks. It holds **text, never markup**: whatever a school name or reflection answer contains
//! (`#`, `$`, `*`, `<`, backslashes…) is shown literally by every renderer. Numbers, amounts and
//! dates arrive formatted by the caller (`koers_core::nl`, `Cents`, `Date::nl_long`).
//!
//! Building: `Document::new(title, metadata)`, then `doc.section("Doelen").paragraph(…)
//! .table(…)`. Emptiness is judged per section: blocks without content (an empty list, a table
//! without rows) are left out, and a section left with nothing fails [`Document::validate`]
//! unless the caller said what to show instead ([`Section::when_empty`]).

use crate::chart::Svg;
use crate::error::ReportError;

/// A whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    pub subtitle: Option<String>,
    pub meta: Metadata,
    pub sections: Vec<Section>,
}

/// Who and what the report is about; shown in the title block and the page header/footer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Metadata {
    /// The organisation issuing the report, e.g. the programme ("Leren Verbeteren").
    pub organisation: String,
    pub school: String,
    /// A reference number (`LV-2026-0042`), shown in the header of every page.
    pub reference: Option<String>,
    /// The period covered, e.g. "schooljaar 2026/27".
    pub period: Option<String>,
    /// When it was made, as text ("30 november 2026"): this crate has no clock.
    pub generated: String,
}

/// A part of the report with a level-1 heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: String,
    pub blocks: Vec<Block>,
    /// What to show when the section has no content ("Er zijn nog geen metingen."); None makes
    /// an empty section an error (a required section).
    pub when_empty: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A level-2 heading inside the section.
    Heading(String),
    /// Text; a blank line inside starts a new paragraph, a single newline breaks the line.
    Paragraph(Vec<Span>),
    KeyValues(Vec<KeyValue>),
    Table(Table),
    Bullets(Vec<String>),
    /// A quotation, e.g. a reflection answer, with who said it (a role, not a person's name,
    /// in reports that leave the school).
    Quote {
        text: String,
        attribution: Option<String>,
    },
    Callout(Callout),
    Chart(Figure),
    Signatures(Vec<Signature>),
    PageBreak,
}

/// A run of text in a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: SpanStyle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanStyle {
    Plain,
    Strong,
    Emph,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Self {
        Span { text: text.into(), style: SpanStyle::Plain }
    }
    pub fn strong(text: impl Into<String>) -> Self {
        Span { text: text.into(), style: SpanStyle::Strong }
    }
    pub fn emph(text: impl Into<String>) -> Self {
        Span { text: text.into(), style: SpanStyle::Emph }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
}

/// A table: a header row, rows of pre-formatted cells (Dutch numbers: `85,0%`, `€ 2.286,00`)
/// and an optional totals row. The header repeats on every page the table spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub caption: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    pub total: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    pub align: Align,
    /// Relative width (shares of the free space); None sizes the column to its content.
    pub width: Option<u8>,
}

impl Column {
    /// A left-aligned text column sized to its content.
    pub fn text(header: impl Into<String>) -> Self {
        Column { header: header.into(), align: Align::Left, width: None }
    }
    /// A right-aligned number column sized to its content.
    pub fn number(header: impl Into<String>) -> Self {
        Column { header: header.into(), align: Align::Right, width: None }
    }
    /// A left-aligned column taking `share` of the free space (long text wraps).
    pub fn wide(header: impl Into<String>, share: u8) -> Self {
        Column { header: header.into(), align: Align::Left, width: Some(share.max(1)) }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A highlighted box: "Niet op koers" with its reasons, a note, a result.
#[derive(Debug, Clone, PartialEq)]
pub struct Callout {
    pub tone: Tone,
    pub title: String,
    pub text: Option<String>,
    pub items: Vec<String>,
}

/// The colour of a callout. Never the only signal: the title says it in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Positive,
    Warning,
}

/// A chart with an optional caption (default: the chart's title). Its text alternative is the
/// chart's description.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub svg: Svg,
    pub caption: Option<String>,
}

/// One signature: who, in what role, when (as text), and an optional note ("digitaal
/// ondertekend in Koers").
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    pub name: String,
    pub role: String,
    pub date: String,
    pub note: Option<String>,
}

impl Document {
    pub fn new(title: impl Into<String>, meta: Metadata) -> Self {
        Document { title: title.into(), subtitle: None, meta, sections: Vec::new() }
    }

    pub fn with_subtitle(mut self, subtitle: impl Into<String>) -> Self {
        self.subtitle = Some(subtitle.into());
        self
    }

    /// Adds a (required) section and returns it to fill.
    pub fn section(&mut self, title: impl Into<String>) -> &mut Section {
        self.sections.push(Section { title: title.into(), blocks: Vec::new(), when_empty: None });
        let last = self.sections.len() - 1;
        &mut self.sections[last]
    }

    /// Checks that the document can be produced: the title and metadata are there, every
    /// required section has content, every table row has as many cells as the table has
    /// columns, every signature says who, in what role and when. The error names what is
    /// missing, in Dutch.
    pub fn validate(&self) -> Result<(), ReportError> {
        let required = [
            ("titel", self.title.as_str()),
            ("organisatie", self.meta.organisation.as_str()),
            ("schoolnaam", self.meta.school.as_str()),
            ("datum van aanmaak", self.meta.generated.as_str()),
        ];
        for (field, value) in required {
            if blank(value) {
                return Err(ReportError::MissingField { field });
            }
        }
        if self.sections.is_empty() {
            return Err(ReportError::NoContent);
        }
        for s in &self.sections {
            if blank(&s.title) {
                return Err(ReportError::UntitledSection);
            }
            s.validate()?;
        }
        Ok(())
    }
}

impl Section {
    /// Makes the section optional: when it has no content, `text` is shown instead.
    pub fn when_empty(&mut self, text: impl Into<String>) -> &mut Self {
        self.when_empty = Some(text.into());
        self
    }
    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }
    pub fn heading(&mut self, text: impl Into<String>) -> &mut Self {
        self.push(Block::Heading(text.into()))
    }
    pub fn paragraph(&mut self, text: impl Into<String>) -> &mut Self {
        self.push(Block::Paragraph(vec![Span::plain(text)]))
    }
    pub fn rich(&mut self, spans: Vec<Span>) -> &mut Self {
        self.push(Block::Paragraph(spans))
    }
    pub fn key_values<K: Into<String>, V: Into<String>>(
        &mut self,
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> &mut Self {
        let kv = pairs.into_iter().map(|(k, v)| KeyValue { key: k.into(), value: v.into() }).collect();
        self.push(Block::KeyValues(kv))
    }
    pub fn table(&mut self, table: Table) -> &mut Self {
        self.push(Block::Table(table))
    }
    pub fn bullets<S: Into<String>>(&mut self, items: impl IntoIterator<Item = S>) -> &mut Self {
        self.push(Block::Bullets(items.into_iter().map(Into::into).collect()))
    }
    pub fn quote(&mut self, text: impl Into<String>, attribution: Option<String>) -> &mut Self {
        self.push(Block::Quote { text: text.into(), attribution })
    }
    pub fn callout(&mut self, callout: Callout) -> &mut Self {
        self.push(Block::Callout(callout))
    }
    pub fn chart(&mut self, svg: Svg, caption: Option<String>) -> &mut Self {
        self.push(Block::Chart(Figure { svg, caption }))
    }
    pub fn signatures(&mut self, signatures: Vec<Signature>) -> &mut Self {
        self.push(Block::Signatures(signatures))
    }
    pub fn page_break(&mut self) -> &mut Self {
        self.push(Block::PageBreak)
    }

    /// Whether any block has content (headings and page breaks alone do not count).
    pub fn has_content(&self) -> bool {
        self.blocks.iter().any(|b| b.has_content())
    }

    fn validate(&self) -> Result<(), ReportError> {
        if !self.has_content() && self.when_empty.as_deref().is_none_or(blank) {
            return Err(ReportError::EmptySection { section: self.title.clone() });
        }
        for b in &self.blocks {
            match b {
                Block::Table(t) => {
                    let table = t.caption.clone().unwrap_or_else(|| self.title.clone());
                    if t.columns.is_empty() {
                        return Err(ReportError::TableWithoutColumns { table });
                    }
                    let rows = t.rows.iter().chain(t.total.iter());
                    for (i, r) in rows.enumerate() {
                        if r.len() != t.columns.len() {
                            let (expected, found) = (t.columns.len(), r.len());
                            return Err(ReportError::TableShape { table, row: i + 1, expected, found });
                        }
                    }
                }
                Block::Signatures(sigs) => {
                    for s in sigs {
                        for (field, value) in [("naam", &s.name), ("rol", &s.role), ("datum", &s.date)] {
                            if blank(value) {
                                return Err(ReportError::IncompleteSignature { section: self.title.clone(), field });
                            }
                        }
                    }
                }
                Block::Callout(c) if blank(&c.title) => {
                    return Err(ReportError::UntitledCallout { section: self.title.clone() });
                }
                _ => {}
            }
        }
        Ok(())
    }
}

impl Block {
    /// Whether the block shows anything; empty ones are left out when rendering.
    pub fn has_content(&self) -> bool {
        match self {
            Block::Heading(_) | Block::PageBreak => false,
            Block::Paragraph(spans) => spans.iter().any(|s| !blank(&s.text)),
            Block::KeyValues(kv) => !kv.is_empty(),
            Block::Table(t) => !t.rows.is_empty(),
            Block::Bullets(items) => items.iter().any(|i| !blank(i)),
            Block::Quote { text, .. } => !blank(text),
            Block::Callout(_) | Block::Chart(_) => true,
            Block::Signatures(s) => !s.is_empty(),
        }
    }
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

#[cfg(test)]
mod tests;
