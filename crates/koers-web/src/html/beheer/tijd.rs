//! Dates and times as Dutch users read them: `dd-mm-jjjj uu:mm`, Dutch time (CET/CEST by the
//! EU rule: summer time from the last Sunday of March to the last Sunday of October, switching
//! at 01:00 UTC). The stores keep Unix seconds.

/// Days since 1970-01-01 → (year, month, day) (proleptic Gregorian; H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Unix seconds of 01:00 UTC on the last Sunday of `month` (31 days) in `year`.
fn last_sunday_0100(year: i64, month: i64) -> i64 {
    let day31 = days_from_civil(year, month, 31);
    // 1970-01-01 was a Thursday: weekday 0 = Sunday ⇒ (days + 4) mod 7.
    let sunday = day31 - (day31 + 4).rem_euclid(7);
    sunday * 86_400 + 3_600
}

/// The offset of Dutch time from UTC at `ts`, in seconds.
fn offset(ts: i64) -> i64 {
    let (year, _, _) = civil_from_days(ts.div_euclid(86_400));
    if (last_sunday_0100(year, 3)..last_sunday_0100(year, 10)).contains(&ts) { 7_200 } else { 3_600 }
}

/// `14-03-2026 09:05` in Dutch time.
pub fn datetime(ts: i64) -> String {
    let local = ts + offset(ts);
    let (y, m, d) = civil_from_days(local.div_euclid(86_400));
    let secs = local.rem_euclid(86_400);
    format!("{d:02}-{m:02}-{y:04} {:02}:{:02}", secs / 3600, secs % 3600 / 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_time_follows_winter_and_summer_time() {
        assert_eq!(datetime(0), "01-01-1970 01:00");
        // 2026-01-15 12:00 UTC → winter time.
        assert_eq!(datetime(1_768_478_400), "15-01-2026 13:00");
        // 2026-07-01 12:00 UTC → summer time.
        assert_eq!(datetime(1_782_907_200), "01-07-2026 14:00");
        // Summer time 2026 starts 29 March 01:00 UTC.
        assert_eq!(datetime(1_774_745_999), "29-03-2026 01:59");
        assert_eq!(datetime(1_774_746_000), "29-03-2026 03:00");
    }
}
