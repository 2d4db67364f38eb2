//! `POST /programma/aanmeldingen/{id}/{actie}` (`plannen`, `verslag`, `definitief`,
//! `doorverwijzen`, `afwijzen`, `namens-bestuur`) with the hidden `version`: one workflow step through
//! `App::act`.

use super::detail::{StepForm, invalid, refused};
use super::{ensure_programme, ensure_staff_change};
use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::page::Page;
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use koers_core::ids::ApplicationId;
use koers_core::workflow::{Command, Intake, IntakePlan};

fn checked(v: Option<&String>) -> bool {
    v.is_some_and(|s| !s.is_empty())
}

fn command(actie: &str, f: &StepForm) -> Option<Command> {
    Some(match actie {
        "plannen" => Command::PlanIntake(IntakePlan {
            date: f.datum.trim().to_owned(),
            attendees: f
                .deelnemers
                .split([',', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        }),
        "verslag" => Command::RecordIntake(Intake {
            expectations: f.verwachtingen.trim().to_owned(),
            background: f.achtergrond.trim().to_owned(),
            results: f.resultaten.trim().to_owned(),
            inspection_visit_planned: checked(f.inspectiebezoek.as_ref()),
            herstelopdracht: checked(f.herstelopdracht.as_ref()),
        }),
        "definitief" => Command::MakeDefinitive,
        "doorverwijzen" => Command::Refer { reason: f.reden.clone() },
        "afwijzen" => Command::Decline { reason: f.reden.clone() },
        // The app fills in whether the board has an account (issue 10 §4).
        "namens-bestuur" => Command::ApproveForBoard { reason: f.reden.clone(), board_has_account: false },
        _ => return None,
    })
}

/// A date `jjjj-mm-dd` that exists.
fn valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return false };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else { return false };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (2000..=2100).contains(&y) && (1..=days).contains(&d)
}

pub async fn step(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    Path((raw_id, actie)): Path<(String, String)>,
    Form(form): Form<StepForm>,
) -> Result<Response, AppError> {
    ensure_staff_change(&user)?;
    let id = raw_id.parse::<ApplicationId>().ok().filter(|id| id.get() > 0).ok_or(AppError::NotFound)?;
    let cmd = command(&actie, &form).ok_or(AppError::NotFound)?;
    ensure_programme(&user, &state.app.read().application(id).await?)?;
    let Ok(version) = form.version.trim().parse::<i64>() else {
        return Err(AppError::BadRequest(Vec::new()));
    };
    if actie == "plannen" && !form.datum.trim().is_empty() && !valid_date(form.datum.trim()) {
        let msg = page.t("staff-date-invalid");
        return invalid(&state, page, id, &actie, form, msg).await;
    }
    match state.app.act(id, version, &cmd, &user.actor(), crate::auth::now()).await {
        Ok(_) => Ok(Redirect::to(&format!("/programma/aanmeldingen/{id}")).into_response()),
        Err(e) => refused(&state, page, id, &actie, form, e).await,
    }
}
