//! The programme monitor (TRAJECTORY §5) for programme staff: every trajectory of their
//! programmes (beheerders: all) with its phase, "op koers?" and the reasons, dagdelen planned,
//! spent and budget, and goals met — plus a sheet with the totals per programme. An xlsx
//! workbook (koers-reports), computed by the same rules as the trajectory page.

use super::facts::assess_trajectory;
use crate::error::{Error, Result};
use crate::programmes::Programmes;
use crate::store::{StoreError, StoreRead, TrajectoryFilter};
use koers_core::access::Principal;
use koers_core::calendar::Date;
use koers_core::progress::goals_met;
use koers_reports::workbook::{Cell, Workbook};
use std::collections::BTreeMap;

const HEADERS: [&str; 16] = [
    "Traject",
    "Kenmerk",
    "Programma",
    "School of bestuur",
    "Expert",
    "Fase",
    "Loopt",
    "Plan van aanpak",
    "Op koers",
    "Redenen",
    "Dagdelen gepland",
    "Dagdelen besteed",
    "Budget",
    "Doelen behaald",
    "Doelen",
    "Gestart",
];

#[derive(Default)]
struct Totals {
    trajectories: i64,
    running: i64,
    off_course: i64,
    spent: i64,
    met: i64,
    goals: i64,
}

/// The monitor for `who` (programme staff or a beheerder; everyone else `Forbidden`).
pub async fn workbook(
    store: &dyn StoreRead,
    programmes: &Programmes,
    who: &Principal,
    today: Date,
) -> Result<Workbook> {
    if who.visible_programmes().is_some_and(|p| p.is_empty()) {
        return Err(Error::Forbidden);
    }
    let experts = store.list_experts().await?;
    let mut wb = Workbook::new(format!("Programmamonitor {}", today.nl()), today);
    let mut totals: BTreeMap<String, Totals> = BTreeMap::new();
    let mut rows = Vec::new();
    for t in store.list_trajectories(&TrajectoryFilter::default()).await? {
        if !who.may_see_programme(&t.programme_id) {
            continue;
        }
        let id = t.id;
        let plan = match store.plan_of_trajectory(id).await {
            Ok(p) => Some(p),
            Err(StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        };
        let programme = programmes.get(&t.programme_id);
        let a = assess_trajectory(store, programme, &t, plan.as_ref(), today).await?;
        let reference = match store.application(t.application_id).await {
            Ok(app) => app.reference.to_string(),
            Err(StoreError::NotFound) => String::new(),
            Err(e) => return Err(e.into()),
        };
        let who_name = match (t.school_id, t.board_number) {
            (Some(s), _) => store.school(s).await.map(|s| s.name).unwrap_or_else(|_| format!("school {s}")),
            (None, Some(b)) => store.board(b).await.map(|b| b.name).unwrap_or_else(|_| format!("bestuur {b}")),
            (None, None) => String::new(),
        };
        let phases: Vec<String> = serde_json::from_str(&t.phases_json).unwrap_or_default();
        let phase = usize::try_from(t.current_phase)
            .ok()
            .and_then(|i| phases.get(i))
            .cloned()
            .unwrap_or_else(|| "afgerond".into());
        let spent = a.time_log.iter().fold(0u32, |n, e| n.saturating_add(e.dagdelen));
        let (met, counted) = a.plan.as_ref().map_or((0, 0), |v| goals_met(&v.plan, &a.voortgang.measurements));
        let planned = a
            .plan
            .as_ref()
            .map_or_else(|| u32::try_from(t.dagdelen_planned.max(0)).unwrap_or(0), |v| v.plan.planned_dagdelen());
        let name = programmes.name(&t.programme_id);
        let sum = totals.entry(name.clone()).or_default();
        sum.trajectories += 1;
        sum.running += i64::from(t.active);
        sum.off_course += i64::from(!a.assessment.on_course);
        sum.spent += i64::from(spent);
        sum.met += i64::try_from(met).unwrap_or(0);
        sum.goals += i64::try_from(counted).unwrap_or(0);
        rows.push(vec![
            Cell::Integer(t.id.get()),
            Cell::text(reference),
            Cell::text(name),
            Cell::text(who_name),
            Cell::text(experts.iter().find(|e| e.id == t.expert_id).map(|e| e.name.clone()).unwrap_or_default()),
            Cell::text(phase),
            Cell::text(if t.active { "ja" } else { "nee" }),
            Cell::text(
                a.plan.as_ref().map_or_else(|| "nog niet vastgesteld".to_owned(), |v| format!("versie {}", v.number)),
            ),
            Cell::text(a.assessment.label_nl()),
            Cell::text(a.assessment.sentences_nl().join("; ")),
            Cell::from(planned),
            Cell::from(spent),
            Cell::from(a.budget_limit),
            Cell::Integer(i64::try_from(met).unwrap_or(0)),
            Cell::Integer(i64::try_from(counted).unwrap_or(0)),
            Cell::Date(Date::of_instant(t.created_at)),
        ]);
    }
    let sheet = wb.sheet("Trajecten", HEADERS);
    for r in rows {
        sheet.row(r);
    }
    let per = wb.sheet(
        "Per programma",
        ["Programma", "Trajecten", "Lopend", "Niet op koers", "Dagdelen besteed", "Doelen behaald", "Doelen"],
    );
    for (name, s) in totals {
        per.row([
            Cell::text(name),
            Cell::Integer(s.trajectories),
            Cell::Integer(s.running),
            Cell::Integer(s.off_course),
            Cell::Integer(s.spent),
            Cell::Integer(s.met),
            Cell::Integer(s.goals),
        ]);
    }
    Ok(wb)
}
