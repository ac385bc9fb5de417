//! A tiny static file server for the browser tests: serves a built site under a base path.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

/// A running server (it stops with the test process).
pub struct Static {
    /// Its port on 127.0.0.1.
    pub port: u16,
}

impl Static {
    /// The absolute URL of `path` below the base path `base` (`/briefs/`).
    pub fn url(&self, base: &str, path: &str) -> String {
        format!("http://127.0.0.1:{}{base}{path}", self.port)
    }
}

/// Serves `dir` at `base` (`/briefs/`): folders answer with their `index.html`, anything
/// missing with the site's `404.html` and status 404. Text (HTML, CSS, JavaScript, JSON, XML,
/// SVG) is sent gzip-compressed to a browser that accepts it, as GitHub Pages sends it.
pub fn serve(dir: &Path, base: &str) -> Static {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a port");
    let port = listener.local_addr().expect("local address").port();
    let (dir, base) = (dir.to_path_buf(), base.to_string());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (dir, base) = (dir.clone(), base.clone());
            std::thread::spawn(move || answer(stream, &dir, &base));
        }
    });
    Static { port }
}

fn answer(mut stream: TcpStream, dir: &Path, base: &str) {
    let mut line = String::new();
    let mut reader = BufReader::new(&stream);
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut gzip = false;
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(n) if n > 2 => {}
            _ => break,
        }
        let header = header.to_ascii_lowercase();
        if let Some(v) = header.strip_prefix("accept-encoding:") {
            gzip |= v.split(',').any(|e| e.trim().starts_with("gzip"));
        }
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let (status, file) = match resolve(dir, base, path) {
        Some(f) => ("200 OK", f),
        None => ("404 Not Found", dir.join("404.html")),
    };
    let mut body = std::fs::read(&file).unwrap_or_default();
    let (kind, text) = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => ("text/html; charset=utf-8", true),
        Some("css") => ("text/css", true),
        Some("js") => ("text/javascript", true),
        Some("json") => ("application/json", true),
        Some("xml") => ("application/xml", true),
        Some("svg") => ("image/svg+xml", true),
        Some("png") => ("image/png", false),
        _ => ("application/octet-stream", false),
    };
    let mut encoding = "";
    if gzip && text {
        let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        if z.write_all(&body).is_ok()
            && let Ok(zipped) = z.finish()
        {
            body = zipped;
            encoding = "Content-Encoding: gzip\r\n";
        }
    }
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\n{encoding}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// The file for URL path `path`, if it lies below `base` and exists.
fn resolve(dir: &Path, base: &str, path: &str) -> Option<PathBuf> {
    let inside = path.strip_prefix(base)?;
    if inside.split('/').any(|s| s == ".." || s.starts_with('.')) {
        return None;
    }
    let decoded = inside.replace("%20", " ");
    let mut file = dir.join(decoded);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}
