//! `practice regrade`: recompute and store grades, check them (`--check`), or preview a criteria change
//! (`--compare OLD NEW`). The work is done in [`crate::regrade`], the text in [`crate::report::regrade`]; this
//! module loads, calls and prints.

use crate::model::number::count;
use std::io::{IsTerminal, Write as _};
use std::path::PathBuf;
use std::sync::OnceLock;

use crate::cli::{GlobalArgs, RegradeArgs, RegradeFormat};
use crate::commands::{load_criteria, print, report_criteria_error, resolve_workspace, CliError, CliResult};
use crate::diagnostic::Severity;
use crate::load::workspace::CriteriaError;
use crate::model::Library;
use crate::regrade::{self, criteria_diff, CriteriaSpec, Summary};
use crate::report::output;
use crate::report::regrade::{Compared, Mode, Regraded};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Runs with at least this many practices show a progress bar (on a terminal, without `--quiet`).
const PROGRESS_MIN_PRACTICES: usize = 500;

/// A progress bar for long runs: drawn on standard error only when it is a terminal, never with `--quiet`.
struct ProgressBarOnTerminal {
    enabled: bool,
    bar: OnceLock<ProgressBar>,
}

impl ProgressBarOnTerminal {
    fn new(global: &GlobalArgs) -> ProgressBarOnTerminal {
        ProgressBarOnTerminal {
            enabled: !global.quiet && std::io::stderr().is_terminal(),
            bar: OnceLock::new(),
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}

impl regrade::Progress for ProgressBarOnTerminal {
    fn start(&self, practices: usize) {
        if !self.enabled || practices < PROGRESS_MIN_PRACTICES {
            return;
        }
        // Loading and grading each count once per practice.
        let bar = ProgressBar::with_draw_target(Some(2 * practices as u64), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:40}] {percent:>3}% {elapsed}") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(format!("regrading {practices} practices"));
        let _ = self.bar.set(bar);
    }

    fn extend(&self, steps: usize) {
        if let Some(bar) = self.bar.get() {
            bar.inc_length(steps as u64);
            if steps > 0 {
                bar.set_message(format!("writing {steps} stored grades"));
            }
        }
    }

    fn tick(&self) {
        if let Some(bar) = self.bar.get() {
            bar.inc(1);
        }
    }
}

/// Run `practice regrade`.
pub fn run(global: &GlobalArgs, args: &RegradeArgs) -> CliResult {
    if let Some(specs) = &args.compare {
        return compare(global, args, specs);
    }
    let (workspace, criteria) = load_criteria(global)?;
    if args.paths.is_empty() {
        workspace.require_root()?;
    }
    let mode = if args.check {
        Mode::Check
    } else if args.dry_run {
        Mode::DryRun
    } else {
        Mode::Regrade
    };
    let progress = ProgressBarOnTerminal::new(global);
    let (library, mut changes) = regrade::load_and_regrade(
        &workspace.root,
        &args.paths,
        &criteria,
        mode == Mode::Regrade,
        &progress,
    )?;
    let applied = (mode == Mode::Regrade).then(|| regrade::apply(&mut changes, &progress));
    progress.finish();
    let summary = Summary::of(&changes);
    report_library_findings(global, &library)?;
    let regraded = Regraded {
        mode,
        criteria: &criteria,
        changes: &changes,
        summary: &summary,
        applied: applied.as_ref(),
    };
    print(&match args.format {
        RegradeFormat::Json => regraded.json(),
        RegradeFormat::Table => regraded.text(!global.quiet),
    })?;

    super::refuse_unreadable(&library)?;
    let painter = super::stderr_painter(global);
    let mut err = std::io::stderr().lock();
    // Folders that could not be followed (a link leading outside the library, a broken link) were not graded.
    let skipped_folders = library.findings.iter().any(|f| f.is_error());
    if mode == Mode::Check {
        let needs_attention = regraded.needs_attention();
        if needs_attention.is_empty() && skipped_folders {
            return Err(CliError::findings());
        }
        if needs_attention.is_empty() {
            if !global.quiet {
                writeln!(err, "all stored grades are up to date")?;
            }
            return Ok(());
        }
        let names: Vec<&str> = needs_attention.iter().map(|c| c.slug.as_str()).collect();
        writeln!(
            err,
            "{}: {} missing, stale or not checkable: {}; run `practice regrade`",
            painter.severity(Severity::Error),
            count(names.len(), "stored grade", "stored grades"),
            names.join(", ")
        )?;
        return Err(CliError::findings());
    }
    let write_failures = applied.as_ref().map_or(0, |a| a.failed);
    if write_failures > 0 {
        return Err(anyhow::anyhow!(
            "{} not be written; old files were left as they were",
            count(write_failures, "stored grade could", "stored grades could")
        )
        .into());
    }
    if summary.failed > 0 {
        writeln!(
            err,
            "{}: {} not be graded; see above",
            painter.severity(Severity::Warning),
            count(summary.failed, "practice could", "practices could")
        )?;
        return Err(CliError::findings());
    }
    CliError::findings_if(skipped_folders)
}

/// `practice regrade --compare OLD NEW`.
fn compare(global: &GlobalArgs, args: &RegradeArgs, specs: &[String]) -> CliResult {
    let [old_spec, new_spec] = specs else {
        return Err(anyhow::anyhow!("--compare takes two criteria files: OLD NEW").into());
    };
    // An unreadable file ends the command at once (exit code 2); the findings of both files are shown together.
    let mut failure = None;
    let mut criteria = Vec::new();
    for spec in [CriteriaSpec::parse(old_spec), CriteriaSpec::parse(new_spec)] {
        match spec.load() {
            Ok(loaded) => criteria.push(loaded),
            Err(CriteriaError::Io(error)) => return Err(error.into()),
            Err(error) => {
                let what = spec.display_path().display().to_string();
                failure = Some(report_criteria_error(global, error, &what, ""));
            }
        }
    }
    if let Some(failure) = failure {
        return Err(failure);
    }
    let (Some(new), Some(old)) = (criteria.pop(), criteria.pop()) else {
        return Err(CliError::findings());
    };
    let root: PathBuf = match &global.root {
        Some(root) => root.clone(),
        None => resolve_workspace(global)?.root,
    };
    if args.paths.is_empty() && !root.is_dir() {
        return Err(anyhow::anyhow!("practices folder {} not found; pass --root PATH", root.display()).into());
    }
    let progress = ProgressBarOnTerminal::new(global);
    let (library, changes) = regrade::load_and_compare(&root, &args.paths, &old, &new, &progress)?;
    progress.finish();
    let summary = Summary::of(&changes);
    let diff = criteria_diff::diff(&old, &new);
    report_library_findings(global, &library)?;
    let compared = Compared {
        old: &old,
        new: &new,
        diff: &diff,
        changes: &changes,
        summary: &summary,
    };
    print(&match args.format {
        RegradeFormat::Json => compared.json(),
        RegradeFormat::Table => compared.text(!global.quiet),
    })?;
    if diff.version_not_bumped() && !global.quiet {
        let painter = super::stderr_painter(global);
        writeln!(
            std::io::stderr().lock(),
            "{}: the criteria differ in ways that can move grades, but both are version {}: bump `version` in the new file",
            painter.severity(Severity::Warning),
            new.version
        )?;
    }
    super::refuse_unreadable(&library)?;
    CliError::findings_if(summary.failed > 0)
}

/// Library-level findings (unreadable folders, broken links) go to stderr: those practices were not graded.
fn report_library_findings(global: &GlobalArgs, library: &Library) -> anyhow::Result<()> {
    if library.findings.is_empty() {
        return Ok(());
    }
    let style = super::finding_style(global, super::Stream::Stderr);
    let mut err = std::io::stderr().lock();
    for finding in &library.findings {
        output::write_finding(&mut err, style, finding)?;
    }
    Ok(())
}
