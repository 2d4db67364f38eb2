//! The HTTP server loop, with the limits `axum::serve` does not have: `axum::serve` installs no
//! timer, so hyper's header-read timeout silently never fires and a client that opens a
//! connection and sends nothing (or half a request) holds a task and a file descriptor for
//! ever; 1,100 of them exhausted the descriptors and `/health` stopped answering.
//!
//! Here every connection is HTTP/1.1 served by hyper with a Tokio timer:
//! - [`ServerLimits::header_timeout`]: the request head must arrive within this time, counted
//!   from the connection's start and again while a kept-alive connection waits for its next
//!   request (so it is also the idle timeout);
//! - [`ServerLimits::max_connections`] open connections at most (never more than the process's
//!   descriptor limit minus a reserve for the database and files), and
//!   [`ServerLimits::max_per_client`] per client address: a connection over either limit is
//!   closed at once, so a slow-client flood from one address leaves room for everyone else;
//! - the whole request, body included, is bounded by [`ServerLimits::request_timeout`] (408;
//!   see [`crate::router`]).
//!
//! Behind a reverse proxy every connection comes from the proxy: raise `max_per_client` (or
//! let the proxy limit clients).

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// Connection and time limits of the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerLimits {
    /// Open connections at most (lowered to the descriptor limit minus [`FD_RESERVE`]).
    pub max_connections: usize,
    /// Open connections per client address at most.
    pub max_per_client: usize,
    /// Time for a request head to arrive; also how long an idle kept-alive connection stays.
    pub header_timeout: Duration,
    /// Time for a whole request, body and handler included (408 after).
    pub request_timeout: Duration,
    /// How long a graceful shutdown waits for requests in flight.
    pub shutdown_grace: Duration,
}

impl Default for ServerLimits {
    fn default() -> Self {
        Self {
            max_connections: 4096,
            max_per_client: 256,
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(120),
            shutdown_grace: Duration::from_secs(30),
        }
    }
}

/// Descriptors kept free for the database, uploads and logs.
pub const FD_RESERVE: usize = 128;

/// The soft limit on open files of this process (`/proc/self/limits`), if known.
pub fn open_files_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// `max_connections`, never more than the descriptor limit allows.
pub fn effective_max_connections(limits: &ServerLimits) -> usize {
    let by_fds = open_files_limit().map_or(usize::MAX, |n| n.saturating_sub(FD_RESERVE).max(16));
    limits.max_connections.min(by_fds).max(1)
}

/// Counts open connections per client address; a slot is given back when its guard drops.
#[derive(Debug, Clone, Default)]
struct PerClient {
    open: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

#[derive(Debug)]
struct ClientSlot {
    open: Arc<Mutex<HashMap<IpAddr, usize>>>,
    ip: IpAddr,
}

impl PerClient {
    fn enter(&self, ip: IpAddr, max: usize) -> Option<ClientSlot> {
        let ip = crate::limits::bucket_of(ip);
        let mut open = self.open.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let n = open.entry(ip).or_insert(0);
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(ClientSlot { open: self.open.clone(), ip })
    }
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let mut open = self.open.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(n) = open.get_mut(&self.ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// Serve `app` on `listener` with `limits` until `shutdown` completes, then let the requests
/// in flight finish (at most [`ServerLimits::shutdown_grace`]).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ServerLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let max = effective_max_connections(&limits);
    let connections = Arc::new(Semaphore::new(max));
    let per_client = PerClient::default();
    let graceful = GracefulShutdown::new();
    tracing::info!(max_connections = max, max_per_client = limits.max_per_client, "verbindingslimieten");
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of descriptors or a connection reset before accept: wait a little
                    // instead of spinning.
                    tracing::warn!(error = %e, "verbinding aannemen mislukt");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = connections.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let Some(slot) = per_client.enter(peer.ip(), limits.max_per_client) else {
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            app.clone().oneshot(req.map(Body::new))
        });
        let conn = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout)
            .keep_alive(true)
            .serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, "verbinding beëindigd");
            }
            drop(slot);
            drop(permit);
        });
    }
    drop(listener);
    if tokio::time::timeout(limits.shutdown_grace, graceful.shutdown()).await.is_err() {
        tracing::warn!("afsluiten: niet alle verzoeken zijn op tijd afgemaakt");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_gets_at_most_its_share_of_connections() {
        let pc = PerClient::default();
        let a = IpAddr::from([192, 0, 2, 1]);
        let b = IpAddr::from([192, 0, 2, 2]);
        let first = pc.enter(a, 2);
        let second = pc.enter(a, 2);
        assert!(first.is_some() && second.is_some());
        assert!(pc.enter(a, 2).is_none(), "third connection of a refused");
        assert!(pc.enter(b, 2).is_some(), "b is not affected");
        drop(first);
        assert!(pc.enter(a, 2).is_some(), "a slot comes back when a connection ends");
    }

    #[test]
    fn the_descriptor_limit_caps_connections() {
        let limits = ServerLimits { max_connections: usize::MAX, ..ServerLimits::default() };
        let max = effective_max_connections(&limits);
        if let Some(fds) = open_files_limit() {
            assert!(max <= fds.saturating_sub(FD_RESERVE).max(16));
        }
        assert!(max >= 1);
    }
}
