//! Versions and sign-off, as a pure state machine (like [`crate::workflow`]):
//!
//! ```text
//! Concept ──sign (1st signer)──► InOndertekening ──sign (last signer)──► Vastgesteld (frozen)
//!    ▲  (only one signer: straight to Vastgesteld)    │
//!    └────── edit (signatures withdrawn) / send back ─┘
//! Vastgesteld ──bijstelling (reason)──► version n+1: Concept, a copy of the frozen plan
//! ```
//! Signers sign in the programme's order ([`PlanSettings::signers`]: school leader, then — where
//! the programme requires it — the bestuurder). Any edit of a vastgestelde version is refused.
//! "Now" is passed in as Unix seconds (`at`); the app checks *who* may sign (access), core checks
//! *whose turn* it is and that the plan is complete.

use super::Plan;
use super::compare::{PlanDiff, compare};
use super::edit::PlanEdit;
use super::error::PlanError;
use super::rules::{PlanContext, PlanSettings, check_complete};
use crate::access::RoleKind;
use crate::calendar::Date;
use crate::ids::UserId;
use serde::{Deserialize, Serialize};

/// Longest reason (bijstelling, send back) and role name.
pub const MAX_REASON: usize = 2_000;
pub const MAX_ROLE_NAME: usize = 100;

/// Who signs a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Signer {
    Schoolleider,
    Bestuurder,
}

impl Signer {
    pub fn label_nl(self) -> &'static str {
        match self {
            Signer::Schoolleider => "Schoolleider",
            Signer::Bestuurder => "Bestuurder",
        }
    }

    /// Lower case, inside a sentence.
    pub fn short_nl(self) -> &'static str {
        match self {
            Signer::Schoolleider => "schoolleider",
            Signer::Bestuurder => "bestuurder",
        }
    }

    /// The account role that signs in this capacity.
    pub fn role_kind(self) -> RoleKind {
        match self {
            Signer::Schoolleider => RoleKind::Schoolleider,
            Signer::Bestuurder => RoleKind::Bestuurder,
        }
    }
}

/// A signature: who (user and the role name shown, e.g. "directeur-bestuurder"), in which
/// capacity, and when (Unix seconds; show with [`crate::calendar::datetime_nl`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub signer: Signer,
    pub user: UserId,
    pub role_name: String,
    pub at: i64,
}

impl Signature {
    /// The day it was signed, in Dutch time.
    pub fn signed_on(&self) -> Date {
        Date::of_instant(self.at)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VersionStatus {
    Concept,
    InOndertekening,
    Vastgesteld,
}

impl VersionStatus {
    pub const ALL: [VersionStatus; 3] =
        [VersionStatus::Concept, VersionStatus::InOndertekening, VersionStatus::Vastgesteld];

    /// The stored code (`in_ondertekening`), the same as the serde name.
    pub fn code(self) -> &'static str {
        match self {
            VersionStatus::Concept => "concept",
            VersionStatus::InOndertekening => "in_ondertekening",
            VersionStatus::Vastgesteld => "vastgesteld",
        }
    }

    /// The status with this stored code; `None` for anything else.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            VersionStatus::Concept => "concept",
            VersionStatus::InOndertekening => "in ondertekening",
            VersionStatus::Vastgesteld => "vastgesteld",
        }
    }
}

/// Why a version exists: a bijstelling of an earlier, frozen version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bijstelling {
    pub reason: String,
    pub from_version: u32,
}

/// One version of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanVersion {
    /// 1, 2, 3…
    pub number: u32,
    pub plan: Plan,
    pub status: VersionStatus,
    pub signatures: Vec<Signature>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bijstelling: Option<Bijstelling>,
    pub created_at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vastgesteld_at: Option<i64>,
}

/// What to do with a version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum VersionCommand {
    Edit {
        edit: PlanEdit,
    },
    Sign {
        signer: Signer,
        user: UserId,
        role_name: String,
    },
    /// A signer who has not signed yet sends the version back to concept, with a reason.
    SendBack {
        user: UserId,
        reason: String,
    },
}

/// What happened; the app turns these into audit entries, tasks and mails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum PlanEvent {
    Edited {
        number: u32,
    },
    /// An edit after a signature: the signatures no longer count.
    SignaturesWithdrawn {
        number: u32,
        signers: Vec<Signer>,
    },
    Signed {
        number: u32,
        signer: Signer,
        user: UserId,
    },
    /// The next signer's task (e.g. on the bestuurder's home page).
    AwaitingSignature {
        number: u32,
        signer: Signer,
    },
    Vastgesteld {
        number: u32,
    },
    SentBack {
        number: u32,
        user: UserId,
        reason: String,
    },
    BijstellingStarted {
        number: u32,
        from_version: u32,
        reason: String,
    },
}

fn reason(text: &str) -> Result<String, PlanError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(PlanError::ReasonRequired);
    }
    let length = t.chars().count();
    if length > MAX_REASON {
        return Err(PlanError::ReasonTooLong { length, max: MAX_REASON });
    }
    Ok(t.to_owned())
}

impl PlanVersion {
    /// Version 1, a concept.
    pub fn first(plan: Plan, at: i64) -> Self {
        Self {
            number: 1,
            plan,
            status: VersionStatus::Concept,
            signatures: vec![],
            bijstelling: None,
            created_at: at,
            vastgesteld_at: None,
        }
    }

    pub fn is_frozen(&self) -> bool {
        self.status == VersionStatus::Vastgesteld
    }

    /// Whose signature is needed next; `None` once vastgesteld.
    pub fn awaiting(&self, settings: &PlanSettings) -> Option<Signer> {
        if self.is_frozen() { None } else { settings.signers.get(self.signatures.len()).copied() }
    }

    /// The day it was vastgesteld, in Dutch time.
    pub fn vastgesteld_on(&self) -> Option<Date> {
        self.vastgesteld_at.map(Date::of_instant)
    }

    /// Apply a command at Unix second `at`.
    pub fn apply(
        &self,
        command: VersionCommand,
        ctx: &PlanContext<'_>,
        at: i64,
    ) -> Result<(PlanVersion, Vec<PlanEvent>), PlanError> {
        if self.is_frozen() {
            return Err(PlanError::Frozen { number: self.number });
        }
        let number = self.number;
        let mut next = self.clone();
        let mut events = Vec::new();
        match command {
            VersionCommand::Edit { edit } => {
                (next.plan, _) = self.plan.apply(edit, ctx)?;
                next.withdraw(&mut events);
                events.push(PlanEvent::Edited { number });
            }
            VersionCommand::Sign { signer, user, role_name } => {
                let expected = self.awaiting(ctx.settings).ok_or(PlanError::NoSigners)?;
                if signer != expected {
                    return Err(PlanError::NotYourTurn { expected: expected.short_nl(), got: signer.short_nl() });
                }
                let problems = check_complete(&self.plan, ctx);
                if !problems.is_empty() {
                    return Err(PlanError::Incomplete(problems));
                }
                let name = role_name.trim();
                let role_name = if name.is_empty() {
                    signer.label_nl().to_owned()
                } else {
                    name.chars().take(MAX_ROLE_NAME).collect()
                };
                next.signatures.push(Signature { signer, user, role_name, at });
                events.push(PlanEvent::Signed { number, signer, user });
                match next.awaiting(ctx.settings) {
                    Some(s) => {
                        next.status = VersionStatus::InOndertekening;
                        events.push(PlanEvent::AwaitingSignature { number, signer: s });
                    }
                    None => {
                        next.status = VersionStatus::Vastgesteld;
                        next.vastgesteld_at = Some(at);
                        events.push(PlanEvent::Vastgesteld { number });
                    }
                }
            }
            VersionCommand::SendBack { user, reason: text } => {
                if self.status != VersionStatus::InOndertekening {
                    return Err(PlanError::NotSignable { status: self.status });
                }
                let reason = reason(&text)?;
                next.withdraw(&mut events);
                events.push(PlanEvent::SentBack { number, user, reason });
            }
        }
        Ok((next, events))
    }

    fn withdraw(&mut self, events: &mut Vec<PlanEvent>) {
        if !self.signatures.is_empty() {
            let signers = self.signatures.iter().map(|s| s.signer).collect();
            events.push(PlanEvent::SignaturesWithdrawn { number: self.number, signers });
        }
        self.signatures.clear();
        self.status = VersionStatus::Concept;
    }

    /// A bijstelling: the next version, a concept copy of this frozen one, with `reason`.
    pub fn bijstelling(&self, text: &str, at: i64) -> Result<(PlanVersion, Vec<PlanEvent>), PlanError> {
        if !self.is_frozen() {
            return Err(PlanError::NotFrozen { number: self.number });
        }
        let reason = reason(text)?;
        let number = self.number.saturating_add(1);
        let event = PlanEvent::BijstellingStarted { number, from_version: self.number, reason: reason.clone() };
        let version = PlanVersion {
            number,
            plan: self.plan.clone(),
            status: VersionStatus::Concept,
            signatures: vec![],
            bijstelling: Some(Bijstelling { reason, from_version: self.number }),
            created_at: at,
            vastgesteld_at: None,
        };
        Ok((version, vec![event]))
    }
}

/// All versions of one plan, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanHistory {
    versions: Vec<PlanVersion>,
}

impl PlanHistory {
    /// A history starting with version 1 (a concept).
    pub fn new(plan: Plan, at: i64) -> Self {
        Self { versions: vec![PlanVersion::first(plan, at)] }
    }

    /// Rebuild from stored versions (sorted by number). `None` when empty or numbered with gaps.
    pub fn from_versions(mut versions: Vec<PlanVersion>) -> Option<Self> {
        versions.sort_by_key(|v| v.number);
        let numbered = versions.iter().enumerate().all(|(i, v)| v.number as usize == i + 1);
        (numbered && !versions.is_empty()).then_some(Self { versions })
    }

    pub fn versions(&self) -> &[PlanVersion] {
        &self.versions
    }

    pub fn version(&self, number: u32) -> Option<&PlanVersion> {
        self.versions.iter().find(|v| v.number == number)
    }

    pub fn latest(&self) -> Option<&PlanVersion> {
        self.versions.last()
    }

    /// The version in force: the latest vastgestelde.
    pub fn in_force(&self) -> Option<&PlanVersion> {
        self.versions.iter().rev().find(|v| v.is_frozen())
    }

    /// The version being written or signed, if any.
    pub fn open_draft(&self) -> Option<&PlanVersion> {
        self.versions.last().filter(|v| !v.is_frozen())
    }

    /// Apply a command to the open draft; refused with [`PlanError::Frozen`] when there is none.
    pub fn apply(
        &self,
        command: VersionCommand,
        ctx: &PlanContext<'_>,
        at: i64,
    ) -> Result<(PlanHistory, Vec<PlanEvent>), PlanError> {
        let latest = self.versions.last().ok_or(PlanError::NoVersion)?;
        let (version, events) = latest.apply(command, ctx, at)?;
        let mut next = self.clone();
        if let Some(last) = next.versions.last_mut() {
            *last = version;
        }
        Ok((next, events))
    }

    /// Start a bijstelling of the version in force.
    pub fn start_bijstelling(&self, reason: &str, at: i64) -> Result<(PlanHistory, Vec<PlanEvent>), PlanError> {
        let latest = self.versions.last().ok_or(PlanError::NoVersion)?;
        if !latest.is_frozen() {
            return Err(PlanError::DraftOpen { number: latest.number });
        }
        let (version, events) = latest.bijstelling(reason, at)?;
        let mut next = self.clone();
        next.versions.push(version);
        Ok((next, events))
    }

    /// What changed from version `a` to version `b`.
    pub fn compare(&self, a: u32, b: u32) -> Option<PlanDiff> {
        Some(compare(&self.version(a)?.plan, &self.version(b)?.plan))
    }
}
