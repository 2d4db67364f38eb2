//! The programmes in force, from one place: the definitions a beheerder keeps in the store (a
//! programme is data, seeded from `programmes/*.toml`), or the shipped ones while the store holds
//! none. Every surface asks here — the public verdict (school page, API, `/check`), screening,
//! aanmelden, grants and matching — so editing a programme at `/beheer/programmas` changes all of
//! them at once. [`Catalog`] keeps the parsed definitions per process and re-parses only when a
//! stored definition changed (its id, version or active flag), so the hot school page does not
//! parse TOML per request while another app server's edit still shows on the next request.

use crate::error::{Error, Result};
use crate::store::{Actor, ProgrammeDefinition, ProgrammeWrite, Store, StoreError, StoreRead};
use koers_core::Sector;
use koers_core::programme::{self, Audience, BandRule, ProgrammeRules};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The programmes in force, parsed.
#[derive(Debug, Clone, Default)]
pub struct Programmes {
    /// Active programmes, by id.
    active: Vec<ProgrammeRules>,
    /// Every defined programme (also inactive ones): `(id, name)`, by id.
    defined: Vec<(String, String)>,
}

impl Programmes {
    /// From definitions as stored; an empty list means the shipped programmes.
    pub fn from_definitions(stored: &[ProgrammeDefinition]) -> Result<Self> {
        if stored.is_empty() {
            let active = ProgrammeRules::shipped()?;
            let defined = active.iter().map(|p| (p.id.clone(), p.name.clone())).collect();
            return Ok(Self { active, defined });
        }
        // A stored definition was validated when saved; one that no longer parses (after a
        // format change) is skipped rather than taking every page down.
        let active: Vec<ProgrammeRules> = stored
            .iter()
            .filter(|d| d.active)
            .filter_map(|d| ProgrammeRules::from_toml(&format!("programma {}", d.id), &d.definition_toml).ok())
            .collect();
        if active.is_empty()
            && let Some(d) = stored.iter().find(|d| d.active)
        {
            // Every active definition fails to parse: report the first one's problem.
            ProgrammeRules::from_toml(&format!("programma {}", d.id), &d.definition_toml)?;
        }
        let defined = stored.iter().map(|d| (d.id.clone(), d.name.clone())).collect();
        Ok(Self { active, defined })
    }

    /// The active programmes, by id.
    pub fn active(&self) -> &[ProgrammeRules] {
        &self.active
    }

    /// An active programme.
    pub fn get(&self, id: &str) -> Option<&ProgrammeRules> {
        self.active.iter().find(|p| p.id == id)
    }

    /// Every defined programme (active or not) as `(id, name)`: what staff can be granted.
    pub fn defined(&self) -> &[(String, String)] {
        &self.defined
    }

    /// Whether `id` names a defined programme (active or not).
    pub fn is_defined(&self, id: &str) -> bool {
        self.defined.iter().any(|(d, _)| d == id)
    }

    /// The name of programme `id`, else the id itself.
    pub fn name(&self, id: &str) -> String {
        self.defined.iter().find(|(d, _)| d == id).map_or_else(|| id.to_owned(), |(_, n)| n.clone())
    }

    /// The programme for `audience` and `sector` when none is named (`default_for` in the TOML).
    pub fn default_for(&self, audience: Audience, sector: Sector) -> Option<&ProgrammeRules> {
        programme::default_for(&self.active, audience, sector)
    }

    /// The programme whose results-band rule gives the public verdict of a PO school (school page,
    /// API, `/check`, screening): the default programme for a PO school.
    pub fn band(&self) -> Result<(&ProgrammeRules, &BandRule)> {
        self.default_for(Audience::School, Sector::Po)
            .and_then(|p| p.band_rule().map(|r| (p, r)))
            .ok_or(Error::NoBandProgramme)
    }
}

/// What identifies the stored definitions' state: (id, version, active) of each.
type Stamp = Vec<(String, i64, bool)>;

/// How long the catalog answers without asking the store whether a definition changed. A change
/// made through this process ([`Catalog::invalidate`]) counts at once; one made by another app
/// server on the same database within this time (the page cache's bound too).
const RECHECK: Duration = Duration::from_secs(1);

/// The parsed programmes of this process, refreshed when the stored definitions change.
#[derive(Debug, Default)]
pub struct Catalog {
    cached: Mutex<Option<Cached>>,
}

#[derive(Debug)]
struct Cached {
    stamp: Stamp,
    programmes: Arc<Programmes>,
    checked: Instant,
}

impl Catalog {
    pub fn new() -> Self {
        Self::default()
    }

    /// The programmes in force now. Reads the definitions at most once per [`RECHECK`] (the
    /// public verdict and the eligibility API ask on every request) and parses only after a
    /// change.
    pub async fn current(&self, store: &dyn StoreRead) -> Result<Arc<Programmes>> {
        if let Ok(guard) = self.cached.lock()
            && let Some(c) = guard.as_ref()
            && c.checked.elapsed() < RECHECK
        {
            return Ok(c.programmes.clone());
        }
        let stored = store.programme_definitions().await?;
        let stamp: Stamp = stored.iter().map(|d| (d.id.clone(), d.version, d.active)).collect();
        if let Ok(mut guard) = self.cached.lock()
            && let Some(c) = guard.as_mut()
            && c.stamp == stamp
        {
            c.checked = Instant::now();
            return Ok(c.programmes.clone());
        }
        let parsed = Arc::new(Programmes::from_definitions(&stored)?);
        if let Ok(mut guard) = self.cached.lock() {
            *guard = Some(Cached { stamp, programmes: parsed.clone(), checked: Instant::now() });
        }
        Ok(parsed)
    }

    /// Forget the parsed programmes: the next [`Catalog::current`] reads the store (after this
    /// process changed a definition).
    pub fn invalidate(&self) {
        if let Ok(mut guard) = self.cached.lock() {
            *guard = None;
        }
    }
}

/// The programmes in force, without a cache (CLI, tests, rarely visited pages).
pub async fn current(store: &dyn StoreRead) -> Result<Programmes> {
    Programmes::from_definitions(&store.programme_definitions().await?)
}

/// Active programmes (see [`current`]).
pub async fn active(store: &dyn StoreRead) -> Result<Vec<ProgrammeRules>> {
    Ok(current(store).await?.active)
}

/// Store the shipped programmes (`programmes/*.toml`) when the store holds none yet; how many
/// were added. Run at start-up (`koers serve`, `koers demo`, `koers migrate`) and when a beheerder
/// opens the programme list, so every surface reads the same stored definitions.
pub async fn seed_shipped(store: &dyn Store, actor: &Actor, now: i64) -> Result<usize> {
    if !store.programme_definitions().await?.is_empty() {
        return Ok(0);
    }
    let mut added = 0;
    for p in ProgrammeRules::shipped()? {
        let w = ProgrammeWrite {
            id: p.id.clone(),
            name: p.name.clone(),
            definition_toml: p.to_toml()?,
            active: true,
            expected_version: None,
        };
        match store.save_programme_definition(&w, actor, now).await {
            Ok(_) => added += 1,
            Err(StoreError::Duplicate(_)) => {} // seeded by a parallel request or server
            Err(e) => return Err(e.into()),
        }
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(p: &ProgrammeRules, active: bool, version: i64) -> ProgrammeDefinition {
        ProgrammeDefinition {
            id: p.id.clone(),
            name: p.name.clone(),
            definition_toml: p.to_toml().unwrap_or_else(|e| panic!("{e}")),
            active,
            version,
            updated_at: 0,
        }
    }

    #[test]
    fn the_defaults_per_sector_and_audience_come_from_the_toml() {
        let p = Programmes::from_definitions(&[]).unwrap_or_else(|e| panic!("{e}"));
        let id = |a, s| p.default_for(a, s).map(|p| p.id.clone()).unwrap_or_default();
        assert_eq!(id(Audience::School, Sector::Po), "gwgb-plus-school");
        assert_eq!(id(Audience::School, Sector::So), "gwgb-plus-gespecialiseerd");
        assert_eq!(id(Audience::School, Sector::Vo), "leren-verbeteren-npo");
        assert_eq!(id(Audience::Bestuur, Sector::Po), "gwgb-plus-bestuur");
        assert_eq!(p.band().map(|(p, _)| p.id.clone()).unwrap_or_default(), "gwgb-plus-school");
    }

    #[test]
    fn an_inactive_programme_is_defined_but_not_in_force() {
        let shipped = ProgrammeRules::shipped().unwrap_or_else(|e| panic!("{e}"));
        let defs: Vec<_> = shipped.iter().map(|p| def(p, p.id != "gwgb-plus-school", 1)).collect();
        let p = Programmes::from_definitions(&defs).unwrap_or_else(|e| panic!("{e}"));
        assert!(p.get("gwgb-plus-school").is_none());
        assert!(p.is_defined("gwgb-plus-school"));
        assert!(p.band().is_err(), "no PO band programme in force");
    }
}
