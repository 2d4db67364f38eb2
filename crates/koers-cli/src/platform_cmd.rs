//! Platform commands: `serve`, `demo`, `migrate`, `import`, `user add`.

use crate::db;
use crate::exit;
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use koers_app::register::import_bytes;
use koers_app::store::{Actor, Store};
use koers_core::access::{Grant, RoleKind, Scope};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Args)]
pub struct DbArgs {
    /// Database: sqlite://pad/koers.db (standaard, in de datamap) of postgres://…; ook via KOERS_DATABASE_URL.
    #[arg(long)]
    pub database_url: Option<String>,
    /// Datamap voor het SQLite-bestand (standaard ./koers-data of KOERS_DATA_DIR).
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
}

impl DbArgs {
    fn url(&self, default_dir: PathBuf) -> String {
        db::resolve_url(self.database_url.as_deref(), &self.data_dir.clone().unwrap_or(default_dir))
    }
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Adres en poort.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Cookies zonder Secure-vlag en zonder Strict-Transport-Security (alleen voor http zonder
    /// TLS, bv. lokaal testen).
    #[arg(long)]
    pub insecure_cookies: bool,
    /// Reverse proxy (IP-adres) waarvan de laatste X-Forwarded-For-waarde het clientadres is;
    /// mag vaker.
    #[arg(long = "trusted-proxy", value_name = "IP")]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Hoogstens zoveel open verbindingen (nooit meer dan de limiet op open bestanden toelaat).
    #[arg(long, default_value_t = 4096)]
    pub max_connections: usize,
    /// Hoogstens zoveel open verbindingen per clientadres.
    #[arg(long, default_value_t = 256)]
    pub max_connections_per_client: usize,
    #[command(flatten)]
    pub mail: MailArgs,
}

#[derive(Debug, Args)]
pub struct MailArgs {
    /// SMTP-server voor uitgaande mail: smtp://gebruiker:wachtwoord@host:587 (STARTTLS; 465 = TLS;
    /// ?security=none alleen voor een lokale relay). Zonder blijft alle mail in de outbox
    /// (/beheer/outbox).
    #[arg(long, env = "KOERS_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// Afzender van uitgaande mail.
    #[arg(long, env = "KOERS_MAIL_FROM", default_value = "Koers <noreply@koers.invalid>")]
    pub mail_from: String,
}

/// Start the outbox sender when SMTP is configured: every 10 s, up to 50 mails.
fn start_mail_sender(store: &Arc<dyn Store>, mail: &MailArgs) -> Result<(), String> {
    let Some(url) = &mail.smtp_url else {
        eprintln!("Geen SMTP ingesteld: mail blijft leesbaar in de outbox (/beheer/outbox).");
        return Ok(());
    };
    let cfg = koers_app::mail::SmtpConfig::from_url(url, &mail.mail_from).map_err(|e| e.to_string())?;
    let transport = koers_app::mail::SmtpTransport::new(&cfg).map_err(|e| e.to_string())?;
    let store = Arc::clone(store);
    tokio::spawn(async move {
        loop {
            match koers_app::mail::deliver_pending(store.as_ref(), &transport, db::now(), 50).await {
                Ok((0, 0)) => {}
                Ok((sent, failed)) => tracing::info!(sent, failed, "outbox verwerkt"),
                Err(e) => tracing::warn!(error = %e, "outbox verwerken mislukt"),
            }
            tokio::time::sleep(std::time::Duration::from_secs(10)).await;
        }
    });
    eprintln!("Mail gaat via SMTP naar {}:{}.", cfg.host, cfg.port);
    Ok(())
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Adres en poort.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Datamap van de demo (SQLite-bestand); standaard ./koers-demo.
    #[arg(long, default_value = "koers-demo")]
    pub data_dir: PathBuf,
    /// Alleen de demodata laden en de inloggegevens tonen, niet de server starten.
    #[arg(long)]
    pub no_serve: bool,
    #[command(flatten)]
    pub mail: MailArgs,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Bestanden (CSV, xlsx, ods): resultaten, schoolweging driejaars/per jaar, DUO-vestigingen.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Maak een gebruiker aan. Het wachtwoord komt uit KOERS_PASSWORD of de eerste regel van stdin.
    Add(UserAddArgs),
}

#[derive(Debug, Args)]
pub struct UserAddArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub name: String,
    /// beheerder, programmamedewerker, expert, schoolleider of bestuurder.
    #[arg(long)]
    pub role: String,
    /// Voor schoolleider: de school (ovt, bv. 00AP|C1).
    #[arg(long)]
    pub school: Option<String>,
    /// Voor bestuurder: het bevoegd-gezagnummer.
    #[arg(long)]
    pub board: Option<i64>,
    /// Voor programmamedewerker en expert: het programma (bv. gwgb-plus-school).
    #[arg(long)]
    pub programme: Option<String>,
    /// nl of en.
    #[arg(long, default_value = "nl")]
    pub locale: String,
}

fn fail(cmd: &str, msg: impl std::fmt::Display, code: u8) -> u8 {
    eprintln!("koers {cmd}: {}", safe(msg));
    code
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("KOERS_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

fn web_state(store: Arc<dyn Store>, config: koers_web::WebConfig) -> Result<koers_web::AppState, String> {
    let norms = koers_core::NormLibrary::shipped().map_err(|e| e.to_string())?;
    Ok(koers_web::AppState::new(store, Arc::new(norms), koers_core::programme::BandRule::default(), config))
}

impl ServeArgs {
    fn web_config(&self) -> koers_web::WebConfig {
        let defaults = koers_web::WebConfig::default();
        koers_web::WebConfig {
            secure_cookies: !self.insecure_cookies,
            base_url: format!("http://{}", self.listen),
            trusted_proxies: self.trusted_proxies.clone(),
            server: koers_web::server::ServerLimits {
                max_connections: self.max_connections,
                max_per_client: self.max_connections_per_client,
                ..defaults.server
            },
            ..defaults
        }
    }
}

pub fn serve(args: &ServeArgs) -> u8 {
    init_tracing();
    let rt = match db::runtime() {
        Ok(rt) => rt,
        Err(e) => return fail("serve", e, exit::INTERNAL),
    };
    rt.block_on(async {
        let url = args.db.url(db::default_data_dir());
        let store = match db::open(&url).await {
            Ok(s) => s,
            Err(e) => return fail("serve", e, exit::BAD_FILE),
        };
        if let Err(e) = start_mail_sender(&store, &args.mail) {
            return fail("serve", e, exit::USAGE);
        }
        let state = match web_state(store, args.web_config()) {
            Ok(s) => s,
            Err(e) => return fail("serve", e, exit::INTERNAL),
        };
        eprintln!("Koers luistert op http://{}", args.listen);
        match koers_web::serve(state, args.listen).await {
            Ok(()) => exit::OK,
            Err(e) => fail("serve", e, exit::INTERNAL),
        }
    })
}

/// The national data shipped in the repository, embedded so `koers demo` works anywhere.
const DEMO_FILES: &[(&str, &[u8])] = &[
    (
        "inspectie-schoolweging-driejaars-2021-2024.csv",
        include_bytes!("../../../testdata/inspectie-schoolweging-driejaars-2021-2024.csv"),
    ),
    (
        "inspectie-leerresultaten-po-2023-2025.csv",
        include_bytes!("../../../testdata/inspectie-leerresultaten-po-2023-2025.csv"),
    ),
    (
        "inspectie-schoolweging-per-jaar-2021-2024.csv",
        include_bytes!("../../../testdata/inspectie-schoolweging-per-jaar-2021-2024.csv"),
    ),
    // Last: DUO's addresses (place, website) complete every school the Inspectie files made;
    // loaded before the per-year schoolweging it left the schools only that file has bare.
    ("duo-vestigingen-bo.csv", include_bytes!("../../../testdata/duo-vestigingen-bo.csv")),
];

pub fn demo(args: &DemoArgs) -> u8 {
    init_tracing();
    let rt = match db::runtime() {
        Ok(rt) => rt,
        Err(e) => return fail("demo", e, exit::INTERNAL),
    };
    rt.block_on(async {
        let url = db::sqlite_url(&args.data_dir);
        let store = match db::open(&url).await {
            Ok(s) => s,
            Err(e) => return fail("demo", e, exit::BAD_FILE),
        };
        let now = db::now();
        let empty = store.all_schools().await.map(|s| s.is_empty()).unwrap_or(true);
        if empty {
            eprintln!("Demodata laden (alle scholen met resultaten en schoolweging)…");
            match koers_app::demo::load_files(store.as_ref(), DEMO_FILES, now).await {
                Ok(reports) => reports.iter().for_each(|r| eprintln!("  {}", r.summary_nl())),
                Err(e) => return fail("demo", e, exit::INTERNAL),
            }
        }
        let logins = match koers_app::demo::seed_users(store.as_ref(), now).await {
            Ok(l) => l,
            Err(e) => return fail("demo", e, exit::INTERNAL),
        };
        if let Err(e) = koers_app::demo::seed_experts(store.as_ref(), now).await {
            return fail("demo", e, exit::INTERNAL);
        }
        println!("Koers demo: http://{}/", args.listen);
        println!("Database: {url}");
        println!("Demo-logins (wachtwoord voor allemaal: {}):", koers_app::demo::DEMO_PASSWORD);
        for l in &logins {
            println!("  {:<20} {:<30} {}", l.role.label_nl(), l.email, l.scope);
        }
        if args.no_serve {
            return exit::OK;
        }
        if let Err(e) = start_mail_sender(&store, &args.mail) {
            return fail("demo", e, exit::USAGE);
        }
        let config = koers_web::WebConfig { base_url: format!("http://{}", args.listen), ..Default::default() };
        let state = match web_state(store, config) {
            Ok(s) => s,
            Err(e) => return fail("demo", e, exit::INTERNAL),
        };
        match koers_web::serve(state, args.listen).await {
            Ok(()) => exit::OK,
            Err(e) => fail("demo", e, exit::INTERNAL),
        }
    })
}

pub fn migrate(args: &DbArgs) -> u8 {
    let rt = match db::runtime() {
        Ok(rt) => rt,
        Err(e) => return fail("migrate", e, exit::INTERNAL),
    };
    rt.block_on(async {
        match db::open(&args.url(db::default_data_dir())).await {
            Ok(s) => {
                eprintln!("Database bijgewerkt ({}).", s.backend());
                exit::OK
            }
            Err(e) => fail("migrate", e, exit::BAD_FILE),
        }
    })
}

pub fn import(args: &ImportArgs) -> u8 {
    let rt = match db::runtime() {
        Ok(rt) => rt,
        Err(e) => return fail("import", e, exit::INTERNAL),
    };
    rt.block_on(async {
        let store = match db::open(&args.db.url(db::default_data_dir())).await {
            Ok(s) => s,
            Err(e) => return fail("import", e, exit::BAD_FILE),
        };
        let pb = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            ProgressBar::new(args.files.len() as u64)
        } else {
            ProgressBar::hidden()
        };
        if let Ok(style) = ProgressStyle::with_template("{spinner} [{pos}/{len}] {wide_msg} ({elapsed})") {
            pb.set_style(style);
        }
        pb.enable_steady_tick(std::time::Duration::from_millis(120));
        let actor = Actor::system("koers import (cli)");
        let mut code = exit::OK;
        for path in &args.files {
            let name =
                path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            pb.set_message(format!("{name} inlezen"));
            let bytes = match koers_import::read_file(path, &name, &koers_import::Limits::default()) {
                Ok(b) => b,
                Err(e) => {
                    pb.suspend(|| eprintln!("koers import: {}", safe(e)));
                    code = exit::BAD_FILE;
                    pb.inc(1);
                    continue;
                }
            };
            match import_bytes(store.as_ref(), &bytes, &name, &actor, db::now()).await {
                Ok(report) => pb.suspend(|| {
                    println!("{}", safe(report.summary_nl()));
                    for k in &report.kept_manual {
                        let kept = format!("{} {}: {} (bestand: {})", k.ovt, k.field, k.kept, k.imported);
                        println!("  behouden (handmatig gewijzigd): {}", safe(kept));
                    }
                    for e in report.rejected.iter().take(50) {
                        eprintln!("  afgewezen: {}", safe(e));
                    }
                    if report.rejected.len() > 50 {
                        eprintln!("  … en nog {} afgewezen regels", report.rejected.len() - 50);
                    }
                    if !report.rejected.is_empty() && code == exit::OK {
                        code = exit::REJECTED_ROWS;
                    }
                }),
                Err(e) => {
                    pb.suspend(|| eprintln!("koers import: {}", safe(format!("{name}: {e}"))));
                    code = exit::BAD_FILE;
                }
            }
            pb.inc(1);
        }
        pb.finish_and_clear();
        code
    })
}

/// Messages can hold a file's names and values: printed with control characters made visible.
fn safe(text: impl std::fmt::Display) -> String {
    koers_import::printable(&text.to_string()).into_owned()
}

fn read_password() -> Result<String, String> {
    if let Ok(p) = std::env::var("KOERS_PASSWORD") {
        return Ok(p);
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).map_err(|e| format!("kan wachtwoord niet lezen: {e}"))?;
    Ok(line.trim_end_matches(['\n', '\r']).to_owned())
}

pub fn user(cmd: &UserCommand) -> u8 {
    let UserCommand::Add(args) = cmd;
    let Some(role) = RoleKind::from_code(&args.role) else {
        return fail(
            "user add",
            format!(
                "onbekende rol '{}'; kies beheerder, programmamedewerker, expert, schoolleider of bestuurder",
                args.role
            ),
            exit::USAGE,
        );
    };
    let password = match read_password() {
        Ok(p) => p,
        Err(e) => return fail("user add", e, exit::USAGE),
    };
    let rt = match db::runtime() {
        Ok(rt) => rt,
        Err(e) => return fail("user add", e, exit::INTERNAL),
    };
    rt.block_on(async {
        let store = match db::open(&args.db.url(db::default_data_dir())).await {
            Ok(s) => s,
            Err(e) => return fail("user add", e, exit::BAD_FILE),
        };
        let scope = match role {
            RoleKind::Beheerder => Scope::Global,
            RoleKind::Programmamedewerker | RoleKind::Expert => match &args.programme {
                Some(p) => Scope::Programme(p.clone()),
                None => return fail("user add", "--programme is verplicht voor deze rol", exit::USAGE),
            },
            RoleKind::Schoolleider => match &args.school {
                Some(ovt) => match store.school_by_ovt(ovt).await {
                    Ok(s) => Scope::School(s.id),
                    Err(e) => return fail("user add", format!("school '{ovt}': {e}"), exit::USAGE),
                },
                None => return fail("user add", "--school (ovt) is verplicht voor een schoolleider", exit::USAGE),
            },
            RoleKind::Bestuurder => match args.board {
                Some(n) => Scope::Board(n),
                None => return fail("user add", "--board is verplicht voor een bestuurder", exit::USAGE),
            },
        };
        let grant = match Grant::new(role, scope) {
            Ok(g) => g,
            Err(e) => return fail("user add", e, exit::USAGE),
        };
        let input = koers_app::accounts::NewUserInput {
            email: args.email.clone(),
            name: args.name.clone(),
            password,
            locale: args.locale.clone(),
            grants: vec![grant],
        };
        match koers_app::accounts::create_user(
            store.as_ref(),
            &input,
            &Actor::system("koers user add (cli)"),
            db::now(),
        )
        .await
        {
            Ok(u) => {
                println!("Gebruiker {} aangemaakt (id {}).", u.email, u.id);
                exit::OK
            }
            Err(koers_app::accounts::AccountError::Invalid(errs)) => {
                errs.iter().for_each(|e| eprintln!("koers user add: {e}"));
                exit::USAGE
            }
            Err(e) => fail("user add", e, exit::INTERNAL),
        }
    })
}
