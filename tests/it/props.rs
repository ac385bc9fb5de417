//! Property tests: whatever text reaches the loader (random bytes, mutated packets, random
//! Markdown), loading, validating, rendering the diagnostics and rendering the pages never
//! panic, and every diagnostic points inside a file that was given; generated articles with
//! quotes drawn from them render, highlighted and escaped.

use std::path::{Path, PathBuf};

use brief::diag::Diagnostics;
use brief::load::{self, RawPacket};
use brief::model::{Config, Site};
use brief::validate::{self, Overrides};
use proptest::prelude::*;
use proptest::test_runner::{Config as RunConfig, TestRunner};

const FILES: [&str; 5] = [
    "packet.yaml",
    "article.md",
    "timeline.yaml",
    "actors.yaml",
    "questions.yaml",
];

const PACKET: &str = "title: Geneva talks\nsummary: |\n  The ministers *met*.\nas_of: 2025-03-10\nsource:\n  title: Talks\n  url: https://example.org/a\n  authors: [A. Writer]\nchangelog:\n  - date: 2025-03-11\n    note: Fixed a name.\nactors:\n  - id: smith\n    name: Alice Smith\n    aliases: [Smith]\n    relations:\n      - to: jones\n        label: met\n        evidence: [\"Smith met Jones\"]\n  - id: jones\n    name: Bob Jones\n    kind: person\ntimeline:\n  - id: talks\n    date: 2025-03-10/2025-03-12\n    title: Talks in Geneva\n    actors: [smith, jones]\n    importance: key\n    evidence:\n      - \"Smith met Jones\"\n      - quote: useful\n        prefix: \"were \"\nquestions:\n  - id: again\n    question: Will they meet again?\n    status: answered\n    answer: Yes.\n    likelihood: likely\n    actors: [jones]\n";

const ARTICLE: &str = "# Talks\n\nSmith met Jones in Geneva. The talks were useful.\n\n- Jones left.\n\n| a | b |\n|---|---|\n| Smith | Jones |\n";

/// YAML and Markdown fragments that mutations insert.
const TOKENS: [&str; 30] = [
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "&a ",
    "*a",
    "\t",
    "\n",
    "#",
    "|\n",
    ">-\n",
    "!!str ",
    "~",
    "null",
    "2025-02-30",
    "---\n",
    "Ωμέγα",
    "\u{feff}",
    "  ",
    "<<: *a\n",
    "\\u",
    "`",
    "**",
    "[^1]",
    "\r\n",
    "id: smith\n",
];

/// Parses `files` (name, text) as packet `p`, validates it, renders the diagnostics; checks
/// that every diagnostic names a given file and a line inside it. Returns the packet's model.
fn run(files: &[(&str, String)], config: &Config) -> Option<brief::model::Packet> {
    let mut diags = Diagnostics::default();
    let mut p = RawPacket {
        slug: "p".into(),
        dir: PathBuf::from("content/p"),
        ..RawPacket::default()
    };
    for (name, text) in files {
        load::parse_file(&mut p, name, text, &mut diags);
    }
    let (packet, ds) = validate::validate_packet(p, config);
    diags.extend(ds);
    let text_of = |file: &Path| {
        files
            .iter()
            .find(|(n, _)| Path::new("content/p").join(n) == file)
            .map(|(_, t)| load::lone_cr_to_lf(t).into_owned())
    };
    let rendered = diags.render_with(false, text_of);
    assert_eq!(diags.has_errors(), rendered.contains("error"), "{rendered}");
    for d in diags.sorted() {
        let text = text_of(&d.file)
            .unwrap_or_else(|| panic!("diagnostic for a file not given: {d:?}\n{rendered}"));
        assert!(
            d.line <= text.replace("\r\n", "\n").split(['\n', '\r']).count(),
            "line past the end: {d:?}"
        );
    }
    packet
}

fn config() -> Config {
    let mut d = Diagnostics::default();
    validate::config(
        &Default::default(),
        Path::new("/nonexistent"),
        &Overrides::default(),
        &mut d,
    )
    .expect("default config")
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(RunConfig {
        cases,
        failure_persistence: None,
        ..RunConfig::default()
    })
}

#[test]
fn random_bytes_never_panic() {
    let config = config();
    let strategy = proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..600), 5);
    runner(200)
        .run(&strategy, |parts| {
            let files: Vec<(&str, String)> = FILES
                .iter()
                .zip(&parts)
                .map(|(n, b)| (*n, String::from_utf8_lossy(b).into_owned()))
                .collect();
            run(&files, &config);
            Ok(())
        })
        .unwrap();
}

/// One edit of a text: delete a range, insert a token, or re-indent a line.
fn mutation() -> impl Strategy<Value = (u8, usize, usize, usize)> {
    (0u8..3, any::<usize>(), 0usize..12, 0..TOKENS.len())
}

fn mutate(text: &str, edits: &[(u8, usize, usize, usize)]) -> String {
    let mut t: Vec<char> = text.chars().collect();
    for &(kind, at, n, tok) in edits {
        let at = at % (t.len() + 1);
        match kind {
            0 => {
                let end = (at + n).min(t.len());
                t.drain(at..end);
            }
            1 => {
                t.splice(at..at, TOKENS[tok].chars());
            }
            _ => {
                let start = t[..at]
                    .iter()
                    .rposition(|c| *c == '\n')
                    .map_or(0, |i| i + 1);
                t.splice(start..start, std::iter::repeat_n(' ', n % 4));
            }
        }
    }
    t.into_iter().collect()
}

#[test]
fn mutated_packets_never_panic_and_stay_located() {
    let config = config();
    // The unmutated packet is valid: the property is about what edits do to it.
    let base = run(
        &[
            ("packet.yaml", PACKET.into()),
            ("article.md", ARTICLE.into()),
        ],
        &config,
    );
    assert!(base.is_some(), "the base packet must be valid");
    let strategy = (
        proptest::collection::vec(mutation(), 1..6),
        proptest::collection::vec(mutation(), 0..3),
    );
    runner(500)
        .run(&strategy, |(yaml_edits, md_edits)| {
            let files = [
                ("packet.yaml", mutate(PACKET, &yaml_edits)),
                ("article.md", mutate(ARTICLE, &md_edits)),
            ];
            run(&files, &config);
            Ok(())
        })
        .unwrap();
}

/// The packet of the render property: [`PACKET`] without its `useful` evidence, which the
/// generated articles do not contain; the generated quotes take its place.
fn render_packet(quotes: &[String]) -> String {
    let fixed = "      - quote: useful\n        prefix: \"were \"\n";
    assert!(
        PACKET.contains(fixed),
        "PACKET changed: update render_packet"
    );
    let evidence: String = quotes
        .iter()
        .map(|q| format!("      - \"{q}\"\n"))
        .collect();
    PACKET.replace(fixed, &evidence)
}

/// Markdown fragments the generated articles are made of: block and inline markup, raw HTML,
/// a script URL, random printable and random Unicode text.
fn markdown() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("\n\n".to_string()),
            Just("> ".to_string()),
            Just("- ".to_string()),
            Just("1. ".to_string()),
            Just("| a | b |\n|---|---|\n| c | d |\n".to_string()),
            Just("```rust\nfn x() {}\n```\n".to_string()),
            Just("[^n]".to_string()),
            Just("\n[^n]: note\n".to_string()),
            Just("<b>raw</b>".to_string()),
            Just("[link](javascript:x)".to_string()),
            Just("![img](a.png)".to_string()),
            Just("*".to_string()),
            Just("# ".to_string()),
            Just("Jones & <Smith>".to_string()),
            "[ -~]{0,12}".prop_map(|s| s),
            "\\PC{0,6}".prop_map(|s| s),
        ],
        0..20,
    )
    .prop_map(|v| v.concat())
}

/// A generated article and the quotes its packet cites: random Markdown around 1 to 3
/// paragraphs of generated words (each made unique by a `qN` marker), which the packet quotes.
fn article_and_quotes() -> impl Strategy<Value = (String, Vec<String>)> {
    let sentence = proptest::collection::vec("[a-z]{3,8}", 1..5);
    (
        proptest::collection::vec((markdown(), sentence), 1..4),
        markdown(),
    )
        .prop_map(|(parts, tail)| {
            // "Smith met Jones" is cited by the fixed evidence of PACKET: it opens the article
            // once, in its own paragraph.
            let mut article = String::from("# Talks\n\nSmith met Jones in Geneva.\n\n");
            let mut quotes = Vec::new();
            for (i, (md, words)) in parts.into_iter().enumerate() {
                let quote = format!("q{i}x {}", words.join(" "));
                article += &format!("{md}\n\n{quote}\n\n");
                quotes.push(quote);
            }
            article += &tail;
            (article, quotes)
        })
}

#[test]
fn random_markdown_articles_render() {
    let config = config();
    let renderer = brief::render::Renderer::new(&config, Path::new("/nonexistent"))
        .unwrap_or_else(|d| panic!("{d:?}"));
    let cases = 64;
    let rendered = std::cell::Cell::new(0u32);
    runner(cases)
        .run(&article_and_quotes(), |(article, quotes)| {
            let files = [
                ("packet.yaml", render_packet(&quotes)),
                ("article.md", article.clone()),
            ];
            // Random Markdown may swallow a quoted paragraph (an unclosed fence, a comment);
            // then validation reports it and there is nothing to render.
            let Some(packet) = run(&files, &config) else {
                return Ok(());
            };
            let site = Site {
                config: config.clone(),
                packets: vec![packet],
            };
            let out = renderer
                .packet(&site.packets[0])
                .unwrap_or_else(|d| panic!("{d:?}\n{article}"));
            rendered.set(rendered.get() + 1);
            let mut marked = vec![false; quotes.len()];
            for (path, content) in &out.files {
                let brief::render::Content::Bytes(bytes) = content else {
                    continue;
                };
                let text = std::str::from_utf8(bytes).expect("UTF-8 output");
                if !path.ends_with(".html") {
                    continue;
                }
                // Every user string escaped: the raw HTML and the angle brackets of the text
                // never come out as markup, script URLs never as links.
                assert!(!text.contains("<b>raw"), "{path}: raw HTML\n{article}");
                assert!(
                    !text.contains("<Smith>"),
                    "{path}: unescaped text\n{article}"
                );
                assert!(
                    !text.to_ascii_lowercase().contains("href=\"javascript:"),
                    "{path}: script URL\n{article}"
                );
                for (q, seen) in quotes.iter().zip(&mut marked) {
                    if text.contains(&format!("{q}</mark>")) {
                        *seen = true;
                    }
                }
            }
            // Each quote is highlighted, whole, where the article shows it.
            for (q, seen) in quotes.iter().zip(&marked) {
                assert!(seen, "quote {q:?} not highlighted\n{article}");
            }
            Ok(())
        })
        .unwrap();
    // The property is about rendering: most generated packets must get there.
    assert!(
        rendered.get() > cases / 2,
        "only {} of {cases} generated packets validated",
        rendered.get()
    );
}
