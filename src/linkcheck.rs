//! Check stage (after render, in memory): every internal `href`/`src` and `#fragment` of the
//! rendered site must resolve to a page or file it would write, under the base URL's path.

use std::collections::{HashMap, HashSet};

use crate::diag::{DiagBuild, Diagnostic};
use crate::render::{Files, pages};
use crate::text::percent_decode_lossy;

/// Checks every link of every HTML page in `files`; `root` is the base URL's path (`/repo/`)
/// and `base_url` the absolute base. Problems are errors located at the page that has them.
pub fn check(files: &Files, root: &str, base_url: &str) -> Vec<Diagnostic> {
    let pages: HashMap<&str, &str> = files
        .iter()
        .filter(|(p, _)| pages::is_page(p))
        .filter_map(|(p, c)| std::str::from_utf8(c.data()?).ok().map(|s| (p.as_str(), s)))
        .collect();
    let ids: HashMap<&str, HashSet<&str>> = pages
        .iter()
        .map(|(p, html)| (*p, attr_values(html, "id").collect()))
        .collect();
    let mut out = Vec::new();
    for (page, html) in &pages {
        let page_url = format!("{root}{}", pages::path_of(page));
        for attr in ["href", "src"] {
            for url in attr_values(html, attr) {
                if let Some(problem) = check_url(url, &page_url, root, base_url, files, &ids) {
                    out.push(
                        Diagnostic::error(format!("(output) {page}"), 0, 0, format!("broken link `{url}`: {problem}"))
                            .help("links come from the templates and from Markdown links; fix the one that points here"),
                    );
                }
            }
        }
    }
    out.sort_by(|a, b| (&a.file, &a.message).cmp(&(&b.file, &b.message)));
    out.dedup();
    out
}

fn check_url(
    url: &str,
    page_url: &str,
    root: &str,
    base_url: &str,
    files: &Files,
    ids: &HashMap<&str, HashSet<&str>>,
) -> Option<String> {
    let url = url.replace("&amp;", "&");
    // Absolute URLs on the site's own origin are checked like root-relative ones.
    let origin = base_url.strip_suffix(root).unwrap_or(base_url);
    let url = match url.strip_prefix(origin) {
        Some(rest) if rest.starts_with('/') => rest.to_string(),
        _ if url.contains("://") || url.starts_with("mailto:") || url.starts_with("//") => {
            return None;
        }
        _ => url,
    };
    let (path, fragment) = match url.split_once('#') {
        Some((p, f)) => (p.to_string(), Some(f.to_string())),
        None => (url.clone(), None),
    };
    let path = path.split('?').next().unwrap_or("").to_string();
    let absolute = if path.is_empty() {
        page_url.to_string()
    } else if path.starts_with('/') {
        path
    } else {
        format!(
            "{}{}",
            page_url.rsplit_once('/').map_or("", |(d, _)| d),
            format_args!("/{path}")
        )
    };
    let Some(inside) = absolute.strip_prefix(root) else {
        return Some(format!("points outside the site's base path `{root}`"));
    };
    let inside = normalize(inside)?;
    let target = percent_decode_lossy(&pages::file_of(&inside));
    if !files.contains_key(&target) {
        return Some(format!("no such page or file `{target}`"));
    }
    if let Some(f) = fragment.filter(|f| !f.is_empty() && !f.starts_with(":~:")) {
        let f = percent_decode_lossy(&f);
        let here = if pages::is_page(&target) {
            ids.get(target.as_str())
        } else {
            None
        };
        if pages::is_page(&target) && !here.is_some_and(|s| s.contains(f.as_str())) {
            return Some(format!("`{target}` has no element with id `{f}`"));
        }
    }
    None
}

/// Resolves `.` and `..` segments; `None` when the path climbs above the site root.
fn normalize(p: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let trailing = p.ends_with('/') || p.is_empty();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut s = parts.join("/");
    if trailing && !s.is_empty() {
        s.push('/');
    }
    Some(s)
}

/// Values of `name="…"` attributes in `html` (double-quoted, as brief's templates write them).
fn attr_values<'a>(html: &'a str, name: &str) -> impl Iterator<Item = &'a str> {
    let needle = format!(" {name}=\"");
    let starts: Vec<usize> = html
        .match_indices(needle.as_str())
        .map(|(i, _)| i + needle.len())
        .collect();
    starts
        .into_iter()
        .filter_map(move |start| html[start..].find('"').map(|end| &html[start..start + end]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Content;

    fn site(pages: &[(&str, &str)]) -> Files {
        pages
            .iter()
            .map(|(p, h)| (p.to_string(), Content::Bytes(h.as_bytes().to_vec())))
            .collect()
    }

    #[test]
    fn good_links_pass_and_bad_ones_are_named() {
        let files = site(&[
            (
                "index.html",
                r##"<a href="/r/p/">p</a> <a href="/r/p/#x">x</a> <a href="https://e.example/">e</a> <a href="https://u.example/r/p/">abs</a> <a href="https://u.example/x/">out</a>"##,
            ),
            (
                "p/index.html",
                r##"<h1 id="x">x</h1><a href="../">up</a><a href="article/">a</a><a href="/elsewhere/">o</a><a href="#nope">n</a>"##,
            ),
        ]);
        let d = check(&files, "/r/", "https://u.example/r/");
        let msgs: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(msgs.len(), 4, "{msgs:?}");
        assert!(
            msgs.iter()
                .any(|m| m.contains("`https://u.example/x/`") && m.contains("outside"))
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("`article/`") && m.contains("no such page"))
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("/elsewhere/") && m.contains("outside"))
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("#nope") && m.contains("no element with id `nope`"))
        );
    }
}
