//! The knowledge base's front page (`index.md`), from an [`IndexModel`]: counts per class and phase, every
//! practice sorted by total with its class and sub-scores, and one section per facet listing the practices under
//! each value. Links are relative, to the sheets beside it.

use crate::model::labels::Labels;
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
    let mut header: Vec<&str> = vec![&labels.practice, &labels.municipality, &labels.score, &labels.class];
    header.extend(model.criteria.iter().map(String::as_str));
    let mut right = vec![false, false, true, false];
    right.extend(model.criteria.iter().map(|_| true));
    table_header(w, &header, &right);
    for row in &model.rows {
        let mut cells = vec![
            sheet_link(row),
            cell(row.municipality.as_deref().unwrap_or("")),
            total_cell(row, labels),
            class_cell(row, labels),
        ];
        cells.extend(
            row.sub_scores
                .iter()
                .map(|s| s.map_or_else(|| "–".to_string(), percent_text)),
        );
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
    if row.judgement {
        text.push_str(&format!(" ({})", inline(&labels.judgement_short)));
    }
    if row.illustration {
        text.push_str(&format!(" ({})", inline(&labels.illustration_short)));
    }
    text
}

fn push(w: &mut String, text: &str) {
    w.push_str(text);
    w.push('\n');
}
