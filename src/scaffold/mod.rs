//! Scaffold stage: `brief init` (a new project) and `brief new` (a new packet), written from the
//! files under `src/scaffold/files/`. Neither ever overwrites a file.

pub mod names;
mod packet;

use std::fmt::{self, Write as _};
use std::fs;
use std::io::{ErrorKind, Write as _};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

pub use packet::{NewReport, new_packet};

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

/// The placeholder for brief's repository in the generated workflow and README.
pub const REPO_PLACEHOLDER: &str = "https://github.com/OWNER/brief";

/// The project files of `init` (path relative to the project, text), the example packet aside;
/// the workflow publishes pushes to `branch`.
pub fn project_files(branch: &str) -> Vec<(&'static str, String)> {
    let repo = env!("CARGO_PKG_REPOSITORY");
    let with_repo = |s: &str| {
        if repo.is_empty() {
            s.to_string()
        } else {
            s.replace(REPO_PLACEHOLDER, repo)
        }
    };
    let workflow = with_repo(include_str!("files/pages.yml"))
        .replace("branches: [main]", &format!("branches: [{branch}]"));
    vec![
        ("brief.yaml", include_str!("files/brief.yaml").to_string()),
        (".gitignore", include_str!("files/gitignore").to_string()),
        ("README.md", with_repo(include_str!("files/README.md"))),
        (".github/workflows/pages.yml", workflow),
    ]
}

/// The example packet's files (name inside the packet folder, text).
pub fn example_files() -> [(&'static str, &'static str); 5] {
    [
        ("article.md", include_str!("files/example/article.md")),
        ("packet.yaml", include_str!("files/example/packet.yaml")),
        ("timeline.yaml", include_str!("files/example/timeline.yaml")),
        ("actors.yaml", include_str!("files/example/actors.yaml")),
        (
            "questions.yaml",
            include_str!("files/example/questions.yaml"),
        ),
    ]
}

/// What `init` did.
#[derive(Debug, Default)]
pub struct InitReport {
    /// The project folder.
    pub dir: PathBuf,
    /// Files written, relative to `dir`.
    pub added: Vec<String>,
    /// Paths left alone, with the reason.
    pub kept: Vec<(String, &'static str)>,
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
        if self.added.is_empty() {
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
    for (rel, text) in project_files(&git_branch(dir)) {
        if write_new(&dir.join(rel), &text)? {
            report.added.push(rel.to_string());
        } else {
            report.kept.push((rel.to_string(), "already there"));
        }
    }
    let content = dir.join("content");
    let example = content.join(EXAMPLE_SLUG);
    let rel = format!("content/{EXAMPLE_SLUG}/");
    if has_packets(&content)? {
        report.kept.push((
            "content/".into(),
            "it already holds packets, so no example was added",
        ));
    } else if fs::symlink_metadata(&example).is_ok() {
        report.kept.push((rel, "already there"));
    } else {
        for (name, text) in example_files() {
            if write_new(&example.join(name), text)? {
                report.added.push(format!("{rel}{name}"));
            }
        }
    }
    Ok(report)
}

/// The branch checked out in `dir` when it is a Git repository (read from `.git/HEAD`), else
/// `main`: the branch the workflow publishes.
fn git_branch(dir: &Path) -> String {
    fs::read_to_string(dir.join(".git/HEAD"))
        .ok()
        .and_then(|head| {
            let name = head.trim().strip_prefix("ref: refs/heads/")?.to_string();
            let plain = |c: char| c.is_ascii_alphanumeric() || "-_./".contains(c);
            (!name.is_empty() && name.chars().all(plain)).then_some(name)
        })
        .unwrap_or_else(|| "main".into())
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
