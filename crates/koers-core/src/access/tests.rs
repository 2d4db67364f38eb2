//! Table tests of [`super::may`] and the case rules, per role and scope.

use super::*;
use crate::ids::{BoardNumber, SchoolId, UserId};

fn p(grants: &[(RoleKind, Scope)]) -> Principal {
    Principal {
        user_id: UserId::new(1),
        grants: grants.iter().map(|(r, s)| Grant::new(*r, s.clone()).unwrap_or_else(|e| panic!("{e}"))).collect(),
    }
}

const OWN: SchoolRef = SchoolRef { id: SchoolId::new(10), board_number: Some(BoardNumber::new(41646)) };
const OTHER: SchoolRef = SchoolRef { id: SchoolId::new(11), board_number: Some(BoardNumber::new(99999)) };

#[test]
fn anyone_may_view_public_data_but_nothing_else() {
    assert!(may(None, Action::View, Resource::PublicData));
    assert!(!may(None, Action::Change, Resource::PublicData));
    for r in [
        Resource::School(OWN),
        Resource::Board(BoardNumber::new(1)),
        Resource::Users,
        Resource::Audit,
        Resource::OwnTokens,
    ] {
        assert!(!may(None, Action::View, r), "{r:?}");
    }
}

#[test]
fn cases_are_seen_by_their_programme_school_and_board_only() {
    let gwgb = p(&[(RoleKind::Programmamedewerker, Scope::Programme("gwgb-plus-school".into()))]);
    let npo = p(&[(RoleKind::Programmamedewerker, Scope::Programme("leren-verbeteren-npo".into()))]);
    let leader = p(&[(RoleKind::Schoolleider, Scope::School(SchoolId::new(10)))]);
    let board = p(&[(RoleKind::Bestuurder, Scope::Board(BoardNumber::new(41646)))]);
    let admin = p(&[(RoleKind::Beheerder, Scope::Global)]);
    let expert = p(&[(RoleKind::Expert, Scope::Programme("gwgb-plus-school".into()))]);
    let case = |who: &Principal, school| may_see_case(who, "gwgb-plus-school", school, Some(BoardNumber::new(41646)));
    for who in [&gwgb, &leader, &board, &admin] {
        assert!(case(who, Some(OWN)), "{who:?}");
    }
    assert!(!case(&npo, Some(OWN)), "staff of another programme");
    assert!(!case(&expert, Some(OWN)), "an expert only through an assignment");
    assert!(!case(&leader, Some(OTHER)));
    assert!(
        may_see_case(&board, "gwgb-plus-bestuur", None, Some(BoardNumber::new(41646))),
        "a board's own application"
    );
    assert!(!may_see_case(&board, "gwgb-plus-bestuur", None, Some(BoardNumber::new(99999))));
    assert!(!may_see_case(&leader, "gwgb-plus-bestuur", None, Some(BoardNumber::new(41646))));
}

#[test]
fn a_school_leader_sees_only_their_own_school() {
    let leader = p(&[(RoleKind::Schoolleider, Scope::School(SchoolId::new(10)))]);
    assert!(may(Some(&leader), Action::View, Resource::School(OWN)));
    assert!(may(Some(&leader), Action::Change, Resource::School(OWN)));
    assert!(!may(Some(&leader), Action::View, Resource::School(OTHER)));
    assert!(!may(Some(&leader), Action::View, Resource::Board(BoardNumber::new(41646))));
    assert!(!may(Some(&leader), Action::View, Resource::ProgrammeScreening));
    assert!(!may(Some(&leader), Action::View, Resource::Users));
}

#[test]
fn a_board_member_sees_the_schools_of_their_board() {
    let b = p(&[(RoleKind::Bestuurder, Scope::Board(BoardNumber::new(41646)))]);
    assert!(may(Some(&b), Action::View, Resource::School(OWN)));
    assert!(!may(Some(&b), Action::View, Resource::School(OTHER)));
    assert!(may(Some(&b), Action::View, Resource::Board(BoardNumber::new(41646))));
    assert!(!may(Some(&b), Action::View, Resource::Board(BoardNumber::new(99999))));
    assert!(!may(Some(&b), Action::View, Resource::Import));
}

#[test]
fn programme_staff_view_but_do_not_change_schools_and_see_screening() {
    let s = p(&[(RoleKind::Programmamedewerker, Scope::Programme("gwgb-plus-school".into()))]);
    assert!(may(Some(&s), Action::View, Resource::School(OTHER)));
    assert!(!may(Some(&s), Action::Change, Resource::School(OTHER)));
    assert!(may(Some(&s), Action::View, Resource::ProgrammeScreening));
    assert!(!may(Some(&s), Action::View, Resource::Audit));
}

#[test]
fn programme_staff_run_applications_and_the_expert_pool_but_not_programme_definitions() {
    let s = p(&[(RoleKind::Programmamedewerker, Scope::Programme("gwgb-plus-school".into()))]);
    for r in [Resource::Applications, Resource::Experts] {
        assert!(may(Some(&s), Action::View, r) && may(Some(&s), Action::Change, r), "{r:?}");
    }
    assert!(!may(Some(&s), Action::Change, Resource::Programmes));
    let leader = p(&[(RoleKind::Schoolleider, Scope::School(SchoolId::new(10)))]);
    let expert = p(&[(RoleKind::Expert, Scope::Programme("gwgb-plus-school".into()))]);
    for who in [&leader, &expert] {
        for r in [Resource::Applications, Resource::Experts, Resource::Programmes] {
            assert!(!may(Some(who), Action::View, r), "{r:?}");
        }
    }
    assert!(!may(None, Action::View, Resource::Applications));
    assert!(s.may_see_programme("gwgb-plus-school"));
    assert!(!s.may_see_programme("leren-verbeteren-npo"));
    assert!(!expert.may_see_programme("gwgb-plus-school"));
}

#[test]
fn an_expert_sees_no_school_data_until_assigned() {
    let e = p(&[(RoleKind::Expert, Scope::Programme("gwgb-plus-school".into()))]);
    assert!(!may(Some(&e), Action::View, Resource::School(OWN)));
    assert!(!may(Some(&e), Action::View, Resource::ProgrammeScreening));
    assert!(may(Some(&e), Action::View, Resource::OwnTokens));
}

#[test]
fn verdicts_staff_record_and_confirm_the_school_and_its_board_declare() {
    let staff = p(&[(RoleKind::Programmamedewerker, Scope::Programme("leren-verbeteren-npo".into()))]);
    let leader = p(&[(RoleKind::Schoolleider, Scope::School(SchoolId::new(10)))]);
    let board = p(&[(RoleKind::Bestuurder, Scope::Board(BoardNumber::new(41646)))]);
    let expert = p(&[(RoleKind::Expert, Scope::Programme("gwgb-plus-school".into()))]);
    let (own, other) = (Resource::Verdicts(VerdictsOf::School(OWN)), Resource::Verdicts(VerdictsOf::School(OTHER)));
    let own_board = Resource::Verdicts(VerdictsOf::Board(BoardNumber::new(41646)));
    for a in [Action::View, Action::Change] {
        assert!(may(Some(&staff), a, other) && may(Some(&staff), a, own_board), "{a:?}");
        assert!(may(Some(&leader), a, own) && !may(Some(&leader), a, other), "{a:?}");
        assert!(!may(Some(&leader), a, own_board), "{a:?}");
        assert!(may(Some(&board), a, own) && may(Some(&board), a, own_board), "{a:?}");
        assert!(!may(Some(&expert), a, own) && !may(None, a, own), "{a:?}");
    }
    assert!(may(Some(&staff), Action::Change, Resource::ConfirmVerdicts));
    for who in [&leader, &board, &expert] {
        assert!(!may(Some(who), Action::Change, Resource::ConfirmVerdicts));
    }
}

#[test]
fn beheerder_may_do_everything() {
    let a = p(&[(RoleKind::Beheerder, Scope::Global)]);
    for r in [Resource::School(OTHER), Resource::Users, Resource::Import, Resource::Audit] {
        assert!(may(Some(&a), Action::Change, r));
    }
}

#[test]
fn a_grant_must_fit_its_role() {
    let e = Grant::new(RoleKind::Schoolleider, Scope::Board(BoardNumber::new(1))).err().map(|e| e.to_string());
    assert_eq!(e.as_deref(), Some("de rol Schoolleider hoort bij een school, niet bij een bestuur"));
    assert_eq!(RoleKind::from_code("bestuurder"), Some(RoleKind::Bestuurder));
    assert_eq!(
        p(&[(RoleKind::Schoolleider, Scope::School(SchoolId::new(1))), (RoleKind::Beheerder, Scope::Global)])
            .primary_role(),
        Some(RoleKind::Beheerder)
    );
}

#[test]
fn account_requests_are_decided_by_staff_of_any_programme() {
    let npo = p(&[(RoleKind::Programmamedewerker, Scope::Programme("leren-verbeteren-npo".into()))]);
    let two = p(&[
        (RoleKind::Programmamedewerker, Scope::Programme("gwgb-plus-school".into())),
        (RoleKind::Programmamedewerker, Scope::Programme("gwgb-plus-bestuur".into())),
    ]);
    let admin = p(&[(RoleKind::Beheerder, Scope::Global)]);
    let leader = p(&[(RoleKind::Schoolleider, Scope::School(SchoolId::new(10)))]);
    let board = p(&[(RoleKind::Bestuurder, Scope::Board(BoardNumber::new(41646)))]);
    let expert = p(&[(RoleKind::Expert, Scope::Programme("gwgb-plus-school".into()))]);
    for a in [Action::View, Action::Change] {
        for who in [&npo, &two, &admin] {
            assert!(may(Some(who), a, Resource::AccountRequests), "{who:?} {a:?}");
        }
        for who in [&leader, &board, &expert] {
            assert!(!may(Some(who), a, Resource::AccountRequests), "{who:?} {a:?}");
        }
        assert!(!may(None, a, Resource::AccountRequests));
    }
}
