//! `practice site`: the static website, written into the output folder.

use crate::model::number::count;
use std::path::{Path, PathBuf};

use crate::cli::{GlobalArgs, SiteArgs};
use crate::commands::{load_criteria, print, today, CliError, CliResult};
use crate::model::{Keep, Library, PracticeEntry};
use crate::render::SheetContent;
use crate::scoring::score_library_summaries;
use crate::site::{self, DEFAULT_OUT_DIR};
use crate::validate::{load_practice_checked, Checks};

/// Run `practice site`.
pub fn run(global: &GlobalArgs, args: &SiteArgs) -> CliResult {
    let (workspace, criteria) = load_criteria(global)?;
    workspace.require_root()?;
    let out_dir: PathBuf = args.out.clone().unwrap_or_else(|| {
        workspace
            .criteria_path
            .parent()
            .unwrap_or(Path::new(""))
            .join(DEFAULT_OUT_DIR)
    });
    // Nothing is written or pruned through a link in the library that leads out of it.
    let library_dir = workspace.criteria_path.parent().unwrap_or(Path::new(""));
    crate::write::refuse_escaping_link(library_dir, &out_dir)?;
    // As `render`: a listing first, each practice loaded whole again while its page is written.
    let checks = Checks::new(&criteria, today()?);
    let library = Library::load_paths_keeping(&workspace.root, &[], &checks, Keep::Listing)?;
    let scored = score_library_summaries(&library, &criteria);
    let reload = |entry: &PracticeEntry| load_practice_checked(&entry.dir, &workspace.root, &checks);
    let summary = site::build(&out_dir, &criteria, &scored, args.prune, SheetContent::Reload(&reload))?;

    if !global.quiet {
        let mut text = format!(
            "built the site of {} into {}: {} created, {} updated, {} unchanged\n",
            count(summary.practices, "practice", "practices"),
            out_dir.display(),
            summary.created,
            summary.updated,
            summary.unchanged
        );
        for path in &summary.pruned {
            text.push_str(&format!("deleted {}\n", path.display()));
        }
        print(&text)?;
    }
    let errors = library.error_count();
    let painter = super::stderr_painter(global);
    let mut err = std::io::stderr().lock();
    super::render::report_practices(&mut err, &painter, &summary.skipped, "no page")?;
    if !global.quiet {
        let stale = ("generated page belongs", "generated pages belong");
        super::render::report_stale_and_errors(&mut err, &painter, &summary.stale, stale, errors, "pages")?;
    }
    super::refuse_unreadable(&library)?;
    CliError::findings_if(errors > 0 || !summary.skipped.is_empty())
}
