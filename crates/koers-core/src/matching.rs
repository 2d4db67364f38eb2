//! Expert matching (PRODUCT journey 4, issue 4 §5): rank the pool of experts for an
//! application and say why, and the one rule for assigning ([`assignment_allowed`]).
//!
//! **Fit** (issue 10 §6, see [`pool`]): an expert who does not serve the request's programme or
//! sector, or whose maximum travel distance the school lies beyond, does not fit; the reasons
//! say which. Empty programme or sector lists mean "all".
//!
//! **Score** = [`POINTS_PER_SHARED_EXPERTISE`] per expertise area the expert shares with the
//! request + [`POINTS_SAME_REGION`] when the expert's standplaats lies within [`pool::NEAR_KM`]
//! of the school — or, without coordinates, when the expert works in the school's province.
//! Expertise and regions compare case-insensitively, with spaces trimmed and collapsed.
//!
//! **Order**, best first: experts who can take the trajectory (available, fitting and within
//! capacity), then those over capacity, then those who do not fit, then the unavailable ones;
//! within each group by score (high first), then by distance (near first; unknown last), then
//! by free capacity (free dagdelen, then free trajectories, most first), then by id (low
//! first). So the ranking is deterministic and every expert appears exactly once.
//!
//! **Capacity**: assigning is over capacity when the expert has no trajectory left
//! (`assigned_trajectories + 1 > capacity_trajectories`) or too few dagdelen
//! (`planned_dagdelen + dagdelen_needed > capacity_dagdelen`); exactly full is still within.

use crate::ids::ExpertId;
use serde::{Deserialize, Serialize};
use std::fmt::Write;

pub mod pool;
pub use pool::{GeoPoint, PoolSector, distance_km};

pub const POINTS_PER_SHARED_EXPERTISE: u32 = 10;
pub const POINTS_SAME_REGION: u32 = 5;

/// An expert, adviser or procesbegeleider in the pool, with capacity per school year.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ExpertProfile {
    pub id: ExpertId,
    pub name: String,
    /// Areas like "rekenen", "zicht op ontwikkeling", "kwaliteitszorg".
    pub expertise: Vec<String>,
    /// Provinces the expert works in.
    pub regions: Vec<String>,
    pub capacity_trajectories: u32,
    pub capacity_dagdelen: u32,
    pub assigned_trajectories: u32,
    pub planned_dagdelen: u32,
    pub available: bool,
    /// Programme ids the expert works for; empty = every programme.
    pub programmes: Vec<String>,
    /// Sectors the expert works in; empty = every sector.
    pub sectors: Vec<PoolSector>,
    /// The standplaats: its name and coordinates.
    pub base_place: Option<String>,
    pub base: Option<GeoPoint>,
    /// The furthest the expert travels (km); `None` = no limit.
    pub max_distance_km: Option<u32>,
}

/// What the application asks for.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MatchRequest {
    pub expertise_wanted: Vec<String>,
    /// The school's province.
    pub region: Option<String>,
    pub dagdelen_needed: u32,
    /// The programme applied for (its id).
    pub programme: Option<String>,
    /// The pool sector of the school (or `bestuur` for a board's application).
    pub sector: Option<PoolSector>,
    /// Where the school is.
    pub location: Option<GeoPoint>,
}

/// Why an expert ranks where it does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum MatchReason {
    /// The areas shared, in the request's order and wording.
    SharedExpertise {
        areas: Vec<String>,
    },
    NoSharedExpertise,
    SameRegion {
        region: String,
    },
    OtherRegion {
        region: String,
    },
    /// Free before this assignment.
    FreeCapacity {
        trajectories: u32,
        dagdelen: u32,
    },
    OverCapacity {
        no_trajectory_free: bool,
        dagdelen_short: u32,
    },
    Unavailable,
    /// Works for this programme (listed explicitly).
    ServesProgramme {
        programme: String,
    },
    /// Does not work for this programme: does not fit.
    OtherProgramme {
        programme: String,
    },
    ServesSector {
        sector: PoolSector,
    },
    /// Does not work in this sector: does not fit.
    OtherSector {
        sector: PoolSector,
    },
    /// The standplaats lies this far from the school (km, rounded), within the expert's limit.
    Distance {
        km: u32,
        place: Option<String>,
        near: bool,
    },
    /// Beyond the expert's maximum travel distance: does not fit.
    TooFar {
        km: u32,
        max_km: u32,
        place: Option<String>,
    },
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl MatchReason {
    /// One Dutch phrase about the expert ("deelt expertise: rekenen, kwaliteitszorg").
    pub fn text_nl(&self) -> String {
        match self {
            MatchReason::SharedExpertise { areas } => format!("deelt expertise: {}", areas.join(", ")),
            MatchReason::NoSharedExpertise => "deelt geen van de gevraagde expertises".to_owned(),
            MatchReason::SameRegion { region } => format!("werkt in {region}"),
            MatchReason::OtherRegion { region } => format!("werkt niet in {region}"),
            MatchReason::FreeCapacity { trajectories, dagdelen } => format!(
                "nog {} en {} vrij dit schooljaar",
                plural(*trajectories, "traject", "trajecten"),
                plural(*dagdelen, "dagdeel", "dagdelen")
            ),
            MatchReason::OverCapacity { no_trajectory_free, dagdelen_short } => {
                let mut s = "zit boven de capaciteit".to_owned();
                let mut parts = Vec::new();
                if *no_trajectory_free {
                    parts.push("geen traject meer vrij".to_owned());
                }
                if *dagdelen_short > 0 {
                    parts.push(format!("{} te kort", plural(*dagdelen_short, "dagdeel", "dagdelen")));
                }
                if !parts.is_empty() {
                    let _ = write!(s, " ({})", parts.join(", "));
                }
                s
            }
            MatchReason::Unavailable => "is op dit moment niet beschikbaar".to_owned(),
            MatchReason::ServesProgramme { programme } => format!("werkt voor {programme}"),
            MatchReason::OtherProgramme { programme } => format!("past niet: werkt niet voor {programme}"),
            MatchReason::ServesSector { sector } => format!("werkt in de sector {}", sector.label_nl()),
            MatchReason::OtherSector { sector } => format!("past niet: werkt niet in de sector {}", sector.label_nl()),
            MatchReason::Distance { km, place, near } => {
                let from = place.as_deref().map(|p| format!(" (standplaats {p})")).unwrap_or_default();
                let region = if *near { ", in de regio" } else { "" };
                format!("{km} km van de school{from}{region}")
            }
            MatchReason::TooFar { km, max_km, place } => {
                let from = place.as_deref().map(|p| format!(" van standplaats {p}")).unwrap_or_default();
                format!("past niet: de school ligt {km} km{from}, verder dan de {max_km} km die deze expert reist")
            }
        }
    }
}

/// One ranked expert.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Match {
    pub expert_id: ExpertId,
    pub score: u32,
    pub reasons: Vec<MatchReason>,
    pub over_capacity: bool,
    pub available: bool,
    /// Serves the programme and sector, and the school is within the expert's travel distance.
    pub fits: bool,
    /// From the standplaats to the school, when both are known.
    pub distance_km: Option<f64>,
    pub free_trajectories: u32,
    pub free_dagdelen: u32,
}

impl Match {
    /// The reasons as one Dutch line, separated by semicolons.
    pub fn summary_nl(&self) -> String {
        self.reasons.iter().map(MatchReason::text_nl).collect::<Vec<_>>().join("; ")
    }

    /// 0 = can take it, 1 = over capacity, 2 = does not fit, 3 = unavailable.
    fn group(&self) -> u8 {
        if !self.available {
            3
        } else if !self.fits {
            2
        } else {
            u8::from(self.over_capacity)
        }
    }
}

/// Why an assignment is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AssignmentError {
    #[error(
        "deze expert zit boven de capaciteit; toewijzen kan alleen met een uitdrukkelijke overschrijving, die in het logboek komt"
    )]
    OverCapacity,
    #[error("deze expert is op dit moment niet beschikbaar; kies een andere expert")]
    Unavailable,
    #[error(
        "deze expert past niet bij het programma, de sector of de afstand; toewijzen kan alleen met een uitdrukkelijke overschrijving, die in het logboek komt"
    )]
    NotFitting,
}

/// May staff assign this match? Over capacity or not fitting only with an explicit
/// `override_capacity` (the app logs it); an unavailable expert never (the expert sets that, an
/// override cannot).
pub fn assignment_allowed(m: &Match, override_capacity: bool) -> Result<(), AssignmentError> {
    if !m.available {
        return Err(AssignmentError::Unavailable);
    }
    if !m.fits && !override_capacity {
        return Err(AssignmentError::NotFitting);
    }
    if m.over_capacity && !override_capacity {
        return Err(AssignmentError::OverCapacity);
    }
    Ok(())
}

/// Lower case with spaces trimmed and collapsed: the key expertise and regions compare on.
fn key(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The request's areas without blanks and duplicates: (key, wording).
fn wanted(request: &MatchRequest) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for w in &request.expertise_wanted {
        let k = key(w);
        if !k.is_empty() && !out.iter().any(|(o, _)| *o == k) {
            out.push((k, w.split_whitespace().collect::<Vec<_>>().join(" ")));
        }
    }
    out
}

fn assess(request: &MatchRequest, wanted: &[(String, String)], e: &ExpertProfile) -> Match {
    let mut reasons = Vec::new();
    if !e.available {
        reasons.push(MatchReason::Unavailable);
    }
    let has: Vec<String> = e.expertise.iter().map(|x| key(x)).collect();
    let shared: Vec<String> = wanted.iter().filter(|(k, _)| has.contains(k)).map(|(_, w)| w.clone()).collect();
    let mut score = POINTS_PER_SHARED_EXPERTISE.saturating_mul(shared.len() as u32);
    if !shared.is_empty() {
        reasons.push(MatchReason::SharedExpertise { areas: shared });
    } else if !wanted.is_empty() {
        reasons.push(MatchReason::NoSharedExpertise);
    }
    let mut fits = true;
    if let Some(programme) = request.programme.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        if e.programmes.iter().any(|p| key(p) == key(programme)) {
            reasons.push(MatchReason::ServesProgramme { programme: programme.to_owned() });
        } else if !e.programmes.is_empty() {
            fits = false;
            reasons.push(MatchReason::OtherProgramme { programme: programme.to_owned() });
        }
    }
    if let Some(sector) = request.sector {
        if e.sectors.contains(&sector) {
            reasons.push(MatchReason::ServesSector { sector });
        } else if !e.sectors.is_empty() {
            fits = false;
            reasons.push(MatchReason::OtherSector { sector });
        }
    }
    let distance = match (e.base, request.location) {
        (Some(a), Some(b)) => Some(distance_km(a, b)),
        _ => None,
    };
    if let Some(d) = distance {
        let km = d.round().clamp(0.0, f64::from(u32::MAX)) as u32;
        let place = e.base_place.clone();
        match e.max_distance_km {
            Some(max_km) if d > f64::from(max_km) + pool::TOLERANCE_KM => {
                fits = false;
                reasons.push(MatchReason::TooFar { km, max_km, place });
            }
            _ => {
                let near = d <= pool::NEAR_KM + pool::TOLERANCE_KM;
                if near {
                    score += POINTS_SAME_REGION;
                }
                reasons.push(MatchReason::Distance { km, place, near });
            }
        }
    } else if let Some(region) = request.region.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        let region = region.to_owned();
        if e.regions.iter().any(|r| key(r) == key(&region)) {
            score += POINTS_SAME_REGION;
            reasons.push(MatchReason::SameRegion { region });
        } else {
            reasons.push(MatchReason::OtherRegion { region });
        }
    }
    let free_trajectories = e.capacity_trajectories.saturating_sub(e.assigned_trajectories);
    let free_dagdelen = e.capacity_dagdelen.saturating_sub(e.planned_dagdelen);
    reasons.push(MatchReason::FreeCapacity { trajectories: free_trajectories, dagdelen: free_dagdelen });
    let no_trajectory_free = free_trajectories == 0;
    let dagdelen_short = request.dagdelen_needed.saturating_sub(free_dagdelen);
    let over_capacity = no_trajectory_free || dagdelen_short > 0;
    if over_capacity {
        reasons.push(MatchReason::OverCapacity { no_trajectory_free, dagdelen_short });
    }
    Match {
        expert_id: e.id,
        score,
        reasons,
        over_capacity,
        available: e.available,
        fits,
        distance_km: distance,
        free_trajectories,
        free_dagdelen,
    }
}

/// Every expert ranked for `request`, best first (see the module doc for the order).
pub fn rank(request: &MatchRequest, experts: &[ExpertProfile]) -> Vec<Match> {
    let wanted = wanted(request);
    let mut matches: Vec<Match> = experts.iter().map(|e| assess(request, &wanted, e)).collect();
    matches.sort_by(|a, b| {
        a.group()
            .cmp(&b.group())
            .then(b.score.cmp(&a.score))
            .then(a.distance_km.unwrap_or(f64::INFINITY).total_cmp(&b.distance_km.unwrap_or(f64::INFINITY)))
            .then(b.free_dagdelen.cmp(&a.free_dagdelen))
            .then(b.free_trajectories.cmp(&a.free_trajectories))
            .then(a.expert_id.cmp(&b.expert_id))
    });
    matches
}

#[cfg(test)]
mod tests;
