//! Renders the sample voortgangsrapportage N times (default 200), each with a different school
//! name so no two inputs are alike, and prints the time per report and the process's peak
//! resident memory (VmHWM from /proc/self/status, Linux). The README's memory figure comes from:
//!
//!     cargo run --release -p koers-reports --example render_loop -- 200

use koers_reports::{pdf, sample};
use std::time::Instant;

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args().nth(1).map(|a| a.parse()).transpose()?.unwrap_or(200);
    let base = sample::voortgangsrapportage()?;
    pdf::warm_up()?;
    println!("after warm-up: peak RSS {} MiB", peak_rss_kib().unwrap_or(0) / 1024);
    let start = Instant::now();
    let mut bytes = 0;
    for i in 0..n {
        let mut doc = base.clone();
        doc.meta.school = format!("{} {i}", sample::SCHOOL);
        bytes += pdf::render_pdf(&doc)?.len();
    }
    let per = start.elapsed().as_secs_f64() * 1000.0 / n.max(1) as f64;
    println!("{n} reports, {} KiB each, {per:.1} ms per report", bytes / n.max(1) / 1024);
    println!("peak RSS {} MiB", peak_rss_kib().unwrap_or(0) / 1024);
    Ok(())
}
