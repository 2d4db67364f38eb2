//! The zelfevaluatie / 0-meting report (TRAJECTORY §5): the submitted (frozen) form's scores per
//! standard as a chart and a table, the strengths and the verbeterpunten — usable as the basis
//! for the jaarplan or schoolplan. Pure: [`document`] takes what [`crate::selfevals`] computed.

use super::charts;
use crate::error::Result;
use koers_core::calendar::Date;
use koers_core::format::FormResult;
use koers_core::format::result::Highlight;
use koers_core::nl;
use koers_reports::{Callout, Column, Document, Metadata, Table, Tone};

/// What the 0-meting report is made of.
#[derive(Debug, Clone)]
pub struct NulmetingInput<'a> {
    pub school: String,
    pub programme: String,
    pub reference: Option<String>,
    /// The format's title ("Zelfevaluatie PO regulier").
    pub format_title: String,
    /// `ingediend` / `bevestigd`.
    pub status: String,
    pub submitted_on: Option<Date>,
    pub result: &'a FormResult,
    pub today: Date,
}

fn highlight(h: &Highlight) -> String {
    let why = h.why.trim();
    if why.is_empty() { format!("{}: {}", h.context, h.text) } else { format!("{}: {} — {why}", h.context, h.text) }
}

/// The document.
pub fn document(i: &NulmetingInput<'_>) -> Result<Document> {
    let meta = Metadata {
        organisation: i.programme.clone(),
        school: i.school.clone(),
        reference: i.reference.clone(),
        period: i.submitted_on.map(|d| format!("0-meting van {}", d.nl_long())),
        generated: i.today.nl_long(),
    };
    let r = i.result;
    let mut doc = Document::new("Zelfevaluatie (0-meting)", meta).with_subtitle(i.format_title.clone());
    let scored = r.groups.iter().filter(|g| g.mean.is_some()).count();
    doc.section("Samenvatting")
        .key_values([
            ("Formulier", i.format_title.clone()),
            ("Status", i.status.clone()),
            ("Ingediend op", i.submitted_on.map_or_else(|| "—".to_owned(), Date::nl_long)),
            (
                "Volledig ingevuld",
                format!(
                    "{}% ({} van {} verplichte onderdelen)",
                    r.completeness.percent(),
                    r.completeness.done,
                    r.completeness.required
                ),
            ),
            ("Beoordeelde standaarden", format!("{scored} van {}", r.groups.len())),
            ("Sterke punten", r.strengths.len().to_string()),
            ("Verbeterpunten", r.improvements.len().to_string()),
        ])
        .paragraph(
            "Dit rapport geeft de uitkomst van de zelfevaluatie zoals die is ingediend (de 0-meting). Het kan \
             dienen als basis voor het jaarplan of schoolplan en voor de doelen van het plan van aanpak.",
        );
    let scores = doc.section("Scores per standaard");
    scores.when_empty("Er zijn geen scores gegeven.");
    if scored > 0 {
        match charts::scores(r, "Zelfevaluatie: gemiddelde score per standaard") {
            Ok(svg) => {
                scores.chart(svg, None);
            }
            Err(why) => {
                scores.paragraph(format!("Geen grafiek: {why}"));
            }
        }
    }
    scores.table(Table {
        caption: Some("Scores per standaard (1 = onvoldoende … 4 = goed)".into()),
        columns: vec![
            Column::wide("Standaard", 3),
            Column::number("Onderdelen"),
            Column::number("Gemiddeld"),
            Column::number("Laagste"),
        ],
        rows: r
            .groups
            .iter()
            .filter(|g| g.mean.is_some())
            .map(|g| {
                vec![
                    g.label.clone(),
                    g.scores.len().to_string(),
                    g.mean.map_or_else(|| "—".to_owned(), |m| nl::decimal(m, 1)),
                    g.lowest.map_or_else(|| "—".to_owned(), |l| l.to_string()),
                ]
            })
            .collect(),
        total: None,
    });
    doc.section("Sterke punten")
        .when_empty("Er zijn geen sterke punten benoemd (een score 4 of een sterke kijkwijzer-uitkomst).")
        .bullets(r.strengths.iter().map(highlight));
    let improvements: Vec<String> = r.improvements.iter().map(highlight).collect();
    let section = doc.section("Verbeterpunten");
    section.when_empty("Er zijn geen verbeterpunten benoemd.");
    if !improvements.is_empty() {
        section.callout(Callout {
            tone: Tone::Info,
            title: format!("{} verbeterpunten", improvements.len()),
            text: Some("Kandidaat-doelen voor het plan van aanpak:".into()),
            items: improvements,
        });
    }
    Ok(doc)
}
