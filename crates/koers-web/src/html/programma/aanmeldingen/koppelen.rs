//! `POST /programma/aanmeldingen/{id}/koppelen`: assign an expert (over capacity only with a
//! reason), creating the trajectory, through `App::assign_expert`.

use super::detail::{StepForm, match_request, province, refused, rules_for};
use super::{ensure_programme, ensure_staff_change, programmes};
use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::Id;
use crate::html::page::Page;
use crate::state::AppState;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use koers_core::ids::{ApplicationId, ExpertId};

pub async fn assign(
    State(state): State<AppState>,
    Id(id): Id<ApplicationId>,
    user: CurrentUser,
    page: Page,
    Form(form): Form<StepForm>,
) -> Result<Response, AppError> {
    ensure_staff_change(&user)?;
    let a = state.app.read().application(id).await?;
    ensure_programme(&user, &a)?;
    let (Ok(version), Ok(expert_id)) = (form.version.trim().parse::<i64>(), form.expert.trim().parse::<ExpertId>())
    else {
        return Err(AppError::BadRequest(Vec::new()));
    };
    let all = programmes(&state).await?;
    let rules = rules_for(&all, &a.programme_id)?;
    let request = match_request(province(&state, &a).await?, &form, &rules);
    let note = form.overschrijding.trim().to_owned();
    let outcome = state
        .app
        .assign_expert(
            &rules,
            id,
            version,
            &request,
            expert_id,
            (!note.is_empty()).then_some(note.as_str()),
            &user.actor(),
            crate::auth::now(),
        )
        .await;
    match outcome {
        Ok(_) => Ok(Redirect::to(&format!("/programma/aanmeldingen/{id}")).into_response()),
        Err(e) => refused(&state, page, id, "koppelen", form, e).await,
    }
}
