//! The preview's bounds: it serves only bytes of the last good build's snapshot (a file swapped
//! for a link to `/etc/passwd` after a good build is never read), idle connections are closed,
//! and no more than the cap are served at once.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::serve::{eventually, page, project, start};

#[cfg(unix)]
#[test]
fn a_file_swapped_for_a_link_after_a_good_build_is_never_served() {
    let (_tmp, root) = project();
    let file = root.join("content/beta/swap.txt");
    std::fs::write(&file, "the packet's own file").unwrap();
    let srv = start(&root);
    eventually("the file is served", || {
        page(&srv, "beta/swap.txt").1 == "the packet's own file"
    });
    std::fs::remove_file(&file).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", &file).unwrap();
    eventually("the failed rebuild is reported", || {
        page(&srv, "beta/").1.contains("leads outside the project")
    });
    let (status, body) = page(&srv, "beta/swap.txt");
    assert_eq!(status, 200);
    assert_eq!(
        body, "the packet's own file",
        "served from the last good snapshot"
    );
    assert!(!body.contains("root:"));
}

/// A server of `brief::serve::conn` with the given bounds, answering `ok`, on its own runtime.
fn bounded(max: usize, idle: Duration) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            let router = axum::Router::new().fallback(|| async { "ok" });
            let _ = brief::serve::conn::serve_with(listener, router, max, idle).await;
        });
    });
    port
}

fn request(s: &mut TcpStream) {
    s.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
}

/// Reads until the response body `ok` arrived; false on timeout or close.
fn answered(s: &mut TcpStream, within: Duration) -> bool {
    s.set_read_timeout(Some(within)).unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 512];
    while !got.ends_with(b"ok") {
        match s.read(&mut buf) {
            Ok(0) | Err(_) => return false,
            Ok(n) => got.extend_from_slice(&buf[..n]),
        }
    }
    true
}

#[test]
fn an_idle_keep_alive_connection_is_closed() {
    let port = bounded(8, Duration::from_millis(300));
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    request(&mut s);
    assert!(answered(&mut s, Duration::from_secs(10)));
    // Kept alive: a second request on the same connection is answered.
    request(&mut s);
    assert!(answered(&mut s, Duration::from_secs(10)));
    // Then idle: the server closes it (a read sees the end, not a timeout).
    let start = Instant::now();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let n = s.read(&mut [0u8; 16]).expect("closed, not timed out");
    assert_eq!(n, 0);
    assert!(start.elapsed() >= Duration::from_millis(250));
}

#[test]
fn connections_over_the_cap_wait_until_one_closes() {
    let port = bounded(2, Duration::from_secs(30));
    let first = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let _second = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut third = TcpStream::connect(("127.0.0.1", port)).unwrap();
    request(&mut third);
    assert!(
        !answered(&mut third, Duration::from_millis(700)),
        "a third connection was served beyond the cap of 2"
    );
    drop(first);
    assert!(
        answered(&mut third, Duration::from_secs(10)),
        "served once one closed"
    );
}
