//! `practice render`: recommendation sheets and the index, written into the output folder.

use crate::model::number::count;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{GlobalArgs, RenderArgs};
use crate::commands::{load_criteria, print, today, CliError, CliResult};
use crate::diagnostic::Severity;
use crate::model::{Keep, Library, PracticeEntry};
use crate::render::{self, SheetContent, Summary, DEFAULT_OUT_DIR};
use crate::report::output;
use crate::scoring::score_library_summaries;
use crate::validate::{load_practice_checked, Checks};

/// Run `practice render`.
pub fn run(global: &GlobalArgs, args: &RenderArgs) -> CliResult {
    let (workspace, criteria) = load_criteria(global)?;
    if args.paths.is_empty() {
        workspace.require_root()?;
    }
    let out_dir: PathBuf = match &args.out {
        Some(out) => out.clone(),
        None => workspace
            .criteria_path
            .parent()
            .unwrap_or(Path::new(""))
            .join(DEFAULT_OUT_DIR),
    };

    // Nothing is written or pruned through a link in the library that leads out of it (`anbefalinger -> /etc`).
    let library_dir = workspace.criteria_path.parent().unwrap_or(Path::new(""));
    crate::write::refuse_escaping_link(library_dir, &out_dir)?;

    // The first pass keeps what the index needs; each sheet's practice is loaded again, whole, while its sheet is
    // written (render::SheetContent::Reload), so memory stays that of a listing however large the library is.
    let checks = Checks::new(&criteria, today()?);
    let selection = Library::load_paths_keeping(&workspace.root, &args.paths, &checks, Keep::Listing)?;
    // With paths, sheets are written for the selection only; the index (and the links between sheets) still
    // cover the whole library under the root, when there is one.
    let whole = if args.paths.is_empty() || !workspace.root.is_dir() {
        None
    } else {
        Some(Library::load_paths_keeping(
            &workspace.root,
            &[],
            &checks,
            Keep::Listing,
        )?)
    };
    let scored = score_library_summaries(&selection, &criteria);
    let scored_whole = whole
        .as_ref()
        .map(|library| score_library_summaries(library, &criteria));
    let library = if args.paths.is_empty() {
        Some(scored.as_slice())
    } else {
        scored_whole.as_deref()
    };
    let reload = |entry: &PracticeEntry| load_practice_checked(&entry.dir, &workspace.root, &checks);
    let options = render::Options {
        prune: args.prune,
        check: args.check,
        mdbook: args.mdbook,
    };
    let summary = render::render_options(
        &out_dir,
        &criteria,
        &scored,
        library,
        &options,
        SheetContent::Reload(&reload),
    )?;

    if !global.quiet && !args.check {
        print(&summary_text(&summary, &out_dir))?;
    }
    let errors = selection.error_count();
    let painter = super::stderr_painter(global);
    let mut err = std::io::stderr().lock();
    report_practices(&mut err, &painter, &summary.skipped, "no sheet")?;
    report_practices(&mut err, &painter, &summary.kept, "sheet not updated")?;
    if !summary.differs.is_empty() {
        writeln!(
            err,
            "{}: {} from what `practice render` would write:",
            painter.severity(Severity::Error),
            count(
                summary.differs.len(),
                "generated file differs",
                "generated files differ"
            )
        )?;
        for path in &summary.differs {
            writeln!(err, "  {}", path.display())?;
        }
    }
    if !global.quiet {
        let stale = ("generated file belongs", "generated files belong");
        report_stale_and_errors(&mut err, &painter, &summary.stale, stale, errors, "sheets")?;
    }
    super::refuse_unreadable(&selection)?;
    CliError::findings_if(errors > 0 || !summary.skipped.is_empty() || !summary.differs.is_empty())
}

fn summary_text(summary: &Summary, out_dir: &Path) -> String {
    let index = if summary.index { " and the index" } else { "" };
    let mut text = format!(
        "rendered {}{index} into {}: {} created, {} updated, {} unchanged\n",
        count(summary.sheets, "sheet", "sheets"),
        out_dir.display(),
        summary.created,
        summary.updated,
        summary.unchanged
    );
    for path in &summary.pruned {
        text.push_str(&format!("deleted {}\n", path.display()));
    }
    text
}

/// One error line per practice that got no output, or whose output was kept: `error: DIR: WHAT: why`.
pub(super) fn report_practices(
    err: &mut impl Write,
    painter: &output::Painter,
    practices: &[render::Skipped],
    what: &str,
) -> std::io::Result<()> {
    for practice in practices {
        writeln!(
            err,
            "{}: {}: {what}: {}",
            painter.severity(Severity::Error),
            output::terminal_safe(&practice.dir.display().to_string(), false),
            practice.reason
        )?;
    }
    Ok(())
}

/// The warnings after writing generated files (`render`, `site`): files of practices that are no longer in the
/// library (`stale`: singular and plural of "generated … belongs"), and how many practices have errors, so their
/// `outputs` may be incomplete.
pub(super) fn report_stale_and_errors(
    err: &mut impl Write,
    painter: &output::Painter,
    stale: &[PathBuf],
    (one, many): (&str, &str),
    errors: usize,
    outputs: &str,
) -> std::io::Result<()> {
    if !stale.is_empty() {
        writeln!(
            err,
            "{}: {} to practices that are no longer in the library (run with --prune to delete them):",
            painter.severity(Severity::Warning),
            count(stale.len(), one, many)
        )?;
        for path in stale {
            writeln!(err, "  {}", path.display())?;
        }
    }
    if errors > 0 {
        writeln!(
            err,
            "{}: {} errors, so their {outputs} may be incomplete; run `practice validate`",
            painter.severity(Severity::Warning),
            count(errors, "practice has", "practices have")
        )?;
    }
    Ok(())
}
