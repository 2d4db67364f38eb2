//! `POST /trajecten/{id}/fase`: staff of the programme (and beheerders) move a trajectory to
//! another phase by hand, with a reason (`App::move_phase`, audited as `phase`). A refusal or a
//! conflict shows the trajectory page again with the reason as typed.

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::html::{Id, render};
use crate::state::AppState;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use koers_core::ids::TrajectoryId;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    fase: String,
    #[serde(default)]
    reden: String,
    #[serde(default)]
    versie: String,
}

pub async fn move_phase(
    State(state): State<AppState>,
    Id(id): Id<TrajectoryId>,
    user: CurrentUser,
    page: Page,
    Form(f): Form<MoveForm>,
) -> Result<Response, AppError> {
    let c = super::load(&state, &user, id).await?;
    if !c.rights.move_phase {
        return Err(AppError::Forbidden);
    }
    let version = f.versie.trim().parse::<i64>().unwrap_or(c.trajectory.version);
    let to = f.fase.trim().parse::<i64>().unwrap_or(-1);
    let now = crate::auth::now();
    let r = state.app.move_phase(user.principal(), &user.actor(), id, version, to, &f.reden, now).await;
    let (status, message) = match r {
        Ok(_) => return Ok(Redirect::to(&format!("/trajecten/{id}")).into_response()),
        Err(koers_app::Error::Invalid(fields)) => {
            (StatusCode::UNPROCESSABLE_ENTITY, fields.into_iter().map(|f| f.detail).collect::<Vec<_>>().join("; "))
        }
        Err(e) if e.is_conflict() => (StatusCode::CONFLICT, page.t("phase-move-conflict")),
        Err(e) => return Err(e.into()),
    };
    let t = state.app.read().trajectory(id).await?;
    let mut v = crate::html::trajecten::page_for(&state, &user, page, &t).await?;
    v.move_reason = f.reden;
    v.move_error = Some(message);
    let mut res = render(&v)?;
    *res.status_mut() = status;
    Ok(res)
}
