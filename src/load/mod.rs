//! Load stage: find the project's files, read each once, and parse them into raw shapes.
//!
//! `load` never stops at the first problem: an unreadable or malformed file becomes a
//! [`Diagnostic`] and the rest of the project is still read, so one run reports everything.

mod files;
pub mod raw;
mod reserved;
mod yaml;

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use crate::diag::{DiagBuild, Diagnostic, Diagnostics};
use raw::{ActorRaw, ConfigRaw, EventRaw, PacketRaw, QuestionRaw};
use serde_saphyr::Spanned;

pub use files::{io_reason, is_scratch, lone_cr_to_lf, read_text, rel};
pub use yaml::{Typo, is_valid_slug, loc, text_loc};

/// Largest YAML or Markdown file `brief` reads (a briefing is text, not a data dump).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The list files that may stand beside `packet.yaml`.
pub const LIST_FILES: [&str; 3] = ["timeline.yaml", "actors.yaml", "questions.yaml"];

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
    /// Misspelt keys (already reported as unknown keys).
    pub typos: Vec<Typo>,
    /// Packet files (`actors.yaml`, …) that are there but did not load: unreadable, malformed,
    /// or misnamed (a near-miss name stands for them). Their errors are already reported;
    /// validation does not report references into them as unknown.
    pub unloaded: Vec<String>,
}

impl RawPacket {
    /// Takes what [`parse_file`] put in `part`, a packet holding one of this packet's files.
    fn absorb(&mut self, part: RawPacket) {
        self.article = self.article.take().or(part.article);
        self.meta = self.meta.take().or(part.meta);
        self.timeline_file = self.timeline_file.take().or(part.timeline_file);
        self.actors_file = self.actors_file.take().or(part.actors_file);
        self.questions_file = self.questions_file.take().or(part.questions_file);
        self.typos.extend(part.typos);
        self.unloaded.extend(part.unloaded);
    }
}

/// Reads `brief.yaml`, or the defaults when there is none.
pub fn load_config(root: &Path, diags: &mut Diagnostics) -> ConfigRaw {
    let relp = Path::new("brief.yaml");
    let path = root.join(relp);
    if files::is_symlink(&path)
        && let Err(d) = files::check_symlink(root, &path, relp)
    {
        diags.push(d);
        return ConfigRaw::default();
    }
    if path.exists() {
        read_text(root, relp, diags)
            .and_then(|t| parse_config(&t, diags))
            .unwrap_or_default()
    } else {
        ConfigRaw::default()
    }
}

/// Parses the text of `brief.yaml` (no disk access); `None` when it is malformed. Every key
/// is optional, so a file holding only comments is all defaults.
pub fn parse_config(text: &str, diags: &mut Diagnostics) -> Option<ConfigRaw> {
    if yaml::is_blank(text) {
        return Some(ConfigRaw::default());
    }
    yaml::parse::<ConfigRaw>(&lone_cr_to_lf(text), Path::new("brief.yaml"), diags)
}

/// The folder names under `content/`, sorted (hidden folders and loose files left out).
pub fn packet_slugs(root: &Path, diags: &mut Diagnostics) -> Vec<String> {
    let mut slugs = Vec::new();
    let content = root.join("content");
    if files::is_symlink(&content)
        && let Err(d) = files::check_symlink_dir(root, &content, Path::new("content"))
    {
        diags.push(d);
        return slugs;
    }
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
                format!(
                    "cannot read this folder: {}",
                    e.io_error().map_or_else(|| e.to_string(), files::io_reason)
                ),
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
    let mut sources: Vec<(String, String)> = Vec::new();
    // Reserved names that a near-miss file stood for (their absence is not reported again).
    let mut meant: Vec<&str> = Vec::new();
    for entry in walkdir::WalkDir::new(root.join(&dir))
        .min_depth(1)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map_or_else(|| dir.clone(), |p| rel(root, p));
                let why = e.io_error().map_or_else(|| e.to_string(), files::io_reason);
                diags.push(Diagnostic::error(path, 0, 0, format!("cannot read: {why}")));
                continue;
            }
        };
        let relp = rel(root, entry.path());
        let inner = relp.strip_prefix(&dir).unwrap_or(&relp).to_path_buf();
        if inner.iter().any(is_hidden) {
            continue;
        }
        let parsed = inner.components().count() == 1 && is_packet_file(&inner.to_string_lossy());
        if entry.path_is_symlink()
            && let Err(d) = files::check_packet_symlink(root, entry.path(), &relp, !parsed)
        {
            diags.push(d);
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        let name = inner.to_string_lossy().replace('\\', "/");
        let near = (inner.components().count() == 1)
            .then(|| reserved::near_miss(&name))
            .flatten();
        if is_packet_file(&name) {
            match read_text(root, &relp, diags) {
                Some(text) => sources.push((name, text)),
                None => p.unloaded.push(name),
            }
        } else if let Some(wanted) = near {
            let exists = root.join(&dir).join(wanted).exists();
            diags.push(reserved::diagnostic(&relp, &name, wanted, exists));
            meant.push(wanted);
            if !exists {
                p.unloaded.push(wanted.to_string());
            }
        } else {
            p.assets.push(inner);
        }
    }
    // Parsing YAML is most of loading: the packet's files parse on every core.
    let parsed: Vec<(RawPacket, Diagnostics)> = sources
        .par_iter()
        .map(|(name, text)| {
            let mut part = RawPacket {
                dir: dir.clone(),
                ..RawPacket::default()
            };
            let mut d = Diagnostics::default();
            parse_file(&mut part, name, text, &mut d);
            (part, d)
        })
        .collect();
    for (part, d) in parsed {
        p.absorb(part);
        diags.extend(d.into_vec());
    }
    for (name, what) in [
        ("article.md", "its source article as article.md"),
        ("packet.yaml", "packet.yaml with at least `title: …`"),
    ] {
        let path = root.join(&dir).join(name);
        if path.is_dir() {
            diags.push(
                Diagnostic::error(dir.join(name), 0, 0, format!("`{name}` is a folder")).help(
                    format!("every packet folder holds {what}; rename the folder"),
                ),
            );
        } else if !path.exists() && !files::is_symlink(&path) && !meant.contains(&name) {
            diags.push(
                Diagnostic::error(&dir, 0, 0, format!("packet `{slug}` has no {name}"))
                    .help(format!("every packet folder holds {what}")),
            );
        }
    }
    p
}

/// `true` for the files of a packet folder that `brief` parses (the rest are assets).
pub fn is_packet_file(name: &str) -> bool {
    name == "article.md" || name == "packet.yaml" || LIST_FILES.contains(&name)
}

/// Parses one file of packet `p` from its text (no disk access): `name` is its path inside the
/// packet folder, one of [`is_packet_file`]'s names (others are ignored).
pub fn parse_file(p: &mut RawPacket, name: &str, text: &str, diags: &mut Diagnostics) {
    let text = &*files::lone_cr_to_lf(text);
    let relp = p.dir.join(name);
    let typos = &mut p.typos;
    let loaded = match name {
        "article.md" => {
            p.article = Some(crate::render::html::markdown::without_nul(text).into_owned());
            true
        }
        "packet.yaml" => {
            p.meta = yaml::parse_typos(text, &relp, diags, typos);
            p.meta.is_some()
        }
        "timeline.yaml" => {
            p.timeline_file = yaml::parse_list(text, &relp, diags, typos).map(|v| (relp, v));
            p.timeline_file.is_some()
        }
        "actors.yaml" => {
            p.actors_file = yaml::parse_list(text, &relp, diags, typos).map(|v| (relp, v));
            p.actors_file.is_some()
        }
        "questions.yaml" => {
            p.questions_file = yaml::parse_list(text, &relp, diags, typos).map(|v| (relp, v));
            p.questions_file.is_some()
        }
        _ => true,
    };
    if !loaded {
        p.unloaded.push(name.to_string());
    }
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

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    is_scratch(&name.to_string_lossy())
}
