//! Pipeline: `brief build`: a fresh [`Project`] whose packets are written into a staging folder
//! as soon as they are rendered (and dropped from memory, so memory stays bounded on large
//! sites), then the site-level files, then one commit; a build with any error leaves the
//! previous output as it was.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use super::{Change, Progress, Project, Sink, SinkError};
use crate::diag::Diagnostics;
use crate::model::Config;
use crate::render::{Content, Files, pages};
use crate::validate::Overrides;
use crate::write::Staging;

/// Summary of a successful build.
#[derive(Debug)]
pub struct Built {
    /// Where the site was written (`~` expanded).
    pub output: PathBuf,
    /// Entries of the output folder brief did not write, kept (outermost only).
    pub kept: Vec<String>,
    /// Folders left by killed builds, removed before this one.
    pub removed_leftovers: usize,
    /// A killed build had set the previous site aside; it was put back first.
    pub restored: bool,
    /// Packets built.
    pub packets: usize,
    /// HTML pages written.
    pub pages: usize,
    /// Files of the site (pages included), written or, when unchanged, left as they were.
    pub files: usize,
    /// Seconds taken.
    pub seconds: f64,
}

/// Writes each packet's files into the staging folder, created once the output folder is known.
struct Writer<'a> {
    root: &'a Path,
    /// `--output`, else the configuration's `output_dir`.
    output: Option<&'a Path>,
    staging: OnceLock<Staging>,
    packets: AtomicUsize,
    pages: AtomicUsize,
    files: AtomicUsize,
}

impl Sink for Writer<'_> {
    fn open(&self, config: &Config) -> anyhow::Result<()> {
        let out = self
            .output
            .map_or_else(|| config.output_dir.clone(), Path::to_path_buf);
        let staging = Staging::create(self.root, &out)?;
        let _ = self.staging.set(staging);
        Ok(())
    }

    fn packet(&self, files: Files) -> Result<Arc<Files>, SinkError> {
        let staging = self
            .staging
            .get()
            .ok_or_else(|| SinkError::Io(anyhow::anyhow!("no staging folder")))?;
        staging.write(&files).map_err(SinkError::Io)?;
        self.count(&files);
        self.packets.fetch_add(1, Ordering::Relaxed);
        Ok(Arc::default())
    }
}

impl Writer<'_> {
    fn count(&self, files: &Files) {
        self.pages.fetch_add(count_pages(files), Ordering::Relaxed);
        self.files.fetch_add(files.len(), Ordering::Relaxed);
    }
}

/// `brief build`: validate and render the project at `root` and write it to `output` (or the
/// configured `output_dir`). `Ok(None)` when there were errors: nothing was written.
pub fn build(
    root: &Path,
    output: Option<&Path>,
    ov: &Overrides,
    progress: &Progress,
) -> (Diagnostics, anyhow::Result<Option<Built>>) {
    let start = Instant::now();
    let mut project = Project::new(root, ov.clone());
    let mut writer = Writer {
        root,
        output,
        staging: OnceLock::new(),
        packets: AtomicUsize::new(0),
        pages: AtomicUsize::new(0),
        files: AtomicUsize::new(0),
    };
    let updated = project.update(&Change::All, &writer, progress);
    let diags = project.diagnostics();
    if let Err(e) = updated {
        return (diags, Err(e));
    }
    let (Some(snapshot), Some(staging)) = (project.snapshot(), writer.staging.take()) else {
        return (diags, Ok(None));
    };
    let parts = snapshot.site.parts();
    let result = parts
        .iter()
        .try_for_each(|files| staging.write(files))
        .and_then(|()| staging.commit())
        .map(|done| {
            parts.iter().for_each(|files| writer.count(files));
            Some(Built {
                output: done.output,
                kept: done.kept,
                removed_leftovers: done.removed_leftovers,
                restored: done.restored,
                packets: writer.packets.load(Ordering::Relaxed),
                pages: writer.pages.load(Ordering::Relaxed),
                files: writer.files.load(Ordering::Relaxed),
                seconds: start.elapsed().as_secs_f64(),
            })
        });
    (diags, result)
}

/// Rendered HTML pages among `files` (a packet's copied `.html` files are not pages).
fn count_pages(files: &Files) -> usize {
    files
        .iter()
        .filter(|(k, c)| pages::is_page(k) && matches!(c, Content::Bytes(_)))
        .count()
}
