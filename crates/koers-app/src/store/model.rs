//! Records kept by the [`super::Store`]. Plain data; validation happens before they are built.

use super::AuditEntity;
use koers_core::codes::Ovt;
use koers_core::email::Email;
use koers_core::ids::{ApiTokenId, BoardNumber, GrantId, SchoolId, UserId};
use koers_core::register::ManualField;
use serde::{Deserialize, Serialize};

/// A bevoegd gezag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Board {
    pub id: i64,
    /// bevoegd_gezag_nummer.
    pub number: BoardNumber,
    pub name: String,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewBoard {
    pub number: BoardNumber,
    pub name: String,
}

/// Sector of a school; decides which entry rule applies (defined once, in core).
pub use koers_core::Sector;

/// A school = an Inspectie *object van toezicht* (`00AP|C1`): results attach to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct School {
    pub id: SchoolId,
    pub ovt: Ovt,
    pub brin: String,
    pub name: String,
    pub place: Option<String>,
    pub municipality: Option<String>,
    pub province: Option<String>,
    pub denomination: Option<String>,
    pub board_number: Option<BoardNumber>,
    pub sector: Sector,
    /// Three-year schoolweging (Inspectie), as imported or edited.
    pub schoolweging: Option<f64>,
    pub website: Option<String>,
    /// VO: DUO's onderwijsstructuur (`VBO/MAVO/HAVO/VWO`); sbo/so/vso: the kinds counted at the
    /// location (`so, vso`); `None` for regular primary schools.
    pub kind: Option<String>,
    /// Clusters (1–4) of special education at the location, sorted.
    pub clusters: Vec<i64>,
    /// Coordinates (WGS84) of the location, from the geocoded register.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Names of the fields a person edited by hand; an import never overwrites these silently.
    pub manual_fields: Vec<ManualField>,
    pub version: i64,
    pub updated_at: i64,
}

/// The register fields of a school (what an import or an edit sets).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SchoolFields {
    pub name: String,
    pub place: Option<String>,
    pub municipality: Option<String>,
    pub province: Option<String>,
    pub denomination: Option<String>,
    pub board_number: Option<BoardNumber>,
    pub schoolweging: Option<f64>,
    pub website: Option<String>,
    pub kind: Option<String>,
    pub clusters: Vec<i64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// One write of an import batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SchoolWrite {
    Insert {
        ovt: Ovt,
        brin: String,
        sector: Sector,
        fields: SchoolFields,
    },
    /// Update the register fields (manual fields already resolved by the caller).
    Update {
        id: SchoolId,
        expected_version: i64,
        fields: SchoolFields,
    },
}

/// A manual edit of some fields; `None` leaves a field as it is.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SchoolEdit {
    pub name: Option<String>,
    pub place: Option<Option<String>>,
    pub website: Option<Option<String>>,
    pub schoolweging: Option<Option<f64>>,
}

/// One test year of one school (aggregates only: no pupil-level data).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultYear {
    pub school_id: SchoolId,
    pub test_year: i64,
    /// `None` with `suppressed = true`: masked by the publisher.
    pub pupils: Option<i64>,
    pub pct_1f: Option<f64>,
    pub pct_1s2f: Option<f64>,
    pub suppressed: bool,
    /// Where it came from: `inspectie:<file>`, `duo:<file>`, `handmatig`.
    pub source: String,
}

/// Published three-year values (used when the years are masked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedThreeYear {
    pub school_id: SchoolId,
    pub last_test_year: i64,
    pub pupils: i64,
    pub pct_1f: f64,
    pub pct_1s2f: f64,
}

/// Exam candidates and passes of a VO location in one school year (DUO), for the whole location
/// (`afdeling` empty) or one afdeling (`vmbo-b` … `vwo`). Counts are spans: DUO masks counts
/// under 5, and what the published pass rates allow is kept as `min..=max`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExamYear {
    pub school_id: SchoolId,
    /// `""` for the whole location, else the afdeling's code.
    pub afdeling: String,
    /// `2024-2025`.
    pub school_year: String,
    pub programmes: i64,
    pub candidates_min: i64,
    pub candidates_max: i64,
    pub passes_min: i64,
    pub passes_max: i64,
    /// Percent; exact or estimated (see `masking`); `None` without candidates.
    pub pass_rate: Option<f64>,
    pub pass_rate_min: Option<f64>,
    pub pass_rate_max: Option<f64>,
    /// `no_candidates`, `exact`, `recovered` or `estimated`.
    pub masking: String,
}

/// CBS schoolweging of one school year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WegingYear {
    pub school_id: SchoolId,
    /// `2021-2022`.
    pub school_year: String,
    pub weging: Option<f64>,
    pub pupils: Option<i64>,
    pub spreiding: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    pub email: Email,
    pub name: String,
    /// PHC string (argon2id). Never shown, never logged.
    #[serde(skip_serializing)]
    pub password_hash: String,
    /// `nl` or `en`.
    pub locale: String,
    pub active: bool,
    pub version: i64,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewUser {
    pub email: Email,
    pub name: String,
    pub password_hash: String,
    pub locale: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UserUpdate {
    pub name: Option<String>,
    pub password_hash: Option<String>,
    pub locale: Option<String>,
    pub active: Option<bool>,
}

/// A stored grant (role on scope) with its id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GrantRecord {
    pub id: GrantId,
    pub user_id: UserId,
    pub grant: koers_core::access::Grant,
}

/// What an API token may do. Tokens authenticate `/api/` only; a `Read` token may read
/// (GET/HEAD) and use the API's computations that change nothing, a `ReadWrite` token may also
/// change data through the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenScope {
    Read,
    ReadWrite,
}

impl TokenScope {
    /// As stored (`read`, `read-write`).
    pub fn as_str(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::ReadWrite => "read-write",
        }
    }

    /// From the stored or submitted text; anything unknown is `None`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "read" => Some(TokenScope::Read),
            "read-write" => Some(TokenScope::ReadWrite),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewApiToken {
    pub user_id: UserId,
    pub name: String,
    /// SHA-256 of the token, hex. The token itself is shown once and never stored.
    pub token_hash: String,
    pub created_at: i64,
    /// `read` or `read-write` ([`TokenScope::as_str`]).
    pub scope: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiToken {
    pub id: ApiTokenId,
    pub user_id: UserId,
    pub name: String,
    #[serde(skip_serializing)]
    pub token_hash: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked: bool,
    /// `read` or `read-write`; see [`ApiToken::scope`].
    pub scope: String,
}

impl ApiToken {
    /// The token's scope; an unknown stored value counts as read-only.
    pub fn scope(&self) -> TokenScope {
        TokenScope::parse(&self.scope).unwrap_or(TokenScope::Read)
    }
}

/// A login attempt just recorded (see `Store::login_attempt_start`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginAttemptStart {
    /// The recorded attempt.
    pub id: i64,
    /// Failed attempts in the window, this one included.
    pub failures: i64,
}

/// A session as tower-sessions stores it: opaque id, serialized data, expiry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub id: String,
    pub data: Vec<u8>,
    pub expires_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor_user_id: Option<UserId>,
    pub actor_label: String,
    /// `create`, `update`, `delete`, `login`, `login_failed`, `logout`, `import`, …
    pub action: String,
    pub entity: AuditEntity,
    pub entity_id: String,
    /// JSON before/after the change (absent for creations / deletions).
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewAudit {
    pub at: i64,
    pub actor_user_id: Option<UserId>,
    pub actor_label: String,
    pub action: String,
    pub entity: AuditEntity,
    pub entity_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AuditFilter {
    pub entity: Option<AuditEntity>,
    pub entity_id: Option<String>,
    pub actor_user_id: Option<UserId>,
    pub limit: i64,
    pub offset: i64,
}
