//! Render stage: the actor map's geometry ([`ActorMap`]); the theme draws the SVG.
//!
//! Actors are boxes in columns by side ([`place`]: deterministic, no randomness, so
//! the same packet always gives the same picture); declared relations are arrowed curves with
//! a numbered badge and co-appearances in events lighter curves ([`edges`]). This
//! module holds the link graph, the boxes (a long name goes on two lines) and curve helpers.

pub mod edges;
pub mod place;

use std::collections::BTreeMap;

use crate::render::pictures::fit::{r1, shrink_to_fit, text_width};
use crate::render::views::{ActorMap, ActorRef, ActorView, MapColumn, MapNode};

/// Links between actors (indices into the actor list).
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// Declared relations `(from, to, label)`, in file order.
    pub relations: Vec<(usize, usize, String)>,
    /// Events naming both actors of each pair `(a, b)` with `a < b`.
    pub together: BTreeMap<(usize, usize), usize>,
}

impl Graph {
    /// Counts co-appearances from each event's actor list.
    pub fn add_event(&mut self, actors: &[usize]) {
        for (i, &a) in actors.iter().enumerate() {
            for &b in &actors[i + 1..] {
                if a != b {
                    *self.together.entry((a.min(b), a.max(b))).or_insert(0) += 1;
                }
            }
        }
    }

    /// `true` when a relation joins `a` and `b` in either direction.
    pub fn related(&self, a: usize, b: usize) -> bool {
        self.relations
            .iter()
            .any(|(f, t, _)| (*f, *t) == (a, b) || (*f, *t) == (b, a))
    }
}

const WIDTH: f64 = 960.0;
const FONT: f64 = 12.0;
const NODE_H: f64 = 30.0;
/// Font size of a name set on two lines, and their line height.
const SMALL: f64 = 10.5;
const LINE2: f64 = 11.5;
const PITCH: f64 = 52.0;
const HEAD: f64 = 40.0;
/// Radius of a relation's number badge.
pub const BADGE: f64 = 8.5;

/// SVG path data of a cubic curve, coordinates rounded to 0.1.
pub fn curve(p: [(f64, f64); 4]) -> String {
    let f = |(x, y): (f64, f64)| format!("{} {}", r1(x), r1(y));
    format!("M{} C{} {} {}", f(p[0]), f(p[1]), f(p[2]), f(p[3]))
}

/// The point at `t` of a cubic curve.
pub fn at(p: [(f64, f64); 4], t: f64) -> (f64, f64) {
    let u = 1.0 - t;
    let b = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
    (
        b.iter().zip(&p).map(|(b, q)| b * q.0).sum(),
        b.iter().zip(&p).map(|(b, q)| b * q.1).sum(),
    )
}

/// A box for actor `a` at `(x, y)` of width `w`.
pub fn node(a: &ActorView, x: f64, y: f64, w: f64, focus: bool) -> MapNode {
    let room = w - 14.0;
    let fit = |s: &str, font: f64| {
        shrink_to_fit(s.to_string(), room, |t| text_width(t, font, focus), 2, 4)
    };
    // One line when the name fits; else two balanced lines in a smaller size.
    let words: Vec<&str> = a.name.split_whitespace().collect();
    let lines = if text_width(&a.name, FONT, focus) <= room || words.len() < 2 {
        vec![fit(&a.name, FONT)]
    } else {
        let split = (1..words.len())
            .min_by_key(|&k| {
                let (l, r) = (words[..k].join(" "), words[k..].join(" "));
                (text_width(&l, SMALL, focus).max(text_width(&r, SMALL, focus)) * 10.0) as i64
            })
            .unwrap_or(1);
        vec![
            fit(&words[..split].join(" "), SMALL),
            fit(&words[split..].join(" "), SMALL),
        ]
    };
    let two = lines.len() == 2;
    MapNode {
        id: a.id.clone(),
        name: a.name.clone(),
        label: lines.join(" "),
        kind: a.kind,
        url: a.url.clone(),
        focus,
        x: r1(x),
        y: r1(y),
        w: r1(w),
        h: NODE_H,
        text_x: r1(x + w / 2.0),
        text_y: r1(y
            + NODE_H / 2.0
            + if two {
                SMALL * 0.35 - LINE2 / 2.0
            } else {
                FONT * 0.35
            }),
        line_dy: if two { LINE2 } else { 0.0 },
        lines,
    }
}

/// A short reference to actor `a`.
pub fn actor_ref(a: &ActorView) -> ActorRef {
    ActorRef {
        id: a.id.clone(),
        name: a.name.clone(),
        url: a.url.clone(),
    }
}

/// Lays out the whole map. `None` without actors.
pub fn layout(actors: &[ActorView], g: &Graph) -> Option<ActorMap> {
    if actors.is_empty() {
        return None;
    }
    let pl = place::place(actors, g);
    let col_w = WIDTH / pl.ncols.max(1) as f64;
    let node_w = (col_w - 40.0).min(190.0);
    let nodes: Vec<MapNode> = (0..actors.len())
        .map(|a| {
            let x = pl.col[a] as f64 * col_w + (col_w - node_w) / 2.0;
            node(&actors[a], x, HEAD + pl.row[a] * PITCH, node_w, false)
        })
        .collect();
    let columns = pl
        .sides
        .iter()
        .map(|(label, first, span)| {
            let (x0, x1) = (*first as f64 * col_w, (first + span) as f64 * col_w);
            let label = shrink_to_fit(
                label.clone(),
                x1 - x0 - 8.0,
                |s| text_width(s, FONT, true),
                2,
                4,
            );
            MapColumn {
                label,
                x: r1((x0 + x1) / 2.0),
                y: 22.0,
                x0: r1(x0 + 4.0),
                x1: r1(x1 - 4.0),
            }
        })
        .collect();
    let (relations, together) =
        edges::edges(actors, g, &nodes, &pl.col, pl.ncols, col_w - node_w, WIDTH);
    Some(ActorMap {
        width: WIDTH,
        height: HEAD + pl.rows as f64 * PITCH,
        font: FONT,
        columns,
        nodes,
        relations,
        together,
    })
}

#[cfg(test)]
pub(crate) mod tests;
