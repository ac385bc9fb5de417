//! Render stage: where each actor sits on the actor map (column and row), deterministically.
//!
//! Sides are columns in order of first appearance (actors without a side last, as `Other`); a
//! side with more actors than fit in one column spans several. In such a side, the actors with
//! the most links to other sides take the sub-column nearest the middle of the map. Rows are
//! then ordered by a few sweeps of the barycentre heuristic (each actor moves towards the mean
//! row of the actors it is linked to), ties broken by the previous row, then file order. No
//! randomness: the same packet always gives the same map.

use crate::render::pictures::map::Graph;
use crate::render::views::ActorView;

/// Columns and rows of every actor.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// Column of each actor.
    pub col: Vec<usize>,
    /// Row of each actor (short columns are centred, so it may be fractional).
    pub row: Vec<f64>,
    /// Number of columns.
    pub ncols: usize,
    /// Number of rows.
    pub rows: usize,
    /// Each side: `(label, first column, number of columns)`.
    pub sides: Vec<(String, usize, usize)>,
}

/// Sides in order of first appearance, `None` last: `(label, members in file order)`.
pub fn sides(actors: &[ActorView]) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
    for (i, a) in actors.iter().enumerate() {
        match out.iter_mut().find(|(s, _)| *s == a.side.as_deref()) {
            Some((_, v)) => v.push(i),
            None => out.push((a.side.as_deref(), vec![i])),
        }
    }
    out.sort_by_key(|(s, _)| s.is_none());
    out.into_iter()
        .map(|(s, v)| (s.unwrap_or("Other").to_string(), v))
        .collect()
}

/// Weighted neighbours of every actor: a relation counts 2, a shared event 0.5.
pub fn neighbours(n: usize, g: &Graph) -> Vec<Vec<(usize, f64)>> {
    let mut nb: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for (f, t, _) in &g.relations {
        if *f < n && *t < n {
            nb[*f].push((*t, 2.0));
            nb[*t].push((*f, 2.0));
        }
    }
    for (&(a, b), &c) in &g.together {
        if a < n && b < n {
            nb[a].push((b, c as f64 * 0.5));
            nb[b].push((a, c as f64 * 0.5));
        }
    }
    nb
}

/// Places every actor.
pub fn place(actors: &[ActorView], g: &Graph) -> Placement {
    let n = actors.len();
    let max_rows = 8.max(n.div_ceil(6));
    let groups = sides(actors);
    let nb = neighbours(n, g);
    let mut side_of = vec![0; n];
    for (s, (_, members)) in groups.iter().enumerate() {
        for &a in members {
            side_of[a] = s;
        }
    }
    let ncols: usize = groups.iter().map(|(_, v)| v.len().div_ceil(max_rows)).sum();
    let middle = ncols as f64 / 2.0;
    // Sub-columns: members of each column, in file order for now.
    let mut columns: Vec<Vec<usize>> = Vec::new();
    let mut spans = Vec::new();
    for (s, (label, members)) in groups.iter().enumerate() {
        let span = members.len().div_ceil(max_rows);
        let first = columns.len();
        spans.push((label.clone(), first, span));
        let per = members.len().div_ceil(span.max(1));
        let external = |a: usize| -> f64 {
            nb[a]
                .iter()
                .filter(|(b, _)| side_of[*b] != s)
                .map(|(_, w)| w)
                .sum()
        };
        let mut by_links = members.clone();
        by_links.sort_by(|&a, &b| external(b).total_cmp(&external(a)).then(a.cmp(&b)));
        let mut near: Vec<usize> = (first..first + span).collect();
        near.sort_by(|&a, &b| {
            let d = |c: usize| (c as f64 + 0.5 - middle).abs();
            d(a).total_cmp(&d(b)).then(a.cmp(&b))
        });
        let mut cols = vec![Vec::new(); span];
        for (k, &a) in by_links.iter().enumerate() {
            cols[near[k / per] - first].push(a);
        }
        for c in &mut cols {
            c.sort_unstable();
        }
        columns.extend(cols);
    }
    let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
    let offset: Vec<f64> = columns
        .iter()
        .map(|c| (rows - c.len()) as f64 / 2.0)
        .collect();
    let mut row = vec![0.0; n];
    let mut col = vec![0usize; n];
    for (c, members) in columns.iter().enumerate() {
        for (r, &a) in members.iter().enumerate() {
            (row[a], col[a]) = (r as f64 + offset[c], c);
        }
    }
    for _ in 0..8 {
        for (c, members) in columns.iter_mut().enumerate() {
            let key = |a: usize| {
                let outside: Vec<(usize, f64)> = nb[a]
                    .iter()
                    .copied()
                    .filter(|(b, _)| col[*b] != c)
                    .collect();
                let w: f64 = outside.iter().map(|(_, w)| w).sum();
                if w > 0.0 {
                    outside.iter().map(|(b, w)| row[*b] * w).sum::<f64>() / w
                } else {
                    row[a]
                }
            };
            let mut keyed: Vec<(f64, f64, usize)> =
                members.iter().map(|&a| (key(a), row[a], a)).collect();
            keyed.sort_by(|x, y| {
                x.0.total_cmp(&y.0)
                    .then(x.1.total_cmp(&y.1))
                    .then(x.2.cmp(&y.2))
            });
            *members = keyed.into_iter().map(|k| k.2).collect();
            for (r, &a) in members.iter().enumerate() {
                row[a] = r as f64 + offset[c];
            }
        }
    }
    Placement {
        col,
        row,
        ncols,
        rows,
        sides: spans,
    }
}
