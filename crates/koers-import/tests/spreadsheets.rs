//! xlsx (built here with rust_xlsxwriter) and ods (a small committed fixture).
#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

mod common;

use common::*;
use koers_import::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// Writes CSV rows into an xlsx sheet, numbers as numbers and text as text.
fn xlsx_from_csv(lines: &[&str]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in lines.iter().enumerate() {
        for (c, cell) in line.split(';').enumerate() {
            let (row, col) = (r as u32, c as u16);
            if cell.is_empty() {
                continue;
            }
            match cell.replace(',', ".").parse::<f64>() {
                Ok(number) if c > 0 => sheet.write_number(row, col, number).map(|_| ()),
                _ => sheet.write_string(row, col, cell).map(|_| ()),
            }
            .unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn xlsx_parses_like_the_csv() {
    let csv = inspectie_csv(&INSPECTIE_ROWS);
    let lines: Vec<&str> = csv.lines().collect();
    let bytes = xlsx_from_csv(&lines);
    let table = read_table(&bytes, "resultaten.xlsx").unwrap();
    assert_eq!(table.rows[0].cells[1], "94.44");
    assert_eq!(table.rows[0].cells[3], "18");
    assert_eq!(detect_kind(&table), Some(FileKind::InspectieResultaten));
    let from_xlsx = parse_inspectie_results(&table).unwrap();
    let from_csv = parse_inspectie_results(&csv_table(&csv, "resultaten.csv")).unwrap();
    assert!(from_xlsx.rejected.is_empty(), "{:?}", from_xlsx.rejected);
    assert_eq!(from_xlsx.records, from_csv.records);
    assert_eq!(from_xlsx.records.len(), 5);

    // The streaming reader takes spreadsheets too.
    let mut streamed = Vec::new();
    stream_inspectie_results(bytes.as_slice(), "resultaten.xlsx", |r| streamed.push(r.unwrap())).unwrap();
    assert_eq!(streamed, from_csv.records);
}

#[test]
fn xlsx_bad_cell_names_the_sheet_row() {
    let csv = inspectie_csv(&[INSPECTIE_ROWS[0], &INSPECTIE_ROWS[1].replace("27.78", "onbekend")]);
    let lines: Vec<&str> = csv.lines().collect();
    let parsed = parse_inspectie_results(&read_table(&xlsx_from_csv(&lines), "r.xlsx").unwrap()).unwrap();
    assert_eq!(parsed.records.len(), 1);
    assert_eq!(
        parsed.rejected[0].to_string(),
        "r.xlsx, regel 3, kolom \"Schoolweging\": waarde \"onbekend\" is geen getal"
    );
}

#[test]
fn xlsx_duo_with_dates_and_numeric_codes() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let headers = [
        "PEILDATUM",
        "INSTELLINGSCODE",
        "VESTIGINGSCODE",
        "REKENEN_LAGER1F",
        "REKENEN_1F",
        "REKENEN_1S",
        "REKENEN_2F",
        "LV_LAGER1F",
        "LV_1F",
        "LV_2F",
        "TV_LAGER1F",
        "TV_1F",
        "TV_2F",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let date = ExcelDateTime::from_ymd(2024, 10, 1).unwrap();
    sheet.write_datetime_with_format(1, 0, &date, &Format::new().set_num_format("yyyy-mm-dd")).unwrap();
    sheet.write_string(1, 1, "00AR").unwrap();
    sheet.write_number(1, 2, 0).unwrap();
    let counts = ["<5", "13", "7", "0", "0", "8", "13", "0", "12", "9"];
    for (c, v) in counts.iter().enumerate() {
        let col = c as u16 + 3;
        match v.parse::<f64>() {
            Ok(n) => sheet.write_number(1, col, n).map(|_| ()),
            Err(_) => sheet.write_string(1, col, *v).map(|_| ()),
        }
        .unwrap();
    }
    // Trailing empty (formatted) rows are dropped.
    sheet.write_blank(5, 0, &Format::new().set_bold()).unwrap();
    let table = read_table(&book.save_to_buffer().unwrap(), "duo.xlsx").unwrap();
    assert_eq!(table.rows.len(), 1);
    let parsed = parse_duo_referentieniveaus(&table).unwrap();
    assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
    let r = &parsed.records[0];
    assert_eq!((r.peildatum.as_deref(), r.vestiging.as_str()), (Some("2024-10-01"), "00AR00"));
    assert_eq!(r.recovered.rekenen[0], Recovered::Exact(1));
}

#[test]
fn ods_fixture() {
    let path = format!("{}/tests/fixtures/inspectie-klein.ods", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(path).unwrap();
    let table = read_table(&bytes, "inspectie-klein.ods").unwrap();
    assert_eq!(table.headers.len(), 10);
    assert_eq!(table.rows.len(), 3);
    let parsed = parse_inspectie_results(&table).unwrap();
    assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
    let [ap, dg, db] = parsed.records.as_slice() else { panic!() };
    assert_eq!((ap.line, ap.name.as_deref()), (2, Some("WereldWijs – Één")));
    let y: Vec<_> = ap.years.iter().map(|y| (y.test_year, y.pct_1f, y.pupils)).collect();
    assert_eq!(y, [(2024, Cell::Value(92.31), Cell::Value(13)), (2025, Cell::Value(91.67), Cell::Value(12))]);
    assert_eq!((ap.schoolweging, ap.outcome_1f), (Some(31.47), Some(PublishedOutcome::Boven)));
    assert!(dg.years.iter().all(|y| y.pct_1s2f.is_suppressed()));
    assert_eq!((db.name.as_deref(), db.schoolweging), (None, None));
    assert!(db.years[0].pupils.is_missing());
    assert_eq!(db.outcome_1f, Some(PublishedOutcome::TeWeinigGegevens));
}

/// The first `n` lines of a real file as rows of text.
fn real_rows(name: &str, n: usize) -> Vec<Vec<String>> {
    let table = real_table(name);
    let mut rows = vec![table.headers.clone()];
    rows.extend(table.rows.iter().take(n).map(|r| r.cells.iter().map(|c| c.trim().to_string()).collect()));
    rows
}

/// An xlsx of `rows`: numbers as numbers (unless a leading zero matters), text as text.
fn xlsx_of(rows: &[Vec<String>]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (row, col) = (r as u32, c as u16);
            let number = cell.parse::<f64>().ok().filter(|_| !cell.starts_with('0') || cell == "0");
            match number {
                _ if cell.is_empty() => continue,
                Some(n) if r > 0 => sheet.write_number(row, col, n).map(|_| ()),
                _ => sheet.write_string(row, col, cell).map(|_| ()),
            }
            .unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// The first `n` records of a `ParsedFile` without their line numbers (the ods has three
/// empty rows more), as text.
fn without_lines(p: &ParsedFile, n: usize) -> String {
    fn show<T: std::fmt::Debug + Clone>(records: &[T], n: usize, clear: fn(&mut T)) -> String {
        let mut records: Vec<T> = records.iter().take(n).cloned().collect();
        records.iter_mut().for_each(clear);
        format!("{records:?}")
    }
    match p {
        ParsedFile::DuoVestigingenVo(p) => show(&p.records, n, |r| r.line = 0),
        ParsedFile::DuoLeerlingenSoortPo(p) => show(&p.records, n, |r| {
            r.line = 0;
            r.delen.iter_mut().for_each(|d| d.line = 0);
        }),
        ParsedFile::DuoExamensVo(p) => show(&p.records, n, |r| r.line = 0),
        ParsedFile::ScholenGeo(p) => show(&p.records, n, |r| r.line = 0),
        other => panic!("{:?}", other.kind()),
    }
}

#[test]
fn the_new_files_read_the_same_from_csv_xlsx_and_ods() {
    for (name, lines) in [(DUO_VEST_VO, 40), (DUO_SOORT, 60), (DUO_EXAMENS, 40), (GEO, 40)] {
        let rows = real_rows(name, lines);
        let csv = parse_any(&real_table(name)).unwrap();
        let xlsx = parse_bytes(&xlsx_of(&rows), "deel.xlsx", &Limits::default(), None).unwrap();
        let ods = parse_bytes(&koers_testkit::sheets::ods(&rows), "deel.ods", &Limits::default(), None).unwrap();
        assert_eq!((xlsx.kind(), ods.kind()), (csv.kind(), csv.kind()), "{name}");
        assert_eq!(
            (xlsx.rejected_total(), ods.rejected_total()),
            (0, 0),
            "{name}: {:?} {:?}",
            xlsx.rejected(),
            ods.rejected()
        );
        // The last location may have more rows beyond the part.
        let n = xlsx.accepted() - 1;
        assert!(n > 10, "{name}");
        let expected = without_lines(&csv, n);
        assert!(without_lines(&xlsx, n) == expected, "{name} (xlsx): {}", without_lines(&xlsx, 2));
        assert!(without_lines(&ods, n) == expected, "{name} (ods): {}", without_lines(&ods, 2));
    }
}
