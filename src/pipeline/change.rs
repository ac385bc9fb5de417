//! Pipeline: what a change to the project's files touches ([`Change`]), from the paths that
//! changed ([`classify`]).

use std::collections::BTreeSet;
use std::path::Path;

use crate::load;

/// What a change touched, so that [`super::Project::update`] redoes only what depends on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// `brief.yaml`, a theme, the content folder itself, or anything unknown: everything.
    All,
    /// Only these packet folders (by slug): each packet, then the site-level files that read it.
    Packets(BTreeSet<String>),
}

/// Sorts changed paths (relative to the project root) into a [`Change`]; `None` when nothing
/// that matters changed (editor swap files, the output folder, files outside the sources).
pub fn classify<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Option<Change> {
    let mut slugs = BTreeSet::new();
    let mut all = false;
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if load::is_scratch(&name) {
            continue;
        }
        let mut comps = p
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        match comps.next().as_deref() {
            Some("brief.yaml") | Some("themes") => all = true,
            Some("content") => match comps.next() {
                Some(slug) if !load::is_scratch(&slug) => {
                    slugs.insert(slug);
                }
                Some(_) => {}
                None => all = true, // the folder itself, created or removed
            },
            _ => {}
        }
    }
    if all {
        Some(Change::All)
    } else if slugs.is_empty() {
        None
    } else {
        Some(Change::Packets(slugs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn changes_are_classified() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(classify([p("brief.yaml").as_path()]), Some(Change::All));
        assert_eq!(
            classify([p("themes/x/templates/a.html").as_path()]),
            Some(Change::All)
        );
        // A project's themes/default/ overrides the built-in theme: its edits count too.
        assert_eq!(
            classify([p("themes/default/static/style.css").as_path()]),
            Some(Change::All)
        );
        let c = classify([
            p("content/a/article.md").as_path(),
            p("content/b/.article.md.swp").as_path(),
        ]);
        assert_eq!(
            c,
            Some(Change::Packets(["a".to_string()].into_iter().collect()))
        );
        assert_eq!(classify([p("content/a/article.md~").as_path()]), None);
        assert_eq!(classify([p("content").as_path()]), Some(Change::All));
        assert_eq!(
            classify([
                p("public/index.html").as_path(),
                p("content/.hidden").as_path()
            ]),
            None
        );
    }
}
