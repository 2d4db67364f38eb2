//! An indicator against its straight line from baseline (nulmeting) to target (streefwaarde),
//! with the measurements so far and, optionally, the op-koers margin drawn on the worse side of
//! the line (below it for an indicator that should rise, above it for one that should fall).
//! Time runs left to right from the baseline date to the target date (or the last measurement,
//! when that is later).

use super::svg::{Anchor, Canvas, Class};
use super::{ChartError, Svg, check_finite, check_title};
use koers_core::calendar::Date;
use koers_core::nl;

/// A value at a date, with the value as shown (`48,0%`, formatted by the caller).
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub date: Date,
    pub value: f64,
    pub label: String,
}

/// A measurement is a point on the chart.
pub type Measurement = Point;

/// A tick on the value axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub value: f64,
    pub label: String,
}

/// The value axis: its range and ticks.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
    pub ticks: Vec<Tick>,
}

impl Scale {
    /// 0–100 % with ticks every 25 (`0%` … `100%`).
    pub fn percent() -> Scale {
        Scale::linear(0.0, 100.0, 25.0, 0, "%")
    }

    /// `min`–`max` with a tick every `step`, labelled with a decimal comma and `suffix`
    /// (`Scale::linear(0.0, 10.0, 2.5, 1, "")` → `0,0`, `2,5`, … `10,0`). At most 21 ticks.
    pub fn linear(min: f64, max: f64, step: f64, decimals: usize, suffix: &str) -> Scale {
        let mut ticks = Vec::new();
        if step > 0.0 && step.is_finite() && max >= min {
            let mut i = 0.0;
            while ticks.len() <= 20 {
                let v = min + step * i;
                if v > max + step * 1e-9 {
                    break;
                }
                ticks.push(Tick { value: v, label: format!("{}{suffix}", nl::decimal(v, decimals)) });
                i += 1.0;
            }
        }
        Scale { min, max, ticks }
    }
}

/// The op-koers margin: how far under the line (on the worse side) a measurement may lie.
#[derive(Debug, Clone, PartialEq)]
pub struct Margin {
    pub value: f64,
    /// Legend text, e.g. "Ondergrens: 5,0 procentpunt onder de lijn".
    pub legend: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorChart {
    /// Short title, e.g. "Begrijpend lezen groep 6 (% op niveau)".
    pub title: String,
    /// The text alternative; empty → a Dutch one is generated from the data.
    pub description: String,
    pub baseline: Point,
    pub target: Point,
    pub measurements: Vec<Measurement>,
    pub margin: Option<Margin>,
    pub scale: Scale,
    /// Legend text of the line; empty → "Lijn van nulmeting naar streefwaarde".
    pub line_legend: String,
    /// Legend text of the points; empty → "Metingen".
    pub measurements_legend: String,
}

const W: f64 = 480.0;
const TOP: f64 = 18.0;
const PLOT_H: f64 = 200.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 24.0;
const LEGEND_ROW: f64 = 20.0;

impl IndicatorChart {
    /// Draws the chart. Fails when the title is missing, the scale does not rise, the target date
    /// is not after the baseline date, or a value is not a number or lies outside the scale.
    pub fn render(&self) -> Result<Svg, ChartError> {
        self.check()?;
        let end = self.measurements.iter().map(|m| m.date).chain([self.target.date]).max().unwrap_or(self.target.date);
        let (d0, span) = (self.baseline.date.days() as f64, (self.baseline.date.days_until(end)) as f64);
        let x_of = |d: Date| LEFT + (W - LEFT - RIGHT) * ((d.days() as f64 - d0) / span);
        let (lo, hi) = (self.scale.min, self.scale.max);
        let y_of = |v: f64| TOP + PLOT_H * (1.0 - (v - lo) / (hi - lo));
        let base = TOP + PLOT_H;
        let legends = 2 + usize::from(self.margin.is_some());
        let legend_top = base + 40.0;
        let h = legend_top + LEGEND_ROW * legends as f64;
        let description = if self.description.trim().is_empty() { self.describe() } else { self.description.clone() };
        let mut c = Canvas::new(W, h, &self.title, &description);
        for t in &self.scale.ticks {
            if t.value.is_finite() && (lo..=hi).contains(&t.value) {
                let y = y_of(t.value);
                c.line(Class::Grid, None, LEFT, y, W - RIGHT, y);
                c.text(Class::Tick, Anchor::End, LEFT - 6.0, y + 4.0, &t.label);
            }
        }
        c.line(Class::Axis, None, LEFT, base, W - RIGHT, base);
        let (bx, tx) = (x_of(self.baseline.date), x_of(self.target.date));
        c.text(Class::Label, Anchor::Start, bx, base + 16.0, &self.baseline.date.nl());
        let anchor = if W - RIGHT - tx < 40.0 { Anchor::End } else { Anchor::Middle };
        c.text(Class::Label, anchor, tx.min(W - RIGHT), base + 16.0, &self.target.date.nl());
        let (by, ty) = (y_of(self.baseline.value), y_of(self.target.value));
        let rising = self.target.value >= self.baseline.value;
        if let Some(m) = &self.margin {
            let off = if rising { -m.value } else { m.value };
            let (a, b) =
                (y_of((self.baseline.value + off).clamp(lo, hi)), y_of((self.target.value + off).clamp(lo, hi)));
            c.line(Class::Margin, None, bx, a, tx, b);
        }
        c.line(Class::Target, None, bx, by, tx, ty);
        c.circle(Class::Point, bx, by, 3.0);
        c.text(Class::Value, Anchor::Start, bx + 6.0, by - 6.0, &self.baseline.label);
        c.text(Class::Value, Anchor::End, tx - 4.0, ty - 8.0, &self.target.label);
        let pts: Vec<(f64, f64)> = self.measurements.iter().map(|m| (x_of(m.date), y_of(m.value))).collect();
        if pts.len() > 1 {
            c.polyline(Class::Trend, None, &pts);
        }
        for (m, &(x, y)) in self.measurements.iter().zip(&pts) {
            c.circle(Class::Point, x, y, 4.5);
            c.text(Class::Value, Anchor::Middle, x, y - 9.0, &m.label);
        }
        let mut row = legend_top;
        let line_legend = non_empty(&self.line_legend, "Lijn van nulmeting naar streefwaarde");
        c.legend_line(Class::Target, None, LEFT, row, line_legend);
        if let Some(m) = &self.margin {
            row += LEGEND_ROW;
            c.legend_line(Class::Margin, None, LEFT, row, &m.legend);
        }
        row += LEGEND_ROW;
        c.line(Class::Trend, None, LEFT, row, LEFT + 32.0, row);
        c.circle(Class::Point, LEFT + 16.0, row, 4.5);
        c.text(
            Class::LegendText,
            Anchor::Start,
            LEFT + 40.0,
            row + 4.0,
            non_empty(&self.measurements_legend, "Metingen"),
        );
        Ok(c.finish())
    }

    fn check(&self) -> Result<(), ChartError> {
        check_title(&self.title)?;
        let chart = || self.title.clone();
        let (lo, hi) = (self.scale.min, self.scale.max);
        check_finite(&self.title, "het begin van de schaal", lo)?;
        check_finite(&self.title, "het eind van de schaal", hi)?;
        if hi <= lo {
            return Err(ChartError::Invalid { chart: chart(), problem: "de schaal loopt niet op" });
        }
        if self.target.date <= self.baseline.date {
            return Err(ChartError::Invalid { chart: chart(), problem: "de streefdatum ligt niet na de nulmeting" });
        }
        let named = [("de nulmeting", &self.baseline), ("de streefwaarde", &self.target)];
        let measured = self.measurements.iter().map(|m| ("de meting van", m));
        for (what, p) in named.into_iter().chain(measured) {
            let what = if what == "de meting van" { format!("{what} {}", p.date.nl()) } else { what.to_owned() };
            check_finite(&self.title, &what, p.value)?;
            if !(lo..=hi).contains(&p.value) {
                let scale = format!("{} tot en met {}", nl::decimal(lo, 1), nl::decimal(hi, 1));
                return Err(ChartError::OutOfScale { chart: chart(), what, scale });
            }
            if p.date < self.baseline.date {
                return Err(ChartError::Invalid { chart: chart(), problem: "een meting ligt vóór de nulmeting" });
            }
        }
        if let Some(m) = &self.margin {
            check_finite(&self.title, "de marge", m.value)?;
        }
        Ok(())
    }

    /// A Dutch text alternative from the data.
    fn describe(&self) -> String {
        let (b, t) = (&self.baseline, &self.target);
        let mut s = format!(
            "{}: lijn van de nulmeting {} op {} naar de streefwaarde {} op {}",
            self.title,
            b.label,
            b.date.nl(),
            t.label,
            t.date.nl()
        );
        if self.measurements.is_empty() {
            s.push_str("; nog geen metingen.");
        } else {
            let ms: Vec<String> = self.measurements.iter().map(|m| format!("{} op {}", m.label, m.date.nl())).collect();
            s.push_str("; metingen: ");
            s.push_str(&ms.join(", "));
            s.push('.');
        }
        s
    }
}

fn non_empty<'a>(s: &'a str, default: &'a str) -> &'a str {
    if s.trim().is_empty() { default } else { s }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{assert_accessible, count, parse, texts};
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).expect("date")
    }

    fn p(date: Date, value: f64) -> Point {
        Point { date, value, label: nl::percent(value) }
    }

    pub(crate) fn sample() -> IndicatorChart {
        IndicatorChart {
            title: "Begrijpend lezen groep 6 & 7".into(),
            description: String::new(),
            baseline: p(d(2026, 9, 1), 45.0),
            target: p(d(2027, 7, 15), 60.0),
            measurements: vec![p(d(2027, 1, 20), 48.5), p(d(2027, 4, 10), 51.0)],
            margin: Some(Margin { value: 5.0, legend: "Ondergrens: 5,0 procentpunt onder de lijn".into() }),
            scale: Scale::percent(),
            line_legend: String::new(),
            measurements_legend: String::new(),
        }
    }

    #[test]
    fn the_indicator_chart_draws_line_margin_and_measurements() {
        let svg = sample().render().expect("chart");
        let doc = parse(svg.as_str());
        assert_accessible(&doc, "Begrijpend lezen groep 6 & 7");
        assert_eq!(count(&doc, "line", "ref-target"), 2, "the line and its legend sample");
        assert_eq!(count(&doc, "line", "ref-margin"), 2);
        assert_eq!(count(&doc, "polyline", "trend"), 1);
        assert_eq!(count(&doc, "line", "trend"), 1, "the legend sample");
        // Baseline point, two measurements, the legend sample.
        assert_eq!(count(&doc, "circle", "point"), 4);
        let t = texts(&doc);
        for want in ["48,5%", "51,0%", "45,0%", "60,0%", "01-09-2026", "15-07-2027", "75%", "Metingen"] {
            assert!(t.iter().any(|x| x == want), "missing {want} in {t:?}");
        }
    }

    #[test]
    fn the_generated_description_reads_the_data_in_dutch() {
        let svg = sample().render().expect("chart");
        assert_eq!(
            svg.description(),
            "Begrijpend lezen groep 6 & 7: lijn van de nulmeting 45,0% op 01-09-2026 naar de streefwaarde 60,0% op \
             15-07-2027; metingen: 48,5% op 20-01-2027, 51,0% op 10-04-2027."
        );
        let mut c = sample();
        c.measurements.clear();
        assert!(c.render().expect("chart").description().ends_with("; nog geen metingen."));
    }

    #[test]
    fn the_margin_lies_on_the_worse_side_of_the_line() {
        let y_of_margin_start = |c: &IndicatorChart| {
            let svg = c.render().expect("chart");
            let doc = parse(svg.as_str());
            let line = doc.descendants().find(|n| n.attribute("class") == Some("ref ref-margin")).expect("margin");
            let target = doc.descendants().find(|n| n.attribute("class") == Some("ref ref-target")).expect("line");
            let y = |n: roxmltree::Node<'_, '_>| n.attribute("y1").and_then(|v| v.parse::<f64>().ok()).expect("y1");
            (y(line), y(target))
        };
        let (margin, line) = y_of_margin_start(&sample());
        assert!(margin > line, "rising: the margin is drawn lower on the page");
        let mut falling = sample();
        falling.baseline.value = 20.0;
        falling.target.value = 10.0;
        falling.measurements.clear();
        let (margin, line) = y_of_margin_start(&falling);
        assert!(margin < line, "falling: the margin is drawn higher on the page");
    }

    #[test]
    fn bad_indicator_data_is_an_error_naming_the_chart() {
        type Breaker = fn(&mut IndicatorChart);
        let cases: [(Breaker, &str); 5] = [
            (
                |c| c.target.date = c.baseline.date,
                "grafiek 'Begrijpend lezen groep 6 & 7': de streefdatum ligt niet na de nulmeting",
            ),
            (|c| c.scale.max = c.scale.min, "grafiek 'Begrijpend lezen groep 6 & 7': de schaal loopt niet op"),
            (
                |c| c.measurements[1].value = 120.0,
                "grafiek 'Begrijpend lezen groep 6 & 7': de meting van 10-04-2027 ligt buiten de schaal (0,0 tot en met 100,0)",
            ),
            (
                |c| c.baseline.value = f64::INFINITY,
                "grafiek 'Begrijpend lezen groep 6 & 7': de nulmeting is geen getal",
            ),
            (
                |c| c.measurements[0].date = d(2026, 8, 1),
                "grafiek 'Begrijpend lezen groep 6 & 7': een meting ligt vóór de nulmeting",
            ),
        ];
        for (break_it, want) in cases {
            let mut c = sample();
            break_it(&mut c);
            assert_eq!(c.render().map_err(|e| e.to_string()).err().as_deref(), Some(want));
        }
    }

    #[test]
    fn a_linear_scale_has_dutch_tick_labels() {
        let s = Scale::linear(0.0, 10.0, 2.5, 1, "");
        let labels: Vec<&str> = s.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["0,0", "2,5", "5,0", "7,5", "10,0"]);
        assert_eq!(Scale::linear(0.0, 1e9, 1.0, 0, "").ticks.len(), 21, "bounded");
        assert!(Scale::linear(0.0, 1.0, 0.0, 0, "").ticks.is_empty());
    }

    #[test]
    fn a_measurement_after_the_target_date_widens_the_time_axis() {
        let mut c = sample();
        c.measurements.push(p(d(2027, 12, 1), 62.0));
        let svg = c.render().expect("chart");
        let doc = parse(svg.as_str());
        let xs: Vec<f64> = doc
            .descendants()
            .filter(|n| n.has_tag_name("circle"))
            .filter_map(|n| n.attribute("cx").and_then(|v| v.parse().ok()))
            .collect();
        assert!(xs.iter().all(|&x| x <= W - RIGHT + 0.05), "{xs:?}");
    }
}
