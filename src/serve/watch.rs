//! Serve stage: watching `content/`, `themes/` and `brief.yaml`, debounced.
//!
//! Editors save in many ways (in place, write-and-rename, swap files); the debouncer folds each
//! burst into one batch about 100 ms after it ends, and [`super::live::classify`] drops the
//! scratch files and keeps the packets that changed.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::new_debouncer;

use super::live::{Change, classify};

/// Debounce window.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// Watches the project at `root` and calls `on_change` for every batch that matters, until the
/// watcher stops.
pub fn run(root: &Path, mut on_change: impl FnMut(Change)) {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let (tx, rx) = mpsc::channel();
    let mut debouncer = match new_debouncer(DEBOUNCE, None, tx) {
        Ok(d) => d,
        Err(e) => {
            eprintln!(
                "error: cannot watch {} for changes: {e}; the preview will not update",
                root.display()
            );
            return;
        }
    };
    if let Err(e) = debouncer.watch(&root, RecursiveMode::NonRecursive) {
        eprintln!("error: cannot watch {}: {e}", root.display());
    }
    let mut watched: Vec<PathBuf> = Vec::new();
    let watch_sources = |debouncer: &mut notify_debouncer_full::Debouncer<_, _>,
                         watched: &mut Vec<PathBuf>| {
        for dir in ["content", "themes"] {
            let path = root.join(dir);
            if path.is_dir() && !watched.contains(&path) {
                match debouncer.watch(&path, RecursiveMode::Recursive) {
                    Ok(()) => watched.push(path),
                    Err(e) => eprintln!("error: cannot watch {}: {e}", path.display()),
                }
            }
        }
    };
    watch_sources(&mut debouncer, &mut watched);
    while let Ok(batch) = rx.recv() {
        let events = match batch {
            Ok(events) => events,
            Err(errors) => {
                for e in errors {
                    eprintln!("warning: file watcher: {e}");
                }
                continue;
            }
        };
        // A newly created content/ or themes/ folder is watched from now on.
        watch_sources(&mut debouncer, &mut watched);
        // Reading a file (as every rebuild does) is not a change.
        let paths: Vec<PathBuf> = events
            .iter()
            .filter(|e| !matches!(e.kind, notify::EventKind::Access(_)))
            .flat_map(|e| e.paths.iter())
            .filter_map(|p| p.strip_prefix(&root).ok().map(Path::to_path_buf))
            .collect();
        if let Some(change) = classify(paths.iter().map(PathBuf::as_path)) {
            on_change(change);
        }
    }
}
