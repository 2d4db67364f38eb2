//! Commands, events and the transition table.

use super::{Application, Status};
use crate::ids::ExpertId;
use serde::{Deserialize, Serialize};

/// The planned kennismaking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntakePlan {
    /// ISO date `2026-12-03` (the app checks the calendar; the machine only needs it non-empty).
    pub date: String,
    pub attendees: Vec<String>,
}

/// What the kennismaking brought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intake {
    pub expectations: String,
    pub background: String,
    pub results: String,
    /// The Inspectie has a visit planned.
    pub inspection_visit_planned: bool,
    /// The school has a herstelopdracht.
    pub herstelopdracht: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// After submission: route to the board or straight to intake.
    Route,
    BoardApprove,
    BoardDecline {
        reason: String,
    },
    /// Programme staff approve on the board's behalf because the board has no account in Koers
    /// (issue 10 §4); only with a reason, and refused when the board has one
    /// (`board_has_account` is filled in by the app from the accounts, never by the caller).
    ApproveForBoard {
        reason: String,
        board_has_account: bool,
    },
    PlanIntake(IntakePlan),
    RecordIntake(Intake),
    MakeDefinitive,
    Refer {
        reason: String,
    },
    Decline {
        reason: String,
    },
    AssignExpert {
        expert_id: ExpertId,
    },
    Withdraw {
        reason: String,
    },
}

/// What happened; the app turns these into notifications, tasks and audit entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    BoardApprovalRequested,
    BoardApproved,
    BoardDeclined { reason: String },
    ApprovedForBoard { reason: String },
    ReadyForIntake,
    IntakePlanned { date: String },
    IntakeRecorded,
    MadeDefinitive,
    Referred { reason: String },
    Declined { reason: String },
    ExpertAssigned { expert_id: ExpertId },
    TrajectoryStarted,
    Withdrawn { reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("dit kan niet bij een aanmelding die {status}", status = .0.label_nl())]
    NotNow(Status),
    #[error("deze aanmelding is afgerond ({}) en kan niet meer veranderen", .0.label_nl())]
    Final(Status),
    #[error("{0}")]
    MissingField(&'static str),
    #[error(
        "een school met een geplande inspectiebezoek of een herstelopdracht hoort bij het reguliere programma Goed Worden, Goed Blijven: verwijs door in plaats van definitief te maken"
    )]
    BelongsInRegularGwgb,
    #[error("deze aanmelding heeft geen goedkeuring van het bestuur nodig")]
    NoBoardApprovalNeeded,
    #[error(
        "het bestuur heeft een account in Koers en beslist zelf; goedkeuren namens het bestuur kan alleen zonder account"
    )]
    BoardHasAccount,
}

fn need(text: &str, what: &'static str) -> Result<String, TransitionError> {
    let t = text.trim();
    if t.is_empty() { Err(TransitionError::MissingField(what)) } else { Ok(t.to_owned()) }
}

pub(super) fn apply(app: &Application, cmd: &Command) -> Result<(Application, Vec<Event>), TransitionError> {
    use Status as S;
    if app.status.is_final() {
        return Err(TransitionError::Final(app.status));
    }
    let mut next = app.clone();
    let mut events = Vec::new();
    let not_now = || TransitionError::NotNow(app.status);
    match (app.status, cmd) {
        (_, Command::Withdraw { reason }) => {
            let reason = need(reason, "geef een reden voor het intrekken")?;
            next.status = S::Ingetrokken;
            next.reason = Some(reason.clone());
            events.push(Event::Withdrawn { reason });
        }
        (S::Ingediend, Command::Route) => {
            if app.needs_board_approval {
                next.status = S::WachtOpBestuur;
                events.push(Event::BoardApprovalRequested);
            } else {
                next.status = S::Goedgekeurd;
                events.push(Event::ReadyForIntake);
            }
        }
        (S::WachtOpBestuur, Command::BoardApprove) => {
            next.status = S::Goedgekeurd;
            events.extend([Event::BoardApproved, Event::ReadyForIntake]);
        }
        (S::WachtOpBestuur, Command::BoardDecline { reason }) => {
            let reason = need(reason, "geef een reden waarom het bestuur niet akkoord gaat")?;
            next.status = S::AfgewezenDoorBestuur;
            next.reason = Some(reason.clone());
            events.push(Event::BoardDeclined { reason });
        }
        (S::WachtOpBestuur, Command::ApproveForBoard { reason, board_has_account }) => {
            if *board_has_account {
                return Err(TransitionError::BoardHasAccount);
            }
            let reason = need(reason, "geef een reden waarom je namens het bestuur goedkeurt")?;
            next.status = S::Goedgekeurd;
            next.reason = Some(reason.clone());
            events.extend([Event::ApprovedForBoard { reason }, Event::ReadyForIntake]);
        }
        (_, Command::BoardApprove | Command::BoardDecline { .. } | Command::ApproveForBoard { .. })
            if !app.needs_board_approval =>
        {
            return Err(TransitionError::NoBoardApprovalNeeded);
        }
        (S::Goedgekeurd | S::KennismakingGepland, Command::PlanIntake(plan)) => {
            need(&plan.date, "kies een datum voor de kennismaking")?;
            if plan.attendees.iter().all(|a| a.trim().is_empty()) {
                return Err(TransitionError::MissingField("noem wie er bij de kennismaking zijn"));
            }
            next.status = S::KennismakingGepland;
            next.intake_plan = Some(plan.clone());
            events.push(Event::IntakePlanned { date: plan.date.clone() });
        }
        (S::KennismakingGepland | S::KennismakingGehouden, Command::RecordIntake(intake)) => {
            need(&intake.expectations, "beschrijf de verwachtingen")?;
            next.status = S::KennismakingGehouden;
            next.intake = Some(intake.clone());
            events.push(Event::IntakeRecorded);
        }
        (S::KennismakingGehouden, Command::MakeDefinitive) => {
            if app.intake.as_ref().is_some_and(|i| i.inspection_visit_planned || i.herstelopdracht) {
                return Err(TransitionError::BelongsInRegularGwgb);
            }
            next.status = S::Definitief;
            events.push(Event::MadeDefinitive);
        }
        (S::KennismakingGehouden, Command::Refer { reason }) => {
            let reason = need(reason, "geef een reden voor het doorverwijzen")?;
            next.status = S::Doorverwezen;
            next.reason = Some(reason.clone());
            events.push(Event::Referred { reason });
        }
        (S::Goedgekeurd | S::KennismakingGepland | S::KennismakingGehouden, Command::Decline { reason }) => {
            let reason = need(reason, "geef een reden voor het afwijzen")?;
            next.status = S::Afgewezen;
            next.reason = Some(reason.clone());
            events.push(Event::Declined { reason });
        }
        (S::Definitief, Command::AssignExpert { expert_id }) => {
            next.status = S::Gekoppeld;
            next.expert_id = Some(*expert_id);
            events.extend([Event::ExpertAssigned { expert_id: *expert_id }, Event::TrajectoryStarted]);
        }
        _ => return Err(not_now()),
    }
    Ok((next, events))
}
