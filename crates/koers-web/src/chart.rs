//! A small accessible SVG bar chart: one bar per test year on a 0–100% scale, with horizontal
//! reference lines (signaleringswaarde, comparable schools, …). No inline styles (the CSP
//! forbids them): everything is styled by class in `koers.css`; line kinds differ in dash
//! pattern as well as colour, and a legend with the values names every line. The SVG has
//! `role="img"`, an `aria-label` and a `<title>`; pages put a data table next to it.

use std::fmt::Write;

/// One bar; `value` None draws a dashed outline with `value_text` (e.g. "afgeschermd").
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
    pub value_text: String,
}

/// Kind of reference line: decides class and dash pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Signaleringswaarde,
    Vergelijkbaar,
    Grens,
}

impl LineKind {
    fn class(self) -> &'static str {
        match self {
            LineKind::Signaleringswaarde => "ref ref-signalering",
            LineKind::Vergelijkbaar => "ref ref-vergelijkbaar",
            LineKind::Grens => "ref ref-grens",
        }
    }
    fn dash(self) -> &'static str {
        match self {
            LineKind::Signaleringswaarde => "8 4",
            LineKind::Vergelijkbaar => "2 3",
            LineKind::Grens => "12 3 2 3",
        }
    }
}

#[derive(Debug, Clone)]
pub struct RefLine {
    pub kind: LineKind,
    pub value: f64,
    /// Legend text including the value, e.g. "Signaleringswaarde 85,0%".
    pub legend: String,
}

#[derive(Debug, Clone)]
pub struct BarChart {
    /// Short title (the `<title>`), e.g. "%1F per toetsjaar".
    pub title: String,
    /// The full text alternative (the `aria-label`).
    pub description: String,
    pub bars: Vec<Bar>,
    pub lines: Vec<RefLine>,
    /// Tick labels for 0, 25, 50, 75 and 100 (formatted per language).
    pub ticks: [String; 5],
}

/// Escape text for SVG/XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const W: f64 = 400.0;
const PLOT_TOP: f64 = 16.0;
const PLOT_H: f64 = 180.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const LEGEND_ROW: f64 = 20.0;

fn y_of(v: f64) -> f64 {
    PLOT_TOP + PLOT_H * (1.0 - v.clamp(0.0, 100.0) / 100.0)
}

impl BarChart {
    pub fn render(&self) -> String {
        let base = PLOT_TOP + PLOT_H;
        let legend_top = base + 34.0;
        let h = legend_top + LEGEND_ROW * self.lines.len() as f64 + 6.0;
        let mut s = String::with_capacity(2048);
        let _ = write!(
            s,
            r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {h}" width="{W}" height="{h}" role="img" aria-label="{}"><title>{}</title>"#,
            escape(&self.description),
            escape(&self.title)
        );
        for (i, t) in self.ticks.iter().enumerate() {
            let y = y_of(i as f64 * 25.0);
            let _ = write!(
                s,
                r#"<line class="grid" x1="{LEFT}" x2="{}" y1="{y}" y2="{y}"/><text class="tick" x="{}" y="{}" text-anchor="end">{}</text>"#,
                W - RIGHT,
                LEFT - 6.0,
                y + 4.0,
                escape(t)
            );
        }
        let n = self.bars.len().max(1) as f64;
        let slot = (W - LEFT - RIGHT) / n;
        let bw = (slot * 0.55).min(64.0);
        // Value labels go on top of everything. Inside the foot of the bar (white on the bar
        // colour) when the bar is tall enough, so they never sit on a reference line (those lie
        // at 30 % or more); above a short bar otherwise (dark, with a white halo).
        let mut labels = String::new();
        for (i, b) in self.bars.iter().enumerate() {
            let cx = LEFT + slot * (i as f64 + 0.5);
            let x = cx - bw / 2.0;
            match b.value {
                Some(v) => {
                    let y = y_of(v);
                    let _ = write!(
                        s,
                        r#"<rect class="bar" x="{x:.1}" y="{y:.1}" width="{bw:.1}" height="{:.1}"/>"#,
                        base - y
                    );
                    let (class, ty) = if base - y >= 24.0 { ("value-in", base - 8.0) } else { ("value", y - 4.0) };
                    let _ = write!(
                        labels,
                        r#"<text class="{class}" x="{cx:.1}" y="{ty:.1}" text-anchor="middle">{}</text>"#,
                        escape(&b.value_text)
                    );
                }
                None => {
                    let _ = write!(
                        s,
                        r#"<rect class="bar-missing" x="{x:.1}" y="{:.1}" width="{bw:.1}" height="40"/><text class="value" x="{cx:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                        base - 40.0,
                        base - 46.0,
                        escape(&b.value_text)
                    );
                }
            }
            let _ = write!(
                s,
                r#"<text class="label" x="{cx:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                base + 16.0,
                escape(&b.label)
            );
        }
        for l in &self.lines {
            let y = y_of(l.value);
            let _ = write!(
                s,
                r#"<line class="{}" stroke-dasharray="{}" x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}"/>"#,
                l.kind.class(),
                l.kind.dash(),
                W - RIGHT
            );
        }
        let _ = write!(s, r#"<line class="axis" x1="{LEFT}" x2="{}" y1="{base}" y2="{base}"/>"#, W - RIGHT);
        s.push_str(&labels);
        for (i, l) in self.lines.iter().enumerate() {
            let y = legend_top + LEGEND_ROW * i as f64;
            let _ = write!(
                s,
                r#"<line class="{}" stroke-dasharray="{}" x1="{LEFT}" x2="{}" y1="{y}" y2="{y}"/><text class="legend-text" x="{}" y="{}">{}</text>"#,
                l.kind.class(),
                l.kind.dash(),
                LEFT + 32.0,
                LEFT + 40.0,
                y + 4.0,
                escape(&l.legend)
            );
        }
        s.push_str("</svg>");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> BarChart {
        BarChart {
            title: "%1F <per> jaar".into(),
            description: "School & Zn: 94,4%".into(),
            bars: vec![
                Bar { label: "2022/23".into(), value: Some(94.44), value_text: "94,4%".into() },
                Bar { label: "2023/24".into(), value: None, value_text: "afgeschermd".into() },
            ],
            lines: vec![RefLine {
                kind: LineKind::Signaleringswaarde,
                value: 85.0,
                legend: "Signaleringswaarde 85,0%".into(),
            }],
            ticks: ["0%".into(), "25%".into(), "50%".into(), "75%".into(), "100%".into()],
        }
    }

    #[test]
    fn the_chart_is_accessible_and_escaped() {
        let svg = chart().render();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains(r#"aria-label="School &amp; Zn: 94,4%""#));
        assert!(svg.contains("<title>%1F &lt;per&gt; jaar</title>"));
        assert!(svg.contains("afgeschermd") && svg.contains("Signaleringswaarde 85,0%"));
        assert!(!svg.contains("style="), "no inline styles under the CSP");
    }

    #[test]
    fn values_map_onto_the_plot() {
        assert_eq!(y_of(100.0), PLOT_TOP);
        assert_eq!(y_of(0.0), PLOT_TOP + PLOT_H);
        assert_eq!(y_of(150.0), PLOT_TOP);
    }
}
