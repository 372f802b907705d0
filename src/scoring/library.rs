//! Scores of a whole library, in parallel, sorted for reports.

use rayon::prelude::*;

use crate::model::{Criteria, Library, PracticeEntry};

use super::{score_entry, AnswerState, Score};

/// One practice with its score (when it has a parsable assessment).
#[derive(Debug)]
pub struct ScoredPractice<'a> {
    /// The practice.
    pub entry: &'a PracticeEntry,
    /// Its score, when it has an assessment.
    pub score: Option<Score<'a>>,
}

impl ScoredPractice<'_> {
    /// The total, when defined.
    pub fn total(&self) -> Option<f64> {
        self.score.as_ref().and_then(|s| s.total)
    }
}

/// Score every practice (in parallel) and sort: highest total first, unscored last, ties by slug.
pub fn score_library<'a>(library: &'a Library, criteria: &'a Criteria) -> Vec<ScoredPractice<'a>> {
    score_sorted(library, criteria, true)
}

/// [`score_library`] without most of the per-question detail: each score's `questions` keeps only the questions
/// without a valid answer, so [`Score::missing`] and everything else but the per-question lists (`questions`,
/// [`Score::improvable`]) are as [`score_library`] computes them. For reports that show nothing per question
/// (tables of many practices, lists, the index): the question scores are most of a score's memory, about 8 KB per
/// assessed practice with the bundled criteria.
pub fn score_library_summaries<'a>(library: &'a Library, criteria: &'a Criteria) -> Vec<ScoredPractice<'a>> {
    score_sorted(library, criteria, false)
}

fn score_sorted<'a>(library: &'a Library, criteria: &'a Criteria, questions: bool) -> Vec<ScoredPractice<'a>> {
    let mut scored: Vec<ScoredPractice<'a>> = library
        .practices
        .par_iter()
        .map(|entry| ScoredPractice {
            entry,
            score: entry.assessment.as_ref().map(|a| {
                let mut score = score_entry(criteria, entry, &a.value);
                if !questions {
                    score
                        .questions
                        .retain(|q| matches!(q.answer, AnswerState::Missing | AnswerState::Invalid(_)));
                    score.questions.shrink_to_fit();
                }
                score
            }),
        })
        .collect();
    scored.sort_by(|a, b| {
        let key = |p: &ScoredPractice| p.total().map(|t| -t);
        match (key(a), key(b)) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| a.entry.slug.cmp(&b.entry.slug))
    });
    scored
}
