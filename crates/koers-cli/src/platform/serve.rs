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
    /// Cookies zonder Secure-vlag (alleen voor http zonder TLS, bv. lokaal testen).
    #[arg(long)]
    pub insecure_cookies: bool,
    #[command(flatten)]
    pub mail: MailArgs,
    #[command(flatten)]
    pub theme: super::theme::ThemeArgs,
    #[command(flatten)]
    pub backups: crate::ops_cmd::ScheduleArgs,
    #[command(flatten)]
    pub observe: crate::ops_cmd::ObserveArgs,
    #[command(flatten)]
    pub retention: crate::ops_cmd::RetentionArgs,
}

pub fn serve(args: &ServeArgs) -> u8 {
    init_tracing();
    run("serve", async {
        let app = db::open(&args.db.url(db::default_data_dir())).await?;
        start_mail_sender(&app, &args.mail)?;
        crate::ops_cmd::start_scheduled_backups(&app, &args.backups);
        crate::ops_cmd::start_daily_prune(&app, &args.retention);
        let state = web_state(app, !args.insecure_cookies, format!("http://{}", args.listen), &args.theme)?
            .with_metrics_token(args.observe.metrics_token.clone());
        crate::ops_cmd::start_metrics_listener(&state, &args.observe).await.map_err(CliError::Usage)?;
        eprintln!("Koers luistert op http://{}", args.listen);
        koers_web::serve(state, args.listen).await.map_err(|source| CliError::Io { what: "webserver", source })?;
        Ok(exit::OK)
    })
}
