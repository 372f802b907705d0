//! `practice due`: the practices whose assessment needs review, and why.

use serde::Serialize;

use crate::cli::{DueArgs, GlobalArgs, SimilarFormat};
use crate::commands::{load_criteria, print, today, CliError, CliResult};
use crate::due::{due, Due};
use crate::model::{Keep, Library};
use crate::report::output;
use crate::validate::Checks;

#[derive(Serialize)]
struct Report<'a> {
    practices: &'a [Due],
}

/// Run `practice due`.
pub fn run(global: &GlobalArgs, args: &DueArgs) -> CliResult {
    let (workspace, criteria) = load_criteria(global)?;
    workspace.require_root()?;
    // Today is read once, here at the edge.
    let today = today()?;
    let library = Library::load_paths_keeping(&workspace.root, &[], &Checks::new(&criteria, today), Keep::Everything)?;
    let changes = crate::load::git::last_changes(&workspace.root);
    let found = due(&library, &criteria, today, changes.as_ref());
    match args.format {
        SimilarFormat::Json => print(&output::json(&Report { practices: &found }))?,
        SimilarFormat::Table => {
            if !found.is_empty() {
                let mut table = output::table(vec!["practice".into(), "reason".into(), "detail".into()]);
                for practice in &found {
                    for reason in &practice.reasons {
                        table.add_row(vec![
                            practice.slug.clone(),
                            reason.kind.key().to_string(),
                            output::terminal_text(&reason.detail),
                        ]);
                    }
                }
                print(&format!("{table}\n"))?;
            }
            if !global.quiet {
                eprintln!(
                    "{} of {} practices due for review{}",
                    found.len(),
                    library.practices.len(),
                    if changes.is_none() {
                        " (not in git: changed evidence is seen only through evidence_fingerprint and row dates)"
                    } else {
                        ""
                    }
                );
            }
        }
    }
    if args.check && !found.is_empty() {
        return Err(CliError::findings());
    }
    Ok(())
}
