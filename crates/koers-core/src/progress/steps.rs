//! The six steps of "Kwaliteit verbeteren in 6 stappen" (seed 003) as the procesbegeleiding
//! timeline. "Verbeteren is geen stappenplan maar een continu proces": the timeline is
//! non-linear — a step can be entered again — and records every visit (from, until, note) and
//! the step activities done. Each step's activities come from the seeds: step 5 word for word
//! from seed 003, the others from the procesbegeleider's core tasks (seed 004) and seed 003's
//! tips; [`StepActivity::source`] says which.
//!
//! Each step's slug equals the phase id of the procesbegeleiding programme
//! (`programmes/leren-verbeteren-procesbegeleiding.toml`), so the timeline and the phases match.

use super::activity::Step5Activity;
use super::{MAX_NOTE, ProgressError, check_len};
use crate::calendar::Date;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    SituatieInKaart,
    BewustwordingEnErkenning,
    DoelenEnMaatregelen,
    AanDeSlag,
    VoortgangEnResultaten,
    KwaliteitOpPeil,
}

/// One activity of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StepActivity {
    pub key: &'static str,
    pub text: &'static str,
    /// `seed 003`, `seed 004` (the programme texts in `shared/seeds/`).
    pub source: &'static str,
}

const fn a(key: &'static str, text: &'static str, source: &'static str) -> StepActivity {
    StepActivity { key, text, source }
}

const STEP1: &[StepActivity] = &[
    a("zelfanalyse", "De zelfanalyse van de school begeleiden", "seed 004"),
    a(
        "probleemanalyse",
        "De problemen analyseren op alle niveaus: van het leiderschap en de opbrengsten tot het functioneren van de docent in de klas",
        "seed 004",
    ),
    a("scan", "De Scan Leren Verbeteren gebruiken: risicofactoren en onderwijskwaliteit in beeld", "seed 003"),
    a("review-start", "Een review uitvoeren bij de start van het proces", "seed 004"),
];
const STEP2: &[StepActivity] = &[
    a("urgentiebesef", "Zorgen voor urgentiebesef", "seed 004"),
    a("van-ons-allemaal", "Ervoor zorgen dat het proces van verandering van iedereen in de school wordt", "seed 004"),
    a(
        "onafhankelijke-blik",
        "Een onafhankelijke partij laten meekijken (critical friend, procesbegeleider)",
        "seed 003",
    ),
];
const STEP3: &[StepActivity] = &[
    a("verbeterplan", "Het verbeterplan en het plan van aanpak opstellen", "seed 004"),
    a("vlootschouw", "Een vlootschouw houden", "seed 004"),
    a("opbrengsten-norm", "Bepalen hoe de opbrengsten weer op of boven de norm komen", "seed 004"),
];
const STEP4: &[StepActivity] = &[
    a("processen", "Processen in het onderwijs op de rails zetten die tot goede resultaten leiden", "seed 004"),
    a("shrm", "SHRM in werking brengen", "seed 004"),
    a(
        "opbrengstanalyses",
        "Werken met analyses van de opbrengsten en plannen van aanpak voor leerlingen met achterblijvende resultaten",
        "seed 004",
    ),
    a("vaksectieplannen", "Een aanpak van vaksectieplannen ondersteunen", "seed 004"),
    a("lessen", "De kwaliteit van de lessen weer op orde brengen", "seed 004"),
];
const STEP5: &[StepActivity] = &[
    a("voortgang-meten", "Meet voortgang van verbeteractiviteiten", "seed 003"),
    a("resultaten-monitoren", "Monitor tussen- en eindresultaten", "seed 003"),
    a("verantwoording", "Leg verantwoording af over voortgang en resultaten", "seed 003"),
    a(
        "bijstellen",
        "Ga na of voortgang en resultaten aanleiding geven voor bijstelling en stel waar nodig verbeteractiviteiten bij",
        "seed 003",
    ),
    a("gesprekken-leerlingen-docenten", "Spreek met leerlingen en docenten om effecten te toetsen", "seed 003"),
    a("externe-audit", "Voer een externe audit uit als midterm-review", "seed 003"),
    a(
        "update-overleggen",
        "Verstrek regelmatig updates binnen schooloverleggen – ook met ouders – over de voortgang van het verbeterproces",
        "seed 003",
    ),
];
const STEP6: &[StepActivity] = &[
    a("kwaliteitszorg", "Een haalbare cyclus van kwaliteitszorg opzetten en borgen", "seed 004"),
    a("knelpunten", "Knelpunten in de uitvoering en borging van het verbeterplan tijdig signaleren", "seed 004"),
    a(
        "voortgangsgesprekken",
        "Met de schoolleider de voortgangsgesprekken tussen bestuur en Inspectie voorbereiden",
        "seed 004",
    ),
    a(
        "vast-agendapunt",
        "De kwaliteit van het onderwijs een vast agendapunt maken bij overleggen in alle geledingen",
        "seed 003",
    ),
    a("bewakende-rol", "De bewakende rol overdragen aan een medewerker binnen de school", "seed 003"),
];

impl Step {
    pub const ALL: [Step; 6] = [
        Step::SituatieInKaart,
        Step::BewustwordingEnErkenning,
        Step::DoelenEnMaatregelen,
        Step::AanDeSlag,
        Step::VoortgangEnResultaten,
        Step::KwaliteitOpPeil,
    ];

    /// 1–6.
    pub fn number(self) -> u8 {
        match self {
            Step::SituatieInKaart => 1,
            Step::BewustwordingEnErkenning => 2,
            Step::DoelenEnMaatregelen => 3,
            Step::AanDeSlag => 4,
            Step::VoortgangEnResultaten => 5,
            Step::KwaliteitOpPeil => 6,
        }
    }

    pub fn name_nl(self) -> &'static str {
        match self {
            Step::SituatieInKaart => "Situatie in kaart",
            Step::BewustwordingEnErkenning => "Bewustwording en erkenning",
            Step::DoelenEnMaatregelen => "Doelen en maatregelen",
            Step::AanDeSlag => "Aan de slag",
            Step::VoortgangEnResultaten => "Voortgang en resultaten",
            Step::KwaliteitOpPeil => "Kwaliteit op peil",
        }
    }

    /// The programme phase id (`situatie-in-kaart`, …).
    pub fn phase_id(self) -> &'static str {
        match self {
            Step::SituatieInKaart => "situatie-in-kaart",
            Step::BewustwordingEnErkenning => "bewustwording-en-erkenning",
            Step::DoelenEnMaatregelen => "doelen-en-maatregelen",
            Step::AanDeSlag => "aan-de-slag",
            Step::VoortgangEnResultaten => "voortgang-en-resultaten",
            Step::KwaliteitOpPeil => "kwaliteit-op-peil",
        }
    }

    pub fn from_phase_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.phase_id() == id.trim())
    }

    pub fn activities(self) -> &'static [StepActivity] {
        match self {
            Step::SituatieInKaart => STEP1,
            Step::BewustwordingEnErkenning => STEP2,
            Step::DoelenEnMaatregelen => STEP3,
            Step::AanDeSlag => STEP4,
            Step::VoortgangEnResultaten => STEP5,
            Step::KwaliteitOpPeil => STEP6,
        }
    }

    /// The step-5 activity behind a step-5 key.
    pub fn step5_activity(key: &str) -> Option<Step5Activity> {
        Step5Activity::from_key(key)
    }
}

/// One stay in a step; `until` is `None` for the current step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepVisit {
    pub step: Step,
    pub from: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    #[serde(default)]
    pub note: String,
}

/// A step activity marked done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoneActivity {
    pub step: Step,
    pub key: String,
    pub date: Date,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum StepEvent {
    StepLeft { step: Step, on: Date },
    StepEntered { step: Step, on: Date, revisit: bool },
    ActivityDone { step: Step, key: String, on: Date },
}

/// Per step, for the timeline page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StepOverview {
    pub step: Step,
    pub visits: usize,
    pub first_entered: Option<Date>,
    /// Days spent in the step over all visits, counting the current one up to `today`.
    pub days: i64,
    pub current: bool,
    /// Activities done / activities of the step.
    pub done: usize,
    pub total: usize,
}

/// The visits, oldest first, and the activities done.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StepTimeline {
    pub visits: Vec<StepVisit>,
    #[serde(default)]
    pub done: Vec<DoneActivity>,
}

impl StepTimeline {
    /// Rebuild from storage, checking that the visits follow each other.
    pub fn from_parts(visits: Vec<StepVisit>, done: Vec<DoneActivity>) -> Result<Self, ProgressError> {
        let ordered = visits.windows(2).all(|w| w[0].until.is_some_and(|u| u >= w[0].from && u == w[1].from));
        if !ordered || visits.iter().any(|v| v.until.is_some_and(|u| u < v.from)) {
            return Err(ProgressError::TimelineOutOfOrder);
        }
        Ok(Self { visits, done })
    }

    pub fn current(&self) -> Option<&StepVisit> {
        self.visits.last().filter(|v| v.until.is_none())
    }

    /// Enter `step` on `date`, leaving the current step that day. Refused when already in it or
    /// when `date` lies before the current step began.
    pub fn enter(&self, step: Step, date: Date, note: &str) -> Result<(Self, Vec<StepEvent>), ProgressError> {
        check_len(note, "note", "toelichting", MAX_NOTE)?;
        let mut next = self.clone();
        let mut events = Vec::new();
        if let Some(cur) = next.visits.last_mut().filter(|v| v.until.is_none()) {
            if cur.step == step {
                return Err(ProgressError::AlreadyInStep { number: step.number(), name: step.name_nl() });
            }
            if date < cur.from {
                return Err(ProgressError::BeforeCurrentStep { date: date.nl(), since: cur.from.nl() });
            }
            cur.until = Some(date);
            events.push(StepEvent::StepLeft { step: cur.step, on: date });
        }
        let revisit = self.visits.iter().any(|v| v.step == step);
        next.visits.push(StepVisit { step, from: date, until: None, note: note.trim().to_owned() });
        events.push(StepEvent::StepEntered { step, on: date, revisit });
        Ok((next, events))
    }

    /// Mark one of `step`'s activities done on `date`.
    pub fn mark_done(&self, step: Step, key: &str, date: Date, note: &str) -> Result<(Self, StepEvent), ProgressError> {
        let key = key.trim();
        if !step.activities().iter().any(|a| a.key == key) {
            let key = key.chars().take(60).collect();
            return Err(ProgressError::UnknownStepActivity { number: step.number(), key });
        }
        check_len(note, "note", "toelichting", MAX_NOTE)?;
        let mut next = self.clone();
        next.done.push(DoneActivity { step, key: key.to_owned(), date, note: note.trim().to_owned() });
        Ok((next, StepEvent::ActivityDone { step, key: key.to_owned(), on: date }))
    }

    /// How often `step` was entered.
    pub fn visits_of(&self, step: Step) -> usize {
        self.visits.iter().filter(|v| v.step == step).count()
    }

    /// Every step with its visits, days and activities done, in step order.
    pub fn overview(&self, today: Date) -> Vec<StepOverview> {
        let current = self.current().map(|v| v.step);
        Step::ALL
            .into_iter()
            .map(|step| {
                let mine = self.visits.iter().filter(|v| v.step == step);
                let days = mine.clone().map(|v| v.from.days_until(v.until.unwrap_or(today)).max(0)).sum();
                let mut keys: Vec<&str> = self.done.iter().filter(|d| d.step == step).map(|d| d.key.as_str()).collect();
                keys.sort_unstable();
                keys.dedup();
                StepOverview {
                    step,
                    visits: mine.clone().count(),
                    first_entered: mine.map(|v| v.from).min(),
                    days,
                    current: current == Some(step),
                    done: keys.len(),
                    total: step.activities().len(),
                }
            })
            .collect()
    }
}
