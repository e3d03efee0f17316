//! A calendar date as newspapers print it: no time, no zone.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A valid Gregorian date (1800–2199), the day an issue appeared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input:?} is not a date (expected YYYY-MM-DD, e.g. 2023-11-20)")]
pub struct BadDate {
    pub input: String,
}

impl Date {
    /// `None` unless the three numbers name a real day; years outside 1800–2199 are
    /// refused because a number like 1234 or 9000 next to 年 is a count, not a year.
    pub fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        if !(1800..=2199).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    pub fn year(self) -> u32 {
        u32::from(self.year)
    }

    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// The date as the number yyyymmdd: ordered like the dates, so the index can range
    /// over it (`date:2023-11` is 20231100..=20231199) without calendar arithmetic.
    pub fn ordinal(self) -> u32 {
        self.year() * 10_000 + self.month() * 100 + self.day()
    }

    pub fn from_ordinal(n: u32) -> Option<Date> {
        Date::new(n / 10_000, n / 100 % 100, n % 100)
    }
}

impl Date {
    /// Days since 1970-01-01 (negative before), by Howard Hinnant's days-from-civil.
    pub fn days(self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, if within the years a date may have.
    pub fn from_days(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            u32::try_from(year).ok()?,
            u32::try_from(month).ok()?,
            u32::try_from(day).ok()?,
        )
    }

    pub fn add_days(self, n: i64) -> Option<Date> {
        Date::from_days(self.days() + n)
    }

    /// The same day `n` months on (the month's last day when it has fewer).
    pub fn add_months(self, n: i64) -> Option<Date> {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + n;
        let (year, month) = (
            u32::try_from(index.div_euclid(12)).ok()?,
            index.rem_euclid(12) as u32 + 1,
        );
        Date::new(year, month, self.day().min(days_in_month(year, month)))
    }
}

pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = BadDate;

    fn from_str(s: &str) -> Result<Date, BadDate> {
        let bad = || BadDate {
            input: s.to_owned(),
        };
        let mut parts = s.trim().split(['-', '/', '.']);
        let mut next = || -> Result<u32, BadDate> {
            let part = parts.next().ok_or_else(bad)?;
            if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            part.parse().map_err(|_| bad())
        };
        let (y, m, d) = (next()?, next()?, next()?);
        if parts.next().is_some() {
            return Err(bad());
        }
        Date::new(y, m, d).ok_or_else(bad)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_arithmetic() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(d("1970-01-01").days(), 0);
        assert_eq!(d("2023-01-01").add_days(-1), Some(d("2022-12-31")));
        assert_eq!(d("2024-02-28").add_days(1), Some(d("2024-02-29")));
        assert_eq!(d("2024-01-31").add_months(1), Some(d("2024-02-29")));
        assert_eq!(d("2024-01-15").add_months(-13), Some(d("2022-12-15")));
        for s in ["1800-01-01", "1999-12-31", "2199-12-31"] {
            assert_eq!(Date::from_days(d(s).days()), Some(d(s)));
        }
    }

    #[test]
    fn leap_days_are_checked() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
    }

    #[test]
    fn parses_and_prints_iso_dates() {
        let d: Date = "2023-11-20".parse().unwrap();
        assert_eq!(d.to_string(), "2023-11-20");
        assert_eq!(d.ordinal(), 20231120);
        assert_eq!(Date::from_ordinal(20231120), Some(d));
        assert!("2023-13-01".parse::<Date>().is_err());
        assert!("2023-11".parse::<Date>().is_err());
        assert!("20231120".parse::<Date>().is_err());
        assert!("2023-11-20-1".parse::<Date>().is_err());
    }
}
