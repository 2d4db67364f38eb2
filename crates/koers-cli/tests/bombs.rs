//! The real `koers screen` and `koers import` binaries on files built to exhaust memory (issue
//! 11, "spreadsheet bombs"): each ends with a Dutch message and exit code 3 (or, for screening
//! a CSV of bad rows, a capped list and exit 1), never an abort (134), and the process's peak
//! resident memory stays under 300 MB. Peak memory is measured by `/usr/bin/time -f %M` (GNU
//! time, Debian package `time`, installed by `scripts/install-test-deps`): a memory bound, not
//! a timing assert.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use koers_testkit::bombs;

/// Peak memory allowed for any of these runs, in kB (`%M` reports kB).
const MAX_RSS_KB: u64 = 300 * 1024;

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    max_rss_kb: u64,
}

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("koers-cli-bombs-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
    d
}

/// Runs `koers args…` under GNU time and returns exit code, output and peak RSS.
fn koers_measured(work: &Path, args: &[&str]) -> Run {
    let time = Path::new("/usr/bin/time");
    assert!(
        time.exists(),
        "/usr/bin/time ontbreekt: installeer GNU time (apt-get install time; scripts/install-test-deps)"
    );
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let rss_file = work.join(format!("rss-{}.txt", RUNS.fetch_add(1, Ordering::Relaxed)));
    let o = Command::new(time)
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&rss_file)
        .arg(env!("CARGO_BIN_EXE_koers"))
        .args(args)
        .env_remove("KOERS_DATABASE_URL")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let rss = std::fs::read_to_string(&rss_file).unwrap_or_default();
    // GNU time writes "Command exited with non-zero status N" before the figure.
    let max_rss_kb = rss.lines().filter_map(|l| l.trim().parse::<u64>().ok()).next_back().unwrap_or(u64::MAX);
    Run {
        code: o.status.code(),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        max_rss_kb,
    }
}

fn write(work: &Path, name: &str, bytes: &[u8]) -> String {
    let path = work.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    path.to_string_lossy().into_owned()
}

fn clean(work: &Path) {
    let _ = std::fs::remove_dir_all(work);
}

fn check(run: &Run, code: i32, message: &str) {
    assert_eq!(run.code, Some(code), "exit code; stderr: {}", run.stderr);
    assert!(run.stderr.contains(message), "expected «{message}» in: {}", run.stderr);
    assert!(run.max_rss_kb < MAX_RSS_KB, "peak RSS {} kB ≥ {MAX_RSS_KB} kB; {}", run.max_rss_kb, run.stderr);
}

#[test]
fn an_xlsx_with_cells_at_a1_and_xfd1048576_is_refused_with_exit_3() {
    let work = dir("corners");
    let bomb = bombs::xlsx_corners();
    assert!(bomb.len() < 2_000);
    let file = write(&work, "hoeken.xlsx", &bomb);
    let data = work.join("data").to_string_lossy().into_owned();
    let message = "hoeken.xlsx: cel XFD1048576 ligt voorbij kolom 1.000";
    check(&koers_measured(&work, &["screen", &file]), 3, message);
    check(&koers_measured(&work, &["import", "--data-dir", &data, &file]), 3, message);
    clean(&work);
}

#[test]
fn an_xlsx_of_1_8_gb_of_xml_is_refused_with_exit_3() {
    let work = dir("xml");
    let bomb = bombs::xlsx_expanding(1_800_000_000, true);
    assert!((2_300_000..2_700_000).contains(&bomb.len()), "{} bytes", bomb.len());
    let file = write(&work, "bom.xlsx", &bomb);
    let data = work.join("data").to_string_lossy().into_owned();
    let message = "bom.xlsx is uitgepakt groter dan 100 MB; Koers leest spreadsheets tot 100 MB uitgepakt";
    check(&koers_measured(&work, &["screen", &file]), 3, message);
    check(&koers_measured(&work, &["import", "--data-dir", &data, &file]), 3, message);
    // The same worksheet with sizes that lie.
    let liar = write(&work, "leugen.xlsx", &bombs::xlsx_expanding(1_800_000_000, false));
    check(
        &koers_measured(&work, &["screen", &liar]),
        3,
        "is beschadigd (de opgegeven grootte of controlesom klopt niet)",
    );
    clean(&work);
}

#[test]
fn formatting_just_under_its_limit_stays_under_the_memory_bound() {
    // 4 MB of `<xf/>` (840,000 cell formats; calamine would hold ~130 MB) is refused by count;
    // 300 kB (61,400 formats, under Excel's own 64,000) is read.
    let work = dir("styles");
    let file = write(&work, "opmaak.xlsx", &bombs::xlsx_styles((4 << 20) - 4096));
    let data = work.join("data").to_string_lossy().into_owned();
    check(&koers_measured(&work, &["screen", &file]), 3, "heeft meer dan 65.536 celopmaken");
    let within = write(&work, "binnen.xlsx", &bombs::xlsx_styles(300 << 10));
    let message = "binnen.xlsx (leerresultaten primair onderwijs (Inspectie)): kolommen";
    check(&koers_measured(&work, &["screen", &within]), 3, message);
    let over = write(&work, "meer.xlsx", &bombs::xlsx_styles(5 << 20));
    check(
        &koers_measured(&work, &["import", "--data-dir", &data, &over]),
        3,
        "onderdeel xl/styles.xml is uitgepakt groter dan 4 MB",
    );
    clean(&work);
}

#[test]
fn one_long_shared_string_in_every_cell_stays_under_the_memory_bound() {
    let work = dir("copies");
    let file = write(&work, "kopie.xlsx", &bombs::xlsx_shared_string_everywhere(100_000, 3, 1_000));
    let data = work.join("data").to_string_lossy().into_owned();
    let message = "kopie.xlsx bevat meer dan 64 MB tekst in één rij (rij 2)";
    check(&koers_measured(&work, &["screen", &file]), 3, message);
    check(&koers_measured(&work, &["import", "--data-dir", &data, &file]), 3, message);
    clean(&work);
}

#[test]
fn an_ods_repeating_one_cell_over_the_whole_grid_is_refused_with_exit_3() {
    let work = dir("ods");
    let file = write(&work, "herhaald.ods", &bombs::ods_repeats(16_384, 1_048_575));
    let data = work.join("data").to_string_lossy().into_owned();
    let message = "herhaald.ods: cel ALM2 ligt voorbij kolom 1.000";
    check(&koers_measured(&work, &["screen", &file]), 3, message);
    check(&koers_measured(&work, &["import", "--data-dir", &data, &file]), 3, message);
    clean(&work);
}

#[test]
fn a_csv_of_three_million_bad_rows_is_a_capped_list_or_a_refusal() {
    let work = dir("csv");
    let bomb = bombs::csv_bad_rows(3_000_000);
    assert!((5_900_000..6_100_000).contains(&bomb.len()), "{} bytes", bomb.len());
    let file = write(&work, "slecht.csv", &bomb);
    // Screening streams: every row is rejected, 50 are listed, the rest counted.
    let screen = koers_measured(&work, &["screen", &file, "--format", "csv"]);
    check(&screen, 1, "Afgewezen regels (3000000):");
    assert!(screen.stderr.contains("  … en nog 2999950 regels"), "{}", screen.stderr);
    assert_eq!(screen.stderr.lines().filter(|l| l.contains("slecht.csv, regel")).count(), 50);
    assert_eq!(screen.stdout, "", "no school, so no rows");
    // The register import reads a table: refused at the row limit.
    let data = work.join("data").to_string_lossy().into_owned();
    let import = koers_measured(&work, &["import", "--data-dir", &data, &file]);
    check(&import, 3, "slecht.csv heeft meer dan 500.000 gegevensregels");
    clean(&work);
}

#[test]
fn a_file_over_50_mb_is_refused_before_it_is_read() {
    let work = dir("groot");
    let path = work.join("groot.csv");
    let f = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
    f.set_len(60 * 1024 * 1024).unwrap_or_else(|e| panic!("{e}"));
    let data = work.join("data").to_string_lossy().into_owned();
    let run = koers_measured(&work, &["import", "--data-dir", &data, &path.to_string_lossy()]);
    check(&run, 3, "bestand groot.csv is te groot (60 MB); Koers leest bestanden tot 50 MB");
    assert!(run.max_rss_kb < 100 * 1024, "{} kB", run.max_rss_kb);
    clean(&work);
}

#[test]
fn control_characters_from_a_file_are_printed_as_visible_escapes() {
    let work = dir("escapes");
    let evil = "\u{1b}[2J\u{1b}]0:gekaapt\u{7}\u{9b}31m";
    let header = "ovt;naam;bevoegd_gezag_nummer;schoolweging_driejaarsgemiddelde";
    let file = write(&work, "schoolweging.csv", format!("{header}\n00AP|C1;X;41646;{evil}\n").as_bytes());
    let data = work.join("data").to_string_lossy().into_owned();
    let import = koers_measured(&work, &["import", "--data-dir", &data, &file]);
    assert_eq!(import.code, Some(1), "{}", import.stderr);
    let one_year = "ovt;Gemiddelde %1F 2324;Gemiddelde %1S/2F 2324;Aantal leerlingen 2324;Schoolweging";
    let screen_file = write(&work, "resultaten.csv", format!("{one_year}\n{evil};90;50;20;30\n").as_bytes());
    let screen = koers_measured(&work, &["screen", &screen_file]);
    assert_eq!(screen.code, Some(1), "{}", screen.stderr);
    // A header line with C0 controls is not text at all; C1 controls and bidi overrides are.
    let bad_header = write(&work, "kop.csv", "ovt;Aantal leerlingen 23\u{9b}31m\u{202e}\n00AP|C1;1\n".as_bytes());
    let header = koers_measured(&work, &["screen", &bad_header]);
    assert_eq!(header.code, Some(3), "{}", header.stderr);
    // A file whose own name holds an escape.
    let named = write(&work, "naam\u{1b}[31m.csv", b"iets;anders\n1;2\n");
    let unknown = koers_measured(&work, &["import", "--data-dir", &data, &named]);
    assert_eq!(unknown.code, Some(3), "{}", unknown.stderr);
    for run in [&import, &screen, &header, &unknown] {
        let all = format!("{}{}", run.stdout, run.stderr);
        let raw = all.chars().any(|c| (c.is_control() && c != '\n') || c == '\u{202e}');
        assert!(!raw, "raw control character in: {all:?}");
    }
    assert!(
        import.stderr.contains("waarde \"\\u{1b}[2J\\u{1b}]0:gekaapt\\u{7}\\u{9b}31m\" is geen getal"),
        "{}",
        import.stderr
    );
    assert!(screen.stderr.contains("kolom \"ovt\": waarde \"\\u{1b}[2J"), "{}", screen.stderr);
    assert!(header.stderr.contains("kolom \"Aantal leerlingen 23\\u{9b}31m\\u{202e}\""), "{}", header.stderr);
    assert!(unknown.stderr.contains("naam\\u{1b}[31m.csv is geen bekend bestand"), "{}", unknown.stderr);
    clean(&work);
}
