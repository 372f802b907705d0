//! Minimal copies of the shapes of `practice`'s `Practice`, `Evidence` and `Assessment` (src/model.rs), so the
//! typed parses do the same serde work as the tool: `deny_unknown_fields`, `unique_keys` maps, the `Answer`
//! string-or-table visitor and the `PartialDate` year/string/TOML-date visitor. Nothing is checked after parsing.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

/// A map that refuses a key given twice (the tool's `source::unique_keys`).
pub fn unique_keys<'de, D, V>(deserializer: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct UniqueMap<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> Visitor<'de> for UniqueMap<V> {
        type Value = BTreeMap<String, V>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a table")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(key) = map.next_key::<String>()? {
                if out.contains_key(&key) {
                    return Err(de::Error::custom(format!("duplicate key `{key}`")));
                }
                let value = map.next_value()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(UniqueMap(std::marker::PhantomData))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Practice {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub municipality: Option<String>,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub started: Option<PartialDate>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub variant_of: Option<String>,
    #[serde(default, deserialize_with = "unique_keys")]
    pub tags: BTreeMap<String, Vec<String>>,
    #[serde(default, deserialize_with = "unique_keys")]
    pub description: BTreeMap<String, String>,
    #[serde(default)]
    pub sources: Vec<Reference>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub related: Vec<Related>,
    #[serde(default)]
    pub links: Vec<Reference>,
    #[serde(default)]
    pub stories: Vec<Story>,
    #[serde(default)]
    pub knowledge_needs: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub role: Option<String>,
    pub name: String,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Related {
    pub slug: String,
    #[serde(default)]
    pub relation: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    pub title: String,
    pub text: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    #[serde(default)]
    pub rows: Vec<EvidenceRow>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRow {
    pub id: String,
    pub question: String,
    pub finding: String,
    pub source: String,
    pub kind: String,
    #[serde(default)]
    pub design: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub date: Option<PartialDate>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    #[serde(default)]
    pub criteria: Option<String>,
    #[serde(default)]
    pub criteria_version: Option<String>,
    #[serde(default)]
    pub assessors: Vec<String>,
    #[serde(default)]
    pub date: Option<PartialDate>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub illustration: bool,
    #[serde(default)]
    pub justification: Option<String>,
    #[serde(default, deserialize_with = "unique_keys")]
    pub justifications: BTreeMap<String, String>,
    #[serde(default, deserialize_with = "unique_keys")]
    pub answers: BTreeMap<String, Answer>,
    #[serde(default, deserialize_with = "unique_keys")]
    pub decisions: BTreeMap<String, String>,
}

#[derive(Debug, Default)]
pub struct Answer {
    pub answer: String,
    pub note: Option<String>,
    pub evidence: Vec<String>,
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

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnswerVisitor;
        impl<'de> Visitor<'de> for AnswerVisitor {
            type Value = Answer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an option key, or a table with `answer`, `note` and `evidence`")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Answer, E> {
                Ok(Answer { answer: value.to_string(), ..Answer::default() })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Answer, A::Error> {
                let t = AnswerTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Answer { answer: t.answer, note: t.note, evidence: t.evidence })
            }
        }
        deserializer.deserialize_any(AnswerVisitor)
    }
}

#[derive(Clone, Copy, Debug)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    fn parse(text: &str) -> Option<PartialDate> {
        let mut parts = text.trim().split('-');
        let year = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
        let month = match parts.next() {
            Some(m) => Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(d.parse::<u8>().ok().filter(|d| (1..=31).contains(d))?),
            None => None,
        };
        Some(PartialDate { year, month, day })
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a year, \"YYYY-MM\" or a date")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PartialDate, E> {
                if (1000..=9999).contains(&v) {
                    Ok(PartialDate { year: v as i32, month: None, day: None })
                } else {
                    Err(E::custom(format!("{v} is not a four-digit year")))
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PartialDate, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PartialDate, E> {
                PartialDate::parse(v).ok_or_else(|| E::custom(format!("`{v}` is not a date")))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<PartialDate, A::Error> {
                // A TOML date (`date = 2026-11-23`) arrives as toml's private datetime map, in 0.9 and 1.x alike.
                let dt = toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                match (dt.date, dt.time) {
                    (Some(d), None) => Ok(PartialDate { year: i32::from(d.year), month: Some(d.month), day: Some(d.day) }),
                    _ => Err(de::Error::custom("expected a date without a time of day")),
                }
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}
