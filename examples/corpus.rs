//! Benchmark support: writes a corpus of N briefing packets built from the example article.
//!
//! `cargo run --release --example corpus -- N OUT [SEED]` writes `OUT/brief.yaml` and
//! `OUT/content/p00001/…`: each packet is the example article (content/us-ukraine/article.md)
//! with its paragraphs shuffled and one unique sentence added, 30 events, 20 actors with
//! aliases and 10 questions, every item citing one or two quotes that occur exactly once in its
//! article. The same seed gives the same corpus, byte for byte.
//! With `--hugo`, it writes instead a Hugo site of N bare article pages with one taxonomy
//! (`tags`), the comparison the benchmark script runs side by side.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use brief::model::article::Article;
use brief::validate::anchor::{Matcher, Query};

/// A small deterministic generator (SplitMix64), so the corpus needs no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

/// Actors: (id, name, side, aliases). The names occur in the example article.
const ACTORS: [(&str, &str, &str, &[&str]); 20] = [
    ("trump", "Donald Trump", "United States", &["Trump"]),
    ("putin", "Vladimir Putin", "Russia", &["Putin"]),
    (
        "zelensky",
        "Volodymyr Zelensky",
        "Ukraine",
        &["Zelensky", "Zelenskyy", "Volodimia Zelensky"],
    ),
    (
        "hegseth",
        "Pete Hegseth",
        "United States",
        &["Hegseth", "Hegses", "Hegus"],
    ),
    (
        "bessent",
        "Scott Bessent",
        "United States",
        &["Bessent", "Bescent"],
    ),
    ("witkoff", "Steve Witkoff", "United States", &["Witkov"]),
    ("kellogg", "Keith Kellogg", "United States", &["Kellogg"]),
    ("rubio", "Marco Rubio", "United States", &["Rubio"]),
    ("vance", "JD Vance", "United States", &["Vance"]),
    ("umerov", "Rustem Umerov", "Ukraine", &["Umerov"]),
    (
        "tillis",
        "Thom Tillis",
        "United States",
        &["Tom Tillis", "Tillis"],
    ),
    ("fogel", "Marc Fogel", "United States", &["Mark Vogel"]),
    (
        "ullyot",
        "John Ullyot",
        "United States",
        &["Ullyot", "John Urito"],
    ),
    ("nato", "NATO", "International", &[]),
    ("russia", "Russia", "Russia", &["Moscow"]),
    ("ukraine", "Ukraine", "Ukraine", &["Kyiv", "Kiev"]),
    ("europe", "European allies", "Europe", &["Europe"]),
    ("treasury", "US Treasury", "United States", &["Treasury"]),
    ("pentagon", "Pentagon", "United States", &[]),
    ("white-house", "White House", "United States", &[]),
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let hugo = args.iter().any(|a| a == "--hugo");
    let pos: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let (Some(n), Some(out)) = (
        pos.first().and_then(|n| n.parse::<usize>().ok()),
        pos.get(1),
    ) else {
        eprintln!("usage: cargo run --release --example corpus -- N OUT [SEED] [--hugo]");
        std::process::exit(2);
    };
    let seed = pos.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let out = PathBuf::from(out);
    if hugo {
        let article = example_article();
        std::fs::create_dir_all(&out).expect("create the output folder");
        write_hugo(&out, n, seed, &paragraphs(&article));
    } else {
        write_corpus(&out, n, seed);
    }
}

/// The example packet's article, the text every generated packet is made of.
fn example_article() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/us-ukraine/article.md"),
    )
    .expect("the example article is part of the repository")
}

/// The article's paragraphs.
fn paragraphs(article: &str) -> Vec<&str> {
    article
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Writes a brief project of `n` packets into `out` (also called by `benches/stages.rs`, which
/// includes this file).
pub fn write_corpus(out: &Path, n: usize, seed: u64) {
    let article = example_article();
    std::fs::create_dir_all(out).expect("create the output folder");
    write_brief(out, n, seed, &paragraphs(&article));
}

fn write(path: &Path, text: &str) {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).expect("create folder");
    }
    std::fs::write(path, text).expect("write file");
}

/// A packet's article: shuffled paragraphs (headings kept as headings) plus a unique sentence.
fn packet_article(rng: &mut Rng, paragraphs: &[&str], i: usize) -> String {
    let mut ps: Vec<&str> = paragraphs.to_vec();
    rng.shuffle(&mut ps);
    let unique = format!("This is packet {i}, the unique sentence number {i} of the corpus.");
    let at = rng.below(ps.len());
    let mut text = String::new();
    for (k, p) in ps.iter().enumerate() {
        if k == at {
            let _ = write!(text, "{unique}\n\n");
        }
        let _ = write!(text, "{p}\n\n");
    }
    text
}

/// Quotes of 5–8 words that occur exactly once in `article` (checked with brief's matcher).
fn unique_quotes(rng: &mut Rng, article: &str, want: usize) -> Vec<String> {
    let parsed = Article::parse(article);
    let matcher = Matcher::new(&parsed, article);
    let mut quotes = Vec::new();
    let mut tries = 0;
    while quotes.len() < want && tries < want * 50 {
        tries += 1;
        let block = &parsed.blocks[rng.below(parsed.blocks.len())];
        let words: Vec<&str> = block.text.split_whitespace().collect();
        if words.len() < 8 {
            continue;
        }
        let len = 5 + rng.below(4);
        let start = rng.below(words.len() - len);
        let q = words[start..start + len].join(" ");
        if q.contains(['"', '\\']) || quotes.contains(&q) {
            continue;
        }
        if matcher
            .find(Query {
                quote: &q,
                prefix: None,
                suffix: None,
            })
            .is_ok()
        {
            quotes.push(q);
        }
    }
    quotes
}

fn yaml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn write_brief(out: &Path, n: usize, seed: u64, paragraphs: &[&str]) {
    write(
        &out.join("brief.yaml"),
        "title: Benchmark corpus\nbase_url: https://example.github.io/bench/\n",
    );
    for i in 1..=n {
        let mut rng = Rng(seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
        let dir = out.join("content").join(format!("p{i:05}"));
        let article = packet_article(&mut rng, paragraphs, i);
        let mut quotes = unique_quotes(&mut rng, &article, 60).into_iter().cycle();
        write(&dir.join("article.md"), &article);
        write(
            &dir.join("packet.yaml"),
            &format!(
                "title: Benchmark packet {i}\nsummary: Packet {i} of the corpus, *generated*.\nas_of: 2025-02-20\ntags: [bench, t{}]\n",
                i % 7
            ),
        );
        let mut actors = String::new();
        for (id, name, side, aliases) in ACTORS {
            let al: Vec<String> = aliases.iter().map(|a| yaml_str(a)).collect();
            let _ = write!(
                actors,
                "- id: {id}\n  name: {}\n  side: {side}\n  aliases: [{}]\n",
                yaml_str(name),
                al.join(", ")
            );
        }
        write(&dir.join("actors.yaml"), &actors);
        let mut timeline = String::new();
        for e in 0..30 {
            let (a, b) = (ACTORS[rng.below(20)].0, ACTORS[rng.below(20)].0);
            let date = if e % 10 == 0 {
                format!("{}", 2014 + e / 10)
            } else {
                format!("2025-02-{:02}", 1 + e % 28)
            };
            let _ = write!(
                timeline,
                "- id: e{e}\n  date: {date}\n  title: Event {e} of packet {i}\n  actors: [{a}, {b}]\n  importance: {}\n  evidence:\n    - {}\n",
                if e % 6 == 0 { "key" } else { "normal" },
                yaml_str(&quotes.next().unwrap_or_default())
            );
            if e % 2 == 0 {
                let _ = writeln!(
                    timeline,
                    "    - {}",
                    yaml_str(&quotes.next().unwrap_or_default())
                );
            }
        }
        write(&dir.join("timeline.yaml"), &timeline);
        let mut questions = String::new();
        for q in 0..10 {
            let status = ["open", "open", "answered", "moot"][q % 4];
            let answer = if status == "answered" {
                "\n  answer: It was settled."
            } else {
                ""
            };
            let _ = write!(
                questions,
                "- id: q{q}\n  question: Question {q} of packet {i}?\n  status: {status}{answer}\n  priority: {}\n  likelihood: likely\n  actors: [{}]\n  evidence:\n    - {}\n",
                ["high", "medium", "low"][q % 3],
                ACTORS[rng.below(20)].0,
                yaml_str(&quotes.next().unwrap_or_default())
            );
        }
        write(&dir.join("questions.yaml"), &questions);
    }
}

fn write_hugo(out: &Path, n: usize, seed: u64, paragraphs: &[&str]) {
    write(
        &out.join("hugo.toml"),
        "baseURL = 'https://example.github.io/bench/'\ntitle = 'Benchmark corpus'\n[taxonomies]\ntag = 'tags'\n",
    );
    let single = "<!doctype html><html><head><title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>\n";
    let list = "<!doctype html><html><head><title>{{ .Title }}</title></head><body><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n";
    write(&out.join("layouts/_default/single.html"), single);
    write(&out.join("layouts/_default/list.html"), list);
    for i in 1..=n {
        let mut rng = Rng(seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
        let article = packet_article(&mut rng, paragraphs, i);
        write(
            &out.join("content/posts").join(format!("p{i:05}.md")),
            &format!(
                "---\ntitle: \"Benchmark packet {i}\"\ndate: 2025-02-20\ntags: [\"bench\", \"t{}\"]\n---\n\n{article}",
                i % 7
            ),
        );
    }
}
