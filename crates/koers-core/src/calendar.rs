//! The calendar, once: civil dates, Dutch time (Europe/Amsterdam) and the school year.
//!
//! Koers keeps instants as Unix seconds and passes "now" in (core reads no clock). Everything a
//! user sees as a day — a reference number's year, the board rule's look-back, a measure's end
//! date, "dd-mm-jjjj uu:mm" on a page — is the day in Dutch time, computed here:
//! - Dutch time is CET (UTC+1) in winter and CEST (UTC+2) in summer, by the EU rule in force
//!   since 1996: summer time from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
//!   Sunday of October.
//! - The school year runs from 1 August to 31 July (`2025-2026`).
//! - [`Date`] is a proleptic Gregorian civil date (H. Hinnant's algorithms), serialized as ISO
//!   `2026-11-30`; parsing accepts ISO and Dutch `30-11-2026`, with a Dutch message on error.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

const DAY: i64 = 86_400;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("'{0}' is geen datum; schrijf bijvoorbeeld 30-11-2026 of 2026-11-30")]
    Format(String),
    #[error("{day}-{month}-{year} bestaat niet")]
    NoSuchDay { year: i32, month: u8, day: u8 },
}

pub const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 → (year, month, day).
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

impl Date {
    /// A valid day, or [`DateError::NoSuchDay`].
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, DateError> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) || !(1..=9999).contains(&year) {
            return Err(DateError::NoSuchDay { year, month, day });
        }
        Ok(Self { year, month, day })
    }

    /// The day `days` days after 1970-01-01 (negative: before).
    pub fn from_days(days: i64) -> Self {
        let (y, m, d) = civil_from_days(days);
        Self { year: y as i32, month: m as u8, day: d as u8 }
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        days_from_civil(i64::from(self.year), i64::from(self.month), i64::from(self.day))
    }

    /// The day in Dutch time at Unix second `ts`.
    pub fn of_instant(ts: i64) -> Self {
        Self::from_days((ts + amsterdam_offset(ts)).div_euclid(DAY))
    }

    /// Unix seconds of 00:00 Dutch time on this day.
    pub fn start_instant(self) -> i64 {
        let midnight_utc = self.days() * DAY;
        // The offset at local midnight: try winter time, correct when that instant is in summer.
        let guess = midnight_utc - 3_600;
        midnight_utc - amsterdam_offset(guess)
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    pub fn add_days(self, n: i64) -> Self {
        Self::from_days(self.days() + n)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Date) -> i64 {
        other.days() - self.days()
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        ((self.days() + 3).rem_euclid(7)) as u8
    }

    /// ISO `2026-11-30` or Dutch `30-11-2026` (also with `/` or `.`); surrounding space ignored.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let t = text.trim();
        let bad = || DateError::Format(t.chars().take(40).collect());
        let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
        if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
            return Err(bad());
        }
        let num = |s: &str| s.parse::<i64>().map_err(|_| bad());
        let (y, m, d) = if parts[0].len() == 4 {
            (num(parts[0])?, num(parts[1])?, num(parts[2])?)
        } else if parts[2].len() == 4 {
            (num(parts[2])?, num(parts[1])?, num(parts[0])?)
        } else {
            return Err(bad());
        };
        let (Ok(y), Ok(m), Ok(d)) = (i32::try_from(y), u8::try_from(m), u8::try_from(d)) else {
            return Err(bad());
        };
        Self::new(y, m, d)
    }

    /// `30-11-2026`, as Dutch forms show a date.
    pub fn nl(self) -> String {
        format!("{:02}-{:02}-{:04}", self.day, self.month, self.year)
    }

    /// `30 november 2026`, as Dutch letters and reports write a date.
    pub fn nl_long(self) -> String {
        format!("{} {} {}", self.day, MONTHS_NL[usize::from(self.month - 1)], self.year)
    }

    /// The school year this day falls in.
    pub fn school_year(self) -> SchoolYear {
        SchoolYear { start_year: if self.month >= 8 { self.year } else { self.year - 1 } }
    }
}

/// ISO `2026-11-30`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A school year, 1 August `start_year` – 31 July `start_year + 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SchoolYear {
    pub start_year: i32,
}

impl SchoolYear {
    pub fn first_day(self) -> Date {
        Date { year: self.start_year, month: 8, day: 1 }
    }
    pub fn last_day(self) -> Date {
        Date { year: self.start_year + 1, month: 7, day: 31 }
    }
    pub fn contains(self, d: Date) -> bool {
        d.school_year() == self
    }
    /// `2025-2026`.
    pub fn label(self) -> String {
        format!("{}-{}", self.start_year, self.start_year + 1)
    }
    /// The school year at Unix second `ts` (Dutch time).
    pub fn of_instant(ts: i64) -> Self {
        Date::of_instant(ts).school_year()
    }
}

impl fmt::Display for SchoolYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start_year, self.start_year + 1)
    }
}

/// Unix seconds of 01:00 UTC on the last Sunday of `month` (a 31-day month) in `year`.
fn last_sunday_0100(year: i64, month: i64) -> i64 {
    let day31 = days_from_civil(year, month, 31);
    // weekday with 0 = Sunday is (days + 4) mod 7.
    let sunday = day31 - (day31 + 4).rem_euclid(7);
    sunday * DAY + 3_600
}

/// The offset of Dutch time from UTC at Unix second `ts`, in seconds (3600 or 7200).
pub fn amsterdam_offset(ts: i64) -> i64 {
    let (year, _, _) = civil_from_days(ts.div_euclid(DAY));
    if (last_sunday_0100(year, 3)..last_sunday_0100(year, 10)).contains(&ts) { 7_200 } else { 3_600 }
}

/// The calendar year in Dutch time at `ts` (reference numbers, the board rule's look-back).
pub fn dutch_year(ts: i64) -> i32 {
    Date::of_instant(ts).year()
}

/// `14-03-2026 09:05` in Dutch time.
pub fn datetime_nl(ts: i64) -> String {
    let local = ts + amsterdam_offset(ts);
    let date = Date::from_days(local.div_euclid(DAY));
    let secs = local.rem_euclid(DAY);
    format!("{} {:02}:{:02}", date.nl(), secs / 3600, secs % 3600 / 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap_or_else(|e| panic!("{e}"))
    }

    /// 2026-12-31 23:30 UTC.
    const NEW_YEAR_EVE_2330_UTC: i64 = 1_798_759_800;

    #[test]
    fn half_past_eleven_utc_on_new_years_eve_is_already_next_year_in_amsterdam() {
        assert_eq!(Date::of_instant(NEW_YEAR_EVE_2330_UTC), d(2027, 1, 1));
        assert_eq!(dutch_year(NEW_YEAR_EVE_2330_UTC), 2027);
        assert_eq!(datetime_nl(NEW_YEAR_EVE_2330_UTC), "01-01-2027 00:30");
        // One hour earlier it is still 2026 in Amsterdam.
        assert_eq!(dutch_year(NEW_YEAR_EVE_2330_UTC - 3_600), 2026);
    }

    #[test]
    fn summer_time_starts_and_ends_at_one_utc_on_the_last_sundays() {
        // 2026-03-29 is the last Sunday of March; 01:00 UTC = 1_774_746_000.
        let start = 1_774_746_000;
        assert_eq!(amsterdam_offset(start - 1), 3_600);
        assert_eq!(amsterdam_offset(start), 7_200);
        assert_eq!(datetime_nl(start - 60), "29-03-2026 01:59");
        assert_eq!(datetime_nl(start), "29-03-2026 03:00");
        // 2026-10-25 is the last Sunday of October; 01:00 UTC = 1_792_890_000.
        let end = 1_792_890_000;
        assert_eq!(amsterdam_offset(end - 1), 7_200);
        assert_eq!(amsterdam_offset(end), 3_600);
        assert_eq!(datetime_nl(end - 60), "25-10-2026 02:59");
        assert_eq!(datetime_nl(end), "25-10-2026 02:00");
    }

    #[test]
    fn a_day_starts_at_local_midnight_in_winter_and_summer() {
        assert_eq!(d(2026, 1, 15).start_instant(), 1_768_431_600); // 2026-01-14 23:00 UTC
        assert_eq!(d(2026, 7, 1).start_instant(), 1_782_856_800); // 2026-06-30 22:00 UTC
        for day in [d(2026, 3, 29), d(2026, 3, 30), d(2026, 10, 25), d(2026, 10, 26)] {
            assert_eq!(Date::of_instant(day.start_instant()), day, "{day}");
            assert_eq!(Date::of_instant(day.start_instant() - 1), day.add_days(-1), "{day}");
        }
    }

    #[test]
    fn the_school_year_runs_from_the_first_of_august_to_the_thirty_first_of_july() {
        assert_eq!(d(2026, 7, 31).school_year().label(), "2025-2026");
        assert_eq!(d(2026, 8, 1).school_year().label(), "2026-2027");
        let sy = SchoolYear { start_year: 2025 };
        assert_eq!(sy.first_day(), d(2025, 8, 1));
        assert_eq!(sy.last_day(), d(2026, 7, 31));
        assert!(sy.contains(d(2026, 1, 1)) && !sy.contains(d(2026, 8, 1)));
        // 31 July 22:30 UTC is already 1 August in Amsterdam (summer time).
        assert_eq!(SchoolYear::of_instant(1_785_537_000).label(), "2026-2027");
    }

    #[test]
    fn dates_parse_in_iso_and_dutch_and_refuse_what_does_not_exist() {
        assert_eq!(Date::parse("2026-11-30"), Ok(d(2026, 11, 30)));
        assert_eq!(Date::parse(" 30-11-2026 "), Ok(d(2026, 11, 30)));
        assert_eq!(Date::parse("1/2/2024"), Ok(d(2024, 2, 1)));
        assert_eq!(Date::parse("29-02-2024"), Ok(d(2024, 2, 29)));
        assert_eq!(Date::parse("29-02-2025"), Err(DateError::NoSuchDay { year: 2025, month: 2, day: 29 }));
        assert!(matches!(Date::parse("31-04-2026"), Err(DateError::NoSuchDay { .. })));
        for bad in ["", "morgen", "2026-11", "30-11-26", "2026-11-30T10:00", "-1-1-2026", "99999999999-1-1"] {
            assert!(matches!(Date::parse(bad), Err(DateError::Format(_))), "{bad}");
        }
        assert_eq!(Date::parse("29-02-2025").err().map(|e| e.to_string()).as_deref(), Some("29-2-2025 bestaat niet"));
    }

    #[test]
    fn days_and_weekdays_round_trip() {
        assert_eq!(Date::from_days(0), d(1970, 1, 1));
        assert_eq!(d(1970, 1, 1).weekday(), 3);
        assert_eq!(d(2026, 11, 30).weekday(), 0, "30 November 2026 is a Monday");
        for n in (-800_000..800_000).step_by(997) {
            assert_eq!(Date::from_days(n).days(), n);
        }
        assert_eq!(d(2026, 2, 27).add_days(2), d(2026, 3, 1));
        assert_eq!(d(2026, 1, 1).days_until(d(2027, 1, 1)), 365);
    }

    #[test]
    fn dates_are_written_the_dutch_way_and_serialized_as_iso() {
        assert_eq!(d(2026, 3, 5).nl(), "05-03-2026");
        assert_eq!(d(2026, 3, 5).nl_long(), "5 maart 2026");
        assert_eq!(d(2026, 3, 5).to_string(), "2026-03-05");
        let json = serde_json::to_string(&d(2026, 3, 5)).unwrap_or_default();
        assert_eq!(json, "\"2026-03-05\"");
        let back: Date = serde_json::from_str("\"05-03-2026\"").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, d(2026, 3, 5));
        assert!(serde_json::from_str::<Date>("\"31-02-2026\"").is_err());
    }
}
