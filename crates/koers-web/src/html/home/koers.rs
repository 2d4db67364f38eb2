//! "Op koers?" on the role homes (issue 9 items 3–4): the expert sees each of their running
//! trajectories with op koers, staff the ones of their programmes that are off course (with a
//! link to the dashboard's list), the school leader their school's, and the bestuurder the board
//! view — every trajectory of the board's schools with phase, op koers and its latest report.

use crate::AppError;
use crate::auth::CurrentUser;
use crate::html::voortgang::op_koers::CourseLine;
use crate::i18n::Lang;
use crate::state::AppState;
use koers_core::access::RoleKind;

/// What the home shows: the lines and a one-line summary.
#[derive(Debug, Clone, Default)]
pub struct HomeCourse {
    pub lines: Vec<CourseLine>,
    pub summary: String,
}

pub async fn for_home(
    state: &AppState,
    user: &CurrentUser,
    role: Option<RoleKind>,
    lang: Lang,
) -> Result<HomeCourse, AppError> {
    let Some(role) = role.filter(|r| *r != RoleKind::Beheerder && *r != RoleKind::Schoolteam) else {
        return Ok(HomeCourse::default());
    };
    let rows = state.app.op_koers_rows(user.principal(), &user.actor(), state.today()).await?;
    let off = rows.iter().filter(|r| !r.assessment.on_course).count();
    let summary = lang.t_args("vg-home-off", &[("off", off.to_string()), ("running", rows.len().to_string())]);
    let lines = rows
        .iter()
        .filter(|r| role != RoleKind::Programmamedewerker || !r.assessment.on_course)
        .map(CourseLine::of)
        .collect();
    Ok(HomeCourse { lines, summary })
}
