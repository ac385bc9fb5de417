//! Unit tests of the actor map: columns by side, determinism, badges clear of boxes.

use super::*;

/// `n` actors `a0`, `a1`… without sides.
pub(crate) fn actors(n: usize) -> Vec<ActorView> {
    (0..n)
        .map(|i| ActorView {
            id: format!("a{i}"),
            name: format!("Actor number {i}"),
            kind: "person",
            role: None,
            side: None,
            aliases: Vec::new(),
            summary_html: None,
            relations: Vec::new(),
            incoming: Vec::new(),
            links: Vec::new(),
            events: Vec::new(),
            questions: Vec::new(),
            mentions: Vec::new(),
            url: format!("/p/actors/a{i}/"),
            neighbourhood: None,
            neighbourhood_narrow: None,
            description: String::new(),
            ld_json: String::new(),
        })
        .collect()
}

fn thirty() -> (Vec<ActorView>, Graph) {
    let mut a = actors(30);
    for (i, x) in a.iter_mut().enumerate() {
        x.side = match i % 7 {
            0..=3 => Some("United States".into()),
            4 | 5 => Some("Ukraine".into()),
            _ if i > 25 => None,
            _ => Some("Russia".into()),
        };
    }
    let mut g = Graph::default();
    for i in 0..30 {
        g.relations
            .push((i, (i * 7 + 3) % 30, format!("relation {i}")));
        g.add_event(&[i, (i + 11) % 30, (i * 3) % 30]);
    }
    g.relations.retain(|(f, t, _)| f != t);
    (a, g)
}

#[test]
fn sides_become_columns_in_order_of_first_appearance() {
    let (a, g) = thirty();
    let m = layout(&a, &g).unwrap();
    let labels: Vec<&str> = m.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["United States", "Ukraine", "Russia", "Other"]);
    // Every actor of a side lies inside its side's area.
    for (i, n) in m.nodes.iter().enumerate() {
        let side = a[i].side.as_deref().unwrap_or("Other");
        let c = m.columns.iter().find(|c| c.label == side).unwrap();
        assert!(
            n.x >= c.x0 - 1.0 && n.x + n.w <= c.x1 + 1.0,
            "{} in {side}",
            n.id
        );
    }
}

#[test]
fn thirty_actors_fit_without_overlap_and_badges_stay_clear() {
    let (a, g) = thirty();
    let m = layout(&a, &g).unwrap();
    assert_eq!(m.nodes.len(), 30);
    for (i, p) in m.nodes.iter().enumerate() {
        assert!(p.x >= 0.0 && p.x + p.w <= m.width && p.y + p.h <= m.height);
        assert!(
            text_width(&p.label, FONT, false) <= p.w - 14.0 + 1e-9,
            "{}",
            p.label
        );
        for q in &m.nodes[i + 1..] {
            let apart =
                p.x + p.w <= q.x || q.x + q.w <= p.x || p.y + p.h <= q.y || q.y + q.h <= p.y;
            assert!(apart, "{} overlaps {}", p.id, q.id);
        }
    }
    let numbers: Vec<usize> = m.relations.iter().map(|e| e.number).collect();
    assert_eq!(numbers, (1..=m.relations.len()).collect::<Vec<_>>());
    let clear = m
        .relations
        .iter()
        .filter(|e| {
            m.nodes.iter().all(|n| {
                e.badge_x + BADGE <= n.x
                    || e.badge_x - BADGE >= n.x + n.w
                    || e.badge_y + BADGE <= n.y
                    || e.badge_y - BADGE >= n.y + n.h
            })
        })
        .count();
    assert!(
        clear * 10 >= m.relations.len() * 9,
        "{clear} of {}",
        m.relations.len()
    );
    // Every badge lies whole inside the map (none half cut off at a side).
    for e in &m.relations {
        assert!(
            e.badge_x - BADGE >= 0.0 && e.badge_x + BADGE <= m.width,
            "badge {} at {}",
            e.number,
            e.badge_x
        );
        assert!(e.badge_y - BADGE >= 0.0 && e.badge_y + BADGE <= m.height);
    }
    // Co-appearances never duplicate a relation.
    for e in &m.together {
        assert!(
            !m.relations
                .iter()
                .any(|r| (r.from.id == e.from.id && r.to.id == e.to.id)
                    || (r.from.id == e.to.id && r.to.id == e.from.id))
        );
    }
}

#[test]
fn the_layout_is_deterministic() {
    let (a, g) = thirty();
    let one = format!("{:?}", layout(&a, &g));
    for _ in 0..3 {
        assert_eq!(format!("{:?}", layout(&a, &g)), one);
    }
    assert!(layout(&[], &g).is_none());
}

#[test]
fn curves_start_and_end_at_their_points() {
    let p = [(0.0, 0.0), (10.0, 0.0), (20.0, 10.0), (30.0, 10.0)];
    assert_eq!(at(p, 0.0), (0.0, 0.0));
    assert_eq!(at(p, 1.0), (30.0, 10.0));
    assert_eq!(curve(p), "M0 0 C10 0 20 10 30 10");
}
