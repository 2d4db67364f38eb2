//! Charts as SVG text: pure functions from data to markup, the same markup on the web page and
//! in the PDF.
//!
//! - [`results`]: the results chart (a bar per test year on 0–100 % with the
//!   signaleringswaarde, the comparable-schools mean and the grenswaarde as lines);
//! - [`indicator`]: an indicator against its straight line from baseline to target, with the
//!   measurements and the op-koers margin;
//! - [`scores`]: scores per standard as horizontal bars on a 1–4 scale (the zelfevaluatie).
//!
//! **Accessible**: every chart is `role="img"` with an `aria-label` (the full text alternative),
//! a `<title>` and a `<desc>`; line kinds differ in dash pattern as well as colour; value labels
//! are written out. Pages and reports put a data table next to the chart.
//!
//! **One markup for screen and print**: elements carry a class *and* the matching presentation
//! attributes (`fill="…"`, `stroke="…"`, never a `style=` attribute, so the web's CSP without
//! `unsafe-inline` holds). The web's stylesheet may restyle by class (CSS beats presentation
//! attributes); the PDF engine, which has no stylesheet, uses the attributes. The root names the
//! shipped font ([`FONT_FAMILY`]) so the PDF engine finds it; the web sets
//! `svg.chart { font-family: inherit }`.
//!
//! Every text is XML-escaped ([`escape`]); a chart that cannot be drawn is a [`ChartError`]
//! naming the chart and what is missing, never a panic.

pub mod indicator;
pub mod results;
pub mod scores;
mod svg;

pub use indicator::{IndicatorChart, Margin, Measurement, Point, Scale, Tick};
pub use results::{Bar, BarChart, LineKind, RefLine};
pub use scores::{Norm, ScoreRow, ScoresChart};

use std::fmt;

/// The font family charts ask for: the family shipped in `fonts/` and loaded into the PDF engine.
pub const FONT_FAMILY: &str = "Noto Sans";

/// A rendered chart: well-formed SVG markup whose every text is escaped, with its title and text
/// alternative. Only this module makes one, so the markup is trusted (`|safe` in a template).
#[derive(Debug, Clone, PartialEq)]
pub struct Svg {
    markup: String,
    title: String,
    description: String,
    width: f64,
}

impl Svg {
    /// The `<svg>…</svg>` markup.
    pub fn as_str(&self) -> &str {
        &self.markup
    }
    pub fn into_string(self) -> String {
        self.markup
    }
    /// The short title (the SVG's `<title>`), e.g. "%1F per toetsjaar".
    pub fn title(&self) -> &str {
        &self.title
    }
    /// The full text alternative (the SVG's `aria-label` and `<desc>`; the PDF's alt text).
    pub fn description(&self) -> &str {
        &self.description
    }
    /// The drawing's width in CSS pixels (the PDF prints it at 0,75 pt per pixel).
    pub fn width(&self) -> f64 {
        self.width
    }
}

impl fmt::Display for Svg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.markup)
    }
}

/// Why a chart cannot be drawn. Dutch, naming the chart and what is missing or wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChartError {
    #[error("een grafiek heeft geen titel (de titel is ook de tekst voor schermlezers)")]
    NoTitle,
    #[error("grafiek '{chart}' heeft geen gegevens: {missing}")]
    NoData { chart: String, missing: &'static str },
    #[error("grafiek '{chart}': {what} is geen getal")]
    NotANumber { chart: String, what: String },
    #[error("grafiek '{chart}': {what} ligt buiten de schaal ({scale})")]
    OutOfScale { chart: String, what: String, scale: String },
    #[error("grafiek '{chart}': {problem}")]
    Invalid { chart: String, problem: &'static str },
}

/// Escape text for SVG/XML content and attribute values. Characters XML 1.0 forbids (C0
/// controls other than tab and newline) are dropped, so the markup always parses.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            _ => out.push(c),
        }
    }
    out
}

/// The title must be there (it is the accessible name) and every number finite.
fn check_title(title: &str) -> Result<(), ChartError> {
    if title.trim().is_empty() { Err(ChartError::NoTitle) } else { Ok(()) }
}

fn check_finite(chart: &str, what: &str, v: f64) -> Result<(), ChartError> {
    if v.is_finite() { Ok(()) } else { Err(ChartError::NotANumber { chart: chart.to_owned(), what: what.to_owned() }) }
}

#[cfg(test)]
pub(crate) mod testutil {
    /// Parses the markup as XML (panics with the parser's message if it is not well-formed) and
    /// returns the root for further checks.
    pub fn parse(svg: &str) -> roxmltree::Document<'_> {
        match roxmltree::Document::parse(svg) {
            Ok(doc) => doc,
            Err(e) => panic!("not well-formed XML: {e}\n{svg}"),
        }
    }

    pub fn count(doc: &roxmltree::Document<'_>, tag: &str, class: &str) -> usize {
        doc.descendants()
            .filter(|n| n.has_tag_name(tag) && n.attribute("class").is_some_and(|c| c.split(' ').any(|k| k == class)))
            .count()
    }

    pub fn texts(doc: &roxmltree::Document<'_>) -> Vec<String> {
        doc.descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| n.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect::<String>())
            .collect()
    }

    /// The chart is accessible: role, label, title and desc; never a `style` attribute or element.
    pub fn assert_accessible(doc: &roxmltree::Document<'_>, title: &str) {
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("role"), Some("img"));
        assert!(root.attribute("aria-label").is_some_and(|l| !l.is_empty()));
        let t = root.children().find(|n| n.has_tag_name("title")).and_then(|n| n.text());
        assert_eq!(t, Some(title));
        assert!(root.children().any(|n| n.has_tag_name("desc")));
        assert!(doc.descendants().all(|n| n.attribute("style").is_none() && !n.has_tag_name("style")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_drops_what_xml_forbids() {
        assert_eq!(escape(r#"<a href="x">&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
        assert_eq!(escape("a\u{0}b\u{1b}c\td"), "abc\td");
        assert_eq!(escape("€ 2.286,00 — één"), "€ 2.286,00 — één");
    }

    #[test]
    fn chart_errors_name_the_chart_in_dutch() {
        let e = ChartError::NoData { chart: "Begrijpend lezen".into(), missing: "geen metingen" };
        assert_eq!(e.to_string(), "grafiek 'Begrijpend lezen' heeft geen gegevens: geen metingen");
    }
}
