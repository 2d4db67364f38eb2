//! The VO exam pass-rate trend on the school page: one row per school year, a column for the
//! whole location and one per afdeling it has programmes in. A pass rate built from masked
//! counts shows as an estimate (`≈`) with its exact bounds.

use crate::i18n::Lang;
use koers_app::store::ExamYear;

#[derive(Debug, Clone)]
pub struct ExamTrendView {
    /// Column headings after the school year (the whole location first).
    pub columns: Vec<String>,
    pub rows: Vec<ExamTrendRow>,
    /// Any cell an estimate: the page explains `≈`.
    pub estimated: bool,
}

#[derive(Debug, Clone)]
pub struct ExamTrendRow {
    pub school_year: String,
    /// Candidates of the whole location (`123` or `120–124`).
    pub candidates: String,
    pub cells: Vec<String>,
}

fn count(min: i64, max: i64) -> String {
    if min == max { min.to_string() } else { format!("{min}–{max}") }
}

fn cell(lang: Lang, y: Option<&ExamYear>) -> String {
    let Some(y) = y else { return "–".to_owned() };
    match (y.pass_rate, y.masking.as_str()) {
        (None, _) => "–".to_owned(),
        (Some(p), "estimated") => match (y.pass_rate_min, y.pass_rate_max) {
            (Some(lo), Some(hi)) => format!("≈ {} ({}–{})", lang.pct(p), lang.pct(lo), lang.pct(hi)),
            _ => format!("≈ {}", lang.pct(p)),
        },
        (Some(p), _) => lang.pct(p),
    }
}

impl ExamTrendView {
    /// `None` when the school has no exam years.
    pub fn new(lang: Lang, years: &[ExamYear]) -> Option<Self> {
        if years.is_empty() {
            return None;
        }
        let mut afdelingen: Vec<&str> = Vec::new();
        for y in years.iter().filter(|y| !y.afdeling.is_empty()) {
            if !afdelingen.contains(&y.afdeling.as_str()) {
                afdelingen.push(&y.afdeling);
            }
        }
        afdelingen.sort_by_key(|a| ["vmbo-b", "vmbo-k", "vmbo-(g)t", "havo", "vwo"].iter().position(|x| x == a));
        let mut school_years: Vec<&str> = years.iter().map(|y| y.school_year.as_str()).collect();
        school_years.sort_unstable();
        school_years.dedup();
        let find = |afd: &str, sy: &str| years.iter().find(|y| y.afdeling == afd && y.school_year == sy);
        let rows = school_years
            .iter()
            .rev()
            .map(|sy| {
                let whole = find("", sy);
                let mut cells = vec![cell(lang, whole)];
                cells.extend(afdelingen.iter().map(|a| cell(lang, find(a, sy))));
                ExamTrendRow {
                    school_year: (*sy).to_owned(),
                    candidates: whole.map_or_else(|| "–".to_owned(), |w| count(w.candidates_min, w.candidates_max)),
                    cells,
                }
            })
            .collect();
        let mut columns = vec![lang.t("exam-col-whole")];
        columns.extend(afdelingen.iter().map(|a| (*a).to_owned()));
        Some(Self { columns, rows, estimated: years.iter().any(|y| y.masking == "estimated") })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use koers_core::ids::SchoolId;

    fn y(afd: &str, sy: &str, rate: Option<f64>, masking: &str) -> ExamYear {
        ExamYear {
            school_id: SchoolId::new(1),
            afdeling: afd.into(),
            school_year: sy.into(),
            programmes: 1,
            candidates_min: 10,
            candidates_max: if masking == "estimated" { 12 } else { 10 },
            passes_min: 9,
            passes_max: 9,
            pass_rate: rate,
            pass_rate_min: rate.map(|r| r - 5.0),
            pass_rate_max: rate.map(|r| r + 5.0),
            masking: masking.into(),
        }
    }

    #[test]
    fn newest_year_first_whole_location_then_afdelingen_in_inspectie_order() {
        let years = vec![
            y("", "2023-2024", Some(90.0), "exact"),
            y("", "2024-2025", Some(85.0), "estimated"),
            y("vwo", "2024-2025", Some(80.0), "exact"),
            y("havo", "2023-2024", Some(95.0), "exact"),
        ];
        let v = ExamTrendView::new(Lang::Nl, &years).unwrap_or_else(|| panic!("view"));
        assert_eq!(v.columns[1..], ["havo".to_owned(), "vwo".to_owned()]);
        assert_eq!(v.rows[0].school_year, "2024-2025");
        assert_eq!(v.rows[0].cells, ["≈ 85,0% (80,0%–90,0%)", "–", "80,0%"]);
        assert_eq!(v.rows[0].candidates, "10–12");
        assert_eq!(v.rows[1].cells, ["90,0%", "95,0%", "–"]);
        assert!(v.estimated);
        assert!(ExamTrendView::new(Lang::Nl, &[]).is_none());
    }
}
