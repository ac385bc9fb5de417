//! The search box in a real browser: typing finds events, questions, actors and article
//! blocks across the site; the arrow keys, Escape and Enter work; results keep the base path.

use headless_chrome::protocol::cdp::Page;

use super::{BASE, chromium, eval, example_site, keep, launch, viewport, wait_for, watch_console};
use crate::common::tempdir;

/// Opens `url` at desktop width, waits for the search box the script reveals, types `query`.
fn search(tab: &headless_chrome::Tab, url: &str, query: &str) {
    viewport(tab, 1280, 900, false);
    tab.navigate_to(url).expect("navigate");
    tab.wait_until_navigated().expect("loaded");
    wait_for(
        tab,
        "the search box",
        "!document.querySelector('form.site-search').hidden",
    );
    tab.find_element("#site-search-input")
        .expect("input")
        .click()
        .expect("focus");
    tab.type_str(query).expect("type");
}

#[test]
fn the_search_box_finds_items_and_works_by_keyboard() {
    let Some(chromium) = chromium() else { return };
    let tmp = tempdir();
    let (_out, srv) = example_site(tmp.path());
    let browser = launch(chromium, tmp.path().join("profile"));
    let tab = browser.new_tab().expect("tab");
    let console = watch_console(&tab);
    search(&tab, &srv.url(BASE, "us-ukraine/"), "hegseth nato");
    wait_for(
        &tab,
        "results",
        "document.querySelectorAll('.search-results a').length > 0",
    );
    let hrefs = eval(
        &tab,
        "JSON.stringify([...document.querySelectorAll('.search-results a')].map(a => a.getAttribute('href')))",
    );
    let hrefs: Vec<String> = serde_json::from_str(hrefs.as_str().unwrap_or("")).expect("hrefs");
    assert!(hrefs.iter().all(|h| h.starts_with(BASE)), "{hrefs:?}");
    assert!(hrefs.iter().any(|h| h.contains("#event-")), "{hrefs:?}");
    let status = eval(&tab, "document.querySelector('.search-status').textContent");
    assert!(status.as_str().unwrap_or("").contains("result"), "{status}");
    // ↓ moves into the results, ↓ again to the next, ↑ back, Escape clears and returns.
    tab.press_key("ArrowDown").expect("down");
    assert_eq!(
        eval(
            &tab,
            "document.activeElement === document.querySelector('.search-results a')"
        ),
        true
    );
    tab.press_key("ArrowDown").expect("down");
    assert_eq!(
        eval(
            &tab,
            "document.activeElement === document.querySelectorAll('.search-results a')[1]"
        ),
        true
    );
    tab.press_key("ArrowUp").expect("up");
    tab.press_key("ArrowUp").expect("up");
    assert_eq!(eval(&tab, "document.activeElement.id"), "site-search-input");
    let shot = tmp.path().join("search.png");
    tab.press_key("ArrowDown").expect("down");
    std::fs::write(
        &shot,
        tab.capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
            .expect("screenshot"),
    )
    .expect("write");
    tab.press_key("Escape").expect("escape");
    assert_eq!(eval(&tab, "document.activeElement.id"), "site-search-input");
    assert_eq!(
        eval(&tab, "document.querySelector('#site-search-input').value"),
        ""
    );
    assert_eq!(
        eval(&tab, "document.querySelector('.search-panel').hidden"),
        true
    );
    // Enter opens the first result.
    tab.type_str("Munich Security Conference").expect("type");
    wait_for(
        &tab,
        "results",
        "document.querySelectorAll('.search-results a').length > 0",
    );
    tab.press_key("Enter").expect("enter");
    wait_for(
        &tab,
        "the timeline",
        "location.pathname.endsWith('/briefs/us-ukraine/timeline/')",
    );
    let problems = console.lock().expect("console").clone();
    assert!(problems.is_empty(), "{problems:#?}");
    keep(tmp);
}

#[test]
fn hostile_packet_text_shows_as_text_in_the_results() {
    let Some(chromium) = chromium() else { return };
    let tmp = tempdir();
    let out = tmp.path().join("out");
    let root = crate::common::fixture("security");
    crate::common::build(
        &root,
        &out,
        &["--base-url", "http://127.0.0.1:1111/briefs/"],
    )
    .ok();
    let srv = super::server::serve(&out, BASE);
    let browser = launch(chromium, tmp.path().join("profile"));
    let tab = browser.new_tab().expect("tab");
    let console = watch_console(&tab);
    search(&tab, &srv.url(BASE, ""), "alert");
    wait_for(
        &tab,
        "results",
        "document.querySelectorAll('.search-results a').length > 2",
    );
    let titles = eval(
        &tab,
        "JSON.stringify([...document.querySelectorAll('.search-title')].map(e => e.textContent))",
    );
    assert!(
        titles
            .as_str()
            .unwrap_or("")
            .contains("Mallory writes <script>alert(\\\"event\\\")</script>"),
        "{titles}"
    );
    let injected = eval(
        &tab,
        "document.querySelectorAll('.search-results script, .search-results img, .search-results b, .search-results i').length",
    );
    assert_eq!(injected, 0, "markup from the packet became elements");
    let problems = console.lock().expect("console").clone();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn results_beyond_the_first_twelve_are_reachable_by_keyboard() {
    let Some(chromium) = chromium() else { return };
    let tmp = tempdir();
    let (_out, srv) = example_site(tmp.path());
    let browser = launch(chromium, tmp.path().join("profile"));
    let tab = browser.new_tab().expect("tab");
    search(&tab, &srv.url(BASE, "us-ukraine/"), "zelensky");
    wait_for(
        &tab,
        "results",
        "document.querySelectorAll('.search-results a').length > 0",
    );
    let total = eval(
        &tab,
        "Number(document.querySelector('.search-status').textContent.match(/of (\\d+)/)[1])",
    )
    .as_u64()
    .unwrap_or(0);
    assert!(total > 12, "{total} results for zelensky");
    assert_eq!(
        eval(
            &tab,
            "document.querySelectorAll('.search-results a').length"
        ),
        12
    );
    // ↓ thirteen times reaches the button after the twelfth result; Enter shows more and
    // takes the focus to the thirteenth.
    for _ in 0..13 {
        tab.press_key("ArrowDown").expect("down");
    }
    assert_eq!(
        eval(&tab, "document.activeElement.className"),
        "search-more"
    );
    tab.press_key("Enter").expect("enter");
    wait_for(
        &tab,
        "more results",
        "document.querySelectorAll('.search-results a').length > 12",
    );
    assert_eq!(
        eval(
            &tab,
            "document.activeElement === document.querySelectorAll('.search-results a')[12]"
        ),
        true
    );
    let shown = eval(
        &tab,
        "document.querySelectorAll('.search-results a').length",
    )
    .as_u64()
    .unwrap_or(0);
    assert_eq!(shown, total.min(24));
    let status = eval(&tab, "document.querySelector('.search-status').textContent");
    let status = status.as_str().unwrap_or("");
    assert!(
        status.contains(&format!("{shown} of {total}"))
            || (shown == total && status.starts_with(&total.to_string())),
        "{status}"
    );
}
