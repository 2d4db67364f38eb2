//! Mapping database errors to [`StoreError`], and small helpers every module uses.

use koers_app::store::StoreError;
use serde::Serialize;
use sqlx::error::ErrorKind;

/// Map a sqlx error: unique violations (SQLite 2067/1555, PostgreSQL 23505) become
/// [`StoreError::Duplicate`] with a Dutch description of what already exists, foreign-key
/// violations (a row pointing at a school or user that does not exist) [`StoreError::NotFound`],
/// everything else [`StoreError::Backend`] with a Dutch reading of it ([`nl`]; the driver's own
/// message goes to the log).
pub(crate) fn db(e: sqlx::Error) -> StoreError {
    if let Some(d) = e.as_database_error() {
        let code = d.code().unwrap_or_default();
        if d.kind() == ErrorKind::UniqueViolation || matches!(&*code, "2067" | "1555" | "23505") {
            let what = format!("{} {}", d.constraint().unwrap_or_default(), d.message());
            return StoreError::Duplicate(duplicate_detail(&what).to_owned());
        }
        if d.kind() == ErrorKind::ForeignKeyViolation {
            return StoreError::NotFound;
        }
    }
    match e {
        sqlx::Error::RowNotFound => StoreError::NotFound,
        other => StoreError::Backend(format!("databasefout: {}", nl(&other))),
    }
}

/// A sqlx failure in Dutch, for a message; the driver's text (English, never the SQL) is logged
/// at `warn` for the operator.
pub(crate) fn nl(e: &sqlx::Error) -> &'static str {
    tracing::warn!(error = %e, "database");
    nl_quiet(e)
}

/// [`nl`] without logging (for a caller that logs a cleaned text itself).
pub(crate) fn nl_quiet(e: &sqlx::Error) -> &'static str {
    match e {
        sqlx::Error::Io(io) => koers_app::error_nl::io(io),
        sqlx::Error::PoolTimedOut => "geen databaseverbinding binnen de tijd",
        sqlx::Error::PoolClosed => "de databaseverbinding is gesloten",
        sqlx::Error::Tls(_) => "een beveiligde verbinding (TLS) met de databaseserver lukt niet",
        other => koers_app::error_nl::driver(&other.to_string()),
    }
}

/// A migration failure in Dutch (the detail is logged).
pub(crate) fn migrate_nl(e: &sqlx::migrate::MigrateError) -> String {
    tracing::warn!(error = %e, "migratie");
    match e {
        sqlx::migrate::MigrateError::Execute(inner) | sqlx::migrate::MigrateError::ExecuteMigration(inner, _) => {
            nl(inner).to_owned()
        }
        sqlx::migrate::MigrateError::VersionMissing(v) => {
            format!("de database kent migratie {v}, die deze versie van Koers niet heeft (is de database nieuwer?)")
        }
        sqlx::migrate::MigrateError::VersionMismatch(v) => {
            format!("migratie {v} is na het uitvoeren gewijzigd")
        }
        sqlx::migrate::MigrateError::Dirty(v) => {
            format!("migratie {v} is eerder halverwege afgebroken; zet een backup terug")
        }
        _ => "de database kan niet worden bijgewerkt".to_owned(),
    }
}

/// What already exists, from the constraint or index name (PostgreSQL) or the message naming
/// `table.column` or the index (SQLite). Shown after "bestaat al: ".
pub(crate) fn duplicate_detail(what: &str) -> &'static str {
    // More specific names first: `experts_user_id…` / `experts.user_id` before `experts`.
    const KNOWN: &[(&str, &str)] = &[
        ("external_identities", "een koppeling voor deze inlogmethode"),
        ("account_request_identities", "een accountaanvraag voor deze inlogmethode"),
        ("programme_definitions", "een programma met dit id"),
        ("plans", "een plan voor dit traject"),
        ("applications", "een aanmelding met dit kenmerk"),
        ("application_sequences", "dit volgnummer"),
        ("approval_links", "een goedkeuringslink met deze waarde"),
        ("experts_user_id", "een expert voor deze gebruiker"),
        ("experts.user_id", "een expert voor deze gebruiker"),
        ("experts", "een expert met dit e-mailadres"),
        ("trajectories", "een traject voor deze aanmelding"),
        ("api_tokens", "een API-token met deze waarde"),
        ("users", "een gebruiker met dit e-mailadres"),
        ("schools", "een school met dit ovt-nummer"),
        ("boards", "een bestuur met dit nummer"),
        ("grants", "deze rol voor deze gebruiker"),
        ("result_years", "een resultaat voor deze school en dit toetsjaar"),
        ("weging_years", "een schoolweging voor deze school en dit schooljaar"),
        ("published_three_year", "gepubliceerde driejaarswaarden voor deze school"),
        ("sessions", "een sessie met dit id"),
    ];
    KNOWN.iter().find(|(table, _)| what.contains(table)).map_or("deze waarde", |(_, detail)| detail)
}

/// A record as audit JSON.
pub(crate) fn json<T: Serialize + ?Sized>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| {
        tracing::warn!(error = %e, "JSON");
        StoreError::Backend("gegevens niet als JSON te schrijven".into())
    })
}

/// A value read from the database that the domain does not know (a corrupt or newer row).
pub(crate) fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Backend(format!("onbekende waarde voor {what} in de database: {value:?}"))
}

/// Optimistic concurrency: an update matched no row; tell whether the row is gone or moved on.
pub(crate) fn stale(expected: i64, actual: Option<i64>) -> StoreError {
    match actual {
        Some(actual) => StoreError::Conflict { expected, actual },
        None => StoreError::NotFound,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duplicate_names_what_exists_on_both_backends() {
        assert_eq!(duplicate_detail("users_email_key duplicate key value"), "een gebruiker met dit e-mailadres");
        assert_eq!(
            duplicate_detail(" UNIQUE constraint failed: index 'users_email_key'"),
            "een gebruiker met dit e-mailadres"
        );
        assert_eq!(
            duplicate_detail(" UNIQUE constraint failed: api_tokens.token_hash"),
            "een API-token met deze waarde"
        );
        assert_eq!(duplicate_detail("schools_ovt_key"), "een school met dit ovt-nummer");
        assert_eq!(duplicate_detail("something else"), "deze waarde");
        assert_eq!(duplicate_detail("programme_definitions_pkey"), "een programma met dit id");
        assert_eq!(duplicate_detail(" UNIQUE constraint failed: programme_definitions.id"), "een programma met dit id");
        assert_eq!(duplicate_detail(" UNIQUE constraint failed: experts.user_id"), "een expert voor deze gebruiker");
        assert_eq!(duplicate_detail("experts_user_id_key"), "een expert voor deze gebruiker");
        assert_eq!(duplicate_detail("experts_email_key"), "een expert met dit e-mailadres");
        assert_eq!(duplicate_detail("trajectories_application_id_key"), "een traject voor deze aanmelding");
        assert_eq!(duplicate_detail("approval_links_token_hash_key"), "een goedkeuringslink met deze waarde");
    }
}
