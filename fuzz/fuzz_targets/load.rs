//! Fuzz target `load`: arbitrary bytes split into brief.yaml, packet.yaml, the list files and
//! article.md, parsed and validated in memory (no disk), diagnostics rendered against the same
//! texts. Any panic, hang or runaway allocation is a bug.
#![no_main]

use std::path::{Path, PathBuf};

use brief::diag::Diagnostics;
use brief::load::{self, RawPacket};
use brief::validate::{self, Overrides};
use libfuzzer_sys::fuzz_target;

/// The files one input fills, in order; parts are separated by a NUL byte.
const FILES: [&str; 5] = [
    "packet.yaml",
    "article.md",
    "timeline.yaml",
    "actors.yaml",
    "questions.yaml",
];

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|b| *b == 0);
    let config_text = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let mut diags = Diagnostics::default();
    let raw_config = if config_text.is_empty() {
        Default::default()
    } else {
        load::parse_config(&config_text, &mut diags).unwrap_or_default()
    };
    let root = Path::new("/nonexistent-brief-fuzz-root");
    let Some(config) = validate::config(&raw_config, root, &Overrides::default(), &mut diags)
    else {
        return;
    };
    let mut p = RawPacket {
        slug: "p".into(),
        dir: PathBuf::from("content/p"),
        ..RawPacket::default()
    };
    let mut texts = vec![(PathBuf::from("brief.yaml"), config_text.clone())];
    for (name, part) in FILES.iter().zip(parts) {
        let text = String::from_utf8_lossy(part).into_owned();
        load::parse_file(&mut p, name, &text, &mut diags);
        texts.push((p.dir.join(name), text));
    }
    let (_packet, ds) = validate::validate_packet(p, &config);
    diags.extend(ds);
    let _ = diags.render_with(false, |file| {
        texts
            .iter()
            .find(|(f, _)| f == file)
            .map(|(_, t)| load::lone_cr_to_lf(t).into_owned())
    });
});
