//! Classification: which band a complete assessment gets, and why.
//!
//! A band's conditions are its threshold on the total (its `min`, or the threshold of the practice's facet value),
//! its floors on sub-scores, its gates on answers and its evidence requirements. Without `cumulative`, the class is
//! the highest band whose own conditions hold; with it (levels that build on each other), the highest band such that
//! it and every band below it hold. The first band has no conditions (validation), so every complete assessment of
//! these criteria has a class. [`ClassReason`] records which rule decided.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::criteria::{Band, Criteria, ThresholdRule};
use crate::model::number::Fraction;
use crate::model::Evidence;

use super::{AnswerState, CriterionScore, QuestionScore};

/// What classification may look at besides the answers: the practice's tags (facet thresholds) and its evidence
/// table (evidence requirements). [`Context::default`] has neither: facet thresholds do not apply and evidence
/// requirements are not met.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'c> {
    /// `[tags]` of `practice.*`.
    pub tags: Option<&'c BTreeMap<String, Vec<String>>>,
    /// `evidence.*`.
    pub evidence: Option<&'c Evidence>,
}

impl<'c> Context<'c> {
    /// The context of a loaded practice.
    pub fn of(entry: &'c crate::model::PracticeEntry) -> Context<'c> {
        Context {
            tags: entry.practice.as_ref().map(|p| &p.value.tags),
            evidence: entry.evidence.as_ref().map(|e| &e.value),
        }
    }
}

/// Why a practice got its class (or none): `class_reason` in `score --format json`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassReason {
    /// The band key given, `null` when there is no class.
    pub class: Option<String>,
    /// What decided: `total` (the total alone), `floor`, `gate`, `evidence` (a rule kept the practice out of the
    /// next band although its total reached that band's threshold), or why there is no class: `incomplete`,
    /// `no-total`, `other-criteria` (made against criteria these do not replace).
    pub decided_by: &'static str,
    /// The threshold on the total of the band given, when it is not the band's own `min` (a facet value's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Threshold>,
    /// The next band up and the conditions of it that were not met; `null` for the highest band and for no class.
    pub next: Option<Denied>,
}

/// A band's threshold on the total as it applies to one practice.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Threshold {
    /// The band key.
    pub band: String,
    /// The lowest total (fraction 0–1).
    pub min: f64,
    /// The facet whose value set it, when one did.
    pub facet: Option<String>,
    /// That value.
    pub value: Option<String>,
}

/// A band that was not given, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Denied {
    /// The band key.
    pub band: String,
    /// Its threshold on the total for this practice.
    pub threshold: Threshold,
    /// Each condition of the band that failed, in the order total, floors, gates, evidence.
    pub failed: Vec<Failure>,
}

/// One condition of a band that was not met.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "rule", rename_all = "kebab-case")]
pub enum Failure {
    /// The total is below the band's threshold.
    Total {
        /// The total (fraction 0–1).
        total: f64,
        /// The threshold that applied.
        threshold: Threshold,
    },
    /// A sub-score is not what a floor asks (or the criterion has no sub-score).
    Floor {
        /// Criterion id.
        criterion: String,
        /// Its sub-score, `null` when nothing applies.
        score: Option<f64>,
        /// The floor's `min` (at least), when it has one.
        #[serde(skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        /// The floor's `above` (more than), when it has one.
        #[serde(skip_serializing_if = "Option::is_none")]
        above: Option<f64>,
    },
    /// A question does not have an answer the band requires.
    Gate {
        /// Question id.
        question: String,
        /// The answer given (option key or «ikke relevant» key), `null` when none is valid.
        answer: Option<String>,
        /// The answers that pass.
        answers: Vec<String>,
    },
    /// The evidence table has too few rows of the kinds the band requires.
    Evidence {
        /// The kinds that count.
        kinds: Vec<String>,
        /// How many rows are needed.
        min: usize,
        /// How many there are.
        found: usize,
    },
}

impl Failure {
    fn rule(&self) -> &'static str {
        match self {
            Failure::Total { .. } => "total",
            Failure::Floor { .. } => "floor",
            Failure::Gate { .. } => "gate",
            Failure::Evidence { .. } => "evidence",
        }
    }
}

/// What classification needs of a score.
pub(super) struct Input<'a, 'c> {
    pub criteria: &'c Criteria,
    pub scores: &'a [CriterionScore<'c>],
    pub questions: &'a [QuestionScore<'c>],
    pub total: Option<Fraction>,
    pub complete: bool,
    pub accepted: bool,
    pub context: Context<'a>,
}

/// The band and the reason.
pub(super) fn classify<'c>(input: &Input<'_, 'c>) -> (Option<&'c Band>, ClassReason) {
    let none = |decided_by| ClassReason {
        class: None,
        decided_by,
        threshold: None,
        next: None,
    };
    if !input.accepted {
        return (None, none("other-criteria"));
    }
    if !input.complete {
        return (None, none("incomplete"));
    }
    let Some(total) = input.total else {
        return (None, none("no-total"));
    };
    let bands = &input.criteria.classification.bands;
    let failures: Vec<Vec<Failure>> = bands
        .iter()
        .enumerate()
        .map(|(index, band)| conditions(input, index, band, total))
        .collect();
    let given = if input.criteria.classification.cumulative {
        failures.iter().take_while(|f| f.is_empty()).count().checked_sub(1)
    } else {
        failures.iter().rposition(Vec::is_empty)
    };
    let Some(index) = given else {
        // Only when the first band has conditions, which validation refuses.
        return (None, none("total"));
    };
    let band = &bands[index];
    let next = bands.get(index + 1).and_then(|next| {
        Some(Denied {
            band: next.key.clone(),
            threshold: threshold(input, index + 1)?,
            failed: failures[index + 1].clone(),
        })
    });
    let decided_by = match next.as_ref().and_then(|n| n.failed.first()) {
        Some(first)
            if next
                .as_ref()
                .is_some_and(|n| n.failed.iter().all(|f| f.rule() != "total")) =>
        {
            first.rule()
        }
        _ => "total",
    };
    let threshold = threshold(input, index).filter(|t| t.facet.is_some());
    (
        Some(band),
        ClassReason {
            class: Some(band.key.clone()),
            decided_by,
            threshold,
            next,
        },
    )
}

/// The conditions of `band` that `input` does not meet.
fn conditions(input: &Input, index: usize, band: &Band, total: Fraction) -> Vec<Failure> {
    let mut failed = Vec::new();
    if let Some(threshold) = threshold(input, index) {
        if !total.reaches(threshold.min) {
            failed.push(Failure::Total {
                total: total.to_f64(),
                threshold,
            });
        }
    }
    for floor in &band.floors {
        let score = input.scores.iter().find(|c| c.id == floor.criterion);
        let fraction = score.and_then(|c| c.fraction);
        let met = fraction.is_some_and(|f| {
            floor.min.is_none_or(|min| f.reaches(min))
                && floor
                    .above
                    .is_none_or(|above| f.cmp_threshold(above) == std::cmp::Ordering::Greater)
        });
        if !met {
            failed.push(Failure::Floor {
                criterion: floor.criterion.clone(),
                score: fraction.map(Fraction::to_f64),
                min: floor.min,
                above: floor.above,
            });
        }
    }
    let na_key = input.criteria.not_applicable_key();
    for gate in &band.gates {
        let answer = input
            .questions
            .iter()
            .find(|q| q.id == gate.question)
            .and_then(|q| match &q.answer {
                AnswerState::Option(key) => Some(key.clone()),
                AnswerState::NotApplicable => na_key.map(str::to_string),
                _ => None,
            });
        if !answer.as_ref().is_some_and(|a| gate.answers.contains(a)) {
            failed.push(Failure::Gate {
                question: gate.question.clone(),
                answer,
                answers: gate.answers.clone(),
            });
        }
    }
    for requirement in &band.evidence {
        let found = input.context.evidence.map_or(0, |e| {
            e.rows
                .iter()
                .filter(|r| requirement.kinds.iter().any(|k| k == &r.kind))
                .count()
        });
        if found < requirement.min {
            failed.push(Failure::Evidence {
                kinds: requirement.kinds.clone(),
                min: requirement.min,
                found,
            });
        }
    }
    failed
}

/// The threshold on the total of the band at `index` for this practice: the band's `min`, or the threshold of a
/// facet value the practice is tagged with (several: by the criteria's `threshold_rule`; ties go to the first
/// listed).
fn threshold(input: &Input, index: usize) -> Option<Threshold> {
    let classification = &input.criteria.classification;
    let band = classification.bands.get(index)?;
    let own = Threshold {
        band: band.key.clone(),
        min: band.min,
        facet: None,
        value: None,
    };
    let Some(tags) = input.context.tags else {
        return Some(own);
    };
    let mut chosen: Option<&crate::model::criteria::FacetThreshold> = None;
    for t in classification.thresholds.iter().filter(|t| t.band == band.key) {
        let tagged = tags
            .get(&t.facet)
            .is_some_and(|values| values.iter().any(|v| v.trim() == t.value.trim()));
        if !tagged {
            continue;
        }
        let better = match (chosen, classification.threshold_rule) {
            (None, _) => true,
            (Some(c), ThresholdRule::Strictest) => t.min > c.min,
            (Some(c), ThresholdRule::Lenient) => t.min < c.min,
        };
        if better {
            chosen = Some(t);
        }
    }
    Some(match chosen {
        Some(t) => Threshold {
            band: band.key.clone(),
            min: t.min,
            facet: Some(t.facet.clone()),
            value: Some(t.value.clone()),
        },
        None => own,
    })
}
