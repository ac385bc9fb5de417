//! The preview's error overlay in a real browser: readable (WCAG AA contrast) over the default
//! theme in the light and the dark scheme, whatever the theme's own `pre` and `p` styles.

use super::{eval, launch, viewport, wait_for};
use crate::common::{copy_dir, fixture, tempdir};
use crate::serve::{eventually, get, start};

/// JavaScript: the contrast ratio of the text of the element ELEMENT against the background
/// it is drawn on.
pub const CONTRAST: &str = r#"(() => {
  const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const el = ELEMENT;
  let bg = null;
  for (let e = el; e; e = e.parentElement) {
    const c = rgb(getComputedStyle(e).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0)) { bg = c; break; }
  }
  bg = bg || [255, 255, 255];
  const fg = rgb(getComputedStyle(el).color);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
})()"#;

#[test]
fn the_error_overlay_is_readable_in_light_and_dark() {
    let Some(chromium) = super::chromium() else {
        return;
    };
    let tmp = tempdir();
    let root = tmp.path().join("site");
    copy_dir(&fixture("serve"), &root);
    let srv = start(&root);
    let p = root.join("content/alpha/packet.yaml");
    let yaml = std::fs::read_to_string(&p).unwrap();
    let broken = yaml.replace("date: 2025-03-01\n    title", "date: 2025-13-01\n    title");
    let host = format!("127.0.0.1:{}", srv.port);
    // Saved again until the watcher, which starts with the server, has seen it.
    eventually("the error reported", || {
        std::fs::write(&p, &broken).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(100));
        get(srv.port, &format!("{}alpha/", srv.base), &host)
            .1
            .contains("content/alpha/packet.yaml:")
    });
    let browser = launch(chromium, tmp.path().join("profile"));
    let tab = browser.new_tab().expect("tab");
    for dark in [false, true] {
        viewport(&tab, 1280, 900, dark);
        let url = format!("http://127.0.0.1:{}{}alpha/article/", srv.port, srv.base);
        tab.navigate_to(&url)
            .expect("navigate")
            .wait_until_navigated()
            .expect("loaded");
        wait_for(
            &tab,
            "the overlay",
            "!document.getElementById('brief-overlay').hidden",
        );
        for selector in ["#brief-overlay-text", "#brief-overlay p"] {
            let ratio = eval(
                &tab,
                &CONTRAST.replace("ELEMENT", &format!("document.querySelector({selector:?})")),
            )
            .as_f64()
            .unwrap_or(0.0);
            assert!(
                ratio >= 4.5,
                "{selector} (dark: {dark}): contrast {ratio:.2}:1"
            );
        }
    }
}
