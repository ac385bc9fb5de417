//! Fuzz target `article`: arbitrary Markdown with evidence quotes and actor names taken from
//! the input, validated and rendered to every page of the packet: matching, highlighting
//! across inline markup, mention linking and the article HTML must never panic.
#![no_main]

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use brief::diag::Diagnostics;
use brief::load::{self, RawPacket};
use brief::model::Config;
use brief::render::Renderer;
use brief::validate::{self, Overrides};
use libfuzzer_sys::fuzz_target;

thread_local! {
    static SETUP: OnceCell<(Config, Renderer)> = const { OnceCell::new() };
}

fn setup() -> (Config, Renderer) {
    let mut d = Diagnostics::default();
    let root = Path::new("/nonexistent-brief-fuzz-root");
    let config = validate::config(&Default::default(), root, &Overrides::default(), &mut d)
        .expect("default config");
    let renderer = Renderer::new(&config, root).unwrap_or_else(|_| panic!("theme"));
    (config, renderer)
}

fuzz_target!(|data: &[u8]| {
    // Input: quotes and names, one per line, then a NUL byte, then the article.
    let text = String::from_utf8_lossy(data);
    let (head, article) = text.split_once('\0').unwrap_or(("", &text));
    let words: Vec<&str> = head
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(8)
        .collect();
    let q = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"x\"".into());
    let mut yaml = String::from("title: T\nactors:\n");
    for (i, w) in words.iter().take(3).enumerate() {
        yaml += &format!("  - id: a{i}\n    name: {}\n", q(w));
    }
    yaml += "timeline:\n  - id: e\n    date: 2025\n    title: E\n    evidence:\n";
    for w in &words {
        yaml += &format!("      - {}\n", q(w));
    }
    let mut diags = Diagnostics::default();
    let mut p = RawPacket {
        slug: "p".into(),
        dir: PathBuf::from("content/p"),
        ..RawPacket::default()
    };
    load::parse_file(&mut p, "packet.yaml", &yaml, &mut diags);
    load::parse_file(&mut p, "article.md", article, &mut diags);
    SETUP.with(|cell| {
        let (config, renderer) = cell.get_or_init(setup);
        let (packet, _) = validate::validate_packet(p, config);
        if let Some(packet) = packet {
            let _ = renderer.packet(&packet);
        }
    });
});
