//! Render stage: the timeline chart's geometry ([`TimelineChart`]); the theme draws the SVG.
//!
//! Each event becomes a point (a single day) or a bar (a range, a month, a year) on a broken
//! time axis ([`axis`]): segments get widths by how many events they hold, so a dense
//! week and a lone event years earlier are both readable. Labels sit beside their marks (or
//! inside a long bar) and marks are stacked into lanes ([`super::marks`]) so that no two
//! labels or marks overlap. Text widths are estimated (no fonts at build time), generously.

use crate::model::date::{FuzzyDate, Point, Precision};
use crate::render::pictures::fit::{allocate, r1, text_width};
use crate::render::pictures::timeline::axis::{self, Piece, Scale};
use crate::render::pictures::timeline::marks;
pub use crate::render::pictures::timeline::plan::{Item, Plan, anchor, plan};
use crate::render::views::{ChartBreak, ChartRug, ChartSegment, ChartTick, TimelineChart};

/// Sizes of one chart.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// viewBox width.
    pub width: f64,
    /// Label font size.
    pub font: f64,
    /// Lane height.
    pub lane: f64,
    /// Longest label, in characters.
    pub max_chars: usize,
}

/// The full chart (timeline page, print).
pub const FULL: Options = Options {
    width: 960.0,
    font: 12.0,
    lane: 22.0,
    max_chars: 36,
};
/// The small chart (overview).
pub const SMALL: Options = Options {
    width: 960.0,
    font: 12.5,
    lane: 22.0,
    max_chars: 40,
};

/// The full chart on paper: as wide as an A4 or Letter page's text (180 mm, 680 px), printed
/// at its own size so that its labels are 11 px (8.25 pt).
pub const PAPER: Options = Options {
    width: 680.0,
    font: 11.0,
    lane: 19.0,
    max_chars: 32,
};

/// Space left of the first and right of the last segment.
pub const MARGIN: f64 = 10.0;
const BREAK: f64 = 30.0;
const MIN_SEGMENT: f64 = 52.0;

/// `[start, end)` in days of a date: a day covers one day, a month its month, a year its year.
pub fn extent(d: &FuzzyDate) -> (f64, f64) {
    let first = |p: &Point| {
        axis::days(
            p.year.into(),
            p.month.unwrap_or(1).into(),
            p.day.unwrap_or(1).into(),
        )
    };
    let after = |p: &Point| {
        let (y, m) = (i64::from(p.year), i64::from(p.month.unwrap_or(1)));
        match p.precision() {
            Precision::Day => first(p) + 1,
            Precision::Month if m == 12 => axis::days(y + 1, 1, 1),
            Precision::Month => axis::days(y, m + 1, 1),
            Precision::Year => axis::days(y + 1, 1, 1),
        }
    };
    let last = d.end.as_ref().unwrap_or(&d.start);
    (
        first(&d.start) as f64,
        after(last).max(first(&d.start) + 1) as f64,
    )
}

/// Lays the chart out. `items` are in timeline order.
pub fn layout(items: &[Item], o: &Options) -> TimelineChart {
    let plan = plan(items);
    let (groups, ext, content) = (&plan.groups, &plan.padded, &plan.content);
    let weights: Vec<f64> = groups.iter().map(|g| 1.0 + g.len() as f64).collect();
    let avail = o.width - 2.0 * MARGIN - BREAK * groups.len().saturating_sub(1) as f64;
    let widths = allocate(&weights, avail, MIN_SEGMENT);
    let mut x = MARGIN;
    let mut scale = Scale::default();
    for (&(t0, t1), w) in ext.iter().zip(&widths) {
        scale.pieces.push(Piece {
            t0,
            t1,
            x0: x,
            x1: x + w,
        });
        x += w + BREAK;
    }
    let tick_font = o.font - 1.0;
    let last = scale.pieces.len().saturating_sub(1);
    let segments = scale
        .pieces
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let (ticks, caption) = axis::ticks(p, tick_font, content[k], false);
            // The caption is centred under its segment, moved inwards at the chart's ends,
            // and left out when wider than the segment and half the breaks beside it.
            let room = (
                if k == 0 {
                    MARGIN / 2.0
                } else {
                    p.x0 - BREAK / 2.0 + 4.0
                },
                if k == last {
                    o.width - MARGIN / 2.0
                } else {
                    p.x1 + BREAK / 2.0 - 4.0
                },
            );
            let mid = (p.x0 + p.x1) / 2.0;
            let (caption, caption_x) = match caption {
                Some(c) => {
                    let half = text_width(&c, tick_font, true) / 2.0;
                    if 2.0 * half <= room.1 - room.0 {
                        (Some(c), mid.clamp(room.0 + half, room.1 - half))
                    } else {
                        (None, mid)
                    }
                }
                None => (None, mid),
            };
            ChartSegment {
                x0: r1(p.x0),
                x1: r1(p.x1),
                ticks: ticks
                    .into_iter()
                    .map(|t| ChartTick {
                        x: t.x.map(r1),
                        label: t.label,
                        label_x: r1(t.label_x),
                    })
                    .collect(),
                caption,
                caption_x: r1(caption_x),
            }
        })
        .collect();
    let breaks = scale
        .pieces
        .windows(2)
        .map(|w| ChartBreak {
            x0: r1(w[0].x1),
            x1: r1(w[1].x0),
            x: r1((w[0].x1 + w[1].x0) / 2.0),
            label: if w[1].t0 - w[0].t1 >= 1.0 {
                axis::duration(w[1].t0 - w[0].t1)
            } else {
                String::new()
            },
        })
        .collect();
    let (marks, lane_count) = marks::marks(items, &scale, &plan, o);
    let top = 8.0;
    let axis_y = top + lane_count as f64 * o.lane + 6.0;
    let rug = items
        .iter()
        .zip(&plan.segment)
        .filter(|(it, _)| !it.labelled)
        .map(|(it, &k)| ChartRug {
            x: r1(if it.coarse {
                let (a, b) = scale.clip(it.start, it.end, k);
                (scale.x_in(a, k) + scale.x_in(b, k)) / 2.0
            } else {
                scale.x(anchor(it)).0
            }),
            key: it.key,
        })
        .collect();
    // The earliest start and the latest end (a month-long event may sort after the days it
    // covers, so the list's first and last items need not be the extremes).
    let first = items.iter().min_by(|a, b| a.start.total_cmp(&b.start));
    let last = items.iter().rev().max_by(|a, b| a.end.total_cmp(&b.end));
    let span = match (first, last) {
        (Some(a), Some(b)) if a.date != b.date => format!("{} – {}", a.date, b.date),
        (Some(a), _) => a.date.clone(),
        _ => String::new(),
    };
    let mut marks = marks;
    for m in &mut marks {
        m.y = r1(top + m.lane as f64 * o.lane + o.lane / 2.0);
        m.label_y = r1(m.y + o.font * 0.35);
        m.bar_y = r1(m.y - m.bar_h / 2.0);
    }
    TimelineChart {
        width: o.width,
        height: r1(axis_y + 2.6 * o.font + 10.0),
        font: o.font,
        top,
        axis_y: r1(axis_y),
        tick_y: r1(axis_y + 1.25 * o.font),
        caption_y: r1(axis_y + 2.5 * o.font),
        lanes: lane_count,
        segments,
        breaks,
        marks,
        rug,
        span,
    }
}

#[cfg(test)]
#[path = "chart_tests.rs"]
mod tests;
