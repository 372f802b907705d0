//! `practice criteria`: the model at hand — criteria, questions with ids, scales, weights, hints, bands.

use crate::cli::{CriteriaArgs, CriteriaFormat, GlobalArgs};
use crate::commands::{load_criteria, print, Outcome};
use crate::report::output;

/// Run `practice criteria`.
pub fn run(global: &GlobalArgs, args: &CriteriaArgs) -> anyhow::Result<Outcome> {
    let (_, criteria) = match load_criteria(global)? {
        Ok(loaded) => loaded,
        Err(outcome) => return Ok(outcome),
    };
    let text = match args.format {
        CriteriaFormat::Json => output::json(&criteria),
        CriteriaFormat::Table => crate::report::criteria::table(&criteria),
        CriteriaFormat::Markdown => crate::render::criteria::markdown(&criteria),
    };
    print(&text)?;
    Ok(Outcome::Clean)
}
