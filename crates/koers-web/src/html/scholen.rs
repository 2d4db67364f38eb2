//! `GET /scholen?q=…` (search; with `HX-Request` only the results fragment) and
//! `GET /scholen/{id}` (the school page with its results and eligibility).

use super::eligibility::EligibilityView;
use super::page::Page;
use super::{Id, render};
use crate::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use koers_app::schools::{SchoolPage, eligibility_from_rows, school_page};
use koers_app::store::{School, Sector};
use koers_core::ids::SchoolId;
use serde::Deserialize;

/// Queries shorter than this get a hint instead of a search.
pub const MIN_QUERY_CHARS: usize = 2;
pub const SEARCH_LIMIT: i64 = 20;

#[derive(Debug, Clone)]
pub struct SchoolRow {
    pub href: String,
    pub name: String,
    pub meta: String,
}

/// The results region: a message, or the list.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    pub q: String,
    pub message: Option<String>,
    pub count_text: String,
    pub rows: Vec<SchoolRow>,
}

impl SearchResults {
    pub fn empty() -> Self {
        Self::default()
    }
}

#[derive(Debug, Template)]
#[template(path = "scholen/index.html")]
pub struct SearchPage {
    pub page: Page,
    pub results: SearchResults,
}

#[derive(Debug, Template)]
#[template(path = "scholen/_results.html")]
pub struct ResultsFragment {
    pub page: Page,
    pub results: SearchResults,
}

#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

fn school_meta(lang: Lang, s: &School) -> String {
    let mut parts = vec![format!("BRIN {}", s.brin)];
    if let Some(p) = &s.place {
        parts.push(p.clone());
    }
    parts.push(sector_label(lang, s.sector));
    parts.join(" · ")
}

pub fn sector_label(lang: Lang, s: Sector) -> String {
    lang.t(match s {
        Sector::Po => "sector-po",
        Sector::Sbo => "sector-sbo",
        Sector::So => "sector-so",
        Sector::Vso => "sector-vso",
        Sector::Vo => "sector-vo",
    })
}

pub async fn search(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    Query(query): Query<SearchQuery>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let q = query.q.trim().to_owned();
    let mut results = SearchResults { q: q.clone(), ..Default::default() };
    if q.is_empty() {
        results.message = Some(lang.t("search-empty"));
    } else if q.chars().count() < MIN_QUERY_CHARS {
        results.message = Some(lang.t("search-too-short"));
    } else {
        let schools = state.search.search(state.app.read(), &q, SEARCH_LIMIT, crate::auth::now()).await?;
        if schools.is_empty() {
            results.message = Some(lang.t_args("search-none", &[("q", q.clone())]));
        } else {
            results.count_text = lang.t_args("search-count", &[("count", schools.len().to_string())]);
            results.rows = schools
                .iter()
                .map(|s| SchoolRow {
                    href: format!("/scholen/{}", s.id),
                    name: s.name.clone(),
                    meta: school_meta(lang, s),
                })
                .collect();
        }
    }
    let fragment = headers.get("hx-request").is_some_and(|v| v == "true");
    let mut res =
        if fragment { render(&ResultsFragment { page, results })? } else { render(&SearchPage { page, results })? };
    res.headers_mut().insert(header::VARY, HeaderValue::from_static("HX-Request"));
    Ok(res)
}

#[derive(Debug, Clone)]
pub struct ResultRow {
    pub label: String,
    pub masked: bool,
    pub pupils: String,
    pub pct_1f: String,
    pub pct_1s2f: String,
}

#[derive(Debug, Clone)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Template)]
#[template(path = "scholen/show.html")]
pub struct SchoolShow {
    pub page: Page,
    pub name: String,
    pub facts: Vec<Fact>,
    /// Only http(s) URLs are linked.
    pub website: Option<String>,
    pub results_rows: Vec<ResultRow>,
    pub published: Option<Vec<Fact>>,
    pub result: Option<EligibilityView>,
    pub note: Option<String>,
    /// Regular primary schools have Inspectie results; other sectors do not.
    pub is_po: bool,
    /// VO: the exam pass-rate trend from DUO.
    pub exam_trend: Option<super::exam_trend::ExamTrendView>,
    /// The application form, when the school is eligible (login is asked for there).
    pub apply_href: Option<String>,
}

fn facts(lang: Lang, p: &SchoolPage) -> Vec<Fact> {
    let s = &p.school;
    let mut f = vec![
        Fact { label: lang.t("fact-brin"), value: s.brin.clone() },
        Fact {
            label: lang.t(if s.sector == Sector::Po { "fact-ovt" } else { "fact-vestiging" }),
            value: s.ovt.to_string(),
        },
    ];
    let mut push = |key: &str, v: Option<String>| {
        if let Some(value) = v.filter(|v| !v.trim().is_empty()) {
            f.push(Fact { label: lang.t(key), value });
        }
    };
    push("fact-place", s.place.clone());
    push("fact-municipality", s.municipality.clone());
    push("fact-province", s.province.clone());
    let board = match (&p.board, s.board_number) {
        // Imported boards are named "Bestuur <nummer>" until someone names them.
        (Some(b), _) if b.name.contains(&b.number.to_string()) => Some(b.name.clone()),
        (Some(b), _) => Some(format!("{} ({})", b.name, b.number)),
        (None, Some(n)) => Some(n.to_string()),
        (None, None) => None,
    };
    push("fact-board", board);
    push("fact-sector", Some(sector_label(lang, s.sector)));
    push("fact-kind", s.kind.clone());
    let clusters: Vec<String> = s.clusters.iter().map(i64::to_string).collect();
    push("fact-clusters", Some(clusters.join(", ")));
    push("fact-denomination", s.denomination.clone());
    push("fact-schoolweging", s.schoolweging.map(|w| lang.dec(w, 2)));
    f
}

fn results_rows(lang: Lang, p: &SchoolPage) -> Vec<ResultRow> {
    p.results
        .iter()
        .rev()
        .map(|r| {
            let label = u16::try_from(r.test_year)
                .ok()
                .and_then(|y| koers_core::TestYear::new(y).ok())
                .map_or_else(|| r.test_year.to_string(), |y| y.school_year_label());
            let pct = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| lang.pct2(v));
            ResultRow {
                label,
                masked: r.suppressed,
                pupils: r.pupils.map_or_else(|| "–".to_owned(), |n| n.to_string()),
                pct_1f: pct(r.pct_1f),
                pct_1s2f: pct(r.pct_1s2f),
            }
        })
        .collect()
}

pub async fn show(State(state): State<AppState>, page: Page, Id(id): Id<SchoolId>) -> Result<Response, AppError> {
    let lang = page.lang;
    let p = school_page(state.app.read(), id).await?;
    let mut apply_href = None;
    let (result, note) = if p.school.sector == Sector::Po {
        let programmes = state.programmes().await?;
        let (programme, rule) = programmes.band()?;
        let o = eligibility_from_rows(&p.school, &p.results, p.published.as_ref(), state.app.norms(), rule)?;
        if o.eligibility.verdict == koers_core::Verdict::Eligible {
            apply_href = Some(format!("/aanmelden?school={id}&programma={}", programme.id));
        }
        (Some(EligibilityView::new(&o, lang)), None)
    } else if p.school.sector == Sector::Vo {
        (None, Some(lang.t("school-note-vo")))
    } else {
        (None, Some(lang.t("school-note-special")))
    };
    let published = p.published.as_ref().map(|pb| {
        vec![
            Fact { label: lang.t("published-last-year"), value: pb.last_test_year.to_string() },
            Fact { label: lang.t("col-pupils"), value: pb.pupils.to_string() },
            Fact { label: lang.t("col-pct-1f"), value: lang.pct2(pb.pct_1f) },
            Fact { label: lang.t("col-pct-1s2f"), value: lang.pct2(pb.pct_1s2f) },
        ]
    });
    let website = p.school.website.clone().filter(|w| w.starts_with("https://") || w.starts_with("http://"));
    render(&SchoolShow {
        name: p.school.name.clone(),
        facts: facts(lang, &p),
        website,
        results_rows: results_rows(lang, &p),
        published,
        result,
        note,
        is_po: p.school.sector == Sector::Po,
        exam_trend: super::exam_trend::ExamTrendView::new(lang, &p.exam_years),
        apply_href,
        page,
    })
}
