//! Measures (maatregelen): what is done, for which goal(s), by whom (a named role of the school,
//! or the expert), which kind of activity, from when to when, and — for the expert's measures —
//! how many dagdelen are planned. A measure's status is voortgang, not plan: it lives in
//! [`crate::progress`], so a frozen plan never changes when a measure starts or finishes.

use super::{GoalId, MeasureId};
use crate::calendar::Date;
use serde::{Deserialize, Serialize};

/// Who carries a measure out.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Owner {
    /// Someone at the school, by role (the school part of the plan).
    School { role: SchoolRole },
    /// The programme's expert / adviseur / procesbegeleider (the expert part of the plan).
    Expert,
}

impl Owner {
    pub fn is_expert(&self) -> bool {
        matches!(self, Owner::Expert)
    }

    /// `directeur`, `IB'er`, `expert`, or the typed role.
    pub fn label_nl(&self) -> String {
        match self {
            Owner::School { role } => role.label_nl(),
            Owner::Expert => "expert".into(),
        }
    }
}

/// A named role at the school (role names, never personal names: reports leave the school).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SchoolRole {
    Directeur,
    /// Intern begeleider.
    IbEr,
    Teamleider,
    Team,
    /// The board (board track; also for a measure the bestuur carries out for a school).
    Bestuurder,
    /// Any other role, as typed (`rekencoördinator`, `sectieleider Nederlands`).
    Other(String),
}

impl SchoolRole {
    pub const NAMED: [SchoolRole; 5] =
        [SchoolRole::Directeur, SchoolRole::IbEr, SchoolRole::Teamleider, SchoolRole::Team, SchoolRole::Bestuurder];

    pub fn label_nl(&self) -> String {
        match self {
            SchoolRole::Directeur => "directeur".into(),
            SchoolRole::IbEr => "IB'er".into(),
            SchoolRole::Teamleider => "teamleider".into(),
            SchoolRole::Team => "team".into(),
            SchoolRole::Bestuurder => "bestuurder".into(),
            SchoolRole::Other(text) => text.trim().to_owned(),
        }
    }
}

/// The NPO menukaart's six categories (OCW 2021; STANDARDS §4): a stappenplan's interventions
/// are school measures of one of these kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum NpoCategory {
    A,
    B,
    C,
    D,
    E,
    F,
}

impl NpoCategory {
    pub const ALL: [NpoCategory; 6] =
        [NpoCategory::A, NpoCategory::B, NpoCategory::C, NpoCategory::D, NpoCategory::E, NpoCategory::F];

    /// The official category name (paraphrase kept close to the menukaart's label).
    pub fn label_nl(self) -> &'static str {
        match self {
            NpoCategory::A => {
                "Meer onderwijs (binnen of buiten reguliere schooltijden) om kennis en vaardigheden bij te spijkeren"
            }
            NpoCategory::B => "Effectievere inzet van onderwijs om kennis en vaardigheden bij te spijkeren",
            NpoCategory::C => "Sociaal-emotionele en fysieke ontwikkeling van leerlingen",
            NpoCategory::D => "Ontwikkeling van de executieve functies van leerlingen",
            NpoCategory::E => "(Extra) inzet van personeel en ondersteuning",
            NpoCategory::F => "Faciliteiten en randvoorwaarden",
        }
    }
}

/// Which kind of work a measure (and a dagdelen entry) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityType {
    // TRAJECTORY §3 (GWGB+, and general)
    Studiedag,
    CoachingLeraren,
    MeewerkenIb,
    CoachingSchoolleider,
    Klassenbezoeken,
    DataAnalyse,
    Teamtraining,
    Review,
    // Leren Verbeteren NPO (seed 002)
    Schoolscan,
    Stappenplan,
    VerbeteringOntwerpen,
    SturingVerbetertraject,
    TrainingVakgroepen,
    // Leren Verbeteren procesbegeleiding (seed 004)
    Zelfanalyse,
    Probleemanalyse,
    Verbeterplan,
    Kwaliteitszorgcyclus,
    Shrm,
    Vaksectieplannen,
    Voortgangsrapportage,
    VoortgangsgesprekVoorbereiden,
    // GWGB+ bestuur (seed 001)
    AnalyseKwaliteitsbeleid,
    Gesprekken,
    Advies,
    /// An intervention from the NPO menukaart (a school measure of a stappenplan).
    NpoInterventie(NpoCategory),
    Overig,
}

/// Groups for pick-lists: which programme's texts an activity type comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityGroup {
    Algemeen,
    Npo,
    Procesbegeleiding,
    Bestuur,
}

impl ActivityType {
    /// Every type without data, in pick-list order (the NPO interventions: [`NpoCategory::ALL`]).
    pub const ALL: [ActivityType; 25] = [
        ActivityType::Studiedag,
        ActivityType::CoachingLeraren,
        ActivityType::MeewerkenIb,
        ActivityType::CoachingSchoolleider,
        ActivityType::Klassenbezoeken,
        ActivityType::DataAnalyse,
        ActivityType::Teamtraining,
        ActivityType::Review,
        ActivityType::Schoolscan,
        ActivityType::Stappenplan,
        ActivityType::VerbeteringOntwerpen,
        ActivityType::SturingVerbetertraject,
        ActivityType::TrainingVakgroepen,
        ActivityType::Zelfanalyse,
        ActivityType::Probleemanalyse,
        ActivityType::Verbeterplan,
        ActivityType::Kwaliteitszorgcyclus,
        ActivityType::Shrm,
        ActivityType::Vaksectieplannen,
        ActivityType::Voortgangsrapportage,
        ActivityType::VoortgangsgesprekVoorbereiden,
        ActivityType::AnalyseKwaliteitsbeleid,
        ActivityType::Gesprekken,
        ActivityType::Advies,
        ActivityType::Overig,
    ];

    pub fn label_nl(self) -> String {
        let s = match self {
            ActivityType::Studiedag => "studiedag",
            ActivityType::CoachingLeraren => "coaching van leraren",
            ActivityType::MeewerkenIb => "meewerken met de intern begeleider",
            ActivityType::CoachingSchoolleider => "coaching van de schoolleider",
            ActivityType::Klassenbezoeken => "klassenbezoeken",
            ActivityType::DataAnalyse => "data-analyse",
            ActivityType::Teamtraining => "teamtraining",
            ActivityType::Review => "review",
            ActivityType::Schoolscan => "ondersteuning bij de schoolscan",
            ActivityType::Stappenplan => "ondersteuning bij het stappenplan",
            ActivityType::VerbeteringOntwerpen => "ontwerp en invoering van een verbetering",
            ActivityType::SturingVerbetertraject => "ondersteuning schoolleiding bij het sturen van verbetertrajecten",
            ActivityType::TrainingVakgroepen => "training van teams en vakgroepen",
            ActivityType::Zelfanalyse => "begeleiding van de zelfanalyse",
            ActivityType::Probleemanalyse => "probleemanalyse (van leiderschap tot klas)",
            ActivityType::Verbeterplan => "verbeterplan en plan van aanpak opstellen",
            ActivityType::Kwaliteitszorgcyclus => "cyclus van kwaliteitszorg opzetten",
            ActivityType::Shrm => "SHRM en vlootschouw",
            ActivityType::Vaksectieplannen => "vaksectieplannen",
            ActivityType::Voortgangsrapportage => "voortgangsrapportage",
            ActivityType::VoortgangsgesprekVoorbereiden => "voortgangsgesprek bestuur–Inspectie voorbereiden",
            ActivityType::AnalyseKwaliteitsbeleid => "analyse van het kwaliteitsbeleid",
            ActivityType::Gesprekken => "verdiepende gesprekken",
            ActivityType::Advies => "advies",
            ActivityType::NpoInterventie(c) => return format!("NPO-interventie {c:?}: {}", c.label_nl()),
            ActivityType::Overig => "overig",
        };
        s.to_owned()
    }

    pub fn group(self) -> ActivityGroup {
        use ActivityType::*;
        match self {
            Studiedag | CoachingLeraren | MeewerkenIb | CoachingSchoolleider | Klassenbezoeken | DataAnalyse
            | Teamtraining | Review | Overig => ActivityGroup::Algemeen,
            Schoolscan
            | Stappenplan
            | VerbeteringOntwerpen
            | SturingVerbetertraject
            | TrainingVakgroepen
            | NpoInterventie(_) => ActivityGroup::Npo,
            Zelfanalyse
            | Probleemanalyse
            | Verbeterplan
            | Kwaliteitszorgcyclus
            | Shrm
            | Vaksectieplannen
            | Voortgangsrapportage
            | VoortgangsgesprekVoorbereiden => ActivityGroup::Procesbegeleiding,
            AnalyseKwaliteitsbeleid | Gesprekken | Advies => ActivityGroup::Bestuur,
        }
    }
}

/// A measure as typed in a form (no id yet).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasureInput {
    pub what: String,
    /// The goal(s) it serves ("waarom"); at least one, each existing.
    pub goals: Vec<GoalId>,
    pub owner: Owner,
    pub activity: ActivityType,
    pub start: Date,
    pub end: Date,
    /// Planned dagdelen; only expert measures have them (0 for school measures).
    #[serde(default)]
    pub dagdelen: u32,
}

/// A measure of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub id: MeasureId,
    pub what: String,
    pub goals: Vec<GoalId>,
    pub owner: Owner,
    pub activity: ActivityType,
    pub start: Date,
    pub end: Date,
    #[serde(default)]
    pub dagdelen: u32,
}

impl Measure {
    pub fn new(id: MeasureId, input: MeasureInput) -> Self {
        let MeasureInput { what, goals, owner, activity, start, end, dagdelen } = input;
        Self { id, what, goals, owner, activity, start, end, dagdelen }
    }

    pub fn input(&self) -> MeasureInput {
        MeasureInput {
            what: self.what.clone(),
            goals: self.goals.clone(),
            owner: self.owner.clone(),
            activity: self.activity,
            start: self.start,
            end: self.end,
            dagdelen: self.dagdelen,
        }
    }

    pub fn serves(&self, goal: GoalId) -> bool {
        self.goals.contains(&goal)
    }
}
