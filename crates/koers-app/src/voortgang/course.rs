//! "Op koers?" across trajectories (issue 9 items 3–4): the rows of the homes, the staff
//! dashboard and the board view ([`rows`]), and the weekly digest mail ([`digest`]) to each
//! expert and each programme's staff, sent once per ISO week through the outbox.

use super::VoortgangCase;
use crate::error::{Error, Result};
use crate::programmes::Programmes;
use crate::store::{NewMail, Store, StoreRead, TrajectoryFilter, TrajectoryRecord};
use koers_core::access::{Grant, Principal, RoleKind, Scope};
use koers_core::calendar::Date;
use koers_core::ids::{ExpertId, UserId};
use koers_core::op_koers::{Assessment, ReasonKind};
use std::collections::BTreeMap;

/// One trajectory in a list, with its op-koers verdict.
#[derive(Debug, Clone)]
pub struct CourseRow {
    pub trajectory: TrajectoryRecord,
    pub programme_name: String,
    /// The school's name, or the board's (`bestuur 41234`).
    pub subject: String,
    /// The current phase's name (`afgerond` past the last).
    pub phase: String,
    /// A vastgesteld plan is in force (op koers only means something after it, except the
    /// "plan not signed off in time" rule).
    pub has_plan: bool,
    pub assessment: Assessment,
}

impl CourseRow {
    pub fn has(&self, kind: ReasonKind) -> bool {
        self.assessment.has(kind)
    }
}

/// The phase name of `t`.
pub fn phase_name(t: &TrajectoryRecord) -> String {
    let names: Vec<String> = serde_json::from_str(&t.phases_json).unwrap_or_default();
    usize::try_from(t.current_phase).ok().and_then(|i| names.get(i).cloned()).unwrap_or_else(|| "afgerond".into())
}

async fn subject_of(store: &dyn StoreRead, t: &TrajectoryRecord) -> String {
    match t.school_id {
        Some(id) => store.school(id).await.map(|s| s.name).unwrap_or_else(|_| format!("school {id}")),
        None => match t.board_number {
            Some(b) => store.board(b).await.map(|x| x.name).unwrap_or_else(|_| format!("bestuur {b}")),
            None => String::new(),
        },
    }
}

/// The running trajectories `who` may be shown (before the per-trajectory rights check).
async fn candidates(
    store: &dyn StoreRead,
    who: &Principal,
    expert_id: Option<ExpertId>,
) -> Result<Vec<TrajectoryRecord>> {
    let list = |f: TrajectoryFilter| async move {
        store.list_trajectories(&TrajectoryFilter { active_only: true, ..f }).await
    };
    let mut out: Vec<TrajectoryRecord> = Vec::new();
    match who.visible_programmes() {
        None => out.extend(list(TrajectoryFilter::default()).await?),
        Some(ids) => {
            for p in ids {
                out.extend(list(TrajectoryFilter { programme_id: Some(p), ..Default::default() }).await?);
            }
        }
    }
    if let Some(e) = expert_id {
        out.extend(list(TrajectoryFilter { expert_id: Some(e), ..Default::default() }).await?);
    }
    for s in who.schools().chain(who.team_schools()) {
        out.extend(list(TrajectoryFilter { school_id: Some(s), ..Default::default() }).await?);
    }
    for b in who.boards() {
        out.extend(list(TrajectoryFilter { board_number: Some(b), ..Default::default() }).await?);
        for s in store.schools_of_board(b).await? {
            out.extend(list(TrajectoryFilter { school_id: Some(s.id), ..Default::default() }).await?);
        }
    }
    out.sort_by_key(|t| t.id);
    out.dedup_by_key(|t| t.id);
    Ok(out)
}

/// Every running trajectory `who` (user `user_id`) may see, with op koers on `today`, in
/// trajectory order. Trajectories `who` may not see are left out.
pub async fn rows(
    store: &dyn StoreRead,
    programmes: &Programmes,
    who: &Principal,
    user_id: Option<UserId>,
    today: Date,
) -> Result<Vec<CourseRow>> {
    let expert_id = match user_id {
        Some(uid) => super::optional(store.expert_by_user(uid).await)?.map(|e| e.id),
        None => None,
    };
    let mut out = Vec::new();
    for t in candidates(store, who, expert_id).await? {
        let c = match super::case(store, programmes, who, user_id, t.id, today).await {
            Ok(c) => c,
            Err(Error::Forbidden | Error::NotFound) => continue,
            Err(e) => return Err(e),
        };
        out.push(row_of(store, programmes, c).await);
    }
    Ok(out)
}

async fn row_of(store: &dyn StoreRead, programmes: &Programmes, c: VoortgangCase) -> CourseRow {
    let t = c.trajectory().clone();
    let programme_name =
        programmes.get(&t.programme_id).map(|p| p.name.clone()).unwrap_or_else(|| t.programme_id.clone());
    CourseRow {
        subject: subject_of(store, &t).await,
        phase: phase_name(&t),
        programme_name,
        has_plan: c.plan.is_some(),
        assessment: c.assessment,
        trajectory: t,
    }
}

/// The ISO week of `day`: `2027-W05`.
pub fn iso_week(day: Date) -> String {
    let thursday = day.add_days(3 - i64::from(day.weekday()));
    let jan1 = Date::new(thursday.year(), 1, 1).unwrap_or(thursday);
    let week = jan1.days_until(thursday) / 7 + 1;
    format!("{}-W{week:02}", thursday.year())
}

fn system_principal() -> Principal {
    Principal { user_id: UserId::default(), grants: vec![Grant { role: RoleKind::Beheerder, scope: Scope::Global }] }
}

fn lines(rows: &[&CourseRow], base_url: &str) -> String {
    let mut text = String::new();
    for r in rows {
        text.push_str(&format!(
            "- {} ({}, fase {}): {}\n",
            r.subject,
            r.programme_name,
            r.phase,
            r.assessment.label_nl()
        ));
        for s in r.assessment.sentences_nl() {
            text.push_str(&format!("    • {s}\n"));
        }
        text.push_str(&format!("    {}/trajecten/{}/voortgang\n", base_url.trim_end_matches('/'), r.trajectory.id));
    }
    text
}

/// The digest mails of `today`'s week: one per expert with running trajectories (all of theirs,
/// off course first) and one per programme staff member (their programmes' trajectories that
/// are not on course).
pub async fn digest_mails(
    store: &dyn StoreRead,
    programmes: &Programmes,
    today: Date,
    base_url: &str,
) -> Result<Vec<NewMail>> {
    let all = rows(store, programmes, &system_principal(), None, today).await?;
    let week = iso_week(today);
    let mut mails = Vec::new();
    let mut by_expert: BTreeMap<ExpertId, Vec<&CourseRow>> = BTreeMap::new();
    for r in &all {
        by_expert.entry(r.trajectory.expert_id).or_default().push(r);
    }
    for (expert, mut mine) in by_expert {
        let Ok(e) = store.expert(expert).await else { continue };
        if e.email.trim().is_empty() {
            continue;
        }
        mine.sort_by_key(|r| r.assessment.on_course);
        let off = mine.iter().filter(|r| !r.assessment.on_course).count();
        mails.push(NewMail {
            to_address: e.email.clone(),
            subject: format!("Op koers? Weekoverzicht {week}: {off} van {} trajecten niet op koers", mine.len()),
            body_text: format!(
                "Beste {},\n\nZo staan uw lopende trajecten er deze week voor:\n\n{}\nKoers stuurt dit overzicht één keer per week.\n",
                e.name,
                lines(&mine, base_url)
            ),
        });
    }
    for u in store.list_users().await? {
        if !u.active {
            continue;
        }
        let grants = store.grants_of_user(u.id).await?;
        let mine: Vec<String> = grants
            .iter()
            .filter(|g| g.grant.role == RoleKind::Programmamedewerker)
            .filter_map(|g| match &g.grant.scope {
                Scope::Programme(p) => Some(p.clone()),
                _ => None,
            })
            .collect();
        if mine.is_empty() {
            continue;
        }
        let off: Vec<&CourseRow> =
            all.iter().filter(|r| mine.contains(&r.trajectory.programme_id) && !r.assessment.on_course).collect();
        let running = all.iter().filter(|r| mine.contains(&r.trajectory.programme_id)).count();
        let body = if off.is_empty() {
            "Alle lopende trajecten van uw programma's zijn op koers.\n".to_owned()
        } else {
            lines(&off, base_url)
        };
        mails.push(NewMail {
            to_address: u.email.to_string(),
            subject: format!("Op koers? Weekoverzicht {week}: {} van {running} trajecten niet op koers", off.len()),
            body_text: format!(
                "Beste {},\n\nTrajecten van uw programma's die niet op koers zijn:\n\n{body}\nHet dashboard: {}/programma/op-koers\n",
                u.name,
                base_url.trim_end_matches('/')
            ),
        });
    }
    Ok(mails)
}

/// Send the digest of `today`'s ISO week unless it was sent: `Some(mails queued)`, or `None`
/// when this week's digest went out already.
pub async fn digest(
    store: &dyn Store,
    programmes: &Programmes,
    today: Date,
    base_url: &str,
    now: i64,
) -> Result<Option<usize>> {
    let week = iso_week(today);
    if store.digest_sent(&week).await? {
        return Ok(None);
    }
    let mails = digest_mails(store, programmes, today, base_url).await?;
    let n = mails.len();
    Ok(store.send_digest(&week, &mails, now).await?.then_some(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_weeks_follow_the_thursday_rule() {
        let d = |y, m, day| Date::new(y, m, day).expect("date");
        assert_eq!(iso_week(d(2027, 1, 4)), "2027-W01");
        assert_eq!(iso_week(d(2027, 1, 1)), "2026-W53");
        assert_eq!(iso_week(d(2026, 11, 30)), "2026-W49");
        assert_eq!(iso_week(d(2026, 12, 6)), "2026-W49");
        assert_eq!(iso_week(d(2026, 12, 7)), "2026-W50");
    }
}
