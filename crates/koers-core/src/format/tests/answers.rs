//! Answer validation at its boundaries, and completeness.

use super::fixture::mini;
use crate::calendar::{Date, SchoolYear};
use crate::format::FileKind;
use crate::format::answer::*;
use std::collections::BTreeMap;

fn rubric(score: Option<u8>, why: &str) -> Answer {
    Answer::Rubric(RubricAnswer { score, why: why.into() })
}

fn text(t: &str) -> Answer {
    Answer::Reflection(TextAnswer { text: t.into() })
}

/// (field, detail) of every problem, or empty when accepted.
fn problems(item: &str, a: &Answer) -> Vec<(String, String)> {
    match mini().check_answer(item, a) {
        Ok(()) => Vec::new(),
        Err(e) => e.problems.into_iter().map(|p| (p.field, p.detail)).collect(),
    }
}

fn one(item: &str, a: &Answer) -> (String, String) {
    let p = problems(item, a);
    assert_eq!(p.len(), 1, "{item}: {p:?}");
    p.into_iter().next().unwrap_or_default()
}

#[test]
fn a_rubric_score_is_one_to_four() {
    let bad = |s: u8| {
        (
            "score".to_owned(),
            format!(
                "de score moet 1, 2, 3 of 4 zijn (1 onvoldoende, 2 voldoende op onderdelen, 3 voldoende, 4 goed); hier staat {s}"
            ),
        )
    };
    assert_eq!(one("op2-score", &rubric(Some(0), "")), bad(0));
    assert_eq!(one("op2-score", &rubric(Some(5), "")), bad(5));
    assert_eq!(one("op2-score", &rubric(Some(255), "")), bad(255));
    for s in 1..=4 {
        assert!(problems("op2-score", &rubric(Some(s), "omdat")).is_empty(), "{s}");
    }
    assert!(
        problems("op2-score", &rubric(None, "nog geen score, wel een begin")).is_empty(),
        "a draft may lack a score"
    );
}

#[test]
fn text_may_fill_the_limit_but_not_pass_it() {
    // op2-reflectie allows 20 characters; characters, not bytes, count.
    assert!(problems("op2-reflectie", &text(&"é".repeat(20))).is_empty());
    assert_eq!(
        one("op2-reflectie", &text(&"é".repeat(21))),
        ("text".into(), "de tekst is te lang: 21 tekens; ten hoogste 20".into())
    );
    let why = "x".repeat(1501);
    assert_eq!(
        one("op2-score", &rubric(Some(3), &why)),
        ("why".into(), "de tekst is te lang: 1.501 tekens; ten hoogste 1.500".into())
    );
    assert!(problems("op2-score", &rubric(Some(3), &why[..1500])).is_empty());
}

#[test]
fn an_answer_of_the_wrong_kind_or_for_an_unknown_item_is_refused() {
    assert_eq!(
        one("op2-score", &text("tekst")),
        ("kind".into(), "dit item vraagt een antwoord van de soort rubric, niet reflection".into())
    );
    assert_eq!(
        one("bestaat-niet", &text("x")),
        ("item".into(), "dit format (mini versie 2) heeft geen item 'bestaat-niet'".into())
    );
    let e = mini().check_answer("bestaat-niet", &text("x")).err().map(|e| e.to_string());
    assert_eq!(
        e.as_deref(),
        Some("antwoord op 'bestaat-niet': item: dit format (mini versie 2) heeft geen item 'bestaat-niet'")
    );
}

fn file(name: &str, kind: FileKind, size_bytes: u64) -> EvidenceFile {
    EvidenceFile { upload: "u1".into(), name: name.into(), kind, size_bytes }
}

fn evidence(files: Vec<EvidenceFile>, link: Option<&str>) -> Answer {
    Answer::Evidence(EvidenceAnswer { files, link: link.map(str::to_owned), note: String::new() })
}

#[test]
fn evidence_checks_kind_size_count_and_link() {
    const MB: u64 = 1024 * 1024;
    assert!(problems("op2-bewijs", &evidence(vec![file("zorgplan.pdf", FileKind::Pdf, 2 * MB)], None)).is_empty());
    assert_eq!(
        one("op2-bewijs", &evidence(vec![file("zorgplan.pdf", FileKind::Pdf, 2 * MB + 1)], None)),
        ("files[1].size_bytes".into(), "'zorgplan.pdf' is groter dan 2 MB".into())
    );
    assert_eq!(
        one("op2-bewijs", &evidence(vec![file("foto.png", FileKind::Png, 10)], None)),
        ("files[1].kind".into(), "'foto.png' is een png-bestand; hier mag: pdf, docx".into())
    );
    let three = vec![file("a.pdf", FileKind::Pdf, 1), file("b.pdf", FileKind::Pdf, 1), file("c.pdf", FileKind::Pdf, 1)];
    assert_eq!(
        one("op2-bewijs", &evidence(three, None)),
        ("files".into(), "ten hoogste 2 bestand(en) bij dit item; hier 3".into())
    );
    assert!(problems("op2-bewijs", &evidence(vec![], Some("https://school.nl/zorgplan"))).is_empty());
    for bad in ["javascript:alert(1)", "ftp://school.nl/x", "https://school.nl/met spatie", "https://"] {
        assert_eq!(one("op2-bewijs", &evidence(vec![], Some(bad))).0, "link", "{bad}");
    }
    assert!(problems("op2-bewijs", &evidence(vec![], Some("  "))).is_empty(), "an empty link is no link");
}

fn row(id: Option<&str>, label: &str, cells: &[(&str, &str)]) -> RowAnswer {
    RowAnswer {
        row: id.map(str::to_owned),
        label: label.into(),
        cells: cells.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
    }
}

fn results(rows: Vec<RowAnswer>, analysis: &[(&str, &str)]) -> Answer {
    Answer::Results(ResultsAnswer {
        register: None,
        tables: BTreeMap::from([("lvs".to_owned(), rows)]),
        analysis: analysis.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
    })
}

#[test]
fn table_cells_are_checked_against_their_unit() {
    let ok = results(
        vec![
            row(Some("g7"), "", &[("rekenen", "85,5"), ("bron", "Cito M7"), ("aantal", "27"), ("datum", "12-03-2026")]),
            row(Some("g8"), "", &[("rekenen", "100%"), ("aantal", "-3.5"), ("datum", "")]),
            row(None, "Combinatiegroep 7/8", &[("rekenen", "0")]),
        ],
        &[("verklaring", "Groep 7 groeit.")],
    );
    assert_eq!(problems("op2-resultaten", &ok), Vec::<(String, String)>::new());
    let cases: &[(RowAnswer, &str, &str)] = &[
        (
            row(Some("g7"), "", &[("rekenen", "100,1")]),
            "tables.lvs[1].cells.rekenen",
            "Rekenen: vul een percentage tussen 0 en 100 in (bijvoorbeeld 85,5); hier staat '100,1'",
        ),
        (
            row(Some("g7"), "", &[("rekenen", "-0,1")]),
            "tables.lvs[1].cells.rekenen",
            "Rekenen: vul een percentage tussen 0 en 100 in (bijvoorbeeld 85,5); hier staat '-0,1'",
        ),
        (
            row(Some("g7"), "", &[("aantal", "veel")]),
            "tables.lvs[1].cells.aantal",
            "Aantal: vul een getal in (bijvoorbeeld 12 of 3,5); hier staat 'veel'",
        ),
        (
            row(Some("g7"), "", &[("aantal", "NaN")]),
            "tables.lvs[1].cells.aantal",
            "Aantal: vul een getal in (bijvoorbeeld 12 of 3,5); hier staat 'NaN'",
        ),
        (
            row(Some("g7"), "", &[("datum", "31-02-2026")]),
            "tables.lvs[1].cells.datum",
            "Datum: vul een datum in (bijvoorbeeld 12-03-2026); hier staat '31-02-2026'",
        ),
        (
            row(Some("g7"), "", &[("spelling", "80")]),
            "tables.lvs[1].cells.spelling",
            "de tabel 'lvs' heeft geen kolom 'spelling'",
        ),
        (row(Some("g3"), "", &[]), "tables.lvs[1].row", "de tabel 'lvs' heeft geen rij 'g3'"),
        (row(None, " ", &[]), "tables.lvs[1].label", "geef de rij een naam (groep)"),
    ];
    for (r, field, detail) in cases {
        assert_eq!(one("op2-resultaten", &results(vec![r.clone()], &[])), ((*field).into(), (*detail).into()));
    }
    let long = "x".repeat(501);
    assert_eq!(
        one("op2-resultaten", &results(vec![row(Some("g7"), "", &[("bron", &long)])], &[])).1,
        "de tekst is te lang: 501 tekens; ten hoogste 500"
    );
    let twice = vec![row(Some("g7"), "", &[]), row(Some("g7"), "", &[])];
    assert_eq!(one("op2-resultaten", &results(twice, &[])).1, "de rij 'g7' staat er twee keer");
    let two_free = vec![row(None, "a", &[]), row(None, "b", &[])];
    assert_eq!(
        one("op2-resultaten", &results(two_free, &[])),
        ("tables.lvs".into(), "ten hoogste 1 eigen rij(en) in deze tabel; hier 2".into())
    );
    assert_eq!(one("op2-resultaten", &results(vec![], &[("verklaring", &"x".repeat(31))])).0, "analysis.verklaring");
    assert_eq!(
        one("op2-resultaten", &results(vec![], &[("conclusie", "x")])).1,
        "dit item heeft geen analysevraag 'conclusie'"
    );
}

#[test]
fn a_register_snapshot_must_be_the_data_the_item_shows() {
    let vo = RegisterSnapshot::VoExamens {
        years: vec![ExamYear {
            school_year: SchoolYear { start_year: 2024 },
            track: "HAVO".into(),
            candidates: 80,
            passed: 70,
        }],
    };
    let a = Answer::Results(ResultsAnswer { register: Some(vo), ..ResultsAnswer::default() });
    assert_eq!(
        one("op2-resultaten", &a),
        ("register".into(), "dit item toont geen gegevens uit examenkandidaten en geslaagden (DUO)".into())
    );
}

fn visit(scores: &[(&str, u8)]) -> Visit {
    Visit {
        date: Date::new(2026, 3, 12).ok(),
        group: "groep 5".into(),
        observer: "intern begeleider".into(),
        scores: scores.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
        ..Visit::default()
    }
}

fn visits(v: Vec<Visit>) -> Answer {
    Answer::Observation(ObservationAnswer { visits: v })
}

#[test]
fn klassenbezoeken_score_known_look_fors_from_one_to_four() {
    assert!(problems("op3-bezoeken", &visits(vec![visit(&[("klimaat-1", 1), ("afstemming-1", 4)])])).is_empty());
    assert_eq!(
        one("op3-bezoeken", &visits(vec![visit(&[("klimaat-1", 0)])])),
        ("visits[1].scores.klimaat-1".into(), "een kijkpunt krijgt een score van 1 tot en met 4; hier staat 0".into())
    );
    assert_eq!(
        one("op3-bezoeken", &visits(vec![visit(&[]), visit(&[("klimaat-1", 5)])])).0,
        "visits[2].scores.klimaat-1"
    );
    assert_eq!(
        one("op3-bezoeken", &visits(vec![visit(&[("instructie-1", 3)])])).1,
        "de kijkwijzer 'kw' heeft geen kijkpunt 'instructie-1'"
    );
    assert!(problems("op3-bezoeken", &visits(vec![visit(&[]); 3])).is_empty());
    assert_eq!(
        one("op3-bezoeken", &visits(vec![visit(&[]); 4])),
        ("visits".into(), "ten hoogste 3 klassenbezoeken bij dit item; hier 4".into())
    );
    let mut long = visit(&[]);
    long.strengths = "x".repeat(1001);
    assert_eq!(one("op3-bezoeken", &visits(vec![long])).0, "visits[1].strengths");
}

fn chosen(options: &[(&str, &str)]) -> Answer {
    Answer::Choice(ChoiceAnswer {
        selected: options.iter().map(|(o, n)| Selection { option: (*o).into(), note: (*n).into() }).collect(),
    })
}

#[test]
fn choices_must_be_known_not_repeated_and_within_the_limit() {
    assert!(problems("ka1-menu", &chosen(&[("zomerschool", "groep 7 en 8"), ("tutoring", "")])).is_empty());
    assert_eq!(
        one("ka1-menu", &chosen(&[("zomerschool", ""), ("tutoring", ""), ("kleine-groepen", "")])),
        ("selected".into(), "kies ten hoogste 2 opties; hier zijn er 3 gekozen".into())
    );
    assert_eq!(
        one("ka1-menu", &chosen(&[("huiswerkklas", "")])),
        ("selected[1].option".into(), "onbekende optie 'huiswerkklas'".into())
    );
    assert_eq!(
        one("ka1-menu", &chosen(&[("tutoring", ""), ("tutoring", "")])).1,
        "de optie 'tutoring' is twee keer gekozen"
    );
    assert_eq!(one("ka1-menu", &chosen(&[("tutoring", &"x".repeat(41))])).0, "selected[1].note");
    assert!(problems("ka1-ja-nee", &chosen(&[("ja", "")])).is_empty());
    assert_eq!(one("ka1-ja-nee", &chosen(&[("ja", ""), ("nee", "")])).1, "kies één optie; hier zijn er 2 gekozen");
    assert_eq!(one("ka1-ja-nee", &chosen(&[("ja", "want")])).1, "bij deze vraag hoort geen toelichting per optie");
}

#[test]
fn an_answer_counts_as_complete_only_when_it_answers_the_item() {
    let f = mini();
    let complete = |item: &str, a: &Answer| f.is_complete(item, Some(a));
    assert!(complete("op2-score", &rubric(Some(3), "omdat")));
    assert!(!complete("op2-score", &rubric(Some(3), " ")), "a score needs its waarom");
    assert!(!complete("op2-score", &rubric(None, "omdat")));
    assert!(!complete("op2-score", &rubric(Some(7), "omdat")));
    assert!(complete("op2-reflectie", &text("Wij")));
    assert!(!complete("op2-reflectie", &text("\n")));
    assert!(!complete("op2-reflectie", &rubric(Some(3), "x")), "the wrong kind never counts");
    assert!(complete("op2-bewijs", &evidence(vec![], Some("https://school.nl/plan"))));
    assert!(!complete("op2-bewijs", &evidence(vec![], None)));
    assert!(complete("op2-resultaten", &results(vec![], &[("verklaring", "Zo.")])));
    assert!(!complete("op2-resultaten", &results(vec![row(Some("g7"), "", &[("rekenen", "80")])], &[])));
    assert!(!complete("op3-bezoeken", &visits(vec![visit(&[("klimaat-1", 3)])])), "two visits are asked");
    assert!(complete("op3-bezoeken", &visits(vec![visit(&[("klimaat-1", 3)]), visit(&[("klimaat-2", 2)])])));
    assert!(!complete("op3-bezoeken", &visits(vec![visit(&[("klimaat-1", 3)]), visit(&[])])), "a visit without scores");
    assert!(complete("ka1-menu", &chosen(&[("tutoring", "")])));
    assert!(!complete("ka1-menu", &chosen(&[])));
    assert!(!f.is_complete("op2-score", None));
    assert!(!f.is_complete("onbekend", Some(&text("x"))));
}

#[test]
fn answers_read_back_from_json_tagged_by_kind() {
    let a = visits(vec![visit(&[("klimaat-1", 3)])]);
    let json = serde_json::to_string(&a).unwrap_or_default();
    assert!(json.starts_with(r#"{"kind":"observation","visits":[{"date":"2026-03-12""#), "{json}");
    let back: Answer = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, a);
    let partial: Answer = serde_json::from_str(r#"{"kind":"rubric","score":5}"#).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(partial, rubric(Some(5), ""), "an out-of-range score reaches validation");
}
