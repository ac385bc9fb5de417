//! Unit tests of the timeline chart: extents, lanes, width allocation, overlap-free labels.

use super::*;
use crate::render::pictures::fit::text_width;

fn item(date: &str, title: &str, key: bool) -> Item {
    let d = FuzzyDate::parse(date).expect("test date");
    let (start, end) = extent(&d);
    Item {
        start,
        end,
        coarse: d.precision() != Precision::Day,
        approximate: d.approximate,
        key,
        labelled: true,
        id: title.to_lowercase().replace(' ', "-"),
        title: title.to_string(),
        date: d.display(),
        url: format!("/t/#{title}"),
    }
}

#[test]
fn extents_cover_the_precision() {
    let e = |s: &str| {
        let (a, b) = extent(&FuzzyDate::parse(s).unwrap());
        (b - a) as i64
    };
    assert_eq!(e("2025-02-12"), 1);
    assert_eq!(e("2025-02"), 28);
    assert_eq!(e("2024-02~"), 29);
    assert_eq!(e("2024-12"), 31);
    assert_eq!(e("2014"), 365);
    assert_eq!(e("2025-02-14/2025-02-16"), 3);
    assert_eq!(e("2024-11/2025-01"), 92);
}

fn example() -> Vec<Item> {
    let mut v = vec![
        item("2014", "Russia invades Crimea", false),
        item("2019-04-21", "Zelensky elected president of Ukraine", false),
        item("2024-11/2025-01", "Allies advise flexibility", false),
        item(
            "2025-02~",
            "Hegseth tells Zelensky privately that troop cuts are considered",
            false,
        ),
    ];
    for d in 10..=20 {
        v.push(item(
            &format!("2025-02-{d}"),
            &format!("Event of the {d}th in Munich and Kyiv"),
            d == 12,
        ));
        v.push(item(
            &format!("2025-02-{d}~"),
            &format!("Another event on day {d}"),
            false,
        ));
    }
    v
}

#[test]
fn the_example_shape_is_broken_and_every_label_stays_clear() {
    let items = example();
    let c = layout(&items, &FULL);
    assert!(c.segments.len() >= 3, "{:?}", c.segments.len());
    assert_eq!(c.breaks.len(), c.segments.len() - 1);
    assert!(c.breaks.iter().any(|b| b.label.ends_with("yr")));
    assert_eq!(c.marks.len(), items.len());
    // The dense February cluster gets most of the width.
    let feb = c.segments.last().unwrap();
    assert!(feb.x1 - feb.x0 > 0.5 * c.width, "{feb:?}");
    // Every mark and label lies inside the chart; no two overlap in a lane.
    let boxes: Vec<(usize, f64, f64)> = c
        .marks
        .iter()
        .map(|m| {
            let w = text_width(&m.label, c.font, m.key);
            let (l0, l1) = if m.label_anchor == "start" {
                (m.label_x, m.label_x + w)
            } else {
                (m.label_x - w, m.label_x)
            };
            (m.lane, l0.min(m.fuzz_x0 - m.r), l1.max(m.fuzz_x1 + m.r))
        })
        .collect();
    for (i, a) in boxes.iter().enumerate() {
        assert!(a.1 >= 0.0 && a.2 <= c.width + 1.0, "{a:?} {:?}", c.marks[i]);
        for b in &boxes[i + 1..] {
            if a.0 == b.0 {
                assert!(a.2 <= b.1 || b.2 <= a.1, "{a:?} overlaps {b:?}");
            }
        }
    }
    // Shapes: a day is a point, a month or a range is a bar; approximate dates are fuzzy.
    let by = |t: &str| c.marks.iter().find(|m| m.title.starts_with(t)).unwrap();
    assert_eq!(by("Russia").shape, "bar");
    assert_eq!(by("Zelensky").shape, "point");
    let h = by("Hegseth");
    assert!(h.approximate && h.fuzz_x0 < h.x0 && h.fuzz_x1 >= h.x1);
    assert!(c.height > c.axis_y && c.lanes >= 2);
}

#[test]
fn layout_is_deterministic_and_handles_one_event() {
    let items = example();
    let a = format!("{:?}", layout(&items, &FULL));
    let b = format!("{:?}", layout(&items, &FULL));
    assert_eq!(a, b);
    let one = layout(&[item("2025-02-12", "Only", true)], &SMALL);
    assert_eq!(one.segments.len(), 1);
    assert!(one.breaks.is_empty());
    assert_eq!(one.marks[0].lane, 0);
    assert!(one.marks[0].x0 > 0.0 && one.marks[0].x0 < one.width);
}

#[test]
fn unlabelled_items_become_a_rug() {
    let mut items = example();
    for it in items.iter_mut() {
        it.labelled = it.key;
    }
    let c = layout(&items, &SMALL);
    assert_eq!(c.marks.len(), 1);
    assert_eq!(c.rug.len(), items.len() - 1);
    assert_eq!(c.lanes, 1);
}

/// A strike briefing: a year of talks, a month of build-up, a zoomed run of days, then months
/// of aftermath (the shape that once swamped the days and clipped the last caption).
fn strike() -> Vec<Item> {
    vec![
        item("2005", "Contract talks drag through the year", false),
        item("2005-12", "The union sets a strike deadline", false),
        item("2005-12-20/2005-12-22", "Buses and subways stop", true),
        item("2005-12-21", "A judge fines the union", false),
        item("2005-12-22", "The board votes to end the strike", false),
        item("2005-12-23", "Trains run again", false),
        item("2005-12-27", "A tentative agreement", true),
        item("2006-01", "Members reject the contract", false),
        item("2006-02", "The authority asks for arbitration", false),
    ]
}

#[test]
fn months_and_years_do_not_swamp_a_zoomed_run_of_days() {
    let c = layout(&strike(), &FULL);
    let seg_of = |x: f64| {
        c.segments
            .iter()
            .position(|s| x >= s.x0 - 0.1 && x <= s.x1 + 0.1)
    };
    let find = |t: &str| c.marks.iter().find(|m| m.title.contains(t)).unwrap();
    // The year stays in its own segment instead of running across the break into December.
    let talks = find("talks");
    assert_eq!(seg_of(talks.x0), seg_of(talks.x1 - 0.1));
    assert!(!talks.context);
    // December, much longer than the days its segment zooms into, is a thin context bar.
    let deadline = find("deadline");
    let strike = find("Buses");
    assert!(deadline.context && !strike.context, "{deadline:?}");
    assert!(deadline.bar_h < strike.bar_h);
    assert_eq!(seg_of(deadline.x0 + 0.1), seg_of(strike.x0));
}

#[test]
fn captions_name_the_events_months_and_stay_inside_the_chart() {
    let c = layout(&strike(), &FULL);
    let captions: Vec<(String, f64)> = c
        .segments
        .iter()
        .filter_map(|s| s.caption.clone().map(|t| (t, s.caption_x)))
        .collect();
    let names: Vec<&str> = captions.iter().map(|c| c.0.as_str()).collect();
    assert!(names.contains(&"Dec 2005"), "{names:?}");
    assert!(
        !names.iter().any(|n| n.contains("Nov") || n.contains("Mar")),
        "{names:?}"
    );
    for (text, x) in &captions {
        let half = text_width(text, c.font - 1.0, true) / 2.0;
        assert!(
            x - half >= 0.0 && x + half <= c.width,
            "{text} at {x} is clipped"
        );
    }
    // A long caption at the right end moves inwards rather than running off the edge.
    let mut items = strike();
    items.push(item("2006-02-25", "A late event", false));
    items.push(item("2006-03-02", "Another late event", false));
    let c = layout(&items, &FULL);
    let last = c.segments.last().unwrap();
    if let Some(text) = &last.caption {
        let half = text_width(text, c.font - 1.0, true) / 2.0;
        assert!(last.caption_x + half <= c.width, "{text} is clipped");
    }
}
