//! Recovery of DUO's masked `<5` counts, case by case.
#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

use koers_import::Count::{Known as K, Masked as M};
use koers_import::Recovered::{Exact as E, Unknown as U};
use koers_import::*;

fn counts(rekenen: [Count; 4], lezen: [Count; 3], taalverzorging: [Count; 3]) -> DuoCounts {
    DuoCounts { rekenen, lezen, taalverzorging }
}

#[test]
fn the_real_00ap_row_stays_partly_unknown() {
    // Rekenen: 7 known + 2 masked → N in [9, 15]; lezen: 8 + 1 masked → [9, 12];
    // taalverzorging: 10 + 1 masked → [11, 14]. Together N in [11, 12]: not determined.
    let r = recover(&counts([M, K(7), M, K(0)], [K(0), M, K(8)], [M, K(5), K(5)]));
    assert_eq!((r.pupils, r.pupil_bounds), (None, Some((11, 12))));
    // Each masked rekenen cell: N - 7 - other ∈ [11-7-4, 12-7-1] → [1, 4], no gain.
    assert_eq!(r.rekenen, [U { min: 1, max: 4 }, E(7), U { min: 1, max: 4 }, E(0)]);
    // Lezen's one masked cell is N - 8 ∈ [3, 4]; taalverzorging's is N - 10 ∈ [1, 2].
    assert_eq!(r.lezen, [E(0), U { min: 3, max: 4 }, E(8)]);
    assert_eq!(r.taalverzorging, [U { min: 1, max: 2 }, E(5), E(5)]);
    assert!(r.is_consistent() && !r.is_complete());
    assert_eq!(r.at_least_1f(Domain::Taalverzorging), Some(10));
    assert_eq!(r.at_least_1f(Domain::Lezen), None);
    assert_eq!(r.at_target(Domain::Lezen), Some(8));
    assert_eq!(r.at_target(Domain::Rekenen), None);
    assert_eq!((r.pct_1f(), r.pct_1s2f()), (None, None));
}

#[test]
fn no_masked_cells() {
    let r = recover(&counts([K(2), K(10), K(5), K(0)], [K(1), K(8), K(8)], [K(0), K(9), K(8)]));
    assert_eq!((r.pupils, r.pupil_bounds), (Some(17), Some((17, 17))));
    assert!(r.is_complete());
    assert_eq!(r.at_least_1f(Domain::Rekenen), Some(15));
    assert_eq!(r.at_target(Domain::Rekenen), Some(5));
    let pct_1f = r.pct_1f().unwrap();
    assert!((pct_1f - (15.0 + 16.0 + 17.0) / 51.0 * 100.0).abs() < 1e-12);
    let pct_target = r.pct_1s2f().unwrap();
    assert!((pct_target - (5.0 + 8.0 + 8.0) / 51.0 * 100.0).abs() < 1e-12);
}

#[test]
fn table_of_cases() {
    struct Case {
        what: &'static str,
        input: DuoCounts,
        pupils: Option<u32>,
        bounds: Option<(u32, u32)>,
        rekenen: [Recovered; 4],
        lezen: [Recovered; 3],
        taalverzorging: [Recovered; 3],
    }
    let u14 = U { min: 1, max: 4 };
    let cases = [
        Case {
            what: "one masked cell, N from a full domain",
            input: counts([M, K(13), K(7), K(0)], [K(0), K(8), K(13)], [K(0), K(12), K(9)]),
            pupils: Some(21),
            bounds: Some((21, 21)),
            rekenen: [E(1), E(13), E(7), E(0)],
            lezen: [E(0), E(8), E(13)],
            taalverzorging: [E(0), E(12), E(9)],
        },
        Case {
            what: "two masked, N - known = 2: both 1",
            input: counts([M, M, K(5), K(0)], [K(0), K(0), K(7)], [K(0), K(0), K(7)]),
            pupils: Some(7),
            bounds: Some((7, 7)),
            rekenen: [E(1), E(1), E(5), E(0)],
            lezen: [E(0), E(0), E(7)],
            taalverzorging: [E(0), E(0), E(7)],
        },
        Case {
            what: "two masked, N - known = 8: both 4",
            input: counts([M, M, K(5), K(0)], [K(0), K(0), K(13)], [K(13), K(0), K(0)]),
            pupils: Some(13),
            bounds: Some((13, 13)),
            rekenen: [E(4), E(4), E(5), E(0)],
            lezen: [E(0), E(0), E(13)],
            taalverzorging: [E(13), E(0), E(0)],
        },
        Case {
            what: "two masked, N - known = 5: unknown",
            input: counts([M, M, K(5), K(0)], [K(0), K(0), K(10)], [K(1), K(1), K(8)]),
            pupils: Some(10),
            bounds: Some((10, 10)),
            rekenen: [u14, u14, E(5), E(0)],
            lezen: [E(0), E(0), E(10)],
            taalverzorging: [E(1), E(1), E(8)],
        },
        Case {
            what: "intervals meet in one N without a full domain",
            // rekenen [4, 7], lezen [2, 8], taalverzorging [7, 10] → N = 7.
            input: counts([M, K(3), K(0), K(0)], [M, M, K(0)], [K(6), M, K(0)]),
            pupils: Some(7),
            bounds: Some((7, 7)),
            rekenen: [E(4), E(3), E(0), E(0)],
            lezen: [U { min: 3, max: 4 }, U { min: 3, max: 4 }, E(0)],
            taalverzorging: [E(6), E(1), E(0)],
        },
        Case {
            what: "domains contradict: rekenen 6, taalverzorging [7, 13]",
            input: counts([K(1), K(2), K(3), K(0)], [K(6), K(0), K(0)], [M, M, K(5)]),
            pupils: None,
            bounds: None,
            rekenen: [E(1), E(2), E(3), E(0)],
            lezen: [E(6), E(0), E(0)],
            taalverzorging: [u14, u14, E(5)],
        },
        Case {
            what: "everything masked",
            input: counts([M, M, M, M], [M, M, M], [M, M, M]),
            pupils: None,
            bounds: Some((4, 12)),
            rekenen: [u14; 4],
            lezen: [u14; 3],
            taalverzorging: [u14; 3],
        },
    ];
    for case in cases {
        let r = recover(&case.input);
        assert_eq!(r.pupils, case.pupils, "{}", case.what);
        assert_eq!(r.pupil_bounds, case.bounds, "{}", case.what);
        assert_eq!(r.rekenen, case.rekenen, "{}", case.what);
        assert_eq!(r.lezen, case.lezen, "{}", case.what);
        assert_eq!(r.taalverzorging, case.taalverzorging, "{}", case.what);
    }
}

#[test]
fn sums_use_the_total_when_cells_are_unknown() {
    // N = 6 from lezen; rekenen has 1 + two masked cells summing to 5: each in [1, 4].
    let r = recover(&counts([K(1), M, M, K(0)], [K(0), K(0), K(6)], [K(0), K(6), K(0)]));
    assert_eq!(r.rekenen[1], U { min: 1, max: 4 });
    assert_eq!(r.at_least_1f(Domain::Rekenen), Some(5), "N minus lager dan 1F");
    assert_eq!(r.at_target(Domain::Rekenen), None);
    assert_eq!(r.pct_1f().map(|p| (p * 100.0).round() / 100.0), Some(94.44));
}

#[test]
fn zero_pupils_has_no_percentage() {
    let zero = counts([K(0); 4], [K(0); 3], [K(0); 3]);
    let r = recover(&zero);
    assert_eq!(r.pupils, Some(0));
    assert_eq!((r.pct_1f(), r.pct_1s2f()), (None, None));
}

#[test]
fn huge_counts_do_not_overflow() {
    let big = u32::MAX;
    let r = recover(&counts([K(big), K(big), K(big), K(big)], [M, K(big), K(big)], [K(0), K(0), K(0)]));
    assert!(!r.is_consistent());
    assert_eq!(r.at_least_1f(Domain::Rekenen), None);
}
