//! Formats as data (issue 8 §1): the stored versions (seeded from `formats/*.toml`), the one in
//! force, a trajectory's own version, and a beheerder's new version — parsed and validated with
//! Dutch messages naming the field; its `version` must go up, so a filled-in form keeps its own.

use crate::check::FieldError;
use crate::error::{Error, Result};
use crate::store::{Actor, FormatRecord, FormatWrite, Store, StoreError, StoreRead};
use koers_core::format::{Format, FormatError, MAX_TOML_BYTES};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// The label a shipped version is stored under.
pub const SHIPPED_BY: &str = "koers (ingebouwd)";

fn invalid(e: FormatError) -> Error {
    Error::Invalid(e.problems.into_iter().map(|p| FieldError { field: p.field, detail: p.detail }).collect())
}

/// Store every shipped format whose version is newer than what the store holds (start-up,
/// `koers demo`); returns how many versions were stored.
pub async fn seed_shipped(store: &dyn Store, now: i64) -> Result<usize> {
    let actor = Actor::system(SHIPPED_BY);
    let mut stored = 0;
    for (file, text) in koers_core::format::SHIPPED {
        let f = Format::from_toml(file, text).map_err(invalid)?;
        let newest = store.format_versions(&f.id).await?.first().map(|r| r.version);
        if newest.is_some_and(|n| n >= i64::from(f.version)) {
            continue;
        }
        let w = FormatWrite {
            id: f.id.clone(),
            version: i64::from(f.version),
            title: f.title.clone(),
            definition_toml: (*text).to_owned(),
            expected_latest: newest,
        };
        match store.save_format(&w, &actor, now).await {
            Ok(_) => stored += 1,
            // Another server seeded it at the same moment.
            Err(StoreError::Duplicate(_) | StoreError::Conflict { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(stored)
}

/// Parsed formats, so a form page does not parse its 40 kB of TOML on every request (it was the
/// largest share of the zelfevaluatie page's time), and shares the parsed value instead of
/// copying it. Keyed by id and version, with the text kept: a stored version never changes, and
/// comparing the text (cheaper than hashing it) keeps two databases in one process (the tests)
/// apart. Bounded: at most [`MAX_PARSED`] entries, then it starts again.
static PARSED: OnceLock<Mutex<HashMap<(String, i64), Parsed>>> = OnceLock::new();
/// The TOML text and the format parsed from it.
type Parsed = (Arc<str>, Arc<Format>);
const MAX_PARSED: usize = 64;

fn parse_cached(label: &str, id: &str, version: i64, text: &str) -> Result<Arc<Format>> {
    let cache = PARSED.get_or_init(|| Mutex::new(HashMap::new()));
    let key = (id.to_owned(), version);
    if let Some((t, f)) = cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(&key)
        && **t == *text
    {
        return Ok(f.clone());
    }
    let f = Arc::new(Format::from_toml(label, text).map_err(invalid)?);
    let mut map = cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if map.len() >= MAX_PARSED {
        map.clear();
    }
    map.insert(key, (Arc::from(text), f.clone()));
    Ok(f)
}

/// Parse a stored version (validated when saved; a shipped one by the tests).
pub fn parse(r: &FormatRecord) -> Result<Arc<Format>> {
    parse_cached(&format!("format {} versie {}", r.id, r.version), &r.id, r.version, &r.definition_toml)
}

/// The version in force of format `id`: the newest stored, else the shipped one.
pub async fn in_force(read: &dyn StoreRead, id: &str) -> Result<Arc<Format>> {
    match read.format_versions(id).await?.first() {
        Some(r) => parse(r),
        None => shipped(id),
    }
}

/// Format `id` at `version` (a trajectory's own): stored, else shipped when the version matches.
pub async fn at_version(read: &dyn StoreRead, id: &str, version: i64) -> Result<Arc<Format>> {
    match read.format_version(id, version).await {
        Ok(r) => parse(&r),
        Err(StoreError::NotFound) => {
            let f = shipped(id)?;
            if i64::from(f.version) == version { Ok(f) } else { Err(Error::NotFound) }
        }
        Err(e) => Err(e.into()),
    }
}

fn shipped(id: &str) -> Result<Arc<Format>> {
    for (file, text) in koers_core::format::SHIPPED {
        let f = parse_cached(file, file, 0, text)?;
        if f.id == id {
            return Ok(f);
        }
    }
    Err(Error::NotFound)
}

/// Every format in force (stored newest versions, plus shipped ones not stored), by id.
pub async fn list(read: &dyn StoreRead) -> Result<Vec<FormatRecord>> {
    let mut all = read.formats().await?;
    for (file, text) in koers_core::format::SHIPPED {
        let f = Format::from_toml(file, text).map_err(invalid)?;
        if !all.iter().any(|r| r.id == f.id) {
            all.push(FormatRecord {
                id: f.id.clone(),
                version: i64::from(f.version),
                title: f.title.clone(),
                definition_toml: (*text).to_owned(),
                created_at: 0,
                created_by: SHIPPED_BY.to_owned(),
            });
        }
    }
    all.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(all)
}

/// Store a beheerder's format text: a new format (`expected_latest: None`) or a new version of
/// an existing one (`Some(newest seen)`). Refused with field errors (`definitie` for text that is
/// too long or empty, the format's own field paths for what does not validate, `version` when
/// the version does not go up, `id` when a new format's id exists); `Conflict` when someone
/// stored a newer version meanwhile.
pub async fn save(
    store: &dyn Store,
    toml_text: &str,
    expected_latest: Option<i64>,
    expected_id: Option<&str>,
    actor: &Actor,
    now: i64,
) -> Result<FormatRecord> {
    if toml_text.trim().is_empty() {
        return Err(Error::field("definitie", "plak of typ de TOML-tekst van het format"));
    }
    if toml_text.len() > MAX_TOML_BYTES {
        return Err(Error::field("definitie", format!("de tekst is te lang (hooguit {MAX_TOML_BYTES} bytes)")));
    }
    let f = Format::from_toml("format", toml_text).map_err(invalid)?;
    // The shipped versions first, so the history of a shipped format is complete.
    seed_shipped(store, now).await?;
    if let Some(id) = expected_id.filter(|id| *id != f.id) {
        return Err(Error::field("id", format!("het id moet '{id}' blijven; een nieuw id is een nieuw format")));
    }
    let versions = store.format_versions(&f.id).await?;
    let newest = versions.first().map(|r| r.version).or_else(|| shipped(&f.id).ok().map(|s| i64::from(s.version)));
    if expected_latest.is_none() && newest.is_some() {
        return Err(Error::field("id", format!("er bestaat al een format '{}'; kies een ander id", f.id)));
    }
    if let Some(n) = newest.filter(|n| i64::from(f.version) <= *n) {
        return Err(Error::field(
            "version",
            format!(
                "verhoog het versienummer naar {} (nu {}): ingevulde formulieren houden hun eigen versie",
                n + 1,
                f.version
            ),
        ));
    }
    // A shipped format not stored yet: its shipped version counts as the one seen.
    let stored_newest = versions.first().map(|r| r.version);
    let w = FormatWrite {
        id: f.id.clone(),
        version: i64::from(f.version),
        title: f.title.clone(),
        definition_toml: toml_text.to_owned(),
        expected_latest: match expected_latest {
            Some(seen) if stored_newest.is_some() => Some(seen),
            _ => stored_newest,
        },
    };
    if let (Some(seen), Some(actual)) = (expected_latest, newest)
        && seen != actual
    {
        return Err(Error::Conflict { current: None });
    }
    Ok(store.save_format(&w, actor, now).await?)
}
