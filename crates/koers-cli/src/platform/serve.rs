//! `koers serve`: the web server over the database of `--database-url`.

use super::{DbArgs, MailArgs, init_tracing, run, start_mail_sender, web_state};
use crate::error::CliError;
use crate::{db, exit};
use clap::Args;
use std::net::SocketAddr;

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Adres en poort.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Cookies zonder Secure-vlag en zonder Strict-Transport-Security (alleen voor http zonder
    /// TLS, bv. lokaal testen).
    #[arg(long)]
    pub insecure_cookies: bool,
    /// Reverse proxy (IP-adres) waarvan de laatste X-Forwarded-For-waarde het clientadres is;
    /// mag vaker.
    #[arg(long = "trusted-proxy", value_name = "IP")]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Hoogstens zoveel open verbindingen (nooit meer dan de limiet op open bestanden toelaat).
    #[arg(long, default_value_t = 4096)]
    pub max_connections: usize,
    /// Hoogstens zoveel open verbindingen per clientadres.
    #[arg(long, default_value_t = 256)]
    pub max_connections_per_client: usize,
    #[command(flatten)]
    pub mail: MailArgs,
    #[command(flatten)]
    pub theme: super::theme::ThemeArgs,
    #[command(flatten)]
    pub sign_in: super::sign_in::SignInArgs,
    #[command(flatten)]
    pub backups: crate::ops_cmd::ScheduleArgs,
    #[command(flatten)]
    pub observe: crate::ops_cmd::ObserveArgs,
    #[command(flatten)]
    pub retention: crate::ops_cmd::RetentionArgs,
    #[command(flatten)]
    pub clock: super::clock::ClockArgs,
}

impl ServeArgs {
    fn web_config(&self) -> koers_web::WebConfig {
        let defaults = koers_web::WebConfig::default();
        koers_web::WebConfig {
            secure_cookies: !self.insecure_cookies,
            base_url: self.sign_in.base_url(self.listen),
            trusted_proxies: self.trusted_proxies.clone(),
            server: koers_web::server::ServerLimits {
                max_connections: self.max_connections,
                max_per_client: self.max_connections_per_client,
                ..defaults.server
            },
            today: self.clock.vandaag,
            ..defaults
        }
    }
}

pub fn serve(args: &ServeArgs) -> u8 {
    init_tracing();
    run("serve", async {
        let app = db::open(&args.db.url(db::default_data_dir())).await?;
        start_mail_sender(&app, &args.mail)?;
        crate::ops_cmd::start_scheduled_backups(&app, &args.backups);
        crate::ops_cmd::start_daily_prune(&app, &args.retention);
        super::clock::start_weekly_digest(&app, args.sign_in.base_url(args.listen), args.clock.clone());
        let state = web_state(app, args.web_config(), &args.theme, &args.sign_in)?
            .with_metrics_token(args.observe.metrics_token.clone());
        crate::ops_cmd::start_metrics_listener(&state, &args.observe).await?;
        eprintln!("Koers luistert op http://{}", args.listen);
        koers_web::serve(state, args.listen).await.map_err(|source| CliError::Io { what: "webserver", source })?;
        Ok(exit::OK)
    })
}
