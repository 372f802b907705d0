//! `practice new`: scaffold a practice folder from the criteria's description template.

use std::fs;
use std::io::Write as _;

use anyhow::Context;

use crate::cli::{FileFormat, GlobalArgs, NewArgs};
use crate::commands::{load_criteria, CliResult};
use crate::model::is_valid_slug;
use crate::render::scaffold::{scaffold_assessment, scaffold_toml, scaffold_yaml, Syntax};
use crate::schema::directive::with_directive;

/// Run `practice new`.
pub fn run(global: &GlobalArgs, args: &NewArgs) -> CliResult {
    if !is_valid_slug(&args.slug) {
        return Err(anyhow::anyhow!(
            "`{}` is not a valid slug: use lower-case a–z, digits and `-` (e.g. `sprakpraksis-grimstad`)",
            args.slug
        )
        .into());
    }
    let (workspace, criteria) = load_criteria(global)?;
    fs::create_dir_all(&workspace.root).with_context(|| format!("cannot create {}", workspace.root.display()))?;
    let dir = workspace.root.join(&args.slug);
    let syntax = match args.format {
        FileFormat::Toml => Syntax::Toml,
        FileFormat::Yaml => Syntax::Yaml,
    };
    if args.assessment && dir.is_dir() {
        let path = dir.join(format!("assessment.{}", syntax.extension()));
        let text = with_directive(&workspace, &path, syntax.into(), scaffold_assessment(&criteria, syntax));
        crate::write::create_new(&path, text.as_bytes())?;
        if !global.quiet {
            writeln!(
                std::io::stderr(),
                "created {}: answer each question, then run `practice score {}`",
                path.display(),
                dir.display()
            )?;
        }
        return Ok(());
    }
    if !global.quiet {
        warn_if_resembling(&workspace.root, args)?;
    }
    // create_dir fails when anything exists there: an existing practice is never touched.
    fs::create_dir(&dir).with_context(|| format!("cannot create {} (does it exist already?)", dir.display()))?;
    let (file, text) = match args.format {
        FileFormat::Toml => ("practice.toml", scaffold_toml(&criteria, args.name.as_deref())),
        FileFormat::Yaml => ("practice.yaml", scaffold_yaml(&criteria, args.name.as_deref())),
    };
    let text = match &args.summary {
        Some(summary) => text.replacen(
            &syntax.assign(false, "summary", ""),
            &syntax.assign(false, "summary", summary),
            1,
        ),
        None => text,
    };
    let path = dir.join(file);
    let text = with_directive(&workspace, &path, syntax.into(), text);
    if let Err(error) = crate::write::create_new(&path, text.as_bytes()) {
        // Leave nothing half-made: the folder was empty a moment ago.
        let _ = fs::remove_dir(&dir);
        return Err(error.into());
    }
    if args.assessment {
        let assessment = dir.join(format!("assessment.{}", syntax.extension()));
        let text = with_directive(
            &workspace,
            &assessment,
            syntax.into(),
            scaffold_assessment(&criteria, syntax),
        );
        crate::write::create_new(&assessment, text.as_bytes())?;
    }
    if !global.quiet {
        writeln!(
            std::io::stderr(),
            "created {}: fill it in, then run `practice validate {}`",
            path.display(),
            dir.display()
        )?;
    }
    Ok(())
}

/// Phase 1 asks first whether a nomination is new or a variant of a known practice: warn (stderr) when the new name,
/// or the `--summary` given, resembles an existing practice's.
fn warn_if_resembling(root: &std::path::Path, args: &NewArgs) -> anyhow::Result<()> {
    use crate::validate::similar::short_text_similarity;
    const THRESHOLD: f64 = 0.35;
    if args.name.is_none() && args.summary.is_none() || !root.is_dir() {
        return Ok(());
    }
    let (_, texts) = crate::load::library::load_library(root, &[], crate::model::Keep::Findings, |entry, _| {
        let practice = entry.practice.as_ref().map(|p| &p.value);
        (
            entry.slug.clone(),
            practice.and_then(|p| p.name.clone()),
            practice.and_then(|p| p.summary.clone()),
        )
    })?;
    let mut close: Vec<(f64, String)> = texts
        .into_iter()
        .filter_map(|(slug, name, summary)| {
            let by_name = match (&args.name, name) {
                (Some(new), Some(old)) => short_text_similarity(new, &old),
                _ => 0.0,
            };
            let by_summary = match (&args.summary, summary) {
                (Some(new), Some(old)) => short_text_similarity(new, &old),
                _ => 0.0,
            };
            let best = by_name.max(by_summary);
            (best >= THRESHOLD).then_some((best, slug))
        })
        .collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    if !close.is_empty() {
        let list: Vec<String> = close
            .iter()
            .take(5)
            .map(|(s, slug)| format!("{slug} ({} %)", (s * 100.0).round()))
            .collect();
        writeln!(
            std::io::stderr(),
            "warning: the new practice resembles {}: if it is a variant, set `variant_of` (see `practice similar`)",
            list.join(", ")
        )?;
    }
    Ok(())
}
