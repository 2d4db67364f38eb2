//! The VO rule as a table, for NPO (a demonstrable risk qualifies) and procesbegeleiding (the
//! verdict is required).

use super::*;

const NPO: VoRule = VoRule { demonstrable_risk_qualifies: true };
const PROCES: VoRule = VoRule { demonstrable_risk_qualifies: false };

fn risk(kind: RiskKind, evidence: &str) -> VoRisk {
    VoRisk { kind, evidence: evidence.into() }
}

fn facts(oordeel: Option<Oordeel>, risks: Vec<VoRisk>) -> VoFacts {
    VoFacts { oordeel, department: None, risks }
}

#[test]
fn the_vo_rule_table() {
    use Oordeel::*;
    use RiskKind::*;
    use Verdict::{Eligible as E, NotEligible as N};
    let falling = || risk(FallingResults, "examencijfers havo drie jaar op rij gedaald");
    let dropped = || Reason::DemonstrableRisk {
        risk: FallingResults,
        evidence: "examencijfers havo drie jaar op rij gedaald".into(),
    };
    let cases: Vec<(&str, VoRule, VoFacts, Verdict, Vec<Reason>)> = vec![
        (
            "onvoldoende qualifies for NPO",
            NPO,
            facts(Some(Onvoldoende), vec![]),
            E,
            vec![Reason::Oordeel { oordeel: Onvoldoende }],
        ),
        (
            "zeer zwak qualifies for NPO",
            NPO,
            facts(Some(ZeerZwak), vec![]),
            E,
            vec![Reason::Oordeel { oordeel: ZeerZwak }],
        ),
        ("a demonstrable risk qualifies for NPO", NPO, facts(Some(Voldoende), vec![falling()]), E, vec![dropped()]),
        ("a risk without a verdict qualifies for NPO", NPO, facts(None, vec![falling()]), E, vec![dropped()]),
        (
            "verdict and each risk are named",
            NPO,
            facts(Some(ZeerZwak), vec![falling(), risk(TeamSignals, "  verzuim docenten stijgt ")]),
            E,
            vec![
                Reason::Oordeel { oordeel: ZeerZwak },
                dropped(),
                Reason::DemonstrableRisk { risk: TeamSignals, evidence: "verzuim docenten stijgt".into() },
            ],
        ),
        (
            "an unsubstantiated risk is left out when another one counts",
            NPO,
            facts(None, vec![risk(LeadershipSignals, " "), falling()]),
            E,
            vec![dropped()],
        ),
        (
            "a risk without evidence does not count",
            NPO,
            facts(Some(Voldoende), vec![risk(LeadershipSignals, "")]),
            N,
            vec![
                Reason::NoVerdictOrRisk,
                Reason::Oordeel { oordeel: Voldoende },
                Reason::RiskNotSubstantiated { risk: LeadershipSignals },
            ],
        ),
        (
            "voldoende without risks does not qualify",
            NPO,
            facts(Some(Voldoende), vec![]),
            N,
            vec![Reason::NoVerdictOrRisk, Reason::Oordeel { oordeel: Voldoende }],
        ),
        ("nothing known does not qualify", NPO, facts(None, vec![]), N, vec![Reason::NoVerdictOrRisk]),
        (
            "procesbegeleiding takes onvoldoende",
            PROCES,
            facts(Some(Onvoldoende), vec![falling()]),
            E,
            vec![Reason::Oordeel { oordeel: Onvoldoende }],
        ),
        (
            "procesbegeleiding takes zeer zwak",
            PROCES,
            facts(Some(ZeerZwak), vec![]),
            E,
            vec![Reason::Oordeel { oordeel: ZeerZwak }],
        ),
        (
            "procesbegeleiding needs the verdict, a risk is not enough",
            PROCES,
            facts(None, vec![falling()]),
            N,
            vec![Reason::VerdictRequired],
        ),
        (
            "procesbegeleiding refuses voldoende",
            PROCES,
            facts(Some(Voldoende), vec![]),
            N,
            vec![Reason::VerdictRequired, Reason::Oordeel { oordeel: Voldoende }],
        ),
    ];
    for (name, rule, f, verdict, reasons) in cases {
        let e = assess_vo(&f, &rule);
        assert_eq!((e.verdict, &e.reasons), (verdict, &reasons), "{name}");
    }
}

#[test]
fn a_department_verdict_names_the_department() {
    let f = VoFacts { oordeel: Some(Oordeel::ZeerZwak), department: Some(" havo ".into()), risks: vec![] };
    let e = assess_vo(&f, &PROCES);
    assert_eq!(e.reasons, vec![Reason::DepartmentOordeel { department: "havo".into(), oordeel: Oordeel::ZeerZwak }]);
    assert_eq!(
        e.summary_nl(),
        "Je school komt in aanmerking omdat de Inspectie de afdeling havo als zeer zwak heeft beoordeeld."
    );
    let blank = VoFacts { department: Some(" ".into()), ..f };
    assert_eq!(assess_vo(&blank, &PROCES).reasons, vec![Reason::Oordeel { oordeel: Oordeel::ZeerZwak }]);
}

#[test]
fn the_summary_names_each_risk_and_what_shows_it() {
    let f = facts(None, vec![risk(RiskKind::LeadershipSignals, "nieuwe rector ziet achterstanden in de onderbouw")]);
    assert_eq!(
        assess_vo(&f, &NPO).summary_nl(),
        "Je school komt in aanmerking omdat er een aantoonbaar risico is: signalen van de schoolleiding (nieuwe rector ziet achterstanden in de onderbouw)."
    );
    let f = facts(Some(Oordeel::Voldoende), vec![risk(RiskKind::TeamSignals, "")]);
    assert_eq!(
        assess_vo(&f, &NPO).summary_nl(),
        "Je school komt niet in aanmerking omdat de Inspectie de school niet als onvoldoende of zeer zwak heeft beoordeeld en er geen aantoonbaar risico is (zoals dalende resultaten of signalen van schoolleiding of team), de Inspectie de school als voldoende heeft beoordeeld en bij het risico 'signalen uit het team' niet staat waaruit het blijkt."
    );
    assert_eq!(
        assess_vo(&facts(None, vec![]), &PROCES).summary_nl(),
        "Je school komt niet in aanmerking omdat procesbegeleiding alleen bedoeld is voor scholen die de Inspectie als onvoldoende of zeer zwak heeft beoordeeld."
    );
}

#[test]
fn vo_facts_round_trip_through_json() {
    let f = VoFacts {
        oordeel: Some(Oordeel::Onvoldoende),
        department: Some("vmbo-t".into()),
        risks: vec![risk(RiskKind::FallingResults, "bovenbouwsucces onder de norm")],
    };
    let j = serde_json::to_string(&f).unwrap_or_else(|e| panic!("{e}"));
    assert!(j.contains("\"kind\":\"falling_results\""), "{j}");
    assert_eq!(serde_json::from_str::<VoFacts>(&j).ok(), Some(f));
    assert_eq!(
        RiskKind::ALL.map(RiskKind::label_nl),
        ["dalende resultaten", "signalen van de schoolleiding", "signalen uit het team"]
    );
}
