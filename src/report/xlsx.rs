//! Scores and lists as spreadsheet tables (`--format xlsx`): one row per practice, numbers as numbers, fractions as
//! percentages, headers from `[labels]`. The workbook itself is written by [`crate::forms::table_xlsx`].

use crate::forms::{TableCell, TableSheet};
use crate::model::{Criteria, Labels};
use crate::scoring::ScoredPractice;

/// The table of `practice score --format xlsx`: slug, name, phase, each criterion's sub-score, total, class and
/// whether the assessment is complete — the columns of `--format csv`, with labels for headers.
pub fn score_sheet(criteria: &Criteria, scored: &[ScoredPractice]) -> TableSheet {
    let labels = Labels::from_criteria(criteria);
    let mut headers = vec![labels.slug.clone(), labels.name.clone(), labels.phase.clone()];
    headers.extend(criteria.criteria.iter().map(|c| c.label.clone()));
    headers.extend([labels.total.clone(), labels.class.clone(), labels.complete.clone()]);
    let rows = scored.iter().map(|p| score_row(criteria, &labels, p)).collect();
    TableSheet {
        name: labels.score_sheet.clone(),
        headers,
        rows,
    }
}

/// The row of one practice: what [`score_sheet`] and [`list_sheet`] share.
fn score_row(criteria: &Criteria, labels: &Labels, practice: &ScoredPractice) -> Vec<TableCell> {
    let percent = |f: Option<f64>| f.map_or(TableCell::Empty, TableCell::Percent);
    let mut row = vec![
        TableCell::Text(practice.entry.slug.clone()),
        TableCell::Text(practice.entry.name().to_string()),
        TableCell::Text(crate::model::labels::phase_label(labels, practice.entry.phase()).to_string()),
    ];
    match &practice.score {
        Some(score) => row.extend(score.criteria.iter().map(|c| percent(c.score))),
        None => row.extend(criteria.criteria.iter().map(|_| TableCell::Empty)),
    }
    row.push(percent(practice.total()));
    let band = practice.score.as_ref().and_then(|s| s.band);
    row.push(band.map_or(TableCell::Empty, |b| TableCell::Text(b.label.clone())));
    let complete = practice.score.as_ref().is_some_and(|s| s.complete);
    row.push(TableCell::Text(if complete { &labels.yes } else { &labels.no }.clone()));
    row
}

/// The table of `practice list --format xlsx`: the score columns, then municipality, organisation, region and one
/// column per facet (values joined with `; `).
pub fn list_sheet(criteria: &Criteria, matching: &[&ScoredPractice]) -> TableSheet {
    let labels = Labels::from_criteria(criteria);
    let mut sheet = score_sheet(criteria, &[]);
    sheet.name = labels.list_sheet.clone();
    sheet.headers.extend([
        labels.municipality.clone(),
        labels.organisation.clone(),
        labels.region.clone(),
    ]);
    sheet.headers.extend(criteria.facets.iter().map(|f| f.label.clone()));
    for practice in matching {
        let mut row = score_row(criteria, &labels, practice);
        let facts = practice.entry.practice.as_ref().map(|p| &p.value);
        let text = |value: Option<&String>| value.map_or(TableCell::Empty, |v| TableCell::Text(v.clone()));
        row.push(text(facts.and_then(|p| p.municipality.as_ref())));
        row.push(text(facts.and_then(|p| p.organisation.as_ref())));
        row.push(text(facts.and_then(|p| p.region.as_ref())));
        for facet in &criteria.facets {
            let values = facts.and_then(|p| p.tags.get(&facet.key)).filter(|v| !v.is_empty());
            row.push(values.map_or(TableCell::Empty, |v| {
                let canonical = facet.display_all(v);
                TableCell::Text(canonical.join("; "))
            }));
        }
        sheet.rows.push(row);
    }
    sheet
}
