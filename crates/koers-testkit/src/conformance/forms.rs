//! Cases: issue 8's forms — format versions, one form per trajectory and format, answers with a
//! version per item (a stale save conflicts and changes nothing), status changes that freeze the
//! baseline and refuse later edits, comments, klassenbezoeken, uploads (bytes round trip), and
//! the phase move a status causes, in its transaction. Every write audited.

use std::sync::Arc;

use koers_app::store::{
    AnswerWrite, FormatWrite, NewComment, NewUpload, NewVisit, PhaseChange, StatusWrite, Store, StoreError,
};
use koers_core::format::FormStatus;
use koers_core::ids::{SelfEvaluationId, TrajectoryId, UploadId};
use koers_core::programme::PhaseCompletion;

use super::data::*;
use super::experts::*;
use super::workflow::*;
use koers_app::store::AuditEntity;

fn format_write(id: &str, version: i64, expected_latest: Option<i64>) -> FormatWrite {
    FormatWrite {
        id: id.into(),
        version,
        title: format!("Format {id} v{version}"),
        definition_toml: format!("id = \"{id}\"\nversion = {version}\n"),
        expected_latest,
    }
}

/// A trajectory with a stored format `zelfevaluatie-po` v1 and its form.
pub(crate) async fn form(s: &dyn Store) -> (TrajectoryId, SelfEvaluationId) {
    let expert = s.save_expert(&expert_write("Kees", "kees@expert.nl"), &actor(), NOW).await.expect("expert");
    let app = add_application(s, &new_application("gwgb-plus-school", "Ann", "Taal"), NOW).await;
    let (_, t) = s.assign_expert(&assignment(app.id, 1, expert.id, 8), &actor(), NOW + 1).await.expect("assign");
    s.save_format(&format_write("zelfevaluatie-po", 1, None), &actor(), NOW).await.expect("format");
    let t = t.id;
    let f = s.create_self_evaluation(t, "zelfevaluatie-po", 1, &actor(), NOW + 2).await.expect("form");
    (t, f.id)
}

fn answer(se: SelfEvaluationId, item: &str, json: &str, expected_version: i64) -> AnswerWrite {
    AnswerWrite {
        self_evaluation_id: se,
        item_id: item.into(),
        answer_json: Some(json.into()),
        verbeterpunt: None,
        expected_version,
    }
}

pub async fn formats_keep_every_version_and_refuse_stale_or_lower_ones(store: Arc<dyn Store>) {
    let s = &*store;
    assert!(s.formats().await.expect("list").is_empty());
    s.save_format(&format_write("review", 1, None), &actor(), NOW).await.expect("v1");
    assert_duplicate(s.save_format(&format_write("review", 2, None), &actor(), NOW).await);
    assert_not_found(s.save_format(&format_write("onbekend", 2, Some(1)), &actor(), NOW).await);
    s.save_format(&format_write("review", 2, Some(1)), &actor(), NOW + 1).await.expect("v2");
    assert!(matches!(
        s.save_format(&format_write("review", 3, Some(1)), &actor(), NOW + 2).await,
        Err(StoreError::Conflict { expected: 1, actual: 2 })
    ));
    assert!(matches!(
        s.save_format(&format_write("review", 2, Some(2)), &actor(), NOW + 2).await,
        Err(StoreError::Conflict { .. })
    ));
    s.save_format(&format_write("npo-schoolscan", 1, None), &actor(), NOW).await.expect("other");
    let latest = s.formats().await.expect("list");
    assert_eq!(
        latest.iter().map(|f| (f.id.as_str(), f.version)).collect::<Vec<_>>(),
        [("npo-schoolscan", 1), ("review", 2)]
    );
    let versions = s.format_versions("review").await.expect("versions");
    assert_eq!(versions.iter().map(|f| f.version).collect::<Vec<_>>(), [2, 1]);
    assert_eq!(s.format_version("review", 1).await.expect("v1").title, "Format review v1");
    assert_eq!(versions[0].created_by, "conformance");
    assert_not_found(s.format_version("review", 9).await);
    let audit = audit_of(s, AuditEntity::Format, "review").await;
    assert_eq!(audit.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["update", "create"]);
}

pub async fn one_form_per_trajectory_and_format_at_its_own_version(store: Arc<dyn Store>) {
    let s = &*store;
    let (t, se) = form(s).await;
    assert_duplicate(s.create_self_evaluation(t, "zelfevaluatie-po", 1, &actor(), NOW + 3).await);
    s.save_format(&format_write("zelfevaluatie-po", 2, Some(1)), &actor(), NOW + 3).await.expect("v2");
    let r = s.self_evaluation(se).await.expect("read");
    assert_eq!((r.format_version, r.status, r.version, r.answers_rev), (1, FormStatus::Concept, 1, 0));
    assert_eq!(s.self_evaluations_of(t).await.expect("of").len(), 1);
    assert!(
        s.create_self_evaluation(TrajectoryId::new(t.get() + 1000), "zelfevaluatie-po", 1, &actor(), NOW)
            .await
            .is_err()
    );
    assert_not_found(s.self_evaluation(SelfEvaluationId::new(se.get() + 1000)).await);
    assert_eq!(audit_of(s, AuditEntity::SelfEvaluation, se).await.len(), 1);
}

pub async fn answers_have_a_version_per_item_and_stale_saves_change_nothing(store: Arc<dyn Store>) {
    let s = &*store;
    let (_, se) = form(s).await;
    let first = s
        .save_answer(&answer(se, "op1-rubric", r#"{"kind":"rubric","score":3}"#, 0), &actor(), NOW + 3)
        .await
        .expect("first");
    assert_eq!(first.version, 1);
    // Someone else started from "nothing saved" too: conflict, the first answer stays.
    assert!(matches!(
        s.save_answer(&answer(se, "op1-rubric", r#"{"kind":"rubric","score":1}"#, 0), &actor(), NOW + 4).await,
        Err(StoreError::Conflict { expected: 0, actual: 1 })
    ));
    let mut flagged = answer(se, "op1-rubric", r#"{"kind":"rubric","score":2}"#, 1);
    flagged.verbeterpunt = Some("Aanbod rekenen".into());
    let second = s.save_answer(&flagged, &actor(), NOW + 5).await.expect("second");
    assert_eq!((second.version, second.verbeterpunt.as_deref()), (2, Some("Aanbod rekenen")));
    assert!(matches!(
        s.save_answer(&answer(se, "op1-rubric", r#"{"kind":"rubric","score":4}"#, 1), &actor(), NOW + 6).await,
        Err(StoreError::Conflict { expected: 1, actual: 2 })
    ));
    s.save_answer(&answer(se, "op2-rubric", r#"{"kind":"rubric","score":4}"#, 0), &actor(), NOW + 6)
        .await
        .expect("other item");
    let all = s.answers(se).await.expect("answers");
    assert_eq!(
        all.iter().map(|a| (a.item_id.as_str(), a.version)).collect::<Vec<_>>(),
        [("op1-rubric", 2), ("op2-rubric", 1)]
    );
    assert_eq!(s.answer(se, "op1-rubric").await.expect("one").map(|a| a.answer_json), Some(second.answer_json));
    assert_eq!(s.answer(se, "niets").await.expect("none"), None);
    assert_eq!(s.self_evaluation(se).await.expect("form").answers_rev, 3);
    assert_eq!(audit_of(s, AuditEntity::Answer, format!("{se}/op1-rubric")).await.len(), 2);
}

pub async fn concurrent_saves_of_one_item_one_wins_the_other_conflicts(store: Arc<dyn Store>) {
    let (_, se) = form(&*store).await;
    let mut tasks = Vec::new();
    for i in 0..4 {
        let s = Arc::clone(&store);
        tasks.push(tokio::spawn(async move {
            let json = format!(r#"{{"kind":"reflection","text":"versie {i}"}}"#);
            s.save_answer(&answer(se, "op1-dekking", &json, 0), &actor(), NOW + 3).await
        }));
    }
    let mut won = 0;
    for t in tasks {
        match t.await.expect("task") {
            Ok(_) => won += 1,
            Err(StoreError::Conflict { .. }) => {}
            Err(e) => panic!("unexpected {e}"),
        }
    }
    assert_eq!(won, 1);
    assert_eq!(store.answer(se, "op1-dekking").await.expect("read").map(|a| a.version), Some(1));
}

pub async fn submitting_freezes_the_baseline_and_refuses_later_edits(store: Arc<dyn Store>) {
    let s = &*store;
    let (_, se) = form(s).await;
    s.save_answer(&answer(se, "op1-rubric", r#"{"kind":"rubric","score":3}"#, 0), &actor(), NOW + 3)
        .await
        .expect("save");
    let submit = |rev: i64| StatusWrite {
        id: se,
        expected_version: 1,
        expected_answers_rev: Some(rev),
        status: FormStatus::Ingediend,
        baseline_json: Some("{\"answers\":{}}".into()),
        phase: None,
    };
    // Built from revision 0, but one answer was saved since: conflict.
    assert!(matches!(
        s.set_self_evaluation_status(&submit(0), &actor(), NOW + 4).await,
        Err(StoreError::Conflict { .. })
    ));
    let done = s.set_self_evaluation_status(&submit(1), &actor(), NOW + 4).await.expect("submit");
    assert_eq!((done.status, done.version, done.submitted_at), (FormStatus::Ingediend, 2, Some(NOW + 4)));
    assert_eq!(done.baseline_json.as_deref(), Some("{\"answers\":{}}"));
    assert!(matches!(
        s.save_answer(&answer(se, "op1-rubric", r#"{"kind":"rubric","score":1}"#, 1), &actor(), NOW + 5).await,
        Err(StoreError::Conflict { .. })
    ));
    let visit = NewVisit { self_evaluation_id: se, item_id: "op3-klassenbezoeken".into(), visit_json: "{}".into() };
    assert!(matches!(s.add_visit(&visit, &actor(), NOW + 5).await, Err(StoreError::Conflict { .. })));
    let confirm = StatusWrite {
        id: se,
        expected_version: 2,
        expected_answers_rev: None,
        status: FormStatus::Bevestigd,
        baseline_json: None,
        phase: None,
    };
    let confirmed = s.set_self_evaluation_status(&confirm, &actor(), NOW + 6).await.expect("confirm");
    assert_eq!(
        (confirmed.status, confirmed.confirmed_at, confirmed.submitted_at),
        (FormStatus::Bevestigd, Some(NOW + 6), Some(NOW + 4))
    );
    assert_eq!(confirmed.baseline_json, done.baseline_json, "confirming keeps the baseline");
    assert!(matches!(
        s.set_self_evaluation_status(&confirm, &actor(), NOW + 7).await,
        Err(StoreError::Conflict { .. })
    ));
    let audit = audit_of(s, AuditEntity::SelfEvaluation, se).await;
    assert_eq!(audit.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["bevestigd", "ingediend", "create"]);
    // Comments are still welcome.
    let c = NewComment {
        self_evaluation_id: se,
        item_id: "op1-rubric".into(),
        parent_id: None,
        author_role: "expert".into(),
        body: "Mooi".into(),
    };
    s.add_comment(&c, &actor(), NOW + 8).await.expect("comment");
}

pub async fn comments_thread_visits_and_uploads_round_trip(store: Arc<dyn Store>) {
    let s = &*store;
    let (_, se) = form(s).await;
    let c = NewComment {
        self_evaluation_id: se,
        item_id: "op3-rubric".into(),
        parent_id: None,
        author_role: "expert".into(),
        body: "Waar zie je dat aan?".into(),
    };
    let first = s.add_comment(&c, &actor(), NOW + 3).await.expect("comment");
    let reply =
        NewComment { parent_id: Some(first.id), author_role: "lead".into(), body: "In groep 5.".into(), ..c.clone() };
    let second = s.add_comment(&reply, &actor(), NOW + 4).await.expect("reply");
    let elsewhere = NewComment { item_id: "op1-rubric".into(), ..reply.clone() };
    assert_not_found(s.add_comment(&elsewhere, &actor(), NOW + 4).await);
    let all = s.comments(se).await.expect("comments");
    assert_eq!(all, vec![first.clone(), second.clone()]);
    assert_eq!((second.parent_id, second.author_label.as_str()), (Some(first.id), "conformance"));

    let v = NewVisit {
        self_evaluation_id: se,
        item_id: "op3-klassenbezoeken".into(),
        visit_json: r#"{"group":"groep 5"}"#.into(),
    };
    let visit = s.add_visit(&v, &actor(), NOW + 5).await.expect("visit");
    assert_eq!(s.visits(se).await.expect("visits"), vec![visit.clone()]);

    let bytes: Vec<u8> = b"%PDF-1.7\n\x00\xff binary \x01".to_vec();
    let u = NewUpload {
        self_evaluation_id: se,
        item_id: "op1-bewijs".into(),
        file_name: "schoolplan.pdf".into(),
        kind: "pdf".into(),
        bytes: bytes.clone(),
    };
    let meta = s.add_upload(&u, &actor(), NOW + 6).await.expect("upload");
    assert_eq!(meta.size_bytes, i64::try_from(bytes.len()).unwrap_or_default());
    let (read_meta, content) = s.upload_content(meta.id).await.expect("content");
    assert_eq!((read_meta, content), (meta.clone(), bytes));
    assert_eq!(s.uploads(se).await.expect("uploads"), vec![meta.clone()]);
    assert_not_found(s.upload_content(UploadId::new(meta.id.get() + 1000)).await);
    s.remove_upload(meta.id, &actor(), NOW + 7).await.expect("remove");
    assert!(s.uploads(se).await.expect("uploads").is_empty());
    assert_not_found(s.remove_upload(meta.id, &actor(), NOW + 8).await);
    for (entity, n) in [(AuditEntity::Comment, 2), (AuditEntity::Visit, 1), (AuditEntity::Upload, 2)] {
        let filter = koers_app::store::AuditFilter { entity: Some(entity), ..Default::default() };
        assert_eq!(s.audit_log(&filter).await.expect("audit").len(), n, "{entity}");
    }
    assert_eq!(s.self_evaluation(se).await.expect("form").answers_rev, 3, "visit, upload, removal");
}

/// A status that completes the trajectory's phase writes the move in its own transaction: a
/// stale trajectory refuses the whole write (the form stays a concept), a current one moves
/// the phase with the status, audited as `phase` with what completed it.
pub async fn a_status_moves_the_phase_in_its_own_transaction(store: Arc<dyn Store>) {
    let s = &*store;
    let (t, se) = form(s).await;
    let m = |v: i64| PhaseChange {
        trajectory_id: t,
        expected_version: v,
        from: 0,
        to: 1,
        reason: "format zelfevaluatie-po ingediend".into(),
        completed_by: Some(PhaseCompletion::FormatIngediend),
    };
    let submit = |v: i64| StatusWrite {
        id: se,
        expected_version: 1,
        expected_answers_rev: Some(0),
        status: FormStatus::Ingediend,
        baseline_json: Some("{}".into()),
        phase: Some(m(v)),
    };
    assert!(matches!(
        s.set_self_evaluation_status(&submit(2), &actor(), NOW + 3).await,
        Err(StoreError::Conflict { expected: 2, actual: 1 })
    ));
    assert_eq!(s.self_evaluation(se).await.expect("read").status, FormStatus::Concept, "nothing written");
    assert_eq!(s.trajectory(t).await.expect("read").current_phase, 0);
    let done = s.set_self_evaluation_status(&submit(1), &actor(), NOW + 3).await.expect("submit");
    assert_eq!(done.status, FormStatus::Ingediend);
    let moved = s.trajectory(t).await.expect("read");
    assert_eq!((moved.current_phase, moved.version), (1, 2));
    let audit = audit_of(s, AuditEntity::Trajectory, t).await;
    assert_eq!(audit[0].action, "phase");
    let after = snapshot(audit[0].after.as_deref());
    assert_eq!(
        (after["reason"].as_str(), after["completed_by"].as_str()),
        (Some("format zelfevaluatie-po ingediend"), Some("format-ingediend"))
    );
    assert_not_found(
        s.move_phase(&PhaseChange { trajectory_id: TrajectoryId::new(t.get() + 1000), ..m(2) }, &actor(), NOW).await,
    );
}
