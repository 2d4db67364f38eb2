//! The small SVG writer the charts share: one table from class to presentation attributes, so a
//! class and its paint never drift apart, and every text goes through [`escape`].

use super::{FONT_FAMILY, Svg, escape};
use std::fmt::Write;

/// What an element is; decides its class (for the web's stylesheet) and its paint (for print).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Axis,
    Grid,
    Tick,
    Label,
    LegendText,
    /// A value label above a bar or point: dark with a white halo.
    Value,
    /// A value label inside the foot of a bar: white.
    ValueIn,
    Bar,
    BarMissing,
    RefSignalering,
    RefVergelijkbaar,
    RefGrens,
    /// The straight line from baseline to target (the plan: grey, dashed).
    Target,
    /// The lower edge of the op-koers margin under the target line.
    Margin,
    /// A measurement point.
    Point,
    /// The line through the measurements (reality: blue, solid).
    Trend,
}

impl Class {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Class::Axis => "axis",
            Class::Grid => "grid",
            Class::Tick => "tick",
            Class::Label => "label",
            Class::LegendText => "legend-text",
            Class::Value => "value",
            Class::ValueIn => "value-in",
            Class::Bar => "bar",
            Class::BarMissing => "bar-missing",
            Class::RefSignalering => "ref ref-signalering",
            Class::RefVergelijkbaar => "ref ref-vergelijkbaar",
            Class::RefGrens => "ref ref-grens",
            Class::Target => "ref ref-target",
            Class::Margin => "ref ref-margin",
            Class::Point => "point",
            Class::Trend => "trend",
        }
    }

    /// Presentation attributes (not inline styles): the same colours as the web's `koers.css`.
    pub(crate) fn paint(self) -> &'static str {
        match self {
            Class::Axis => r##"stroke="#5f6670" stroke-width="1""##,
            Class::Grid => r##"stroke="#d5d8dd" stroke-width="1""##,
            Class::Tick | Class::Label | Class::LegendText => r##"fill="#1b1b1b" font-size="12""##,
            Class::Value => {
                r##"fill="#1b1b1b" font-size="12" font-weight="bold" paint-order="stroke" stroke="#ffffff" stroke-width="3" stroke-linejoin="round""##
            }
            Class::ValueIn => r##"fill="#ffffff" font-size="12" font-weight="bold""##,
            Class::Bar => r##"fill="#3b6ea8""##,
            Class::BarMissing => r##"fill="none" stroke="#5f6670" stroke-dasharray="3 3""##,
            Class::RefSignalering => r##"fill="none" stroke-width="2.5" stroke="#b00020""##,
            Class::RefVergelijkbaar => r##"fill="none" stroke-width="2.5" stroke="#14532d""##,
            Class::RefGrens => r##"fill="none" stroke-width="2.5" stroke="#8a4b00""##,
            Class::Target => r##"fill="none" stroke-width="2" stroke="#4a4a4a" stroke-dasharray="8 4""##,
            Class::Margin => r##"fill="none" stroke-width="1.5" stroke="#b35c00" stroke-dasharray="3 3""##,
            Class::Point => r##"fill="#3b6ea8" stroke="#ffffff" stroke-width="1.5""##,
            Class::Trend => r##"fill="none" stroke-width="2.5" stroke="#3b6ea8""##,
        }
    }
}

/// Horizontal text anchoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn name(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// Collects the markup of one chart; `finish` closes it into an [`Svg`].
pub(crate) struct Canvas {
    s: String,
    title: String,
    description: String,
    width: f64,
}

impl Canvas {
    pub(crate) fn new(width: f64, height: f64, title: &str, description: &str) -> Self {
        let mut s = String::with_capacity(4096);
        let (t, d) = (escape(title), escape(description));
        let _ = write!(
            s,
            r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{d}" font-family="{FONT_FAMILY}"><title>{t}</title><desc>{d}</desc>"#
        );
        Canvas { s, title: title.to_owned(), description: description.to_owned(), width }
    }

    pub(crate) fn line(&mut self, class: Class, dash: Option<&str>, x1: f64, y1: f64, x2: f64, y2: f64) {
        let _ = write!(
            self.s,
            r#"<line class="{}" {}{} x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}"/>"#,
            class.name(),
            class.paint(),
            dash_attr(dash)
        );
    }

    pub(crate) fn rect(&mut self, class: Class, x: f64, y: f64, w: f64, h: f64) {
        let _ = write!(
            self.s,
            r#"<rect class="{}" {} x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}"/>"#,
            class.name(),
            class.paint(),
            w.max(0.0),
            h.max(0.0)
        );
    }

    pub(crate) fn circle(&mut self, class: Class, cx: f64, cy: f64, r: f64) {
        let _ = write!(
            self.s,
            r#"<circle class="{}" {} cx="{cx:.1}" cy="{cy:.1}" r="{r:.1}"/>"#,
            class.name(),
            class.paint()
        );
    }

    pub(crate) fn polyline(&mut self, class: Class, dash: Option<&str>, points: &[(f64, f64)]) {
        let pts: Vec<String> = points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let _ = write!(
            self.s,
            r#"<polyline class="{}" {}{} points="{}"/>"#,
            class.name(),
            class.paint(),
            dash_attr(dash),
            pts.join(" ")
        );
    }

    pub(crate) fn text(&mut self, class: Class, anchor: Anchor, x: f64, y: f64, content: &str) {
        let _ = write!(
            self.s,
            r#"<text class="{}" {} x="{x:.1}" y="{y:.1}" text-anchor="{}">{}</text>"#,
            class.name(),
            class.paint(),
            anchor.name(),
            escape(content)
        );
    }

    /// Several lines of text, one `<tspan>` each, `step` apart.
    pub(crate) fn text_lines(&mut self, class: Class, anchor: Anchor, x: f64, y: f64, step: f64, lines: &[String]) {
        let _ = write!(
            self.s,
            r#"<text class="{}" {} x="{x:.1}" y="{y:.1}" text-anchor="{}">"#,
            class.name(),
            class.paint(),
            anchor.name()
        );
        for (i, l) in lines.iter().enumerate() {
            let dy = if i == 0 { 0.0 } else { step };
            let _ = write!(self.s, r#"<tspan x="{x:.1}" dy="{dy:.1}">{}</tspan>"#, escape(l));
        }
        self.s.push_str("</text>");
    }

    /// A legend row: a short sample of the line and its text.
    pub(crate) fn legend_line(&mut self, class: Class, dash: Option<&str>, x: f64, y: f64, text: &str) {
        self.line(class, dash, x, y, x + 32.0, y);
        self.text(Class::LegendText, Anchor::Start, x + 40.0, y + 4.0, text);
    }

    pub(crate) fn finish(mut self) -> Svg {
        self.s.push_str("</svg>");
        Svg { markup: self.s, title: self.title, description: self.description, width: self.width }
    }
}

fn dash_attr(dash: Option<&str>) -> String {
    dash.map(|d| format!(r#" stroke-dasharray="{d}""#)).unwrap_or_default()
}

/// Splits a label into lines of at most `width` characters at spaces (a longer word stays whole).
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_wrap_at_spaces_and_keep_long_words_whole() {
        assert_eq!(wrap("Zicht op ontwikkeling en begeleiding", 21), ["Zicht op ontwikkeling", "en begeleiding"]);
        assert_eq!(wrap("Onderwijsresultatenmodel", 10), ["Onderwijsresultatenmodel"]);
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn a_class_and_its_paint_come_from_one_table() {
        let mut c = Canvas::new(100.0, 50.0, "T", "D");
        c.line(Class::RefSignalering, Some("8 4"), 0.0, 1.0, 2.0, 3.0);
        let svg = c.finish();
        assert!(svg.as_str().contains(
            r##"class="ref ref-signalering" fill="none" stroke-width="2.5" stroke="#b00020" stroke-dasharray="8 4""##
        ));
    }
}
