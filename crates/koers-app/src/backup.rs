//! Scheduled backups (`koers serve --backup-dir …`): a file per run named after the time
//! (`koers-20261130-031500Z.db` on SQLite, `.pgdump` on PostgreSQL), the oldest removed so that
//! `keep` remain. The copy itself is the store's ([`Store::backup_to`]).

use crate::store::{BackupInfo, Store, StoreError};
use koers_core::calendar::Date;
use std::path::{Path, PathBuf};

const PREFIX: &str = "koers-";

/// The file extension of a backup of `backend`.
pub fn extension(backend: &str) -> &'static str {
    if backend == "postgres" { "pgdump" } else { "db" }
}

/// `koers-YYYYMMDD-HHMMSSZ.<ext>` (UTC), so names sort by time.
pub fn file_name(backend: &str, now: i64) -> String {
    let d = Date::from_days(now.div_euclid(86_400));
    let s = now.rem_euclid(86_400);
    format!(
        "{PREFIX}{:04}{:02}{:02}-{:02}{:02}{:02}Z.{}",
        d.year(),
        d.month(),
        d.day(),
        s / 3600,
        s / 60 % 60,
        s % 60,
        extension(backend)
    )
}

/// What a scheduled run did.
#[derive(Debug, Clone)]
pub struct ScheduledRun {
    pub info: BackupInfo,
    pub removed: Vec<PathBuf>,
}

/// Back up into `dir` (created when missing) and keep the newest `keep` backups of this
/// backend there (at least one: the new one). Other files in `dir` are never touched.
pub(crate) async fn backup_into_dir(
    store: &dyn Store,
    dir: &Path,
    keep: usize,
    now: i64,
) -> Result<ScheduledRun, StoreError> {
    // Dutch text for the message; the driver-style detail goes to the log.
    let dir_failed = |e: std::io::Error| {
        tracing::debug!(error = %e, dir = %dir.display(), "backupmap");
        StoreError::Backend(format!("backupmap {}: {}", dir.display(), crate::error_nl::io(&e)))
    };
    std::fs::create_dir_all(dir).map_err(dir_failed)?;
    let info = store.backup_to(&dir.join(file_name(store.backend(), now))).await?;
    let ext = format!(".{}", extension(store.backend()));
    let mut ours: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(dir_failed)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(&ext)))
        .collect();
    ours.sort();
    let excess = ours.len().saturating_sub(keep.max(1));
    let mut removed = Vec::new();
    for old in ours.into_iter().take(excess) {
        if std::fs::remove_file(&old).is_ok() {
            removed.push(old);
        }
    }
    Ok(ScheduledRun { info, removed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_time_and_say_the_backend() {
        assert_eq!(file_name("sqlite", 1_796_000_000), "koers-20261130-005320Z.db");
        assert_eq!(file_name("postgres", 0), "koers-19700101-000000Z.pgdump");
        assert!(file_name("sqlite", 1_796_000_000) < file_name("sqlite", 1_796_000_001));
    }
}
