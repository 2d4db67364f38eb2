//! The programme staff side of applications (programmamedewerker and beheerder; pages ask
//! `may(View, Applications)`, actions `may(Change, Applications)`):
//!
//! - `GET /programma/aanmeldingen`: the kennismaking inbox, filtered by programme, status and
//!   free text (`programma`, `status`, `q`), newest first, 50 per page.
//! - `GET /programma/aanmeldingen/{id}`: the detail with contact, help question, the attached
//!   eligibility, status and history, the actions that fit the status and (when definitief) the
//!   expert matching (`?expertise=a,b&dagdelen=n`).
//! - `POST /programma/aanmeldingen/{id}/{actie}` (`plannen`, `verslag`, `definitief`,
//!   `doorverwijzen`, `afwijzen`) with the hidden `version`: one workflow step. Refused steps
//!   and missing fields are 422 next to the form with the values kept; a stale `version` is a
//!   409 showing the current state and everything typed.
//! - `POST /programma/aanmeldingen/{id}/koppelen`: assign an expert (over capacity only with a
//!   reason), creating the trajectory.

//!
//! One file per part: [`inbox`], [`detail`] (the page, its forms and how a refusal is shown),
//! [`intake`] (the workflow steps), [`koppelen`] (assigning an expert).

mod detail;
mod inbox;
mod intake;
mod koppelen;

pub use detail::{DetailPage, StepForm};
pub use inbox::InboxPage;

use crate::AppError;
use crate::auth::CurrentUser;
use crate::state::AppState;
use axum::{Router, routing::get, routing::post};
use koers_app::store::{ApplicationRecord, StoreError};
use koers_core::access::{Action, Resource};
use koers_core::programme::ProgrammeRules;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/programma/aanmeldingen", get(inbox::inbox))
        .route("/programma/aanmeldingen/{id}", get(detail::detail))
        .route("/programma/aanmeldingen/{id}/koppelen", post(koppelen::assign))
        .route("/programma/aanmeldingen/{id}/{actie}", post(intake::step))
}

/// The staff side: `Resource::Applications` (programmamedewerker, beheerder).
pub fn ensure_staff(user: &CurrentUser) -> Result<(), AppError> {
    user.ensure(Action::View, Resource::Applications)
}

/// Programme staff only reach applications of their own programmes (beheerders all).
pub fn ensure_programme(user: &CurrentUser, a: &ApplicationRecord) -> Result<(), AppError> {
    if user.principal().may_see_programme(&a.programme_id) { Ok(()) } else { Err(AppError::Forbidden) }
}

/// Acting on an application.
pub fn ensure_staff_change(user: &CurrentUser) -> Result<(), AppError> {
    user.ensure(Action::Change, Resource::Applications)
}

/// The programmes in force (stored definitions, else the shipped ones).
pub async fn programmes(state: &AppState) -> Result<Vec<ProgrammeRules>, AppError> {
    Ok(state.app.programmes().await?)
}

pub fn programme_name(all: &[ProgrammeRules], id: &str) -> String {
    all.iter().find(|p| p.id == id).map_or_else(|| id.to_owned(), |p| p.name.clone())
}

/// `dd-mm-jjjj`.
pub fn date(ts: i64) -> String {
    koers_core::calendar::Date::of_instant(ts).nl()
}

/// The school's name, else the board's, else empty.
pub async fn applicant_name(state: &AppState, a: &ApplicationRecord) -> Result<String, AppError> {
    if let Some(id) = a.school_id {
        match state.app.read().school(id).await {
            Ok(s) => return Ok(s.name),
            Err(StoreError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    if let Some(n) = a.board_number {
        match state.app.read().board(n).await {
            Ok(b) => return Ok(b.name),
            Err(StoreError::NotFound) => return Ok(n.to_string()),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(String::new())
}
