//! Cases: released reports (issue 9 §5) — a release keeps the facts it released, the newest
//! first per trajectory and kind, released by the acting user, audited in the same transaction;
//! an unknown trajectory is `NotFound` and leaves nothing behind.

use std::sync::Arc;

use koers_app::store::{Actor, NewRelease, Store};
use koers_core::ids::TrajectoryId;

use super::data::*;
use super::experts::*;
use super::workflow::*;
use koers_app::store::AuditEntity;

fn release(t: TrajectoryId, facts: &str) -> NewRelease {
    NewRelease {
        trajectory_id: t,
        kind: "voortgang-inspectie".into(),
        facts_json: facts.into(),
        released_role: "Schoolleider".into(),
    }
}

pub async fn report_releases_keep_their_facts_newest_first_and_are_audited(store: Arc<dyn Store>) {
    let s = &*store;
    let expert = s.save_expert(&expert_write("Kees", "kees@expert.nl"), &actor(), NOW).await.expect("expert");
    let app = add_application(s, &new_application("leren-verbeteren-procesbegeleiding", "Ann", "Taal"), NOW).await;
    let t = s.assign_expert(&assignment(app.id, 1, expert.id, 8), &actor(), NOW + 1).await.expect("assign").1;
    let tid = t.id;
    assert!(s.report_releases(tid, "voortgang-inspectie").await.expect("none yet").is_empty());

    let leader = s.create_user(&new_user("leider@school.nl"), &actor(), NOW).await.expect("user");
    let by = Actor { user_id: Some(leader.id), label: leader.email.to_string() };
    let first =
        s.release_report(&release(t.id, r#"{"school":"De «Morgenster» & co"}"#), &by, NOW + 10).await.expect("release");
    assert_eq!(first.released_by, Some(leader.id));
    assert_eq!((first.released_at, first.released_role.as_str()), (NOW + 10, "Schoolleider"));
    let second = s.release_report(&release(t.id, r#"{"school":"later"}"#), &by, NOW + 20).await.expect("again");
    let all = s.report_releases(tid, "voortgang-inspectie").await.expect("list");
    assert_eq!(all, vec![second.clone(), first.clone()], "newest first");
    assert_eq!(all[1].facts_json, r#"{"school":"De «Morgenster» & co"}"#, "facts kept as released");
    assert!(s.report_releases(tid, "voortgang-bestuur").await.expect("other kind").is_empty());

    let audit = audit_of(s, AuditEntity::Report, t.id).await;
    assert_eq!(audit.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["report_release", "report_release"]);
    assert_eq!(audit[0].actor_user_id, Some(leader.id));

    assert_not_found(s.release_report(&release(unknown(t.id, 1000), "{}"), &by, NOW + 30).await);
    assert!(s.report_releases(unknown(t.id, 1000), "voortgang-inspectie").await.expect("list").is_empty());
}
