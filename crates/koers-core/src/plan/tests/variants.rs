//! Plans built from the zelfevaluatie's verbeterpunten and from the NPO schoolscan.

use super::*;

fn finding(key: &str, description: &str, standards: &[&str]) -> CandidateGoal {
    CandidateGoal {
        key: key.into(),
        description: description.into(),
        standards: standards.iter().map(|s| (*s).to_owned()).collect(),
    }
}

fn intervention(name: &str, category: NpoCategory, serves: &[&str]) -> ChosenIntervention {
    ChosenIntervention {
        name: name.into(),
        category,
        serves: serves.iter().map(|s| (*s).to_owned()).collect(),
        owner: SchoolRole::Teamleider,
        start: d(2025, 9, 1),
        end: d(2026, 7, 10),
    }
}

fn scan() -> StappenplanInput {
    StappenplanInput {
        findings: vec![
            finding("cognitief-rekenen-lj2", "Vertraging rekenen in leerjaar 2 inlopen", &["OP1"]),
            finding("executief-planning", "Leerlingen plannen hun werk zelf", &["OP3"]),
        ],
        interventions: vec![
            intervention(
                "Instructie in kleine groepen rekenen, leerjaar 2",
                NpoCategory::B,
                &["cognitief-rekenen-lj2"],
            ),
            intervention(
                "Metacognitie en zelfregulerend leren in de mentorles",
                NpoCategory::D,
                &["executief-planning"],
            ),
            intervention("Ouderavonden over huiswerkbegeleiding", NpoCategory::F, &[]),
        ],
    }
}

#[test]
fn the_stappenplan_turns_findings_into_goals_and_interventions_into_school_measures() {
    let s = settings();
    let p = stappenplan(&scan(), &ctx(&s)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.kind, PlanKind::Stappenplan);
    assert_eq!(
        p.goals.iter().map(|g| g.description.as_str()).collect::<Vec<_>>(),
        ["Vertraging rekenen in leerjaar 2 inlopen", "Leerlingen plannen hun werk zelf"]
    );
    let measures: Vec<(i64, Vec<i64>, ActivityType)> =
        p.measures.iter().map(|m| (m.id.get(), m.goals.iter().map(|g| g.get()).collect(), m.activity)).collect();
    assert_eq!(
        measures,
        vec![
            (3, vec![1], ActivityType::NpoInterventie(NpoCategory::B)),
            (4, vec![2], ActivityType::NpoInterventie(NpoCategory::D)),
            (5, vec![1, 2], ActivityType::NpoInterventie(NpoCategory::F)),
        ]
    );
    assert_eq!(p.expert_part().count(), 0);
    assert_eq!(p.next_id, 6);
    assert_eq!(
        p.measures[0].activity.label_nl(),
        "NPO-interventie B: Effectievere inzet van onderwijs om kennis en vaardigheden bij te spijkeren"
    );
    // Still to do before signing: indicators per goal.
    let missing: Vec<PlanProblem> = check_complete(&p, &ctx(&s)).into_iter().map(|e| e.problem).collect();
    assert_eq!(missing, vec![PlanProblem::NoIndicator, PlanProblem::NoIndicator]);
}

#[test]
fn an_intervention_naming_an_unknown_finding_is_refused() {
    let s = settings();
    let mut input = scan();
    input.interventions[1].serves.push("sociaal-welbevinden".into());
    let e = stappenplan(&input, &ctx(&s)).err().map(|e| e.to_string());
    assert_eq!(
        e.as_deref(),
        Some(
            "het plan is niet opgeslagen: interventie 2 ('Metacognitie en zelfregulerend leren in de mentorles'): noemt de bevinding 'sociaal-welbevinden', die niet bij de gekozen bevindingen van de schoolscan staat"
        )
    );
    let mut input = scan();
    input.findings[1].key = "cognitief-rekenen-lj2".into();
    assert!(matches!(
        stappenplan(&input, &ctx(&s)),
        Err(PlanError::Invalid(v)) if v[0].problem == PlanProblem::DuplicateFinding { key: "cognitief-rekenen-lj2".into() }
    ));
    let mut input = scan();
    input.interventions[0].end = d(2025, 8, 31);
    assert!(stappenplan(&input, &ctx(&s)).is_err(), "end before start");
}

#[test]
fn more_findings_than_active_goals_are_refused() {
    let s = settings(); // at most 3 active goals
    let mut input = scan();
    input.findings.extend((0..2).map(|i| finding(&format!("extra-{i}"), "Nog een bevinding", &[])));
    let e = stappenplan(&input, &ctx(&s)).err();
    assert!(
        matches!(e, Some(PlanError::Invalid(v)) if v[0].problem == PlanProblem::TooManyActiveGoals { active: 4, max: 3 })
    );
}

#[test]
fn chosen_verbeterpunten_become_active_goals() {
    let s = settings();
    let chosen = [
        finding("or1", "De resultaten begrijpend lezen stijgen tot boven de signaleringswaarde", &["or1"]),
        finding("op2", " Zicht op ontwikkeling: groepsplannen op basis van LVS-analyse ", &["OP2"]),
    ];
    let (p, ids) =
        with_candidates(&Plan::new(PlanKind::PlanVanAanpak), &chosen, &ctx(&s)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids, [GoalId::new(1), GoalId::new(2)]);
    assert_eq!(p.goals[0].standards, ["OR1"]);
    assert_eq!(p.goals[1].description, "Zicht op ontwikkeling: groepsplannen op basis van LVS-analyse");
    assert!(p.goals.iter().all(Goal::is_active));
    let four: Vec<CandidateGoal> = (0..4).map(|i| finding(&i.to_string(), "Doel", &["KA1"])).collect();
    assert!(with_candidates(&Plan::new(PlanKind::PlanVanAanpak), &four, &ctx(&s)).is_err());
    let (p, _) =
        with_candidates(&Plan::new(PlanKind::PlanVanAanpak), &four[..3], &ctx(&s)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.active_goals().count(), 3, "exactly the maximum");
}
