//! Scaffold stage: `brief init` (a new project) and `brief new` (a new packet), written from the
//! files under `src/scaffold/files/`. Neither ever overwrites a file; only
//! `brief init --update-workflow` replaces one, the Pages workflow, with consent.

pub mod names;
mod packet;
pub mod workflow;
mod workflow_write;

use std::fmt::{self, Write as _};
use std::fs;
use std::io::{ErrorKind, Write as _};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

pub use packet::{NewReport, new_packet};
pub use workflow_write::update_workflow;

/// A mistake on the command line (exit status 2), as opposed to a failure to write (1).
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// The folder name of the example packet that `init` writes.
pub const EXAMPLE_SLUG: &str = "calder-dock-strike";

/// The project files of `init` (path relative to the project, text): brief.yaml (pointing
/// editors at its schema), .gitignore, README.md and the JSON Schemas; the example packet and
/// the workflow (see [`workflow`]) aside.
pub fn project_files() -> Vec<(String, String)> {
    let mut files = vec![
        (
            "brief.yaml".to_string(),
            with_schema("brief.yaml", "", include_str!("files/brief.yaml")),
        ),
        (".gitignore".into(), include_str!("files/gitignore").into()),
        ("README.md".into(), include_str!("files/README.md").into()),
    ];
    files.extend(schema_files());
    files
}

/// The JSON Schemas as project files (`schemas/…`).
pub fn schema_files() -> Vec<(String, String)> {
    crate::schema::schema_texts()
        .into_iter()
        .map(|(name, text)| (format!("{}/{name}", crate::schema::SCHEMA_DIR), text))
        .collect()
}

/// The example packet's files (name inside the packet folder, text).
pub fn example_files() -> [(&'static str, String); 5] {
    let yaml = |name, text| with_schema(name, PACKET_TO_ROOT, text);
    [
        (
            "article.md",
            include_str!("files/example/article.md").into(),
        ),
        (
            "packet.yaml",
            yaml("packet.yaml", include_str!("files/example/packet.yaml")),
        ),
        (
            "timeline.yaml",
            yaml("timeline.yaml", include_str!("files/example/timeline.yaml")),
        ),
        (
            "actors.yaml",
            yaml("actors.yaml", include_str!("files/example/actors.yaml")),
        ),
        (
            "questions.yaml",
            yaml(
                "questions.yaml",
                include_str!("files/example/questions.yaml"),
            ),
        ),
    ]
}

/// From a packet folder to the project: where a packet file's schema path starts.
const PACKET_TO_ROOT: &str = "../../";

/// `text` of the YAML file `name` with a first line that points editors at its schema
/// (a comment to brief, so line numbers in messages are those of the file as written).
fn with_schema(name: &str, to_root: &str, text: &str) -> String {
    match crate::schema::schema_file(name) {
        Some(f) => crate::schema::modeline(f, to_root) + text,
        None => text.to_string(),
    }
}

/// What `init` did.
#[derive(Debug, Default)]
pub struct InitReport {
    /// The project folder.
    pub dir: PathBuf,
    /// Files written, relative to `dir`.
    pub added: Vec<String>,
    /// Paths left alone, with the reason.
    pub kept: Vec<(String, String)>,
    /// Files not written although missing, with the reason.
    pub skipped: Vec<(String, String)>,
}

impl InitReport {
    /// The summary printed by `brief init`.
    pub fn render(&self) -> String {
        let mut s = format!("brief project in {}\n", self.dir.display());
        for a in &self.added {
            let _ = writeln!(s, "  added  {a}");
        }
        for (k, why) in &self.kept {
            let _ = writeln!(s, "  kept   {k} ({why})");
        }
        for (k, why) in &self.skipped {
            let _ = writeln!(s, "  not added  {k}: {why}");
        }
        if self.added.is_empty() && self.skipped.is_empty() {
            s.push_str("nothing to add: every file was already there\n");
        }
        let _ = write!(
            s,
            "next:\n  brief serve --root {}      preview at http://127.0.0.1:1111/\n  \
             README.md says how to publish on GitHub Pages\n",
            self.dir.display()
        );
        s
    }
}

/// `brief init DIR`: writes what a project lacks; never overwrites.
pub fn init(dir: &Path) -> Result<InitReport> {
    if dir.exists() && !dir.is_dir() {
        return Err(UsageError(format!("`{}` exists and is not a folder", dir.display())).into());
    }
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut report = InitReport {
        dir: dir.to_path_buf(),
        ..InitReport::default()
    };
    for (rel, text) in project_files() {
        if write_new(&dir.join(&rel), &text)? {
            report.added.push(rel);
        } else {
            report.kept.push((rel, "already there".into()));
        }
    }
    workflow_write::add(dir, &workflow::Placement::of(dir)?, &mut report)?;
    let content = dir.join("content");
    let example = content.join(EXAMPLE_SLUG);
    let rel = format!("content/{EXAMPLE_SLUG}/");
    if has_packets(&content)? {
        report.kept.push((
            "content/".into(),
            "it already holds packets, so no example was added".into(),
        ));
    } else if fs::symlink_metadata(&example).is_ok() {
        report.kept.push((rel, "already there".into()));
    } else {
        for (name, text) in example_files() {
            if write_new(&example.join(name), &text)? {
                report.added.push(format!("{rel}{name}"));
            }
        }
    }
    Ok(report)
}

/// Whether `content` holds a packet folder (a folder not hidden).
fn has_packets(content: &Path) -> Result<bool> {
    let entries = match fs::read_dir(content) {
        Ok(e) => e,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", content.display())),
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read {}", content.display()))?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if !hidden && entry.path().is_dir() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Writes `text` to a new file at `path` (parents created). Returns false, writing nothing,
/// when something is already there, even a broken symbolic link.
pub fn write_new(path: &Path, text: &str) -> Result<bool> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let mut file = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == ErrorKind::AlreadyExists => return Ok(false),
        Err(e) => return Err(e).with_context(|| format!("cannot create {}", path.display())),
    };
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(true)
}
