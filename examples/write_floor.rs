//! Benchmark helper: the cost of writing a site's files alone, with no rendering at all.
//!
//! `cargo run --release --example write_floor -- SITE OUT` reads every file of the built site
//! SITE into memory, then writes them to OUT the way `brief build` does (a staging folder
//! beside OUT, one packet folder per task on every core, then the swap) and prints the
//! milliseconds the writing took. `benches/compare.py --floor` runs it beside the builds: no
//! generator can write the same pages faster on the same machine.

use std::path::{Path, PathBuf};
use std::time::Instant;

use brief::render::{Content, Files};
use rayon::prelude::*;

fn main() -> anyhow::Result<()> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [site, out] = args.as_slice() else {
        anyhow::bail!("usage: write_floor SITE OUT");
    };
    // Grouped like the build writes them: one group per top-level folder (a packet).
    let mut groups: std::collections::BTreeMap<String, Files> = Default::default();
    for entry in walkdir::WalkDir::new(site).min_depth(1) {
        let entry = entry?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(site)?
            .to_string_lossy()
            .replace('\\', "/");
        if rel == brief::write::MARKER {
            continue;
        }
        let top = rel.split('/').next().unwrap_or("").to_string();
        let bytes = std::fs::read(entry.path())?;
        groups
            .entry(top)
            .or_default()
            .insert(rel, Content::Bytes(bytes));
    }
    let root = out.parent().unwrap_or(Path::new("."));
    let start = Instant::now();
    let staging = brief::write::Staging::create(root, out)?;
    groups
        .par_iter()
        .try_for_each(|(_, files)| staging.write(files))?;
    staging.commit()?;
    println!("{:.1}", start.elapsed().as_secs_f64() * 1000.0);
    Ok(())
}
