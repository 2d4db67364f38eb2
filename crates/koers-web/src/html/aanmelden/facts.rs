//! The programme-specific questions of the aanmeldformulier ("one form per programme"): the
//! posted pairs → the entry facts (`SpecialAnswers`, `BoardFacts`, `VoFacts`) as JSON, or field
//! errors in Dutch; and the views that render the questions with the values as typed.

use super::view::Field;
use crate::i18n::Lang;
use koers_app::store::School;
use koers_core::eligibility::{
    BoardAssessment, BoardFacts, BoardOordeel, Oordeel, QualityConcern, RiskInvestigation, RiskKind, SchoolVerdict,
    SpecialAnswers, VoFacts, VoRisk,
};
use std::collections::HashMap;

/// How many risk rows the VO (NPO) form offers.
pub const RISK_ROWS: usize = 3;

/// The posted pairs; repeated keys (checkboxes) are kept in order.
#[derive(Debug, Clone, Default)]
pub struct Posted(pub Vec<(String, String)>);

impl Posted {
    pub fn get(&self, name: &str) -> String {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
    }
}

/// An `<option>` / radio choice.
#[derive(Debug, Clone)]
pub struct Opt {
    pub value: String,
    pub label: String,
}

/// Options whose labels are locale keys (`entry-opt-…`), so an English page shows English answers.
fn opts(lang: Lang, list: &[(&str, &str)]) -> Vec<Opt> {
    list.iter().map(|(v, key)| Opt { value: (*v).to_owned(), label: lang.t(key) }).collect()
}

type Errors = HashMap<String, String>;

fn field(name: &str, value: String, errors: &Errors) -> Field {
    Field { error: errors.get(name).cloned(), value }
}

/// A year as typed: empty → None; otherwise 2000..=2100.
fn year(p: &Posted, name: &str, errors: &mut Errors) -> Option<u16> {
    let v = p.get(name);
    let v = v.trim();
    if v.is_empty() {
        return None;
    }
    match v.parse::<u16>() {
        Ok(y) if (2000..=2100).contains(&y) => Some(y),
        _ => {
            errors.insert(name.to_owned(), "vul een jaartal in, zoals 2024".into());
            None
        }
    }
}

fn oordeel(v: &str) -> Result<Option<Oordeel>, ()> {
    match v.trim() {
        "" => Ok(None),
        "voldoende" => Ok(Some(Oordeel::Voldoende)),
        "onvoldoende" => Ok(Some(Oordeel::Onvoldoende)),
        "zeer_zwak" => Ok(Some(Oordeel::ZeerZwak)),
        _ => Err(()),
    }
}

fn oordeel_opts(lang: Lang) -> Vec<Opt> {
    opts(
        lang,
        &[
            ("", "entry-opt-no-oordeel"),
            ("voldoende", "entry-opt-voldoende"),
            ("onvoldoende", "entry-opt-onvoldoende"),
            ("zeer_zwak", "entry-opt-zeer-zwak"),
        ],
    )
}

// ---- GWGB+ gespecialiseerd ---------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct SpecialView {
    pub population_described: Field,
    pub ambitions_fit_population: Field,
    pub ambitions_met: Field,
    pub yes_no: Vec<Opt>,
    pub met_opts: Vec<Opt>,
}

pub const SPECIAL_FIELDS: [&str; 3] = ["population_described", "ambitions_fit_population", "ambitions_met"];

pub fn special_view(lang: Lang, p: &Posted, errors: &Errors) -> SpecialView {
    SpecialView {
        population_described: field("population_described", p.get("population_described"), errors),
        ambitions_fit_population: field("ambitions_fit_population", p.get("ambitions_fit_population"), errors),
        ambitions_met: field("ambitions_met", p.get("ambitions_met"), errors),
        yes_no: opts(lang, &[("ja", "entry-opt-yes"), ("nee", "entry-opt-no")]),
        met_opts: opts(lang, &[("ja", "entry-opt-yes"), ("nee", "entry-opt-no"), ("geen", "entry-opt-no-ambitions")]),
    }
}

pub fn special_facts(p: &Posted, errors: &mut Errors) -> Option<SpecialAnswers> {
    let mut yes_no = |name: &str| match p.get(name).as_str() {
        "ja" => Some(true),
        "nee" => Some(false),
        _ => {
            errors.insert(name.to_owned(), "kies ja of nee".into());
            None
        }
    };
    let described = yes_no("population_described");
    let fit = yes_no("ambitions_fit_population");
    let met = match p.get("ambitions_met").as_str() {
        "ja" => Some(Some(true)),
        "nee" => Some(Some(false)),
        "geen" => Some(None),
        _ => {
            errors.insert("ambitions_met".into(), "kies ja, nee of geen ambities".into());
            None
        }
    };
    Some(SpecialAnswers {
        population_described: described?,
        ambitions_fit_population: fit?,
        ambitions_met_most_years: met?,
    })
}

// ---- GWGB+ bestuur -----------------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct BoardSchoolRow {
    pub id: i64,
    pub name: String,
    pub verdict: Field,
    pub verdict_year: Field,
    pub risk_year: Field,
}

#[derive(Debug, Clone)]
pub struct ConcernBox {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

#[derive(Debug, Clone)]
pub struct BoardView {
    pub number: i64,
    pub schools: Vec<BoardSchoolRow>,
    pub oordeel_opts: Vec<Opt>,
    pub assessment_oordeel: Field,
    pub assessment_opts: Vec<Opt>,
    pub assessment_year: Field,
    pub assessment_herstel: bool,
    pub assessment_development: bool,
    pub eenpitter: bool,
    pub concerns: Vec<ConcernBox>,
}

fn concern_value(c: QualityConcern) -> String {
    serde_json::to_value(c).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// Is `name` one of the bestuur form's own fields (shown next to the field)?
pub fn is_board_field(name: &str) -> bool {
    name.starts_with("verdict_")
        || name.starts_with("verdict_year_")
        || name.starts_with("risk_year_")
        || name.starts_with("assessment_")
}

pub fn board_view(lang: Lang, number: i64, schools: &[School], p: &Posted, errors: &Errors) -> BoardView {
    let chosen = p.all("concern");
    BoardView {
        number,
        schools: schools
            .iter()
            .map(|s| BoardSchoolRow {
                id: s.id.get(),
                name: s.name.clone(),
                verdict: field(&format!("verdict_{}", s.id), p.get(&format!("verdict_{}", s.id)), errors),
                verdict_year: field(
                    &format!("verdict_year_{}", s.id),
                    p.get(&format!("verdict_year_{}", s.id)),
                    errors,
                ),
                risk_year: field(&format!("risk_year_{}", s.id), p.get(&format!("risk_year_{}", s.id)), errors),
            })
            .collect(),
        oordeel_opts: oordeel_opts(lang),
        assessment_oordeel: field("assessment_oordeel", p.get("assessment_oordeel"), errors),
        assessment_opts: opts(
            lang,
            &[
                ("", "entry-opt-no-assessment"),
                ("goed", "entry-opt-goed"),
                ("voldoende", "entry-opt-voldoende"),
                ("onvoldoende", "entry-opt-onvoldoende"),
            ],
        ),
        assessment_year: field("assessment_year", p.get("assessment_year"), errors),
        assessment_herstel: !p.get("assessment_herstel").is_empty(),
        assessment_development: !p.get("assessment_development").is_empty(),
        eenpitter: schools.len() == 1,
        concerns: QualityConcern::ALL
            .into_iter()
            .map(|c| {
                let value = concern_value(c);
                let label = lang.t(&format!("entry-opt-concern-{value}"));
                ConcernBox { checked: chosen.contains(&value), value, label }
            })
            .collect(),
    }
}

pub fn board_facts(schools: &[School], p: &Posted, errors: &mut Errors) -> BoardFacts {
    let mut facts = BoardFacts { schools: u32::try_from(schools.len()).unwrap_or(u32::MAX), ..BoardFacts::default() };
    for s in schools {
        let (vn, yn, rn) =
            (format!("verdict_{}", s.id), format!("verdict_year_{}", s.id), format!("risk_year_{}", s.id));
        let verdict = oordeel(&p.get(&vn)).unwrap_or_else(|()| {
            errors.insert(vn.clone(), "kies een oordeel uit de lijst".into());
            None
        });
        let y = year(p, &yn, errors);
        match (verdict, y) {
            (Some(oordeel), Some(year)) => {
                facts.school_verdicts.push(SchoolVerdict { school: s.name.clone(), year, oordeel });
            }
            (Some(_), None) if !errors.contains_key(&yn) => {
                errors.insert(yn, "vul het jaar van het oordeel in".into());
            }
            (None, Some(_)) => {
                errors.insert(vn, "kies het oordeel bij dit jaar".into());
            }
            _ => {}
        }
        if let Some(year) = year(p, &rn, errors) {
            facts.risk_investigations.push(RiskInvestigation { school: s.name.clone(), year });
        }
    }
    let a = match p.get("assessment_oordeel").trim() {
        "" => None,
        "goed" => Some(BoardOordeel::Goed),
        "voldoende" => Some(BoardOordeel::Voldoende),
        "onvoldoende" => Some(BoardOordeel::Onvoldoende),
        _ => {
            errors.insert("assessment_oordeel".into(), "kies een oordeel uit de lijst".into());
            None
        }
    };
    let ay = year(p, "assessment_year", errors);
    let herstel = !p.get("assessment_herstel").is_empty();
    let development = !p.get("assessment_development").is_empty();
    match (a, ay) {
        (Some(oordeel), Some(year)) => facts.board_assessments.push(BoardAssessment {
            year,
            oordeel,
            herstelopdrachten: herstel,
            development_assignments: development,
        }),
        (Some(_), None) if !errors.contains_key("assessment_year") => {
            errors.insert("assessment_year".into(), "vul het jaar van het bestuursonderzoek in".into());
        }
        (None, _) if (ay.is_some() || herstel || development) && !errors.contains_key("assessment_oordeel") => {
            errors.insert("assessment_oordeel".into(), "kies het oordeel van het bestuursonderzoek".into());
        }
        _ => {}
    }
    if schools.len() == 1 {
        let chosen = p.all("concern");
        facts.quality_concerns =
            QualityConcern::ALL.into_iter().filter(|c| chosen.contains(&concern_value(*c))).collect();
    }
    facts
}

// ---- Leren Verbeteren (VO) -----------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct RiskRow {
    pub index: usize,
    pub kind: Field,
    pub evidence: Field,
}

#[derive(Debug, Clone)]
pub struct VoView {
    pub oordeel: Field,
    pub oordeel_opts: Vec<Opt>,
    pub department: Field,
    /// Empty for procesbegeleiding (only the verdict counts).
    pub risks: Vec<RiskRow>,
    pub kind_opts: Vec<Opt>,
}

pub fn is_vo_field(name: &str) -> bool {
    name == "oordeel" || name == "department" || name.starts_with("risk_kind_") || name.starts_with("risk_evidence_")
}

fn kind_value(k: RiskKind) -> String {
    serde_json::to_value(k).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

pub fn vo_view(lang: Lang, with_risks: bool, p: &Posted, errors: &Errors) -> VoView {
    let mut kind_opts = vec![Opt { value: String::new(), label: lang.t("entry-opt-no-risk") }];
    kind_opts.extend(RiskKind::ALL.into_iter().map(|k| {
        let value = kind_value(k);
        Opt { label: lang.t(&format!("entry-opt-risk-{value}")), value }
    }));
    VoView {
        oordeel: field("oordeel", p.get("oordeel"), errors),
        oordeel_opts: oordeel_opts(lang),
        department: field("department", p.get("department"), errors),
        risks: if with_risks {
            (0..RISK_ROWS)
                .map(|i| RiskRow {
                    index: i,
                    kind: field(&format!("risk_kind_{i}"), p.get(&format!("risk_kind_{i}")), errors),
                    evidence: field(&format!("risk_evidence_{i}"), p.get(&format!("risk_evidence_{i}")), errors),
                })
                .collect()
        } else {
            Vec::new()
        },
        kind_opts,
    }
}

pub fn vo_facts(with_risks: bool, p: &Posted, errors: &mut Errors) -> VoFacts {
    let oordeel = oordeel(&p.get("oordeel")).unwrap_or_else(|()| {
        errors.insert("oordeel".into(), "kies een oordeel uit de lijst".into());
        None
    });
    let department = p.get("department").trim().to_owned();
    if department.chars().count() > 200 {
        errors.insert("department".into(), "gebruik hoogstens 200 tekens voor de afdeling".into());
    }
    let mut risks = Vec::new();
    if with_risks {
        for i in 0..RISK_ROWS {
            let (kn, en) = (format!("risk_kind_{i}"), format!("risk_evidence_{i}"));
            let kind = p.get(&kn);
            let evidence = p.get(&en).trim().to_owned();
            let kind = match kind.trim() {
                "" => None,
                k => match RiskKind::ALL.into_iter().find(|r| kind_value(*r) == k) {
                    Some(r) => Some(r),
                    None => {
                        errors.insert(kn.clone(), "kies een soort risico uit de lijst".into());
                        continue;
                    }
                },
            };
            match kind {
                None if !evidence.is_empty() => {
                    errors.insert(kn, "kies het soort risico bij deze onderbouwing".into());
                }
                None => {}
                Some(_) if evidence.is_empty() => {
                    errors.insert(en, "beschrijf waaruit het risico blijkt".into());
                }
                Some(_) if evidence.chars().count() > 1000 => {
                    errors.insert(en, "gebruik hoogstens 1000 tekens".into());
                }
                Some(kind) => risks.push(VoRisk { kind, evidence }),
            }
        }
    }
    VoFacts { oordeel, department: (!department.is_empty()).then_some(department), risks }
}
