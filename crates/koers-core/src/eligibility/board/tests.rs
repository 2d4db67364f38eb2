//! The board rule as a table (reference year 2026, the shipped 3 and 2 years), with the
//! boundaries: exactly N years ago counts, N + 1 does not.

use super::*;

const NOW: u16 = 2026;

fn verdict(year: u16, oordeel: Oordeel) -> SchoolVerdict {
    SchoolVerdict { school: "De Regenboog".into(), year, oordeel }
}

fn risk(year: u16) -> RiskInvestigation {
    RiskInvestigation { school: "De Regenboog".into(), year }
}

fn assessment(year: u16, oordeel: BoardOordeel, herstel: bool, dev: bool) -> BoardAssessment {
    BoardAssessment { year, oordeel, herstelopdrachten: herstel, development_assignments: dev }
}

fn board() -> BoardFacts {
    BoardFacts { schools: 12, ..BoardFacts::default() }
}

fn eenpitter(concerns: &[QualityConcern], assessments: &[BoardAssessment]) -> BoardFacts {
    BoardFacts {
        schools: 1,
        quality_concerns: concerns.to_vec(),
        board_assessments: assessments.to_vec(),
        ..BoardFacts::default()
    }
}

fn weak(year: u16, oordeel: Oordeel) -> Reason {
    Reason::SchoolJudgedWeak { school: "De Regenboog".into(), year, oordeel }
}

fn old(r: Reason) -> Reason {
    Reason::LongerAgo { years: 3, fact: Box::new(r) }
}

const NONE: Reason = Reason::NoBoardCriteriaMet { years: 3 };

#[test]
fn the_board_rule_table() {
    use BoardOordeel::{Goed, Onvoldoende, Voldoende};
    use Oordeel::{Onvoldoende as SOnv, Voldoende as SVold, ZeerZwak};
    use QualityConcern::*;
    use Verdict::{Eligible as E, NotEligible as N};
    let with = |f: fn(&mut BoardFacts)| {
        let mut b = board();
        f(&mut b);
        b
    };
    let cases: Vec<(&str, BoardFacts, Verdict, Vec<Reason>)> = vec![
        (
            "onvoldoende exactly 3 years ago counts",
            with(|b| b.school_verdicts = vec![verdict(2023, SOnv)]),
            E,
            vec![weak(2023, SOnv)],
        ),
        (
            "zeer zwak 4 years ago does not",
            with(|b| b.school_verdicts = vec![verdict(2022, ZeerZwak)]),
            N,
            vec![NONE, old(weak(2022, ZeerZwak))],
        ),
        (
            "a verdict this year counts",
            with(|b| b.school_verdicts = vec![verdict(2026, ZeerZwak)]),
            E,
            vec![weak(2026, ZeerZwak)],
        ),
        (
            "a year after the reference year counts",
            with(|b| b.school_verdicts = vec![verdict(2027, SOnv)]),
            E,
            vec![weak(2027, SOnv)],
        ),
        ("a voldoende school is no reason", with(|b| b.school_verdicts = vec![verdict(2025, SVold)]), N, vec![NONE]),
        ("nothing at all", board(), N, vec![NONE]),
        (
            "a risk investigation exactly 3 years ago counts",
            with(|b| b.risk_investigations = vec![risk(2023)]),
            E,
            vec![Reason::InvestigatedForRisks { school: "De Regenboog".into(), year: 2023 }],
        ),
        (
            "a risk investigation 4 years ago does not",
            with(|b| b.risk_investigations = vec![risk(2022)]),
            N,
            vec![NONE, old(Reason::InvestigatedForRisks { school: "De Regenboog".into(), year: 2022 })],
        ),
        (
            "development assignments without onvoldoende count",
            with(|b| b.board_assessments = vec![assessment(2023, Voldoende, false, true)]),
            E,
            vec![Reason::DevelopmentAssignments { year: 2023 }],
        ),
        (
            "development assignments 4 years ago do not",
            with(|b| b.board_assessments = vec![assessment(2022, Goed, false, true)]),
            N,
            vec![NONE, old(Reason::DevelopmentAssignments { year: 2022 })],
        ),
        (
            "development assignments with an onvoldoende do not",
            with(|b| b.board_assessments = vec![assessment(2025, Onvoldoende, true, true)]),
            N,
            vec![NONE],
        ),
        (
            "an assessment without development assignments is no reason",
            with(|b| b.board_assessments = vec![assessment(2025, Voldoende, false, false)]),
            N,
            vec![NONE],
        ),
        (
            "every criterion that holds is listed, old facts are left out",
            with(|b| {
                b.school_verdicts = vec![verdict(2024, SOnv), verdict(2020, ZeerZwak)];
                b.risk_investigations = vec![risk(2025)];
            }),
            E,
            vec![weak(2024, SOnv), Reason::InvestigatedForRisks { school: "De Regenboog".into(), year: 2025 }],
        ),
        (
            "an éénpitter with concerns and no recent good verdict qualifies",
            eenpitter(&[Culture, BkaExpectations, Culture], &[]),
            E,
            vec![
                Reason::QualityConcerns { concerns: vec![BkaExpectations, Culture] },
                Reason::NotJudgedWellRecently { years: 2 },
            ],
        ),
        (
            "voldoende without herstelopdrachten exactly 2 years ago blocks the éénpitter route",
            eenpitter(&[Roles], &[assessment(2024, Voldoende, false, false)]),
            N,
            vec![NONE, Reason::JudgedWellRecently { year: 2024, oordeel: Voldoende, years: 2 }],
        ),
        (
            "goed 3 years ago no longer blocks it",
            eenpitter(&[Roles], &[assessment(2023, Goed, false, false)]),
            E,
            vec![Reason::QualityConcerns { concerns: vec![Roles] }, Reason::NotJudgedWellRecently { years: 2 }],
        ),
        (
            "voldoende with herstelopdrachten does not block it",
            eenpitter(&[InternalSupervision], &[assessment(2025, Voldoende, true, false)]),
            E,
            vec![
                Reason::QualityConcerns { concerns: vec![InternalSupervision] },
                Reason::NotJudgedWellRecently { years: 2 },
            ],
        ),
        (
            "onvoldoende does not block it",
            eenpitter(&[BoardDocuments], &[assessment(2025, Onvoldoende, true, false)]),
            E,
            vec![
                Reason::QualityConcerns { concerns: vec![BoardDocuments] },
                Reason::NotJudgedWellRecently { years: 2 },
            ],
        ),
        (
            "the latest good verdict is the one named",
            eenpitter(&[], &[assessment(2024, Goed, false, false), assessment(2025, Voldoende, false, false)]),
            N,
            vec![
                NONE,
                Reason::NoQualityConcerns,
                Reason::JudgedWellRecently { year: 2025, oordeel: Voldoende, years: 2 },
            ],
        ),
        (
            "an éénpitter without concerns does not qualify",
            eenpitter(&[], &[]),
            N,
            vec![NONE, Reason::NoQualityConcerns],
        ),
        (
            "the éénpitter route is only for éénpitters",
            BoardFacts { schools: 2, ..eenpitter(&[Culture], &[]) },
            N,
            vec![NONE],
        ),
        (
            "an éénpitter also qualifies through the general criteria",
            BoardFacts { school_verdicts: vec![verdict(2025, SOnv)], ..eenpitter(&[], &[]) },
            E,
            vec![weak(2025, SOnv)],
        ),
    ];
    for (name, facts, verdict, reasons) in cases {
        let e = assess_board(&facts, &BoardRule::default(), NOW);
        assert_eq!((e.verdict, &e.reasons), (verdict, &reasons), "{name}");
        assert!(e.bands.is_empty() && e.levers.is_empty(), "{name}");
    }
}

#[test]
fn the_windows_come_from_the_rule_settings() {
    let facts = BoardFacts { school_verdicts: vec![verdict(2021, Oordeel::Onvoldoende)], ..board() };
    let five = BoardRule { lookback_years: 5, eenpitter_lookback_years: 2 };
    assert_eq!(assess_board(&facts, &five, NOW).verdict, Verdict::Eligible);
    assert_eq!(assess_board(&facts, &BoardRule::default(), NOW).verdict, Verdict::NotEligible);
    assert_eq!(assess_board(&facts, &BoardRule::default(), 2024).verdict, Verdict::Eligible);
}

#[test]
fn within_the_last_years_includes_the_boundary_year() {
    for (year, n, inside) in
        [(2023, 3, true), (2022, 3, false), (2024, 2, true), (2023, 2, false), (2026, 0, true), (2030, 1, true)]
    {
        assert_eq!(within_last_years(year, n, NOW), inside, "{year} within {n}");
    }
}

#[test]
fn the_summary_speaks_of_the_board_and_names_the_school_and_year() {
    let facts = BoardFacts { school_verdicts: vec![verdict(2023, Oordeel::Onvoldoende)], ..board() };
    assert_eq!(
        assess_board(&facts, &BoardRule::default(), NOW).summary_nl(),
        "Je bestuur komt in aanmerking omdat de Inspectie De Regenboog in 2023 als onvoldoende heeft beoordeeld."
    );
    let facts = BoardFacts { risk_investigations: vec![risk(2022)], ..board() };
    assert_eq!(
        assess_board(&facts, &BoardRule::default(), NOW).summary_nl(),
        "Je bestuur komt niet in aanmerking omdat in de afgelopen 3 jaar geen school van het bestuur als onvoldoende of zeer zwak is beoordeeld, de Inspectie geen school vanwege risico's heeft onderzocht en geen bestuursonderzoek duidelijke ontwikkelopdrachten gaf en de Inspectie De Regenboog in 2022 vanwege risico's heeft onderzocht, maar dat is langer dan 3 jaar geleden."
    );
    let facts = eenpitter(&[QualityConcern::Culture, QualityConcern::Roles], &[]);
    assert_eq!(
        assess_board(&facts, &BoardRule::default(), NOW).summary_nl(),
        "Je bestuur komt in aanmerking omdat het bestuur zorgen heeft over de rollen van bestuur, toezichthouders en (G)MR en de kwaliteitscultuur en het bestuur in de afgelopen 2 jaar niet als voldoende of goed zonder herstelopdrachten is beoordeeld."
    );
    let facts = eenpitter(&[QualityConcern::Culture], &[assessment(2025, BoardOordeel::Goed, false, false)]);
    let s = assess_board(&facts, &BoardRule::default(), NOW).summary_nl();
    assert!(
        s.ends_with(
            "de Inspectie het bestuur in 2025 als goed zonder herstelopdrachten heeft beoordeeld (binnen 2 jaar)."
        ),
        "{s}"
    );
}

#[test]
fn board_reasons_serialise_with_the_older_fact_nested() {
    let facts = BoardFacts { school_verdicts: vec![verdict(2020, Oordeel::ZeerZwak)], ..board() };
    let j = serde_json::to_value(assess_board(&facts, &BoardRule::default(), NOW)).unwrap_or_default();
    assert_eq!(j["reasons"][0]["reason"], "no_board_criteria_met");
    assert_eq!(j["reasons"][1]["reason"], "longer_ago");
    assert_eq!(j["reasons"][1]["fact"]["reason"], "school_judged_weak");
    assert_eq!(j["reasons"][1]["fact"]["oordeel"], "zeer_zwak");
}

#[test]
fn board_facts_come_in_as_json_from_a_form() {
    let j = r#"{"schools":1,"school_verdicts":[],"risk_investigations":[],
        "board_assessments":[{"year":2025,"oordeel":"goed","herstelopdrachten":false,"development_assignments":true}],
        "quality_concerns":["internal_supervision"]}"#;
    let f: BoardFacts = serde_json::from_str(j).unwrap_or_else(|e| panic!("{e}"));
    assert!(f.is_eenpitter());
    assert_eq!(
        assess_board(&f, &BoardRule::default(), NOW).reasons,
        vec![Reason::DevelopmentAssignments { year: 2025 }]
    );
    assert_eq!(QualityConcern::ALL.len(), 5);
}
