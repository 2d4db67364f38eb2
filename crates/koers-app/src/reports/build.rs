//! From the store to a report's [`Document`]: load what `kind` needs for the person asking,
//! refuse (naming what is missing) when it cannot be made yet, and list a trajectory's reports
//! with their availability for the trajectory page.

use super::facts::{gather, plan_in_force, reference, school_name, signed_by};
use super::progress_doc::Audience;
use super::{ReportKind, access, nulmeting, plan_doc, progress_doc, release, unavailable};
use crate::error::{Error, Result};
use crate::plans::PlanCase;
use crate::programmes::Programmes;
use crate::selfevals::FormRef;
use crate::selfevals::form::{format_ids, load};
use crate::store::{ReportRelease, StoreRead};
use koers_core::NormLibrary;
use koers_core::access::Principal;
use koers_core::calendar::Date;
use koers_core::format::FormStatus;
use koers_core::ids::TrajectoryId;
use koers_reports::Document;

/// A report as assembled for one reader.
#[derive(Debug, Clone)]
pub struct Built {
    pub kind: ReportKind,
    pub document: Document,
    /// The Inspectie report: the release it shows (`None`: the concept, inside the school).
    pub release: Option<ReportRelease>,
    /// A file name for the download (`voortgang-bestuur-GWGB-2026-0007-2027-03-30.pdf`).
    pub file_name: String,
}

/// One line of the trajectory page's report list.
#[derive(Debug, Clone)]
pub struct ReportEntry {
    pub kind: ReportKind,
    /// Why it cannot be made yet (`None`: it can).
    pub unavailable: Option<String>,
    /// The Inspectie report: the newest release.
    pub released: Option<ReportRelease>,
    /// The reader may release the Inspectie report.
    pub may_release: bool,
    /// The reader sees the concept (inside the school) rather than the release.
    pub concept: bool,
}

/// Everything a build needs from the caller.
#[derive(Debug)]
pub struct Ctx<'a> {
    pub store: &'a dyn StoreRead,
    pub programmes: &'a Programmes,
    pub norms: &'a NormLibrary,
    pub who: &'a Principal,
    pub case: &'a PlanCase,
    pub today: Date,
}

/// The submitted (frozen) form the 0-meting report is about: the first of the programme's
/// formats that was submitted.
async fn submitted_form(c: &Ctx<'_>) -> Result<Option<String>> {
    let Some(p) = c.case.programme.as_ref() else { return Ok(None) };
    let records = c.store.self_evaluations_of(c.case.trajectory.id).await?;
    Ok(format_ids(p).into_iter().find(|f| {
        records.iter().any(|r| &r.format_id == f && matches!(r.status, FormStatus::Ingediend | FormStatus::Bevestigd))
    }))
}

fn file_name(kind: ReportKind, reference: Option<&str>, id: TrajectoryId, day: Date) -> String {
    let tag: String = reference
        .map(|r| r.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect())
        .filter(|r: &String| !r.is_empty())
        .unwrap_or_else(|| format!("traject-{id}"));
    format!("{}-{tag}-{day}.pdf", kind.code())
}

/// The document of `kind` for `c.who`.
pub async fn build(c: &Ctx<'_>, kind: ReportKind) -> Result<Built> {
    if !kind.applies_to(c.case.programme.as_ref()) {
        return Err(Error::NotFound);
    }
    let reference = reference(c.store, c.case).await?;
    let id = c.case.trajectory.id;
    let mut released = None;
    let document = match kind {
        ReportKind::Nulmeting => {
            let Some(format) = submitted_form(c).await? else {
                return Err(unavailable(kind, "de zelfevaluatie (0-meting) is nog niet ingediend"));
            };
            let view = load(c.store, c.programmes, c.norms, c.who, &FormRef { trajectory: id, format }).await?;
            let record = view.record.as_ref();
            nulmeting::document(&nulmeting::NulmetingInput {
                school: school_name(c.store, c.case).await?,
                programme: c.programmes.name(&c.case.trajectory.programme_id),
                reference: reference.clone(),
                format_title: view.format.title.clone(),
                status: record.map_or(FormStatus::Ingediend, |r| r.status).code().to_owned(),
                submitted_on: record.and_then(|r| r.submitted_at).map(Date::of_instant),
                result: &view.result,
                today: c.today,
            })?
        }
        ReportKind::Plan => {
            let version = plan_in_force(c.case, kind)?;
            let signers = signed_by(c.store, &version).await?;
            plan_doc::document(&plan_doc::PlanInput {
                school: school_name(c.store, c.case).await?,
                programme: c.programmes.name(&c.case.trajectory.programme_id),
                reference: reference.clone(),
                version: &version,
                signed_by: &signers,
                today: c.today,
            })?
        }
        ReportKind::VoortgangBestuur => {
            progress_doc::document(&gather(c.store, c.programmes, c.case, kind, c.today).await?, Audience::Bestuur)?
        }
        ReportKind::Eind => {
            progress_doc::document(&gather(c.store, c.programmes, c.case, kind, c.today).await?, Audience::Eind)?
        }
        ReportKind::VoortgangInspectie => {
            let latest = release::latest(c.store, id).await?;
            if access::rights(c.who, c.case).inside_school {
                let facts = gather(c.store, c.programmes, c.case, kind, c.today).await?.anonymised();
                let mut doc = progress_doc::document(&facts, Audience::Inspectie)?;
                let state = match &latest {
                    Some((r, _)) => format!(
                        "concept van vandaag; de schoolleider gaf eerder een versie vrij op {}",
                        Date::of_instant(r.released_at).nl_long()
                    ),
                    None => "concept: nog niet vrijgegeven door de schoolleider".to_owned(),
                };
                doc.subtitle = Some(format!("{} — {state}", doc.subtitle.unwrap_or_default()));
                doc
            } else {
                let Some((r, facts)) = latest else {
                    return Err(unavailable(
                        kind,
                        "de schoolleider heeft het rapport nog niet vrijgegeven; pas daarna kan het buiten de school worden gedownload",
                    ));
                };
                let mut doc = progress_doc::document(&facts, Audience::Inspectie)?;
                doc.subtitle = Some(format!(
                    "{} — vrijgegeven door de schoolleider op {}",
                    doc.subtitle.unwrap_or_default(),
                    Date::of_instant(r.released_at).nl_long()
                ));
                released = Some(r);
                doc
            }
        }
    };
    Ok(Built { kind, document, release: released, file_name: file_name(kind, reference.as_deref(), id, c.today) })
}

/// The reports of the case's trajectory for `c.who`, with what is missing for each.
pub async fn list(c: &Ctx<'_>) -> Result<Vec<ReportEntry>> {
    let rights = access::rights(c.who, c.case);
    let plan = plan_in_force(c.case, ReportKind::Plan).err().map(|e| e.to_string());
    let mut out = Vec::new();
    for kind in ReportKind::ALL.into_iter().filter(|k| k.applies_to(c.case.programme.as_ref())) {
        let mut entry = ReportEntry { kind, unavailable: None, released: None, may_release: false, concept: false };
        match kind {
            ReportKind::Nulmeting => {
                if submitted_form(c).await?.is_none() {
                    entry.unavailable =
                        Some(unavailable(kind, "de zelfevaluatie (0-meting) is nog niet ingediend").to_string());
                }
            }
            ReportKind::VoortgangInspectie => {
                entry.released = release::latest(c.store, c.case.trajectory.id).await?.map(|(r, _)| r);
                entry.concept = rights.inside_school;
                entry.may_release = rights.release && plan.is_none();
                if rights.inside_school {
                    entry.unavailable =
                        plan.as_ref().map(|p| p.replacen(ReportKind::Plan.label_nl(), kind.label_nl(), 1));
                } else if entry.released.is_none() {
                    entry.unavailable =
                        Some(unavailable(kind, "de schoolleider heeft het rapport nog niet vrijgegeven").to_string());
                }
            }
            _ => entry.unavailable = plan.as_ref().map(|p| p.replacen(ReportKind::Plan.label_nl(), kind.label_nl(), 1)),
        }
        out.push(entry);
    }
    Ok(out)
}
