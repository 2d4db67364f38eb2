//! Deterministic synthetic results files in the Inspectie's "Leerresultaten primair onderwijs"
//! format (semicolon CSV, decimal comma, `*` for masked cells, empty for missing years), with a
//! realistic mix: most schools complete, some with a missing year, some small and masked.
//! Three school years per row, so `n` rows hold `3·n` school-years.

use std::fmt::Write as _;
use std::io::{self, Write};

/// The header of the real file.
pub const HEADER: &str = "ovt;Gemiddelde %1F 2223;Gemiddelde %1S/2F 2223;Aantal leerlingen 2223;Gemiddelde %1F 2324;Gemiddelde %1S/2F 2324;Aantal leerlingen 2324;Gemiddelde %1F 2425;Gemiddelde %1S/2F 2425;Aantal leerlingen 2425;Schoolweging;Schoolwegingscategorie;Signaleringswaarde 1F;Signaleringswaarde 1S/2F;Gewogen driejaarsgemiddelde %1F;Gewogen driejaarsgemiddelde %1S/2F;Totaal aantal leerlingen 3 jaar;Uitkomst indicator 1F;Uitkomst indicator 1S/2F";

const SIG: [f64; 20] = [
    68.3, 65.0, 61.9, 58.9, 56.2, 53.8, 51.8, 50.1, 48.6, 47.1, 45.5, 43.5, 41.2, 38.7, 36.3, 34.3, 32.8, 32.0, 31.7,
    30.3,
];

/// xorshift64*: small, fast, deterministic.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next_u64() % u64::from(hi - lo + 1)) as u32
    }
}

fn ovt(i: usize) -> String {
    // 4-char BRIN-like code: two digits + two letters, then a location suffix.
    const L: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let a = i % 100;
    let b = (i / 100) % 26;
    let c = (i / 2600) % 26;
    let loc = i / 67600 + 1;
    format!("{a:02}{}{}|C{loc}", L[c] as char, L[b] as char)
}

fn pct(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    let s = format!("{r}");
    s.replace('.', ",")
}

/// Append one synthetic row (no newline) to `out`.
pub fn row(rng: &mut Rng, i: usize, out: &mut String) {
    let weging = 20.0 + rng.unit() * 20.0;
    let cat = (weging.floor() as usize).clamp(20, 39);
    let kind = rng.range(0, 99);
    let base1 = 88.0 + rng.unit() * 12.0;
    let base2 = (SIG[cat - 20] - 10.0 + rng.unit() * 35.0).clamp(0.0, 100.0);
    let _ = write!(out, "{}", ovt(i));
    let (mut n_tot, mut s1, mut s2) = (0u32, 0.0, 0.0);
    for y in 0..3 {
        if kind < 3 && y == 0 {
            out.push_str(";;;"); // missing year
            continue;
        }
        if kind >= 97 {
            out.push_str(";*;*;*"); // masked small school
            continue;
        }
        let n = rng.range(5, 60);
        let p1 = (base1 + rng.unit() * 6.0 - 3.0).clamp(0.0, 100.0);
        let p2 = (base2 + rng.unit() * 10.0 - 5.0).clamp(0.0, p1);
        n_tot += n;
        s1 += p1 * f64::from(n);
        s2 += p2 * f64::from(n);
        let _ = write!(out, ";{};{};{n}", pct(p1), pct(p2));
    }
    let _ = write!(out, ";{weging:.2};[{cat},{});85;{}", cat + 1, SIG[cat - 20]);
    if kind >= 97 {
        out.push_str(";*;*;*;Kleine school - Beoordeling over 5 jaar;Kleine school - Beoordeling over 5 jaar");
    } else {
        let (v1, v2) = (s1 / f64::from(n_tot), s2 / f64::from(n_tot));
        let lab = |v: f64, s: f64| {
            if kind < 3 {
                "Te weinig gegevens"
            } else if v >= s {
                "Boven de signaleringswaarde"
            } else {
                "Onder de signaleringswaarde"
            }
        };
        let _ = write!(out, ";{};{};{n_tot};{};{}", pct(v1), pct(v2), lab(v1, 85.0), lab(v2, SIG[cat - 20]));
    }
}

/// Write a file of `rows` rows (3·rows school-years) to `w`.
pub fn write_file(w: &mut dyn Write, rows: usize, seed: u64) -> io::Result<()> {
    let mut rng = Rng::new(seed);
    let mut line = String::with_capacity(256);
    writeln!(w, "{HEADER}")?;
    for i in 0..rows {
        line.clear();
        row(&mut rng, i, &mut line);
        line.push('\n');
        w.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// The same, in memory.
pub fn file_bytes(rows: usize, seed: u64) -> Vec<u8> {
    let mut v = Vec::with_capacity(rows * 120 + HEADER.len());
    // Writing to a Vec cannot fail.
    let _ = write_file(&mut v, rows, seed);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_have_the_header_column_count_and_are_deterministic() {
        let a = file_bytes(500, 7);
        assert_eq!(a, file_bytes(500, 7));
        let text = String::from_utf8(a).unwrap_or_default();
        let cols = HEADER.split(';').count();
        assert_eq!(text.lines().count(), 501);
        assert!(text.lines().all(|l| l.split(';').count() == cols));
        assert!(text.contains(";*;*;*"));
    }
}
