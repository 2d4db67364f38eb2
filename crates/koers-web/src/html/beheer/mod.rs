//! `/beheer/…`: the beheerder's pages — users and their roles, a person's data and erasure (AVG),
//! register import, audit log, mail outbox, programme definitions and formats.
//! Every handler asks [`koers_core::access::may`] (through [`crate::auth::CurrentUser`]).

pub mod audit;
pub mod gebruiker;
pub mod gebruikers;
pub mod grant_form;
pub mod import;
pub mod import_run;
pub mod outbox;
pub mod privacy;
pub mod privacy_reviewer;
// ---- roles workflow: expert pool and programme definitions ----
pub mod expert_invite;
pub mod expert_pool;
pub mod experts;
pub mod formats;
pub mod programmas;

use crate::state::AppState;
use axum::extract::DefaultBodyLimit;
use axum::{Router, routing::get, routing::post};

/// (field, message) pairs of a form.
pub type FieldErrors = Vec<(&'static str, String)>;

/// The message for `field`, if any.
pub fn error_for(errors: &FieldErrors, field: &str) -> Option<String> {
    errors.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone())
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/beheer/gebruikers", get(gebruikers::list))
        .route("/beheer/gebruikers/nieuw", get(gebruikers::new_form).post(gebruikers::create))
        .route("/beheer/gebruikers/{id}", get(gebruiker::show).post(gebruiker::save))
        .route("/beheer/gebruikers/{id}/rollen", post(gebruiker::add_grant))
        .route("/beheer/gebruikers/{id}/rollen/{grant}/verwijderen", post(gebruiker::remove_grant))
        // ---- AVG (issue 12) ----
        .route("/beheer/gebruikers/{id}/gegevens", get(privacy::show))
        .route("/beheer/gebruikers/{id}/gegevens.json", get(privacy::json))
        .route("/beheer/gebruikers/{id}/wissen", get(privacy::confirm).post(privacy::submit))
        .route("/beheer/reviewers", get(privacy_reviewer::form).post(privacy_reviewer::show))
        .route("/beheer/reviewers/gegevens.json", post(privacy_reviewer::json))
        .route("/beheer/reviewers/wissen", post(privacy_reviewer::erase))
        .route(
            "/beheer/import",
            get(import::form).post(import::upload).layer(DefaultBodyLimit::max(import::BODY_LIMIT)),
        )
        .route("/beheer/import/{id}", get(import_run::show))
        .route("/beheer/audit", get(audit::show))
        // ---- account requests of sign-ins through an OpenID provider (issue 13) ----
        .route("/beheer/outbox", get(outbox::show))
        // ---- roles workflow: expert pool and programme definitions ----
        .route("/beheer/experts", get(experts::list))
        .route("/beheer/experts/nieuw", get(experts::new_form).post(experts::create))
        .route("/beheer/experts/{id}", get(experts::show).post(experts::save))
        .route("/beheer/experts/{id}/inzet", get(expert_pool::show).post(expert_pool::save))
        .route("/beheer/experts/{id}/uitnodigen", post(expert_invite::invite))
        .route("/beheer/programmas", get(programmas::list))
        .route("/beheer/programmas/nieuw", get(programmas::new_form).post(programmas::create))
        .route("/beheer/programmas/{id}", get(programmas::show).post(programmas::save))
        // ---- formats as data (issue 8) ----
        .route("/beheer/formats", get(formats::list))
        .route("/beheer/formats/nieuw", get(formats::new_form).post(formats::create))
        .route("/beheer/formats/{id}", get(formats::show).post(formats::save))
}
