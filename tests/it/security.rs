//! Untrusted content: raw HTML, script URLs and markup in YAML are escaped or dropped; `raw_html`.

use std::fs;
use std::path::Path;

use crate::common::{build, main_region, project_copy, read, tree};

/// Every tag (`<name …>`) of `html`, attribute values removed, lower-cased.
fn tags(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        // Attribute values are quoted by the templates and the Markdown writer.
        let mut tag = String::new();
        let mut in_value = false;
        for c in rest[..end].chars() {
            if c == '"' {
                in_value = !in_value;
            } else if !in_value {
                tag.push(c.to_ascii_lowercase());
            }
        }
        out.push(tag);
        rest = &rest[end..];
    }
    out
}

/// `html` without the theme's own scripts: the search script and JSON-LD blocks, whose text
/// must not contain `<` (so that no packet string can close the element).
fn theme_scripts_removed(html: &str, path: &str, found: &mut Vec<String>) -> String {
    let mut html = html.replace("<script src=\"/search.js\" defer></script>", "");
    let open = "<script type=\"application/ld+json\">";
    while let Some(i) = html.find(open) {
        let body_end = html[i..].find("</script>").map_or(html.len(), |e| i + e);
        if html[i + open.len()..body_end].contains('<') {
            found.push(format!("{path}: JSON-LD not escaped"));
        }
        html.replace_range(i..(body_end + "</script>".len()).min(html.len()), "");
    }
    html
}

/// Problems found in the HTML files of `out`: script elements, event-handler attributes,
/// script URLs.
fn dangers(out: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for (path, bytes) in tree(out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = theme_scripts_removed(&String::from_utf8(bytes).unwrap(), &path, &mut found);
        if html.to_ascii_lowercase().contains("javascript:") {
            found.push(format!("{path}: javascript: URL"));
        }
        for tag in tags(&html) {
            let name = tag.split_whitespace().next().unwrap_or("");
            if name == "script" || name == "iframe" || name == "object" || name == "embed" {
                found.push(format!("{path}: <{tag}>"));
            }
            if tag
                .split_whitespace()
                .skip(1)
                .any(|a| a.starts_with("on") && a.contains('='))
            {
                found.push(format!("{path}: event handler in <{tag}>"));
            }
        }
    }
    found
}

#[test]
fn hostile_content_is_escaped_everywhere() {
    let (tmp, root) = project_copy("security");
    let out = tmp.path().join("out");
    build(&root, &out, &[]).ok();
    let found = dangers(&out);
    assert!(found.is_empty(), "{found:#?}");

    let article = read(&out.join("hostile/article/index.html"));
    let main = main_region(&article);
    assert!(main.contains("wrote &lt;script&gt;alert(1)&lt;/script&gt; "));
    assert!(main.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!main.contains("<img"));
    // The javascript: link and the data: image are dropped, their text kept; the https link stays.
    assert!(main.contains(
        "A bad link and an image i and a <a href=\"https://example.com/ok\">good link</a>."
    ));

    let overview = read(&out.join("hostile/index.html"));
    assert!(overview.contains("Title &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;"));
    assert!(
        overview.contains("Summary &lt;script&gt;alert(\"summary\")&lt;/script&gt; and click.")
    );
    let question = read(&out.join("hostile/questions/why/index.html"));
    assert!(
        question.contains("<p>Context x</p>"),
        "javascript: link in context kept"
    );
    assert!(overview.contains("Mallory &lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;"));
    assert!(overview.contains("Attacker &quot;quoted&quot; &amp; &lt;i&gt;tagged&lt;/i&gt;"));
    // A URL that tries to leave its attribute stays inside it, its quotes and angle brackets
    // percent-encoded (a valid URL).
    assert!(
        overview
            .contains("href=\"https://example.com/src%22%3E%3Cscript%3Ealert(5)%3C/script%3E\"")
    );
    let actor = read(&out.join("hostile/actors/mallory/index.html"));
    assert!(actor.contains("href=\"https://example.com/%22onmouseover=%22alert(6)\""));
    let site = read(&out.join("index.html"));
    assert!(
        site.contains("<title>Briefs &lt;script&gt;"),
        "site title not escaped"
    );
    // JSON-LD keeps the text, escaped for its <script>; the print header's CSS string too.
    let ld = overview
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .expect("JSON-LD on the overview");
    assert!(ld.contains("\\u003cscript\\u003e"), "{ld}");
    let ld: serde_json::Value = serde_json::from_str(ld).unwrap();
    assert_eq!(ld["headline"], "Title <script>alert(\"title\")</script>");
    let print = read(&out.join("hostile/print/index.html"));
    assert!(print.contains(
        "content: \"Title \\3c script\\3e alert(\\22 title\\22 )\\3c \\2f script\\3e \";"
    ));
    assert!(overview.contains(
        "<meta name=\"description\" content=\"Summary alert(&quot;summary&quot;) and click.\">"
    ));
}

#[test]
fn feeds_and_timeline_json_escape_hostile_text() {
    let (tmp, root) = project_copy("security");
    let out = tmp.path().join("out");
    build(&root, &out, &[]).ok();
    let atom = read(&out.join("atom.xml"));
    assert!(!atom.contains("<script"), "{atom}");
    assert!(atom.contains("<title>Title &lt;script&gt;"), "{atom}");
    // TimelineJS renders headline and text as HTML.
    let t: serde_json::Value =
        serde_json::from_str(&read(&out.join("hostile/timeline.json"))).unwrap();
    let event = &t["events"][0];
    assert_eq!(
        event["text"]["headline"],
        "Mallory writes &lt;script&gt;alert(&quot;event&quot;)&lt;/script&gt;"
    );
    assert!(!event["text"]["text"].as_str().unwrap().contains("<img"));
    assert!(
        !t["title"]["text"]["headline"]
            .as_str()
            .unwrap()
            .contains("<script")
    );
}

#[test]
fn raw_html_true_passes_article_html_through_but_not_script_urls() {
    let (tmp, root) = project_copy("security");
    let config = root.join("brief.yaml");
    let text = read(&config);
    fs::write(&config, format!("{text}raw_html: true\n")).unwrap();
    let out = tmp.path().join("out");
    build(&root, &out, &[]).ok();
    let article = read(&out.join("hostile/article/index.html"));
    let main = main_region(&article);
    assert!(main.contains("wrote <script>alert(1)</script> "), "{main}");
    assert!(main.contains("<img src=x onerror=alert(1)>"), "{main}");
    assert!(
        main.contains("<div onclick=\"alert(2)\">block html</div>"),
        "{main}"
    );
    // Markdown links and images are still filtered, and YAML plain text still escaped.
    assert!(!article.contains("javascript:"));
    assert!(!article.contains("data:text/html"));
    assert!(article.contains("Title &lt;script&gt;"));
    let overview = read(&out.join("hostile/index.html"));
    assert!(overview.contains("Mallory &lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;"));
}
