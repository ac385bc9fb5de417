//! Serve stage: watching `content/`, `themes/` and `brief.yaml`, debounced.
//!
//! Editors save in many ways (in place, write-and-rename, swap and backup files); each save is
//! a burst of file events. A batch opens with the first event on a source file and closes once
//! such events have stopped for [`QUIET`]; [`classify`] then drops the scratch
//! files and keeps the packets that changed. Events that arrive during a rebuild open the next
//! batch.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecursiveMode, Watcher};

use crate::pipeline::{Change, classify};

/// How long source files must stay untouched before a batch of changes is rebuilt.
///
/// 30 ms, not the 100 ms that is usual, so that save-to-reload stays under 100 ms. It folds
/// every editor save sequence into one batch with a wide margin: within one save the events
/// that matter come less than 1 ms apart (truncate then write; vim's rename to a backup, new
/// file, write; a swap file renamed over), and the farthest apart, vim's fsync before closing,
/// about 4 ms (measured with inotify on Linux). Swap and backup files never open or extend a
/// batch. A save that still straddles a batch (a very slow disk) costs one more rebuild, never a
/// wrong site: every rebuild reads the files as they are.
pub(super) const QUIET: Duration = Duration::from_millis(30);

/// A batch closes at the latest this long after it opened, even if files keep changing.
const LONGEST: Duration = Duration::from_millis(500);

/// A watch on the project's sources, started before the first build so that no save is
/// missed; the changes it sees wait in its queue until [`Watching::run`].
pub(super) struct Watching {
    root: PathBuf,
    watcher: notify::RecommendedWatcher,
    rx: mpsc::Receiver<notify::Result<Event>>,
    watched: Vec<PathBuf>,
}

impl Watching {
    /// Starts watching the project at `root`; `None` (said on stderr) when the system cannot.
    pub(super) fn start(root: &Path) -> Option<Watching> {
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let (tx, rx) = mpsc::channel();
        let mut watcher = match notify::recommended_watcher(tx) {
            Ok(w) => w,
            Err(e) => {
                eprintln!(
                    "error: cannot watch {} for changes: {e}; the preview will not update",
                    root.display()
                );
                return None;
            }
        };
        if let Err(e) = watcher.watch(&root, RecursiveMode::NonRecursive) {
            eprintln!("error: cannot watch {}: {e}", root.display());
        }
        let mut watched: Vec<PathBuf> = Vec::new();
        watch_sources(&mut watcher, &root, &mut watched, false);
        Some(Watching {
            root,
            watcher,
            rx,
            watched,
        })
    }

    /// Calls `on_change` for every batch that matters, until the watcher stops.
    pub(super) fn run(self, on_change: impl FnMut(Change)) {
        let Watching {
            root,
            mut watcher,
            rx,
            mut watched,
        } = self;
        batches(&root, &mut watcher, &rx, &mut watched, on_change);
    }
}

/// The loop of [`Watching::run`].
fn batches(
    root: &Path,
    watcher: &mut notify::RecommendedWatcher,
    rx: &mpsc::Receiver<notify::Result<Event>>,
    watched: &mut Vec<PathBuf>,
    mut on_change: impl FnMut(Change),
) {
    let root = root.to_path_buf();
    let mut batch = Batch::default();
    loop {
        // Wait for a change that matters, then for the quiet that ends the batch.
        let Ok(first) = rx.recv() else { return };
        if !batch.add(first, &root) {
            continue;
        }
        let opened = Instant::now();
        let mut last = opened;
        loop {
            let close = (last + QUIET).min(opened + LONGEST);
            let Some(wait) = close.checked_duration_since(Instant::now()) else {
                break;
            };
            match rx.recv_timeout(wait) {
                Ok(event) => {
                    if batch.add(event, &root) {
                        last = Instant::now();
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let batch = std::mem::take(&mut batch);
        // A content/ or themes/ folder created (or replaced) is watched from now on.
        watch_sources(watcher, &root, watched, batch.folders);
        let change = if batch.rescan {
            Some(Change::All)
        } else {
            classify(batch.paths.iter().map(PathBuf::as_path))
        };
        if let Some(change) = change {
            on_change(change);
        }
    }
}

/// The changes gathered since the last rebuild.
#[derive(Debug, Default)]
struct Batch {
    /// Changed paths, relative to the root.
    paths: Vec<PathBuf>,
    /// Events were lost: rebuild everything.
    rescan: bool,
    /// `content/` or `themes/` itself was created, removed or renamed.
    folders: bool,
}

impl Batch {
    /// Adds an event; `true` when it changed a source file (a swap or backup file, or reading a
    /// file as every rebuild does, is not a change).
    fn add(&mut self, event: notify::Result<Event>, root: &Path) -> bool {
        let event = match event {
            Ok(e) => e,
            Err(e) => {
                eprintln!("warning: file watcher: {e}");
                return false;
            }
        };
        if event.need_rescan() {
            self.rescan = true;
            return true;
        }
        if matches!(event.kind, EventKind::Access(_)) {
            return false;
        }
        let mut matters = false;
        for path in &event.paths {
            let Ok(rel) = path.strip_prefix(root) else {
                continue;
            };
            if classify([rel]).is_some() {
                matters = true;
                self.folders |= rel == Path::new("content") || rel == Path::new("themes");
                self.paths.push(rel.to_path_buf());
            }
        }
        matters
    }
}

/// Watches `content/` and `themes/` (recursively) when they exist and are not watched yet, or
/// again when `renewed` (the folder may have been replaced).
fn watch_sources(
    watcher: &mut impl Watcher,
    root: &Path,
    watched: &mut Vec<PathBuf>,
    renewed: bool,
) {
    for dir in ["content", "themes"] {
        let path = root.join(dir);
        let known = watched.contains(&path);
        if known && renewed {
            let _ = watcher.unwatch(&path);
            watched.retain(|p| p != &path);
        }
        if (renewed || !known) && path.is_dir() {
            match watcher.watch(&path, RecursiveMode::Recursive) {
                Ok(()) => watched.push(path),
                Err(e) => eprintln!("error: cannot watch {}: {e}", path.display()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::Receiver;

    /// A project with one packet, watched on a thread; returns the batches it reports.
    fn watched() -> (tempfile::TempDir, PathBuf, Receiver<Change>) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content/a")).unwrap();
        std::fs::write(root.join("content/a/article.md"), "First.\n").unwrap();
        let (tx, rx) = mpsc::channel();
        let watching = Watching::start(&root).unwrap();
        std::thread::spawn(move || {
            watching.run(|c| {
                let _ = tx.send(c);
            })
        });
        (dir, root, rx)
    }

    fn only_a() -> Change {
        Change::Packets(["a".to_string()].into_iter().collect())
    }

    /// Every batch until none comes for a while.
    fn batches(rx: &Receiver<Change>) -> Vec<Change> {
        let mut out = Vec::new();
        while let Ok(c) = rx.recv_timeout(Duration::from_millis(500)) {
            out.push(c);
        }
        out
    }

    /// Saves with `save`; a save that took less than [`QUIET`] must come as one batch (a
    /// slower one, on a loaded machine, may come as two).
    fn one_batch(rx: &Receiver<Change>, save: impl FnOnce()) {
        let start = Instant::now();
        save();
        let took = start.elapsed();
        let seen = batches(rx);
        assert!(
            !seen.is_empty() && seen.iter().all(|c| *c == only_a()),
            "{seen:?}"
        );
        assert!(seen.len() == 1 || took >= QUIET, "{seen:?} after {took:?}");
    }

    #[test]
    fn each_way_of_saving_is_one_batch() {
        let (_dir, root, rx) = watched();
        let dir = root.join("content/a");
        let art = dir.join("article.md");
        one_batch(&rx, || std::fs::write(&art, "In place.\n").unwrap());
        // The vim way: a probe file, the original renamed to a backup, a new file, the backup
        // removed.
        one_batch(&rx, || {
            std::fs::write(dir.join("4913"), "").unwrap();
            std::fs::remove_file(dir.join("4913")).unwrap();
            std::fs::rename(&art, dir.join("article.md~")).unwrap();
            std::fs::write(&art, "Renamed.\n").unwrap();
            std::fs::remove_file(dir.join("article.md~")).unwrap();
        });
        // A swap file renamed over the article.
        one_batch(&rx, || {
            std::fs::write(dir.join(".article.md.swp"), "Swapped.\n").unwrap();
            std::fs::rename(dir.join(".article.md.swp"), &art).unwrap();
        });
    }

    #[test]
    fn swap_and_backup_files_alone_change_nothing() {
        let (_dir, root, rx) = watched();
        let dir = root.join("content/a");
        std::fs::write(dir.join(".article.md.swp"), "x").unwrap();
        std::fs::write(dir.join("article.md~"), "x").unwrap();
        std::fs::write(dir.join("#article.md#"), "x").unwrap();
        std::fs::remove_file(dir.join(".article.md.swp")).unwrap();
        assert_eq!(batches(&rx), vec![]);
    }

    #[test]
    fn a_recreated_content_folder_is_watched_again() {
        let (_dir, root, rx) = watched();
        std::fs::remove_dir_all(root.join("content")).unwrap();
        assert_eq!(batches(&rx), vec![Change::All]);
        std::fs::create_dir_all(root.join("content/b")).unwrap();
        assert_eq!(batches(&rx), vec![Change::All]);
        std::fs::write(root.join("content/b/article.md"), "New.\n").unwrap();
        let b = Change::Packets(["b".to_string()].into_iter().collect());
        assert_eq!(batches(&rx), vec![b]);
    }
}
