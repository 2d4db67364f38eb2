//! Applications (aanmeldingen) through their life: submit with the entry rule applied and the
//! eligibility attached, board approval by link or task, kennismaking, decision, expert
//! matching and assignment. Every step is a pure transition of `koers_core::workflow`; this
//! module loads, applies, saves (optimistic concurrency) and queues the mails the events call for.

mod links;
pub mod own;
mod pool;
mod submit;
pub(crate) mod target;

use koers_core::ids::{ApplicationId, ExpertId};
pub use links::{LINK_TTL_SECS, new_link_token};
pub(crate) use links::{application_for_link, decide_by_link};
pub use pool::complete_request;
pub(crate) use submit::entry_rule;
pub(crate) use submit::submit;
pub use submit::{ApplicationInput, MAX_CONTACT_NAME, MAX_CONTACT_PHONE, Submitted, reference_year};
pub use target::{Applicant, Target, TargetQuery, fits, school_resource};

use crate::error::{Error, Result};
use crate::mail;
use crate::store::{
    Actor, ApplicationRecord, ApplicationStateWrite, Assignment, NewTrajectory, Store, StoreError, StoreRead,
    TrajectoryRecord,
};
use koers_core::calendar::Date;
use koers_core::matching::{ExpertProfile, Match, MatchRequest, assignment_allowed, rank};
use koers_core::programme::ProgrammeRules;
use koers_core::workflow::{Application, Command, Event, transition};

/// The state machine's state of a stored application.
pub fn state_of(a: &ApplicationRecord) -> Result<Application> {
    Ok(serde_json::from_str(&a.state_json)?)
}

/// A conflict carrying the application as it is now.
async fn conflict(store: &dyn StoreRead, id: ApplicationId) -> Error {
    match store.application(id).await {
        Ok(current) => Error::Conflict { current: Some(Box::new(current)) },
        Err(e) => e.into(),
    }
}

fn action_of(events: &[Event]) -> String {
    events
        .first()
        .and_then(|e| serde_json::to_value(e).ok())
        .and_then(|v| v.get("event").and_then(|x| x.as_str().map(str::to_owned)))
        .unwrap_or_else(|| "transition".into())
}

/// The mails an event sends to the applicant.
fn applicant_mail(a: &ApplicationRecord, next: &Application, e: &Event) -> Option<(String, String)> {
    let r = &a.reference;
    let reason = next.reason.clone().unwrap_or_default();
    let text = match e {
        Event::BoardApproved => format!(
            "Het bestuur heeft de aanmelding {r} goedgekeurd. Het programma neemt contact op voor een kennismaking."
        ),
        Event::ApprovedForBoard { .. } => format!(
            "Het programma heeft de aanmelding {r} namens het bestuur goedgekeurd (het bestuur heeft geen account in Koers). Het programma neemt contact op voor een kennismaking."
        ),
        Event::BoardDeclined { .. } => {
            format!("Het bestuur heeft de aanmelding {r} niet goedgekeurd.\nReden: {reason}")
        }
        Event::IntakePlanned { date } => format!("De kennismaking voor aanmelding {r} is gepland op {date}."),
        Event::MadeDefinitive => format!("De aanmelding {r} is definitief. We zoeken nu een expert."),
        Event::Referred { .. } => format!("De aanmelding {r} is doorverwezen.\nReden: {reason}"),
        Event::Declined { .. } => format!("De aanmelding {r} is afgewezen.\nReden: {reason}"),
        Event::TrajectoryStarted => format!("Voor aanmelding {r} is een expert gekoppeld; het traject is gestart."),
        Event::Withdrawn { .. } => format!("De aanmelding {r} is ingetrokken.\nReden: {reason}"),
        _ => return None,
    };
    Some((format!("Koers: aanmelding {r} – {}", next.status.label_nl()), text))
}

async fn save(
    store: &dyn Store,
    a: &ApplicationRecord,
    expected_version: i64,
    next: &Application,
    events: &[Event],
    actor: &Actor,
    now: i64,
) -> Result<ApplicationRecord> {
    let state_json = serde_json::to_string(next)?;
    let w = ApplicationStateWrite { expected_version, state_json, status: next.status, action: action_of(events) };
    match store.update_application_state(a.id, &w, actor, now).await {
        Ok(saved) => {
            for e in events {
                if let Some((subject, body)) = applicant_mail(&saved, next, e) {
                    mail::queue(store, &saved.contact_email, &subject, &body, now).await?;
                }
            }
            Ok(saved)
        }
        Err(StoreError::Conflict { .. }) => Err(conflict(store, a.id).await),
        Err(e) => Err(e.into()),
    }
}

/// Apply one command (staff, board or applicant action) to application `id` as last seen at
/// `expected_version`. Assignment goes through [`assign_expert`] instead.
pub(crate) async fn act(
    store: &dyn Store,
    id: ApplicationId,
    expected_version: i64,
    cmd: &Command,
    actor: &Actor,
    now: i64,
) -> Result<ApplicationRecord> {
    if matches!(cmd, Command::AssignExpert { .. }) {
        return Err(Error::AssignThroughMatching);
    }
    let a = store.application(id).await?;
    if a.version != expected_version {
        return Err(Error::Conflict { current: Some(Box::new(a)) });
    }
    // Approving on the board's behalf: whether the board has an account is read here, never
    // taken from the caller.
    let cmd = match cmd {
        Command::ApproveForBoard { reason, .. } => {
            let board_has_account = match a.board_number {
                Some(n) => board_has_account(store, n).await?,
                None => false,
            };
            Command::ApproveForBoard { reason: reason.clone(), board_has_account }
        }
        other => other.clone(),
    };
    let (next, events) = transition(&state_of(&a)?, &cmd)?;
    save(store, &a, expected_version, &next, &events, actor, now).await
}

/// Does an active account hold the bestuurder role for board `number`? (Staff may approve on a
/// board's behalf only when none does.)
pub async fn board_has_account(store: &dyn StoreRead, number: koers_core::ids::BoardNumber) -> Result<bool> {
    for u in store.list_users().await?.into_iter().filter(|u| u.active) {
        let grants = store.grants_of_user(u.id).await?;
        if grants.iter().any(|g| {
            g.grant.role == koers_core::access::RoleKind::Bestuurder
                && g.grant.scope == koers_core::access::Scope::Board(number)
        }) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Experts ranked for a request, best first, with their current load.
pub async fn rank_experts(store: &dyn StoreRead, request: &MatchRequest) -> Result<Vec<Match>> {
    rank_experts_on(store, request, None).await
}

/// [`rank_experts`] with the load following the dagdelen log in the school year of `today`
/// (`koers_core::dagdelen::committed`: logged this year plus what is still planned on active
/// trajectories); without `today` the load is the planned dagdelen of active trajectories.
pub async fn rank_experts_on(store: &dyn StoreRead, request: &MatchRequest, today: Option<Date>) -> Result<Vec<Match>> {
    let mut loads = store.expert_loads().await?;
    if let Some(today) = today {
        pool::follow_the_log(store, &mut loads, today).await?;
    }
    let profiles: Vec<ExpertProfile> = store
        .list_experts()
        .await?
        .into_iter()
        .map(|e| {
            let load = loads.iter().find(|l| l.expert_id == e.id);
            pool::profile(e, load)
        })
        .collect();
    Ok(rank(request, &profiles))
}

/// Experts ranked for an application: the request completed with the application's programme,
/// the school's sector and location ([`complete_request`]), then [`rank_experts`].
pub async fn rank_for_application(
    store: &dyn StoreRead,
    a: &ApplicationRecord,
    request: &MatchRequest,
) -> Result<Vec<Match>> {
    rank_experts(store, &complete_request(store, a, request).await?).await
}

/// [`rank_for_application`] with the load following the dagdelen log (see [`rank_experts_on`]).
pub async fn rank_for_application_on(
    store: &dyn StoreRead,
    a: &ApplicationRecord,
    request: &MatchRequest,
    today: Date,
) -> Result<Vec<Match>> {
    rank_experts_on(store, &complete_request(store, a, request).await?, Some(today)).await
}

/// Assign an expert: checks capacity (an override is allowed and logged with its note), applies
/// the transition, creates the trajectory with the programme's phases, and notifies the expert
/// and the applicant.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn assign_expert(
    store: &dyn Store,
    programme: &ProgrammeRules,
    id: ApplicationId,
    expected_version: i64,
    request: &MatchRequest,
    expert_id: ExpertId,
    capacity_override: Option<&str>,
    actor: &Actor,
    now: i64,
) -> Result<(ApplicationRecord, TrajectoryRecord)> {
    let a = store.application(id).await?;
    if a.version != expected_version {
        return Err(Error::Conflict { current: Some(Box::new(a)) });
    }
    crate::dagdelen::check_assignment(programme, request.dagdelen_needed)?;
    let ranked = rank_for_application_on(store, &a, request, Date::of_instant(now)).await?;
    let m = ranked.iter().find(|m| m.expert_id == expert_id).ok_or(Error::NotFound)?;
    let note = capacity_override.map(str::trim).filter(|n| !n.is_empty());
    assignment_allowed(m, note.is_some())?;
    let (next, events) = transition(&state_of(&a)?, &Command::AssignExpert { expert_id })?;
    let phases: Vec<String> = programme.phases.iter().map(|p| p.name.clone()).collect();
    let state_json = serde_json::to_string(&next)?;
    let assignment = Assignment {
        application_id: a.id,
        state: ApplicationStateWrite { expected_version, state_json, status: next.status, action: action_of(&events) },
        trajectory: NewTrajectory {
            expert_id,
            phases_json: serde_json::to_string(&phases).unwrap_or_else(|_| "[]".into()),
            dagdelen_planned: i64::from(request.dagdelen_needed),
        },
        capacity_override: if m.over_capacity || !m.fits { note.map(str::to_owned) } else { None },
    };
    let (saved, trajectory) = match store.assign_expert(&assignment, actor, now).await {
        Ok(x) => x,
        Err(StoreError::Conflict { .. }) => return Err(conflict(store, a.id).await),
        Err(e) => return Err(e.into()),
    };
    let expert = store.expert(expert_id).await?;
    let body = format!(
        "Je bent als expert gekoppeld aan aanmelding {} ({}). Het traject staat in Koers onder 'Jouw trajecten'.\nHulpvraag: {}",
        saved.reference, programme.name, saved.help_question
    );
    mail::queue(store, &expert.email, &format!("Koers: nieuw traject {}", saved.reference), &body, now).await?;
    for e in &events {
        if let Some((subject, body)) = applicant_mail(&saved, &next, e) {
            mail::queue(store, &saved.contact_email, &subject, &body, now).await?;
        }
    }
    Ok((saved, trajectory))
}
