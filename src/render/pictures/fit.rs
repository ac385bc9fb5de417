//! Render stage helper: text metrics and packing for the pictures (no fonts at build time).
//!
//! Label widths are estimated from character classes on the generous side, so a label drawn
//! in the theme's sans-serif rarely runs past the room it was given. [`pack`] stacks marks into
//! lanes without overlaps; [`allocate`] shares a width out by weight; [`shrink_to_fit`] shortens
//! a label to its room.

/// Estimated width of `s` in a sans-serif font of size `font`.
pub fn text_width(s: &str, font: f64, bold: bool) -> f64 {
    let em: f64 = s
        .chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | 't' | 'f' | 'r' | '.' | ',' | '\'' | ' ' | '|' | '!' => 0.34,
            'm' | 'w' | 'M' | 'W' | '—' | '…' => 0.9,
            c if c.is_uppercase() => 0.7,
            // CJK, Hangul, kana and other wide scripts: about a full em.
            c if c >= '\u{2e80}' => 1.0,
            _ => 0.58,
        })
        .sum();
    em * font * if bold { 1.08 } else { 1.0 }
}

/// `s` cut to at most `max` characters on a word boundary, with `…`.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let word = match cut.rsplit_once(' ') {
        Some((l, _)) if !l.trim().is_empty() => l.to_string(),
        _ => cut.chars().take(max.saturating_sub(1)).collect(),
    };
    format!("{}…", word.trim_end_matches([',', ';', ':', ' ', '–', '-']))
}

/// `s` shortened on words ([`shorten`]) by `step` characters at a time while `width` of it is
/// more than `room` and it has more than `min` characters (so a label may stay too wide).
pub fn shrink_to_fit(
    s: String,
    room: f64,
    width: impl Fn(&str) -> f64,
    step: usize,
    min: usize,
) -> String {
    let mut s = s;
    while width(&s) > room && s.chars().count() > min {
        s = shorten(&s, s.chars().count() - step);
    }
    s
}

/// Splits `avail` among segments by `weights`, giving each at least `min` when possible.
pub fn allocate(weights: &[f64], avail: f64, min: f64) -> Vec<f64> {
    let n = weights.len();
    if n == 0 {
        return Vec::new();
    }
    if avail <= min * n as f64 {
        return vec![avail / n as f64; n];
    }
    let mut fixed = vec![false; n];
    loop {
        let rest = avail - min * fixed.iter().filter(|f| **f).count() as f64;
        let total: f64 = (0..n).filter(|&i| !fixed[i]).map(|i| weights[i]).sum();
        let w: Vec<f64> = (0..n)
            .map(|i| {
                if fixed[i] {
                    min
                } else {
                    rest * weights[i] / total.max(1e-9)
                }
            })
            .collect();
        match (0..n).find(|&i| !fixed[i] && w[i] < min) {
            Some(i) => fixed[i] = true,
            None => return w,
        }
    }
}

/// Packs marks into lanes. Each mark offers one or more horizontal extents `[a, b]` (its label
/// on the right, on the left…); marks are placed in the order of `keys` (ties in input order),
/// each in the lowest lane where one of its extents keeps `gap` from everything already there
/// (the first such extent wins a tie). Returns `(lane, chosen extent)` per mark.
pub fn pack(options: &[Vec<(f64, f64)>], keys: &[f64], gap: f64) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..options.len()).collect();
    order.sort_by(|&i, &j| keys[i].total_cmp(&keys[j]).then(i.cmp(&j)));
    let mut taken: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut out = vec![(0, 0); options.len()];
    for i in order {
        let free = |lane: &Vec<(f64, f64)>, (a, b): (f64, f64)| {
            lane.iter().all(|&(c, d)| b + gap <= c || d + gap <= a)
        };
        let lane_of = |e: (f64, f64)| taken.iter().position(|l| free(l, e)).unwrap_or(taken.len());
        let (choice, lane) = options[i]
            .iter()
            .enumerate()
            .map(|(k, &e)| (k, lane_of(e)))
            .min_by_key(|&(k, lane)| (lane, k))
            .unwrap_or((0, taken.len()));
        if lane == taken.len() {
            taken.push(Vec::new());
        }
        if let Some(&e) = options[i].get(choice) {
            taken[lane].push(e);
        }
        out[i] = (lane, choice);
    }
    out
}

/// Rounds to 0.1 (coordinates in the views).
pub fn r1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
#[path = "fit_tests.rs"]
mod tests;
