//! Rebuild when a migration changes: `sqlx::migrate!` embeds the `migrations/` folder, but
//! cargo only watches Rust sources on its own.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
