//! Versions and sign-off: the order of signers, frozen versions, bijstelling, comparison.

use super::*;
use crate::ids::UserId;

const MON_0900: i64 = 1_764_576_000; // 2025-12-01 09:00 Dutch time

fn sign(signer: Signer, user: i64) -> VersionCommand {
    VersionCommand::Sign { signer, user: UserId::new(user), role_name: String::new() }
}

fn ok<T>(r: Result<T, PlanError>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

fn vastgesteld(s: &PlanSettings) -> PlanHistory {
    let h = PlanHistory::new(sample(), MON_0900);
    let (h, _) = ok(h.apply(sign(Signer::Schoolleider, 7), &ctx(s), MON_0900 + 60));
    let (h, _) = ok(h.apply(sign(Signer::Bestuurder, 9), &ctx(s), MON_0900 + 3_600));
    h
}

#[test]
fn the_school_leader_then_the_bestuurder_sign_and_the_version_is_frozen() {
    let s = settings();
    let h = PlanHistory::new(sample(), MON_0900);
    let v1 = h.latest().unwrap_or_else(|| panic!("no version"));
    assert_eq!((v1.number, v1.status, v1.awaiting(&s)), (1, VersionStatus::Concept, Some(Signer::Schoolleider)));
    let e = h.apply(sign(Signer::Bestuurder, 9), &ctx(&s), MON_0900).err().map(|e| e.to_string());
    assert_eq!(e.as_deref(), Some("nu tekent de schoolleider (niet de bestuurder)"));
    let (h, events) = ok(h.apply(
        VersionCommand::Sign { signer: Signer::Schoolleider, user: UserId::new(7), role_name: " directeur ".into() },
        &ctx(&s),
        MON_0900 + 60,
    ));
    assert_eq!(
        events,
        vec![
            PlanEvent::Signed { number: 1, signer: Signer::Schoolleider, user: UserId::new(7) },
            PlanEvent::AwaitingSignature { number: 1, signer: Signer::Bestuurder }
        ]
    );
    assert_eq!(h.latest().map(|v| v.status), Some(VersionStatus::InOndertekening));
    let (h, events) = ok(h.apply(sign(Signer::Bestuurder, 9), &ctx(&s), MON_0900 + 3_600));
    assert_eq!(events.last(), Some(&PlanEvent::Vastgesteld { number: 1 }));
    let v1 = h.in_force().unwrap_or_else(|| panic!("not in force"));
    assert_eq!(
        v1.signatures.iter().map(|s| (s.user.get(), s.role_name.as_str(), s.at)).collect::<Vec<_>>(),
        [(7, "directeur", MON_0900 + 60), (9, "Bestuurder", MON_0900 + 3_600)]
    );
    assert_eq!(v1.signatures[0].signed_on(), d(2025, 12, 1));
    assert_eq!(v1.vastgesteld_on(), Some(d(2025, 12, 1)));
    assert!(h.open_draft().is_none());
}

#[test]
fn a_frozen_version_refuses_every_change() {
    let s = settings();
    let h = vastgesteld(&s);
    let edit = VersionCommand::Edit { edit: PlanEdit::SetSummaries { school: "x".into(), expert: String::new() } };
    let e = h.apply(edit, &ctx(&s), MON_0900).err();
    assert_eq!(e, Some(PlanError::Frozen { number: 1 }));
    assert_eq!(
        e.map(|e| e.to_string()).as_deref(),
        Some(
            "versie 1 is vastgesteld en kan niet meer veranderen; maak een bijstelling (een nieuwe versie met een reden)"
        )
    );
    assert_eq!(h.apply(sign(Signer::Schoolleider, 7), &ctx(&s), MON_0900).err(), Some(PlanError::Frozen { number: 1 }));
}

#[test]
fn an_incomplete_plan_cannot_be_signed() {
    let s = settings();
    let h = PlanHistory::new(Plan::new(PlanKind::PlanVanAanpak), MON_0900);
    let e = h.apply(sign(Signer::Schoolleider, 7), &ctx(&s), MON_0900).err();
    assert_eq!(
        e.map(|e| e.to_string()).as_deref(),
        Some("het plan kan nog niet worden ondertekend: doelen: het plan heeft nog geen actief doel")
    );
}

#[test]
fn an_edit_after_a_signature_withdraws_it_and_sending_back_needs_a_reason() {
    let s = settings();
    let h = PlanHistory::new(sample(), MON_0900);
    let (h, _) = ok(h.apply(sign(Signer::Schoolleider, 7), &ctx(&s), MON_0900));
    let edit = VersionCommand::Edit {
        edit: PlanEdit::SetSummaries { school: "Het team werkt aan lezen.".into(), expert: String::new() },
    };
    let (h2, events) = ok(h.apply(edit, &ctx(&s), MON_0900 + 1));
    assert_eq!(events[0], PlanEvent::SignaturesWithdrawn { number: 1, signers: vec![Signer::Schoolleider] });
    assert_eq!(h2.latest().map(|v| (v.status, v.signatures.len())), Some((VersionStatus::Concept, 0)));
    let back = |reason: &str| VersionCommand::SendBack { user: UserId::new(9), reason: reason.into() };
    assert_eq!(h.apply(back("  "), &ctx(&s), MON_0900).err(), Some(PlanError::ReasonRequired));
    let (h3, events) = ok(h.apply(back("Graag eerst met de MR bespreken."), &ctx(&s), MON_0900));
    assert_eq!(events.len(), 2);
    assert_eq!(h3.latest().map(|v| v.status), Some(VersionStatus::Concept));
    assert_eq!(
        h3.apply(back("nogmaals"), &ctx(&s), MON_0900).err(),
        Some(PlanError::NotSignable { status: VersionStatus::Concept })
    );
}

#[test]
fn a_bijstelling_makes_a_new_concept_from_the_frozen_version_with_a_reason() {
    let s = settings();
    let h = vastgesteld(&s);
    assert_eq!(h.start_bijstelling("   ", MON_0900).err(), Some(PlanError::ReasonRequired));
    let (h, events) = ok(h.start_bijstelling("Coaching loopt later door ziekte van de expert.", MON_0900 + 86_400));
    assert_eq!(
        events,
        vec![PlanEvent::BijstellingStarted {
            number: 2,
            from_version: 1,
            reason: "Coaching loopt later door ziekte van de expert.".into()
        }]
    );
    assert_eq!(h.start_bijstelling("nog een", MON_0900).err(), Some(PlanError::DraftOpen { number: 2 }));
    let v2 = h.open_draft().unwrap_or_else(|| panic!("no draft"));
    assert_eq!((v2.number, v2.status, v2.plan == sample()), (2, VersionStatus::Concept, true));
    assert_eq!(h.in_force().map(|v| v.number), Some(1), "version 1 stays in force until version 2 is vastgesteld");
    let mut later = coaching(GoalId::new(1), 8);
    later.end = d(2026, 5, 31);
    let (h, _) = ok(h.apply(
        VersionCommand::Edit { edit: PlanEdit::UpdateMeasure { id: MeasureId::new(4), input: later } },
        &ctx(&s),
        MON_0900,
    ));
    let (h, _) = ok(h.apply(sign(Signer::Schoolleider, 7), &ctx(&s), MON_0900));
    let (h, _) = ok(h.apply(sign(Signer::Bestuurder, 9), &ctx(&s), MON_0900));
    assert_eq!(h.in_force().map(|v| v.number), Some(2));
    let diff = h.compare(1, 2).unwrap_or_else(|| panic!("no diff"));
    assert_eq!(diff.changes.len(), 1);
    assert_eq!(
        diff.of(Item::Measure { id: MeasureId::new(4) }).map(|c| c.kind.clone()),
        Some(ChangeKind::Changed {
            fields: vec![
                FieldChange {
                    field: "end".into(),
                    label: "einddatum".into(),
                    before: "31-03-2026".into(),
                    after: "31-05-2026".into()
                },
                FieldChange {
                    field: "dagdelen".into(),
                    label: "dagdelen".into(),
                    before: "6".into(),
                    after: "8".into()
                },
            ]
        })
    );
    let json = serde_json::to_string(&h).unwrap_or_else(|e| panic!("{e}"));
    let back: PlanHistory = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, h);
}

#[test]
fn a_programme_with_one_signer_freezes_on_the_first_signature() {
    let s = PlanSettings { signers: vec![Signer::Schoolleider], ..settings() };
    let (h, events) = ok(PlanHistory::new(sample(), MON_0900).apply(sign(Signer::Schoolleider, 7), &ctx(&s), MON_0900));
    assert_eq!(events.last(), Some(&PlanEvent::Vastgesteld { number: 1 }));
    assert!(h.latest().is_some_and(PlanVersion::is_frozen));
}

#[test]
fn stored_versions_are_rebuilt_only_when_numbered_without_gaps() {
    let s = settings();
    let (h, _) = ok(vastgesteld(&s).start_bijstelling("reden", MON_0900));
    let mut versions = h.versions().to_vec();
    versions.reverse();
    assert_eq!(PlanHistory::from_versions(versions.clone()), Some(h));
    versions.remove(0);
    versions[0].number = 2;
    assert_eq!(PlanHistory::from_versions(vec![versions[0].clone()]), None);
    assert_eq!(PlanHistory::from_versions(vec![]), None);
}

#[test]
fn comparing_lists_added_removed_and_changed_items_field_by_field() {
    let s = settings();
    let a = sample();
    let b = edited(
        &a,
        &s,
        vec![
            PlanEdit::UpdateGoal {
                id: GoalId::new(1),
                input: GoalInput { description: "Beter begrijpend lezen".into(), standards: vec!["OR1".into()] },
            },
            PlanEdit::RemoveIndicator { id: IndicatorId::new(3) },
            PlanEdit::AddGoal {
                input: GoalInput { description: "Rust in de klas".into(), standards: vec!["SK2".into()] },
            },
            PlanEdit::RemoveMeasure { id: MeasureId::new(5) },
        ],
    );
    let diff = compare(&a, &b);
    let summary: Vec<(Item, String, &str)> = diff
        .changes
        .iter()
        .map(|c| {
            let kind = match &c.kind {
                ChangeKind::Added => "added",
                ChangeKind::Removed => "removed",
                ChangeKind::Changed { .. } => "changed",
            };
            (c.item, c.label.clone(), kind)
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (Item::Goal { id: GoalId::new(1) }, "Beter begrijpend lezen".into(), "changed"),
            (
                Item::Indicator { goal: GoalId::new(1), id: IndicatorId::new(3) },
                "Score OP3 in klassenbezoeken".into(),
                "removed"
            ),
            (Item::Goal { id: GoalId::new(6) }, "Rust in de klas".into(), "added"),
            (Item::Measure { id: MeasureId::new(5) }, "Trendanalyse LVS begrijpend lezen per groep".into(), "removed"),
        ]
    );
    let ChangeKind::Changed { fields } = &diff.changes[0].kind else { panic!("not changed") };
    assert_eq!(
        fields[1],
        FieldChange {
            field: "standards".into(),
            label: "standaarden".into(),
            before: "OR1, OP3".into(),
            after: "OR1".into()
        }
    );
    assert!(compare(&a, &a).is_empty());
}

#[test]
fn version_status_codes_are_the_serde_names_and_read_back() {
    for s in VersionStatus::ALL {
        assert_eq!(serde_json::to_value(s).ok(), Some(serde_json::Value::String(s.code().to_owned())));
        assert_eq!(VersionStatus::from_code(s.code()), Some(s));
    }
    assert_eq!(VersionStatus::from_code("klaar"), None);
}
