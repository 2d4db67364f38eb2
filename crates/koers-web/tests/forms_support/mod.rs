//! Support for the trajectory-form tests (issue 8): a running GWGB+ trajectory of school D
//! (board X) led by the test expert, with a school leader and a team member of school D, staff
//! of another programme and another expert — each with a session.
#![allow(dead_code)]

use super::auth_support::{PASSWORD, Who, World, eligible_school, password_hash};
use axum::body::Body;
use koers_app::applications::{ApplicationInput, state_of};
use koers_app::store::{Actor, ApplicationStateWrite, Assignment, ExpertWrite, NewTrajectory, NewUser};
use koers_core::access::{Grant, RoleKind, Scope};
use koers_core::ids::{SchoolId, UserId};
use koers_core::workflow::Status;

pub fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// Everyone of the form tests, by session cookie.
pub struct Case {
    pub trajectory: koers_core::ids::TrajectoryId,
    pub school: i64,
    pub base: String,
    pub leader: String,
    pub team: String,
    pub expert: String,
    pub staff: String,
    pub board: String,
    pub admin: String,
    pub other_staff: String,
    pub other_expert: String,
    pub other_leader: String,
}

/// A user with one role, logged in.
pub async fn user_with(w: &World, email: &str, role: RoleKind, scope: Scope) -> String {
    let actor = Actor::system("test");
    let new = NewUser {
        email: koers_core::email::Email::parse(email).unwrap_or_else(|e| panic!("{e}")),
        name: email.into(),
        password_hash: password_hash(),
        locale: "nl".into(),
    };
    let u = ok(w.store().create_user(&new, &actor, 1).await);
    ok(w.store().add_grant(u.id, &ok(Grant::new(role, scope)), &actor, 1).await);
    let r = w.login_raw(email, PASSWORD).await;
    r.session_cookie().unwrap_or_else(|| panic!("login {email}"))
}

pub async fn case(w: &World) -> Case {
    let school = eligible_school(w).await;
    let input = ApplicationInput {
        programme_id: "gwgb-plus-school".into(),
        school_id: Some(SchoolId::new(school)),
        board_number: None,
        contact_name: "Dana Directeur".into(),
        contact_email: "contact@school-d.nl".into(),
        contact_phone: None,
        help_question: "Beter leesonderwijs.".into(),
        entry_facts_json: None,
        own_calculation: None,
    };
    let actor = Actor::system("test");
    let now = koers_web::auth::now();
    let a = ok(w.state.app.submit_application(&input, None, &actor, now, "http://koers.test").await).application;
    let e = ExpertWrite {
        user_id: Some(UserId::new(w.user_id(Who::Expert).await)),
        name: "Esther Expert".into(),
        email: Who::Expert.email().into(),
        expertise: vec!["lezen".into()],
        regions: vec!["Overijssel".into()],
        capacity_trajectories: 4,
        capacity_dagdelen: 32,
        available: true,
        expected_version: None,
    };
    let expert = ok(w.store().save_expert(&e, &actor, 1).await).id;
    let mut st = ok(state_of(&a));
    st.status = Status::Gekoppeld;
    st.expert_id = Some(expert);
    let assignment = Assignment {
        application_id: a.id,
        state: ApplicationStateWrite {
            expected_version: a.version,
            state_json: ok(serde_json::to_string(&st)),
            status: Status::Gekoppeld,
            action: "expert_assigned".into(),
        },
        trajectory: NewTrajectory {
            expert_id: expert,
            phases_json: r#"["Zelfevaluatie (0-meting)","Plan van aanpak","Uitvoering met de expert","Afronding"]"#
                .into(),
            dagdelen_planned: 8,
        },
        capacity_override: None,
    };
    let t = ok(w.store().assign_expert(&assignment, &actor, 20).await).1;
    Case {
        trajectory: t.id,
        school,
        base: format!("/trajecten/{}/formulieren/zelfevaluatie-po", t.id),
        leader: user_with(w, "leider-d@test.nl", RoleKind::Schoolleider, Scope::School(SchoolId::new(school))).await,
        team: user_with(w, "team-d@test.nl", RoleKind::Schoolteam, Scope::School(SchoolId::new(school))).await,
        expert: ok(w.session(Who::Expert).await.ok_or("expert")),
        staff: ok(w.session(Who::Programma).await.ok_or("staff")),
        board: ok(w.session(Who::BestuurderX).await.ok_or("board")),
        admin: ok(w.session(Who::Beheerder).await.ok_or("admin")),
        other_staff: user_with(
            w,
            "npo@test.nl",
            RoleKind::Programmamedewerker,
            Scope::Programme("leren-verbeteren-npo".into()),
        )
        .await,
        other_expert: user_with(w, "expert-2@test.nl", RoleKind::Expert, Scope::Programme("gwgb-plus-school".into()))
            .await,
        other_leader: ok(w.session(Who::LeiderA).await.ok_or("leader a")),
    }
}

/// A multipart upload of one file as `bestand`.
pub fn multipart(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "koers-test-grens";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub async fn upload(w: &World, uri: &str, cookie: &str, name: &str, bytes: &[u8]) -> super::auth_support::Resp {
    let (ct, body) = multipart(name, bytes);
    let req = super::auth_support::browser("POST", uri, Some(cookie)).header("content-type", ct).body(Body::from(body));
    w.send(ok(req)).await
}

/// A minimal valid PDF.
pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
/// A PNG signature and a few bytes.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR";

/// The principal of an account.
pub async fn principal(w: &World, email: &str) -> koers_core::access::Principal {
    let id = ok(w.store().user_by_email(email).await).id;
    ok(w.state.app.principal_of(id).await)
}

pub fn form_ref(c: &Case) -> koers_app::selfevals::FormRef {
    koers_app::selfevals::FormRef { trajectory: c.trajectory, format: "zelfevaluatie-po".into() }
}

/// Answer every required item the way a school and its expert would (through the use cases),
/// the expert's sections by the expert, the rest by the school leader.
pub async fn fill_all(w: &World, c: &Case) {
    use koers_app::selfevals::edit::AnswerInput;
    use koers_core::format::answer::*;
    use koers_core::format::{Answer, Filler, ItemKind};
    let leader = principal(w, "leider-d@test.nl").await;
    let expert = principal(w, Who::Expert.email()).await;
    let (app, f) = (&w.state.app, form_ref(c));
    let actor = Actor::system("test");
    let fv = ok(app.open_form(&leader, &f, &actor, 30).await);
    for l in fv.format.items() {
        if !l.item.required {
            continue;
        }
        let who = if fv.format.filler(l.section) == Filler::Expert { &expert } else { &leader };
        let id = l.item.id.as_str();
        let answer = match &l.item.kind {
            ItemKind::Rubric(_) => {
                Answer::Rubric(RubricAnswer { score: Some(3), why: "Dat zien we in de lessen.".into() })
            }
            ItemKind::Reflection(_) => {
                Answer::Reflection(TextAnswer { text: "Wij zien dit terug in de groepsbesprekingen.".into() })
            }
            ItemKind::Evidence(e) if e.allow_link => Answer::Evidence(EvidenceAnswer {
                files: Vec::new(),
                link: Some("https://school-d.nl/schoolplan".into()),
                note: String::new(),
            }),
            ItemKind::Evidence(_) => {
                ok(app.upload_evidence(who, &f, id, "bewijs.pdf", PDF.to_vec(), &actor, 31).await);
                continue;
            }
            ItemKind::Results(r) => {
                let mut a = ResultsAnswer::default();
                for field in &r.analysis {
                    a.analysis.insert(field.id.clone(), "Groep 5 blijft achter bij begrijpend lezen.".into());
                }
                if let Some(t) = r.tables.first() {
                    let row = RowAnswer {
                        row: t.rows.first().map(|r| r.id.clone()),
                        label: "2024-2025".into(),
                        cells: t.columns.iter().take(1).map(|c| (c.id.clone(), "12".into())).collect(),
                    };
                    a.tables.insert(t.id.clone(), vec![row]);
                }
                Answer::Results(a)
            }
            ItemKind::Observation(o) => {
                let look_for =
                    fv.format.kijkwijzer(&o.kijkwijzer).and_then(|k| k.items().next().map(|(_, i)| i.id.clone()));
                for n in 0..o.min_visits.max(1) {
                    let visit = Visit {
                        date: Some(ok(koers_core::calendar::Date::new(2026, 10, 5 + n as u8))),
                        group: format!("groep {}", 3 + n),
                        observer: "intern begeleider".into(),
                        subject: "rekenen".into(),
                        scores: look_for.iter().map(|i| (i.clone(), 3)).collect(),
                        strengths: "Heldere instructie.".into(),
                        improvements: "Meer afstemming.".into(),
                    };
                    ok(app.add_visit(who, &f, id, visit, &actor, 32).await);
                }
                continue;
            }
            ItemKind::Choice(ch) => {
                let options = fv.format.options_of(ch);
                let selected = options
                    .iter()
                    .take(ch.min_selected.max(1) as usize)
                    .map(|o| Selection { option: o.id.clone(), note: String::new() })
                    .collect();
                Answer::Choice(ChoiceAnswer { selected })
            }
        };
        let version = ok(app.form(who, &f).await).answers.get(id).map_or(0, |a| a.version);
        let input = AnswerInput { answer: Some(answer), verbeterpunt: None, expected_version: version };
        ok(app.answer_item(who, &f, id, input, &actor, 33).await);
    }
}
