//! Load stage: reading files from disk safely: size limit, UTF-8, regular files only, and
//! symbolic links that stay inside the project.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::MAX_FILE_BYTES;
use crate::diag::{DiagBuild, Diagnostic, Diagnostics};

/// Reads a UTF-8 text file (size-limited, regular files only); problems become diagnostics.
pub fn read_text(root: &Path, relp: &Path, diags: &mut Diagnostics) -> Option<String> {
    let path = root.join(relp);
    let cannot = |e: std::io::Error| {
        Diagnostic::error(
            relp,
            0,
            0,
            format!("cannot read this file: {}", io_reason(&e)),
        )
        .help("check that the file exists and that you may read it")
    };
    // Look before opening: opening a FIFO would block until someone writes to it.
    let meta = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(e) => {
            diags.push(cannot(e));
            return None;
        }
    };
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file"
        };
        diags.push(
            Diagnostic::error(
                relp,
                0,
                0,
                format!("expected a text file here, found {what}"),
            )
            .help("brief reads only regular files; replace it with the file it should be"),
        );
        return None;
    }
    if meta.len() > MAX_FILE_BYTES {
        diags.push(too_big(relp, meta.len()));
        return None;
    }
    // Read at most one byte past the limit, in case the file grew since it was measured.
    let mut bytes = Vec::new();
    if let Err(e) =
        std::fs::File::open(&path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
    {
        diags.push(cannot(e));
        return None;
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        diags.push(too_big(relp, bytes.len() as u64));
        return None;
    }
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Some(s)
        }
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let good = String::from_utf8_lossy(good);
            let line = good.matches('\n').count() + 1;
            let col = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            diags.push(
                Diagnostic::error(relp, line, col, "this file is not valid UTF-8")
                    .label("invalid byte here")
                    .help("save the file as UTF-8 (most editors offer it under \"Save with encoding\")"),
            );
            None
        }
    }
}

fn too_big(relp: &Path, len: u64) -> Diagnostic {
    let mib = len as f64 / (1024.0 * 1024.0);
    Diagnostic::error(
        relp,
        0,
        0,
        format!(
            "this file is {mib:.1} MiB, over the {} MiB limit",
            MAX_FILE_BYTES >> 20
        ),
    )
    .help("split the material or trim the file; briefing sources are text")
}

/// The OS error without its code (`No such file or directory`).
pub fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Refuses a symbolic link that is broken, loops, leaves the project or names a folder.
pub(super) fn check_symlink(root: &Path, path: &Path, relp: &Path) -> Result<(), Diagnostic> {
    if resolve_link(root, path, relp)?.is_dir() {
        return Err(
            Diagnostic::error(relp, 0, 0, "symbolic links to folders are not followed")
                .help("copy the folder into the packet instead"),
        );
    }
    Ok(())
}

/// Refuses a symbolic link in a packet folder that could publish what the writer did not mean
/// to: every link must lead to a file inside the project whose path has no hidden part (never
/// `.env` or `.git/config`), and a file copied into the site as it is (an asset, `asset`) must
/// moreover lie under `content/`. The article and YAML files may be shared from elsewhere in
/// the project: they are read, not copied.
pub(super) fn check_packet_symlink(
    root: &Path,
    path: &Path,
    relp: &Path,
    asset: bool,
) -> Result<(), Diagnostic> {
    check_symlink(root, path, relp)?;
    let target = resolve_link(root, path, relp)?;
    let shown = std::fs::read_link(path)
        .map(|t| t.to_string_lossy().into_owned())
        .unwrap_or_default();
    let canonical = |p: PathBuf| std::fs::canonicalize(&p).unwrap_or(p);
    let project = canonical(root.to_path_buf());
    let content = canonical(root.join("content"));
    if asset && !target.starts_with(&content) {
        return Err(Diagnostic::error(
            relp,
            0,
            0,
            format!("symbolic link to `{shown}` leads outside content/"),
        )
        .help("a packet's files are published; copy the file into the packet folder instead"));
    }
    let inside = target.strip_prefix(&project).unwrap_or(&target);
    if inside
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
    {
        return Err(Diagnostic::error(
            relp,
            0,
            0,
            format!("symbolic link to `{shown}` leads to a hidden file"),
        )
        .help("hidden files are never published; copy what you mean to publish into the packet under a name without a leading `.`"));
    }
    Ok(())
}

/// Refuses a symbolic link to a folder (`content/`) that is broken or leaves the project.
pub(super) fn check_symlink_dir(root: &Path, path: &Path, relp: &Path) -> Result<(), Diagnostic> {
    resolve_link(root, path, relp).map(|_| ())
}

/// Where a symbolic link leads, when that exists and lies inside the project.
fn resolve_link(root: &Path, path: &Path, relp: &Path) -> Result<PathBuf, Diagnostic> {
    let shown = std::fs::read_link(path)
        .map(|t| t.to_string_lossy().into_owned())
        .unwrap_or_default();
    let target = std::fs::canonicalize(path).map_err(|e| {
        let msg = if e.kind() == std::io::ErrorKind::NotFound {
            format!("broken symbolic link: its target `{shown}` does not exist")
        } else {
            format!(
                "cannot follow this symbolic link to `{shown}`: {}",
                io_reason(&e)
            )
        };
        Diagnostic::error(relp, 0, 0, msg)
            .help("remove the link or point it at a file inside the project")
    })?;
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if !target.starts_with(&root) {
        return Err(Diagnostic::error(
            relp,
            0,
            0,
            format!("symbolic link to `{shown}` leads outside the project"),
        )
        .help("copy the files into the project instead; brief never reads outside the project"));
    }
    Ok(target)
}

/// `true` when `path` is a symbolic link (not following it).
pub(super) fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// `path` relative to `root` for messages.
pub fn rel(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Hidden files and editors' swap, backup and probe files: never content.
pub fn is_scratch(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".bak")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// A lone carriage return (an old Mac line end) as a line feed, so that YAML's line numbers,
/// Markdown's and the lines shown in messages agree. Same length: offsets are kept.
pub fn lone_cr_to_lf(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('\r') {
        return std::borrow::Cow::Borrowed(s);
    }
    let b = s.as_bytes();
    let out: Vec<u8> = (0..b.len())
        .map(|i| match b[i] {
            b'\r' if b.get(i + 1) != Some(&b'\n') => b'\n',
            c => c,
        })
        .collect();
    // Only ASCII bytes changed, so the text is still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}
