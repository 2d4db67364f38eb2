//! The fields of the item kinds with more than a text: evidence (files, link), results
//! (register data, tables, analysis questions).

use super::{Cell, FileRow, ItemView, TableRow, TableView, TextField};
use crate::i18n::Lang;
use koers_core::format::Answer;
use koers_core::format::answer::RegisterSnapshot;
use koers_core::format::item::{Evidence, Results};

fn register_rows(lang: Lang, r: &RegisterSnapshot) -> Vec<(String, String)> {
    match r {
        RegisterSnapshot::PoResultatenmodel { assessment, .. } => {
            let mut rows = Vec::new();
            if let Some(t) = assessment.three_year {
                rows.push((lang.t("se-register-1f"), lang.pct(t.pct_1f)));
                rows.push((lang.t("se-register-1s2f"), lang.pct(t.pct_1s2f)));
                rows.push((lang.t("se-register-pupils"), t.pupils.to_string()));
            }
            if let Some(w) = assessment.schoolweging {
                rows.push((lang.t("se-register-weging"), lang.dec(w.get(), 2)));
            }
            rows
        }
        RegisterSnapshot::VoExamens { years } => years
            .iter()
            .map(|y| {
                let rate = y.pass_rate().map_or_else(String::new, |p| lang.pct(p));
                (format!("{} {}", y.school_year, y.track), rate)
            })
            .collect(),
    }
}

pub(super) fn evidence(v: &mut ItemView, e: &Evidence, answer: Option<&Answer>) {
    v.accept = e.accept.iter().map(|k| k.name()).collect::<Vec<_>>().join(", ");
    v.max_file_mb = e.max_file_mb;
    v.max_chars = e.note_max_chars;
    if let Some(Answer::Evidence(a)) = answer {
        v.link = a.link.clone().unwrap_or_default();
        v.text = a.note.clone();
        v.files = a
            .files
            .iter()
            .map(|f| FileRow {
                id: f.upload.parse().unwrap_or_default(),
                name: f.name.clone(),
                kind: f.kind.name().to_owned(),
                size_kb: f.size_bytes.div_ceil(1024),
            })
            .collect();
    }
}

pub(super) fn results(v: &mut ItemView, lang: Lang, r: &Results, item: &str, answer: Option<&Answer>) {
    let a = match answer {
        Some(Answer::Results(a)) => Some(a),
        _ => None,
    };
    if let Some(reg) = a.and_then(|a| a.register.as_ref()) {
        v.register = register_rows(lang, reg);
    }
    v.tables = r
        .tables
        .iter()
        .map(|t| {
            let saved = a.and_then(|a| a.tables.get(&t.id));
            let cell = |row_key: &str, col: &str, name: String, label: String, fixed: Option<&str>, n: usize| {
                let value = saved
                    .and_then(|rows| match fixed {
                        Some(id) => rows.iter().find(|r| r.row.as_deref() == Some(id)),
                        None => rows.iter().filter(|r| r.row.is_none()).nth(n),
                    })
                    .and_then(|r| r.cells.get(col).cloned())
                    .unwrap_or_default();
                let _ = row_key;
                Cell { name, label, value }
            };
            let mut rows: Vec<TableRow> = t
                .rows
                .iter()
                .map(|row| TableRow {
                    label: row.label.clone(),
                    label_name: None,
                    cells: t
                        .columns
                        .iter()
                        .map(|c| {
                            let name = format!("cel.{}.{}.{}", t.id, row.id, c.id);
                            cell(&row.id, &c.id, name, format!("{} – {}", row.label, c.label), Some(&row.id), 0)
                        })
                        .collect(),
                })
                .collect();
            for n in 0..t.free_rows as usize {
                let label = saved
                    .and_then(|rows| rows.iter().filter(|r| r.row.is_none()).nth(n))
                    .map(|r| r.label.clone())
                    .unwrap_or_default();
                rows.push(TableRow {
                    label,
                    label_name: Some(format!("vrij.{}.{}.label", t.id, n + 1)),
                    cells: t
                        .columns
                        .iter()
                        .map(|c| {
                            let name = format!("vrij.{}.{}.{}", t.id, n + 1, c.id);
                            cell("", &c.id, name, format!("{} {} – {}", t.row_header, n + 1, c.label), None, n)
                        })
                        .collect(),
                });
            }
            TableView {
                id: format!("{item}-{}", t.id),
                title: t.title.clone(),
                row_header: t.row_header.clone(),
                columns: t.columns.iter().map(|c| c.label.clone()).collect(),
                rows,
            }
        })
        .collect();
    v.analysis = r
        .analysis
        .iter()
        .map(|f| TextField {
            name: format!("analyse.{}", f.id),
            label: f.question.clone(),
            guidance: f.guidance.clone().unwrap_or_default(),
            value: a.and_then(|a| a.analysis.get(&f.id).cloned()).unwrap_or_default(),
            max: f.max_chars,
        })
        .collect();
}
