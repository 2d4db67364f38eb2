//! Mapping database errors to [`StoreError`], and small helpers every module uses.

use koers_app::store::StoreError;
use serde::Serialize;
use sqlx::error::ErrorKind;

/// Map a sqlx error: unique violations (SQLite 2067/1555, PostgreSQL 23505) become
/// [`StoreError::Duplicate`] with a Dutch description of what already exists, foreign-key
/// violations (a row pointing at a school or user that does not exist) [`StoreError::NotFound`],
/// everything else [`StoreError::Backend`] with the driver's message (never the SQL text).
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
        other => StoreError::Backend(other.to_string()),
    }
}

/// What already exists, from the constraint or index name (PostgreSQL) or the message naming
/// `table.column` or the index (SQLite). Shown after "bestaat al: ".
pub(crate) fn duplicate_detail(what: &str) -> &'static str {
    // More specific names first: `experts_user_id…` / `experts.user_id` before `experts`.
    const KNOWN: &[(&str, &str)] = &[
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
    serde_json::to_string(value).map_err(|e| StoreError::Backend(format!("JSON: {e}")))
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
