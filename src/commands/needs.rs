//! `practice needs`: the library's knowledge needs and most frequent «nei» answers per fagområde.

use anyhow::anyhow;
use serde::Serialize;

use crate::cli::{GlobalArgs, NeedsArgs, NeedsFormat};
use crate::commands::{load_criteria, print, today, CliResult};
use crate::model::{Keep, Library};
use crate::needs::{needs, Group};
use crate::render::escape::inline;
use crate::report::output;
use crate::validate::Checks;

#[derive(Serialize)]
struct Report<'a> {
    facet: &'a str,
    groups: &'a [Group],
}

/// Run `practice needs`.
pub fn run(global: &GlobalArgs, args: &NeedsArgs) -> CliResult {
    let (workspace, criteria) = load_criteria(global)?;
    workspace.require_root()?;
    let Some(facet) = criteria.facets.iter().find(|f| f.key == args.facet) else {
        let keys: Vec<&str> = criteria.facets.iter().map(|f| f.key.as_str()).collect();
        return Err(anyhow!("unknown facet `{}`; facets: {}", args.facet, keys.join(", ")).into());
    };
    let library = Library::load_paths_keeping(
        &workspace.root,
        &[],
        &Checks::new(&criteria, today()?),
        Keep::Everything,
    )?;
    let groups = needs(&library, &criteria, &facet.key);
    match args.format {
        NeedsFormat::Json => print(&output::json(&Report {
            facet: &facet.key,
            groups: &groups,
        }))?,
        NeedsFormat::Markdown => {
            let labels = crate::model::Labels::from_criteria(&criteria);
            let mut out = format!("# {}\n", inline(&labels.needs_title));
            for group in &groups {
                out.push_str(&format!(
                    "\n## {}: {} ({})\n",
                    inline(&facet.label),
                    inline(&group.value),
                    group.practices
                ));
                if !group.knowledge_needs.is_empty() {
                    out.push_str(&format!("\n### {}\n\n", inline(&labels.knowledge_needs)));
                    for need in &group.knowledge_needs {
                        let date = need.date.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
                        out.push_str(&format!("- {}{date} – {}\n", inline(&need.need), inline(&need.slug)));
                    }
                }
                if !group.frequent_no.is_empty() {
                    out.push_str(&format!("\n### {}\n\n", inline(&labels.needs_frequent_no)));
                    for q in &group.frequent_no {
                        out.push_str(&format!(
                            "- {} {} ({} / {})\n",
                            inline(&q.question),
                            inline(&q.text),
                            q.count,
                            q.assessed
                        ));
                    }
                }
            }
            print(&out)?;
        }
    }
    Ok(())
}
