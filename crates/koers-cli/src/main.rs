//! `koers` — the one binary of Koers: `screen` (every school of a results file), `check` (one
//! school from flags), `serve`, `demo`, `migrate`, `import`, `user add`, `report`,
//! `backup`, `restore`. Exit codes are in [`exit`].

mod check_cmd;
mod db;
mod error;
mod ops_cmd;
mod output;
mod platform;
mod screen_cmd;

use clap::{Parser, Subcommand};

use std::process::ExitCode;

/// Exit codes, also listed in the README and in `koers --help`.
pub mod exit {
    /// Everything was read and computed.
    pub const OK: u8 = 0;
    /// Output was produced, but one or more rows (or fields) were rejected; see stderr.
    pub const REJECTED_ROWS: u8 = 1;
    /// Wrong use of the command line (clap's own code).
    pub const USAGE: u8 = 2;
    /// The input file could not be read or is not a known format.
    pub const BAD_FILE: u8 = 3;
    /// Writing the output failed, or the shipped norm tables are broken.
    pub const INTERNAL: u8 = 4;
}

#[derive(Debug, Parser)]
#[command(
    name = "koers",
    version,
    about = "Koers — schoolverbetertrajecten, van 'kom ik in aanmerking?' tot voortgangsrapportage",
    after_help = "Exitcodes: 0 = gelukt; 1 = uitvoer gemaakt maar regels of velden afgewezen (zie stderr); \
2 = verkeerd gebruik; 3 = bestand onleesbaar of onbekend formaat; 4 = schrijven mislukt of interne fout."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Beoordeel elke school in een resultatenbestand (Inspectie-formaat; CSV, xlsx of ods).
    Screen(screen_cmd::ScreenArgs),
    /// Beoordeel één school met cijfers op de opdrachtregel.
    Check(check_cmd::CheckArgs),
    /// Start de webserver.
    Serve(platform::serve::ServeArgs),
    /// Start Koers met demodata (alle scholen) en een demogebruiker per rol op SQLite.
    Demo(platform::demo::DemoArgs),
    /// Breng de database op de nieuwste versie.
    Migrate(platform::DbArgs),
    /// Lees bestanden in het register in (resultaten, schoolweging, DUO-vestigingen).
    Import(platform::import::ImportArgs),
    /// Maak een backup van de database (kan terwijl de server draait).
    Backup(ops_cmd::BackupArgs),
    /// Zet een backup terug in een lege database (stop de server eerst).
    Restore(ops_cmd::RestoreArgs),
    /// Maak een rapport van een traject als PDF (koers report voortgang-bestuur --trajectory 7 -o rapport.pdf).
    Report(platform::report::ReportArgs),
    /// Gebruikers beheren.
    #[command(subcommand)]
    User(platform::user::UserCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // `koers serve` and `koers demo` always log; the other commands when KOERS_LOG asks for it
    // (a system failure's English detail goes there, the message stays Dutch).
    if std::env::var_os("KOERS_LOG").is_some() {
        platform::init_tracing();
    }
    let code = match cli.command {
        Command::Screen(args) => screen_cmd::run(&args),
        Command::Check(args) => check_cmd::run(&args),
        Command::Serve(args) => platform::serve::serve(&args),
        Command::Demo(args) => platform::demo::demo(&args),
        Command::Migrate(args) => platform::migrate::migrate(&args),
        Command::Import(args) => platform::import::import(&args),
        Command::User(cmd) => platform::user::user(&cmd),
        Command::Report(args) => platform::report::report(&args),
        Command::Backup(args) => ops_cmd::backup(&args),
        Command::Restore(args) => ops_cmd::restore(&args),
    };
    ExitCode::from(code)
}
