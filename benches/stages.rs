//! Criterion benches for the hot stages of one packet (YAML parsing, Markdown parsing and block
//! numbering, anchoring, mentions and the name audit, the whole validate step, one packet's
//! render) and the whole in-memory pipeline, on the example packet (`content/us-ukraine`) and on
//! one packet written by the corpus generator (`examples/corpus.rs`, compiled in). Run with
//! `cargo bench --bench stages` (about a minute once built); filter with e.g.
//! `cargo bench --bench stages -- render`. `render` and `pipeline` use both cores, as a build
//! does.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use brief::diag::Diagnostics;
use brief::load::raw::{EvidenceRaw, PacketRaw};
use brief::load::{self, RawPacket};
use brief::model::article::Article;
use brief::model::{Config, Packet};
use brief::render::Renderer;
use brief::validate::anchor::{Matcher, Query};
use brief::validate::{self, Overrides};
use brief::validate::{audit, mentions};
use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use serde_saphyr::Spanned;

/// One packet, read and checked once; the benches then run one stage at a time on it.
struct Input {
    /// Bench id suffix: `example` or `corpus`.
    name: &'static str,
    root: PathBuf,
    slug: String,
    /// The packet's parsed files as `(name inside the folder, text)`.
    files: Vec<(String, String)>,
    article: String,
    /// Every evidence entry: `(quote, prefix, suffix)`.
    quotes: Vec<(String, Option<String>, Option<String>)>,
    config: Config,
    packet: Packet,
    /// Keeps the generated corpus alive for the run.
    _tmp: Option<tempfile::TempDir>,
}

impl Input {
    fn new(name: &'static str, root: &Path, slug: &str, tmp: Option<tempfile::TempDir>) -> Input {
        let mut diags = Diagnostics::default();
        let config_raw = load::load_config(root, &mut diags);
        let config = validate::config(&config_raw, root, &Overrides::default(), &mut diags)
            .expect("the project's brief.yaml is valid");
        let dir = root.join("content").join(slug);
        let mut files = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("packet folder") {
            let file = entry.expect("packet folder entry").file_name();
            let file = file.to_string_lossy().into_owned();
            if load::is_packet_file(&file) {
                let text = std::fs::read_to_string(dir.join(&file)).expect("packet file");
                files.push((file, text));
            }
        }
        files.sort();
        let raw = raw_packet(slug, &files);
        let article = raw.article.clone().expect("the packet has an article");
        let quotes = quotes(&raw);
        let (packet, ds) = validate::validate_packet(raw, &config);
        let packet = packet.unwrap_or_else(|| panic!("packet {slug} is valid: {ds:?}"));
        Input {
            name,
            root: root.to_path_buf(),
            slug: slug.to_string(),
            files,
            article,
            quotes,
            config,
            packet,
            _tmp: tmp,
        }
    }

    /// Every spelling of every actor, as the validate step passes them to `mentions`.
    fn names(&self) -> Vec<(usize, &str)> {
        self.packet
            .actors
            .iter()
            .enumerate()
            .flat_map(|(i, a)| {
                std::iter::once((i, a.name.as_str()))
                    .chain(a.aliases.iter().map(move |s| (i, s.as_str())))
            })
            .collect()
    }
}

/// The packet as `load` would return it, parsed from the texts in memory.
fn raw_packet(slug: &str, files: &[(String, String)]) -> RawPacket {
    let mut raw = RawPacket {
        slug: slug.to_string(),
        dir: PathBuf::from("content").join(slug),
        ..RawPacket::default()
    };
    let mut diags = Diagnostics::default();
    for (name, text) in files {
        load::parse_file(&mut raw, name, text, &mut diags);
    }
    raw
}

/// Every evidence entry of the packet's events, actor relations and questions.
fn quotes(raw: &RawPacket) -> Vec<(String, Option<String>, Option<String>)> {
    fn list<'a, T>(
        inline: Option<&'a Spanned<Vec<Spanned<T>>>>,
        file: &'a Option<(PathBuf, Spanned<Vec<Spanned<T>>>)>,
    ) -> Vec<&'a T> {
        inline
            .or(file.as_ref().map(|(_, l)| l))
            .map(|l| l.value.iter().map(|i| &i.value).collect())
            .unwrap_or_default()
    }
    let meta: Option<&PacketRaw> = raw.meta.as_ref();
    let mut ev: Vec<&EvidenceRaw> = Vec::new();
    for e in list(meta.and_then(|m| m.timeline.as_ref()), &raw.timeline_file) {
        ev.extend(e.evidence.iter().map(|x| &x.value));
    }
    for a in list(meta.and_then(|m| m.actors.as_ref()), &raw.actors_file) {
        for r in &a.relations {
            ev.extend(r.value.evidence.iter().map(|x| &x.value));
        }
    }
    for q in list(meta.and_then(|m| m.questions.as_ref()), &raw.questions_file) {
        ev.extend(q.evidence.iter().map(|x| &x.value));
    }
    let text = |s: &Option<Spanned<String>>| s.as_ref().map(|s| s.value.clone());
    ev.into_iter()
        .filter_map(|e| Some((text(&e.quote)?, text(&e.prefix), text(&e.suffix))))
        .collect()
}

/// One packet written by the corpus generator (`examples/corpus.rs`, included below) into a
/// temporary folder.
fn corpus() -> Option<Input> {
    let tmp = tempfile::tempdir().ok()?;
    corpus_gen::write_corpus(tmp.path(), 1, 1);
    let root = tmp.path().to_path_buf();
    Some(Input::new("corpus", &root, "p00001", Some(tmp)))
}

/// The corpus generator, compiled into this bench: no `cargo run` during its setup.
#[allow(dead_code)]
#[path = "../examples/corpus.rs"]
mod corpus_gen;

fn inputs() -> Vec<Input> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut v = vec![Input::new("example", root, "us-ukraine", None)];
    v.extend(corpus());
    v
}

fn stages(c: &mut Criterion) {
    let inputs = inputs();

    let mut g = c.benchmark_group("yaml");
    for i in &inputs {
        g.bench_function(i.name, |b| {
            b.iter(|| raw_packet(black_box(&i.slug), black_box(&i.files)))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("parse");
    for i in &inputs {
        g.bench_function(i.name, |b| b.iter(|| Article::parse(black_box(&i.article))));
    }
    g.finish();

    // Normalising the blocks once, then every evidence quote of the packet, as validate does.
    let mut g = c.benchmark_group("anchor");
    for i in &inputs {
        let queries: Vec<Query> = i
            .quotes
            .iter()
            .map(|(q, p, s)| Query {
                quote: q,
                prefix: p.as_deref(),
                suffix: s.as_deref(),
            })
            .collect();
        let matcher = Matcher::new(&i.packet.article, "");
        let missed = queries
            .iter()
            .filter(|q| matcher.find(**q).is_err())
            .count();
        assert_eq!(missed, 0, "every quote of {} anchors", i.name);
        g.bench_function(i.name, |b| {
            b.iter(|| {
                let m = Matcher::new(black_box(&i.packet.article), "");
                queries.iter().filter(|q| m.find(**q).is_ok()).count()
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("mentions");
    for i in &inputs {
        let names = i.names();
        g.bench_function(i.name, |b| {
            b.iter(|| mentions::find(black_box(&i.packet.article), &names))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("near_misses");
    for i in &inputs {
        let names = i.names();
        g.bench_function(i.name, |b| {
            b.iter(|| {
                audit::near_misses(
                    black_box(&i.packet.article),
                    &i.article,
                    &names,
                    &Default::default(),
                )
            })
        });
    }
    g.finish();

    // The whole validate step of one packet (parse, anchoring, items, mentions, name audit),
    // from the raw packet (YAML parsing not timed).
    let mut g = c.benchmark_group("validate");
    g.sampling_mode(SamplingMode::Flat).sample_size(10);
    for i in &inputs {
        g.bench_function(i.name, |b| {
            b.iter_batched(
                || raw_packet(&i.slug, &i.files),
                |raw| validate::validate_packet(raw, &i.config),
                BatchSize::SmallInput,
            )
        });
    }
    g.finish();

    let mut g = c.benchmark_group("render");
    g.sampling_mode(SamplingMode::Flat).sample_size(10);
    for i in &inputs {
        let r = Renderer::new(&i.config, &i.root).unwrap_or_else(|d| panic!("theme loads: {d:?}"));
        g.bench_function(i.name, |b| {
            b.iter(|| r.packet(black_box(&i.packet)).expect("renders"))
        });
    }
    g.finish();

    // load → validate → render, nothing written (one packet per project).
    let mut g = c.benchmark_group("pipeline");
    g.sampling_mode(SamplingMode::Flat).sample_size(10);
    for i in &inputs {
        let ov = Overrides::default();
        assert!(brief::pipeline::run(&i.root, &ov).files.is_some());
        g.bench_function(i.name, |b| {
            b.iter(|| brief::pipeline::run(black_box(&i.root), &ov))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = stages
}
criterion_main!(benches);
