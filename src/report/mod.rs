//! Scores of a whole library, and the JSON shape scripts rely on.

pub mod agree;
pub mod criteria;
pub mod output;
pub mod regrade;
pub mod score;
pub mod xlsx;

use serde::Serialize;

use crate::model::criteria::Criteria;
use crate::model::Phase;
use crate::scoring::ScoredPractice;

/// `practice score --format json`: `{"criteria": {"id", "version"}, "practices": [...]}`.
#[derive(Debug, Serialize)]
pub struct ScoreReport<'a> {
    /// The criteria scored against.
    pub criteria: CriteriaRef<'a>,
    /// Practices, sorted by total.
    pub practices: Vec<PracticeReport<'a>>,
}

/// `{"id", "version"}` of a criteria file: the one shape every JSON report names its criteria by.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct CriteriaRef<'a> {
    /// The criteria's `id`.
    pub id: &'a str,
    /// The criteria's `version`.
    pub version: &'a str,
}

impl<'a> CriteriaRef<'a> {
    /// The id and version of `criteria`.
    pub fn of(criteria: &'a Criteria) -> CriteriaRef<'a> {
        CriteriaRef {
            id: &criteria.id,
            version: &criteria.version,
        }
    }
}

/// One practice in the JSON report. Fractions are 0–1 and unrounded; `null` where undefined.
#[derive(Debug, Serialize)]
pub struct PracticeReport<'a> {
    /// Folder name.
    pub slug: &'a str,
    /// Name.
    pub name: &'a str,
    /// Phase (nominated, mapped, assessed).
    pub phase: Phase,
    /// Why an assessed practice has no grade ("could not be graded (assessment does not load)"); left out when
    /// there is nothing to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<&'static str>,
    /// Total, 0–1.
    pub total: Option<f64>,
    /// Band key, only for complete assessments.
    pub class: Option<&'a str>,
    /// Every question answered.
    pub complete: bool,
    /// The lowest total still reachable by answering the open questions (the total itself when complete).
    pub total_min: Option<f64>,
    /// The highest total still reachable.
    pub total_max: Option<f64>,
    /// Every completion of the assessment gets the same class (always true of a classified complete one).
    pub class_decided: bool,
    /// The total lies in the judgement zone.
    pub in_judgement_zone: bool,
    /// Which rule decided the class, or why there is none (`null` when not assessed).
    pub class_reason: Option<&'a crate::scoring::ClassReason>,
    /// The total with every «ikke relevant» counted as the worst and the best option (`null` without a total).
    pub na_sensitivity: Option<crate::scoring::NaSensitivity>,
    /// Criteria the assessment was made against, when it says so.
    pub assessed_against: Option<CriteriaRef<'a>>,
    /// Per criterion.
    pub criteria: Vec<CriterionReport<'a>>,
    /// Per question (only when a single practice is reported).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub questions: Option<Vec<QuestionReport<'a>>>,
}

/// One criterion in the JSON report.
#[derive(Debug, Serialize)]
pub struct CriterionReport<'a> {
    /// Id.
    pub id: &'a str,
    /// Label.
    pub label: &'a str,
    /// points / max_points, 0–1.
    pub score: Option<f64>,
    /// Points earned.
    pub points: f64,
    /// Maximum over applicable answered questions.
    pub max_points: f64,
    /// Applicable answered questions.
    pub applicable: usize,
}

/// One question in the JSON report.
#[derive(Debug, Serialize)]
pub struct QuestionReport<'a> {
    /// Id.
    pub id: &'a str,
    /// Criterion id.
    pub criterion: &'a str,
    /// Answer key, `null` when unanswered.
    pub answer: Option<String>,
    /// Points earned.
    pub points: Option<f64>,
    /// Maximum points.
    pub max_points: Option<f64>,
    /// Whether the answer is the best option.
    pub best: bool,
    /// Improvement hint, for answers that are not the best option.
    pub hint: Option<&'a str>,
}

impl<'a> ScoreReport<'a> {
    /// Build the report; per-question detail when `details` is set.
    pub fn new(criteria: &'a Criteria, scored: &'a [ScoredPractice<'a>], details: bool) -> ScoreReport<'a> {
        let practices = scored
            .iter()
            .map(|p| {
                let assessment = p.entry.assessment.as_ref().map(|a| &a.value);
                let bounds = p.score.as_ref().and_then(|s| s.bounds.clone()).or_else(|| {
                    assessment
                        .filter(|_| p.score.is_some())
                        .map(|a| crate::scoring::bounds::bounds(criteria, a))
                });
                PracticeReport {
                    total_min: bounds.as_ref().and_then(|b| b.total_min),
                    total_max: bounds.as_ref().and_then(|b| b.total_max),
                    class_decided: bounds.as_ref().is_some_and(|b| b.decided_class.is_some()),
                    slug: &p.entry.slug,
                    name: p.entry.name(),
                    phase: p.entry.phase(),
                    problem: p.entry.not_graded(),
                    total: p.total(),
                    class: p.score.as_ref().and_then(|s| s.band).map(|b| b.key.as_str()),
                    complete: p.score.as_ref().is_some_and(|s| s.complete),
                    in_judgement_zone: p.score.as_ref().is_some_and(|s| s.in_judgement_zone),
                    class_reason: p.score.as_ref().map(|s| &s.class_reason),
                    na_sensitivity: p.score.as_ref().and_then(|s| s.na_sensitivity),
                    assessed_against: assessment.and_then(|a| match (&a.criteria, &a.criteria_version) {
                        (Some(id), Some(version)) => Some(CriteriaRef { id, version }),
                        _ => None,
                    }),
                    criteria: p
                        .score
                        .iter()
                        .flat_map(|s| s.criteria.iter())
                        .map(|c| CriterionReport {
                            id: c.id,
                            label: c.label,
                            score: c.score,
                            points: c.points,
                            max_points: c.max_points,
                            applicable: c.applicable,
                        })
                        .collect(),
                    questions: (details && p.score.is_some()).then(|| {
                        p.score
                            .iter()
                            .flat_map(|s| s.questions.iter())
                            .map(|q| QuestionReport {
                                id: q.id,
                                criterion: q.criterion,
                                answer: match &q.answer {
                                    crate::scoring::AnswerState::Missing => None,
                                    crate::scoring::AnswerState::NotApplicable => {
                                        criteria.not_applicable_key().map(str::to_string)
                                    }
                                    crate::scoring::AnswerState::Option(k)
                                    | crate::scoring::AnswerState::Invalid(k) => Some(k.clone()),
                                },
                                points: q.points,
                                max_points: q.max_points,
                                best: q.is_best,
                                hint: (!q.is_best && matches!(q.answer, crate::scoring::AnswerState::Option(_)))
                                    .then_some(q.question.question.hint.as_deref())
                                    .flatten(),
                            })
                            .collect()
                    }),
                }
            })
            .collect();
        ScoreReport {
            criteria: CriteriaRef::of(criteria),
            practices,
        }
    }
}

/// The footnote for `*` after a class in tables, when a shown practice's total lies in the judgement zone.
pub fn judgement_zone_note<'a>(
    criteria: &Criteria,
    practices: impl IntoIterator<Item = &'a ScoredPractice<'a>>,
) -> Option<String> {
    let zone = criteria.classification.judgement_zone?;
    let flagged = practices.into_iter().any(|p| {
        p.score
            .as_ref()
            .is_some_and(|s| s.in_judgement_zone && s.band.is_some())
    });
    flagged.then(|| {
        format!(
            "* total within the judgement zone ({}–{} %): the class needs expert judgement\n",
            crate::scoring::percent(zone.from),
            crate::scoring::percent(zone.to)
        )
    })
}

/// Under a score table: for each practice a rule kept out of the next band although its total reached that band,
/// which rule failed (`Øygarden-modellen: not «God praksis»: okonomi 25 % (needs more than 25 %)`). Empty when there
/// is none.
pub fn class_rule_notes<'a>(
    criteria: &Criteria,
    practices: impl IntoIterator<Item = &'a ScoredPractice<'a>>,
) -> String {
    use crate::scoring::Failure;
    let pct = |v: f64| crate::model::number::percent_threshold(v);
    let mut out = String::new();
    for p in practices {
        let Some(score) = &p.score else { continue };
        let reason = &score.class_reason;
        if !matches!(reason.decided_by, "floor" | "gate" | "evidence") {
            continue;
        }
        let Some(next) = &reason.next else { continue };
        let label = criteria
            .classification
            .bands
            .iter()
            .find(|b| b.key == next.band)
            .map_or(next.band.as_str(), |b| b.label.as_str());
        let failed: Vec<String> = next
            .failed
            .iter()
            .map(|f| match f {
                Failure::Total { total, threshold } => format!(
                    "total {} (needs {})",
                    crate::model::number::percent_sheet(crate::scoring::percent(*total)),
                    pct(threshold.min)
                ),
                Failure::Floor {
                    criterion,
                    score,
                    min,
                    above,
                } => {
                    let has = score.map_or("no sub-score".to_string(), |s| {
                        crate::model::number::percent_sheet(crate::scoring::percent(s))
                    });
                    match (above, min) {
                        (Some(a), _) => format!("{criterion} {has} (needs more than {})", pct(*a)),
                        (None, Some(m)) => format!("{criterion} {has} (needs at least {})", pct(*m)),
                        (None, None) => format!("{criterion} {has}"),
                    }
                }
                Failure::Gate {
                    question,
                    answer,
                    answers,
                } => format!(
                    "question {question} «{}» (needs «{}»)",
                    answer.as_deref().unwrap_or("–"),
                    answers.join("» or «")
                ),
                Failure::Evidence { kinds, min, found } => {
                    format!(
                        "{} of kind {} (needs {min})",
                        crate::model::number::count(*found, "evidence row", "evidence rows"),
                        kinds.join(" or ")
                    )
                }
            })
            .collect();
        out.push_str(&output::terminal_text(&format!(
            "{}: not «{label}»: {}",
            p.entry.name(),
            failed.join("; ")
        )));
        out.push('\n');
    }
    out
}
