//! The `koers` binary as a user runs it: output formats, filters, exit codes and Dutch messages.

use std::path::PathBuf;
use std::process::{Command, Output};

const NATIONAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/inspectie-leerresultaten-po-2023-2025.csv");
const HEADER: &str = "ovt;Gemiddelde %1F 2223;Gemiddelde %1S/2F 2223;Aantal leerlingen 2223;Gemiddelde %1F 2324;Gemiddelde %1S/2F 2324;Aantal leerlingen 2324;Gemiddelde %1F 2425;Gemiddelde %1S/2F 2425;Aantal leerlingen 2425;Schoolweging";

fn koers(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_koers")).args(args).output().unwrap_or_else(|e| panic!("{e}"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("koers-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir.join(name)
}

#[test]
fn screening_the_national_file_as_csv_gives_one_row_per_school() {
    let o = koers(&["screen", NATIONAL, "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6206);
    assert!(lines[0].starts_with("ovt;brin;schoolweging;categorie;"));
    // 00AP|C1: 93,02 / 51,94, Boven / Boven, decimal commas.
    let ap = lines.iter().find(|l| l.starts_with("00AP|C1;")).copied().unwrap_or_default();
    assert!(ap.contains(";31,47;[31,32);43;93,02;51,94;85,00;43,50;"), "{ap}");
    assert!(ap.contains("Boven de signaleringswaarde;Boven de signaleringswaarde"));
    assert!(stderr(&o).contains("6205 scholen beoordeeld"));
}

#[test]
fn only_filters_combine_and_unknown_filters_are_refused() {
    let all = koers(&["screen", NATIONAL, "--format", "csv", "--only", "eligible"]);
    let rood = koers(&["screen", NATIONAL, "--format", "csv", "--only", "eligible,rood"]);
    let n = |o: &Output| stdout(o).lines().count() - 1;
    assert!(n(&all) > n(&rood) && n(&rood) > 0, "{} {}", n(&all), n(&rood));
    assert!(stdout(&rood).lines().skip(1).all(|l| l.contains(";rood;komt in aanmerking;")));
    let bad = koers(&["screen", NATIONAL, "--only", "paars"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("onbekend filter 'paars' bij --only"));
}

#[test]
fn one_school_can_be_picked_and_shown_as_json() {
    let o = koers(&["screen", NATIONAL, "--format", "json", "--school", "00ap"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap_or_default();
    assert_eq!(v.as_array().map(Vec::len), Some(1));
    assert_eq!(v[0]["ovt"], "00AP|C1");
    assert_eq!(v[0]["assessment"]["outcome_1f"], "boven");
    assert!(v[0]["summary_nl"].as_str().is_some_and(|s| s.starts_with("Je school komt")));
}

#[test]
fn the_table_format_is_aligned_and_readable() {
    let o = koers(&["screen", NATIONAL, "--school", "00AP"]);
    let out = stdout(&o);
    assert!(out.lines().next().is_some_and(|h| h.starts_with("ovt")));
    assert!(out.contains("00AP|C1    31,47 [31,32)    43   93,02   51,94  boven   boven"), "{out}");
}

#[test]
fn xlsx_output_is_a_real_workbook() {
    let path = tmp("screen.xlsx");
    let o = koers(&["screen", NATIONAL, "--format", "xlsx", "--only", "rood", "-o", path.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bytes = std::fs::read(&path).unwrap_or_default();
    let table = koers_import::read_table(&bytes, "screen.xlsx").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(table.headers[0], "ovt");
    assert!(!table.rows.is_empty());
    assert!(table.rows.iter().all(|r| r.cells.get(15).map(String::as_str) == Some("rood")));
}

#[test]
fn bad_rows_are_listed_in_dutch_and_the_rest_is_still_screened() {
    let path = tmp("bad.csv");
    let body = format!(
        "{HEADER}\n00AP|C1;94,44;55,56;18;92,31;51,28;13;91,67;47,22;12;31.47\n00AR|C1;100;70;twintig;100;59,26;9;98,41;46,03;21;27.78\n00AV|C1;100;41,67;8;100;40;5;90;33,33;10;30.61\n"
    );
    std::fs::write(&path, body).unwrap_or_else(|e| panic!("{e}"));
    let o = koers(&["screen", path.to_str().unwrap_or_default(), "--format", "csv"]);
    assert_eq!(o.status.code(), Some(1), "exit 1: rows rejected");
    assert_eq!(stdout(&o).lines().count(), 3, "header + two good rows");
    let err = stderr(&o);
    assert!(err.contains("Afgewezen regels (1)"), "{err}");
    assert!(err.contains("bad.csv, regel 3, kolom \"Aantal leerlingen 2223\""), "{err}");
    assert!(err.contains("\"twintig\""), "{err}");
}

#[test]
fn windows_1252_semicolon_csv_from_excel_works() {
    let path = tmp("excel.csv");
    let mut body = format!("{HEADER};naam\r\n").into_bytes();
    body.extend_from_slice(b"00AP|C1;94,44;55,56;18;92,31;51,28;13;91,67;47,22;12;31.47;Basisschool \xe9\xe9n\r\n");
    std::fs::write(&path, body).unwrap_or_else(|e| panic!("{e}"));
    let o = koers(&["screen", path.to_str().unwrap_or_default(), "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("00AP|C1;00AP;31,47"));
}

#[test]
fn unreadable_or_foreign_files_exit_3_with_a_dutch_reason() {
    let o = koers(&["screen", "/nonexistent/file.csv"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("kan /nonexistent/file.csv niet openen"));
    let path = tmp("other.csv");
    std::fs::write(&path, "a;b;c\n1;2;3\n").unwrap_or_else(|e| panic!("{e}"));
    let o = koers(&["screen", path.to_str().unwrap_or_default()]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("ovt"), "names the missing column: {}", stderr(&o));
}

#[test]
fn check_computes_one_school_with_reasons_and_levers() {
    let o = koers(&[
        "check",
        "--year",
        "2023:30:95:40",
        "--year",
        "2024:30:95:40",
        "--year",
        "2025:30:95,0:40,0",
        "--schoolweging",
        "31,5",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Oordeel: komt in aanmerking"), "{out}");
    assert!(out.contains("Signaleringswaarde             85,0%     43,5%"), "{out}");
    assert!(out.contains("minstens 16 van de 30 leerlingen 1S/2F"), "{out}");
}

#[test]
fn check_refuses_bad_numbers_naming_the_field() {
    let o = koers(&["check", "--year", "2025:30:105:40", "--schoolweging", "abc"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--schoolweging: 'abc' is geen getal"), "{}", stderr(&o));
    let o = koers(&["check", "--year", "2025:30:105:40"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("jaar 1 (2025): percentage 105,00 ligt niet tussen 0 en 100"), "{}", stderr(&o));
}

#[test]
fn check_for_sbo_uses_the_qualitative_criteria() {
    let o = koers(&[
        "check",
        "--sector",
        "sbo",
        "--populatie-beschreven",
        "ja",
        "--ambities-passend",
        "nee",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap_or_default();
    assert_eq!(v["eligibility"]["verdict"], "eligible");
    assert_eq!(v["eligibility"]["reasons"][0]["reason"], "no_fitting_ambitions");
}
