//! Render stage: one actor's neighbourhood ([`Neighbourhood`]) for its page.
//!
//! The actor's box stands on the left; every actor it is related to (either way) or named in an
//! event with gets a row on the right, related ones first (in relation order), then by number of
//! shared events, then file order. Each edge fans out from the actor and runs level along its
//! row, so the row's label lines sit above a straight stretch of their own edge and never cross
//! another edge. The narrow form ([`layout_narrow`], phones and paper) stacks the same rows
//! under the actor, joined by a trunk down the left.

use crate::render::pictures::fit::{r1, shrink_to_fit, text_width};
use crate::render::pictures::map::{Graph, actor_ref, curve, node};
use crate::render::views::{ActorView, MapEdge, Neighbourhood};

const WIDTH: f64 = 720.0;
const FONT: f64 = 12.0;
const LINE: f64 = 15.0;
const CENTER_W: f64 = 150.0;
const NODE_W: f64 = 170.0;
const FAN: f64 = 90.0;
const MARGIN: f64 = 8.0;

/// A neighbour's row: `(actor, label lines, declared relation?)`.
type Row = (usize, Vec<String>, bool);

/// The rows of actor `me`'s neighbourhood, related ones first, each label line cut to `room`.
fn rows(g: &Graph, me: usize, label_room: f64) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let line = |arrow: &str, text: &str| {
        shrink_to_fit(
            format!("{arrow} {text}"),
            label_room,
            |s| text_width(s, FONT, false),
            3,
            6,
        )
    };
    for (f, t, label) in &g.relations {
        let (other, arrow) = match (*f == me, *t == me) {
            (true, false) => (*t, "→"),
            (false, true) => (*f, "←"),
            _ => continue,
        };
        match rows.iter_mut().find(|r| r.0 == other) {
            Some(r) => r.1.push(line(arrow, label)),
            None => rows.push((other, vec![line(arrow, label)], true)),
        }
    }
    let shared = |o: usize| shared(g, me, o);
    let mut co: Vec<usize> = g
        .together
        .keys()
        .filter_map(|&(a, b)| match (a == me, b == me) {
            (true, _) => Some(b),
            (_, true) => Some(a),
            _ => None,
        })
        .filter(|o| !rows.iter().any(|r| r.0 == *o))
        .collect();
    co.sort_by(|a, b| shared(*b).cmp(&shared(*a)).then(a.cmp(b)));
    for o in co {
        let c = shared(o);
        rows.push((
            o,
            vec![format!("{c} shared event{}", if c == 1 { "" } else { "s" })],
            false,
        ));
    }
    rows
}

/// Events shared by `me` and `o`.
fn shared(g: &Graph, me: usize, o: usize) -> usize {
    g.together
        .get(&(me.min(o), me.max(o)))
        .copied()
        .unwrap_or(0)
}

/// The neighbourhood of actor `me`, or `None` when it has no relation and no co-appearance.
pub fn layout(actors: &[ActorView], g: &Graph, me: usize) -> Option<Neighbourhood> {
    let label_room = WIDTH - MARGIN - NODE_W - 10.0 - (MARGIN + CENTER_W + FAN + 8.0);
    let rows = rows(g, me, label_room);
    if rows.is_empty() {
        return None;
    }
    let shared = |o: usize| shared(g, me, o);
    let node_h = 30.0;
    let mut cursor = MARGIN;
    let mut ys = Vec::new();
    for (_, lines, _) in &rows {
        let y = cursor + LINE * (lines.len() as f64 - 1.0) + FONT + 10.0;
        let y = y.max(cursor + node_h / 2.0);
        ys.push(y);
        cursor = y + node_h / 2.0 + 10.0;
    }
    let height = cursor.max(node_h + 2.0 * MARGIN);
    let cy = (ys.first().copied().unwrap_or(0.0) + ys.last().copied().unwrap_or(0.0)) / 2.0;
    let center = node(&actors[me], MARGIN, cy - node_h / 2.0, CENTER_W, true);
    let sx = MARGIN + CENTER_W;
    let fan_end = sx + FAN;
    let nx = WIDTH - MARGIN - NODE_W;
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for ((o, lines, related), &y) in rows.iter().zip(&ys) {
        nodes.push(node(&actors[*o], nx, y - node_h / 2.0, NODE_W, false));
        let d = format!(
            "{} L{} {}",
            curve([
                (sx, cy),
                (sx + FAN * 0.6, cy),
                (fan_end - FAN * 0.6, y),
                (fan_end, y)
            ]),
            r1(nx),
            r1(y)
        );
        edges.push(MapEdge {
            from: actor_ref(&actors[me]),
            to: actor_ref(&actors[*o]),
            label: lines.join("; "),
            kind: if *related { "relation" } else { "together" },
            shared: shared(*o),
            d,
            weight: if *related {
                1.6
            } else {
                r1(1.0 + 0.5 * (shared(*o).min(4) as f64 - 1.0))
            },
            number: 0,
            badge_x: r1(nx - 10.0),
            badge_y: r1(y - 6.0 - LINE * (lines.len() as f64 - 1.0)),
            lines: lines.clone(),
        });
    }
    Some(Neighbourhood {
        width: WIDTH,
        height: r1(height),
        font: FONT,
        center,
        nodes,
        edges,
        line_height: LINE,
        label_anchor: "end",
    })
}

/// Width of the narrow neighbourhood (phones and paper).
const NARROW: f64 = 340.0;
/// Where the narrow form's trunk runs down, and where its rows start.
const TRUNK: f64 = 18.0;
const INDENT: f64 = 36.0;

/// The neighbourhood for narrow screens: the actor on top, a trunk running down its left
/// side, and one row per neighbour below it, each row's label lines above the neighbour's box
/// and its branch. `None` as for [`layout`].
pub fn layout_narrow(actors: &[ActorView], g: &Graph, me: usize) -> Option<Neighbourhood> {
    // Generous: a phone's sans-serif may be wider than the estimate (DejaVu Sans is).
    let rows = rows(g, me, (NARROW - INDENT - MARGIN) / 1.12);
    if rows.is_empty() {
        return None;
    }
    let node_h = 30.0;
    let node_w = (NARROW - INDENT - MARGIN).min(220.0);
    let center = node(&actors[me], MARGIN, MARGIN, node_w, true);
    let top = center.y + center.h;
    let mut cursor = top + 8.0;
    let (mut nodes, mut edges) = (Vec::new(), Vec::new());
    for (o, lines, related) in &rows {
        let first = cursor + FONT;
        let y = first + LINE * (lines.len() as f64 - 1.0) + 6.0 + node_h / 2.0;
        nodes.push(node(&actors[*o], INDENT, y - node_h / 2.0, node_w, false));
        let c = shared(g, me, *o);
        edges.push(MapEdge {
            from: actor_ref(&actors[me]),
            to: actor_ref(&actors[*o]),
            label: lines.join("; "),
            kind: if *related { "relation" } else { "together" },
            shared: c,
            d: format!(
                "M{TRUNK} {} L{TRUNK} {} Q{TRUNK} {} {} {} L{INDENT} {}",
                r1(top),
                r1(y - 8.0),
                r1(y),
                TRUNK + 8.0,
                r1(y),
                r1(y)
            ),
            weight: if *related {
                1.6
            } else {
                r1(1.0 + 0.5 * (c.min(4) as f64 - 1.0))
            },
            number: 0,
            badge_x: INDENT,
            badge_y: r1(first),
            lines: lines.clone(),
        });
        cursor = y + node_h / 2.0 + 10.0;
    }
    Some(Neighbourhood {
        width: NARROW,
        height: r1(cursor),
        font: FONT,
        center,
        nodes,
        edges,
        line_height: LINE,
        label_anchor: "start",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pictures::map::tests::actors;

    #[test]
    fn rows_put_relations_first_and_labels_stay_clear() {
        let a = actors(5);
        let mut g = Graph::default();
        g.relations.push((0, 2, "met".into()));
        g.relations
            .push((3, 0, "criticised him at length in a long interview".into()));
        g.relations.push((0, 3, "replied".into()));
        g.relations.push((1, 4, "unrelated".into()));
        g.add_event(&[0, 1, 2]);
        g.add_event(&[0, 1]);
        let n = layout(&a, &g, 0).unwrap();
        let ids: Vec<&str> = n.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["a2", "a3", "a1"]);
        assert_eq!(n.edges[1].lines.len(), 2);
        assert!(n.edges[1].lines[0].starts_with('←'));
        assert_eq!(n.edges[2].lines, ["2 shared events"]);
        assert_eq!(n.edges[2].kind, "together");
        // Each row's label block lies between the previous row's box and its own edge.
        for k in 1..n.nodes.len() {
            let top = n.edges[k].badge_y - FONT;
            assert!(top >= n.nodes[k - 1].y + n.nodes[k - 1].h, "row {k}");
        }
        assert!(n.center.focus && n.center.y >= 0.0);
        assert!(n.height >= n.nodes.last().unwrap().y + n.nodes.last().unwrap().h);
        assert!(layout(&a, &g, 4).is_some());
        let lonely = Graph::default();
        assert!(layout(&a, &lonely, 0).is_none());
        assert!(layout_narrow(&a, &lonely, 0).is_none());
    }

    #[test]
    fn the_narrow_form_stacks_the_same_rows_within_its_width() {
        let a = actors(5);
        let mut g = Graph::default();
        g.relations.push((0, 2, "met".into()));
        g.relations.push((
            3,
            0,
            "criticised him at length in a long interview on the radio that morning".into(),
        ));
        g.add_event(&[0, 1, 2]);
        let wide = layout(&a, &g, 0).unwrap();
        let n = layout_narrow(&a, &g, 0).unwrap();
        let ids = |n: &Neighbourhood| n.nodes.iter().map(|n| n.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&n), ids(&wide));
        assert_eq!(n.label_anchor, "start");
        let mut bottom = n.center.y + n.center.h;
        for (node, e) in n.nodes.iter().zip(&n.edges) {
            assert!(e.badge_y - FONT >= bottom, "labels below the row above");
            for l in &e.lines {
                assert!(e.badge_x + text_width(l, FONT, false) <= n.width, "{l}");
            }
            assert!(node.x + node.w <= n.width && node.y > e.badge_y);
            bottom = node.y + node.h;
        }
        assert!(n.height >= bottom);
    }
}
