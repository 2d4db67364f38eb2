//! The register beyond regular primary schools (issue 10 §1): VO locations, sbo/so/vso
//! locations, the VO exam pass-rate trend and the coordinates of every location.
//!
//! - A VO or sbo/so/vso school is a DUO *vestiging*: its ovt is the vestigingscode (`18BR00`),
//!   as the Inspectie's `BRIN|C1` objects exist only for regular primary schools.
//! - The sbo/so/vso file has one location per row and kind; a location is filed under its
//!   [`koers_import::DuoSoortPoRecord::hoofdsoort`] with every special kind it has (`so, vso`) and
//!   its clusters. Regular primary rows (`Bo`) are skipped: those schools come from the
//!   Inspectie's files.
//! - The exam file is added up per location ([`koers_import::exam_trends`]) and stored per
//!   school year for the whole location and per afdeling; a location not in the register is
//!   counted as not linked (import the VO register first).
//! - Coordinates: a location's own vestigingscode, else (regular primary schools, whose ovt is
//!   `BRIN|C1`) the BRIN's only location or its main location `BRIN00`, as for DUO's addresses.

use koers_core::codes::Ovt;
use koers_core::ids::{BoardNumber, SchoolId};
use std::collections::{BTreeMap, HashMap};

use koers_import::{Masking, PassRateYear, SoortPo, Table};

use super::{ImportReport, Proposed, apply, opt_str};
use crate::error::Result;
use crate::store::{Actor, ExamYear, Sector, Store};

pub(super) async fn vo_locations(
    store: &dyn Store,
    table: &Table,
    report: &mut ImportReport,
    actor: &Actor,
    now: i64,
) -> Result<()> {
    let parsed = koers_import::parse_duo_vestigingen_vo(table)?;
    report.rejected = parsed.rejected;
    let proposals: BTreeMap<Ovt, Proposed> = parsed
        .records
        .iter()
        .filter_map(|r| {
            let p = Proposed {
                brin: r.instellingscode.clone(),
                sector: Some(Sector::Vo),
                name: Some(r.vestigingsnaam.trim().to_owned()).filter(|n| !n.is_empty()),
                place: Some(opt_str(&r.plaatsnaam)),
                municipality: Some(opt_str(&r.gemeentenaam)),
                province: Some(opt_str(&r.provincie)),
                denomination: Some(opt_str(&r.denominatie)),
                board_number: Some(r.bevoegd_gezag_nummer.map(|n| BoardNumber::new(i64::from(n)))),
                website: Some(opt_str(&r.internetadres)),
                kind: Some(opt_str(&Some(r.onderwijsstructuur.clone()))),
                ..Default::default()
            };
            Some((vestiging(&r.vestigingscode)?, p))
        })
        .collect();
    apply(store, &proposals, report, actor, now).await?;
    Ok(())
}

/// A vestigingscode as the register keeps it (the import checked it already, so `None` is a
/// code the import let through that the register cannot key: it is left out).
fn vestiging(code: &str) -> Option<Ovt> {
    Ovt::parse_vestiging(code).ok()
}

fn sector_of(soort: SoortPo) -> Option<Sector> {
    match soort {
        SoortPo::Bo => None,
        SoortPo::Sbo => Some(Sector::Sbo),
        SoortPo::So => Some(Sector::So),
        SoortPo::Vso => Some(Sector::Vso),
    }
}

pub(super) async fn special_locations(
    store: &dyn Store,
    table: &Table,
    report: &mut ImportReport,
    actor: &Actor,
    now: i64,
) -> Result<()> {
    let parsed = koers_import::parse_duo_leerlingen_soort_po(table)?;
    report.rejected = parsed.rejected;
    let mut proposals = BTreeMap::new();
    for r in &parsed.records {
        let Some(sector) = r.hoofdsoort().and_then(sector_of) else {
            report.skipped += r.delen.len();
            continue;
        };
        let mut kinds: Vec<SoortPo> = r.soorten().into_iter().filter(|s| s.is_special()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        let kind = kinds.iter().map(|k| k.code().to_lowercase()).collect::<Vec<_>>().join(", ");
        let Some(code) = vestiging(&r.vestigingscode) else { continue };
        proposals.insert(
            code,
            Proposed {
                brin: r.instellingscode.clone(),
                sector: Some(sector),
                name: opt_str(&r.naam),
                place: Some(opt_str(&r.plaatsnaam)),
                municipality: Some(opt_str(&r.gemeentenaam)),
                province: Some(opt_str(&r.provincie)),
                denomination: Some(opt_str(&r.denominatie)),
                board_number: Some(r.bevoegd_gezag_nummer.map(|n| BoardNumber::new(i64::from(n)))),
                kind: Some(Some(kind)),
                clusters: Some(r.clusters().into_iter().map(i64::from).collect()),
                ..Default::default()
            },
        );
    }
    apply(store, &proposals, report, actor, now).await?;
    Ok(())
}

fn masking_code(m: Masking) -> &'static str {
    match m {
        Masking::NoCandidates => "no_candidates",
        Masking::Exact => "exact",
        Masking::Recovered => "recovered",
        Masking::Estimated => "estimated",
    }
}

fn exam_year(school_id: SchoolId, afdeling: &str, y: &PassRateYear) -> ExamYear {
    ExamYear {
        school_id,
        afdeling: afdeling.to_owned(),
        school_year: y.schooljaar.clone(),
        programmes: i64::from(y.programmes),
        candidates_min: i64::from(y.candidates.min),
        candidates_max: i64::from(y.candidates.max),
        passes_min: i64::from(y.passes.min),
        passes_max: i64::from(y.passes.max),
        pass_rate: y.pass_rate,
        pass_rate_min: y.pass_rate_min,
        pass_rate_max: y.pass_rate_max,
        masking: masking_code(y.masking).to_owned(),
    }
}

pub(super) async fn exam_trends(
    store: &dyn Store,
    table: &Table,
    report: &mut ImportReport,
    actor: &Actor,
    now: i64,
) -> Result<()> {
    let parsed = koers_import::parse_duo_examens_vo(table)?;
    report.rejected = parsed.rejected;
    let ids: HashMap<Ovt, SchoolId> =
        store.all_schools().await?.into_iter().filter(|s| s.sector == Sector::Vo).map(|s| (s.ovt, s.id)).collect();
    let mut rows = Vec::new();
    for t in koers_import::exam_trends(&parsed.records) {
        let Some(&school_id) = ids.get(t.vestigingscode.as_str()) else {
            report.not_linked += 1;
            continue;
        };
        rows.extend(t.years.iter().map(|y| exam_year(school_id, "", y)));
        for a in &t.afdelingen {
            rows.extend(a.years.iter().map(|y| exam_year(school_id, a.afdeling.code(), y)));
        }
    }
    report.exam_years_changed = store.upsert_exam_years(&rows, actor, now).await?;
    Ok(())
}

pub(super) async fn coordinates(
    store: &dyn Store,
    table: &Table,
    report: &mut ImportReport,
    actor: &Actor,
    now: i64,
) -> Result<()> {
    let parsed = koers_import::parse_scholen_geo(table)?;
    report.rejected = parsed.rejected;
    let by_code: HashMap<&str, &koers_import::SchoolLocatieRecord> =
        parsed.records.iter().map(|r| (r.vestigingscode.as_str(), r)).collect();
    let mut by_brin: HashMap<&str, Vec<&koers_import::SchoolLocatieRecord>> = HashMap::new();
    for r in &parsed.records {
        by_brin.entry(r.brin.as_str()).or_default().push(r);
    }
    let mut proposals = BTreeMap::new();
    let mut used = std::collections::HashSet::new();
    for s in store.all_schools().await? {
        let found = by_code.get(s.ovt.as_str()).copied().or_else(|| {
            let list = by_brin.get(s.brin.as_str())?;
            if list.len() == 1 {
                list.first().copied()
            } else {
                list.iter().copied().find(|r| r.vestigingscode.ends_with("00"))
            }
        });
        let Some(r) = found else { continue };
        used.insert(r.vestigingscode.as_str());
        if s.lat != Some(r.lat) || s.lon != Some(r.lon) {
            report.located += 1;
        }
        proposals.insert(
            s.ovt.clone(),
            Proposed { brin: s.brin.clone(), lat: Some(Some(r.lat)), lon: Some(Some(r.lon)), ..Default::default() },
        );
    }
    report.not_linked = parsed.records.iter().filter(|r| !used.contains(r.vestigingscode.as_str())).count();
    apply(store, &proposals, report, actor, now).await?;
    Ok(())
}
