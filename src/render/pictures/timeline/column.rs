//! Render stage: the vertical timeline chart ([`TimelineColumn`]) for narrow screens and paper.
//!
//! The same time segments and breaks as the wide chart ([`chart::plan`]), stacked top to
//! bottom: each segment is as tall as its labels need (one line per labelled event), so a
//! dense week and a lone event years earlier are both readable without sideways scrolling.
//! Single days are points on the axis; ranges, months and years are bars in lanes just right
//! of it (packed so that none overlap). Every label gets its own line to the right, as near
//! its mark as the lines above allow, joined to it by a thin leader.

use crate::render::pictures::fit::{pack, r1, shorten, shrink_to_fit, text_width};
use crate::render::pictures::timeline::axis::{self, Piece, Scale};
use crate::render::pictures::timeline::chart::{self, Item, anchor};
use crate::render::pictures::timeline::marks::{FUZZ, coarse_extent};
use crate::render::views::{
    ColumnBreak, ColumnMark, ColumnRug, ColumnSegment, ColumnTick, TimelineColumn,
};

/// Sizes of a vertical chart.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// viewBox width: the narrowest screen it is drawn at without scaling.
    pub width: f64,
    /// Label font size.
    pub font: f64,
    /// Tick label and caption font size.
    pub tick_font: f64,
    /// Height of one label line.
    pub line: f64,
    /// Longest label, in characters.
    pub max_chars: usize,
}

/// The vertical chart: 340 units fit a 390 px phone's content box at full size.
pub const COLUMN: Column = Column {
    width: 340.0,
    font: 13.0,
    tick_font: 12.0,
    line: 19.0,
    max_chars: 44,
};

const TOP: f64 = 4.0;
const CAPTION: f64 = 22.0;
const BREAK: f64 = 30.0;
const MIN_SEGMENT: f64 = 30.0;
/// Right end of the tick labels, and the axis.
const TICK_X: f64 = 40.0;
const AXIS_X: f64 = 48.0;
/// Lane pitch of the bars right of the axis.
const LANE: f64 = 10.0;

/// Lays the vertical chart out. `items` are in timeline order.
pub fn layout(items: &[Item], o: &Column) -> TimelineColumn {
    let plan = chart::plan(items);
    // Segment heights: a line per labelled event, a little for each unlabelled one.
    let mut scale = Scale::default();
    let mut y = TOP;
    let mut caption_ys = Vec::new();
    let mut captions = Vec::new();
    let last = plan.groups.len().saturating_sub(1);
    for (k, g) in plan.groups.iter().enumerate() {
        let labelled = g.iter().filter(|&&i| items[i].labelled).count() as f64;
        let rug = g.len() as f64 - labelled;
        let h = (labelled * o.line + 4.0 * rug).max(MIN_SEGMENT);
        let (t0, t1) = plan.padded[k];
        let probe = Piece {
            t0,
            t1,
            x0: 0.0,
            x1: h,
        };
        let caption = axis::ticks(&probe, o.tick_font, plan.content[k], true).1;
        if caption.is_some() {
            y += CAPTION;
        }
        caption_ys.push(y - 8.0);
        captions.push(caption);
        scale.pieces.push(Piece {
            t0,
            t1,
            x0: y,
            x1: y + h,
        });
        y += h + if k == last { 0.0 } else { BREAK };
    }
    let segments: Vec<ColumnSegment> = scale
        .pieces
        .iter()
        .enumerate()
        .map(|(k, p)| ColumnSegment {
            y0: r1(p.x0),
            y1: r1(p.x1),
            ticks: axis::ticks(p, o.tick_font, plan.content[k], true)
                .0
                .into_iter()
                .map(|t| ColumnTick {
                    y: t.x.map(r1),
                    label: t.label,
                    label_y: r1(t.label_x + 0.35 * o.tick_font),
                })
                .collect(),
            caption: captions[k].clone(),
            caption_y: r1(caption_ys[k]),
        })
        .collect();
    let breaks = scale
        .pieces
        .windows(2)
        .map(|w| ColumnBreak {
            y0: r1(w[0].x1),
            y1: r1(w[1].x0),
            y: r1(w[0].x1 + BREAK / 2.0),
            label: if w[1].t0 - w[0].t1 >= 1.0 {
                axis::duration(w[1].t0 - w[0].t1)
            } else {
                String::new()
            },
        })
        .collect();
    let (marks, bottom) = marks(items, &scale, &plan, o);
    let rug = items
        .iter()
        .zip(&plan.segment)
        .filter(|(it, _)| !it.labelled)
        .map(|(it, &k)| ColumnRug {
            y: r1(if it.coarse {
                let (a, b) = scale.clip(it.start, it.end, k);
                (scale.x_in(a, k) + scale.x_in(b, k)) / 2.0
            } else {
                scale.x(anchor(it)).0
            }),
            key: it.key,
        })
        .collect();
    TimelineColumn {
        width: o.width,
        height: r1(y.max(bottom) + 6.0),
        font: o.font,
        tick_font: o.tick_font,
        axis_x: AXIS_X,
        tick_x: TICK_X,
        segments,
        breaks,
        marks,
        rug,
    }
}

/// The labelled marks and the lowest label line's bottom.
fn marks(items: &[Item], scale: &Scale, plan: &chart::Plan, o: &Column) -> (Vec<ColumnMark>, f64) {
    // Marks first: points on the axis, bars in lanes.
    struct Draft {
        i: usize,
        point: bool,
        context: bool,
        y0: f64,
        y1: f64,
        open: (bool, bool),
        r: f64,
    }
    let mut drafts = Vec::new();
    for (i, (it, &k)) in items.iter().zip(&plan.segment).enumerate() {
        if !it.labelled {
            continue;
        }
        let point = !it.coarse && it.end - it.start <= 1.0;
        let (start, end, context) = coarse_extent(it, scale, k, &plan.zoomed);
        let (mut y0, mut y1) = if point {
            let y = scale.x(it.start + 0.5).0;
            (y, y)
        } else if it.coarse {
            (scale.x_in(start, k), scale.x_in(end, k))
        } else {
            (scale.x(start).0, scale.x(end).0)
        };
        if !point && y1 - y0 < 4.0 {
            let c = (y0 + y1) / 2.0;
            (y0, y1) = (c - 2.0, c + 2.0);
        }
        let open = (
            !point && (start > it.start || scale.x(it.start).1),
            !point && (end < it.end || scale.x(it.end).1),
        );
        let r = match (point, context, it.key) {
            (true, _, true) => 6.0,
            (true, _, false) => 4.5,
            (false, true, _) => 1.5,
            (false, false, true) => 4.0,
            (false, false, false) => 3.0,
        };
        drafts.push(Draft {
            i,
            point,
            context,
            y0,
            y1,
            open,
            r,
        });
    }
    let fuzz = |d: &Draft| if items[d.i].approximate { FUZZ } else { 0.0 };
    let bars: Vec<&Draft> = drafts.iter().filter(|d| !d.point).collect();
    let lanes = pack(
        &bars
            .iter()
            .map(|d| vec![(d.y0 - fuzz(d), d.y1 + fuzz(d))])
            .collect::<Vec<_>>(),
        &bars.iter().map(|d| d.y0).collect::<Vec<_>>(),
        4.0,
    );
    let lane_count = lanes.iter().map(|l| l.0 + 1).max().unwrap_or(0);
    let label_x = AXIS_X + 18.0 + LANE * lane_count as f64;
    let room = o.width - label_x - 2.0;
    // Labels: each on its own line, at its mark's height or just below the line above.
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    let want = |d: &Draft| {
        if d.point {
            d.y0
        } else {
            d.y0.max(d.y1.min(d.y0 + 6.0))
        }
    };
    order.sort_by(|&a, &b| {
        want(&drafts[a])
            .total_cmp(&want(&drafts[b]))
            .then(a.cmp(&b))
    });
    let mut mid = vec![0.0; drafts.len()];
    let mut next = f64::MIN;
    for &d in &order {
        let m = want(&drafts[d]).max(next).max(TOP + o.line / 2.0);
        mid[d] = m;
        next = m + o.line;
    }
    let mut lane_of = lanes.iter().map(|l| l.0);
    let mut out = Vec::new();
    for (d, &m) in drafts.iter().zip(&mid) {
        let it = &items[d.i];
        let x = if d.point {
            AXIS_X
        } else {
            AXIS_X + 10.0 + LANE * lane_of.next().unwrap_or(0) as f64
        };
        // Generous: the phone's sans-serif may be wider than the estimate (DejaVu Sans is).
        let label = shrink_to_fit(
            shorten(&it.title, o.max_chars),
            room,
            |s| 1.12 * text_width(s, o.font, it.key),
            3,
            4,
        );
        let f = fuzz(d);
        out.push(ColumnMark {
            id: it.id.clone(),
            title: it.title.clone(),
            label,
            date: it.date.clone(),
            url: it.url.clone(),
            shape: if d.point { "point" } else { "bar" },
            key: it.key,
            approximate: it.approximate,
            context: d.context,
            x,
            y0: r1(d.y0),
            y1: r1(d.y1),
            r: d.r,
            bar_x: r1(x - d.r),
            bar_w: 2.0 * d.r,
            bar_h: if d.point { 0.0 } else { r1(d.y1 - d.y0) },
            fuzz_y0: r1(d.y0 - f),
            fuzz_y1: r1(d.y1 + f),
            open_start: d.open.0,
            open_end: d.open.1,
            leader_x: r1(x + d.r + 1.0),
            leader_y: r1(want(d)),
            label_x: r1(label_x),
            label_mid: r1(m),
            label_y: r1(m + 0.35 * o.font),
        });
    }
    (out, next)
}

#[cfg(test)]
#[path = "column_tests.rs"]
mod tests;
