//! `practice criteria` as a table: every question with its id, criterion, scale, weight and flags, then the hints
//! (question id and hint, for the questions that have one), the scales and the classification bands.

use crate::model::Criteria;
use crate::report::output;
use crate::scoring::percent;

/// The criteria model as three tables (questions, scales, bands), for the terminal.
pub fn table(criteria: &Criteria) -> String {
    let mut text = format!("{} {}\n\n", criteria.id, criteria.version);
    let mut questions = output::table(
        [
            "criterion",
            "id",
            "question",
            "scale",
            "weight",
            "reversed",
            "n/a allowed",
        ]
        .map(String::from)
        .to_vec(),
    );
    for q in criteria.questions() {
        let criterion = &criteria.criteria[q.criterion];
        let id = match q.parent {
            Some(_) => format!("  {}", q.question.id),
            None => q.question.id.clone(),
        };
        questions.add_row(vec![
            format!("{} (×{})", criterion.label, criterion.weight),
            id,
            output::terminal_text(&q.question.text),
            q.scale_key.to_string(),
            q.question.weight.to_string(),
            if q.question.reverse { "yes" } else { "" }.to_string(),
            if q.allows_not_applicable { "yes" } else { "" }.to_string(),
        ]);
    }
    text.push_str(&format!("{questions}\n\n"));
    let mut hints = output::table(["id", "hint"].map(String::from).to_vec());
    let mut any_hint = false;
    for q in criteria.questions() {
        if let Some(hint) = q.question.hint.as_deref().filter(|h| !h.trim().is_empty()) {
            hints.add_row(vec![q.question.id.clone(), output::terminal_text(hint)]);
            any_hint = true;
        }
    }
    if any_hint {
        text.push_str(&format!("{hints}\n\n"));
    }
    let mut scales = output::table(["scale", "options (points)"].map(String::from).to_vec());
    for (key, scale) in &criteria.scales {
        let options: Vec<String> = scale
            .options
            .iter()
            .map(|o| format!("{} = {} ({})", o.key, output::terminal_text(&o.label), o.points))
            .collect();
        scales.add_row(vec![key.clone(), options.join(", ")]);
    }
    text.push_str(&format!("{scales}\n\n"));
    let mut bands = output::table(["band", "label", "from", "conditions"].map(String::from).to_vec());
    for band in &criteria.classification.bands {
        bands.add_row(vec![
            band.key.clone(),
            output::terminal_text(&band.label),
            crate::model::number::percent_sheet(percent(band.min)),
            output::terminal_text(&band.rules_text()),
        ]);
    }
    text.push_str(&format!("{bands}\n"));
    if let Some(zone) = criteria.classification.judgement_zone {
        text.push_str(&format!(
            "judgement zone: {}–{} % (the class needs expert judgement)\n",
            percent(zone.from),
            percent(zone.to)
        ));
    }
    let classification = &criteria.classification;
    if classification.cumulative {
        text.push_str("the bands are cumulative levels: each includes the conditions of the bands below it\n");
    }
    for t in &classification.thresholds {
        text.push_str(&output::terminal_text(&format!(
            "band {} from {} for {} «{}» ({} applies to a practice tagged with several)\n",
            t.band,
            crate::model::number::percent_threshold(t.min),
            t.facet,
            t.value,
            classification.threshold_rule.key()
        )));
    }
    text
}
