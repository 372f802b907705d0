//! The criteria model as a Markdown page (`practice criteria --format markdown`): one section per criterion with
//! its questions, then the scales and the classification. Text from the criteria file goes through [`escape`].

use crate::model::Criteria;
use crate::render::escape;
use crate::scoring::percent;

/// The Markdown page.
pub fn markdown(criteria: &Criteria) -> String {
    let mut out = format!(
        "# {} ({})\n\n",
        escape::inline(&criteria.id),
        escape::inline(&criteria.version)
    );
    for criterion in &criteria.criteria {
        out.push_str(&format!(
            "## {} (vekt {})\n\n",
            escape::inline(&criterion.label),
            criterion.weight
        ));
        if let Some(description) = &criterion.description {
            out.push_str(&format!("{}\n\n", escape::paragraphs(description).join("\n\n")));
        }
        out.push_str("| Id | Spørsmål | Skala | Vekt | Hint |\n|---|---|---|---|---|\n");
        for q in criteria
            .questions()
            .filter(|q| std::ptr::eq(&criteria.criteria[q.criterion], criterion))
        {
            let mut text = escape::cell(&q.question.text);
            if q.question.reverse {
                text.push_str(" *(omvendt: «ja» senker scoren)*");
            }
            let id = match q.parent {
                Some(_) => format!("↳ {}", escape::cell(&q.question.id)),
                None => escape::cell(&q.question.id),
            };
            let hint = q.question.hint.as_deref().map(escape::cell).unwrap_or_default();
            out.push_str(&format!(
                "| {id} | {text} | {} | {} | {hint} |\n",
                escape::cell(q.scale_key),
                q.question.weight
            ));
        }
        out.push('\n');
    }
    out.push_str("## Skalaer\n\n");
    for (key, scale) in &criteria.scales {
        let options: Vec<String> = scale
            .options
            .iter()
            .map(|o| format!("{} = {}", escape::inline(&o.label), o.points))
            .collect();
        out.push_str(&format!("* {}: {}\n", escape::inline(key), options.join(", ")));
    }
    out.push_str("\n## Klasser\n\n");
    for band in &criteria.classification.bands {
        out.push_str(&format!(
            "* {}: fra {} %",
            escape::inline(&band.label),
            percent(band.min)
        ));
        if band.has_rules() {
            out.push_str(&format!(" (vilkår: {})", escape::inline(&band.rules_text())));
        }
        if let Some(description) = &band.description {
            out.push_str(&format!(" — {}", escape::one_line(description)));
        }
        out.push('\n');
    }
    if let Some(zone) = criteria.classification.judgement_zone {
        out.push_str(&format!(
            "\nSkjønnssone: {}–{} % (klassen avgjøres ved faglig skjønn).\n",
            percent(zone.from),
            percent(zone.to)
        ));
    }
    out
}
