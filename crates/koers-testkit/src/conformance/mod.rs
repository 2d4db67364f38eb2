//! The `Store` conformance suite: every behaviour the trait documents, checked the same way on
//! every backend.
//!
//! A store crate runs it with one line in `tests/conformance.rs`:
//!
//! ```text
//! koers_testkit::store_conformance_tests!(fixture());
//! ```
//!
//! where `fixture()` is an `async` expression giving `Option<impl Fixture>`: a fresh, migrated
//! store for one test (`None` skips the test, for a backend deliberately left out). Each case
//! becomes its own `#[tokio::test]` (multi-threaded, so concurrent edits really race), and the
//! fixture is torn down even when the case panics.
//!
//! Cases take an `Arc<dyn Store>` and panic on a broken promise. They never assert timings.

mod access;
mod audit;
mod board_requests;
mod dagdelen;
mod data;
mod experts;
mod forms;
mod hardening;
mod plans;
mod privacy;
mod privacy_trajectory;
mod register;
mod reports;
mod results;
mod search;
mod sessions;
mod submit;
mod users;
mod verdicts;
mod voortgang;
mod workflow;

use std::future::Future;
use std::sync::Arc;

use koers_app::store::Store;

pub use access::*;
pub use audit::*;
pub use board_requests::*;
pub use dagdelen::*;
pub use data::*;
pub use experts::*;
pub use forms::*;
pub use hardening::*;
pub use plans::*;
pub use privacy::*;
pub use privacy_trajectory::*;
pub use register::*;
pub use reports::*;
pub use results::*;
pub use search::*;
pub use sessions::*;
pub use submit::*;
pub use users::*;
pub use verdicts::*;
pub use voortgang::*;
pub use workflow::*;

/// A store made for one test, and how to throw it away afterwards.
pub trait Fixture: Send + 'static {
    /// The (migrated) store under test.
    fn store(&self) -> Arc<dyn Store>;
    /// Remove what the fixture made (a temporary file, a scratch database).
    fn teardown(self) -> impl Future<Output = ()> + Send;
}

/// Run one case on a fresh fixture: tear it down afterwards, then re-raise the case's panic.
pub async fn run<F, C, Fut>(fixture: impl Future<Output = Option<F>>, case: C)
where
    F: Fixture,
    C: FnOnce(Arc<dyn Store>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(fixture) = fixture.await else {
        eprintln!("skipped: no store for this backend");
        return;
    };
    let outcome = tokio::spawn(case(fixture.store())).await;
    fixture.teardown().await;
    if let Err(e) = outcome {
        match e.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(e) => panic!("case did not finish: {e}"),
        }
    }
}

/// Expand to one `#[tokio::test]` per conformance case. The argument is an expression
/// evaluated afresh in every test, giving a future of `Option<impl Fixture>`. The calling crate
/// needs `tokio` (with `macros` and `rt-multi-thread`) as a dev-dependency.
#[macro_export]
macro_rules! store_conformance_tests {
    ($fixture:expr) => {
        $crate::store_conformance_tests!(@cases $fixture;
            migrate_twice_and_no_programmes_seeded,
            formats_keep_every_version_and_refuse_stale_or_lower_ones,
            one_form_per_trajectory_and_format_at_its_own_version,
            answers_have_a_version_per_item_and_stale_saves_change_nothing,
            concurrent_saves_of_one_item_one_wins_the_other_conflicts,
            submitting_freezes_the_baseline_and_refuses_later_edits,
            comments_thread_visits_and_uploads_round_trip,
            a_status_moves_the_phase_in_its_own_transaction,
            trajectory_work_is_exported_and_erased_with_a_placeholder,
            boards_upsert_by_number_and_audit,
            school_inserts_read_back_in_every_way,
            school_batch_update_checks_versions_and_rolls_back,
            duplicate_ovt_is_reported_as_duplicate,
            search_finds_substrings_case_insensitively,
            search_puts_exact_brin_and_ovt_first_then_name_prefix,
            search_takes_wildcards_literally_and_respects_limit,
            edit_school_marks_manual_fields_and_bumps_version,
            edit_school_with_a_stale_version_changes_nothing,
            concurrent_edits_one_wins_the_other_conflicts,
            upsert_results_counts_only_changed_rows,
            upsert_results_for_an_unknown_school_is_not_found,
            published_values_round_trip_idempotently,
            weging_years_round_trip_idempotently,
            users_round_trip_with_case_insensitive_email,
            same_email_is_a_duplicate,
            update_user_checks_versions,
            grants_are_added_listed_and_removed,
            api_tokens_are_found_by_hash_until_revoked,
            tokens_are_revoked_on_password_change_and_deactivation,
            sessions_expire,
            failed_logins_are_counted_per_key_and_window,
            parallel_login_attempts_count_each_other,
            audit_log_filters_pages_and_orders_newest_first,
            reads_write_no_audit_entries,
            programme_definitions_are_created_updated_and_versioned,
            concurrent_programme_saves_one_wins_the_other_conflicts,
            applications_round_trip_with_reference_numbers,
            reference_numbers_restart_every_year,
            concurrent_application_inserts_get_unique_gap_free_references,
            application_state_changes_check_versions_and_are_audited,
            list_applications_filters_and_orders_newest_first,
            approval_links_are_single_use,
            experts_round_trip_and_check_versions,
            concurrent_expert_saves_one_wins_the_other_conflicts,
            assign_expert_is_atomic_and_audited,
            expert_loads_and_trajectory_filters,
            outbox_queues_and_marks_mail_without_audit,
            workflow_reads_write_no_audit_entries,
            a_submission_commits_application_link_and_mails_together,
            a_failed_submission_leaves_no_application_link_or_mail,
            the_last_active_beheerder_cannot_be_deactivated_or_lose_the_role,
            ending_a_trajectory_checks_its_version_and_is_audited_with_the_reason,
            person_records_find_everything_that_names_them,
            erasure_keeps_records_with_a_placeholder_and_deletes_the_rest,
            prune_deletes_only_what_the_policy_no_longer_allows,
            time_entries_round_trip_per_trajectory_expert_and_school_and_are_audited,
            logging_time_checks_what_was_spent_so_the_budget_cannot_be_raced,
            budget_decisions_are_listed_newest_first_and_audited_with_the_reason,
            statement_kenmerken_are_gap_free_per_year_and_issued_once_per_period,
            plans_round_trip_with_versions_and_are_audited,
            report_releases_keep_their_facts_newest_first_and_are_audited,
            a_vastgestelde_plan_version_is_never_rewritten,
            concurrent_plan_saves_one_wins_the_other_conflicts,
            phase_moves_check_versions_and_are_audited_with_the_reason,
            expert_invitations_link_once_and_only_the_invited_address,
            import_runs_keep_every_rejection_and_page_through_them,
            account_requests_are_confirmed_once_and_duplicates_refused,
            deciding_an_account_request_creates_user_and_grant_atomically,
            a_request_through_a_provider_is_confirmed_at_once_and_links_its_identity,
            prune_removes_stale_account_requests_only,
            verdicts_are_recorded_confirmed_changed_and_deleted_with_versions,
            board_requests_keep_lines_and_decide_each_school_on_its_own,
            password_links_are_single_use_and_end_api_tokens,
            voortgang_round_trips_in_order_and_every_write_is_audited,
            reviews_check_versions_and_invitation_links_work_once_until_they_expire,
            the_digest_of_a_week_is_sent_once_with_its_mails,
        );
    };
    (@cases $fixture:expr; $($case:ident),* $(,)?) => {
        $(
            #[::tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                $crate::conformance::run($fixture, $crate::conformance::$case).await;
            }
        )*
    };
}
