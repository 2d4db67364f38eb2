//! What an import did: the report for the CLI summary and the upload page, with every manual
//! edit an import kept.

use koers_core::codes::Ovt;
use koers_core::ids::ImportRunId;
use koers_core::register::ManualField;
use koers_import::RowError;
use serde::Serialize;

/// A manual edit that an import did not overwrite. `field` serializes as its code (`place`); `kept`
/// and `imported` are the values as a person reads them (`Amsterdam`, `31,47`, `–` for empty).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeptManual {
    pub ovt: Ovt,
    pub field: ManualField,
    pub kept: String,
    pub imported: String,
}

impl KeptManual {
    /// The field's Dutch label (`Plaats`).
    pub fn field_nl(&self) -> &str {
        match self.field {
            ManualField::Name => "Naam",
            ManualField::Place => "Plaats",
            ManualField::Municipality => "Gemeente",
            ManualField::Province => "Provincie",
            ManualField::Denomination => "Denominatie",
            ManualField::BoardNumber => "Bevoegd gezag",
            ManualField::Schoolweging => "Schoolweging",
            ManualField::Website => "Website",
            other => other.code(),
        }
    }

    /// The Fluent key of the field's label on the upload page (`import-field-place`).
    pub fn field_key(&self) -> String {
        format!("import-field-{}", self.field.code().replace('_', "-"))
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
    /// The first rejected rows (all of them until the run is stored, then the first
    /// [`super::REPORT_REJECTIONS`]); every one is in the store under [`Self::run_id`].
    pub rejected: Vec<RowError>,
    /// How many rows were rejected.
    pub rejected_total: usize,
    /// The stored run: its rejected rows page by page (`/beheer/import/{id}`).
    pub run_id: Option<ImportRunId>,
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
            self.rejected_total.max(self.rejected.len())
        )
    }
}
