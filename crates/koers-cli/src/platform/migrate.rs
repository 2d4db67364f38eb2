//! `koers migrate`: bring the database to the newest schema.

use super::{DbArgs, run};
use crate::{db, exit};

pub fn migrate(args: &DbArgs) -> u8 {
    run("migrate", async {
        let app = db::open(&args.url(db::default_data_dir())).await?;
        eprintln!("Database bijgewerkt ({}).", app.backend());
        Ok(exit::OK)
    })
}
