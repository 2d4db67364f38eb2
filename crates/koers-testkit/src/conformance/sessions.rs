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
    for (key, success, at) in [
        ("ann@school.nl", false, 100),
        ("ann@school.nl", false, 200),
        ("ann@school.nl", true, 300),
        ("ann@school.nl", false, 400),
        ("bob@school.nl", false, 400),
    ] {
        s.record_login_attempt(key, success, NOW + at).await.expect("record");
    }
    assert_eq!(s.failed_logins_since("ann@school.nl", NOW).await.expect("all"), 3);
    assert_eq!(s.failed_logins_since("ann@school.nl", NOW + 200).await.expect("window"), 2, "window start included");
    assert_eq!(s.failed_logins_since("ann@school.nl", NOW + 401).await.expect("after"), 0);
    assert_eq!(s.failed_logins_since("bob@school.nl", NOW).await.expect("bob"), 1);
    assert_eq!(s.failed_logins_since("cor@school.nl", NOW).await.expect("nobody"), 0);
    assert!(all_audit(s).await.is_empty(), "login attempts are not audited");
}

pub async fn old_login_attempts_are_pruned(store: Arc<dyn Store>) {
    let s = &*store;
    for at in [100, 200, 300] {
        s.record_login_attempt("ann@school.nl", false, NOW + at).await.expect("record");
    }
    assert_eq!(s.prune_login_attempts(NOW + 200).await.expect("prune"), 1, "only what is older");
    assert_eq!(s.failed_logins_since("ann@school.nl", NOW).await.expect("left"), 2);
    assert_eq!(s.prune_login_attempts(NOW + 200).await.expect("again"), 0);
    assert!(all_audit(s).await.is_empty(), "pruning is not audited");
}
