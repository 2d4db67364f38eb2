//! Cases: migrations, boards, school import batches and manual edits.

use koers_core::ids::{BoardNumber, SchoolId};
use std::sync::Arc;

use koers_app::store::{NewBoard, SchoolEdit, SchoolWrite, Store, StoreError};
use koers_core::register::ManualField;

use super::data::*;
use koers_app::store::AuditEntity;

/// Migrating twice is a no-op, and the migrations seed no programmes: the app seeds the stored
/// definitions from `programmes/*.toml` (`koers_app::programmes::seed_shipped`), the only source.
pub async fn migrate_twice_and_no_programmes_seeded(store: Arc<dyn Store>) {
    store.migrate().await.expect("a second migrate is a no-op");
    assert!(["sqlite", "postgres"].contains(&store.backend()), "{}", store.backend());
    assert!(store.programme_definitions().await.expect("definitions").is_empty());
}

pub async fn boards_upsert_by_number_and_audit(store: Arc<dyn Store>) {
    let s = &*store;
    let boards = [
        NewBoard { number: BoardNumber::new(41646), name: "Stichting Een".into() },
        NewBoard { number: BoardNumber::new(1), name: "Twee".into() },
    ];
    assert_eq!(s.upsert_boards(&boards, &actor(), NOW).await.expect("insert"), 2);
    assert_eq!(s.upsert_boards(&boards, &actor(), NOW + 1).await.expect("same again"), 0);
    let renamed = [NewBoard { number: BoardNumber::new(41646), name: "Stichting Eén".into() }];
    assert_eq!(s.upsert_boards(&renamed, &actor(), NOW + 2).await.expect("rename"), 1);

    let board = s.board(BoardNumber::new(41646)).await.expect("board by number");
    assert_eq!((board.number, board.name.as_str(), board.version), (BoardNumber::new(41646), "Stichting Eén", 2));
    assert_eq!(s.board(BoardNumber::new(1)).await.expect("board 1").version, 1);
    assert_not_found(s.board(BoardNumber::new(999)).await);

    let audit = audit_of(s, AuditEntity::Board, 41646).await;
    assert_eq!(audit.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["update", "create"]);
    assert_eq!(snapshot(audit[0].before.as_deref())["name"], "Stichting Een");
    assert_eq!(snapshot(audit[0].after.as_deref())["name"], "Stichting Eén");
    assert_eq!(audit[0].actor_label, "conformance");
    assert!(audit[1].before.is_none());
}

pub async fn school_inserts_read_back_in_every_way(store: Arc<dyn Store>) {
    let s = &*store;
    let writes = [
        insert("02BB", "Beta", Some("Zwolle"), Some(7)),
        insert("01AA", "Alfa", None, Some(7)),
        insert("03CC", "Gamma", Some("Ede"), None),
    ];
    let schools = add_schools(s, &writes).await;
    let beta = &schools[0];
    assert_eq!((beta.ovt.as_str(), beta.brin.as_str(), beta.name.as_str()), ("02BB|C1", "02BB", "Beta"));
    assert_eq!(
        (beta.place.as_deref(), beta.board_number, beta.schoolweging),
        (Some("Zwolle"), Some(BoardNumber::new(7)), Some(31.47))
    );
    assert_eq!((beta.version, beta.updated_at, beta.manual_fields.len()), (1, NOW, 0));
    assert_eq!(s.school_by_ovt("02BB|C1").await.expect("by ovt"), *beta);

    let all: Vec<_> = s.all_schools().await.expect("all").into_iter().map(|x| x.ovt).collect();
    assert_eq!(all, ["01AA|C1", "02BB|C1", "03CC|C1"]);
    let of_board: Vec<_> =
        s.schools_of_board(BoardNumber::new(7)).await.expect("of board").into_iter().map(|x| x.name).collect();
    assert_eq!(of_board, ["Alfa", "Beta"]);
    assert!(s.schools_of_board(BoardNumber::new(8)).await.expect("no schools").is_empty());
    assert_not_found(s.school(SchoolId::new(beta.id.get() + 1000)).await);
    assert_not_found(s.school_by_ovt("99ZZ|C1").await);

    let audit = audit_of(s, AuditEntity::School, beta.id).await;
    assert_eq!(audit.len(), 1);
    assert_eq!((audit[0].action.as_str(), audit[0].at), ("create", NOW));
    assert_eq!(snapshot(audit[0].after.as_deref())["ovt"], "02BB|C1");
}

pub async fn school_batch_update_checks_versions_and_rolls_back(store: Arc<dyn Store>) {
    let s = &*store;
    let school = one_school(s).await;
    let update = |version, name: &str| SchoolWrite::Update {
        id: school.id,
        expected_version: version,
        fields: fields(name, Some("Utrecht"), Some(41646)),
    };
    let ids = s.apply_school_writes(&[update(1, "De Regenboog 2")], &actor(), NOW + 5).await.expect("update");
    assert_eq!(ids, [school.id]);
    let after = s.school(school.id).await.expect("read");
    assert_eq!((after.name.as_str(), after.version, after.updated_at), ("De Regenboog 2", 2, NOW + 5));

    // A stale update fails the whole batch, including the insert before it.
    let batch = [insert("05EE", "Nieuw", None, None), update(1, "Verloren")];
    match s.apply_school_writes(&batch, &actor(), NOW + 6).await {
        Err(StoreError::Conflict { expected: 1, actual: 2 }) => {}
        other => panic!("expected Conflict 1/2, got {other:?}"),
    }
    assert_not_found(s.school_by_ovt("05EE|C1").await);
    assert_eq!(s.school(school.id).await.expect("read"), after);

    let unknown = SchoolWrite::Update {
        id: SchoolId::new(school.id.get() + 1000),
        expected_version: 1,
        fields: fields("X", None, None),
    };
    assert_not_found(s.apply_school_writes(&[unknown], &actor(), NOW).await);

    // Writing the same fields again changes nothing and is not audited.
    s.apply_school_writes(&[update(2, "De Regenboog 2")], &actor(), NOW + 7).await.expect("unchanged");
    assert_eq!(s.school(school.id).await.expect("read").version, 2);
    let audit = audit_of(s, AuditEntity::School, school.id).await;
    assert_eq!(audit.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["update", "create"]);
    assert_eq!(snapshot(audit[0].before.as_deref())["name"], "De Regenboog");
    assert_eq!(snapshot(audit[0].after.as_deref())["version"], 2);
}

pub async fn duplicate_ovt_is_reported_as_duplicate(store: Arc<dyn Store>) {
    let s = &*store;
    one_school(s).await;
    let detail = assert_duplicate(s.apply_school_writes(&[insert("00AP", "Kopie", None, None)], &actor(), NOW).await);
    assert!(detail.contains("ovt"), "{detail}");
    assert_eq!(s.all_schools().await.expect("all").len(), 1);
}

pub async fn edit_school_marks_manual_fields_and_bumps_version(store: Arc<dyn Store>) {
    let s = &*store;
    let school = one_school(s).await;
    let edit = SchoolEdit {
        name: Some("OBS De Regenboog".into()),
        website: Some(Some("https://regenboog.example".into())),
        ..SchoolEdit::default()
    };
    let edited = s.edit_school(school.id, 1, &edit, &actor(), NOW + 10).await.expect("edit");
    assert_eq!(
        (edited.name.as_str(), edited.website.as_deref()),
        ("OBS De Regenboog", Some("https://regenboog.example"))
    );
    assert_eq!((edited.version, edited.updated_at), (2, NOW + 10));
    assert_eq!(edited.manual_fields, [ManualField::Name, ManualField::Website]);
    assert_eq!(edited.place, school.place, "fields not in the edit stay");
    assert_eq!(s.school(school.id).await.expect("read"), edited);

    let edit = SchoolEdit {
        place: Some(None),
        schoolweging: Some(Some(29.5)),
        name: Some("OBS".into()),
        ..SchoolEdit::default()
    };
    let edited = s.edit_school(school.id, 2, &edit, &actor(), NOW + 11).await.expect("second edit");
    assert_eq!((edited.place, edited.schoolweging, edited.version), (None, Some(29.5), 3));
    assert_eq!(
        edited.manual_fields,
        [ManualField::Name, ManualField::Website, ManualField::Place, ManualField::Schoolweging]
    );
    let found = s.search_schools("obs", 10).await.expect("search");
    assert_eq!(found.len(), 1, "search text follows the edit");

    let audit = audit_of(s, AuditEntity::School, school.id).await;
    assert_eq!(audit.len(), 3);
    assert_eq!(snapshot(audit[0].before.as_deref())["place"], "Utrecht");
    assert!(snapshot(audit[0].after.as_deref())["place"].is_null());
    assert_eq!(snapshot(audit[1].after.as_deref())["manual_fields"], serde_json::json!(["name", "website"]));
}

pub async fn edit_school_with_a_stale_version_changes_nothing(store: Arc<dyn Store>) {
    let s = &*store;
    let school = one_school(s).await;
    let edit = SchoolEdit { name: Some("Nieuw".into()), ..SchoolEdit::default() };
    s.edit_school(school.id, 1, &edit, &actor(), NOW + 1).await.expect("first edit");
    let stale = SchoolEdit { name: Some("Oud".into()), ..SchoolEdit::default() };
    match s.edit_school(school.id, 1, &stale, &actor(), NOW + 2).await {
        Err(StoreError::Conflict { expected: 1, actual: 2 }) => {}
        other => panic!("expected Conflict 1/2, got {other:?}"),
    }
    let now = s.school(school.id).await.expect("read");
    assert_eq!((now.name.as_str(), now.version), ("Nieuw", 2));
    assert_eq!(audit_of(s, AuditEntity::School, school.id).await.len(), 2, "create + one update");
    assert_not_found(s.edit_school(SchoolId::new(school.id.get() + 1000), 1, &edit, &actor(), NOW).await);
}

pub async fn concurrent_edits_one_wins_the_other_conflicts(store: Arc<dyn Store>) {
    let school = one_school(&*store).await;
    let edit = |name: &str| {
        let store = store.clone();
        let edit = SchoolEdit { name: Some(name.into()), ..SchoolEdit::default() };
        tokio::spawn(async move { store.edit_school(school.id, 1, &edit, &actor(), NOW + 1).await })
    };
    let (a, b) = (edit("Versie A"), edit("Versie B"));
    let results = [a.await.expect("task a"), b.await.expect("task b")];
    let winners: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(winners.len(), 1, "exactly one edit wins: {results:?}");
    let loser = results.iter().find_map(|r| r.as_ref().err()).expect("one edit loses");
    assert!(matches!(loser, StoreError::Conflict { expected: 1, actual: 2 }), "{loser:?}");
    let stored = store.school(school.id).await.expect("read");
    assert_eq!(stored, *winners[0], "the winner's data is intact");
    assert_eq!(stored.version, 2);
    assert_eq!(audit_of(&*store, AuditEntity::School, school.id).await.len(), 2, "create + the winner's update");
}
