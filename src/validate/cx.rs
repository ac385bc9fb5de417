//! Validate stage: `Cx`, the diagnostics of one file with helpers that read spanned values
//! (required keys, enums, dates), and the clean-up of errors that a misspelt key implies.

use std::path::PathBuf;

use crate::diag::{DiagBuild, Diagnostic, Kind, closest};
use crate::load::raw::S;
use crate::load::text_loc;
use crate::model::Keyword;
use crate::model::date::FuzzyDate;

/// Diagnostics for one file, with helpers that read spanned values.
pub(crate) struct Cx {
    pub file: PathBuf,
    pub diags: Vec<Diagnostic>,
}

impl Cx {
    pub(crate) fn new(file: impl Into<PathBuf>) -> Self {
        Self {
            file: file.into(),
            diags: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, d: Diagnostic) -> &mut Diagnostic {
        self.diags.push(d);
        let last = self.diags.len() - 1;
        &mut self.diags[last]
    }

    /// An error at a spanned value, underlining it.
    pub(crate) fn at(&mut self, s: &S, msg: impl Into<String>) -> &mut Diagnostic {
        let (line, col) = text_loc(&s.referenced, &s.value);
        let d = Diagnostic::error(&self.file, line, col, msg).span_len(s.value.chars().count());
        self.push(d)
    }

    /// A required string: reports a missing or empty value at the item (`at`).
    pub(crate) fn required(
        &mut self,
        v: &Option<S>,
        key: &str,
        what: &str,
        at: (usize, usize),
    ) -> Option<String> {
        match v {
            None => {
                self.push(
                    Diagnostic::error(&self.file, at.0, at.1, format!("{what} is missing `{key}`"))
                        .label(format!("add `{key}:` to this entry"))
                        .kind(Kind::MissingKey(key.to_string())),
                );
                None
            }
            Some(s) if s.value.trim().is_empty() => {
                let (line, col, len) = whole_scalar(s, &s.referenced);
                self.push(
                    Diagnostic::error(&self.file, line, col, format!("`{key}` is empty"))
                        .span_len(len)
                        .label(format!("{what} needs a `{key}`: write it here")),
                );
                None
            }
            Some(s) => Some(s.value.trim().to_string()),
        }
    }

    /// One of `allowed`, or `default` when absent; an unknown value is an error.
    pub(crate) fn one_of(
        &mut self,
        v: &Option<S>,
        key: &str,
        allowed: &[&'static str],
        default: &'static str,
    ) -> &'static str {
        let Some(s) = v else { return default };
        let t = s.value.trim();
        if let Some(a) = allowed.iter().find(|a| **a == t) {
            return a;
        }
        let hint = closest(t, allowed.iter().copied()).map(|c| format!("did you mean `{c}`?"));
        self.at(s, format!("`{t}` is not a valid `{key}`"))
            .label(hint.unwrap_or_else(|| "not one of the allowed values".into()))
            .help(format!("`{key}` is one of: {}", allowed.join(", ")));
        default
    }

    /// A keyword of a closed vocabulary, or `default` when absent; an unknown value is an
    /// error (as [`Cx::one_of`]).
    pub(crate) fn keyword<K: Keyword>(&mut self, v: &Option<S>, key: &str, default: K) -> K {
        let name = self.one_of(v, key, K::NAMES, default.as_str());
        K::from_name(name).unwrap_or(default)
    }

    /// A contract date; an invalid one is an error pointing at the wrong part.
    pub(crate) fn date(&mut self, s: &S) -> Option<FuzzyDate> {
        match FuzzyDate::parse(s.value.trim()) {
            Ok(d) => Some(d),
            Err(e) => {
                let (line, col) = text_loc(&s.referenced, &s.value);
                self.push(
                    Diagnostic::error(
                        &self.file,
                        line,
                        col + e.offset,
                        format!("invalid date `{}`", s.value.trim()),
                    )
                    .span_len(e.len)
                    .label(e.message)
                    .help(e.help),
                );
                None
            }
        }
    }

    /// An optional date.
    pub(crate) fn opt_date(&mut self, v: &Option<S>) -> Option<FuzzyDate> {
        v.as_ref().and_then(|s| self.date(s))
    }
}

/// Leaves out "missing `key`" errors for mappings where `key` was misspelt: the unknown-key
/// error already says so, with the fix.
pub(crate) fn drop_typo_cascades(out: &mut Vec<Diagnostic>, typos: &[crate::load::Typo]) {
    out.retain(|d| {
        !typos.iter().any(|t| {
            t.file == d.file
                && (t.line, t.col) == (d.line, d.col)
                && d.kind == Kind::MissingKey(t.key.clone())
        })
    });
}

/// Line, column and width of a string value as written, quotes included (so that `""` is
/// underlined whole); `fallback` when the value has no position of its own.
pub(crate) fn whole_scalar(s: &S, fallback: &serde_saphyr::Location) -> (usize, usize, usize) {
    let at = if s.referenced.line() == 0 {
        fallback
    } else {
        &s.referenced
    };
    let len = usize::try_from(at.span().len()).unwrap_or(1).clamp(1, 1000);
    (at.line() as usize, at.column() as usize, len)
}
