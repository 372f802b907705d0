//! Why a practice got its class, in the criteria's own words (`[labels]`): the sentences under the class on a
//! sheet and on the site, built from [`ClassReason`](crate::scoring::ClassReason).

use crate::model::criteria::Criteria;
use crate::model::labels::{fill, Labels};
use crate::model::number::{percent_sheet, percent_threshold};
use crate::scoring::{percent, AnswerState, Failure, Score};

/// The class reason of a classified score: a lead sentence and the failed (or met) conditions as list items.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReasonModel {
    /// The sentences in front (the total against the threshold, the threshold's facet, the conditions met).
    pub lead: Vec<String>,
    /// The conditions of the next band up that failed, one item each.
    pub failed: Vec<String>,
}

impl ReasonModel {
    /// Nothing to say (no class).
    pub fn is_empty(&self) -> bool {
        self.lead.is_empty() && self.failed.is_empty()
    }
}

/// The reason for the class of `score`; empty when it has none.
pub fn class_reason(criteria: &Criteria, labels: &Labels, score: &Score<'_>) -> ReasonModel {
    let mut out = ReasonModel::default();
    let (Some(band), Some(total)) = (score.band, score.total) else {
        return out;
    };
    let reason = &score.class_reason;
    let total_text = percent_sheet(percent(total));
    let band_label = |key: &str| {
        criteria
            .classification
            .bands
            .iter()
            .find(|b| b.key == key)
            .map_or(key.to_string(), |b| b.label.clone())
    };
    let criterion_label = |id: &str| criteria.criterion(id).map_or(id.to_string(), |c| c.label.clone());
    let sub_score = |id: &str| score.criteria.iter().find(|c| c.id == id).and_then(|c| c.score);
    let or = format!(" {} ", labels.class_reason_or);
    let answer_label = |question: &str, key: &str| {
        if criteria.not_applicable_key() == Some(key) {
            return criteria
                .not_applicable
                .as_ref()
                .map_or(key.to_string(), |na| na.label.clone());
        }
        criteria
            .question(question)
            .and_then(|q| q.scale.option(key))
            .map_or(key.to_string(), |o| o.label.clone())
    };
    let kinds_label = |kinds: &[String]| {
        kinds
            .iter()
            .map(|k| {
                let label = criteria
                    .evidence_kinds
                    .iter()
                    .find(|e| &e.key == k)
                    .map_or(k.as_str(), |e| e.label.as_str());
                format!("«{label}»")
            })
            .collect::<Vec<_>>()
            .join(&or)
    };
    let threshold_sentence = |t: &crate::scoring::Threshold| {
        let (Some(facet), Some(value)) = (&t.facet, &t.value) else {
            return None;
        };
        let facet = criteria
            .facet(facet)
            .map_or(facet.as_str(), |f| f.label.as_str())
            .to_lowercase();
        Some(fill(
            &labels.class_reason_threshold,
            &[
                ("band", &band_label(&t.band)),
                ("facet", &facet),
                ("value", value),
                ("min", &percent_threshold(t.min)),
            ],
        ))
    };
    let own_min = reason.threshold.as_ref().map_or(band.min, |t| t.min);
    match &reason.next {
        None => {
            out.lead.push(fill(
                &labels.class_reason_reached,
                &[
                    ("total", &total_text),
                    ("band", &band.label),
                    ("min", &percent_threshold(own_min)),
                ],
            ));
            out.lead.extend(reason.threshold.as_ref().and_then(threshold_sentence));
            let mut met: Vec<String> = Vec::new();
            for floor in &band.floors {
                let score = sub_score(&floor.criterion).map_or("–".to_string(), |s| percent_sheet(percent(s)));
                let criterion = criterion_label(&floor.criterion);
                let (template, limit) = match (floor.above, floor.min) {
                    (Some(above), _) => (&labels.class_reason_floor_met_above, above),
                    (None, Some(min)) => (&labels.class_reason_floor_met_min, min),
                    (None, None) => continue,
                };
                met.push(fill(
                    template,
                    &[
                        ("criterion", &criterion),
                        ("limit", &percent_threshold(limit)),
                        ("score", &score),
                    ],
                ));
            }
            for gate in &band.gates {
                let answer = score
                    .questions
                    .iter()
                    .find(|q| q.id == gate.question)
                    .map(|q| match &q.answer {
                        AnswerState::Option(key) => answer_label(&gate.question, key),
                        AnswerState::NotApplicable => {
                            answer_label(&gate.question, criteria.not_applicable_key().unwrap_or(""))
                        }
                        _ => labels.class_reason_no_answer.clone(),
                    });
                met.push(fill(
                    &labels.class_reason_gate_met,
                    &[
                        ("question", &gate.question),
                        ("answer", &format!("«{}»", answer.unwrap_or_default())),
                    ],
                ));
            }
            for requirement in &band.evidence {
                met.push(fill(
                    &labels.class_reason_evidence_met,
                    &[
                        ("min", &requirement.min.to_string()),
                        ("kinds", &kinds_label(&requirement.kinds)),
                    ],
                ));
            }
            if !met.is_empty() {
                out.lead.push(fill(
                    &labels.class_reason_rules_met,
                    &[("band", &band.label), ("rules", &met.join(", "))],
                ));
            }
        }
        Some(next) => {
            let next_label = band_label(&next.band);
            let total_failed = next.failed.iter().any(|f| matches!(f, Failure::Total { .. }));
            let values = [
                ("total", total_text.as_str()),
                ("band", next_label.as_str()),
                ("min", &percent_threshold(next.threshold.min)),
            ];
            if total_failed {
                out.lead.push(fill(&labels.class_reason_below, &values));
            } else {
                out.lead.push(fill(&labels.class_reason_rules_failed, &values));
            }
            out.lead.extend(threshold_sentence(&next.threshold));
            for failure in &next.failed {
                let item = match failure {
                    Failure::Total { .. } => continue,
                    Failure::Floor {
                        criterion,
                        score,
                        min,
                        above,
                    } => {
                        let criterion = criterion_label(criterion);
                        match (score, above, min) {
                            (None, ..) => fill(&labels.class_reason_floor_none, &[("criterion", &criterion)]),
                            (Some(score), Some(limit), _) => fill(
                                &labels.class_reason_floor_above,
                                &[
                                    ("criterion", &criterion),
                                    ("limit", &percent_threshold(*limit)),
                                    ("score", &percent_sheet(percent(*score))),
                                ],
                            ),
                            (Some(score), None, limit) => fill(
                                &labels.class_reason_floor_min,
                                &[
                                    ("criterion", &criterion),
                                    ("limit", &percent_threshold(limit.unwrap_or(0.0))),
                                    ("score", &percent_sheet(percent(*score))),
                                ],
                            ),
                        }
                    }
                    Failure::Gate {
                        question,
                        answer,
                        answers,
                    } => {
                        let wanted: Vec<String> = answers
                            .iter()
                            .map(|a| format!("«{}»", answer_label(question, a)))
                            .collect();
                        let given = answer.as_ref().map_or(labels.class_reason_no_answer.clone(), |a| {
                            format!("«{}»", answer_label(question, a))
                        });
                        fill(
                            &labels.class_reason_gate,
                            &[
                                ("question", question),
                                ("answers", &wanted.join(&or)),
                                ("answer", &given),
                            ],
                        )
                    }
                    Failure::Evidence { kinds, min, found } => fill(
                        &labels.class_reason_evidence,
                        &[
                            ("min", &min.to_string()),
                            ("kinds", &kinds_label(kinds)),
                            ("found", &found.to_string()),
                        ],
                    ),
                };
                out.failed.push(item);
            }
        }
    }
    out
}

/// The «ikke relevant» range of a total, when any answer is «ikke relevant»: a sentence from `na_range`.
pub fn na_range(labels: &Labels, score: &Score<'_>) -> Option<String> {
    let range = score.na_sensitivity?;
    let count: usize = score.criteria.iter().map(|c| c.not_applicable).sum();
    if count == 0 {
        return None;
    }
    Some(fill(
        &labels.na_range,
        &[
            ("count", &count.to_string()),
            ("worst", &percent_sheet(percent(range.worst))),
            ("best", &percent_sheet(percent(range.best))),
        ],
    ))
}
