//! Partial dates: a year, a year and month, or a full date.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

/// A year, a year and month, or a date: `2014`, `"2014-08"`, `2014-08-01`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Year.
    pub year: i32,
    /// Month 1–12.
    pub month: Option<u8>,
    /// Day 1–31.
    pub day: Option<u8>,
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
            if let Some(day) = self.day {
                write!(f, "-{day:02}")?;
            }
        }
        Ok(())
    }
}

impl PartialDate {
    /// Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<PartialDate> {
        let mut parts = text.trim().split('-');
        let year_text = parts.next()?;
        if year_text.len() != 4 {
            return None;
        }
        let year: i32 = year_text.parse().ok()?;
        let month = match parts.next() {
            Some(m) if m.len() == 2 => Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?),
            Some(_) => return None,
            None => None,
        };
        let day = match parts.next() {
            Some(d) if d.len() == 2 && month.is_some() => {
                let day = d.parse::<u8>().ok()?;
                (1..=days_in_month(year, month?)).contains(&day).then_some(day)?;
                Some(day)
            }
            Some(_) => return None,
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(PartialDate { year, month, day })
    }

    /// The date `seconds` after 1970-01-01T00:00Z (the clock is read by the command, not here).
    pub fn from_unix_seconds(seconds: u64) -> PartialDate {
        let (year, month, day) = civil_from_days((seconds / 86_400) as i64);
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// Whole years from this date to `today` (missing month/day count as January / the 1st).
    pub fn years_until(&self, today: PartialDate) -> i32 {
        let mut years = today.year - self.year;
        let this = (self.month.unwrap_or(1), self.day.unwrap_or(1));
        let now = (today.month.unwrap_or(1), today.day.unwrap_or(1));
        if now < this {
            years -= 1;
        }
        years
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 → (year, month, day), after Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Accepts an integer year, a string, or a TOML date (which serde presents as a one-key map).
impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a year (2014), \"YYYY-MM\" or a date (2014-08-01)")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PartialDate, E> {
                if (1000..=9999).contains(&v) {
                    Ok(PartialDate {
                        year: v as i32,
                        month: None,
                        day: None,
                    })
                } else {
                    Err(E::custom(format!("{v} is not a four-digit year")))
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PartialDate, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PartialDate, E> {
                PartialDate::parse(v)
                    .ok_or_else(|| E::custom(format!("`{v}` is not a year, \"YYYY-MM\" or a date \"YYYY-MM-DD\"")))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<PartialDate, A::Error> {
                let datetime = toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                match (datetime.date, datetime.time) {
                    (Some(date), None) => Ok(PartialDate {
                        year: i32::from(date.year),
                        month: Some(date.month),
                        day: Some(date.day),
                    }),
                    _ => Err(de::Error::custom("expected a date without a time of day")),
                }
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates() {
        assert_eq!(PartialDate::parse("2014").unwrap().to_string(), "2014");
        assert_eq!(PartialDate::parse("2014-08").unwrap().to_string(), "2014-08");
        assert_eq!(PartialDate::parse("2016-02-29").unwrap().to_string(), "2016-02-29");
        for bad in ["14", "2014-13", "2015-02-29", "2014-8", "2014-08-01-01", "abcd", ""] {
            assert!(PartialDate::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_415), (2025, 11, 23));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn years_between() {
        let started = PartialDate::parse("2015-09").unwrap();
        assert_eq!(started.years_until(PartialDate::parse("2016-08-31").unwrap()), 0);
        assert_eq!(started.years_until(PartialDate::parse("2016-09-01").unwrap()), 1);
        assert_eq!(
            PartialDate::parse("2015")
                .unwrap()
                .years_until(PartialDate::parse("2016").unwrap()),
            1
        );
    }
}
