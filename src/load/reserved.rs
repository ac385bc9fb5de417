//! Load stage: files of a packet folder whose name is a near miss of a name `brief` reads
//! (`timeline.yml`, `Actors.yaml`, `actor.yaml`, `questons.yaml`, `Article.md`, `packet`):
//! an error with the rename, never an asset silently published.

use std::path::Path;

use crate::diag::{DiagBuild, Diagnostic};

/// The names `brief` reads in a packet folder, as (stem, is YAML).
const RESERVED: [(&str, bool); 5] = [
    ("article", false),
    ("packet", true),
    ("timeline", true),
    ("actors", true),
    ("questions", true),
];

/// Extensions written for YAML and for Markdown.
const YAML: [&str; 2] = ["yaml", "yml"];
const MARKDOWN: [&str; 6] = ["md", "markdown", "mdown", "mkd", "mkdn", "mdwn"];

/// The reserved name that `name` (a file at the top of a packet folder) was probably meant to
/// be, if any: the same name in another case or with `.yml`, a singular or plural, a small
/// typo, no extension or `.txt`. The reserved names themselves are not near misses.
pub(super) fn near_miss(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    let (stem, ext) = lower.rsplit_once('.').unwrap_or((lower.as_str(), ""));
    RESERVED.iter().find_map(|&(r, yaml)| {
        let (want, exts): (&str, &[&str]) = (r, if yaml { &YAML } else { &MARKDOWN });
        let reserved = full(r);
        if name == reserved {
            return None;
        }
        let ext_ok = exts.contains(&ext);
        let close = stem == want
            || stem.strip_suffix('s') == Some(want)
            || want.strip_suffix('s') == Some(stem)
            || strsim::levenshtein(stem, want) <= if want.len() <= 6 { 1 } else { 2 };
        let bare = stem == want && (ext.is_empty() || ext == "txt");
        ((ext_ok && close) || bare).then_some(reserved)
    })
}

/// `article.md`, `packet.yaml`, … for a reserved stem.
fn full(stem: &str) -> &'static str {
    match stem {
        "article" => "article.md",
        "packet" => "packet.yaml",
        "timeline" => "timeline.yaml",
        "actors" => "actors.yaml",
        _ => "questions.yaml",
    }
}

/// The error for file `file` (relative to the root), a near miss of `meant`; `exists` when the
/// packet folder also has `meant` itself (then renaming would replace it).
pub(super) fn diagnostic(file: &Path, name: &str, meant: &str, exists: bool) -> Diagnostic {
    let d = Diagnostic::error(
        file,
        0,
        0,
        format!("`{name}` is not read: did you mean `{meant}`?"),
    );
    if exists {
        d.help(format!(
            "this packet already has `{meant}`: move what this file holds into that one, then \
             delete this file"
        ))
    } else {
        d.help(format!(
            "rename it to `{meant}`: brief reads only that name (other files are copied into \
             the site as they are)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_of_each_reserved_name() {
        for (name, meant) in [
            ("timeline.yml", "timeline.yaml"),
            ("Timeline.yaml", "timeline.yaml"),
            ("TIMELINE.YML", "timeline.yaml"),
            ("timelines.yaml", "timeline.yaml"),
            ("timline.yaml", "timeline.yaml"),
            ("actor.yaml", "actors.yaml"),
            ("actors.yml", "actors.yaml"),
            ("Actors.yaml", "actors.yaml"),
            ("question.yaml", "questions.yaml"),
            ("questions.yml", "questions.yaml"),
            ("questons.yaml", "questions.yaml"),
            ("Article.md", "article.md"),
            ("articles.md", "article.md"),
            ("article.markdown", "article.md"),
            ("article.txt", "article.md"),
            ("article", "article.md"),
            ("packet.yml", "packet.yaml"),
            ("Packet.yaml", "packet.yaml"),
            ("packets.yaml", "packet.yaml"),
        ] {
            assert_eq!(near_miss(name), Some(meant), "{name}");
        }
    }

    #[test]
    fn other_files_are_assets() {
        for name in [
            "article.md",
            "packet.yaml",
            "timeline.yaml",
            "actors.yaml",
            "questions.yaml",
            "article.pdf",
            "article.html",
            "map.png",
            "notes.md",
            "data.yaml",
            "sources.yaml",
            "timeline.png",
            "timeline.csv",
            "actors.svg",
            "README.md",
        ] {
            assert_eq!(near_miss(name), None, "{name}");
        }
    }
}
