use super::*;
use crate::chart::results::{Bar, BarChart};

fn meta() -> Metadata {
    Metadata {
        organisation: "GWGB+".into(),
        school: "De Linde".into(),
        reference: None,
        period: None,
        generated: "30 november 2026".into(),
    }
}

fn doc() -> Document {
    let mut d = Document::new("Plan van aanpak", meta());
    d.section("Doelen").paragraph("Lezen");
    d
}

fn table(rows: Vec<Vec<String>>) -> Table {
    Table {
        caption: Some("Metingen".into()),
        columns: vec![Column::text("Datum"), Column::number("Waarde")],
        rows,
        total: None,
    }
}

fn cells(c: &[&str]) -> Vec<String> {
    c.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn a_complete_document_is_valid() {
    assert_eq!(doc().validate(), Ok(()));
}

#[test]
fn each_missing_required_field_is_named() {
    type Breaker = fn(&mut Document);
    let cases: [(Breaker, &str); 5] = [
        (|d| d.title = " ".into(), "het rapport kan niet worden gemaakt: de titel ontbreekt"),
        (|d| d.meta.organisation.clear(), "het rapport kan niet worden gemaakt: de organisatie ontbreekt"),
        (|d| d.meta.school.clear(), "het rapport kan niet worden gemaakt: de schoolnaam ontbreekt"),
        (|d| d.meta.generated = "\n".into(), "het rapport kan niet worden gemaakt: de datum van aanmaak ontbreekt"),
        (|d| d.sections.clear(), "het rapport kan niet worden gemaakt: het heeft geen inhoud (geen enkele sectie)"),
    ];
    for (break_it, want) in cases {
        let mut d = doc();
        break_it(&mut d);
        assert_eq!(d.validate().map_err(|e| e.to_string()), Err(want.to_owned()));
    }
}

#[test]
fn a_required_section_with_only_empty_blocks_is_empty() {
    let mut d = doc();
    d.section("Metingen")
        .heading("Doel 1")
        .bullets(Vec::<String>::new())
        .table(table(vec![]))
        .paragraph("  ")
        .page_break();
    assert_eq!(d.validate(), Err(ReportError::EmptySection { section: "Metingen".into() }));
    // An optional one is fine, but only with a text to show.
    d.sections[1].when_empty(" ");
    assert_eq!(d.validate(), Err(ReportError::EmptySection { section: "Metingen".into() }));
    d.sections[1].when_empty("Er zijn nog geen metingen.");
    assert_eq!(d.validate(), Ok(()));
}

#[test]
fn every_block_kind_with_content_counts_as_content() {
    let svg = BarChart {
        title: "Resultaten".into(),
        description: "Resultaten".into(),
        bars: vec![Bar { label: "2024/25".into(), value: Some(80.0), value_text: "80,0%".into() }],
        lines: vec![],
        ticks: ["0%", "25%", "50%", "75%", "100%"].map(String::from),
    }
    .render()
    .expect("chart");
    let blocks = [
        Block::Paragraph(vec![Span::strong("x")]),
        Block::KeyValues(vec![KeyValue { key: "Fase".into(), value: "uitvoering".into() }]),
        Block::Table(table(vec![cells(&["1-1-2027", "5"])])),
        Block::Bullets(vec!["a".into()]),
        Block::Quote { text: "q".into(), attribution: None },
        Block::Callout(Callout { tone: Tone::Warning, title: "Niet op koers".into(), text: None, items: vec![] }),
        Block::Chart(Figure { svg, caption: None }),
        Block::Signatures(vec![Signature { name: "A".into(), role: "B".into(), date: "C".into(), note: None }]),
    ];
    for b in blocks {
        assert!(b.has_content(), "{b:?}");
    }
    for b in [Block::Heading("x".into()), Block::PageBreak, Block::Bullets(vec![" ".into()]), Block::Signatures(vec![])]
    {
        assert!(!b.has_content(), "{b:?}");
    }
}

#[test]
fn a_table_row_of_the_wrong_width_names_the_table_and_row() {
    let mut d = doc();
    d.section("Indicatoren").table(table(vec![cells(&["1-1-2027", "5"]), cells(&["1-2-2027"])]));
    assert_eq!(
        d.validate().map_err(|e| e.to_string()),
        Err("het rapport kan niet worden gemaakt: rij 2 van de tabel 'Metingen' heeft 1 cellen, de tabel heeft 2 kolommen"
            .to_owned())
    );
    let mut d = doc();
    let mut t = table(vec![cells(&["1-1-2027", "5"])]);
    t.total = Some(cells(&["Totaal", "5", "extra"]));
    d.section("Indicatoren").table(t);
    assert!(matches!(d.validate(), Err(ReportError::TableShape { row: 2, expected: 2, found: 3, .. })));
    let mut d = doc();
    d.section("Indicatoren").table(Table { caption: None, columns: vec![], rows: vec![vec![]], total: None });
    assert_eq!(d.validate(), Err(ReportError::TableWithoutColumns { table: "Indicatoren".into() }));
}

#[test]
fn a_signature_needs_name_role_and_date() {
    for (field, sig) in [
        ("naam", Signature { name: " ".into(), role: "Schoolleider".into(), date: "1 maart 2027".into(), note: None }),
        ("rol", Signature { name: "J. de Vries".into(), role: "".into(), date: "1 maart 2027".into(), note: None }),
        ("datum", Signature { name: "J. de Vries".into(), role: "Schoolleider".into(), date: "".into(), note: None }),
    ] {
        let mut d = doc();
        d.section("Ondertekening").signatures(vec![sig]);
        assert_eq!(d.validate(), Err(ReportError::IncompleteSignature { section: "Ondertekening".into(), field }));
    }
}

#[test]
fn a_callout_needs_a_title_and_a_section_a_name() {
    let mut d = doc();
    d.section("Op koers?").callout(Callout {
        tone: Tone::Warning,
        title: "".into(),
        text: None,
        items: vec!["x".into()],
    });
    assert_eq!(d.validate(), Err(ReportError::UntitledCallout { section: "Op koers?".into() }));
    let mut d = doc();
    d.section(" ").paragraph("x");
    assert_eq!(d.validate(), Err(ReportError::UntitledSection));
}
