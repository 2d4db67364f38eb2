//! `GET /programma/kaart/{programma}`: the staff map of a programme's schools — for a
//! results-band programme the schools in its band, else the schools of its sectors — as an inline
//! SVG of points from the register's coordinates (no tiles, no script), with the same schools in
//! a table as the text alternative. Reached from the dashboard. One use case
//! ([`koers_app::App::band_map`]) decides who may see it and which schools it shows.

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::render;
use crate::i18n::Lang;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::{Router, routing::get};
use koers_app::band_map::MapSchool;
use koers_core::TrafficLight;
use std::fmt::Write;

pub fn routes() -> Router<AppState> {
    Router::new().route("/programma/kaart/{programma}", get(show))
}

#[derive(Debug, Clone)]
pub struct MapRow {
    pub href: String,
    pub name: String,
    pub place: String,
    pub province: String,
    pub light: String,
    pub plotted: bool,
}

#[derive(Debug, Template)]
#[template(path = "programma/kaart.html")]
pub struct MapPage {
    pub page: Page,
    pub title: String,
    pub intro: String,
    pub svg: String,
    pub plotted: usize,
    pub unplotted: usize,
    pub rows: Vec<MapRow>,
    pub is_band: bool,
}

/// The Netherlands' bounding box (WGS84) and the plot's size in SVG units.
const LON: (f64, f64) = (3.3, 7.25);
const LAT: (f64, f64) = (50.72, 53.58);
const SCALE: f64 = 160.0;
const PAD: f64 = 6.0;
/// cos(52,2°): an equirectangular projection true to scale at the middle of the country.
const COS_MID: f64 = 0.6129;

/// The point of a coordinate in the plot; `None` outside the Netherlands' box.
pub fn project(lat: f64, lon: f64) -> Option<(f64, f64)> {
    let inside = (LAT.0..=LAT.1).contains(&lat) && (LON.0..=LON.1).contains(&lon);
    inside.then_some((PAD + (lon - LON.0) * COS_MID * SCALE, PAD + (LAT.1 - lat) * SCALE))
}

fn size() -> (f64, f64) {
    (2.0 * PAD + (LON.1 - LON.0) * COS_MID * SCALE, 2.0 * PAD + (LAT.1 - LAT.0) * SCALE)
}

fn light_text(lang: Lang, l: Option<TrafficLight>) -> String {
    lang.t(match l {
        Some(TrafficLight::Rood) => "light-rood",
        Some(TrafficLight::Oranje) => "light-oranje",
        Some(TrafficLight::Groen) => "light-groen",
        None => "light-none",
    })
}

fn fill(l: Option<TrafficLight>) -> &'static str {
    match l {
        Some(TrafficLight::Rood) => "#a4000f",
        Some(TrafficLight::Oranje) => "#b35900",
        Some(TrafficLight::Groen) => "#1a6b2b",
        None => "#154273",
    }
}

/// The SVG (decorative detail hidden from assistive technology except its title and summary:
/// the table below carries every school).
pub fn svg(lang: Lang, title: &str, schools: &[MapSchool]) -> (String, usize) {
    let (w, h) = size();
    let mut out = String::new();
    let mut plotted = 0;
    let _ = write!(
        out,
        r#"<svg class="school-map" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" role="img" aria-labelledby="kaart-titel kaart-uitleg" xmlns="http://www.w3.org/2000/svg"><title id="kaart-titel">{}</title>"#,
        title.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    );
    let _ = write!(out, r##"<rect x="0" y="0" width="{w:.0}" height="{h:.0}" fill="#f3f6fa" stroke="#8a99a8"/>"##);
    for s in schools {
        if let (Some(lat), Some(lon)) = (s.school.lat, s.school.lon)
            && let Some((x, y)) = project(lat, lon)
        {
            plotted += 1;
            let _ = write!(out, r#"<circle cx="{x:.1}" cy="{y:.1}" r="2.5" fill="{}"/>"#, fill(s.light));
        }
    }
    let desc = lang.t_args("map-desc", &[("count", plotted.to_string())]);
    let desc = desc.replace('&', "&amp;").replace('<', "&lt;");
    let _ = write!(out, r#"<desc id="kaart-uitleg">{desc}</desc></svg>"#);
    (out, plotted)
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Path(programme): Path<String>,
) -> Result<Response, AppError> {
    let map = state.app.band_map(user.principal(), &programme).await?;
    let lang = page.lang;
    let title = lang.t_args("map-title", &[("programme", map.programme.name.clone())]);
    let (svg, plotted) = svg(lang, &title, &map.schools);
    let rows: Vec<MapRow> = map
        .schools
        .iter()
        .map(|s| MapRow {
            href: format!("/scholen/{}", s.school.id),
            name: s.school.name.clone(),
            place: s.school.place.clone().unwrap_or_default(),
            province: s.school.province.clone().unwrap_or_default(),
            light: if map.is_band { light_text(lang, s.light) } else { String::new() },
            plotted: matches!((s.school.lat, s.school.lon), (Some(a), Some(o)) if project(a, o).is_some()),
        })
        .collect();
    let intro = lang.t(if map.is_band { "map-intro-band" } else { "map-intro-sectors" });
    render(&MapPage {
        unplotted: rows.len() - plotted,
        title,
        intro,
        svg,
        plotted,
        rows,
        is_band: map.is_band,
        page: page.in_section("mijn-home"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_netherlands_fit_the_plot_north_up() {
        let (w, h) = size();
        let utrecht = project(52.09, 5.12).unwrap_or_default();
        let groningen = project(53.22, 6.57).unwrap_or_default();
        let maastricht = project(50.85, 5.69).unwrap_or_default();
        assert!(groningen.1 < utrecht.1 && utrecht.1 < maastricht.1, "north is up");
        assert!(groningen.0 > utrecht.0, "east is right");
        for (x, y) in [utrecht, groningen, maastricht] {
            assert!((0.0..=w).contains(&x) && (0.0..=h).contains(&y));
        }
        assert_eq!(project(48.85, 2.35), None, "Paris is not plotted");
        assert_eq!(project(f64::NAN, 5.0), None);
    }
}
