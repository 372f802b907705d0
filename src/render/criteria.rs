//! The criteria model as a Markdown page (`practice criteria --format markdown`): one section per criterion with
//! its questions, then the scales and the classification. Text from the criteria file goes through [`escape`].

use crate::model::labels::{fill, Labels};
use crate::model::Criteria;
use crate::render::escape;
use crate::scoring::percent;

/// The Markdown page.
pub fn markdown(criteria: &Criteria) -> String {
    let labels = Labels::from_criteria(criteria);
    let mut out = format!(
        "# {} ({})\n\n",
        escape::inline(&criteria.id),
        escape::inline(&criteria.version)
    );
    for criterion in &criteria.criteria {
        out.push_str(&format!(
            "## {}\n\n",
            fill(
                &escape::inline(&labels.criteria_page_heading),
                &[
                    ("label", &escape::inline(&criterion.label)),
                    ("weight", &criterion.weight.to_string())
                ]
            )
        ));
        if let Some(description) = &criterion.description {
            out.push_str(&format!("{}\n\n", escape::paragraphs(description).join("\n\n")));
        }
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|\n",
            escape::cell(&labels.criteria_page_id),
            escape::cell(&labels.criteria_page_question),
            escape::cell(&labels.criteria_page_scale),
            escape::cell(&labels.criteria_page_weight),
            escape::cell(&labels.criteria_page_hint)
        ));
        for q in criteria
            .questions()
            .filter(|q| std::ptr::eq(&criteria.criteria[q.criterion], criterion))
        {
            let mut text = escape::cell(&q.question.text);
            if q.question.reverse {
                text.push_str(&format!(" *({})*", escape::cell(&labels.criteria_page_reversed)));
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
    out.push_str(&format!("## {}\n\n", escape::inline(&labels.criteria_page_scales)));
    for (key, scale) in &criteria.scales {
        let options: Vec<String> = scale
            .options
            .iter()
            .map(|o| format!("{} = {}", escape::inline(&o.label), o.points))
            .collect();
        out.push_str(&format!("* {}: {}\n", escape::inline(key), options.join(", ")));
    }
    out.push_str(&format!("\n## {}\n\n", escape::inline(&labels.criteria_page_classes)));
    for band in &criteria.classification.bands {
        out.push_str(&format!(
            "* {}",
            fill(
                &escape::inline(&labels.criteria_page_band),
                &[
                    ("band", &escape::inline(&band.label)),
                    ("min", &percent(band.min).to_string())
                ]
            )
        ));
        if band.has_rules() {
            out.push_str(&format!(
                " ({}: {})",
                escape::inline(&labels.criteria_page_conditions),
                escape::inline(&band.rules_text())
            ));
        }
        if let Some(description) = &band.description {
            out.push_str(&format!(" — {}", escape::one_line(description)));
        }
        out.push('\n');
    }
    if let Some(zone) = criteria.classification.judgement_zone {
        out.push_str(&format!(
            "\n{}\n",
            fill(
                &escape::inline(&labels.criteria_page_zone),
                &[
                    ("from", &percent(zone.from).to_string()),
                    ("to", &percent(zone.to).to_string())
                ]
            )
        ));
    }
    out
}
