//! "Wat moet ik nu doen?": the next steps of a trajectory (`koers_app::trajectories::next_steps`)
//! as sentences with a link, for the trajectory page (everyone's steps) and the role home
//! pages (the reader's own).

use crate::i18n::Lang;
use koers_app::plans::PlanCase;
use koers_app::trajectories::{StepKind, next_steps};
use koers_core::ids::UserId;
use koers_core::plan::Signer;

#[derive(Debug, Clone)]
pub struct StepRow {
    pub text: String,
    pub href: String,
    pub mine: bool,
}

fn text(lang: Lang, kind: StepKind) -> String {
    lang.t(match kind {
        StepKind::FillFormat => "next-fill-format",
        StepKind::ConfirmFormat => "next-confirm-format",
        StepKind::StartPlan => "next-start-plan",
        StepKind::WritePlan => "next-write-plan",
        StepKind::SignPlan(Signer::Schoolleider) => "next-sign-schoolleider",
        StepKind::SignPlan(Signer::Bestuurder) => "next-sign-bestuurder",
        StepKind::CompletePhase => "next-complete-phase",
    })
}

/// Where a step is done: the plan (at its sign-off for a signature), the phase form on the
/// trajectory page, or the form of the current phase's format (at its confirm button).
fn href(c: &PlanCase, kind: StepKind) -> String {
    let id = c.trajectory.id;
    let format = || {
        let phases = c.phases();
        let current = usize::try_from(c.trajectory.current_phase).ok()?;
        phases.get(current)?.format.clone()
    };
    match kind {
        StepKind::StartPlan | StepKind::WritePlan => format!("/trajecten/{id}/plan"),
        StepKind::SignPlan(_) => format!("/trajecten/{id}/plan#ondertekenen"),
        StepKind::CompletePhase => format!("/trajecten/{id}#fase"),
        StepKind::FillFormat => format()
            .map_or_else(|| format!("/trajecten/{id}#formulieren"), |f| format!("/trajecten/{id}/formulieren/{f}")),
        StepKind::ConfirmFormat => format().map_or_else(
            || format!("/trajecten/{id}#formulieren"),
            |f| format!("/trajecten/{id}/formulieren/{f}#bevestigen-titel"),
        ),
    }
}

/// Every next step of `c`, the reader's own marked.
pub fn rows(lang: Lang, c: &PlanCase) -> Vec<StepRow> {
    next_steps(c)
        .into_iter()
        .map(|s| StepRow { text: text(lang, s.kind), href: href(c, s.kind), mine: s.mine })
        .collect()
}

/// A step of the reader's own on one of their trajectories, for the role home page.
#[derive(Debug, Clone)]
pub struct HomeStep {
    /// The trajectory (programme – school).
    pub label: String,
    pub text: String,
    pub href: String,
}

/// "Wat moet ik nu doen?" on the home page: the reader's own next steps on the running
/// trajectories they work on — as expert, school leader, board member or programme staff
/// (a beheerder sees every trajectory and is not listed everything).
pub async fn for_home(
    state: &crate::state::AppState,
    user: &crate::auth::CurrentUser,
    lang: Lang,
) -> Result<Vec<HomeStep>, crate::AppError> {
    use koers_app::store::{StoreError, TrajectoryFilter};
    let read = state.app.read();
    let p = user.principal();
    let mut filters = Vec::new();
    match read.expert_by_user(UserId::new(user.0.id)).await {
        Ok(e) => filters.push(TrajectoryFilter { expert_id: Some(e.id), ..TrajectoryFilter::default() }),
        Err(StoreError::NotFound) => {}
        Err(e) => return Err(e.into()),
    }
    for id in p.schools() {
        filters.push(TrajectoryFilter { school_id: Some(id), ..TrajectoryFilter::default() });
    }
    for number in p.boards() {
        filters.push(TrajectoryFilter { board_number: Some(number), ..TrajectoryFilter::default() });
        for s in read.schools_of_board(number).await? {
            filters.push(TrajectoryFilter { school_id: Some(s.id), ..TrajectoryFilter::default() });
        }
    }
    if !p.is_beheerder() {
        for programme in p.visible_programmes().unwrap_or_default() {
            filters.push(TrajectoryFilter { programme_id: Some(programme), ..TrajectoryFilter::default() });
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for mut f in filters {
        f.active_only = true;
        for t in read.list_trajectories(&f).await? {
            if !seen.insert(t.id) {
                continue;
            }
            let id = t.id;
            let case = match state.app.plan_case(p, &user.actor(), id).await {
                Ok(c) => c,
                Err(koers_app::Error::Forbidden) => continue,
                Err(e) => return Err(e.into()),
            };
            let mine: Vec<StepRow> = rows(lang, &case).into_iter().filter(|s| s.mine).collect();
            if mine.is_empty() {
                continue;
            }
            let label = crate::html::workflow_rows::trajectory_link(state, &t).await?.label;
            out.extend(mine.into_iter().map(|s| HomeStep { label: label.clone(), text: s.text, href: s.href }));
        }
    }
    Ok(out)
}
