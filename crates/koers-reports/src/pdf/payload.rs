//! The document as the JSON the template reads (`sys.inputs.data`). This is where user text is
//! made safe for the engine: it travels as JSON strings, which the template places as strings —
//! Typst never parses them as markup, so `#`, `$`, `*`, `_`, `@`, `<`, `\` … show literally.
//! [`clean`] also drops what no renderer should see (control characters) and normalises line
//! ends; a blank line splits a paragraph.

use crate::document::{Align, Block, Document, Section, SpanStyle, Tone};
use crate::text::{clean, paragraphs};
use serde_json::{Value, json};

fn opt(s: &Option<String>) -> Value {
    match s.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => Value::String(clean(t)),
        _ => Value::Null,
    }
}

/// The whole document as JSON bytes for the template.
pub(crate) fn to_json(doc: &Document) -> Vec<u8> {
    let m = &doc.meta;
    let mut facts = vec![json!({"key": "School", "value": clean(&m.school)})];
    if let Value::String(p) = opt(&m.period) {
        facts.push(json!({"key": "Periode", "value": p}));
    }
    if let Value::String(r) = opt(&m.reference) {
        facts.push(json!({"key": "Kenmerk", "value": r}));
    }
    facts.push(json!({"key": "Datum", "value": clean(&m.generated)}));
    let keywords: Vec<String> =
        [Some(&m.school), m.reference.as_ref(), m.period.as_ref()].into_iter().flatten().map(|s| clean(s)).collect();
    let value = json!({
        "title": clean(&doc.title),
        "subtitle": opt(&doc.subtitle),
        "keywords": keywords,
        "meta": {
            "organisation": clean(&m.organisation),
            "school": clean(&m.school),
            "reference": opt(&m.reference),
            "generated": clean(&m.generated),
        },
        "facts": facts,
        "sections": doc.sections.iter().map(section).collect::<Vec<_>>(),
    });
    // Serialising a `serde_json::Value` cannot fail (string keys only).
    serde_json::to_vec(&value).unwrap_or_default()
}

fn section(s: &Section) -> Value {
    // A section without content shows its `when_empty` text only (not its lone subheadings).
    let blocks: Vec<Value> =
        if s.has_content() { s.blocks.iter().filter(|b| keep(b)).map(block).collect() } else { Vec::new() };
    json!({"title": clean(&s.title), "when_empty": opt(&s.when_empty), "blocks": blocks})
}

/// Empty blocks are left out; headings and page breaks stay.
fn keep(b: &Block) -> bool {
    matches!(b, Block::Heading(_) | Block::PageBreak) || b.has_content()
}

fn block(b: &Block) -> Value {
    match b {
        Block::Heading(t) => json!({"kind": "heading", "text": clean(t)}),
        Block::Paragraph(spans) => {
            let paragraphs: Vec<Vec<Value>> = paragraphs(spans)
                .into_iter()
                .map(|p| p.into_iter().map(|s| json!({"text": s.text, "style": style(s.style)})).collect())
                .collect();
            json!({"kind": "paragraph", "paragraphs": paragraphs})
        }
        Block::KeyValues(kv) => json!({
            "kind": "key_values",
            "items": kv.iter().map(|p| json!({"key": clean(&p.key), "value": clean(&p.value)})).collect::<Vec<_>>(),
        }),
        Block::Table(t) => json!({
            "kind": "table",
            "caption": opt(&t.caption),
            "columns": t.columns.iter().map(|c| json!({
                "header": clean(&c.header),
                "align": match c.align { Align::Left => "left", Align::Center => "center", Align::Right => "right" },
                "width": c.width,
            })).collect::<Vec<_>>(),
            "rows": t.rows.iter().map(|r| r.iter().map(|c| clean(c)).collect::<Vec<_>>()).collect::<Vec<_>>(),
            "total": t.total.as_ref().map(|r| r.iter().map(|c| clean(c)).collect::<Vec<_>>()),
        }),
        Block::Bullets(items) => json!({
            "kind": "bullets",
            "items": items.iter().filter(|i| !i.trim().is_empty()).map(|i| clean(i)).collect::<Vec<_>>(),
        }),
        Block::Quote { text, attribution } => {
            json!({"kind": "quote", "text": clean(text.trim()), "attribution": opt(attribution)})
        }
        Block::Callout(c) => json!({
            "kind": "callout",
            "tone": match c.tone { Tone::Info => "info", Tone::Positive => "positive", Tone::Warning => "warning" },
            "title": clean(&c.title),
            "text": opt(&c.text),
            "items": c.items.iter().filter(|i| !i.trim().is_empty()).map(|i| clean(i)).collect::<Vec<_>>(),
        }),
        Block::Chart(f) => json!({
            "kind": "chart",
            "svg": f.svg.as_str(),
            "alt": clean(f.svg.description()),
            "caption": clean(f.caption.as_deref().filter(|c| !c.trim().is_empty()).unwrap_or(f.svg.title())),
            "width": (f.svg.width() * 0.75).min(460.0),
        }),
        Block::Signatures(s) => json!({
            "kind": "signatures",
            "items": s.iter().map(|s| json!({
                "name": clean(&s.name), "role": clean(&s.role), "date": clean(&s.date), "note": opt(&s.note),
            })).collect::<Vec<_>>(),
        }),
        Block::PageBreak => json!({"kind": "page_break"}),
    }
}

fn style(s: SpanStyle) -> &'static str {
    match s {
        SpanStyle::Plain => "plain",
        SpanStyle::Strong => "strong",
        SpanStyle::Emph => "emph",
    }
}
