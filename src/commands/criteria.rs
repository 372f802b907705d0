//! `practice criteria`: the model at hand — criteria, questions with ids, scales, weights, hints, bands.

use crate::cli::{CriteriaArgs, CriteriaFormat, GlobalArgs};
use crate::commands::{load_criteria, print, CliResult};
use crate::report::output;

/// Run `practice criteria`.
pub fn run(global: &GlobalArgs, args: &CriteriaArgs) -> CliResult {
    let (_, criteria) = load_criteria(global)?;
    let text = match args.format {
        CriteriaFormat::Json => output::json(&criteria),
        CriteriaFormat::Table => crate::report::criteria::table(&criteria),
        CriteriaFormat::Markdown => crate::render::criteria::markdown(&criteria),
    };
    print(&text)?;
    Ok(())
}
