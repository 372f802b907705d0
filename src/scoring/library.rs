//! Scores of a whole library, in parallel, sorted for reports.

use rayon::prelude::*;

use crate::model::{Assessment, Criteria, Library, PracticeEntry};

use super::{score_entry, AnswerState, CriterionScore, QuestionScore, Score};

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
            score: score_one(criteria, entry, questions),
        })
        .collect();
    sort_scored(&mut scored);
    scored
}

fn score_one<'a>(criteria: &'a Criteria, entry: &'a PracticeEntry, questions: bool) -> Option<Score<'a>> {
    entry.assessment.as_ref().map(|a| {
        let mut score = score_entry(criteria, entry, &a.value);
        if !questions {
            score
                .questions
                .retain(|q| matches!(q.answer, AnswerState::Missing | AnswerState::Invalid(_)));
            score.questions.shrink_to_fit();
        }
        score
    })
}

/// An assessment's score as [`score_library_summaries`] keeps it (only the questions without a valid answer), but
/// without their notes and cited evidence, borrowing from `criteria` alone: it outlives the assessment, so a command can
/// grade each practice while it loads and drop the answers at once. Scored as [`super::score_entry`] scores, with
/// the practice's tags and evidence (`entry`, whose `assessment` is usually `assessment`).
pub fn summary_score<'c>(criteria: &'c Criteria, entry: &PracticeEntry, assessment: &Assessment) -> Score<'c> {
    let full = score_entry(criteria, entry, assessment);
    let criteria_scores = full
        .criteria
        .iter()
        .zip(&criteria.criteria)
        .map(|(s, c)| CriterionScore {
            id: &c.id,
            label: &c.label,
            weight: s.weight,
            points: s.points,
            max_points: s.max_points,
            applicable: s.applicable,
            not_applicable: s.not_applicable,
            missing: s.missing,
            score: s.score,
            fraction: s.fraction,
        })
        .collect();
    // `score` lists the questions in the criteria's order, one per question.
    let questions = full
        .questions
        .iter()
        .zip(criteria.questions())
        .filter(|(q, _)| matches!(q.answer, AnswerState::Missing | AnswerState::Invalid(_)))
        .map(|(q, question)| QuestionScore {
            id: &question.question.id,
            criterion: &criteria.criteria[question.criterion].id,
            answer: q.answer.clone(),
            answer_label: None,
            points: q.points,
            max_points: q.max_points,
            is_best: q.is_best,
            answered_as: q.answered_as.and(question.question.replaces.as_deref()),
            note: None,
            evidence: &[],
            question,
        })
        .collect();
    Score {
        criteria: criteria_scores,
        questions,
        total: full.total,
        fraction: full.fraction,
        complete: full.complete,
        band: full
            .band
            .and_then(|band| criteria.classification.bands.iter().find(|b| std::ptr::eq(*b, band))),
        in_judgement_zone: full.in_judgement_zone,
        class_reason: full.class_reason.clone(),
        na_sensitivity: full.na_sensitivity,
        bounds: Some(super::bounds::bounds(criteria, assessment)),
    }
}

/// The order of [`score_library`]: highest total first, unscored last, ties by slug.
pub fn sort_scored(scored: &mut [ScoredPractice]) {
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
}
