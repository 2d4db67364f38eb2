//! Expert matching (PRODUCT journey 4, issue 4 §5): rank the pool of experts for an
//! application and say why, and the one rule for assigning ([`assignment_allowed`]).
//!
//! **Score** = [`POINTS_PER_SHARED_EXPERTISE`] per expertise area the expert shares with the
//! request + [`POINTS_SAME_REGION`] when the expert works in the school's province. Expertise and
//! regions compare case-insensitively, with spaces trimmed and collapsed.
//!
//! **Order**, best first: experts who can take the trajectory (available and within capacity),
//! then those over capacity, then the unavailable ones; within each group by score (high
//! first), then by free capacity (free dagdelen, then free trajectories, most first), then by
//! id (low first). So the ranking is deterministic and every expert appears exactly once.
//!
//! **Capacity**: assigning is over capacity when the expert has no trajectory left
//! (`assigned_trajectories + 1 > capacity_trajectories`) or too few dagdelen
//! (`planned_dagdelen + dagdelen_needed > capacity_dagdelen`); exactly full is still within.

use serde::{Deserialize, Serialize};
use std::fmt::Write;

pub const POINTS_PER_SHARED_EXPERTISE: u32 = 10;
pub const POINTS_SAME_REGION: u32 = 5;

/// An expert, adviser or procesbegeleider in the pool, with capacity per school year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpertProfile {
    pub id: i64,
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
}

/// What the application asks for.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MatchRequest {
    pub expertise_wanted: Vec<String>,
    /// The school's province.
    pub region: Option<String>,
    pub dagdelen_needed: u32,
}

/// Why an expert ranks where it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
        }
    }
}

/// One ranked expert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Match {
    pub expert_id: i64,
    pub score: u32,
    pub reasons: Vec<MatchReason>,
    pub over_capacity: bool,
    pub available: bool,
    pub free_trajectories: u32,
    pub free_dagdelen: u32,
}

impl Match {
    /// The reasons as one Dutch line, separated by semicolons.
    pub fn summary_nl(&self) -> String {
        self.reasons.iter().map(MatchReason::text_nl).collect::<Vec<_>>().join("; ")
    }

    /// 0 = can take it, 1 = over capacity, 2 = unavailable.
    fn group(&self) -> u8 {
        if !self.available { 2 } else { u8::from(self.over_capacity) }
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
}

/// May staff assign this match? Over capacity only with an explicit `override_capacity` (the
/// app logs it); an unavailable expert never (the expert sets that, an override cannot).
pub fn assignment_allowed(m: &Match, override_capacity: bool) -> Result<(), AssignmentError> {
    if !m.available {
        return Err(AssignmentError::Unavailable);
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
    if let Some(region) = request.region.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
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
    Match { expert_id: e.id, score, reasons, over_capacity, available: e.available, free_trajectories, free_dagdelen }
}

/// Every expert ranked for `request`, best first (see the module doc for the order).
pub fn rank(request: &MatchRequest, experts: &[ExpertProfile]) -> Vec<Match> {
    let wanted = wanted(request);
    let mut matches: Vec<Match> = experts.iter().map(|e| assess(request, &wanted, e)).collect();
    matches.sort_by(|a, b| {
        a.group()
            .cmp(&b.group())
            .then(b.score.cmp(&a.score))
            .then(b.free_dagdelen.cmp(&a.free_dagdelen))
            .then(b.free_trajectories.cmp(&a.free_trajectories))
            .then(a.expert_id.cmp(&b.expert_id))
    });
    matches
}

#[cfg(test)]
mod tests;
