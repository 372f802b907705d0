//! Scoring an assessment against the criteria (imdi-2018, phase 3).
//!
//! A question's points are its option's points × its weight; a `reverse` question mirrors its scale, so its best
//! option is the one with the fewest points. «Ikke relevant» removes a question from numerator and denominator.
//! A criterion's score is points / applicable maximum; the total is the weight-averaged mean of defined criterion
//! scores, or pooled points when the criteria file says so. Any unanswered question makes the assessment
//! incomplete: scores are still computed from what was answered, but no class is given.

mod library;

pub use library::{score_library, score_library_summaries, ScoredPractice};

use serde::Serialize;

use crate::model::criteria::{AggregationMethod, Band, Criteria, QuestionRef};
use crate::model::{Answer, Assessment};

/// How one question was answered.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "state", content = "key", rename_all = "kebab-case")]
pub enum AnswerState {
    /// No answer.
    Missing,
    /// «Ikke relevant».
    NotApplicable,
    /// An option of the question's scale.
    Option(String),
    /// A key that is not an option of the scale (or «ikke relevant» where not allowed). Validation reports it;
    /// scoring treats the question as unanswered.
    Invalid(String),
}

/// The result for one question.
#[derive(Clone, Debug, Serialize)]
pub struct QuestionScore<'c> {
    /// Question id.
    pub id: &'c str,
    /// Criterion id.
    pub criterion: &'c str,
    /// The answer state.
    pub answer: AnswerState,
    /// Label of the chosen option (or of «ikke relevant»).
    pub answer_label: Option<&'c str>,
    /// Points earned (after weight and reversal), when applicable.
    pub points: Option<f64>,
    /// Maximum points (after weight), when applicable.
    pub max_points: Option<f64>,
    /// Whether the answer is the best option; `false` for missing, N/A and invalid answers.
    pub is_best: bool,
    /// The id under which the answer was found, when it was an old id this question `replaces`.
    pub answered_as: Option<&'c str>,
    /// The answer's note.
    pub note: Option<&'c str>,
    /// The answer's cited evidence ids.
    pub evidence: &'c [String],
    /// The question with its scale.
    #[serde(skip)]
    pub question: QuestionRef<'c>,
}

/// A criterion's sub-score.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CriterionScore<'c> {
    /// Criterion id.
    pub id: &'c str,
    /// Criterion label.
    pub label: &'c str,
    /// Criterion weight.
    pub weight: f64,
    /// Points earned.
    pub points: f64,
    /// Maximum points over the applicable answered questions.
    pub max_points: f64,
    /// Number of applicable answered questions.
    pub applicable: usize,
    /// Number of questions answered «ikke relevant».
    pub not_applicable: usize,
    /// Number of questions not (validly) answered.
    pub missing: usize,
    /// points / max_points; `None` when nothing applies.
    pub score: Option<f64>,
}

/// The score of one assessment.
#[derive(Clone, Debug, Serialize)]
pub struct Score<'c> {
    /// Per criterion, in the file's order.
    pub criteria: Vec<CriterionScore<'c>>,
    /// Per question, in the file's order.
    pub questions: Vec<QuestionScore<'c>>,
    /// The total, when at least one criterion has a score.
    pub total: Option<f64>,
    /// Every question has a valid answer.
    pub complete: bool,
    /// The class — only for complete assessments.
    pub band: Option<&'c Band>,
    /// The total lies in the criteria's judgement zone.
    pub in_judgement_zone: bool,
}

impl<'c> Score<'c> {
    /// Ids of questions without a valid answer.
    pub fn missing(&self) -> impl Iterator<Item = &QuestionScore<'c>> {
        self.questions
            .iter()
            .filter(|q| matches!(q.answer, AnswerState::Missing | AnswerState::Invalid(_)))
    }

    /// Answers that are not the best option, i.e. where the improvement hints apply.
    pub fn improvable(&self) -> impl Iterator<Item = &QuestionScore<'c>> {
        self.questions
            .iter()
            .filter(|q| matches!(q.answer, AnswerState::Option(_)) && !q.is_best)
    }
}

/// Find the answer for a question: under its own id, or under the id it `replaces`.
pub fn find_answer<'a>(
    assessment: &'a Assessment,
    question: &QuestionRef<'a>,
) -> Option<(&'a Answer, Option<&'a str>)> {
    if let Some(answer) = assessment.answers.get(&question.question.id) {
        return Some((answer, None));
    }
    let old = question.question.replaces.as_deref()?;
    assessment.answers.get(old).map(|answer| (answer, Some(old)))
}

/// Score an assessment against the criteria.
pub fn score<'c>(criteria: &'c Criteria, assessment: &'c Assessment) -> Score<'c> {
    let na_key = criteria.not_applicable_key();
    let questions: Vec<QuestionScore<'c>> = criteria
        .questions()
        .map(|question| score_question(criteria, assessment, question, na_key))
        .collect();

    let mut criterion_scores: Vec<CriterionScore<'c>> = criteria
        .criteria
        .iter()
        .map(|c| CriterionScore {
            id: &c.id,
            label: &c.label,
            weight: c.weight,
            points: 0.0,
            max_points: 0.0,
            applicable: 0,
            not_applicable: 0,
            missing: 0,
            score: None,
        })
        .collect();
    for q in &questions {
        let cs = &mut criterion_scores[q.question.criterion];
        match (&q.answer, q.points, q.max_points) {
            (AnswerState::Option(_), Some(points), Some(max)) => {
                cs.points += points;
                cs.max_points += max;
                cs.applicable += 1;
            }
            (AnswerState::NotApplicable, ..) => cs.not_applicable += 1,
            _ => cs.missing += 1,
        }
    }
    for cs in &mut criterion_scores {
        cs.score = (cs.max_points > 0.0).then(|| cs.points / cs.max_points);
    }

    let total = match criteria.aggregation.method {
        AggregationMethod::WeightedMean => {
            let (sum, weights) = criterion_scores
                .iter()
                .filter_map(|c| c.score.map(|s| (s * c.weight, c.weight)))
                .fold((0.0, 0.0), |(s, w), (cs, cw)| (s + cs, w + cw));
            (weights > 0.0).then(|| sum / weights)
        }
        AggregationMethod::Pooled => {
            let points: f64 = criterion_scores.iter().map(|c| c.points * c.weight).sum();
            let max: f64 = criterion_scores.iter().map(|c| c.max_points * c.weight).sum();
            (max > 0.0).then(|| points / max)
        }
    };
    let complete = questions
        .iter()
        .all(|q| matches!(q.answer, AnswerState::Option(_) | AnswerState::NotApplicable));
    let band = total.filter(|_| complete).and_then(|t| criteria.band_for(t));
    let in_judgement_zone = match (total, criteria.classification.judgement_zone) {
        (Some(total), Some(zone)) => zone.contains(total),
        _ => false,
    };
    Score {
        criteria: criterion_scores,
        questions,
        total,
        complete,
        band,
        in_judgement_zone,
    }
}

fn score_question<'c>(
    criteria: &'c Criteria,
    assessment: &'c Assessment,
    question: QuestionRef<'c>,
    na_key: Option<&'c str>,
) -> QuestionScore<'c> {
    let found = find_answer(assessment, &question);
    let weight = question.question.weight;
    let scale = question.scale;
    let (max, min) = (scale.max_points(), scale.min_points());
    let mut result = QuestionScore {
        id: &question.question.id,
        criterion: &criteria.criteria[question.criterion].id,
        answer: AnswerState::Missing,
        answer_label: None,
        points: None,
        max_points: None,
        is_best: false,
        answered_as: found.and_then(|(_, old)| old),
        note: found.and_then(|(a, _)| a.note.as_deref()),
        evidence: found.map_or(&[], |(a, _)| a.evidence.as_slice()),
        question,
    };
    let Some((answer, _)) = found else {
        return result;
    };
    let key = answer.answer.as_str();
    if Some(key) == na_key && result.question.allows_not_applicable {
        result.answer = AnswerState::NotApplicable;
        result.answer_label = criteria.not_applicable.as_ref().map(|na| na.label.as_str());
    } else if let Some(option) = scale.option(key) {
        let raw = if result.question.question.reverse {
            max + min - option.points
        } else {
            option.points
        };
        result.answer = AnswerState::Option(key.to_string());
        result.answer_label = Some(&option.label);
        result.points = Some(raw * weight);
        result.max_points = Some(max * weight);
        result.is_best = raw >= max;
    } else {
        result.answer = AnswerState::Invalid(key.to_string());
    }
    result
}

/// A fraction as a whole percentage, rounded half up (0.685 → 69). A tiny tolerance absorbs binary noise, so
/// 0.685 (stored as 0.68499999…) still rounds up as a person would.
pub fn percent(fraction: f64) -> i64 {
    (fraction * 100.0 + 0.5 + 1e-9).floor() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criteria(text: &str) -> Criteria {
        Criteria::from_toml_str(text).unwrap_or_else(|f| panic!("{f:#?}"))
    }

    fn assessment(answers: &[(&str, &str)]) -> Assessment {
        Assessment::with_answers(answers.iter().copied())
    }

    const SMALL: &str = r#"
        id = "t"
        version = "1"
        title = "t"
        [not_applicable]
        key = "na"
        label = "N/A"
        [scales.yn]
        not_applicable = true
        options = [{ key = "ja", label = "Ja", points = 1 }, { key = "nei", label = "Nei", points = 0 }]
        [scales.desc]
        not_applicable = true
        options = [{ key = "ja", label = "Godt", points = 1 }, { key = "noe", label = "Noe", points = 0.5 }, { key = "nei", label = "Ikke", points = 0 }]
        [scales.strict]
        options = [{ key = "ja", label = "Ja", points = 1 }, { key = "nei", label = "Nei", points = 0 }]
        [classification]
        bands = [{ key = "lovende", label = "L", min = 0.0 }, { key = "god", label = "G", min = 0.5 }]
        [[criteria]]
        id = "a"
        label = "A"
        scale = "desc"
        [[criteria.questions]]
        id = "1"
        text = "q1"
        [[criteria.questions.sub]]
        id = "1a"
        text = "q1a"
        [[criteria.questions]]
        id = "2"
        text = "q2"
        [[criteria]]
        id = "b"
        label = "B"
        weight = 3
        scale = "yn"
        [[criteria.questions]]
        id = "3"
        text = "q3"
        [[criteria.questions]]
        id = "4"
        text = "q4"
        reverse = true
        [[criteria.questions]]
        id = "5"
        text = "q5"
        scale = "strict"
        weight = 2
    "#;

    #[test]
    fn sub_questions_count_as_questions_and_noe_is_half() {
        let c = criteria(SMALL);
        let a = assessment(&[
            ("1", "ja"),
            ("1a", "noe"),
            ("2", "nei"),
            ("3", "ja"),
            ("4", "nei"),
            ("5", "ja"),
        ]);
        let s = score(&c, &a);
        assert_eq!(s.criteria[0].points, 1.5);
        assert_eq!(s.criteria[0].max_points, 3.0);
        assert_eq!(s.criteria[0].score, Some(0.5));
        assert!(s.complete);
    }

    #[test]
    fn reverse_question_mirrors_the_scale() {
        let c = criteria(SMALL);
        let a_yes = assessment(&[("3", "ja"), ("4", "ja"), ("5", "ja")]);
        let yes = score(&c, &a_yes);
        let a_no = assessment(&[("3", "ja"), ("4", "nei"), ("5", "ja")]);
        let no = score(&c, &a_no);
        // «ja» on a reversed question earns nothing; «nei» earns the point and is the best option.
        assert_eq!(yes.criteria[1].points, 1.0 + 0.0 + 2.0);
        assert_eq!(no.criteria[1].points, 1.0 + 1.0 + 2.0);
        let q4 = |s: &Score| s.questions.iter().find(|q| q.id == "4").unwrap().is_best;
        assert!(!q4(&yes));
        assert!(q4(&no));
    }

    #[test]
    fn question_weights_scale_points_and_maximum() {
        let c = criteria(SMALL);
        let a_s = assessment(&[("3", "nei"), ("4", "nei"), ("5", "ja")]);
        let s = score(&c, &a_s);
        assert_eq!(s.criteria[1].points, 3.0);
        assert_eq!(s.criteria[1].max_points, 4.0);
        assert_eq!(s.criteria[1].score, Some(0.75));
    }

    #[test]
    fn not_applicable_leaves_numerator_and_denominator() {
        let c = criteria(SMALL);
        let a_s = assessment(&[("1", "ja"), ("1a", "na"), ("2", "na")]);
        let s = score(&c, &a_s);
        assert_eq!(s.criteria[0].score, Some(1.0));
        assert_eq!(s.criteria[0].applicable, 1);
        assert_eq!(s.criteria[0].not_applicable, 2);
    }

    #[test]
    fn all_not_applicable_criterion_is_left_out_of_the_total() {
        let c = criteria(SMALL);
        let a_s = assessment(&[
            ("1", "na"),
            ("1a", "na"),
            ("2", "na"),
            ("3", "ja"),
            ("4", "nei"),
            ("5", "nei"),
        ]);
        let s = score(&c, &a_s);
        assert_eq!(s.criteria[0].score, None);
        assert_eq!(s.criteria[1].score, Some(0.5));
        assert_eq!(s.total, Some(0.5));
        assert!(s.complete);
        assert_eq!(s.band.map(|b| b.key.as_str()), Some("god"));
    }

    #[test]
    fn not_applicable_is_invalid_where_the_scale_forbids_it() {
        let c = criteria(SMALL);
        let a_s = assessment(&[("5", "na")]);
        let s = score(&c, &a_s);
        let q5 = s.questions.iter().find(|q| q.id == "5").unwrap();
        assert_eq!(q5.answer, AnswerState::Invalid("na".into()));
    }

    #[test]
    fn criterion_weights_average_the_total() {
        let c = criteria(SMALL);
        // a = 1.0 (weight 1), b = 0.25 (weight 3): (1.0 + 0.75) / 4 = 0.4375.
        let a_s = assessment(&[
            ("1", "ja"),
            ("1a", "ja"),
            ("2", "ja"),
            ("3", "nei"),
            ("4", "ja"),
            ("5", "na"),
        ]);
        let s = score(&c, &a_s);
        assert_eq!(s.criteria[1].score, Some(0.0));
        let a_s = assessment(&[
            ("1", "ja"),
            ("1a", "ja"),
            ("2", "ja"),
            ("3", "ja"),
            ("4", "ja"),
            ("5", "nei"),
        ]);
        let s = score(&c, &a_s);
        assert_eq!(s.criteria[1].score, Some(0.25));
        assert_eq!(s.total, Some((1.0 + 3.0 * 0.25) / 4.0));
        assert_eq!(s.band.map(|b| b.key.as_str()), Some("lovende"));
    }

    #[test]
    fn pooled_aggregation_sums_points_across_criteria() {
        let c = criteria(&SMALL.replace(
            "[classification]",
            "[aggregation]\nmethod = \"pooled\"\n[classification]",
        ));
        let a_s = assessment(&[
            ("1", "ja"),
            ("1a", "ja"),
            ("2", "ja"),
            ("3", "ja"),
            ("4", "ja"),
            ("5", "nei"),
        ]);
        let s = score(&c, &a_s);
        // a: 3 of 3 (weight 1); b: 1 of 4 (weight 3) → (3 + 3) / (3 + 12).
        assert_eq!(s.total, Some(6.0 / 15.0));
    }

    #[test]
    fn incomplete_assessment_has_scores_but_no_class() {
        let c = criteria(SMALL);
        let a_s = assessment(&[("1", "ja"), ("3", "ja")]);
        let s = score(&c, &a_s);
        assert!(!s.complete);
        assert_eq!(s.total, Some(1.0));
        assert!(s.band.is_none());
        let missing: Vec<_> = s.missing().map(|q| q.id).collect();
        assert_eq!(missing, ["1a", "2", "4", "5"]);
    }

    #[test]
    fn unknown_option_counts_as_missing() {
        let c = criteria(SMALL);
        let a_s = assessment(&[("1", "kanskje")]);
        let s = score(&c, &a_s);
        assert_eq!(s.criteria[0].missing, 3);
        assert!(!s.complete);
    }

    #[test]
    fn rounding_is_half_up() {
        assert_eq!(percent(0.685), 69);
        assert_eq!(percent(0.684_999), 68);
        assert_eq!(percent(2.0 / 3.0), 67);
        assert_eq!(percent(0.125), 13);
        assert_eq!(percent(0.0), 0);
        assert_eq!(percent(1.0), 100);
    }
}
