//! Files built to exhaust memory: each gives a Dutch error (or a capped report) instead of an
//! allocation sized from what the file claims. The peak memory of the real binaries on these
//! files is checked in koers-cli's tests.
#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

mod common;

use koers_import::*;
use koers_testkit::bombs;

fn table_error(bytes: &[u8], name: &str) -> String {
    match read_table(bytes, name) {
        Ok(t) => panic!("{name}: read {} rows", t.rows.len()),
        Err(e) => e.to_string(),
    }
}

fn bytes_error(bytes: &[u8], name: &str) -> String {
    match parse_bytes(bytes, name, &Limits::default(), None) {
        Ok(p) => panic!("{name}: parsed {} records", p.accepted()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn an_xlsx_with_a_cell_at_the_far_corner_is_refused_by_its_cell() {
    let bomb = bombs::xlsx_corners();
    assert!((1_000..2_000).contains(&bomb.len()), "{} bytes", bomb.len());
    for message in [table_error(&bomb, "hoeken.xlsx"), bytes_error(&bomb, "hoeken.xlsx")] {
        assert!(message.starts_with("bestand hoeken.xlsx: cel XFD1048576 ligt voorbij kolom 1.000"), "{message}");
    }
    let mut streamed = 0;
    let err = stream_inspectie_results(bomb.as_slice(), "hoeken.xlsx", |_| streamed += 1).unwrap_err();
    assert!(matches!(err, FileError::TooManyColumns { .. }), "{err}");
    assert_eq!(streamed, 0);
}

#[test]
fn a_far_row_costs_nothing_in_between() {
    // The same corner, but within the columns: one row at line 1,048,576, nothing in between.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "ovt").unwrap();
    sheet.write_string(1_048_575, 0, "00AP|C1").unwrap();
    let table = read_table(&book.save_to_buffer().unwrap(), "ver.xlsx").unwrap();
    assert_eq!(table.rows.len(), 1);
    assert_eq!((table.rows[0].line, table.rows[0].cells.as_slice()), (1_048_576, &["00AP|C1".to_string()][..]));
}

#[test]
fn an_xlsx_of_gigabytes_of_xml_is_refused_before_unpacking() {
    let bomb = bombs::xlsx_expanding(1_800_000_000, true);
    assert!((2_300_000..2_700_000).contains(&bomb.len()), "{} bytes", bomb.len());
    let expected =
        "spreadsheet bom.xlsx is uitgepakt groter dan 100 MB; Koers leest spreadsheets tot 100 MB uitgepakt.";
    for message in [table_error(&bomb, "bom.xlsx"), bytes_error(&bomb, "bom.xlsx")] {
        assert!(message.starts_with(expected), "{message}");
    }
}

#[test]
fn a_zip_that_lies_about_its_sizes_is_caught_while_counting() {
    let bomb = bombs::xlsx_expanding(400_000_000, false);
    let message = table_error(&bomb, "leugen.xlsx");
    assert_eq!(
        message,
        "spreadsheet leugen.xlsx kon niet worden gelezen: onderdeel xl/worksheets/sheet1.xml van het zip-archief \
         is beschadigd (de opgegeven grootte of controlesom klopt niet)"
    );
}

#[test]
fn parts_read_whole_have_their_own_limits() {
    // Styles cost about 30 times their XML: 31 MB of `<xf/>` took 1 GB before the limit.
    let message = table_error(&bombs::xlsx_styles(31 << 20), "opmaak.xlsx");
    assert_eq!(
        message,
        "spreadsheet opmaak.xlsx: onderdeel xl/styles.xml is uitgepakt groter dan 4 MB; Koers leest dat onderdeel \
         tot 4 MB. Sla het werkblad op als CSV, of verwijder opmaak en andere werkbladen"
    );
    // Within the bytes, but more cell formats than Excel allows: refused before calamine reads.
    assert_eq!(
        table_error(&bombs::xlsx_styles(1 << 20), "opmaak.xlsx"),
        "spreadsheet opmaak.xlsx kon niet worden gelezen: onderdeel xl/styles.xml heeft meer dan 65.536 celopmaken; \
         Koers leest er hoogstens zoveel"
    );
    // 61,400 formats: read.
    let within = read_table(&bombs::xlsx_styles(300 << 10), "opmaak.xlsx").unwrap();
    assert_eq!(within.headers, ["ovt"]);
}

#[test]
fn one_shared_string_in_every_cell_is_stopped_within_a_row() {
    // 100 kB × 1,000 columns: 100 MB of copies in the first data row alone.
    let bomb = bombs::xlsx_shared_string_everywhere(100_000, 3, 1_000);
    assert!(bomb.len() < 10_000, "{} bytes", bomb.len());
    for message in [table_error(&bomb, "kopie.xlsx"), bytes_error(&bomb, "kopie.xlsx")] {
        assert_eq!(
            message,
            "bestand kopie.xlsx bevat meer dan 64 MB tekst in één rij (rij 2); Koers leest hoogstens zoveel per bestand. \
             Is dit het juiste bestand?"
        );
    }
    // A longer string than any cell can hold.
    let long = bombs::xlsx_shared_string_everywhere(200_000, 1, 1);
    assert!(
        table_error(&long, "lang.xlsx")
            .starts_with("bestand lang.xlsx bevat meer dan 32.767 tekens in één cel (cel A2)")
    );
    // Within a row but over the file: 30 kB × 1,000 columns × 3 rows is 90 MB.
    let rows = bombs::xlsx_shared_string_everywhere(30_000, 3, 1_000);
    assert!(table_error(&rows, "rijen.xlsx").starts_with("bestand rijen.xlsx bevat meer dan 64 MB tekst;"));
    assert!(bytes_error(&rows, "rijen.xlsx").starts_with("bestand rijen.xlsx bevat meer dan 64 MB tekst;"));
}

#[test]
fn a_big_xlsx_within_the_limits_is_read_cell_by_cell() {
    // 8 MB of XML: 1,680 rows of 16 cells after the header (and much white space).
    let book = bombs::xlsx_expanding(8_000_000, true);
    let table = read_table(&book, "groot.xlsx").unwrap();
    assert_eq!(table.headers, ["ovt"]);
    assert_eq!(table.rows.len(), 1680);
    assert!(table.rows.iter().all(|r| r.cells.len() == 16 && r.cells[15] == "1"));
}

#[test]
fn an_announced_shared_string_count_is_checked_before_calamine_reserves_it() {
    let bomb = bombs::xlsx_shared_strings_claim(1_000_000_000_000);
    let message = table_error(&bomb, "teksten.xlsx");
    assert_eq!(
        message,
        "spreadsheet teksten.xlsx kon niet worden gelezen: de tabel met teksten kondigt 1000000000000 teksten aan; \
         Koers leest er hoogstens 2.000.000"
    );
    let fine = read_table(&bombs::xlsx_shared_strings_claim(1), "teksten.xlsx").unwrap();
    assert_eq!((fine.headers.as_slice(), fine.rows.len()), (&["ovt".to_string()][..], 0));
}

#[test]
fn an_ods_of_repeated_cells_is_bounded_too() {
    let whole_grid = bombs::ods_repeats(16_384, 1_048_575);
    assert!(whole_grid.len() < 2_000, "{} bytes", whole_grid.len());
    let message = table_error(&whole_grid, "herhaald.ods");
    assert!(message.starts_with("bestand herhaald.ods: cel ALM2 ligt voorbij kolom 1.000"), "{message}");
    // Ten columns over every row: too many cells for a table; two columns: too many rows.
    let message = table_error(&bombs::ods_repeats(10, 1_048_575), "cellen.ods");
    assert!(message.starts_with("bestand cellen.ods bevat meer dan 2.000.000 cellen"), "{message}");
    let message = table_error(&bombs::ods_repeats(2, 1_048_575), "rijen.ods");
    assert!(message.starts_with("bestand rijen.ods heeft meer dan 500.000 gegevensregels"), "{message}");
    // Repeats within the limits are expanded as a person sees them.
    let table = read_table(&bombs::ods_repeats(3, 4), "klein.ods").unwrap();
    assert_eq!(table.rows.len(), 4);
    assert_eq!((table.rows[3].line, table.rows[3].cells.as_slice()), (5, &["1", "1", "1"].map(String::from)[..]));
}

#[test]
fn three_million_bad_rows_give_a_capped_report_or_a_clear_refusal() {
    let bomb = bombs::csv_bad_rows(3_000_000);
    assert!((5_900_000..6_100_000).contains(&bomb.len()), "{} bytes", bomb.len());
    // As a table (what the register import reads): refused at the row limit.
    let message = table_error(&bomb, "slecht.csv");
    assert!(message.starts_with("bestand slecht.csv heeft meer dan 500.000 gegevensregels"), "{message}");
    // In one pass: the first 10,000 errors and the count.
    let parsed = parse_bytes(&bomb, "slecht.csv", &Limits::default(), None).unwrap();
    assert_eq!((parsed.kind(), parsed.accepted()), (FileKind::InspectieResultaten, 0));
    assert_eq!((parsed.rejected().len(), parsed.rejected_total()), (10_000, 3_000_000));
    assert_eq!(
        parsed.rejected()[0].to_string(),
        "slecht.csv, regel 2: de regel heeft 1 kolommen, de kopregel 19; controleer scheidingstekens en aanhalingstekens"
    );
    // Streaming hands every row over; the caller decides what to keep.
    let mut errors = 0usize;
    let summary =
        stream_inspectie_results(bomb.as_slice(), "slecht.csv", |r| errors += usize::from(r.is_err())).unwrap();
    assert_eq!((summary.rows, summary.rejected, errors), (3_000_000, 3_000_000, 3_000_000));
}

#[test]
fn one_endless_line_is_not_a_table() {
    let mut line = format!("{}\n", common::INSPECTIE_HEADER).into_bytes();
    line.extend(std::iter::repeat_n(b'a', 2 << 20));
    let message = table_error(&line, "lang.csv");
    assert_eq!(
        message,
        "bestand lang.csv kon niet worden gelezen: een regel is langer dan 1 MB; is het wel een tabel (CSV)?"
    );
    let err = stream_inspectie_results(line.as_slice(), "lang.csv", |_| {}).unwrap_err();
    assert!(err.to_string().contains("een regel is langer dan 1 MB"), "{err}");
    let header_only = vec![b'a'; 2 << 20];
    let err = stream_inspectie_results(header_only.as_slice(), "kop.csv", |_| {}).unwrap_err();
    assert!(err.to_string().contains("een regel is langer dan 1 MB"), "{err}");
}

#[test]
fn every_limit_names_itself() {
    let csv = "ovt;naam\n00AP|C1;a\n00AR|C1;b\n00AV|C1;c\n";
    let small = |f: fn(&mut Limits)| {
        let mut limits = Limits::default();
        f(&mut limits);
        read_table_with(csv.as_bytes(), "t.csv", &limits).unwrap_err().to_string()
    };
    assert_eq!(
        small(|l| l.max_file_bytes = 10),
        "bestand t.csv is te groot (39 bytes); Koers leest bestanden tot 10 bytes"
    );
    assert!(small(|l| l.max_rows = 2).starts_with("bestand t.csv heeft meer dan 2 gegevensregels"));
    assert!(small(|l| l.max_columns = 1).starts_with("bestand t.csv: regel 1 ligt voorbij kolom 1;"));
    assert!(small(|l| l.max_cells = 5).starts_with("bestand t.csv bevat meer dan 5 cellen;"));
    assert!(small(|l| l.max_text_bytes = 12).starts_with("bestand t.csv bevat meer dan 12 bytes tekst;"));
    let limits = Limits { kept_rejections: 1, ..Limits::default() };
    let bad = "ovt;naam\nx;a\ny;b\n00AP|C1;c\n";
    let parsed = parse_bytes(bad.as_bytes(), "t.csv", &limits, None).unwrap_err();
    assert!(matches!(parsed, FileError::UnknownKind { .. }), "{parsed}");
    let drie = "ovt;naam;schoolweging_driejaarsgemiddelde\nx;a;1\ny;b;2\n00AP|C1;c;3\n";
    let parsed = parse_bytes(drie.as_bytes(), "t.csv", &limits, None).unwrap();
    assert_eq!((parsed.accepted(), parsed.rejected().len(), parsed.rejected_total()), (1, 1, 2));
    let few = Limits { max_rows: 1, ..Limits::default() };
    let ok = "ovt;naam;schoolweging_driejaarsgemiddelde\n00AP|C1;c;3\n00AR|C1;c;3\n";
    let err = parse_bytes(ok.as_bytes(), "t.csv", &few, None).unwrap_err();
    assert!(matches!(err, FileError::TooManyRows { limit: 1, .. }), "{err}");
}

#[test]
fn a_zip_of_many_parts_is_refused() {
    let mut book = rust_xlsxwriter::Workbook::new();
    for i in 0..1_100 {
        book.add_worksheet().write_string(0, 0, format!("blad {i}")).unwrap();
    }
    let message = table_error(&book.save_to_buffer().unwrap(), "bladen.xlsx");
    assert!(message.contains("het zip-archief heeft 1.1"), "{message}");
    assert!(message.ends_with("onderdelen; Koers leest er hoogstens 1.000"), "{message}");
}

#[test]
fn files_are_read_from_disk_within_the_limit() {
    let path = std::env::temp_dir().join(format!("koers-import-limit-{}.csv", std::process::id()));
    std::fs::write(&path, "ovt\n00AP|C1\n").unwrap();
    let bytes = read_file(&path, "klein.csv", &Limits::default()).unwrap();
    assert_eq!(bytes, b"ovt\n00AP|C1\n");
    let err = read_file(&path, "klein.csv", &Limits { max_file_bytes: 4, ..Limits::default() }).unwrap_err();
    assert_eq!(err.to_string(), "bestand klein.csv is te groot (12 bytes); Koers leest bestanden tot 4 bytes");
    std::fs::remove_file(&path).unwrap();
}
