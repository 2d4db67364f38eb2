//! Every status × every command: the expected new status or refusal, written out as a table
//! (not derived from the implementation), plus the events and the Dutch messages.

use super::*;
use Status as S;

fn plan() -> IntakePlan {
    IntakePlan { date: "2026-12-03".into(), attendees: vec!["Sam Schoolleider".into(), "Piet Programma".into()] }
}

fn intake(blocked: bool) -> Intake {
    Intake {
        expectations: "Zicht op ontwikkeling versterken".into(),
        background: "Nieuwe directeur".into(),
        results: "1S/2F onder de signaleringswaarde".into(),
        inspection_visit_planned: blocked,
        herstelopdracht: false,
    }
}

fn commands() -> Vec<(&'static str, Command)> {
    vec![
        ("route", Command::Route),
        ("approve", Command::BoardApprove),
        ("board_decline", Command::BoardDecline { reason: "Geen capaciteit dit jaar".into() }),
        (
            "for_board",
            Command::ApproveForBoard { reason: "Bestuur heeft geen account".into(), board_has_account: false },
        ),
        ("plan", Command::PlanIntake(plan())),
        ("record", Command::RecordIntake(intake(false))),
        ("definitive", Command::MakeDefinitive),
        ("refer", Command::Refer { reason: "Inspectiebezoek gepland".into() }),
        ("decline", Command::Decline { reason: "Buiten de doelgroep".into() }),
        ("assign", Command::AssignExpert { expert_id: ExpertId::new(7) }),
        ("withdraw", Command::Withdraw { reason: "Zelf opgelost".into() }),
    ]
}

/// The whole table. `None` = refused.
fn expected(status: Status, board: bool, cmd: &str) -> Option<Status> {
    if status.is_final() {
        return None;
    }
    match (status, cmd) {
        (_, "withdraw") => Some(S::Ingetrokken),
        (S::Ingediend, "route") => Some(if board { S::WachtOpBestuur } else { S::Goedgekeurd }),
        (S::WachtOpBestuur, "approve") => Some(S::Goedgekeurd),
        (S::WachtOpBestuur, "board_decline") => Some(S::AfgewezenDoorBestuur),
        (S::WachtOpBestuur, "for_board") => Some(S::Goedgekeurd),
        (S::Goedgekeurd | S::KennismakingGepland, "plan") => Some(S::KennismakingGepland),
        (S::KennismakingGepland | S::KennismakingGehouden, "record") => Some(S::KennismakingGehouden),
        (S::KennismakingGehouden, "definitive") => Some(S::Definitief),
        (S::KennismakingGehouden, "refer") => Some(S::Doorverwezen),
        (S::Goedgekeurd | S::KennismakingGepland | S::KennismakingGehouden, "decline") => Some(S::Afgewezen),
        (S::Definitief, "assign") => Some(S::Gekoppeld),
        _ => None,
    }
}

fn app(status: Status, board: bool) -> Application {
    let mut a = Application::submitted(board);
    a.status = status;
    if matches!(status, S::KennismakingGehouden | S::Definitief) {
        a.intake = Some(intake(false));
    }
    a
}

#[test]
fn every_status_and_command_behaves_as_the_table_says() {
    let mut checked = 0;
    for board in [true, false] {
        for status in Status::ALL {
            for (name, cmd) in commands() {
                let got = transition(&app(status, board), &cmd);
                let want = expected(status, board, name);
                match (&got, want) {
                    (Ok((next, events)), Some(s)) => {
                        assert_eq!(next.status, s, "{status:?} + {name} (board {board})");
                        assert!(!events.is_empty(), "{status:?} + {name}: a transition always says what happened");
                    }
                    (Err(e), None) => assert!(!e.to_string().is_empty()),
                    _ => panic!("{status:?} + {name} (board {board}): got {got:?}, want {want:?}"),
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 2 * 11 * 11);
}

#[test]
fn a_board_application_walks_the_whole_happy_path_with_its_events() {
    let mut a = Application::submitted(true);
    let mut all = Vec::new();
    for cmd in [
        Command::Route,
        Command::BoardApprove,
        Command::PlanIntake(plan()),
        Command::RecordIntake(intake(false)),
        Command::MakeDefinitive,
        Command::AssignExpert { expert_id: ExpertId::new(7) },
    ] {
        let (next, events) = transition(&a, &cmd).unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
        a = next;
        all.extend(events);
    }
    assert_eq!(a.status, S::Gekoppeld);
    assert_eq!(a.expert_id, Some(ExpertId::new(7)));
    assert_eq!(
        all,
        vec![
            Event::BoardApprovalRequested,
            Event::BoardApproved,
            Event::ReadyForIntake,
            Event::IntakePlanned { date: "2026-12-03".into() },
            Event::IntakeRecorded,
            Event::MadeDefinitive,
            Event::ExpertAssigned { expert_id: ExpertId::new(7) },
            Event::TrajectoryStarted,
        ]
    );
}

#[test]
fn an_inspection_visit_or_herstelopdracht_blocks_definitive_and_asks_for_referral() {
    let mut a = app(S::KennismakingGehouden, true);
    a.intake = Some(intake(true));
    let e = transition(&a, &Command::MakeDefinitive).err();
    assert_eq!(e, Some(TransitionError::BelongsInRegularGwgb));
    assert!(e.map(|e| e.to_string()).unwrap_or_default().contains("verwijs door"));
    let mut h = intake(false);
    h.herstelopdracht = true;
    a.intake = Some(h);
    assert_eq!(transition(&a, &Command::MakeDefinitive).err(), Some(TransitionError::BelongsInRegularGwgb));
    let (next, _) =
        transition(&a, &Command::Refer { reason: "Herstelopdracht".into() }).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((next.status, next.reason.as_deref()), (S::Doorverwezen, Some("Herstelopdracht")));
}

#[test]
fn refusals_explain_themselves_in_dutch() {
    let e = transition(&app(S::WachtOpBestuur, true), &Command::MakeDefinitive).err().map(|e| e.to_string());
    assert_eq!(e.as_deref(), Some("dit kan niet bij een aanmelding die wacht op goedkeuring van het bestuur"));
    let e =
        transition(&app(S::Afgewezen, true), &Command::Withdraw { reason: "x".into() }).err().map(|e| e.to_string());
    assert_eq!(e.as_deref(), Some("deze aanmelding is afgerond (afgewezen) en kan niet meer veranderen"));
    let e = transition(&app(S::Goedgekeurd, false), &Command::BoardApprove).err();
    assert_eq!(e, Some(TransitionError::NoBoardApprovalNeeded));
}

#[test]
fn reasons_and_required_fields_cannot_be_empty() {
    let e = transition(&app(S::WachtOpBestuur, true), &Command::BoardDecline { reason: "  ".into() }).err();
    assert_eq!(e, Some(TransitionError::MissingField("geef een reden waarom het bestuur niet akkoord gaat")));
    let empty_plan = IntakePlan { date: "2026-12-03".into(), attendees: vec![" ".into()] };
    assert!(transition(&app(S::Goedgekeurd, true), &Command::PlanIntake(empty_plan)).is_err());
    let mut no_expectations = intake(false);
    no_expectations.expectations = String::new();
    assert!(transition(&app(S::KennismakingGepland, true), &Command::RecordIntake(no_expectations)).is_err());
    let e = transition(&app(S::Ingediend, true), &Command::Withdraw { reason: String::new() }).err();
    assert_eq!(e, Some(TransitionError::MissingField("geef een reden voor het intrekken")));
}

#[test]
fn a_refused_command_leaves_the_application_as_it_was() {
    let a = app(S::KennismakingGepland, true);
    let before = a.clone();
    let _ = transition(&a, &Command::MakeDefinitive);
    assert_eq!(a, before);
}

#[test]
fn the_allowed_steps_of_a_status_are_exactly_the_commands_the_machine_accepts() {
    for status in Status::ALL {
        let mut accepted = Vec::new();
        for (_, cmd) in commands() {
            let Some(step) = cmd.step() else { continue };
            let ok = transition(&app(status, true), &cmd).is_ok();
            if ok {
                accepted.push(step);
            }
            assert_eq!(ok, status.allows(step), "{status:?} × {cmd:?}");
        }
        for step in status.allowed() {
            assert!(accepted.contains(step), "{status:?} allows {step:?} but no command is accepted");
        }
    }
}

#[test]
fn status_codes_are_the_stored_serde_names_and_read_back() {
    for status in Status::ALL {
        let serde = serde_json::to_value(status).ok().and_then(|v| v.as_str().map(str::to_owned));
        assert_eq!(serde.as_deref(), Some(status.code()));
        assert_eq!(Status::from_code(status.code()), Some(status));
    }
    assert_eq!(Status::from_code("onbekend"), None);
}

#[test]
fn staff_approve_for_a_board_without_account_only_with_a_reason() {
    let waiting = app(S::WachtOpBestuur, true);
    let cmd = |reason: &str, board_has_account| Command::ApproveForBoard { reason: reason.into(), board_has_account };
    let (next, events) = transition(&waiting, &cmd(" Akkoord per telefoon ", false)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((next.status, next.reason.as_deref()), (S::Goedgekeurd, Some("Akkoord per telefoon")));
    assert_eq!(events, [Event::ApprovedForBoard { reason: "Akkoord per telefoon".into() }, Event::ReadyForIntake]);
    assert_eq!(transition(&waiting, &cmd("x", true)).err(), Some(TransitionError::BoardHasAccount));
    let e = transition(&waiting, &cmd("  ", false)).err();
    assert_eq!(e, Some(TransitionError::MissingField("geef een reden waarom je namens het bestuur goedkeurt")));
    assert_eq!(cmd("x", false).step(), Some(Step::BoardDecide));
}
