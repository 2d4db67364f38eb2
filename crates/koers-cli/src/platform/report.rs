//! `koers report KIND --trajectory ID -o FILE.pdf`: one report of a trajectory as a PDF, through
//! the same use case as the web's download button (`App::report_pdf`, audited as an export), with
//! the Typst engine this binary ships. KIND: `nulmeting`, `plan-van-aanpak`, `voortgang-bestuur`,
//! `voortgang-inspectie`, `eindrapportage`, or `kostenoverzicht` (the trajectory's school over
//! the school year of `--datum`). Acts as a beheerder unless `--als` names an account (so the
//! Inspectie report is the released version, as anywhere outside the school).

use super::{DbArgs, run, safe};
use crate::error::CliError;
use crate::{db, exit};
use clap::Args;
use koers_app::App;
use koers_app::reports::ReportKind;
use koers_app::reports::render::RenderLimits;
use koers_app::store::Actor;
use koers_core::access::{Grant, Principal, RoleKind, Scope};
use koers_core::calendar::Date;
use koers_core::ids::{SchoolId, TrajectoryId, UserId};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Welk rapport: nulmeting, plan-van-aanpak, voortgang-bestuur, voortgang-inspectie, eindrapportage of kostenoverzicht.
    pub kind: String,
    /// Het traject (id, zoals in /trajecten/ID).
    #[arg(long)]
    pub trajectory: i64,
    /// Het PDF-bestand dat wordt geschreven.
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
    /// De dag waarop het rapport de stand geeft (JJJJ-MM-DD; standaard vandaag).
    #[arg(long)]
    pub datum: Option<String>,
    /// Maak het rapport zoals deze gebruiker het ziet (e-mailadres); standaard als beheerder.
    #[arg(long)]
    pub als: Option<String>,
}

fn usage(text: String) -> CliError {
    CliError::Usage(text)
}

async fn principal(app: &App, als: Option<&str>) -> Result<(Principal, Actor), CliError> {
    match als {
        None => {
            let grant = Grant::new(RoleKind::Beheerder, Scope::Global).map_err(|e| usage(e.to_string()))?;
            Ok((Principal { user_id: UserId::new(0), grants: vec![grant] }, Actor::system("koers report (cli)")))
        }
        Some(email) => {
            let user = app
                .read()
                .user_by_email(email.trim())
                .await
                .map_err(|_| usage(format!("--als: er is geen account met e-mailadres '{}'", email.trim())))?;
            let p = app.principal_of(user.id).await?;
            Ok((p, Actor { user_id: Some(user.id), label: format!("{} (koers report)", user.email) }))
        }
    }
}

pub fn report(args: &ReportArgs) -> u8 {
    run("report", async {
        let kinds =
            "nulmeting, plan-van-aanpak, voortgang-bestuur, voortgang-inspectie, eindrapportage of kostenoverzicht";
        let kind = match args.kind.trim() {
            "kostenoverzicht" => None,
            k => Some(
                ReportKind::from_code(k)
                    .ok_or_else(|| usage(format!("rapport: '{}' bestaat niet; kies {kinds}", safe(k))))?,
            ),
        };
        let today = match args.datum.as_deref() {
            None => Date::of_instant(db::now()),
            Some(t) => Date::parse(t).map_err(|e| usage(format!("--datum: {e}")))?,
        };
        if args.trajectory <= 0 {
            return Err(usage("--trajectory: geef het nummer van een traject (groter dan 0)".into()));
        }
        let app = db::open(&args.db.url(db::default_data_dir()))
            .await?
            .with_pdf_engine(Arc::new(koers_reports::pdf::Typst), RenderLimits::default());
        let (who, actor) = principal(&app, args.als.as_deref()).await?;
        let id = TrajectoryId::new(args.trajectory);
        let pdf = match kind {
            Some(kind) => app.report_pdf(&who, &actor, id, kind, today, db::now()).await?.1,
            None => {
                let t = app
                    .read()
                    .trajectory(id)
                    .await
                    .map_err(|_| usage(format!("--trajectory: traject {} bestaat niet", args.trajectory)))?;
                let school = t.school_id.ok_or_else(|| {
                    usage("kostenoverzicht: dit traject hoort bij een bestuur, niet bij één school".into())
                })?;
                let period = koers_app::dagdelen::money::period("", "", today)?;
                app.cost_overview_pdf(&who, &actor, SchoolId::new(school.get()), period, today, db::now()).await?.1
            }
        };
        std::fs::write(&args.output, &pdf)
            .map_err(|source| CliError::Output { path: args.output.display().to_string(), source })?;
        eprintln!("{} geschreven ({} kB)", args.output.display(), pdf.len().div_ceil(1024));
        Ok(exit::OK)
    })
}
