//! Support for the auth, admin and authorization tests: a fresh SQLite store per test with two
//! boards, three schools and one user per role (the password hashed once per test binary),
//! and request helpers that log in and carry the session cookie like a browser.
#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use koers_app::App;
use koers_app::accounts::hash_password;
use koers_app::store::{Actor, NewBoard, NewUser, ResultYear, SchoolFields, SchoolWrite, Sector, Store};
use koers_core::NormLibrary;
use koers_core::access::{Grant, RoleKind, Scope};
use koers_core::ids::{BoardNumber, SchoolId, UserId};
use koers_store_sqlite::SqliteStore;
use koers_web::{AppState, WebConfig};
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

pub const PASSWORD: &str = "test-wachtwoord-123";
pub const BOARD_X: i64 = 41646;
pub const BOARD_Y: i64 = 12345;
pub const HOST: &str = "koers.test";

/// argon2id is slow on purpose: hash the test password once.
pub fn password_hash() -> String {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_password(PASSWORD).unwrap_or_else(|e| panic!("{e}"))).clone()
}

/// Who sends a request in the tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Who {
    Anonymous,
    Beheerder,
    /// Programmamedewerker of GWGB+ (`gwgb-plus-school`): programme A.
    Programma,
    /// Programmamedewerker of Leren verbeteren NPO (`leren-verbeteren-npo`): programme B, staff
    /// like [`Who::Programma`] but of another programme.
    ProgrammaB,
    Expert,
    /// Schoolleider of school A (board X).
    LeiderA,
    /// Bestuurder of board X.
    BestuurderX,
}

impl Who {
    pub const ALL: [Who; 7] =
        [Who::Anonymous, Who::Beheerder, Who::Programma, Who::ProgrammaB, Who::Expert, Who::LeiderA, Who::BestuurderX];

    pub fn email(self) -> &'static str {
        match self {
            Who::Anonymous => "",
            Who::Beheerder => "beheer@test.nl",
            Who::Programma => "programma@test.nl",
            Who::ProgrammaB => "programma-b@test.nl",
            Who::Expert => "expert@test.nl",
            Who::LeiderA => "leider-a@test.nl",
            Who::BestuurderX => "bestuur-x@test.nl",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Ids {
    /// School A, board X (the school leader's school).
    pub school_a: i64,
    /// School B, board Y (nobody's but staff's).
    pub school_b: i64,
    /// School C, board X (visible to the board member of X, not to the leader of A).
    pub school_c: i64,
}

pub struct World {
    pub router: Router,
    pub state: AppState,
    /// The store itself: tests set up data at the edge, like the CLI does.
    pub store: Arc<dyn Store>,
    pub ids: Ids,
    _dir: tempfile::TempDir,
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
    pub fn location(&self) -> &str {
        self.header("location")
    }
    /// `koers_sessie=…` from Set-Cookie, if the response sets the session cookie.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("koers_sessie="))
            .map(|c| c.split(';').next().unwrap_or_default().to_owned())
    }
    pub fn set_cookie_header(&self) -> String {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("koers_sessie="))
            .unwrap_or_default()
            .to_owned()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

fn school(ovt: &str, name: &str, board: i64) -> SchoolWrite {
    SchoolWrite::Insert {
        ovt: koers_core::codes::Ovt::parse(ovt).unwrap_or_else(|e| panic!("{e}")),
        brin: ovt[..4].into(),
        sector: Sector::Po,
        fields: SchoolFields {
            name: name.into(),
            place: Some("Zwolle".into()),
            board_number: Some(BoardNumber::new(board)),
            schoolweging: Some(31.47),
            ..SchoolFields::default()
        },
    }
}

fn year(school_id: i64, y: i64, n: i64, p1: f64, p2: f64) -> ResultYear {
    let (pupils, pct_1f, pct_1s2f) = (Some(n), Some(p1), Some(p2));
    ResultYear {
        school_id: SchoolId::new(school_id),
        test_year: y,
        pupils,
        pct_1f,
        pct_1s2f,
        suppressed: false,
        source: "test".into(),
    }
}

async fn seed(store: &dyn Store) -> Ids {
    let actor = Actor::system("test");
    let boards = [
        NewBoard { number: BoardNumber::new(BOARD_X), name: "Stichting X".into() },
        NewBoard { number: BoardNumber::new(BOARD_Y), name: "Stichting Y".into() },
    ];
    store.upsert_boards(&boards, &actor, 1).await.unwrap_or_else(|e| panic!("{e}"));
    let writes = [
        school("11AA|C1", "School A", BOARD_X),
        school("22BB|C1", "School B", BOARD_Y),
        school("33CC|C1", "School C", BOARD_X),
    ];
    let ids = store.apply_school_writes(&writes, &actor, 1).await.unwrap_or_else(|e| panic!("{e}"));
    let (a, b, c) = (ids[0], ids[1], ids[2]);
    let rows = [
        year(a.get(), 2023, 30, 90.0, 45.0),
        year(a.get(), 2024, 30, 89.0, 44.0),
        year(a.get(), 2025, 30, 91.0, 46.0),
        year(b.get(), 2023, 20, 97.0, 70.0),
        year(b.get(), 2024, 20, 96.0, 68.0),
        year(b.get(), 2025, 20, 98.0, 72.0),
    ];
    store.upsert_results(&rows, &actor, 1).await.unwrap_or_else(|e| panic!("{e}"));
    let users = [
        (Who::Beheerder, "Bea Beheer", Scope::Global, RoleKind::Beheerder),
        (Who::Programma, "Piet Programma", Scope::Programme("gwgb-plus-school".into()), RoleKind::Programmamedewerker),
        (
            Who::ProgrammaB,
            "Pim Programma",
            Scope::Programme("leren-verbeteren-npo".into()),
            RoleKind::Programmamedewerker,
        ),
        (Who::Expert, "Esther Expert", Scope::Programme("gwgb-plus-school".into()), RoleKind::Expert),
        (Who::LeiderA, "Sam Schoolleider", Scope::School(a), RoleKind::Schoolleider),
        (Who::BestuurderX, "Bo Bestuur", Scope::Board(BoardNumber::new(BOARD_X)), RoleKind::Bestuurder),
    ];
    for (who, name, scope, role) in users {
        let new = NewUser {
            email: koers_core::email::Email::parse(who.email()).unwrap_or_else(|e| panic!("{e}")),
            name: name.into(),
            password_hash: password_hash(),
            locale: "nl".into(),
        };
        let u = store.create_user(&new, &actor, 1).await.unwrap_or_else(|e| panic!("{e}"));
        let grant = Grant::new(role, scope).unwrap_or_else(|e| panic!("{e}"));
        store.add_grant(u.id, &grant, &actor, 1).await.unwrap_or_else(|e| panic!("{e}"));
    }
    Ids { school_a: a.get(), school_b: b.get(), school_c: c.get() }
}

/// A PDF engine for the web tests: `%PDF-` and the document as HTML (so a test reads its text),
/// after the same check as the real engine.
#[derive(Debug)]
pub struct StandInPdf;

impl koers_reports::PdfEngine for StandInPdf {
    fn render(&self, doc: &koers_reports::Document) -> Result<Vec<u8>, koers_reports::ReportError> {
        let html = koers_reports::html::to_html(doc)?;
        Ok(format!("%PDF-1.7 stand-in\n{html}").into_bytes())
    }
}

pub async fn world_with(config: WebConfig) -> World {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = format!("sqlite://{}", dir.path().join("koers.db").display());
    let store = SqliteStore::connect(&url).await.unwrap_or_else(|e| panic!("{e}"));
    store.migrate().await.unwrap_or_else(|e| panic!("{e}"));
    let ids = seed(&store).await;
    let norms = NormLibrary::shipped().unwrap_or_else(|e| panic!("{e}"));
    let store: Arc<dyn Store> = Arc::new(store);
    // Reports render through a stand-in engine: the web tests never build Typst (the real PDF is
    // read by its text in koers-app's and koers-cli's tests).
    let app = App::new(store.clone(), Arc::new(norms))
        .with_pdf_engine(Arc::new(StandInPdf), koers_app::reports::render::RenderLimits::default());
    let state = AppState::new(app, config);
    // One OpenID provider, which does not answer (port 9: nothing listens there).
    let state = state.with_oidc(vec![koers_web::auth::oidc::config::ProviderConfig {
        id: "test-idp".into(),
        name: "Test-IdP".into(),
        issuer: "http://127.0.0.1:9".into(),
        client_id: "koers".into(),
        client_secret: Some("geheim".into()),
        client_secret_env: None,
        email_claim: "email".into(),
        organisation_claim: None,
        trust_email: false,
        scopes: vec!["openid".into(), "email".into()],
    }]);
    World { router: koers_web::router(state.clone()), state, store, ids, _dir: dir }
}

pub async fn world() -> World {
    world_with(WebConfig { secure_cookies: false, base_url: format!("http://{HOST}"), ..test_config() }).await
}

/// The default settings with login rate limits no in-process test reaches (every in-process
/// request has the same, unknown, client address); the limits have their own tests.
pub fn test_config() -> WebConfig {
    let loose = koers_web::limits::Bucket { burst: 100_000, every: std::time::Duration::from_millis(1) };
    WebConfig {
        login_limits: koers_web::limits::LoginLimits { per_client: loose, global: loose },
        ..WebConfig::default()
    }
}

/// A request as a browser sends it from a Koers page (same origin).
pub fn browser(method: &str, uri: &str, cookie: Option<&str>) -> axum::http::request::Builder {
    let mut b = Request::builder().method(method).uri(uri).header("host", HOST);
    if method != "GET" {
        b = b.header("sec-fetch-site", "same-origin").header("origin", format!("http://{HOST}"));
    }
    if let Some(c) = cookie {
        b = b.header("cookie", c);
    }
    b
}

pub fn form_body(pairs: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

impl World {
    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    pub async fn send(&self, req: Request<Body>) -> Resp {
        let res = self.router.clone().oneshot(req).await.unwrap_or_else(|e| panic!("{e}"));
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.map(|b| b.to_bytes()).unwrap_or_default();
        Resp { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    pub async fn get(&self, uri: &str, cookie: Option<&str>) -> Resp {
        self.send(browser("GET", uri, cookie).body(Body::empty()).unwrap_or_else(|e| panic!("{e}"))).await
    }

    pub async fn post_form(&self, uri: &str, cookie: Option<&str>, pairs: &[(&str, &str)]) -> Resp {
        let req = browser("POST", uri, cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(form_body(pairs)))
            .unwrap_or_else(|e| panic!("{e}"));
        self.send(req).await
    }

    pub async fn login_raw(&self, email: &str, password: &str) -> Resp {
        self.post_form("/inloggen", None, &[("email", email), ("wachtwoord", password)]).await
    }

    /// Log in and return the session cookie (`koers_sessie=…`); `None` for anonymous.
    pub async fn session(&self, who: Who) -> Option<String> {
        if who == Who::Anonymous {
            return None;
        }
        let r = self.login_raw(who.email(), PASSWORD).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "login of {who:?} failed: {}", r.body);
        Some(r.session_cookie().unwrap_or_else(|| panic!("no session cookie for {who:?}")))
    }

    /// The audit log (newest first).
    pub async fn audit(&self, filter: koers_app::store::AuditFilter) -> Vec<koers_app::store::AuditEntry> {
        let filter = koers_app::store::AuditFilter { limit: filter.limit.max(1), ..filter };
        self.store().audit_log(&filter).await.unwrap_or_else(|e| panic!("{e}"))
    }

    pub async fn user_id(&self, who: Who) -> i64 {
        (self.store().user_by_email(who.email()).await.map(|u| u.id).unwrap_or_else(|e| panic!("{e}"))).get()
    }
}

/// School D of board X (Kampen, Overijssel) with results well below the signaleringswaarden:
/// eligible for GWGB+. Shared by the workflow tests.
pub async fn eligible_school(w: &World) -> i64 {
    use koers_app::store::{Actor, ResultYear, SchoolFields, SchoolWrite, Sector};
    let actor = Actor::system("test");
    let write = SchoolWrite::Insert {
        ovt: koers_core::codes::Ovt::parse("44DD|C1").unwrap_or_else(|e| panic!("{e}")),
        brin: "44DD".into(),
        sector: Sector::Po,
        fields: SchoolFields {
            name: "School D".into(),
            place: Some("Kampen".into()),
            province: Some("Overijssel".into()),
            board_number: Some(BoardNumber::new(BOARD_X)),
            schoolweging: Some(31.5),
            ..SchoolFields::default()
        },
    };
    let ids = w.store().apply_school_writes(&[write], &actor, 1).await.unwrap_or_else(|e| panic!("{e}"));
    let id = ids[0];
    let rows: Vec<ResultYear> = [2023, 2024, 2025]
        .into_iter()
        .map(|y| ResultYear {
            school_id: id,
            test_year: y,
            pupils: Some(30),
            pct_1f: Some(95.0),
            pct_1s2f: Some(30.0),
            suppressed: false,
            source: "test".into(),
        })
        .collect();
    w.store().upsert_results(&rows, &actor, 1).await.unwrap_or_else(|e| panic!("{e}"));
    id.get()
}

/// A case of programme A (GWGB+): an application of [`eligible_school`] (School D, board X)
/// with [`Who::Expert`] assigned through a trajectory. Returns (application, trajectory id).
pub async fn case_of_programme_a(w: &World) -> (koers_app::store::ApplicationRecord, koers_core::ids::TrajectoryId) {
    use koers_app::applications::{ApplicationInput, state_of};
    use koers_app::store::{Actor, ApplicationStateWrite, Assignment, ExpertWrite, NewTrajectory};
    use koers_core::workflow::Status;
    fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
        r.unwrap_or_else(|e| panic!("{e}"))
    }
    let d = eligible_school(w).await;
    let input = ApplicationInput {
        own_calculation: None,
        programme_id: "gwgb-plus-school".into(),
        school_id: Some(SchoolId::new(d)),
        board_number: None,
        contact_name: "Dana Directeur".into(),
        contact_email: "contact@school-d.nl".into(),
        contact_phone: None,
        help_question: "Geheime hulpvraag over groep 5.".into(),
        entry_facts_json: None,
    };
    let actor = Actor::system("test");
    let at = koers_web::auth::now();
    let a = ok(w.state.app.submit_application(&input, None, &actor, at, "http://koers.test").await).application;
    let e = ExpertWrite {
        user_id: Some(UserId::new(w.user_id(Who::Expert).await)),
        name: "Esther Expert".into(),
        email: Who::Expert.email().into(),
        expertise: vec!["lezen".into()],
        regions: vec!["Overijssel".into()],
        capacity_trajectories: 4,
        capacity_dagdelen: 32,
        available: true,
        expected_version: None,
    };
    let expert = match w.store().expert_by_user(UserId::new(w.user_id(Who::Expert).await)).await {
        Ok(x) => x.id,
        Err(_) => ok(w.store().save_expert(&e, &actor, at + 1).await).id,
    };
    let mut st = ok(state_of(&a));
    st.status = Status::Gekoppeld;
    st.expert_id = Some(expert);
    let assignment = Assignment {
        application_id: a.id,
        state: ApplicationStateWrite {
            expected_version: a.version,
            state_json: ok(serde_json::to_string(&st)),
            status: Status::Gekoppeld,
            action: "expert_assigned".into(),
        },
        trajectory: NewTrajectory {
            expert_id: expert,
            phases_json: r#"["Zelfevaluatie"]"#.into(),
            dagdelen_planned: 8,
        },
        capacity_override: None,
    };
    let (a, t) = ok(w.store().assign_expert(&assignment, &actor, at + 2).await);
    (a, t.id)
}
