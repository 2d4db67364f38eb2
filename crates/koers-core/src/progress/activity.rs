//! The step-5 activities of "Kwaliteit verbeteren in 6 stappen" (seed 003, *Voortgang en
//! resultaten realiseren*) as entries a trajectory logs: what was done, when, with whom, and a
//! note. The op-koers rule "no update for N weeks" counts these as updates.

use super::{MAX_NOTE, MAX_SHORT, ProgressError, check_date, check_len};
use crate::calendar::Date;
use crate::ids::UserId;
use serde::{Deserialize, Serialize};

/// One of the step-5 activities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step5Activity {
    VoortgangMeten,
    ResultatenMonitoren,
    /// To the board and, for procesbegeleiding, the Inspectie.
    Verantwoording,
    Bijstellen,
    GesprekkenLeerlingenDocenten,
    /// An external audit as the midterm review.
    ExterneAudit,
    /// Updates in school meetings, also with parents.
    UpdateOverleggen,
}

impl Step5Activity {
    pub const ALL: [Step5Activity; 7] = [
        Step5Activity::VoortgangMeten,
        Step5Activity::ResultatenMonitoren,
        Step5Activity::Verantwoording,
        Step5Activity::Bijstellen,
        Step5Activity::GesprekkenLeerlingenDocenten,
        Step5Activity::ExterneAudit,
        Step5Activity::UpdateOverleggen,
    ];

    /// Stable key (also the activity key in [`super::Step::VoortgangEnResultaten`]).
    pub fn key(self) -> &'static str {
        match self {
            Step5Activity::VoortgangMeten => "voortgang-meten",
            Step5Activity::ResultatenMonitoren => "resultaten-monitoren",
            Step5Activity::Verantwoording => "verantwoording",
            Step5Activity::Bijstellen => "bijstellen",
            Step5Activity::GesprekkenLeerlingenDocenten => "gesprekken-leerlingen-docenten",
            Step5Activity::ExterneAudit => "externe-audit",
            Step5Activity::UpdateOverleggen => "update-overleggen",
        }
    }

    /// Short label for lists.
    pub fn label_nl(self) -> &'static str {
        match self {
            Step5Activity::VoortgangMeten => "voortgang meten",
            Step5Activity::ResultatenMonitoren => "tussen- en eindresultaten monitoren",
            Step5Activity::Verantwoording => "verantwoording",
            Step5Activity::Bijstellen => "bijstellen",
            Step5Activity::GesprekkenLeerlingenDocenten => "gesprekken met leerlingen en docenten",
            Step5Activity::ExterneAudit => "externe audit als midterm-review",
            Step5Activity::UpdateOverleggen => "update in overleggen (ook met ouders)",
        }
    }

    /// The activity as the seed words it.
    pub fn text_nl(self) -> &'static str {
        match self {
            Step5Activity::VoortgangMeten => "Meet voortgang van verbeteractiviteiten",
            Step5Activity::ResultatenMonitoren => "Monitor tussen- en eindresultaten",
            Step5Activity::Verantwoording => "Leg verantwoording af over voortgang en resultaten",
            Step5Activity::Bijstellen => {
                "Ga na of voortgang en resultaten aanleiding geven voor bijstelling en stel waar nodig verbeteractiviteiten bij"
            }
            Step5Activity::GesprekkenLeerlingenDocenten => "Spreek met leerlingen en docenten om effecten te toetsen",
            Step5Activity::ExterneAudit => "Voer een externe audit uit als midterm-review",
            Step5Activity::UpdateOverleggen => {
                "Verstrek regelmatig updates binnen schooloverleggen – ook met ouders – over de voortgang van het verbeterproces"
            }
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.key() == key.trim())
    }
}

/// One logged activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityEntry {
    pub activity: Step5Activity,
    pub date: Date,
    /// With whom (`bestuur`, `Inspectie`, `MR en ouders`, `sectie Nederlands`): roles, not names.
    #[serde(default)]
    pub with: String,
    #[serde(default)]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<UserId>,
}

/// May `entry` be logged? Date between the trajectory's start and today, texts within limits.
pub fn check_activity(entry: &ActivityEntry, trajectory_start: Date, today: Date) -> Result<(), ProgressError> {
    check_date(entry.date, trajectory_start, today)?;
    check_len(&entry.with, "with", "met wie", MAX_SHORT)?;
    check_len(&entry.note, "note", "toelichting", MAX_NOTE)
}
