//! Unit tests of the time axis: day arithmetic, breaks, the piecewise scale, ticks.

use super::*;

fn d(y: i64, m: i64, day: i64) -> f64 {
    days(y, m, day) as f64
}

#[test]
fn day_numbers_round_trip() {
    assert_eq!(days(1970, 1, 1), 0);
    assert_eq!(days(2000, 3, 1), 11_017);
    assert_eq!(days(2025, 2, 12), 20_131);
    for n in [-800_000, -1, 0, 59, 11_016, 20_131, 2_932_896] {
        let (y, m, dd) = civil(n);
        assert_eq!(days(y, m, dd), n, "{n}");
    }
    assert_eq!(civil(days(2024, 2, 29)), (2024, 2, 29));
}

#[test]
fn long_empty_stretches_become_breaks_and_dense_clusters_stay_whole() {
    // The example's shape: lone events in 2014, 2019, 2022 and 2024, a few in Nov–Dec 2024,
    // one on 22 January 2025 and a dense cluster on 10–20 February 2025.
    let mut a = vec![
        d(2014, 7, 2),
        d(2019, 4, 21),
        d(2022, 2, 24),
        d(2024, 3, 16),
        d(2024, 11, 5),
        d(2024, 11, 27),
        d(2024, 12, 16),
        d(2025, 1, 22),
    ];
    for day in [
        10, 11, 11, 12, 12, 12, 12, 13, 14, 15, 18, 18, 19, 19, 20, 20,
    ] {
        a.push(d(2025, 2, day));
    }
    let groups = split(&a, 7.0);
    let sizes: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    assert_eq!(sizes, [1, 1, 1, 1, 3, 1, 16]);
}

#[test]
fn evenly_spread_events_are_not_broken() {
    let weekly: Vec<f64> = (0..30).map(|i| i as f64 * 7.0).collect();
    assert_eq!(split(&weekly, 7.0).len(), 1);
    let daily: Vec<f64> = (0..10).map(|i| 100.0 + i as f64).collect();
    assert_eq!(split(&daily, 7.0), vec![0..10]);
    assert_eq!(split(&[], 7.0), vec![0..0]);
    assert_eq!(split(&[5.0, 5.0, 5.0], 7.0), vec![0..3]);
}

#[test]
fn the_scale_is_monotonic_across_breaks_and_clamps_outside() {
    let s = Scale {
        pieces: vec![
            Piece {
                t0: 0.0,
                t1: 10.0,
                x0: 0.0,
                x1: 100.0,
            },
            Piece {
                t0: 1000.0,
                t1: 1010.0,
                x0: 130.0,
                x1: 330.0,
            },
        ],
    };
    assert_eq!(s.x(5.0), (50.0, false));
    assert_eq!(
        s.x(505.0),
        (115.0, false),
        "inside the break, linearly across it"
    );
    assert_eq!(s.x(1005.0), (230.0, false));
    assert_eq!(s.x(-3.0), (0.0, true));
    assert_eq!(s.x(2000.0), (330.0, true));
    let xs: Vec<f64> = (0..=1010).step_by(5).map(|t| s.x(t as f64).0).collect();
    assert!(xs.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn ticks_use_the_finest_unit_that_fits() {
    // Eleven days over 500 px: one tick per day, captioned with the month.
    let p = Piece {
        t0: d(2025, 2, 10),
        t1: d(2025, 2, 21),
        x0: 0.0,
        x1: 500.0,
    };
    let (t, cap) = ticks(&p, 12.0, (p.t0, p.t1), false);
    let labels: Vec<&str> = t.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"
        ]
    );
    assert_eq!(cap.as_deref(), Some("Feb 2025"));
    // One year over 60 px: the year, no caption.
    let p = Piece {
        t0: d(2014, 1, 1),
        t1: d(2015, 1, 1),
        x0: 0.0,
        x1: 60.0,
    };
    let (t, cap) = ticks(&p, 12.0, (p.t0, p.t1), false);
    assert_eq!(t.iter().filter(|t| !t.label.is_empty()).count(), 1);
    assert_eq!(t[0].label, "2014");
    assert_eq!(cap, None);
    // Four months over 300 px: month names, captioned with the years.
    let p = Piece {
        t0: d(2024, 11, 1),
        t1: d(2025, 3, 1),
        x0: 0.0,
        x1: 300.0,
    };
    let (t, cap) = ticks(&p, 12.0, (p.t0, p.t1), false);
    let labels: Vec<&str> = t
        .iter()
        .map(|t| t.label.as_str())
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(labels, ["Nov", "Dec", "Jan", "Feb"]);
    assert_eq!(cap.as_deref(), Some("2024–2025"));
    // Labels never overlap.
    for w in t.windows(2) {
        assert!(w[1].label_x - w[0].label_x >= 3.0 * 12.0 * 0.62);
    }
}

#[test]
fn durations_are_short() {
    assert_eq!(duration(19.2), "19 d");
    assert_eq!(duration(245.0), "8 mo");
    assert_eq!(duration(1571.0), "4 yr");
}
