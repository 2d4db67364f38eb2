//! Issue 11 item 8 on a real socket: a client that connects and sends nothing (or half a
//! request head) is disconnected after the header timeout, one address cannot hold more than
//! its share of connections, and `/health` keeps answering while another address floods.
//! Nothing here asserts a duration: "disconnected" means the server closed the socket before a
//! generous test deadline.

mod common;

use koers_web::WebConfig;
use koers_web::server::ServerLimits;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

/// Serve the test app with `limits` on an ephemeral loopback port (the app keeps its database
/// alive; dropping the sender stops the server).
async fn serve(limits: ServerLimits) -> (SocketAddr, tokio::sync::oneshot::Sender<()>, common::TestApp) {
    let app = common::app().await;
    let state = app.state.clone();
    let state = state.clone().with_config(WebConfig { server: limits, ..state.config.clone() });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(koers_web::serve_listener(state, listener, async {
        let _ = stopped.await;
    }));
    (addr, stop, app)
}

/// A connection to `server` from the loopback address `from` (127.0.0.x).
async fn connect_from(from: [u8; 4], server: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::from((from, 0)))?;
    socket.connect(server).await
}

/// Does the server close `stream` (EOF or reset) before `deadline`?
async fn closed_by_server(stream: &mut TcpStream, deadline: Duration) -> bool {
    let mut buf = [0u8; 1024];
    loop {
        match tokio::time::timeout(deadline, stream.read(&mut buf)).await {
            Err(_) => return false,
            Ok(Ok(0) | Err(_)) => return true,
            // A 408 or similar before closing is fine; keep reading until the close.
            Ok(Ok(_)) => {}
        }
    }
}

async fn health(from: [u8; 4], server: SocketAddr) -> String {
    let mut s = connect_from(from, server).await.unwrap_or_else(|e| panic!("{e}"));
    s.write_all(b"GET /health HTTP/1.1\r\nHost: koers.test\r\nConnection: close\r\n\r\n")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut out = String::new();
    let _ = tokio::time::timeout(Duration::from_secs(30), s.read_to_string(&mut out)).await;
    out
}

#[tokio::test]
async fn a_silent_or_half_sent_request_is_disconnected_after_the_header_timeout() {
    let limits = ServerLimits { header_timeout: Duration::from_secs(1), ..ServerLimits::default() };
    let (addr, _stop, _app) = serve(limits).await;
    let mut silent = connect_from([127, 0, 0, 1], addr).await.unwrap_or_else(|e| panic!("{e}"));
    let mut half = connect_from([127, 0, 0, 1], addr).await.unwrap_or_else(|e| panic!("{e}"));
    half.write_all(b"GET /health HTTP/1.1\r\nHost: koe").await.unwrap_or_else(|e| panic!("{e}"));
    assert!(closed_by_server(&mut silent, Duration::from_secs(30)).await, "silent connection kept open");
    assert!(closed_by_server(&mut half, Duration::from_secs(30)).await, "half-sent head kept open");
    assert!(health([127, 0, 0, 1], addr).await.contains("ok sqlite"));
}

#[tokio::test]
async fn one_address_cannot_take_every_connection_and_health_still_answers() {
    let limits =
        ServerLimits { max_per_client: 20, header_timeout: Duration::from_secs(60), ..ServerLimits::default() };
    let (addr, _stop, _app) = serve(limits).await;
    // 60 half-open connections from 127.0.0.2: 20 are held, the rest are closed at once.
    let mut held = Vec::new();
    for _ in 0..60 {
        if let Ok(mut s) = connect_from([127, 0, 0, 2], addr).await {
            let _ = s.write_all(b"GET / HTTP/1.1\r\n").await;
            held.push(s);
        }
    }
    let mut refused = 0;
    for s in &mut held {
        if closed_by_server(s, Duration::from_millis(300)).await {
            refused += 1;
        }
    }
    assert!(refused >= 40, "only {refused} of 60 refused; the per-client limit is 20");
    // Another address is served while 127.0.0.2 holds its share.
    let answer = health([127, 0, 0, 1], addr).await;
    assert!(answer.starts_with("HTTP/1.1 200") && answer.contains("ok sqlite"), "{answer}");
}
