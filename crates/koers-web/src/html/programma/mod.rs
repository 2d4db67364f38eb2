//! `GET /programma/screening`: proactive screening — every school of the register with its
//! GWGB+ verdict and traffic light, filterable by verdict (`uitkomst`) and light (`licht`),
//! 50 per page. One bulk read ([`koers_app::schools::screen_register`]), then the pure model.

pub mod aanmeldingen;
pub mod accountaanvragen;
pub mod dashboard;
pub mod kaart;
pub mod paging;

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::home::verdict::{SchoolRow, VERDICTS, light_code, light_text, verdict_code, verdict_text};
use crate::html::page::Page;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::{Router, routing::get};
use koers_app::schools::screen_register;
use koers_core::TrafficLight;
use koers_core::access::{Action, Resource};
use paging::{Pager, page_param};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/programma/screening", get(screening))
        .merge(aanmeldingen::routes())
        .merge(dashboard::routes())
        .merge(kaart::routes())
        .merge(accountaanvragen::routes())
}

#[derive(Debug, Default, Deserialize)]
pub struct ScreeningQuery {
    #[serde(default)]
    uitkomst: String,
    #[serde(default)]
    licht: String,
    #[serde(default)]
    pagina: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

#[derive(Debug, Template)]
#[template(path = "programma/screening.html")]
pub struct ScreeningPage {
    pub page: Page,
    pub verdicts: Vec<Choice>,
    pub lights: Vec<Choice>,
    pub count_line: String,
    pub rows: Vec<SchoolRow>,
    pub pager: Pager,
}

const LIGHTS: [Option<TrafficLight>; 4] =
    [Some(TrafficLight::Rood), Some(TrafficLight::Oranje), Some(TrafficLight::Groen), None];

/// Most urgent first: rood, oranje, groen, no light.
fn light_rank(l: Option<TrafficLight>) -> u8 {
    l.map_or(3, |l| l as u8)
}

pub async fn screening(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Query(q): Query<ScreeningQuery>,
) -> Result<Response, AppError> {
    user.ensure(Action::View, Resource::ProgrammeScreening)?;
    let lang = page.lang;
    let verdict = VERDICTS.into_iter().find(|v| verdict_code(*v) == q.uitkomst.trim());
    let light = LIGHTS.into_iter().find(|l| light_code(*l) == q.licht.trim());
    let mut all = screen_register(state.app.read(), state.app.norms(), &state.band_rule().await?).await?;
    all.retain(|(_, o)| {
        verdict.is_none_or(|v| o.eligibility.verdict == v) && light.is_none_or(|l| o.eligibility.light() == l)
    });
    all.sort_by(|(a, oa), (b, ob)| {
        light_rank(oa.eligibility.light()).cmp(&light_rank(ob.eligibility.light())).then_with(|| a.name.cmp(&b.name))
    });
    let filters = [
        ("uitkomst", verdict.map(verdict_code).unwrap_or_default().to_owned()),
        ("licht", light.map(light_code).unwrap_or_default().to_owned()),
    ];
    let pager = Pager::of_total("/programma/screening", &filters, all.len(), page_param(q.pagina.as_deref()));
    let rows = all[pager.range(all.len())].iter().map(|(s, o)| SchoolRow::new(lang, s, o)).collect();
    let any = |selected: bool| Choice { value: "", label: lang.t("filter-all"), selected };
    let mut verdicts = vec![any(verdict.is_none())];
    verdicts.extend(VERDICTS.iter().map(|&v| Choice {
        value: verdict_code(v),
        label: verdict_text(lang, v),
        selected: verdict == Some(v),
    }));
    let mut lights = vec![any(light.is_none())];
    lights.extend(LIGHTS.iter().map(|&l| Choice {
        value: light_code(l),
        label: light_text(lang, l),
        selected: light == Some(l),
    }));
    render(&ScreeningPage {
        page: page.in_section("screening"),
        verdicts,
        lights,
        count_line: lang.t_args("screening-count", &[("count", all.len().to_string())]),
        rows,
        pager,
    })
}
