//! Render stage: evidence marks (`<mark class="evidence">`), in article text and inside
//! highlighted code blocks.

use std::collections::HashSet;

/// The opening tag of one piece of the evidence mark `anchor`: the first piece carries the
/// anchor as its `id`, every later one as `data-evidence`.
pub fn open_tag<'x>(anchor: &'x str, opened: &mut HashSet<&'x str>) -> String {
    if opened.insert(anchor) {
        format!("<mark class=\"evidence\" id=\"{anchor}\">")
    } else {
        format!("<mark class=\"evidence\" data-evidence=\"{anchor}\">")
    }
}

/// `html`, the highlighted (escaped, `<span>`-classed) HTML of `code`, with every range of
/// `marks` (`(start, end, anchor)`, byte ranges in `code`) wrapped in marks, piece by piece
/// between tags so that they nest. `None` when `html`'s text is not `code` (then nothing is
/// marked).
pub fn mark_code<'x>(
    html: &str,
    code: &str,
    marks: &[(usize, usize, &'x str)],
    opened: &mut HashSet<&'x str>,
) -> Option<String> {
    if marks.is_empty() {
        return Some(html.to_string());
    }
    let mut out = String::with_capacity(html.len() + 64 * marks.len());
    let (mut i, mut pos) = (0, 0);
    while i < html.len() {
        if html[i..].starts_with('<') {
            let end = i + html[i..].find('>')? + 1;
            out.push_str(&html[i..end]);
            i = end;
            continue;
        }
        // A run of text up to the next tag: where each of its characters of `code` starts.
        let end = html[i..].find('<').map_or(html.len(), |e| i + e);
        let mut at = vec![(i, pos)];
        let mut j = i;
        while j < end {
            let c = code[pos..].chars().next()?;
            j += if html[j..].starts_with('&') {
                html[j..end].find(';')? + 1
            } else if html[j..].starts_with(c) {
                c.len_utf8()
            } else {
                return None;
            };
            pos += c.len_utf8();
            at.push((j, pos));
        }
        let here: Vec<&(usize, usize, &str)> = marks
            .iter()
            .filter(|m| m.0 < pos && m.1 > at[0].1)
            .collect();
        let mut cuts: Vec<(usize, usize)> = at
            .iter()
            .copied()
            .filter(|&(_, p)| p == at[0].1 || p == pos || here.iter().any(|m| m.0 == p || m.1 == p))
            .collect();
        cuts.dedup();
        for w in cuts.windows(2) {
            let ((h0, a), (h1, b)) = (w[0], w[1]);
            let active: Vec<&&(usize, usize, &str)> =
                here.iter().filter(|m| m.0 <= a && m.1 >= b).collect();
            for m in &active {
                out.push_str(&open_tag(m.2, opened));
            }
            out.push_str(&html[h0..h1]);
            for _ in &active {
                out.push_str("</mark>");
            }
        }
        i = end;
    }
    (pos == code.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(html: &str, code: &str, marks: &[(usize, usize, &str)]) -> Option<String> {
        mark_code(html, code, marks, &mut HashSet::new())
    }

    #[test]
    fn a_range_is_marked_piece_by_piece_across_spans_and_entities() {
        let code = "let s = \"<b>\";\n";
        let html =
            "<span class=\"k\">let</span> s = <span class=\"s\">&quot;&lt;b&gt;&quot;</span>;\n";
        // `s = "<b` : from the text between spans into the string span.
        let at = code.find("s =").unwrap();
        let out = marked(html, code, &[(at, at + 7, "ev-a")]).unwrap();
        assert_eq!(
            out,
            "<span class=\"k\">let</span> <mark class=\"evidence\" id=\"ev-a\">s = </mark><span class=\"s\"><mark class=\"evidence\" data-evidence=\"ev-a\">&quot;&lt;b</mark>&gt;&quot;</span>;\n"
        );
    }

    #[test]
    fn overlapping_ranges_nest_and_no_range_changes_nothing() {
        let code = "a b c";
        let out = marked(code, code, &[(0, 3, "x"), (2, 5, "y")]).unwrap();
        assert_eq!(
            out,
            "<mark class=\"evidence\" id=\"x\">a </mark><mark class=\"evidence\" data-evidence=\"x\"><mark class=\"evidence\" id=\"y\">b</mark></mark><mark class=\"evidence\" data-evidence=\"y\"> c</mark>"
        );
        assert_eq!(
            marked("a &amp; b", "a & b", &[]).as_deref(),
            Some("a &amp; b")
        );
    }

    #[test]
    fn html_that_is_not_the_code_is_left_alone() {
        assert_eq!(marked("abc", "abd", &[(0, 1, "x")]), None);
        assert_eq!(marked("ab", "abc", &[(0, 1, "x")]), None);
        assert_eq!(marked("<span", "", &[(0, 1, "x")]), None);
    }
}
