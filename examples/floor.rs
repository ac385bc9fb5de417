//! Benchmark helper: the least work any generator does for brief's output (issue 18's floor).
//!
//! `cargo run --release --example floor -- PROJECT SITE OUT` does, for every packet folder of
//! PROJECT's `content/`, only what the same output cannot do without: read the packet's files,
//! parse its article's Markdown once, render as many pages as SITE (a site brief built from
//! PROJECT) has for that packet, each as long as brief's, through a trivial Tera template, and
//! write them the way `brief build` writes (a staging folder beside OUT, one packet per task on
//! every core, then the swap). `benches/compare.py --floor` runs it as a whole process beside
//! the builds and reads its CPU time: brief's CPU per packet is judged against it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use brief::render::{Content, Files};
use rayon::prelude::*;

/// One packet: its source files, and the path and length of each file brief wrote for it.
struct Packet {
    sources: Vec<PathBuf>,
    outputs: Vec<(String, u64)>,
}

fn main() -> anyhow::Result<()> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [project, site, out] = args.as_slice() else {
        anyhow::bail!("usage: floor PROJECT SITE OUT");
    };
    let mut packets: BTreeMap<String, Packet> = BTreeMap::new();
    for entry in std::fs::read_dir(project.join("content"))? {
        let entry = entry?;
        if !entry.file_type()?.is_dir() {
            continue;
        }
        let slug = entry.file_name().to_string_lossy().into_owned();
        let sources = walkdir::WalkDir::new(entry.path())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        let mut outputs = Vec::new();
        for e in walkdir::WalkDir::new(site.join(&slug)) {
            let e = e?;
            if e.file_type().is_file() {
                let rel = e
                    .path()
                    .strip_prefix(site)?
                    .to_string_lossy()
                    .replace('\\', "/");
                outputs.push((rel, e.metadata()?.len()));
            }
        }
        packets.insert(slug, Packet { sources, outputs });
    }
    // The site-level files (index, feed, sitemap, search index, statics): one more task.
    let mut site_files = Vec::new();
    for e in walkdir::WalkDir::new(site).min_depth(1) {
        let e = e?;
        let rel = e
            .path()
            .strip_prefix(site)?
            .to_string_lossy()
            .replace('\\', "/");
        let top = rel.split('/').next().unwrap_or("");
        if e.file_type().is_file() && !packets.contains_key(top) && rel != brief::write::MARKER {
            site_files.push((rel, e.metadata()?.len()));
        }
    }
    packets.insert(
        String::new(),
        Packet {
            sources: Vec::new(),
            outputs: site_files,
        },
    );
    let mut tera = tera::Tera::default();
    tera.add_raw_template("page", "<title>{{ title }}</title>{{ body | safe }}")?;
    let root = out.parent().unwrap_or(Path::new("."));
    let staging = brief::write::Staging::create(root, out)?;
    packets.par_iter().try_for_each(|(slug, p)| {
        let mut article = String::new();
        for path in &p.sources {
            let text = std::fs::read_to_string(path)?;
            if path.file_name().is_some_and(|n| n == "article.md") {
                article = text;
            }
        }
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&article));
        if html.is_empty() {
            html.push(' ');
        }
        let mut files = Files::new();
        for (path, len) in &p.outputs {
            let len = *len as usize;
            let mut body = html.repeat(len / html.len() + 1);
            body.truncate(body.floor_char_boundary(len));
            let mut cx = tera::Context::new();
            cx.insert("title", slug);
            cx.insert("body", &body);
            let page = tera.render("page", &cx)?;
            files.insert(path.clone(), Content::Bytes(page.into_bytes()));
        }
        staging.write(&files)?;
        anyhow::Ok(())
    })?;
    staging.commit()?;
    Ok(())
}
