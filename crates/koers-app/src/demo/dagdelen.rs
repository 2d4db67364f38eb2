//! Demo dagdelen (issue 10 §7–8): two running trajectories with a believable log, so the
//! dagdelen page, the kostenoverzicht and the time sheets show something on a fresh demo.
//! - GWGB+ at the demo school (`DEMO_SCHOOL_OVT`) with Esther Expert (the demo expert's login):
//!   an intake, a studiedag, coaching and classroom visits — *kosteloos (gesubsidieerd)*.
//! - Leren Verbeteren NPO at a VO school (of the demo board when it has one) with Victor
//!   Verbeter: schoolscan, stappenplan and training, 8 dagdelen = € 2.286,00 for the school.
//!
//! Idempotent: a school that already has a trajectory is left alone. Dates are relative to `now`.

use crate::error::Result;
use crate::store::{
    Actor, ApplicationStateWrite, Assignment, NewApplication, NewTimeEntry, NewTrajectory, School, Sector, Store,
    TrajectoryFilter,
};
use koers_core::calendar::Date;
use koers_core::plan::ActivityType;
use koers_core::workflow::{Application, Status};

const DAY: i64 = 86_400;

struct Demo<'a> {
    programme: &'a str,
    expert_email: &'a str,
    contact: (&'a str, &'a str),
    help_question: &'a str,
    planned: i64,
    /// (days before now, dagdelen, activity, note)
    log: &'a [(i64, u32, ActivityType, &'a str)],
}

const GWGB: Demo<'static> = Demo {
    programme: "gwgb-plus-school",
    expert_email: "expert@demo.koers.nl",
    contact: ("Sam Schoolleider", "schoolleider@demo.koers.nl"),
    help_question: "Ons rekenonderwijs in groep 5 tot en met 8 blijft achter; we willen zicht op ontwikkeling \
                    en een doorgaande lijn.",
    planned: 16,
    log: &[
        (84, 1, ActivityType::Gesprekken, "Intakegesprek met directie en IB'er"),
        (70, 1, ActivityType::DataAnalyse, "Toetsresultaten rekenen van drie jaar doorgenomen"),
        (56, 2, ActivityType::Studiedag, "Studiedag rekendidactiek met het hele team"),
        (42, 2, ActivityType::Klassenbezoeken, "Klassenbezoeken groep 5 en 6, nagesprekken"),
        (28, 2, ActivityType::CoachingLeraren, "Coaching twee leraren bovenbouw"),
        (14, 1, ActivityType::CoachingSchoolleider, "Voortgang met de directeur besproken"),
    ],
};

const NPO: Demo<'static> = Demo {
    programme: "leren-verbeteren-npo",
    expert_email: "victor@procesbegeleiders.example.nl",
    contact: ("Rutger Rector", "rector@vo.demo.koers.nl"),
    help_question: "De examenresultaten van de havo dalen al drie jaar; we willen een schoolscan en een \
                    stappenplan met interventies uit de NPO-menukaart.",
    planned: 8,
    log: &[
        (63, 3, ActivityType::Schoolscan, "Schoolscan: gesprekken met MT, sectievoorzitters en leerlingen"),
        (35, 2, ActivityType::Stappenplan, "Stappenplan opgesteld met de schoolleiding"),
        (21, 3, ActivityType::TrainingVakgroepen, "Training sectie wiskunde en economie"),
    ],
};

async fn seed_one(store: &dyn Store, school: &School, d: &Demo<'_>, now: i64) -> Result<usize> {
    let filter = TrajectoryFilter { school_id: Some(school.id), ..Default::default() };
    if !store.list_trajectories(&filter).await?.is_empty() {
        return Ok(0);
    }
    let Some(expert) = store.list_experts().await?.into_iter().find(|e| e.email == d.expert_email) else {
        return Ok(0);
    };
    let actor = Actor::system("koers demo");
    let start = now - 90 * DAY;
    let state = Application::submitted(false);
    let new = NewApplication {
        programme_id: d.programme.into(),
        school_id: Some(school.id),
        board_number: school.board_number,
        contact_name: d.contact.0.into(),
        contact_email: d.contact.1.into(),
        contact_phone: None,
        help_question: d.help_question.into(),
        eligibility_json: None,
        entry_facts_json: None,
        state_json: serde_json::to_string(&state)?,
        status: Status::Ingediend,
        submitted_by: None,
    };
    let a = store.create_application(&new, &actor, start).await?;
    let gekoppeld = Application { status: Status::Gekoppeld, expert_id: Some(expert.id), ..state };
    let programme = koers_core::ProgrammeRules::shipped()?.into_iter().find(|p| p.id == d.programme);
    let phases: Vec<String> = programme.map(|p| p.phases.into_iter().map(|ph| ph.name).collect()).unwrap_or_default();
    let assignment = Assignment {
        application_id: a.id,
        state: ApplicationStateWrite {
            expected_version: a.version,
            state_json: serde_json::to_string(&gekoppeld)?,
            status: Status::Gekoppeld,
            action: "expert_assigned".into(),
        },
        trajectory: NewTrajectory {
            expert_id: expert.id,
            phases_json: serde_json::to_string(&phases)?,
            dagdelen_planned: d.planned,
        },
        capacity_override: None,
    };
    let (_, t) = store.assign_expert(&assignment, &actor, start + DAY).await?;
    let mut spent = 0;
    for (days_ago, dagdelen, activity, note) in d.log {
        let entry = NewTimeEntry {
            trajectory_id: t.id,
            expert_id: expert.id,
            date: Date::of_instant(now - days_ago * DAY),
            dagdelen: *dagdelen,
            measure_id: None,
            activity: *activity,
            note: (*note).into(),
            expected_spent: spent,
        };
        store.log_time(&entry, &actor, now - days_ago * DAY).await?;
        spent += dagdelen;
    }
    Ok(1)
}

/// Seed the demo trajectories with their dagdelen; returns how many were made.
pub(crate) async fn seed(store: &dyn Store, now: i64) -> Result<usize> {
    let mut made = 0;
    if let Ok(school) = store.school_by_ovt(super::DEMO_SCHOOL_OVT).await {
        made += seed_one(store, &school, &GWGB, now).await?;
    }
    let of_board = store.schools_of_board(super::DEMO_BOARD).await?;
    let vo = match of_board.into_iter().find(|s| s.sector == Sector::Vo) {
        Some(s) => Some(s),
        None => store.all_schools().await?.into_iter().find(|s| s.sector == Sector::Vo),
    };
    if let Some(school) = vo {
        made += seed_one(store, &school, &NPO, now).await?;
    }
    Ok(made)
}
