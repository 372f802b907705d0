//! `practice history [SLUG…]`: grades over time, from git.

use anyhow::anyhow;
use serde::Serialize;

use crate::cli::{GlobalArgs, HistoryArgs, SimilarFormat};
use crate::commands::{load_criteria, print, CliResult};
use crate::history::{history, PracticeHistory};
use crate::report::output;
use crate::scoring::percent;

#[derive(Serialize)]
struct Report<'a> {
    practices: &'a [PracticeHistory],
}

/// Run `practice history`.
pub fn run(global: &GlobalArgs, args: &HistoryArgs) -> CliResult {
    let (workspace, criteria) = load_criteria(global)?;
    workspace.require_root()?;
    for slug in &args.slugs {
        if !workspace.root.join(slug).is_dir() {
            return Err(anyhow!("no practice `{slug}` in {}", workspace.root.display()).into());
        }
    }
    let Some(found) = history(&workspace.root, &workspace.criteria_path, &criteria, &args.slugs)? else {
        return Err(anyhow!(
            "{} is not in a git work tree: there is no history to show",
            workspace.root.display()
        )
        .into());
    };
    match args.format {
        SimilarFormat::Json => print(&output::json(&Report { practices: &found }))?,
        SimilarFormat::Table => {
            let mut table = output::table(
                [
                    "practice", "date", "commit", "author", "criteria", "total", "class", "changed",
                ]
                .map(String::from)
                .to_vec(),
            );
            for practice in &found {
                for entry in &practice.entries {
                    table.add_row(vec![
                        practice.slug.clone(),
                        entry.date.get(..10).unwrap_or(&entry.date).to_string(),
                        entry.commit.get(..10).unwrap_or(&entry.commit).to_string(),
                        output::terminal_text(&entry.author),
                        entry.criteria_version.clone(),
                        entry.total.map_or("–".into(), |t| format!("{} %", percent(t))),
                        entry.class.clone().unwrap_or_else(|| "–".into()),
                        entry.changed.join(", "),
                    ]);
                }
            }
            print(&format!("{table}\n"))?;
        }
    }
    Ok(())
}
