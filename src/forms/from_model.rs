//! The forms' plain inputs made from the library's model: the questions of a criteria file (with «ikke relevant»
//! where it is allowed), a practice's evidence rows and an assessment's answers. The rest of `forms` knows nothing
//! of the model; this is the one place that translates.

use std::collections::BTreeMap;

use crate::model::{Assessment, Criteria, Evidence};

use super::{FormAnswer, FormEvidence, FormOption, FormQuestion};

/// Every question of `criteria` in document order, sub-questions after their parent.
pub fn questions(criteria: &Criteria) -> Vec<FormQuestion> {
    criteria
        .questions()
        .map(|q| {
            let mut options: Vec<FormOption> = q
                .scale
                .options
                .iter()
                .map(|o| FormOption {
                    key: o.key.clone(),
                    label: o.label.clone(),
                })
                .collect();
            if q.allows_not_applicable {
                if let Some(na) = &criteria.not_applicable {
                    options.push(FormOption {
                        key: na.key.clone(),
                        label: na.label.clone(),
                    });
                }
            }
            FormQuestion {
                id: q.question.id.clone(),
                criterion: criteria.criteria[q.criterion].label.clone(),
                text: q.question.text.clone(),
                hint: q.question.hint.clone(),
                scale_label: q.scale.label.clone().unwrap_or_else(|| q.scale_key.to_string()),
                options,
                depth: usize::from(q.parent.is_some()),
            }
        })
        .collect()
}

/// The rows of an evidence table, the kind shown by its label when the criteria name it.
pub fn evidence(criteria: &Criteria, evidence: Option<&Evidence>) -> Vec<FormEvidence> {
    let Some(evidence) = evidence else {
        return Vec::new();
    };
    evidence
        .rows
        .iter()
        .map(|row| FormEvidence {
            id: row.id.clone(),
            kind: criteria
                .evidence_kinds
                .iter()
                .find(|k| k.key == row.kind)
                .map_or_else(|| row.kind.clone(), |k| k.label.clone()),
            question: row.question.clone(),
            finding: row.finding.clone(),
            source: row.source.clone(),
        })
        .collect()
}

/// An assessment's answers as the forms take them.
pub fn answers(assessment: Option<&Assessment>) -> BTreeMap<String, FormAnswer> {
    let Some(assessment) = assessment else {
        return BTreeMap::new();
    };
    assessment
        .answers
        .iter()
        .map(|(id, a)| {
            (
                id.clone(),
                FormAnswer {
                    value: a.answer.clone(),
                    note: a.note.clone(),
                    evidence: a.evidence.clone(),
                },
            )
        })
        .collect()
}
