//! The dagdelen page's view model: rows, choices, field messages and the page as the template
//! prints it, built from a [`DagdelenCase`].

use crate::html::page::Page;
use crate::i18n::Lang;
use askama::Template;
use koers_app::dagdelen::{DagdelenCase, activity_code, loggable_activities};
use koers_core::ids::TrajectoryId;
use serde::Deserialize;

#[derive(Debug, Clone)]
pub struct Row {
    pub date: String,
    pub dagdelen: u32,
    pub activity: String,
    pub measure: String,
    pub note: String,
}

#[derive(Debug, Clone)]
pub struct MeasureRow {
    pub what: String,
    pub planned: u32,
    pub spent: u32,
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
    pub label: String,
    pub detail: String,
}

#[derive(Debug, Template)]
#[template(path = "dagdelen/show.html")]
pub struct DagdelenPage {
    pub page: Page,
    pub id: TrajectoryId,
    pub programme_name: String,
    pub school_name: String,
    pub free: bool,
    pub funding_label: String,
    /// `None`: the programme has no cap.
    pub budget_text: Option<String>,
    pub raised_text: Option<String>,
    pub limit: Option<u32>,
    pub planned: u32,
    pub spent: u32,
    pub left: Option<u32>,
    pub over_budget: u32,
    pub measures: Vec<MeasureRow>,
    pub unlinked: u32,
    pub rows: Vec<Row>,
    pub decisions: Vec<String>,
    pub cost_total: String,
    pub cost_school: String,
    pub cost_programme: String,
    pub can_log: bool,
    pub can_decide: bool,
    pub active: bool,
    pub per_block: u32,
    pub max_dagdelen: u32,
    pub activities: Vec<Choice>,
    /// The measures of the plan in force time can be logged on (empty: no vastgesteld plan).
    pub measure_choices: Vec<Choice>,
    pub form: LogForm,
    pub budget_form: BudgetForm,
    /// Refusals of the form that was sent (log or budget).
    pub errors: Vec<FieldMessage>,
    /// Which form the errors belong to: `log` or `budget`.
    pub errors_of: &'static str,
    pub notice: Option<String>,
}

impl DagdelenPage {
    pub fn error_for(&self, form: &str, field: &str) -> Option<&FieldMessage> {
        if self.errors_of != form {
            return None;
        }
        self.errors.iter().find(|e| e.field == field)
    }
}

/// The log form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LogForm {
    #[serde(default)]
    pub datum: String,
    #[serde(default)]
    pub dagdelen: String,
    #[serde(default)]
    pub maatregel: String,
    #[serde(default)]
    pub activiteit: String,
    #[serde(default)]
    pub toelichting: String,
}

/// The budget form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BudgetForm {
    #[serde(default)]
    pub dagdelen: String,
    #[serde(default)]
    pub reden: String,
}

/// `?opgeslagen=1` / `?besluit=1` after a redirect.
#[derive(Debug, Default, Deserialize)]
pub struct Notice {
    #[serde(default)]
    pub opgeslagen: Option<String>,
    #[serde(default)]
    pub besluit: Option<String>,
}

/// An activity type in the page's language (`dgd-act-<code>`; a type without a code — an NPO
/// intervention — in Dutch).
pub fn activity_label(lang: Lang, a: koers_core::plan::ActivityType) -> String {
    match activity_code(a) {
        code if code.is_empty() => a.label_nl(),
        code => lang.t(&format!("dgd-act-{code}")),
    }
}

/// The field a use case names (`date`, `reason`) as the form calls it, with its label.
fn field_label(lang: Lang, field: &str) -> (String, String) {
    let form_field = match field {
        "date" => "datum",
        "measure" => "maatregel",
        "activity" => "activiteit",
        "note" => "toelichting",
        "reason" => "reden",
        other => other,
    };
    let key = match field {
        "date" | "datum" => "dgd-field-date",
        "measure" => "dgd-field-measure",
        "activity" => "dgd-field-activity",
        "note" => "dgd-field-note",
        "reason" | "reden" => "dgd-field-reason",
        "traject" => "dgd-field-traject",
        _ => "dgd-field-dagdelen",
    };
    (form_field.to_owned(), lang.t(key))
}

pub(super) fn messages(lang: Lang, e: &koers_app::Error) -> Vec<FieldMessage> {
    match e {
        koers_app::Error::Invalid(fields) => fields
            .iter()
            .map(|f| {
                let (field, label) = field_label(lang, &f.field);
                FieldMessage { field, label, detail: f.detail.clone() }
            })
            .collect(),
        other => {
            let (field, label) = field_label(lang, "dagdelen");
            vec![FieldMessage {
                field,
                label,
                detail: if other.is_conflict() { lang.t("dgd-conflict") } else { other.to_string() },
            }]
        }
    }
}

pub(super) fn view(
    page: Page,
    c: &DagdelenCase,
    school_name: String,
    form: LogForm,
    budget_form: BudgetForm,
) -> DagdelenPage {
    let lang = page.lang;
    let t = &c.trajectory;
    let budget_text = c.budget.as_ref().map(|b| {
        lang.t_args(
            "dgd-budget-blocks",
            &[
                ("blocks", b.blocks.to_string()),
                ("per_block", b.per_block.to_string()),
                ("max_blocks", b.max_blocks.to_string()),
            ],
        )
    });
    let raised_text = c.budget.as_ref().and_then(|b| b.decision.as_ref()).map(|d| {
        lang.t_args("dgd-budget-raised", &[("dagdelen", d.dagdelen.to_string()), ("date", d.decided_on.nl())])
    });
    let activities = loggable_activities()
        .into_iter()
        .map(|a| {
            let code = activity_code(a);
            Choice { selected: code == form.activiteit, code, label: activity_label(lang, a) }
        })
        .collect();
    let measure_choices = c
        .usage
        .per_measure
        .iter()
        .map(|m| {
            let code = m.measure.to_string();
            Choice { selected: code == form.maatregel.trim(), code, label: m.what.clone() }
        })
        .collect();
    let free = c.funding == koers_core::money::Funding::Subsidised;
    DagdelenPage {
        measure_choices,
        id: t.id,
        programme_name: c.programme_name.clone(),
        school_name,
        free,
        funding_label: if free { lang.t("dgd-free") } else { c.funding.label_nl() },
        budget_text,
        raised_text,
        limit: c.usage.limit,
        planned: c.usage.planned,
        spent: c.usage.spent,
        left: c.usage.budget_left(),
        over_budget: c.usage.over_budget(),
        measures: c
            .usage
            .per_measure
            .iter()
            .map(|m| MeasureRow { what: m.what.clone(), planned: m.planned, spent: m.spent })
            .collect(),
        unlinked: c.usage.unlinked,
        rows: c
            .entries
            .iter()
            .rev()
            .map(|e| Row {
                date: e.date.nl(),
                dagdelen: e.dagdelen,
                activity: activity_label(lang, e.activity),
                measure: e
                    .measure_id
                    .map(|m| {
                        c.usage.per_measure.iter().find(|u| u.measure == m).map_or(m.to_string(), |u| u.what.clone())
                    })
                    .unwrap_or_default(),
                note: e.note.clone(),
            })
            .collect(),
        decisions: c
            .decisions
            .iter()
            .map(|d| {
                format!(
                    "{} — {}",
                    lang.t_args(
                        "dgd-decision-by",
                        &[("date", d.decided_on.nl()), ("dagdelen", d.dagdelen.to_string())]
                    ),
                    d.reason
                )
            })
            .collect(),
        cost_total: c.cost.total.to_string(),
        cost_school: c.cost.school.to_string(),
        cost_programme: c.cost.programme.to_string(),
        can_log: c.rights.log,
        can_decide: c.rights.decide && c.rule.is_some(),
        active: t.active,
        per_block: c.rule.map_or(0, |r| r.per_block),
        max_dagdelen: c.rule.map_or(0, |r| r.max_dagdelen()),
        activities,
        form,
        budget_form,
        errors: Vec::new(),
        errors_of: "",
        notice: None,
        page: page.in_section("mijn-home"),
    }
}
