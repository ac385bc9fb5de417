//! Write stage: the rendered site to disk, atomically, never touching what `brief` did not make.
//!
//! Files go into the staging folder beside the output, packet by packet as the pipeline
//! renders them ([`Staging`]). The staging folder is the spare tree (`spare.rs`): the site
//! before last, brought up to date in place, where a file unchanged since the previous build
//! is a hard link to the live one (same inode, same modification time). At the commit,
//! everything in the output folder that brief did not write (its marker lists what it wrote)
//! is linked in too, then the staging folder and the output folder are exchanged in one step
//! (`commit.rs`): the output is the previous site or the new one, whatever kills the build,
//! and the previous site becomes the next spare. A build that fails or is stopped leaves the
//! output as it was; one lock per output folder keeps two builds apart, and the next build
//! removes what a killed one left (`guard.rs`). An output folder that is, contains, or lies
//! inside the project's sources is refused, and so is a folder someone else filled.

mod commit;
pub mod guard;
mod previous;
mod spare;

use std::collections::HashSet;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use anyhow::{Context as _, Result, bail};

use crate::render::{Content, Files};

pub use previous::MARKER;
use previous::Previous;

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

/// A site being written into the staging folder beside the output, moved in by
/// [`Staging::commit`]. Dropped without a commit, it leaves the output as it was.
#[derive(Debug)]
pub struct Staging {
    /// The staging folder: the spare tree, `.<name>.brief-spare` beside the output.
    dir: PathBuf,
    /// The output folder, symbolic links resolved (the folder a link points to is replaced).
    out: PathBuf,
    /// The output folder as the writer named it, `~` expanded, for messages.
    shown: PathBuf,
    /// What the output folder held before.
    previous: Previous,
    /// Every path of the new site.
    produced: Mutex<HashSet<String>>,
    /// What the start found and did about earlier, killed builds.
    tidied: guard::Tidied,
    _lock: guard::Lock,
}

/// What a commit did besides putting the new site in place.
#[derive(Debug)]
pub struct Committed {
    /// The output folder as the writer named it (`~` expanded).
    pub output: PathBuf,
    /// Entries of the output folder brief did not write, kept (outermost only; folders end in `/`).
    pub kept: Vec<String>,
    /// Folders left by killed builds and removed.
    pub removed_leftovers: usize,
    /// The previous site, set aside by a killed build, was put back first.
    pub restored: bool,
}

impl Staging {
    /// Checks `out` (relative to `root` unless absolute; `~` is the home folder), waits for the
    /// output's lock, removes what killed builds left, and opens the staging folder.
    pub fn create(root: &Path, out: &Path) -> Result<Staging> {
        let shown = expand_home(out)?;
        check_output(root, &shown)?;
        let out = absolute(&fs::canonicalize(root)?, &shown);
        let parent = out.parent().context("output folder has no parent")?;
        let name = out
            .file_name()
            .context("output folder has no name")?
            .to_string_lossy()
            .into_owned();
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let lock = guard::lock(parent, &name)?;
        let tidied = guard::tidy(parent, &name, &out)?;
        if fs::symlink_metadata(&out).is_ok_and(|m| !m.is_dir()) {
            bail!(
                "{} is a file, not a folder; brief will not replace it. Move it away or set another `output_dir`",
                shown.display()
            );
        }
        let previous = Previous::of(&out, &shown)?;
        let dir = parent.join(guard::spare_name(&name));
        match fs::symlink_metadata(&dir) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => fs::remove_file(&dir)
                .with_context(|| format!("cannot replace {}", dir.display()))?,
            Err(_) => {}
        }
        if !dir.is_dir() {
            fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        Ok(Staging {
            dir,
            out,
            shown,
            previous,
            produced: Mutex::default(),
            tidied,
            _lock: lock,
        })
    }

    /// Writes `files` into the staging folder, on every core: a file unchanged since the
    /// previous build is a hard link to the live one (already there, most often), a changed
    /// one is written anew. Safe to call from several threads at once.
    pub fn write(&self, files: &Files) -> Result<()> {
        use rayon::prelude::*;
        self.produced
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend(files.keys().cloned());
        files.par_iter().try_for_each(|(path, content)| {
            if guard::interrupted() {
                bail!("interrupted");
            }
            let dest = self.dir.join(path);
            let old = self.out.join(path);
            let cannot = || format!("cannot write {}", dest.display());
            if self.previous.reusable(path)
                && let Some(meta) = same(&old, content)
            {
                if spare::already(&dest, &meta) {
                    return Ok(());
                }
                spare::make_room(&self.dir, &dest).with_context(cannot)?;
                return commit::link_one(&old, &dest, &meta).with_context(cannot);
            }
            spare::make_room(&self.dir, &dest).with_context(cannot)?;
            write_one(&dest, content)
        })
    }

    /// Moves the new site into place, keeping what brief did not write.
    pub fn commit(mut self) -> Result<Committed> {
        let produced = std::mem::take(
            self.produced
                .get_mut()
                .unwrap_or_else(PoisonError::into_inner),
        );
        let kept = commit::keep(&self.out, &self.dir, &self.previous, &produced, &self.shown)?;
        spare::prune(&self.dir, &produced, &kept.all)
            .with_context(|| format!("cannot tidy {}", self.dir.display()))?;
        let marker = self.dir.join(MARKER);
        spare::make_room(&self.dir, &marker)
            .and_then(|()| fs::write(&marker, previous::marker(&produced)))
            .with_context(|| format!("cannot write in {}", self.dir.display()))?;
        guard::pause("staged");
        let aside = self.dir.with_file_name(guard::aside_name(&self.out_name()));
        {
            let _no_signals = guard::commit_guard()?;
            if let commit::Swapped::MovedAside(old) = commit::swap(&self.dir, &self.out, &aside)? {
                // The previous site is the next spare.
                fs::rename(&old, &self.dir).ok();
            }
        }
        guard::pause("swapped");
        Ok(Committed {
            output: self.shown.clone(),
            kept: kept.shown,
            removed_leftovers: self.tidied.removed,
            restored: self.tidied.restored,
        })
    }

    fn out_name(&self) -> String {
        self.out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// The metadata of `dest` when it is a regular file holding exactly `content`.
fn same(dest: &Path, content: &Content) -> Option<fs::Metadata> {
    let meta = fs::symlink_metadata(dest).ok()?;
    if !meta.is_file() {
        return None;
    }
    let equal = match content {
        Content::Bytes(_) | Content::Shared(_) => {
            let b = content.data().unwrap_or_default();
            meta.len() == b.len() as u64 && fs::read(dest).is_ok_and(|old| old == b)
        }
        Content::Copy(src) => {
            fs::metadata(src).is_ok_and(|m| m.len() == meta.len())
                && matches!((fs::read(src), fs::read(dest)), (Ok(a), Ok(b)) if a == b)
        }
    };
    equal.then_some(meta)
}

/// `~` and `~/…` as a shell expands them (the home folder); `~name` is refused with a hint.
pub fn expand_home(path: &Path) -> Result<PathBuf> {
    let Some(first) = path.components().next() else {
        return Ok(path.to_path_buf());
    };
    let first = first.as_os_str().to_string_lossy();
    if !first.starts_with('~') {
        return Ok(path.to_path_buf());
    }
    if first != "~" {
        bail!(
            "output folder `{}`: brief expands `~` (your home folder) but not `{first}`; write the full path",
            path.display()
        );
    }
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .filter(|h| !h.is_empty())
        .context("the output folder starts with `~`, but HOME is not set; write the full path")?;
    let rest: PathBuf = path.components().skip(1).collect();
    Ok(PathBuf::from(home).join(rest))
}

/// Writes one new file (its folder made by [`spare::make_room`]).
fn write_one(dest: &Path, content: &Content) -> Result<()> {
    match content {
        Content::Bytes(_) | Content::Shared(_) => {
            let b = content.data().unwrap_or_default();
            let mut f = fs::File::create_new(dest)
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
pub(crate) fn remove_tree(dir: &Path) {
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
