//! The expert pool as matching sees it (issue 10 §6): an expert record with its load becomes a
//! `koers_core::matching::ExpertProfile`, and a request is completed with what the application
//! says — programme, the school's sector (or `bestuur`), its province and coordinates.

use crate::store::{ApplicationRecord, ExpertLoad, ExpertRecord, StoreError, StoreRead};
use koers_core::matching::{ExpertProfile, GeoPoint, MatchRequest, PoolSector};

pub(super) fn profile(e: ExpertRecord, load: Option<&ExpertLoad>) -> ExpertProfile {
    let base = match (e.pool.base_lat, e.pool.base_lon) {
        (Some(lat), Some(lon)) => GeoPoint::new(lat, lon),
        _ => None,
    };
    ExpertProfile {
        id: e.id,
        name: e.name,
        expertise: e.expertise,
        regions: e.regions,
        capacity_trajectories: u32::try_from(e.capacity_trajectories).unwrap_or(0),
        capacity_dagdelen: u32::try_from(e.capacity_dagdelen).unwrap_or(0),
        assigned_trajectories: load.map_or(0, |l| u32::try_from(l.trajectories).unwrap_or(u32::MAX)),
        planned_dagdelen: load.map_or(0, |l| u32::try_from(l.dagdelen).unwrap_or(u32::MAX)),
        available: e.available,
        programmes: e.pool.programmes,
        sectors: e.pool.sectors.iter().filter_map(|s| PoolSector::parse(s)).collect(),
        base_place: e.pool.base_place,
        base,
        max_distance_km: e.pool.max_distance_km.and_then(|k| u32::try_from(k).ok()),
    }
}

/// The request with the application's programme, sector, province and coordinates filled in
/// where the caller left them out.
pub async fn complete_request(
    store: &dyn StoreRead,
    a: &ApplicationRecord,
    request: &MatchRequest,
) -> Result<MatchRequest, StoreError> {
    let mut r = request.clone();
    r.programme = r.programme.or_else(|| Some(a.programme_id.clone()));
    let school = match a.school_id {
        Some(id) => match store.school(id).await {
            Ok(s) => Some(s),
            Err(StoreError::NotFound) => None,
            Err(e) => return Err(e),
        },
        None => None,
    };
    match &school {
        Some(s) => {
            r.sector = r.sector.or_else(|| PoolSector::of_school_sector(s.sector.code()));
            r.region = r.region.or_else(|| s.province.clone());
            r.location = r.location.or_else(|| match (s.lat, s.lon) {
                (Some(lat), Some(lon)) => GeoPoint::new(lat, lon),
                _ => None,
            });
        }
        None if a.board_number.is_some() => r.sector = r.sector.or(Some(PoolSector::Bestuur)),
        None => {}
    }
    Ok(r)
}

/// Replace each expert's planned load by what they have committed in the school year of `today`
/// following the dagdelen log ([`koers_core::dagdelen::committed`]).
pub(super) async fn follow_the_log(
    store: &dyn StoreRead,
    loads: &mut Vec<ExpertLoad>,
    today: koers_core::calendar::Date,
) -> Result<(), StoreError> {
    use crate::store::TrajectoryFilter;
    use koers_core::dagdelen::{TimeEntry, committed};
    use koers_core::ids::{ExpertId, TrajectoryId};
    let year = today.school_year();
    let active = store.list_trajectories(&TrajectoryFilter { active_only: true, ..Default::default() }).await?;
    // The whole log up to the end of this school year: logged time on active trajectories that
    // started in an earlier year still counts against their plan.
    let far_past = koers_core::calendar::Date::from_days(0);
    let entries: Vec<TimeEntry> = store
        .time_entries_between(far_past, year.last_day())
        .await?
        .iter()
        .map(crate::store::TimeEntryRecord::to_core)
        .collect();
    let mut experts: Vec<ExpertId> =
        active.iter().map(|t| t.expert_id).chain(entries.iter().map(|e| e.expert)).collect();
    experts.sort_unstable();
    experts.dedup();
    for expert in experts {
        let planned: Vec<(TrajectoryId, u32)> = active
            .iter()
            .filter(|t| t.expert_id == expert)
            .map(|t| (t.id, u32::try_from(t.dagdelen_planned.max(0)).unwrap_or(u32::MAX)))
            .collect();
        let n = i64::from(committed(expert, year, &planned, &entries));
        match loads.iter_mut().find(|l| l.expert_id == expert) {
            Some(l) => l.dagdelen = n,
            None => loads.push(ExpertLoad { expert_id: expert, trajectories: 0, dagdelen: n }),
        }
    }
    Ok(())
}
