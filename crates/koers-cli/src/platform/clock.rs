//! The server's "today" (`--vandaag`, for tests and demos: the date rules of voortgang and op
//! koers then see a fixed day) and the weekly op-koers digest (issue 9 item 3), scheduled like
//! the daily prune: every six hours `koers serve` asks the app to send this ISO week's digest,
//! which it does once per week (the store records the week with its mails in one transaction).

use crate::db;
use clap::Args;
use koers_app::App;
use koers_core::calendar::Date;

#[derive(Debug, Clone, Args)]
pub struct ClockArgs {
    /// Vaste datum van vandaag (JJJJ-MM-DD) voor voortgang en "op koers?" — alleen voor tests
    /// en demo's; zonder: de echte datum.
    #[arg(long, value_parser = parse_day)]
    pub vandaag: Option<Date>,
}

/// `--vandaag` is not a date (clap adds the flag to the message).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2027-03-01")]
pub struct NotADay(String);

fn parse_day(text: &str) -> Result<Date, NotADay> {
    Date::parse(text).map_err(|_| NotADay(text.to_owned()))
}

impl ClockArgs {
    /// Today: the fixed day, else the real date in Dutch time.
    pub fn today(&self) -> Date {
        self.vandaag.unwrap_or_else(|| Date::of_instant(db::now()))
    }

    /// "Now" for seeding demo data: noon of the fixed day, else the real time.
    pub fn now(&self) -> i64 {
        self.vandaag.map_or_else(db::now, |d| d.start_instant() + 12 * 3600)
    }
}

/// Every six hours: send this week's op-koers digest unless it went out already.
pub fn start_weekly_digest(app: &App, base_url: String, clock: ClockArgs) {
    let app = app.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(6 * 3600));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match app.send_op_koers_digest(clock.today(), &base_url, db::now()).await {
                Ok(Some(n)) => tracing::info!(mails = n, "weekoverzicht op koers verstuurd"),
                Ok(None) => {}
                Err(e) => tracing::error!(error = %e, "weekoverzicht op koers mislukt"),
            }
        }
    });
}
