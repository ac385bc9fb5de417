//! Write stage: committing a staged site. Everything in the output folder brief did not write
//! is linked into the staging folder (the spare), the marker lists the new site's files, then
//! one atomic swap of the two folders makes the new site live: whatever kills the build, the
//! output is the previous site or the new one, never a mix.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

#[cfg(test)]
use super::previous::Listed;
use super::previous::{MARKER, Previous};
use super::spare;

/// What [`keep`] found.
#[derive(Debug, Default)]
pub(super) struct Kept {
    /// What was kept, as the writer would name it (`CNAME`, `.git/`, `notes/todo.txt`),
    /// outermost entries only.
    pub shown: Vec<String>,
    /// Every kept path, files and folders, `/`-separated.
    pub all: HashSet<String>,
}

/// Links into `staging` everything of `out` that brief did not write, refusing to put a page
/// where such a file is.
pub(super) fn keep(
    out: &Path,
    staging: &Path,
    previous: &Previous,
    produced: &HashSet<String>,
    shown: &Path,
) -> Result<Kept> {
    let folders = super::previous::folders_of(produced.iter().map(String::as_str));
    let mut kept = Kept::default();
    let cx = Keep {
        out,
        staging,
        previous,
        produced,
        folders: &folders,
        shown,
    };
    cx.visit("", &mut kept)?;
    Ok(kept)
}

/// What [`keep`] walks with.
struct Keep<'a> {
    out: &'a Path,
    staging: &'a Path,
    previous: &'a Previous,
    produced: &'a HashSet<String>,
    /// Every folder the new site has.
    folders: &'a HashSet<&'a str>,
    shown: &'a Path,
}

impl Keep<'_> {
    fn visit(&self, dir: &str, kept: &mut Kept) -> Result<()> {
        let Ok(entries) = fs::read_dir(self.out.join(dir)) else {
            return Ok(());
        };
        let mut entries: Vec<fs::DirEntry> = entries.flatten().collect();
        entries.sort_by_key(fs::DirEntry::file_name);
        for e in entries {
            let name = e.file_name().to_string_lossy().into_owned();
            let key = if dir.is_empty() {
                name
            } else {
                format!("{dir}/{name}")
            };
            if key == MARKER {
                continue;
            }
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            if is_dir && self.previous.wrote_under(&key, self.folders) {
                self.visit(&key, kept)?;
                continue;
            }
            if !is_dir && self.previous.wrote(&key, self.produced) {
                continue;
            }
            let clash = self.produced.contains(&key) || (!is_dir && self.folders.contains(&*key));
            if clash {
                bail!(
                    "{}/{key} was not written by brief, but the new site has a {} there; move it out of {} (brief never replaces what it did not write)",
                    self.shown.display(),
                    if self.produced.contains(&key) {
                        "file"
                    } else {
                        "folder"
                    },
                    self.shown.display()
                );
            }
            link_all(&e.path(), self.staging, &key, &mut kept.all)
                .with_context(|| format!("cannot keep {}/{key}", self.shown.display()))?;
            kept.shown
                .push(if is_dir { format!("{key}/") } else { key });
        }
        Ok(())
    }
}

/// Puts `src` (a file, a link, or a folder and everything in it) at `key` under `staging`, by
/// hard links, so nothing is copied and each file keeps its inode and modification time;
/// what is already there as the same file is left alone. Every path put is added to `all`.
fn link_all(src: &Path, staging: &Path, key: &str, all: &mut HashSet<String>) -> io::Result<()> {
    let meta = fs::symlink_metadata(src)?;
    let dest = staging.join(key);
    all.insert(key.to_string());
    if !meta.is_dir() {
        if meta.is_file() && spare::already(&dest, &meta) {
            return Ok(());
        }
        spare::make_room(staging, &dest)?;
        return link_one(src, &dest, &meta);
    }
    if !fs::symlink_metadata(&dest).is_ok_and(|m| m.is_dir()) {
        spare::make_room(staging, &dest)?;
        fs::create_dir(&dest)?;
    }
    fs::set_permissions(&dest, meta.permissions())?;
    for e in fs::read_dir(src)? {
        let e = e?;
        let child = format!("{key}/{}", e.file_name().to_string_lossy());
        link_all(&e.path(), staging, &child, all)?;
    }
    Ok(())
}

/// `src` at `dest` (where nothing is): a hard link of a file (a copy with its modification time
/// where the file system has no hard links), a new link with the same target for a symbolic
/// link.
pub(super) fn link_one(src: &Path, dest: &Path, meta: &fs::Metadata) -> io::Result<()> {
    if meta.file_type().is_symlink() {
        let target = fs::read_link(src)?;
        #[cfg(unix)]
        return std::os::unix::fs::symlink(target, dest);
        #[cfg(not(unix))]
        return fs::copy(src, dest).map(drop);
    }
    if !meta.is_file() {
        return Err(io::Error::other(
            "not a file, folder or link (brief keeps only those)",
        ));
    }
    if fs::hard_link(src, dest).is_ok() {
        return Ok(());
    }
    fs::copy(src, dest)?;
    let f = fs::File::options().write(true).open(dest)?;
    f.set_modified(meta.modified()?)
}

/// How the new site was put in place.
#[derive(Debug)]
pub(super) enum Swapped {
    /// There was no output folder: the staging folder was renamed to it.
    Renamed,
    /// The two folders were exchanged in one step: the staging path holds the previous site.
    Exchanged,
    /// Where an exchange is not available: the previous site was renamed aside (to this path),
    /// then the staging folder renamed into place.
    MovedAside(PathBuf),
}

/// Makes `staging` the output folder `out`, atomically where the system can exchange two
/// folders (Linux `renameat2`, macOS `renamex_np`); elsewhere by two renames, between which a
/// killed build leaves the previous site aside (`aside`), which the next build puts back.
pub(super) fn swap(staging: &Path, out: &Path, aside: &Path) -> Result<Swapped> {
    if fs::symlink_metadata(out).is_err() {
        fs::rename(staging, out)
            .with_context(|| format!("cannot move the new site into {}", out.display()))?;
        return Ok(Swapped::Renamed);
    }
    // Test hook: take the two-rename path, as on a system without an exchange.
    let exchanged = if std::env::var_os("BRIEF_TEST_NO_EXCHANGE").is_some() {
        Err(io::ErrorKind::Unsupported.into())
    } else {
        exchange(staging, out)
    };
    match exchanged {
        Ok(()) => return Ok(Swapped::Exchanged),
        Err(e) if !unsupported(&e) => {
            return Err(e)
                .with_context(|| format!("cannot move the new site into {}", out.display()));
        }
        Err(_) => {}
    }
    fs::rename(out, aside)
        .with_context(|| format!("cannot move the previous output {} aside", out.display()))?;
    super::guard::pause("aside");
    if let Err(e) = fs::rename(staging, out) {
        fs::rename(aside, out).ok();
        return Err(e).with_context(|| format!("cannot move the new site into {}", out.display()));
    }
    Ok(Swapped::MovedAside(aside.to_path_buf()))
}

/// The file system or the system cannot exchange two folders (as opposed to a real failure).
fn unsupported(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::Unsupported
        || matches!(e.raw_os_error(), Some(c) if c == rustix::io::Errno::INVAL.raw_os_error()
            || c == rustix::io::Errno::NOSYS.raw_os_error()
            || c == rustix::io::Errno::NOTSUP.raw_os_error())
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swapping_exchanges_two_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("new"), "").unwrap();
        fs::write(b.join("old"), "").unwrap();
        let swapped = swap(&a, &b, &tmp.path().join("aside")).unwrap();
        assert!(b.join("new").is_file());
        match swapped {
            Swapped::Exchanged => assert!(a.join("old").is_file()),
            Swapped::MovedAside(p) => assert!(p.join("old").is_file()),
            Swapped::Renamed => panic!("b existed"),
        }
    }

    #[test]
    fn kept_files_are_linked_not_copied() {
        let tmp = tempfile::tempdir().unwrap();
        let (out, staging) = (tmp.path().join("out"), tmp.path().join("new"));
        fs::create_dir_all(out.join(".git/objects")).unwrap();
        fs::write(out.join(".git/objects/x"), "git").unwrap();
        fs::write(out.join("CNAME"), "example.org").unwrap();
        fs::write(out.join("stale.html"), "old page").unwrap();
        fs::write(out.join(MARKER), "").unwrap();
        fs::create_dir(&staging).unwrap();
        let previous = Previous::Brief(Some(Listed::new(["stale.html".to_string()].into())));
        let produced: HashSet<String> = ["index.html".to_string()].into();
        let kept = keep(&out, &staging, &previous, &produced, Path::new("out")).unwrap();
        assert_eq!(kept.shown, [".git/", "CNAME"]);
        assert!(kept.all.contains(".git/objects/x") && kept.all.contains(".git/objects"));
        assert!(!staging.join("stale.html").exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            let ino = |p: &Path| fs::metadata(p).unwrap().ino();
            assert_eq!(ino(&out.join("CNAME")), ino(&staging.join("CNAME")));
            assert_eq!(
                ino(&out.join(".git/objects/x")),
                ino(&staging.join(".git/objects/x"))
            );
        }
    }

    #[test]
    fn a_page_never_replaces_a_file_brief_did_not_write() {
        let tmp = tempfile::tempdir().unwrap();
        let (out, staging) = (tmp.path().join("out"), tmp.path().join("new"));
        fs::create_dir_all(&out).unwrap();
        fs::create_dir_all(&staging).unwrap();
        fs::write(out.join("about.html"), "mine").unwrap();
        fs::write(out.join("p"), "a file where the site needs a folder").unwrap();
        let previous = Previous::Brief(Some(Listed::default()));
        let produced: HashSet<String> = ["about.html".to_string()].into();
        let e = keep(&out, &staging, &previous, &produced, Path::new("out")).unwrap_err();
        assert!(
            e.to_string()
                .contains("out/about.html was not written by brief")
        );
        let produced: HashSet<String> = ["p/index.html".to_string()].into();
        fs::remove_file(out.join("about.html")).unwrap();
        let e = keep(&out, &staging, &previous, &produced, Path::new("out")).unwrap_err();
        assert!(e.to_string().contains("has a folder there"), "{e}");
    }
}
