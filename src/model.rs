//! The practice model: what `practice.*`, `evidence.*` and `assessment.*` hold.
//!
//! These types mirror the files one to one (see `docs/FORMATS.md`); checks against the criteria live in
//! [`crate::validate`].

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

/// The description template of phase 1 (`practice.*`). Everything is optional at this level: which fields a
/// nomination needs is decided by the criteria file's `[nomination]` rules.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Practice {
    /// Name of the practice.
    #[serde(default)]
    pub name: Option<String>,
    /// Short description.
    #[serde(default)]
    pub summary: Option<String>,
    /// Municipality or organisation that owns the practice.
    #[serde(default)]
    pub municipality: Option<String>,
    /// The unit that runs it.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Region.
    #[serde(default)]
    pub region: Option<String>,
    /// When it started.
    #[serde(default)]
    pub started: Option<PartialDate>,
    /// Free-text status (`i drift`, `avsluttet`).
    #[serde(default)]
    pub status: Option<String>,
    /// Slug of an already assessed practice this one is a variant of.
    #[serde(default)]
    pub variant_of: Option<String>,
    /// Facet key → tag values.
    #[serde(default, deserialize_with = "crate::source::unique_keys")]
    pub tags: BTreeMap<String, Vec<String>>,
    /// Template key → text.
    #[serde(default, deserialize_with = "crate::source::unique_keys")]
    pub description: BTreeMap<String, String>,
    /// Written sources.
    #[serde(default)]
    pub sources: Vec<Reference>,
    /// Contacts for the practice and for the nomination.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Related practices.
    #[serde(default)]
    pub related: Vec<Related>,
    /// Useful links.
    #[serde(default)]
    pub links: Vec<Reference>,
    /// Good stories.
    #[serde(default)]
    pub stories: Vec<Story>,
    /// Further knowledge needs.
    #[serde(default)]
    pub knowledge_needs: Vec<String>,
}

impl Practice {
    /// The value of a top-level text key, for the nomination rules. `None` when absent or blank.
    pub fn top_level_text(&self, key: &str) -> Option<String> {
        let value = match key {
            "name" => self.name.clone(),
            "summary" => self.summary.clone(),
            "municipality" => self.municipality.clone(),
            "organisation" => self.organisation.clone(),
            "region" => self.region.clone(),
            "started" => self.started.map(|d| d.to_string()),
            "status" => self.status.clone(),
            "variant_of" => self.variant_of.clone(),
            "tags" => (!self.tags.is_empty()).then(|| "…".to_string()),
            "description" => (!self.description.is_empty()).then(|| "…".to_string()),
            "sources" => (!self.sources.is_empty()).then(|| "…".to_string()),
            "contacts" => (!self.contacts.is_empty()).then(|| "…".to_string()),
            _ => None,
        };
        value.filter(|v| !v.trim().is_empty())
    }

    /// The keys `top_level_text` knows (for checking the nomination rules themselves).
    pub const TOP_LEVEL_KEYS: &'static [&'static str] = &[
        "name",
        "summary",
        "municipality",
        "organisation",
        "region",
        "started",
        "status",
        "variant_of",
        "tags",
        "description",
        "sources",
        "contacts",
    ];
}

/// A source or a link.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// Title.
    pub title: String,
    /// Address, when there is one.
    #[serde(default)]
    pub url: Option<String>,
}

/// A contact person or unit.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// `praksis` (contact for the practice) or `nominasjon` (who nominated it).
    #[serde(default)]
    pub role: Option<String>,
    /// Name of the person or unit.
    pub name: String,
    /// Organisation.
    #[serde(default)]
    pub organisation: Option<String>,
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// Phone.
    #[serde(default)]
    pub phone: Option<String>,
}

/// A relation to another practice in the library.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Related {
    /// The other practice's slug.
    pub slug: String,
    /// How they relate (`variant av`, `se også`).
    #[serde(default)]
    pub relation: Option<String>,
}

/// A good story (case).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Story {
    /// Title.
    pub title: String,
    /// The story.
    pub text: String,
}

/// The evidence table of phase 2 (`evidence.*`).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Rows, in the order written.
    #[serde(default)]
    pub rows: Vec<EvidenceRow>,
}

impl Evidence {
    /// The row with this id.
    pub fn row(&self, id: &str) -> Option<&EvidenceRow> {
        self.rows.iter().find(|r| r.id == id)
    }
}

/// One row: problemstilling, funn, kilde.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRow {
    /// Id cited by answers (`e1`).
    pub id: String,
    /// The question the row answers (problemstilling).
    pub question: String,
    /// What was found (funn).
    pub finding: String,
    /// Where it was found (kilde).
    pub source: String,
    /// Evidence kind, from the criteria file.
    pub kind: String,
    /// Study design (evaluering, RCT, …).
    #[serde(default)]
    pub design: Option<String>,
    /// A caveat (e.g. aggregated at municipality level).
    #[serde(default)]
    pub note: Option<String>,
    /// When.
    #[serde(default)]
    pub date: Option<PartialDate>,
}

/// An assessment (phase 3): the consensus in `assessment.*`, or one assessor's in `assessments/<name>.*`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Id of the criteria file the answers were made against.
    #[serde(default)]
    pub criteria: Option<String>,
    /// Its version.
    #[serde(default)]
    pub criteria_version: Option<String>,
    /// Who assessed.
    #[serde(default)]
    pub assessors: Vec<String>,
    /// When.
    #[serde(default)]
    pub date: Option<PartialDate>,
    /// Free-text status.
    #[serde(default)]
    pub status: Option<String>,
    /// The assessment is the project's illustration, not a published one.
    #[serde(default)]
    pub illustration: bool,
    /// Overall justification (begrunnelse).
    #[serde(default)]
    pub justification: Option<String>,
    /// Justification per criterion id.
    #[serde(default, deserialize_with = "crate::source::unique_keys")]
    pub justifications: BTreeMap<String, String>,
    /// Question id → answer.
    #[serde(default, deserialize_with = "crate::source::unique_keys")]
    pub answers: BTreeMap<String, Answer>,
    /// Stage key → decision (independent assessors).
    #[serde(default, deserialize_with = "crate::source::unique_keys")]
    pub decisions: BTreeMap<String, String>,
}

impl Assessment {
    /// An assessment with these answers (question id, option key) and nothing else.
    pub fn with_answers<'a>(answers: impl IntoIterator<Item = (&'a str, &'a str)>) -> Assessment {
        Assessment {
            answers: answers
                .into_iter()
                .map(|(question, key)| (question.to_string(), Answer::key(key)))
                .collect(),
            ..Assessment::default()
        }
    }
}

/// One answer: an option key, with an optional note and cited evidence rows.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Answer {
    /// Option key of the question's scale, or the «ikke relevant» key.
    pub answer: String,
    /// Why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Evidence row ids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

impl Answer {
    /// A bare answer: just the option key.
    pub fn key(key: &str) -> Answer {
        Answer {
            answer: key.to_string(),
            ..Answer::default()
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerTable {
    answer: String,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    evidence: Vec<String>,
}

/// An answer is either a bare option key (`"ja"`) or a table (`{ answer = "noe", note = "…", evidence = [...] }`).
impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnswerVisitor;
        impl<'de> Visitor<'de> for AnswerVisitor {
            type Value = Answer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an option key such as \"ja\", or a table with `answer`, `note` and `evidence`")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Answer, E> {
                Ok(Answer {
                    answer: value.to_string(),
                    ..Answer::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Answer, A::Error> {
                let table = AnswerTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Answer {
                    answer: table.answer,
                    note: table.note,
                    evidence: table.evidence,
                })
            }
        }
        deserializer.deserialize_any(AnswerVisitor)
    }
}

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

    /// Today's date (UTC). `PRACTICE_TODAY=YYYY-MM-DD` overrides it, so tests and CI are reproducible.
    pub fn today() -> PartialDate {
        if let Some(date) = std::env::var("PRACTICE_TODAY")
            .ok()
            .and_then(|t| PartialDate::parse(&t))
        {
            return date;
        }
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
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
