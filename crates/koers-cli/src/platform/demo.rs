//! `koers demo`: the national files and one demo user per role on SQLite, then serve.

use super::{MailArgs, init_tracing, run, start_mail_sender, web_state};
use crate::error::CliError;
use crate::{db, exit};
use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Adres en poort.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Datamap van de demo (SQLite-bestand); standaard ./koers-demo.
    #[arg(long, default_value = "koers-demo")]
    pub data_dir: PathBuf,
    /// Alleen de demodata laden en de inloggegevens tonen, niet de server starten.
    #[arg(long)]
    pub no_serve: bool,
    #[command(flatten)]
    pub mail: MailArgs,
    #[command(flatten)]
    pub theme: super::theme::ThemeArgs,
    #[command(flatten)]
    pub sign_in: super::sign_in::SignInArgs,
    #[command(flatten)]
    pub clock: super::clock::ClockArgs,
}

/// The national data shipped in the repository, embedded so `koers demo` works anywhere.
const DEMO_FILES: &[(&str, &[u8])] = &[
    (
        "inspectie-schoolweging-driejaars-2021-2024.csv",
        include_bytes!("../../../../testdata/inspectie-schoolweging-driejaars-2021-2024.csv"),
    ),
    (
        "inspectie-leerresultaten-po-2023-2025.csv",
        include_bytes!("../../../../testdata/inspectie-leerresultaten-po-2023-2025.csv"),
    ),
    // Every primary school exists before DUO's addresses are linked to them.
    (
        "inspectie-schoolweging-per-jaar-2021-2024.csv",
        include_bytes!("../../../../testdata/inspectie-schoolweging-per-jaar-2021-2024.csv"),
    ),
    ("duo-vestigingen-bo.csv", include_bytes!("../../../../testdata/duo-vestigingen-bo.csv")),
    // The other sectors (VO, sbo/so/vso), then what links to them: exams (VO) and coordinates.
    ("duo-vestigingen-vo.csv", include_bytes!("../../../../testdata/duo-vestigingen-vo.csv")),
    (
        "duo-leerlingen-po-soort-cluster-2024-2025.csv",
        include_bytes!("../../../../testdata/duo-leerlingen-po-soort-cluster-2024-2025.csv"),
    ),
    ("duo-examens-vo-2021-2025.csv", include_bytes!("../../../../testdata/duo-examens-vo-2021-2025.csv")),
    ("scholen-locaties-geo-20241122.csv", include_bytes!("../../../../testdata/scholen-locaties-geo-20241122.csv")),
];

pub fn demo(args: &DemoArgs) -> u8 {
    init_tracing();
    run("demo", async {
        let url = db::sqlite_url(&args.data_dir);
        let app = db::open(&url).await?;
        // With `--vandaag` the demo data is made as of that day (so its dates fit the clock).
        let now = args.clock.now();
        // Loaded before this version (only primary schools)? Importing again is idempotent.
        let complete = app
            .read()
            .all_schools()
            .await
            .map(|s| s.iter().any(|s| s.sector == koers_app::store::Sector::Vo))
            .unwrap_or(false);
        if !complete {
            eprintln!(
                "Demodata laden (alle scholen van po, sbo/so/vso en vo, met resultaten, examens en coördinaten)…"
            );
            for r in app.demo_load_files(DEMO_FILES, now).await? {
                eprintln!("  {}", r.summary_nl());
            }
        }
        let logins = app.demo_seed_users(now).await?;
        app.demo_seed_experts(now).await?;
        app.demo_seed_dagdelen(now).await?;
        let made = app.demo_seed_trajectories(now).await?;
        if made > 0 {
            eprintln!("  {made} demotrajecten (per programma één in elke fase, met plan van aanpak)");
        }
        let progressed = app.demo_seed_voortgang(now).await?;
        if progressed > 0 {
            eprintln!("  voortgang in {progressed} demotrajecten (één niet op koers)");
        }
        println!("Koers demo: http://{}/", args.listen);
        println!("Database: {url}");
        println!("Demo-logins (wachtwoord voor allemaal: {}):", koers_app::demo::DEMO_PASSWORD);
        for l in &logins {
            println!("  {:<20} {:<30} {}", l.role.label_nl(), l.email, l.scope);
        }
        if args.no_serve {
            return Ok(exit::OK);
        }
        start_mail_sender(&app, &args.mail)?;
        let config = koers_web::WebConfig {
            base_url: args.sign_in.base_url(args.listen),
            today: args.clock.vandaag,
            ..Default::default()
        };
        let state = web_state(app, config, &args.theme, &args.sign_in)?;
        koers_web::serve(state, args.listen).await.map_err(|source| CliError::Io { what: "webserver", source })?;
        Ok(exit::OK)
    })
}
