//! The search box in a real browser: typing finds events, questions, actors and article
//! blocks across the site; the arrow keys, Escape and Enter work; results keep the base path.

use headless_chrome::protocol::cdp::Page;

use super::{BASE, chromium, eval, example_site, keep, launch, viewport, wait_for, watch_console};
use crate::common::tempdir;

/// JavaScript: the search files and script fetched so far, as JSON `[[url, body bytes]]`.
/// The search files the page fetched: `[url, bytes transferred (gzip-compressed by the test
/// server, as GitHub Pages sends them), bytes uncompressed]`.
const SEARCH_FILES: &str = "JSON.stringify(performance.getEntriesByType('resource').filter(e => /_search\\/|search\\.js/.test(e.name)).map(e => [e.name, e.encodedBodySize, e.decodedBodySize]))";

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
    // The script folds and splits words exactly as the index does (the Rust unit test checks
    // the same fixture).
    let fixture: Vec<(String, Vec<String>)> = serde_json::from_str(
        &std::fs::read_to_string(
            crate::common::repo().join("tests/fixtures/search-words/words.json"),
        )
        .expect("fixture"),
    )
    .expect("JSON");
    let texts =
        serde_json::to_string(&fixture.iter().map(|f| &f.0).collect::<Vec<_>>()).expect("json");
    let got = eval(
        &tab,
        &format!(
            "JSON.stringify({texts}.map(t => document.querySelector('form.site-search').briefTokens(t)))"
        ),
    );
    let got: Vec<Vec<String>> = serde_json::from_str(got.as_str().unwrap_or("")).expect("tokens");
    let want: Vec<Vec<String>> = fixture.into_iter().map(|f| f.1).collect();
    assert_eq!(got, want);
    // Only the index files the query needs: meta, the query word's shard, the packet's records;
    // no search.json.
    let fetched = eval(&tab, SEARCH_FILES);
    let fetched: Vec<(String, u64, u64)> =
        serde_json::from_str(fetched.as_str().unwrap_or("")).expect("files");
    assert!(
        fetched
            .iter()
            .any(|(u, ..)| u.ends_with("/briefs/_search/meta.json")),
        "{fetched:?}"
    );
    assert!(
        fetched
            .iter()
            .any(|(u, ..)| u.contains("/briefs/_search/p/0-")),
        "{fetched:?}"
    );
    assert!(
        fetched
            .iter()
            .any(|(u, ..)| u.contains("/briefs/_search/w/")),
        "{fetched:?}"
    );
    assert!(
        fetched.iter().all(|(u, ..)| !u.ends_with("search.json")),
        "{fetched:?}"
    );
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
    let first = eval(
        &tab,
        "document.querySelector('.search-results a').getAttribute('href')",
    );
    tab.press_key("Enter").expect("enter");
    wait_for(
        &tab,
        "the timeline",
        "location.pathname.endsWith('/briefs/us-ukraine/timeline/')",
    );
    // The exact event, not just its page.
    let first = first.as_str().unwrap_or("").to_string();
    assert!(first.contains("#event-"), "{first}");
    assert_eq!(
        eval(&tab, "location.pathname + location.hash"),
        first.as_str()
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

/// By hand, at scale: `BRIEF_SEARCH_SITE=DIR` (a site built with `--base-url
/// http://127.0.0.1:1111/briefs/`) and `BRIEF_SEARCH_QUERIES="w1|w2 w3"`: prints, per query,
/// the bytes its first search downloaded (script, meta, shards, records), as transferred
/// (gzip, as GitHub Pages sends them) and uncompressed.
#[test]
fn bytes_a_first_query_downloads() {
    let Some(chromium) = chromium() else { return };
    let Ok(site) = std::env::var("BRIEF_SEARCH_SITE") else {
        eprintln!("skipped: set BRIEF_SEARCH_SITE to a built site to measure a query's bytes");
        return;
    };
    let queries = std::env::var("BRIEF_SEARCH_QUERIES").unwrap_or("ukraine|hegseth".into());
    let tmp = tempdir();
    let srv = super::server::serve(std::path::Path::new(&site), BASE);
    let browser = launch(chromium, tmp.path().join("profile"));
    for q in queries.split('|') {
        let tab = browser.new_tab().expect("tab");
        search(&tab, &srv.url(BASE, ""), q);
        wait_for(
            &tab,
            "the results of the whole query",
            "document.querySelector('.search-results').dataset.query === document.querySelector('#site-search-input').value.trim()",
        );
        let fetched = eval(&tab, SEARCH_FILES);
        let fetched: Vec<(String, u64, u64)> =
            serde_json::from_str(fetched.as_str().unwrap_or("")).expect("files");
        let total: u64 = fetched.iter().map(|f| f.1).sum();
        let whole: u64 = fetched.iter().map(|f| f.2).sum();
        let status = eval(&tab, "document.querySelector('.search-status').textContent");
        eprintln!(
            "query {q:?}: {total} bytes transferred (gzip), {whole} uncompressed, in {} files; {status}",
            fetched.len()
        );
        for (u, b, w) in &fetched {
            eprintln!("  {b:>8} {w:>8} {u}");
        }
        tab.close(true).ok();
    }
}

/// A site of 30 copies of the `small` fixture (`p00`…`p29`), each article with paragraphs
/// added: in every sixth packet four paragraphs holding both "harbour" and "lantern", in every
/// fifth one paragraph for each word (the packet holds both words, no item does).
fn harbour_site(tmp: &std::path::Path) -> std::path::PathBuf {
    let root = tmp.join("site");
    let small = crate::common::fixture("small");
    std::fs::create_dir_all(root.join("content")).expect("mkdir");
    std::fs::copy(small.join("brief.yaml"), root.join("brief.yaml")).expect("config");
    for i in 0..30 {
        let dir = root.join(format!("content/p{i:02}"));
        crate::common::copy_dir(&small.join("content/geneva-talks"), &dir);
        let mut more = String::new();
        if i % 6 == 0 {
            for k in 0..4 {
                more.push_str(&format!("\n\nThe harbour lantern number {k} shone.\n"));
            }
        }
        if i % 5 == 0 {
            more.push_str("\n\nA harbour.\n\nA lantern.\n");
        }
        let article = dir.join("article.md");
        let text = std::fs::read_to_string(&article).expect("article");
        std::fs::write(&article, text + &more).expect("write");
    }
    root
}

#[test]
fn a_query_finds_every_item_holding_its_words_and_reads_only_their_records() {
    let Some(chromium) = chromium() else { return };
    let tmp = tempdir();
    let out = tmp.path().join("out");
    // Groups of 3 packets, so the script reads group by group.
    let root = harbour_site(tmp.path());
    let run = crate::common::brief_env(
        tmp.path(),
        [
            "build".as_ref(),
            "--root".as_ref(),
            root.as_os_str(),
            "--output".as_ref(),
            out.as_os_str(),
            "--base-url".as_ref(),
            "http://127.0.0.1:1111/briefs/".as_ref(),
        ],
        &[("BRIEF_SEARCH_GROUP_PACKETS", "3".as_ref())],
    );
    assert!(out.join("_search/p/29-0.json").is_file(), "{run:?}");
    let meta: serde_json::Value =
        serde_json::from_str(&crate::common::read(&out.join("_search/meta.json"))).expect("meta");
    assert_eq!(meta["group"], 3);
    // What a full scan of the records finds: items where every query word starts a word of the
    // title, detail line, text or packet title.
    let words = |s: &str| brief::render::exports::search_text::tokens(s);
    let terms = words("Harbour LANTER");
    let want = crate::common::search_records(&out)
        .iter()
        .filter(|(i, packet, _)| {
            let mut all = words(packet);
            for k in ["t", "d", "x"] {
                all.extend(words(i[k].as_str().unwrap_or("")));
            }
            terms
                .iter()
                .all(|t| all.iter().any(|w| w.starts_with(t.as_str())))
        })
        .count();
    assert_eq!(
        want, 20,
        "4 paragraphs in each of packets 0, 6, 12, 18 and 24"
    );

    let srv = super::server::serve(&out, BASE);
    let browser = launch(chromium, tmp.path().join("profile"));
    let tab = browser.new_tab().expect("tab");
    let console = watch_console(&tab);
    // The whole query at once, as if pasted: the files of one query only.
    search(&tab, &srv.url(BASE, ""), "");
    eval(
        &tab,
        "const i = document.querySelector('#site-search-input'); i.value = 'Harbour LANTER'; i.dispatchEvent(new Event('input')); 1",
    );
    wait_for(
        &tab,
        "the first results",
        "document.querySelector('.search-results').dataset.query === 'Harbour LANTER'",
    );
    // Groups are read until 12 results wait: those of packets 0, 5, 6, 10 and 12 (the packets
    // holding both words), not more.
    let status = eval(&tab, "document.querySelector('.search-status').textContent");
    assert_eq!(status, "Showing 12 of at least 12 results.");
    tab.find_element(".search-more")
        .expect("show more")
        .click()
        .expect("click");
    wait_for(
        &tab,
        "every result",
        "document.querySelectorAll('.search-results a').length === 20 && !document.querySelector('.search-more')",
    );
    assert_eq!(
        eval(&tab, "document.querySelector('.search-status').textContent"),
        "20 results."
    );
    assert_eq!(
        eval(
            &tab,
            "document.activeElement.closest('li') === document.querySelectorAll('.search-results li')[12]"
        ),
        true,
        "the focus moves to the first added result"
    );
    // Only the records of the results were downloaded: none of packets 5, 10, … which hold
    // both words, but never in one item.
    let fetched = eval(&tab, SEARCH_FILES);
    let fetched: Vec<(String, u64, u64)> =
        serde_json::from_str(fetched.as_str().unwrap_or("")).expect("files");
    let mut packets: Vec<u32> = fetched
        .iter()
        .filter_map(|(u, ..)| u.split("/_search/p/").nth(1))
        .filter_map(|f| f.split('-').next()?.parse().ok())
        .collect();
    // Records of different packets are fetched at once: their order is the network's.
    packets.sort_unstable();
    packets.dedup();
    assert_eq!(packets, [0, 6, 12, 18, 24], "{fetched:?}");
    // And only the parts of groups with a packet holding both words.
    let holding = [0, 5, 6, 10, 12, 15, 18, 20, 24, 25];
    for (u, ..) in &fetched {
        let Some(part) = u.split("/_search/w/").nth(1) else {
            continue;
        };
        let Some(g) = part
            .split(['-', '.'])
            .nth(1)
            .and_then(|g| g.parse::<usize>().ok())
        else {
            continue;
        };
        assert!(
            holding.iter().any(|p| p / 3 == g),
            "{u}: group {g} has no packet holding both words"
        );
    }
    let problems = console.lock().expect("console").clone();
    assert!(problems.is_empty(), "{problems:#?}");
}
