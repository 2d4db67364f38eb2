//! Test support: the app on a fresh temp-file SQLite database per test, seeded through the
//! `Store` trait, and small request helpers (in-process with `tower::ServiceExt::oneshot`).
#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use koers_app::store::{Actor, NewBoard, PublishedThreeYear, ResultYear, SchoolFields, SchoolWrite, Sector, Store};
use koers_core::NormLibrary;
use koers_core::ids::{BoardNumber, SchoolId};
use koers_store_sqlite::SqliteStore;
use koers_web::{AppState, WebConfig};
use std::sync::Arc;
use tower::ServiceExt;

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub ids: Ids,
    _dir: tempfile::TempDir,
}

/// Ids of the seeded schools.
#[derive(Debug, Clone, Copy)]
pub struct Ids {
    /// WereldWijs, 00AP|C1: the real 2023–2025 numbers (three-year 93,02% / 51,94%), groen.
    pub wereldwijs: i64,
    /// A made-up school inside the band (1S/2F oranje): eligible.
    pub de_brug: i64,
    /// A school with a masked year and published three-year values.
    pub masked: i64,
    /// An sbo school.
    pub sbo: i64,
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Resp {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

fn school(ovt: &str, name: &str, place: &str, sector: Sector, weging: Option<f64>) -> SchoolWrite {
    SchoolWrite::Insert {
        ovt: koers_core::codes::Ovt::parse(ovt).unwrap_or_else(|e| panic!("{e}")),
        brin: ovt[..4].into(),
        sector,
        fields: SchoolFields {
            name: name.into(),
            place: Some(place.into()),
            municipality: Some(place.into()),
            province: Some("Noord-Holland".into()),
            denomination: Some("Openbaar".into()),
            board_number: Some(BoardNumber::new(41646)),
            schoolweging: weging,
            website: Some("https://example.nl".into()),
            ..SchoolFields::default()
        },
    }
}

fn year(school_id: i64, y: i64, n: i64, p1: f64, p2: f64) -> ResultYear {
    ResultYear {
        school_id: SchoolId::new(school_id),
        test_year: y,
        pupils: Some(n),
        pct_1f: Some(p1),
        pct_1s2f: Some(p2),
        suppressed: false,
        source: "test".into(),
    }
}

async fn seed(store: &dyn Store) -> Ids {
    let actor = Actor::system("test");
    store
        .upsert_boards(
            &[NewBoard { number: BoardNumber::new(41646), name: "Stichting Wereldwijs & Co".into() }],
            &actor,
            1,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let ids = store
        .apply_school_writes(
            &[
                school("00AP|C1", "WereldWijs", "Amsterdam", Sector::Po, Some(31.47)),
                school("99ZZ|C1", "OBS De Brug", "Zwolle", Sector::Po, Some(31.47)),
                school("98YY|C1", "De Verborgen Tuin", "Utrecht", Sector::Po, Some(25.2)),
                school("97XX|C1", "SBO De Sprong", "Amsterdam", Sector::Sbo, None),
            ],
            &actor,
            1,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (w, b, m, s) = (ids[0], ids[1], ids[2], ids[3]);
    let mut masked = year(m.get(), 2024, 0, 0.0, 0.0);
    masked.pupils = None;
    masked.pct_1f = None;
    masked.pct_1s2f = None;
    masked.suppressed = true;
    let rows = vec![
        year(w.get(), 2023, 18, 94.44, 55.56),
        year(w.get(), 2024, 13, 92.31, 51.28),
        year(w.get(), 2025, 12, 91.67, 47.22),
        year(b.get(), 2023, 30, 90.0, 45.0),
        year(b.get(), 2024, 30, 89.0, 44.0),
        year(b.get(), 2025, 30, 91.0, 46.0),
        year(m.get(), 2023, 25, 96.0, 60.0),
        masked,
        year(m.get(), 2025, 22, 95.0, 58.0),
    ];
    store.upsert_results(&rows, &actor, 1).await.unwrap_or_else(|e| panic!("{e}"));
    let published = [
        PublishedThreeYear { school_id: w, last_test_year: 2025, pupils: 43, pct_1f: 93.02, pct_1s2f: 51.94 },
        PublishedThreeYear { school_id: m, last_test_year: 2025, pupils: 70, pct_1f: 95.5, pct_1s2f: 59.1 },
    ];
    store.upsert_published(&published, &actor, 1).await.unwrap_or_else(|e| panic!("{e}"));
    Ids { wereldwijs: w.get(), de_brug: b.get(), masked: m.get(), sbo: s.get() }
}

pub async fn app() -> TestApp {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = format!("sqlite://{}", dir.path().join("koers.db").display());
    let store = SqliteStore::connect(&url).await.unwrap_or_else(|e| panic!("{e}"));
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let ids = seed(&store).await;
    let norms = NormLibrary::shipped().unwrap_or_else(|e| panic!("{e}"));
    let app = koers_app::App::new(Arc::new(store), Arc::new(norms));
    let state = AppState::new(app, WebConfig::default());
    TestApp { router: koers_web::router(state.clone()), state, ids, _dir: dir }
}

impl TestApp {
    pub async fn send(&self, req: Request<Body>) -> Resp {
        let res = self.router.clone().oneshot(req).await.unwrap_or_else(|e| panic!("{e}"));
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.map(|b| b.to_bytes()).unwrap_or_default();
        Resp { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    pub async fn get(&self, uri: &str) -> Resp {
        self.get_with(uri, &[]).await
    }

    pub async fn get_with(&self, uri: &str, headers: &[(&str, &str)]) -> Resp {
        let mut req = Request::get(uri);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        self.send(req.body(Body::empty()).unwrap_or_else(|e| panic!("{e}"))).await
    }

    pub async fn post(&self, uri: &str, content_type: &str, body: &str) -> Resp {
        let req = Request::post(uri)
            .header("content-type", content_type)
            .body(Body::from(body.to_owned()))
            .unwrap_or_else(|e| panic!("{e}"));
        self.send(req).await
    }
}
