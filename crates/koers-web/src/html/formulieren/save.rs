//! `POST /trajecten/{id}/formulieren/{format}/items/{item}`: save one item (answer and
//! verbeterpunt flag) at the version it was shown at.
//!
//! - saved: a plain post gets 303 back to the item (its section, see [`super::part`]); htmx gets the new version and a status line
//!   out of band (`hx-swap="none"`: nothing being typed is replaced);
//! - refused (a score of 5, text over the limit): 422 with the page and what was typed, the
//!   message naming the field; htmx: the message out of band (200), the typing stays;
//! - stale (someone saved the item in between): 409 with the page showing what is stored now
//!   and by whom, and what this person typed in the item at the new version, so they decide;
//!   htmx: the conflict message out of band — never a silent overwrite.

use super::fields::{self, Fields, get};
use super::page::{Conflict, ItemError, build};
use super::part::Part;
use super::{FormPath, is_htmx};
use crate::AppError;
use crate::auth::{CurrentUser, now};
use crate::html::page::Page;
use crate::html::render;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use koers_app::selfevals::FormView;
use koers_app::selfevals::edit::AnswerInput;
use koers_core::format::Answer;

/// The out-of-band reply to an autosave.
#[derive(Debug, Template)]
#[template(path = "trajecten/_item_status.html")]
pub struct ItemStatus {
    pub page: Page,
    pub item: String,
    /// The version for the next save (unchanged after a refusal).
    pub version: i64,
    pub message: String,
    pub error: bool,
}

fn oob(page: Page, item: &str, version: i64, message: String, error: bool) -> Result<Response, AppError> {
    render(&ItemStatus { page, item: item.to_owned(), version, message, error })
}

/// A short text of an answer, for the conflict box.
pub fn summary(a: Option<&Answer>) -> String {
    match a {
        Some(Answer::Rubric(r)) => {
            let score = r.score.map_or_else(|| "–".to_owned(), |s| s.to_string());
            format!("score {score}. {}", r.why)
        }
        Some(Answer::Reflection(t)) => t.text.clone(),
        Some(Answer::Evidence(e)) => format!("{} {}", e.link.clone().unwrap_or_default(), e.note).trim().to_owned(),
        Some(Answer::Choice(c)) => c.selected.iter().map(|s| s.option.clone()).collect::<Vec<_>>().join(", "),
        Some(Answer::Results(r)) => r.analysis.values().cloned().collect::<Vec<_>>().join(" / "),
        Some(Answer::Observation(_)) | None => String::new(),
    }
}

/// `fv` with what was typed in `item` (so a refused or conflicting save shows it again).
fn with_typed(mut fv: FormView, item: &str, typed: Option<Answer>, flag: Option<String>) -> FormView {
    if let Some(a) = typed {
        fv.filled.answers.insert(item.to_owned(), a);
    }
    match flag {
        Some(note) => fv.filled.verbeterpunten.insert(item.to_owned(), note),
        None => fv.filled.verbeterpunten.remove(item),
    };
    fv
}

pub async fn item(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    headers: HeaderMap,
    path: FormPath,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let item = path.item()?;
    let htmx = is_htmx(&headers);
    let fv = state.app.form(user.principal(), &path.form).await?;
    let kind = fv.format.item(&item).ok_or(AppError::NotFound)?.item.kind.clone();
    let version = get(&f, "versie").trim().parse::<i64>().unwrap_or(0);
    let flag = (get(&f, "verbeterpunt") == "1").then(|| get(&f, "verbeterpunt-toelichting").to_owned());
    let refused = |fv: FormView, page: Page, typed: Option<Answer>, field: String, detail: String| {
        let message = page.t_args("se-error-field", &[("field", fields::dutch_field(&field)), ("detail", detail)]);
        if htmx {
            return oob(page, &item, version, message, true);
        }
        let fv = with_typed(fv, &item, typed, flag.clone());
        let error = ItemError { item: item.clone(), field, message, draft: Vec::new() };
        let v = build(page, &path, &fv, Part::at_item(&fv.format, &item), Some(error), None);
        let mut res = render(&v)?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        Ok(res)
    };
    let typed = match fields::answer(&kind, &f) {
        Ok(a) => a,
        Err((field, detail)) => return refused(fv, page, None, field, detail),
    };
    let input = AnswerInput { answer: typed.clone(), verbeterpunt: flag.clone(), expected_version: version };
    match state.app.answer_item(user.principal(), &path.form, &item, input, &user.actor(), now()).await {
        Ok(saved) if htmx => {
            let message = page.t_args("se-saved-at", &[("time", koers_core::calendar::datetime_nl(saved.updated_at))]);
            oob(page, &item, saved.version, message, false)
        }
        Ok(_) => Ok(Redirect::to(&format!("{}?opgeslagen={item}#item-{item}", path.base())).into_response()),
        Err(koers_app::Error::Invalid(errors)) => {
            let (field, detail) = errors.into_iter().next().map(|e| (e.field, e.detail)).unwrap_or_default();
            refused(fv, page, typed, field, detail)
        }
        Err(e) if e.is_conflict() => {
            if htmx {
                return oob(page.clone(), &item, version, page.t("se-conflict-autosave"), true);
            }
            // Shown as it is now, with the typing in the item at the current version.
            let now_fv = state.app.form(user.principal(), &path.form).await?;
            let stored = now_fv.answers.get(&item);
            let conflict = Conflict {
                item: item.clone(),
                label: summary(now_fv.filled.answer(&item)),
                by: stored
                    .map(|a| format!("{} ({})", a.updated_by_label, koers_core::calendar::datetime_nl(a.updated_at)))
                    .unwrap_or_default(),
            };
            let fv = with_typed(now_fv, &item, typed, flag);
            let v = build(page, &path, &fv, Part::at_item(&fv.format, &item), None, Some(conflict));
            let mut res = render(&v)?;
            *res.status_mut() = StatusCode::CONFLICT;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}
