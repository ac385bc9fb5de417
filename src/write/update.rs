//! Write stage: rebuilding over an output folder brief wrote before, file by file.
//!
//! Only the files whose content changed are written (into the staging folder, then renamed
//! into place); an unchanged file is left as it is, with its modification time, so deploy
//! tools such as `rsync` send only what changed. Files the new site no longer has are removed.
//! Deleting and creating tens of thousands of files can cost more than rendering them (see
//! BENCHMARKS.md), and a rebuild usually changes a few packets.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use anyhow::{Context as _, Result};

use super::MARKER;
use crate::render::Content;

/// Whether `dest` is a regular file holding exactly `content`.
pub fn same(dest: &Path, content: &Content) -> bool {
    let Ok(meta) = fs::symlink_metadata(dest) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    match content {
        Content::Bytes(b) => {
            meta.len() == b.len() as u64 && fs::read(dest).is_ok_and(|old| old == *b)
        }
        Content::Copy(src) => {
            fs::metadata(src).is_ok_and(|m| m.len() == meta.len())
                && matches!((fs::read(src), fs::read(dest)), (Ok(a), Ok(b)) if a == b)
        }
    }
}

/// Moves every file of `staging` to the same place under `out`, then removes from `out` every
/// file that `produced` (the new site's paths, `/`-separated) does not list, and the folders
/// left empty.
pub fn apply(staging: &Path, out: &Path, produced: &HashSet<String>) -> Result<()> {
    for entry in walkdir::WalkDir::new(staging)
        .min_depth(1)
        .sort_by_file_name()
    {
        let entry = entry.with_context(|| format!("cannot read {}", staging.display()))?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(staging)?;
        let dest = out.join(rel);
        make_room(out, &dest)?;
        fs::rename(entry.path(), &dest).with_context(|| {
            format!(
                "cannot move {} into place; {} is partly updated, build again",
                rel.display(),
                out.display()
            )
        })?;
    }
    remove_stale(out, produced)
}

/// Makes the folders above `dest` exist under `out` and leaves no folder at `dest` itself. A
/// file where a folder is needed, or a folder where a file goes, is an old page of brief's
/// output: it is removed.
fn make_room(out: &Path, dest: &Path) -> Result<()> {
    let mut dir = out.to_path_buf();
    if let Some(parent) = dest.parent().and_then(|p| p.strip_prefix(out).ok()) {
        for part in parent.components() {
            dir.push(part);
            match fs::symlink_metadata(&dir) {
                Ok(m) if m.is_dir() => continue,
                Ok(_) => fs::remove_file(&dir)
                    .with_context(|| format!("cannot replace {}", dir.display()))?,
                Err(_) => {}
            }
            fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
    }
    if fs::symlink_metadata(dest).is_ok_and(|m| m.is_dir()) {
        fs::remove_dir_all(dest).with_context(|| format!("cannot replace {}", dest.display()))?;
    }
    Ok(())
}

/// Removes what the new site does not have: files not in `produced` (brief's marker stays),
/// then every folder left empty.
fn remove_stale(out: &Path, produced: &HashSet<String>) -> Result<()> {
    for entry in walkdir::WalkDir::new(out).min_depth(1).contents_first(true) {
        let entry = entry.with_context(|| format!("cannot read {}", out.display()))?;
        let rel = entry.path().strip_prefix(out)?;
        let key = rel.to_string_lossy().replace('\\', "/");
        if entry.file_type().is_dir() {
            // Fails, harmlessly, while the folder still holds a page.
            fs::remove_dir(entry.path()).ok();
        } else if key != MARKER && !produced.contains(&key) {
            fs::remove_file(entry.path())
                .with_context(|| format!("cannot remove the old {}", entry.path().display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_and_a_folder_may_trade_places() {
        let tmp = tempfile::tempdir().unwrap();
        let (staging, out) = (tmp.path().join("new"), tmp.path().join("out"));
        fs::create_dir_all(staging.join("a")).unwrap();
        fs::write(staging.join("a/index.html"), "page").unwrap();
        fs::write(staging.join("b"), "file").unwrap();
        fs::create_dir_all(out.join("b")).unwrap();
        fs::write(out.join("b/index.html"), "old page").unwrap();
        fs::write(out.join("a"), "old file").unwrap();
        fs::write(out.join("stale.txt"), "old").unwrap();
        fs::write(out.join(MARKER), "").unwrap();
        let produced: HashSet<String> = ["a/index.html", "b"].map(String::from).into();
        apply(&staging, &out, &produced).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("a/index.html")).unwrap(),
            "page"
        );
        assert_eq!(fs::read_to_string(out.join("b")).unwrap(), "file");
        assert!(!out.join("stale.txt").exists());
        assert!(out.join(MARKER).is_file());
    }

    #[test]
    fn same_compares_content_not_just_size() {
        let tmp = tempfile::tempdir().unwrap();
        let f = tmp.path().join("f");
        fs::write(&f, "abc").unwrap();
        assert!(same(&f, &Content::Bytes(b"abc".to_vec())));
        assert!(!same(&f, &Content::Bytes(b"abd".to_vec())));
        assert!(!same(
            &tmp.path().join("missing"),
            &Content::Bytes(Vec::new())
        ));
        assert!(!same(tmp.path(), &Content::Bytes(Vec::new())));
    }
}
