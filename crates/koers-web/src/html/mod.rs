//! HTML pages, one module per URL subtree; templates live in `templates/` under the same names.
//!
//! | route | module |
//! |---|---|
//! | `GET /` | [`home`] |
//! | `GET /scholen`, `GET /scholen/{id}` | [`scholen`] |
//! | `GET /check`, `POST /check` | [`check`] |
//! | `GET /check/waarden` ("Waarden om mee te kunnen doen") | [`waarden`] |
//! | `GET /welke-ondersteuning…` (the start page: school or board → the programme that fits) | [`ondersteuning`] |
//! | `GET /taal/{code}?terug=…` | [`taal`] |
//!
//! Authenticated pages (login in [`crate::auth::login`]; every handler asks `may`):
//!
//! | route | module |
//! |---|---|
//! | `GET /home` | [`home::rol`] (the role home) |
//! | `GET/POST /mijn-school/{id}` | [`mijn_school`] |
//! | `GET /bestuur/{nr}` | [`bestuur`] |
//! | `GET /programma/screening` | [`programma`] |
//! | `/programma/aanmeldingen…` (inbox, detail, steps, koppelen) | [`programma::aanmeldingen`] |
//! | `GET /programma/dashboard`, `/programma/export/…` | [`programma::dashboard`] |
//! | `/beheer/gebruikers…`, `/beheer/import`, `/beheer/audit` | [`beheer`] |
//! | `/account/tokens…` | [`account`] |
//! | `GET/POST /aanmelden?school={id}`, `GET /aanmeldingen/{id}` | [`aanmelden`] |
//! | `GET/POST /goedkeuren/{token}` (no login: the token is the credential) | [`goedkeuren`] |
//! | `GET /beheer/outbox` | [`beheer::outbox`] |
//! | `POST /bestuur/{nr}/aanmeldingen/{id}/besluit` | [`bestuur::besluit`] |
//! | `GET /trajecten/{id}`, `POST /trajecten/{id}/fase` | [`trajecten`] |
//! | `/trajecten/{id}/plan…` (plan van aanpak, sign-off, versions, compare) | [`plan`] |
//! | `/beheer/experts…` | [`beheer::experts`]; `POST /beheer/experts/{id}/uitnodigen`: [`beheer::expert_invite`] |
//! | `POST /expertpool/uitnodigingen/{id}/bevestigen` and `…/weigeren` | [`home::uitnodiging`] |
//! | `/beheer/programmas…` | [`beheer::programmas`] |
//! | `/trajecten/{id}/formulieren/{format}…` (zelfevaluatie, uploads, result) | [`formulieren`] |
//! | `/beheer/formats…` | [`beheer::formats`] |
//! | `/trajecten/{id}/dagdelen`, `/trajecten/{id}/budget` | [`dagdelen`] |
//! | `/mijn-school/{id}/kostenoverzicht[.xlsx]`, `/experts/{id}/urenstaat[.xlsx]` | [`kosten`] |
//! | `/trajecten/{id}/rapporten/{bestand}[.pdf]`, `…/voortgang-inspectie/vrijgeven`, `/programma/monitor.xlsx` | [`rapporten`] |
//! | `/mijn-school/{id}/oordelen`, `/bestuur/{nr}/oordelen`, `/oordelen/{id}/bevestigen` | [`oordelen`] |
//! | `/oordelen/{id}/wijzigen`, `/oordelen/{id}/verwijderen` (staff) | [`oordelen_edit`] |
//! | `/trajecten/{id}/voortgang…` (voortgang, reviews), `/review/uitnodiging/{token}`, `/programma/op-koers`, `/programma/leren` | [`voortgang`] |

pub mod check;
pub(crate) mod check_form;
pub mod eligibility;
pub mod error_page;
pub mod exam_trend;
pub mod home;
pub mod ondersteuning;
pub mod page;
pub mod scholen;
pub mod taal;
pub mod waarden;
// authenticated pages
pub mod aanmelden;
pub mod account;
pub mod beheer;
pub mod bestuur;
pub mod goedkeuren;
pub mod mijn_school;
pub mod oordelen;
pub mod oordelen_edit;
pub mod programma;
// ---- roles workflow (board task, trajectories) ----
pub mod dagdelen;
pub mod kosten;
pub mod trajecten;
// ---- inside the trajectory (issue 8) ----
pub mod plan;
pub mod workflow_rows;
// ---- reports (issue 9 §5) ----
pub mod rapporten;
// ---- a trajectory's forms (issue 8) ----
pub mod formulieren;
// ---- voortgang, reviews, op koers (issue 9) ----
pub mod voortgang;

use crate::AppError;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::show))
        .route("/scholen", get(scholen::search))
        .route("/scholen/{id}", get(scholen::show))
        .route("/check", get(check::form).post(check::submit))
        .route("/check/waarden", get(waarden::show))
        .merge(ondersteuning::routes())
        .route("/taal/{code}", get(taal::switch))
        .merge(private_routes())
}

/// The pages behind a login (see the table in the module doc).
fn private_routes() -> Router<AppState> {
    Router::new()
        .route("/home", get(home::rol::show))
        .route("/expertpool/uitnodigingen/{id}/bevestigen", post(home::uitnodiging::accept))
        .route("/expertpool/uitnodigingen/{id}/weigeren", post(home::uitnodiging::decline))
        .merge(mijn_school::routes())
        .merge(bestuur::routes())
        .merge(oordelen::routes())
        .merge(oordelen_edit::routes())
        .merge(programma::routes())
        .merge(beheer::routes())
        .merge(account::routes())
        .merge(aanmelden::routes())
        .merge(goedkeuren::routes())
        // ---- roles workflow ----
        .merge(trajecten::routes())
        // ---- a trajectory's forms (issue 8) ----
        .merge(formulieren::routes())
        .merge(dagdelen::routes())
        .merge(kosten::routes())
        // ---- inside the trajectory (issue 8) ----
        .merge(plan::routes())
        // ---- voortgang, reviews, op koers (issue 9) ----
        .merge(voortgang::routes())
        // ---- reports (issue 9 §5) ----
        .merge(rapporten::routes())
}

/// Render a template to an HTML response; a template error is a logged 500.
pub fn render(t: &impl Template) -> Result<Response, AppError> {
    t.render().map(|html| Html(html).into_response()).map_err(AppError::internal)
}

/// A numeric id from the path; anything else is a 404 (not a 400: no such page exists).
/// `Id<SchoolId>` (any `koers_core::ids` newtype) parses straight into the id's type.
#[derive(Debug, Clone, Copy)]
pub struct Id<T>(pub T);

impl<S: Send + Sync, T: From<i64> + Send> FromRequestParts<S> for Id<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state).await.map_err(|_| AppError::NotFound)?;
        raw.parse::<i64>().ok().filter(|id| *id > 0).map(|id| Id(T::from(id))).ok_or(AppError::NotFound)
    }
}
