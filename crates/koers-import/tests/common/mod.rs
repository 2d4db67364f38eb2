//! Helpers shared by the integration tests.
#![allow(dead_code)]

use koers_import::{Table, read_table};

/// Bytes of a file in the workspace's `testdata/`.
pub fn testdata(name: &str) -> Vec<u8> {
    let path = format!("{}/../../testdata/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A real file of `testdata/` as a table.
pub fn real_table(name: &str) -> Table {
    read_table(&testdata(name), name).unwrap_or_else(|e| panic!("{e}"))
}

/// A table from CSV text.
pub fn csv_table(text: &str, name: &str) -> Table {
    read_table(text.as_bytes(), name).unwrap_or_else(|e| panic!("{e}"))
}

pub const INSPECTIE: &str = "inspectie-leerresultaten-po-2023-2025.csv";
pub const DRIEJAARS: &str = "inspectie-schoolweging-driejaars-2021-2024.csv";
pub const PER_JAAR: &str = "inspectie-schoolweging-per-jaar-2021-2024.csv";
pub const DUO_REF: &str = "duo-referentieniveaus-bo-2024-2025.csv";
pub const DUO_VEST: &str = "duo-vestigingen-bo.csv";
pub const DUO_VEST_VO: &str = "duo-vestigingen-vo.csv";
pub const DUO_SOORT: &str = "duo-leerlingen-po-soort-cluster-2024-2025.csv";
pub const DUO_EXAMENS: &str = "duo-examens-vo-2021-2025.csv";
pub const GEO: &str = "scholen-locaties-geo-20241122.csv";

/// The Inspectie header with the three years 2223, 2324, 2425.
pub const INSPECTIE_HEADER: &str = "ovt;Gemiddelde %1F 2223;Gemiddelde %1S/2F 2223;Aantal leerlingen 2223;Gemiddelde %1F 2324;Gemiddelde %1S/2F 2324;Aantal leerlingen 2324;Gemiddelde %1F 2425;Gemiddelde %1S/2F 2425;Aantal leerlingen 2425;Schoolweging;Schoolwegingscategorie;Signaleringswaarde 1F;Signaleringswaarde 1S/2F;Gewogen driejaarsgemiddelde %1F;Gewogen driejaarsgemiddelde %1S/2F;Totaal aantal leerlingen 3 jaar;Uitkomst indicator 1F;Uitkomst indicator 1S/2F";

/// The first three data lines of the real Inspectie file, plus a `*` row and a missing year.
pub const INSPECTIE_ROWS: [&str; 5] = [
    "00AP|C1;94,44;55,56;18;92,31;51,28;13;91,67;47,22;12;31.47;[31,32);85;43.5;93,02;51,94;43;Boven de signaleringswaarde;Boven de signaleringswaarde",
    "00AR|C1;100;70;20;100;59,26;9;98,41;46,03;21;27.78;[27,28);85;50.1;99,33;58;50;Boven de signaleringswaarde;Boven de signaleringswaarde",
    "00AV|C1;100;41,67;8;100;40;5;90;33,33;10;30.61;[30,31);85;45.5;95,65;37,68;23;Boven de signaleringswaarde;Onder de signaleringswaarde",
    "03DG|C1;*;*;*;*;*;*;*;*;*;29.23;[29,30);85;47.1;100;78,57;14;Kleine school - Beoordeling over 5 jaar;Kleine school - Beoordeling over 5 jaar",
    "07DB|C2;;;;;;;95,45;45,45;22;;;85;;95,45;45,45;22;Te weinig gegevens;Te weinig gegevens",
];

/// A small Inspectie CSV: header and the given lines.
pub fn inspectie_csv(rows: &[&str]) -> String {
    let mut text = String::from(INSPECTIE_HEADER);
    for row in rows {
        text.push('\n');
        text.push_str(row);
    }
    text.push('\n');
    text
}
