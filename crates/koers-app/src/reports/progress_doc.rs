//! The voortgang reports (TRAJECTORY §5) from [`ProgressFacts`]: the voortgangsrapportage for
//! the bestuur, the one for the Inspectie (procesbegeleiding: role names only, no free-text
//! notes) and the eindrapportage (with the result per goal). Goals, each indicator against its
//! line to the target (chart and measurements), measures and their status, the step-5
//! activities, reviews, dagdelen, "op koers?" with its reasons, the next steps and the plan's
//! signatures. Pure.

use super::charts;
use super::facts::ProgressFacts;
use super::plan_doc::{goal_title, measures_table, signatures};
use crate::error::Result;
use koers_core::calendar::Date;
use koers_core::plan::{Goal, Measure};
use koers_core::progress::{current_status, goals_met, indicator_series, measure_statuses};
use koers_reports::{Callout, Column, Document, Metadata, Section, Table, Tone};
use std::collections::BTreeMap;

/// Which voortgang report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Bestuur,
    Inspectie,
    Eind,
}

/// The document for `audience` (the Inspectie's from anonymised facts only: see
/// [`ProgressFacts::anonymised`]).
pub fn document(f: &ProgressFacts, audience: Audience) -> Result<Document> {
    let (title, subtitle) = match audience {
        Audience::Bestuur => ("Voortgangsrapportage", "Verantwoording aan het bestuur".to_owned()),
        Audience::Inspectie => {
            ("Voortgangsrapportage", "Verantwoording aan de Inspectie van het Onderwijs (procesbegeleiding)".to_owned())
        }
        Audience::Eind if f.active => ("Eindrapportage", "Tussenstand: het traject loopt nog".to_owned()),
        Audience::Eind => ("Eindrapportage", "Afsluiting van het traject".to_owned()),
    };
    let meta = Metadata {
        organisation: f.programme.clone(),
        school: f.school.clone(),
        reference: f.reference.clone(),
        period: Some(format!("{} tot en met {}", f.start.nl_long(), f.today.nl_long())),
        generated: f.today.nl_long(),
    };
    let mut doc = Document::new(title, meta).with_subtitle(subtitle);
    summary(doc.section("Samenvatting"), f, audience);
    op_koers(doc.section("Op koers?"), f);
    if audience == Audience::Eind {
        results(doc.section("Resultaat per doel").when_empty("Het plan heeft geen doelen."), f);
    }
    goals(doc.section("Doelen en indicatoren").when_empty("Het plan heeft geen doelen."), f);
    measures(doc.section("Maatregelen").when_empty("Het plan heeft geen maatregelen."), f);
    activities(doc.section("Voortgang vastgelegd").when_empty("Er is nog geen voortgang vastgelegd."), f, audience);
    reviews(doc.section("Reviews").when_empty("Er zijn (nog) geen reviews gepland of gehouden."), f);
    dagdelen(doc.section("Dagdelen").when_empty("Er zijn nog geen dagdelen geschreven."), f);
    if audience != Audience::Eind || f.active {
        next_steps(doc.section("Volgende stappen").when_empty("Alle maatregelen zijn afgerond."), f);
    }
    doc.section("Ondertekening van het plan van aanpak").signatures(signatures(&f.signed_by));
    Ok(doc)
}

fn summary(s: &mut Section, f: &ProgressFacts, audience: Audience) {
    let (spent, planned) = f.dagdelen();
    let budget = f.budget_limit.map_or_else(String::new, |b| format!(", budget {b}"));
    let vastgesteld = f.plan.vastgesteld_at.map_or_else(|| "—".to_owned(), |at| Date::of_instant(at).nl_long());
    let (met, counted) = goals_met(&f.plan.plan, &f.measurements);
    let expert = match audience {
        Audience::Inspectie => "Procesbegeleider (namens het programma)".to_owned(),
        _ if f.expert.trim().is_empty() => "—".to_owned(),
        _ => f.expert.clone(),
    };
    let verdict = if f.assessment.on_course {
        "op koers".to_owned()
    } else {
        format!("niet op koers ({} {})", f.assessment.reasons.len(), reden(f.assessment.reasons.len()))
    };
    s.key_values([
        ("Programma", f.programme.clone()),
        ("Fase", f.phase.clone()),
        ("Traject gestart", f.start.nl_long()),
        ("Plan van aanpak", format!("versie {}, vastgesteld op {vastgesteld}", f.plan.number)),
        ("Expert", expert),
        ("Dagdelen", format!("{spent} besteed, {planned} gepland{budget}")),
        ("Doelen behaald", format!("{met} van {counted}")),
        ("Op koers?", verdict),
    ]);
}

fn reden(n: usize) -> &'static str {
    if n == 1 { "reden" } else { "redenen" }
}

fn op_koers(s: &mut Section, f: &ProgressFacts) {
    let a = &f.assessment;
    if a.on_course {
        s.callout(Callout {
            tone: Tone::Positive,
            title: "Op koers".into(),
            text: Some(format!("Op {} is er geen signaal dat bijsturing vraagt.", f.today.nl_long())),
            items: vec![],
        });
    } else {
        s.callout(Callout {
            tone: Tone::Warning,
            title: "Niet op koers".into(),
            text: Some(format!("{} {} op {}:", a.reasons.len(), reden(a.reasons.len()), f.today.nl_long())),
            items: a.sentences_nl().into_iter().map(str::to_owned).collect(),
        });
    }
}

fn goals(s: &mut Section, f: &ProgressFacts) {
    let plan = &f.plan.plan;
    for g in &plan.goals {
        s.heading(goal_title(plan, g));
        for i in &g.indicators {
            match charts::indicator(i, &f.measurements, &f.settings) {
                Ok(svg) => {
                    s.chart(svg, None);
                }
                Err(why) => {
                    s.paragraph(format!("{}: geen grafiek ({why}).", i.name));
                }
            }
            let mut ms: Vec<_> = f.measurements.iter().filter(|m| m.indicator == i.id).collect();
            ms.sort_by_key(|m| m.date);
            if ms.is_empty() {
                s.paragraph(format!(
                    "{}: nog geen metingen na de nulmeting ({} op {}; streefwaarde {} op {}).",
                    i.name,
                    i.unit.format(i.baseline.value),
                    i.baseline.date.nl(),
                    i.unit.format(i.target),
                    i.target_date.nl()
                ));
                continue;
            }
            s.table(Table {
                caption: Some(format!("Metingen: {}", i.name)),
                columns: vec![
                    Column::text("Datum"),
                    Column::number("Waarde"),
                    Column::number("Lijn"),
                    Column::wide("Bron", 2),
                ],
                rows: ms
                    .iter()
                    .map(|m| {
                        vec![
                            m.date.nl(),
                            i.unit.format(m.value),
                            i.unit.format(i.expected_at(m.date)),
                            m.source.label_nl(),
                        ]
                    })
                    .collect(),
                total: None,
            });
        }
    }
}

fn results(s: &mut Section, f: &ProgressFacts) {
    let plan = &f.plan.plan;
    let mut rows = Vec::new();
    for g in &plan.goals {
        for i in &g.indicators {
            let series = indicator_series(i, &f.measurements);
            rows.push(vec![
                goal_title(plan, g),
                i.name.clone(),
                i.unit.format(i.baseline.value),
                series.latest.map_or_else(|| "—".to_owned(), |(d, v)| format!("{} ({})", i.unit.format(v), d.nl())),
                i.unit.format(i.target),
                if series.reached { "ja" } else { "nee" }.to_owned(),
            ]);
        }
    }
    let (met, counted) = goals_met(plan, &f.measurements);
    s.paragraph(format!("{met} van de {counted} doelen zijn behaald."));
    s.table(Table {
        caption: Some("Nulmeting, laatste meting en streefwaarde".into()),
        columns: vec![
            Column::wide("Doel", 2),
            Column::wide("Indicator", 2),
            Column::number("Nulmeting"),
            Column::number("Laatste meting"),
            Column::number("Streefwaarde"),
            Column::text("Behaald"),
        ],
        rows,
        total: None,
    });
}

fn measures(s: &mut Section, f: &ProgressFacts) {
    let plan = &f.plan.plan;
    let status = |m: &Measure| {
        let st = current_status(m.id, &f.status_updates);
        let last = measure_statuses(plan, &f.status_updates)
            .into_iter()
            .find(|(x, _, _)| x.id == m.id)
            .and_then(|(_, _, u)| u.map(|u| u.date));
        match last {
            Some(d) => format!("{} ({})", st.label_nl(), d.nl()),
            None => st.label_nl().to_owned(),
        }
    };
    let school: Vec<&Measure> = plan.school_part().collect();
    let expert: Vec<&Measure> = plan.expert_part().collect();
    s.table(measures_table(plan, "Schooldeel", &school, Some(&status)));
    s.table(measures_table(plan, "Expertdeel", &expert, Some(&status)));
}

fn activities(s: &mut Section, f: &ProgressFacts, audience: Audience) {
    let mut list: Vec<_> = f.activities.iter().collect();
    list.sort_by_key(|a| a.date);
    let notes = audience != Audience::Inspectie;
    let mut columns = vec![Column::text("Datum"), Column::wide("Activiteit", 2), Column::text("Met wie")];
    if notes {
        columns.push(Column::wide("Toelichting", 3));
    }
    s.table(Table {
        caption: Some("Stap 5: voortgang meten, monitoren, verantwoorden, bijstellen".into()),
        columns,
        rows: list
            .iter()
            .map(|a| {
                let mut row = vec![a.date.nl(), a.activity.label_nl().to_owned(), a.with.clone()];
                if notes {
                    row.push(a.note.clone());
                }
                row
            })
            .collect(),
        total: None,
    });
}

fn reviews(s: &mut Section, f: &ProgressFacts) {
    s.table(Table {
        caption: Some("Reviews".into()),
        columns: vec![Column::wide("Review", 2), Column::text("Gepland"), Column::text("Gehouden")],
        rows: f
            .reviews
            .iter()
            .map(|r| vec![r.name.clone(), r.planned_on.nl(), r.held_on.map_or_else(|| "nog niet".to_owned(), Date::nl)])
            .collect(),
        total: None,
    });
}

fn dagdelen(s: &mut Section, f: &ProgressFacts) {
    let mut per: BTreeMap<String, u32> = BTreeMap::new();
    for e in &f.time_log {
        let n = per.entry(e.activity.label_nl()).or_default();
        *n = n.saturating_add(e.dagdelen);
    }
    let (spent, planned) = f.dagdelen();
    s.table(Table {
        caption: Some("Besteed per activiteit".into()),
        columns: vec![Column::wide("Activiteit", 3), Column::number("Dagdelen")],
        rows: per.iter().map(|(a, n)| vec![a.clone(), n.to_string()]).collect(),
        total: Some(vec!["Totaal".into(), spent.to_string()]),
    });
    if !f.time_log.is_empty() {
        let budget = f.budget_limit.map_or_else(|| "geen budgetgrens".to_owned(), |b| format!("budget {b} dagdelen"));
        s.paragraph(format!("Gepland in het plan: {planned} dagdelen; {budget}."));
    }
}

fn next_steps(s: &mut Section, f: &ProgressFacts) {
    let plan = &f.plan.plan;
    let mut open: Vec<&Measure> =
        plan.measures.iter().filter(|m| !current_status(m.id, &f.status_updates).is_closed()).collect();
    open.sort_by_key(|m| (m.end, m.id.get()));
    let goal_of = |m: &Measure| -> Option<&Goal> { m.goals.first().and_then(|g| plan.goal(*g)) };
    s.bullets(open.iter().take(6).map(|m| {
        let when = if m.end < f.today {
            format!("had op {} klaar moeten zijn", m.end.nl())
        } else if m.start > f.today {
            format!("start op {}", m.start.nl())
        } else {
            format!("loopt tot {}", m.end.nl())
        };
        let goal = goal_of(m).map_or_else(String::new, |g| format!(" — {}", goal_title(plan, g)));
        format!("{} ({}): {when}{goal}", m.what.trim(), m.owner.label_nl())
    }));
}
