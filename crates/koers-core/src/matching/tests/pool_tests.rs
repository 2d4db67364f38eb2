//! The pool per programme and sector, and the region by distance (issue 10 §6).

use super::*;

const UTRECHT: GeoPoint = GeoPoint { lat: 52.0907, lon: 5.1214 };
const AMSTERDAM: GeoPoint = GeoPoint { lat: 52.3676, lon: 4.9041 };
const GRONINGEN: GeoPoint = GeoPoint { lat: 53.2194, lon: 6.5665 };

fn at(id: i64, base: GeoPoint, max_km: Option<u32>) -> ExpertProfile {
    ExpertProfile {
        base: Some(base),
        base_place: Some(format!("plaats {id}")),
        max_distance_km: max_km,
        ..expert(id, &[], &[])
    }
}

fn school_at(location: GeoPoint) -> MatchRequest {
    MatchRequest { location: Some(location), ..request(&[], Some("Utrecht"), 4) }
}

#[test]
fn distances_are_great_circle_kilometres() {
    let d = distance_km(UTRECHT, AMSTERDAM);
    assert!((d - 35.0).abs() < 1.5, "{d}");
    let d = distance_km(UTRECHT, GRONINGEN);
    assert!((d - 160.0).abs() < 5.0, "{d}");
    assert_eq!(distance_km(UTRECHT, UTRECHT), 0.0);
    assert!(GeoPoint::new(91.0, 0.0).is_none() && GeoPoint::new(f64::NAN, 0.0).is_none());
    assert_eq!(pool::centre(&[]), None);
    let c = pool::centre(&[UTRECHT, AMSTERDAM]).unwrap_or_else(|| panic!("centre"));
    assert!((c.lat - 52.229).abs() < 0.001);
}

#[test]
fn near_is_within_fifty_km_inclusive_and_nearer_ranks_first_on_equal_score() {
    // One degree of latitude is 111.19 km on this sphere: 50 km ≈ 0.44967°.
    let deg_per_km = 1.0 / (pool::EARTH_RADIUS_KM * std::f64::consts::PI / 180.0);
    let school = GeoPoint { lat: 52.0, lon: 5.0 };
    let exactly = GeoPoint { lat: 52.0 + 50.0 * deg_per_km, lon: 5.0 };
    let beyond = GeoPoint { lat: 52.0 + 50.01 * deg_per_km, lon: 5.0 };
    let r = rank(&school_at(school), &[at(1, beyond, None), at(2, exactly, None)]);
    assert_eq!(ids(&r), vec![2, 1]);
    assert_eq!(r[0].score, POINTS_SAME_REGION);
    assert_eq!(r[1].score, 0);
    assert_eq!(r[0].reasons[0].text_nl(), "50 km van de school (standplaats plaats 2), in de regio");
    assert_eq!(r[1].reasons[0].text_nl(), "50 km van de school (standplaats plaats 1)");
    // Without coordinates the province decides, as before.
    let r = rank(&request(&[], Some("Utrecht"), 4), &[at(3, UTRECHT, None)]);
    assert_eq!(r[0].reasons[0], MatchReason::OtherRegion { region: "Utrecht".into() });
}

#[test]
fn beyond_the_travel_limit_does_not_fit_and_says_so() {
    let r = rank(&school_at(GRONINGEN), &[at(1, UTRECHT, Some(100)), at(2, UTRECHT, Some(200)), at(3, UTRECHT, None)]);
    assert_eq!(ids(&r), vec![2, 3, 1]);
    assert!(!r[2].fits && r[0].fits && r[1].fits);
    assert!(
        r[2].summary_nl().starts_with("past niet: de school ligt 159 km van standplaats plaats 1"),
        "{}",
        r[2].summary_nl()
    );
    assert!(r[2].summary_nl().contains("verder dan de 100 km die deze expert reist"));
    assert_eq!(assignment_allowed(&r[2], false), Err(AssignmentError::NotFitting));
    assert_eq!(assignment_allowed(&r[2], true), Ok(()));
}

#[test]
fn programme_and_sector_lists_decide_fit_and_empty_means_all() {
    let mut vo_only = expert(1, &[], &[]);
    vo_only.sectors = vec![PoolSector::Vo];
    vo_only.programmes = vec!["leren-verbeteren-npo".into()];
    let mut po_only = expert(2, &[], &[]);
    po_only.sectors = vec![PoolSector::Po];
    let all = expert(3, &[], &[]);
    let req = MatchRequest {
        programme: Some("leren-verbeteren-npo".into()),
        sector: Some(PoolSector::Vo),
        ..request(&[], None, 4)
    };
    let r = rank(&req, &[po_only.clone(), all.clone(), vo_only.clone()]);
    assert_eq!(ids(&r), vec![1, 3, 2], "fitting before not fitting; among fitting: capacity then id");
    assert_eq!(
        r[0].summary_nl(),
        "werkt voor leren-verbeteren-npo; werkt in de sector vo; nog 3 trajecten en 12 dagdelen vrij dit schooljaar"
    );
    assert_eq!(r[2].reasons[0].text_nl(), "past niet: werkt niet in de sector vo");
    let gwgb = MatchRequest { programme: Some("gwgb-plus-school".into()), sector: Some(PoolSector::Po), ..req };
    let r = rank(&gwgb, &[vo_only, po_only, all]);
    assert_eq!(ids(&r), vec![2, 3, 1]);
    assert_eq!(
        r[2].summary_nl(),
        "past niet: werkt niet voor gwgb-plus-school; past niet: werkt niet in de sector po; nog 3 trajecten en 12 dagdelen vrij dit schooljaar"
    );
}

#[test]
fn not_fitting_ranks_after_over_capacity_and_before_unavailable() {
    let mut over = expert(1, &[], &[]);
    over.planned_dagdelen = 40;
    let mut misfit = expert(2, &[], &[]);
    misfit.sectors = vec![PoolSector::Bestuur];
    let mut away = expert(3, &[], &[]);
    away.available = false;
    let free = expert(4, &[], &[]);
    let req = MatchRequest { sector: Some(PoolSector::Po), ..request(&[], None, 4) };
    assert_eq!(ids(&rank(&req, &[away, misfit, over, free])), vec![4, 1, 2, 3]);
}

#[test]
fn pool_sectors_parse_and_follow_the_school_sector() {
    for s in PoolSector::ALL {
        assert_eq!(PoolSector::parse(s.code()), Some(s));
    }
    assert_eq!(PoolSector::parse("SO"), Some(PoolSector::Gespecialiseerd));
    assert_eq!(PoolSector::of_school_sector("vso"), Some(PoolSector::Gespecialiseerd));
    assert_eq!(PoolSector::of_school_sector("vo"), Some(PoolSector::Vo));
    assert_eq!(PoolSector::of_school_sector("xx"), None);
}
