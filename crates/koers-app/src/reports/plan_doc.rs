//! The plan van aanpak report (TRAJECTORY §5): the vastgestelde version in force — goals with
//! their indicators (baseline, target, target date), the school part and the expert part of the
//! measures — and the signatures (who, in which role, when). Pure; also the goal and measure
//! tables the voortgang reports reuse.

use super::facts::SignedBy;
use crate::error::Result;
use koers_core::calendar::{Date, datetime_nl};
use koers_core::plan::{Goal, Measure, Plan, PlanKind, PlanVersion};
use koers_reports::{Column, Document, Metadata, Section, Signature, Table};

/// What the plan report is made of.
#[derive(Debug, Clone)]
pub struct PlanInput<'a> {
    pub school: String,
    pub programme: String,
    pub reference: Option<String>,
    pub version: &'a PlanVersion,
    pub signed_by: &'a [SignedBy],
    pub today: Date,
}

/// "Doel 2: …" (numbered in plan order).
pub fn goal_title(plan: &Plan, g: &Goal) -> String {
    let n = plan.goals.iter().position(|x| x.id == g.id).map_or(0, |i| i + 1);
    let state = if g.is_active() { String::new() } else { format!(" ({})", g.state.label_nl()) };
    format!("Doel {n}: {}{state}", g.description.trim())
}

/// The goal numbers a measure serves ("1, 3").
fn goal_numbers(plan: &Plan, m: &Measure) -> String {
    let numbers: Vec<String> = m
        .goals
        .iter()
        .filter_map(|id| plan.goals.iter().position(|g| g.id == *id).map(|i| (i + 1).to_string()))
        .collect();
    if numbers.is_empty() { "—".into() } else { numbers.join(", ") }
}

/// The indicators of a goal: name, unit, nulmeting (value, date, source), target and date.
pub fn indicators_table(g: &Goal) -> Table {
    Table {
        caption: Some("Indicatoren".into()),
        columns: vec![
            Column::wide("Indicator", 3),
            Column::text("Eenheid"),
            Column::number("Nulmeting"),
            Column::text("Bron nulmeting"),
            Column::number("Streefwaarde"),
            Column::text("Streefdatum"),
        ],
        rows: g
            .indicators
            .iter()
            .map(|i| {
                vec![
                    i.name.clone(),
                    i.unit.label_nl(),
                    format!("{} ({})", i.unit.format(i.baseline.value), i.baseline.date.nl()),
                    i.baseline.source.clone(),
                    i.unit.format(i.target),
                    i.target_date.nl(),
                ]
            })
            .collect(),
        total: None,
    }
}

/// The measures of one part (school or expert), with a status column when `status` is given.
/// Six columns at most, so the table fits A4 upright: the activity type goes with the measure.
pub fn measures_table(
    plan: &Plan,
    caption: &str,
    measures: &[&Measure],
    status: Option<&dyn Fn(&Measure) -> String>,
) -> Table {
    let mut columns = vec![
        Column::wide("Maatregel", 4),
        Column::text("Doel"),
        Column::text("Eigenaar"),
        Column::text("Periode"),
        Column::number("Dagdelen"),
    ];
    if status.is_some() {
        columns.push(Column::text("Status"));
    }
    let rows = measures
        .iter()
        .map(|m| {
            let mut row = vec![
                format!("{} ({})", m.what.trim(), m.activity.label_nl()),
                goal_numbers(plan, m),
                m.owner.label_nl(),
                format!("{} – {}", m.start.nl(), m.end.nl()),
                if m.owner.is_expert() { m.dagdelen.to_string() } else { "—".into() },
            ];
            if let Some(f) = status {
                row.push(f(m));
            }
            row
        })
        .collect();
    Table { caption: Some(caption.to_owned()), columns, rows, total: None }
}

/// Goals with their indicators into `s`.
pub fn goals_into(s: &mut Section, plan: &Plan) {
    for g in &plan.goals {
        s.heading(goal_title(plan, g));
        if !g.standards.is_empty() {
            s.paragraph(format!("Standaarden: {}", g.standards.join(", ")));
        }
        s.table(indicators_table(g));
    }
}

/// The signatures: name (when known) and role, the moment, "digitaal ondertekend in Koers".
pub fn signatures(signed_by: &[SignedBy]) -> Vec<Signature> {
    signed_by
        .iter()
        .map(|s| Signature {
            name: if s.name.trim().is_empty() { s.role.clone() } else { s.name.clone() },
            role: s.role.clone(),
            date: datetime_nl(s.at),
            note: Some("Digitaal ondertekend in Koers".into()),
        })
        .collect()
}

/// The document.
pub fn document(i: &PlanInput<'_>) -> Result<Document> {
    let v = i.version;
    let plan = &v.plan;
    let title = match plan.kind {
        PlanKind::Stappenplan => "Stappenplan",
        _ => "Plan van aanpak",
    };
    let vastgesteld = v.vastgesteld_at.map_or_else(|| "—".to_owned(), |at| Date::of_instant(at).nl_long());
    let meta = Metadata {
        organisation: i.programme.clone(),
        school: i.school.clone(),
        reference: i.reference.clone(),
        period: Some(format!("versie {}, vastgesteld op {vastgesteld}", v.number)),
        generated: i.today.nl_long(),
    };
    let mut doc = Document::new(title, meta).with_subtitle("Vastgestelde versie");
    let active = plan.active_goals().count();
    let mut facts = vec![
        ("Soort plan".to_owned(), plan.kind.label_nl().to_owned()),
        ("Versie".to_owned(), format!("{} (vastgesteld op {vastgesteld})", v.number)),
        ("Actieve doelen".to_owned(), active.to_string()),
        ("Maatregelen".to_owned(), plan.measures.len().to_string()),
        ("Dagdelen expert (gepland)".to_owned(), plan.planned_dagdelen().to_string()),
    ];
    if let Some(b) = &v.bijstelling {
        facts.push(("Bijstelling van versie".to_owned(), format!("{}: {}", b.from_version, b.reason)));
    }
    if let PlanKind::Bestuur { advice, choice } = &plan.kind {
        if let Some(a) = advice {
            facts.push(("Advies".to_owned(), format!("{} ({})", a.text, a.date.nl())));
        }
        if let Some(c) = choice {
            facts.push(("Uitvoering".to_owned(), c.label_nl().to_owned()));
        }
    }
    doc.section("Samenvatting").key_values(facts);
    let s = doc.section("Wat de school doet");
    s.when_empty("Geen toelichting op het schooldeel.").paragraph(plan.school_summary.clone());
    let s = doc.section("Wat de expert doet");
    s.when_empty("Geen toelichting op het expertdeel.").paragraph(plan.expert_summary.clone());
    goals_into(doc.section("Doelen en indicatoren").when_empty("Het plan heeft geen doelen."), plan);
    let school: Vec<&Measure> = plan.school_part().collect();
    let expert: Vec<&Measure> = plan.expert_part().collect();
    doc.section("Maatregelen")
        .when_empty("Het plan heeft geen maatregelen.")
        .table(measures_table(plan, "Schooldeel", &school, None))
        .table(measures_table(plan, "Expertdeel", &expert, None));
    doc.section("Ondertekening").signatures(signatures(i.signed_by));
    Ok(doc)
}
