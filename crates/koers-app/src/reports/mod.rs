//! Reports (issue 9 §5, TRAJECTORY §5): every report's [`Document`] is assembled here from the
//! store, and rendered to PDF through the engine the edge hands in ([`render::Renderer`]).
//!
//! - [`ReportKind`]: the 0-meting (zelfevaluatie) report, the plan van aanpak (the vastgestelde
//!   version with its signatures), the voortgangsrapportage for the bestuur and — for
//!   procesbegeleiding — for the Inspectie, and the eindrapportage.
//! - [`access`]: who may read which report; the Inspectie report leaves the school only after the
//!   school leader released it ([`release`]).
//! - [`facts`]: what a voortgang report is made of, gathered once from the store
//!   ([`facts::ProgressFacts`], serializable: a release keeps the facts it released).
//! - [`nulmeting`], [`plan_doc`], [`progress_doc`], [`cost_doc`]: the documents (pure functions
//!   of their data; no store, no clock).
//! - [`monitor`]: the programme monitor workbook for staff (every trajectory, phase, op koers,
//!   dagdelen, goals met).
//! - [`render`]: PDF rendering on the blocking pool, a bounded number at a time.
//!
//! A report that cannot be produced — no vastgesteld plan, no submitted zelfevaluatie — is
//! [`Error::ReportUnavailable`] with a Dutch sentence naming what is missing; nothing panics.

pub mod access;
pub mod build;
pub mod charts;
pub mod cost_doc;
pub mod facts;
pub mod monitor;
pub mod nulmeting;
pub mod plan_doc;
pub mod progress_doc;
pub mod progress_source;
pub mod release;
pub mod render;

use crate::error::Error;
use koers_core::programme::Sector;
use koers_core::programme::{Audience, ProgrammeRules};

pub use koers_reports::Document;

/// The reports of a trajectory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportKind {
    /// The zelfevaluatie / 0-meting report.
    Nulmeting,
    /// The plan van aanpak, vastgestelde version, with its signatures.
    Plan,
    /// The voortgangsrapportage for the bestuur.
    VoortgangBestuur,
    /// The voortgangsrapportage for the Inspectie (procesbegeleiding; released by the school
    /// leader; role names only).
    VoortgangInspectie,
    /// The eindrapportage.
    Eind,
}

impl ReportKind {
    pub const ALL: [ReportKind; 5] = [
        ReportKind::Nulmeting,
        ReportKind::Plan,
        ReportKind::VoortgangBestuur,
        ReportKind::VoortgangInspectie,
        ReportKind::Eind,
    ];

    /// The code in URLs, the CLI and file names.
    pub fn code(self) -> &'static str {
        match self {
            ReportKind::Nulmeting => "nulmeting",
            ReportKind::Plan => "plan-van-aanpak",
            ReportKind::VoortgangBestuur => "voortgang-bestuur",
            ReportKind::VoortgangInspectie => "voortgang-inspectie",
            ReportKind::Eind => "eindrapportage",
        }
    }

    pub fn from_code(code: &str) -> Option<ReportKind> {
        Self::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    /// The report's title.
    pub fn title_nl(self) -> &'static str {
        match self {
            ReportKind::Nulmeting => "Zelfevaluatie (0-meting)",
            ReportKind::Plan => "Plan van aanpak",
            ReportKind::VoortgangBestuur | ReportKind::VoortgangInspectie => "Voortgangsrapportage",
            ReportKind::Eind => "Eindrapportage",
        }
    }

    /// For the download list: "Voortgangsrapportage voor de Inspectie".
    pub fn label_nl(self) -> &'static str {
        match self {
            ReportKind::Nulmeting => "Zelfevaluatie (0-meting)",
            ReportKind::Plan => "Plan van aanpak (vastgestelde versie)",
            ReportKind::VoortgangBestuur => "Voortgangsrapportage voor het bestuur",
            ReportKind::VoortgangInspectie => "Voortgangsrapportage voor de Inspectie",
            ReportKind::Eind => "Eindrapportage",
        }
    }

    /// Does a trajectory of `programme` have this report? The Inspectie report is for
    /// procesbegeleiding only: a school programme for VO (the Inspectie follows a (very) weak
    /// VO school's improvement); every other report is for every programme.
    pub fn applies_to(self, programme: Option<&ProgrammeRules>) -> bool {
        match self {
            ReportKind::VoortgangInspectie => programme.is_some_and(reports_to_inspectie),
            _ => true,
        }
    }
}

/// Procesbegeleiding: a school programme for VO schools accounts to the Inspectie as well.
pub fn reports_to_inspectie(p: &ProgrammeRules) -> bool {
    p.audience == Audience::School && p.sectors.contains(&Sector::Vo)
}

/// The refusal when a report cannot be made yet: `what` says what is missing.
pub(crate) fn unavailable(kind: ReportKind, what: &str) -> Error {
    Error::ReportUnavailable(format!("{} kan nog niet worden gemaakt: {what}", kind.label_nl()))
}
