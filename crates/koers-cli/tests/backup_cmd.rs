//! `koers backup` and `koers restore` as an operator runs them (SQLite; the PostgreSQL path is
//! covered by koers-store-pg's round-trip test): back up, restore into an empty data dir,
//! refuse a data dir with data unless --force, refuse a file that is not a backup.

use std::path::PathBuf;
use std::process::{Command, Output};

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("koers-cli-backup-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
    d
}

fn koers(args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_koers"));
    c.args(args).env_remove("KOERS_DATABASE_URL").env_remove("KOERS_DATA_DIR");
    c.output().unwrap_or_else(|e| panic!("{e}"))
}

fn out(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn backup_then_restore_into_an_empty_data_dir() {
    let d = dir("roundtrip");
    let (a, b) = (d.join("a"), d.join("b"));
    let (a, b) = (a.to_string_lossy().into_owned(), b.to_string_lossy().into_owned());
    let results =
        format!("{}/../../testdata/inspectie-schoolweging-driejaars-2021-2024.csv", env!("CARGO_MANIFEST_DIR"));
    let o = koers(&["import", "--data-dir", &a, &results]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));

    let file = d.join("koers-backup.db").to_string_lossy().into_owned();
    let o = koers(&["backup", "--data-dir", &a, &file]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("Backup gemaakt"), "{}", out(&o));
    let o = koers(&["backup", "--data-dir", &a, &file]);
    assert_ne!(o.status.code(), Some(0), "an existing file is never overwritten");
    assert!(out(&o).contains("bestaat al"), "{}", out(&o));

    let o = koers(&["restore", "--data-dir", &b, &file]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("Hersteld uit") && out(&o).contains("6338 scholen"), "{}", out(&o));

    // Now b holds data: refused without --force, in Dutch, naming what is there.
    let o = koers(&["restore", "--data-dir", &b, &file]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(out(&o).contains("bevat al gegevens (6338 scholen") && out(&o).contains("--force"), "{}", out(&o));
    let o = koers(&["restore", "--data-dir", &b, "--force", &file]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));

    let junk = d.join("junk.db");
    std::fs::write(&junk, b"geen database").unwrap_or_else(|e| panic!("{e}"));
    let o = koers(&["restore", "--data-dir", &d.join("c").to_string_lossy(), &junk.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(3), "{}", out(&o));
    assert!(out(&o).contains("geen bruikbare Koers-backup"), "{}", out(&o));
    let _ = std::fs::remove_dir_all(&d);
}
