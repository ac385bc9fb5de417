//! Render stage helper: the timeline chart's broken time axis (pure functions, no markup).
//!
//! Time is counted in days since 1970-01-01 ([`days`]). Events are grouped into segments by
//! their anchors ([`split`]): a long empty stretch between two groups is cut out of the axis
//! (a visible break) when it is long compared with both the region and the spacing of the
//! denser group, so that lone early events and a dense cluster of days are both readable.
//! Each segment has its own linear scale ([`Scale`]); [`ticks`] labels it at the finest unit
//! (days, months or years) whose labels fit.

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number: `(year, month 1..=12, day 1..=31)`.
pub fn civil(n: i64) -> (i64, i64, i64) {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Short month name (`Feb`) of month 1..=12.
pub fn month_name(m: i64) -> &'static str {
    MONTHS[((m - 1).rem_euclid(12)) as usize]
}

/// Splits sorted `anchors` (days) into groups separated by breaks; returns the index ranges.
/// A gap becomes a break when it is at least `min_gap` days, more than a fifth of its
/// region's span and more than four times the mean spacing of the denser side.
pub fn split(anchors: &[f64], min_gap: f64) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    split_into(anchors, 0, anchors.len(), min_gap, &mut out);
    out
}

fn split_into(
    a: &[f64],
    lo: usize,
    hi: usize,
    min_gap: f64,
    out: &mut Vec<std::ops::Range<usize>>,
) {
    if hi - lo < 2 {
        out.push(lo..hi);
        return;
    }
    let span = a[hi - 1] - a[lo];
    let mean = |from: usize, to: usize| {
        (to - from > 1).then(|| (a[to - 1] - a[from]) / (to - from - 1) as f64)
    };
    let mut gaps: Vec<usize> = (lo + 1..hi).collect();
    // Largest gap first; ties go to the earlier gap, so the result never depends on sort luck.
    gaps.sort_by(|&i, &j| {
        (a[j] - a[j - 1])
            .total_cmp(&(a[i] - a[i - 1]))
            .then(i.cmp(&j))
    });
    for i in gaps {
        let gap = a[i] - a[i - 1];
        if gap < min_gap || gap <= 0.2 * span {
            break;
        }
        let denser = match (mean(lo, i), mean(i, hi)) {
            (Some(l), Some(r)) => l.min(r),
            (Some(m), None) | (None, Some(m)) => m,
            (None, None) => 0.0,
        };
        if gap > 4.0 * denser.max(0.5) {
            split_into(a, lo, i, min_gap, out);
            split_into(a, i, hi, min_gap, out);
            return;
        }
    }
    out.push(lo..hi);
}

/// One linear piece of the axis: days `[t0, t1]` drawn at `[x0, x1]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Piece {
    /// First day shown.
    pub t0: f64,
    /// Last day shown.
    pub t1: f64,
    /// Left edge.
    pub x0: f64,
    /// Right edge.
    pub x1: f64,
}

/// A piecewise-linear time scale: pieces in order, breaks between them. Times inside a break
/// map linearly across the break; times outside the axis are clamped to its ends.
#[derive(Debug, Clone, Default)]
pub struct Scale {
    /// The pieces, left to right.
    pub pieces: Vec<Piece>,
}

impl Scale {
    /// `[start, end]` cut to piece `k`: a month or a year is drawn in its own segment, never
    /// across a break into the next one.
    pub fn clip(&self, start: f64, end: f64, k: usize) -> (f64, f64) {
        match self.pieces.get(k) {
            Some(p) => (start.clamp(p.t0, p.t1), end.clamp(p.t0, p.t1)),
            None => (start, end),
        }
    }

    /// x of day `t` on piece `k` (clamped to it): unlike [`Scale::x`], a day on the boundary
    /// two pieces share lands on piece `k`.
    pub fn x_in(&self, t: f64, k: usize) -> f64 {
        match self.pieces.get(k) {
            Some(p) if p.t1 - p.t0 > f64::EPSILON => {
                p.x0 + (t.clamp(p.t0, p.t1) - p.t0) / (p.t1 - p.t0) * (p.x1 - p.x0)
            }
            Some(p) => p.x0,
            None => self.x(t).0,
        }
    }

    /// `(x, clamped)` for day `t`.
    pub fn x(&self, t: f64) -> (f64, bool) {
        let (Some(first), Some(last)) = (self.pieces.first(), self.pieces.last()) else {
            return (0.0, true);
        };
        if t < first.t0 {
            return (first.x0, true);
        }
        if t > last.t1 {
            return (last.x1, true);
        }
        let lerp = |t0: f64, t1: f64, x0: f64, x1: f64| {
            if t1 - t0 <= f64::EPSILON {
                x0
            } else {
                x0 + (t - t0) / (t1 - t0) * (x1 - x0)
            }
        };
        for (i, p) in self.pieces.iter().enumerate() {
            if t <= p.t1 {
                return (lerp(p.t0, p.t1, p.x0, p.x1), false);
            }
            if let Some(n) = self.pieces.get(i + 1).filter(|n| t < n.t0) {
                return (lerp(p.t1, n.t0, p.x1, n.x0), false);
            }
        }
        (last.x1, true)
    }
}

/// A labelled tick: its grid line (when the unit boundary lies inside the piece) and label.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Grid line position, or `None`.
    pub x: Option<f64>,
    /// Label text.
    pub label: String,
    /// Label centre.
    pub label_x: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Day(i64),
    Month(i64),
    Year(i64),
}

const UNITS: [Unit; 13] = [
    Unit::Day(1),
    Unit::Day(2),
    Unit::Day(5),
    Unit::Day(10),
    Unit::Month(1),
    Unit::Month(3),
    Unit::Month(6),
    Unit::Year(1),
    Unit::Year(2),
    Unit::Year(5),
    Unit::Year(10),
    Unit::Year(50),
    Unit::Year(100),
];

/// Ticks for piece `p` with labels of `font` px, and a caption giving the context the tick
/// labels leave out (the month for day ticks, the year for month ticks) for the days
/// `content` (`[first, after last)`: the events', not the padded piece's, so that a segment
/// of December days is not captioned `Nov–Dec`). `vertical`: the axis runs down the page
/// (`x0`/`x1` are then heights), so labels need a line's height each instead of their width.
pub fn ticks(
    p: &Piece,
    font: f64,
    content: (f64, f64),
    vertical: bool,
) -> (Vec<Tick>, Option<String>) {
    let per_day = (p.x1 - p.x0) / (p.t1 - p.t0).max(1e-9);
    let need = |chars: f64| {
        if vertical {
            font * 1.25
        } else {
            chars * font * 0.62 + 8.0
        }
    };
    let half = |chars: f64| {
        if vertical {
            font * 0.5
        } else {
            chars * font * 0.31
        }
    };
    let unit = UNITS
        .iter()
        .copied()
        .find(|u| match u {
            Unit::Day(s) => per_day * *s as f64 >= need(3.0),
            Unit::Month(s) => per_day * 30.4 * *s as f64 >= need(3.0),
            Unit::Year(s) => per_day * 365.2 * *s as f64 >= need(4.0),
        })
        .unwrap_or(Unit::Year(1000));
    let (y0, m0, _) = civil(p.t0.floor() as i64);
    let (y1, m1, _) = civil(p.t1.floor() as i64);
    let (c0, c1) = (content.0.max(p.t0), content.1.min(p.t1));
    let (cy0, cm0, _) = civil(c0.floor() as i64);
    let (cy1, cm1, _) = civil((c1 - 1.0).max(c0).floor() as i64);
    let mut out = Vec::new();
    let inside = |t: f64| t >= p.t0 && t <= p.t1;
    let at = |t: f64| p.x0 + (t - p.t0) * per_day;
    match unit {
        Unit::Day(s) => {
            for n in p.t0.floor() as i64..=p.t1.floor() as i64 {
                let (_, _, d) = civil(n);
                let month_end = civil(n + (s + 1) / 2).1 != civil(n).1;
                let c = n as f64 + 0.5;
                if inside(c) && (d == 1 || (d % s == 0 && !month_end) || s == 1) {
                    let label = if d == 1 {
                        month_name(civil(n).1).to_string()
                    } else {
                        d.to_string()
                    };
                    let half = half(label.chars().count() as f64);
                    let fits = at(c) - half >= p.x0 && at(c) + half <= p.x1;
                    let label = if fits { label } else { String::new() };
                    out.push(Tick {
                        x: Some(at(c)),
                        label,
                        label_x: at(c),
                    });
                }
            }
        }
        Unit::Month(s) | Unit::Year(s) => {
            let months = if let Unit::Year(_) = unit { 12 * s } else { s };
            let mut k = (y0 * 12 + m0 - 1) / months * months;
            while k < y1 * 12 + m1 {
                let (a, b) = (k, k + months);
                let t = |k: i64| days(k.div_euclid(12), k.rem_euclid(12) + 1, 1) as f64;
                let (ta, tb) = (t(a), t(b));
                let (va, vb) = (ta.max(p.t0), tb.min(p.t1));
                let label = match unit {
                    Unit::Year(_) => a.div_euclid(12).to_string(),
                    _ => month_name(a.rem_euclid(12) + 1).to_string(),
                };
                let chars = label.chars().count() as f64;
                if vb > va && (at(vb) - at(va)) >= need(chars) - 6.0 {
                    let x = inside(ta).then(|| at(ta));
                    out.push(Tick {
                        x,
                        label,
                        label_x: (at(va) + at(vb)) / 2.0,
                    });
                } else if inside(ta) {
                    out.push(Tick {
                        x: Some(at(ta)),
                        label: String::new(),
                        label_x: at(ta),
                    });
                }
                k = b;
            }
        }
    }
    let caption = match unit {
        Unit::Day(_) if (cy0, cm0) == (cy1, cm1) => Some(format!("{} {cy0}", month_name(cm0))),
        Unit::Day(_) if cy0 == cy1 => {
            Some(format!("{}–{} {cy0}", month_name(cm0), month_name(cm1)))
        }
        Unit::Day(_) => Some(format!(
            "{} {cy0} – {} {cy1}",
            month_name(cm0),
            month_name(cm1)
        )),
        Unit::Month(_) if cy0 == cy1 => Some(cy0.to_string()),
        Unit::Month(_) => Some(format!("{cy0}–{cy1}")),
        Unit::Year(_) => None,
    };
    (out, caption)
}

/// A short length of time: `19 d`, `8 mo`, `5 yr`.
pub fn duration(days: f64) -> String {
    if days < 60.0 {
        format!("{} d", days.round().max(1.0))
    } else if days < 700.0 {
        format!("{} mo", (days / 30.44).round())
    } else {
        format!("{} yr", (days / 365.25).round())
    }
}

#[cfg(test)]
#[path = "axis_tests.rs"]
mod tests;
