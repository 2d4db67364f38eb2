//! Operations: `backup`, `restore`, and the scheduled backups of `koers serve`.

use crate::db;
use crate::error::CliError;
use crate::exit;
use crate::platform::{DbArgs, run};
use clap::Args;
use koers_app::App;
use koers_app::store::RestoreError;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Het backupbestand (mag nog niet bestaan). SQLite: een kopie van de database (VACUUM INTO);
    /// PostgreSQL: pg_dump in het custom-formaat. Kan terwijl de server draait.
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Een backup van `koers backup` (of van de geplande backups van `koers serve`).
    pub file: PathBuf,
    /// Ook herstellen als de doeldatabase al gegevens bevat: die gaan dan verloren.
    #[arg(long)]
    pub force: bool,
}

/// Scheduled backups while serving.
#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// Map voor geplande backups; zonder deze optie maakt `koers serve` geen backups.
    #[arg(long, env = "KOERS_BACKUP_DIR")]
    pub backup_dir: Option<PathBuf>,
    /// Elke hoeveel uur een backup (de eerste direct na het starten).
    #[arg(long, env = "KOERS_BACKUP_EVERY_HOURS", default_value_t = 24, value_parser = clap::value_parser!(u64).range(1..=8760))]
    pub backup_every_hours: u64,
    /// Hoeveel backups bewaard blijven (de oudste gaan weg).
    #[arg(long, env = "KOERS_BACKUP_KEEP", default_value_t = 7, value_parser = clap::value_parser!(u64).range(1..=10000))]
    pub backup_keep: u64,
}

fn fail(cmd: &str, msg: impl std::fmt::Display, code: u8) -> u8 {
    eprintln!("koers {cmd}: {}", crate::platform::safe(msg));
    code
}

pub fn backup(args: &BackupArgs) -> u8 {
    run("backup", async {
        let app = db::open(&args.db.url(db::default_data_dir())).await?;
        let info = app.backup_to(&args.file).await?;
        println!("Backup gemaakt: {} ({} bytes, {}, {}).", info.path.display(), info.bytes, info.backend, info.method);
        Ok(exit::OK)
    })
}

pub fn restore(args: &RestoreArgs) -> u8 {
    if !args.file.is_file() {
        return fail("restore", format!("{} bestaat niet of is geen bestand", args.file.display()), exit::BAD_FILE);
    }
    let url = args.db.url(db::default_data_dir());
    run("restore", async {
        let done = if db::is_postgres(&url) {
            koers_store_pg::restore(&url, &args.file, args.force).await
        } else {
            koers_store_sqlite::restore(&url, &args.file, args.force).await
        };
        match done {
            Ok(()) => {}
            Err(e @ RestoreError::NotEmpty(_)) => return Ok(fail("restore", e, exit::USAGE)),
            Err(e @ (RestoreError::BadBackup(_) | RestoreError::ToolMissing(_))) => {
                return Ok(fail("restore", e, exit::BAD_FILE));
            }
            Err(e) => return Ok(fail("restore", e, exit::INTERNAL)),
        }
        // Opening migrates: a backup of an older Koers is brought up to date here.
        let app = db::open(&url).await?;
        let what = app.read().data_summary().await.ok().flatten().unwrap_or_else(|| "geen gegevens".into());
        println!("Hersteld uit {} ({}): {what}.", args.file.display(), app.backend());
        Ok::<u8, CliError>(exit::OK)
    })
}

/// Start the scheduled backups when a directory is set: one at once, then every N hours.
pub fn start_scheduled_backups(app: &App, args: &ScheduleArgs) {
    let Some(dir) = args.backup_dir.clone() else { return };
    let app = app.clone();
    let every = std::time::Duration::from_secs(args.backup_every_hours * 3600);
    let keep = usize::try_from(args.backup_keep).unwrap_or(usize::MAX);
    eprintln!(
        "Geplande backups: elke {} uur naar {}, de nieuwste {keep} blijven.",
        args.backup_every_hours,
        dir.display()
    );
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match app.backup_into_dir(&dir, keep, db::now()).await {
                Ok(run) => tracing::info!(
                    file = %run.info.path.display(),
                    bytes = run.info.bytes,
                    removed = run.removed.len(),
                    "backup gemaakt"
                ),
                Err(e) => tracing::error!(error = %e, "geplande backup mislukt"),
            }
        }
    });
}

/// Observability settings of `koers serve`.
#[derive(Debug, Args)]
pub struct ObserveArgs {
    /// Token voor /metrics op het gewone adres (Authorization: Bearer …); zonder token en zonder
    /// --metrics-listen is /metrics niet beschikbaar.
    #[arg(long, env = "KOERS_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// Apart (intern) adres voor /metrics, /health en /ready zonder token, bv. 127.0.0.1:9100.
    #[arg(long, env = "KOERS_METRICS_LISTEN")]
    pub metrics_listen: Option<std::net::SocketAddr>,
}

/// Start the internal metrics listener when asked for.
pub async fn start_metrics_listener(state: &koers_web::AppState, args: &ObserveArgs) -> Result<(), CliError> {
    let Some(addr) = args.metrics_listen else { return Ok(()) };
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        tracing::warn!(error = %e, "metrics-listener");
        CliError::Usage(format!("kan {addr} niet openen voor /metrics: {}", koers_app::error_nl::io(&e)))
    })?;
    let state = state.clone();
    tokio::spawn(async move {
        if let Err(e) = koers_web::metrics::serve_internal(state, listener).await {
            tracing::error!(error = %e, "metrics-listener gestopt");
        }
    });
    eprintln!("Metrics op http://{addr}/metrics (geen token: alleen voor de monitoring bereikbaar maken).");
    Ok(())
}

/// Retention (AVG) of `koers serve`: what the daily prune deletes.
#[derive(Debug, Args)]
pub struct RetentionArgs {
    /// Inlogpogingen bewaren (dagen).
    #[arg(long, env = "KOERS_KEEP_LOGIN_ATTEMPTS_DAYS", default_value_t = 90, value_parser = clap::value_parser!(i64).range(1..=3650))]
    pub keep_login_attempts_days: i64,
    /// Verzonden mails in de outbox bewaren (dagen); onverzonden mails blijven altijd.
    #[arg(long, env = "KOERS_KEEP_SENT_MAIL_DAYS", default_value_t = 180, value_parser = clap::value_parser!(i64).range(1..=3650))]
    pub keep_sent_mail_days: i64,
    /// Verlopen sessies nog zoveel dagen bewaren (0 = direct weg).
    #[arg(long, env = "KOERS_KEEP_SESSIONS_DAYS", default_value_t = 0, value_parser = clap::value_parser!(i64).range(0..=365))]
    pub keep_sessions_days: i64,
    /// Onbevestigde, verlopen en afgewezen accountaanvragen bewaren (dagen na het verlopen van de
    /// link of het besluit); bevestigde aanvragen wachten op een besluit en blijven.
    #[arg(long, env = "KOERS_KEEP_ACCOUNT_REQUESTS_DAYS", default_value_t = 30, value_parser = clap::value_parser!(i64).range(1..=3650))]
    pub keep_account_requests_days: i64,
}

impl RetentionArgs {
    pub fn policy(&self) -> koers_app::store::RetentionPolicy {
        koers_app::store::RetentionPolicy {
            session_days: self.keep_sessions_days,
            login_attempt_days: self.keep_login_attempts_days,
            sent_mail_days: self.keep_sent_mail_days,
            account_request_days: self.keep_account_requests_days,
        }
    }
}

/// Prune once at start and then every 24 hours.
pub fn start_daily_prune(app: &App, args: &RetentionArgs) {
    let app = app.clone();
    let policy = args.policy();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(24 * 3600));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match app.prune(&policy, db::now()).await {
                Ok(r) => tracing::info!(
                    sessions = r.sessions,
                    login_attempts = r.login_attempts,
                    mails = r.mails,
                    account_requests = r.account_requests,
                    "bewaartermijnen toegepast"
                ),
                Err(e) => tracing::error!(error = %e, "opschonen volgens bewaartermijnen mislukt"),
            }
        }
    });
}
