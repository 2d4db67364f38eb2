//! `GET /trajecten/{id}/formulieren/{format}`: the form page — one section (or, with
//! `?sectie=alle`, every section; see [`super::part`]) and its items with what is saved,
//! comments, klassenbezoeken and files; submit for the participant's lead, confirm for the
//! expert and staff. The same page comes back (422/409) after a refused save, at the item's
//! section with what was typed in the item.

use super::FormPath;
use super::part::{Part, SectionNav, nav};
use super::view::{SectionView, sections};
use crate::AppError;
use crate::auth::{CurrentUser, now};
use crate::html::page::Page;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use koers_app::selfevals::FormView;
use koers_core::access::case::{may_confirm, may_submit};
use koers_core::format::FormStatus;
use koers_core::ids::TrajectoryId;
use serde::Deserialize;

/// A refused save, shown at its item.
#[derive(Debug, Clone, Default)]
pub struct ItemError {
    pub item: String,
    pub field: String,
    pub message: String,
    /// What was typed in a comment or klassenbezoek form.
    pub draft: Vec<(String, String)>,
}

/// Someone else saved the item first: what is stored now, by whom.
#[derive(Debug, Clone, Default)]
pub struct Conflict {
    pub item: String,
    pub label: String,
    pub by: String,
}

#[derive(Debug, Template)]
#[template(path = "trajecten/formulier.html")]
pub struct FormPage {
    pub page: Page,
    pub base: String,
    pub trajectory_id: TrajectoryId,
    pub title: String,
    pub intro: String,
    pub format_version: u32,
    pub status: String,
    pub status_code: &'static str,
    pub started: bool,
    pub version: i64,
    pub percent: u8,
    pub open: usize,
    pub required: usize,
    pub can_submit: bool,
    pub can_confirm: bool,
    /// The sections shown: one, or every one on the whole form.
    pub sections: Vec<SectionView>,
    pub whole: bool,
    pub nav: SectionNav,
    /// `?opgeslagen={item}` after a save without JavaScript.
    pub saved_item: String,
    pub notice: Option<String>,
    pub form_error: Option<String>,
    pub conflict: Option<Conflict>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Flags {
    #[serde(default)]
    opgeslagen: Option<String>,
    #[serde(default)]
    melding: Option<String>,
    #[serde(default)]
    sectie: Option<String>,
    /// The item to come back to (after a comment, klassenbezoek or file).
    #[serde(default)]
    item: Option<String>,
}

/// The status label.
pub fn status_label(page: &Page, fv: &FormView) -> (String, &'static str) {
    match fv.record.as_ref().map(|r| r.status) {
        None => (page.t("se-status-new"), "nieuw"),
        Some(s) => (page.t(&format!("se-status-{}", s.code())), s.code()),
    }
}

/// The page for `fv` showing `part`, with one item's error or conflict when given.
pub fn build(
    page: Page,
    path: &FormPath,
    fv: &FormView,
    part: Part,
    error: Option<ItemError>,
    conflict: Option<Conflict>,
) -> FormPage {
    let lang = page.lang;
    let mut sections = sections(lang, fv, part);
    if let Some(e) = &error {
        for item in sections.iter_mut().flat_map(|s| s.items.iter_mut()).filter(|i| i.id == e.item) {
            item.error = Some(e.message.clone());
            item.error_field.clone_from(&e.field);
            item.draft.clone_from(&e.draft);
        }
    }
    let (status, status_code) = status_label(&page, fv);
    let record = fv.record.as_ref();
    let c = &fv.result.completeness;
    FormPage {
        base: path.base(),
        trajectory_id: path.form.trajectory,
        title: fv.format.title.clone(),
        intro: fv.format.intro.clone(),
        format_version: fv.format.version,
        status,
        status_code,
        started: record.is_some(),
        version: record.map_or(0, |r| r.version),
        percent: c.percent(),
        open: c.open.len(),
        required: c.required,
        can_submit: record.is_some_and(|r| r.status == FormStatus::Concept)
            && may_submit(fv.case.role, fv.format.filled_by),
        can_confirm: record.is_some_and(|r| r.status == FormStatus::Ingediend) && may_confirm(fv.case.role),
        sections,
        whole: part == Part::Whole,
        nav: nav(lang, &fv.format, part),
        saved_item: String::new(),
        notice: None,
        form_error: None,
        conflict,
        page: page.in_section("mijn-home"),
    }
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    path: FormPath,
    Query(flags): Query<Flags>,
) -> Result<Response, AppError> {
    let fv = state.app.open_form(user.principal(), &path.form, &user.actor(), now()).await?;
    let item = flags.item.as_deref().or(flags.opgeslagen.as_deref());
    let part = Part::of(&fv.format, flags.sectie.as_deref(), item).ok_or(AppError::NotFound)?;
    let mut v = build(page, &path, &fv, part, None, None);
    v.saved_item = flags.opgeslagen.unwrap_or_default();
    v.notice = match flags.melding.as_deref() {
        Some(m @ ("ingediend" | "bevestigd" | "opmerking" | "bezoek" | "bestand" | "verwijderd")) => {
            Some(v.page.t(&format!("se-notice-{m}")))
        }
        _ => None,
    };
    render(&v)
}
