//! Demo data: the real national files (passed in by the caller, which embeds them) and one demo
//! user per role, and per programme a trajectory in each phase with its plan van aanpak
//! ([`trajectories`]). Idempotent: running it again changes nothing.

mod trajectories;
mod voortgang;

mod dagdelen;

use crate::accounts::{NewUserInput, create_user};
use crate::error::{Error, Result};
use crate::register::{ImportReport, import_bytes};
use crate::store::{Actor, School, Sector, Store, StoreError};
use koers_core::access::{Grant, RoleKind, Scope};
use koers_core::ids::{BoardNumber, UserId};

/// The demo password of every demo account (printed by `koers demo`; never use outside a demo).
pub const DEMO_PASSWORD: &str = "koers-demo-2026";
/// The school and board the demo school leader and board member belong to.
pub const DEMO_SCHOOL_OVT: &str = "00AV|C1";
pub const DEMO_BOARD: BoardNumber = BoardNumber::new(41646);

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

/// The demo expert pool: the demo expert (with a login) and four without, if none exist yet,
/// each with the programmes, sectors and standplaats it works for (issue 10 §6).
pub(crate) async fn seed_experts(store: &dyn Store, now: i64) -> Result<usize> {
    if !store.list_experts().await?.is_empty() {
        return Ok(0);
    }
    let actor = Actor::system("koers demo");
    let expert_user = store.user_by_email("expert@demo.koers.nl").await.ok().map(|u| u.id);
    struct Demo<'a> {
        user_id: Option<UserId>,
        name: &'a str,
        email: &'a str,
        expertise: &'a [&'a str],
        regions: &'a [&'a str],
        capacity: (i64, i64),
        programmes: &'a [&'a str],
        sectors: &'a [&'a str],
        standplaats: &'a str,
        max_km: &'a str,
    }
    let pool = [
        Demo {
            user_id: expert_user,
            name: "Esther Expert",
            email: "expert@demo.koers.nl",
            expertise: &["rekenen", "zicht op ontwikkeling", "kwaliteitszorg"],
            regions: &["Zuid-Holland", "Utrecht"],
            capacity: (4, 60),
            programmes: &["gwgb-plus-school", "gwgb-plus-gespecialiseerd"],
            sectors: &["po", "gespecialiseerd"],
            standplaats: "Utrecht",
            max_km: "",
        },
        Demo {
            user_id: None,
            name: "Karel Kwaliteit",
            email: "karel@adviseurs.example.nl",
            expertise: &["kwaliteitszorg", "bestuur", "lezen"],
            regions: &["Noord-Brabant", "Limburg"],
            capacity: (3, 40),
            programmes: &["gwgb-plus-bestuur", "gwgb-plus-school"],
            sectors: &["bestuur", "po"],
            standplaats: "Eindhoven",
            max_km: "150",
        },
        Demo {
            user_id: None,
            name: "Fatima Faber",
            email: "fatima@adviseurs.example.nl",
            expertise: &["lezen", "taalverzorging", "zicht op ontwikkeling"],
            regions: &["Noord-Holland", "Zuid-Holland"],
            capacity: (2, 30),
            programmes: &["gwgb-plus-school"],
            sectors: &["po"],
            standplaats: "Amsterdam",
            max_km: "80",
        },
        Demo {
            user_id: None,
            name: "Victor Verbeter",
            email: "victor@procesbegeleiders.example.nl",
            expertise: &["kwaliteitszorg", "examenresultaten", "leiderschap"],
            regions: &["Overijssel", "Gelderland"],
            capacity: (3, 48),
            programmes: &["leren-verbeteren-npo", "leren-verbeteren-procesbegeleiding"],
            sectors: &["vo"],
            standplaats: "Zwolle",
            max_km: "",
        },
        Demo {
            user_id: None,
            name: "Sanne Speciaal",
            email: "sanne@adviseurs.example.nl",
            expertise: &["ambities", "populatie", "zicht op ontwikkeling"],
            regions: &["Zuid-Holland"],
            capacity: (3, 36),
            programmes: &["gwgb-plus-gespecialiseerd"],
            sectors: &["gespecialiseerd"],
            standplaats: "Rotterdam",
            max_km: "120",
        },
    ];
    let known: Vec<String> = koers_core::ProgrammeRules::shipped()?.into_iter().map(|p| p.id).collect();
    for d in &pool {
        let w = crate::store::ExpertWrite {
            user_id: d.user_id,
            name: d.name.into(),
            email: d.email.into(),
            expertise: d.expertise.iter().map(|s| (*s).to_owned()).collect(),
            regions: d.regions.iter().map(|s| (*s).to_owned()).collect(),
            capacity_trajectories: d.capacity.0,
            capacity_dagdelen: d.capacity.1,
            available: true,
            expected_version: None,
        };
        let saved = store.save_expert(&w, &actor, now).await?;
        let input = crate::experts::PoolInput {
            programmes: d.programmes.iter().map(|s| (*s).to_owned()).collect(),
            sectors: d.sectors.iter().map(|s| (*s).to_owned()).collect(),
            standplaats: d.standplaats.into(),
            max_km: d.max_km.into(),
        };
        crate::experts::set_pool(store, saved.id, saved.version, &input, &known, &actor, now).await?;
    }
    Ok(pool.len())
}

/// Two running trajectories with a believable dagdelen log (see [`dagdelen`]); idempotent.
pub(crate) async fn seed_dagdelen(store: &dyn Store, now: i64) -> Result<usize> {
    dagdelen::seed(store, now).await
}

/// Demo logins for the other sectors, so every programme can be applied for with real data
/// (issue 10): the bestuurder of the board with the most VO schools (NPO for several schools at
/// once, and its last VO school's leader for procesbegeleiding) and the leader of the first so
/// school (GWGB+ gespecialiseerd). Nothing when the register holds no such schools.
async fn sector_users(store: &dyn Store) -> Result<Vec<(RoleKind, &'static str, &'static str, Scope, String)>> {
    let all = store.all_schools().await?;
    let mut vo_per_board: std::collections::BTreeMap<BoardNumber, Vec<&School>> = std::collections::BTreeMap::new();
    for s in all.iter().filter(|s| s.sector == Sector::Vo) {
        if let Some(b) = s.board_number {
            vo_per_board.entry(b).or_default().push(s);
        }
    }
    let mut out = Vec::new();
    // The most VO schools; the lowest number among equals (BTreeMap order, `max_by_key` keeps the last).
    if let Some((board, schools)) = vo_per_board.iter().rev().filter(|(_, v)| v.len() >= 2).max_by_key(|(_, v)| v.len())
    {
        out.push((
            RoleKind::Bestuurder,
            "vo-bestuurder@demo.koers.nl",
            "Vera Voortgezet",
            Scope::Board(*board),
            format!("bestuur {board} ({} vo-scholen)", schools.len()),
        ));
        if let Some(last) = schools.last() {
            out.push((
                RoleKind::Schoolleider,
                "vo-schoolleider@demo.koers.nl",
                "Victor Vestiging",
                Scope::School(last.id),
                format!("vo-school {} ({})", last.name, last.ovt),
            ));
        }
    }
    if let Some(so) = all.iter().find(|s| s.sector == Sector::So) {
        out.push((
            RoleKind::Schoolleider,
            "so-schoolleider@demo.koers.nl",
            "Saskia Speciaal",
            Scope::School(so.id),
            format!("so-school {} ({})", so.name, so.ovt),
        ));
    }
    Ok(out)
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
    let mut users = users.to_vec();
    users.extend(sector_users(store).await?);
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
    // Account requests for the staff queue (issue 10 §5): a school of the demo board besides the
    // demo school, and the board itself.
    let others = store.schools_of_board(DEMO_BOARD).await?;
    let ria = others.iter().find(|s| s.id != school.id).map_or(school.id, |s| s.id);
    let (ria, board) = (ria, DEMO_BOARD);
    crate::account_requests::seed_demo(store, ria, board, now).await?;
    Ok(out)
}

/// Per programme one trajectory in each phase, with a plan from the plan phase on (see
/// [`trajectories`]); nothing when trajectories exist already.
pub(crate) async fn seed_trajectories(
    store: &dyn Store,
    programmes: &[koers_core::programme::ProgrammeRules],
    now: i64,
) -> Result<usize> {
    trajectories::seed(store, programmes, now).await
}

/// Voortgang, reviews and one off-course trajectory for the demo trajectories with a
/// vastgesteld plan (see [`voortgang`]); idempotent.
pub(crate) async fn seed_voortgang(store: &dyn Store, now: i64) -> Result<usize> {
    voortgang::seed(store, now).await
}
