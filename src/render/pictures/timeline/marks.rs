//! Render stage: the marks of the timeline chart: shape, uncertainty, label side and lane.
//!
//! A single day is a point, anything longer a bar; an approximate date gets dashed whiskers
//! ([`FUZZ`] wide) on both sides. Each label may go right or left of its mark, shortened to
//! the room there; [`crate::render::pictures::fit::pack`] then picks, mark by mark from left to right,
//! the side that fits in the lowest lane, so that no two labels or marks overlap.

use crate::render::pictures::fit::{pack, r1, shorten, shrink_to_fit, text_width};
use crate::render::pictures::timeline::axis::Scale;
use crate::render::pictures::timeline::chart::{MARGIN, Options};
use crate::render::pictures::timeline::plan::{Item, Plan};
use crate::render::views::ChartMark;

/// Width of an approximate date's whiskers.
pub const FUZZ: f64 = 10.0;

/// The labelled marks (y still unset) and the number of lanes.
/// `plan` gives each item's segment and says which segments zoom into their precise events:
/// a month or a year much longer than such a segment is drawn as a thin, light context bar
/// so that it does not swamp the days.
pub fn marks(items: &[Item], scale: &Scale, plan: &Plan, o: &Options) -> (Vec<ChartMark>, usize) {
    let (left, right) = (MARGIN / 2.0, o.width - MARGIN / 2.0);
    let mut out: Vec<ChartMark> = Vec::new();
    let (mut keys, mut options, mut choices) = (Vec::new(), Vec::new(), Vec::new());
    for (it, &k) in items
        .iter()
        .zip(&plan.segment)
        .filter(|(it, _)| it.labelled)
    {
        let point = !it.coarse && it.end - it.start <= 1.0;
        let r = if it.key { 6.5 } else { 5.0 };
        let (start, end, context) = coarse_extent(it, scale, k, &plan.zoomed);
        let (mut x0, mut x1) = if point {
            let x = scale.x(it.start + 0.5).0;
            (x, x)
        } else if it.coarse {
            (scale.x_in(start, k), scale.x_in(end, k))
        } else {
            (scale.x(start).0, scale.x(end).0)
        };
        let (open_start, open_end) = (
            !point && (start > it.start || scale.x(it.start).1),
            !point && (end < it.end || scale.x(it.end).1),
        );
        if !point && x1 - x0 < 4.0 {
            let c = (x0 + x1) / 2.0;
            (x0, x1) = (c - 2.0, c + 2.0);
        }
        let fuzz = if it.approximate { FUZZ } else { 0.0 };
        let (f0, f1) = ((x0 - fuzz).max(left), (x1 + fuzz).min(right));
        let (m0, m1) = if point {
            (f0.min(x0 - r), f1.max(x1 + r))
        } else {
            (f0, f1)
        };
        // Label on the right of the mark, or on its left: each shortened to its room.
        let fit = |room: f64| {
            let label = shrink_to_fit(
                shorten(&it.title, o.max_chars),
                room,
                |s| text_width(s, o.font, it.key),
                4,
                4,
            );
            let w = text_width(&label, o.font, it.key);
            (label, w)
        };
        let (room_r, room_l) = (right - (m1 + 6.0), (m0 - 6.0) - left);
        // (text-anchor, label, x, extent taken, drawn over the bar?)
        let mut sides = Vec::new();
        if room_r >= 40.0 || room_l < 40.0 {
            let (label, w) = fit(room_r);
            sides.push(("start", label, m1 + 6.0, (m0, m1 + 6.0 + w), false));
        }
        if room_l >= 40.0 {
            let (label, w) = fit(room_l);
            sides.push(("end", label, m0 - 6.0, (m0 - 6.0 - w, m1), false));
        }
        if !point && !context && x1 - x0 >= 60.0 {
            let (label, _) = fit(x1 - x0 - 10.0);
            sides.push(("start", label, x0 + 5.0, (m0, m1), true));
        }
        // The side showing more of the title comes first (wins ties); then the right side. A
        // side that would cut the label to a stub is only used when there is no other.
        sides.sort_by_key(|s| std::cmp::Reverse(s.1.chars().count()));
        let enough = shorten(&it.title, o.max_chars).chars().count().min(24);
        if sides.iter().any(|s| s.1.chars().count() >= enough) {
            sides.retain(|s| s.1.chars().count() >= enough);
        } else {
            sides.truncate(1);
        }
        keys.push(x0);
        options.push(sides.iter().map(|s| s.3).collect::<Vec<_>>());
        choices.push(sides);
        out.push(ChartMark {
            id: it.id.clone(),
            title: it.title.clone(),
            label: String::new(),
            date: it.date.clone(),
            url: it.url.clone(),
            shape: if point { "point" } else { "bar" },
            key: it.key,
            approximate: it.approximate,
            lane: 0,
            x0: r1(x0),
            x1: r1(x1),
            y: 0.0,
            r: if point {
                r
            } else if context {
                2.0
            } else if it.key {
                5.0
            } else {
                4.0
            },
            bar_y: 0.0,
            bar_w: if point { 0.0 } else { r1(x1 - x0) },
            bar_h: if point {
                2.0 * r
            } else if context {
                4.0
            } else if it.key {
                10.0
            } else {
                8.0
            },
            context,
            fuzz_x0: r1(f0),
            fuzz_x1: r1(f1),
            open_start,
            open_end,
            label_x: 0.0,
            label_y: 0.0,
            label_anchor: "start",
            label_over: false,
        });
    }
    let placed = pack(&options, &keys, 8.0);
    for ((m, &(lane, choice)), sides) in out.iter_mut().zip(&placed).zip(choices) {
        if let Some((anchor, label, x, _, over)) = sides.into_iter().nth(choice) {
            (m.label_anchor, m.label, m.label_x, m.label_over) = (anchor, label, r1(x), over);
            if over {
                m.bar_h = 17.0;
            }
        }
        m.lane = lane;
    }
    let count = placed.iter().map(|p| p.0 + 1).max().unwrap_or(0);
    (out, count)
}

/// The days a mark covers (a month or a year cut to its own segment `k`, [`Scale::clip`])
/// and whether it is a context bar: a month or a year more than half again as long as the
/// zoomed segment it sits in.
pub fn coarse_extent(it: &Item, scale: &Scale, k: usize, zoomed: &[bool]) -> (f64, f64, bool) {
    if !it.coarse {
        return (it.start, it.end, false);
    }
    let (start, end) = scale.clip(it.start, it.end, k);
    let context = scale.pieces.get(k).is_some_and(|p| {
        zoomed.get(k).copied().unwrap_or(false) && it.end - it.start > 1.5 * (p.t1 - p.t0)
    });
    (start, end, context)
}
