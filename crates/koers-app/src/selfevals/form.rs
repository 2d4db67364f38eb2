//! Opening a trajectory's form and everything its pages show: the format at the trajectory's
//! own version, the saved answers (with their versions), comments, klassenbezoeken and uploads
//! merged into the filled-in form, and the result. After submission the result is computed from
//! the frozen baseline.

use super::{Case, case_of, formats};
use crate::error::{Error, Result};
use crate::programmes::Programmes;
use crate::store::{
    Actor, AnswerRecord, CommentRecord, SelfEvaluationRecord, Store, StoreError, StoreRead, UploadMeta, VisitRecord,
};
use koers_core::NormLibrary;
use koers_core::access::Principal;
use koers_core::format::answer::{EvidenceFile, ObservationAnswer, RegisterSnapshot, ResultsAnswer, Visit};
use koers_core::format::item::Prefill;
use koers_core::format::{Answer, FileKind, FilledForm, FormResult, Format, ItemKind, evaluate};
use koers_core::ids::{SchoolId, TrajectoryId};
use koers_core::programme::ProgrammeRules;
use std::collections::BTreeMap;

/// A trajectory's form of one format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormRef {
    pub trajectory: TrajectoryId,
    pub format: String,
}

/// What a page shows of one form.
#[derive(Debug, Clone)]
pub struct FormView {
    pub case: Case,
    /// `None` while nobody started it (a reader sees the empty format).
    pub record: Option<SelfEvaluationRecord>,
    pub format: std::sync::Arc<Format>,
    /// The phases of the programme that work on this format, `(index, phase)`.
    pub phases: Vec<(usize, koers_core::programme::Phase)>,
    pub answers: BTreeMap<String, AnswerRecord>,
    pub comments: Vec<CommentRecord>,
    pub visits: Vec<VisitRecord>,
    pub uploads: Vec<UploadMeta>,
    /// Live answers (concept) or the frozen baseline (ingediend, bevestigd).
    pub filled: FilledForm,
    pub result: FormResult,
}

/// One form of a trajectory, for its page: the format, status and completeness.
#[derive(Debug, Clone)]
pub struct FormSummary {
    pub format_id: String,
    pub title: String,
    pub record: Option<SelfEvaluationRecord>,
    pub percent: u8,
}

/// The programme of a trajectory (active or not).
pub fn programme_of<'a>(programmes: &'a Programmes, t: &crate::store::TrajectoryRecord) -> Result<&'a ProgrammeRules> {
    programmes.get(&t.programme_id).ok_or(Error::NotFound)
}

/// The formats a programme's phases name, in phase order, each once.
pub fn format_ids(p: &ProgrammeRules) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for f in p.phases.iter().filter_map(|ph| ph.format.clone()) {
        if !ids.contains(&f) {
            ids.push(f);
        }
    }
    ids
}

/// The forms of a trajectory `who` may see, for the trajectory page.
pub async fn forms_of(
    read: &dyn StoreRead,
    programmes: &Programmes,
    who: &Principal,
    trajectory: TrajectoryId,
) -> Result<Vec<FormSummary>> {
    let case = case_of(read, who, trajectory).await?;
    let Ok(p) = programme_of(programmes, &case.trajectory) else { return Ok(Vec::new()) };
    let records = read.self_evaluations_of(trajectory).await?;
    let mut out = Vec::new();
    for id in format_ids(p) {
        let record = records.iter().find(|r| r.format_id == id).cloned();
        let format = match &record {
            Some(r) => formats::at_version(read, &id, r.format_version).await?,
            None => formats::in_force(read, &id).await?,
        };
        let percent = match &record {
            Some(r) => {
                let filled = filled_form(read, &format, r, None).await?;
                evaluate(&format, &filled).completeness.percent()
            }
            None => 0,
        };
        out.push(FormSummary { format_id: id, title: format.title.clone(), record, percent });
    }
    Ok(out)
}

/// Open a form. `start`: create it at the format version in force when it does not exist yet
/// and `who` may fill it in (the participant or the expert); otherwise a reader sees the empty
/// format. `NotFound` when the programme names no such format.
#[allow(clippy::too_many_arguments)]
pub async fn open(
    store: &dyn Store,
    programmes: &Programmes,
    norms: &NormLibrary,
    who: &Principal,
    form: &FormRef,
    start: bool,
    actor: &Actor,
    now: i64,
) -> Result<FormView> {
    let case = case_of(store, who, form.trajectory).await?;
    let p = programme_of(programmes, &case.trajectory)?;
    if !format_ids(p).contains(&form.format) {
        return Err(Error::NotFound);
    }
    let mut record = find(store, form).await?;
    if record.is_none()
        && start
        && (case.role.is_participant() || case.role == koers_core::access::case::CaseRole::Expert)
    {
        // The version in force must be stored (a shipped one not seeded yet).
        formats::seed_shipped(store, now).await?;
        let f = formats::in_force(store, &form.format).await?;
        record = match store.create_self_evaluation(form.trajectory, &f.id, i64::from(f.version), actor, now).await {
            Ok(r) => Some(r),
            // Opened by two people at once: the other one created it.
            Err(StoreError::Duplicate(_)) => find(store, form).await?,
            Err(e) => return Err(e.into()),
        };
    }
    view(store, p, norms, case, record, &form.format).await
}

/// The view without creating anything (reads only).
pub async fn load(
    read: &dyn StoreRead,
    programmes: &Programmes,
    norms: &NormLibrary,
    who: &Principal,
    form: &FormRef,
) -> Result<FormView> {
    let case = case_of(read, who, form.trajectory).await?;
    let p = programme_of(programmes, &case.trajectory)?;
    if !format_ids(p).contains(&form.format) {
        return Err(Error::NotFound);
    }
    let record = find(read, form).await?;
    view(read, p, norms, case, record, &form.format).await
}

pub(crate) async fn find(read: &dyn StoreRead, form: &FormRef) -> Result<Option<SelfEvaluationRecord>> {
    Ok(read.self_evaluations_of(form.trajectory).await?.into_iter().find(|r| r.format_id == form.format))
}

async fn view(
    read: &dyn StoreRead,
    p: &ProgrammeRules,
    norms: &NormLibrary,
    case: Case,
    record: Option<SelfEvaluationRecord>,
    format_id: &str,
) -> Result<FormView> {
    let format = match &record {
        Some(r) => formats::at_version(read, format_id, r.format_version).await?,
        None => formats::in_force(read, format_id).await?,
    };
    let phases = p
        .phases
        .iter()
        .enumerate()
        .filter(|(_, ph)| ph.format.as_deref() == Some(format_id))
        .map(|(i, ph)| (i, ph.clone()))
        .collect();
    let (answers, comments, visits, uploads) = match &record {
        Some(r) => (
            read.answers(r.id).await?.into_iter().map(|a| (a.item_id.clone(), a)).collect(),
            read.comments(r.id).await?,
            read.visits(r.id).await?,
            read.uploads(r.id).await?,
        ),
        None => Default::default(),
    };
    let mut filled = match record.as_ref().and_then(|r| r.baseline_json.as_deref()) {
        Some(frozen) => serde_json::from_str(frozen)?,
        None => merge(&format, &answers, &visits, &uploads)?,
    };
    if record.as_ref().is_none_or(|r| r.baseline_json.is_none()) {
        prefill(read, norms, &format, &case, &mut filled).await?;
    }
    let result = evaluate(&format, &filled);
    Ok(FormView { case, record, format, phases, answers, comments, visits, uploads, filled, result })
}

/// The live filled-in form of `r` (answers, visits and uploads merged; register data added
/// when `norms` is given).
pub(crate) async fn filled_form(
    read: &dyn StoreRead,
    format: &Format,
    r: &SelfEvaluationRecord,
    norms: Option<(&NormLibrary, &Case)>,
) -> Result<FilledForm> {
    let answers = read.answers(r.id).await?.into_iter().map(|a| (a.item_id.clone(), a)).collect();
    let mut filled = merge(format, &answers, &read.visits(r.id).await?, &read.uploads(r.id).await?)?;
    if let Some((norms, case)) = norms {
        prefill(read, norms, format, case, &mut filled).await?;
    }
    Ok(filled)
}

fn merge(
    format: &Format,
    answers: &BTreeMap<String, AnswerRecord>,
    visits: &[VisitRecord],
    uploads: &[UploadMeta],
) -> Result<FilledForm> {
    let mut filled = FilledForm::default();
    for (item, a) in answers {
        if let Some(json) = &a.answer_json {
            filled.answers.insert(item.clone(), serde_json::from_str(json)?);
        }
        if let Some(note) = &a.verbeterpunt {
            filled.verbeterpunten.insert(item.clone(), note.clone());
        }
    }
    for v in visits {
        let visit: Visit = serde_json::from_str(&v.visit_json)?;
        let entry = filled
            .answers
            .entry(v.item_id.clone())
            .or_insert_with(|| Answer::Observation(ObservationAnswer::default()));
        if let Answer::Observation(o) = entry {
            o.visits.push(visit);
        }
    }
    for u in uploads {
        let Some(kind) = FileKind::ALL.into_iter().find(|k| k.name() == u.kind) else { continue };
        let entry = filled.answers.entry(u.item_id.clone()).or_insert_with(|| Answer::Evidence(Default::default()));
        if let Answer::Evidence(e) = entry {
            e.files.push(EvidenceFile {
                upload: u.id.to_string(),
                name: u.file_name.clone(),
                kind,
                size_bytes: u64::try_from(u.size_bytes).unwrap_or(0),
            });
        }
    }
    // Answers to items this version does not have stay stored but do not count.
    filled.answers.retain(|id, _| format.item(id).is_some());
    Ok(filled)
}

/// Add the register data to results items that ask for it (`prefill`), so the school sees its
/// own numbers; frozen with the baseline at submission.
async fn prefill(
    read: &dyn StoreRead,
    norms: &NormLibrary,
    format: &Format,
    case: &Case,
    filled: &mut FilledForm,
) -> Result<()> {
    let Some(school_id) = case.trajectory.school_id else { return Ok(()) };
    for l in format.items() {
        let ItemKind::Results(r) = &l.item.kind else { continue };
        let Some(Prefill::PoResultatenmodel) = r.prefill else { continue };
        let snapshot = match po_snapshot(read, norms, school_id).await {
            Ok(s) => s,
            Err(Error::NotFound | Error::NoNorms) => continue,
            Err(e) => return Err(e),
        };
        let entry =
            filled.answers.entry(l.item.id.clone()).or_insert_with(|| Answer::Results(ResultsAnswer::default()));
        if let Answer::Results(a) = entry {
            a.register = Some(snapshot);
        }
    }
    Ok(())
}

async fn po_snapshot(read: &dyn StoreRead, norms: &NormLibrary, school_id: SchoolId) -> Result<RegisterSnapshot> {
    let school = read.school(school_id).await?;
    let results = read.results_of_school(school_id).await?;
    let published = read.published_of_school(school_id).await?;
    let latest = crate::schools::latest_test_year(&results, norms).ok_or(Error::NoNorms)?;
    let input = crate::schools::input_from_rows(&results, published.as_ref(), school.schoolweging, latest);
    let ns = norms.for_test_year(latest).ok().or_else(|| norms.sets().last()).ok_or(Error::NoNorms)?;
    let assessment = koers_core::results::assess(&input, ns);
    Ok(RegisterSnapshot::PoResultatenmodel { years: input.years, assessment })
}
