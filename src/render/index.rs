//! The knowledge base's front page (`index.md`), from an [`IndexModel`]: counts per class and phase, every
//! practice sorted by total with its class and sub-scores (four columns, so the table fits GitHub's width), and one
//! section per facet listing the practices under each value. Links are relative, to the sheets beside it.

use crate::model::labels::{fill, Labels};
use crate::render::escape::{self, cell, inline};
use crate::render::markdown::{table_header, table_row, MARKER};
use crate::render::model::{percent_text, IndexModel, IndexRow};

/// Render the index.
pub fn index(model: &IndexModel, labels: &Labels) -> String {
    let mut out = String::with_capacity(256 + model.rows.len() * 256);
    let w = &mut out;
    push(w, MARKER);
    push(w, "");
    push(w, &format!("# {}", inline(&model.title)));
    push(w, "");
    push(w, &inline(&model.intro));

    push(w, "");
    push(w, &format!("## {}", inline(&labels.overview)));
    push(w, "");
    table_header(w, &[&labels.class, &labels.count], &[false, true]);
    for (label, count) in &model.class_counts {
        table_row(w, &[cell(label), count.to_string()]);
    }
    push(w, "");
    table_header(w, &[&labels.phase, &labels.count], &[false, true]);
    for (label, count) in &model.phase_counts {
        table_row(w, &[cell(label), count.to_string()]);
    }

    push(w, "");
    push(w, &format!("## {}", inline(&labels.all_practices)));
    push(w, "");
    // Four columns, so the table fits GitHub's width and a phone: the municipality beside the name, the sub-scores
    // as one compact cell in the order the legend gives.
    push(
        w,
        &inline(&fill(
            &labels.index_sub_scores_legend,
            &[("criteria", &model.criteria.join(" · "))],
        )),
    );
    push(w, "");
    table_header(
        w,
        &[&labels.practice, &labels.score, &labels.class, &labels.sub_scores],
        &[false, true, false, false],
    );
    for row in &model.rows {
        let mut name = sheet_link(row);
        if let Some(municipality) = row
            .municipality
            .as_deref()
            .map(escape::one_line)
            .filter(|m| !m.is_empty())
        {
            name.push_str(&format!(" – {}", inline(&municipality)));
        }
        let cells = vec![
            name,
            total_cell(row, labels),
            class_cell(row, labels),
            compact_sub_scores(row),
        ];
        table_row(w, &cells);
    }
    if let Some(note) = &model.judgement_note {
        push(w, "");
        push(w, &format!("({}) {}", inline(&labels.judgement_short), inline(note)));
    }

    for facet in &model.facets {
        push(w, "");
        push(w, &format!("## {}", inline(&facet.label)));
        if facet.values.is_empty() {
            push(w, "");
            push(w, &inline(&labels.no_tagged));
        }
        for (value, rows) in &facet.values {
            push(w, "");
            push(w, &format!("### {}", inline(value)));
            push(w, "");
            for &i in rows {
                let row = &model.rows[i];
                push(
                    w,
                    &format!(
                        "- {} – {}, {}",
                        sheet_link(row),
                        total_cell(row, labels),
                        class_cell(row, labels)
                    ),
                );
            }
        }
    }
    out
}

fn sheet_link(row: &IndexRow) -> String {
    format!(
        "[{}]({})",
        inline(&row.name),
        escape::destination(&format!("{}.md", row.slug))
    )
}

fn total_cell(row: &IndexRow, labels: &Labels) -> String {
    match row.total {
        None => "–".to_string(),
        Some(total) if row.provisional => format!("{} ({})", percent_text(total), inline(&labels.provisional_short)),
        Some(total) => percent_text(total),
    }
}

fn class_cell(row: &IndexRow, labels: &Labels) -> String {
    let mut text = inline(&row.class);
    let notes: Vec<String> = [
        row.judgement.then(|| inline(&labels.judgement_short)),
        row.illustration.then(|| inline(&labels.illustration_short)),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !notes.is_empty() {
        text.push_str(&format!(" ({})", notes.join(", ")));
    }
    text
}

/// `69 · 80 · 100 · 67` (whole percent, `–` where undefined); empty when not assessed.
fn compact_sub_scores(row: &IndexRow) -> String {
    if row.sub_scores.iter().all(Option::is_none) {
        return "–".to_string();
    }
    row.sub_scores
        .iter()
        .map(|s| s.map_or_else(|| "–".to_string(), |p| p.to_string()))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn push(w: &mut String, text: &str) {
    w.push_str(text);
    w.push('\n');
}
