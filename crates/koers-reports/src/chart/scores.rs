//! Scores per standard as horizontal bars on a 1–n scale (the zelfevaluatie's 1–4): one row per
//! standard, its label on the left (wrapped), the bar from the axis, the score written after it.
//! A standard without a score draws a dashed outline with its text ("niet beoordeeld"). An
//! optional norm (e.g. basiskwaliteit at 2) is a vertical dashed line with a legend.

use super::svg::{Anchor, Canvas, Class, wrap};
use super::{ChartError, Svg, check_finite, check_title};
use koers_core::nl;

/// One standard: its label ("OP1 Aanbod"), score (None: not scored) and the score as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRow {
    pub label: String,
    pub score: Option<f64>,
    /// The score as shown (`3,2`, `niet beoordeeld`); empty → the score with a decimal comma.
    pub value_text: String,
}

/// A vertical reference line on the score axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Norm {
    pub value: f64,
    /// e.g. "Basiskwaliteit (2)".
    pub legend: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScoresChart {
    pub title: String,
    /// The text alternative; empty → a Dutch one is generated from the data.
    pub description: String,
    /// The names of the levels 1, 2, … n (e.g. onvoldoende, voldoende, goed, excellent); the
    /// scale runs from 1 to their number.
    pub levels: Vec<String>,
    pub rows: Vec<ScoreRow>,
    pub norm: Option<Norm>,
}

const W: f64 = 520.0;
const LEFT: f64 = 200.0;
const RIGHT: f64 = 56.0;
const TOP: f64 = 8.0;
const LABEL_CHARS: usize = 30;
const LINE: f64 = 14.0;
const BAR_H: f64 = 14.0;
const NOT_SCORED: &str = "niet beoordeeld";

impl ScoresChart {
    /// Draws the chart. Fails without a title, levels or standards, or with a score that is not a
    /// number or lies outside 1–n.
    pub fn render(&self) -> Result<Svg, ChartError> {
        check_title(&self.title)?;
        let chart = || self.title.clone();
        if self.levels.is_empty() {
            return Err(ChartError::NoData { chart: chart(), missing: "geen schaal (niveaus)" });
        }
        if self.rows.is_empty() {
            return Err(ChartError::NoData { chart: chart(), missing: "geen standaarden" });
        }
        let n = self.levels.len() as f64;
        let scale = format!("1 tot en met {}", self.levels.len());
        let values = self.rows.iter().filter_map(|r| r.score.map(|s| (format!("de score van '{}'", r.label), s)));
        let norm = self.norm.iter().map(|m| ("de norm".to_owned(), m.value));
        for (what, v) in values.chain(norm) {
            check_finite(&self.title, &what, v)?;
            if !(1.0..=n).contains(&v) {
                return Err(ChartError::OutOfScale { chart: chart(), what, scale });
            }
        }
        let x_of = |v: f64| LEFT + (W - LEFT - RIGHT) * v / n;
        let wrapped: Vec<Vec<String>> = self.rows.iter().map(|r| wrap(&r.label, LABEL_CHARS)).collect();
        let heights: Vec<f64> = wrapped.iter().map(|l| (l.len() as f64 * LINE + 10.0).max(26.0)).collect();
        let plot_h: f64 = heights.iter().sum();
        let base = TOP + plot_h;
        let key = wrap(&self.key(), 70);
        let legend_top = base + 34.0;
        let h = legend_top + LINE * key.len() as f64 + if self.norm.is_some() { 22.0 } else { 0.0 } + 6.0;
        let description = if self.description.trim().is_empty() { self.describe() } else { self.description.clone() };
        let mut c = Canvas::new(W, h, &self.title, &description);
        for i in 1..=self.levels.len() {
            let x = x_of(i as f64);
            c.line(Class::Grid, None, x, TOP, x, base);
            c.text(Class::Tick, Anchor::Middle, x, base + 16.0, &i.to_string());
        }
        let mut y = TOP;
        let mut labels: Vec<(Class, Anchor, f64, f64, String)> = Vec::new();
        for ((r, lines), rh) in self.rows.iter().zip(&wrapped).zip(&heights) {
            let mid = y + rh / 2.0;
            let first = mid - (lines.len() as f64 - 1.0) * LINE / 2.0 + 4.0;
            c.text_lines(Class::Label, Anchor::End, LEFT - 8.0, first, LINE, lines);
            let text = match (r.score, r.value_text.trim().is_empty()) {
                (Some(s), true) => nl::decimal(s, 1),
                (None, true) => NOT_SCORED.to_owned(),
                _ => r.value_text.clone(),
            };
            match r.score {
                Some(s) => {
                    c.rect(Class::Bar, LEFT, mid - BAR_H / 2.0, x_of(s) - LEFT, BAR_H);
                    labels.push((Class::Value, Anchor::Start, x_of(s) + 5.0, mid + 4.0, text));
                }
                None => {
                    c.rect(Class::BarMissing, LEFT, mid - BAR_H / 2.0, x_of(1.0) - LEFT, BAR_H);
                    labels.push((Class::Value, Anchor::Start, x_of(1.0) + 5.0, mid + 4.0, text));
                }
            }
            y += rh;
        }
        if let Some(m) = &self.norm {
            c.line(Class::RefSignalering, Some("8 4"), x_of(m.value), TOP, x_of(m.value), base);
        }
        c.line(Class::Axis, None, LEFT, TOP, LEFT, base);
        c.line(Class::Axis, None, LEFT, base, W - RIGHT, base);
        for (class, anchor, x, y, t) in labels {
            c.text(class, anchor, x, y, &t);
        }
        c.text_lines(Class::LegendText, Anchor::Start, 8.0, legend_top, LINE, &key);
        if let Some(m) = &self.norm {
            let ly = legend_top + LINE * key.len() as f64 + 10.0;
            c.legend_line(Class::RefSignalering, Some("8 4"), 8.0, ly, &m.legend);
        }
        Ok(c.finish())
    }

    /// "1 = onvoldoende, 2 = voldoende, …"
    fn key(&self) -> String {
        let parts: Vec<String> = self.levels.iter().enumerate().map(|(i, l)| format!("{} = {l}", i + 1)).collect();
        format!("Schaal: {}", parts.join(", "))
    }

    fn describe(&self) -> String {
        let rows: Vec<String> = self
            .rows
            .iter()
            .map(|r| match r.score {
                Some(s) => format!("{} {}", r.label, nl::decimal(s, 1)),
                None => format!("{} {}", r.label, non_empty(&r.value_text, NOT_SCORED)),
            })
            .collect();
        format!("{}: {}. {}.", self.title, rows.join("; "), self.key())
    }
}

fn non_empty<'a>(s: &'a str, default: &'a str) -> &'a str {
    if s.trim().is_empty() { default } else { s }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{assert_accessible, count, parse, texts};
    use super::*;

    fn row(label: &str, score: Option<f64>) -> ScoreRow {
        ScoreRow { label: label.into(), score, value_text: String::new() }
    }

    pub(crate) fn sample() -> ScoresChart {
        ScoresChart {
            title: "Zelfevaluatie per standaard".into(),
            description: String::new(),
            levels: ["onvoldoende", "voldoende", "goed", "excellent"].map(String::from).to_vec(),
            rows: vec![
                row("OP1 Aanbod", Some(3.0)),
                row("OP2 Zicht op ontwikkeling en begeleiding van leerlingen <SO>", Some(2.5)),
                row("OP3 Didactisch handelen", None),
                row("KA1 Kwaliteitszorg", Some(1.0)),
            ],
            norm: Some(Norm { value: 2.0, legend: "Basiskwaliteit (2)".into() }),
        }
    }

    #[test]
    fn the_scores_chart_draws_a_bar_per_standard_with_dutch_values() {
        let svg = sample().render().expect("chart");
        let doc = parse(svg.as_str());
        assert_accessible(&doc, "Zelfevaluatie per standaard");
        assert_eq!(count(&doc, "rect", "bar"), 3);
        assert_eq!(count(&doc, "rect", "bar-missing"), 1);
        assert_eq!(count(&doc, "line", "ref-signalering"), 2, "the norm and its legend sample");
        let t = texts(&doc);
        for want in ["3,0", "2,5", "1,0", "niet beoordeeld", "OP1 Aanbod", "1", "4", "Basiskwaliteit (2)"] {
            assert!(t.iter().any(|x| x == want), "missing {want} in {t:?}");
        }
        // The long label is wrapped into tspans and escaped.
        assert!(t.iter().any(|x| x.contains("leerlingen") && x.contains("<SO>")), "{t:?}");
        assert!(svg.as_str().contains("&lt;SO&gt;"));
        assert!(svg.description().contains("OP3 Didactisch handelen niet beoordeeld"));
        assert!(svg.description().ends_with("Schaal: 1 = onvoldoende, 2 = voldoende, 3 = goed, 4 = excellent."));
    }

    #[test]
    fn a_bar_is_as_long_as_its_score() {
        let svg = sample().render().expect("chart");
        let doc = parse(svg.as_str());
        let widths: Vec<f64> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("bar"))
            .filter_map(|n| n.attribute("width").and_then(|w| w.parse().ok()))
            .collect();
        let unit = (W - LEFT - RIGHT) / 4.0;
        let want = [3.0 * unit, 2.5 * unit, unit];
        for (w, e) in widths.iter().zip(want) {
            assert!((w - e).abs() < 0.1, "{widths:?}");
        }
    }

    #[test]
    fn bad_scores_are_errors_naming_the_standard() {
        let mut c = sample();
        c.rows[0].score = Some(4.5);
        assert_eq!(
            c.render().map_err(|e| e.to_string()).err().as_deref(),
            Some(
                "grafiek 'Zelfevaluatie per standaard': de score van 'OP1 Aanbod' ligt buiten de schaal (1 tot en met 4)"
            )
        );
        let mut c = sample();
        c.rows[0].score = Some(0.5);
        assert!(matches!(c.render(), Err(ChartError::OutOfScale { .. })));
        let mut c = sample();
        c.rows.clear();
        assert_eq!(
            c.render().map_err(|e| e.to_string()).err().as_deref(),
            Some("grafiek 'Zelfevaluatie per standaard' heeft geen gegevens: geen standaarden")
        );
        let mut c = sample();
        c.levels.clear();
        assert!(matches!(c.render(), Err(ChartError::NoData { .. })));
    }
}
