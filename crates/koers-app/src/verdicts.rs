//! Inspectie verdicts (issue 10 §2): programme staff record them (vastgesteld), the school's
//! leader or its board declare them (verklaard, until staff confirm), and the VO and board entry
//! rules read them — with the demonstrable risk the register itself shows (falling exam pass
//! rates from DUO's file). The rules are in `koers_core::inspection`; this module checks who
//! may, stores and loads.

use crate::check::FieldError;
use crate::error::{Error, Result};
use crate::store::{Actor, ExamYear, NewVerdict, Sector, Store, StoreError, StoreRead, VerdictRecord};
use koers_core::access::{Action, Principal, Resource, SchoolRef, VerdictsOf, may};
use koers_core::calendar::Date;
use koers_core::eligibility::{BoardFacts, RiskKind, SchoolContext, VoFacts, VoRisk};
use koers_core::ids::{BoardNumber, SchoolId, VerdictId};
use koers_core::inspection;
use koers_core::inspection::{
    Afdeling, FallingPassRate, FallingRule, PassRatePoint, RecordedVerdict, Subject, VerdictFacts, VerdictForm,
    VerdictOordeel, VerdictStatus, board_facts, falling_pass_rate, validate, vo_facts,
};

/// Whose verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerdictOf {
    School(SchoolId),
    Board(BoardNumber),
}

/// A stored verdict with its meaning, for pages.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictView {
    pub record: VerdictRecord,
    pub recorded: RecordedVerdict,
}

/// The stored record read back into core's terms.
pub fn interpret(r: &VerdictRecord) -> Result<RecordedVerdict> {
    let bad = |what: &str, v: &str| {
        Error::Store(StoreError::Backend(format!(
            "onbekende waarde voor {what} in de database: {v:?} (oordeel {})",
            r.id
        )))
    };
    let afdeling = match &r.afdeling {
        Some(a) => Some(Afdeling::parse(a).ok_or_else(|| bad("afdeling", a))?),
        None => None,
    };
    Ok(RecordedVerdict {
        facts: VerdictFacts {
            date: Date::parse(&r.verdict_date).map_err(|_| bad("datum", &r.verdict_date))?,
            oordeel: VerdictOordeel::parse(&r.oordeel).ok_or_else(|| bad("oordeel", &r.oordeel))?,
            afdeling,
            herstelopdracht: r.herstelopdracht,
            risk_investigation: r.risk_investigation,
            source: r.source.clone(),
        },
        status: VerdictStatus::parse(&r.status).ok_or_else(|| bad("status", &r.status))?,
    })
}

fn views(records: Vec<VerdictRecord>) -> Result<Vec<VerdictView>> {
    records.into_iter().map(|record| Ok(VerdictView { recorded: interpret(&record)?, record })).collect()
}

/// What a verdict is about, for the access rule and the form check.
async fn subject_of(store: &dyn StoreRead, of: VerdictOf) -> Result<(VerdictsOf, Subject)> {
    Ok(match of {
        VerdictOf::School(id) => {
            let s = store.school(id).await?;
            (
                VerdictsOf::School(SchoolRef { id: s.id, board_number: s.board_number }),
                Subject::School { vo: s.sector == Sector::Vo },
            )
        }
        VerdictOf::Board(n) => {
            store.board(n).await?;
            (VerdictsOf::Board(n), Subject::Board)
        }
    })
}

/// May `who` see the verdicts of `of`? (`NotFound` for an unknown school or board.)
pub async fn may_view(store: &dyn StoreRead, who: &Principal, of: VerdictOf) -> Result<bool> {
    let (scope, _) = subject_of(store, of).await?;
    Ok(may(Some(who), Action::View, Resource::Verdicts(scope)))
}

/// Record (staff) or declare (the school's leader, its board) a verdict.
pub async fn record(
    store: &dyn Store,
    who: &Principal,
    of: VerdictOf,
    form: &VerdictForm,
    actor: &Actor,
    now: i64,
) -> Result<VerdictRecord> {
    let (scope, subject) = subject_of(store, of).await?;
    if !may(Some(who), Action::Change, Resource::Verdicts(scope)) {
        return Err(Error::Forbidden);
    }
    let status = if may(Some(who), Action::Change, Resource::ConfirmVerdicts) {
        VerdictStatus::Vastgesteld
    } else {
        VerdictStatus::Verklaard
    };
    let new = checked(of, subject, form, status, now)?;
    Ok(store.add_verdict(&new, actor, now).await?)
}

/// The form checked against the subject (Dutch field errors) as the store keeps it.
fn checked(of: VerdictOf, subject: Subject, form: &VerdictForm, status: VerdictStatus, now: i64) -> Result<NewVerdict> {
    let facts = validate(form, subject, Date::of_instant(now)).map_err(|ps| {
        Error::Invalid(ps.into_iter().map(|p| FieldError { field: p.field.into(), detail: p.message }).collect())
    })?;
    let (school_id, board_number) = match of {
        VerdictOf::School(id) => (Some(id), None),
        VerdictOf::Board(n) => (None, Some(n)),
    };
    Ok(NewVerdict {
        school_id,
        board_number,
        verdict_date: facts.date.to_string(),
        oordeel: facts.oordeel.code().into(),
        afdeling: facts.afdeling.map(|a| a.code().to_owned()),
        herstelopdracht: facts.herstelopdracht,
        risk_investigation: facts.risk_investigation,
        source: facts.source,
        status: status.code().into(),
    })
}

/// Whose verdict a stored one is.
fn owner(r: &VerdictRecord) -> Result<VerdictOf> {
    match (r.school_id, r.board_number) {
        (Some(id), _) => Ok(VerdictOf::School(id)),
        (None, Some(n)) => Ok(VerdictOf::Board(n)),
        (None, None) => Err(Error::NotFound),
    }
}

/// Change a recorded verdict (programme staff; optimistic version, audited with before and
/// after). The status stays: a declared verdict is still confirmed separately.
pub async fn edit(
    store: &dyn Store,
    who: &Principal,
    id: VerdictId,
    expected_version: i64,
    form: &VerdictForm,
    actor: &Actor,
    now: i64,
) -> Result<VerdictRecord> {
    if !may(Some(who), Action::Change, Resource::ConfirmVerdicts) {
        return Err(Error::Forbidden);
    }
    let current = store.verdict(id).await?;
    let of = owner(&current)?;
    let (_, subject) = subject_of(store, of).await?;
    let status = VerdictStatus::parse(&current.status).unwrap_or(VerdictStatus::Verklaard);
    let new = checked(of, subject, form, status, now)?;
    Ok(store.update_verdict(id, expected_version, &new, actor, now).await?)
}

/// Delete a recorded verdict (programme staff; optimistic version, audited). Returns whose it
/// was, for the page to go back to.
pub async fn delete(
    store: &dyn Store,
    who: &Principal,
    id: VerdictId,
    expected_version: i64,
    actor: &Actor,
    now: i64,
) -> Result<VerdictOf> {
    if !may(Some(who), Action::Change, Resource::ConfirmVerdicts) {
        return Err(Error::Forbidden);
    }
    let current = store.verdict(id).await?;
    let of = owner(&current)?;
    store.delete_verdict(id, expected_version, actor, now).await?;
    Ok(of)
}

/// A verdict the applicant declared in the aanmeld form (VO: oordeel and afdeling), to store
/// `verklaard` with the application; `None` when no verdict was named or the afdeling is not
/// one the Inspectie judges (the answer still counts for the rule).
pub fn declared_in_application(school_id: SchoolId, facts: &VoFacts, now: i64) -> Option<NewVerdict> {
    let oordeel = facts.oordeel?;
    let afdeling = match facts.department.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => Some(Afdeling::parse(d)?),
        None => None,
    };
    let code = match oordeel {
        koers_core::eligibility::Oordeel::Voldoende => VerdictOordeel::Voldoende,
        koers_core::eligibility::Oordeel::Onvoldoende => VerdictOordeel::Onvoldoende,
        koers_core::eligibility::Oordeel::ZeerZwak => VerdictOordeel::ZeerZwak,
    };
    Some(NewVerdict {
        school_id: Some(school_id),
        board_number: None,
        verdict_date: Date::of_instant(now).to_string(),
        oordeel: code.code().into(),
        afdeling: afdeling.map(|a| a.code().to_owned()),
        herstelopdracht: false,
        risk_investigation: false,
        source: "verklaard in de aanmelding".into(),
        status: VerdictStatus::Verklaard.code().into(),
    })
}

/// Confirm a declared verdict (staff); confirming a confirmed one changes nothing.
pub async fn confirm(
    store: &dyn Store,
    who: &Principal,
    id: VerdictId,
    expected_version: i64,
    actor: &Actor,
    now: i64,
) -> Result<VerdictRecord> {
    if !may(Some(who), Action::Change, Resource::ConfirmVerdicts) {
        return Err(Error::Forbidden);
    }
    let current = store.verdict(id).await?;
    if current.status == VerdictStatus::Vastgesteld.code() {
        return Ok(current);
    }
    Ok(store.confirm_verdict(id, expected_version, actor, now).await?)
}

pub async fn of_school(store: &dyn StoreRead, school_id: SchoolId) -> Result<Vec<VerdictView>> {
    views(store.verdicts_of_school(school_id).await?)
}

pub async fn of_board(store: &dyn StoreRead, board_number: BoardNumber) -> Result<Vec<VerdictView>> {
    views(store.verdicts_of_board(board_number).await?)
}

/// The falls in a VO location's exam trend that count as a demonstrable risk (whole location
/// and per afdeling), by [`FallingRule::default`].
pub fn exam_risks(years: &[ExamYear]) -> Vec<FallingPassRate> {
    let mut parts: Vec<&str> = Vec::new();
    for y in years {
        if !parts.contains(&y.afdeling.as_str()) {
            parts.push(&y.afdeling);
        }
    }
    parts
        .into_iter()
        .filter_map(|part| {
            let points: Vec<PassRatePoint> = years
                .iter()
                .filter(|y| y.afdeling == part)
                .filter_map(|y| {
                    Some(PassRatePoint {
                        school_year: y.school_year.clone(),
                        pass_rate: y.pass_rate?,
                        estimated: y.masking == "estimated",
                    })
                })
                .collect();
            falling_pass_rate(Some(part).filter(|p| !p.is_empty()), &points, &FallingRule::default())
        })
        .collect()
}

/// What the VO rule reads for a school: the answers, the verdicts in force, and — when the rule
/// takes a demonstrable risk — the falling exam pass rates as evidence.
pub async fn vo_facts_for(
    store: &dyn StoreRead,
    school_id: SchoolId,
    answered: VoFacts,
    risk_counts: bool,
) -> Result<VoFacts> {
    let recorded: Vec<RecordedVerdict> = of_school(store, school_id).await?.into_iter().map(|v| v.recorded).collect();
    vo_facts_with_trend(store, school_id, vo_facts(&recorded, answered), risk_counts).await
}

/// What the school rules read to refer a school to regular GWGB: its verdicts in force.
pub async fn school_context(store: &dyn StoreRead, school_id: SchoolId) -> Result<SchoolContext> {
    let recorded: Vec<RecordedVerdict> = of_school(store, school_id).await?.into_iter().map(|v| v.recorded).collect();
    Ok(inspection::school_context(&recorded))
}

/// What the VO rule reads without the recorded verdicts (for someone who may not see them, on
/// the public start page): the answers and the falling exam pass rates (public DUO data).
pub async fn vo_facts_with_trend(
    store: &dyn StoreRead,
    school_id: SchoolId,
    mut facts: VoFacts,
    risk_counts: bool,
) -> Result<VoFacts> {
    if risk_counts {
        for fall in exam_risks(&store.exam_years_of_school(school_id).await?) {
            facts.risks.push(VoRisk { kind: RiskKind::FallingResults, evidence: fall.evidence_nl() });
        }
    }
    Ok(facts)
}

/// What the board rule reads: the answers plus the recorded verdicts of the board and its schools.
pub async fn board_facts_for(
    store: &dyn StoreRead,
    board_number: BoardNumber,
    answered: BoardFacts,
) -> Result<BoardFacts> {
    let schools = store.schools_of_board(board_number).await?;
    let mut school_verdicts = Vec::new();
    for r in store.verdicts_of_board_schools(board_number).await? {
        let name = schools
            .iter()
            .find(|s| Some(s.id) == r.school_id)
            .map_or_else(|| format!("school {}", r.school_id.unwrap_or_default()), |s| s.name.clone());
        school_verdicts.push((name, interpret(&r)?));
    }
    let own: Vec<RecordedVerdict> = of_board(store, board_number).await?.into_iter().map(|v| v.recorded).collect();
    let count = u32::try_from(schools.len()).unwrap_or(u32::MAX);
    Ok(board_facts(&school_verdicts, &own, count, answered))
}
