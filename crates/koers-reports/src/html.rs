//! The same document on screen: an HTML fragment (`<article class="report">…`) for a page to
//! embed, so a report's page and its PDF show the same content from one [`Document`]. Every text
//! is escaped; no `style` attribute anywhere (the web's CSP), only classes; headings start at
//! `h1` for the title (sections `h2`, subheadings `h3`); tables have a caption, `th scope="col"`
//! headers and a `tfoot` for totals; charts are `figure`s with the accessible SVG inside.

use crate::chart::escape;
use crate::document::{Align, Block, Document, Span, SpanStyle, Tone};
use crate::error::ReportError;
use crate::text::{clean, paragraphs};
use std::fmt::Write;

/// Renders the document as an HTML fragment. Checks it first, like the PDF
/// ([`Document::validate`]), so a page never shows what the PDF would refuse.
pub fn to_html(doc: &Document) -> Result<String, ReportError> {
    doc.validate()?;
    let mut h = String::with_capacity(8192);
    let m = &doc.meta;
    h.push_str(r#"<article class="report" lang="nl"><header class="report-head">"#);
    let _ = write!(h, r#"<p class="report-organisation">{}</p><h1>{}</h1>"#, t(&m.organisation), t(&doc.title));
    if let Some(s) = non_blank(&doc.subtitle) {
        let _ = write!(h, r#"<p class="report-subtitle">{}</p>"#, t(s));
    }
    h.push_str(r#"<dl class="report-facts">"#);
    let facts =
        [("School", Some(m.school.as_str())), ("Periode", non_blank(&m.period)), ("Kenmerk", non_blank(&m.reference))];
    for (k, v) in facts.into_iter().chain([("Datum", Some(m.generated.as_str()))]) {
        if let Some(v) = v {
            let _ = write!(h, "<dt>{k}</dt><dd>{}</dd>", t(v));
        }
    }
    h.push_str("</dl></header>");
    for s in &doc.sections {
        let _ = write!(h, "<section><h2>{}</h2>", t(&s.title));
        if s.has_content() {
            for b in s.blocks.iter().filter(|b| matches!(b, Block::Heading(_)) || b.has_content()) {
                block(&mut h, b);
            }
        } else if let Some(e) = non_blank(&s.when_empty) {
            let _ = write!(h, r#"<p class="report-empty">{}</p>"#, t(e));
        }
        h.push_str("</section>");
    }
    h.push_str("</article>");
    Ok(h)
}

/// Cleaned and escaped text; newlines become `<br>`.
fn t(s: &str) -> String {
    escape(&clean(s)).replace('\n', "<br>")
}

fn non_blank(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.trim().is_empty())
}

fn spans(h: &mut String, p: &[Span]) {
    for s in p {
        let _ = match s.style {
            SpanStyle::Plain => write!(h, "{}", t(&s.text)),
            SpanStyle::Strong => write!(h, "<strong>{}</strong>", t(&s.text)),
            SpanStyle::Emph => write!(h, "<em>{}</em>", t(&s.text)),
        };
    }
}

fn list(h: &mut String, class: &str, items: &[String]) {
    let _ = write!(h, r#"<ul class="{class}">"#);
    for i in items.iter().filter(|i| !i.trim().is_empty()) {
        let _ = write!(h, "<li>{}</li>", t(i));
    }
    h.push_str("</ul>");
}

fn align(a: Align) -> &'static str {
    match a {
        Align::Left => "",
        Align::Center => r#" class="center""#,
        Align::Right => r#" class="num""#,
    }
}

fn block(h: &mut String, b: &Block) {
    match b {
        Block::Heading(s) => {
            let _ = write!(h, "<h3>{}</h3>", t(s));
        }
        Block::Paragraph(p) => {
            for para in paragraphs(p) {
                h.push_str("<p>");
                spans(h, &para);
                h.push_str("</p>");
            }
        }
        Block::KeyValues(kv) => {
            h.push_str(r#"<dl class="report-kv">"#);
            for p in kv {
                let _ = write!(h, "<dt>{}</dt><dd>{}</dd>", t(&p.key), t(&p.value));
            }
            h.push_str("</dl>");
        }
        Block::Table(tb) => {
            h.push_str(r#"<div class="table-wrap"><table class="report-table">"#);
            if let Some(c) = non_blank(&tb.caption) {
                let _ = write!(h, "<caption>{}</caption>", t(c));
            }
            h.push_str("<thead><tr>");
            for c in &tb.columns {
                let _ = write!(h, r#"<th scope="col"{}>{}</th>"#, align(c.align), t(&c.header));
            }
            h.push_str("</tr></thead><tbody>");
            let row = |h: &mut String, cells: &[String], cell: &str| {
                h.push_str("<tr>");
                for (c, col) in cells.iter().zip(&tb.columns) {
                    let _ = write!(h, "<{cell}{}>{}</{cell}>", align(col.align), t(c));
                }
                h.push_str("</tr>");
            };
            for r in &tb.rows {
                row(h, r, "td");
            }
            h.push_str("</tbody>");
            if let Some(total) = &tb.total {
                h.push_str("<tfoot>");
                row(h, total, "td");
                h.push_str("</tfoot>");
            }
            h.push_str("</table></div>");
        }
        Block::Bullets(items) => list(h, "report-list", items),
        Block::Quote { text, attribution } => {
            let _ = write!(h, r#"<figure class="report-quote"><blockquote><p>{}</p></blockquote>"#, t(text.trim()));
            if let Some(a) = non_blank(attribution) {
                let _ = write!(h, "<figcaption>— {}</figcaption>", t(a));
            }
            h.push_str("</figure>");
        }
        Block::Callout(c) => {
            let tone = match c.tone {
                Tone::Info => "info",
                Tone::Positive => "positive",
                Tone::Warning => "warning",
            };
            let _ = write!(
                h,
                r#"<div class="callout callout-{tone}" role="note"><p class="callout-title">{}</p>"#,
                t(&c.title)
            );
            if let Some(x) = non_blank(&c.text) {
                let _ = write!(h, "<p>{}</p>", t(x));
            }
            if c.items.iter().any(|i| !i.trim().is_empty()) {
                list(h, "callout-items", &c.items);
            }
            h.push_str("</div>");
        }
        Block::Chart(f) => {
            let caption = f.caption.as_deref().filter(|c| !c.trim().is_empty()).unwrap_or(f.svg.title());
            let _ =
                write!(h, r#"<figure class="chart-block"><figcaption>{}</figcaption>{}</figure>"#, t(caption), f.svg);
        }
        Block::Signatures(sigs) => {
            h.push_str(r#"<ul class="report-signatures">"#);
            for s in sigs {
                let _ =
                    write!(h, "<li><strong>{}</strong><br>{}<br>Ondertekend op {}", t(&s.name), t(&s.role), t(&s.date));
                if let Some(n) = non_blank(&s.note) {
                    let _ = write!(h, r#"<br><span class="note">{}</span>"#, t(n));
                }
                h.push_str("</li>");
            }
            h.push_str("</ul>");
        }
        Block::PageBreak => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Metadata;
    use crate::sample;

    #[test]
    fn the_sample_on_screen_holds_what_the_pdf_holds() {
        let doc = sample::voortgangsrapportage().expect("sample");
        let html = to_html(&doc).expect("html");
        for want in [
            "<h1>Voortgangsrapportage</h1>",
            sample::SCHOOL,
            sample::GOAL,
            sample::INDICATOR_VALUE,
            sample::SIGNER,
            "Maatregel &#39;Leesteam start&#39; is over de einddatum",
            r#"<th scope="col" class="num">1F</th>"#,
            "<tfoot><tr><td>Totaal</td>",
            r#"<svg class="chart""#,
            "<figcaption>— Reflectie van het schoolteam, vraag 3</figcaption>",
        ] {
            assert!(html.contains(want), "missing {want}");
        }
        assert!(!html.contains("style="), "no inline styles under the CSP");
    }

    #[test]
    fn hostile_text_is_escaped_on_screen() {
        let meta = Metadata {
            organisation: "X".into(),
            school: "<script>alert(1)</script> & \"co\"".into(),
            generated: "vandaag".into(),
            ..Metadata::default()
        };
        let mut doc = Document::new("<b>titel</b>", meta);
        doc.section("<i>s</i>").paragraph("a <img src=x onerror=alert(1)>\nb").bullets(["<li>"]);
        let html = to_html(&doc).expect("html");
        assert!(!html.contains("<script>") && !html.contains("<img") && !html.contains("<b>") && !html.contains("<i>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;"));
        assert!(html.contains("<p>a &lt;img src=x onerror=alert(1)&gt;<br>b</p>"), "{html}");
    }

    #[test]
    fn an_empty_optional_section_shows_its_text_and_a_required_one_is_refused() {
        let meta =
            Metadata { organisation: "X".into(), school: "Y".into(), generated: "Z".into(), ..Metadata::default() };
        let mut doc = Document::new("T", meta);
        doc.section("Metingen").when_empty("Nog geen metingen.");
        let html = to_html(&doc).expect("html");
        assert!(html.contains(r#"<h2>Metingen</h2><p class="report-empty">Nog geen metingen.</p>"#), "{html}");
        doc.section("Doelen");
        assert_eq!(to_html(&doc), Err(ReportError::EmptySection { section: "Doelen".into() }));
    }
}
