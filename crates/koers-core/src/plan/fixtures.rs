//! Test fixtures shared by the plan, progress, op-koers and dagdelen tests: a believable GWGB+
//! plan (one goal "begrijpend lezen" with a results indicator and an observation score, an
//! expert coaching measure of 6 dagdelen and a school data-analysis measure).

use super::*;
use crate::calendar::Date;
use crate::results;

pub(crate) fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap_or_else(|e| panic!("{e}"))
}

pub(crate) fn settings() -> PlanSettings {
    PlanSettings { max_active_goals: 3, signers: vec![Signer::Schoolleider, Signer::Bestuurder] }
}

pub(crate) fn ctx(settings: &PlanSettings) -> PlanContext<'_> {
    PlanContext { settings, dagdelen_limit: Some(16) }
}

pub(crate) fn lezen() -> IndicatorInput {
    IndicatorInput {
        name: "Percentage 1S/2F".into(),
        unit: Unit::Percentage,
        direction: Direction::Increase,
        baseline: Baseline {
            value: 48.2,
            date: d(2025, 7, 31),
            source: "register, driejaarsgemiddelde 2023–2025".into(),
        },
        target: 55.0,
        target_date: d(2027, 7, 31),
        kind: IndicatorKind::Resultaten { level: results::Indicator::S1F2 },
        margin: None,
    }
}

pub(crate) fn instructie() -> IndicatorInput {
    IndicatorInput {
        name: "Score OP3 in klassenbezoeken".into(),
        unit: Unit::Score,
        direction: Direction::Increase,
        baseline: Baseline { value: 2.0, date: d(2025, 10, 1), source: "klassenbezoeken zelfevaluatie".into() },
        target: 3.0,
        target_date: d(2026, 6, 30),
        kind: IndicatorKind::Eigen,
        margin: None,
    }
}

pub(crate) fn coaching(goal: GoalId, dagdelen: u32) -> MeasureInput {
    MeasureInput {
        what: "Coaching van de leraren groep 5–8 op instructie op drie niveaus".into(),
        goals: vec![goal],
        owner: Owner::Expert,
        activity: ActivityType::CoachingLeraren,
        start: d(2025, 11, 1),
        end: d(2026, 3, 31),
        dagdelen,
    }
}

pub(crate) fn analyse(goal: GoalId) -> MeasureInput {
    MeasureInput {
        what: "Trendanalyse LVS begrijpend lezen per groep".into(),
        goals: vec![goal],
        owner: Owner::School { role: SchoolRole::IbEr },
        activity: ActivityType::DataAnalyse,
        start: d(2025, 11, 1),
        end: d(2026, 1, 31),
        dagdelen: 0,
    }
}

/// Apply edits in order, panicking on a refusal.
pub(crate) fn edited(plan: &Plan, s: &PlanSettings, edits: Vec<PlanEdit>) -> Plan {
    edits.into_iter().fold(plan.clone(), |p, e| p.apply(e, &ctx(s)).unwrap_or_else(|err| panic!("{err}")).0)
}

/// A complete plan: one goal (ids: goal 1, indicators 2–3, measures 4–5).
pub(crate) fn sample() -> Plan {
    let s = settings();
    let g = GoalId::new(1);
    edited(
        &Plan::new(PlanKind::PlanVanAanpak),
        &s,
        vec![
            PlanEdit::AddGoal {
                input: GoalInput {
                    description: "Meer leerlingen halen 1S/2F voor begrijpend lezen".into(),
                    standards: vec!["OR1".into(), "OP3".into()],
                },
            },
            PlanEdit::AddIndicator { goal: g, input: lezen() },
            PlanEdit::AddIndicator { goal: g, input: instructie() },
            PlanEdit::AddMeasure { input: coaching(g, 6) },
            PlanEdit::AddMeasure { input: analyse(g) },
        ],
    )
}
