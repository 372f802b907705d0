//! Fingerprints: what a stored grade was computed from, so that `--check` can tell when it is stale.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use crate::model::criteria::Criteria;
use crate::model::Assessment;

/// SHA-256 of `bytes` as `sha256:<64 hex digits>`.
///
/// SHA-256 (FIPS 180-4, through the `sha2` crate) is chosen over a home-made or non-cryptographic hash because the
/// value is stored in files under version control for years: it must be stable across tool versions and platforms,
/// reproducible with standard tools, and collisions must not be a practical concern.
pub fn sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut text = String::with_capacity(7 + 64);
    text.push_str("sha256:");
    for byte in digest {
        let _ = write!(text, "{byte:02x}");
    }
    text
}

/// The fingerprint of an evidence table: [`sha256`] of the compact JSON of its rows (every field, in order), or of
/// `[]` when there is none. Recorded in an assessment as `evidence_fingerprint`; compared by `practice due`.
pub fn evidence_fingerprint(evidence: Option<&crate::model::Evidence>) -> String {
    evidence_rows_fingerprint(evidence.map(|e| e.rows.as_slice()).unwrap_or_default())
}

/// [`evidence_fingerprint`] of these rows.
pub fn evidence_rows_fingerprint(rows: &[crate::model::EvidenceRow]) -> String {
    sha256(&serde_json::to_vec(rows).unwrap_or_default())
}

/// The fingerprint of everything in a criteria file that can change a stored grade: id, version, scales (option keys
/// and points, «ikke relevant» rules), the «ikke relevant» key, questions (ids, order, scales, weights, `reverse`,
/// `replaces`, sub-questions), criterion ids and weights, the aggregation rule, band keys and thresholds, the rules of
/// classification (floors, gates, evidence requirements, facet thresholds, `cumulative`) and the judgement zone.
/// Prose (titles, labels, question texts, hints, descriptions, shortfall notes, the template `fields` a question
/// concerns, the `evidence_kinds` that support it) and the parts of the file that only
/// validation and rendering use (template, facets, evidence kinds, stages, nomination rules, `[labels]`) are left
/// out, so rewording a question or fixing a typo does not make every stored grade stale.
///
/// Computed as [`sha256`] of the compact JSON serialisation of the criteria with those parts blanked: field order is
/// the struct order and maps are sorted, so the value is deterministic.
pub fn criteria_fingerprint(criteria: &Criteria) -> String {
    let mut model = criteria.clone();
    model.title.clear();
    model.source = None;
    model.language = None;
    model.labels.clear();
    model.nomination = Default::default();
    model.template.clear();
    model.evidence_kinds.clear();
    model.facets.clear();
    model.stages.clear();
    model.review = None;
    if let Some(na) = &mut model.not_applicable {
        na.label.clear();
        na.unknown_markers.clear();
    }
    for scale in model.scales.values_mut() {
        scale.label = None;
        scale.ordered = true;
        for option in &mut scale.options {
            option.label.clear();
        }
    }
    for band in &mut model.classification.bands {
        band.label.clear();
        band.description = None;
    }
    for criterion in &mut model.criteria {
        criterion.label.clear();
        criterion.description = None;
        criterion.shortfall = None;
        for question in &mut criterion.questions {
            question.text.clear();
            question.hint = None;
            question.fields.clear();
            question.evidence_kinds.clear();
            for sub in &mut question.sub {
                sub.text.clear();
                sub.hint = None;
                sub.fields.clear();
                sub.evidence_kinds.clear();
            }
        }
    }
    // Serialising plain data into a Vec cannot fail; an empty fingerprint would only make grades look stale.
    sha256(&serde_json::to_vec(&model).unwrap_or_default())
}

/// The fingerprint of what in an assessment can change its grade: the answer keys by question id. Notes, cited
/// evidence, justifications, assessors and dates are left out, so editing a justification does not make the stored
/// grade stale. Computed as [`sha256`] of the compact JSON object `{"<question id>": "<answer key>", …}` with the
/// ids in byte order.
pub fn assessment_fingerprint(assessment: &Assessment) -> String {
    let answers: BTreeMap<&str, &str> = assessment
        .answers
        .iter()
        .map(|(id, answer)| (id.as_str(), answer.answer.as_str()))
        .collect();
    sha256(&serde_json::to_vec(&answers).unwrap_or_default())
}
