//! `practice score`: sub-scores, totals and classes as a table, JSON or CSV.

use crate::model::number::count;
use std::io::Write as _;

use crate::cli::{GlobalArgs, ReportFormat, ScoreArgs};
use crate::commands::{load_criteria, print, today, CliError, CliResult};
use crate::model::{Keep, Library};
use crate::report::score::{csv, question_table, summary_table};
use crate::report::ScoreReport;
use crate::scoring::{score_library, sort_scored, summary_score, Score, ScoredPractice};
use crate::validate::Checks;

/// Run `practice score`.
pub fn run(global: &GlobalArgs, args: &ScoreArgs) -> CliResult {
    let (workspace, criteria) = load_criteria(global)?;
    if args.paths.is_empty() {
        workspace.require_root()?;
    }
    let checks = Checks::new(&criteria, today()?);
    // Each practice is graded while it loads, and only its row is kept: memory stays flat as the library grows.
    let (mut library, mut summaries) =
        Library::load_paths_mapped(&workspace.root, &args.paths, &checks, Keep::Graded, |entry| {
            entry
                .assessment
                .as_ref()
                .map(|a| summary_score(&criteria, entry, &a.value))
        })?;
    // Per-question detail only for a single practice (its question table): that one is read again, whole (its tags
    // and evidence rows are part of what decides its class, as they were while it was graded above).
    let single = library.practices.len() == 1;
    if single {
        summaries = Vec::new();
        library = Library::load_paths_keeping(&workspace.root, &args.paths, &checks, Keep::Everything)?;
    }
    let scored = if single {
        score_library(&library, &criteria)
    } else {
        scored_rows(&library, summaries)
    };
    match args.format {
        ReportFormat::Json => super::print_json(&ScoreReport::new(&criteria, &scored, single))?,
        ReportFormat::Csv => print(&csv(&criteria, &scored))?,
        ReportFormat::Xlsx => super::write_xlsx(
            args.output.as_deref(),
            &crate::report::xlsx::score_sheet(&criteria, &scored),
        )?,
        ReportFormat::Table => {
            let mut text = summary_table(&criteria, &scored).to_string();
            text.push('\n');
            if single {
                text.push('\n');
                text.push_str(&question_table(&scored[0]).to_string());
                text.push('\n');
            }
            if let Some(note) = crate::report::judgement_zone_note(&criteria, &scored) {
                text.push_str(&note);
            }
            text.push_str(&crate::report::class_rule_notes(&criteria, &scored));
            print(&text)?;
        }
    }
    // Notes for the person at the terminal go to stderr, so scripts reading stdout see only the report.
    let errors = library.error_count();
    let stale = library
        .practices
        .iter()
        .filter_map(|p| p.assessment.as_ref())
        .filter(|a| {
            a.value.criteria.as_deref() != Some(&criteria.id)
                || a.value.criteria_version.as_deref() != Some(&criteria.version)
        })
        .count();
    if !global.quiet {
        let painter = super::stderr_painter(global);
        let mut err = std::io::stderr().lock();
        if stale > 0 {
            writeln!(
                err,
                "{}: {} made against another criteria version; scored against {} {}",
                painter.severity(crate::diagnostic::Severity::Warning),
                count(stale, "assessment was", "assessments were"),
                criteria.id,
                criteria.version
            )?;
        }
        if errors > 0 {
            writeln!(
                err,
                "{}: {} errors and may be missing or partly scored; run `practice validate`",
                painter.severity(crate::diagnostic::Severity::Warning),
                count(errors, "practice has", "practices have")
            )?;
        }
    }
    super::refuse_unreadable(&library)?;
    // Freeing a large library piece by piece takes longer than the process exit that frees it at once.
    std::mem::forget(scored);
    std::mem::forget(library);
    CliError::findings_if(errors > 0)
}

/// The rows of a library graded while it loaded, in the report's order.
pub(crate) fn scored_rows<'a>(library: &'a Library, summaries: Vec<Option<Score<'a>>>) -> Vec<ScoredPractice<'a>> {
    let mut scored: Vec<ScoredPractice> = library
        .practices
        .iter()
        .zip(summaries)
        .map(|(entry, score)| ScoredPractice { entry, score })
        .collect();
    sort_scored(&mut scored);
    scored
}
