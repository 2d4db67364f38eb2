//! The eligibility result as shown on a school page and after the hand-entered check: the
//! three-year values against signaleringswaarde, comparable schools and grenswaarde, Koers'
//! traffic light (with text), a chart per indicator with a data table, the verdict with its
//! reasons and "what would change it". Dutch pages use koers-core's sentences; English pages
//! word the same structured reasons and levers through Fluent (see `words`).

pub(crate) mod words;

use crate::i18n::Lang;
use koers_app::check::CheckOutcome;
use koers_core::results::{DataStatus, YearEntry};
use koers_core::{Indicator, Outcome, TrafficLight, Verdict};
use koers_reports::chart::{Bar, BarChart, LineKind, RefLine};

/// One measure of the indicator table, with a cell per indicator (1F, 1S/2F).
#[derive(Debug, Clone)]
pub struct MeasureRow {
    pub label: String,
    pub cells: Vec<String>,
}

/// The traffic light of one indicator: CSS class and text.
#[derive(Debug, Clone)]
pub struct LightCell {
    pub class: &'static str,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct YearRow {
    pub label: String,
    pub pupils: String,
    pub pct_1f: String,
    pub pct_1s2f: String,
}

/// One chart: its visible caption and the rendered SVG (trusted markup: every text in it is
/// escaped by [`koers_reports::chart`], the same chart the PDF reports draw).
#[derive(Debug, Clone)]
pub struct ChartView {
    pub title: String,
    pub svg: String,
}

#[derive(Debug, Clone)]
pub struct EligibilityView {
    pub window_label: String,
    pub norms_id: String,
    pub schoolweging: String,
    pub pupils: String,
    pub indicators: Vec<&'static str>,
    pub measures: Vec<MeasureRow>,
    pub lights: Vec<LightCell>,
    pub verdict_label: String,
    pub verdict_class: &'static str,
    pub summary: String,
    pub reasons: Vec<String>,
    pub levers: Vec<String>,
    pub charts: Vec<ChartView>,
    pub years: Vec<YearRow>,
}

fn verdict_key(v: Verdict) -> (&'static str, &'static str) {
    match v {
        Verdict::Eligible => ("verdict-eligible", "verdict-eligible"),
        Verdict::NotEligible => ("verdict-not-eligible", "verdict-not_eligible"),
        Verdict::Undetermined => ("verdict-undetermined", "verdict-undetermined"),
        Verdict::ReferToRegularGwgb => ("verdict-refer", "verdict-refer"),
    }
}

pub fn outcome_text(lang: Lang, o: Outcome) -> String {
    lang.t(match o {
        Outcome::Boven => "outcome-boven",
        Outcome::Onder => "outcome-onder",
        Outcome::TeWeinigGegevens => "outcome-te-weinig",
        Outcome::KleineSchool => "outcome-klein",
    })
}

fn light_cell(lang: Lang, light: Option<TrafficLight>) -> LightCell {
    match light {
        Some(TrafficLight::Rood) => LightCell {
            class: "utrecht-status-badge utrecht-status-badge--danger light light-rood",
            text: lang.t("light-rood"),
        },
        Some(TrafficLight::Oranje) => LightCell {
            class: "utrecht-status-badge utrecht-status-badge--warning light light-oranje",
            text: lang.t("light-oranje"),
        },
        Some(TrafficLight::Groen) => LightCell {
            class: "utrecht-status-badge utrecht-status-badge--safe light light-groen",
            text: lang.t("light-groen"),
        },
        None => LightCell {
            class: "utrecht-status-badge utrecht-status-badge--neutral light light-geen",
            text: lang.t("light-none"),
        },
    }
}

impl EligibilityView {
    pub fn new(o: &CheckOutcome, lang: Lang) -> Self {
        let a = &o.assessment;
        let e = &o.eligibility;
        let dash = || "–".to_owned();
        let band = |i: Indicator| e.bands.iter().find(|b| b.indicator == i);
        let row = |key: &str, f: &dyn Fn(Indicator) -> String| MeasureRow {
            label: lang.t(key),
            cells: Indicator::ALL.iter().map(|&i| f(i)).collect(),
        };
        let measures = vec![
            row("measure-value", &|i| a.value(i).map_or_else(dash, |v| lang.pct2(v))),
            row("measure-signalering", &|i| a.signaleringswaarde(i).map_or_else(dash, |v| lang.pct(v))),
            row("measure-comparable", &|i| band(i).map_or_else(dash, |b| lang.pct(b.comparable_mean))),
            row("measure-grens", &|i| band(i).map_or_else(dash, |b| lang.pct2(b.grenswaarde))),
            row("measure-national", &|i| band(i).map_or_else(dash, |b| lang.pct(b.national_mean))),
            row("measure-outcome", &|i| outcome_text(lang, a.outcome(i))),
        ];
        let undetermined = e.verdict == Verdict::Undetermined;
        let lights = Indicator::ALL
            .iter()
            .map(|&i| light_cell(lang, band(i).filter(|_| !undetermined).map(|b| b.light)))
            .collect();
        let (vkey, vclass) = verdict_key(e.verdict);
        let (summary, reasons, levers) = match lang {
            Lang::Nl => (
                e.summary_nl(),
                e.reasons.iter().map(|r| capitalize(r.text_nl())).collect(),
                e.levers.iter().map(|l| l.text_nl()).collect(),
            ),
            Lang::En => (
                words::summary(lang, e),
                e.reasons.iter().map(|r| capitalize(words::reason(lang, r))).collect(),
                e.levers.iter().map(|l| words::lever(lang, l)).collect(),
            ),
        };
        let schoolweging = match (a.schoolweging, a.category) {
            (Some(w), Some(c)) => {
                lang.t_args("schoolweging-with-category", &[("weging", lang.dec(w.get(), 2)), ("category", c.label())])
            }
            _ => lang.t("schoolweging-unknown"),
        };
        let pupils = match (a.three_year, a.status) {
            (Some(t), _) => t.pupils.to_string(),
            (None, DataStatus::Suppressed) => lang.t("masked"),
            (None, _) => dash(),
        };
        let years = o
            .window
            .iter()
            .zip(o.input.years.iter())
            .map(|(ty, entry)| {
                let label = ty.school_year_label();
                match entry {
                    YearEntry::Present(r) => YearRow {
                        label,
                        pupils: r.pupils.to_string(),
                        pct_1f: lang.pct2(r.pct_1f.get()),
                        pct_1s2f: lang.pct2(r.pct_1s2f.get()),
                    },
                    YearEntry::Missing => {
                        let none = lang.t("no-result");
                        YearRow { label, pupils: none.clone(), pct_1f: none.clone(), pct_1s2f: none }
                    }
                    YearEntry::Suppressed => {
                        let m = lang.t("masked");
                        YearRow { label, pupils: m.clone(), pct_1f: m.clone(), pct_1s2f: m }
                    }
                }
            })
            .collect();
        // A chart always has its three years; one that cannot be drawn is left out (the data
        // table below it holds the same numbers).
        let charts = Indicator::ALL
            .iter()
            .filter_map(|&i| chart(o, lang, i).render().ok())
            .map(|svg| ChartView { title: svg.title().to_owned(), svg: svg.into_string() })
            .collect();
        Self {
            window_label: lang.t_args(
                "window-label",
                &[("from", o.window[0].school_year_label()), ("to", o.window[2].school_year_label())],
            ),
            norms_id: o.norms_id.clone(),
            schoolweging,
            pupils,
            indicators: Indicator::ALL.iter().map(|i| i.label()).collect(),
            measures,
            lights,
            verdict_label: lang.t(vkey),
            verdict_class: vclass,
            summary,
            reasons,
            levers,
            charts,
            years,
        }
    }
}

/// A reason on its own line starts with a capital ("Het driejaarsgemiddelde …").
fn capitalize(s: String) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => s,
    }
}

fn chart(o: &CheckOutcome, lang: Lang, i: Indicator) -> BarChart {
    let bars: Vec<Bar> = o
        .window
        .iter()
        .zip(o.input.years.iter())
        .map(|(ty, entry)| match entry {
            YearEntry::Present(r) => {
                Bar { label: ty.school_year_label(), value: Some(r.pct(i)), value_text: lang.pct(r.pct(i)) }
            }
            YearEntry::Missing => Bar { label: ty.school_year_label(), value: None, value_text: lang.t("no-result") },
            YearEntry::Suppressed => Bar { label: ty.school_year_label(), value: None, value_text: lang.t("masked") },
        })
        .collect();
    let mut lines = Vec::new();
    if let Some(s) = o.assessment.signaleringswaarde(i) {
        let legend = lang.t_args("chart-line-signalering", &[("value", lang.pct(s))]);
        lines.push(RefLine { kind: LineKind::Signaleringswaarde, value: s, legend });
    }
    if let Some(b) = o.eligibility.bands.iter().find(|b| b.indicator == i) {
        let legend = lang.t_args("chart-line-comparable", &[("value", lang.pct(b.comparable_mean))]);
        lines.push(RefLine { kind: LineKind::Vergelijkbaar, value: b.comparable_mean, legend });
        let legend = lang.t_args("chart-line-grens", &[("value", lang.pct2(b.grenswaarde))]);
        lines.push(RefLine { kind: LineKind::Grens, value: b.grenswaarde, legend });
    }
    let title = lang.t_args("chart-title", &[("indicator", i.label().to_owned())]);
    let values: Vec<String> = bars.iter().map(|b| format!("{} {}", b.label, b.value_text)).collect();
    let legends: Vec<&str> = lines.iter().map(|l| l.legend.as_str()).collect();
    let description = format!("{title}: {}. {}.", values.join(", "), legends.join(", "));
    let pct0 = |v: f64| format!("{}%", lang.dec(v, 0));
    BarChart { title, description, bars, lines, ticks: [pct0(0.0), pct0(25.0), pct0(50.0), pct0(75.0), pct0(100.0)] }
}
