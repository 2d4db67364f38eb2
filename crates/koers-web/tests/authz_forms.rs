//! The authorization matrix of a trajectory's forms (issue 8 §6) on a REAL trajectory: every
//! route of the form pages and their API, × anonymous, the school's leader and team, the
//! trajectory's expert, staff of its programme, the board (read only), a beheerder, staff of
//! another programme, another expert and the leader of another school. The main matrix
//! (`authz_matrix.rs`) covers the same routes with a trajectory that does not exist.

mod auth_support;
mod forms_support;

use auth_support::{World, browser, world};
use axum::body::Body;
use forms_support::{Case, PDF, case, ok, upload};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Anonymous,
    OtherStaff,
    OtherExpert,
    OtherLeader,
    Board,
    Beheerder,
    Staff,
    Expert,
    Team,
    Leader,
}

const ALL: [Role; 10] = [
    Role::Anonymous,
    Role::OtherStaff,
    Role::OtherExpert,
    Role::OtherLeader,
    Role::Board,
    Role::Beheerder,
    Role::Staff,
    Role::Expert,
    Role::Team,
    Role::Leader,
];
/// Everyone with a place in the trajectory.
const READERS: &[Role] = &[Role::Board, Role::Beheerder, Role::Staff, Role::Expert, Role::Team, Role::Leader];
const SCHOOL: &[Role] = &[Role::Team, Role::Leader];
const TOGETHER: &[Role] = &[Role::Expert, Role::Team, Role::Leader];
const COMMENTERS: &[Role] = &[Role::Staff, Role::Expert, Role::Team, Role::Leader];

fn cookie(c: &Case, r: Role) -> Option<&str> {
    Some(match r {
        Role::Anonymous => return None,
        Role::OtherStaff => &c.other_staff,
        Role::OtherExpert => &c.other_expert,
        Role::OtherLeader => &c.other_leader,
        Role::Board => &c.board,
        Role::Beheerder => &c.admin,
        Role::Staff => &c.staff,
        Role::Expert => &c.expert,
        Role::Team => &c.team,
        Role::Leader => &c.leader,
    })
}

/// Send and judge: anonymous must be sent to the login (HTML) or get 401 (API); allowed roles
/// must get past the access check (2xx, a redirect that is not the login, 409 or 422); the rest
/// 403.
#[allow(clippy::too_many_arguments)]
async fn check(
    w: &World,
    c: &Case,
    method: &str,
    uri: &str,
    ct: &str,
    body: &str,
    allowed: &[Role],
    failures: &mut Vec<String>,
) {
    for role in ALL {
        let mut req = browser(method, uri, cookie(c, role));
        if method != "GET" {
            req = req.header("content-type", ct);
        }
        let res = w.send(ok(req.body(Body::from(body.to_owned())))).await;
        let s = res.status.as_u16();
        let api = uri.starts_with("/api/");
        let good = match role {
            Role::Anonymous if api => s == 401,
            Role::Anonymous => s == 303 && res.location().starts_with("/inloggen"),
            r if allowed.contains(&r) => {
                (200..300).contains(&s)
                    || s == 409
                    || s == 422
                    || (s == 303 && !res.location().starts_with("/inloggen"))
                    // a removal that another allowed role did first
                    || (s == 404 && uri.ends_with("/verwijderen"))
            }
            _ => s == 403,
        };
        if !good {
            failures
                .push(format!("{method} {uri} as {role:?}: {s} {}", res.body.chars().take(200).collect::<String>()));
        }
    }
}

const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";

#[tokio::test]
async fn every_form_route_answers_every_role_as_its_place_in_the_trajectory_allows() {
    let w = world().await;
    let c = case(&w).await;
    let b = c.base.clone();
    // The leader opens the form (it starts) and uploads two files for the download/removal rows.
    assert_eq!(w.get(&b, Some(&c.leader)).await.status, 200);
    let up = |n: &str| format!("{b}/items/op1-bewijs/bestanden{n}");
    assert_eq!(upload(&w, &up(""), &c.leader, "plan-1.pdf", PDF).await.status, 303);
    assert_eq!(upload(&w, &up(""), &c.leader, "plan-2.pdf", PDF).await.status, 303);
    let fv = ok(w
        .state
        .app
        .form(
            &ok(w.state.app.principal_of(ok(w.store().user_by_email("leider-d@test.nl").await).id).await),
            &koers_app::selfevals::FormRef { trajectory: c.trajectory, format: "zelfevaluatie-po".into() },
        )
        .await);
    let uploads: Vec<i64> = fv.uploads.iter().map(|u| u.id.get()).collect();
    assert_eq!(uploads.len(), 2);

    let mut f = Vec::new();
    let t = c.trajectory;
    check(&w, &c, "GET", &format!("/trajecten/{t}"), FORM, "", READERS, &mut f).await;
    check(&w, &c, "GET", &b, FORM, "", READERS, &mut f).await;
    check(&w, &c, "GET", &format!("{b}/resultaat"), FORM, "", READERS, &mut f).await;
    check(&w, &c, "POST", &format!("{b}/items/op1-rubric"), FORM, "score=3&waarom=x&versie=0", SCHOOL, &mut f).await;
    check(&w, &c, "POST", &format!("{b}/items/op3-rubric"), FORM, "score=3&waarom=x&versie=0", TOGETHER, &mut f).await;
    check(&w, &c, "POST", &format!("{b}/items/op1-rubric/opmerkingen"), FORM, "opmerking=Goed", COMMENTERS, &mut f)
        .await;
    let visit = "datum=2026-11-02&groep=groep+5&observant=ib&score.klimaat-1=3";
    check(&w, &c, "POST", &format!("{b}/items/op3-klassenbezoeken/bezoeken"), FORM, visit, TOGETHER, &mut f).await;
    check(&w, &c, "POST", &up(""), FORM, "", SCHOOL, &mut f).await;
    check(&w, &c, "GET", &format!("{b}/bestanden/{}", uploads[0]), FORM, "", READERS, &mut f).await;
    check(&w, &c, "POST", &format!("{b}/indienen"), FORM, "versie=1", &[Role::Leader], &mut f).await;
    check(&w, &c, "POST", &format!("{b}/bevestigen"), FORM, "versie=1", &[Role::Expert, Role::Staff], &mut f).await;
    let api = format!("/api/v1/trajectories/{t}/forms/zelfevaluatie-po");
    check(&w, &c, "GET", &api, JSON, "", READERS, &mut f).await;
    let answer = r#"{"answer":{"kind":"reflection","text":"Wij zien het."},"version":0}"#;
    check(&w, &c, "PUT", &format!("{api}/items/op1-dekking"), JSON, answer, SCHOOL, &mut f).await;
    check(&w, &c, "POST", &format!("{api}/submit"), JSON, r#"{"version":1}"#, &[Role::Leader], &mut f).await;
    // Removal last (it deletes): the team removes it, the leader then finds it gone (404).
    check(&w, &c, "POST", &format!("{b}/bestanden/{}/verwijderen", uploads[0]), FORM, "", SCHOOL, &mut f).await;
    assert!(f.is_empty(), "{} failures:\n{}", f.len(), f.join("\n"));
}
