//! Backup and restore with PostgreSQL's own tools (issue 12).
//!
//! - [`backup_to`]: `pg_dump --format=custom --no-owner --no-acl` into a temporary file next to
//!   the target, renamed into place when pg_dump succeeded. pg_dump reads one consistent
//!   snapshot while the server keeps running. Its major version must be at least the server's:
//!   checked first, like its presence, with a Dutch message saying what to install.
//! - [`restore`]: `pg_restore --clean --if-exists --no-owner --no-acl --single-transaction`
//!   into a database that holds no data (unless forced); migrations run when it is opened next.
//!
//! The password never appears on a command line: it is taken out of the URL and handed to the
//! child process as `PGPASSWORD`.

use std::path::{Path, PathBuf};

use koers_app::store::{BackupInfo, RestoreError, Store, StoreError, StoreRead, StoreResult};
use tokio::process::Command;

use crate::backend::PgStore;

/// What to install when a tool is missing or too old.
const INSTALL_HINT: &str = "installeer de PostgreSQL-clientprogramma's (pg_dump en pg_restore) van dezelfde of een \
nieuwere hoofdversie dan de server, bv. `apt install postgresql-client` (Debian/Ubuntu), `dnf install postgresql` \
(Fedora/RHEL) of `brew install libpq` (macOS), en zorg dat ze in het PATH staan";

/// `(url without the password, password)`.
pub(crate) fn split_password(url: &str) -> (String, Option<String>) {
    let Some((scheme, rest)) = url.split_once("://") else { return (url.to_owned(), None) };
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let Some((userinfo, host)) = authority.rsplit_once('@') else { return (url.to_owned(), None) };
    let Some((user, password)) = userinfo.split_once(':') else { return (url.to_owned(), None) };
    (format!("{scheme}://{user}@{host}{tail}"), Some(percent_decode(password)))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `pg_dump`/`pg_restore` cannot be used; the Dutch text says why and how to install it.
#[derive(Debug)]
enum ToolError {
    Missing { tool: String },
    Start { tool: String, reason: &'static str },
    UnknownVersion { tool: String, line: String },
}

impl std::fmt::Display for ToolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ToolError::Missing { tool } => write!(f, "{tool} is niet gevonden: {INSTALL_HINT}"),
            ToolError::Start { tool, reason } => write!(f, "{tool} starten mislukt ({reason}): {INSTALL_HINT}"),
            ToolError::UnknownVersion { tool, line } => {
                write!(f, "{tool} --version gaf een onbekend antwoord ({line:?}): {INSTALL_HINT}")
            }
        }
    }
}

impl std::error::Error for ToolError {}

/// The tool's major version (`pg_dump (PostgreSQL) 15.20 (Debian …)` → 15), or a Dutch
/// message saying it is missing.
async fn tool_version(tool: &str) -> Result<(u32, String), ToolError> {
    let out = Command::new(tool).arg("--version").output().await.map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            ToolError::Missing { tool: tool.to_owned() }
        } else {
            ToolError::Start { tool: tool.to_owned(), reason: io(&e) }
        }
    })?;
    let line = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let major = line
        .split_whitespace()
        .find_map(|w| w.split('.').next().and_then(|m| m.parse::<u32>().ok()))
        .ok_or_else(|| ToolError::UnknownVersion { tool: tool.to_owned(), line: line.clone() })?;
    Ok((major, line))
}

fn child(tool: &str, url: &str) -> (Command, String) {
    let (url, password) = split_password(url);
    let mut cmd = Command::new(tool);
    if let Some(p) = password {
        cmd.env("PGPASSWORD", p);
    }
    cmd.kill_on_drop(true);
    (cmd, url)
}

/// An I/O failure in Dutch; the system's own text is logged.
fn io(e: &std::io::Error) -> &'static str {
    tracing::warn!(error = %e, "backup/restore");
    koers_app::error_nl::io(e)
}

fn stderr_text(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).trim().chars().take(2000).collect()
}

fn temp_next_to(target: &Path) -> PathBuf {
    let name = target.file_name().map_or_else(|| "koers-backup".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

pub(crate) async fn backup_to(store: &PgStore, target: &Path) -> StoreResult<BackupInfo> {
    let fail = |m: String| StoreError::Backend(m);
    if target.exists() {
        return Err(fail(format!("{} bestaat al; kies een nieuwe bestandsnaam", target.display())));
    }
    let url =
        store.url().ok_or_else(|| fail("deze verbinding kent haar database-URL niet (backup onmogelijk)".into()))?;
    let (major, version_line) = tool_version("pg_dump").await.map_err(|e| fail(e.to_string()))?;
    let server: String = sqlx::query_scalar("SHOW server_version_num")
        .fetch_one(store.pool())
        .await
        .map_err(|e| fail(crate::shared::nl(&e).to_owned()))?;
    let server_major = server.parse::<u32>().unwrap_or(0) / 10_000;
    if major < server_major {
        return Err(fail(format!(
            "pg_dump is versie {major}, de server {server_major}: een oudere pg_dump kan geen backup maken; {INSTALL_HINT}"
        )));
    }
    let tmp = temp_next_to(target);
    let _ = std::fs::remove_file(&tmp);
    let (mut cmd, url) = child("pg_dump", url);
    cmd.args(["--format=custom", "--no-owner", "--no-acl", "--file"]).arg(&tmp).arg("--dbname").arg(url);
    let out = cmd.output().await.map_err(|e| fail(format!("pg_dump starten mislukt: {}", io(&e))))?;
    if !out.status.success() {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(format!("pg_dump mislukt: {}", stderr_text(&out))));
    }
    let done = std::fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .and_then(|()| std::fs::rename(&tmp, target))
        .and_then(|()| std::fs::metadata(target));
    match done {
        Ok(meta) => Ok(BackupInfo {
            path: target.to_owned(),
            bytes: meta.len(),
            backend: "postgres".into(),
            method: version_line,
        }),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(fail(format!("backup wegschrijven naar {}: {}", target.display(), io(&e))))
        }
    }
}

/// Restore the custom-format dump `backup` into the database at `url`. Refuses when the target
/// holds data (see [`Store::data_summary`]) unless `force`.
pub async fn restore(url: &str, backup: &Path, force: bool) -> Result<(), RestoreError> {
    tool_version("pg_restore").await.map_err(|e| RestoreError::ToolMissing(e.to_string()))?;
    let (mut list, _) = child("pg_restore", url);
    let out = list
        .arg("--list")
        .arg(backup)
        .output()
        .await
        .map_err(|e| RestoreError::Failed(format!("pg_restore: {}", io(&e))))?;
    if !out.status.success() {
        return Err(RestoreError::BadBackup(format!(
            "{} is geen backup van pg_dump in het custom-formaat: {}",
            backup.display(),
            stderr_text(&out)
        )));
    }
    let store = crate::connect(url).await.map_err(|e| RestoreError::Failed(e.to_string()))?;
    let summary = match store.migrate().await {
        Ok(()) => store.data_summary().await.map_err(|e| RestoreError::Failed(e.to_string()))?,
        Err(e) => Some(format!("een schema dat niet bij deze versie past ({e})")),
    };
    store.pool().close().await;
    if let Some(what) = summary.filter(|_| !force) {
        return Err(RestoreError::NotEmpty(what));
    }
    let (mut cmd, url) = child("pg_restore", url);
    cmd.args(["--clean", "--if-exists", "--no-owner", "--no-acl", "--single-transaction", "--exit-on-error"])
        .arg("--dbname")
        .arg(url)
        .arg(backup);
    let out =
        cmd.output().await.map_err(|e| RestoreError::Failed(format!("pg_restore starten mislukt: {}", io(&e))))?;
    if out.status.success() { Ok(()) } else { Err(RestoreError::Failed(format!("pg_restore: {}", stderr_text(&out)))) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_leaves_the_url_and_is_decoded() {
        assert_eq!(
            split_password("postgres://koers:ge%40heim@db:5432/koers?sslmode=require"),
            ("postgres://koers@db:5432/koers?sslmode=require".into(), Some("ge@heim".into()))
        );
        assert_eq!(
            split_password("postgres://postgres@127.0.0.1/test"),
            ("postgres://postgres@127.0.0.1/test".into(), None)
        );
        assert_eq!(split_password("postgres://h/db"), ("postgres://h/db".into(), None));
    }
}
