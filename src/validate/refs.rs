//! Validate stage: references to actors (`actors:` of events and questions, `to:` of
//! relations), reported once: not as unknown when their actor has errors of its own, and not
//! at all, with one note instead, when the file that declares the actors did not load.

use std::cell::RefCell;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::Cx;
use crate::diag::{DiagBuild, Diagnostic, closest};
use crate::load::raw::S;
use crate::load::text_loc;

/// Where a reference is written: file, line, column, width.
pub(super) type Place = (PathBuf, usize, usize, usize);

/// What references to actors are checked against.
pub(super) struct ActorIds {
    /// Ids of the actors that passed validation, in list order (a reference's index).
    pub ids: Vec<String>,
    /// Every id declared, those of actors with errors of their own included: a reference to
    /// one of them is not reported again.
    pub declared: HashSet<String>,
    /// The file that did not load and may declare actors: references are then not checked.
    pub unloaded: Option<PathBuf>,
    /// References left unchecked: the first and how many.
    skipped: RefCell<(Option<Place>, usize)>,
}

impl ActorIds {
    /// Ids checked against `ids`, with `declared` known to exist, unless `unloaded` is set.
    pub(super) fn new(
        ids: Vec<String>,
        declared: HashSet<String>,
        unloaded: Option<PathBuf>,
    ) -> Self {
        Self {
            ids,
            declared,
            unloaded,
            skipped: RefCell::new((None, 0)),
        }
    }

    /// The note that references were not checked, when some were not.
    pub(super) fn note(&self) -> Option<Diagnostic> {
        let unloaded = self.unloaded.as_ref()?;
        let (first, count) = self.skipped.take();
        let (file, line, col, len) = first?;
        let more = match count {
            0 | 1 => "this reference to an actor was not checked".to_string(),
            2 => "this and 1 more reference to an actor were not checked".to_string(),
            n => format!(
                "this and {} more references to actors were not checked",
                n - 1
            ),
        };
        Some(
            Diagnostic::note(
                file,
                line,
                col,
                format!(
                    "actor ids are not checked: {} did not load",
                    shown(unloaded)
                ),
            )
            .span_len(len)
            .label(more)
            .help(format!(
                "fix the error in {} first; the references are checked once it loads",
                shown(unloaded)
            )),
        )
    }

    fn skip(&self, file: &Path, s: &S) {
        let mut skipped = self.skipped.borrow_mut();
        if skipped.0.is_none() {
            let (line, col) = text_loc(&s.referenced, &s.value);
            skipped.0 = Some((file.to_path_buf(), line, col, s.value.chars().count()));
        }
        skipped.1 += 1;
    }
}

/// Actor ids to indices into [`ActorIds::ids`]; unknown ids are errors naming the closest id.
pub(super) fn refs(cx: &mut Cx, v: &[S], known: &ActorIds) -> Vec<usize> {
    let mut out = Vec::new();
    for s in v {
        let id = s.value.trim();
        if let Some(i) = known.ids.iter().position(|i| i == id) {
            out.push(i);
        } else if known.unloaded.is_some() {
            known.skip(&cx.file, s);
        } else if !known.declared.contains(id) {
            actor_ref(cx, s, &known.ids);
        }
    }
    out
}

/// `s` when it is one of `ids`; otherwise an error naming the closest id.
pub(super) fn actor_ref(cx: &mut Cx, s: &S, ids: &[String]) -> Option<String> {
    let id = s.value.trim();
    if ids.iter().any(|i| i == id) {
        return Some(id.to_string());
    }
    let hint = closest(id, ids.iter().map(String::as_str));
    let d = cx.at(s, format!("unknown actor `{id}`"));
    match hint {
        Some(h) => d.label(format!("did you mean `{h}`?")),
        None if ids.is_empty() => d
            .label("no actor has this id")
            .help("this packet declares no actors: add one with this id to actors.yaml"),
        None => d
            .label("no actor has this id")
            .help(format!("known actors: {}", ids.join(", "))),
    };
    None
}

/// A packet file's path as messages show it.
fn shown(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}
