use super::*;

fn entry(kind: Kind, n: usize) -> Arc<Entry> {
    let body = Bytes::from(vec![b'x'; n]);
    Arc::new(Entry { kind, headers: HeaderMap::new(), etag: etag_of(&body), body })
}

fn key(p: &str) -> Key {
    Key { path_and_query: p.into(), accept_encoding: String::new(), lang: "nl", fragment: false, head: false }
}

fn change(id: i64, entity: AuditEntity, entity_id: &str) -> RegisterChange {
    RegisterChange { id, entity, entity_id: entity_id.into() }
}

#[test]
fn a_results_change_drops_that_school_only_and_a_school_change_drops_search_too() {
    let c = PageCache::new();
    c.insert(0, key("/scholen/1"), entry(Kind::School(1), 10));
    c.insert(0, key("/scholen/2"), entry(Kind::School(2), 10));
    c.insert(0, key("/scholen?q=a"), entry(Kind::Search, 10));
    c.insert(0, key("/"), entry(Kind::Static, 10));
    c.apply(&[change(5, AuditEntity::Result, "1")]);
    assert!(c.get(&key("/scholen/1")).is_none());
    assert!(c.get(&key("/scholen/2")).is_some() && c.get(&key("/scholen?q=a")).is_some());
    c.apply(&[change(6, AuditEntity::School, "2")]);
    assert!(c.get(&key("/scholen/2")).is_none() && c.get(&key("/scholen?q=a")).is_none());
    assert!(c.get(&key("/")).is_some());
    assert_eq!(c.size(), (1, 10));
}

#[test]
fn a_board_change_drops_every_school_page() {
    let c = PageCache::new();
    c.insert(0, key("/scholen/1"), entry(Kind::School(1), 10));
    c.insert(0, key("/scholen?q=a"), entry(Kind::Search, 10));
    c.apply(&[change(1, AuditEntity::Board, "41646")]);
    assert!(c.get(&key("/scholen/1")).is_none() && c.get(&key("/scholen?q=a")).is_some());
}

#[test]
fn a_render_from_before_an_invalidation_is_not_kept() {
    let c = PageCache::new();
    let epoch = c.epoch.load(Ordering::Acquire);
    c.apply(&[change(1, AuditEntity::Result, "1")]);
    c.insert(epoch, key("/scholen/1"), entry(Kind::School(1), 10));
    assert!(c.get(&key("/scholen/1")).is_none());
}

#[test]
fn the_cache_stays_within_its_bounds_oldest_out_first() {
    let c = PageCache::new();
    let big = MAX_BYTES / 4;
    for i in 0..6 {
        c.insert(0, key(&format!("/scholen/{i}")), entry(Kind::School(i), big.min(MAX_PAGE)));
    }
    for i in 0..(MAX_ENTRIES + 10) {
        c.insert(0, key(&format!("/s/{i}")), entry(Kind::Static, 1));
    }
    let (n, bytes) = c.size();
    assert!(n <= MAX_ENTRIES && bytes <= MAX_BYTES, "{n} pages, {bytes} bytes");
    assert!(c.get(&key("/scholen/0")).is_none(), "the oldest went first");
    assert!(c.stats.evictions.load(Ordering::Relaxed) > 0);
}

#[test]
fn if_none_match_compares_weakly_and_knows_lists_and_star() {
    let etag = HeaderValue::from_static("W/\"abc\"");
    let m = |v: &'static str| matches(Some(&HeaderValue::from_static(v)), &etag);
    assert!(m("W/\"abc\"") && m("\"abc\"") && m("\"x\", W/\"abc\"") && m("*"));
    assert!(!m("\"abd\"") && !matches(None, &etag));
}
