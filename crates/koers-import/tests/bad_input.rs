//! Every way a file can be wrong: Dutch errors with the right place, the rest still parses.
#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

mod common;

use common::*;
use koers_import::*;

fn inspectie(rows: &[&str]) -> Parsed<InspectieResultRow> {
    parse_inspectie_results(&csv_table(&inspectie_csv(rows), "bestand.csv")).unwrap()
}

#[test]
fn a_bad_number_rejects_its_row_only() {
    let bad = INSPECTIE_ROWS[1].replace(";100;59,26;9;", ";100;59,26;abc;");
    let parsed = inspectie(&[INSPECTIE_ROWS[0], &bad, INSPECTIE_ROWS[2]]);
    assert_eq!(parsed.records.len(), 2);
    assert_eq!(parsed.records[1].line, 4);
    let [error] = parsed.rejected.as_slice() else { panic!("{:?}", parsed.rejected) };
    assert_eq!((error.file.as_str(), error.line), ("bestand.csv", 3));
    assert_eq!((error.column.as_str(), error.value.as_str()), ("Aantal leerlingen 2324", "abc"));
    assert_eq!(
        error.to_string(),
        "bestand.csv, regel 3, kolom \"Aantal leerlingen 2324\": waarde \"abc\" is geen geheel getal"
    );
}

#[test]
fn each_value_problem_is_named() {
    let cases = [
        (INSPECTIE_ROWS[0].replace("94,44", "101"), "Gemiddelde %1F 2223", "101", "ligt niet tussen 0 en 100"),
        (INSPECTIE_ROWS[0].replace("94,44", "9x"), "Gemiddelde %1F 2223", "9x", "is geen getal"),
        (INSPECTIE_ROWS[0].replace("55,56", "1.055,5"), "Gemiddelde %1S/2F 2223", "1.055,5", "scheidingsteken"),
        (INSPECTIE_ROWS[0].replace(";18;", ";-2;"), "Aantal leerlingen 2223", "-2", "is negatief"),
        (INSPECTIE_ROWS[0].replace(";18;", ";18,5;"), "Aantal leerlingen 2223", "18,5", "is geen geheel getal"),
        (INSPECTIE_ROWS[0].replace("00AP|C1", "00AP-C1"), "ovt", "00AP-C1", "geen geldige ovt-code"),
        (INSPECTIE_ROWS[0].replace("31.47", "61"), "Schoolweging", "61", "ligt niet tussen 0 en 60"),
        (INSPECTIE_ROWS[0].replace("31.47", "NaN"), "Schoolweging", "NaN", "is geen getal"),
        (INSPECTIE_ROWS[0].replace(";43;", ";*4;"), "Totaal aantal leerlingen 3 jaar", "*4", "is geen geheel getal"),
        (
            INSPECTIE_ROWS[0].replacen("Boven de signaleringswaarde", "Bovenaan", 1),
            "Uitkomst indicator 1F",
            "Bovenaan",
            "is onbekend",
        ),
        (
            INSPECTIE_ROWS[0].replace(";94,44;55,56;18;", ";94,44;55,56;;"),
            "Gemiddelde %1F 2223",
            "94,44",
            "kolom \"Aantal leerlingen 2223\" van hetzelfde schooljaar is leeg",
        ),
        (
            INSPECTIE_ROWS[0].replace(";94,44;55,56;18;", ";;;18;"),
            "Aantal leerlingen 2223",
            "18",
            "is ingevuld, maar kolom \"Gemiddelde %1F 2223\"",
        ),
        (
            INSPECTIE_ROWS[0].replace(";94,44;55,56;18;", ";94,44;;18;"),
            "Aantal leerlingen 2223",
            "18",
            "\"Gemiddelde %1S/2F 2223\" van hetzelfde schooljaar is leeg",
        ),
    ];
    for (row, column, value, problem) in cases {
        let parsed = inspectie(&[INSPECTIE_ROWS[1], &row]);
        assert_eq!(parsed.records.len(), 1, "{row}");
        let [error] = parsed.rejected.as_slice() else { panic!("{row}: {:?}", parsed.rejected) };
        assert_eq!((error.line, error.column.as_str(), error.value.as_str()), (3, column, value), "{row}");
        assert!(error.problem.contains(problem), "{row}: {}", error.problem);
    }
}

#[test]
fn suppression_and_lower_1s2f_are_fine() {
    // Pupils known but percentages suppressed, and %1S/2F above %1F: both accepted.
    let row = INSPECTIE_ROWS[0].replace(";94,44;55,56;18;", ";*;*;18;").replace("92,31;51,28", "50;60");
    let parsed = inspectie(&[&row]);
    assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
}

#[test]
fn short_rows_and_blank_rows() {
    let short = "00AP|C1;94,44;55,56;18";
    let parsed = inspectie(&[short, "", ";;;;;;;;;;;;;;;;;;", INSPECTIE_ROWS[1]]);
    assert_eq!(parsed.records.len(), 1);
    let [error] = parsed.rejected.as_slice() else { panic!("{:?}", parsed.rejected) };
    assert_eq!((error.line, error.column.as_str()), (2, ""));
    assert!(error.to_string().starts_with("bestand.csv, regel 2: de regel heeft 4 kolommen, de kopregel 19"));
}

#[test]
fn missing_columns_are_all_named() {
    let table = csv_table("ovt;Gemiddelde %1F 2324;Aantal leerlingen 2324\n00AP|C1;90;12\n", "eigen.csv");
    let error = parse_inspectie_results(&table).unwrap_err();
    let FileError::MissingColumns { missing, .. } = &error else { panic!("{error}") };
    assert_eq!(missing, &["Schoolweging", "Gemiddelde %1S/2F 2324"]);
    assert!(error.to_string().contains("kolommen \"Schoolweging\", \"Gemiddelde %1S/2F 2324\" ontbreken"));

    let table = csv_table("ovt;naam\n00AP|C1;x\n", "eigen.csv");
    let error = parse_inspectie_results(&table).unwrap_err().to_string();
    assert!(error.contains("\"Aantal leerlingen <schooljaar, bijv. 2324>\""), "{error}");

    let table = csv_table("ovt;naam\n00AP|C1;x\n", "sw.csv");
    let error = parse_schoolweging_driejaars(&table).unwrap_err().to_string();
    assert_eq!(
        error,
        "bestand sw.csv (schoolweging driejaarsgemiddelde (Inspectie)): kolom \"schoolweging_driejaarsgemiddelde\" ontbreekt"
    );
    assert!(parse_schoolweging_per_jaar(&table).is_err());
    assert!(parse_duo_referentieniveaus(&table).is_err());
    assert!(parse_duo_vestigingen(&table).is_err());
    assert_eq!(detect_kind(&table), None);
    let error = parse_any(&table).unwrap_err().to_string();
    assert!(error.starts_with("bestand sw.csv is geen bekend bestand: de kolomkoppen passen bij geen van"), "{error}");
}

#[test]
fn a_bad_year_header_is_named() {
    let table = csv_table("ovt;Gemiddelde %1F 2024;Schoolweging\n", "x.csv");
    let error = parse_inspectie_results(&table).unwrap_err();
    assert!(matches!(&error, FileError::BadHeader { column, .. } if column == "Gemiddelde %1F 2024"), "{error}");
}

#[test]
fn minimal_own_file_with_two_years_in_any_order() {
    let text = "OVT ; naam;Aantal leerlingen 2324;gemiddelde %1f 2324;Gemiddelde %1S/2F 2324;Gemiddelde %1F 2122;Gemiddelde %1S/2F 2122;Aantal leerlingen 2122;schoolweging\n\
                00ap|c1;De Hoeksteen;13;92,31;51,28;94.44;55.56;18;31,47\n";
    let parsed = parse_inspectie_results(&csv_table(text, "eigen.csv")).unwrap();
    assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
    let r = &parsed.records[0];
    assert_eq!((r.ovt.as_str(), r.name.as_deref()), ("00AP|C1", Some("De Hoeksteen")));
    let years: Vec<_> = r.years.iter().map(|y| (y.test_year, y.pupils)).collect();
    assert_eq!(years, [(2022, Cell::Value(18)), (2024, Cell::Value(13))]);
    assert_eq!((r.schoolweging, r.published_total, r.outcome_1f), (Some(31.47), Cell::Missing, None));
}

#[test]
fn empty_and_binary_files() {
    for empty in [&b""[..], b"   \r\n\n", b"\xEF\xBB\xBF"] {
        assert!(matches!(read_table(empty, "leeg.csv"), Err(FileError::Empty { .. })), "{empty:?}");
    }
    let error = read_table(b"\x00\x01\x02\xFFgarbage\x07", "x.bin").unwrap_err();
    assert!(matches!(error, FileError::NotATable { .. }), "{error}");
    assert!(error.to_string().contains("is geen tabel"));
    assert!(matches!(read_table(b"%PDF-1.7\n", "x.pdf"), Err(FileError::NotATable { .. })));
    let xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    assert!(matches!(read_table(&xls, "x.xls"), Err(FileError::UnsupportedFormat { .. })));
    let error = read_table(b"PK\x03\x04not really a zip", "x.xlsx").unwrap_err();
    assert!(matches!(error, FileError::Spreadsheet { .. }), "{error}");
    let mut streamed = 0;
    let error = stream_inspectie_results(&b"\n\n"[..], "leeg.csv", |_| streamed += 1).unwrap_err();
    assert!(matches!(error, FileError::Empty { .. }));
    assert_eq!(streamed, 0);
}

#[test]
fn windows_1252_text() {
    let text = "schooljaar;ovt;naam;bevoegd_gezag_nummer;schoolweging;aantal_leerlingen;spreiding\r\n\
                2021-2022;00AP|C1;Basisschool De Hoeksteen – Zuidbroek;41646;30.04;110;7.98\r\n\
                2022-2023;00AP|C1;Ééngemaakt;41646;30,5;;\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err());
    let parsed = parse_schoolweging_per_jaar(&read_table(&bytes, "w.csv").unwrap()).unwrap();
    assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
    let names: Vec<_> = parsed.records.iter().map(|r| r.naam.clone().unwrap_or_default()).collect();
    assert_eq!(names, ["Basisschool De Hoeksteen – Zuidbroek", "Ééngemaakt"]);
    assert_eq!(parsed.records[1].line, 3);
    assert_eq!((parsed.records[1].schoolweging, parsed.records[1].spreiding), (Some(30.5), None));
}

#[test]
fn utf16_text() {
    let text = "ovt\tnaam\tbevoegd_gezag_nummer\tschoolweging_driejaarsgemiddelde\n00AP|C1\tÉén\t41646\t31,47\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let parsed = parse_schoolweging_driejaars(&read_table(&bytes, "u.txt").unwrap()).unwrap();
    assert_eq!(parsed.records[0].naam.as_deref(), Some("Één"));
    assert_eq!(parsed.records[0].schoolweging, Some(31.47));
}

#[test]
fn comma_separated_with_quotes_and_crlf() {
    let text = "ovt,naam,bevoegd_gezag_nummer,schoolweging_driejaarsgemiddelde\r\n\
                00AP|C1,\"WereldWijs, \"\"de\"\" school\",41646,\"31,47\"\r\n\
                00AR|C1,\"Twee\r\nregels\",41797,27.78\r\n\
                00AV|C1,De Morgenster,x,30.61\r\n";
    let table = csv_table(text, "komma.csv");
    let parsed = parse_schoolweging_driejaars(&table).unwrap();
    let r = &parsed.records[0];
    assert_eq!((r.naam.as_deref(), r.schoolweging), (Some("WereldWijs, \"de\" school"), Some(31.47)));
    assert_eq!(parsed.records[1].naam.as_deref(), Some("Twee\nregels"), "line ends become LF");
    let [error] = parsed.rejected.as_slice() else { panic!("{:?}", parsed.rejected) };
    assert_eq!((error.line, error.column.as_str()), (5, "bevoegd_gezag_nummer"));
}

#[test]
fn stream_matches_table_on_bad_rows() {
    let bad = INSPECTIE_ROWS[1].replace("27.78", "x");
    let text =
        format!("\u{feff}{}", inspectie_csv(&[INSPECTIE_ROWS[0], &bad, "", INSPECTIE_ROWS[3]]).replace('\n', "\r\n"));
    let table = parse_inspectie_results(&csv_table(&text, "s.csv")).unwrap();
    let mut records = Vec::new();
    let mut rejected = Vec::new();
    let summary = stream_inspectie_results(text.as_bytes(), "s.csv", |r| match r {
        Ok(r) => records.push(r),
        Err(e) => rejected.push(e),
    })
    .unwrap();
    assert_eq!((records, rejected), (table.records, table.rejected.clone()));
    assert_eq!((summary.rows, summary.accepted, summary.rejected), (3, 2, 1));
    assert_eq!(table.rejected[0].line, 3);
}

#[test]
fn duo_inconsistent_and_bad_counts() {
    let header = "INSTELLINGSCODE;VESTIGINGSCODE;REKENEN_LAGER1F;REKENEN_1F;REKENEN_1S;REKENEN_2F;LV_LAGER1F;LV_1F;LV_2F;TV_LAGER1F;TV_1F;TV_2F";
    let text = format!(
        "{header}\n00AP;00;1;2;3;0;6;0;0;<5;<5;5\n00AR;0;1;2;3;0;6;0;0;1;x;4\n00AV;00AV01;<5;1;1;0;1;1;1;1;1;1\n00ax;00;1;1;1;0;1;1;1;1;1;1\n"
    );
    let parsed = parse_duo_referentieniveaus(&csv_table(&text, "duo.csv")).unwrap();
    let errors: Vec<String> = parsed.rejected.iter().map(ToString::to_string).collect();
    assert_eq!(errors, [
        "duo.csv, regel 2: de aantallen per domein tellen niet op tot hetzelfde aantal leerlingen (rekenen 6, lezen 6, taalverzorging 7 tot 13)".to_string(),
        "duo.csv, regel 3, kolom \"TV_1F\": waarde \"x\" is geen geheel getal".to_string(),
    ]);
    assert_eq!(parsed.records.len(), 2);
    assert_eq!(parsed.records[0].vestiging, "00AV01");
    assert_eq!(parsed.records[0].recovered.rekenen[0], Recovered::Exact(1));
    assert_eq!(parsed.records[1].instellingscode, "00AX");
}
