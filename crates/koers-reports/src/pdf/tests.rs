use super::*;
use crate::document::{Callout, Column, Metadata, Signature, Table, Tone};
use crate::extract::{page_count, pdf_text, pdf_text_layout, searchable};
use crate::sample;

fn text_of(pdf: &[u8]) -> String {
    searchable(&pdf_text(pdf).expect("pdftotext (apt-get install poppler-utils)"))
}

fn meta(school: &str) -> Metadata {
    Metadata {
        organisation: "GWGB+".into(),
        school: school.into(),
        reference: Some("GWGB-2026-0007".into()),
        period: None,
        generated: "30 november 2026".into(),
    }
}

#[test]
fn the_sample_report_renders_five_pages_with_its_school_goal_value_reason_and_signature() {
    let doc = sample::voortgangsrapportage().expect("sample");
    let (pdf, warnings) = render_with_warnings(&doc).expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    assert_eq!(warnings, Vec::<String>::new(), "the template renders without warnings");
    let raw = pdf_text(&pdf).expect("pdftotext");
    assert_eq!(page_count(&raw), 5, "five pages:\n{raw}");
    let text = searchable(&raw);
    for want in [
        sample::SCHOOL,
        sample::GOAL,
        sample::INDICATOR_VALUE,
        sample::REASON,
        sample::SIGNER,
        "Ondertekend op 28 maart 2027",
        "Niet op koers",
        "€ 6.286,50",
        "pagina 1 van 5",
        "pagina 3 van 5",
        "pagina 5 van 5",
        "LV-2026-0042",
        // Chart text is real text in the PDF (the SVG's font family resolved to the shipped font).
        "Vergelijkbare scholen 91,5%",
        "Basiskwaliteit (2)",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
}

#[test]
fn the_kostenoverzicht_shows_the_school_share_of_eight_npo_dagdelen() {
    let pdf = render_pdf(&sample::kostenoverzicht()).expect("pdf");
    // Layout mode: a table row is one line of text.
    let text = searchable(&pdf_text_layout(&pdf).expect("pdftotext"));
    for want in [
        "Kenmerk NPO-2026-0013",
        "Totaal 8 € 4.572,00 € 2.286,00 € 2.286,00",
        "Te betalen door de school € 2.286,00",
        "pagina 1 van 1",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
}

#[test]
fn the_pdf_is_tagged_and_carries_its_title_and_language() {
    let doc = sample::voortgangsrapportage().expect("sample");
    let pdf = render_pdf(&doc).expect("pdf");
    let path = std::env::temp_dir().join(format!("koers-reports-info-{}.pdf", std::process::id()));
    std::fs::write(&path, &pdf).expect("write");
    let out = std::process::Command::new("pdfinfo").arg(&path).output().expect("pdfinfo (poppler-utils)");
    let _ = std::fs::remove_file(&path);
    let info = String::from_utf8_lossy(&out.stdout);
    let field = |name: &str| {
        info.lines().find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(':'))).map(str::trim).unwrap_or("")
    };
    assert_eq!(field("Title"), "Voortgangsrapportage", "{info}");
    assert_eq!(field("Author"), "Leren Verbeteren — procesbegeleiding", "{info}");
    assert_eq!(field("Tagged"), "yes", "{info}");
    assert_eq!(field("Page size"), "595.276 x 841.89 pts (A4)", "{info}");
    assert_eq!(field("Pages"), "5", "{info}");
    // The catalog (written uncompressed by Typst) names the language.
    let bytes = String::from_utf8_lossy(&pdf);
    assert!(bytes.contains("/Type/Catalog") && bytes.contains("/Lang(nl-NL)"), "no /Lang nl-NL in the catalog");
}

/// Typst markup, math, references, labels, escapes, comments, raw text, a set rule and HTML:
/// all of it must come out as the very characters that went in.
const HOSTILE: &str = r#"#set page(fill: red) $x^2$ *vet* _schuin_ @ref <label> \u{41} `raw` // x /* y */ = Kop [a](b) #{1+1} & < > "q" 'r'"#;

#[test]
fn hostile_text_renders_literally_everywhere() {
    let mut doc = Document::new(HOSTILE, meta(HOSTILE)).with_subtitle(HOSTILE);
    doc.meta.period = Some(HOSTILE.into());
    doc.section(HOSTILE)
        .heading(HOSTILE)
        .paragraph(HOSTILE)
        .key_values([(HOSTILE, HOSTILE)])
        .bullets([HOSTILE])
        .quote(HOSTILE, Some(HOSTILE.into()))
        .callout(Callout {
            tone: Tone::Info,
            title: HOSTILE.into(),
            text: Some(HOSTILE.into()),
            items: vec![HOSTILE.into()],
        })
        .table(Table {
            caption: Some(HOSTILE.into()),
            columns: vec![Column::wide(HOSTILE, 1)],
            rows: vec![vec![HOSTILE.into()]],
            total: Some(vec![HOSTILE.into()]),
        })
        .signatures(vec![Signature {
            name: HOSTILE.into(),
            role: HOSTILE.into(),
            date: HOSTILE.into(),
            note: Some(HOSTILE.into()),
        }]);
    let (pdf, warnings) = render_with_warnings(&doc).expect("pdf");
    assert_eq!(warnings, Vec::<String>::new());
    let text = text_of(&pdf);
    // Title, subtitle, school (title block + header), period, section, heading, paragraph, key,
    // value, bullet, quote, attribution, callout title/text/item, caption, header cell, cell,
    // total, name, role, date, note.
    // 23 fields, plus the page header from page 2 on.
    let n = text.matches(HOSTILE).count();
    assert!(n >= 23, "only {n} literal copies in:\n{text}");
}

#[test]
fn line_breaks_in_an_answer_are_kept_and_a_blank_line_starts_a_paragraph() {
    let mut doc = Document::new("Zelfevaluatie", meta("De Linde"));
    doc.section("Reflectie").paragraph("Eerste regel\nTweede regel\n\nNieuwe alinea");
    let raw = pdf_text(&render_pdf(&doc).expect("pdf")).expect("text");
    assert!(raw.contains("Eerste regel\nTweede regel\n"), "{raw}");
    assert!(raw.contains("Nieuwe alinea"), "{raw}");
}

#[test]
fn a_report_that_cannot_be_produced_names_what_is_missing() {
    let mut doc = Document::new("Plan van aanpak", meta("De Linde"));
    doc.section("Doelen");
    let e = render_pdf(&doc).expect_err("empty required section");
    assert_eq!(e.to_string(), "het rapport kan niet worden gemaakt: de sectie 'Doelen' is leeg");

    let mut doc = Document::new("Plan van aanpak", meta(" "));
    doc.section("Doelen").paragraph("Lezen");
    let e = render_pdf(&doc).expect_err("no school");
    assert_eq!(e.to_string(), "het rapport kan niet worden gemaakt: de schoolnaam ontbreekt");
}

#[test]
fn an_optional_empty_section_shows_its_text() {
    let mut doc = Document::new("Voortgang", meta("De Linde"));
    doc.section("Metingen").when_empty("Er zijn nog geen metingen.").heading("Doel 1").bullets(Vec::<String>::new());
    let text = text_of(&render_pdf(&doc).expect("pdf"));
    assert!(text.contains("Metingen Er zijn nog geen metingen."), "{text}");
    assert!(!text.contains("Doel 1"), "a lone subheading of an empty section is left out: {text}");
}

#[test]
fn dutch_diacritics_and_the_euro_sign_survive() {
    let mut doc = Document::new("Kostenoverzicht", meta("Basisschool 't Ĳsselland"));
    doc.section("Bedragen").paragraph("Coördinatie, één reünie, café, naïef: € 2.286,00 — “aanhalingstekens”");
    let text = text_of(&render_pdf(&doc).expect("pdf"));
    assert!(text.contains("Coördinatie, één reünie, café, naïef: € 2.286,00 — “aanhalingstekens”"), "{text}");
    assert!(text.contains("Basisschool 't Ĳsselland") || text.contains("Basisschool 't IJsselland"), "{text}");
}

#[test]
fn renders_from_several_threads_share_one_engine() {
    warm_up().expect("engine");
    let handles: Vec<_> = (0..3)
        .map(|i| {
            std::thread::spawn(move || {
                let mut doc = Document::new("Voortgang", meta(&format!("School {i}")));
                doc.section("Doelen").paragraph(format!("Doel van school {i}"));
                render_pdf(&doc).map(|pdf| text_of(&pdf))
            })
        })
        .collect();
    for (i, h) in handles.into_iter().enumerate() {
        let text = h.join().expect("thread").expect("pdf");
        assert!(text.contains(&format!("Doel van school {i}")), "{text}");
    }
}
