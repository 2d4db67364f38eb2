use super::fixture::{MINI, mini};
use crate::format::item::{FileKind, ItemKind};
use crate::format::{Filler, Format};

#[test]
fn the_fixture_parses_with_every_item_kind() {
    let f = mini();
    let kinds: Vec<&str> = f.items().map(|l| l.item.kind.name()).collect();
    assert_eq!(
        kinds,
        ["rubric", "reflection", "evidence", "results", "rubric", "observation", "rubric", "choice", "choice"]
    );
    assert_eq!(f.version, 2);
    assert_eq!(f.item("op3-bezoeken").map(|l| l.standard()), Some(Some("OP3")));
    assert_eq!(f.standard("SKA1").map(|s| s.code.as_str()), Some("KA1"), "an alias finds the standard");
    assert_eq!(f.filler(&f.sections[2]), Filler::Expert);
    assert_eq!(f.filler(&f.sections[0]), Filler::School);
}

#[test]
fn defaults_fill_what_a_format_leaves_out() {
    let f = mini();
    let Some(ItemKind::Rubric(r)) = f.item("op2-score").map(|l| &l.item.kind) else { panic!("rubric") };
    assert_eq!((r.why_max_chars, r.why_required), (1500, true));
    assert!(r.why_prompt.starts_with("Waarom deze score?"));
    let Some(ItemKind::Evidence(e)) = f.item("op2-bewijs").map(|l| &l.item.kind) else { panic!("evidence") };
    assert_eq!(e.accept, [FileKind::Pdf, FileKind::Docx]);
    assert_eq!(e.max_file_bytes(), 2 * 1024 * 1024);
    assert!(e.allow_link);
    assert!(f.item("op2-score").is_some_and(|l| l.item.required));
    assert!(f.item("op2-bewijs").is_some_and(|l| !l.item.required));
}

#[test]
fn a_format_survives_a_round_trip_through_toml_and_json() {
    let f = mini();
    let text = f.to_toml().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(Format::from_toml("terug.toml", &text), Ok(f.clone()), "{text}");
    let json = serde_json::to_string(&f).unwrap_or_else(|e| panic!("{e}"));
    let back: Format = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.validate("json"), Ok(()));
    assert_eq!(back, f);
    assert!(json.contains(r#""kind":"rubric""#), "items are tagged by kind in JSON too");
    assert!(MINI.len() < text.len() * 2);
}

#[test]
fn options_come_from_the_list_inline_or_the_standards() {
    let f = mini();
    let choice = |id: &str| match f.item(id).map(|l| &l.item.kind) {
        Some(ItemKind::Choice(c)) => c.clone(),
        _ => panic!("{id}"),
    };
    let ids = |c| f.options_of(&c).into_iter().map(|o| o.id).collect::<Vec<_>>();
    assert_eq!(ids(choice("ka1-menu")), ["zomerschool", "kleine-groepen", "tutoring"]);
    assert_eq!(ids(choice("ka1-ja-nee")), ["ja", "nee"]);
    let mut scope = choice("ka1-ja-nee");
    scope.options.clear();
    scope.from_standards = true;
    assert_eq!(ids(scope.clone()), ["OP2", "OP3", "KA1"]);
    assert_eq!(f.options_of(&scope)[0].label, "OP2 Zicht op ontwikkeling en begeleiding");
}

#[test]
fn file_kinds_are_told_by_content_not_by_name() {
    assert_eq!(FileKind::sniff(b"%PDF-1.7\n..."), Some(FileKind::Pdf));
    assert_eq!(FileKind::sniff(b"\x89PNG\r\n\x1a\n...."), Some(FileKind::Png));
    assert_eq!(FileKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Some(FileKind::Jpg));
    assert_eq!(FileKind::sniff(b"PK\x03\x04....[Content_Types].xml....word/document.xml"), Some(FileKind::Docx));
    assert_eq!(FileKind::sniff(b"PK\x03\x04....xl/workbook.xml"), Some(FileKind::Xlsx));
    assert_eq!(FileKind::sniff(b"PK\x03\x04 a plain zip"), None);
    assert_eq!(FileKind::sniff(b"MZ\x90\x00 an exe named .pdf"), None);
    assert_eq!(FileKind::sniff(b""), None);
    assert_eq!(FileKind::from_file_name("Verslag.PDF"), Some(FileKind::Pdf));
    assert_eq!(FileKind::from_file_name("foto.jpeg"), Some(FileKind::Jpg));
    assert_eq!(FileKind::from_file_name("script.exe"), None);
    assert_eq!(FileKind::from_file_name("geen-extensie"), None);
}
