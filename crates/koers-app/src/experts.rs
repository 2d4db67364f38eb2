//! The expert pool per programme and sector (issue 10 §6): which programmes and sectors an expert
//! works for, the standplaats (a place in the register: its coordinates are the centre of the
//! register's school locations there) and the furthest the expert travels. Matching
//! (`koers_core::matching`) reads them.

use crate::check::FieldError;
use crate::error::{Error, Result};
use crate::store::{Actor, ExpertPool, ExpertRecord, Store, StoreError, StoreRead};
use koers_core::ids::ExpertId;
use koers_core::matching::pool::centre;
use koers_core::matching::{GeoPoint, PoolSector};

/// The furthest travel distance a form accepts (km): the Netherlands fit in 400 km.
pub const MAX_DISTANCE_KM: i64 = 400;

/// What the form sends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PoolInput {
    /// Programme ids ticked; none = every programme.
    pub programmes: Vec<String>,
    /// Sector codes ticked (`po`, `gespecialiseerd`, `vo`, `bestuur`); none = every sector.
    pub sectors: Vec<String>,
    /// A place name as the register writes it (any case); empty = no standplaats.
    pub standplaats: String,
    /// Kilometres; empty = no limit.
    pub max_km: String,
}

fn field(errors: &mut Vec<FieldError>, f: &str, d: String) {
    errors.push(FieldError { field: f.into(), detail: d });
}

/// The coordinates of a place: the centre of the register's locations there (case-insensitive).
pub async fn place_point(store: &dyn StoreRead, place: &str) -> Result<Option<(String, GeoPoint)>, StoreError> {
    let want = place.trim().to_lowercase();
    if want.is_empty() {
        return Ok(None);
    }
    let mut name = None;
    let mut points = Vec::new();
    for s in store.all_schools().await? {
        if s.place.as_deref().map(|p| p.trim().to_lowercase()) == Some(want.clone())
            && let (Some(lat), Some(lon)) = (s.lat, s.lon)
        {
            points.extend(GeoPoint::new(lat, lon));
            name = name.or(s.place.clone());
        }
    }
    Ok(centre(&points).zip(name).map(|(p, n)| (n, p)))
}

/// Check the form and save an expert's pool settings (optimistic concurrency on `version`).
pub async fn set_pool(
    store: &dyn Store,
    expert_id: ExpertId,
    expected_version: i64,
    input: &PoolInput,
    known_programmes: &[String],
    actor: &Actor,
    now: i64,
) -> Result<ExpertRecord> {
    let mut errors = Vec::new();
    let mut programmes = Vec::new();
    for p in &input.programmes {
        match known_programmes.iter().find(|k| k.as_str() == p.trim()) {
            Some(k) if !programmes.contains(k) => programmes.push(k.clone()),
            Some(_) => {}
            None => field(&mut errors, "programmas", format!("Programma's: onbekend programma \"{}\".", p.trim())),
        }
    }
    let mut sectors: Vec<PoolSector> = Vec::new();
    for s in &input.sectors {
        match PoolSector::parse(s) {
            Some(x) if !sectors.contains(&x) => sectors.push(x),
            Some(_) => {}
            None => field(
                &mut errors,
                "sectoren",
                format!("Sectoren: onbekende sector \"{}\"; kies po, sbo/so/vso, vo of bestuur.", s.trim()),
            ),
        }
    }
    sectors.sort_unstable();
    let base = match place_point(store, &input.standplaats).await? {
        Some(x) => Some(x),
        None if input.standplaats.trim().is_empty() => None,
        None => {
            let shown: String = input.standplaats.trim().chars().take(60).collect();
            field(
                &mut errors,
                "standplaats",
                format!(
                    "Standplaats: \"{shown}\" staat niet als plaats van een school in het register; kies een plaats met een school (zoals de schoolpagina's hem schrijven)."
                ),
            );
            None
        }
    };
    let max_distance_km = match input.max_km.trim() {
        "" => None,
        t => match t.parse::<i64>() {
            Ok(n) if (1..=MAX_DISTANCE_KM).contains(&n) => Some(n),
            _ => {
                field(
                    &mut errors,
                    "max_km",
                    format!(
                        "Maximale reisafstand: een heel aantal kilometers van 1 tot en met {MAX_DISTANCE_KM}, of leeg voor geen grens."
                    ),
                );
                None
            }
        },
    };
    if max_distance_km.is_some() && base.is_none() && errors.is_empty() {
        field(&mut errors, "standplaats", "Standplaats: nodig om een maximale reisafstand te meten.".into());
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let pool = ExpertPool {
        programmes,
        sectors: sectors.iter().map(|s| s.code().to_owned()).collect(),
        base_place: base.as_ref().map(|(n, _)| n.clone()),
        base_lat: base.as_ref().map(|(_, p)| p.lat),
        base_lon: base.as_ref().map(|(_, p)| p.lon),
        max_distance_km,
    };
    Ok(store.set_expert_pool(expert_id, expected_version, &pool, actor, now).await?)
}
