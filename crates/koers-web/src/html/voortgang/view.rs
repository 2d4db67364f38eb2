//! The voortgang page's view model, built from a [`VoortgangCase`] in the page's language.

use crate::html::page::Page;
use crate::i18n::Lang;
use askama::Template;
use koers_app::voortgang::VoortgangCase;
use koers_core::ids::{ReviewId, TrajectoryId};
use koers_core::progress::{MeasureStatus, Step, Step5Activity};
use koers_core::review::ReviewKind;
use serde::Deserialize;

/// Every field of the page's forms as typed (one struct: each form posts a subset).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct VgForm {
    #[serde(default)]
    pub maatregel: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub datum: String,
    #[serde(default)]
    pub toelichting: String,
    #[serde(default)]
    pub indicator: String,
    #[serde(default)]
    pub waarde: String,
    #[serde(default)]
    pub bron: String,
    #[serde(default)]
    pub activiteit: String,
    #[serde(default)]
    pub met: String,
    #[serde(default)]
    pub stap: String,
    #[serde(default)]
    pub versie: String,
    #[serde(default)]
    pub soort: String,
    #[serde(default)]
    pub gepland: String,
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub code: String,
    pub label: String,
    pub selected: bool,
}

/// A refusal, shown at its field.
#[derive(Debug, Clone)]
pub struct FieldMessage {
    pub field: String,
    pub detail: String,
}

#[derive(Debug, Clone)]
pub struct MeasureView {
    pub id: i64,
    pub what: String,
    pub owner: String,
    pub period: String,
    pub status: String,
    pub status_code: &'static str,
    pub last: String,
    pub overdue: bool,
}

#[derive(Debug, Clone)]
pub struct IndicatorView {
    pub id: i64,
    pub name: String,
    pub baseline: String,
    pub target: String,
    pub latest: String,
    pub expected: String,
    pub points: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct StepRow {
    pub number: u8,
    pub name: String,
    pub visits: usize,
    pub days: i64,
    pub done: usize,
    pub total: usize,
    pub current: bool,
}

#[derive(Debug, Clone)]
pub struct ReviewRow {
    pub id: ReviewId,
    pub kind: String,
    pub planned: String,
    pub held: String,
    pub findings: usize,
}

#[derive(Debug, Template)]
#[template(path = "voortgang/show.html")]
pub struct VoortgangPage {
    pub page: Page,
    pub id: TrajectoryId,
    pub programme_name: String,
    pub subject: String,
    pub today: String,
    pub has_plan: bool,
    pub on_course: bool,
    pub reasons: Vec<String>,
    pub measures: Vec<MeasureView>,
    pub indicators: Vec<IndicatorView>,
    pub activities: Vec<(String, String, String, String)>,
    pub six_steps: bool,
    pub steps: Vec<StepRow>,
    pub visits: Vec<String>,
    pub timeline_version: i64,
    /// The latest status update the page shows (the status form's `versie`).
    pub status_version: i64,
    pub reviews: Vec<ReviewRow>,
    pub can_record: bool,
    pub statuses: Vec<Choice>,
    pub step5: Vec<Choice>,
    pub step_choices: Vec<Choice>,
    pub step_activities: Vec<Choice>,
    pub review_kinds: Vec<Choice>,
    pub form: VgForm,
    pub errors: Vec<FieldMessage>,
    /// Which form the errors belong to: `status`, `meting`, `activiteit`, `stap`, `review`.
    pub errors_of: &'static str,
    pub notice: Option<String>,
}

impl VoortgangPage {
    pub fn error_for(&self, form: &str, field: &str) -> Option<&FieldMessage> {
        if self.errors_of != form {
            return None;
        }
        self.errors.iter().find(|e| e.field == field)
    }
}

pub fn status_label(lang: Lang, s: MeasureStatus) -> String {
    lang.t(&format!("vg-status-{}", s.label_nl()))
}

pub fn activity_label(lang: Lang, a: Step5Activity) -> String {
    lang.t(&format!("vg-act-{}", a.key()))
}

pub fn step_name(lang: Lang, s: Step) -> String {
    lang.t(&format!("vg-step-{}", s.number()))
}

pub fn kind_label(lang: Lang, k: ReviewKind) -> String {
    lang.t(&format!("vg-review-kind-{}", k.key()))
}

/// The form field a use case names (`date` → `datum`).
pub fn form_field(field: &str) -> String {
    match field {
        "date" => "datum",
        "measure" => "maatregel",
        "note" => "toelichting",
        "value" => "waarde",
        "source" => "bron",
        "activity" => "activiteit",
        "with" => "met",
        "step" => "stap",
        "kind" => "soort",
        "planned_on" => "gepland",
        "held_on" => "gehouden",
        "recommendations" => "aanbevelingen",
        "school_response" => "reactie",
        "name" => "naam",
        "role" => "rol",
        "days" => "dagen",
        other => other,
    }
    .to_owned()
}

pub fn messages(lang: Lang, e: &koers_app::Error) -> Vec<FieldMessage> {
    match e {
        koers_app::Error::Invalid(fields) => {
            fields.iter().map(|f| FieldMessage { field: form_field(&f.field), detail: f.detail.clone() }).collect()
        }
        other if other.is_conflict() => vec![FieldMessage { field: "versie".into(), detail: lang.t("vg-conflict") }],
        other => vec![FieldMessage { field: "versie".into(), detail: other.to_string() }],
    }
}

fn choices<T: Copy>(all: &[T], code: impl Fn(T) -> String, label: impl Fn(T) -> String, typed: &str) -> Vec<Choice> {
    all.iter()
        .map(|x| {
            let c = code(*x);
            Choice { selected: c == typed.trim(), label: label(*x), code: c }
        })
        .collect()
}

/// The page for `c` with `form` as typed.
pub fn view(page: Page, c: &VoortgangCase, subject: String, programme_name: String, form: VgForm) -> VoortgangPage {
    let lang = page.lang;
    let measures = c
        .measures()
        .into_iter()
        .map(|m| MeasureView {
            id: m.measure.id.get(),
            what: m.measure.what.clone(),
            owner: m.measure.owner.label_nl(),
            period: format!("{} – {}", m.measure.start.nl(), m.measure.end.nl()),
            status: status_label(lang, m.status),
            status_code: m.status.label_nl(),
            last: m.last.map(|u| format!("{}: {}", u.date.nl(), u.note)).unwrap_or_default(),
            overdue: m.overdue,
        })
        .collect();
    let indicators = c
        .series()
        .into_iter()
        .map(|s| {
            let f = |v: f64| s.unit.format(v);
            IndicatorView {
                id: s.indicator.get(),
                name: s.name.clone(),
                baseline: format!("{} ({})", f(s.line[0].1), s.line[0].0.nl()),
                target: format!("{} ({})", f(s.line[1].1), s.line[1].0.nl()),
                latest: s.latest.map(|(d, v)| format!("{} ({})", f(v), d.nl())).unwrap_or_else(|| "–".into()),
                expected: s.expected_at_latest.map(f).unwrap_or_else(|| "–".into()),
                points: s.points.iter().map(|(d, v)| format!("{}: {}", d.nl(), f(*v))).collect(),
            }
        })
        .collect();
    let activities = c
        .voortgang
        .activities
        .iter()
        .rev()
        .map(|a| {
            (a.entry.date.nl(), activity_label(lang, a.entry.activity), a.entry.with.clone(), a.entry.note.clone())
        })
        .collect();
    let timeline = c.timeline();
    let steps = c
        .step_overview()
        .into_iter()
        .map(|o| StepRow {
            number: o.step.number(),
            name: step_name(lang, o.step),
            visits: o.visits,
            days: o.days,
            done: o.done,
            total: o.total,
            current: o.current,
        })
        .collect();
    let visits = timeline
        .visits
        .iter()
        .map(|v| {
            let until = v.until.map(|d| d.nl()).unwrap_or_else(|| lang.t("vg-step-now"));
            format!(
                "{} {}: {} – {}{}",
                lang.t("vg-step"),
                v.step.number(),
                v.from.nl(),
                until,
                if v.note.is_empty() { String::new() } else { format!(" ({})", v.note) }
            )
        })
        .collect();
    let step_activities = Step::ALL
        .iter()
        .flat_map(|s| s.activities().iter().map(move |a| (*s, a)))
        .map(|(s, a)| {
            let code = format!("{}:{}", s.phase_id(), a.key);
            Choice {
                selected: code == form.activiteit,
                label: format!("{} {} – {}", lang.t("vg-step"), s.number(), a.text),
                code,
            }
        })
        .collect();
    let reviews = c
        .reviews
        .iter()
        .map(|r| ReviewRow {
            id: r.id,
            kind: kind_label(lang, r.content.kind),
            planned: r.content.planned_on.nl(),
            held: r.content.held_on.map(|d| d.nl()).unwrap_or_default(),
            findings: r.content.findings.len(),
        })
        .collect();
    VoortgangPage {
        id: c.trajectory().id,
        programme_name,
        subject,
        today: c.today.nl(),
        has_plan: c.plan.is_some(),
        on_course: c.assessment.on_course,
        reasons: c.assessment.sentences_nl().into_iter().map(str::to_owned).collect(),
        measures,
        indicators,
        activities,
        six_steps: c.has_six_steps(),
        steps,
        visits,
        timeline_version: c.timeline_version(),
        status_version: c.voortgang.last_update_id(),
        reviews,
        can_record: c.rights.record,
        statuses: choices(&MeasureStatus::ALL, |s| s.label_nl().to_owned(), |s| status_label(lang, s), &form.status),
        step5: choices(&Step5Activity::ALL, |a| a.key().to_owned(), |a| activity_label(lang, a), &form.activiteit),
        step_choices: choices(
            &Step::ALL,
            |s| s.phase_id().to_owned(),
            |s| format!("{}. {}", s.number(), step_name(lang, s)),
            &form.stap,
        ),
        step_activities,
        review_kinds: choices(&ReviewKind::ALL, |k| k.key().to_owned(), |k| kind_label(lang, k), &form.soort),
        form,
        errors: Vec::new(),
        errors_of: "",
        notice: None,
        page: page.in_section("mijn-home"),
    }
}
