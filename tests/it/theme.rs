//! Project themes: a template or static file overrides the default's, the rest falls back.

use insta::assert_snapshot;

use crate::common::{build, built, fixture, main_region, read, tempdir};

#[test]
fn a_custom_template_overrides_only_its_page() {
    let (_tmp, out) = built(Some("theme-custom"), &[]);
    let overview = read(&out.join("p/index.html"));
    assert_snapshot!("custom_overview", main_region(&overview));
    // The custom page still extends the default base.
    assert!(overview.contains("<header class=\"site-header\">"));
    // Every other page comes from the default theme.
    let article = read(&out.join("p/article/index.html"));
    assert!(article.contains("<nav class=\"packet-nav\""));
    assert!(article.contains("<p id=\"p-1\">"));
    assert!(!article.contains("custom-overview"));
    assert!(read(&out.join("p/timeline/index.html")).contains("<h1>Timeline</h1>"));
}

#[test]
fn a_custom_static_file_replaces_the_default() {
    let (_tmp, out) = built(Some("theme-custom"), &[]);
    assert_eq!(
        read(&out.join("style.css")),
        read(&fixture("theme-custom").join("themes/custom/static/style.css"))
    );
    let (_tmp2, default_out) = built(Some("drafts"), &[]);
    assert_ne!(
        read(&default_out.join("style.css")),
        read(&out.join("style.css"))
    );
}

#[test]
fn a_broken_template_names_its_file_and_line() {
    let tmp = tempdir();
    let out = tmp.path().join("out");
    let run = build(&fixture("theme-broken"), &out, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!out.exists());
    assert!(
        run.stderr
            .contains("--> themes/broken/templates/overview.html:5:"),
        "{}",
        run.stderr
    );
    assert_snapshot!("broken_template", run.stderr);
}

#[test]
fn a_project_themes_default_overrides_the_built_in_theme_file_by_file() {
    // brief.yaml names no theme (so `default`); the project's themes/default/ holds one
    // template and the stylesheet, as after copying the default theme and editing two files.
    let (_tmp, out) = built(Some("theme-default-override"), &[]);
    let overview = read(&out.join("p/index.html"));
    assert!(
        overview.contains("<section class=\"project-default-overview\">"),
        "{overview}"
    );
    // It still extends the built-in base, and every other page is the built-in one.
    assert!(overview.contains("<header class=\"site-header\">"));
    let article = read(&out.join("p/article/index.html"));
    assert!(article.contains("<p id=\"p-1\">"));
    assert!(!article.contains("project-default-overview"));
    assert_eq!(
        read(&out.join("style.css")),
        read(&fixture("theme-default-override").join("themes/default/static/style.css"))
    );
}
