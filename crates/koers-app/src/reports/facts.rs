//! What the voortgang reports (bestuur, Inspectie, eind) are made of, gathered once from the
//! store into [`ProgressFacts`]: the trajectory, the vastgestelde plan in force, voortgang
//! (measure statuses, measurements, activities, reviews), the dagdelen log and budget, and the
//! "op koers?" assessment of `koers_core::op_koers` for the report's day. The facts are plain,
//! serializable data: the documents are pure functions of them, and a released Inspectie report
//! keeps exactly the facts the school leader released ([`ProgressFacts::anonymised`]).

use super::{ReportKind, unavailable};
use crate::error::Result;
use crate::plans::PlanCase;
use crate::store::{StoreError, StoreRead, TimeEntryRecord};
use koers_core::calendar::Date;
use koers_core::dagdelen::TimeEntry;
use koers_core::ids::TrajectoryId;
use koers_core::op_koers::{Assessment, OpKoersSettings, PlannedReview, Snapshot, assess};
use koers_core::plan::{PlanVersion, VersionStatus};
use koers_core::progress::{ActivityEntry, Measurement, StatusUpdate};
use serde::{Deserialize, Serialize};

/// Who signed a version: the signature's role name and, unless anonymised, the person's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedBy {
    /// "Schoolleider", "directeur-bestuurder" (the role name given when signing).
    pub role: String,
    /// The person's name; empty in a report that leaves the school.
    pub name: String,
    /// Unix seconds.
    pub at: i64,
}

/// Everything a voortgang report shows, as of `today`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressFacts {
    pub trajectory_id: TrajectoryId,
    /// The school's name (board track: the board's name).
    pub school: String,
    pub programme: String,
    /// The application's reference number (`GWGB-2026-0007`).
    pub reference: Option<String>,
    /// The current phase's name, or "afgerond".
    pub phase: String,
    pub active: bool,
    pub start: Date,
    pub today: Date,
    /// The expert's name; "procesbegeleider"-style role only once anonymised.
    pub expert: String,
    /// The vastgestelde version in force.
    pub plan: PlanVersion,
    pub signed_by: Vec<SignedBy>,
    /// The day the first version was vastgesteld.
    pub first_vastgesteld: Option<Date>,
    pub status_updates: Vec<StatusUpdate>,
    pub measurements: Vec<Measurement>,
    pub activities: Vec<ActivityEntry>,
    pub reviews: Vec<PlannedReview>,
    pub time_log: Vec<TimeEntry>,
    pub budget_limit: Option<u32>,
    pub settings: OpKoersSettings,
    pub assessment: Assessment,
}

impl ProgressFacts {
    /// The same facts without personal data: no names (roles stay), no free-text notes (a note
    /// can name a person). For the report that leaves the school (the Inspectie).
    pub fn anonymised(mut self) -> Self {
        self.expert = String::new();
        for s in &mut self.signed_by {
            s.name.clear();
        }
        for s in &mut self.plan.signatures {
            s.user = koers_core::ids::UserId::new(0);
        }
        for u in &mut self.status_updates {
            u.note.clear();
            u.by = None;
        }
        for m in &mut self.measurements {
            m.note.clear();
        }
        for a in &mut self.activities {
            a.note.clear();
        }
        for e in &mut self.time_log {
            e.note.clear();
        }
        self
    }

    /// (spent, planned in the plan's expert measures).
    pub fn dagdelen(&self) -> (u32, u32) {
        let spent = self.time_log.iter().fold(0u32, |n, e| n.saturating_add(e.dagdelen));
        let planned = self.plan.plan.expert_part().fold(0u32, |n, m| n.saturating_add(m.dagdelen));
        (spent, planned)
    }
}

/// The vastgestelde version in force (the newest one), or why there is none.
pub fn plan_in_force(case: &PlanCase, kind: ReportKind) -> Result<PlanVersion> {
    let versions = case.plan.as_ref().map(|p| p.versions.as_slice()).unwrap_or_default();
    if let Some(v) = versions.iter().rev().find(|v| v.status == VersionStatus::Vastgesteld) {
        return Ok(v.clone());
    }
    let signers: Vec<&str> = case.settings.signers.iter().map(|s| s.short_nl()).collect();
    let who = match signers.as_slice() {
        [] => "de ondertekenaars".to_owned(),
        [one] => format!("de {one}"),
        [first @ .., last] => format!("de {} en de {last}", first.join(", de ")),
    };
    let state = match versions.last() {
        None => "er is nog geen plan van aanpak gestart".to_owned(),
        Some(v) => format!("het plan van aanpak (versie {}) is nog {}", v.number, v.status.label_nl()),
    };
    Err(unavailable(
        kind,
        &format!("{state}; er is nog geen vastgesteld plan: het moet eerst door {who} zijn ondertekend"),
    ))
}

/// The name of the school (board track: the board) of the case's trajectory.
pub async fn school_name(store: &dyn StoreRead, case: &PlanCase) -> Result<String> {
    let t = &case.trajectory;
    if let Some(id) = t.school_id {
        return match store.school(id).await {
            Ok(s) => Ok(s.name),
            Err(StoreError::NotFound) => Ok(format!("school {id}")),
            Err(e) => Err(e.into()),
        };
    }
    match t.board_number {
        Some(n) => match store.board(n).await {
            Ok(b) => Ok(b.name),
            Err(StoreError::NotFound) => Ok(format!("bestuur {n}")),
            Err(e) => Err(e.into()),
        },
        None => Ok(String::new()),
    }
}

/// The application's reference number, when it still reads.
pub async fn reference(store: &dyn StoreRead, case: &PlanCase) -> Result<Option<String>> {
    match store.application(case.trajectory.application_id).await {
        Ok(a) => Ok(Some(a.reference.to_string())),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The current phase's name ("afgerond" past the last phase).
pub fn phase_name(case: &PlanCase) -> String {
    let names: Vec<String> = serde_json::from_str(&case.trajectory.phases_json).unwrap_or_default();
    usize::try_from(case.trajectory.current_phase)
        .ok()
        .and_then(|i| names.get(i).cloned())
        .unwrap_or_else(|| "afgerond".to_owned())
}

/// Who signed `v`, with their names from the accounts.
pub async fn signed_by(store: &dyn StoreRead, v: &PlanVersion) -> Result<Vec<SignedBy>> {
    let mut out = Vec::with_capacity(v.signatures.len());
    for s in &v.signatures {
        let name = match store.user(s.user).await {
            Ok(u) => u.name,
            Err(StoreError::NotFound) => String::new(),
            Err(e) => return Err(e.into()),
        };
        let role = if s.role_name.trim().is_empty() { s.signer.label_nl().to_owned() } else { s.role_name.clone() };
        out.push(SignedBy { role, name, at: s.at });
    }
    Ok(out)
}

/// One trajectory's "op koers?" with what it was computed from (the reports and the programme
/// monitor share it).
#[derive(Debug, Clone)]
pub struct Assessed {
    /// The newest vastgestelde version, if any.
    pub plan: Option<PlanVersion>,
    pub first_vastgesteld: Option<Date>,
    pub voortgang: super::progress_source::Voortgang,
    pub time_log: Vec<TimeEntry>,
    pub budget_limit: Option<u32>,
    pub settings: OpKoersSettings,
    pub assessment: Assessment,
}

/// Assess trajectory `t` of `programme` (with its plan, if started) on `today`.
pub async fn assess_trajectory(
    store: &dyn StoreRead,
    programme: Option<&koers_core::programme::ProgrammeRules>,
    t: &crate::store::TrajectoryRecord,
    plan: Option<&crate::store::PlanRecord>,
    today: Date,
) -> Result<Assessed> {
    let id = t.id;
    let versions = plan.map(|p| p.versions.as_slice()).unwrap_or_default();
    let in_force = versions.iter().rev().find(|v| v.status == VersionStatus::Vastgesteld).cloned();
    let time_log: Vec<TimeEntry> =
        store.time_entries_of_trajectory(id).await?.iter().map(TimeEntryRecord::to_core).collect();
    let rule = programme.and_then(|p| p.dagdelen);
    let decisions = store.budget_decisions(id).await?;
    let budget_limit = crate::dagdelen::budget_of(rule, t.dagdelen_planned, &decisions).map(|b| b.limit());
    let submitted = store.self_evaluations_of(id).await?.iter().filter_map(|r| r.submitted_at).min();
    let first_vastgesteld = versions.iter().filter_map(|v| v.vastgesteld_at).min().map(Date::of_instant);
    let settings = programme.map(|p| p.op_koers).unwrap_or_default();
    let voortgang = super::progress_source::load(store, id).await?;
    let snapshot = Snapshot {
        trajectory_start: Date::of_instant(t.created_at),
        zelfevaluatie_submitted: submitted.map(Date::of_instant),
        plan: in_force.as_ref().map(|v| v.plan.clone()),
        plan_vastgesteld: first_vastgesteld,
        status_updates: voortgang.status_updates.clone(),
        measurements: voortgang.measurements.clone(),
        activities: voortgang.activities.clone(),
        time_log: time_log.clone(),
        budget_limit,
        reviews: voortgang.reviews.clone(),
    };
    let assessment = assess(&snapshot, today, &settings);
    Ok(Assessed { plan: in_force, first_vastgesteld, voortgang, time_log, budget_limit, settings, assessment })
}

/// Gather the facts of `case`'s trajectory for `kind` as of `today`; refused (naming what is
/// missing) when there is no vastgesteld plan.
pub async fn gather(
    store: &dyn StoreRead,
    programmes: &crate::programmes::Programmes,
    case: &PlanCase,
    kind: ReportKind,
    today: Date,
) -> Result<ProgressFacts> {
    let plan = plan_in_force(case, kind)?;
    let t = &case.trajectory;
    let expert = match store.expert(t.expert_id).await {
        Ok(e) => e.name,
        Err(StoreError::NotFound) => String::new(),
        Err(e) => return Err(e.into()),
    };
    let a = assess_trajectory(store, case.programme.as_ref(), t, case.plan.as_ref(), today).await?;
    Ok(ProgressFacts {
        trajectory_id: t.id,
        school: school_name(store, case).await?,
        programme: programmes.name(&t.programme_id),
        reference: reference(store, case).await?,
        phase: phase_name(case),
        active: t.active,
        start: Date::of_instant(t.created_at),
        today,
        expert,
        signed_by: signed_by(store, &plan).await?,
        plan,
        first_vastgesteld: a.first_vastgesteld,
        status_updates: a.voortgang.status_updates,
        measurements: a.voortgang.measurements,
        activities: a.voortgang.activities,
        reviews: a.voortgang.reviews,
        time_log: a.time_log,
        budget_limit: a.budget_limit,
        settings: a.settings,
        assessment: a.assessment,
    })
}
