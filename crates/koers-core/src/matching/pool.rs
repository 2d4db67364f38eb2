//! The expert pool per programme and sector, and the region by distance (issue 10 §6).
//!
//! - An expert serves a list of programmes and a list of [`PoolSector`]s; an empty list means
//!   every programme / every sector.
//! - An expert has a standplaats ([`GeoPoint`]) and may set a maximum travel distance; the
//!   distance to the school is the great-circle distance ([`distance_km`], haversine on a sphere
//!   of the mean Earth radius, 6,371.0088 km: within 0,5 % of the road-free truth in the
//!   Netherlands, which is what "region" needs).
//! - Within [`NEAR_KM`] (boundary inclusive) an expert earns [`super::POINTS_SAME_REGION`], as a
//!   same-province match did; with no coordinates on either side the province is compared.

use serde::{Deserialize, Serialize};

/// Within this distance (km, inclusive) an expert counts as "in the region".
pub const NEAR_KM: f64 = 50.0;
/// Boundaries compare with this slack (km), so an exact 50 km is "near" despite rounding.
pub const TOLERANCE_KM: f64 = 1e-6;
/// Mean Earth radius (IUGG), km.
pub const EARTH_RADIUS_KM: f64 = 6_371.008_8;

/// The sectors the pool is organised by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PoolSector {
    Po,
    /// sbo, so and vso.
    Gespecialiseerd,
    Vo,
    Bestuur,
}

impl PoolSector {
    pub const ALL: [PoolSector; 4] = [PoolSector::Po, PoolSector::Gespecialiseerd, PoolSector::Vo, PoolSector::Bestuur];

    pub fn code(self) -> &'static str {
        match self {
            PoolSector::Po => "po",
            PoolSector::Gespecialiseerd => "gespecialiseerd",
            PoolSector::Vo => "vo",
            PoolSector::Bestuur => "bestuur",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim().to_lowercase();
        match t.as_str() {
            "sbo" | "so" | "vso" | "sbo/so/vso" => Some(PoolSector::Gespecialiseerd),
            _ => Self::ALL.into_iter().find(|s| s.code() == t),
        }
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            PoolSector::Po => "po",
            PoolSector::Gespecialiseerd => "sbo/so/vso",
            PoolSector::Vo => "vo",
            PoolSector::Bestuur => "bestuur",
        }
    }

    /// The pool sector of a school sector code (`po`, `sbo`, `so`, `vso`, `vo`).
    pub fn of_school_sector(code: &str) -> Option<Self> {
        match code {
            "po" => Some(PoolSector::Po),
            "sbo" | "so" | "vso" => Some(PoolSector::Gespecialiseerd),
            "vo" => Some(PoolSector::Vo),
            _ => None,
        }
    }
}

/// A place on Earth (WGS84 degrees).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GeoPoint {
    pub lat: f64,
    pub lon: f64,
}

impl GeoPoint {
    /// `None` unless both are finite and within range.
    pub fn new(lat: f64, lon: f64) -> Option<Self> {
        ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some(Self { lat, lon })
    }
}

/// Great-circle distance in km (haversine).
pub fn distance_km(a: GeoPoint, b: GeoPoint) -> f64 {
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let (dla, dlo) = ((b.lat - a.lat).to_radians(), (b.lon - a.lon).to_radians());
    let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// The centre of some points (mean latitude and longitude: fine at the scale of a town).
pub fn centre(points: &[GeoPoint]) -> Option<GeoPoint> {
    if points.is_empty() {
        return None;
    }
    let n = points.len() as f64;
    GeoPoint::new(points.iter().map(|p| p.lat).sum::<f64>() / n, points.iter().map(|p| p.lon).sum::<f64>() / n)
}
