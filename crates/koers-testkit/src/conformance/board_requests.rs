//! Cases: a board's request for several schools (issue 10 §4) — the request with its lines and
//! receipt mail in one transaction, a school listed twice refused, each line decided on its own
//! (approval inserts the school's application with its reference number; declining keeps the
//! reason), stale or repeated decisions refused, everything audited.

use koers_core::ids::{BoardNumber, SchoolId};
use std::sync::Arc;

use koers_app::store::{
    LineStatus, LineVerdict, NewApplication, NewBoardRequest, NewBoardRequestLine, NewMail, Store, StoreError,
};
use koers_core::workflow::Status;

use super::data::*;
use super::workflow::*;
use koers_app::store::AuditEntity;

fn line(school_id: SchoolId) -> NewBoardRequestLine {
    NewBoardRequestLine {
        school_id,
        entry_facts_json: Some(r#"{"risks":[{"kind":"falling_results","evidence":"havo daalt"}]}"#.into()),
        eligibility_json: None,
    }
}

fn request(board: i64, lines: Vec<NewBoardRequestLine>) -> NewBoardRequest {
    NewBoardRequest {
        programme_id: "leren-verbeteren-npo".into(),
        board_number: BoardNumber::new(board),
        contact_name: "Vera Voortgezet".into(),
        contact_email: "vera@bestuur.nl".into(),
        contact_phone: None,
        help_question: "Twee scholen met dalende examenresultaten.".into(),
        submitted_by: None,
        lines,
    }
}

fn mail(subject: &str) -> NewMail {
    NewMail { to_address: "vera@bestuur.nl".into(), subject: subject.into(), body_text: "b".into() }
}

async fn mails(s: &dyn Store) -> usize {
    s.outbox(false, 0).await.expect("outbox").iter().filter(|m| m.to_address == "vera@bestuur.nl").count()
}

pub async fn board_requests_keep_lines_and_decide_each_school_on_its_own(store: Arc<dyn Store>) {
    let s = &*store;
    let schools = add_schools(
        s,
        &[
            insert("11AA", "Lyceum Noord", Some("Zwolle"), Some(50000)),
            insert("11AB", "College Zuid", Some("Zwolle"), Some(50000)),
        ],
    )
    .await;
    let (a, b) = (schools[0].id, schools[1].id);

    // A school twice: Duplicate, nothing written (no request, no mail).
    let twice = s.create_board_request(&request(50000, vec![line(a), line(a)]), &mail("x"), &actor(), NOW).await;
    assert!(matches!(twice, Err(StoreError::Duplicate(ref w)) if w == "school"), "{twice:?}");
    assert!(s.board_requests_of_board(BoardNumber::new(50000)).await.expect("list").is_empty());
    assert_eq!(mails(s).await, 0);

    let r = s
        .create_board_request(&request(50000, vec![line(b), line(a)]), &mail("ontvangen"), &actor(), NOW)
        .await
        .expect("create");
    assert_eq!(r.lines.iter().map(|l| l.school_id).collect::<Vec<_>>(), vec![b, a], "the board's order");
    assert!(r.lines.iter().all(|l| l.status == LineStatus::Open && l.version == 1 && l.application_id.is_none()));
    assert_eq!((r.board_number, r.created_at, r.open_lines()), (BoardNumber::new(50000), NOW, 2));
    assert_eq!(s.board_request(r.id).await.expect("read"), r);
    assert_eq!(s.board_requests_of_board(BoardNumber::new(50000)).await.expect("of board"), vec![r.clone()]);
    assert!(s.board_requests_of_board(BoardNumber::new(50001)).await.expect("other board").is_empty());
    assert_eq!(s.open_board_requests(None).await.expect("open").len(), 1);
    assert_eq!(s.open_board_requests(Some(&["leren-verbeteren-npo".to_owned()])).await.expect("npo").len(), 1);
    assert!(s.open_board_requests(Some(&["gwgb-plus-school".to_owned()])).await.expect("other").is_empty());
    assert_eq!(mails(s).await, 1);
    assert_eq!(audit_of(s, AuditEntity::BoardRequest, r.id).await[0].action, "submit");
    assert_not_found(s.board_request(unknown(r.id, 99)).await);

    // Approve the first line: its application is created in the same transaction.
    let first = r.lines[0].clone();
    let application = NewApplication {
        school_id: Some(b),
        board_number: Some(BoardNumber::new(50000)),
        status: Status::Definitief,
        ..new_application("leren-verbeteren-npo", "Vera Voortgezet", "Twee scholen")
    };
    let stale = s
        .decide_board_request_line(
            r.id,
            first.id,
            first.version + 1,
            &LineVerdict::Approve { application: Box::new(application.clone()) },
            &mail("goedgekeurd"),
            &actor(),
            NOW + 1,
        )
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict { .. })), "{stale:?}");
    assert!(s.list_applications(&Default::default()).await.expect("apps").is_empty(), "nothing written");
    let other = s
        .decide_board_request_line(
            unknown(r.id, 99),
            first.id,
            first.version,
            &LineVerdict::Decline { reason: "x".into() },
            &mail("x"),
            &actor(),
            NOW + 1,
        )
        .await;
    assert!(matches!(other, Err(StoreError::NotFound)), "{other:?}");
    let (after, created) = s
        .decide_board_request_line(
            r.id,
            first.id,
            first.version,
            &LineVerdict::Approve { application: Box::new(application) },
            &mail("goedgekeurd"),
            &actor(),
            NOW + 2,
        )
        .await
        .expect("approve");
    let created = created.expect("the school's application");
    assert_eq!((created.school_id, created.status), (Some(b), Status::Definitief));
    let approved = &after.lines[0];
    assert_eq!(
        (approved.status, approved.application_id, approved.decided_at, approved.version),
        (LineStatus::Goedgekeurd, Some(created.id), Some(NOW + 2), 2)
    );
    assert_eq!(after.lines[1].status, LineStatus::Open, "the other school is still open");
    assert_eq!(s.application(created.id).await.expect("stored").reference, created.reference);
    // Deciding it again: Conflict.
    let again = s
        .decide_board_request_line(
            r.id,
            first.id,
            approved.version,
            &LineVerdict::Decline { reason: "toch niet".into() },
            &mail("x"),
            &actor(),
            NOW + 3,
        )
        .await;
    assert!(matches!(again, Err(StoreError::Conflict { .. })), "{again:?}");

    // Decline the second line with a reason.
    let second = after.lines[1].clone();
    let (done, none) = s
        .decide_board_request_line(
            r.id,
            second.id,
            second.version,
            &LineVerdict::Decline { reason: "Geen risico zichtbaar in de cijfers.".into() },
            &mail("afgewezen"),
            &actor(),
            NOW + 4,
        )
        .await
        .expect("decline");
    assert!(none.is_none());
    assert_eq!(
        (done.lines[1].status, done.lines[1].reason.as_deref()),
        (LineStatus::Afgewezen, Some("Geen risico zichtbaar in de cijfers."))
    );
    assert_eq!(done.open_lines(), 0);
    assert!(s.open_board_requests(None).await.expect("open").is_empty());
    assert_eq!(mails(s).await, 3);
    let actions: Vec<String> =
        audit_of(s, AuditEntity::BoardRequest, r.id).await.into_iter().map(|a| a.action).collect();
    assert_eq!(actions, vec!["line_decline", "line_approve", "submit"], "newest first");
}
