//! Write stage: the rendered site to disk, atomically, never touching what `brief` did not make.
//!
//! Files go into a fresh sibling folder (`.<name>.brief-new-<pid>`), packet by packet as the
//! pipeline renders them ([`Staging`]), and reach the output folder only when the whole build
//! succeeded; a build that fails removes the staging folder and leaves the output as it was.
//! A first build renames the staging folder into place. A rebuild over brief's previous
//! output stages only the files whose content changed and moves them into place one by one,
//! then removes the files the site no longer has (`write/update.rs`): unchanged files are not
//! rewritten. An existing output folder is used only when it carries brief's marker file (or
//! is empty), and an output folder that is, contains, or lies inside the project's sources is
//! refused.

mod update;

use std::collections::HashSet;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use anyhow::{Context as _, Result, bail};

use crate::render::{Content, Files};

/// The marker file that says a folder was written by brief and may be replaced.
pub const MARKER: &str = ".brief-output";

/// Refuses output folders that would put the project's own files at risk.
pub fn check_output(root: &Path, out: &Path) -> Result<()> {
    let root = fs::canonicalize(root)
        .with_context(|| format!("cannot open the project folder {}", root.display()))?;
    let out_abs = absolute(&root, out);
    let sources = ["content", "themes", ".git", "brief.yaml", ".github"];
    if root.starts_with(&out_abs) {
        bail!(
            "output folder {} is the project folder or contains it; choose a folder inside it such as `public`",
            out.display()
        );
    }
    for s in sources {
        if out_abs.starts_with(root.join(s)) {
            bail!(
                "output folder {} lies inside the project's `{s}`; choose another such as `public`",
                out.display()
            );
        }
    }
    Ok(())
}

/// `out` made absolute against `root`, with `.` and `..` resolved lexically (the folder may not
/// exist yet); symbolic links in the existing part are resolved.
fn absolute(root: &Path, out: &Path) -> PathBuf {
    let joined = if out.is_absolute() {
        out.to_path_buf()
    } else {
        root.join(out)
    };
    let mut p = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::ParentDir => {
                p.pop();
            }
            std::path::Component::CurDir => {}
            other => p.push(other),
        }
    }
    // Resolve symlinks of the longest existing ancestor.
    let mut existing = p.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(n) => rest.push(n.to_os_string()),
            None => break,
        }
        existing.pop();
    }
    let mut resolved = fs::canonicalize(&existing).unwrap_or(existing);
    for n in rest.into_iter().rev() {
        resolved.push(n);
    }
    resolved
}

/// A site being written: a staging folder beside the output, moved in by [`Staging::commit`].
/// Dropped without a commit, it removes itself and leaves the previous output as it was.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    /// The output folder is brief's previous output: stage only what changed.
    update: bool,
    /// Every path of the new site (kept when updating, to remove what it no longer has).
    produced: Mutex<HashSet<String>>,
    committed: bool,
}

impl Staging {
    /// Checks `out` (relative to `root` unless absolute) and creates the empty staging folder.
    pub fn create(root: &Path, out: &Path) -> Result<Staging> {
        check_output(root, out)?;
        let out = absolute(&fs::canonicalize(root)?, out);
        if out.exists()
            && !out.join(MARKER).is_file()
            && fs::read_dir(&out)
                .map(|mut d| d.next().is_some())
                .unwrap_or(true)
        {
            bail!(
                "{} exists and was not written by brief (it has no {MARKER} file); brief will not replace it. Move it away or set another `output_dir`",
                out.display()
            );
        }
        let parent = out.parent().context("output folder has no parent")?;
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let name = out
            .file_name()
            .context("output folder has no name")?
            .to_string_lossy()
            .into_owned();
        let dir = parent.join(format!(".{name}.brief-new-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).ok();
        }
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        // A real folder (not a link to one) with the marker: brief's previous output.
        let update =
            fs::symlink_metadata(&out).is_ok_and(|m| m.is_dir()) && out.join(MARKER).is_file();
        let staging = Staging {
            dir,
            out,
            update,
            produced: Mutex::default(),
            committed: false,
        };
        if !update {
            fs::write(
                staging.dir.join(MARKER),
                "This folder is generated by brief; `brief build` replaces its content.\n",
            )
            .with_context(|| format!("cannot write in {}", staging.dir.display()))?;
        }
        Ok(staging)
    }

    /// Writes `files` into the staging folder, on every core. Safe to call from several threads
    /// at once.
    pub fn write(&self, files: &Files) -> Result<()> {
        use rayon::prelude::*;
        if self.update {
            self.produced
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .extend(files.keys().cloned());
        }
        files.par_iter().try_for_each(|(path, content)| {
            if self.update && update::same(&self.out.join(path), content) {
                return Ok(());
            }
            write_one(&self.dir.join(path), content)
        })
    }

    /// Moves the new site into place: the staged files over brief's previous output (then
    /// what the site no longer has is removed), or else the staging folder itself.
    pub fn commit(mut self) -> Result<()> {
        if self.update {
            let produced = std::mem::take(
                self.produced
                    .get_mut()
                    .unwrap_or_else(PoisonError::into_inner),
            );
            update::apply(&self.dir, &self.out, &produced)?;
            self.committed = true;
            remove_tree(&self.dir);
            return Ok(());
        }
        let out = self.out.clone();
        let parent = out.parent().context("output folder has no parent")?;
        let name = out.file_name().context("output folder has no name")?;
        let old = parent.join(format!(
            ".{}.brief-old-{}",
            name.to_string_lossy(),
            std::process::id()
        ));
        if out.exists() {
            fs::rename(&out, &old).with_context(|| {
                format!("cannot move the previous output {} aside", out.display())
            })?;
        }
        if let Err(e) = fs::rename(&self.dir, &out) {
            if old.exists() {
                fs::rename(&old, &out).ok();
            }
            return Err(e)
                .with_context(|| format!("cannot move the new site into {}", out.display()));
        }
        self.committed = true;
        if old.exists() {
            remove_tree(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            fs::remove_dir_all(&self.dir).ok();
        }
    }
}

/// Writes one file, creating its folder (another thread may be creating it too: that is fine).
fn write_one(dest: &Path, content: &Content) -> Result<()> {
    if let Some(p) = dest.parent() {
        fs::create_dir_all(p).with_context(|| format!("cannot create {}", p.display()))?;
    }
    match content {
        Content::Bytes(b) => {
            let mut f = fs::File::create(dest)
                .with_context(|| format!("cannot write {}", dest.display()))?;
            f.write_all(b)
                .with_context(|| format!("cannot write {}", dest.display()))
        }
        // Copy contents only: the output holds regular files, never links.
        Content::Copy(src) => fs::copy(src, dest)
            .map(drop)
            .with_context(|| format!("cannot copy {} to {}", src.display(), dest.display())),
    }
}

/// Removes a folder brief wrote, its top-level entries in parallel (a large site has thousands).
fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    if let Ok(entries) = fs::read_dir(dir) {
        let paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.par_iter().for_each(|p| {
            if fs::symlink_metadata(p).is_ok_and(|m| m.is_dir()) {
                fs::remove_dir_all(p).ok();
            } else {
                fs::remove_file(p).ok();
            }
        });
    }
    fs::remove_dir_all(dir).ok();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_output_folders_are_refused() {
        let tmp = std::env::temp_dir().join(format!("brief-write-test-{}", std::process::id()));
        fs::create_dir_all(tmp.join("content")).unwrap();
        assert!(check_output(&tmp, Path::new(".")).is_err());
        assert!(check_output(&tmp, Path::new("..")).is_err());
        assert!(check_output(&tmp, Path::new("/")).is_err());
        assert!(check_output(&tmp, Path::new("content")).is_err());
        assert!(check_output(&tmp, Path::new("content/x/../y")).is_err());
        assert!(check_output(&tmp, Path::new("public")).is_ok());
        assert!(check_output(&tmp, Path::new("../elsewhere")).is_ok());
        fs::remove_dir_all(&tmp).ok();
    }
}
