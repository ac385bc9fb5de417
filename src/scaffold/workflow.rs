//! The GitHub Pages workflow of `brief init`: what it says (it installs this very version of
//! brief, from its release, whose address comes from `package.repository` in Cargo.toml, or
//! from crates.io) and where it goes (the root of the project's Git repository, which may lie
//! above the project). Writing it is `workflow_write`'s.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The workflow's path inside the repository.
pub const WORKFLOW: &str = ".github/workflows/pages.yml";
/// The version of this brief: the one its workflows install.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// brief's package on crates.io.
pub const PACKAGE: &str = env!("CARGO_PKG_NAME");
/// brief's repository (`package.repository`): its releases hold the prebuilt binaries.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

const _: () = assert!(
    !REPOSITORY.is_empty(),
    "Cargo.toml must set package.repository: the workflow downloads brief's releases from it"
);

/// Where release archives are downloaded from: `<this>/v<version>/<archive>`.
pub fn releases_url() -> String {
    format!("{}/releases/download", REPOSITORY.trim_end_matches('/'))
}

/// The workflow for a project at `dir` (relative to the repository's root, `/`-separated,
/// empty for the root itself) that publishes pushes to `branch`.
pub fn render(branch: &str, dir: &str) -> String {
    let (work_dir, site) = if dir.is_empty() {
        (".".to_string(), "public".to_string())
    } else {
        (quoted(dir), quoted(&format!("{dir}/public")))
    };
    include_str!("files/pages.yml")
        .replace("@VERSION@", VERSION)
        .replace("@PACKAGE@", PACKAGE)
        .replace("@RELEASES@", &releases_url())
        .replace("@BRANCH@", branch)
        .replace("@DIR@", &work_dir)
        .replace("@SITE@", &site)
}

/// A YAML double-quoted scalar (JSON's string syntax is a subset of YAML's).
fn quoted(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

/// Where a project sits: the folder whose `.github/workflows/` GitHub reads, and the project's
/// place in it.
#[derive(Debug)]
pub struct Placement {
    /// The root of the Git repository holding the project, or the project folder itself when
    /// it is in no repository.
    pub root: PathBuf,
    /// The project folder relative to `root`, `/`-separated; empty when it is `root`.
    pub dir: String,
    /// The branch checked out in the repository, else `main`: the branch the workflow publishes.
    pub branch: String,
}

impl Placement {
    /// Finds the Git repository that holds `project` (an existing folder), looking upwards for
    /// `.git` (a folder, or a file in a linked worktree).
    pub fn of(project: &Path) -> Result<Placement> {
        let abs = fs::canonicalize(project)
            .with_context(|| format!("cannot resolve {}", project.display()))?;
        for root in abs.ancestors() {
            let git = root.join(".git");
            if fs::symlink_metadata(&git).is_err() {
                continue;
            }
            let rel = abs.strip_prefix(root).unwrap_or(Path::new(""));
            let dir: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            return Ok(Placement {
                root: root.to_path_buf(),
                dir: dir.join("/"),
                branch: git_branch(&git).unwrap_or_else(|| "main".into()),
            });
        }
        Ok(Placement {
            root: project.to_path_buf(),
            dir: String::new(),
            branch: "main".into(),
        })
    }

    /// The workflow file.
    pub fn workflow(&self) -> PathBuf {
        self.root.join(WORKFLOW)
    }

    /// The workflow file as seen from the project folder.
    pub fn shown(&self) -> String {
        let depth = if self.dir.is_empty() {
            0
        } else {
            self.dir.split('/').count()
        };
        format!("{}{WORKFLOW}", "../".repeat(depth))
    }

    /// The workflow file as seen from the current folder, for the project at `project`.
    pub fn shown_from(&self, project: &Path) -> String {
        if self.dir.is_empty() {
            project.join(WORKFLOW).display().to_string()
        } else {
            self.workflow().display().to_string()
        }
    }

    /// This project's workflow.
    pub fn render(&self) -> String {
        render(&self.branch, &self.dir)
    }

    /// Why no workflow can be written for this project, if something stands in the way.
    pub fn obstacle(&self) -> Result<Option<String>> {
        let plain = |c: char| c.is_alphanumeric() || " -_.+/".contains(c);
        if !self.dir.chars().all(plain) {
            return Ok(Some(format!(
                "the workflow cannot name the project's folder `{}` safely: keep its path in \
                 the repository to letters, digits, spaces, `-`, `_`, `.` and `+`",
                self.dir
            )));
        }
        let folder = self.root.join(".github/workflows");
        let entries = match fs::read_dir(&folder) {
            Ok(e) => e,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", folder.display())),
        };
        let mut names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != "pages.yml" && (n.ends_with(".yml") || n.ends_with(".yaml")))
            .collect();
        names.sort();
        for name in names {
            let text = fs::read(folder.join(&name)).unwrap_or_default();
            if String::from_utf8_lossy(&text).contains("actions/deploy-pages@") {
                return Ok(Some(format!(
                    "the repository already deploys to GitHub Pages from \
                     .github/workflows/{name}, and a repository has one Pages site: \
                     no second workflow added"
                )));
            }
        }
        Ok(None)
    }
}

/// The branch named by the repository's HEAD, when it is a plain branch name.
fn git_branch(git: &Path) -> Option<String> {
    let git_dir = if git.is_dir() {
        git.to_path_buf()
    } else {
        let link = fs::read_to_string(git).ok()?;
        let target = link.trim().strip_prefix("gitdir:")?.trim();
        git.parent()?.join(target)
    };
    let head = fs::read_to_string(git_dir.join("HEAD")).ok()?;
    let name = head.trim().strip_prefix("ref: refs/heads/")?.to_string();
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./".contains(c);
    (!name.is_empty() && name.chars().all(plain)).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_filled_in() {
        let root = render("main", "");
        let sub = render("trunk", "site/briefs");
        for text in [&root, &sub] {
            let leftover = text.match_indices('@').any(|(i, _)| {
                let rest = &text[i + 1..];
                let n = rest.chars().take_while(char::is_ascii_uppercase).count();
                n > 0 && rest[n..].starts_with('@')
            });
            assert!(!leftover, "a placeholder is left:\n{text}");
            assert!(text.contains(&format!("BRIEF_VERSION: {VERSION}\n")));
        }
        assert!(root.contains("working-directory: .\n") && root.contains("path: public\n"));
        assert!(sub.contains("working-directory: \"site/briefs\"\n"));
        assert!(sub.contains("path: \"site/briefs/public\"\n"));
        assert!(sub.contains("branches: [trunk]"));
    }
}
