//! Platform commands, one file each: [`serve`], [`demo`], [`migrate`], [`import`], [`user`].
//! Shared here: the database and mail flags, the web state, the outbox sender. Every command
//! goes through [`koers_app::App`] (opened by [`crate::db::open`]) and returns a
//! [`CliError`] that knows its exit code.

pub mod clock;
pub mod demo;
pub mod import;
pub mod migrate;
pub mod report;
pub mod serve;
pub mod sign_in;
pub mod theme;
pub mod user;

use crate::db;
use crate::error::CliError;
use clap::Args;
use koers_app::App;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct DbArgs {
    /// Database: sqlite://pad/koers.db (standaard, in de datamap) of postgres://…; ook via KOERS_DATABASE_URL.
    #[arg(long)]
    pub database_url: Option<String>,
    /// Datamap voor het SQLite-bestand (standaard ./koers-data of KOERS_DATA_DIR).
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
}

impl DbArgs {
    pub(crate) fn url(&self, default_dir: PathBuf) -> String {
        db::resolve_url(self.database_url.as_deref(), &self.data_dir.clone().unwrap_or(default_dir))
    }
}

#[derive(Debug, Args)]
pub struct MailArgs {
    /// SMTP-server voor uitgaande mail: smtp://gebruiker:wachtwoord@host:587 (STARTTLS; 465 = TLS;
    /// ?security=none alleen voor een lokale relay). Zonder blijft alle mail in de outbox
    /// (/beheer/outbox).
    #[arg(long, env = "KOERS_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// Afzender van uitgaande mail.
    #[arg(long, env = "KOERS_MAIL_FROM", default_value = "Koers <noreply@koers.invalid>")]
    pub mail_from: String,
}

/// Start the outbox sender when SMTP is configured: every 10 s, up to 50 mails.
pub(crate) fn start_mail_sender(app: &App, mail: &MailArgs) -> Result<(), CliError> {
    let Some(url) = &mail.smtp_url else {
        eprintln!("Geen SMTP ingesteld: mail blijft leesbaar in de outbox (/beheer/outbox).");
        return Ok(());
    };
    let cfg = koers_app::mail::SmtpConfig::from_url(url, &mail.mail_from).map_err(koers_app::Error::from)?;
    let transport = koers_app::mail::SmtpTransport::new(&cfg).map_err(koers_app::Error::from)?;
    let app = app.clone();
    tokio::spawn(async move {
        loop {
            match app.deliver_mail(&transport, db::now(), 50).await {
                Ok((0, 0)) => {}
                Ok((sent, failed)) => tracing::info!(sent, failed, "outbox verwerkt"),
                Err(e) => tracing::warn!(error = %e, "outbox verwerken mislukt"),
            }
            tokio::time::sleep(std::time::Duration::from_secs(10)).await;
        }
    });
    eprintln!("Mail gaat via SMTP naar {}:{}.", cfg.host, cfg.port);
    Ok(())
}

/// Logs on stderr: `KOERS_LOG` filters (default `info,sqlx=warn,tower_http=info`);
/// `KOERS_LOG_FORMAT=json` writes one JSON object per line, with the request's span (method,
/// uri, request_id) on every event inside a request.
pub(crate) fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("KOERS_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = if std::env::var("KOERS_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json")) {
        builder.json().with_current_span(true).with_span_list(false).try_init()
    } else {
        builder.try_init()
    };
}

pub(crate) fn web_state(
    app: App,
    config: koers_web::WebConfig,
    theme: &theme::ThemeArgs,
    sign_in: &sign_in::SignInArgs,
) -> Result<koers_web::AppState, CliError> {
    let theme = theme.theme()?;
    // Reports: the Typst engine this binary ships (fonts and template loaded once, now), renders
    // bounded on the blocking pool (koers_app::reports::render).
    let app = app.with_password_off(&sign_in.password_off()?).with_pdf_engine(
        std::sync::Arc::new(koers_reports::pdf::Typst),
        koers_app::reports::render::RenderLimits::default(),
    );
    app.warm_up_pdf()?;
    // The public verdict's rule comes from the stored programme definitions (App::band_rule).
    Ok(koers_web::AppState::new(app, config).with_theme(theme).with_oidc(sign_in.providers()?))
}

/// Run `body` on a fresh runtime; an error is printed for `cmd` and becomes its exit code.
pub(crate) fn run<F>(cmd: &str, body: F) -> u8
where
    F: std::future::Future<Output = Result<u8, CliError>>,
{
    let result = db::runtime().and_then(|rt| rt.block_on(body));
    result.unwrap_or_else(|e| e.report(cmd))
}

/// Messages can hold a file's names and values: printed with control characters made visible.
pub(crate) fn safe(text: impl std::fmt::Display) -> String {
    koers_import::printable(&text.to_string()).into_owned()
}
