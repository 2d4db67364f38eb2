//! Backup and restore of the SQLite database file (issue 12).
//!
//! - [`backup_to`]: `VACUUM INTO` a temporary file next to the target while the server keeps
//!   serving (it reads one consistent snapshot; writers are not blocked in WAL mode), checks
//!   the copy with `PRAGMA integrity_check`, fsyncs it and renames it into place.
//! - [`restore`]: checks the backup (integrity, a Koers schema), refuses a target that holds
//!   data unless forced, and puts a copy of the backup in place of the database file (the
//!   `-wal`/`-shm` files of the old one removed). Stop the server first; migrations run when
//!   the database is opened next, so an older backup is upgraded on the way.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use koers_app::store::{BackupInfo, RestoreError, Store, StoreError, StoreRead, StoreResult};
use sqlx::Connection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};

use crate::backend::SqliteStore;

/// An I/O failure in Dutch; the system's own text is logged.
fn io(e: &std::io::Error) -> &'static str {
    tracing::warn!(error = %e, "backup/restore");
    koers_app::error_nl::io(e)
}

fn backend(msg: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(msg.to_string())
}

/// A temporary name in the same directory (so the final rename is atomic).
fn temp_next_to(target: &Path) -> PathBuf {
    let name = target.file_name().map_or_else(|| "koers-backup".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

pub(crate) async fn backup_to(store: &SqliteStore, target: &Path) -> StoreResult<BackupInfo> {
    if target.exists() {
        return Err(backend(format!("{} bestaat al; kies een nieuwe bestandsnaam", target.display())));
    }
    let tmp = temp_next_to(target);
    let _ = std::fs::remove_file(&tmp);
    let tmp_text = tmp.to_str().ok_or_else(|| backend("de bestandsnaam van de backup is geen geldige UTF-8"))?;
    sqlx::query("VACUUM INTO $1")
        .bind(tmp_text)
        .execute(store.pool())
        .await
        .map_err(|e| backend(format!("backup maken mislukt: {}", crate::shared::nl(&e))))?;
    let finish = async {
        check_file(&tmp).await.map_err(|e| backend(e.to_string()))?;
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| backend(format!("backup naar schijf schrijven (fsync): {}", io(&e))))?;
        std::fs::rename(&tmp, target)
            .map_err(|e| backend(format!("hernoemen naar {}: {}", target.display(), io(&e))))?;
        let bytes = std::fs::metadata(target).map_err(|e| backend(format!("{}: {}", target.display(), io(&e))))?.len();
        Ok(BackupInfo { path: target.to_owned(), bytes, backend: "sqlite".into(), method: "VACUUM INTO".into() })
    };
    let done = finish.await;
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    done
}

/// The file is an intact SQLite database with Koers' schema.
async fn check_file(path: &Path) -> Result<(), RestoreError> {
    let bad =
        |why: String| RestoreError::BadBackup(format!("{} is geen bruikbare Koers-backup: {why}", path.display()));
    let opts = SqliteConnectOptions::new().filename(path).read_only(true);
    let mut conn = SqliteConnection::connect_with(&opts).await.map_err(|e| bad(crate::shared::nl(&e).to_owned()))?;
    let check: Result<String, _> = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&mut conn).await;
    let koers: Result<i64, _> = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('_sqlx_migrations', 'schools', 'users')",
    )
    .fetch_one(&mut conn)
    .await;
    let _ = conn.close().await;
    match (check, koers) {
        (Ok(ok), Ok(3)) if ok == "ok" => Ok(()),
        (Ok(ok), Ok(3)) => Err(bad(format!("integriteitscontrole: {ok}"))),
        (Ok(_), Ok(_)) => Err(bad("het bestand heeft niet de tabellen van Koers".into())),
        (Err(e), _) | (_, Err(e)) => Err(bad(crate::shared::nl(&e).to_owned())),
    }
}

/// Restore `backup` into the SQLite database at `url`. Refuses when the target holds data
/// (see [`Store::data_summary`]) unless `force`.
pub async fn restore(url: &str, backup: &Path, force: bool) -> Result<(), RestoreError> {
    check_file(backup).await?;
    let opts = SqliteConnectOptions::from_str(url)
        .map_err(|e| RestoreError::Failed(format!("ongeldige URL: {}", crate::shared::nl(&e))))?;
    let target = opts.get_filename().to_owned();
    if target.exists() {
        let store = crate::connect(url).await.map_err(|e| RestoreError::Failed(e.to_string()))?;
        let summary = match store.migrate().await {
            Ok(()) => store.data_summary().await.map_err(|e| RestoreError::Failed(e.to_string()))?,
            Err(e) => Some(format!("een database die niet te openen is ({e})")),
        };
        store.pool().close().await;
        if let Some(what) = summary.filter(|_| !force) {
            return Err(RestoreError::NotEmpty(what));
        }
    } else if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| RestoreError::Failed(format!("map {}: {}", dir.display(), io(&e))))?;
    }
    let tmp = temp_next_to(&target);
    let copy = || -> std::io::Result<()> {
        std::fs::copy(backup, &tmp)?;
        std::fs::File::open(&tmp)?.sync_all()?;
        for suffix in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{suffix}", target.display()));
            if side.exists() {
                std::fs::remove_file(side)?;
            }
        }
        std::fs::rename(&tmp, &target)
    };
    copy().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        RestoreError::Failed(format!("{}: {}", target.display(), io(&e)))
    })
}
