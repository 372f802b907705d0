//! `practice similar SLUG`: the practices whose content is most like one of the library's (phase 1: is it new, or
//! a variant of one we know?).

use anyhow::anyhow;
use serde::Serialize;

use crate::cli::{GlobalArgs, SimilarArgs, SimilarFormat};
use crate::commands::{load_criteria, print, today, CliResult};
use crate::report::output;
use crate::validate::similar::ranked;
use crate::validate::{load_with_content_keys, Checks};

#[derive(Serialize)]
struct Report<'a> {
    practices: Vec<Row<'a>>,
}

#[derive(Serialize)]
struct Row<'a> {
    slug: &'a str,
    similarity: f64,
}

/// Run `practice similar`.
pub fn run(global: &GlobalArgs, args: &SimilarArgs) -> CliResult {
    let (workspace, criteria) = load_criteria(global)?;
    workspace.require_root()?;
    let (library, keys) = load_with_content_keys(&workspace.root, &Checks::new(&criteria, today()?))?;
    let Some(index) = library.practices.iter().position(|p| p.slug == args.slug) else {
        return Err(anyhow!("no practice `{}` in {}", args.slug, workspace.root.display()).into());
    };
    let Some(target) = keys[index].as_ref() else {
        return Err(anyhow!(
            "practice `{}` has no text to compare (no name, summary or description)",
            args.slug
        )
        .into());
    };
    let rows: Vec<Row> = ranked(&target.signature, &keys, Some(index), args.limit)
        .into_iter()
        .map(|(i, similarity)| Row {
            slug: &library.practices[i].slug,
            similarity,
        })
        .collect();
    match args.format {
        SimilarFormat::Json => print(&output::json(&Report { practices: rows }))?,
        SimilarFormat::Table => {
            let mut table = output::table(vec!["practice".into(), "name".into(), "similarity".into()]);
            for row in &rows {
                let entry = library.practices.iter().find(|p| p.slug == row.slug).expect("listed");
                table.add_row(vec![
                    row.slug.to_string(),
                    output::terminal_text(entry.name()),
                    format!("{} %", (row.similarity * 100.0).round()),
                ]);
            }
            print(&format!("{table}\n"))?;
        }
    }
    Ok(())
}
