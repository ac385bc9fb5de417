//! All stages: content diagnostics (file, line, column, message, hint), collected and rendered.
//!
//! A [`Diagnostic`] points at a span in a file the user wrote. Every stage pushes into one
//! [`Diagnostics`] list instead of stopping at the first problem; the command prints them all,
//! sorted by file and position, in the rustc-like form of the packet-format contract.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// How bad a problem is: errors fail the build, warnings do not (unless `--deny-warnings`),
/// notes only tell what was not checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Fails the run.
    Error,
    /// Reported, but the site is still written.
    Warning,
    /// Information beside an error (never counted, never fails a run).
    Note,
}

/// What a diagnostic is about, for the code that drops follow-on diagnostics: it matches on
/// this, never on the message, which is for people only. Most diagnostics are [`Kind::Other`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Kind {
    /// Anything not listed below.
    #[default]
    Other,
    /// A required key is missing from a mapping; dropped when the mapping has a misspelling
    /// of that key (the unknown-key error already gives the fix).
    MissingKey(String),
    /// A key the mapping does not know (`key`); `meant` is the known key it resembles, whose
    /// "missing" error is then dropped (see `load::Typo`).
    UnknownKey {
        /// The key as written.
        key: String,
        /// The known key it resembles, if any.
        meant: Option<String>,
    },
    /// YAML the parser cannot read (bad indentation, quotes, brackets, tabs…).
    Syntax,
}

/// One located content problem.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// File relative to the project root (`content/us-ukraine/timeline.yaml`).
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub col: usize,
    /// Width of the offending text in characters (at least 1 when located).
    pub len: usize,
    /// The headline (`unknown actor `hegset``).
    pub message: String,
    /// Text shown under the caret (`did you mean `hegseth`?`), may be empty.
    pub label: String,
    /// A closing `help:` line, may be empty.
    pub help: String,
    /// What it is about, for code (see [`Kind`]).
    pub kind: Kind,
}

impl Diagnostic {
    /// An error at `file:line:col` spanning `len` characters.
    pub fn error(
        file: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Error,
            file: file.into(),
            line,
            col,
            len: 1,
            message: message.into(),
            label: String::new(),
            help: String::new(),
            kind: Kind::Other,
        }
    }

    /// A note at `file:line:col`: what was not checked because of an error elsewhere.
    pub fn note(
        file: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Note,
            ..Self::error(file, line, col, message)
        }
    }

    /// A warning at `file:line:col`.
    pub fn warning(
        file: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, line, col, message)
        }
    }
}

/// Builder methods shared by an owned [`Diagnostic`] and one already pushed (`&mut`).
pub trait DiagBuild: Sized {
    /// The diagnostic being edited.
    fn edit(&mut self) -> &mut Diagnostic;

    /// Sets the width of the underlined span.
    fn span_len(mut self, len: usize) -> Self {
        self.edit().len = len.max(1);
        self
    }

    /// Sets the text under the caret.
    fn label(mut self, label: impl Into<String>) -> Self {
        self.edit().label = label.into();
        self
    }

    /// Sets the `help:` line.
    fn help(mut self, help: impl Into<String>) -> Self {
        self.edit().help = help.into();
        self
    }

    /// Sets what it is about (see [`Kind`]).
    fn kind(mut self, kind: Kind) -> Self {
        self.edit().kind = kind;
        self
    }
}

impl DiagBuild for Diagnostic {
    fn edit(&mut self) -> &mut Diagnostic {
        self
    }
}

impl DiagBuild for &mut Diagnostic {
    fn edit(&mut self) -> &mut Diagnostic {
        self
    }
}

/// Every diagnostic of a run, plus the text of the files they point into.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds one problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds many problems.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    /// The problems, unsorted.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    /// The problems, unsorted, by reference.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// `true` when at least one error was reported.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// The problems, sorted by file, line, column, then severity and message.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        self.sorted_where(|_| true)
    }

    /// [`Diagnostics::sorted`] of only the problems `keep` selects.
    fn sorted_where(&self, keep: impl Fn(&Diagnostic) -> bool) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().filter(|d| keep(d)).collect();
        v.sort_by(|a, b| {
            (&a.file, a.line, a.col, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.col, b.severity, &b.message))
        });
        v.dedup();
        v
    }

    /// Renders every problem and a summary line, as the terminal shows them. `root` is where
    /// the files are read from to show their lines; `color` adds ANSI styles.
    pub fn render(&self, root: &Path, color: bool) -> String {
        self.render_with(color, |file| source_text(&root.join(file)))
    }

    /// [`Diagnostics::render`] of only the problems `show` selects (the files of the others
    /// are not even read); the summary line still counts them all. `serve` uses it to print
    /// only the warnings it has not printed before.
    pub fn render_only(
        &self,
        root: &Path,
        color: bool,
        show: impl Fn(&Diagnostic) -> bool,
    ) -> String {
        self.render_selected(color, show, |file| source_text(&root.join(file)))
    }

    /// [`Diagnostics::render`] with the files' texts from `read` (by project-relative path).
    pub fn render_with(&self, color: bool, read: impl FnMut(&Path) -> Option<String>) -> String {
        self.render_selected(color, |_| true, read)
    }

    fn render_selected(
        &self,
        color: bool,
        show: impl Fn(&Diagnostic) -> bool,
        mut read: impl FnMut(&Path) -> Option<String>,
    ) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut sources: HashMap<&Path, Option<String>> = HashMap::new();
        let mut out = String::new();
        for d in self.sorted_where(show) {
            let text = sources
                .entry(d.file.as_path())
                .or_insert_with(|| read(&d.file));
            out.push_str(&render_one(&renderer, d, text.as_deref()));
            out.push_str("\n\n");
        }
        let (e, w) = (self.error_count(), self.warning_count());
        if e + w > 0 {
            let _ = write!(out, "{}", summary(e, w));
            out.push('\n');
        }
        out
    }
}

/// The text of a file a diagnostic points into, to show its lines: regular files only (a
/// FIFO would block), and only as much as `brief` reads of any file.
fn source_text(path: &Path) -> Option<String> {
    use std::io::Read as _;
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(crate::load::MAX_FILE_BYTES)
        .read_to_end(&mut bytes)
        .ok()?;
    let text = String::from_utf8_lossy(&bytes);
    Some(crate::load::lone_cr_to_lf(&text).into_owned())
}

/// `2 errors, 1 warning` style summary.
pub fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, w) => format!("{} emitted", plural(w, "warning")),
        (e, 0) => format!("{} found", plural(e, "error")),
        (e, w) => format!("{} and {} found", plural(e, "error"), plural(w, "warning")),
    }
}

fn render_one(renderer: &Renderer, d: &Diagnostic, text: Option<&str>) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let path = d.file.to_string_lossy().replace('\\', "/");
    let line_text = text.and_then(|t| t.lines().nth(d.line.saturating_sub(1)));
    let mut groups = Vec::new();
    match line_text {
        Some(line) if d.line > 0 => {
            let (start, end) = char_span(line, d.col.max(1) - 1, d.len.max(1));
            let mut ann = AnnotationKind::Primary.span(start..end);
            if !d.label.is_empty() {
                ann = ann.label(d.label.as_str());
            }
            let snippet = Snippet::source(line)
                .line_start(d.line)
                .path(path.as_str())
                .annotation(ann);
            groups.push(level.primary_title(d.message.as_str()).element(snippet));
        }
        _ => {
            let origin = annotate_snippets::Origin::path(path.as_str());
            let origin = if d.line > 0 {
                origin.line(d.line).char_column(d.col)
            } else {
                origin
            };
            let mut g = level.primary_title(d.message.as_str()).element(origin);
            if !d.label.is_empty() {
                g = g.element(Level::NOTE.message(d.label.as_str()));
            }
            groups.push(g);
        }
    }
    if !d.help.is_empty() {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(d.help.as_str()),
        ));
    }
    renderer.render(&groups)
}

/// Byte range of `len` characters starting at character `col` of `line`, clamped to the line
/// (an empty line or a position past its end underlines one column after it).
fn char_span(line: &str, col: usize, len: usize) -> (usize, usize) {
    let mut idx = line
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(line.len()));
    let start = idx.nth(col).unwrap_or(line.len());
    let end = line[start..]
        .char_indices()
        .nth(len)
        .map_or(line.len(), |(i, _)| start + i);
    (start, end.max(start))
}

/// The closest candidate to `word` by Jaro-Winkler similarity, if close enough to suggest.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&word.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_span_counts_characters_not_bytes() {
        assert_eq!(char_span("ab’cd", 3, 2), (5, 7));
        assert_eq!(char_span("abc", 10, 2), (3, 3));
    }

    #[test]
    fn closest_suggests_near_names_only() {
        assert_eq!(closest("hegset", ["trump", "hegseth"]), Some("hegseth"));
        assert_eq!(closest("zzz", ["trump", "hegseth"]), None);
    }

    #[test]
    fn summary_pluralises() {
        assert_eq!(summary(1, 0), "1 error found");
        assert_eq!(summary(2, 1), "2 errors and 1 warning found");
        assert_eq!(summary(0, 3), "3 warnings emitted");
    }
}
