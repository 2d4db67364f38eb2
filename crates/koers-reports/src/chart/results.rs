//! The results chart: one bar per test year on a 0–100 % scale, with horizontal reference lines
//! (signaleringswaarde, comparable-schools mean, grenswaarde). One chart per indicator (1F,
//! 1S/2F): each indicator has its own lines. Moved here from koers-web so the eligibility page and
//! the reports draw the same chart. A legend with the values names every line.

use super::svg::{Anchor, Canvas, Class};
use super::{ChartError, Svg, check_finite, check_title};

/// One bar; `value` None draws a dashed outline with `value_text` (e.g. "afgeschermd").
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
    /// The value as shown, formatted by the caller (`94,4%`).
    pub value_text: String,
}

/// Kind of reference line: decides class, colour and dash pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Signaleringswaarde,
    Vergelijkbaar,
    Grens,
}

impl LineKind {
    fn class(self) -> Class {
        match self {
            LineKind::Signaleringswaarde => Class::RefSignalering,
            LineKind::Vergelijkbaar => Class::RefVergelijkbaar,
            LineKind::Grens => Class::RefGrens,
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
    /// Draws the chart. Fails when there is no title, no bar, or a value that is not a number.
    pub fn render(&self) -> Result<Svg, ChartError> {
        check_title(&self.title)?;
        if self.bars.is_empty() {
            return Err(ChartError::NoData { chart: self.title.clone(), missing: "geen toetsjaren" });
        }
        for b in &self.bars {
            if let Some(v) = b.value {
                check_finite(&self.title, &format!("de waarde van '{}'", b.label), v)?;
            }
        }
        for l in &self.lines {
            check_finite(&self.title, &format!("de lijn '{}'", l.legend), l.value)?;
        }
        let base = PLOT_TOP + PLOT_H;
        let legend_top = base + 34.0;
        let h = legend_top + LEGEND_ROW * self.lines.len() as f64 + 6.0;
        let mut c = Canvas::new(W, h, &self.title, &self.description);
        for (i, t) in self.ticks.iter().enumerate() {
            let y = y_of(i as f64 * 25.0);
            c.line(Class::Grid, None, LEFT, y, W - RIGHT, y);
            c.text(Class::Tick, Anchor::End, LEFT - 6.0, y + 4.0, t);
        }
        let n = self.bars.len() as f64;
        let slot = (W - LEFT - RIGHT) / n;
        let bw = (slot * 0.55).min(64.0);
        // Value labels go on top of everything: inside the foot of the bar (white on the bar
        // colour) when the bar is tall enough, so they never sit on a reference line (those lie at
        // 30 % or more); above a short bar otherwise (dark, with a white halo).
        let mut labels: Vec<(Class, f64, f64, &str)> = Vec::new();
        for (i, b) in self.bars.iter().enumerate() {
            let cx = LEFT + slot * (i as f64 + 0.5);
            let x = cx - bw / 2.0;
            match b.value {
                Some(v) => {
                    let y = y_of(v);
                    c.rect(Class::Bar, x, y, bw, base - y);
                    let (class, ty) =
                        if base - y >= 24.0 { (Class::ValueIn, base - 8.0) } else { (Class::Value, y - 4.0) };
                    labels.push((class, cx, ty, &b.value_text));
                }
                None => {
                    c.rect(Class::BarMissing, x, base - 40.0, bw, 40.0);
                    c.text(Class::Value, Anchor::Middle, cx, base - 46.0, &b.value_text);
                }
            }
            c.text(Class::Label, Anchor::Middle, cx, base + 16.0, &b.label);
        }
        for l in &self.lines {
            let y = y_of(l.value);
            c.line(l.kind.class(), Some(l.kind.dash()), LEFT, y, W - RIGHT, y);
        }
        c.line(Class::Axis, None, LEFT, base, W - RIGHT, base);
        for (class, x, y, t) in labels {
            c.text(class, Anchor::Middle, x, y, t);
        }
        for (i, l) in self.lines.iter().enumerate() {
            let y = legend_top + LEGEND_ROW * i as f64;
            c.legend_line(l.kind.class(), Some(l.kind.dash()), LEFT, y, &l.legend);
        }
        Ok(c.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{assert_accessible, count, parse, texts};
    use super::*;

    fn chart() -> BarChart {
        BarChart {
            title: "%1F <per> jaar".into(),
            description: "School & Zn: 94,4%".into(),
            bars: vec![
                Bar { label: "2022/23".into(), value: Some(94.44), value_text: "94,4%".into() },
                Bar { label: "2023/24".into(), value: None, value_text: "afgeschermd".into() },
                Bar { label: "2024/25".into(), value: Some(8.0), value_text: "8,0%".into() },
            ],
            lines: vec![
                RefLine { kind: LineKind::Signaleringswaarde, value: 85.0, legend: "Signaleringswaarde 85,0%".into() },
                RefLine { kind: LineKind::Vergelijkbaar, value: 91.5, legend: "Vergelijkbare scholen 91,5%".into() },
            ],
            ticks: ["0%".into(), "25%".into(), "50%".into(), "75%".into(), "100%".into()],
        }
    }

    #[test]
    fn the_results_chart_is_well_formed_accessible_and_escaped() {
        let svg = chart().render().expect("chart");
        let doc = parse(svg.as_str());
        assert_accessible(&doc, "%1F <per> jaar");
        assert_eq!(doc.root_element().attribute("aria-label"), Some("School & Zn: 94,4%"));
        assert!(svg.as_str().contains("<title>%1F &lt;per&gt; jaar</title>"));
        assert_eq!(svg.title(), "%1F <per> jaar");
    }

    #[test]
    fn the_results_chart_draws_bars_lines_and_dutch_labels() {
        let svg = chart().render().expect("chart");
        let doc = parse(svg.as_str());
        assert_eq!(count(&doc, "rect", "bar"), 2);
        assert_eq!(count(&doc, "rect", "bar-missing"), 1);
        // Two reference lines on the plot and two in the legend.
        assert_eq!(count(&doc, "line", "ref-signalering"), 2);
        assert_eq!(count(&doc, "line", "ref-vergelijkbaar"), 2);
        let t = texts(&doc);
        for want in ["94,4%", "8,0%", "afgeschermd", "2022/23", "Signaleringswaarde 85,0%", "100%"] {
            assert!(t.iter().any(|x| x == want), "missing {want} in {t:?}");
        }
        // A tall bar carries its label inside (white), a short one above (with a halo).
        assert_eq!(count(&doc, "text", "value-in"), 1);
        assert_eq!(count(&doc, "text", "value"), 2);
    }

    #[test]
    fn a_results_chart_without_years_or_title_is_an_error() {
        let mut c = chart();
        c.bars.clear();
        assert!(matches!(c.render(), Err(ChartError::NoData { .. })));
        let mut c = chart();
        c.title = " ".into();
        assert_eq!(c.render(), Err(ChartError::NoTitle));
        let mut c = chart();
        c.bars[0].value = Some(f64::NAN);
        assert_eq!(
            c.render().map_err(|e| e.to_string()),
            Err("grafiek '%1F <per> jaar': de waarde van '2022/23' is geen getal".to_owned())
        );
    }

    #[test]
    fn values_map_onto_the_plot() {
        assert_eq!(y_of(100.0), PLOT_TOP);
        assert_eq!(y_of(0.0), PLOT_TOP + PLOT_H);
        assert_eq!(y_of(150.0), PLOT_TOP);
    }
}
