//! Writes the upload bombs of `koers_testkit::bombs` into a directory, for
//! `scripts/bench-import`: `cargo run -p koers-testkit --example gen_bombs -- DIR`.

use koers_testkit::bombs;

fn main() -> std::io::Result<()> {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "bench-data/bombs".into()));
    std::fs::create_dir_all(&dir)?;
    let files: [(&str, Vec<u8>); 7] = [
        ("hoeken.xlsx", bombs::xlsx_corners()),
        ("bom.xlsx", bombs::xlsx_expanding(1_800_000_000, true)),
        ("leugen.xlsx", bombs::xlsx_expanding(1_800_000_000, false)),
        ("herhaald.ods", bombs::ods_repeats(16_384, 1_048_575)),
        ("opmaak.xlsx", bombs::xlsx_styles((4 << 20) - 4096)),
        ("kopie.xlsx", bombs::xlsx_shared_string_everywhere(100_000, 3, 1_000)),
        ("slecht.csv", bombs::csv_bad_rows(3_000_000)),
    ];
    for (name, bytes) in files {
        std::fs::write(dir.join(name), &bytes)?;
        println!("{name}: {} bytes", bytes.len());
    }
    Ok(())
}
