//! Validate stage: where a quote differs from the article's closest passage: the two texts
//! one above the other, the differing characters marked, and look-alike or invisible
//! characters named (a dash or a zero-width space looks the same, or like nothing, in a
//! terminal).

use super::anchor::normalize;
use crate::model::article::CELL_BARRIER;

/// A quote and a passage aligned character by character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    /// The quote as shown (gaps where the passage has more).
    pub quote: String,
    /// The passage as shown, with its own characters.
    pub passage: String,
    /// `^` under every character that differs, spaces elsewhere (trailing spaces trimmed).
    pub marks: String,
    /// What differs, in words, for characters that look alike or cannot be seen
    /// (`` `-` (hyphen) in the quote, `–` (en dash) in the article ``), and case.
    pub names: Vec<String>,
}

/// Texts longer than this (in characters) are not aligned (the work grows with the square).
const MAX_CHARS: usize = 400;
/// Most differences named.
const MAX_NAMES: usize = 4;

/// Aligns `quote` with `passage` as the matcher compares them (after `normalize`); `None` when
/// they are equal that way, or too long to align.
pub fn difference(quote: &str, passage: &str) -> Option<Marked> {
    let q = shown(quote.trim());
    let p = shown(passage.trim());
    if q.len() > MAX_CHARS || p.len() > MAX_CHARS || q.iter().map(|c| c.0).eq(p.iter().map(|c| c.0))
    {
        return None;
    }
    let mut m = Marked {
        quote: String::new(),
        passage: String::new(),
        marks: String::new(),
        names: Vec::new(),
    };
    // Aligned from the end, so that a gap falls after the changed text rather than before it.
    let (rq, rp): (Vec<_>, Vec<_>) = (
        q.iter().rev().copied().collect(),
        p.iter().rev().copied().collect(),
    );
    let (cost, steps) = align(&rq, &rp);
    let steps: Vec<(Option<usize>, Option<usize>)> = if cost > 3 && cost * 3 > q.len().max(p.len())
    {
        // Too different to align letter by letter: the common start and end, and between them
        // the one text, then the other.
        let head = q.iter().zip(&p).take_while(|(a, b)| a.0 == b.0).count();
        let tail = q[head..]
            .iter()
            .rev()
            .zip(p[head..].iter().rev())
            .take_while(|(a, b)| a.0 == b.0)
            .count();
        let (qm, pm) = (q.len() - tail, p.len() - tail);
        let mut v: Vec<_> = (0..head).map(|i| (Some(i), Some(i))).collect();
        let width = (qm - head).max(pm - head);
        v.extend((0..width).map(|k| {
            let (i, j) = (head + k, head + k);
            ((i < qm).then_some(i), (j < pm).then_some(j))
        }));
        v.extend((0..tail).map(|k| (Some(qm + k), Some(pm + k))));
        v
    } else {
        steps
            .into_iter()
            .rev()
            .map(|(i, j)| (i.map(|i| q.len() - 1 - i), j.map(|j| p.len() - 1 - j)))
            .collect()
    };
    for step in steps {
        let (a, b) = match step {
            (Some(i), Some(j)) => (Some(q[i]), Some(p[j])),
            (Some(i), None) => (Some(q[i]), None),
            (None, Some(j)) => (None, Some(p[j])),
            (None, None) => continue,
        };
        let same = matches!((a, b), (Some(x), Some(y)) if x.0 == y.0);
        m.quote.push(a.map_or(' ', |c| c.1));
        m.passage.push(b.map_or(' ', |c| c.1));
        m.marks.push(if same { ' ' } else { '^' });
        let name = (!same)
            .then(|| name_pair(a.map(|c| c.2), b.map(|c| c.2)))
            .flatten();
        if let Some(name) = name
            && !m.names.contains(&name)
            && m.names.len() < MAX_NAMES
        {
            m.names.push(name);
        }
    }
    m.marks = whole_words(&m);
    Some(m)
}

/// The marks with the gaps between two marks of one word filled (`^^^^` under a changed word,
/// not a scatter of single letters), trailing spaces trimmed.
fn whole_words(m: &Marked) -> String {
    let (q, p): (Vec<char>, Vec<char>) = (m.quote.chars().collect(), m.passage.chars().collect());
    let mut marks: Vec<char> = m.marks.chars().collect();
    let mut last: Option<usize> = None;
    for i in 0..marks.len() {
        if q[i] == ' ' && p[i] == ' ' {
            last = None;
        } else if marks[i] == '^' {
            if let Some(l) = last {
                marks[l..i].iter_mut().for_each(|c| *c = '^');
            }
            last = Some(i);
        }
    }
    let s: String = marks.into_iter().collect();
    s.trim_end().to_string()
}

/// Each character as compared: (normalised char, char shown, original char).
fn shown(s: &str) -> Vec<(char, char, char)> {
    let n = normalize(s);
    n.text
        .char_indices()
        .map(|(i, c)| {
            let orig = s[n.map[i]..].chars().next().unwrap_or(c);
            let show = match orig {
                '\u{2026}' => '.',
                CELL_BARRIER => '|',
                o if o.is_whitespace() => ' ',
                o if invisible(o).is_some() || o.is_control() => '·',
                o => o,
            };
            (c, show, orig)
        })
        .collect()
}

/// The cheapest alignment (Levenshtein): its cost, and pairs of indices, `None` for a gap.
#[allow(clippy::type_complexity)]
fn align<T: Copy>(
    a: &[(char, T, T)],
    b: &[(char, T, T)],
) -> (usize, Vec<(Option<usize>, Option<usize>)>) {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    let mut d = vec![0usize; (n + 1) * w];
    for i in 0..=n {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(m + 1) {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let sub = d[(i - 1) * w + j - 1] + usize::from(a[i - 1].0 != b[j - 1].0);
            d[i * w + j] = sub.min(d[(i - 1) * w + j] + 1).min(d[i * w + j - 1] + 1);
        }
    }
    let (mut i, mut j) = (n, m);
    let mut out = Vec::with_capacity(n.max(m));
    while i > 0 || j > 0 {
        let here = d[i * w + j];
        if i > 0 && j > 0 && here == d[(i - 1) * w + j - 1] + usize::from(a[i - 1].0 != b[j - 1].0)
        {
            out.push((Some(i - 1), Some(j - 1)));
            i -= 1;
            j -= 1;
        } else if i > 0 && here == d[(i - 1) * w + j] + 1 {
            out.push((Some(i - 1), None));
            i -= 1;
        } else {
            out.push((None, Some(j - 1)));
            j -= 1;
        }
    }
    out.reverse();
    (d[n * w + m], out)
}

/// Words for one differing pair, when it is worth naming.
fn name_pair(q: Option<char>, p: Option<char>) -> Option<String> {
    match (q, p) {
        (Some(a), Some(b)) if a.to_lowercase().eq(b.to_lowercase()) => Some(format!(
            "different case: `{a}` in the quote, `{b}` in the article"
        )),
        (Some(a), Some(b)) if lookalike(a, b) || lookalike(b, a) => Some(format!(
            "`{a}`{} in the quote, `{b}`{} in the article",
            foreign(a),
            foreign(b)
        )),
        (Some(a), Some(b)) if name(a).is_some() || name(b).is_some() => Some(format!(
            "{} in the quote, {} in the article",
            described(a),
            described(b)
        )),
        (Some(a), None) if name(a).is_some() => Some(format!(
            "{} in the quote, nothing in the article",
            described(a)
        )),
        (None, Some(b)) if name(b).is_some() => Some(format!(
            "nothing in the quote, {} in the article",
            described(b)
        )),
        _ => None,
    }
}

/// `` `–` (en dash) ``, or an invisible character by name and code.
fn described(c: char) -> String {
    match (invisible(c), name(c)) {
        (Some(n), _) => format!("{n} (U+{:04X})", c as u32),
        (None, Some(n)) => format!("`{c}` ({n})"),
        (None, None) => format!("`{c}`"),
    }
}

/// Characters that show as nothing.
fn invisible(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200B}' => "a zero-width space",
        '\u{200C}' => "a zero-width non-joiner",
        '\u{200D}' => "a zero-width joiner",
        '\u{2060}' => "a word joiner",
        '\u{FEFF}' => "a zero-width no-break space",
        '\u{AD}' => "a soft hyphen",
        _ => return None,
    })
}

/// Names of characters easily taken for others; any other non-ASCII character by its code.
fn name(c: char) -> Option<String> {
    let n = match c {
        '-' => "hyphen",
        '\u{2010}' => "hyphen",
        '\u{2011}' => "non-breaking hyphen",
        '\u{2012}' => "figure dash",
        '\u{2013}' => "en dash",
        '\u{2014}' => "em dash",
        '\u{2015}' => "horizontal bar",
        '\u{2212}' => "minus sign",
        '\'' => "straight apostrophe",
        '\u{2019}' => "curly apostrophe",
        '\u{2018}' => "curly opening quote",
        '"' => "straight double quote",
        '\u{201C}' | '\u{201D}' => "curly double quote",
        '\u{2032}' => "prime",
        '\u{02BC}' => "modifier letter apostrophe",
        '\u{B4}' => "acute accent",
        '`' => "backtick",
        '\u{A0}' => "non-breaking space",
        '\u{202F}' => "narrow non-breaking space",
        '\u{2026}' => "ellipsis",
        c if invisible(c).is_some() => return invisible(c).map(str::to_string),
        c if !c.is_ascii() && !c.is_alphanumeric() => return Some(format!("U+{:04X}", c as u32)),
        _ => return None,
    };
    Some(n.to_string())
}

/// `a` is a letter of another script where the other text has an ASCII one (Cyrillic `а`
/// for Latin `a`).
fn lookalike(a: char, b: char) -> bool {
    a.is_alphabetic() && !a.is_ascii() && !is_latin(a) && b.is_ascii_alphabetic()
}

/// ` (U+0430, not a Latin letter)` for a letter of another script, else nothing.
fn foreign(c: char) -> String {
    if c.is_alphabetic() && !c.is_ascii() && !is_latin(c) {
        format!(" (U+{:04X}, not a Latin letter)", c as u32)
    } else {
        String::new()
    }
}

/// Letters of the Latin script (accented ones included): not worth naming.
fn is_latin(c: char) -> bool {
    matches!(c as u32, 0xC0..=0x24F | 0x1E00..=0x1EFF)
}

#[cfg(test)]
#[path = "difference_tests.rs"]
mod tests;
