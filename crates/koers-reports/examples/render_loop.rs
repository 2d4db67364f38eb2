//! Renders the sample voortgangsrapportage N times (default 200), each with a different school
//! name so no two inputs are alike, and prints the wall-clock and CPU time per report and the
//! process's peak resident memory (VmHWM from /proc/self/status, Linux). CPU time (utime + stime
//! from /proc/self/stat) is what a report costs when the machine is busy with other work, where
//! wall-clock time is not. The README's memory figure comes from:
//!
//!     cargo run --release -p koers-reports --example render_loop -- 200

use koers_reports::{pdf, sample};
use std::time::Instant;

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU time used by this process so far, in milliseconds (clock ticks of 10 ms).
fn cpu_ms() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok());
    Some((ticks(11)? + ticks(12)?) * 10)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args().nth(1).map(|a| a.parse()).transpose()?.unwrap_or(200);
    let base = sample::voortgangsrapportage()?;
    pdf::warm_up()?;
    println!("after warm-up: peak RSS {} MiB", peak_rss_kib().unwrap_or(0) / 1024);
    let (start, cpu0) = (Instant::now(), cpu_ms().unwrap_or(0));
    let mut bytes = 0;
    for i in 0..n {
        let mut doc = base.clone();
        doc.meta.school = format!("{} {i}", sample::SCHOOL);
        bytes += pdf::render_pdf(&doc)?.len();
    }
    let per = start.elapsed().as_secs_f64() * 1000.0 / n.max(1) as f64;
    let cpu = cpu_ms().unwrap_or(0).saturating_sub(cpu0) as f64 / n.max(1) as f64;
    println!(
        "{n} reports, {} KiB each, {per:.1} ms wall-clock and {cpu:.1} ms CPU per report",
        bytes / n.max(1) / 1024
    );
    println!("peak RSS {} MiB", peak_rss_kib().unwrap_or(0) / 1024);
    Ok(())
}
