//! `practice list`: the practices that match a filter, as a table, JSON or CSV.

use crate::model::number::count;
use std::io::Write as _;

use serde::Serialize;

use crate::cli::{GlobalArgs, ListArgs, ReportFormat};
use crate::commands::{load_criteria, print, today, CliError, CliResult};
use crate::diagnostic::Severity;
use crate::filter::{Filter, ListRow};
use crate::model::criteria::Criteria;
use crate::model::{Keep, Library};
use crate::report::output;
use crate::report::CriteriaRef;
use crate::scoring::{summary_score, ScoredPractice};
use crate::validate::Checks;

/// `practice list --format json`: `{"criteria": {"id", "version"}, "practices": [...]}`.
#[derive(Debug, Serialize)]
struct ListReport<'a> {
    criteria: CriteriaRef<'a>,
    practices: Vec<ListRow>,
}

/// Run `practice list`.
pub fn run(global: &GlobalArgs, args: &ListArgs) -> CliResult {
    let (workspace, criteria) = load_criteria(global)?;
    let filter = Filter::parse(
        &criteria,
        &args.conditions,
        args.class.as_deref(),
        args.min_score.as_deref(),
        args.phase.as_deref(),
    )?;
    let filter = match &args.lifecycle {
        Some(state) => filter.with_lifecycle(&criteria, state)?,
        None => filter,
    };
    if args.paths.is_empty() {
        workspace.require_root()?;
    }
    // Each practice is graded while it loads, and only its row is kept: memory stays flat as the library grows.
    let (library, summaries) = Library::load_paths_mapped(
        &workspace.root,
        &args.paths,
        &Checks::new(&criteria, today()?),
        Keep::GradedListing,
        |entry| {
            entry
                .assessment
                .as_ref()
                .map(|a| summary_score(&criteria, entry, &a.value))
        },
    )?;
    let scored = super::score::scored_rows(&library, summaries);
    let matching: Vec<&ScoredPractice> = scored.iter().filter(|p| filter.matches(p)).collect();

    match args.format {
        ReportFormat::Json => super::print_json(&ListReport {
            criteria: CriteriaRef::of(&criteria),
            practices: matching.iter().map(|p| ListRow::new(&criteria, p)).collect(),
        })?,
        ReportFormat::Csv => print(&csv(&criteria, &matching))?,
        ReportFormat::Xlsx => super::write_xlsx(
            args.output.as_deref(),
            &crate::report::xlsx::list_sheet(&criteria, &matching),
        )?,
        ReportFormat::Table => {
            if !matching.is_empty() {
                let mut text = table(&matching).to_string();
                text.push('\n');
                if let Some(note) = crate::report::judgement_zone_note(&criteria, matching.iter().copied()) {
                    text.push_str(&note);
                }
                print(&text)?;
            }
        }
    }

    let errors = library.error_count();
    if !global.quiet {
        let painter = super::stderr_painter(global);
        let mut err = std::io::stderr().lock();
        if args.format == ReportFormat::Table {
            writeln!(
                err,
                "{} of {} match",
                matching.len(),
                count(library.practices.len(), "practice", "practices")
            )?;
        }
        if errors > 0 {
            writeln!(
                err,
                "{}: {} errors and may be missing from the list or partly read; run `practice validate`",
                painter.severity(Severity::Warning),
                count(errors, "practice has", "practices have")
            )?;
        }
    }
    CliError::findings_if(errors > 0)
}

fn class_cell(practice: &ScoredPractice) -> String {
    match &practice.score {
        None => practice.entry.not_graded().unwrap_or("not assessed").to_string(),
        Some(score) if !score.complete => "incomplete".to_string(),
        Some(score) => match score.band {
            Some(band) if score.in_judgement_zone => format!("{} *", band.label),
            Some(band) => band.label.clone(),
            None => "–".to_string(),
        },
    }
}

fn table(matching: &[&ScoredPractice]) -> comfy_table::Table {
    let mut table = output::table(
        ["practice", "municipality", "region", "phase", "total", "class"]
            .map(String::from)
            .to_vec(),
    );
    for practice in matching {
        let p = practice.entry.practice.as_ref().map(|p| &p.value);
        table.add_row(vec![
            practice.entry.name().to_string(),
            p.and_then(|p| p.municipality.clone()).unwrap_or_default(),
            p.and_then(|p| p.region.clone()).unwrap_or_default(),
            practice.entry.phase().key().to_string(),
            practice
                .total()
                .map_or_else(|| "–".to_string(), crate::model::number::percent_table),
            class_cell(practice),
        ]);
    }
    if let Some(column) = table.column_mut(4) {
        column.set_cell_alignment(comfy_table::CellAlignment::Right);
    }
    table
}

fn csv(criteria: &Criteria, matching: &[&ScoredPractice]) -> String {
    let mut header: Vec<String> = [
        "slug",
        "name",
        "municipality",
        "organisation",
        "region",
        "phase",
        "total",
        "class",
        "complete",
    ]
    .map(String::from)
    .to_vec();
    header.extend(criteria.criteria.iter().map(|c| c.id.clone()));
    header.extend(criteria.facets.iter().map(|f| f.key.clone()));
    let mut text = output::csv_record(&header);
    for practice in matching {
        let row = ListRow::new(criteria, practice);
        let mut fields = vec![
            row.slug,
            row.name,
            row.municipality.unwrap_or_default(),
            row.organisation.unwrap_or_default(),
            row.region.unwrap_or_default(),
            row.phase.key().to_string(),
            row.total.map(|t| t.to_string()).unwrap_or_default(),
            row.class.unwrap_or_default(),
            row.complete.to_string(),
        ];
        fields.extend(
            row.criteria
                .iter()
                .map(|c| c.score.map(|s| s.to_string()).unwrap_or_default()),
        );
        fields.extend(
            criteria
                .facets
                .iter()
                .map(|f| row.tags.get(&f.key).map(|t| t.join("; ")).unwrap_or_default()),
        );
        text.push_str(&output::csv_record(&fields));
    }
    text
}
