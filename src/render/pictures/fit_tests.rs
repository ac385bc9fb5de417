//! Unit tests of text metrics, width allocation and lane packing.

use super::*;

#[test]
fn labels_are_shortened_on_words() {
    assert_eq!(shorten("short", 10), "short");
    assert_eq!(
        shorten("Trump and Putin speak by phone", 16),
        "Trump and Putin…"
    );
    assert!(shorten(&"word ".repeat(30), 40).chars().count() <= 40);
}

#[test]
fn labels_shrink_by_steps_until_they_fit_or_reach_the_minimum() {
    let chars = |s: &str| s.chars().count() as f64;
    // Fits already: unchanged, even when longer than `min`.
    assert_eq!(
        shrink_to_fit("Geneva talks".into(), 12.0, chars, 3, 4),
        "Geneva talks"
    );
    // Shortened on words, `step` characters at a time, until it fits.
    assert_eq!(
        shrink_to_fit("Trump and Putin speak by phone".into(), 20.0, chars, 3, 4),
        "Trump and Putin…"
    );
    // Stops once it has `min` characters or fewer, even when still too wide.
    let s = shrink_to_fit("Zelensky".into(), 1.0, chars, 2, 6);
    assert!(s.chars().count() <= 6 && s.chars().count() > 3, "{s}");
    assert_eq!(shrink_to_fit("Kyiv".into(), 1.0, chars, 2, 4), "Kyiv");
}

#[test]
fn widths_respect_the_minimum_and_the_total() {
    let w = allocate(&[2.0, 2.0, 27.0], 600.0, 60.0);
    assert!((w.iter().sum::<f64>() - 600.0).abs() < 1e-6);
    assert_eq!(w[0], 60.0);
    assert!(w[2] > 400.0);
    assert_eq!(allocate(&[1.0, 1.0], 50.0, 60.0), vec![25.0, 25.0]);
    assert!(allocate(&[], 100.0, 10.0).is_empty());
}

#[test]
fn packed_lanes_never_overlap_and_use_the_better_side() {
    let ext = [
        (0.0, 100.0),
        (50.0, 150.0),
        (105.0, 200.0),
        (120.0, 130.0),
        (300.0, 310.0),
    ];
    let options: Vec<Vec<(f64, f64)>> = ext.iter().map(|e| vec![*e]).collect();
    let keys: Vec<f64> = ext.iter().map(|e| e.0).collect();
    let l: Vec<usize> = pack(&options, &keys, 10.0)
        .into_iter()
        .map(|p| p.0)
        .collect();
    assert_eq!(l, vec![0, 1, 2, 0, 0]);
    for i in 0..ext.len() {
        for j in i + 1..ext.len() {
            if l[i] == l[j] {
                assert!(ext[i].1 + 10.0 <= ext[j].0 || ext[j].1 + 10.0 <= ext[i].0);
            }
        }
    }
    // A second mark whose right-hand label would collide goes to the left in the same lane.
    let options = vec![
        vec![(100.0, 200.0)],
        vec![(210.0, 400.0), (50.0, 220.0)],
        vec![(250.0, 300.0), (0.0, 260.0)],
    ];
    let placed = pack(&options, &[100.0, 120.0, 260.0], 5.0);
    assert_eq!(placed[0], (0, 0));
    assert_eq!(placed[1], (0, 0));
    assert_eq!(placed[2], (1, 0));
}

#[test]
fn wide_scripts_are_measured_wide() {
    let latin = text_width("abcd", 12.0, false);
    assert!(text_width("日本語で", 12.0, false) > 1.5 * latin);
    assert!(text_width("ABCD", 12.0, true) > latin);
}
