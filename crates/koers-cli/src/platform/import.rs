//! `koers import`: read public files into the register, with a progress bar on a terminal.

use super::{DbArgs, run, safe};
use crate::{db, exit};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use koers_app::store::Actor;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Bestanden (CSV, xlsx, ods): resultaten, schoolweging driejaars/per jaar, DUO-vestigingen.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

pub fn import(args: &ImportArgs) -> u8 {
    run("import", async {
        let app = db::open(&args.db.url(db::default_data_dir())).await?;
        let pb = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            ProgressBar::new(args.files.len() as u64)
        } else {
            ProgressBar::hidden()
        };
        if let Ok(style) = ProgressStyle::with_template("{spinner} [{pos}/{len}] {wide_msg} ({elapsed})") {
            pb.set_style(style);
        }
        pb.enable_steady_tick(std::time::Duration::from_millis(120));
        let actor = Actor::system("koers import (cli)");
        let mut code = exit::OK;
        for path in &args.files {
            let name =
                path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            pb.set_message(format!("{name} inlezen"));
            let bytes = match koers_import::read_file(path, &name, &koers_import::Limits::default()) {
                Ok(b) => b,
                Err(e) => {
                    pb.suspend(|| eprintln!("koers import: {}", safe(e)));
                    code = exit::BAD_FILE;
                    pb.inc(1);
                    continue;
                }
            };
            match app.import_file(&bytes, &name, &actor, db::now()).await {
                Ok(report) => pb.suspend(|| {
                    println!("{}", safe(report.summary_nl()));
                    for k in &report.kept_manual {
                        let kept = format!("{} {}: {} (bestand: {})", k.ovt, k.field_nl(), k.kept, k.imported);
                        println!("  behouden (handmatig gewijzigd): {}", safe(kept));
                    }
                    for e in report.rejected.iter().take(50) {
                        eprintln!("  afgewezen: {}", safe(e));
                    }
                    let shown = report.rejected.len().min(50);
                    if report.rejected_total > shown {
                        eprintln!("  … en nog {} afgewezen regels", report.rejected_total - shown);
                    }
                    if !report.rejected.is_empty() && code == exit::OK {
                        code = exit::REJECTED_ROWS;
                    }
                }),
                Err(e) => {
                    pb.suspend(|| eprintln!("koers import: {}", safe(format!("{name}: {e}"))));
                    code = exit::BAD_FILE;
                }
            }
            pb.inc(1);
        }
        pb.finish_and_clear();
        Ok(code)
    })
}
