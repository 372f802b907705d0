//! An assessment of phase 3: what `assessment.*` and `assessments/<assessor>.*` hold.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::PartialDate;

/// The answer key a consensus draft writes where the assessors disagreed or only one answered, until decided.
pub const UNDECIDED: &str = "?";

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
    /// The evidence's fingerprint when the answers were last written by `practice assess` or `form import`
    /// (`sha256:…` of the evidence rows): `practice due` reports the assessment when the evidence differs now.
    #[serde(default)]
    pub evidence_fingerprint: Option<String>,
    /// The assessment is the project's illustration, not a published one.
    #[serde(default)]
    pub illustration: bool,
    /// Overall justification (begrunnelse).
    #[serde(default)]
    pub justification: Option<String>,
    /// Justification per criterion id.
    #[serde(default, deserialize_with = "crate::model::unique_keys")]
    pub justifications: BTreeMap<String, String>,
    /// Question id → answer.
    #[serde(default, deserialize_with = "crate::model::unique_keys")]
    pub answers: BTreeMap<String, Answer>,
    /// Stage key → decision (independent assessors).
    #[serde(default, deserialize_with = "crate::model::unique_keys")]
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
