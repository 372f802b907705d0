//! `practice new`: scaffold a practice folder from the criteria's description template.

use std::fs;
use std::io::Write as _;
use std::path::Path;

use anyhow::Context;

use crate::cli::{FileFormat, GlobalArgs, NewArgs};
use crate::commands::{load_criteria, CliResult};
use crate::load::source::find_kind;
use crate::model::is_valid_slug;
use crate::render::scaffold::{scaffold_assessment, scaffold_toml, scaffold_yaml, Syntax};
use crate::schema::directive::with_directive;
use crate::validate::similar::resembling;

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
    let assessment = dir.join(format!("assessment.{}", syntax.extension()));
    let assessment_text = || {
        with_directive(
            &workspace,
            &assessment,
            syntax.into(),
            scaffold_assessment(&criteria, syntax),
        )
    };
    let exists = fs::symlink_metadata(&dir).is_ok();
    if args.assessment && exists {
        refuse_second_assessment(&dir, &args.slug)?;
        crate::write::create_new(&assessment, assessment_text().as_bytes())?;
        if !global.quiet {
            writeln!(
                std::io::stderr(),
                "created {}: answer each question, then run `practice score {}`",
                assessment.display(),
                dir.display()
            )?;
        }
        return Ok(());
    }
    if exists {
        return Err(anyhow::anyhow!(
            "practice `{}` exists; `--assessment` scaffolds only its assessment",
            args.slug
        )
        .into());
    }
    if !global.quiet {
        warn_if_resembling(&workspace.root, args)?;
    }
    // create_dir fails when anything exists there: an existing practice is never touched.
    fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
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
        if let Err(error) = crate::write::create_new(&assessment, assessment_text().as_bytes()) {
            // Both or neither: remove the practice file and the folder made a moment ago.
            crate::write::undo_create(&path);
            let _ = fs::remove_dir(&dir);
            return Err(error.into());
        }
    }
    if !global.quiet {
        let mut err = std::io::stderr();
        writeln!(
            err,
            "created {}: fill it in, then run `practice validate {}`",
            path.display(),
            dir.display()
        )?;
        if args.assessment {
            writeln!(
                err,
                "created {}: answer each question, then run `practice score {}`",
                assessment.display(),
                dir.display()
            )?;
        }
    }
    Ok(())
}

/// Phase 1 asks first whether a nomination is new or a variant of a known practice: warn (stderr) when the new name,
/// or the `--summary` given, resembles an existing practice's ([`resembling`]).
fn warn_if_resembling(root: &Path, args: &NewArgs) -> anyhow::Result<()> {
    if args.name.is_none() && args.summary.is_none() || !root.is_dir() {
        return Ok(());
    }
    let close = resembling(root, args.name.as_deref(), args.summary.as_deref())?;
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

/// Refuse to scaffold an assessment beside one that exists in any format (`assessment.{toml,yaml,yml}`): two would be
/// a duplicate-file finding.
fn refuse_second_assessment(dir: &Path, slug: &str) -> anyhow::Result<()> {
    match find_kind(dir, "assessment").first() {
        Some(existing) => anyhow::bail!(
            "practice `{slug}` has an assessment already ({}); edit it instead of scaffolding another",
            existing.display()
        ),
        None => Ok(()),
    }
}
