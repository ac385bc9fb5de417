//! Load stage: YAML parsing with resource budgets, and serde errors turned into diagnostics.

use std::path::{Path, PathBuf};

use serde_saphyr::{Budget, Options, Spanned};

mod error;
mod syntax;
mod text;
mod unknown;

use crate::diag::{DiagBuild, Diagnostic, Diagnostics};

/// An unknown key that is probably a misspelling of `key`, in the mapping whose first key is
/// at `line`:`col` of `file`. Validation leaves out its "missing `key`" error there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typo {
    /// The file.
    pub file: PathBuf,
    /// Line of the mapping's first key.
    pub line: usize,
    /// Column of the mapping's first key.
    pub col: usize,
    /// The key it resembles.
    pub key: String,
}

/// [`parse_typos`], forgetting the typos.
pub(super) fn parse<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &Path,
    diags: &mut Diagnostics,
) -> Option<T> {
    parse_typos(text, file, diags, &mut Vec::new())
}

/// Parses `text` as `T`, with budgets that make hostile input fail fast: few aliases, shallow
/// nesting, bounded events. A failure becomes one located diagnostic; unknown keys that look
/// like a known one are added to `typos`.
pub(super) fn parse_typos<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &Path,
    diags: &mut Diagnostics,
    typos: &mut Vec<Typo>,
) -> Option<T> {
    if is_blank(text) {
        diags.push(
            Diagnostic::error(file, 0, 0, "this file is empty")
                .help("write the YAML it should hold, or delete the file (see `brief new` for a commented skeleton)"),
        );
        return None;
    }
    let mut options = Options::default();
    options.with_snippet = false;
    // Comments are never read back: skip capturing them.
    options.emit_comments = false;
    let mut budget = Budget::default();
    budget.max_aliases = 100;
    budget.max_anchors = 100;
    budget.max_depth = 32;
    budget.flow_nesting_limit = 32;
    budget.max_events = 500_000;
    budget.max_nodes = 200_000;
    budget.max_recorded_anchor_events = 10_000;
    options.budget = Some(budget);
    unknown::parse_all(text, file, &options, diags, typos)
}

/// Parses a list file (`timeline.yaml`, `actors.yaml`, `questions.yaml`). A file holding
/// nothing but comments and blank lines is an empty list. A file whose first value is `[]`
/// (an empty list) with entries after it is one error at the `[]` line; the entries are then
/// parsed without it, so that their own problems are reported in the same run.
pub(super) fn parse_list<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &Path,
    diags: &mut Diagnostics,
    typos: &mut Vec<Typo>,
) -> Option<Spanned<Vec<Spanned<T>>>> {
    if is_blank(text) {
        let nowhere = serde_saphyr::Location::UNKNOWN;
        return Some(Spanned::new(Vec::new(), nowhere, nowhere));
    }
    let Some((line, col)) = empty_list_then_entries(text) else {
        return parse_typos(text, file, diags, typos);
    };
    diags.push(
        Diagnostic::error(file, line, col, "`[]` (an empty list) comes before the entries")
            .span_len(2)
            .label("this line says the list is empty")
            .help("delete this `[]` line and keep the entries below it (a file holding only comments is an empty list)"),
    );
    let without: String = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| if i + 1 == line { "" } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    parse_typos(&without, file, diags, typos)
}

/// `true` when `text` holds only comments and blank lines.
pub(super) fn is_blank(text: &str) -> bool {
    text.lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
}

/// Line and column of a `[]` line that is the file's first value when more values follow it.
fn empty_list_then_entries(text: &str) -> Option<(usize, usize)> {
    let mut values = text
        .split('\n')
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let (i, first) = values.next()?;
    let body = first.trim_start();
    let rest = body.strip_prefix("[]")?.trim_start();
    if !(rest.is_empty() || rest.starts_with('#')) || values.next().is_none() {
        return None;
    }
    Some((i + 1, first.len() - body.len() + 1))
}

/// Line and column (1-based) of a spanned value; `(0, 0)` when unknown.
pub fn loc<T>(s: &Spanned<T>) -> (usize, usize) {
    (s.referenced.line() as usize, s.referenced.column() as usize)
}

/// Line and column of the first character of a string value's text: past the opening quote
/// when the scalar was quoted (its span is then longer than its value).
pub fn text_loc(at: &serde_saphyr::Location, value: &str) -> (usize, usize) {
    let quoted = at.span().len() as usize >= value.chars().count() + 2;
    (
        at.line() as usize,
        at.column() as usize + usize::from(quoted),
    )
}

/// `[a-z0-9-]+`, not starting or ending with `-`.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_only_is_an_empty_list_and_a_leading_empty_list_is_named() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            id: Option<String>,
        }
        let file = Path::new("actors.yaml");
        for blank in ["", "# nothing yet\n\n", "\n  # indented comment\n"] {
            let mut d = Diagnostics::default();
            let v = parse_list::<T>(blank, file, &mut d, &mut Vec::new());
            assert!(v.is_some_and(|v| v.value.is_empty()), "{blank:?}");
            assert_eq!(d.error_count(), 0, "{blank:?}");
        }
        assert_eq!(empty_list_then_entries("[]\n# - id: a\n"), None);
        assert_eq!(empty_list_then_entries("- id: a\n"), None);
        let text = "# Actors\n[]  # empty\n- id: a\n- id: b\n  nmae: x\n";
        assert_eq!(empty_list_then_entries(text), Some((2, 1)));
        let mut d = Diagnostics::default();
        let v = parse_list::<T>(text, file, &mut d, &mut Vec::new());
        let msgs: Vec<String> = d
            .sorted()
            .iter()
            .map(|d| format!("{}:{}:{}", d.line, d.col, d.message))
            .collect();
        assert_eq!(
            msgs,
            [
                "2:1:`[]` (an empty list) comes before the entries",
                "5:3:unknown key `nmae`"
            ]
        );
        assert_eq!(v.map(|v| v.value.len()), Some(2));
    }

    #[test]
    fn slugs() {
        assert!(is_valid_slug("us-ukraine-2025"));
        assert!(!is_valid_slug("US_Ukraine"));
        assert!(!is_valid_slug("-x"));
        assert!(!is_valid_slug(""));
    }
}
