//! The new kinds of file when they are wrong: each rejected value is a Dutch row error naming
//! file, line, column and value; a file of an unknown or the wrong kind is a clear message.
#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

mod common;

use common::*;
use koers_import::*;

/// The header and first data line of a real file of `testdata/`.
fn head(name: &str) -> (String, String) {
    let text = String::from_utf8(testdata(name)).unwrap();
    let mut lines = text.lines();
    (lines.next().unwrap().trim_start_matches('\u{feff}').to_string(), lines.next().unwrap().to_string())
}

/// Replaces field `column` (by header name) of a `;` line.
fn with_field(header: &str, line: &str, column: &str, value: &str) -> String {
    let at = header.split(';').position(|h| h == column).unwrap_or_else(|| panic!("{column}"));
    let mut fields: Vec<&str> = line.split(';').collect();
    fields[at] = value;
    fields.join(";")
}

/// Parses header + the first real line + the changed line with `parse`; returns the one error.
fn one_error<T: std::fmt::Debug>(
    name: &str,
    column: &str,
    value: &str,
    parse: fn(&Table) -> Result<Parsed<T>, FileError>,
) -> RowError {
    let (header, first) = head(name);
    let bad = with_field(&header, &first, column, value);
    let table = csv_table(&format!("{header}\n{first}\n{bad}\n"), "bestand.csv");
    let parsed = parse(&table).unwrap();
    assert_eq!(parsed.rejected_total, 1, "{column}={value}: {:?}", parsed.rejected);
    let error = parsed.rejected[0].clone();
    assert_eq!((error.file.as_str(), error.line), ("bestand.csv", 3));
    error
}

#[test]
fn vo_vestigingen_reject_bad_values_by_name() {
    let cases = [
        ("INSTELLINGSCODE", "18-R", "is geen geldig BRIN-nummer"),
        ("VESTIGINGSCODE", "19BR00", "is geen geldig vestigingsnummer"),
        ("VESTIGINGSNAAM", " ", "is leeg, maar deze kolom is verplicht"),
        ("BEVOEGD GEZAG NUMMER", "tien", "is geen geheel getal"),
        (
            "ONDERWIJSSTRUCTUUR",
            "VBO/MBO",
            "is onbekend; verwacht een van: \"VBO\", \"MAVO\", \"HAVO\", \"VWO\", \"PRO\", \"BRUGJAAR\"",
        ),
        ("ONDERWIJSSTRUCTUUR", "", "is leeg, maar deze kolom is verplicht"),
    ];
    for (column, value, problem) in cases {
        let e = one_error(DUO_VEST_VO, column, value, parse_duo_vestigingen_vo);
        assert_eq!((e.column.as_str(), e.value.as_str()), (column, value.trim()), "{e}");
        assert!(e.problem.starts_with(problem), "{e}");
    }
    let e = one_error(DUO_VEST_VO, "ONDERWIJSSTRUCTUUR", "havo/MBO", parse_duo_vestigingen_vo);
    assert!(
        e.to_string()
            .starts_with("bestand.csv, regel 3, kolom \"ONDERWIJSSTRUCTUUR\": waarde \"havo/MBO\" is onbekend")
    );
    let ok = parse_duo_vestigingen_vo(&csv_table(
        "INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;ONDERWIJSSTRUCTUUR\n18br;1;X;havo / vwo\n",
        "min.csv",
    ))
    .unwrap();
    let r = &ok.records[0];
    assert_eq!(
        (r.vestigingscode.as_str(), r.structuren.as_slice()),
        ("18BR01", &[VoStructuur::Havo, VoStructuur::Vwo][..])
    );
    assert_eq!((r.correspondentieadres.as_ref(), r.regios.vakantieregio.as_ref()), (None, None));
}

#[test]
fn sbo_so_vso_rows_reject_bad_values_and_repeats() {
    let cases = [
        ("SOORT_PO", "Mbo", "is onbekend; verwacht een van: \"Bo\", \"Sbo\", \"So\", \"Vso\""),
        ("CLUSTER", "5", "is onbekend; verwacht een van: \"1\", \"2\", \"3\", \"4\", \"nvt\""),
        ("LEEFTIJD_14", "<6", "is geen geheel getal"),
        ("LEEFTIJD_14", "-1", "is negatief"),
        ("LEEFTIJD_14", "", "is leeg, maar deze kolom is verplicht"),
        ("LEEFTIJD_14", "*", "is afgeschermd (*)"),
        ("PEILDATUM", "20241301", "is geen datum"),
        ("BEVOEGD_GEZAG_NUMMER", "x", "is geen geheel getal"),
    ];
    for (column, value, problem) in cases {
        let e = one_error(DUO_SOORT, column, value, parse_duo_leerlingen_soort_po);
        assert_eq!((e.column.as_str(), e.value.as_str()), (column, value), "{e}");
        assert!(e.problem.starts_with(problem), "{e}");
    }
    // The same location and kind twice: the second row is refused, the first kept.
    let (header, first) = head(DUO_SOORT);
    let table = csv_table(&format!("{header}\n{first}\n{first}\n"), "dubbel.csv");
    let parsed = parse_duo_leerlingen_soort_po(&table).unwrap();
    assert_eq!(parsed.records.len(), 1);
    assert_eq!(
        parsed.rejected[0].to_string(),
        "dubbel.csv, regel 3, kolom \"SOORT_PO\": waarde \"Vso\" staat voor vestiging 00AO00 al op regel 2; \
         elke soort hoort één keer per vestiging"
    );
    let no_ages = "INSTELLINGSCODE;VESTIGINGSCODE;SOORT_PO;CLUSTER\n00AO;00;Vso;4\n";
    let err = parse_duo_leerlingen_soort_po(&csv_table(no_ages, "leeftijd.csv")).unwrap_err();
    assert!(err.to_string().contains("kolom \"LEEFTIJD_4 (en de andere leeftijdskolommen)\" ontbreekt"), "{err}");
}

#[test]
fn exam_rows_reject_numbers_that_cannot_agree() {
    let t = "SCHOOLJAAR 2024-2025 - TOTAAL";
    let cases = [
        (format!("EXAMENKANDIDATEN {t}"), "veel", "is geen geheel getal"),
        (format!("GESLAAGDEN {t}"), "", "is leeg, maar deze kolom is verplicht"),
        (format!("SLAAGPERC {t}"), "100,5", "ligt niet tussen 0 en 100"),
        (format!("SLAAGPERC {t}"), "50.0", "past niet bij 10 examenkandidaten en 8 geslaagden"),
        (
            format!("GESLAAGDEN {t}"),
            "11",
            "is meer dan het aantal examenkandidaten (kolom \"EXAMENKANDIDATEN SCHOOLJAAR 2024-2025 - TOTAAL\")",
        ),
        ("ONDERWIJSTYPE VO".to_string(), "MBO", "is onbekend; verwacht een van: \"VMBO\", \"HAVO\", \"VWO\""),
        ("VESTIGINGSCODE".to_string(), "00AX00", "is geen geldig vestigingsnummer"),
        ("INSPECTIECODE".to_string(), "vijftig", "is geen geheel getal"),
        ("OPLEIDINGSNAAM".to_string(), "", "is leeg"),
    ];
    for (column, value, problem) in cases {
        let e = one_error(DUO_EXAMENS, &column, value, parse_duo_examens_vo);
        assert_eq!((e.column.as_str(), e.value.as_str()), (column.as_str(), value), "{e}");
        assert!(e.problem.starts_with(problem), "{column}: {e}");
    }
    // A vmbo programme that names no leerweg.
    let (header, first) = head(DUO_EXAMENS);
    let vmbo = with_field(&header, &first, "ONDERWIJSTYPE VO", "VMBO");
    let table = csv_table(&format!("{header}\n{vmbo}\n"), "vmbo.csv");
    let e = &parse_duo_examens_vo(&table).unwrap().rejected[0];
    assert_eq!((e.column.as_str(), e.value.as_str()), ("OPLEIDINGSNAAM", "HAVO - N&T"));
    assert!(e.problem.contains("\"VMBO B …\""), "{e}");
    // Without the men/women columns the totals are enough; without a year nothing can be read.
    let minimal = "INSTELLINGSCODE;VESTIGINGSCODE;ONDERWIJSTYPE VO;OPLEIDINGSNAAM;\
                   EXAMENKANDIDATEN SCHOOLJAAR 2024-2025 - TOTAAL;GESLAAGDEN SCHOOLJAAR 2024-2025 - TOTAAL\n\
                   00AH;00;HAVO;HAVO - N&T;<5;0\n";
    let parsed = parse_duo_examens_vo(&csv_table(minimal, "min.csv")).unwrap();
    let y = &parsed.records[0].jaren[0];
    assert_eq!((y.man, y.totaal.slaagpercentage, y.totaal.possible().len()), (None, None, 4));
    let no_year = "INSTELLINGSCODE;VESTIGINGSCODE;ONDERWIJSTYPE VO;OPLEIDINGSNAAM;EXAMENKANDIDATEN SCHOOLJAAR 2024-2026 - TOTAAL\n";
    let err = parse_duo_examens_vo(&csv_table(no_year, "jaar.csv")).unwrap_err();
    assert!(err.to_string().contains("\"2024-2026\" is geen schooljaar"), "{err}");
}

#[test]
fn coordinates_and_types_are_checked() {
    let cases = [
        ("lon", "52.07", "ligt niet tussen -70 en 7,5"),
        ("lat", "4.33", "ligt niet tussen 11 en 54"),
        ("lat", "", "is leeg, maar deze kolom is verplicht"),
        ("lon", "4,3x", "is geen getal"),
        ("type", "mbo", "is onbekend; verwacht een van: \"basisschool\""),
        ("vestigingscode", "32DD", "is geen geldig vestigingsnummer"),
        ("brin_nummer", "32DE", "hoort niet bij vestigingscode 32DD00"),
        ("leerlingen", "veel", "is geen geheel getal"),
    ];
    for (column, value, problem) in cases {
        let e = one_error(GEO, column, value, parse_scholen_geo);
        assert_eq!((e.column.as_str(), e.value.as_str()), (column, value), "{e}");
        assert!(e.problem.starts_with(problem), "{column}: {e}");
    }
}

#[test]
fn each_file_is_recognised_by_its_header_and_others_are_named() {
    let kinds = [
        (DUO_VEST_VO, FileKind::DuoVestigingenVo),
        (DUO_SOORT, FileKind::DuoLeerlingenSoortPo),
        (DUO_EXAMENS, FileKind::DuoExamensVo),
        (GEO, FileKind::ScholenGeo),
        (DUO_VEST, FileKind::DuoVestigingen),
        (DUO_REF, FileKind::DuoReferentieniveaus),
    ];
    for (name, kind) in kinds {
        let (header, _) = head(name);
        let headers: Vec<String> = header.split(';').map(|h| h.trim_matches('"').to_string()).collect();
        assert_eq!(detect_kind_from_headers(&headers), Some(kind), "{name}");
        // Lower case and underscores for spaces still match.
        let loose: Vec<String> = headers.iter().map(|h| h.to_lowercase().replace(' ', "_")).collect();
        assert_eq!(detect_kind_from_headers(&loose), Some(kind), "{name}");
    }
    let unknown = parse_bytes(b"school;plaats\nA;B\n", "lijst.csv", &Limits::default(), None).unwrap_err();
    let text = unknown.to_string();
    assert!(
        text.starts_with(
            "bestand lijst.csv is geen bekend bestand: de kolomkoppen passen bij geen van deze bestanden: "
        )
    );
    assert!(text.contains("examenkandidaten en geslaagden voortgezet onderwijs (DUO) (kolommen VESTIGINGSCODE en EXAMENKANDIDATEN SCHOOLJAAR …)"), "{text}");
    assert!(text.contains("schoollocaties met coördinaten (kolommen vestigingscode, lon en lat)"), "{text}");
    let geo = testdata(GEO);
    let wrong = parse_bytes(&geo, GEO, &Limits::default(), Some(&[FileKind::DuoVestigingenVo])).unwrap_err();
    assert_eq!(
        wrong.to_string(),
        "bestand scholen-locaties-geo-20241122.csv is een bestand met schoollocaties met coördinaten; hier is nodig: \
         vestigingen voortgezet onderwijs (DUO) (kolommen INSTELLINGSCODE, VESTIGINGSCODE en ONDERWIJSSTRUCTUUR)"
    );
}
