//! Demo data: the real national files (passed in by the caller, which embeds them) and one demo
//! user per role. Idempotent: running it again changes nothing.

use crate::accounts::{NewUserInput, create_user};
use crate::error::{Error, Result};
use crate::register::{ImportReport, import_bytes};
use crate::store::{Actor, Store, StoreError};
use koers_core::access::{Grant, RoleKind, Scope};

/// The demo password of every demo account (printed by `koers demo`; never use outside a demo).
pub const DEMO_PASSWORD: &str = "koers-demo-2026";
/// The school and board the demo school leader and board member belong to.
pub const DEMO_SCHOOL_OVT: &str = "00AV|C1";
pub const DEMO_BOARD: i64 = 41646;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    pub role: RoleKind,
    pub email: String,
    pub password: String,
    pub scope: String,
}

/// Import the given files in order (name, bytes).
pub(crate) async fn load_files(store: &dyn Store, files: &[(&str, &[u8])], now: i64) -> Result<Vec<ImportReport>> {
    let actor = Actor::system("koers demo");
    let mut reports = Vec::new();
    for (name, bytes) in files {
        reports.push(import_bytes(store, bytes, name, &actor, now).await?);
    }
    Ok(reports)
}

/// The demo expert pool: the demo expert (with a login) and two without, if none exist yet.
pub(crate) async fn seed_experts(store: &dyn Store, now: i64) -> Result<usize> {
    if !store.list_experts().await?.is_empty() {
        return Ok(0);
    }
    let actor = Actor::system("koers demo");
    let expert_user = store.user_by_email("expert@demo.koers.nl").await.ok().map(|u| u.id);
    let pool = [
        (
            expert_user,
            "Esther Expert",
            "expert@demo.koers.nl",
            &["rekenen", "zicht op ontwikkeling", "kwaliteitszorg"][..],
            &["Zuid-Holland", "Utrecht"][..],
            4,
            60,
        ),
        (
            None,
            "Karel Kwaliteit",
            "karel@adviseurs.example.nl",
            &["kwaliteitszorg", "bestuur", "lezen"][..],
            &["Noord-Brabant", "Limburg"][..],
            3,
            40,
        ),
        (
            None,
            "Fatima Faber",
            "fatima@adviseurs.example.nl",
            &["lezen", "taalverzorging", "zicht op ontwikkeling"][..],
            &["Noord-Holland", "Zuid-Holland"][..],
            2,
            30,
        ),
    ];
    for (user_id, name, email, expertise, regions, traj, dagdelen) in pool {
        let w = crate::store::ExpertWrite {
            user_id,
            name: name.into(),
            email: email.into(),
            expertise: expertise.iter().map(|s| (*s).to_owned()).collect(),
            regions: regions.iter().map(|s| (*s).to_owned()).collect(),
            capacity_trajectories: traj,
            capacity_dagdelen: dagdelen,
            available: true,
            expected_version: None,
        };
        store.save_expert(&w, &actor, now).await?;
    }
    Ok(pool.len())
}

/// Create the demo users that do not exist yet; returns every demo login.
pub(crate) async fn seed_users(store: &dyn Store, now: i64) -> Result<Vec<DemoLogin>> {
    let actor = Actor::system("koers demo");
    let school = store.school_by_ovt(DEMO_SCHOOL_OVT).await?;
    let users = [
        (RoleKind::Beheerder, "beheerder@demo.koers.nl", "Bea Beheer", Scope::Global, "hele installatie".to_owned()),
        (
            RoleKind::Programmamedewerker,
            "programma@demo.koers.nl",
            "Piet Programma",
            Scope::Programme("gwgb-plus-school".into()),
            "programma gwgb-plus-school".to_owned(),
        ),
        (
            RoleKind::Expert,
            "expert@demo.koers.nl",
            "Esther Expert",
            Scope::Programme("gwgb-plus-school".into()),
            "programma gwgb-plus-school".to_owned(),
        ),
        (
            RoleKind::Schoolleider,
            "schoolleider@demo.koers.nl",
            "Sam Schoolleider",
            Scope::School(school.id),
            format!("school {} ({})", school.name, school.ovt),
        ),
        (
            RoleKind::Bestuurder,
            "bestuurder@demo.koers.nl",
            "Bo Bestuur",
            Scope::Board(DEMO_BOARD),
            format!("bestuur {DEMO_BOARD}"),
        ),
    ];
    let mut out = Vec::new();
    for (role, email, name, scope, scope_label) in users {
        match store.user_by_email(email).await {
            Ok(_) => {}
            Err(StoreError::NotFound) => {
                let grant = Grant::new(role, scope).map_err(Error::system)?;
                let input = NewUserInput {
                    email: email.into(),
                    name: name.into(),
                    password: DEMO_PASSWORD.into(),
                    locale: "nl".into(),
                    grants: vec![grant],
                };
                create_user(store, &input, &actor, now).await?;
            }
            Err(e) => return Err(e.into()),
        }
        out.push(DemoLogin { role, email: email.into(), password: DEMO_PASSWORD.into(), scope: scope_label });
    }
    Ok(out)
}
