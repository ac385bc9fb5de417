//! Load stage: find the project's files, read each once, and parse them into raw shapes.
//!
//! `load` never stops at the first problem: an unreadable or malformed file becomes a
//! [`Diagnostic`] and the rest of the project is still read, so one run reports everything.

pub mod raw;
mod yaml;

use std::path::{Path, PathBuf};

use crate::diag::{DiagBuild, Diagnostic, Diagnostics};
use raw::{ActorRaw, ConfigRaw, EventRaw, PacketRaw, QuestionRaw};
use serde_saphyr::Spanned;

pub use yaml::{is_valid_slug, loc, text_loc};

/// Largest YAML or Markdown file `brief` reads (a briefing is text, not a data dump).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The list files that may stand beside `packet.yaml`.
pub const LIST_FILES: [&str; 3] = ["timeline.yaml", "actors.yaml", "questions.yaml"];

/// A whole project as read from disk.
#[derive(Debug)]
pub struct RawProject {
    /// The project root (as given).
    pub root: PathBuf,
    /// `brief.yaml`, or defaults when absent.
    pub config: ConfigRaw,
    /// One entry per folder under `content/`, sorted by slug.
    pub packets: Vec<RawPacket>,
}

/// One packet folder as read from disk.
#[derive(Debug, Default)]
pub struct RawPacket {
    /// Folder name.
    pub slug: String,
    /// Folder, relative to the root (`content/<slug>`).
    pub dir: PathBuf,
    /// `article.md` text, when readable.
    pub article: Option<String>,
    /// `packet.yaml`, when readable and well-formed.
    pub meta: Option<PacketRaw>,
    /// `timeline.yaml` as `(file, events)`.
    pub timeline_file: Option<(PathBuf, Spanned<Vec<Spanned<EventRaw>>>)>,
    /// `actors.yaml`.
    pub actors_file: Option<(PathBuf, Spanned<Vec<Spanned<ActorRaw>>>)>,
    /// `questions.yaml`.
    pub questions_file: Option<(PathBuf, Spanned<Vec<Spanned<QuestionRaw>>>)>,
    /// Every other file, relative to the packet folder, copied beside the packet's pages.
    pub assets: Vec<PathBuf>,
}

/// Reads the project at `root`. Problems go into `diags`; what could be read is returned.
pub fn load(root: &Path, diags: &mut Diagnostics) -> RawProject {
    let config = load_config(root, diags);
    let packets = packet_slugs(root, diags)
        .iter()
        .map(|slug| load_packet(root, slug, diags))
        .collect();
    RawProject {
        root: root.to_path_buf(),
        config,
        packets,
    }
}

/// Reads `brief.yaml`, or the defaults when there is none.
pub fn load_config(root: &Path, diags: &mut Diagnostics) -> ConfigRaw {
    if root.join("brief.yaml").exists() {
        read_text(root, Path::new("brief.yaml"), diags)
            .and_then(|t| yaml::parse::<ConfigRaw>(&t, Path::new("brief.yaml"), diags))
            .unwrap_or_default()
    } else {
        ConfigRaw::default()
    }
}

/// The folder names under `content/`, sorted (hidden folders and loose files left out).
pub fn packet_slugs(root: &Path, diags: &mut Diagnostics) -> Vec<String> {
    let mut slugs = Vec::new();
    let content = root.join("content");
    if !content.is_dir() {
        return slugs;
    }
    let entries = walkdir::WalkDir::new(&content)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name();
    for entry in entries {
        match entry {
            Ok(e) if is_hidden(e.file_name()) => {}
            Ok(e) if e.file_type().is_dir() => {
                slugs.push(e.file_name().to_string_lossy().into_owned())
            }
            Ok(e) if e.path_is_symlink() => diags.push(
                Diagnostic::error(
                    rel(root, e.path()),
                    0,
                    0,
                    "a packet folder may not be a symbolic link",
                )
                .help("move the folder itself under content/"),
            ),
            Ok(_) => {} // loose files under content/ are ignored (README.md and the like)
            Err(e) => diags.push(Diagnostic::error(
                e.path()
                    .map_or_else(|| PathBuf::from("content"), |p| rel(root, p)),
                0,
                0,
                format!("cannot read this folder: {e}"),
            )),
        }
    }
    slugs
}

/// Reads one packet folder, `content/<slug>/`.
pub fn load_packet(root: &Path, slug: &str, diags: &mut Diagnostics) -> RawPacket {
    let dir = PathBuf::from("content").join(slug);
    let mut p = RawPacket {
        slug: slug.to_string(),
        dir: dir.clone(),
        ..RawPacket::default()
    };
    if !is_valid_slug(slug) {
        diags.push(
            Diagnostic::error(&dir, 0, 0, format!("invalid packet folder name `{slug}`")).help(
                format!(
                    "packet folders are named with a-z, 0-9 and `-` only; try `{}`",
                    slugify(slug)
                ),
            ),
        );
    }
    for entry in walkdir::WalkDir::new(root.join(&dir))
        .min_depth(1)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map_or_else(|| dir.clone(), |p| rel(root, p));
                diags.push(Diagnostic::error(path, 0, 0, format!("cannot read: {e}")));
                continue;
            }
        };
        let relp = rel(root, entry.path());
        let inner = relp.strip_prefix(&dir).unwrap_or(&relp).to_path_buf();
        if inner.iter().any(is_hidden) {
            continue;
        }
        if entry.path_is_symlink()
            && let Err(d) = check_symlink(root, entry.path(), &relp)
        {
            diags.push(d);
            continue;
        }
        if entry.path().is_dir() {
            continue;
        }
        let name = inner.to_string_lossy();
        match name.as_ref() {
            "article.md" => p.article = read_text(root, &relp, diags),
            "packet.yaml" => {
                p.meta = read_text(root, &relp, diags).and_then(|t| yaml::parse(&t, &relp, diags))
            }
            "timeline.yaml" => p.timeline_file = read_list(root, &relp, diags),
            "actors.yaml" => p.actors_file = read_list(root, &relp, diags),
            "questions.yaml" => p.questions_file = read_list(root, &relp, diags),
            _ => p.assets.push(inner),
        }
    }
    if p.article.is_none() && !root.join(&dir).join("article.md").exists() {
        diags.push(
            Diagnostic::error(&dir, 0, 0, format!("packet `{slug}` has no article.md"))
                .help("every packet folder holds its source article as article.md"),
        );
    }
    if !root.join(&dir).join("packet.yaml").exists() {
        diags.push(
            Diagnostic::error(&dir, 0, 0, format!("packet `{slug}` has no packet.yaml"))
                .help("add packet.yaml with at least `title: …`"),
        );
    }
    p
}

fn read_list<T: serde::de::DeserializeOwned>(
    root: &Path,
    relp: &Path,
    diags: &mut Diagnostics,
) -> Option<(PathBuf, Spanned<Vec<Spanned<T>>>)> {
    let text = read_text(root, relp, diags)?;
    yaml::parse(&text, relp, diags).map(|v| (relp.to_path_buf(), v))
}

/// Reads a UTF-8 text file (size-limited); problems become diagnostics.
pub fn read_text(root: &Path, relp: &Path, diags: &mut Diagnostics) -> Option<String> {
    let path = root.join(relp);
    let meta = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(e) => {
            diags.push(Diagnostic::error(
                relp,
                0,
                0,
                format!("cannot read this file: {e}"),
            ));
            return None;
        }
    };
    if meta.len() > MAX_FILE_BYTES {
        diags.push(
            Diagnostic::error(
                relp,
                0,
                0,
                format!(
                    "this file is {} MiB; the limit is {} MiB",
                    meta.len() >> 20,
                    MAX_FILE_BYTES >> 20
                ),
            )
            .help("split the material or trim the file; briefing sources are text"),
        );
        return None;
    }
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::error(
                relp,
                0,
                0,
                format!("cannot read this file: {e}"),
            ));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Some(s)
        }
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let good = String::from_utf8_lossy(good);
            let line = good.matches('\n').count() + 1;
            let col = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            diags.push(
                Diagnostic::error(relp, line, col, "this file is not valid UTF-8")
                    .label("invalid byte here")
                    .help("save the file as UTF-8 (most editors offer it under \"Save with encoding\")"),
            );
            None
        }
    }
}

fn check_symlink(root: &Path, path: &Path, relp: &Path) -> Result<(), Diagnostic> {
    let target = std::fs::canonicalize(path).map_err(|e| {
        Diagnostic::error(relp, 0, 0, format!("broken symbolic link: {e}"))
            .help("remove the link or point it at a file inside the project")
    })?;
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if !target.starts_with(&root) {
        return Err(Diagnostic::error(relp, 0, 0, "symbolic link points outside the project")
            .help("copy the file into the packet folder instead; brief never reads outside the project"));
    }
    if target.is_dir() {
        return Err(
            Diagnostic::error(relp, 0, 0, "symbolic links to folders are not followed")
                .help("copy the folder into the packet instead"),
        );
    }
    Ok(())
}

/// `path` relative to `root` for messages.
pub fn rel(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    is_scratch(&name.to_string_lossy())
}

/// Hidden files and editors' swap, backup and probe files: never content.
pub fn is_scratch(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".bak")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// A suggestion for an invalid slug: lower case, other characters to `-`.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}
