//! The school register: importing the public files (or a beheerder's upload) into the store.
//!
//! Every rejected row of an import is stored with the run ([`crate::store::ImportRun`]), so the
//! report pages through all of them; the report itself keeps the first
//! [`REPORT_REJECTIONS`]. The rows come from a [`koers_import::Table`] within its
//! [`koers_import::Limits`] and yield at most one rejection each, so holding them until they
//! are stored is bounded by the same limits.
//!
//! Re-import is idempotent (unchanged schools and results are not rewritten) and never loses a
//! manual edit silently: a field a person edited keeps its value, and the report lists every
//! such field where the file says something else.

use crate::error::{Error, Result};
use crate::store::{Actor, PublishedThreeYear, ResultYear, Sector, Store, WegingYear};
use koers_core::ids::BoardNumber;
use koers_import::{Cell, FileError, FileKind};
use std::collections::{BTreeMap, HashMap};

mod merge;
mod report;
mod sectors;

use merge::{Proposed, apply, opt_str};
pub use report::{ImportReport, KeptManual};

/// Import one file (CSV, xlsx or ods) of any supported kind.
pub(crate) async fn import_bytes(
    store: &dyn Store,
    bytes: &[u8],
    file_name: &str,
    actor: &Actor,
    now: i64,
) -> Result<ImportReport> {
    let table = koers_import::read_table(bytes, file_name)?;
    let kind =
        koers_import::detect_kind(&table).ok_or_else(|| FileError::UnknownKind { file: file_name.to_owned() })?;
    let mut report = ImportReport {
        file: file_name.to_owned(),
        kind: kind.dutch_name().to_owned(),
        rows: table.rows.len(),
        ..Default::default()
    };
    let source = format!(
        "{}:{file_name}",
        if matches!(
            kind,
            FileKind::InspectieResultaten | FileKind::SchoolwegingDriejaars | FileKind::SchoolwegingPerJaar
        ) {
            "inspectie"
        } else {
            "duo"
        }
    );
    match kind {
        FileKind::InspectieResultaten => {
            let parsed = koers_import::parse_inspectie_results(&table)?;
            report.rejected = parsed.rejected;
            let mut proposals = BTreeMap::new();
            for r in &parsed.records {
                proposals.insert(
                    r.ovt.clone(),
                    Proposed {
                        brin: r.brin.clone(),
                        sector: Some(Sector::Po),
                        name: opt_str(&r.name),
                        schoolweging: r.schoolweging.map(Some),
                        ..Default::default()
                    },
                );
            }
            let ids = apply(store, &proposals, &mut report, actor, now).await?;
            let mut results = Vec::new();
            let mut published = Vec::new();
            for r in &parsed.records {
                let Some(&school_id) = ids.get(&r.ovt) else { continue };
                for y in &r.years {
                    let suppressed = [y.pupils.is_suppressed(), y.pct_1f.is_suppressed(), y.pct_1s2f.is_suppressed()]
                        .contains(&true);
                    if y.pupils.is_missing() && y.pct_1f.is_missing() && !suppressed {
                        continue;
                    }
                    results.push(ResultYear {
                        school_id,
                        test_year: i64::from(y.test_year),
                        pupils: y.pupils.value().map(i64::from),
                        pct_1f: y.pct_1f.value(),
                        pct_1s2f: y.pct_1s2f.value(),
                        suppressed,
                        source: source.clone(),
                    });
                }
                if let (Cell::Value(n), Cell::Value(p1), Cell::Value(p2), Some(last)) =
                    (r.published_total, r.published_1f, r.published_1s2f, r.years.iter().map(|y| y.test_year).max())
                {
                    published.push(PublishedThreeYear {
                        school_id,
                        last_test_year: i64::from(last),
                        pupils: i64::from(n),
                        pct_1f: p1,
                        pct_1s2f: p2,
                    });
                }
            }
            report.results_changed = store.upsert_results(&results, actor, now).await?;
            store.upsert_published(&published, actor, now).await?;
        }
        FileKind::SchoolwegingDriejaars => {
            let parsed = koers_import::parse_schoolweging_driejaars(&table)?;
            report.rejected = parsed.rejected;
            let proposals = parsed
                .records
                .iter()
                .map(|r| {
                    (
                        r.ovt.clone(),
                        Proposed {
                            brin: r.brin.clone(),
                            name: opt_str(&r.naam),
                            board_number: r.bevoegd_gezag_nummer.map(|n| Some(BoardNumber::new(i64::from(n)))),
                            schoolweging: r.schoolweging.map(Some),
                            ..Default::default()
                        },
                    )
                })
                .collect();
            apply(store, &proposals, &mut report, actor, now).await?;
        }
        FileKind::SchoolwegingPerJaar => {
            let parsed = koers_import::parse_schoolweging_per_jaar(&table)?;
            report.rejected = parsed.rejected;
            let mut proposals = BTreeMap::new();
            for r in &parsed.records {
                proposals.entry(r.ovt.clone()).or_insert_with(|| Proposed {
                    brin: r.brin.clone(),
                    name: opt_str(&r.naam),
                    board_number: r.bevoegd_gezag_nummer.map(|n| Some(BoardNumber::new(i64::from(n)))),
                    ..Default::default()
                });
            }
            let ids = apply(store, &proposals, &mut report, actor, now).await?;
            let rows: Vec<WegingYear> = parsed
                .records
                .iter()
                .filter_map(|r| {
                    Some(WegingYear {
                        school_id: *ids.get(&r.ovt)?,
                        school_year: r.schooljaar.clone(),
                        weging: r.schoolweging,
                        pupils: r.aantal_leerlingen.map(i64::from),
                        spreiding: r.spreiding,
                    })
                })
                .collect();
            report.weging_years_changed = store.upsert_weging_years(&rows, actor, now).await?;
        }
        FileKind::DuoVestigingen => {
            let parsed = koers_import::parse_duo_vestigingen(&table)?;
            report.rejected = parsed.rejected;
            let mut by_brin: HashMap<&str, Vec<&koers_import::DuoVestigingRecord>> = HashMap::new();
            for r in &parsed.records {
                by_brin.entry(r.instellingscode.as_str()).or_default().push(r);
            }
            let schools = store.all_schools().await?;
            let mut proposals = BTreeMap::new();
            let mut linked_brins = std::collections::HashSet::new();
            for s in &schools {
                let Some(vs) = by_brin.get(s.brin.as_str()) else { continue };
                // One location: exact. Several: the main location (BRIN + 00).
                let v = if vs.len() == 1 { vs.first() } else { vs.iter().find(|v| v.vestigingscode.ends_with("00")) };
                let Some(v) = v else { continue };
                linked_brins.insert(s.brin.clone());
                proposals.insert(
                    s.ovt.clone(),
                    Proposed {
                        brin: s.brin.clone(),
                        place: Some(opt_str(&v.plaatsnaam)),
                        municipality: Some(opt_str(&v.gemeentenaam)),
                        province: Some(opt_str(&v.provincie)),
                        denomination: Some(opt_str(&v.denominatie)),
                        // DUO writes most addresses without https:// (koers_core::website).
                        website: Some(opt_str(&v.internetadres).and_then(|w| koers_core::website::normalise(&w).ok())),
                        board_number: s
                            .board_number
                            .is_none()
                            .then(|| v.bevoegd_gezag_nummer.map(|n| BoardNumber::new(i64::from(n)))),
                        ..Default::default()
                    },
                );
            }
            report.not_linked = parsed.records.iter().filter(|r| !linked_brins.contains(&r.instellingscode)).count();
            apply(store, &proposals, &mut report, actor, now).await?;
        }
        FileKind::DuoReferentieniveaus => return Err(Error::Unsupported("DUO referentieniveaus")),
        FileKind::DuoVestigingenVo => sectors::vo_locations(store, &table, &mut report, actor, now).await?,
        FileKind::DuoLeerlingenSoortPo => sectors::special_locations(store, &table, &mut report, actor, now).await?,
        FileKind::DuoExamensVo => sectors::exam_trends(store, &table, &mut report, actor, now).await?,
        FileKind::ScholenGeo => sectors::coordinates(store, &table, &mut report, actor, now).await?,
    }
    drop(table);
    record_run(store, &mut report, actor, now).await?;
    Ok(report)
}

/// Rejected rows the report itself keeps: the first page; all of them are in the store.
pub const REPORT_REJECTIONS: usize = 100;

/// Store every rejected row with the run (issue 11 item 2: the report is paged from the store)
/// and keep only the first [`REPORT_REJECTIONS`] in the report.
async fn record_run(store: &dyn Store, report: &mut ImportReport, actor: &Actor, now: i64) -> Result<()> {
    report.rejected_total = report.rejected.len();
    let run = crate::store::NewImportRun {
        at: now,
        actor_label: actor.label.clone(),
        file: report.file.clone(),
        summary: report.summary_nl(),
    };
    report.run_id = Some(store.record_import_run(&run, &report.rejected).await?);
    report.rejected.truncate(REPORT_REJECTIONS);
    report.rejected.shrink_to_fit();
    Ok(())
}
