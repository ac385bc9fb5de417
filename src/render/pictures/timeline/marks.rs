//! Render stage: the marks of the timeline chart: shape, uncertainty, label side and lane.
//!
//! A single day is a point, anything longer a bar; an approximate date gets dashed whiskers
//! ([`FUZZ`] wide) on both sides. Each label may go right or left of its mark, shortened to
//! the room there; [`crate::render::pictures::fit::pack`] then picks, mark by mark from left to right,
//! the side that fits in the lowest lane, so that no two labels or marks overlap.

use crate::render::pictures::fit::{pack, r1, shorten, text_width};
use crate::render::pictures::timeline::axis::Scale;
use crate::render::pictures::timeline::chart::{Item, MARGIN, Options};
use crate::render::views::ChartMark;

/// Width of an approximate date's whiskers.
pub const FUZZ: f64 = 10.0;

/// The labelled marks (y still unset) and the number of lanes.
pub fn marks(items: &[Item], scale: &Scale, o: &Options) -> (Vec<ChartMark>, usize) {
    let (left, right) = (MARGIN / 2.0, o.width - MARGIN / 2.0);
    let mut out: Vec<ChartMark> = Vec::new();
    let (mut keys, mut options, mut choices) = (Vec::new(), Vec::new(), Vec::new());
    for it in items.iter().filter(|it| it.labelled) {
        let point = !it.coarse && it.end - it.start <= 1.0;
        let r = if it.key { 6.5 } else { 5.0 };
        let (mut x0, open_start) = scale.x(if point { it.start + 0.5 } else { it.start });
        let (mut x1, open_end) = scale.x(if point { it.start + 0.5 } else { it.end });
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
            let mut label = shorten(&it.title, o.max_chars);
            while text_width(&label, o.font, it.key) > room && label.chars().count() > 4 {
                label = shorten(&label, label.chars().count() - 4);
            }
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
        if !point && x1 - x0 >= 60.0 {
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
            } else if it.key {
                5.0
            } else {
                4.0
            },
            bar_y: 0.0,
            bar_w: if point { 0.0 } else { r1(x1 - x0) },
            bar_h: if point {
                2.0 * r
            } else if it.key {
                10.0
            } else {
                8.0
            },
            fuzz_x0: r1(f0),
            fuzz_x1: r1(f1),
            open_start: open_start && !point,
            open_end: open_end && !point,
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
