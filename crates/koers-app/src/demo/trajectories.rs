// Over ~400 lines on purpose: it is demo content (the Dutch plan texts per programme), not logic;
// splitting the story per programme would scatter one school's narrative.
//! Demo trajectories (issue 8 §9): per programme one running trajectory in each of its phases,
//! with a believable plan van aanpak from the plan phase on (a concept while the plan phase
//! runs, vastgesteld and signed after it). The GWGB+ school trajectory in the plan phase is the
//! demo school's, so the demo school leader and bestuurder find it on their home pages; the board
//! track's is the demo board's (an existing demo trajectory there, such as the dagdelen demo's,
//! is moved on and given the plan rather than doubled). Written straight through the store (the
//! demo is the app), every change audited as `koers demo`. Idempotent: nothing happens once any
//! trajectory has a plan.

use crate::error::Result;
use crate::store::{
    Actor, ApplicationStateWrite, Assignment, NewApplication, NewTrajectory, PhaseChange, PlanSave, School, Store,
    StoreError,
};
use koers_core::calendar::Date;
use koers_core::ids::{BoardNumber, ExpertId, SchoolId};
use koers_core::plan::{
    ActivityType, Advice, Baseline, BoardExecution, Direction, GoalId, GoalInput, IndicatorInput, IndicatorKind,
    MeasureInput, NpoCategory, Owner, Plan, PlanContext, PlanEdit, PlanHistory, PlanKind, SchoolRole, Signer, Unit,
    VersionCommand,
};
use koers_core::programme::{Audience, PhaseCompletion, ProgrammeRules};
use koers_core::workflow::{Application, Status};

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap_or_else(|_| Date::of_instant(0))
}

/// One goal of a demo plan: description, standards, one indicator, measures.
struct DemoGoal {
    text: &'static str,
    standards: &'static [&'static str],
    indicator: (&'static str, Unit, f64, f64, &'static str),
    measures: &'static [(&'static str, &'static str, ActivityType, u32)],
}

/// The story per programme: help question, school and expert summaries, goals.
fn story(p: &ProgrammeRules) -> (&'static str, &'static str, &'static str, Vec<DemoGoal>) {
    match p.id.as_str() {
        "gwgb-plus-bestuur" => (
            "Het bestuur wil zicht krijgen op de kwaliteit van zijn zes scholen en de kwaliteitscultuur versterken.",
            "Het bestuur legt een kwaliteitskalender vast en bespreekt twee keer per jaar de resultaten met de directeuren en de raad van toezicht.",
            "De adviseur begeleidt de eerste twee kwaliteitsgesprekken en toetst het nieuwe kwaliteitskader.",
            vec![
                DemoGoal {
                    text: "Het bestuur heeft een gedragen kwaliteitskader met ambities per school (BKA1)",
                    standards: &["BKA1"],
                    indicator: (
                        "Scholen met vastgelegde ambities in het schoolplan",
                        Unit::Count,
                        1.0,
                        6.0,
                        "analyse kwaliteitsbeleid",
                    ),
                    measures: &[
                        (
                            "Studiemiddag directeuren: ambities per school formuleren",
                            "bestuurder",
                            ActivityType::Studiedag,
                            0,
                        ),
                        ("Advies op het concept-kwaliteitskader", "expert", ActivityType::Advies, 2),
                    ],
                },
                DemoGoal {
                    text: "Kwaliteitsgesprekken volgen een vaste cyclus met verslag aan de raad van toezicht (BKA3)",
                    standards: &["BKA3"],
                    indicator: (
                        "Gevoerde kwaliteitsgesprekken per jaar",
                        Unit::Count,
                        0.0,
                        12.0,
                        "gespreksverslagen 2025",
                    ),
                    measures: &[(
                        "Meelopen bij en nabespreken van kwaliteitsgesprekken",
                        "expert",
                        ActivityType::Gesprekken,
                        3,
                    )],
                },
            ],
        ),
        "leren-verbeteren-npo" => (
            "De schoolscan laat achterstanden zien bij Nederlands en wiskunde in de onderbouw vmbo.",
            "De school zet kleine instructiegroepen in en traint de vaksecties in formatief handelen.",
            "",
            vec![DemoGoal {
                text: "Leerlingen in de onderbouw halen hun leerachterstand Nederlands in",
                standards: &["OP2", "OR1"],
                indicator: (
                    "Leerlingen op niveau begrijpend lezen (methodetoets)",
                    Unit::Percentage,
                    58.0,
                    75.0,
                    "schoolscan najaar 2025",
                ),
                measures: &[
                    (
                        "Instructie in kleine groepen voor lezen, leerjaar 1–2",
                        "team",
                        ActivityType::NpoInterventie(NpoCategory::B),
                        0,
                    ),
                    (
                        "Extra leesuur in het keuzewerktijdrooster",
                        "teamleider",
                        ActivityType::NpoInterventie(NpoCategory::A),
                        0,
                    ),
                ],
            }],
        ),
        "leren-verbeteren-procesbegeleiding" => (
            "De Inspectie beoordeelde de afdeling vmbo-b als onvoldoende: de kwaliteitszorg en het didactisch handelen schieten tekort.",
            "De schoolleiding richt een kwaliteitszorgcyclus in en de secties maken vaksectieplannen.",
            "De procesbegeleider coacht de schoolleiding en begeleidt de sectievoorzitters bij lesbezoeken.",
            vec![
                DemoGoal {
                    text: "De lessen hebben een duidelijke opbouw met controle op begrip (OP3)",
                    standards: &["OP3"],
                    indicator: (
                        "Score didactisch handelen bij lesbezoeken",
                        Unit::Score,
                        2.1,
                        3.0,
                        "nulmeting lesbezoeken",
                    ),
                    measures: &[(
                        "Lesbezoeken met nabespreking per sectie",
                        "expert",
                        ActivityType::Klassenbezoeken,
                        6,
                    )],
                },
                DemoGoal {
                    text: "De school werkt met een sluitende kwaliteitszorgcyclus (KA1)",
                    standards: &["KA1"],
                    indicator: ("Secties met een geëvalueerd vaksectieplan", Unit::Count, 0.0, 8.0, "zelfanalyse"),
                    measures: &[(
                        "Vaksectieplannen opstellen en evalueren",
                        "teamleider",
                        ActivityType::Vaksectieplannen,
                        0,
                    )],
                },
            ],
        ),
        "gwgb-plus-gespecialiseerd" => (
            "We willen het ontwikkelingsperspectief beter laten sturen op het onderwijs in de groep.",
            "De intern begeleider en de teamleiders evalueren elk ontwikkelingsperspectief twee keer per jaar met het team.",
            "De expert coacht de leraren bij het vertalen van het ontwikkelingsperspectief naar de groepsplanning.",
            vec![DemoGoal {
                text: "Elke leerling heeft een ontwikkelingsperspectief dat de groepsplanning stuurt (OP2)",
                standards: &["OP2"],
                indicator: (
                    "Leerlingen met een actueel, geëvalueerd OPP",
                    Unit::Percentage,
                    62.0,
                    95.0,
                    "dossieranalyse",
                ),
                measures: &[
                    ("Coaching van leraren bij het werken met het OPP", "expert", ActivityType::CoachingLeraren, 6),
                    ("OPP-evaluaties in de leerlingbespreking", "ib", ActivityType::Overig, 0),
                ],
            }],
        ),
        _ => (
            "Onze leesresultaten blijven achter; we willen het begrijpend lezen in groep 5–8 verbeteren.",
            "Het team werkt met een doorgaande leeslijn en de IB'er analyseert twee keer per jaar de toetsgegevens.",
            "De expert coacht de leraren van groep 5–8 op de instructie en doet klassenbezoeken.",
            vec![
                DemoGoal {
                    text: "Meer leerlingen halen het streefniveau 2F begrijpend lezen (OR1)",
                    standards: &["OR1", "OP3"],
                    indicator: (
                        "Percentage leerlingen 2F lezen (eindtoets)",
                        Unit::Percentage,
                        41.5,
                        55.0,
                        "register, driejaarsgemiddelde",
                    ),
                    measures: &[
                        (
                            "Coaching van leraren groep 5–8 op de leesinstructie",
                            "expert",
                            ActivityType::CoachingLeraren,
                            6,
                        ),
                        ("Klassenbezoeken met de kijkwijzer lezen", "expert", ActivityType::Klassenbezoeken, 2),
                        ("Doorgaande leeslijn vastleggen en invoeren", "team", ActivityType::Studiedag, 0),
                    ],
                },
                DemoGoal {
                    text: "De IB'er en het team sturen op toetsgegevens (OP2)",
                    standards: &["OP2"],
                    indicator: (
                        "Groepsbesprekingen met data-analyse per jaar",
                        Unit::Count,
                        1.0,
                        3.0,
                        "jaarplanning 2025–2026",
                    ),
                    measures: &[("Data-analyse na de midden- en eindtoetsen", "ib", ActivityType::DataAnalyse, 0)],
                },
            ],
        ),
    }
}

fn owner(code: &str) -> Owner {
    match code {
        "expert" => Owner::Expert,
        "ib" => Owner::School { role: SchoolRole::IbEr },
        "teamleider" => Owner::School { role: SchoolRole::Teamleider },
        "bestuurder" => Owner::School { role: SchoolRole::Bestuurder },
        "directeur" => Owner::School { role: SchoolRole::Directeur },
        _ => Owner::School { role: SchoolRole::Team },
    }
}

/// The demo plan of programme `p`, built edit by edit (so it obeys every plan rule).
fn plan_for(p: &ProgrammeRules, kind: PlanKind, ctx: &PlanContext<'_>) -> Result<Plan, koers_core::plan::PlanError> {
    let (_, school, expert, goals) = story(p);
    let board = matches!(kind, PlanKind::Bestuur { .. });
    let mut plan = Plan::new(kind);
    let apply = |plan: &Plan, e: PlanEdit| plan.apply(e, ctx).map(|(p, _)| p);
    if board {
        let advice = Advice {
            text: "Leg de ambities per school vast in één kwaliteitskader en bespreek ze in een vaste cyclus met directeuren en toezicht.".into(),
            date: d(2026, 3, 12),
        };
        plan = apply(&plan, PlanEdit::RecordAdvice { advice })?;
        plan = apply(&plan, PlanEdit::RecordChoice { choice: BoardExecution::MetOndersteuning })?;
    }
    plan = apply(&plan, PlanEdit::SetSummaries { school: school.into(), expert: expert.into() })?;
    for g in goals {
        let standards = g.standards.iter().map(|s| (*s).to_owned()).collect();
        plan = apply(&plan, PlanEdit::AddGoal { input: GoalInput { description: g.text.into(), standards } })?;
        let goal = plan.goals.last().map(|x| x.id).unwrap_or(GoalId::new(1));
        let (name, unit, base, target, source) = g.indicator.clone();
        let indicator = IndicatorInput {
            name: name.into(),
            unit,
            direction: Direction::Increase,
            baseline: Baseline { value: base, date: d(2026, 1, 15), source: source.into() },
            target,
            target_date: d(2027, 7, 15),
            kind: IndicatorKind::Eigen,
            margin: None,
        };
        plan = apply(&plan, PlanEdit::AddIndicator { goal, input: indicator })?;
        for (what, who, activity, dagdelen) in g.measures {
            let input = MeasureInput {
                what: (*what).into(),
                goals: vec![goal],
                owner: owner(who),
                activity: *activity,
                start: d(2026, 4, 1),
                end: d(2027, 6, 30),
                dagdelen: *dagdelen,
            };
            plan = apply(&plan, PlanEdit::AddMeasure { input })?;
        }
    }
    Ok(plan)
}

/// Where programme `p`'s demo trajectories take place: schools of its sectors not used yet (the
/// demo school first for GWGB+ school).
fn targets<'a>(
    p: &ProgrammeRules,
    schools: &'a [School],
    demo_school: SchoolId,
    count: usize,
    used: &mut std::collections::HashSet<SchoolId>,
) -> Vec<&'a School> {
    let mut out: Vec<&School> = Vec::new();
    if p.id == "gwgb-plus-school"
        && let Some(s) = schools.iter().find(|s| s.id == demo_school)
    {
        out.push(s);
    }
    let fits = |s: &&School| p.sectors.contains(&s.sector) && s.id != demo_school && !used.contains(&s.id);
    out.extend(schools.iter().filter(fits).take(count.saturating_sub(out.len())));
    used.extend(out.iter().map(|s| s.id));
    out
}

/// Seed the demo trajectories (see the module doc); returns how many were made.
pub(crate) async fn seed(store: &dyn Store, programmes: &[ProgrammeRules], now: i64) -> Result<usize> {
    let existing = store.list_trajectories(&Default::default()).await?;
    for t in &existing {
        if store.plan_of_trajectory(t.id).await.is_ok() {
            return Ok(0);
        }
    }
    let actor = Actor::system("koers demo");
    let experts = store.list_experts().await?;
    let Some(fallback) = experts.first() else { return Ok(0) };
    let schools = store.all_schools().await?;
    let demo_school = store.school_by_ovt(super::DEMO_SCHOOL_OVT).await.map(|s| s.id).unwrap_or_default();
    let leader = store.user_by_email("schoolleider@demo.koers.nl").await.map(|u| u.id).unwrap_or_default();
    let board_member = store.user_by_email("bestuurder@demo.koers.nl").await.map(|u| u.id).unwrap_or_default();
    let mut made = 0;
    let mut used: std::collections::HashSet<SchoolId> = existing.iter().filter_map(|t| t.school_id).collect();
    used.remove(&demo_school);
    for p in programmes {
        let expert = experts
            .iter()
            .find(|e| e.email == "expert@demo.koers.nl" && p.id == "gwgb-plus-school")
            .unwrap_or(fallback);
        let plan_phase = p.phases.iter().position(|ph| ph.completes_on == PhaseCompletion::PlanGetekend);
        let n = p.phases.len();
        let places: Vec<(Option<SchoolId>, Option<BoardNumber>)> = if p.audience == Audience::Bestuur {
            let mut boards: Vec<BoardNumber> = schools.iter().filter_map(|s| s.board_number).collect();
            boards.sort_unstable();
            boards.dedup();
            boards.retain(|b| *b != super::DEMO_BOARD);
            let mut v = vec![(None, Some(super::DEMO_BOARD))];
            v.extend(boards.into_iter().skip(40).take(n).map(|b| (None, Some(b))));
            // The demo board is in the plan phase.
            let at = plan_phase.unwrap_or(0).min(v.len().saturating_sub(1));
            v.swap(0, at);
            v.truncate(n);
            v
        } else {
            let mut v: Vec<(Option<SchoolId>, Option<BoardNumber>)> =
                targets(p, &schools, demo_school, n, &mut used).iter().map(|s| (Some(s.id), s.board_number)).collect();
            if let Some(at) = plan_phase.filter(|at| *at < v.len()) {
                v.swap(0, at);
            }
            v
        };
        let (question, ..) = story(p);
        for (phase, (school_id, board_number)) in places.into_iter().enumerate() {
            let reuse = existing.iter().find(|t| {
                t.programme_id == p.id
                    && t.active
                    && t.school_id == school_id
                    && (school_id.is_some() || t.board_number == board_number)
            });
            let t = match reuse {
                Some(t) if usize::try_from(t.current_phase).is_ok_and(|c| c <= phase) => t.clone(),
                _ => create(store, p, expert.id, school_id, board_number, question, &actor, now).await?,
            };
            let tid = t.id;
            if let Some(at) = plan_phase.filter(|at| phase >= *at) {
                let settings = p.plan.clone();
                let ctx = PlanContext { settings: &settings, dagdelen_limit: p.dagdelen.map(|b| b.max_dagdelen()) };
                let kind = crate::plans::kind_for(Some(p));
                let content = plan_for(p, kind, &ctx).map_err(crate::plans::plan_error)?;
                let mut history = PlanHistory::new(content, now);
                if phase > at {
                    for signer in &settings.signers {
                        let user = if *signer == Signer::Schoolleider { leader } else { board_member };
                        let cmd = VersionCommand::Sign { signer: *signer, user, role_name: signer.label_nl().into() };
                        history = history.apply(cmd, &ctx, now).map(|(h, _)| h).unwrap_or(history);
                    }
                }
                let Some(first) = history.latest().cloned() else { continue };
                let record = match store
                    .create_plan(tid, &koers_core::plan::PlanVersion::first(first.plan.clone(), now), &actor, now)
                    .await
                {
                    Ok(r) => r,
                    Err(StoreError::Duplicate(_)) => continue,
                    Err(e) => return Err(e.into()),
                };
                if first.signatures.is_empty() {
                    // A concept being written: awaits nobody yet.
                } else {
                    let save = PlanSave {
                        expected_version: record.version,
                        versions: vec![first],
                        action: "plan_sign".into(),
                        events: serde_json::json!([{ "event": "vastgesteld", "number": 1 }]),
                        awaiting: None,
                        phase: None,
                    };
                    store.save_plan(record.id, &save, &actor, now).await?;
                }
            }
            if i64::try_from(phase).unwrap_or(0) > t.current_phase {
                let m = PhaseChange {
                    trajectory_id: tid,
                    expected_version: t.version,
                    from: t.current_phase,
                    to: i64::try_from(phase).unwrap_or(0),
                    reason: "demodata: traject staat in deze fase".into(),
                    completed_by: None,
                };
                store.move_phase(&m, &actor, now).await?;
            }
            made += 1;
        }
    }
    Ok(made)
}

/// A new application (definitief) of `p` with `expert` assigned: the trajectory at phase 0.
#[allow(clippy::too_many_arguments)]
async fn create(
    store: &dyn Store,
    p: &ProgrammeRules,
    expert: ExpertId,
    school_id: Option<SchoolId>,
    board_number: Option<BoardNumber>,
    question: &str,
    actor: &Actor,
    now: i64,
) -> Result<crate::store::TrajectoryRecord> {
    let mut state = Application::submitted(false);
    state.status = Status::Definitief;
    let a = NewApplication {
        programme_id: p.id.clone(),
        school_id,
        board_number: if school_id.is_some() { None } else { board_number },
        contact_name: "Demo contactpersoon".into(),
        contact_email: "contact@demo.koers.nl".into(),
        contact_phone: None,
        help_question: question.into(),
        eligibility_json: None,
        entry_facts_json: None,
        state_json: serde_json::to_string(&state)?,
        status: Status::Definitief,
        submitted_by: None,
    };
    let a = store.create_application(&a, actor, now).await?;
    state.status = Status::Gekoppeld;
    state.expert_id = Some(expert);
    let names: Vec<String> = p.phases.iter().map(|ph| ph.name.clone()).collect();
    let assignment = Assignment {
        application_id: a.id,
        state: ApplicationStateWrite {
            expected_version: a.version,
            state_json: serde_json::to_string(&state)?,
            status: Status::Gekoppeld,
            action: "expert_assigned".into(),
        },
        trajectory: NewTrajectory {
            expert_id: expert,
            phases_json: serde_json::to_string(&names)?,
            dagdelen_planned: 16,
        },
        capacity_override: None,
    };
    Ok(store.assign_expert(&assignment, actor, now).await?.1)
}
