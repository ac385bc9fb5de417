//! Load stage: every unknown key of a YAML file in one run, an adapter around a parser limit.
//!
//! serde stops at the first unknown key (`deny_unknown_fields`) and serde-saphyr has no option
//! to go on, so a file with three misspelt keys would take three runs to fix. This adapter
//! comments the unknown key (and its indented value) out and parses again, at most
//! [`MAX_ROUNDS`] times; it decides on serde-saphyr's error variants, never on message text.

use std::path::Path;

use serde_saphyr::Options;

use super::Typo;
use super::error as yaml_error;
use crate::diag::{Diagnostics, closest};

/// Parses of one file at most: the first, then one per unknown key commented out.
const MAX_ROUNDS: usize = 16;

/// Parses `text` as `T` with `options`; each error becomes one diagnostic, each unknown key
/// that looks like a known one a [`Typo`]. With unknown keys commented out the rest of the file
/// is still checked, and the value returned (the unknown keys' errors already fail the run).
pub(super) fn parse_all<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &Path,
    options: &Options,
    diags: &mut Diagnostics,
    typos: &mut Vec<Typo>,
) -> Option<T> {
    let mut source = std::borrow::Cow::Borrowed(text);
    for round in 0..MAX_ROUNDS {
        match serde_saphyr::from_str_with_options::<T>(&source, options.clone()) {
            // With keys commented out, the rest is still checked; the unknown key's error
            // already fails the run.
            Ok(v) => return Some(v),
            Err(e) => {
                let e = e.without_snippet();
                // An alias to an anchor inside a commented-out value is our doing, not the
                // writer's: stop there.
                if round > 0 && matches!(e, serde_saphyr::Error::UnknownAnchor { .. }) {
                    return None;
                }
                let unknown = matches!(e, serde_saphyr::Error::SerdeUnknownField { .. });
                let (line, col) = e
                    .location()
                    .map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
                if let serde_saphyr::Error::SerdeUnknownField {
                    field, expected, ..
                } = e
                    && let Some(key) = closest(field, expected.iter().copied())
                    && line > 0
                {
                    let (line, col) = mapping_start(&source, line, col);
                    typos.push(Typo {
                        file: file.to_path_buf(),
                        line,
                        col,
                        key: key.to_string(),
                    });
                }
                diags.push(yaml_error::to_diagnostic(e, &source, file));
                match (unknown, line) {
                    (true, l) if l > 0 => source = std::borrow::Cow::Owned(comment_out(&source, l)),
                    _ => return None,
                }
            }
        }
    }
    None
}

/// Line and column of the first key of the block mapping that holds the key at `line`:`col`
/// (its `- ` entry's first key, or the top of the file).
fn mapping_start(text: &str, line: usize, col: usize) -> (usize, usize) {
    if col <= 1 {
        return (1, 1);
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let mut top = line;
    for l in (1..=line).rev() {
        let t = lines.get(l - 1).copied().unwrap_or("");
        let body = t.trim_start();
        let indent = t.len() - body.len();
        if body.is_empty() || body.starts_with('#') || indent + 1 > col {
            continue;
        }
        if indent + 1 == col {
            top = l;
            continue;
        }
        // A `- key:` line whose key sits at `col` starts the entry.
        let after_dash = body.strip_prefix('-').map(str::trim_start);
        if let Some(rest) = after_dash
            && t.len() - rest.len() + 1 == col
        {
            top = l;
        }
        break;
    }
    (top, col)
}

/// `true` while `l` still belongs to the value of the key on `first` (indented `base`): blank,
/// deeper, or a `- ` item at the same depth under a plain key.
fn continues(l: &str, first: &str, base: usize) -> bool {
    let depth = l.len() - l.trim_start().len();
    let same_depth_item =
        depth == base && l.trim_start().starts_with("- ") && !first.trim_start().starts_with("- ");
    l.trim().is_empty() || depth > base || same_depth_item
}

/// Comments out line `line` (1-based) and the lines below it indented deeper (its value).
fn comment_out(text: &str, line: usize) -> String {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let lines: Vec<&str> = text.split('\n').collect();
    let Some(first) = lines.get(line - 1) else {
        return text.to_string();
    };
    let base = indent(first);
    let mut out = Vec::with_capacity(lines.len());
    let mut inside = false;
    for (i, l) in lines.iter().enumerate() {
        if i + 1 == line {
            inside = true;
            out.push(format!("{}#{}", &l[..base], &l[base..]));
        } else if inside && continues(l, first, base) {
            out.push(format!("#{l}"));
        } else {
            inside = false;
            out.push((*l).to_string());
        }
    }
    out.join("\n")
}

#[cfg(test)]
#[path = "unknown_tests.rs"]
mod tests;
