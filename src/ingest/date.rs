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
