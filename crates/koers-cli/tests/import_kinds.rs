//! `koers import` recognises every kind of public file by its header and names it; a file of an
//! unknown kind gets a Dutch message listing the kinds it knows, exit code 3.

use std::process::{Command, Output};

fn koers(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_koers"))
        .args(args)
        .env_remove("KOERS_DATABASE_URL")
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn out(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn every_new_public_file_is_recognised_by_its_header() {
    let data = std::env::temp_dir().join(format!("koers-cli-kinds-{}", std::process::id()));
    let dd = data.to_string_lossy().into_owned();
    for (file, kind) in [
        ("duo-vestigingen-vo.csv", "vestigingen voortgezet onderwijs (DUO)"),
        ("duo-leerlingen-po-soort-cluster-2024-2025.csv", "leerlingen primair onderwijs per soort en cluster (DUO)"),
        ("duo-examens-vo-2021-2025.csv", "examenkandidaten en geslaagden voortgezet onderwijs (DUO)"),
        ("scholen-locaties-geo-20241122.csv", "schoollocaties met coördinaten"),
    ] {
        let path = format!("{}/../../testdata/{file}", env!("CARGO_MANIFEST_DIR"));
        let o = koers(&["import", "--data-dir", &dd, &path]);
        // Recognised and named, whether the register stores it yet (0) or not (3).
        assert!(matches!(o.status.code(), Some(0 | 1 | 3)), "{file}: {:?} {}", o.status, out(&o));
        assert!(out(&o).contains(kind), "{file}: {}", out(&o));
    }
    let unknown = data.join("lijst.csv");
    std::fs::write(&unknown, "school;plaats\nDe Morgenster;Assen\n").unwrap_or_else(|e| panic!("{e}"));
    let o = koers(&["import", "--data-dir", &dd, &unknown.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(3), "{}", out(&o));
    let text = out(&o);
    assert!(text.contains("koers import: lijst.csv: bestand lijst.csv is geen bekend bestand"), "{text}");
    assert!(
        text.contains(
            "vestigingen voortgezet onderwijs (DUO) (kolommen INSTELLINGSCODE, VESTIGINGSCODE en ONDERWIJSSTRUCTUUR)"
        ),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&data);
}
