//! The five real files of `testdata/`: counts, no rejects, spot checks.
#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

mod common;

use common::*;
use koers_import::*;

#[test]
fn inspectie_results() {
    let table = real_table(INSPECTIE);
    assert_eq!(detect_kind(&table), Some(FileKind::InspectieResultaten));
    let parsed = parse_inspectie_results(&table).unwrap();
    assert_eq!(parsed.records.len(), 6205);
    assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected.first());

    let ap = &parsed.records[0];
    assert_eq!((ap.line, ap.ovt.as_str(), ap.brin.as_str()), (2, "00AP|C1", "00AP"));
    let codes: Vec<_> = ap.years.iter().map(|y| (y.school_year_code.as_str(), y.test_year)).collect();
    assert_eq!(codes, [("2223", 2023), ("2324", 2024), ("2425", 2025)]);
    let y = &ap.years[0];
    assert_eq!((y.pct_1f, y.pct_1s2f, y.pupils), (Cell::Value(94.44), Cell::Value(55.56), Cell::Value(18)));
    let y = &ap.years[2];
    assert_eq!((y.pct_1f, y.pct_1s2f, y.pupils), (Cell::Value(91.67), Cell::Value(47.22), Cell::Value(12)));
    assert_eq!(ap.schoolweging, Some(31.47));
    assert_eq!(ap.category_label.as_deref(), Some("[31,32)"));
    assert_eq!((ap.signaleringswaarde_1f, ap.signaleringswaarde_1s2f), (Some(85.0), Some(43.5)));
    assert_eq!(ap.published_1f, Cell::Value(93.02));
    assert_eq!(ap.published_1s2f, Cell::Value(51.94));
    assert_eq!(ap.published_total, Cell::Value(43));
    assert_eq!(ap.outcome_1f, Some(PublishedOutcome::Boven));
    assert_eq!(ap.outcome_1s2f, Some(PublishedOutcome::Boven));
    assert_eq!(ap.name, None);

    let dg = parsed.records.iter().find(|r| r.ovt == "03DG|C1").unwrap();
    assert!(dg.years.iter().all(|y| y.pupils.is_suppressed() && y.pct_1f.is_suppressed()));
    assert_eq!((dg.published_1f, dg.published_total), (Cell::Value(100.0), Cell::Value(14)));
    assert_eq!(dg.outcome_1f, Some(PublishedOutcome::KleineSchool));

    let db = parsed.records.iter().find(|r| r.ovt == "07DB|C2").unwrap();
    assert!(db.years[0].pupils.is_missing() && db.years[1].pct_1s2f.is_missing());
    assert_eq!(db.years[2].pupils, Cell::Value(22));
    assert_eq!((db.schoolweging, db.category_label.as_deref()), (None, None));
    assert_eq!(db.signaleringswaarde_1s2f, None);
    assert_eq!(db.outcome_1s2f, Some(PublishedOutcome::TeWeinigGegevens));

    let onder = parsed.records.iter().filter(|r| r.outcome_1s2f == Some(PublishedOutcome::Onder));
    assert_eq!(onder.count(), 690);
}

#[test]
fn streaming_the_real_file_gives_the_same_records() {
    let bytes = testdata(INSPECTIE);
    let table = parse_inspectie_results(&real_table(INSPECTIE)).unwrap();
    let mut streamed = Vec::new();
    let summary = stream_inspectie_results(bytes.as_slice(), INSPECTIE, |r| streamed.push(r.unwrap())).unwrap();
    assert_eq!(streamed, table.records);
    assert_eq!((summary.rows, summary.accepted, summary.rejected), (6205, 6205, 0));
    assert_eq!(summary.school_years, 3 * 6205);
    assert_eq!(summary.year_codes, ["2223", "2324", "2425"]);
}

#[test]
fn schoolweging_driejaars() {
    let table = real_table(DRIEJAARS);
    assert_eq!(detect_kind(&table), Some(FileKind::SchoolwegingDriejaars));
    let parsed = parse_schoolweging_driejaars(&table).unwrap();
    assert_eq!(parsed.records.len(), 6338);
    assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected.first());
    let ap = &parsed.records[0];
    assert_eq!((ap.ovt.as_str(), ap.naam.as_deref()), ("00AP|C1", Some("WereldWijs")));
    assert_eq!((ap.bevoegd_gezag_nummer, ap.schoolweging), (Some(41646), Some(31.47)));
    assert_eq!(parsed.records.iter().filter(|r| r.schoolweging.is_none()).count(), 24);
}

#[test]
fn schoolweging_per_jaar() {
    let table = real_table(PER_JAAR);
    assert_eq!(detect_kind(&table), Some(FileKind::SchoolwegingPerJaar));
    let parsed = parse_schoolweging_per_jaar(&table).unwrap();
    assert_eq!(parsed.records.len(), 19230);
    assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected.first());
    let ap = &parsed.records[0];
    assert_eq!((ap.schooljaar.as_str(), ap.school_year_code.as_str()), ("2021-2022", "2122"));
    assert_eq!((ap.ovt.as_str(), ap.schoolweging), ("00AP|C1", Some(30.04)));
    assert_eq!((ap.aantal_leerlingen, ap.spreiding), (Some(110), Some(7.98)));
    assert_eq!(parsed.records.iter().filter(|r| r.aantal_leerlingen.is_none()).count(), 159);
}

#[test]
fn duo_referentieniveaus() {
    let table = real_table(DUO_REF);
    assert_eq!(table.headers[0], "PEILDATUM", "BOM stripped");
    assert_eq!(detect_kind(&table), Some(FileKind::DuoReferentieniveaus));
    let parsed = parse_duo_referentieniveaus(&table).unwrap();
    assert_eq!(parsed.records.len(), 6122);
    assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected.first());
    let ap = &parsed.records[0];
    assert_eq!((ap.vestiging.as_str(), ap.vestigingscode.as_str()), ("00AP00", "00"));
    assert_eq!(ap.peildatum.as_deref(), Some("2024-10-01"));
    assert_eq!((ap.naam.as_deref(), ap.gemeente.as_deref()), (Some("WereldWijs"), Some("Zoetermeer")));
    assert_eq!((ap.bevoegd_gezag_nummer, ap.soort_po.as_deref()), (Some(41646), Some("Bo")));
    use Count::{Known, Masked};
    assert_eq!(ap.counts.rekenen, [Masked, Known(7), Masked, Known(0)]);
    assert_eq!(ap.counts.lezen, [Known(0), Masked, Known(8)]);
    assert_eq!(ap.counts.taalverzorging, [Masked, Known(5), Known(5)]);
    assert_eq!(ap.recovered.pupil_bounds, Some((11, 12)));
    assert_eq!(ap.recovered.pupils, None);
    let ar = &parsed.records[1];
    assert_eq!(ar.naam.as_deref(), Some("BS \"De Maasparel\""));
    assert_eq!(ar.recovered.pupils, Some(21));
    assert!(ar.recovered.is_complete());

    let summary = recovery_summary(&parsed.records);
    assert_eq!(summary.schools, 6122);
    assert_eq!(summary.pupils_known, 4773);
    assert_eq!(summary.without_masked + summary.fully_recovered, 4238);
    assert_eq!(summary.partly_unknown, 6122 - 4238);
}

#[test]
fn duo_vestigingen() {
    let table = real_table(DUO_VEST);
    assert_eq!(detect_kind(&table), Some(FileKind::DuoVestigingen));
    let parsed = parse_duo_vestigingen(&table).unwrap();
    assert_eq!(parsed.records.len(), 6109);
    assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected.first());
    let first = &parsed.records[0];
    assert_eq!((first.instellingscode.as_str(), first.vestigingscode.as_str()), ("32JK", "32JK00"));
    assert_eq!(first.vestigingsnaam, "BBS de Verwondering");
    assert_eq!((first.postcode.as_deref(), first.huisnummer_toevoeging.as_deref()), (Some("9306 TC"), Some("13")));
    assert_eq!((first.telefoonnummer.as_deref(), first.internetadres.as_deref()), (None, None));
    assert_eq!(first.bevoegd_gezag_nummer, Some(20091));
    let second = &parsed.records[1];
    assert_eq!(second.internetadres.as_deref(), Some("www.ckcdewegwijzer.nl"));
    assert_eq!(parsed.records.iter().filter(|r| r.internetadres.is_none()).count(), 648);
}

#[test]
fn parse_any_picks_the_parser() {
    for (name, kind, count) in [
        (INSPECTIE, FileKind::InspectieResultaten, 6205),
        (DRIEJAARS, FileKind::SchoolwegingDriejaars, 6338),
        (PER_JAAR, FileKind::SchoolwegingPerJaar, 19230),
        (DUO_REF, FileKind::DuoReferentieniveaus, 6122),
        (DUO_VEST, FileKind::DuoVestigingen, 6109),
    ] {
        let parsed = parse_any(&real_table(name)).unwrap();
        assert_eq!((parsed.kind(), parsed.accepted(), parsed.rejected().len()), (kind, count, 0), "{name}");
    }
}
