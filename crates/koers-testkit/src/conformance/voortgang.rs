//! Cases: voortgang, reviews with invitation links, and the digest runs (issue 9, migration 0070).

use std::sync::Arc;

use koers_app::store::{NewMail, NewReviewInvitation, Store, StoreError};
use koers_core::calendar::Date;
use koers_core::plan::{IndicatorId, MeasureId};
use koers_core::progress::{
    ActivityEntry, MeasureStatus, Measurement, MeasurementSource, StatusUpdate, Step, Step5Activity, StepTimeline,
};
use koers_core::review::{Finding, ReviewContent, ReviewKind, Reviewer};
use koers_core::types::TestYear;

use super::dagdelen::trajectory_with_expert;
use super::data::*;
use koers_app::store::AuditEntity;

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).expect("date")
}

fn measurement(indicator: i64, date: Date, value: f64, source: MeasurementSource) -> Measurement {
    Measurement { indicator: IndicatorId::new(indicator), date, value, source, note: String::new() }
}

pub async fn voortgang_round_trips_in_order_and_every_write_is_audited(store: Arc<dyn Store>) {
    let s = &*store;
    let t = trajectory_with_expert(s, "gwgb-plus-school").await;
    let id = t.id;
    assert_eq!(s.voortgang_of_trajectory(id).await.expect("empty"), Default::default());
    let u = |date, status, note: &str| StatusUpdate {
        measure: MeasureId::new(3),
        date,
        status,
        note: note.into(),
        by: None,
    };
    let who = actor();
    let late = s.record_status_update(id, &u(d(2026, 3, 1), MeasureStatus::Vertraagd, "ziek"), 0, &who, NOW + 1).await;
    let late = late.expect("late");
    // Someone who had not seen `late` updates the same measure: refused, nothing written.
    let stale = s.record_status_update(id, &u(d(2026, 3, 2), MeasureStatus::Gereed, "klaar"), 0, &who, NOW + 2).await;
    assert!(matches!(stale, Err(StoreError::Conflict { expected: 0, actual }) if actual == late.id), "{stale:?}");
    // Another measure is not held up by `late`.
    let other_measure = StatusUpdate { measure: MeasureId::new(4), ..u(d(2026, 3, 2), MeasureStatus::Loopt, "") };
    let other_measure = s.record_status_update(id, &other_measure, 0, &who, NOW + 2).await.expect("other measure");
    let early = u(d(2026, 2, 1), MeasureStatus::Loopt, "é 'quote'");
    let early = s.record_status_update(id, &early, late.id, &who, NOW + 2).await.expect("early");
    let hand = MeasurementSource::Handmatig { source: "LVS januari".into() };
    let m1 = measurement(5, d(2026, 2, 10), 62.5, hand.clone());
    let year = TestYear::new(2026).expect("year");
    let reg = measurement(6, d(2026, 7, 31), 71.25, MeasurementSource::Register { test_year: year });
    let written = s.record_measurements(id, &[m1.clone(), reg.clone()], "measurement", &actor(), NOW + 3).await;
    assert_eq!(written.expect("measurements").len(), 2);
    // The same register year again is skipped (an import adds it once); a hand value is not.
    let again = s.record_measurements(id, &[reg.clone(), m1.clone()], "register_measurements", &actor(), NOW + 4).await;
    let again = again.expect("again");
    assert_eq!(again.len(), 1, "only the hand-entered value is new");
    let entry = ActivityEntry {
        activity: Step5Activity::UpdateOverleggen,
        date: d(2026, 2, 15),
        with: "MR en ouders".into(),
        note: "Voortgang besproken".into(),
        by: None,
    };
    let logged = s.log_progress_activity(id, &entry, &actor(), NOW + 5).await.expect("activity");
    assert_eq!(logged.entry.activity, Step5Activity::UpdateOverleggen);
    let (tl, events) = StepTimeline::default().enter(Step::AanDeSlag, d(2026, 1, 10), "start").expect("enter");
    let events = serde_json::to_value(events).expect("json");
    let saved = s.save_step_timeline(id, 0, &tl, events.clone(), &actor(), NOW + 6).await.expect("timeline");
    assert_eq!(saved.version, 1);
    // A stale timeline save changes nothing.
    let stale = s.save_step_timeline(id, 0, &tl, events.clone(), &actor(), NOW + 7).await;
    assert!(matches!(stale, Err(StoreError::Conflict { expected: 0, actual: 1 })), "{stale:?}");
    let (tl2, _) = tl.enter(Step::SituatieInKaart, d(2026, 2, 1), "terug naar stap 1").expect("revisit");
    assert_eq!(s.save_step_timeline(id, 1, &tl2, events, &actor(), NOW + 8).await.expect("again").version, 2);

    let v = s.voortgang_of_trajectory(id).await.expect("read");
    assert_eq!(v.last_update_id(), early.id.max(other_measure.id));
    assert_eq!(v.updates, vec![early, late, other_measure], "by date, whatever the order recorded");
    assert_eq!(v.measurements.len(), 3);
    assert_eq!(v.measurements[0].measurement, m1);
    assert_eq!(v.measurements.iter().filter(|m| m.measurement == reg).count(), 1);
    assert_eq!(v.activities, vec![logged]);
    assert_eq!(v.timeline.expect("timeline").timeline, tl2);
    // Another trajectory sees none of it.
    let other = unknown(t.id, 1000);
    assert_eq!(s.voortgang_of_trajectory(other).await.expect("other"), Default::default());
    let unknown = s.record_status_update(other, &u(d(2026, 3, 1), MeasureStatus::Loopt, ""), 0, &actor(), NOW).await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");

    let audit = audit_of(s, AuditEntity::Trajectory, t.id).await;
    let count = |a: &str| audit.iter().filter(|x| x.action == a).count();
    assert_eq!(
        (count("measure_status"), count("measurement"), count("register_measurements")),
        (3, 1, 1),
        "one entry per write that wrote something"
    );
    assert_eq!((count("progress_activity"), count("step_timeline")), (1, 2));
}

fn review() -> ReviewContent {
    ReviewContent {
        kind: ReviewKind::MidtermReview,
        planned_on: d(2026, 6, 1),
        held_on: None,
        reviewers: vec![Reviewer {
            name: "Drs. B. Extern".into(),
            role: "extern deskundige".into(),
            email: Some("extern@example.nl".into()),
            external: true,
            user: None,
        }],
        format: "review".into(),
        format_version: 1,
        findings: vec![],
        recommendations: String::new(),
        school_response: String::new(),
    }
}

pub async fn reviews_check_versions_and_invitation_links_work_once_until_they_expire(store: Arc<dyn Store>) {
    let s = &*store;
    let t = trajectory_with_expert(s, "leren-verbeteren-procesbegeleiding").await;
    let id = t.id;
    let start = ReviewContent { kind: ReviewKind::Startreview, planned_on: d(2026, 1, 10), ..review() };
    let mid = s.create_review(id, &review(), &actor(), NOW).await.expect("midterm");
    let first = s.create_review(id, &start, &actor(), NOW + 1).await.expect("start");
    assert_eq!(mid.version, 1);
    let listed = s.reviews_of_trajectory(id).await.expect("list");
    assert_eq!(listed.iter().map(|r| r.id).collect::<Vec<_>>(), vec![first.id, mid.id], "by planned date");
    let held = ReviewContent { held_on: Some(d(2026, 6, 2)), recommendations: "Meer lesbezoek".into(), ..review() };
    let saved = s.save_review(mid.id, 1, &held, "review_edit", &actor(), NOW + 2).await.expect("save");
    assert_eq!((saved.version, saved.content.held_on), (2, Some(d(2026, 6, 2))));
    let stale = s.save_review(mid.id, 1, &review(), "review_edit", &actor(), NOW + 3).await;
    assert!(matches!(stale, Err(StoreError::Conflict { .. })), "{stale:?}");
    assert_eq!(s.review(mid.id).await.expect("read").content, held, "a stale save changed nothing");

    let invitation = NewReviewInvitation {
        review_id: mid.id,
        token_hash: "a".repeat(64),
        reviewer_name: "Drs. B. Extern".into(),
        email: Some("extern@example.nl".into()),
        expires_at: NOW + 100,
    };
    let mail =
        NewMail { to_address: "extern@example.nl".into(), subject: "Uitnodiging".into(), body_text: "link".into() };
    let before = s.outbox(false, 0).await.expect("outbox").len();
    let inv = s.invite_reviewer(&invitation, Some(&mail), &actor(), NOW + 4).await.expect("invite");
    assert_eq!(s.outbox(false, 0).await.expect("outbox").len(), before + 1, "the mail is queued with it");
    let dup = s.invite_reviewer(&invitation, None, &actor(), NOW + 4).await;
    assert!(matches!(dup, Err(StoreError::Duplicate(_))), "{dup:?}");
    let (found, r) = s.review_invitation(&invitation.token_hash).await.expect("by hash");
    assert_eq!((found.id, found.used_at, r.id), (inv.id, None, mid.id));
    assert!(matches!(s.review_invitation(&"b".repeat(64)).await, Err(StoreError::NotFound)));

    let finding =
        Finding { standard: "OP2".into(), judgement: Some(2), text: "Zicht op ontwikkeling".into(), by: "B".into() };
    let with = ReviewContent { findings: vec![finding], ..held.clone() };
    let ext = koers_app::store::Actor { user_id: None, label: "reviewer Drs. B. Extern (uitnodigingslink)".into() };
    // Expired at exactly expires_at: refused, nothing written.
    let late = s.submit_invited_findings(&invitation.token_hash, 2, &with, &ext, NOW + 100).await;
    assert!(matches!(late, Err(StoreError::Conflict { .. })), "{late:?}");
    assert_eq!(s.review(mid.id).await.expect("read").version, 2);
    let done = s.submit_invited_findings(&invitation.token_hash, 2, &with, &ext, NOW + 99).await.expect("submit");
    assert_eq!((done.version, done.content.findings.len()), (3, 1));
    assert_eq!(done.invitations.iter().find(|i| i.id == inv.id).and_then(|i| i.used_at), Some(NOW + 99));
    let twice = s.submit_invited_findings(&invitation.token_hash, 3, &with, &ext, NOW + 99).await;
    assert!(matches!(twice, Err(StoreError::Conflict { .. })), "single use: {twice:?}");

    let audit = audit_of(s, AuditEntity::Review, mid.id).await;
    let actions: Vec<&str> = audit.iter().rev().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, ["review_planned", "review_edit", "review_invitation", "review_findings"]);
    assert!(audit.iter().all(|a| !a.after.as_deref().unwrap_or_default().contains(&invitation.token_hash)));
    assert_eq!(audit[0].actor_label, ext.label);

    // AVG of the external reviewer (no account): found by address in any case; erased to a
    // placeholder on the teams, the links and in the audit trail; the mail to them deleted.
    let found = s.reviewer_records(" EXTERN@example.nl ").await.expect("records");
    assert_eq!(found.reviews.iter().map(|r| r.id).collect::<Vec<_>>(), vec![mid.id, first.id]);
    assert!(found.audit.iter().any(|a| a.actor_label == ext.label), "{:?}", found.audit);
    assert!(found.mails.iter().any(|m| m.to_address == "extern@example.nl"));
    assert_eq!(s.reviewer_records("niemand@example.nl").await.expect("none"), Default::default());
    let (ph, ph_mail) = ("verwijderde reviewer", "verwijderd-reviewer@koers.invalid");
    let changed = s.erase_reviewer("extern@example.nl", ph, ph_mail, &actor(), NOW + 200).await.expect("erase");
    assert!(changed >= 5, "two reviews, a link, an audit label, a mail: {changed}");
    let after = s.review(mid.id).await.expect("read");
    assert_eq!(after.version, 4, "an editor holding version 3 gets a conflict, not the name back");
    assert!(after.content.reviewers.iter().all(|p| p.name == ph && p.email.is_none()));
    assert!(after.invitations.iter().all(|i| i.email.is_none() && i.reviewer_name == ph));
    assert_eq!(after.content.findings.len(), 1, "the work stays");
    let audit = audit_of(s, AuditEntity::Review, mid.id).await;
    let text = format!("{audit:?}");
    assert!(!text.contains("Drs. B. Extern") && !text.contains("extern@example.nl"), "{text}");
    assert!(s.outbox(false, 0).await.expect("outbox").iter().all(|m| m.to_address != "extern@example.nl"));
    assert_eq!(s.reviewer_records("extern@example.nl").await.expect("gone"), Default::default());
}

pub async fn the_digest_of_a_week_is_sent_once_with_its_mails(store: Arc<dyn Store>) {
    let s = &*store;
    let mail = |to: &str| NewMail { to_address: to.into(), subject: "Op koers?".into(), body_text: "x".into() };
    let before = s.outbox(false, 0).await.expect("outbox").len();
    assert!(!s.digest_sent("2027-W05").await.expect("sent?"));
    assert!(s.send_digest("2027-W05", &[mail("a@x.nl"), mail("b@x.nl")], NOW).await.expect("send"));
    assert!(s.digest_sent("2027-W05").await.expect("sent?"));
    assert!(!s.send_digest("2027-W05", &[mail("c@x.nl")], NOW + 1).await.expect("again"), "once per week");
    assert_eq!(s.outbox(false, 0).await.expect("outbox").len(), before + 2);
    assert!(s.send_digest("2027-W06", &[], NOW + 2).await.expect("next week"));
}
