//! Opening the store from a database URL: `sqlite://…` (the embedded default, a file in the
//! data directory) or `postgres://…`, migrated and wrapped in the [`App`] — the only thing the
//! commands get (they never hold the store's writer).

use crate::error::CliError;
use koers_app::App;
use koers_app::store::Store;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Default data directory: `$KOERS_DATA_DIR` or `./koers-data`.
pub fn default_data_dir() -> PathBuf {
    std::env::var_os("KOERS_DATA_DIR").map_or_else(|| PathBuf::from("koers-data"), PathBuf::from)
}

/// `sqlite://<dir>/koers.db`.
pub fn sqlite_url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("koers.db").display())
}

/// Open and migrate the store behind `url`, seed the programme definitions from
/// `programmes/*.toml` when it holds none (the one source every surface reads); the app over it
/// with the shipped norm tables.
pub async fn open(url: &str) -> Result<App, CliError> {
    let store: Arc<dyn Store> = if is_postgres(url) {
        Arc::new(koers_store_pg::connect(url).await.map_err(CliError::Open)?)
    } else if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
        if let Some(dir) = Path::new(path).parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|source| CliError::CreateDir { path: dir.display().to_string(), source })?;
        }
        Arc::new(koers_store_sqlite::connect(url).await.map_err(CliError::Open)?)
    } else {
        return Err(CliError::UnknownDatabaseUrl(url.to_owned()));
    };
    let app = App::new(store, Arc::new(koers_core::NormLibrary::shipped()?));
    app.migrate().await?;
    // The programme definitions every surface reads: seeded from programmes/*.toml once.
    let actor = koers_app::store::Actor::system("koers (programma's uit programmes/*.toml)");
    app.seed_programmes(&actor, now()).await?;
    Ok(app)
}

/// A PostgreSQL URL (else SQLite).
pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// The URL to use: the flag, else `$KOERS_DATABASE_URL`, else SQLite in the data directory.
pub fn resolve_url(flag: Option<&str>, data_dir: &Path) -> String {
    flag.map(str::to_owned)
        .or_else(|| std::env::var("KOERS_DATABASE_URL").ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| sqlite_url(data_dir))
}

/// The programmes in force: the stored definitions of the database at `url` (what a beheerder
/// edited at `/beheer/programmas`), or the shipped `programmes/*.toml` without a database.
pub fn programmes(url: Option<&str>) -> Result<koers_app::programmes::Programmes, CliError> {
    let Some(url) = url else {
        return Ok(koers_app::programmes::Programmes::from_definitions(&[])?);
    };
    runtime()?.block_on(async {
        let app = open(url).await?;
        let p = app.programmes_in_force().await.map_err(CliError::Programmes)?;
        Ok(koers_app::programmes::Programmes::clone(&p))
    })
}

pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

pub fn runtime() -> Result<tokio::runtime::Runtime, CliError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| CliError::Io { what: "kan runtime niet starten", source })
}
