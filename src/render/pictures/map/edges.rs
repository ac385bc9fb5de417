//! Render stage: the actor map's edges: curves between boxes, ports, numbered badges.
//!
//! An edge between two columns leaves the right side of the left box and enters the left side
//! of the right one; an edge within a column arcs out to the right. Edges meeting one side of
//! a box are spread over that side in the order of their other ends, so they do not pile up
//! on one point. Each relation's number badge goes at the first spot along its curve (from the
//! middle outwards) that is clear of every box and earlier badge. Co-appearances are drawn for
//! the strongest pairs only (at most about one and a half per actor), weakest dropped first.

use std::collections::BTreeMap;

use crate::render::pictures::fit::r1;
use crate::render::pictures::map::{BADGE, Graph, actor_ref, at, curve};
use crate::render::views::{ActorView, MapEdge, MapNode};

/// The pairs of co-appearing actors worth drawing: not already related, and at least as
/// frequent as the weakest count that keeps their number under `max(12, 1.5 n)`.
pub fn strong_pairs(g: &Graph, n: usize) -> Vec<((usize, usize), usize)> {
    let pairs: Vec<((usize, usize), usize)> = g
        .together
        .iter()
        .filter(|((a, b), _)| !g.related(*a, *b))
        .map(|(k, v)| (*k, *v))
        .collect();
    let limit = 12.max(n * 3 / 2);
    let min = (1..)
        .find(|&c| pairs.iter().filter(|p| p.1 >= c).count() <= limit)
        .unwrap_or(1);
    pairs.into_iter().filter(|p| p.1 >= min).collect()
}

/// One side of a box: `(node, right side?)`.
type BoxSide = (usize, bool);
/// An edge end on a box side: `(height of the other end, edge, is it the edge's start?)`.
type PortUse = (f64, usize, bool);

/// `(node, right side?)` where an edge from `a` to `b` starts and ends. Within a column, the
/// edge arcs out on the side facing away from the middle of the map.
fn sides(a: usize, b: usize, col: &[usize], ncols: usize) -> ((usize, bool), (usize, bool)) {
    match col[a].cmp(&col[b]) {
        std::cmp::Ordering::Less => ((a, true), (b, false)),
        std::cmp::Ordering::Greater => ((a, false), (b, true)),
        std::cmp::Ordering::Equal => {
            let right = 2 * col[a] + 1 >= ncols;
            ((a, right), (b, right))
        }
    }
}

fn cy(n: &MapNode) -> f64 {
    n.y + n.h / 2.0
}

/// The relations (numbered, with badges) and the co-appearances, as edges; curves and badges
/// stay inside the map's `width`.
pub fn edges(
    actors: &[ActorView],
    g: &Graph,
    nodes: &[MapNode],
    col: &[usize],
    ncols: usize,
    gap: f64,
    width: f64,
) -> (Vec<MapEdge>, Vec<MapEdge>) {
    let pairs = strong_pairs(g, actors.len());
    let ends: Vec<(usize, usize)> = g
        .relations
        .iter()
        .map(|(f, t, _)| (*f, *t))
        .chain(pairs.iter().map(|p| p.0))
        .collect();
    // Ports: every edge end on a box side, spread in the order of the other end's height.
    let mut at_side: BTreeMap<BoxSide, Vec<PortUse>> = BTreeMap::new();
    for (k, &(a, b)) in ends.iter().enumerate() {
        let (sa, sb) = sides(a, b, col, ncols);
        at_side
            .entry(sa)
            .or_default()
            .push((cy(&nodes[b]), k, true));
        at_side
            .entry(sb)
            .or_default()
            .push((cy(&nodes[a]), k, false));
    }
    let mut port: BTreeMap<(usize, bool), f64> = BTreeMap::new();
    for ((node, _), list) in &mut at_side {
        list.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
        let m = list.len();
        let step = if m > 1 {
            (6.0_f64).min((nodes[*node].h - 12.0) / (m - 1) as f64)
        } else {
            0.0
        };
        for (i, &(_, k, start)) in list.iter().enumerate() {
            port.insert(
                (k, start),
                cy(&nodes[*node]) + (i as f64 - (m as f64 - 1.0) / 2.0) * step,
            );
        }
    }
    let route = |k: usize| -> [(f64, f64); 4] {
        let (a, b) = ends[k];
        let ((_, ra), (_, rb)) = sides(a, b, col, ncols);
        let (na, nb) = (&nodes[a], &nodes[b]);
        let ya = port.get(&(k, true)).copied().unwrap_or(cy(na));
        let yb = port.get(&(k, false)).copied().unwrap_or(cy(nb));
        let xa = if ra { na.x + na.w } else { na.x };
        let xb = if rb { nb.x + nb.w } else { nb.x };
        if col[a] == col[b] {
            // An arc stays inside the map with room for its badge.
            let room = if ra {
                width - xa.max(xb) - 2.0 * BADGE - 2.0
            } else {
                xa.min(xb) - 2.0 * BADGE - 2.0
            };
            let bulge = (10.0 + 0.15 * (yb - ya).abs())
                .min(gap * 1.2)
                .min(room.max(0.0))
                * if ra { 1.0 } else { -1.0 };
            return [(xa, ya), (xa + bulge, ya), (xb + bulge, yb), (xb, yb)];
        }
        let dx = (xb - xa) / 2.0;
        [(xa, ya), (xa + dx, ya), (xb - dx, yb), (xb, yb)]
    };
    let clearance = |p: (f64, f64), badges: &[(f64, f64)]| {
        let boxes = nodes.iter().map(|n| {
            let dx = (n.x - p.0).max(p.0 - n.x - n.w).max(0.0);
            let dy = (n.y - p.1).max(p.1 - n.y - n.h).max(0.0);
            (dx * dx + dy * dy).sqrt() - BADGE
        });
        let others = badges
            .iter()
            .map(|b| ((b.0 - p.0).powi(2) + (b.1 - p.1).powi(2)).sqrt() - 2.0 * BADGE);
        let inside = (p.0 - BADGE - 1.0).min(width - BADGE - 1.0 - p.0);
        boxes.chain(others).fold(inside, f64::min)
    };
    let spots: Vec<f64> = (0..17u32)
        .map(|i| 0.5 + if i % 2 == 0 { 1.0 } else { -1.0 } * 0.05 * i.div_ceil(2) as f64)
        .collect();
    let mut badges: Vec<(f64, f64)> = Vec::new();
    let mut relations = Vec::new();
    for (k, (f, t, label)) in g.relations.iter().enumerate() {
        let p = route(k);
        let mut best = (at(p, 0.5), f64::MIN);
        for &s in &spots {
            let q = at(p, s);
            let c = clearance(q, &badges);
            if c >= 1.5 {
                best = (q, c);
                break;
            }
            if c > best.1 {
                best = (q, c);
            }
        }
        // Never past the map's sides, even when no spot is clear.
        best.0.0 = best.0.0.clamp(BADGE + 1.0, width - BADGE - 1.0);
        badges.push(best.0);
        relations.push(MapEdge {
            from: actor_ref(&actors[*f]),
            to: actor_ref(&actors[*t]),
            label: label.clone(),
            kind: "relation",
            shared: g
                .together
                .get(&((*f).min(*t), (*f).max(*t)))
                .copied()
                .unwrap_or(0),
            d: curve(p),
            weight: 1.6,
            number: k + 1,
            badge_x: r1(best.0.0),
            badge_y: r1(best.0.1),
            lines: Vec::new(),
        });
    }
    let offset = g.relations.len();
    let together = pairs
        .iter()
        .enumerate()
        .map(|(i, &((a, b), c))| {
            let p = route(offset + i);
            let mid = at(p, 0.5);
            MapEdge {
                from: actor_ref(&actors[a]),
                to: actor_ref(&actors[b]),
                label: format!("{c} shared event{}", if c == 1 { "" } else { "s" }),
                kind: "together",
                shared: c,
                d: curve(p),
                weight: r1(1.0 + 0.75 * (c.min(4) as f64 - 1.0)),
                number: 0,
                badge_x: r1(mid.0),
                badge_y: r1(mid.1),
                lines: Vec::new(),
            }
        })
        .collect();
    (relations, together)
}
