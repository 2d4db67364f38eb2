//! The kostenoverzicht as a PDF (issue 10 §8, TRAJECTORY §5): per programme the dagdelen per
//! month × the tariff and the co-financing shares (GWGB+: *kosteloos (gesubsidieerd)*, the
//! dagdelen still counted), the totals and the kenmerk once issued. The same figures as the page
//! and the workbook, from the same [`CostOverview`]. Pure.

use crate::dagdelen::money::CostOverview;
use crate::error::Result;
use koers_core::calendar::Date;
use koers_reports::{Column, Document, Metadata, Table};

/// The document.
pub fn document(o: &CostOverview, today: Date) -> Result<Document> {
    let kenmerk = o.issued.as_ref().map(|i| i.reference.to_string());
    let meta = Metadata {
        organisation: "Koers — kostenoverzicht".into(),
        school: o.school.name.clone(),
        reference: kenmerk.clone(),
        period: Some(o.period.label_nl()),
        generated: today.nl_long(),
    };
    let mut doc = Document::new("Kostenoverzicht", meta).with_subtitle(if kenmerk.is_some() {
        "Vastgesteld"
    } else {
        "Concept (nog geen kenmerk)"
    });
    doc.section("Samenvatting").key_values([
        ("School", format!("{} ({})", o.school.name, o.school.brin)),
        ("Periode", o.period.label_nl()),
        ("Kenmerk", kenmerk.unwrap_or_else(|| "nog niet vastgesteld".into())),
        ("Dagdelen", o.dagdelen.to_string()),
        ("Totaal", o.total.to_string()),
        ("Te betalen door de school", o.school_share.to_string()),
        ("Bijdrage programma", o.programme_share.to_string()),
    ]);
    for p in &o.parts {
        let s = &p.statement;
        let funding = if s.is_free() { "kosteloos (gesubsidieerd)".to_owned() } else { s.funding_label.clone() };
        doc.section(p.programme_name.clone()).paragraph(format!("Financiering: {funding}")).table(Table {
            caption: Some(format!("Dagdelen en kosten per maand — {}", p.programme_name)),
            columns: vec![
                Column::wide("Maand", 2),
                Column::number("Dagdelen"),
                Column::number("Totaal"),
                Column::number("School"),
                Column::number("Programma"),
            ],
            rows: s
                .lines
                .iter()
                .map(|l| {
                    vec![
                        l.label.clone(),
                        l.dagdelen.to_string(),
                        l.total.to_string(),
                        l.school.to_string(),
                        l.programme.to_string(),
                    ]
                })
                .collect(),
            total: Some(vec![
                "Totaal".into(),
                s.dagdelen.to_string(),
                s.total.to_string(),
                s.school.to_string(),
                s.programme.to_string(),
            ]),
        });
    }
    if o.parts.is_empty() {
        doc.section("Dagdelen en kosten").when_empty("In deze periode zijn geen dagdelen geschreven.");
    }
    Ok(doc)
}
