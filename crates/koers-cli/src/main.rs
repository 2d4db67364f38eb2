//! `koers` — the one binary of Koers. This commands: `screen` (every school of a
//! results file) and `check` (one school from flags). Exit codes are in [`exit`].

mod check_cmd;
mod output;
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Screen(args) => screen_cmd::run(&args),
        Command::Check(args) => check_cmd::run(&args),
    };
    ExitCode::from(code)
}
