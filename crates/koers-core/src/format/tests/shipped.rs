//! The formats shipped with Koers: each parses, validates, survives a round trip, and carries
//! the content TRAJECTORY §2 asks of it.

use crate::format::item::{ItemKind, Prefill};
use crate::format::{Filler, Format, FormatKind, SHIPPED, evaluate};

fn shipped() -> Vec<Format> {
    Format::shipped().unwrap_or_else(|e| panic!("{e}"))
}

fn by_id(id: &str) -> Format {
    shipped().into_iter().find(|f| f.id == id).unwrap_or_else(|| panic!("{id}"))
}

/// Rubric items per standard code.
fn rubrics_of(f: &Format, code: &str) -> usize {
    f.items().filter(|l| l.standard() == Some(code) && matches!(l.item.kind, ItemKind::Rubric(_))).count()
}

fn kinds(f: &Format) -> Vec<&'static str> {
    let mut k: Vec<&'static str> = f.items().map(|l| l.item.kind.name()).collect();
    k.sort_unstable();
    k.dedup();
    k
}

#[test]
fn every_shipped_format_parses_validates_and_round_trips() {
    let formats = shipped();
    assert_eq!(formats.len(), SHIPPED.len());
    for f in &formats {
        let file = SHIPPED.iter().find(|(_, t)| t.contains(&format!("id = \"{}\"", f.id))).map(|(n, _)| *n);
        assert_eq!(file, Some(format!("{}.toml", f.id).as_str()), "a file is named after its format id");
        let text = f.to_toml().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(Format::from_toml("terug.toml", &text).as_ref(), Ok(f), "{}", f.id);
        let json = serde_json::to_string(f).unwrap_or_default();
        let back: Format = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&back, f);
        assert!(!f.framework.sources.is_empty(), "{}: sources", f.id);
        assert!(f.version >= 1);
        let empty = evaluate(f, &Default::default());
        assert!(empty.completeness.required > 0, "{}", f.id);
    }
}

#[test]
fn no_shipped_text_is_a_placeholder() {
    for (file, text) in SHIPPED {
        for bad in ["TODO", "lorem", "Lorem", "xxx", "FIXME", "placeholder"] {
            assert!(!text.contains(bad), "{file} contains {bad}");
        }
    }
    for f in shipped() {
        for l in f.items() {
            if let ItemKind::Rubric(r) = &l.item.kind {
                assert!(r.levels.iter().all(|d| d.len() >= 60), "{}: descriptors too thin", l.item.id);
            }
            assert!(
                l.item.label().trim_end().ends_with(['?', '.', ')']) || !matches!(l.item.kind, ItemKind::Reflection(_)),
                "{}: a question ends with a question mark",
                l.item.id
            );
        }
    }
}

#[test]
fn the_po_zelfevaluatie_covers_every_standard_with_a_rubric_and_reflection() {
    let f = by_id("zelfevaluatie-po");
    assert_eq!(f.kind, FormatKind::Zelfevaluatie);
    let codes: Vec<&str> = f.standards.iter().map(|s| s.code.as_str()).collect();
    let domain5 =
        ["OP0", "OP1", "OP2", "OP3", "OP4", "OP6", "OP8", "SK1", "SK2", "OR1", "OR2", "OR3", "KA1", "KA2", "KA3"];
    assert_eq!(codes, domain5);
    let core: Vec<&str> = f.standards.iter().filter(|s| s.core).map(|s| s.code.as_str()).collect();
    assert_eq!(core, ["OP2", "OP3", "SK1", "OR1"]);
    assert_eq!(f.standard("SKA2").map(|s| s.code.as_str()), Some("KA2"));
    for code in domain5 {
        assert_eq!(rubrics_of(&f, code), 1, "{code}: one rubric");
        let reflections =
            f.items().filter(|l| l.standard() == Some(code) && matches!(l.item.kind, ItemKind::Reflection(_))).count();
        assert!((1..=2).contains(&reflections) || code == "OR1", "{code}: {reflections} reflection questions");
    }
    assert_eq!(kinds(&f), ["evidence", "observation", "reflection", "results", "rubric"]);
    let results = f.item("or1-resultaten").map(|l| l.item.kind.clone());
    assert!(
        matches!(results, Some(ItemKind::Results(r)) if r.prefill == Some(Prefill::PoResultatenmodel) && r.tables.len() == 2)
    );
    let obs = f.item("op3-klassenbezoeken").map(|l| l.item.kind.clone());
    assert!(matches!(obs, Some(ItemKind::Observation(o)) if o.kijkwijzer == "kijkwijzer-po"));
    let kw = f.kijkwijzer("kijkwijzer-po").unwrap_or_else(|| panic!("kijkwijzer"));
    assert_eq!(kw.domains.len(), 7, "six ICALT domains plus pupil engagement");
    assert!(kw.items().count() >= 20);
    assert_eq!(f.filler(f.section("op3").unwrap_or_else(|| panic!("op3"))), Filler::Together);
    for example in [
        "Hoe verklaren jullie de ontwikkeling van de resultaten over de laatste drie jaar, en welke groepen of domeinen vallen op?",
        "Wat zien we in de klassenbezoeken over de instructie op verschillende niveaus?",
        "Hoe weten jullie of de gekozen interventies effect hebben?",
    ] {
        assert!(SHIPPED[0].1.contains(example), "TRAJECTORY's example: {example}");
    }
}

#[test]
fn the_specialised_format_starts_from_the_entry_criteria_and_the_opp() {
    let f = by_id("zelfevaluatie-gespecialiseerd");
    let first: Vec<&str> = f.sections[0].items.iter().map(|i| i.label()).collect();
    assert!(first[0].starts_with("Is onze leerlingpopulatie in beeld en beschreven?"));
    assert!(first[1].starts_with("Welke ambities voor de resultaten"));
    assert!(first[2].starts_with("Hebben we onze ambities de afgelopen jaren waargemaakt?"));
    let Some(ItemKind::Results(r)) = f.item("or1-uitstroom").map(|l| &l.item.kind) else { panic!("uitstroom") };
    assert_eq!(r.prefill, None, "no register data: the signaleringswaarde plays no role");
    let tables: Vec<&str> = r.tables.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(tables, ["uitstroom-opp", "vso-vervolgonderwijs", "vso-arbeidsmarkt", "vso-dagbesteding"]);
    assert!(r.tables.iter().all(|t| t.free_rows >= 5 && t.columns.iter().any(|c| c.id == "gerealiseerd")));
    assert!(f.section("opp").is_some_and(|s| s.items.len() >= 3));
    assert_eq!(f.standard("OP3").map(|s| s.title.as_str()), Some("(Ortho)pedagogisch en -didactisch handelen"));
    let po = by_id("zelfevaluatie-po");
    let codes = |f: &Format| f.standards.iter().map(|s| s.code.clone()).collect::<Vec<_>>();
    assert_eq!(codes(&f), codes(&po), "the standards as for PO");
    for s in &f.standards {
        assert!(rubrics_of(&f, &s.code) >= 1, "{}", s.code);
    }
}

#[test]
fn the_board_format_has_bka_the_documents_the_roles_and_the_advisers_own_sections() {
    use crate::programme::Audience;
    let f = by_id("zelfevaluatie-bestuur");
    let codes: Vec<&str> = f.standards.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(codes, ["BKA1", "BKA2", "BKA3"]);
    for code in codes {
        let reflections =
            f.items().filter(|l| l.standard() == Some(code) && matches!(l.item.kind, ItemKind::Reflection(_))).count();
        assert_eq!((rubrics_of(&f, code), reflections), (1, 3), "{code}");
    }
    let Some(ItemKind::Choice(check)) = f.item("documenten-checklist").map(|l| &l.item.kind) else {
        panic!("checklist")
    };
    let docs: Vec<&str> = check.options.iter().map(|o| o.id.as_str()).collect();
    for doc in ["koersplan", "toezichtsvisie", "toetsingskader", "kwaliteitskalender", "jaarverslag"] {
        assert!(docs.contains(&doc), "{doc}");
        assert!(
            f.item(&format!("documenten-{doc}")).is_some_and(|l| matches!(l.item.kind, ItemKind::Evidence(_))),
            "{doc}"
        );
    }
    let expert: Vec<&str> =
        f.sections.iter().filter(|s| f.filler(s) == Filler::Expert).map(|s| s.id.as_str()).collect();
    assert_eq!(expert, ["analyse", "gesprekken", "advies"]);
    let talks: Vec<&str> =
        f.section("gesprekken").map(|s| s.items.iter().map(|i| i.id.as_str()).collect()).unwrap_or_default();
    assert_eq!(talks, ["gesprek-bestuurder", "gesprek-toezicht", "gesprek-gmr", "gesprek-overig"]);
    let roles = f.section("rollen").map(|s| s.items.len()).unwrap_or_default();
    assert_eq!(roles, 4, "a rubric and one question per role");
    assert_eq!(Filler::School.label_nl(Audience::Bestuur), "het bestuur");
    assert_eq!(Filler::Together.label_nl(Audience::School), "school en expert samen");
    let empty = evaluate(&f, &Default::default());
    assert!(
        empty
            .completeness
            .open_for(Filler::Expert)
            .all(|o| ["analyse", "gesprekken", "advies", "conclusie"].contains(&o.section.as_str()))
    );
}

#[test]
fn the_npo_schoolscan_covers_four_domains_with_sources_and_feeds_the_stappenplan_from_the_menukaart() {
    use crate::format::answer::{Answer, ChoiceAnswer, FilledForm, Selection};
    let f = by_id("npo-schoolscan");
    assert_eq!(f.kind, FormatKind::Schoolscan);
    for (section, table) in [
        ("cognitief", "vertragingen"),
        ("sociaal-emotioneel", "welbevinden"),
        ("executief", "executieve-functies"),
        ("studievaardigheden", "studievaardigheden"),
    ] {
        let s = f.section(section).unwrap_or_else(|| panic!("{section}"));
        let t = s.items.iter().find_map(|i| match &i.kind {
            ItemKind::Results(r) => r.tables.iter().find(|t| t.id == table),
            _ => None,
        });
        let t = t.unwrap_or_else(|| panic!("{table}"));
        assert!(t.columns.iter().any(|c| c.id == "bron"), "{table}: every finding names its source");
        assert!(t.row_header.starts_with("Leerjaar en afdeling"));
        assert!(s.items.iter().any(|i| matches!(i.kind, ItemKind::Rubric(_))), "{section}");
    }
    let menu = f.option_list("npo-menukaart").unwrap_or_else(|| panic!("menukaart"));
    let groups: Vec<&str> = menu.groups.iter().map(|g| &g.label[..2]).collect();
    assert_eq!(groups, ["A.", "B.", "C.", "D.", "E.", "F."]);
    assert!(menu.groups[0].label.contains("Meer onderwijs"), "official category names");
    assert!(menu.options.iter().all(|o| o.group.is_some()));
    let Some(ItemKind::Choice(c)) = f.item("interventies-keuze").map(|l| &l.item.kind) else { panic!("keuze") };
    assert!(c.feeds_plan && c.multiple && c.note_prompt.is_some());
    let mut filled = FilledForm::default();
    let chosen = Answer::Choice(ChoiceAnswer {
        selected: vec![
            Selection { option: "b-kleine-groepen".into(), note: "Leerjaar 2 havo/vwo, begrijpend lezen".into() },
            Selection { option: "d-metacognitie".into(), note: "Alle brugklassen, plannen".into() },
        ],
    });
    assert_eq!(f.check_answer("interventies-keuze", &chosen), Ok(()));
    filled.answers.insert("interventies-keuze".into(), chosen);
    let r = evaluate(&f, &filled);
    let plan: Vec<(&str, Option<&str>)> = r
        .choices
        .iter()
        .filter(|c| c.feeds_plan)
        .flat_map(|c| c.chosen.iter().map(|o| (o.label.as_str(), o.group.as_deref())))
        .collect();
    assert_eq!(
        plan,
        [
            (
                "Instructie in kleine groepen",
                Some("B. Effectievere inzet van onderwijs om kennis en vaardigheden bij te spijkeren")
            ),
            ("Metacognitie en zelfregulerend leren", Some("D. Ontwikkeling van de executieve functies van leerlingen")),
        ]
    );
}

#[test]
fn the_vo_zelfanalyse_covers_every_level_with_risk_factors_as_rubrics() {
    let f = by_id("zelfanalyse-vo");
    assert_eq!(f.kind, FormatKind::Zelfanalyse);
    let sections: Vec<&str> = f.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        sections,
        [
            "situatie",
            "leiderschap",
            "kwaliteitszorg",
            "opbrengsten",
            "onderwijs",
            "ondersteuning",
            "personeel",
            "cultuur",
            "ouders",
            "conclusie"
        ]
    );
    for area in &sections[1..9] {
        let s = f.section(area).unwrap_or_else(|| panic!("{area}"));
        let risks =
            s.items.iter().filter(|i| matches!(&i.kind, ItemKind::Rubric(r) if r.title.starts_with("Risicofactor: ")));
        assert!(risks.count() >= 1, "{area}: risk factors as rubric items");
    }
    let Some(ItemKind::Results(r)) = f.item("opbrengsten-cijfers").map(|l| &l.item.kind) else { panic!("cijfers") };
    assert_eq!(r.prefill, Some(Prefill::VoExamens), "the exam pass-rate trend from the register");
    let cols: Vec<&str> = r.tables[0].columns.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(cols, ["onderwijspositie", "onderbouwsnelheid", "bovenbouwsucces", "examencijfers", "onder-norm"]);
    assert!(
        f.item("onderwijs-lesobservaties")
            .is_some_and(|l| matches!(&l.item.kind, ItemKind::Observation(o) if o.kijkwijzer == "kijkwijzer-vo"))
    );
    for word in ["vlootschouw", "urgentiebesef", "SHRM"] {
        assert!(SHIPPED[4].1.contains(word), "{word}");
    }
    let empty = evaluate(&f, &Default::default());
    let groups: Vec<&str> = empty.groups.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(groups, &sections[1..9], "without standards the chart has one bar per area");
}

#[test]
fn the_review_records_team_scope_findings_judgement_recommendations_and_the_schools_response() {
    use crate::format::answer::{Answer, ChoiceAnswer, FilledForm, RubricAnswer, Selection};
    let f = by_id("review");
    assert_eq!((f.kind, f.filled_by, f.scope.as_deref()), (FormatKind::Review, Filler::Expert, Some("opzet-scope")));
    let Some(ItemKind::Choice(soort)) = f.item("opzet-soort").map(|l| &l.item.kind) else { panic!("soort") };
    let uses: Vec<&str> = soort.options.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(uses, ["nulmeting", "midterm", "audit"]);
    let Some(ItemKind::Results(team)) = f.item("opzet-team-programma").map(|l| &l.item.kind) else { panic!("team") };
    assert!(team.tables.iter().any(|t| t.id == "reviewteam" && t.columns.iter().any(|c| c.id == "organisatie")));
    for s in &f.standards {
        let sec = f.section(&s.code.to_lowercase()).unwrap_or_else(|| panic!("{}", s.code));
        let kinds: Vec<&str> = sec.items.iter().map(|i| i.kind.name()).collect();
        assert_eq!(kinds, ["rubric", "reflection"], "{}: judgement and findings", s.code);
    }
    assert!(f.section("conclusies").is_some_and(|s| s.items.iter().any(|i| i.id == "conclusies-aanbevelingen")));
    assert_eq!(f.section("reactie").and_then(|s| s.filled_by), Some(Filler::School));

    // A midterm review of OP2, OP3 and OR1 only: the other standards drop out of the result.
    let mut filled = FilledForm::default();
    let scope = ["OP2", "OP3", "OR1"].map(|c| Selection { option: c.into(), note: String::new() }).to_vec();
    filled.answers.insert("opzet-scope".into(), Answer::Choice(ChoiceAnswer { selected: scope }));
    filled
        .answers
        .insert("op3-oordeel".into(), Answer::Rubric(RubricAnswer { score: Some(2), why: "Wisselend.".into() }));
    let r = evaluate(&f, &filled);
    let bars: Vec<&str> = r.chart.bars.iter().map(|b| b.key.as_str()).collect();
    assert_eq!(bars, ["OP2", "OP3", "OR1"]);
    assert!(r.completeness.open.iter().all(|o| !o.item.starts_with("sk1") && !o.item.starts_with("ka")));
    assert_eq!(r.improvements.len(), 1);
}

#[test]
fn a_schoolscan_becomes_a_stappenplan() {
    use crate::format::answer::{Answer, ChoiceAnswer, FilledForm, RubricAnswer, Selection};
    use crate::plan::fixtures::{ctx, d, settings};
    use crate::plan::{ChosenIntervention, NpoCategory, SchoolRole, StappenplanInput, stappenplan};
    let f = by_id("npo-schoolscan");
    let mut filled = FilledForm::default();
    filled.answers.insert(
        "cognitief-rubric".into(),
        Answer::Rubric(RubricAnswer { score: Some(2), why: "Begrijpend lezen blijft achter in leerjaar 2.".into() }),
    );
    filled.verbeterpunten.insert("cognitief-rubric".into(), "Achterstand begrijpend lezen leerjaar 2".into());
    filled.verbeterpunten.insert("executief-rubric".into(), String::new());
    filled.answers.insert(
        "interventies-keuze".into(),
        Answer::Choice(ChoiceAnswer {
            selected: vec![
                Selection { option: "b-kleine-groepen".into(), note: "Leerjaar 2, begrijpend lezen".into() },
                Selection { option: "d-metacognitie".into(), note: String::new() },
            ],
        }),
    );
    let findings: Vec<crate::plan::CandidateGoal> =
        crate::format::candidate_goals(&f, &filled).iter().map(|c| c.for_plan()).collect();
    let r = evaluate(&f, &filled);
    let chosen: Vec<_> = r.choices.iter().filter(|c| c.feeds_plan).flat_map(|c| c.chosen.clone()).collect();
    let categories: Vec<Option<NpoCategory>> = chosen.iter().map(|o| o.npo_category()).collect();
    assert_eq!(categories, [Some(NpoCategory::B), Some(NpoCategory::D)]);
    let interventions = chosen
        .iter()
        .zip([vec!["cognitief-rubric".to_owned()], vec![]])
        .filter_map(|(o, serves)| {
            Some(ChosenIntervention {
                name: o.label.clone(),
                category: o.npo_category()?,
                serves,
                owner: SchoolRole::Teamleider,
                start: d(2026, 1, 5),
                end: d(2026, 6, 30),
            })
        })
        .collect();
    let s = settings();
    let plan = stappenplan(&StappenplanInput { findings, interventions }, &ctx(&s)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plan.goals.len(), 2);
    assert_eq!(plan.measures.len(), 2);
    assert_eq!(plan.measures[0].what, "Instructie in kleine groepen");
}
