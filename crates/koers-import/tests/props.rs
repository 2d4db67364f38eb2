//! Property tests: nothing panics on any input; numbers round-trip; recovery never lies.
#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

mod common;

use common::INSPECTIE_HEADER;
use koers_import::values::parse_decimal;
use koers_import::*;
use proptest::prelude::*;

/// Runs every parser on a table; only panics matter.
fn parse_everything(table: &Table) {
    let _ = detect_kind(table).map(FileKind::dutch_name);
    let _ = parse_inspectie_results(table);
    let _ = parse_schoolweging_driejaars(table);
    let _ = parse_schoolweging_per_jaar(table);
    let _ = parse_duo_vestigingen(table);
    let _ = parse_duo_vestigingen_vo(table);
    if let Ok(parsed) = parse_duo_leerlingen_soort_po(table) {
        for r in &parsed.records {
            let _ = (r.hoofdsoort(), r.clusters(), r.leerlingen());
        }
    }
    if let Ok(parsed) = parse_duo_examens_vo(table) {
        for t in exam_trends(&parsed.records) {
            for y in t.years.iter().chain(t.afdelingen.iter().flat_map(|a| &a.years)) {
                let _ = y.masking_nl();
            }
        }
    }
    let _ = parse_scholen_geo(table);
    if let Ok(parsed) = parse_duo_referentieniveaus(table) {
        let _ = recovery_summary(&parsed.records);
        for r in &parsed.records {
            let _ = (r.recovered.pct_1f(), r.recovered.pct_1s2f());
        }
    }
}

fn everything_on_bytes(bytes: &[u8]) {
    if let Ok(table) = read_table(bytes, "p.csv") {
        parse_everything(&table);
        // One pass gives what the table gives.
        let table_parse = parse_any(&table);
        let one_pass = parse_bytes(bytes, "p.csv", &Limits::default(), None);
        assert_eq!(table_parse.ok(), one_pass.ok());
    }
    let _ = stream_inspectie_results(bytes, "p.csv", |r| {
        let _ = r.map_err(|e| e.to_string());
    });
}

const HEADERS: [&str; 9] = [
    INSPECTIE_HEADER,
    "ovt;naam;bevoegd_gezag_nummer;schoolweging_driejaarsgemiddelde",
    "schooljaar;ovt;naam;bevoegd_gezag_nummer;schoolweging;aantal_leerlingen;spreiding",
    "\"INSTELLINGSCODE\";\"VESTIGINGSCODE\";\"PEILDATUM\";\"REKENEN_LAGER1F\";\"REKENEN_1F\";\"REKENEN_1S\";\"REKENEN_2F\";\"LV_LAGER1F\";\"LV_1F\";\"LV_2F\";\"TV_LAGER1F\";\"TV_1F\";\"TV_2F\"",
    "INSTELLINGSCODE,VESTIGINGSCODE,VESTIGINGSNAAM,BEVOEGD GEZAG NUMMER,TELEFOONNUMMER",
    "INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;ONDERWIJSSTRUCTUUR;POSTCODE",
    "PEILDATUM;INSTELLINGSCODE;VESTIGINGSCODE;SOORT_PO;CLUSTER;LEEFTIJD_4;LEEFTIJD_5;BEVOEGD_GEZAG_NUMMER",
    "INSTELLINGSCODE;VESTIGINGSCODE;ONDERWIJSTYPE VO;OPLEIDINGSNAAM;EXAMENKANDIDATEN SCHOOLJAAR 2023-2024 - TOTAAL;GESLAAGDEN SCHOOLJAAR 2023-2024 - TOTAAL;SLAAGPERC SCHOOLJAAR 2023-2024 - TOTAAL",
    "vestigingscode;brin_nummer;naam;type;leerlingen;lon;lat",
];

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("*".to_string()),
        Just("<5".to_string()),
        Just("00AP|C1".to_string()),
        Just("00AP".to_string()),
        Just("2021-2022".to_string()),
        Just("00AP00".to_string()),
        Just("Vso".to_string()),
        Just("HAVO".to_string()),
        Just("VMBO T - economie".to_string()),
        Just("VBO/MAVO".to_string()),
        Just("basisschool".to_string()),
        "[0-9]{1,3}([,.][0-9]{1,2})?",
        "-?[0-9]{0,12}",
        "[0-9A-Za-z|,.;\"<*éÉ –\u{a0}\u{2009}\r\n-]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        everything_on_bytes(&bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        everything_on_bytes(text.as_bytes());
    }

    #[test]
    fn plausible_files_never_panic(
        header in 0..HEADERS.len(),
        rows in proptest::collection::vec(proptest::collection::vec(cell(), 0..22), 0..8),
        crlf in any::<bool>(),
    ) {
        let mut text = HEADERS[header].to_string();
        let separator = if header == 4 { "," } else { ";" };
        for row in rows {
            text.push_str(if crlf { "\r\n" } else { "\n" });
            text.push_str(&row.join(separator));
        }
        everything_on_bytes(text.as_bytes());
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        everything_on_bytes(&latin);
        // Stream and table agree on every plausible file.
        if let Ok(table) = read_table(text.as_bytes(), "p.csv") && let Ok(parsed) = parse_inspectie_results(&table) {
            let mut streamed = (Vec::new(), Vec::new());
            stream_inspectie_results(text.as_bytes(), "p.csv", |r| match r {
                Ok(r) => streamed.0.push(r),
                Err(e) => streamed.1.push(e),
            }).unwrap();
            prop_assert_eq!(streamed.0, parsed.records);
            prop_assert_eq!(streamed.1, parsed.rejected);
        }
    }

    #[test]
    fn damaged_spreadsheets_never_panic(
        which in 0..3usize,
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = match which {
            0 => koers_testkit::bombs::xlsx_corners(),
            1 => koers_testkit::bombs::ods_repeats(3, 4),
            _ => koers_testkit::bombs::xlsx_shared_strings_claim(1),
        };
        for (at, byte) in flips {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()).max(4));
        }
        everything_on_bytes(&bytes);
    }

    #[test]
    fn decimals_round_trip(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
        let dot = format!("{x}");
        prop_assert_eq!(parse_decimal(&dot), Ok(Cell::Value(x)));
        let comma = dot.replace('.', ",");
        prop_assert_eq!(parse_decimal(&comma), Ok(Cell::Value(x)));
    }

    #[test]
    fn short_decimals_round_trip(whole in 0u32..1000, frac in 0u32..100) {
        let text = format!("{whole},{frac:02}");
        let expected: f64 = format!("{whole}.{frac:02}").parse().unwrap();
        prop_assert_eq!(parse_decimal(&text), Ok(Cell::Value(expected)));
    }

    #[test]
    fn recovery_never_contradicts_the_truth(
        rekenen in proptest::array::uniform4(0u32..25),
        cuts in proptest::array::uniform4(0.0f64..=1.0),
        masks in proptest::array::uniform10(any::<bool>()),
    ) {
        // Lezen and taalverzorging split the same total as rekenen.
        let n: u32 = rekenen.iter().sum();
        let split = |a: f64, b: f64| {
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            let (x, y) = ((lo * f64::from(n)) as u32, (hi * f64::from(n)) as u32);
            [x, y - x, n - y]
        };
        let lezen = split(cuts[0], cuts[1]);
        let taal = split(cuts[2], cuts[3]);
        let truth: Vec<u32> = rekenen.iter().chain(&lezen).chain(&taal).copied().collect();
        let published: Vec<Count> = truth
            .iter()
            .zip(masks)
            .map(|(v, mask)| if mask && (1..=4).contains(v) { Count::Masked } else { Count::Known(*v) })
            .collect();
        let counts = DuoCounts {
            rekenen: [published[0], published[1], published[2], published[3]],
            lezen: [published[4], published[5], published[6]],
            taalverzorging: [published[7], published[8], published[9]],
        };
        let r = recover(&counts);
        let (lo, hi) = r.pupil_bounds.expect("consistent");
        prop_assert!(lo <= n && n <= hi);
        if let Some(p) = r.pupils { prop_assert_eq!(p, n); }
        let recovered: Vec<Recovered> = r.rekenen.iter().chain(&r.lezen).chain(&r.taalverzorging).copied().collect();
        for (cell, value) in recovered.iter().zip(&truth) {
            match cell {
                Recovered::Exact(v) => prop_assert_eq!(v, value),
                Recovered::Unknown { min, max } => prop_assert!(min <= value && value <= max),
            }
        }
        for domain in Domain::ALL {
            let cells: &[u32] = match domain {
                Domain::Rekenen => &truth[0..4],
                Domain::Lezen => &truth[4..7],
                Domain::Taalverzorging => &truth[7..10],
            };
            if let Some(v) = r.at_least_1f(domain) { prop_assert_eq!(v, cells[1..].iter().sum::<u32>()); }
            if let Some(v) = r.at_target(domain) { prop_assert_eq!(v, cells[2..].iter().sum::<u32>()); }
        }
    }
}
