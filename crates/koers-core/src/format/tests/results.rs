//! The result of a filled-in form: scores per standard, chart, strengths, points for
//! improvement, klassenbezoeken aggregated, chosen options, completeness, scope.

use super::fixture::mini;
use crate::calendar::Date;
use crate::format::answer::*;
use crate::format::result::{HighlightSource, evaluate};
use crate::format::{Filler, RubricLevel};

fn rubric(score: u8, why: &str) -> Answer {
    Answer::Rubric(RubricAnswer { score: Some(score), why: why.into() })
}

fn visit(day: u8, group: &str, scores: &[(&str, u8)], strengths: &str) -> Visit {
    Visit {
        date: Date::new(2026, 3, day).ok(),
        group: group.into(),
        observer: "expert".into(),
        subject: "rekenen".into(),
        scores: scores.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
        strengths: strengths.into(),
        improvements: String::new(),
    }
}

/// A school part-way: OP2 scored 2, OP3 scored 4, KA1 scored 3 and flagged; three visits.
pub(super) fn filled() -> FilledForm {
    let mut f = FilledForm::default();
    f.answers.insert("op2-score".into(), rubric(2, "Analyses blijven liggen."));
    f.answers.insert("op2-reflectie".into(), Answer::Reflection(TextAnswer { text: "Wij bespreken.".into() }));
    f.answers.insert("op3-score".into(), rubric(4, "Sterke instructie."));
    f.answers.insert("ka1-score".into(), rubric(3, "De cyclus werkt."));
    f.answers.insert(
        "op3-bezoeken".into(),
        Answer::Observation(ObservationAnswer {
            visits: vec![
                visit(10, "groep 5", &[("klimaat-1", 4), ("klimaat-2", 4), ("afstemming-1", 2)], "Rustige start."),
                visit(11, "groep 6", &[("klimaat-1", 3), ("afstemming-1", 1)], ""),
                visit(12, "groep 7", &[("klimaat-1", 4)], "Duidelijk lesdoel."),
            ],
        }),
    );
    f.answers.insert(
        "ka1-menu".into(),
        Answer::Choice(ChoiceAnswer {
            selected: vec![Selection { option: "tutoring".into(), note: "groep 8".into() }],
        }),
    );
    f.verbeterpunten.insert("ka1-score".into(), "De kalender wordt niet gevolgd.".into());
    f.verbeterpunten.insert("op2-reflectie".into(), String::new());
    f.verbeterpunten.insert("verdwenen-item".into(), "uit een oude versie".into());
    f
}

#[test]
fn scores_are_grouped_per_standard_in_the_order_of_the_format() {
    let r = evaluate(&mini(), &filled());
    let groups: Vec<(&str, &str, Option<f64>, usize, bool)> =
        r.groups.iter().map(|g| (g.key.as_str(), g.label.as_str(), g.mean, g.rubrics, g.core)).collect();
    assert_eq!(
        groups,
        [
            ("OP2", "OP2 Zicht op ontwikkeling en begeleiding", Some(2.0), 1, true),
            ("OP3", "OP3 Pedagogisch-didactisch handelen", Some(4.0), 1, true),
            ("KA1", "KA1 Kwaliteitszorg", Some(3.0), 1, false),
        ],
        "a section naming the alias SKA1 is scored under KA1"
    );
    assert_eq!(r.groups[0].scores[0].level, RubricLevel::VoldoendeOpOnderdelen);
    assert_eq!(r.chart.scale, ["onvoldoende", "voldoende op onderdelen", "voldoende", "goed"]);
    assert_eq!((r.chart.min, r.chart.max), (1, 4));
    let bars: Vec<(&str, Option<f64>)> = r.chart.bars.iter().map(|b| (b.key.as_str(), b.value)).collect();
    assert_eq!(bars, [("OP2", Some(2.0)), ("OP3", Some(4.0)), ("KA1", Some(3.0))]);
    assert_eq!((r.format.as_str(), r.version), ("mini", 2));
}

#[test]
fn strengths_are_high_scores_and_improvements_are_low_scores_and_flags() {
    let r = evaluate(&mini(), &filled());
    let strengths: Vec<(&str, &HighlightSource)> = r.strengths.iter().map(|h| (h.text.as_str(), &h.source)).collect();
    assert_eq!(
        strengths,
        [
            ("Hoe sterk zijn de lessen?", &HighlightSource::Rubric { score: 4, level: RubricLevel::Goed }),
            (
                "De leraar zorgt voor een ontspannen sfeer.",
                &HighlightSource::Kijkwijzer { look_for: "klimaat-1".into(), mean: 11.0 / 3.0, observed: 3 }
            ),
        ],
        "klimaat-2 was scored once: too few visits to call it anything"
    );
    let improvements: Vec<(&str, &str, bool)> =
        r.improvements.iter().map(|h| (h.item.as_str(), h.why.as_str(), h.flagged)).collect();
    assert_eq!(
        improvements,
        [
            ("op2-score", "Analyses blijven liggen.", false),
            ("op2-reflectie", "", true),
            ("op3-bezoeken", "Afstemming op verschillen", false),
            ("ka1-score", "De cyclus werkt.", true),
        ],
        "a flagged voldoende is a point for improvement; a flag on an unknown id is ignored"
    );
    assert_eq!(r.improvements[1].text, "Wat doen jullie als een leerling achterblijft?");
    assert_eq!(r.improvements[1].context, "OP2 Zicht op ontwikkeling en begeleiding");
    assert!(matches!(r.improvements[2].source, HighlightSource::Kijkwijzer { mean, observed: 2, .. } if mean == 1.5));
}

#[test]
fn klassenbezoeken_are_aggregated_per_look_for_and_domain() {
    let r = evaluate(&mini(), &filled());
    let [obs] = r.observations.as_slice() else { panic!("one observation item") };
    assert_eq!(obs.visits.len(), 3);
    assert_eq!(obs.visits[1].mean, Some(2.0));
    let klimaat = &obs.domains[0];
    assert_eq!((klimaat.id.as_str(), klimaat.mean), ("klimaat", Some(15.0 / 4.0)));
    assert_eq!((klimaat.items[0].observed, klimaat.items[0].counts), (3, [0, 0, 1, 2]));
    assert_eq!((klimaat.items[1].observed, klimaat.items[1].mean), (1, Some(4.0)));
    assert_eq!(obs.domains[1].items[0].counts, [1, 1, 0, 0]);
    assert_eq!(obs.strengths, ["Rustige start.", "Duidelijk lesdoel."]);
    assert!(obs.improvements.is_empty());
    assert_eq!(obs.scale[3], "overwegend sterk");
}

#[test]
fn chosen_options_carry_their_labels_groups_and_notes() {
    let r = evaluate(&mini(), &filled());
    let menu = r.choices.iter().find(|c| c.item == "ka1-menu").unwrap_or_else(|| panic!("menu"));
    assert!(menu.feeds_plan);
    assert_eq!(menu.chosen.len(), 1);
    assert_eq!(menu.chosen[0].label, "Een-op-een-begeleiding");
    assert_eq!(menu.chosen[0].group.as_deref(), Some("B. Effectiever onderwijs"));
    assert_eq!(menu.chosen[0].note, "groep 8");
}

#[test]
fn completeness_lists_the_required_items_still_open_and_for_whom() {
    let f = mini();
    let r = evaluate(&f, &filled());
    let open: Vec<(&str, Filler)> = r.completeness.open.iter().map(|o| (o.item.as_str(), o.filled_by)).collect();
    assert_eq!(open, [("op2-resultaten", Filler::School)], "evidence and the yes/no are optional");
    assert_eq!((r.completeness.required, r.completeness.done, r.completeness.percent()), (7, 6, 85));
    assert_eq!(r.completeness.open_for(Filler::Expert).count(), 0);
    assert!(!r.completeness.is_complete());
    let empty = evaluate(&f, &FilledForm::default());
    assert_eq!((empty.completeness.done, empty.completeness.percent()), (0, 0));
    assert_eq!(empty.completeness.open_for(Filler::Expert).count(), 2);
    assert!(empty.groups.iter().all(|g| g.mean.is_none() && g.rubrics == 1));
    assert!(empty.strengths.is_empty() && empty.improvements.is_empty());
    let sections: Vec<(&str, usize, usize)> = r.sections.iter().map(|s| (s.id.as_str(), s.required, s.done)).collect();
    assert_eq!(sections, [("op2", 3, 2), ("op3", 2, 2), ("ka1", 2, 2)]);
}

#[test]
fn a_scope_limits_the_result_to_the_chosen_standards() {
    let mut f = mini();
    let ka1 = f.sections.iter_mut().find(|s| s.id == "ka1").unwrap_or_else(|| panic!("ka1"));
    if let Some(crate::format::ItemKind::Choice(c)) =
        ka1.items.iter_mut().find(|i| i.id == "ka1-ja-nee").map(|i| &mut i.kind)
    {
        c.options.clear();
        c.from_standards = true;
        c.multiple = true;
    }
    ka1.standard = None;
    f.scope = Some("ka1-ja-nee".into());
    assert_eq!(f.validate("scope"), Ok(()));
    let mut filled = filled();
    let r = evaluate(&f, &filled);
    assert_eq!(r.groups.len(), 3, "no answer to the scope: every section counts");
    filled.answers.insert(
        "ka1-ja-nee".into(),
        Answer::Choice(ChoiceAnswer { selected: vec![Selection { option: "OP3".into(), note: String::new() }] }),
    );
    let r = evaluate(&f, &filled);
    let keys: Vec<&str> = r.groups.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(keys, ["OP3", "ka1"], "OP2 is out of scope; the section without a standard always counts");
    assert!(r.completeness.open.is_empty(), "OP2's open results item no longer counts");
    assert!(r.improvements.iter().all(|h| !h.item.starts_with("op2")));
    assert!(r.sections.iter().any(|s| s.id == "op2" && !s.in_scope));
}

#[test]
fn the_result_serializes_for_the_api_and_the_frozen_baseline() {
    let r = evaluate(&mini(), &filled());
    let json = serde_json::to_value(&r).unwrap_or_default();
    assert_eq!(json["groups"][0]["key"], "OP2");
    assert_eq!(json["strengths"][0]["source"], "rubric");
    assert_eq!(json["strengths"][0]["level"], "goed");
    assert_eq!(json["improvements"][1]["source"], "item");
}
