//! The platform commands as a user runs them: migrate, import (idempotent, bad rows listed),
//! user add, demo --no-serve. Each test uses its own SQLite file.

use std::path::PathBuf;
use std::process::{Command, Output};

fn testdata(name: &str) -> String {
    format!("{}/../../testdata/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("koers-cli-platform-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
    d
}

fn koers(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_koers"));
    c.args(args).env_remove("KOERS_DATABASE_URL").env_remove("KOERS_PASSWORD");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap_or_else(|e| panic!("{e}"))
}

fn out(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn import_is_idempotent_and_reports_in_dutch() {
    let d = dir("import");
    let dd = d.to_string_lossy().into_owned();
    let f = testdata("inspectie-schoolweging-driejaars-2021-2024.csv");
    let o = koers(&["import", "--data-dir", &dd, &f], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("scholen 6338 nieuw, 0 bijgewerkt, 0 ongewijzigd"), "{}", out(&o));
    let o = koers(&["import", "--data-dir", &dd, &f], &[]);
    assert!(out(&o).contains("scholen 0 nieuw, 0 bijgewerkt, 6338 ongewijzigd"), "{}", out(&o));

    let bad = d.join("bad.csv");
    std::fs::write(&bad, "ovt;naam;bevoegd_gezag_nummer;schoolweging_driejaarsgemiddelde\n00AP|C1;X;41646;veel\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let o = koers(&["import", "--data-dir", &dd, &bad.to_string_lossy()], &[]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(out(&o).contains("afgewezen: bad.csv, regel 2, kolom \"schoolweging_driejaarsgemiddelde\""), "{}", out(&o));
}

#[test]
fn user_add_creates_an_account_and_refuses_a_duplicate() {
    let d = dir("user");
    let dd = d.to_string_lossy().into_owned();
    let env = [("KOERS_PASSWORD", "een-lang-wachtwoord")];
    let args = ["user", "add", "--data-dir", &dd, "--email", "Bea@School.nl", "--name", "Bea", "--role", "beheerder"];
    let o = koers(&args, &env);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("Gebruiker bea@school.nl aangemaakt"));
    let o = koers(&args, &env);
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).contains("er bestaat al een account met dit e-mailadres"), "{}", out(&o));
    let o =
        koers(&["user", "add", "--data-dir", &dd, "--email", "x@y.nl", "--name", "X", "--role", "schoolleider"], &env);
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).contains("--school (ovt) is verplicht"), "{}", out(&o));
    let o = koers(&["user", "add", "--data-dir", &dd, "--email", "x@y.nl", "--name", "X", "--role", "koning"], &env);
    assert!(out(&o).contains("onbekende rol 'koning'"));
}

#[test]
fn demo_loads_every_school_and_prints_a_login_per_role() {
    let d = dir("demo");
    let dd = d.to_string_lossy().into_owned();
    let o = koers(&["demo", "--data-dir", &dd, "--no-serve"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let text = out(&o);
    for email in ["beheerder@", "programma@", "expert@", "schoolleider@", "bestuurder@"] {
        assert!(text.contains(email), "{email}: {text}");
    }
    assert!(text.contains("18464 resultaatjaren"), "{text}");
    // A second start loads nothing again.
    let o = koers(&["demo", "--data-dir", &dd, "--no-serve"], &[]);
    assert!(!out(&o).contains("Demodata laden"));
}

#[test]
fn a_bad_database_url_is_refused() {
    let o = koers(&["migrate", "--database-url", "mysql://x"], &[]);
    assert_eq!(o.status.code(), Some(3));
    assert!(out(&o).contains("onbekende database-URL"), "{}", out(&o));
}

#[test]
fn a_bad_smtp_url_is_refused_before_serving() {
    let d = dir("smtp");
    let dd = d.to_string_lossy().into_owned();
    let o = koers(&["serve", "--data-dir", &dd, "--listen", "127.0.0.1:0", "--smtp-url", "http://mail"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).contains("ongeldige mailinstelling: de SMTP-URL begint met smtp://"), "{}", out(&o));
}

/// Issue 11 §10: a database or file-system failure reads as Dutch, without the driver's or the
/// system's English; `KOERS_LOG` puts that detail in the log.
#[test]
fn database_and_file_failures_are_dutch_with_the_detail_in_the_log() {
    let d = dir("nl-fouten");
    // A file where the database's directory should be: the directory cannot be made.
    let blocker = d.join("blok");
    std::fs::write(&blocker, "geen map").unwrap_or_else(|e| panic!("{e}"));
    let url = format!("sqlite://{}/koers.db", blocker.display());
    let o = koers(&["migrate", "--database-url", &url], &[]);
    assert_eq!(o.status.code(), Some(3), "{}", out(&o));
    let text = String::from_utf8_lossy(&o.stderr).into_owned();
    let line = text.lines().find(|l| l.starts_with("koers migrate: ")).unwrap_or_else(|| panic!("{text}"));
    assert!(line.ends_with("niet aanmaken: er bestaat al een bestand of map met die naam"), "{line}");
    assert!(!text.contains("os error") && !text.contains("File exists"), "no English: {text}");
    // PostgreSQL that is not there (nothing listens on port 1), with the log on: the message
    // is Dutch, the driver's English is only in the log line.
    let o = koers(&["migrate", "--database-url", "postgres://koers@127.0.0.1:1/koers"], &[("KOERS_LOG", "warn")]);
    assert_eq!(o.status.code(), Some(3), "{}", out(&o));
    let text = String::from_utf8_lossy(&o.stderr).into_owned();
    let line = text.lines().find(|l| l.starts_with("koers migrate: ")).unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("kan niet verbinden met PostgreSQL: "), "{line}");
    for english in ["pool", "timed out", "refused", "error", "connection"] {
        assert!(!line.to_lowercase().contains(english), "English in the message ({english}): {line}");
    }
    assert!(text.lines().any(|l| l.contains("WARN") && l.contains("pool timed out")), "the detail is logged: {text}");
}
