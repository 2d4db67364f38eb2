//! Merging what a file proposes into the register: a field a person edited keeps its value
//! and is reported; everything else takes the file's value. Unchanged schools are not rewritten.

use super::report::{ImportReport, KeptManual};
use crate::error::Result;
use crate::store::{Actor, NewBoard, School, SchoolFields, SchoolWrite, Sector, Store};
use koers_core::codes::Ovt;
use koers_core::ids::{BoardNumber, SchoolId};
use koers_core::register::ManualField;
use std::collections::{BTreeMap, HashMap};

/// What a file says about one school; `None` = the file does not say.
#[derive(Debug, Clone, Default)]
pub(super) struct Proposed {
    pub(super) brin: String,
    pub(super) sector: Option<Sector>,
    pub(super) name: Option<String>,
    pub(super) place: Option<Option<String>>,
    pub(super) municipality: Option<Option<String>>,
    pub(super) province: Option<Option<String>>,
    pub(super) denomination: Option<Option<String>>,
    pub(super) board_number: Option<Option<BoardNumber>>,
    pub(super) schoolweging: Option<Option<f64>>,
    pub(super) website: Option<Option<String>>,
    pub(super) kind: Option<Option<String>>,
    pub(super) clusters: Option<Vec<i64>>,
    pub(super) lat: Option<Option<f64>>,
    pub(super) lon: Option<Option<f64>>,
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
impl Shown for Option<BoardNumber> {
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
fn merge(ovt: &Ovt, cur: &mut SchoolFields, manual: &[ManualField], p: &Proposed, kept: &mut Vec<KeptManual>) -> bool {
    let mut changed = false;
    macro_rules! field {
        ($name:ident, $field:expr, $value:expr) => {
            if let Some(new) = $value {
                if cur.$name != new {
                    if manual.contains(&$field) {
                        kept.push(KeptManual {
                            ovt: ovt.clone(),
                            field: $field,
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
    field!(name, ManualField::Name, p.name.clone());
    field!(place, ManualField::Place, p.place.clone());
    field!(municipality, ManualField::Municipality, p.municipality.clone());
    field!(province, ManualField::Province, p.province.clone());
    field!(denomination, ManualField::Denomination, p.denomination.clone());
    field!(board_number, ManualField::BoardNumber, p.board_number);
    field!(schoolweging, ManualField::Schoolweging, p.schoolweging);
    field!(website, ManualField::Website, p.website.clone());
    field!(kind, ManualField::Kind, p.kind.clone());
    field!(clusters, ManualField::Clusters, p.clusters.clone());
    field!(lat, ManualField::Lat, p.lat);
    field!(lon, ManualField::Lon, p.lon);
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
pub(super) async fn apply(
    store: &dyn Store,
    proposals: &BTreeMap<Ovt, Proposed>,
    report: &mut ImportReport,
    actor: &Actor,
    now: i64,
) -> Result<HashMap<Ovt, SchoolId>> {
    let existing: HashMap<Ovt, School> = store.all_schools().await?.into_iter().map(|s| (s.ovt.clone(), s)).collect();
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
                let mut fields = SchoolFields { name: ovt.to_string(), ..SchoolFields::default() };
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
    let boards: BTreeMap<BoardNumber, NewBoard> = proposals
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
    let mut ids: HashMap<Ovt, SchoolId> = existing.into_iter().map(|(k, v)| (k, v.id)).collect();
    if !inserted_ovts.is_empty() {
        for s in store.all_schools().await? {
            ids.entry(s.ovt).or_insert(s.id);
        }
    }
    Ok(ids)
}

pub(super) fn opt_str(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
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
        let manual = [ManualField::Place, ManualField::Schoolweging];
        cur.board_number = Some(BoardNumber::new(41646));
        let mut kept = Vec::new();
        merge(&Ovt::parse("00AP|C1").unwrap_or_else(|e| panic!("{e}")), &mut cur, &manual, &p, &mut kept);
        let rows: Vec<(&str, &str, &str)> =
            kept.iter().map(|k| (k.field_nl(), k.kept.as_str(), k.imported.as_str())).collect();
        assert_eq!(rows, [("Plaats", "Amsterdam", "Zaandam"), ("Schoolweging", "–", "31,47")]);
        assert!(kept.iter().all(|k| !k.kept.contains("Some(") && !k.imported.contains("Some(")));
        assert_eq!(cur.board_number, None, "not manual: the file's value is taken");
        assert_eq!(kept[0].field_key(), "import-field-place");
    }
}
