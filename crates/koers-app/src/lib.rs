//! # koers-app — use cases
//!
//! What the CLI and the web both do, in one place, so neither holds domain logic. The door is
//! [`App`]: it holds the store privately, hands out read access ([`store::StoreRead`]) and does
//! every change through a use case method, returning the one [`Error`].
//! - [`error`]: [`Error`] (and the refusals of login and approval links).
//! - [`screening`]: turn parsed result rows into model inputs and run the results model and a
//!   programme's entry rule over every school of a file.
//! - [`check`]: one school from numbers typed in by hand.
//! - [`store`]: the storage port (trait + records) implemented by the SQLite and PG crates.
//! - [`register`]: importing the public files into the register, idempotently, keeping manual edits.
//! - [`schools`]: a stored school's page data and eligibility.
//! - [`accounts`]: argon2id passwords, throttled login, users with grants, API tokens.
//! - [`account_requests`], [`password_reset`]: getting in — account requests confirmed by an
//!   e-mail link and approved by programme staff; password reset by an e-mail link.
//! - [`hashing`]: argon2 within a fixed number of slots (no memory exhaustion by parallel logins).
//! - [`search`]: the in-memory school search index (same answers as the store, ~50× cheaper).
//! - [`programmes`]: the programmes in force, from one place (the stored definitions, seeded from
//!   `programmes/*.toml`), with the default programme per sector and audience.
//! - [`trajectories`]: ending a trajectory, with a reason; completing a phase when its artefact is done
//!   (submitted, confirmed, signed off) or by staff with a reason; "Wat moet ik nu doen?".
//! - [`selfevals`]: formats as data and filling in a trajectory's forms (zelfevaluatie …), the team.
//! - [`plans`]: the plan van aanpak — versions, edits, sign-off, bijstelling, and who may.
//! - [`reports`]: every report's document from the store (0-meting, plan van aanpak,
//!   voortgangsrapportage for the bestuur and the Inspectie with its release, eindrapportage,
//!   kostenoverzicht), PDF rendering through the engine handed in, the programme monitor.
//! - [`verdicts`]: Inspectie verdicts recorded by staff or declared by applicants, and what the
//!   VO and board entry rules read from them and from the exam trend.
//! - [`experts`]: the expert pool per programme and sector, with a standplaats and travel limit.
//! - [`dagdelen`]: the expert's dagdelen log, budget decisions, the kostenoverzicht per school and
//!   period (with its kenmerk) and the expert's time sheets (issue 10 §7–8).
//! - [`expert_invites`]: linking an expert to an account by invitation (no account enumeration).
//! - [`demo`]: the demo data set and one demo user per role.
//! - [`privacy`]: AVG export and erasure of a person, the retention prune.
//! - [`backup`]: scheduled backups into a directory, keeping the newest N.

mod app;
pub mod error;
pub mod error_nl;

pub use app::App;
pub use error::{Error, ExternalRefusal, LinkRefusal, LoginRefusal, Result};

pub mod account_requests;
pub mod accounts;
pub mod applications;
pub mod backup;
pub mod band_map;
pub mod board_requests;
pub mod check;
pub mod dagdelen;
pub mod demo;
pub mod expert_invites;
pub mod experts;
pub mod external;
pub mod hashing;
pub mod mail;
pub mod password_reset;
pub mod plans;
pub mod privacy;
pub mod programmes;
pub mod register;
pub mod reports;
pub mod schools;
pub mod screening;
pub mod search;
pub mod selfevals;
pub mod store;
pub mod support;
pub mod trajectories;
pub mod verdicts;
pub mod voortgang;
