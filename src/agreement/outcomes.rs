//! Agreement on outcomes: beside the agreement per item, do the independent assessors give a practice the same
//! class and about the same total? A recommendation turns on the class, so item kappa alone can hide a
//! disagreement that matters (or exaggerate one that does not).
//!
//! Each independent assessment is scored against the criteria with the practice's tags and evidence
//! ([`crate::scoring::score_entry`]). For every pair of assessors, the practices both classified give a crosstab
//! over the bands (in the criteria's order) and a weighted kappa with the bands as equally spaced points of an
//! ordered scale; the totals give, per practice, the spread (highest − lowest total of its assessors).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::criteria::Criteria;
use crate::model::Library;
use crate::scoring::score_entry;

use super::kappa::{self, Crosstab, Stats, Weighting};

/// One assessor's outcome for one practice.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AssessorOutcome {
    /// The assessor (file stem).
    pub assessor: String,
    /// The total, 0–1 (`null` when nothing applies).
    pub total: Option<f64>,
    /// The band key (`null` when incomplete or unclassified).
    pub class: Option<String>,
    /// Every question answered.
    pub complete: bool,
}

/// The outcomes of one practice's independent assessments.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PracticeOutcome {
    /// Folder name.
    pub slug: String,
    /// Per assessor, by name.
    pub assessors: Vec<AssessorOutcome>,
    /// Highest minus lowest total, when at least two assessors have one.
    pub spread: Option<f64>,
    /// Whether the assessors who classified the practice (at least two) gave different classes.
    pub classes_differ: bool,
}

/// Class agreement of two assessors.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassPair {
    /// The two assessors, in name order.
    pub assessors: [String; 2],
    /// Weighted kappa over the bands (n = practices both classified).
    #[serde(flatten)]
    pub stats: Stats,
    /// Counts: rows the first assessor's band, columns the second's, in the criteria's band order.
    pub crosstab: Crosstab,
}

/// The spread of totals over the practices with at least two totals.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Spread {
    /// Practices with two or more totals.
    pub practices: usize,
    /// Mean of the per-practice spread.
    pub mean: Option<f64>,
    /// Largest per-practice spread.
    pub max: Option<f64>,
    /// Practices whose assessors (at least two of whom classified it) gave different classes.
    pub classes_differ: usize,
}

/// `practice agree --outcomes`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcomes {
    /// The weighting of the class kappa.
    pub weights: Weighting,
    /// Band keys, in order: the categories of the crosstabs.
    pub bands: Vec<String>,
    /// Per pair of assessors.
    pub pairs: Vec<ClassPair>,
    /// The spread of totals.
    pub spread: Spread,
    /// Per practice with independent assessments, by slug.
    pub practices: Vec<PracticeOutcome>,
}

/// The outcome agreement of every practice in `library` with independent assessments.
pub fn outcomes(library: &Library, criteria: &Criteria, weighting: Weighting) -> Outcomes {
    let bands: Vec<String> = criteria.classification.bands.iter().map(|b| b.key.clone()).collect();
    let band_index = |key: &str| bands.iter().position(|b| b == key);
    let mut practices: Vec<PracticeOutcome> = Vec::new();
    for entry in library.practices.iter().filter(|e| !e.assessors.is_empty()) {
        let assessors: Vec<AssessorOutcome> = entry
            .assessors
            .iter()
            .map(|(name, assessment)| {
                let score = score_entry(criteria, entry, &assessment.value);
                AssessorOutcome {
                    assessor: name.clone(),
                    total: score.total,
                    class: score.band.map(|b| b.key.clone()),
                    complete: score.complete,
                }
            })
            .collect();
        let totals: Vec<f64> = assessors.iter().filter_map(|a| a.total).collect();
        let spread = (totals.len() >= 2).then(|| {
            let max = totals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let min = totals.iter().copied().fold(f64::INFINITY, f64::min);
            max - min
        });
        let classes: Vec<&str> = assessors.iter().filter_map(|a| a.class.as_deref()).collect();
        let classes_differ = classes.len() >= 2 && classes.iter().any(|c| *c != classes[0]);
        practices.push(PracticeOutcome {
            slug: entry.slug.clone(),
            assessors,
            spread,
            classes_differ,
        });
    }
    practices.sort_by(|a, b| a.slug.cmp(&b.slug));

    // Pairs: every two assessors who both classified at least one practice.
    let mut tables: BTreeMap<(String, String), Crosstab> = BTreeMap::new();
    let k = bands.len();
    for practice in &practices {
        let classified: Vec<(&str, usize)> = practice
            .assessors
            .iter()
            .filter_map(|a| Some((a.assessor.as_str(), band_index(a.class.as_deref()?)?)))
            .collect();
        for (i, (first, a)) in classified.iter().enumerate() {
            for (second, b) in &classified[i + 1..] {
                let (key, (row, col)) = if first <= second {
                    ((first.to_string(), second.to_string()), (*a, *b))
                } else {
                    ((second.to_string(), first.to_string()), (*b, *a))
                };
                tables.entry(key).or_insert_with(|| vec![vec![0; k]; k])[row][col] += 1;
            }
        }
    }
    let positions: Vec<Option<f64>> = (0..k)
        .map(|i| Some(if k > 1 { i as f64 / (k - 1) as f64 } else { 0.0 }))
        .collect();
    let weights = weighting.matrix(&positions);
    let pairs = tables
        .into_iter()
        .map(|((first, second), crosstab)| ClassPair {
            assessors: [first, second],
            stats: kappa::weighted(&crosstab, &weights),
            crosstab,
        })
        .collect();

    let spreads: Vec<f64> = practices.iter().filter_map(|p| p.spread).collect();
    let spread = Spread {
        practices: spreads.len(),
        mean: (!spreads.is_empty()).then(|| spreads.iter().sum::<f64>() / spreads.len() as f64),
        max: spreads.iter().copied().reduce(f64::max),
        classes_differ: practices.iter().filter(|p| p.classes_differ).count(),
    };
    Outcomes {
        weights: weighting,
        bands,
        pairs,
        spread,
        practices,
    }
}
