//! Render stage: the events of a timeline chart ([`Item`]) and its time segments, whatever its orientation: events
//! grouped by [`axis::split`], each segment's extent (its precise events, padded a little) and
//! which segments zoom into days, for the wide chart ([`super::chart`]) and the vertical one
//! ([`super::column`]) alike.

use crate::render::pictures::timeline::axis;

/// One event as the chart sees it.
#[derive(Debug, Clone)]
pub struct Item {
    /// First day (days since 1970).
    pub start: f64,
    /// Day after the last day.
    pub end: f64,
    /// Month or year precision (its extent is not a precise anchor).
    pub coarse: bool,
    /// Approximate date.
    pub approximate: bool,
    /// Key event.
    pub key: bool,
    /// Drawn with a label (otherwise as a rug tick on the axis).
    pub labelled: bool,
    /// Event id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Date as shown.
    pub date: String,
    /// Link.
    pub url: String,
}

/// Where an event sits in time: the middle of a month or a year, the first day of a range
/// or a day.
pub fn anchor(it: &Item) -> f64 {
    if it.coarse {
        (it.start + it.end) / 2.0
    } else {
        it.start + 0.5
    }
}

/// The time segments of a chart, whatever its orientation.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The items of each segment (indexes), in time order.
    pub groups: Vec<Vec<usize>>,
    /// Time extent of each segment, padded a little: `[t0, t1]`.
    pub padded: Vec<(f64, f64)>,
    /// What the segment's events cover (`[first day, after the last)`), for its caption.
    pub content: Vec<(f64, f64)>,
    /// `true` when a segment's extent is set by precise (day) events: a month or a year is
    /// then wider than the segment's zoom.
    pub zoomed: Vec<bool>,
    /// The segment of each item.
    pub segment: Vec<usize>,
}

/// Splits the events into time segments ([`axis::split`]) and gives each its extent: its
/// precise events, or all of them when none is precise.
pub fn plan(items: &[Item]) -> Plan {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&i, &j| {
        anchor(&items[i])
            .total_cmp(&anchor(&items[j]))
            .then(i.cmp(&j))
    });
    let anchors: Vec<f64> = order.iter().map(|&i| anchor(&items[i])).collect();
    let groups: Vec<Vec<usize>> = axis::split(&anchors, 7.0)
        .into_iter()
        .filter(|g| !g.is_empty())
        .map(|g| order[g].to_vec())
        .collect();
    let mut zoomed = Vec::new();
    let content: Vec<(f64, f64)> = groups
        .iter()
        .map(|g| {
            let precise: Vec<&Item> = g
                .iter()
                .map(|&i| &items[i])
                .filter(|it| !it.coarse)
                .collect();
            zoomed.push(!precise.is_empty());
            let set = if precise.is_empty() {
                g.iter().map(|&i| &items[i]).collect()
            } else {
                precise
            };
            let a = set.iter().map(|it| it.start).fold(f64::MAX, f64::min);
            let b = set.iter().map(|it| it.end).fold(f64::MIN, f64::max);
            (a, b)
        })
        .collect();
    let mut ext: Vec<(f64, f64)> = content
        .iter()
        .map(|&(a, b)| {
            let pad = (0.04 * (b - a)).max(0.5);
            (a - pad, b + pad)
        })
        .collect();
    for k in 1..ext.len() {
        if ext[k - 1].1 > ext[k].0 {
            let last = groups[k - 1]
                .iter()
                .map(|&i| anchor(&items[i]))
                .fold(f64::MIN, f64::max);
            let next = groups[k]
                .iter()
                .map(|&i| anchor(&items[i]))
                .fold(f64::MAX, f64::min);
            let m = ((ext[k - 1].1 + ext[k].0) / 2.0).clamp(last, next.max(last));
            ext[k - 1].1 = m;
            ext[k].0 = m;
        }
    }
    let mut segment = vec![0; items.len()];
    for (k, g) in groups.iter().enumerate() {
        for &i in g {
            segment[i] = k;
        }
    }
    Plan {
        groups,
        padded: ext,
        content,
        zoomed,
        segment,
    }
}
