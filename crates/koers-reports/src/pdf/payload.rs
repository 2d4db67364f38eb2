//! The document as the JSON the template reads (`sys.inputs.data`). This is where user text is
//! made safe for the engine: it travels as JSON strings, which the template places as strings —
//! Typst never parses them as markup, so `#`, `$`, `*`, `_`, `@`, `<`, `\` … show literally.
//! [`clean`] also drops what no renderer should see (control characters) and normalises line
//! ends; a blank line splits a paragraph.

use crate::document::{Align, Block, Document, Section, SpanStyle, Tone};
use serde_json::{Value, json};

/// Text fit for the engine: `\r\n`/`\r` → `\n`, tab → space, other control characters and
/// non-characters dropped.
pub(crate) fn clean(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => None,
            c => Some(c),
        })
        .collect()
}

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
            // Split the runs at blank lines into paragraphs.
            let mut paragraphs: Vec<Vec<Value>> = vec![Vec::new()];
            for s in spans {
                let style = match s.style {
                    SpanStyle::Plain => "plain",
                    SpanStyle::Strong => "strong",
                    SpanStyle::Emph => "emph",
                };
                let text = clean(&s.text);
                for (i, part) in split_paragraphs(&text).into_iter().enumerate() {
                    if i > 0 {
                        paragraphs.push(Vec::new());
                    }
                    if let Some(p) = paragraphs.last_mut().filter(|_| !part.is_empty()) {
                        p.push(json!({"text": part, "style": style}));
                    }
                }
            }
            paragraphs.retain(|p| !p.is_empty());
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

/// "a\n\nb\n \nc" → ["a", "b", "c"]: blank lines (possibly with spaces) separate paragraphs.
fn split_paragraphs(text: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if out.last().is_some_and(|p| !p.is_empty()) {
                out.push(String::new());
            }
        } else if let Some(p) = out.last_mut() {
            if !p.is_empty() {
                p.push('\n');
            }
            p.push_str(line);
        }
    }
    if out.len() > 1 && out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_keeps_text_and_newlines_and_drops_control_characters() {
        assert_eq!(clean("a\r\nb\rc\td\u{0}e\u{7}f"), "a\nb\nc def");
        assert_eq!(clean("#let x = $y$ *z* _w_ @ref <lab> \\ `c`"), "#let x = $y$ *z* _w_ @ref <lab> \\ `c`");
        assert_eq!(clean("één € ĳ"), "één € ĳ");
    }

    #[test]
    fn blank_lines_split_paragraphs_and_single_newlines_stay() {
        assert_eq!(split_paragraphs("a\nb\n\n  \nc"), ["a\nb", "c"]);
        assert_eq!(split_paragraphs("a"), ["a"]);
        assert_eq!(split_paragraphs("\n\na\n\n"), ["a"]);
    }
}
