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
    // create_dir fails when anything exists there: an existing practice is never touched.
    fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let (file, text) = match args.format {
        FileFormat::Toml => ("practice.toml", scaffold_toml(&criteria, args.name.as_deref())),
        FileFormat::Yaml => ("practice.yaml", scaffold_yaml(&criteria, args.name.as_deref())),
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
