//! Shared helpers: running the `brief` binary, fixtures, temp copies, reading output trees.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository (holds the example project: `content/us-ukraine`).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture project under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests").join("fixtures").join(name)
}

/// A fresh temporary folder, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("brief-it-")
        .tempdir()
        .expect("temp dir")
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// Exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard error, as the user sees it (no colour).
    pub stderr: String,
}

impl Run {
    /// Asserts a zero exit code, showing stderr otherwise.
    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(self.code, 0, "brief failed:\n{}", self.stderr);
        self
    }
}

/// Runs `brief` with `args` in `cwd`, without colour.
pub fn brief_in<I, S>(cwd: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    brief_env(cwd, args, &[])
}

/// Runs `brief` with `args` in `cwd`, without colour, with `env` set.
pub fn brief_env<I, S>(cwd: &Path, args: I, env: &[(&str, &OsStr)]) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(cwd)
        .envs(env.iter().copied())
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("run brief");
    Run {
        code: out.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `brief` with `args`, from the system temp folder (so that nothing can land in the repo).
pub fn brief<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    brief_in(&std::env::temp_dir(), args)
}

/// `brief build --root <root> --output <out>` plus `extra`.
pub fn build(root: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<&OsStr> = vec![
        "build".as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
        "--output".as_ref(),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(|s| OsStr::new(*s)));
    brief(args)
}

/// Builds fixture `name` (or the example, for `None`) into a new temp folder, which must succeed.
/// Returns the temp folder and the output folder inside it.
pub fn built(name: Option<&str>, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let root = name.map_or_else(repo, fixture);
    let tmp = tempdir();
    let out = tmp.path().join("out");
    build(&root, &out, extra).ok();
    (tmp, out)
}

/// Copies the folder `src` into `dst` (created), files and folders alike.
pub fn copy_dir(src: &Path, dst: &Path) {
    for e in walkdir::WalkDir::new(src) {
        let e = e.expect("walk");
        let rel = e.path().strip_prefix(src).expect("inside");
        let to = dst.join(rel);
        if e.file_type().is_dir() {
            fs::create_dir_all(&to).expect("mkdir");
        } else {
            fs::copy(e.path(), &to).expect("copy");
        }
    }
}

/// Copies fixture `name` into a new temp folder, as `<tmp>/project`.
pub fn project_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempdir();
    let root = tmp.path().join("project");
    copy_dir(&fixture(name), &root);
    (tmp, root)
}

/// Every file and folder under `dir` (relative, `/`-separated) with its bytes; folders end in
/// `/` and map to nothing. Missing `dir` gives an empty tree.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut map = BTreeMap::new();
    if !dir.exists() {
        return map;
    }
    for e in walkdir::WalkDir::new(dir).min_depth(1) {
        let e = e.expect("walk");
        let rel = e
            .path()
            .strip_prefix(dir)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        if e.file_type().is_dir() {
            map.insert(format!("{rel}/"), Vec::new());
        } else {
            map.insert(rel, fs::read(e.path()).expect("read"));
        }
    }
    map
}

/// The paths of every file under `dir`, relative.
pub fn files(dir: &Path) -> Vec<String> {
    tree(dir)
        .into_keys()
        .filter(|k| !k.ends_with('/'))
        .collect()
}

/// Reads a text file, with its path in the panic message.
#[track_caller]
pub fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The `<main …>…</main>` region of a page.
#[track_caller]
pub fn main_region(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main");
    let end = html[start..].find("</main>").expect("page has </main>") + start;
    &html[start..end + "</main>".len()]
}

/// Every value of attribute `name` (`href`, `src`, `id`) in `html`, entity-decoded.
pub fn attrs(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let after = &rest[i + needle.len()..];
        let end = after.find('"').expect("attribute closes");
        out.push(decode(&after[..end]));
        rest = &after[end..];
    }
    out
}

/// Decodes the entities templates produce in attributes.
pub fn decode(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The text of every `<tag>…</tag>` element (no attributes) in `xml`.
pub fn elements(xml: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let end = after.find(&close).expect("element closes");
        out.push(decode(&after[..end]));
        rest = &after[end..];
    }
    out
}

/// The search records of a built site (`_search/p/<packet>-<chunk>.json`), in site order:
/// each item with its packet's title and URL.
pub fn search_records(out: &Path) -> Vec<(serde_json::Value, String, String)> {
    let mut files: Vec<(usize, usize, PathBuf)> = std::fs::read_dir(out.join("_search/p"))
        .expect("the records folder")
        .map(|f| f.expect("an entry").path())
        .map(|p| {
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            let (n, c) = stem.split_once('-').expect("<packet>-<chunk>");
            (
                n.parse().expect("packet"),
                c.parse().expect("chunk"),
                p.clone(),
            )
        })
        .collect();
    files.sort();
    let mut items = Vec::new();
    for (_, _, path) in files {
        let records: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("JSON");
        for item in records["i"].as_array().expect("items") {
            let text = |k: &str| records[k].as_str().unwrap_or("").to_string();
            items.push((item.clone(), text("t"), text("u")));
        }
    }
    items
}
