//! Privacy (AVG) inside trajectories: the export lists what a person wrote in forms and plans;
//! erasure keeps every record (a signed plan stays signed) with the placeholder in place of the
//! person — author labels, and their address and name inside texts — and leaves others alone.

use std::sync::Arc;

use koers_app::store::{Actor, NewComment, NewUpload, NewVisit, PlanSave, Store};
use koers_core::ids::UserId;
use koers_core::plan::{Plan, PlanKind, PlanVersion, Signature, Signer, VersionStatus};

use super::data::*;
use super::forms::form;

const EMAIL: &str = "anna.persoon@school.nl";
const NAME: &str = "Anna Persoon";

pub async fn trajectory_work_is_exported_and_erased_with_a_placeholder(store: Arc<dyn Store>) {
    let s = &*store;
    let mut nu = new_user(EMAIL);
    nu.name = NAME.into();
    let anna = s.create_user(&nu, &actor(), NOW).await.expect("user").id;
    let bob = s.create_user(&new_user("bob@school.nl"), &actor(), NOW).await.expect("user").id;
    let as_anna = Actor { user_id: Some(anna), label: EMAIL.into() };
    let as_bob = Actor { user_id: Some(bob), label: "bob@school.nl".into() };
    let (t, se) = form(s).await;
    // Hers: an answer, a comment, an upload, a format version, a signature.
    let w = koers_app::store::AnswerWrite {
        self_evaluation_id: se,
        item_id: "op1-dekking".into(),
        answer_json: Some(format!(r#"{{"kind":"reflection","text":"Besproken door {NAME} met het team."}}"#)),
        verbeterpunt: None,
        expected_version: 0,
    };
    s.save_answer(&w, &as_anna, NOW + 3).await.expect("answer");
    let c = NewComment {
        self_evaluation_id: se,
        item_id: "op3-rubric".into(),
        parent_id: None,
        author_role: "lead".into(),
        body: format!("Vraag het {EMAIL}."),
    };
    s.add_comment(&c, &as_anna, NOW + 4).await.expect("comment");
    let u = NewUpload {
        self_evaluation_id: se,
        item_id: "op1-bewijs".into(),
        file_name: format!("schoolplan {NAME}.pdf"),
        kind: "pdf".into(),
        bytes: b"%PDF-1.7\n".to_vec(),
    };
    s.add_upload(&u, &as_anna, NOW + 5).await.expect("upload");
    let fw = koers_app::store::FormatWrite {
        id: "review".into(),
        version: 1,
        title: "Review".into(),
        definition_toml: "id = \"review\"\n".into(),
        expected_latest: None,
    };
    s.save_format(&fw, &as_anna, NOW + 5).await.expect("format");
    // Bob's klassenbezoek names her as observer: his record, her name.
    let v = NewVisit {
        self_evaluation_id: se,
        item_id: "op3-klassenbezoeken".into(),
        visit_json: format!(r#"{{"group":"groep 5","observer":"{NAME}"}}"#),
    };
    s.add_visit(&v, &as_bob, NOW + 6).await.expect("visit");
    let first = PlanVersion::first(Plan::new(PlanKind::PlanVanAanpak), NOW + 7);
    let plan = s.create_plan(t, &first, &as_bob, NOW + 7).await.expect("plan");
    let mut signed = first.clone();
    signed.status = VersionStatus::Vastgesteld;
    signed.vastgesteld_at = Some(NOW + 8);
    signed.signatures.push(Signature {
        signer: Signer::Schoolleider,
        user: UserId::new(anna.get()),
        role_name: format!("directeur {NAME}"),
        at: NOW + 8,
    });
    let save = PlanSave {
        expected_version: plan.version,
        versions: vec![signed],
        action: "plan_sign".into(),
        events: serde_json::json!([]),
        awaiting: None,
        phase: None,
    };
    s.save_plan(plan.id, &save, &as_anna, NOW + 8).await.expect("sign");

    // The export lists hers, not Bob's.
    let work = s.person_records(anna).await.expect("records").trajectory_work;
    assert_eq!(
        (work.answers.len(), work.comments.len(), work.visits.len(), work.uploads.len()),
        (1, 1, 0, 1),
        "{work:?}"
    );
    assert_eq!(work.answers[0].item_id, "op1-dekking");
    assert_eq!(work.plan_signatures.len(), 1);
    assert_eq!((work.plan_signatures[0].trajectory_id, work.plan_signatures[0].number), (t, 1));
    assert_eq!(work.formats.iter().map(|f| (f.id.as_str(), f.version)).collect::<Vec<_>>(), [("review", 1)]);
    let bobs = s.person_records(bob).await.expect("records").trajectory_work;
    assert_eq!((bobs.visits.len(), bobs.answers.len(), bobs.plan_signatures.len()), (1, 0, 0));

    // Erasure: the records stay, the person in them is the placeholder.
    let report = s.erase_person(anna, &as_bob, NOW + 10).await.expect("erase");
    assert!(report.trajectory_records_anonymised >= 6, "{report:?}");
    let (ph_name, ph_email) = (format!("verwijderde gebruiker {anna}"), format!("verwijderd-{anna}@koers.invalid"));
    let answer = s.answer(se, "op1-dekking").await.expect("read").expect("the answer stays");
    assert_eq!(
        (answer.updated_by, answer.updated_by_label.as_str()),
        (Some(UserId::new(anna.get())), ph_name.as_str())
    );
    assert!(answer.answer_json.as_deref().unwrap_or_default().contains(&ph_name), "{answer:?}");
    let comments = s.comments(se).await.expect("comments");
    assert_eq!(comments[0].author_label, ph_name);
    assert_eq!(comments[0].body, format!("Vraag het {ph_email}."));
    let uploads = s.uploads(se).await.expect("uploads");
    assert_eq!(uploads[0].uploaded_by_label, ph_name);
    assert!(!uploads[0].file_name.contains(NAME));
    let visits = s.visits(se).await.expect("visits");
    assert_eq!(visits[0].author_label, "bob@school.nl", "Bob's record stays his");
    assert!(visits[0].visit_json.contains(&ph_name) && !visits[0].visit_json.contains(NAME));
    assert_eq!(s.format_version("review", 1).await.expect("format").created_by, ph_email);
    let kept = s.plan_of_trajectory(t).await.expect("plan").versions;
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].status, VersionStatus::Vastgesteld, "a signed plan stays signed");
    assert_eq!(kept[0].signatures[0].user, UserId::new(anna.get()), "by the emptied account");
    assert_eq!(kept[0].signatures[0].role_name, format!("directeur {ph_name}"));
    // Nothing in the trajectory names her any more; the export of the emptied account still
    // lists the records (now with the placeholder).
    let again = s.person_records(anna).await.expect("records").trajectory_work;
    assert_eq!((again.answers.len(), again.comments.len(), again.uploads.len()), (1, 1, 1));
    let text = serde_json::to_string(&again).unwrap_or_default();
    assert!(!text.contains(NAME) && !text.contains(EMAIL), "{text}");
}
