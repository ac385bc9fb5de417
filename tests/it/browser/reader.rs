//! Every reader, in a real browser: the phone (390 px: no picture wider than the screen, every
//! event and actor shown), forced colours (highlighted names, pictures, badges and focus rings
//! keep their contrast; screenshots to look at), axe-core over every page kind (light and dark,
//! 1280 and 390 px), no text under 12 px on a phone, no label clipped at a picture's edge, and
//! the chart's links out of the tab order before the list that repeats them.

use headless_chrome::Tab;
use serde_json::Value;

use super::{
    BASE, PAGES, chromium, emulate, eval, eval_async, example_site, fixture_site, keep, launch,
    npm_file, open, screenshot, snap, viewport,
};
use crate::common::tempdir;

/// Evaluates `js`, which returns a JSON string, and parses it.
fn json(tab: &Tab, js: &str) -> Value {
    let text = eval(tab, js);
    serde_json::from_str(text.as_str().unwrap_or("null")).unwrap_or(Value::Null)
}

/// JavaScript: the visible pictures in `main` that reach outside the screen, and the chart
/// boxes that scroll sideways.
const TOO_WIDE: &str = r#"JSON.stringify((() => {
  const vis = e => e.checkVisibility() && e.getBoundingClientRect().width > 0;
  const wide = [...document.querySelectorAll('main svg')].filter(vis).filter(s => {
    const r = s.getBoundingClientRect();
    return r.left < -0.5 || r.right > innerWidth + 0.5;
  }).map(s => s.getAttribute('class'));
  const scrolls = [...document.querySelectorAll('.chart-scroll')].filter(vis)
    .filter(e => e.scrollWidth > e.clientWidth + 1).length;
  return { wide, scrolls };
})())"#;

/// JavaScript: the visible vertical chart's marks whose label is fully on screen, as the ids
/// they link to, and the ids of the event list.
const COLUMN_EVENTS: &str = r#"JSON.stringify((() => {
  const shown = [...document.querySelectorAll('.timeline-chart .column-svg a.mark')]
    .filter(a => a.checkVisibility())
    .filter(a => { const r = a.querySelector('text').getBoundingClientRect();
      return r.width > 0 && r.left >= 0 && r.right <= innerWidth; })
    .map(a => decodeURIComponent(a.getAttribute('href').split('#')[1]));
  const events = [...document.querySelectorAll('ol.timeline > li[id]')].map(li => li.id);
  return { shown, events };
})())"#;

#[test]
fn on_a_phone_every_picture_fits_and_shows_every_event_and_actor() {
    let Some(chromium) = chromium() else { return };
    let tmp = tempdir();
    let (_out, srv) = example_site(tmp.path());
    let (_strike, strike) = fixture_site(tmp.path(), "strike");
    let screens = tmp.path().join("screens");
    std::fs::create_dir_all(&screens).expect("screens folder");
    let browser = launch(chromium, tmp.path().join("profile"));
    let tab = browser.new_tab().expect("tab");
    let pages = [
        ("overview", srv.url(BASE, "us-ukraine/")),
        ("timeline", srv.url(BASE, "us-ukraine/timeline/")),
        ("actors", srv.url(BASE, "us-ukraine/actors/")),
        ("actor", srv.url(BASE, "us-ukraine/actors/zelensky/")),
        ("print", srv.url(BASE, "us-ukraine/print/")),
        ("strike", strike.url(BASE, "transit-strike/timeline/")),
    ];
    for (kind, url) in &pages {
        viewport(&tab, 390, 844, false);
        open(&tab, url);
        let fit = json(&tab, TOO_WIDE);
        assert_eq!(fit["wide"], serde_json::json!([]), "{kind}: {fit}");
        assert_eq!(fit["scrolls"], 0, "{kind}: a picture scrolls sideways");
        snap(
            &tab,
            &screens.join(format!("phone-{kind}-first-screen.png")),
        );
        screenshot(&tab, 390, false, &screens.join(format!("phone-{kind}.png")));
    }
    // The timeline: all 34 events in the vertical chart, each label on screen.
    viewport(&tab, 390, 844, false);
    open(&tab, &srv.url(BASE, "us-ukraine/timeline/"));
    let col = json(&tab, COLUMN_EVENTS);
    let mut shown: Vec<String> = serde_json::from_value(col["shown"].clone()).unwrap();
    let mut events: Vec<String> = serde_json::from_value(col["events"].clone()).unwrap();
    assert_eq!(events.len(), 34);
    shown.sort();
    events.sort();
    assert_eq!(
        shown, events,
        "every event is in the phone's chart, on screen"
    );
    // The overview: the small vertical chart has the key events labelled, the rest as ticks.
    open(&tab, &srv.url(BASE, "us-ukraine/"));
    let small = eval(
        &tab,
        "[...document.querySelectorAll('.chart-small .column-svg :is(a.mark, .chart-rug line)')].filter(e => e.checkVisibility()).length",
    );
    assert_eq!(small, 34);
    // The actors: all 23 in the map's list of sides, each on screen.
    open(&tab, &srv.url(BASE, "us-ukraine/actors/"));
    let actors = json(
        &tab,
        "JSON.stringify([...document.querySelectorAll('.actor-map .map-list a')].filter(a => { const r = a.getBoundingClientRect(); return a.checkVisibility() && r.left >= 0 && r.right <= innerWidth; }).map(a => a.textContent))",
    );
    let actors = actors.as_array().expect("names");
    assert_eq!(actors.len(), 23, "{actors:?}");
    for name in ["Donald Trump", "Volodymyr Zelensky", "NATO", "Saudi Arabia"] {
        assert!(actors.iter().any(|a| a == name), "{name}");
    }
    // At desktop width the wide pictures are back and the narrow ones hidden.
    viewport(&tab, 1280, 900, false);
    open(&tab, &srv.url(BASE, "us-ukraine/timeline/"));
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('.chart-wide').checkVisibility() && !document.querySelector('.chart-narrow').checkVisibility()"
        ),
        true
    );
    keep(tmp);
}

/// JavaScript: WCAG contrast between two computed colours `a` and `b` (`rgb(…)` strings).
const CONTRAST: &str = r#"var contrast = (a, b) => {
  const lum = c => { const v = (c.match(/[\d.]+/g) || [0, 0, 0]).slice(0, 3).map(x => {
    x = x / 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const [h, l] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (h + 0.05) / (l + 0.05);
};
var canvas = getComputedStyle(document.body).backgroundColor;"#;

#[test]
fn forced_colours_keep_highlights_names_pictures_and_focus_distinct() {
    let Some(chromium) = chromium() else { return };
    let tmp = tempdir();
    let (_out, srv) = example_site(tmp.path());
    let screens = tmp.path().join("screens");
    std::fs::create_dir_all(&screens).expect("screens folder");
    let browser = launch(chromium, tmp.path().join("profile"));
    let tab = browser.new_tab().expect("tab");
    for dark in [true, false] {
        let scheme = if dark { "dark" } else { "light" };
        viewport(&tab, 1280, 900, dark);
        emulate(&tab, dark, true, false);
        open(&tab, &srv.url(BASE, "us-ukraine/article/"));
        assert_eq!(
            eval(&tab, "matchMedia('(forced-colors: active)').matches"),
            true
        );
        // Every highlight (the legend's sample too) keeps its text readable.
        let marks = json(
            &tab,
            &format!(
                "{CONTRAST} JSON.stringify([...document.querySelectorAll('mark')].filter(m => contrast(getComputedStyle(m).color, getComputedStyle(m).backgroundColor) < 4.5).map(m => m.textContent))"
            ),
        );
        assert_eq!(
            marks,
            serde_json::json!([]),
            "{scheme}: unreadable highlights"
        );
        // Names linked inside highlighted evidence stay readable on the highlight.
        let names = json(
            &tab,
            &format!(
                "{CONTRAST} JSON.stringify([...document.querySelectorAll('mark.evidence a.mention')].map(a => [a.textContent, contrast(getComputedStyle(a).color, getComputedStyle(a.closest('mark')).backgroundColor)]))"
            ),
        );
        let names = names.as_array().expect("names");
        assert!(names.len() >= 13, "{names:?}");
        for n in names {
            assert!(n[1].as_f64().unwrap_or(0.0) >= 4.5, "{scheme}: {n}");
        }
        // Focus rings show against the page.
        let ring = eval(
            &tab,
            &format!(
                "{CONTRAST} const a = document.querySelector('.block-notes a'); a.focus({{focusVisible: true}}); const s = getComputedStyle(a); s.outlineStyle !== 'none' && contrast(s.outlineColor, canvas) >= 3"
            ),
        );
        assert_eq!(ring, true, "{scheme}: focus ring");
        snap(&tab, &screens.join(format!("forced-{scheme}-article.png")));
        // Chart marks, map boxes and badges are drawn in system colours that show.
        for (page, selector) in [
            ("us-ukraine/timeline/", ".chart-wide .mark circle"),
            ("us-ukraine/actors/", ".chart-wide .edge-badge circle"),
        ] {
            open(&tab, &srv.url(BASE, page));
            let low = json(
                &tab,
                &format!(
                    "{CONTRAST} JSON.stringify([...document.querySelectorAll('{selector}, .chart-wide text')].filter(e => {{ const s = getComputedStyle(e); const best = e.tagName === 'text' || s.stroke === 'none' ? contrast(s.fill, canvas) : Math.max(contrast(s.fill, canvas), contrast(s.stroke, canvas)); return best < 3; }}).map(e => e.textContent || e.tagName).slice(0, 5))"
                ),
            );
            assert_eq!(low, serde_json::json!([]), "{scheme} {page}");
            snap(
                &tab,
                &screens.join(format!(
                    "forced-{scheme}-{}.png",
                    page.trim_matches('/').replace('/', "-")
                )),
            );
        }
        open(&tab, &srv.url(BASE, "us-ukraine/questions/"));
        let badges = eval(
            &tab,
            &format!(
                "{CONTRAST} [...document.querySelectorAll('.badge')].every(b => contrast(getComputedStyle(b).borderTopColor, canvas) >= 3)"
            ),
        );
        assert_eq!(badges, true, "{scheme}: badges have visible borders");
    }
    keep(tmp);
}

#[test]
fn axe_finds_no_violation_on_any_page_kind_light_dark_wide_or_narrow() {
    let Some(chromium) = chromium() else { return };
    let Some(axe) = npm_file("axe-core/axe.min.js", "npm install -g axe-core") else {
        return;
    };
    let axe = std::fs::read_to_string(axe).expect("axe-core");
    let tmp = tempdir();
    let (_out, srv) = example_site(tmp.path());
    let (_strike, strike) = fixture_site(tmp.path(), "strike");
    let browser = launch(chromium, tmp.path().join("profile"));
    let tab = browser.new_tab().expect("tab");
    let mut urls: Vec<(String, String)> = PAGES
        .iter()
        .map(|(k, p)| (k.to_string(), srv.url(BASE, p)))
        .collect();
    urls.push((
        "folded title".into(),
        strike.url(BASE, "transit-strike/article/"),
    ));
    let mut runs = 0;
    for (kind, url) in &urls {
        for (width, dark) in [(1280, false), (1280, true), (390, false), (390, true)] {
            viewport(&tab, width, 900, dark);
            open(&tab, url);
            tab.evaluate(&axe, false).expect("inject axe-core");
            let found = eval_async(
                &tab,
                "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(r => JSON.stringify(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + ((n.any[0] || n.all[0] || {}).message || '')).join(' | '))))",
            );
            assert_eq!(
                found,
                serde_json::json!("[]"),
                "{kind} at {width}px{}",
                if dark { ", dark" } else { "" }
            );
            runs += 1;
        }
    }
    eprintln!("axe-core: {runs} runs, 0 violations");
}

/// JavaScript: visible text drawn under 12 px (SVG text at its size on screen), as
/// `tag.class size` → count.
const SMALL_TEXT: &str = r#"JSON.stringify((() => {
  const out = {};
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = w.nextNode());) {
    if (!n.textContent.trim()) continue;
    const e = n.parentElement;
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height || !e.checkVisibility() || e.closest('.visually-hidden')) continue;
    let size = parseFloat(getComputedStyle(e).fontSize);
    if (e.closest('svg') && e.getScreenCTM) { const m = e.getScreenCTM(); size *= Math.hypot(m.a, m.b); }
    if (size < 11.95) {
      const k = e.tagName.toLowerCase() + '.' + (e.getAttribute('class') || '') + ' ' + size.toFixed(1);
      out[k] = (out[k] || 0) + 1;
    }
  }
  return out;
})())"#;

#[test]
fn no_text_is_under_12_px_on_a_phone() {
    let Some(chromium) = chromium() else { return };
    let tmp = tempdir();
    let (_out, srv) = example_site(tmp.path());
    let browser = launch(chromium, tmp.path().join("profile"));
    let tab = browser.new_tab().expect("tab");
    for (kind, path) in PAGES {
        viewport(&tab, 390, 844, false);
        open(&tab, &srv.url(BASE, path));
        let small = json(&tab, SMALL_TEXT);
        assert_eq!(small, serde_json::json!({}), "{kind} at 390px");
    }
}

/// JavaScript: texts and badges of visible pictures that reach outside their picture.
const CLIPPED: &str = r#"JSON.stringify((() => {
  const out = [];
  for (const svg of document.querySelectorAll('main svg.chart-svg')) {
    if (!svg.checkVisibility()) continue;
    const b = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll('text, .edge-badge circle')) {
      const r = t.getBoundingClientRect();
      if (!r.width || !t.checkVisibility()) continue;
      if (r.left < b.left - 0.5 || r.right > b.right + 0.5 || r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5)
        out.push((svg.getAttribute('class')) + ': ' + (t.textContent || 'badge ' + t.parentNode.textContent));
    }
  }
  return out;
})())"#;

#[test]
fn no_label_or_badge_is_clipped_at_a_pictures_edge() {
    let Some(chromium) = chromium() else { return };
    let tmp = tempdir();
    let (_out, srv) = example_site(tmp.path());
    let (_strike, strike) = fixture_site(tmp.path(), "strike");
    let browser = launch(chromium, tmp.path().join("profile"));
    let tab = browser.new_tab().expect("tab");
    let mut urls: Vec<String> = [
        "us-ukraine/",
        "us-ukraine/timeline/",
        "us-ukraine/actors/",
        "us-ukraine/print/",
    ]
    .iter()
    .map(|p| srv.url(BASE, p))
    .collect();
    for actor in ["trump", "zelensky", "hegseth", "nato"] {
        urls.push(srv.url(BASE, &format!("us-ukraine/actors/{actor}/")));
    }
    urls.push(strike.url(BASE, "transit-strike/"));
    urls.push(strike.url(BASE, "transit-strike/timeline/"));
    for url in &urls {
        for (width, print) in [(1280, false), (390, false), (1280, true)] {
            viewport(&tab, width, 900, false);
            emulate(&tab, false, false, print);
            open(&tab, url);
            let clipped = json(&tab, CLIPPED);
            assert_eq!(
                clipped,
                serde_json::json!([]),
                "{url} at {width}px (print: {print})"
            );
        }
    }
}

#[test]
fn the_charts_links_are_not_tab_stops_before_the_list_that_repeats_them() {
    let Some(chromium) = chromium() else { return };
    let tmp = tempdir();
    let (_out, srv) = example_site(tmp.path());
    let browser = launch(chromium, tmp.path().join("profile"));
    let tab = browser.new_tab().expect("tab");
    for (page, list) in [
        ("us-ukraine/timeline/", "ol.timeline"),
        ("us-ukraine/actors/", ".map-block .relation-legend"),
    ] {
        viewport(&tab, 1280, 900, false);
        open(&tab, &srv.url(BASE, page));
        eval(
            &tab,
            "document.querySelector('main h1').setAttribute('tabindex', '-1'); document.querySelector('main h1').focus()",
        );
        let mut stops = Vec::new();
        for _ in 0..6 {
            tab.press_key("Tab").expect("tab key");
            let at = eval(
                &tab,
                &format!(
                    "(e => e.closest('{list}') ? 'list' : e.closest('figure') ? (e.closest('svg') ? 'chart link' : 'chart box') : e.tagName)(document.activeElement)"
                ),
            );
            let at = at.as_str().unwrap_or("").to_string();
            if at == "list" {
                break;
            }
            stops.push(at);
        }
        assert!(
            !stops.iter().any(|s| s == "chart link") && stops.len() < 6,
            "{page}: tab stops before the list: {stops:?}"
        );
    }
}
