//! Grade bounds of an unfinished assessment: the lowest and highest total still reachable by answering the open
//! questions, and whether the class is decided (every completion gets the same class).
//!
//! Within a criterion a score is (A + Σ p) / (B + Σ m) over the applicable questions, so for the lowest score each
//! open question takes its option with the fewest points, and the open questions that may be «ikke relevant» are
//! left out in order of their ratio p / m, highest first, as long as that lowers the score (the optimum of a ratio
//! over such choices is a prefix in ratio order); the highest score mirrors this. The two extreme completions are
//! then scored in full ([`super::score`]), so the totals and classes are those of real completions under the rules
//! in force. Criteria are independent of one another; with `pooled` aggregation the per-criterion extremes are a
//! close approximation rather than a proof.

use std::collections::HashMap;

use crate::model::criteria::Criteria;
use crate::model::{Answer, Assessment};

use super::{score, AnswerState};

/// The bounds of an assessment.
#[derive(Clone, Debug, PartialEq)]
pub struct Bounds {
    /// The lowest total reachable (0–1), when any completion has a total.
    pub total_min: Option<f64>,
    /// The highest total reachable.
    pub total_max: Option<f64>,
    /// The band key every completion gets, when they all get the same one.
    pub decided_class: Option<String>,
}

/// One open question's choices: (option key, points, max points) of its lowest and highest option, and whether it
/// may be «ikke relevant».
struct Open {
    id: String,
    criterion: usize,
    low: (String, f64, f64),
    high: (String, f64, f64),
    na: bool,
}

/// The bounds of `assessment` against `criteria`: for a complete assessment its own total and class.
pub fn bounds(criteria: &Criteria, assessment: &Assessment) -> Bounds {
    let scored = score(criteria, assessment);
    if scored.complete {
        return Bounds {
            total_min: scored.total,
            total_max: scored.total,
            decided_class: scored.band.map(|b| b.key.clone()),
        };
    }
    let open: Vec<(usize, &str)> = scored
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| matches!(q.answer, AnswerState::Missing | AnswerState::Invalid(_)))
        .map(|(i, q)| (i, q.id))
        .collect();
    let widest = open
        .iter()
        .map(|(i, _)| scored.questions[*i].question.scale.options.len())
        .max()
        .unwrap_or(0);
    // Points of option k of every open question, from one scoring per k.
    let mut points: HashMap<&str, Vec<(String, f64, f64)>> = HashMap::new();
    for k in 0..widest {
        let mut trial = assessment.clone();
        for (i, id) in &open {
            let options = &scored.questions[*i].question.scale.options;
            if let Some(option) = options.get(k) {
                trial.answers.insert(id.to_string(), Answer::key(&option.key));
            }
        }
        let result = score(criteria, &trial);
        for (i, id) in &open {
            let q = &result.questions[*i];
            if let (AnswerState::Option(key), Some(p), Some(m)) = (&q.answer, q.points, q.max_points) {
                let list = points.entry(id).or_default();
                if !list.iter().any(|(k, ..)| k == key) {
                    list.push((key.clone(), p, m));
                }
            }
        }
    }
    let questions: Vec<Open> = open
        .iter()
        .filter_map(|(i, id)| {
            let list = points.get(id)?;
            let low = list.iter().min_by(|a, b| a.1.total_cmp(&b.1))?.clone();
            let high = list.iter().max_by(|a, b| a.1.total_cmp(&b.1))?.clone();
            let q = &scored.questions[*i].question;
            Some(Open {
                id: id.to_string(),
                criterion: q.criterion,
                low,
                high,
                na: q.allows_not_applicable,
            })
        })
        .collect();
    let na_key = criteria.not_applicable_key();
    let completion = |highest: bool| -> Assessment {
        let mut done = assessment.clone();
        for (ci, cs) in scored.criteria.iter().enumerate() {
            let mine: Vec<&Open> = questions.iter().filter(|q| q.criterion == ci).collect();
            let pick = |q: &Open| if highest { q.high.clone() } else { q.low.clone() };
            let (mut top, mut bottom) = (cs.points, cs.max_points);
            for q in &mine {
                let (_, p, m) = pick(q);
                top += p;
                bottom += m;
            }
            // «Ikke relevant» candidates, worst ratio first for the side sought.
            let mut optional: Vec<&Open> = mine.iter().copied().filter(|q| q.na && na_key.is_some()).collect();
            let ratio = |q: &Open| {
                let (_, p, m) = pick(q);
                if m > 0.0 {
                    p / m
                } else {
                    f64::NAN
                }
            };
            optional.retain(|q| !ratio(q).is_nan());
            optional.sort_by(|a, b| {
                let (x, y) = (ratio(a), ratio(b));
                if highest {
                    x.total_cmp(&y)
                } else {
                    y.total_cmp(&x)
                }
            });
            let mut best = (if bottom > 0.0 { top / bottom } else { f64::NAN }, 0);
            let (mut t, mut b) = (top, bottom);
            for (n, q) in optional.iter().enumerate() {
                let (_, p, m) = pick(q);
                t -= p;
                b -= m;
                if b <= 0.0 {
                    break;
                }
                let value = t / b;
                let better = if highest { value > best.0 } else { value < best.0 };
                if best.0.is_nan() || better {
                    best = (value, n + 1);
                }
            }
            let left_out: Vec<&str> = optional[..best.1].iter().map(|q| q.id.as_str()).collect();
            for q in &mine {
                let key = match na_key.filter(|_| left_out.contains(&q.id.as_str())) {
                    Some(na) => na.to_string(),
                    None => pick(q).0,
                };
                done.answers.insert(q.id.clone(), Answer::key(&key));
            }
        }
        done
    };
    let (low, high) = (completion(false), completion(true));
    let (low, high) = (score(criteria, &low), score(criteria, &high));
    let decided_class = match (low.band, high.band) {
        (Some(a), Some(b)) if a.key == b.key => Some(a.key.clone()),
        _ => None,
    };
    Bounds {
        total_min: low.total,
        total_max: high.total,
        decided_class,
    }
}
