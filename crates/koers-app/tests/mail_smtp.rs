//! Real SMTP delivery through lettre into a small local SMTP sink (loopback only), and a failed
//! delivery recorded on the outbox mail for a retry.

use koers_app::App;
use koers_app::mail::{SmtpConfig, SmtpTransport};
use koers_app::store::{NewMail, Store, StoreRead};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// Accepts one SMTP session and returns the DATA it received.
async fn sink(listener: tokio::net::TcpListener) -> String {
    let Ok((sock, _)) = listener.accept().await else { return String::new() };
    let (r, mut w) = sock.into_split();
    let mut lines = BufReader::new(r).lines();
    let _ = w.write_all(b"220 sink ESMTP\r\n").await;
    let mut data = String::new();
    let mut in_data = false;
    while let Ok(Some(line)) = lines.next_line().await {
        if in_data {
            if line == "." {
                in_data = false;
                let _ = w.write_all(b"250 ok\r\n").await;
            } else {
                data.push_str(&line);
                data.push('\n');
            }
            continue;
        }
        let cmd = line.to_uppercase();
        let reply: &[u8] = if cmd.starts_with("EHLO") {
            b"250-sink\r\n250 8BITMIME\r\n"
        } else if cmd.starts_with("DATA") {
            in_data = true;
            b"354 go ahead\r\n"
        } else if cmd.starts_with("QUIT") {
            let _ = w.write_all(b"221 bye\r\n").await;
            break;
        } else {
            b"250 ok\r\n"
        };
        let _ = w.write_all(reply).await;
    }
    data
}

fn app(s: &koers_store_sqlite::SqliteStore) -> App {
    let norms = koers_core::NormLibrary::shipped().unwrap_or_else(|e| panic!("{e}"));
    App::new(std::sync::Arc::new(s.clone()), std::sync::Arc::new(norms))
}

async fn store() -> (koers_store_sqlite::SqliteStore, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let s = koers_store_sqlite::connect(&format!("sqlite://{}", dir.path().join("m.db").display()))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    s.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    (s, dir)
}

#[tokio::test]
async fn queued_mail_is_delivered_over_smtp_and_marked_sent() {
    let (s, _d) = store().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap_or_else(|e| panic!("{e}"));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
    let received = tokio::spawn(sink(listener));
    s.enqueue_mail(
        &NewMail {
            to_address: "sam@morgenster.nl".into(),
            subject: "Ontvangstbevestiging aanmelding KRS-2026-000001".into(),
            body_text: "Bedankt voor je aanmelding.".into(),
        },
        1,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let cfg =
        SmtpConfig::from_url(&format!("smtp://127.0.0.1:{port}?security=none"), "Koers <noreply@koers.example.nl>")
            .unwrap_or_else(|e| panic!("{e}"));
    let t = SmtpTransport::new(&cfg).unwrap_or_else(|e| panic!("{e}"));
    let (sent, failed) = app(&s).deliver_mail(&t, 2, 10).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((sent, failed), (1, 0));
    let data = received.await.unwrap_or_default();
    assert!(data.contains("Subject: Ontvangstbevestiging aanmelding KRS-2026-000001"), "{data}");
    assert!(data.contains("To: sam@morgenster.nl"), "{data}");
    let out = s.outbox(false, 0).await.unwrap_or_default();
    assert_eq!(out[0].sent_at, Some(2));
    assert!(s.outbox(true, 0).await.unwrap_or_default().is_empty());
}

#[tokio::test]
async fn a_failed_delivery_is_recorded_and_retried_later() {
    let (s, _d) = store().await;
    // A port nobody listens on.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
        l.local_addr().map(|a| a.port()).unwrap_or_default()
    };
    s.enqueue_mail(
        &NewMail { to_address: "sam@morgenster.nl".into(), subject: "Test".into(), body_text: "Body".into() },
        1,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let cfg = SmtpConfig::from_url(&format!("smtp://127.0.0.1:{port}?security=none"), "noreply@koers.example.nl")
        .unwrap_or_else(|e| panic!("{e}"));
    let t = SmtpTransport::new(&cfg).unwrap_or_else(|e| panic!("{e}"));
    let (sent, failed) = app(&s).deliver_mail(&t, 2, 10).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((sent, failed), (0, 1));
    let pending = s.outbox(true, 0).await.unwrap_or_default();
    assert_eq!(pending.len(), 1, "still pending, for a retry");
    assert_eq!(pending[0].attempts, 1);
    assert!(pending[0].last_error.as_deref().is_some_and(|e| e.starts_with("verzenden mislukt")));
}
