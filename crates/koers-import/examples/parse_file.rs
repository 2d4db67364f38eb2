//! Parses files as `koers import` would, and prints what it found and how long it took; run it
//! under `/usr/bin/time -f %M` for the peak memory (`scripts/bench-import` does both).
//!
//! ```sh
//! cargo run --release -p koers-import --example parse_file -- [--table] FILE…
//! ```
//! Without `--table`: [`koers_import::parse_bytes`] (one pass, no table). With `--table`:
//! [`koers_import::read_table`] then [`koers_import::parse_any`], as the register import does.

use std::time::Instant;

use koers_import::{Limits, exam_trends, parse_any, parse_bytes, read_file, read_table};

fn main() -> std::process::ExitCode {
    let mut table = false;
    let mut code = std::process::ExitCode::SUCCESS;
    for arg in std::env::args().skip(1) {
        if arg == "--table" {
            table = true;
            continue;
        }
        let name = std::path::Path::new(&arg).file_name().map_or(arg.clone(), |n| n.to_string_lossy().into_owned());
        let start = Instant::now();
        let limits = Limits::default();
        let parsed = read_file(std::path::Path::new(&arg), &name, &limits).and_then(|bytes| {
            if table {
                read_table(&bytes, &name).and_then(|t| parse_any(&t))
            } else {
                parse_bytes(&bytes, &name, &limits, None)
            }
        });
        let elapsed = start.elapsed();
        match parsed {
            Ok(p) => {
                let extra = match &p {
                    koers_import::ParsedFile::DuoExamensVo(e) => {
                        let t0 = Instant::now();
                        let trends = exam_trends(&e.records);
                        format!("; {} locaties in {:.1} ms", trends.len(), t0.elapsed().as_secs_f64() * 1e3)
                    }
                    _ => String::new(),
                };
                println!(
                    "{name}\t{}\t{} records\t{} afgewezen\t{:.1} ms{extra}",
                    p.kind().dutch_name(),
                    p.accepted(),
                    p.rejected_total(),
                    elapsed.as_secs_f64() * 1e3
                );
            }
            Err(e) => {
                println!("{name}\tfout: {e}\t{:.1} ms", elapsed.as_secs_f64() * 1e3);
                code = std::process::ExitCode::from(3);
            }
        }
    }
    code
}
