//! `GET /check/waarden`: "Waarden om mee te kunnen doen" (seed 000) — every
//! schoolwegingscategorie with its signaleringswaarden and the highest three-year value that
//! still qualifies for the band programme, computed from the programme's stored rule
//! ([`koers_app::App::qualifying_values`]). Numbers near a boundary get the decimals that keep
//! them true: the grenswaarde and the highest qualifying value with two decimals (the model
//! compares at two), the signaleringswaarden as published (one).

use super::page::Page;
use super::render;
use crate::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use koers_core::eligibility::QualifyingTable;

#[derive(Debug, Clone)]
pub struct ValueRow {
    pub category: String,
    /// Per indicator (1F, 1S/2F): signaleringswaarde, grenswaarde, highest qualifying value.
    pub cells: Vec<[String; 3]>,
}

#[derive(Debug, Template)]
#[template(path = "check/waarden.html")]
pub struct ValuesPage {
    pub page: Page,
    pub programme_name: String,
    pub norms_title: String,
    pub rule_text: String,
    pub indicators: Vec<&'static str>,
    pub rows: Vec<ValueRow>,
}

/// The table's rows in the page's language.
pub fn rows(lang: Lang, t: &QualifyingTable) -> Vec<ValueRow> {
    t.rows
        .iter()
        .map(|r| ValueRow {
            category: r.category.label(),
            cells: r
                .indicators
                .iter()
                .map(|l| {
                    [
                        lang.pct(l.signaleringswaarde),
                        lang.pct2(l.grenswaarde),
                        l.highest_qualifying.map_or_else(|| lang.t("values-none"), |v| lang.pct2(v)),
                    ]
                })
                .collect(),
        })
        .collect()
}

pub async fn show(State(state): State<AppState>, page: Page) -> Result<Response, AppError> {
    let (programme, table) = state.app.qualifying_values().await?;
    let lang = page.lang;
    let rule_text = lang.t_args(
        "values-rule",
        &[
            ("fraction", lang.dec(table.grens_fraction * 100.0, 0)),
            ("min", table.min_indicators_below_grens.to_string()),
        ],
    );
    render(&ValuesPage {
        programme_name: programme.name,
        norms_title: table.norms_title.clone(),
        rule_text,
        indicators: koers_core::Indicator::ALL.iter().map(|i| i.label()).collect(),
        rows: rows(lang, &table),
        page: page.in_section("check"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use koers_core::NormLibrary;
    use koers_core::eligibility::qualifying_table;
    use koers_core::programme::BandRule;

    #[test]
    fn the_real_norms_read_in_dutch_and_english() {
        let lib = NormLibrary::shipped().unwrap_or_else(|e| panic!("{e}"));
        let t = qualifying_table(&lib.sets()[0], &BandRule::default());
        let nl = rows(Lang::Nl, &t);
        assert_eq!(nl.len(), 20);
        let r31 = &nl[11];
        assert_eq!(r31.cells[0], ["85,0%".to_owned(), "90,15%".to_owned(), "90,14%".to_owned()]);
        assert_eq!(r31.cells[1], ["43,5%".to_owned(), "49,00%".to_owned(), "48,99%".to_owned()]);
        let en = rows(Lang::En, &t);
        assert_eq!(en[11].cells[1][2], "48.99%");
    }
}
