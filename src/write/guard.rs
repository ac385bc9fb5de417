//! Write stage: what keeps builds of one output folder from hurting each other: a lock held for
//! the whole write, the removal of folders that killed builds left behind, and, on SIGINT,
//! SIGTERM or SIGHUP, an exit that never cuts the swap of the output in two.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use anyhow::{Context as _, Result, bail};

/// Set once a stop signal arrived: writers stop, nothing more is committed.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);
/// Held while the output folder is being swapped, so a signal never cuts that step in two.
static COMMIT: Mutex<()> = Mutex::new(());

/// The exclusive right to write one output folder, released when dropped (or when the process
/// dies, however it dies: the operating system drops the lock with the process).
#[derive(Debug)]
pub struct Lock {
    _file: fs::File,
}

/// Takes the lock for the output folder named `name` in `parent`, waiting (and saying so) while
/// another build holds it. On Unix the lock is on the parent folder itself, so no lock file is
/// left behind; elsewhere it is the hidden file `.<name>.brief-lock` beside the output.
pub fn lock(parent: &Path, name: &str) -> Result<Lock> {
    #[cfg(unix)]
    let file = {
        let _ = name;
        fs::File::open(parent).with_context(|| format!("cannot open {}", parent.display()))?
    };
    #[cfg(not(unix))]
    let file = {
        let path = parent.join(format!(".{name}.brief-lock"));
        fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot create the lock file {}", path.display()))?
    };
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            eprintln!(
                "waiting for another brief build writing into {} to finish…",
                parent.display()
            );
            file.lock()
                .with_context(|| format!("cannot lock {}", parent.display()))?;
        }
        Err(fs::TryLockError::Error(e)) => {
            return Err(e).with_context(|| format!("cannot lock {}", parent.display()));
        }
    }
    Ok(Lock { _file: file })
}

/// The spare tree of output `name`: the staging folder of every build, and the site before
/// last between builds.
pub fn spare_name(name: &str) -> String {
    format!(".{name}.brief-spare")
}

/// Where the previous site goes while the new one is renamed into place, on systems that cannot
/// exchange two folders.
pub fn aside_name(name: &str) -> String {
    format!(".{name}.brief-old-{}", std::process::id())
}

/// What [`tidy`] did.
#[derive(Debug, Default)]
pub struct Tidied {
    /// Folders of interrupted builds removed.
    pub removed: usize,
    /// The previous site, moved aside by an interrupted build, was put back.
    pub restored: bool,
}

/// Under the lock, no other build of this output runs: every staging or set-aside folder of
/// this output is a killed build's. A set-aside previous site is put back when the output
/// folder is missing (the build died between its two renames); the rest is removed.
pub fn tidy(parent: &Path, name: &str, out: &Path) -> Result<Tidied> {
    let mut done = Tidied::default();
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(done);
    };
    let prefix = format!(".{name}.brief-");
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.strip_prefix(&prefix)
                .is_some_and(|rest| rest.starts_with("new-") || rest.starts_with("old-"))
        })
        .map(|e| e.path())
        .collect();
    found.sort();
    if fs::symlink_metadata(out).is_err()
        && let Some(i) = found
            .iter()
            .position(|p| p.to_string_lossy().contains(".brief-old-"))
    {
        let old = found.remove(i);
        fs::rename(&old, out)
            .with_context(|| format!("cannot put the previous site back into {}", out.display()))?;
        done.restored = true;
    }
    for p in found {
        super::remove_tree(&p);
        if fs::symlink_metadata(&p).is_ok() {
            bail!(
                "cannot remove {}, left by an interrupted build; remove it by hand",
                p.display()
            );
        }
        done.removed += 1;
    }
    Ok(done)
}

/// Whether a stop signal arrived.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Holds off stop signals while the output is swapped; fails once one arrived.
pub fn commit_guard() -> Result<MutexGuard<'static, ()>> {
    let guard = COMMIT.lock().unwrap_or_else(PoisonError::into_inner);
    if interrupted() {
        bail!("interrupted");
    }
    Ok(guard)
}

/// Test hook: when `BRIEF_TEST_PAUSE` names `point`, says so on stderr and sleeps, so a test can
/// kill the process exactly there.
pub fn pause(point: &str) {
    if std::env::var_os("BRIEF_TEST_PAUSE").is_some_and(|p| p == point) {
        eprintln!("brief: paused at {point}");
        std::thread::sleep(std::time::Duration::from_secs(600));
    }
}

/// Installs the stop-signal handler of `brief build`: SIGINT, SIGTERM and SIGHUP make writers
/// stop, wait for a swap in progress to finish, and exit with 128 + the signal's number. The
/// staging folder is the spare tree, which the next build brings up to date whatever state it
/// is in, so it stays.
#[cfg(unix)]
pub fn install_signal_handler() -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
        .context("cannot install the signal handler")?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            INTERRUPTED.store(true, Ordering::SeqCst);
            // A swap in progress finishes first; none starts after this.
            let _swap = COMMIT.lock().unwrap_or_else(PoisonError::into_inner);
            eprintln!("interrupted: the output folder was left as it is");
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

/// Stop signals are left to the operating system where there are none to catch.
#[cfg(not(unix))]
pub fn install_signal_handler() -> Result<()> {
    Ok(())
}
