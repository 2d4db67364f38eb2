//! Demo voortgang (issue 9): every demo trajectory with a vastgesteld plan gets believable
//! progress — measures under way, each indicator measured on its line, step-5 activities logged;
//! the procesbegeleiding trajectories a six-steps timeline (with a revisit) and a held start
//! review with findings; and one GWGB+ school trajectory (the last with a plan) is *niet op koers*: a delayed measure, an
//! indicator that did not move, and a midterm review that was planned but not held. Written
//! straight through the store (audited as `koers demo`), dated relative to `now`. Idempotent:
//! nothing happens once any trajectory has voortgang or a review.

use crate::error::Result;
use crate::store::{Actor, Store, StoreError, TrajectoryFilter};
use koers_core::calendar::Date;
use koers_core::ids::TrajectoryId;
use koers_core::plan::{PlanHistory, Unit};
use koers_core::progress::{
    ActivityEntry, MeasureStatus, Measurement, MeasurementSource, StatusUpdate, Step, Step5Activity, StepTimeline,
};
use koers_core::review::{Finding, ReviewContent, ReviewKind, Reviewer};

/// The programme whose last running trajectory with a plan is the demo's off-course one (the
/// demo's programme staff and expert see it on their homes and the dashboard).
const OFF_COURSE_PROGRAMME: &str = "gwgb-plus-school";

fn round_up(unit: &Unit, v: f64) -> f64 {
    let f = 10f64.powi(i32::try_from(unit.decimals()).unwrap_or(0));
    let (lo, hi) = unit.range();
    ((v * f).ceil() / f).clamp(lo, hi)
}

fn status(measure: koers_core::plan::MeasureId, date: Date, status: MeasureStatus, note: &str) -> StatusUpdate {
    StatusUpdate { measure, date, status, note: note.into(), by: None }
}

fn activity(activity: Step5Activity, date: Date, with: &str, note: &str) -> ActivityEntry {
    ActivityEntry { activity, date, with: with.into(), note: note.into(), by: None }
}

/// Seed the demo voortgang (see the module doc); returns how many trajectories got some.
pub(crate) async fn seed(store: &dyn Store, now: i64) -> Result<usize> {
    let actor = Actor::system("koers demo");
    let today = Date::of_instant(now);
    let mut with_plan = Vec::new();
    for t in store.list_trajectories(&TrajectoryFilter { active_only: true, ..Default::default() }).await? {
        let id = t.id;
        let v = store.voortgang_of_trajectory(id).await?;
        if !v.updates.is_empty() || !v.measurements.is_empty() || !store.reviews_of_trajectory(id).await?.is_empty() {
            return Ok(0);
        }
        let plan = match store.plan_of_trajectory(id).await {
            Ok(p) => p,
            Err(StoreError::NotFound) => continue,
            Err(e) => return Err(e.into()),
        };
        let Some(version) = PlanHistory::from_versions(plan.versions).and_then(|h| h.in_force().cloned()) else {
            continue;
        };
        with_plan.push((t, version.plan));
    }
    let off_course = with_plan.iter().rev().find(|(t, _)| t.programme_id == OFF_COURSE_PROGRAMME).map(|(t, _)| t.id);
    for (t, plan) in &with_plan {
        let id = t.id;
        let off = Some(t.id) == off_course;
        for (i, m) in plan.measures.iter().enumerate().take(2) {
            let u = match (off, i) {
                (true, 0) => status(
                    m.id,
                    today.add_days(-30),
                    MeasureStatus::Vertraagd,
                    "Docenten langdurig ziek; de start is uitgesteld.",
                ),
                (_, 0) => status(m.id, today.add_days(-40), MeasureStatus::Loopt, "Gestart na de studiedag."),
                _ => status(m.id, today.add_days(-20), MeasureStatus::Loopt, "Eerste bijeenkomst gehouden."),
            };
            let seen = store.voortgang_of_trajectory(id).await?.last_update_id();
            store.record_status_update(id, &u, seen, &actor, now).await?;
        }
        let on = today.add_days(-14);
        let measurements: Vec<Measurement> = plan
            .active_goals()
            .flat_map(|g| g.indicators.iter())
            .filter(|i| on > i.baseline.date)
            .map(|i| Measurement {
                indicator: i.id,
                date: on,
                value: if off { i.baseline.value } else { round_up(&i.unit, i.expected_at(on)) },
                source: MeasurementSource::Handmatig { source: "tussenmeting (demo)".into() },
                note: String::new(),
            })
            .collect();
        if !measurements.is_empty() {
            store.record_measurements(id, &measurements, "measurement", &actor, now).await?;
        }
        let entries = [
            activity(Step5Activity::VoortgangMeten, today.add_days(-14), "MT", "Tussenmeting besproken."),
            activity(Step5Activity::UpdateOverleggen, today.add_days(-7), "MR en ouders", "Stand van zaken gedeeld."),
        ];
        for e in &entries {
            store.log_progress_activity(id, e, &actor, now).await?;
        }
        if off {
            let planned = ReviewContent { planned_on: today.add_days(-10), ..review(ReviewKind::MidtermReview) };
            store.create_review(id, &planned, &actor, now).await?;
        }
        if t.programme_id == "leren-verbeteren-procesbegeleiding" {
            seed_steps(store, id, today, &actor, now).await?;
            let held = ReviewContent {
                planned_on: today.add_days(-150),
                held_on: Some(today.add_days(-148)),
                findings: vec![
                    finding("OP2", 2, "Toetsgegevens worden verzameld maar nauwelijks geanalyseerd."),
                    finding("OP3", 2, "Lessen zijn ordelijk; differentiatie ontbreekt vaak."),
                    finding("SK1", 1, "Er is geen cyclus van kwaliteitszorg."),
                ],
                recommendations: "Zet een cyclus van kwaliteitszorg op en analyseer de opbrengsten per sectie.".into(),
                school_response: "De school herkent zich in de bevindingen en neemt de aanbevelingen over.".into(),
                ..review(ReviewKind::Startreview)
            };
            store.create_review(id, &held, &actor, now).await?;
        }
    }
    Ok(with_plan.len())
}

fn review(kind: ReviewKind) -> ReviewContent {
    ReviewContent {
        kind,
        planned_on: Date::from_days(0),
        held_on: None,
        reviewers: vec![Reviewer {
            name: "Drs. M. Jansen".into(),
            role: "extern deskundige".into(),
            email: None,
            external: true,
            user: None,
        }],
        format: "review".into(),
        format_version: 1,
        findings: vec![],
        recommendations: String::new(),
        school_response: String::new(),
    }
}

fn finding(standard: &str, judgement: u8, text: &str) -> Finding {
    Finding { standard: standard.into(), judgement: Some(judgement), text: text.into(), by: String::new() }
}

/// Steps 1 → 3 → 4, back to 1 (a new analysis), then 5 (now), with a few activities done.
async fn seed_steps(store: &dyn Store, id: TrajectoryId, today: Date, actor: &Actor, now: i64) -> Result<()> {
    let mut tl = StepTimeline::default();
    let path = [
        (Step::SituatieInKaart, -160, "Zelfanalyse en startreview"),
        (Step::DoelenEnMaatregelen, -130, ""),
        (Step::AanDeSlag, -100, ""),
        (Step::SituatieInKaart, -60, "Nieuwe analyse na de tussentoetsen"),
        (Step::VoortgangEnResultaten, -30, ""),
    ];
    for (step, days, note) in path {
        if let Ok((next, _)) = tl.enter(step, today.add_days(days), note) {
            tl = next;
        }
    }
    for (step, key, days) in [
        (Step::SituatieInKaart, "zelfanalyse", -155),
        (Step::SituatieInKaart, "review-start", -148),
        (Step::DoelenEnMaatregelen, "verbeterplan", -125),
        (Step::VoortgangEnResultaten, "voortgang-meten", -14),
    ] {
        if let Ok((next, _)) = tl.mark_done(step, key, today.add_days(days), "") {
            tl = next;
        }
    }
    store.save_step_timeline(id, 0, &tl, serde_json::json!([{ "event": "demo" }]), actor, now).await?;
    Ok(())
}
