//! The presentation of `practice score`: the summary table, the question table of one practice, CSV.

use crate::model::criteria::Criteria;
use crate::report::output;
use crate::scoring::AnswerState;
use crate::scoring::ScoredPractice;

fn percent_cell(fraction: Option<f64>) -> String {
    fraction.map_or_else(|| "–".to_string(), crate::model::number::percent_table)
}

fn class_cell(criteria: &Criteria, practice: &ScoredPractice) -> String {
    match &practice.score {
        None => match practice.entry.not_graded() {
            Some(why) => why.to_string(),
            None => format!("not assessed ({})", practice.entry.phase().key()),
        },
        Some(score) if !score.complete => {
            let bounds = match (&score.bounds, practice.entry.assessment.as_ref()) {
                (Some(bounds), _) => bounds.clone(),
                (None, Some(assessment)) => crate::scoring::bounds::bounds(criteria, &assessment.value),
                (None, None) => return "incomplete".to_string(),
            };
            let range = match (bounds.total_min, bounds.total_max) {
                (Some(low), Some(high)) => format!(
                    " ({}–{})",
                    crate::model::number::percent_table(low).trim_end_matches('%'),
                    crate::model::number::percent_table(high)
                ),
                _ => String::new(),
            };
            let band = |key: String| {
                let bands = &criteria.classification.bands;
                bands.iter().find(|b| b.key == key).map(|b| b.label.clone())
            };
            match bounds.decided_class.and_then(band) {
                Some(label) => format!("incomplete{range}, class decided: {label}"),
                None => format!("incomplete{range}"),
            }
        }
        Some(score) => {
            let label = score.band.map_or("–", |b| b.label.as_str());
            let _ = criteria;
            if score.in_judgement_zone {
                format!("{label} *")
            } else {
                label.to_string()
            }
        }
    }
}

pub fn summary_table(criteria: &Criteria, scored: &[ScoredPractice]) -> comfy_table::Table {
    let mut header = vec!["practice".to_string()];
    header.extend(criteria.criteria.iter().map(|c| c.label.clone()));
    header.extend(["total".to_string(), "class".to_string(), "complete".to_string()]);
    let mut table = output::table(header);
    for practice in scored {
        let mut row = vec![practice.entry.name().to_string()];
        match &practice.score {
            Some(score) => row.extend(score.criteria.iter().map(|c| percent_cell(c.score))),
            None => row.extend(criteria.criteria.iter().map(|_| String::new())),
        }
        row.push(percent_cell(practice.total()));
        row.push(class_cell(criteria, practice));
        row.push(match &practice.score {
            Some(s) if s.complete => "yes".to_string(),
            Some(s) => format!("no ({} missing)", s.missing().count()),
            None => "–".to_string(),
        });
        table.add_row(row);
    }
    for column in 1..=criteria.criteria.len() + 1 {
        if let Some(col) = table.column_mut(column) {
            col.set_cell_alignment(comfy_table::CellAlignment::Right);
        }
    }
    table
}

pub fn question_table(practice: &ScoredPractice) -> comfy_table::Table {
    let mut table = output::table(
        ["id", "question", "answer", "points", "to raise the score"]
            .map(String::from)
            .to_vec(),
    );
    let Some(score) = &practice.score else {
        return table;
    };
    for q in &score.questions {
        let answer = match &q.answer {
            AnswerState::Missing => "(unanswered)".to_string(),
            AnswerState::Invalid(key) => format!("(invalid: {key})"),
            AnswerState::NotApplicable | AnswerState::Option(_) => q.answer_label.unwrap_or("").to_string(),
        };
        let points = match (q.points, q.max_points) {
            (Some(p), Some(m)) => format!("{} / {}", trim_number(p), trim_number(m)),
            _ => "–".to_string(),
        };
        let hint = if matches!(q.answer, AnswerState::Option(_)) && !q.is_best {
            q.question.question.hint.clone().unwrap_or_default()
        } else {
            String::new()
        };
        let indent = if q.question.parent.is_some() { "  " } else { "" };
        table.add_row(vec![
            format!("{indent}{}", q.id),
            q.question.question.text.clone(),
            answer,
            points,
            hint,
        ]);
    }
    table
}

/// 1 → "1", 0.5 → "0.5".
pub fn trim_number(value: f64) -> String {
    let text = format!("{value:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub fn csv(criteria: &Criteria, scored: &[ScoredPractice]) -> String {
    let mut header = vec!["slug".to_string(), "name".to_string(), "phase".to_string()];
    header.extend(criteria.criteria.iter().map(|c| c.id.clone()));
    header.extend(["total", "class", "complete"].map(String::from));
    let mut text = output::csv_record(&header);
    for practice in scored {
        let mut row = vec![
            practice.entry.slug.clone(),
            practice.entry.name().to_string(),
            practice.entry.phase().key().to_string(),
        ];
        let fraction = |f: Option<f64>| f.map(|f| f.to_string()).unwrap_or_default();
        match &practice.score {
            Some(score) => row.extend(score.criteria.iter().map(|c| fraction(c.score))),
            None => row.extend(criteria.criteria.iter().map(|_| String::new())),
        }
        row.push(fraction(practice.total()));
        row.push(
            practice
                .score
                .as_ref()
                .and_then(|s| s.band)
                .map(|b| b.key.clone())
                .unwrap_or_default(),
        );
        row.push(practice.score.as_ref().is_some_and(|s| s.complete).to_string());
        text.push_str(&output::csv_record(&row));
    }
    text
}
