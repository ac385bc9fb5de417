//! Serve stage: accepting connections within bounds, so a flood or forgotten tabs cannot grow
//! the preview's memory: at most [`MAX_CONNECTIONS`] at once (more wait in the system's queue
//! until one closes), and a connection idle between requests for [`IDLE`] is closed.
//! Long-lived answers (the live-reload event stream) are not idle and stay open.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use axum::Router;
use axum::body::Body;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt as _;

/// Connections served at once.
pub const MAX_CONNECTIONS: usize = 256;

/// How long a connection may wait for its next request before it is closed.
pub const IDLE: Duration = Duration::from_secs(60);

/// Serves `router` on `listener` until the process stops (HTTP/1.1, keep-alive, bounded).
pub async fn serve(listener: TcpListener, router: Router) -> Result<()> {
    serve_with(listener, router, MAX_CONNECTIONS, IDLE).await
}

/// [`serve`] with the bounds given (tests use small ones).
pub async fn serve_with(
    listener: TcpListener,
    router: Router,
    max: usize,
    idle: Duration,
) -> Result<()> {
    let permits = Arc::new(Semaphore::new(max));
    loop {
        let permit = permits.clone().acquire_owned().await?;
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, say: wait a little rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let service = TowerToHyperService::new(
            router
                .clone()
                .map_request(|req: axum::http::Request<hyper::body::Incoming>| req.map(Body::new)),
        );
        tokio::spawn(async move {
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(idle)
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service);
            // A client that went away or timed out is not an error of the server's.
            let _ = conn.await;
            drop(permit);
        });
    }
}
