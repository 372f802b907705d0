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
    // create_dir fails when anything exists there: an existing practice is never touched.
    fs::create_dir(&dir).with_context(|| format!("cannot create {} (does it exist already?)", dir.display()))?;
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
