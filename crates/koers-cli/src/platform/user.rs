//! `koers user add`: create a user with one role. The password comes from `KOERS_PASSWORD` or
//! the first line of stdin.

use super::{DbArgs, run};
use crate::error::CliError;
use crate::{db, exit};
use clap::{Args, Subcommand};
use koers_app::store::{Actor, StoreError};
use koers_core::access::{Grant, RoleKind, Scope};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Maak een gebruiker aan. Het wachtwoord komt uit KOERS_PASSWORD of de eerste regel van stdin.
    Add(UserAddArgs),
}

#[derive(Debug, Args)]
pub struct UserAddArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub name: String,
    /// beheerder, programmamedewerker, expert, schoolleider of bestuurder.
    #[arg(long)]
    pub role: String,
    /// Voor schoolleider: de school (ovt, bv. 00AP|C1).
    #[arg(long)]
    pub school: Option<String>,
    /// Voor bestuurder: het bevoegd-gezagnummer.
    #[arg(long)]
    pub board: Option<koers_core::ids::BoardNumber>,
    /// Voor programmamedewerker en expert: het programma (bv. gwgb-plus-school).
    #[arg(long)]
    pub programme: Option<String>,
    /// nl of en.
    #[arg(long, default_value = "nl")]
    pub locale: String,
}

fn read_password() -> Result<String, CliError> {
    if let Ok(p) = std::env::var("KOERS_PASSWORD") {
        return Ok(p);
    }
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|source| CliError::Io { what: "kan wachtwoord niet lezen", source })?;
    Ok(line.trim_end_matches(['\n', '\r']).to_owned())
}

fn usage(msg: impl Into<String>) -> CliError {
    CliError::Usage(msg.into())
}

pub fn user(cmd: &UserCommand) -> u8 {
    let UserCommand::Add(args) = cmd;
    run("user add", add(args))
}

async fn add(args: &UserAddArgs) -> Result<u8, CliError> {
    let role = RoleKind::from_code(&args.role).ok_or_else(|| {
        usage(format!(
            "onbekende rol '{}'; kies beheerder, programmamedewerker, expert, schoolleider of bestuurder",
            args.role
        ))
    })?;
    let password = read_password()?;
    let app = db::open(&args.db.url(db::default_data_dir())).await?;
    let scope = match role {
        RoleKind::Beheerder => Scope::Global,
        RoleKind::Programmamedewerker | RoleKind::Expert => {
            Scope::Programme(args.programme.clone().ok_or_else(|| usage("--programme is verplicht voor deze rol"))?)
        }
        RoleKind::Schoolleider | RoleKind::Schoolteam => {
            let ovt = args
                .school
                .as_deref()
                .ok_or_else(|| usage("--school (ovt) is verplicht voor een schoolleider of schoolteam"))?;
            match app.read().school_by_ovt(ovt).await {
                Ok(s) => Scope::School(s.id),
                Err(e @ StoreError::NotFound) => return Err(usage(format!("school '{ovt}': {e}"))),
                Err(e) => return Err(koers_app::Error::from(e).into()),
            }
        }
        RoleKind::Bestuurder => {
            Scope::Board(args.board.ok_or_else(|| usage("--board is verplicht voor een bestuurder"))?)
        }
    };
    let grant = Grant::new(role, scope).map_err(|e| usage(e.to_string()))?;
    let input = koers_app::accounts::NewUserInput {
        email: args.email.clone(),
        name: args.name.clone(),
        password,
        locale: args.locale.clone(),
        grants: vec![grant],
    };
    let u = app.create_user(&input, &Actor::system("koers user add (cli)"), db::now()).await?;
    println!("Gebruiker {} aangemaakt (id {}).", u.email, u.id);
    Ok(exit::OK)
}
