//! The school register: importing the public files (or a beheerder's upload) into the store.
//!
//! Re-import is idempotent (unchanged schools and results are not rewritten) and never loses a
//! manual edit silently: a field a person edited keeps its value, and the report lists every
//! such field where the file says something else.

use crate::error::{Error, Result};
use crate::store::{
    Actor, NewBoard, PublishedThreeYear, ResultYear, School, SchoolFields, SchoolWrite, Sector, Store, WegingYear,
};
use koers_import::{Cell, FileError, FileKind, RowError};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

mod sectors;

/// A manual edit that an import did not overwrite. `field` is the code name (`place`); `kept`
/// and `imported` are the values as a person reads them (`Amsterdam`, `31,47`, `–` for empty).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeptManual {
    pub ovt: String,
    pub field: String,
    pub kept: String,
    pub imported: String,
}

impl KeptManual {
    /// The field's Dutch label (`Plaats`).
    pub fn field_nl(&self) -> &str {
        match self.field.as_str() {
            "name" => "Naam",
            "place" => "Plaats",
            "municipality" => "Gemeente",
            "province" => "Provincie",
            "denomination" => "Denominatie",
            "board_number" => "Bevoegd gezag",
            "schoolweging" => "Schoolweging",
            "website" => "Website",
            other => other,
        }
    }

    /// The Fluent key of the field's label on the upload page (`import-field-place`).
    pub fn field_key(&self) -> String {
        format!("import-field-{}", self.field.replace('_', "-"))
    }
}

/// What an import did, for the CLI summary and the upload page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    pub file: String,
    pub kind: String,
    pub rows: usize,
    pub schools_inserted: usize,
    pub schools_updated: usize,
    pub schools_unchanged: usize,
    pub boards: usize,
    pub results_changed: usize,
    pub weging_years_changed: usize,
    /// Rows of the file that could not be linked to a school of the register.
    pub not_linked: usize,
    /// Rows the register does not take from this file (regular primary schools in the
    /// sbo/so/vso file: those come from the Inspectie's files).
    pub skipped: usize,
    /// VO exam years (whole location and per afdeling) that changed.
    pub exam_years_changed: usize,
    /// Schools whose coordinates were set or changed.
    pub located: usize,
    pub kept_manual: Vec<KeptManual>,
    pub rejected: Vec<RowError>,
}

impl ImportReport {
    /// One Dutch summary line.
    pub fn summary_nl(&self) -> String {
        format!(
            "{} ({}): {} regels; scholen {} nieuw, {} bijgewerkt, {} ongewijzigd; {} besturen; {} resultaatjaren, {} wegingsjaren en {} examenjaren gewijzigd; {} scholen met coördinaten; {} niet te koppelen; {} overgeslagen; {} handmatige wijzigingen behouden; {} regels afgewezen.",
            self.file,
            self.kind,
            self.rows,
            self.schools_inserted,
            self.schools_updated,
            self.schools_unchanged,
            self.boards,
            self.results_changed,
            self.weging_years_changed,
            self.exam_years_changed,
            self.located,
            self.not_linked,
            self.skipped,
            self.kept_manual.len(),
            self.rejected.len()
        )
    }
}

/// What a file says about one school; `None` = the file does not say.
#[derive(Debug, Clone, Default)]
struct Proposed {
    brin: String,
    sector: Option<Sector>,
    name: Option<String>,
    place: Option<Option<String>>,
    municipality: Option<Option<String>>,
    province: Option<Option<String>>,
    denomination: Option<Option<String>>,
    board_number: Option<Option<i64>>,
    schoolweging: Option<Option<f64>>,
    website: Option<Option<String>>,
    kind: Option<Option<String>>,
    clusters: Option<Vec<i64>>,
    lat: Option<Option<f64>>,
    lon: Option<Option<f64>>,
}

/// A field's value as a person reads it in the report: the text itself, a Dutch decimal, or
/// `–` for empty (never Rust's `Some("Amsterdam")`).
trait Shown {
    fn shown(&self) -> String;
}

const EMPTY: &str = "–";

impl Shown for String {
    fn shown(&self) -> String {
        self.clone()
    }
}
impl Shown for Option<String> {
    fn shown(&self) -> String {
        self.clone().unwrap_or_else(|| EMPTY.into())
    }
}
impl Shown for Option<i64> {
    fn shown(&self) -> String {
        self.map_or_else(|| EMPTY.into(), |n| n.to_string())
    }
}
impl Shown for Option<f64> {
    fn shown(&self) -> String {
        self.map_or_else(|| EMPTY.into(), |v| koers_core::nl::decimal(v, 2))
    }
}

impl Shown for Vec<i64> {
    fn shown(&self) -> String {
        if self.is_empty() { EMPTY.into() } else { self.iter().map(i64::to_string).collect::<Vec<_>>().join(", ") }
    }
}

fn show<T: Shown>(v: &T) -> String {
    v.shown()
}

/// Merge `p` into `cur`, keeping manual fields; returns whether anything changed.
fn merge(ovt: &str, cur: &mut SchoolFields, manual: &[String], p: &Proposed, kept: &mut Vec<KeptManual>) -> bool {
    let mut changed = false;
    macro_rules! field {
        ($name:ident, $value:expr) => {
            if let Some(new) = $value {
                if cur.$name != new {
                    if manual.iter().any(|m| m == stringify!($name)) {
                        kept.push(KeptManual {
                            ovt: ovt.to_owned(),
                            field: stringify!($name).to_owned(),
                            kept: show(&cur.$name),
                            imported: show(&new),
                        });
                    } else {
                        cur.$name = new;
                        changed = true;
                    }
                }
            }
        };
    }
    field!(name, p.name.clone());
    field!(place, p.place.clone());
    field!(municipality, p.municipality.clone());
    field!(province, p.province.clone());
    field!(denomination, p.denomination.clone());
    field!(board_number, p.board_number);
    field!(schoolweging, p.schoolweging);
    field!(website, p.website.clone());
    field!(kind, p.kind.clone());
    field!(clusters, p.clusters.clone());
    field!(lat, p.lat);
    field!(lon, p.lon);
    changed
}

fn fields_of(s: &School) -> SchoolFields {
    SchoolFields {
        name: s.name.clone(),
        place: s.place.clone(),
        municipality: s.municipality.clone(),
        province: s.province.clone(),
        denomination: s.denomination.clone(),
        board_number: s.board_number,
        schoolweging: s.schoolweging,
        website: s.website.clone(),
        kind: s.kind.clone(),
        clusters: s.clusters.clone(),
        lat: s.lat,
        lon: s.lon,
    }
}

/// Apply proposals to the register; returns ovt → school id for every proposed school.
async fn apply(
    store: &dyn Store,
    proposals: &BTreeMap<String, Proposed>,
    report: &mut ImportReport,
    actor: &Actor,
    now: i64,
) -> Result<HashMap<String, i64>> {
    let existing: HashMap<String, School> =
        store.all_schools().await?.into_iter().map(|s| (s.ovt.clone(), s)).collect();
    let mut writes = Vec::new();
    let mut inserted_ovts = Vec::new();
    for (ovt, p) in proposals {
        match existing.get(ovt) {
            Some(s) => {
                let mut fields = fields_of(s);
                if merge(ovt, &mut fields, &s.manual_fields, p, &mut report.kept_manual) {
                    writes.push(SchoolWrite::Update { id: s.id, expected_version: s.version, fields });
                    report.schools_updated += 1;
                } else {
                    report.schools_unchanged += 1;
                }
            }
            None => {
                let mut fields = SchoolFields { name: ovt.clone(), ..SchoolFields::default() };
                merge(ovt, &mut fields, &[], p, &mut Vec::new());
                writes.push(SchoolWrite::Insert {
                    ovt: ovt.clone(),
                    brin: p.brin.clone(),
                    sector: p.sector.unwrap_or(Sector::Po),
                    fields,
                });
                inserted_ovts.push(ovt.clone());
                report.schools_inserted += 1;
            }
        }
    }
    let boards: BTreeMap<i64, NewBoard> = proposals
        .values()
        .filter_map(|p| p.board_number.flatten())
        .map(|n| (n, NewBoard { number: n, name: format!("Bestuur {n}") }))
        .collect();
    if !boards.is_empty() {
        let list: Vec<NewBoard> = boards.into_values().collect();
        report.boards = store.upsert_boards(&list, actor, now).await?;
    }
    if !writes.is_empty() {
        store.apply_school_writes(&writes, actor, now).await?;
    }
    let mut ids: HashMap<String, i64> = existing.into_iter().map(|(k, v)| (k, v.id)).collect();
    if !inserted_ovts.is_empty() {
        for s in store.all_schools().await? {
            ids.entry(s.ovt).or_insert(s.id);
        }
    }
    Ok(ids)
}

fn opt_str(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

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
                            board_number: r.bevoegd_gezag_nummer.map(|n| Some(i64::from(n))),
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
                    board_number: r.bevoegd_gezag_nummer.map(|n| Some(i64::from(n))),
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
                        board_number: s.board_number.is_none().then(|| v.bevoegd_gezag_nummer.map(i64::from)),
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
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_manual_edits_are_reported_as_people_read_them() {
        let mut cur = SchoolFields { name: "De Klimop".into(), place: Some("Amsterdam".into()), ..Default::default() };
        let p = Proposed {
            place: Some(Some("Zaandam".into())),
            schoolweging: Some(Some(31.47)),
            board_number: Some(None),
            ..Default::default()
        };
        let manual = ["place".to_owned(), "schoolweging".to_owned()];
        cur.board_number = Some(41646);
        let mut kept = Vec::new();
        merge("00AP|C1", &mut cur, &manual, &p, &mut kept);
        let rows: Vec<(&str, &str, &str)> =
            kept.iter().map(|k| (k.field_nl(), k.kept.as_str(), k.imported.as_str())).collect();
        assert_eq!(rows, [("Plaats", "Amsterdam", "Zaandam"), ("Schoolweging", "–", "31,47")]);
        assert!(kept.iter().all(|k| !k.kept.contains("Some(") && !k.imported.contains("Some(")));
        assert_eq!(cur.board_number, None, "not manual: the file's value is taken");
        assert_eq!(kept[0].field_key(), "import-field-place");
    }
}
