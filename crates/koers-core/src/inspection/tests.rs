use super::*;
use crate::eligibility::board::BoardOordeel;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap_or_else(|e| panic!("{e}"))
}

fn form(date: &str, oordeel: &str, afdeling: &str, source: &str) -> VerdictForm {
    VerdictForm {
        date: date.into(),
        oordeel: oordeel.into(),
        afdeling: afdeling.into(),
        source: source.into(),
        ..VerdictForm::default()
    }
}

const VO: Subject = Subject::School { vo: true };
const PO: Subject = Subject::School { vo: false };

fn fields(r: Result<VerdictFacts, Vec<FieldProblem>>) -> Vec<&'static str> {
    r.err().unwrap_or_default().iter().map(|p| p.field).collect()
}

#[test]
fn oordeel_codes_and_labels_parse() {
    for (text, want) in [
        ("onvoldoende", Some(VerdictOordeel::Onvoldoende)),
        ("Zeer zwak", Some(VerdictOordeel::ZeerZwak)),
        ("zeer_zwak", Some(VerdictOordeel::ZeerZwak)),
        (" zeer-zwak ", Some(VerdictOordeel::ZeerZwak)),
        ("VOLDOENDE", Some(VerdictOordeel::Voldoende)),
        ("goed", Some(VerdictOordeel::Goed)),
        ("slecht", None),
        ("", None),
    ] {
        assert_eq!(VerdictOordeel::parse(text), want, "{text:?}");
    }
    for o in VerdictOordeel::ALL {
        assert_eq!(VerdictOordeel::parse(o.code()), Some(o));
    }
    for a in Afdeling::ALL {
        assert_eq!(Afdeling::parse(a.code()), Some(a));
    }
    assert_eq!(Afdeling::parse("VMBO-GT"), Some(Afdeling::VmboGt));
    assert_eq!(Afdeling::parse("mavo"), None);
}

#[test]
fn the_date_may_be_today_but_not_tomorrow() {
    let today = d("2026-11-30");
    let ok = validate(&form("30-11-2026", "onvoldoende", "", "rapport"), PO, today);
    assert_eq!(ok.map(|f| f.date), Ok(today));
    let err = validate(&form("2026-12-01", "onvoldoende", "", "rapport"), PO, today).err().unwrap_or_default();
    assert_eq!(err.len(), 1);
    assert_eq!(err[0].field, "datum");
    assert!(err[0].message.contains("niet in de toekomst"), "{}", err[0].message);
    assert!(err[0].message.contains("01-12-2026"), "{}", err[0].message);
    assert_eq!(fields(validate(&form("", "goed", "", "x"), PO, today)), ["datum"]);
    assert_eq!(fields(validate(&form("31-02-2025", "goed", "", "x"), PO, today)), ["datum"]);
    assert_eq!(fields(validate(&form("gisteren", "goed", "", "x"), PO, today)), ["datum"]);
}

#[test]
fn unknown_oordeel_names_the_field_and_the_choices() {
    let today = d("2026-11-30");
    let err = validate(&form("2025-03-12", "matig", "", "rapport"), PO, today).err().unwrap_or_default();
    assert_eq!(err.len(), 1);
    assert_eq!(err[0].field, "oordeel");
    assert!(err[0].message.starts_with("Oordeel: onbekend oordeel \"matig\""), "{}", err[0].message);
    assert!(err[0].message.contains("zeer zwak"));
    assert_eq!(fields(validate(&form("2025-03-12", "", "", "x"), PO, today)), ["oordeel"]);
    // A board is never "zeer zwak".
    let err = validate(&form("2025-03-12", "zeer zwak", "", "x"), Subject::Board, today).err().unwrap_or_default();
    assert_eq!(err[0].field, "oordeel");
    assert!(err[0].message.contains("bestuur"));
    assert!(validate(&form("2025-03-12", "goed", "", "x"), Subject::Board, today).is_ok());
}

#[test]
fn afdeling_only_for_vo_and_only_known_ones() {
    let today = d("2026-11-30");
    let v = validate(&form("2025-03-12", "zeer zwak", "havo", "x"), VO, today);
    assert_eq!(v.map(|f| f.afdeling), Ok(Some(Afdeling::Havo)));
    assert_eq!(fields(validate(&form("2025-03-12", "zeer zwak", "mavo", "x"), VO, today)), ["afdeling"]);
    assert_eq!(fields(validate(&form("2025-03-12", "zeer zwak", "havo", "x"), PO, today)), ["afdeling"]);
    assert_eq!(fields(validate(&form("2025-03-12", "voldoende", "havo", "x"), Subject::Board, today)), ["afdeling"]);
    assert_eq!(validate(&form("2025-03-12", "zeer zwak", " ", "x"), VO, today).map(|f| f.afdeling), Ok(None));
}

#[test]
fn source_is_required_and_bounded_and_every_problem_is_listed() {
    let today = d("2026-11-30");
    assert_eq!(fields(validate(&form("2025-03-12", "goed", "", "  "), PO, today)), ["bron"]);
    let long = "x".repeat(MAX_SOURCE_CHARS);
    assert!(validate(&form("2025-03-12", "goed", "", &long), PO, today).is_ok());
    let longer = "x".repeat(MAX_SOURCE_CHARS + 1);
    assert_eq!(fields(validate(&form("2025-03-12", "goed", "", &longer), PO, today)), ["bron"]);
    assert_eq!(
        fields(validate(&form("2027-01-01", "matig", "mavo", ""), VO, today)),
        ["datum", "oordeel", "afdeling", "bron"]
    );
}

fn rv(date: &str, oordeel: VerdictOordeel, afdeling: Option<Afdeling>, status: VerdictStatus) -> RecordedVerdict {
    RecordedVerdict {
        facts: VerdictFacts {
            date: d(date),
            oordeel,
            afdeling,
            herstelopdracht: false,
            risk_investigation: false,
            source: "rapport".into(),
        },
        status,
    }
}

use VerdictOordeel::{Goed, Onvoldoende, Voldoende, ZeerZwak};
use VerdictStatus::{Vastgesteld, Verklaard};

#[test]
fn the_latest_verdict_per_part_is_in_force() {
    let vs = vec![
        rv("2024-01-10", ZeerZwak, Some(Afdeling::Havo), Vastgesteld),
        rv("2025-02-01", Voldoende, Some(Afdeling::Havo), Vastgesteld),
        rv("2025-02-01", Onvoldoende, None, Verklaard),
        rv("2025-02-01", Voldoende, None, Vastgesteld),
    ];
    let now = current(&vs);
    assert_eq!(now.len(), 2);
    assert_eq!((now[0].facts.afdeling, now[0].facts.oordeel), (None, Voldoende), "confirmed wins on a tie");
    assert_eq!((now[1].facts.afdeling, now[1].facts.oordeel), (Some(Afdeling::Havo), Voldoende));
}

#[test]
fn vo_facts_take_a_weak_afdeling_in_force() {
    let vs = vec![
        rv("2025-01-10", Voldoende, None, Vastgesteld),
        rv("2025-03-01", ZeerZwak, Some(Afdeling::VmboB), Verklaard),
    ];
    let f = vo_facts(&vs, VoFacts::default());
    assert_eq!(f.oordeel, Some(Oordeel::ZeerZwak));
    assert_eq!(f.department.as_deref(), Some("vmbo-b"));
    // A later voldoende for that afdeling lifts it.
    let mut later = vs.clone();
    later.push(rv("2026-01-10", Goed, Some(Afdeling::VmboB), Vastgesteld));
    let f = vo_facts(&later, VoFacts::default());
    assert_eq!((f.oordeel, f.department.as_deref()), (Some(Oordeel::Voldoende), Some("vmbo-b")));
    // The applicant's own weak answer stands.
    let answered = VoFacts { oordeel: Some(Oordeel::Onvoldoende), department: None, risks: vec![] };
    assert_eq!(vo_facts(&later, answered.clone()), answered);
    // An answered voldoende is not replaced by an older voldoende, but by a weak verdict in force.
    let voldoende = VoFacts { oordeel: Some(Oordeel::Voldoende), ..VoFacts::default() };
    assert_eq!(vo_facts(&later, voldoende.clone()), voldoende);
    assert_eq!(vo_facts(&vs, voldoende).oordeel, Some(Oordeel::ZeerZwak));
    assert_eq!(vo_facts(&[], VoFacts::default()), VoFacts::default());
}

#[test]
fn board_facts_add_weak_schools_investigations_and_board_assessments() {
    let mut inv = rv("2024-05-01", Voldoende, None, Vastgesteld);
    inv.facts.risk_investigation = true;
    let schools = vec![
        ("De Linde".to_owned(), rv("2024-03-01", Onvoldoende, None, Verklaard)),
        ("Het Lyceum".to_owned(), rv("2023-03-01", ZeerZwak, Some(Afdeling::Havo), Vastgesteld)),
        ("De Es".to_owned(), inv),
        ("De Eik".to_owned(), rv("2024-03-01", Goed, None, Vastgesteld)),
    ];
    let mut board = rv("2025-06-01", Voldoende, None, Vastgesteld);
    board.facts.herstelopdracht = true;
    let f = board_facts(&schools, &[board], 4, BoardFacts::default());
    assert_eq!(f.schools, 4);
    assert_eq!(
        f.school_verdicts,
        vec![
            SchoolVerdict { school: "De Linde".into(), year: 2024, oordeel: Oordeel::Onvoldoende },
            SchoolVerdict { school: "Het Lyceum (havo)".into(), year: 2023, oordeel: Oordeel::ZeerZwak },
        ]
    );
    assert_eq!(f.risk_investigations, vec![RiskInvestigation { school: "De Es".into(), year: 2024 }]);
    assert_eq!(f.board_assessments.len(), 1);
    assert_eq!(f.board_assessments[0].oordeel, BoardOordeel::Voldoende);
    assert!(f.board_assessments[0].herstelopdrachten);
    // Answers keep their own school count and are not duplicated.
    let again = board_facts(&schools, &[], 4, f.clone());
    assert_eq!(again.school_verdicts.len(), 2);
    let answered = BoardFacts { schools: 1, ..BoardFacts::default() };
    assert_eq!(board_facts(&[], &[], 4, answered).schools, 1);
}

fn pts(rates: &[(&str, f64)]) -> Vec<PassRatePoint> {
    rates.iter().map(|(y, r)| PassRatePoint { school_year: (*y).into(), pass_rate: *r, estimated: false }).collect()
}

#[test]
fn falling_pass_rates_at_the_boundaries() {
    let rule = FallingRule::default();
    let f = |rates: &[(&str, f64)]| falling_pass_rate(None, &pts(rates), &rule).map(|x| (x.drop, x.consecutive));
    // Exactly 5 points in one year counts; 4.99 does not.
    assert_eq!(f(&[("2023-2024", 90.0), ("2024-2025", 85.0)]), Some((5.0, false)));
    assert_eq!(f(&[("2023-2024", 90.0), ("2024-2025", 85.01)]), None);
    // Three falling years, exactly 3 points in total, counts; 2.9 does not; not strictly falling does not.
    let three = f(&[("2022-2023", 93.0), ("2023-2024", 91.0), ("2024-2025", 90.0)]);
    assert_eq!(three.map(|(d, c)| ((d * 100.0).round() / 100.0, c)), Some((3.0, true)));
    assert_eq!(f(&[("2022-2023", 92.9), ("2023-2024", 91.0), ("2024-2025", 90.0)]), None);
    assert_eq!(f(&[("2022-2023", 95.0), ("2023-2024", 91.0), ("2024-2025", 91.0)]), None);
    // Order of input does not matter; the bigger fall is reported.
    let r = f(&[("2024-2025", 80.0), ("2022-2023", 95.0), ("2023-2024", 86.0)]);
    assert_eq!(r, Some((15.0, true)));
    // Rising, one year, none: nothing.
    assert_eq!(f(&[("2023-2024", 80.0), ("2024-2025", 90.0)]), None);
    assert_eq!(f(&[("2024-2025", 50.0)]), None);
    assert_eq!(f(&[]), None);
}

#[test]
fn falling_evidence_in_dutch() {
    let mut p = pts(&[("2023-2024", 92.3), ("2024-2025", 85.1)]);
    p[1].estimated = true;
    let x = falling_pass_rate(Some("havo"), &p, &FallingRule::default()).unwrap_or_else(|| panic!("falls"));
    assert_eq!(
        x.evidence_nl(),
        "slagingspercentage afdeling havo gedaald van 92,3% (2023-2024) naar 85,1% (2024-2025), 7,2 procentpunt lager \
         (DUO, examenkandidaten en geslaagden; deels geschat uit afgeschermde aantallen)"
    );
}

#[test]
fn the_school_context_is_the_whole_school_verdict_in_force_and_any_herstelopdracht() {
    use crate::eligibility::{Oordeel, SchoolContext};
    let (v, s) = (VerdictStatus::Vastgesteld, VerdictStatus::Verklaard);
    assert_eq!(school_context(&[]), SchoolContext::default());
    let old_weak = rv("2023-01-10", VerdictOordeel::ZeerZwak, None, v);
    let new_ok = rv("2025-05-01", VerdictOordeel::Voldoende, None, v);
    let ctx = school_context(&[old_weak.clone(), new_ok.clone()]);
    assert_eq!(ctx, SchoolContext { oordeel: Some(Oordeel::Voldoende), herstelopdracht: false }, "the latest counts");
    let declared = rv("2025-06-01", VerdictOordeel::Onvoldoende, None, s);
    assert_eq!(school_context(&[new_ok.clone(), declared]).oordeel, Some(Oordeel::Onvoldoende), "declared counts too");
    let mut herstel = rv("2025-06-01", VerdictOordeel::Voldoende, Some(Afdeling::Havo), v);
    herstel.facts.herstelopdracht = true;
    let ctx = school_context(&[new_ok, herstel]);
    assert_eq!(ctx, SchoolContext { oordeel: Some(Oordeel::Voldoende), herstelopdracht: true });
}
