//! Cases: sessions and login throttling.

use std::sync::Arc;

use koers_app::store::{SessionRecord, Store};

use super::data::*;

pub async fn sessions_expire(store: Arc<dyn Store>) {
    let s = &*store;
    let session = |id: &str, data: &[u8], expires_at| SessionRecord { id: id.into(), data: data.to_vec(), expires_at };
    s.session_save(&session("a", b"{\"user\":1}", NOW + 100)).await.expect("save a");
    s.session_save(&session("b", &[0, 159, 146, 150, 255], NOW + 10)).await.expect("save b");
    assert_eq!(s.session_load("a", NOW).await.expect("load"), Some(session("a", b"{\"user\":1}", NOW + 100)));
    assert_eq!(s.session_load("b", NOW).await.expect("binary data").map(|r| r.data), Some(vec![0, 159, 146, 150, 255]));
    assert_eq!(s.session_load("b", NOW + 10).await.expect("expired"), None, "expired at expires_at");
    assert_eq!(s.session_load("zzz", NOW).await.expect("missing"), None);

    s.session_save(&session("a", b"{\"user\":2}", NOW + 200)).await.expect("save again");
    assert_eq!(s.session_load("a", NOW + 150).await.expect("load").map(|r| r.data), Some(b"{\"user\":2}".to_vec()));

    assert_eq!(s.session_delete_expired(NOW + 50).await.expect("delete expired"), 1);
    assert_eq!(s.session_load("b", NOW).await.expect("gone"), None);
    s.session_delete("a").await.expect("delete");
    s.session_delete("a").await.expect("deleting twice is harmless");
    assert_eq!(s.session_load("a", NOW).await.expect("gone"), None);
    assert_eq!(s.session_delete_expired(NOW + 1000).await.expect("nothing left"), 0);
    assert!(all_audit(s).await.is_empty(), "sessions are not audited");
}

pub async fn failed_logins_are_counted_per_key_and_window(store: Arc<dyn Store>) {
    let s = &*store;
    let first = s.login_attempt_start("ann@school.nl", NOW + 100, NOW).await.expect("1");
    assert_eq!(first.failures, 1, "counted before the password is checked");
    let second = s.login_attempt_start("ann@school.nl", NOW + 200, NOW).await.expect("2");
    assert_eq!(second.failures, 2);
    let third = s.login_attempt_start("ann@school.nl", NOW + 300, NOW).await.expect("3");
    s.login_attempt_succeeded(third.id).await.expect("success");
    assert_eq!(
        s.login_attempt_start("ann@school.nl", NOW + 400, NOW).await.expect("4").failures,
        3,
        "a success is no failure"
    );
    assert_eq!(
        s.login_attempt_start("ann@school.nl", NOW + 401, NOW + 200).await.expect("window").failures,
        3,
        "window start included"
    );
    assert_eq!(s.login_attempt_start("ann@school.nl", NOW + 402, NOW + 402).await.expect("after").failures, 1);
    assert_eq!(s.login_attempt_start("bob@school.nl", NOW + 400, NOW).await.expect("bob").failures, 1);
    assert!(all_audit(s).await.is_empty(), "login attempts are not audited");
    let refused = s.login_attempt_start("bob@school.nl", NOW + 400, NOW).await.expect("bob 2");
    assert_eq!(refused.failures, 2);
    s.login_attempt_discard(refused.id).await.expect("discard");
    assert_eq!(s.login_attempt_start("bob@school.nl", NOW + 400, NOW).await.expect("bob 3").failures, 2, "discarded");

    // Pruning: attempts before the cut-off go; the number of failures among them is returned.
    assert_eq!(
        s.login_attempts_prune(NOW + 401).await.expect("prune"),
        5,
        "ann 100, 200, 400, bob 400 twice; 300 succeeded"
    );
    assert_eq!(s.login_attempts_prune(NOW + 401).await.expect("again"), 0);
    assert_eq!(
        s.login_attempt_start("ann@school.nl", NOW + 500, NOW).await.expect("left").failures,
        3,
        "401, 402, 500"
    );
}

/// 100 attempts at once for one key: each counts itself and every attempt recorded before it,
/// so at most `n` of them can see a count of `n` or less (the throttle cannot be raced).
pub async fn parallel_login_attempts_count_each_other(store: Arc<dyn Store>) {
    let tasks: Vec<_> = (0..100)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move { store.login_attempt_start("ann@school.nl", NOW + i, NOW).await })
        })
        .collect();
    let mut counts = Vec::new();
    for t in tasks {
        counts.push(t.await.expect("task").expect("attempt").failures);
    }
    counts.sort_unstable();
    for (k, c) in counts.iter().enumerate() {
        assert!(*c > i64::try_from(k).unwrap_or(i64::MAX), "attempt {k} saw {c}: {counts:?}");
    }
    assert_eq!(counts.last().copied(), Some(100));
}
