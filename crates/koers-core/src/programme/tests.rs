// Over ~400 lines on purpose: one table of refusals per programme field, kept together so a
// new field's refusal is added beside its neighbours.
//! The shipped programmes, the round trip through TOML and JSON, and every refusal with the
//! field named.

use super::*;
use crate::trajectory::PhaseState;

fn shipped() -> Vec<ProgrammeRules> {
    ProgrammeRules::shipped().unwrap_or_else(|e| panic!("{e}"))
}

fn by_id(id: &str) -> ProgrammeRules {
    shipped().into_iter().find(|p| p.id == id).unwrap_or_else(|| panic!("{id}"))
}

fn phase_names(p: &ProgrammeRules) -> Vec<&str> {
    p.phases.iter().map(|ph| ph.name.as_str()).collect()
}

fn err(text: &str) -> ProgrammeError {
    ProgrammeRules::from_toml("p.toml", text).err().unwrap_or_else(|| panic!("accepted:\n{text}"))
}

#[test]
fn the_five_shipped_programmes_load() {
    let ps = shipped();
    let ids: Vec<&str> = ps.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "gwgb-plus-school",
            "gwgb-plus-gespecialiseerd",
            "gwgb-plus-bestuur",
            "leren-verbeteren-npo",
            "leren-verbeteren-procesbegeleiding"
        ]
    );
    assert_eq!(ps[0].rule, RuleSettings::ResultsBand(BandRule::default()));
    assert!(matches!(ps[1].rule, RuleSettings::SpecialEducation(_)));
    assert_eq!(ps[2].rule, RuleSettings::BoardHistory(BoardRule::default()));
    assert_eq!(ps[3].rule, RuleSettings::VerdictOrRisk(VoRule { demonstrable_risk_qualifies: true }));
    assert_eq!(ps[4].rule, RuleSettings::VerdictOrRisk(VoRule { demonstrable_risk_qualifies: true }));
    let audiences: Vec<Audience> = ps.iter().map(|p| p.audience).collect();
    use Audience::*;
    assert_eq!(audiences, [School, School, Bestuur, School, School]);
    let approval: Vec<bool> = ps.iter().map(|p| p.board_approval).collect();
    assert_eq!(approval, [true, true, false, true, true], "a board does not approve its own application");
    assert!(ps.iter().all(|p| p.help_question.ends_with('.')));
}

#[test]
fn each_programme_has_the_phases_of_its_core_work() {
    let gwgb = ["Zelfevaluatie (0-meting)", "Plan van aanpak", "Uitvoering met de expert", "Afronding"];
    assert_eq!(phase_names(&by_id("gwgb-plus-school")), gwgb);
    assert_eq!(phase_names(&by_id("gwgb-plus-gespecialiseerd")), gwgb);
    assert_eq!(
        phase_names(&by_id("gwgb-plus-bestuur")),
        ["Analyse van het kwaliteitsbeleid", "Zelfevaluatie BKA1–3", "Advies", "Plan"]
    );
    assert_eq!(phase_names(&by_id("leren-verbeteren-npo")), ["Schoolscan", "Stappenplan", "Uitvoering", "Afronding"]);
    assert_eq!(
        phase_names(&by_id("leren-verbeteren-procesbegeleiding")),
        [
            "Situatie in kaart",
            "Bewustwording en erkenning",
            "Doelen en maatregelen",
            "Aan de slag",
            "Voortgang en resultaten",
            "Kwaliteit op peil"
        ]
    );
}

#[test]
fn a_trajectory_starts_at_the_programmes_first_phase() {
    let t = by_id("leren-verbeteren-procesbegeleiding").start_trajectory().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.current_id(), Some("situatie-in-kaart"));
    assert_eq!(t.timeline().iter().filter(|e| e.state == PhaseState::Gepland).count(), 5);
}

#[test]
fn npo_costs_at_most_two_times_eight_dagdelen_shared_fifty_fifty() {
    let npo = by_id("leren-verbeteren-npo");
    assert_eq!(npo.max_dagdelen(), Some(16));
    let eight = npo.cost(8).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(eight.school.to_string(), "€ 2.286,00");
    assert_eq!(eight.total.to_string(), "€ 4.572,00");
    let sixteen = npo.cost(16).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((sixteen.school, sixteen.programme), (Cents(457_200), Cents(457_200)));
    assert_eq!(
        npo.cost(17).err().map(|e| e.to_string()).as_deref(),
        Some("het budget is ten hoogste 8 × 2 = 16 dagdelen; gevraagd zijn er 17")
    );
    assert_eq!(by_id("gwgb-plus-school").cost(1), Err(CostError::NotCoFinanced));
    assert_eq!(by_id("gwgb-plus-school").max_dagdelen(), None);
}

#[test]
fn every_programme_survives_a_round_trip_through_toml_and_json() {
    for p in shipped() {
        let text = p.to_toml().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ProgrammeRules::from_toml("terug.toml", &text), Ok(p.clone()), "{text}");
        let json = serde_json::to_string(&p).unwrap_or_else(|e| panic!("{e}"));
        let back: ProgrammeRules = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.validate("json"), Ok(()));
        assert_eq!(back, p);
    }
}

#[test]
fn a_beheerder_can_define_a_new_programme_in_text() {
    let text = r#"
        id = "rekenen-verbeteren-2027"
        name = "Rekenen verbeteren"
        audience = "school"
        sectors = ["vo"]
        board_approval = false
        help_question = "Wat wil je verbeteren?"
        [rule]
        kind = "verdict-or-risk"
        demonstrable_risk_qualifies = true
        [[phases]]
        id = "scan"
        name = "Scan"
        [dagdelen]
        per_block = 4
        max_blocks = 1
        [co_financing]
        rate_per_dagdeel_cents = 60000
        school_share_percent = 25
    "#;
    let p = ProgrammeRules::from_toml("nieuw.toml", text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.cost(4).map(|c| c.school), Ok(Cents(60_000)));
    assert_eq!(p.phases.len(), 1);
}

#[test]
fn bad_settings_are_refused_with_the_field_named() {
    let school = SHIPPED[0].1;
    let npo = SHIPPED[3].1;
    let cases: &[(&str, &str, &str, &str)] = &[
        (school, "grens_fraction = 0.5", "grens_fraction = 1.5", "grens_fraction moet tussen 0 en 1 liggen"),
        (
            school,
            "min_indicators_below_grens = 1",
            "min_indicators_below_grens = 3",
            "min_indicators_below_grens moet 1 of 2 zijn",
        ),
        (school, "norms = \"inspectie-po-2023-2025\"\n", "", "een resultatenband-regel heeft 'norms' nodig"),
        (
            school,
            "id = \"gwgb-plus-school\"",
            "id = \"GWGB Plus\"",
            "id mag alleen kleine letters, cijfers en losse streepjes bevatten (bijvoorbeeld gwgb-plus-school)",
        ),
        (
            school,
            "name = \"Goed Worden, Goed Blijven Plus (school)\"",
            "name = \"  \"",
            "name (de naam van het programma) mag niet leeg zijn",
        ),
        (
            school,
            "sectors = [\"po\"]",
            "sectors = []",
            "sectors moet minstens één sector noemen (po, sbo, so, vso of vo)",
        ),
        (school, "sectors = [\"po\"]", "sectors = [\"po\", \"po\"]", "sectors noemt een sector twee keer"),
        (
            school,
            "audience = \"school\"",
            "audience = \"bestuur\"",
            "audience moet 'bestuur' zijn bij een regel op bestuursniveau (board-history) en 'school' bij elke andere regel",
        ),
        (
            school,
            "id = \"plan-van-aanpak\"",
            "id = \"zelfevaluatie\"",
            "phases: het id 'zelfevaluatie' komt twee keer voor",
        ),
        (school, "name = \"Afronding\"", "name = \"\"", "phases: fase 4 ('afronding') heeft geen naam"),
        (
            school,
            "id = \"uitvoering\"",
            "id = \"Uitvoering!\"",
            "phases: fase 3 heeft id 'Uitvoering!'; gebruik kleine letters, cijfers en streepjes",
        ),
        (SHIPPED[2].1, "lookback_years = 3", "lookback_years = 0", "rule.lookback_years moet tussen 1 en 10 liggen"),
        (
            npo,
            "sectors = [\"vo\"]",
            "sectors = [\"po\"]",
            "een regel voor het voortgezet onderwijs (verdict-or-risk) hoort bij sectors = [\"vo\"]",
        ),
        (npo, "per_block = 8", "per_block = 0", "dagdelen.per_block moet tussen 1 en 100 liggen"),
        (
            npo,
            "school_share_percent = 50",
            "school_share_percent = 150",
            "co_financing.school_share_percent moet tussen 0 en 100 liggen",
        ),
        (
            npo,
            "rate_per_dagdeel_cents = 57150",
            "rate_per_dagdeel_cents = 0",
            "co_financing.rate_per_dagdeel_cents moet tussen 1 en 10000000 liggen",
        ),
    ];
    for (base, from, to, want) in cases {
        assert!(base.contains(from), "{from}");
        let e = err(&base.replacen(from, to, 1));
        assert_eq!(e.detail, *want, "{from} → {to}");
        assert!(e.field.is_some(), "{want}");
        assert_eq!(e.to_string(), format!("programma-instellingen p.toml: {want}"));
    }
    assert_eq!(
        err(&school.replace("grens_fraction = 0.5", "grens_fraction = 1.5")).field.as_deref(),
        Some("rule.grens_fraction")
    );
}

#[test]
fn a_programme_without_phases_is_refused() {
    let mut p = by_id("gwgb-plus-school");
    p.phases.clear();
    let e = p.validate("db").err().unwrap_or_else(|| panic!("accepted"));
    assert_eq!((e.field.as_deref(), e.detail.as_str()), (Some("phases"), "phases moet minstens één fase hebben"));
}

#[test]
fn parse_errors_are_dutch_with_the_line_and_the_field() {
    let school = SHIPPED[0].1;
    let e = err(&school.replace("help_question", "hulpvraag"));
    assert!(e.detail.contains("onbekend veld 'hulpvraag' (verkeerd gespeld?)"), "{}", e.detail);
    assert!(e.detail.starts_with("regel 13: "), "{}", e.detail);
    assert_eq!(e.field.as_deref(), Some("hulpvraag"));
    let e = err(&school.replace("board_approval = true\n", ""));
    assert!(e.detail.ends_with("het veld 'board_approval' ontbreekt"), "{}", e.detail);
    assert_eq!(e.field.as_deref(), Some("board_approval"));
    let e = err(&school.replace("kind = \"results-band\"", "kind = \"lottery\""));
    assert!(e.detail.contains("onbekende waarde 'lottery'; kies uit `results-band`"), "{}", e.detail);
    let e = err(&school.replace("board_approval = true", "board_approval = ja"));
    assert!(e.detail.starts_with("regel 12: geen geldige TOML"), "{}", e.detail);
    let e = err(&school.replace("audience = \"school\"", "audience = 3"));
    assert!(e.detail.contains("verkeerd soort waarde"), "{}", e.detail);
}

#[test]
fn each_programme_sets_its_plan_and_early_warning() {
    use crate::plan::Signer::{Bestuurder, Schoolleider};
    let rows: Vec<(String, u32, Vec<crate::plan::Signer>, u32, u32)> = shipped()
        .into_iter()
        .map(|p| {
            (p.id, p.plan.max_active_goals, p.plan.signers, p.op_koers.no_update_weeks, p.op_koers.plan_sign_off_weeks)
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("gwgb-plus-school".into(), 10, vec![Schoolleider, Bestuurder], 6, 8),
            ("gwgb-plus-gespecialiseerd".into(), 10, vec![Schoolleider, Bestuurder], 6, 8),
            ("gwgb-plus-bestuur".into(), 5, vec![Bestuurder], 8, 10),
            ("leren-verbeteren-npo".into(), 6, vec![Schoolleider, Bestuurder], 4, 6),
            ("leren-verbeteren-procesbegeleiding".into(), 10, vec![Schoolleider, Bestuurder], 4, 6),
        ]
    );
    assert_eq!(
        by_id("leren-verbeteren-npo").funding().label_nl(),
        "cofinanciering: school 50% van € 571,50 per dagdeel (€ 285,75), excl. btw"
    );
    assert_eq!(by_id("gwgb-plus-school").funding(), crate::money::Funding::Subsidised);
    assert_eq!(by_id("gwgb-plus-bestuur").funding().label_nl(), "kosteloos (gesubsidieerd)");
}

#[test]
fn a_programme_without_the_new_sections_gets_the_defaults() {
    let old = SHIPPED[3].1.split("\n[plan]").next().unwrap_or_default().replace("override_allowed = true\n", "");
    let p = ProgrammeRules::from_toml("oud.toml", &old).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.plan, crate::plan::PlanSettings::default());
    assert_eq!(p.op_koers, crate::op_koers::OpKoersSettings::default());
    assert_eq!(p.dagdelen.map(|d| d.override_allowed), Some(true));
    let partial = format!("{old}\n[op_koers]\nno_update_weeks = 3\n");
    let p = ProgrammeRules::from_toml("deels.toml", &partial).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((p.op_koers.no_update_weeks, p.op_koers.plan_sign_off_weeks), (3, 8));
}

#[test]
fn bad_plan_and_early_warning_settings_are_refused_with_the_field_named() {
    let school = SHIPPED[0].1;
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (
            school,
            "max_active_goals = 10",
            "max_active_goals = 0",
            "plan.max_active_goals",
            "plan.max_active_goals moet tussen 1 en 50 liggen",
        ),
        (
            school,
            "signers = [\"schoolleider\", \"bestuurder\"]",
            "signers = []",
            "plan.signers",
            "plan.signers moet minstens één ondertekenaar noemen",
        ),
        (
            school,
            "signers = [\"schoolleider\", \"bestuurder\"]",
            "signers = [\"bestuurder\", \"bestuurder\"]",
            "plan.signers",
            "plan.signers noemt een ondertekenaar twee keer",
        ),
        (
            SHIPPED[2].1,
            "signers = [\"bestuurder\"]",
            "signers = [\"schoolleider\", \"bestuurder\"]",
            "plan.signers",
            "plan.signers: bij een bestuursprogramma tekent geen schoolleider; noem alleen \"bestuurder\"",
        ),
        (
            school,
            "no_update_weeks = 6",
            "no_update_weeks = 0",
            "op_koers.no_update_weeks",
            "op_koers.no_update_weeks moet tussen 1 en 52 liggen",
        ),
        (
            school,
            "margin_score_points = 0.25",
            "margin_score_points = -1.0",
            "op_koers.margin_score_points",
            "op_koers.margin_score_points moet tussen 0 en 3 liggen",
        ),
    ];
    for (base, from, to, field, want) in cases {
        assert!(base.contains(from), "{from}");
        let e = err(&base.replacen(from, to, 1));
        assert_eq!((e.field.as_deref(), e.detail.as_str()), (Some(*field), *want), "{from} → {to}");
    }
    let e = err(&school.replace("max_active_goals = 10", "max_goals = 10"));
    assert!(e.detail.contains("onbekend veld 'max_goals'"), "{}", e.detail);
    let e = err(&school.replace("signers = [\"schoolleider\", \"bestuurder\"]", "signers = [\"directeur\"]"));
    assert!(e.detail.contains("onbekende waarde 'directeur'"), "{}", e.detail);
}

#[test]
fn each_programme_names_its_format_per_phase_and_what_completes_it() {
    use PhaseCompletion::*;
    let plan = |id: &str| {
        by_id(id)
            .phases
            .iter()
            .map(|p| (p.id.clone(), p.format.clone().unwrap_or_default(), p.completes_on))
            .collect::<Vec<_>>()
    };
    let row = |id: &str, format: &str, c: PhaseCompletion| (id.to_owned(), format.to_owned(), c);
    assert_eq!(
        plan("gwgb-plus-school"),
        [
            row("zelfevaluatie", "zelfevaluatie-po", FormatBevestigd),
            row("plan-van-aanpak", "", PlanGetekend),
            row("uitvoering", "", Handmatig),
            row("afronding", "", Handmatig),
        ]
    );
    assert_eq!(
        plan("gwgb-plus-gespecialiseerd")[0],
        row("zelfevaluatie", "zelfevaluatie-gespecialiseerd", FormatBevestigd)
    );
    assert_eq!(
        plan("gwgb-plus-bestuur"),
        [
            row("analyse-kwaliteitsbeleid", "zelfevaluatie-bestuur", Handmatig),
            row("zelfevaluatie-bka", "zelfevaluatie-bestuur", FormatIngediend),
            row("advies", "zelfevaluatie-bestuur", FormatBevestigd),
            row("plan", "", PlanGetekend),
        ]
    );
    assert_eq!(
        plan("leren-verbeteren-npo")[..2],
        [row("schoolscan", "npo-schoolscan", FormatBevestigd), row("stappenplan", "", PlanGetekend)]
    );
    let pb = plan("leren-verbeteren-procesbegeleiding");
    assert_eq!(pb[0], row("situatie-in-kaart", "zelfanalyse-vo", FormatBevestigd));
    assert_eq!(pb[2], row("doelen-en-maatregelen", "", PlanGetekend));
    assert_eq!(pb[4], row("voortgang-en-resultaten", "review", Handmatig));
}

#[test]
fn every_format_a_shipped_programme_names_is_shipped() {
    let known = crate::format::Format::shipped_ids().unwrap_or_else(|e| panic!("{e}"));
    for p in shipped() {
        assert_eq!(p.check_formats("shipped", &known), Ok(()), "{}", p.id);
    }
    let e = by_id("gwgb-plus-school").check_formats("db", &["review"]).err().unwrap_or_else(|| panic!("accepted"));
    assert_eq!(e.field.as_deref(), Some("phases"));
    assert_eq!(
        e.detail,
        "phases: fase 1 ('zelfevaluatie') noemt het format 'zelfevaluatie-po', dat niet bestaat; bekende formats: review"
    );
    let stored = vec!["zelfevaluatie-po".to_owned(), "zelfevaluatie-po-2027".to_owned()];
    assert_eq!(by_id("gwgb-plus-school").check_formats("db", &stored), Ok(()), "stored formats count too");
}

#[test]
fn a_phase_completed_by_its_format_must_name_one() {
    let school = SHIPPED[0].1;
    let e = err(&school.replacen("format = \"zelfevaluatie-po\"\n", "", 1));
    assert_eq!(e.field.as_deref(), Some("phases"));
    assert_eq!(
        e.detail,
        "phases: fase 1 ('zelfevaluatie') is afgerond als het ingediende format door de expert is bevestigd, maar noemt geen format"
    );
    let e = err(&school.replacen("format = \"zelfevaluatie-po\"", "format = \"Zelfevaluatie PO\"", 1));
    assert_eq!(
        e.detail,
        "phases: fase 1 ('zelfevaluatie') noemt format 'Zelfevaluatie PO'; gebruik het id van een format"
    );
    let e = err(&school.replacen("completes_on = \"plan-getekend\"", "completes_on = \"getekend\"", 1));
    assert!(e.detail.contains("onbekende waarde 'getekend'; kies uit `handmatig`, `format-ingediend`"), "{}", e.detail);
    // A phase without format or completion reads as before: by hand.
    let p = ProgrammeRules::from_toml("p.toml", &school.replacen("completes_on = \"plan-getekend\"\n", "", 1));
    assert_eq!(p.map(|p| p.phases[1].completes_on), Ok(PhaseCompletion::Handmatig));
    assert_eq!(
        Phase::new("x", "X"),
        Phase { id: "x".into(), name: "X".into(), format: None, completes_on: PhaseCompletion::Handmatig }
    );
}

#[test]
fn the_default_programme_per_sector_and_audience_is_set_in_the_toml() {
    let all = ProgrammeRules::shipped().unwrap_or_else(|e| panic!("{e}"));
    let id = |a, s| default_for(&all, a, s).map(|p| p.id.as_str()).unwrap_or_default();
    assert_eq!(id(Audience::School, Sector::Po), "gwgb-plus-school");
    assert_eq!(id(Audience::School, Sector::Vso), "gwgb-plus-gespecialiseerd");
    assert_eq!(id(Audience::School, Sector::Vo), "leren-verbeteren-npo");
    assert_eq!(id(Audience::Bestuur, Sector::Po), "gwgb-plus-bestuur");
    assert_eq!(id(Audience::Bestuur, Sector::Vo), "", "no board programme for vo");
    // Definitions stored before default_for existed: the first that fits.
    let mut old = all.clone();
    old.iter_mut().for_each(|p| p.default_for.clear());
    old.reverse();
    assert_eq!(
        default_for(&old, Audience::School, Sector::Vo).map(|p| p.id.as_str()),
        Some("leren-verbeteren-procesbegeleiding")
    );
    assert_eq!(default_for(&old, Audience::School, Sector::Po).map(|p| p.id.as_str()), Some("gwgb-plus-school"));
}

#[test]
fn default_for_names_only_sectors_of_the_programme() {
    let e = err(&SHIPPED[0].1.replace("default_for = [\"po\"]", "default_for = [\"vo\"]"));
    assert_eq!(
        (e.field.as_deref(), e.detail.as_str()),
        (Some("default_for"), "default_for noemt sector vo die niet in sectors staat")
    );
}

#[test]
fn sectors_have_one_code_each() {
    for s in Sector::ALL {
        assert_eq!(Sector::from_code(s.code()), Some(s));
    }
    assert_eq!(Sector::from_code(" VSO "), Some(Sector::Vso));
    assert_eq!(Sector::from_code("mbo"), None);
}
