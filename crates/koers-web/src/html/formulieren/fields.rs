//! Extracting an item's answer from a posted form (`application/x-www-form-urlencoded`, the same
//! names with and without JavaScript). Only the shape is read here; every rule (score 1–4, text
//! limits, known options and columns) is `Format::check_answer` in the use case, so a score of
//! 5 reaches it and gets its Dutch message. Field names:
//!
//! | kind | fields |
//! |---|---|
//! | rubric | `score`, `waarom` |
//! | reflection | `tekst` |
//! | evidence | `link`, `toelichting` (files: their own upload form) |
//! | results | `analyse.{veld}`, `cel.{tabel}.{rij}.{kolom}`, `vrij.{tabel}.{n}.label` / `vrij.{tabel}.{n}.{kolom}` |
//! | choice | `optie` (repeated), `notitie.{optie}` |
//! | every item | `versie`, `verbeterpunt` (`1` = flagged), `verbeterpunt-toelichting` |

use koers_core::format::answer::{
    ChoiceAnswer, EvidenceAnswer, ResultsAnswer, RowAnswer, RubricAnswer, Selection, TextAnswer,
};
use koers_core::format::{Answer, ItemKind};
use std::collections::BTreeMap;

/// The posted fields, in order (a name may repeat).
pub type Fields = Vec<(String, String)>;

/// The Dutch name of an answer's field in messages (`why` → `waarom`, `visits[1].date` →
/// `bezoek 1, datum`); paths it does not know stay as they are.
pub fn dutch_field(field: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        ("why", "waarom"),
        ("text", "tekst"),
        ("note", "toelichting"),
        ("link", "link"),
        ("score", "score"),
        ("selected", "keuze"),
        ("option", "optie"),
        ("analysis", "analyse"),
        ("tables", "tabel"),
        ("cells", "cel"),
        ("visits", "bezoek"),
        ("date", "datum"),
        ("group", "groep"),
        ("observer", "observant"),
        ("subject", "vak"),
        ("scores", "score"),
        ("strengths", "sterke punten"),
        ("improvements", "verbeterpunten"),
    ];
    field
        .split('.')
        .map(|part| {
            let (name, index) = match part.split_once('[') {
                Some((n, rest)) => (n, Some(rest.trim_end_matches(']'))),
                None => (part, None),
            };
            let word = WORDS.iter().find(|(en, _)| *en == name).map_or(name, |(_, nl)| nl);
            match index {
                Some(i) => format!("{word} {i}"),
                None => word.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn get<'a>(f: &'a Fields, name: &str) -> &'a str {
    f.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

/// The answer of an item of `kind` from `f`; `Err((field, detail))` for a value that is not
/// even of the right shape (a score that is no number). `None`: the kind is answered elsewhere
/// (observation: klassenbezoeken are added one by one).
pub fn answer(kind: &ItemKind, f: &Fields) -> Result<Option<Answer>, (String, String)> {
    Ok(Some(match kind {
        ItemKind::Rubric(_) => {
            let raw = get(f, "score").trim();
            let score = if raw.is_empty() {
                None
            } else {
                Some(
                    raw.parse::<u8>()
                        .map_err(|_| ("score".to_owned(), "kies een score van 1 tot en met 4".to_owned()))?,
                )
            };
            Answer::Rubric(RubricAnswer { score, why: get(f, "waarom").to_owned() })
        }
        ItemKind::Reflection(_) => Answer::Reflection(TextAnswer { text: get(f, "tekst").to_owned() }),
        ItemKind::Evidence(_) => {
            let link = get(f, "link").trim();
            Answer::Evidence(EvidenceAnswer {
                files: Vec::new(),
                link: (!link.is_empty()).then(|| link.to_owned()),
                note: get(f, "toelichting").to_owned(),
            })
        }
        ItemKind::Results(_) => Answer::Results(results(f)),
        ItemKind::Observation(_) => return Ok(None),
        ItemKind::Choice(_) => {
            let selected = f
                .iter()
                .filter(|(k, v)| k == "optie" && !v.trim().is_empty())
                .map(|(_, v)| Selection {
                    option: v.trim().to_owned(),
                    note: get(f, &format!("notitie.{}", v.trim())).to_owned(),
                })
                .collect();
            Answer::Choice(ChoiceAnswer { selected })
        }
    }))
}

fn results(f: &Fields) -> ResultsAnswer {
    let mut a = ResultsAnswer::default();
    // (table, free row number) → the row being built
    let mut free: BTreeMap<(String, String), RowAnswer> = BTreeMap::new();
    for (k, v) in f {
        let parts: Vec<&str> = k.split('.').collect();
        match parts.as_slice() {
            ["analyse", field] => {
                a.analysis.insert((*field).to_owned(), v.clone());
            }
            ["cel", table, row, col] if !v.trim().is_empty() => {
                let rows = a.tables.entry((*table).to_owned()).or_default();
                let i = match rows.iter().position(|r| r.row.as_deref() == Some(*row)) {
                    Some(i) => i,
                    None => {
                        rows.push(RowAnswer { row: Some((*row).to_owned()), ..RowAnswer::default() });
                        rows.len() - 1
                    }
                };
                rows[i].cells.insert((*col).to_owned(), v.trim().to_owned());
            }
            ["vrij", table, n, field] => {
                let r = free.entry(((*table).to_owned(), (*n).to_owned())).or_default();
                if *field == "label" {
                    r.label = v.trim().to_owned();
                } else if !v.trim().is_empty() {
                    r.cells.insert((*field).to_owned(), v.trim().to_owned());
                }
            }
            _ => {}
        }
    }
    for ((table, _), row) in free {
        if !row.label.is_empty() || !row.cells.is_empty() {
            a.tables.entry(table).or_default().push(row);
        }
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use koers_core::format::Format;

    fn f(pairs: &[(&str, &str)]) -> Fields {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    fn item(id: &str) -> ItemKind {
        let formats = Format::shipped().unwrap_or_else(|e| panic!("{e}"));
        let po = formats.iter().find(|x| x.id == "zelfevaluatie-po").unwrap_or_else(|| panic!("po"));
        po.item(id).unwrap_or_else(|| panic!("{id}")).item.kind.clone()
    }

    #[test]
    fn a_rubric_keeps_an_out_of_range_score_for_the_rules_and_refuses_text() {
        let a = answer(&item("op1-rubric"), &f(&[("score", "5"), ("waarom", "Zie plan")])).unwrap_or_default();
        assert_eq!(a, Some(Answer::Rubric(RubricAnswer { score: Some(5), why: "Zie plan".into() })));
        assert_eq!(
            answer(&item("op1-rubric"), &f(&[("score", "veel")])).map(|_| ()).map_err(|e| e.0),
            Err("score".into())
        );
        let empty = answer(&item("op1-rubric"), &f(&[])).unwrap_or_default();
        assert_eq!(empty, Some(Answer::Rubric(RubricAnswer::default())));
    }

    #[test]
    fn answer_fields_are_named_in_dutch() {
        assert_eq!(dutch_field("why"), "waarom");
        assert_eq!(dutch_field("visits[2].scores.klimaat-1"), "bezoek 2, score, klimaat-1");
        assert_eq!(dutch_field("bestand"), "bestand");
    }

    #[test]
    fn results_rows_and_analysis_are_read_from_dotted_names() {
        let a = answer(
            &item("or1-resultaten"),
            &f(&[
                ("analyse.lvs-analyse", "Groep 5 valt op."),
                ("cel.lvs.g5.m", "85,5"),
                ("cel.lvs.g5.e", ""),
                ("vrij.extra.1.label", "2023-2024"),
                ("vrij.extra.1.waarde", "12"),
                ("vrij.extra.2.label", ""),
            ]),
        )
        .unwrap_or_default();
        let Some(Answer::Results(r)) = a else { panic!("results") };
        assert_eq!(r.analysis.get("lvs-analyse").map(String::as_str), Some("Groep 5 valt op."));
        assert_eq!(r.tables["lvs"][0].cells.get("m").map(String::as_str), Some("85,5"));
        assert_eq!(r.tables["lvs"][0].cells.len(), 1);
        assert_eq!((r.tables["extra"].len(), r.tables["extra"][0].label.as_str()), (1, "2023-2024"));
    }
}
