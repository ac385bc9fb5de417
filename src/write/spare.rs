//! Write stage: the spare tree. The site before last is kept beside the output
//! (`.<name>.brief-spare`), sharing by hard link every file that did not change since; the next
//! build brings it up to date in place (touching only what changed) and swaps it with the
//! output. Creating and removing tens of thousands of folders is what made a fresh tree per
//! build slow (see BENCHMARKS.md); the spare keeps them.
//!
//! A file of the spare may be the very inode the live site serves, so nothing here ever writes
//! through a file: a file to change is unlinked and created anew.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::Path;

use super::previous::MARKER;

/// Makes room for a new file at `dest` under `root`: the folders above it exist (a file in the
/// way of one is removed) and nothing is left at `dest` itself.
pub(super) fn make_room(root: &Path, dest: &Path) -> io::Result<()> {
    if let Some(parent) = dest.parent()
        && let Ok(inner) = parent.strip_prefix(root)
    {
        let mut dir = root.to_path_buf();
        for part in inner.components() {
            dir.push(part);
            match fs::symlink_metadata(&dir) {
                Ok(m) if m.is_dir() => continue,
                Ok(_) => fs::remove_file(&dir)?,
                Err(_) => {}
            }
            match fs::create_dir(&dir) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
                _ => {}
            }
        }
    }
    match fs::symlink_metadata(dest) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(dest),
        Ok(_) => fs::remove_file(dest),
        Err(_) => Ok(()),
    }
}

/// Whether `dest` already is the file `src` (the same inode): nothing to do.
pub(super) fn already(dest: &Path, src: &fs::Metadata) -> bool {
    fs::symlink_metadata(dest).is_ok_and(|d| d.is_file() && same_inode(&d, src))
}

#[cfg(unix)]
fn same_inode(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    a.ino() == b.ino() && a.dev() == b.dev()
}

/// Without inode numbers, a file is always linked again.
#[cfg(not(unix))]
fn same_inode(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    false
}

/// Removes from `staging` every file that is neither one of the new site's (`produced`) nor
/// kept for the writer (`kept`, files and folders), then every folder left empty that is not
/// one of the writer's.
pub(super) fn prune(
    staging: &Path,
    produced: &HashSet<String>,
    kept: &HashSet<String>,
) -> io::Result<()> {
    for entry in walkdir::WalkDir::new(staging)
        .min_depth(1)
        .contents_first(true)
    {
        let entry = entry.map_err(io::Error::other)?;
        let Ok(rel) = entry.path().strip_prefix(staging) else {
            continue;
        };
        let key = rel.to_string_lossy().replace('\\', "/");
        if kept.contains(&key) {
            continue;
        }
        if entry.file_type().is_dir() {
            // Fails, harmlessly, while the folder still holds a page.
            fs::remove_dir(entry.path()).ok();
        } else if key != MARKER && !produced.contains(&key) {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_is_made_by_unlinking_never_by_writing_through() {
        let tmp = tempfile::tempdir().unwrap();
        let (live, spare) = (tmp.path().join("live"), tmp.path().join("spare"));
        fs::create_dir_all(&live).unwrap();
        fs::create_dir_all(spare.join("a")).unwrap();
        fs::write(live.join("page"), "live").unwrap();
        fs::hard_link(live.join("page"), spare.join("page")).unwrap();
        make_room(&spare, &spare.join("page")).unwrap();
        fs::write(spare.join("page"), "new").unwrap();
        assert_eq!(fs::read_to_string(live.join("page")).unwrap(), "live");
        // A file where a folder is needed, a folder where a file goes.
        fs::write(spare.join("b"), "file").unwrap();
        make_room(&spare, &spare.join("b/index.html")).unwrap();
        make_room(&spare, &spare.join("a")).unwrap();
        assert!(spare.join("b").is_dir() && !spare.join("a").exists());
    }

    #[test]
    fn pruning_keeps_the_site_the_marker_and_the_writers_files() {
        let tmp = tempfile::tempdir().unwrap();
        let s = tmp.path();
        for f in ["old/index.html", "new/index.html", "mine/notes.txt", MARKER] {
            fs::create_dir_all(s.join(f).parent().unwrap()).unwrap();
            fs::write(s.join(f), "").unwrap();
        }
        fs::create_dir_all(s.join("empty-of-mine")).unwrap();
        let produced: HashSet<String> = ["new/index.html".to_string()].into();
        let kept: HashSet<String> = ["mine", "mine/notes.txt", "empty-of-mine"]
            .map(String::from)
            .into();
        prune(s, &produced, &kept).unwrap();
        assert!(!s.join("old").exists());
        for f in ["new/index.html", "mine/notes.txt", MARKER, "empty-of-mine"] {
            assert!(s.join(f).exists(), "{f}");
        }
    }
}
