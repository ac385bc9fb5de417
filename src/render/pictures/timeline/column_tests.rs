//! Unit tests of the vertical timeline chart: it fits its width, labels never overlap, each
//! month or year stays in its own segment.

use super::*;
use crate::model::date::{FuzzyDate, Precision};
use crate::render::pictures::timeline::chart::extent;

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

/// The shape of a strike briefing: a year of talks, a month of build-up, a zoomed run of
/// days, then months of aftermath.
fn strike() -> Vec<Item> {
    vec![
        item("2005", "Contract talks drag through the year", false),
        item("2005-12", "The union sets a strike deadline", false),
        item(
            "2005-12-20/2005-12-22",
            "Buses and subways stop for three days",
            true,
        ),
        item(
            "2005-12-21",
            "A judge fines the union a million dollars a day",
            false,
        ),
        item(
            "2005-12-22",
            "The executive board votes to end the strike",
            false,
        ),
        item("2005-12-23", "Trains run again", false),
        item("2005-12-27", "A tentative agreement is announced", true),
        item("2006-01", "Members narrowly reject the contract", false),
        item(
            "2006-02~",
            "The authority asks for binding arbitration",
            false,
        ),
    ]
}

#[test]
fn every_label_fits_the_width_on_its_own_line() {
    let c = layout(&strike(), &COLUMN);
    assert_eq!(c.marks.len(), 9);
    let mut mids: Vec<f64> = c.marks.iter().map(|m| m.label_mid).collect();
    mids.sort_by(f64::total_cmp);
    for w in mids.windows(2) {
        assert!(w[1] - w[0] >= COLUMN.line - 0.11, "{mids:?}");
    }
    for m in &c.marks {
        let right = m.label_x + text_width(&m.label, c.font, m.key);
        assert!(right <= c.width, "{} ends at {right}", m.label);
        assert!(m.label_y + 4.0 <= c.height && m.y1 <= c.height, "{m:?}");
        assert!(m.bar_x >= c.axis_x - m.r && m.label_x > m.bar_x + m.bar_w);
    }
    // The axis captions name the days' month, not the padding around them.
    let captions: Vec<_> = c
        .segments
        .iter()
        .filter_map(|s| s.caption.clone())
        .collect();
    assert!(captions.contains(&"Dec 2005".to_string()), "{captions:?}");
    assert!(
        !captions
            .iter()
            .any(|c| c.contains("Nov") || c.contains("Mar")),
        "{captions:?}"
    );
}

#[test]
fn a_month_or_a_year_stays_in_its_segment_and_a_long_one_is_context() {
    let c = layout(&strike(), &COLUMN);
    let seg = |y: f64| {
        c.segments
            .iter()
            .position(|s| y >= s.y0 - 0.1 && y <= s.y1 + 0.1)
    };
    for m in &c.marks {
        assert!(
            seg(m.y0).is_some() && seg(m.y0) == seg(m.y1),
            "{} crosses a break",
            m.title
        );
    }
    let deadline = c
        .marks
        .iter()
        .find(|m| m.title.contains("deadline"))
        .unwrap();
    let strike = c
        .marks
        .iter()
        .find(|m| m.title.contains("three days"))
        .unwrap();
    assert!(deadline.context && !strike.context);
    assert!(deadline.bar_w < strike.bar_w);
    let talks = c.marks.iter().find(|m| m.title.contains("talks")).unwrap();
    assert!(!talks.context, "a year alone in its segment is its own bar");
}

#[test]
fn a_small_column_keeps_unlabelled_events_as_ticks() {
    let mut items = strike();
    for it in &mut items {
        it.labelled = it.key;
    }
    let c = layout(&items, &COLUMN);
    assert_eq!(c.marks.len(), 2);
    assert_eq!(c.rug.len(), 7);
    assert!(c.rug.iter().all(|r| r.y > 0.0 && r.y < c.height));
}
