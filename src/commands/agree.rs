//! `practice agree`: agreement between independent assessors as a table, JSON or Markdown; `--draft-consensus`
//! writes a consensus draft; `--funnel` counts practices through the stages. The text is made in
//! [`crate::report::agree`].

use std::io::Write as _;

use crate::agreement::funnel;
use crate::agreement::kappa::Weighting;
use crate::agreement::{self, consensus, ItemSet, Subject};
use crate::cli::{AgreeArgs, AgreeFormat, GlobalArgs, KappaWeights};
use crate::commands::{load_criteria, print, today, CliError, CliResult};
use crate::diagnostic::Severity;
use crate::load::source;
use crate::model::{is_valid_slug, Keep, Library, ASSESSMENT_FILE, ASSESSORS_DIR};
use crate::report::agree::{self as report, AgreeReport, FunnelReport, Style};
use crate::report::output;
use crate::report::CriteriaRef;
use crate::validate::Checks;

/// Run `practice agree`.
pub fn run(global: &GlobalArgs, args: &AgreeArgs) -> CliResult {
    if let Some(slug) = &args.draft_consensus {
        return draft_consensus(global, slug);
    }
    let (workspace, criteria) = load_criteria(global)?;
    if args.paths.is_empty() {
        workspace.require_root()?;
    }
    let checks = Checks::new(&criteria, today()?);
    let library = Library::load_paths_keeping(&workspace.root, &args.paths, &checks, Keep::Agreement)?;
    let errors = library.error_count();

    if args.funnel {
        let funnel = funnel::funnel(&library, &criteria);
        print(&match args.format {
            AgreeFormat::Json => output::json(&FunnelReport {
                criteria: CriteriaRef::of(&criteria),
                funnel,
            }),
            AgreeFormat::Table => report::funnel_table(&funnel),
            AgreeFormat::Markdown => report::funnel_markdown(&criteria, &funnel),
        })?;
        return finish(global, errors, 0);
    }

    let weighting = match args.weights {
        KappaWeights::Linear => Weighting::Linear,
        KappaWeights::Quadratic => Weighting::Quadratic,
    };
    if args.outcomes {
        let outcomes = agreement::outcomes::outcomes(&library, &criteria, weighting);
        print(&match args.format {
            AgreeFormat::Json => output::json(&report::OutcomesReport {
                criteria: CriteriaRef::of(&criteria),
                outcomes,
            }),
            AgreeFormat::Table => report::outcomes_text(&criteria, &outcomes, Style::Table),
            AgreeFormat::Markdown => report::outcomes_text(&criteria, &outcomes, Style::Markdown),
        })?;
        return finish(global, errors, 0);
    }

    let subjects = match (&args.stage, &args.question) {
        (Some(stage), _) => vec![Subject::Stage(stage.clone())],
        (None, Some(question)) => vec![Subject::Question(question.clone())],
        (None, None) => agreement::default_subjects(&library, &criteria),
    };
    let sections = subjects
        .iter()
        .map(|subject| {
            Ok(agreement::analyse(
                &ItemSet::collect(&library, &criteria, subject)?,
                weighting,
            ))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let with_assessors = library.practices.iter().filter(|p| !p.assessors.is_empty()).count();
    let invalid: usize = sections.iter().map(|s| s.invalid).sum();
    print(&match args.format {
        AgreeFormat::Json => output::json(&AgreeReport {
            criteria: CriteriaRef::of(&criteria),
            practices: with_assessors,
            sections,
        }),
        AgreeFormat::Table => report::sections_text(&sections, Style::Table),
        AgreeFormat::Markdown => report::sections_text(&sections, Style::Markdown),
    })?;
    if !global.quiet && with_assessors == 0 {
        writeln!(
            std::io::stderr(),
            "note: no independent assessments found (practices/<slug>/{ASSESSORS_DIR}/<assessor>.toml)"
        )?;
    }
    finish(global, errors, invalid)
}

/// Warnings on stderr, and the exit code: 1 when the library has errors (as `practice score`).
fn finish(global: &GlobalArgs, errors: usize, invalid: usize) -> CliResult {
    if !global.quiet {
        let painter = super::stderr_painter(global);
        let mut err = std::io::stderr().lock();
        for warning in report::warnings(errors, invalid) {
            writeln!(err, "{}: {warning}", painter.severity(Severity::Warning))?;
        }
    }
    CliError::findings_if(errors > 0)
}

/// `practice agree --draft-consensus SLUG`: write `assessment.toml` from the independent assessments, never over
/// an existing one.
fn draft_consensus(global: &GlobalArgs, slug: &str) -> CliResult {
    if !is_valid_slug(slug) {
        return Err(anyhow::anyhow!("`{slug}` is not a valid slug: use lower-case a–z, digits and `-`").into());
    }
    let (workspace, criteria) = load_criteria(global)?;
    workspace.require_root()?;
    let dir = workspace.root.join(slug);
    if !dir.is_dir() {
        return Err(anyhow::anyhow!("no practice `{slug}` in {}", workspace.root.display()).into());
    }
    if let Some(path) = source::find_kind(&dir, ASSESSMENT_FILE).first() {
        return Err(anyhow::anyhow!(
            "{} exists: a consensus is never overwritten. Compare it with `practice agree {}`, or move it away to draft anew",
            path.display(),
            dir.display()
        )
        .into());
    }
    let entry = crate::validate::load_practice_checked(&dir, &workspace.root, &Checks::new(&criteria, today()?));
    let assessors_dir = dir.join(ASSESSORS_DIR);
    let broken: Vec<_> = entry
        .findings
        .iter()
        .filter(|f| f.is_error() && f.file.starts_with(&assessors_dir))
        .collect();
    if !broken.is_empty() {
        let style = super::finding_style(global, super::Stream::Stderr);
        let mut err = std::io::stderr().lock();
        for finding in &broken {
            output::write_finding(&mut err, style, finding)?;
        }
        writeln!(
            err,
            "the independent assessments of {slug} have errors; fix them before drafting a consensus"
        )?;
        return Err(CliError::findings());
    }
    let draft = consensus::draft(&entry, &criteria, today()?)?;
    let path = dir.join(format!("{ASSESSMENT_FILE}.toml"));
    crate::write::create_new(&path, draft.text.as_bytes())?;
    if !global.quiet {
        write!(
            std::io::stderr().lock(),
            "{}",
            report::draft_written(&draft, &path, &dir)
        )?;
    }
    Ok(())
}
