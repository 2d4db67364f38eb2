//! A trajectory's zelfevaluatie in the browser's terms (issue 8): filling in per item with and
//! without htmx, bad input (a Dutch message naming the field, what was typed kept, nothing
//! saved), two people on one item (one wins, the other sees the conflict with what they
//! typed), uploads checked by content and size, submit → baseline, confirm → the phase moves,
//! the verbeterpunten for the plan, the result page, formats at /beheer/formats, the team, API.

mod auth_support;
mod forms_support;

use auth_support::{World, browser, world};
use axum::body::Body;
use forms_support::{Case, PDF, PNG, case, fill_all, form_ref, ok, principal, upload};

async fn stored(w: &World, c: &Case, item: &str) -> Option<koers_app::store::AnswerRecord> {
    let p = principal(w, "leider-d@test.nl").await;
    ok(w.state.app.form(&p, &form_ref(c)).await).answers.get(item).cloned()
}

async fn htmx_post(w: &World, uri: &str, cookie: &str, pairs: &[(&str, &str)]) -> auth_support::Resp {
    let req = browser("POST", uri, Some(cookie))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("hx-request", "true")
        .body(Body::from(auth_support::form_body(pairs)));
    w.send(ok(req)).await
}

#[tokio::test]
async fn the_school_fills_in_per_item_without_javascript_and_with_autosave() {
    let w = world().await;
    let c = case(&w).await;
    let page = w.get(&format!("{}?sectie=op1", c.base), Some(&c.leader)).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Zelfevaluatie") && page.body.contains("id=\"item-op1-rubric\""),
        "{}",
        &page.body[..500]
    );
    let item = format!("{}/items/op1-rubric", c.base);
    let r = w
        .post_form(
            &item,
            Some(&c.leader),
            &[("score", "3"), ("waarom", "Het aanbod dekt de kerndoelen."), ("versie", "0")],
        )
        .await;
    assert_eq!(
        (r.status.as_u16(), r.location()),
        (303, format!("{}?opgeslagen=op1-rubric#item-op1-rubric", c.base).as_str())
    );
    let shown = w.get(&format!("{}?opgeslagen=op1-rubric", c.base), Some(&c.leader)).await.body;
    assert!(shown.contains("Het aanbod dekt de kerndoelen."));
    // htmx: the new version and a status line out of band; the team member continues on it.
    let r = htmx_post(
        &w,
        &item,
        &c.team,
        &[("score", "2"), ("waarom", "Nog niet voor rekenen."), ("versie", "1"), ("verbeterpunt", "1")],
    )
    .await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("hx-swap-oob") && r.body.contains("value=\"2\""), "{}", r.body);
    let a = stored(&w, &c, "op1-rubric").await.unwrap_or_else(|| panic!("saved"));
    assert_eq!((a.version, a.verbeterpunt.as_deref()), (2, Some("")));
    assert!(a.updated_by_label.contains("team-d@test.nl"));
}

#[tokio::test]
async fn the_form_shows_one_section_per_page_with_links_between_them_and_the_whole_form_to_print() {
    let w = world().await;
    let c = case(&w).await;
    fill_all(&w, &c).await;
    let first = w.get(&c.base, Some(&c.leader)).await;
    assert_eq!(first.status, 200);
    let b = &first.body;
    assert!(b.contains("id=\"sectie-school\"") && !b.contains("id=\"sectie-op1\""), "only the first section");
    assert!(b.contains("Sectie 1 van 17"), "where you are");
    assert!(b.contains(&format!("href=\"{}?sectie=school\" aria-current=\"page\"", c.base)));
    assert!(b.contains(&format!("href=\"{}?sectie=op0\" rel=\"next\"", c.base)), "the next section");
    assert!(!b.contains("rel=\"prev\""), "no section before the first");
    assert!(b.contains(&format!("href=\"{}?sectie=ka3\"", c.base)), "every section is linked");
    assert!(b.contains(&format!("href=\"{}?sectie=alle\"", c.base)), "the whole form");
    let op3 = w.get(&format!("{}?sectie=op3", c.base), Some(&c.leader)).await.body;
    assert!(op3.contains("id=\"item-op3-klassenbezoeken\"") && !op3.contains("id=\"item-op1-rubric\""));
    assert!(op3.contains(&format!("href=\"{}?sectie=op2\" rel=\"prev\"", c.base)) && op3.contains("Volgende sectie"));
    let whole = w.get(&format!("{}?sectie=alle", c.base), Some(&c.leader)).await.body;
    assert!(whole.contains("id=\"item-school-populatie\"") && whole.contains("id=\"item-conclusie-hulpvraag\""));
    assert!(whole.contains("href=\"#sectie-op3\"") && !whole.contains("rel=\"next\""), "anchors on the whole form");
    assert!(whole.len() > 4 * first.body.len(), "{} vs {}", whole.len(), first.body.len());
    assert_eq!(w.get(&format!("{}?sectie=bestaat-niet", c.base), Some(&c.leader)).await.status, 404);
    // Back at the item after a comment; in English too.
    let r = w
        .post_form(&format!("{}/items/op2-rubric/opmerkingen", c.base), Some(&c.expert), &[("opmerking", "Hoe?")])
        .await;
    assert_eq!(r.location(), format!("{}?melding=opmerking&item=op2-rubric#item-op2-rubric", c.base));
    let back = w.get(&format!("{}?melding=opmerking&item=op2-rubric", c.base), Some(&c.expert)).await.body;
    assert!(back.contains("id=\"item-op2-rubric\"") && back.contains("Hoe?"));
    let en = format!("{}; lang=en", c.leader);
    let en = w.get(&format!("{}?sectie=op0", c.base), Some(&en)).await.body;
    assert!(en.contains("Section 2 of 17") && en.contains("Previous section") && en.contains("Next section"), "{en}");
}

#[tokio::test]
async fn bad_input_names_the_field_in_dutch_keeps_the_typing_and_saves_nothing() {
    let w = world().await;
    let c = case(&w).await;
    w.get(&c.base, Some(&c.leader)).await;
    let item = format!("{}/items/op1-rubric", c.base);
    let r = w
        .post_form(&item, Some(&c.leader), &[("score", "5"), ("waarom", "Mijn getypte uitleg"), ("versie", "0")])
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("score:") && r.body.contains("Mijn getypte uitleg"), "{}", r.body);
    let r = w.post_form(&item, Some(&c.leader), &[("score", "veel"), ("versie", "0")]).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("kies een score van 1 tot en met 4"));
    let long = "x".repeat(5000);
    let r = w
        .post_form(&format!("{}/items/op1-dekking", c.base), Some(&c.leader), &[("tekst", &long), ("versie", "0")])
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("tekst:") && r.body.contains("te lang"), "the field is named in Dutch");
    assert!(r.body.contains(&long), "what was typed is kept");
    assert_eq!(stored(&w, &c, "op1-rubric").await, None);
    assert_eq!(stored(&w, &c, "op1-dekking").await, None);
    // htmx: the message out of band, the version unchanged.
    let r = htmx_post(&w, &item, &c.leader, &[("score", "7"), ("versie", "0")]).await;
    assert!(r.status == 200 && r.body.contains("score:") && r.body.contains("value=\"0\""), "{}", r.body);
}

#[tokio::test]
async fn two_people_on_one_item_one_wins_and_the_other_sees_what_they_typed() {
    let w = world().await;
    let c = case(&w).await;
    w.get(&c.base, Some(&c.leader)).await;
    let item = format!("{}/items/op1-dekking", c.base);
    let first = w.post_form(&item, Some(&c.leader), &[("tekst", "Versie van de directeur"), ("versie", "0")]).await;
    assert_eq!(first.status, 303);
    let second = w.post_form(&item, Some(&c.team), &[("tekst", "Versie van de leerkracht"), ("versie", "0")]).await;
    assert_eq!(second.status, 409);
    assert!(second.body.contains("Versie van de directeur"), "what is stored now is shown");
    assert!(second.body.contains("Versie van de leerkracht"), "what they typed is kept");
    let a = stored(&w, &c, "op1-dekking").await.unwrap_or_else(|| panic!("saved"));
    assert_eq!(a.answer_json.as_deref().map(|j| j.contains("directeur")), Some(true));
    // Autosave never overwrites a newer version silently either.
    let r = htmx_post(&w, &item, &c.team, &[("tekst", "Nog een poging"), ("versie", "0")]).await;
    assert!(r.body.contains("Niet opgeslagen"), "{}", r.body);
    assert_eq!(stored(&w, &c, "op1-dekking").await.map(|a| a.version), Some(1));
}

#[tokio::test]
async fn uploads_are_checked_by_content_and_size_and_served_only_to_the_trajectory() {
    let w = world().await;
    let c = case(&w).await;
    w.get(&c.base, Some(&c.leader)).await;
    let uri = format!("{}/items/op1-bewijs/bestanden", c.base);
    let ok_up = upload(&w, &uri, &c.leader, "schoolplan.pdf", PDF).await;
    assert_eq!(ok_up.status, 303);
    let mislabelled = upload(&w, &uri, &c.leader, "verslag.pdf", PNG).await;
    assert_eq!(mislabelled.status, 422);
    assert!(
        mislabelled.body.contains("bestand:") && mislabelled.body.contains("de naam zegt pdf maar de inhoud is png")
    );
    let text = upload(&w, &uri, &c.leader, "notities.pdf", b"gewoon tekst").await;
    assert!(text.status == 422 && text.body.contains("gekeken naar de inhoud"));
    let mut big = PDF.to_vec();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    let too_big = upload(&w, &uri, &c.leader, "groot.pdf", &big).await;
    assert!(too_big.status == 422 && too_big.body.contains("te groot"), "{}", too_big.status);
    let fv = ok(w.state.app.form(&principal(&w, "leider-d@test.nl").await, &form_ref(&c)).await);
    assert_eq!(fv.uploads.len(), 1, "only the good file is stored");
    let file = format!("{}/bestanden/{}", c.base, fv.uploads[0].id);
    let r = w.get(&file, Some(&c.board)).await;
    assert_eq!((r.status.as_u16(), r.header("content-type")), (200, "application/pdf"));
    assert_eq!(w.get(&file, Some(&c.other_leader)).await.status, 403);
    assert_eq!(w.get(&file, None).await.status, 303);
}

#[tokio::test]
async fn submit_freezes_the_baseline_confirm_moves_the_phase_and_flags_feed_the_plan() {
    let w = world().await;
    let c = case(&w).await;
    // Submitting too early names what is open.
    w.get(&c.base, Some(&c.leader)).await;
    let early = w.post_form(&format!("{}/indienen", c.base), Some(&c.leader), &[("versie", "1")]).await;
    assert!(early.status == 422 && early.body.contains("formulier:"), "{}", early.status);
    fill_all(&w, &c).await;
    let flag = format!("{}/items/op2-rubric", c.base);
    let version = stored(&w, &c, "op2-rubric").await.map_or(0, |a| a.version).to_string();
    let r = w
        .post_form(
            &flag,
            Some(&c.leader),
            &[
                ("score", "2"),
                ("waarom", "Te weinig zicht."),
                ("versie", &version),
                ("verbeterpunt", "1"),
                ("verbeterpunt-toelichting", "Zicht op ontwikkeling"),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
    // The expert comments; the school answers.
    let comments = format!("{}/items/op2-rubric/opmerkingen", c.base);
    assert_eq!(
        w.post_form(&comments, Some(&c.expert), &[("opmerking", "Welke toetsen gebruiken jullie?")]).await.status,
        303
    );
    assert_eq!(w.post_form(&comments, Some(&c.team), &[("opmerking", "")]).await.status, 422);
    let team = w.post_form(&comments, Some(&c.team), &[("opmerking", "Cito en methodetoetsen.")]).await;
    assert_eq!(team.status, 303);
    let form_version = ok(w.state.app.form(&principal(&w, "leider-d@test.nl").await, &form_ref(&c)).await)
        .record
        .map_or(0, |r| r.version)
        .to_string();
    assert_eq!(
        w.post_form(&format!("{}/indienen", c.base), Some(&c.team), &[("versie", &form_version)]).await.status,
        403
    );
    let submitted = w.post_form(&format!("{}/indienen", c.base), Some(&c.leader), &[("versie", &form_version)]).await;
    assert_eq!(submitted.status, 303, "{}", submitted.body);
    // Frozen: no more edits (comments still).
    let late = w.post_form(&flag, Some(&c.leader), &[("score", "4"), ("versie", "9")]).await;
    assert!(late.status == 422 && late.body.contains("status:"), "a submitted form is no longer editable");
    let t = ok(w.store().trajectory(c.trajectory).await);
    assert_eq!(t.current_phase, 0, "PO moves on confirmation, not submission");
    let confirmed = w.post_form(&format!("{}/bevestigen", c.base), Some(&c.expert), &[("versie", "2")]).await;
    assert_eq!(confirmed.status, 303, "{}", confirmed.body);
    assert_eq!(ok(w.store().trajectory(c.trajectory).await).current_phase, 1, "the phase moved to the plan van aanpak");
    let goals = ok(w.state.app.verbeterpunten(c.trajectory).await);
    assert_eq!(goals.iter().map(|g| g.item.as_str()).collect::<Vec<_>>(), ["op2-rubric"]);
    assert_eq!(goals[0].baseline, Some(2));
    let result = w.get(&format!("{}/resultaat", c.base), Some(&c.board)).await;
    assert_eq!(result.status, 200);
    assert!(result.body.contains("<svg") && result.body.contains("Zicht op ontwikkeling"));
    let page = w.get(&format!("/trajecten/{}", c.trajectory), Some(&c.team)).await;
    assert!(page.status == 200 && page.body.contains(&c.base), "the trajectory links its form");
}

#[tokio::test]
async fn a_beheerder_adds_a_format_version_with_dutch_messages_naming_the_field() {
    let w = world().await;
    let admin = ok(w.session(auth_support::Who::Beheerder).await.ok_or("admin"));
    let list = w.get("/beheer/formats", Some(&admin)).await;
    assert!(list.status == 200 && list.body.contains("zelfevaluatie-po") && list.body.contains("review"));
    let text =
        koers_core::format::SHIPPED.iter().find(|(f, _)| *f == "review.toml").map(|(_, t)| *t).unwrap_or_default();
    let same = w.post_form("/beheer/formats/review", Some(&admin), &[("toml", text), ("gezien", "1")]).await;
    assert!(same.status == 422 && same.body.contains("version:"), "{}", same.status);
    let bumped = text.replacen("version = 1", "version = 2", 1);
    let bad = bumped.replacen("kind = \"rubric\"", "kind = \"raadsel\"", 1);
    let r = w.post_form("/beheer/formats/review", Some(&admin), &[("toml", &bad), ("gezien", "1")]).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("sections[") && r.body.contains("raadsel"), "the field path and the unknown kind");
    let r = w.post_form("/beheer/formats/review", Some(&admin), &[("toml", &bumped), ("gezien", "1")]).await;
    assert_eq!((r.status.as_u16(), r.location()), (303, "/beheer/formats/review?opgeslagen=1"));
    let stale = w
        .post_form(
            "/beheer/formats/review",
            Some(&admin),
            &[("toml", &bumped.replacen("version = 2", "version = 3", 1)), ("gezien", "1")],
        )
        .await;
    assert_eq!(stale.status, 409);
    let dup = w
        .post_form(
            "/beheer/formats/nieuw",
            Some(&admin),
            &[("toml", &bumped.replacen("version = 2", "version = 9", 1))],
        )
        .await;
    assert!(dup.status == 422 && dup.body.contains("id:"));
    assert_eq!(ok(w.store().format_versions("review").await).len(), 2);
}

#[tokio::test]
async fn the_school_leader_invites_the_team_who_then_sees_the_trajectory() {
    let w = world().await;
    let c = case(&w).await;
    let team = format!("/mijn-school/{}/team", c.school);
    let bad =
        w.post_form(&team, Some(&c.leader), &[("naam", "Tom"), ("email", "geen-adres"), ("wachtwoord", "kort")]).await;
    assert!(bad.status == 422 && bad.body.contains("Tom"));
    let r = w
        .post_form(
            &team,
            Some(&c.leader),
            &[("naam", "Tom Leerkracht"), ("email", "tom@school-d.nl"), ("wachtwoord", auth_support::PASSWORD)],
        )
        .await;
    assert_eq!(r.status, 303);
    assert!(w.get(&team, Some(&c.leader)).await.body.contains("tom@school-d.nl"));
    assert_eq!(w.get(&team, Some(&c.team)).await.status, 403, "the team does not manage the team");
    let login = w.login_raw("tom@school-d.nl", auth_support::PASSWORD).await;
    let tom = login.session_cookie().unwrap_or_else(|| panic!("login"));
    let home = w.get("/home", Some(&tom)).await;
    assert!(home.body.contains(&format!("/trajecten/{}", c.trajectory)), "reachable by clicking from home");
    assert_eq!(w.get(&c.base, Some(&tom)).await.status, 200);
}

#[tokio::test]
async fn the_api_reads_answers_and_submits_with_the_same_rules() {
    let w = world().await;
    let c = case(&w).await;
    let api = format!("/api/v1/trajectories/{}/forms/zelfevaluatie-po", c.trajectory);
    let put = |body: &'static str, cookie: String| {
        let req = browser("PUT", &format!("{api}/items/op1-rubric"), Some(&cookie))
            .header("content-type", "application/json")
            .body(Body::from(body));
        ok(req)
    };
    let bad = w.send(put(r#"{"answer":{"kind":"rubric","score":5},"version":0}"#, c.leader.clone())).await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.json()["errors"][0]["field"], "score");
    let good =
        w.send(put(r#"{"answer":{"kind":"rubric","score":3,"why":"Zie plan"},"version":0}"#, c.leader.clone())).await;
    assert_eq!((good.status.as_u16(), good.json()["version"].as_i64()), (200, Some(1)));
    let stale = w.send(put(r#"{"answer":{"kind":"rubric","score":1},"version":0}"#, c.team.clone())).await;
    assert_eq!(stale.status, 409);
    let form = w.get(&api, Some(&c.board)).await;
    assert_eq!(form.json()["items"]["op1-rubric"]["answer"]["score"], 3);
    assert_eq!(w.get(&api, Some(&c.other_staff)).await.status, 403);
    let spec = w.get("/api/openapi.json", None).await.json();
    assert!(spec["paths"]["/api/v1/trajectories/{id}/forms/{format}/items/{item}"]["put"].is_object());
}
