//! The load test's baseline (`scripts/load-test`): plain axum serving fixed bytes from memory,
//! the upper limit for a page on this machine. `GET /scholen/{anything}` answers the school
//! page's bytes, `GET /scholen?…` the search page's, both as `text/html`.
//!
//!   cargo run --release -p koers-web --example baseline -- 127.0.0.1:9000 school.html search.html

use axum::Router;
use axum::body::Bytes;
use axum::http::header;
use axum::routing::get;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [addr, school, search] = args.as_slice() else {
        eprintln!("gebruik: baseline ADRES SCHOOLPAGINA.html ZOEKPAGINA.html");
        std::process::exit(2);
    };
    let school = Bytes::from(std::fs::read(school)?);
    let search = Bytes::from(std::fs::read(search)?);
    let html = |b: Bytes| move || std::future::ready(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], b.clone()));
    let app = Router::new().route("/scholen/{id}", get(html(school))).route("/scholen", get(html(search)));
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr.as_str()).await?;
        axum::serve(listener, app).await
    })
}
