//! Ranking, reasons, the capacity boundary and the assignment rule; properties over random pools.

use super::*;
use proptest::prelude::*;

fn expert(id: i64, expertise: &[&str], regions: &[&str]) -> ExpertProfile {
    ExpertProfile {
        id: ExpertId::new(id),
        name: format!("Expert {id}"),
        expertise: expertise.iter().map(|s| (*s).to_owned()).collect(),
        regions: regions.iter().map(|s| (*s).to_owned()).collect(),
        capacity_trajectories: 5,
        capacity_dagdelen: 40,
        assigned_trajectories: 2,
        planned_dagdelen: 28,
        available: true,
        ..ExpertProfile::default()
    }
}

fn request(wanted: &[&str], region: Option<&str>, dagdelen: u32) -> MatchRequest {
    MatchRequest {
        expertise_wanted: wanted.iter().map(|s| (*s).to_owned()).collect(),
        region: region.map(str::to_owned),
        dagdelen_needed: dagdelen,
        ..MatchRequest::default()
    }
}

fn ids(ms: &[Match]) -> Vec<i64> {
    ms.iter().map(|m| m.expert_id.get()).collect()
}

#[test]
fn the_best_match_shares_most_expertise_and_works_in_the_region_and_says_so() {
    let pool = vec![
        expert(1, &["rekenen"], &["Utrecht"]),
        expert(2, &["Rekenen", "kwaliteitszorg", "lezen"], &["Zuid-Holland", "Utrecht"]),
        expert(3, &["lezen"], &["Zuid-Holland"]),
    ];
    let r = rank(&request(&["rekenen", "kwaliteitszorg"], Some("Zuid-Holland"), 8), &pool);
    assert_eq!(ids(&r), vec![2, 1, 3]);
    assert_eq!(r[0].score, 25);
    assert_eq!(
        r[0].summary_nl(),
        "deelt expertise: rekenen, kwaliteitszorg; werkt in Zuid-Holland; nog 3 trajecten en 12 dagdelen vrij dit schooljaar"
    );
    assert_eq!(
        r[2].summary_nl(),
        "deelt geen van de gevraagde expertises; werkt in Zuid-Holland; nog 3 trajecten en 12 dagdelen vrij dit schooljaar"
    );
    assert_eq!(r[1].reasons[1], MatchReason::OtherRegion { region: "Zuid-Holland".into() });
}

#[test]
fn expertise_and_region_compare_without_regard_to_case_or_spacing() {
    let pool = vec![expert(1, &["  Zicht op   Ontwikkeling "], &["zuid-holland"])];
    let r = rank(&request(&["zicht op ontwikkeling", "ZICHT OP ONTWIKKELING"], Some(" Zuid-Holland "), 0), &pool);
    assert_eq!(r[0].score, 15, "a duplicate wish counts once");
    assert_eq!(r[0].reasons[0], MatchReason::SharedExpertise { areas: vec!["zicht op ontwikkeling".into()] });
    assert_eq!(r[0].reasons[1], MatchReason::SameRegion { region: "Zuid-Holland".into() });
}

#[test]
fn equal_scores_go_to_the_most_free_capacity_then_the_lowest_id() {
    let mut a = expert(9, &["rekenen"], &[]);
    let mut b = expert(4, &["rekenen"], &[]);
    let c = expert(7, &["rekenen"], &[]);
    a.planned_dagdelen = 10; // 30 free
    b.assigned_trajectories = 0; // same dagdelen as c, more trajectories
    let r = rank(&request(&["rekenen"], None, 8), &[c.clone(), b, a]);
    assert_eq!(ids(&r), vec![9, 4, 7]);
    let mut d = c.clone();
    d.id = ExpertId::new(3);
    assert_eq!(ids(&rank(&request(&["rekenen"], None, 8), &[c, d])), vec![3, 7]);
}

#[test]
fn exactly_full_is_within_capacity_and_one_more_is_over() {
    let mut e = expert(1, &[], &[]);
    (e.capacity_trajectories, e.assigned_trajectories, e.capacity_dagdelen, e.planned_dagdelen) = (3, 2, 40, 32);
    let m = |e: &ExpertProfile, n| rank(&request(&[], None, n), std::slice::from_ref(e)).remove(0);
    assert!(!m(&e, 8).over_capacity, "the last trajectory and the last 8 dagdelen still fit");
    let over = m(&e, 9);
    assert!(over.over_capacity);
    assert_eq!(over.reasons.last(), Some(&MatchReason::OverCapacity { no_trajectory_free: false, dagdelen_short: 1 }));
    assert_eq!(
        over.reasons.last().map(MatchReason::text_nl).as_deref(),
        Some("zit boven de capaciteit (1 dagdeel te kort)")
    );
    e.assigned_trajectories = 3;
    let full = m(&e, 0);
    assert!(full.over_capacity);
    assert_eq!(
        full.summary_nl(),
        "nog 0 trajecten en 8 dagdelen vrij dit schooljaar; zit boven de capaciteit (geen traject meer vrij)"
    );
    e.assigned_trajectories = 7; // already over: free capacity is 0, not negative
    assert_eq!(m(&e, 0).free_trajectories, 0);
}

#[test]
fn experts_who_can_take_it_come_before_over_capacity_before_unavailable() {
    let mut over = expert(1, &["rekenen", "lezen"], &["Utrecht"]);
    over.planned_dagdelen = 40;
    let mut away = expert(2, &["rekenen", "lezen"], &["Utrecht"]);
    away.available = false;
    let free = expert(3, &[], &[]);
    let r = rank(&request(&["rekenen", "lezen"], Some("Utrecht"), 4), &[away, over, free]);
    assert_eq!(ids(&r), vec![3, 1, 2]);
    assert_eq!(r[2].reasons[0], MatchReason::Unavailable);
    assert_eq!(r[2].reasons[0].text_nl(), "is op dit moment niet beschikbaar");
}

#[test]
fn over_capacity_is_assigned_only_with_an_override_and_unavailable_never() {
    let mut e = expert(1, &[], &[]);
    e.planned_dagdelen = 40;
    let over = rank(&request(&[], None, 1), std::slice::from_ref(&e)).remove(0);
    assert_eq!(assignment_allowed(&over, false), Err(AssignmentError::OverCapacity));
    assert_eq!(assignment_allowed(&over, true), Ok(()));
    assert!(
        AssignmentError::OverCapacity
            .to_string()
            .starts_with("deze expert zit boven de capaciteit; toewijzen kan alleen met")
    );
    let ok = rank(&request(&[], None, 0), &[expert(2, &[], &[])]).remove(0);
    assert_eq!(assignment_allowed(&ok, false), Ok(()));
    e.available = false;
    let away = rank(&request(&[], None, 0), &[e]).remove(0);
    assert_eq!(assignment_allowed(&away, true), Err(AssignmentError::Unavailable));
}

#[test]
fn singular_capacity_reads_naturally() {
    let r = MatchReason::FreeCapacity { trajectories: 1, dagdelen: 1 };
    assert_eq!(r.text_nl(), "nog 1 traject en 1 dagdeel vrij dit schooljaar");
    let r = MatchReason::OverCapacity { no_trajectory_free: true, dagdelen_short: 3 };
    assert_eq!(r.text_nl(), "zit boven de capaciteit (geen traject meer vrij, 3 dagdelen te kort)");
}

#[test]
fn an_empty_pool_ranks_to_nothing() {
    assert!(rank(&request(&["rekenen"], None, 8), &[]).is_empty());
}

mod pool_tests;

const AREAS: [&str; 6] = ["rekenen", "Lezen", "kwaliteitszorg", "zicht op ontwikkeling", "LEIDERSCHAP", "didactiek"];
const PROVINCES: [&str; 3] = ["Utrecht", "Zuid-Holland", "Groningen"];

fn arb_expert() -> impl Strategy<Value = ExpertProfile> {
    (
        0i64..30,
        proptest::sample::subsequence(AREAS.to_vec(), 0..=4),
        proptest::sample::subsequence(PROVINCES.to_vec(), 0..=2),
        (0u32..6, 0u32..50, 0u32..8, 0u32..60),
        proptest::bool::weighted(0.8),
    )
        .prop_map(|(id, ex, rg, (ct, cd, at, pd), available)| {
            let mut e = expert(id, &ex, &rg);
            (e.capacity_trajectories, e.capacity_dagdelen, e.assigned_trajectories, e.planned_dagdelen) =
                (ct, cd, at, pd);
            e.available = available;
            e
        })
}

fn arb_request() -> impl Strategy<Value = MatchRequest> {
    (
        proptest::sample::subsequence(AREAS.to_vec(), 1..=4),
        proptest::option::of(proptest::sample::select(PROVINCES.to_vec())),
        0u32..20,
    )
        .prop_map(|(w, r, d)| {
            let w: Vec<String> = w.iter().map(|s| s.to_uppercase()).collect();
            MatchRequest {
                expertise_wanted: w,
                region: r.map(str::to_owned),
                dagdelen_needed: d,
                ..MatchRequest::default()
            }
        })
}

proptest! {
    #[test]
    fn the_ranking_is_a_permutation_of_the_pool(pool in proptest::collection::vec(arb_expert(), 0..15), req in arb_request()) {
        let r = rank(&req, &pool);
        let mut got = ids(&r);
        let mut want: Vec<i64> = pool.iter().map(|e| e.id.get()).collect();
        got.sort_unstable();
        want.sort_unstable();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn the_ranking_does_not_depend_on_the_input_order(
        pool in proptest::collection::vec(arb_expert(), 0..15),
        req in arb_request(),
        seed in any::<u64>(),
    ) {
        let mut pool = pool;
        for (i, e) in pool.iter_mut().enumerate() {
            e.id = ExpertId::new(i as i64);
        }
        let mut shuffled = pool.clone();
        let n = shuffled.len();
        for i in 0..n {
            let j = ((seed.rotate_left(i as u32) ^ i as u64) % n as u64) as usize;
            shuffled.swap(i, j);
        }
        prop_assert_eq!(rank(&req, &pool), rank(&req, &shuffled));
    }

    #[test]
    fn more_shared_expertise_all_else_equal_never_ranks_lower(
        pool in proptest::collection::vec(arb_expert(), 0..10),
        base in arb_expert(),
        req in arb_request(),
        pick in any::<proptest::sample::Index>(),
    ) {
        let extra = pick.get(&req.expertise_wanted).clone();
        prop_assume!(!base.expertise.iter().any(|x| key(x) == key(&extra)));
        let mut fewer = base.clone();
        fewer.id = ExpertId::new(1000);
        let mut more = base;
        more.id = ExpertId::new(1001); // the higher id: it loses every tie, so only the expertise can lift it
        more.expertise.push(extra);
        let mut all = pool;
        all.extend([fewer, more]);
        let r = ids(&rank(&req, &all));
        let pos = |id| r.iter().position(|x| *x == id);
        prop_assert!(pos(1001) < pos(1000), "{r:?}");
    }
}
