//! The preview's Cite control in a real browser: select a phrase (across emphasis, a link and
//! a mention), cite it, paste the entry into the packet, and the rebuilt page highlights
//! exactly that passage; a phrase found twice gets the prefix or suffix that picks the one
//! selected; a selection across blocks, or cutting a word, is explained, not copied.

use std::path::Path;

use headless_chrome::Tab;
use headless_chrome::browser::tab::ModifierKey;

use super::{eval, launch, wait_for};
use crate::common::{copy_dir, fixture, tempdir};
use crate::serve::{eventually, start};

/// JavaScript: selects the `nth` occurrence of `phrase` in the text of the element `#id`
/// (across its inline elements; `end` may name another element for the end).
fn select(tab: &Tab, id: &str, phrase: &str, nth: usize) {
    let js = format!(
        r#"(() => {{
  const block = document.getElementById({id});
  const nodes = [];
  let all = "";
  const w = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) {{ nodes.push([n, all.length]); all += n.data; }}
  let at = -1;
  for (let i = 0; i <= {nth}; i++) at = all.indexOf({phrase}, at + 1);
  if (at < 0) return false;
  const pos = (i) => {{
    let k = nodes.length - 1;
    while (nodes[k][1] > i) k--;
    return [nodes[k][0], i - nodes[k][1]];
  }};
  const [sn, so] = pos(at);
  const [en, eo] = pos(at + {phrase}.length - 1);
  const r = document.createRange();
  r.setStart(sn, so);
  r.setEnd(en, eo + 1);
  const sel = getSelection();
  sel.removeAllRanges();
  sel.addRange(r);
  return true;
}})()"#,
        id = serde_json::to_string(id).unwrap(),
        phrase = serde_json::to_string(phrase).unwrap(),
    );
    assert_eq!(eval(tab, &js), serde_json::Value::Bool(true), "{phrase}");
}

const SHADOW: &str = "document.getElementById('brief-cite').shadowRoot";

/// Presses Cite (with the mouse, or the keyboard shortcut) and waits for the answer:
/// `(status, entry)`.
fn cite(tab: &Tab, keyboard: bool) -> (String, String) {
    wait_for(
        tab,
        "the Cite button",
        &format!("!{SHADOW}.getElementById('cite').hidden"),
    );
    eval(
        tab,
        &format!("{SHADOW}.getElementById('status').textContent = ''"),
    );
    if keyboard {
        tab.press_key_with_modifiers("C", Some(&[ModifierKey::Alt, ModifierKey::Shift]))
            .expect("shortcut");
    } else {
        eval(tab, &format!("{SHADOW}.getElementById('cite').click()"));
    }
    wait_for(
        tab,
        "the answer",
        &format!("{SHADOW}.getElementById('status').textContent !== ''"),
    );
    let text = |id: &str| {
        eval(tab, &format!("{SHADOW}.getElementById('{id}').textContent"))
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let entry = if eval(tab, &format!("{SHADOW}.getElementById('yaml').hidden")) == true {
        String::new()
    } else {
        text("yaml")
    };
    (text("status"), entry)
}

/// The text highlighted for evidence anchor `id` (all its pieces), and its block's id.
fn highlighted(tab: &Tab, id: &str) -> (String, String) {
    let js = format!(
        r#"(() => {{
  const marks = [...document.querySelectorAll('mark.evidence')].filter(m => m.id === '{id}' || m.dataset.evidence === '{id}');
  if (!marks.length) return '[]';
  return JSON.stringify([marks.map(m => m.textContent).join(''), marks[0].closest('[id^="p-"]').id]);
}})()"#
    );
    let v: serde_json::Value =
        serde_json::from_str(eval(tab, &js).as_str().unwrap_or("[]")).unwrap_or_default();
    (
        v[0].as_str().unwrap_or_default().to_string(),
        v[1].as_str().unwrap_or_default().to_string(),
    )
}

/// The packet.yaml of the fixture with `entries` as the evidence of event `met`.
fn with_evidence(root: &Path, entries: &[String]) {
    let p = root.join("content/p/packet.yaml");
    let mut yaml = std::fs::read_to_string(&p).unwrap();
    yaml.push_str("    evidence:\n");
    for e in entries {
        for line in e.lines() {
            yaml.push_str(&format!("      {line}\n"));
        }
    }
    std::fs::write(&p, yaml).unwrap();
}

#[test]
fn cite_copies_an_entry_that_highlights_exactly_the_selection() {
    let Some(chromium) = super::chromium() else {
        return;
    };
    let tmp = tempdir();
    let root = tmp.path().join("site");
    copy_dir(&fixture("cite"), &root);
    let srv = start(&root);
    let browser = launch(chromium, tmp.path().join("profile"));
    let tab = browser.new_tab().expect("tab");
    let url = format!("http://127.0.0.1:{}{}p/article/", srv.port, srv.base);
    tab.navigate_to(&url)
        .expect("navigate")
        .wait_until_navigated()
        .expect("loaded");
    wait_for(
        &tab,
        "the Cite control",
        "!!document.getElementById('brief-cite')",
    );
    // Nothing selected: the control takes no room and shows nothing.
    assert_eq!(
        eval(&tab, &format!("{SHADOW}.getElementById('cite').hidden")),
        true
    );
    assert_eq!(
        eval(
            &tab,
            "document.getElementById('brief-cite').getBoundingClientRect().height"
        ),
        0
    );

    // Across emphasis, a link and a mention: unique.
    select(&tab, "p-2", "met Bob Jones in Geneva on Monday", 0);
    let (status, once) = cite(&tab, false);
    assert!(status.starts_with("unique"), "{status}");
    assert_eq!(once, "- \"met Bob Jones in Geneva on Monday\"\n");
    // The panel reads well in both colour schemes, whatever the theme's styles.
    for dark in [false, true] {
        super::viewport(&tab, 1280, 900, dark);
        for id in ["status", "where", "yaml", "close"] {
            let js = super::overlay::CONTRAST
                .replace("ELEMENT", &format!("{SHADOW}.getElementById('{id}')"));
            let ratio = eval(&tab, &js).as_f64().unwrap_or(0.0);
            assert!(ratio >= 4.5, "{id} (dark: {dark}): contrast {ratio:.2}:1");
        }
    }

    // Found twice: the second one, picked with the keyboard.
    select(&tab, "p-3", "Smith said the talks were useful", 0);
    let (status, twice) = cite(&tab, true);
    assert!(status.starts_with("made unique with a"), "{status}");
    assert!(
        twice.starts_with("- quote: \"Smith said the talks were useful\"\n"),
        "{twice}"
    );

    // Across two blocks, or cutting a word: explained, nothing to copy.
    let js = "(() => { const r = document.createRange(); r.setStart(document.getElementById('p-2').firstChild, 6); r.setEnd(document.getElementById('p-3').firstChild, 4); getSelection().removeAllRanges(); getSelection().addRange(r); return true; })()";
    assert_eq!(eval(&tab, js), true);
    let (status, entry) = cite(&tab, false);
    assert!(status.contains("within one block"), "{status}");
    assert_eq!(entry, "");
    select(&tab, "p-3", "eft on Tuesday", 0);
    let (status, entry) = cite(&tab, false);
    assert!(status.contains("inside a word"), "{status}");
    assert_eq!(entry, "");

    // Pasted into the packet: the page reloads by itself and highlights exactly those.
    with_evidence(&root, &[once, twice]);
    eventually("the rebuilt page highlights the quotes", || {
        !highlighted(&tab, "ev-event-met-2").0.is_empty()
    });
    assert_eq!(
        highlighted(&tab, "ev-event-met-1"),
        (
            "met Bob Jones in Geneva on Monday".to_string(),
            "p-2".to_string()
        )
    );
    assert_eq!(
        highlighted(&tab, "ev-event-met-2"),
        (
            "Smith said the talks were useful".to_string(),
            "p-3".to_string()
        )
    );
    // Across the highlights now on the page, too.
    select(&tab, "p-2", "Geneva on Monday. Smith said", 0);
    let (status, entry) = cite(&tab, false);
    assert!(status.starts_with("unique"), "{status}");
    assert_eq!(entry, "- \"Geneva on Monday. Smith said\"\n");
}
