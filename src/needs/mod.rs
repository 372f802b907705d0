//! `practice needs`: what the library as a whole is asking for — the open knowledge needs (of the practices and of
//! their follow-ups) and the questions most often answered with an option that earns nothing («nei»), per value of
//! a facet (fagområde by default): a list that can become a research order (phase 5 back to phase 2).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::criteria::Criteria;
use crate::model::lifecycle::NeedStatus;
use crate::model::Library;
use crate::scoring::{score, AnswerState};

/// How many questions are listed per group.
pub const TOP_QUESTIONS: usize = 5;

/// One open knowledge need.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Need {
    /// The practice it belongs to.
    pub slug: String,
    /// What is needed.
    pub need: String,
    /// When it was noted, if known.
    pub date: Option<String>,
}

/// A question often answered with an option that earns nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FrequentNo {
    /// Question id.
    pub question: String,
    /// Its text.
    pub text: String,
    /// How many practices of the group answered so.
    pub count: usize,
    /// Of how many assessed practices in the group.
    pub assessed: usize,
}

/// One facet value's needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Group {
    /// The facet value (or `(none)` for practices without one).
    pub value: String,
    /// Practices with this value.
    pub practices: usize,
    /// Open knowledge needs, by practice.
    pub knowledge_needs: Vec<Need>,
    /// The questions most often answered with an option that earns nothing, most frequent first.
    pub frequent_no: Vec<FrequentNo>,
}

/// The groups of `library` by the values of facet `facet`, sorted by value; a practice with several values counts in
/// each.
pub fn needs(library: &Library, criteria: &Criteria, facet: &str) -> Vec<Group> {
    #[derive(Default)]
    struct Acc {
        practices: usize,
        needs: Vec<Need>,
        no: BTreeMap<String, usize>,
        assessed: usize,
    }
    let mut groups: BTreeMap<String, Acc> = BTreeMap::new();
    for entry in &library.practices {
        let practice = entry.practice.as_ref().map(|p| &p.value);
        let mut values: Vec<String> = practice
            .and_then(|p| p.tags.get(facet))
            .map(|v| {
                v.iter()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        values.sort();
        values.dedup();
        if values.is_empty() {
            values.push("(none)".to_string());
        }
        let mut open: Vec<Need> = Vec::new();
        if let Some(p) = practice {
            for need in p.knowledge_needs.iter().filter(|n| n.status == NeedStatus::Open) {
                if !need.need.trim().is_empty() {
                    open.push(Need {
                        slug: entry.slug.clone(),
                        need: need.need.trim().to_string(),
                        date: need.date.map(|d| d.to_string()),
                    });
                }
            }
            for f in p.lifecycle.iter().flat_map(|l| l.followed_up.iter()) {
                for need in f.knowledge_needs.iter().filter(|n| !n.trim().is_empty()) {
                    open.push(Need {
                        slug: entry.slug.clone(),
                        need: need.trim().to_string(),
                        date: Some(f.date.to_string()),
                    });
                }
            }
        }
        let zero: Vec<String> = entry
            .assessment
            .as_ref()
            .map(|a| {
                score(criteria, &a.value)
                    .questions
                    .iter()
                    .filter(|q| matches!(q.answer, AnswerState::Option(_)) && !q.is_best && q.points == Some(0.0))
                    .map(|q| q.id.to_string())
                    .collect()
            })
            .unwrap_or_default();
        for value in values {
            let acc = groups.entry(value).or_default();
            acc.practices += 1;
            acc.needs.extend(open.iter().cloned());
            if entry.assessment.is_some() {
                acc.assessed += 1;
            }
            for id in &zero {
                *acc.no.entry(id.clone()).or_default() += 1;
            }
        }
    }
    let text = |id: &str| {
        criteria
            .questions()
            .find(|q| q.question.id == id)
            .map(|q| q.question.text.clone())
            .unwrap_or_default()
    };
    groups
        .into_iter()
        .map(|(value, acc)| {
            let mut no: Vec<(String, usize)> = acc.no.into_iter().collect();
            no.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            no.truncate(TOP_QUESTIONS);
            Group {
                value,
                practices: acc.practices,
                knowledge_needs: acc.needs,
                frequent_no: no
                    .into_iter()
                    .map(|(question, count)| FrequentNo {
                        text: text(&question),
                        question,
                        count,
                        assessed: acc.assessed,
                    })
                    .collect(),
            }
        })
        .collect()
}
