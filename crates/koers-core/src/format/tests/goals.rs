//! Flagged verbeterpunten → candidate goals.

use super::fixture::mini;
use super::results::filled;
use crate::format::answer::{Answer, FilledForm, ObservationAnswer, Visit};
use crate::format::candidate_goals;

#[test]
fn each_flagged_item_becomes_a_candidate_goal_in_format_order() {
    let goals = candidate_goals(&mini(), &filled());
    let items: Vec<&str> = goals.iter().map(|g| g.item.as_str()).collect();
    assert_eq!(items, ["op2-reflectie", "ka1-score"], "the flag on an unknown id is skipped");
    let ka1 = &goals[1];
    assert_eq!(ka1.standards, ["KA1"]);
    assert_eq!(ka1.context, "KA1 Kwaliteitszorg");
    assert_eq!(ka1.baseline, Some(3));
    assert_eq!(ka1.description, "KA1 Kwaliteitszorg: van voldoende naar goed: Cyclus werkt en verbetert.");
    assert_eq!(ka1.note, "De kalender wordt niet gevolgd.");
    let op2 = &goals[0];
    assert_eq!(
        op2.description,
        "OP2 Zicht op ontwikkeling en begeleiding: Wat doen jullie als een leerling achterblijft?"
    );
    assert_eq!(op2.baseline, None);
}

#[test]
fn a_low_or_missing_score_aims_at_voldoende() {
    let mut f = FilledForm::default();
    f.verbeterpunten.insert("op2-score".into(), String::new());
    f.verbeterpunten.insert("op3-score".into(), "Instructie".into());
    f.answers.insert(
        "op2-score".into(),
        Answer::Rubric(crate::format::answer::RubricAnswer { score: Some(1), why: String::new() }),
    );
    let goals = candidate_goals(&mini(), &f);
    assert_eq!(
        goals[0].description,
        "OP2 Zicht op ontwikkeling en begeleiding: van onvoldoende naar voldoende: Systematisch en gebruikt."
    );
    assert_eq!(goals[0].baseline, Some(1));
    assert_eq!(goals[1].description, "OP3 Pedagogisch-didactisch handelen: naar voldoende: Op orde.");
}

#[test]
fn flagged_klassenbezoeken_aim_at_the_weakest_domain() {
    let mut f = filled();
    f.verbeterpunten.insert("op3-bezoeken".into(), String::new());
    let goals = candidate_goals(&mini(), &f);
    let g = goals.iter().find(|g| g.item == "op3-bezoeken").unwrap_or_else(|| panic!("goal"));
    assert_eq!(
        g.description,
        "OP3 Pedagogisch-didactisch handelen: de lessen worden sterker op afstemming op verschillen (nu gemiddeld 1,5 op de kijkwijzer)"
    );
    assert_eq!(g.standards, ["OP3"]);
    f.answers.insert("op3-bezoeken".into(), Answer::Observation(ObservationAnswer { visits: vec![Visit::default()] }));
    let goals = candidate_goals(&mini(), &f);
    let g = goals.iter().find(|g| g.item == "op3-bezoeken").unwrap_or_else(|| panic!("goal"));
    assert_eq!(g.description, "OP3 Pedagogisch-didactisch handelen: verbeteren wat de klassenbezoeken laten zien");
}

#[test]
fn without_flags_there_are_no_candidates() {
    let mut f = filled();
    f.verbeterpunten.clear();
    assert!(candidate_goals(&mini(), &f).is_empty());
}

#[test]
fn candidates_become_goals_of_the_plan_van_aanpak() {
    use crate::plan::fixtures::{ctx, settings};
    use crate::plan::{Plan, PlanKind, with_candidates};
    let chosen: Vec<crate::plan::CandidateGoal> =
        candidate_goals(&mini(), &filled()).iter().map(|c| c.for_plan()).collect();
    assert_eq!(chosen[1].key, "ka1-score");
    assert_eq!(chosen[1].standards, ["KA1"]);
    let s = settings();
    let (plan, ids) =
        with_candidates(&Plan::new(PlanKind::PlanVanAanpak), &chosen, &ctx(&s)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids.len(), 2);
    assert_eq!(plan.goals[1].description, "KA1 Kwaliteitszorg: van voldoende naar goed: Cyclus werkt en verbetert.");
}
