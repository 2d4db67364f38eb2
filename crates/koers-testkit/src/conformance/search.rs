//! Cases: school search (substring, case, ordering, wildcards, limit).

use std::sync::Arc;

use koers_app::store::Store;

use super::data::*;

async fn names(store: &dyn Store, query: &str, limit: i64) -> Vec<String> {
    store.search_schools(query, limit).await.expect("search").into_iter().map(|s| s.name).collect()
}

async fn seed(store: &dyn Store) {
    add_schools(
        store,
        &[
            insert("11AA", "Aalster Linde", Some("Utrecht"), None),
            insert("22BB", "Linde College", None, None),
            insert("33CC", "Zuiderlinde", None, None),
            insert("44DD", "Other", Some("Lindewijk"), None),
            insert("55EE", "Unrelated", Some("Ede"), None),
            insert("66FF", "Bureau 22BB", None, None),
            insert("77GG", "100% Kids_Club", None, None),
            insert("88HH", "Ûtrechtse Ëik", None, None),
        ],
    )
    .await;
}

pub async fn search_finds_substrings_case_insensitively(store: Arc<dyn Store>) {
    let s = &*store;
    seed(s).await;
    // Name prefix first, then the other matches (name, place) by name.
    assert_eq!(names(s, "linde", 10).await, ["Linde College", "Aalster Linde", "Other", "Zuiderlinde"]);
    assert_eq!(names(s, "LiNdE", 10).await, names(s, "linde", 10).await);
    assert_eq!(names(s, "  ede ", 10).await, ["Unrelated"], "place matches, query trimmed");
    assert_eq!(names(s, "ëik", 10).await, ["Ûtrechtse Ëik"]);
    assert_eq!(names(s, "ÛTRECHTSE", 10).await, ["Ûtrechtse Ëik"], "non-ASCII case folds too");
    assert_eq!(names(s, "55ee", 10).await, ["Unrelated"], "BRIN matches");
    assert!(names(s, "geen-school", 10).await.is_empty());
}

pub async fn search_puts_exact_brin_and_ovt_first_then_name_prefix(store: Arc<dyn Store>) {
    let s = &*store;
    seed(s).await;
    // "Bureau 22BB" sorts before "Linde College" by name, but 22BB is Linde College's BRIN.
    assert_eq!(names(s, "22bb", 10).await, ["Linde College", "Bureau 22BB"]);
    assert_eq!(names(s, "22BB|c1", 10).await, ["Linde College"]);
    assert_eq!(names(s, "lin", 10).await[0], "Linde College");
    let found = s.search_schools("33cc", 10).await.expect("search");
    assert_eq!(found[0].ovt, "33CC|C1");
}

pub async fn search_takes_wildcards_literally_and_respects_limit(store: Arc<dyn Store>) {
    let s = &*store;
    seed(s).await;
    assert_eq!(names(s, "%", 10).await, ["100% Kids_Club"]);
    assert_eq!(names(s, "_", 10).await, ["100% Kids_Club"]);
    assert_eq!(names(s, "s_c", 10).await, ["100% Kids_Club"]);
    assert!(names(s, "s%c", 10).await.is_empty(), "% is not a wildcard");
    assert!(names(s, "\\", 10).await.is_empty());
    assert_eq!(names(s, "linde", 2).await, ["Linde College", "Aalster Linde"]);
    assert_eq!(names(s, "", 3).await.len(), 3);
    assert!(names(s, "linde", 0).await.is_empty());
}
