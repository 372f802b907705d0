//! Recommendation sheets and the knowledge base (phase 4 of the model): `practice render`.
//!
//! A pipeline in three steps, each testable alone:
//!
//! 1. load — the caller loads a [`crate::model::Library`] and scores it ([`crate::scoring::score_library`]);
//! 2. model — [`model::sheet`] and [`model::index`] resolve everything a page shows (labels from the criteria file
//!    via [`crate::model::Labels`], percentages, grouped and sorted lists) into plain structs;
//! 3. render — [`markdown::sheet`], [`svg::chart`] and [`index::index`] lay the models out as text, escaping all
//!    user text ([`escape`]).
//!
//! [`render`] ties them together and writes the files with [`crate::write::write_if_changed`]: atomically, only
//! when the content changed, never through a symbolic link, and never over a file that does not start with the
//! generated-file marker ([`markdown::MARKER`]) — a hand-written file in the output folder is left alone and the
//! render stops before writing anything.

pub mod criteria;
pub mod escape;
pub mod index;
pub mod lifecycle;
pub mod markdown;
pub mod mdbook;
pub mod model;
pub mod reason;
pub mod scaffold;
pub mod svg;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use rayon::prelude::*;

use crate::model::criteria::Criteria;
use crate::model::Labels;
use crate::model::PracticeEntry;
use crate::scoring;
use crate::scoring::ScoredPractice;
use crate::write::{write_if_changed_with, Durability, WriteResult};

/// The index page's file stem; no practice may use it as its slug.
pub const INDEX_STEM: &str = "index";
/// The index page's file name.
pub const INDEX_FILE: &str = "index.md";
/// The default output folder, beside the criteria file.
pub const DEFAULT_OUT_DIR: &str = "anbefalinger";
/// mdBook's table of contents, written with [`Options::mdbook`].
pub const SUMMARY_FILE: &str = "SUMMARY.md";
/// mdBook's configuration, written with [`Options::mdbook`].
pub const BOOK_FILE: &str = "book.toml";

/// One generated file: a name inside the output folder and its content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// File name (no folders).
    pub name: String,
    /// Content.
    pub content: String,
}

/// A practice that gets no sheet, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Its folder name.
    pub slug: String,
    /// Its folder.
    pub dir: PathBuf,
    /// Why.
    pub reason: String,
}

/// What a render did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files created.
    pub created: usize,
    /// Files whose content changed.
    pub updated: usize,
    /// Files left as they were (same content).
    pub unchanged: usize,
    /// Sheets written (practices).
    pub sheets: usize,
    /// Whether the index was written (or found unchanged).
    pub index: bool,
    /// Practices without a sheet.
    pub skipped: Vec<Skipped>,
    /// Generated files for practices that are no longer in the library (kept unless pruning).
    pub stale: Vec<PathBuf>,
    /// Stale files deleted by `--prune`.
    pub pruned: Vec<PathBuf>,
    /// Practices with errors whose sheet (and chart) from an earlier render were kept instead of being replaced by a
    /// sheet made from what still loads, with the reason.
    pub kept: Vec<Skipped>,
    /// With [`Options::check`]: files whose content differs from what would be rendered (or that are missing).
    pub differs: Vec<PathBuf>,
}

/// How [`render_options`] writes.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Delete stale generated files.
    pub prune: bool,
    /// Write nothing: compare each file with what would be written and list those that differ in
    /// [`Summary::differs`] (`render --check`).
    pub check: bool,
    /// With the index, also write [`SUMMARY_FILE`] and [`BOOK_FILE`], so that `mdbook build` in the output folder
    /// publishes the sheets (`render --mdbook`).
    pub mdbook: bool,
}

impl Summary {
    fn record(&mut self, result: Emitted) {
        match result {
            Emitted::Written(WriteResult::Created) => self.created += 1,
            Emitted::Written(WriteResult::Updated) => self.updated += 1,
            Emitted::Written(WriteResult::Unchanged) => self.unchanged += 1,
            Emitted::Differs(path) => self.differs.push(path),
        }
    }
}

/// What became of one page: written (or found unchanged), or, when checking, found to differ.
enum Emitted {
    Written(WriteResult),
    Differs(PathBuf),
}

/// Compare a page with the file of its name, writing nothing.
fn check_page(out_dir: &Path, page: &Page) -> anyhow::Result<Emitted> {
    let path = out_dir.join(&page.name);
    match fs::read(&path) {
        Ok(bytes) if bytes == page.content.as_bytes() => Ok(Emitted::Written(WriteResult::Unchanged)),
        Ok(_) => Ok(Emitted::Differs(path)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Emitted::Differs(path)),
        Err(e) => Err(anyhow::anyhow!("cannot read {}: {e}", path.display())),
    }
}

/// The pages of one practice: `<slug>.md`, and `<slug>.svg` when it is assessed. `names` maps the library's
/// slugs to names, for links to related practices.
pub fn practice_pages(
    criteria: &Criteria,
    labels: &Labels,
    practice: &ScoredPractice<'_>,
    names: &HashMap<&str, &str>,
) -> Vec<Page> {
    practice_pages_linked(criteria, labels, practice, names, &HashMap::new(), &HashMap::new())
}

/// [`practice_pages`], with links by an old slug resolved (`aliases`, see [`model::alias_map`]).
pub fn practice_pages_linked(
    criteria: &Criteria,
    labels: &Labels,
    practice: &ScoredPractice<'_>,
    names: &HashMap<&str, &str>,
    aliases: &HashMap<&str, &str>,
    variants: &HashMap<&str, Vec<&str>>,
) -> Vec<Page> {
    let sheet = model::sheet_linked(criteria, labels, practice, names, aliases, variants);
    let mut pages = vec![Page {
        name: format!("{}.md", sheet.slug),
        content: markdown::sheet(&sheet, labels, INDEX_FILE),
    }];
    if let Some(chart) = &sheet.chart {
        pages.push(Page {
            name: format!("{}.svg", sheet.slug),
            content: svg::chart(chart),
        });
    }
    pages
}

/// The index page of the whole library (`scored` sorted as [`crate::scoring::score_library`] sorts).
pub fn index_page(criteria: &Criteria, labels: &Labels, scored: &[ScoredPractice<'_>]) -> Page {
    let model = model::index(criteria, labels, scored);
    Page {
        name: INDEX_FILE.to_string(),
        content: index::index(&model, labels),
    }
}

/// Where [`render_with`] takes the content of a practice's sheet from.
#[derive(Clone, Copy)]
pub enum SheetContent<'f> {
    /// From the entries given: they were loaded whole ([`crate::model::Keep::Everything`]).
    AsGiven,
    /// The entries given were loaded keeping only what the index needs ([`crate::model::Keep::Listing`], scored
    /// with [`crate::scoring::score_library_summaries`]): each practice is loaded again, whole, by this function and
    /// scored while its sheet is written, and dropped afterwards. The files are read twice, but memory stays that of
    /// a listing however large the library is (10,000 practices kept whole take about 380 MB; see BENCHMARKS.md).
    Reload(&'f (dyn Fn(&PracticeEntry) -> PracticeEntry + Sync)),
}

/// Render sheets for `sheets` into `out_dir`; when `library` (the whole library) is given, also the index, links
/// between sheets, and the list of stale generated files (deleted when `prune` is set). Fails without writing
/// anything when a target exists and was not written by this tool. The entries must hold everything; see
/// [`render_with`] for entries that keep less.
pub fn render(
    out_dir: &Path,
    criteria: &Criteria,
    sheets: &[ScoredPractice<'_>],
    library: Option<&[ScoredPractice<'_>]>,
    prune: bool,
) -> anyhow::Result<Summary> {
    render_with(out_dir, criteria, sheets, library, prune, SheetContent::AsGiven)
}

/// [`render`], with the sheets' content taken as `content` says.
pub fn render_with(
    out_dir: &Path,
    criteria: &Criteria,
    sheets: &[ScoredPractice<'_>],
    library: Option<&[ScoredPractice<'_>]>,
    prune: bool,
    content: SheetContent<'_>,
) -> anyhow::Result<Summary> {
    let options = Options {
        prune,
        check: false,
        mdbook: false,
    };
    render_options(out_dir, criteria, sheets, library, &options, content)
}

/// [`render_with`], pruning or only checking as `options` say.
///
/// A practice with errors whose sheet exists already keeps that sheet and its chart: a file that no longer loads
/// must not turn a good sheet into an «Ikke vurdert» one (nor its chart into a stale file). It is listed in
/// [`Summary::kept`].
pub fn render_options(
    out_dir: &Path,
    criteria: &Criteria,
    sheets: &[ScoredPractice<'_>],
    library: Option<&[ScoredPractice<'_>]>,
    options: &Options,
    content: SheetContent<'_>,
) -> anyhow::Result<Summary> {
    let labels = Labels::from_criteria(criteria);
    let mut summary = Summary::default();

    // Which practices get a sheet: valid, unique slugs that do not clash with the index.
    let (chosen, skipped) = choose(sheets);
    summary.skipped = skipped;
    // A practice whose description does not load gets no sheet made from what is left (headed by its slug, with no
    // description); a sheet from an earlier render is kept below, as for any practice with errors.
    let (unloadable, chosen): (Vec<_>, Vec<_>) = chosen
        .into_iter()
        .partition(|p| p.entry.does_not_load("practice") && !out_dir.join(format!("{}.md", p.entry.slug)).is_file());
    summary.skipped.extend(unloadable.iter().map(|p| Skipped {
        slug: p.entry.slug.clone(),
        dir: p.entry.dir.clone(),
        reason: "its description does not load (run `practice validate`)".to_string(),
    }));
    let (chosen, kept): (Vec<_>, Vec<_>) = chosen
        .into_iter()
        .partition(|p| !(p.entry.has_errors() && out_dir.join(format!("{}.md", p.entry.slug)).is_file()));
    let kept_files: Vec<String> = kept
        .iter()
        .flat_map(|p| [format!("{}.md", p.entry.slug), format!("{}.svg", p.entry.slug)])
        .collect();
    summary.kept = kept
        .iter()
        .map(|p| Skipped {
            slug: p.entry.slug.clone(),
            dir: p.entry.dir.clone(),
            reason: "it has errors, so the sheet from the last render is kept (run `practice validate`)".to_string(),
        })
        .collect();
    let known = library.map(|l| choose(l).0).unwrap_or_else(|| chosen.clone());
    let names: HashMap<&str, &str> = known.iter().map(|p| (p.entry.slug.as_str(), p.entry.name())).collect();
    let aliases = model::alias_map(known.iter().map(|p| p.entry));
    let variants = model::variant_map(known.iter().map(|p| p.entry), &aliases);

    // Every file this render may write; refuse before writing anything if one of them is not ours.
    let mut targets: Vec<String> = chosen
        .iter()
        .flat_map(|p| {
            let mut names = vec![format!("{}.md", p.entry.slug)];
            if p.score.is_some() {
                names.push(format!("{}.svg", p.entry.slug));
            }
            names
        })
        .collect();
    if library.is_some() {
        targets.push(INDEX_FILE.to_string());
        if options.mdbook {
            targets.extend([SUMMARY_FILE.to_string(), BOOK_FILE.to_string()]);
        }
    }
    if out_dir.exists() {
        let conflicts: Vec<String> = targets
            .par_iter()
            .filter_map(|name| foreign_file(&out_dir.join(name)))
            .collect();
        if !conflicts.is_empty() {
            let mut conflicts = conflicts;
            conflicts.sort();
            let shown: Vec<&str> = conflicts.iter().take(10).map(String::as_str).collect();
            let more = conflicts.len().saturating_sub(shown.len());
            bail!(
                "refusing to overwrite {} in {} that `practice render` did not write:\n  {}{}\n(choose another --out folder, or move them away)",
                crate::model::number::count(conflicts.len(), "file", "files"),
                out_dir.display(),
                shown.join("\n  "),
                if more > 0 { format!("\n  … and {more} more") } else { String::new() }
            );
        }
    }
    if !options.check {
        crate::write::create_dirs(out_dir)?;
    }

    let checked: HashSet<&str> = targets.iter().map(String::as_str).collect();
    let emit = |page: &Page| -> anyhow::Result<Emitted> {
        if options.check {
            check_page(out_dir, page)
        } else {
            write_page(out_dir, page).map(Emitted::Written)
        }
    };
    let results: Vec<Emitted> = chosen
        .par_iter()
        .map(|practice| -> anyhow::Result<Vec<Emitted>> {
            let pages = match content {
                SheetContent::AsGiven => {
                    practice_pages_linked(criteria, &labels, practice, &names, &aliases, &variants)
                }
                SheetContent::Reload(load) => {
                    let entry = load(practice.entry);
                    let whole = ScoredPractice {
                        entry: &entry,
                        score: entry
                            .assessment
                            .as_ref()
                            .map(|a| scoring::score_entry(criteria, &entry, &a.value)),
                    };
                    practice_pages_linked(criteria, &labels, &whole, &names, &aliases, &variants)
                }
            };
            pages
                .into_iter()
                .map(|page| {
                    // A file edited since the first pass can add a chart: check it as the others were checked.
                    if !checked.contains(page.name.as_str()) {
                        if let Some(conflict) = foreign_file(&out_dir.join(&page.name)) {
                            bail!("refusing to overwrite {conflict}: `practice render` did not write it");
                        }
                    }
                    emit(&page)
                })
                .collect()
        })
        .collect::<anyhow::Result<Vec<Vec<Emitted>>>>()?
        .into_iter()
        .flatten()
        .collect();
    for result in results {
        summary.record(result);
    }
    summary.sheets = chosen.len();

    if let Some(library) = library {
        let index = model::index(criteria, &labels, library);
        let page = Page {
            name: INDEX_FILE.to_string(),
            content: index::index(&index, &labels),
        };
        summary.record(emit(&page)?);
        summary.index = true;
        let mut expected: BTreeSet<String> = BTreeSet::from([INDEX_FILE.to_string()]);
        if options.mdbook {
            for page in mdbook::pages(criteria, &index) {
                summary.record(emit(&page)?);
                expected.insert(page.name);
            }
        }

        // Generated files for practices no longer in the library.
        for p in &known {
            expected.insert(format!("{}.md", p.entry.slug));
            if p.score.is_some() {
                expected.insert(format!("{}.svg", p.entry.slug));
            }
        }
        expected.extend(kept_files);
        summary.stale = if out_dir.is_dir() {
            stale_files(out_dir, &expected)?
        } else {
            Vec::new()
        };
        if options.prune && !options.check {
            for path in std::mem::take(&mut summary.stale) {
                crate::write::remove_generated(&path, marker_for(&path).as_bytes())?;
                summary.pruned.push(path);
            }
        }
    }
    summary.differs.sort();
    Ok(summary)
}

/// Practices that may have a sheet, and those that may not (with the reason), keeping the given order.
fn choose<'s, 'a>(practices: &'s [ScoredPractice<'a>]) -> (Vec<&'s ScoredPractice<'a>>, Vec<Skipped>) {
    let mut seen = HashSet::new();
    let mut chosen = Vec::with_capacity(practices.len());
    let mut skipped = Vec::new();
    for practice in practices {
        let slug = practice.entry.slug.as_str();
        let reason = if !crate::model::is_valid_slug(slug) {
            Some("the folder name is not a valid slug, so it cannot name a file".to_string())
        } else if slug == INDEX_STEM {
            Some(format!("`{INDEX_STEM}` is reserved for the index page"))
        } else if !seen.insert(slug) {
            Some("another practice has the same folder name".to_string())
        } else {
            None
        };
        match reason {
            Some(reason) => skipped.push(Skipped {
                slug: slug.to_string(),
                dir: practice.entry.dir.clone(),
                reason,
            }),
            None => chosen.push(practice),
        }
    }
    (chosen, skipped)
}

fn write_page(out_dir: &Path, page: &Page) -> anyhow::Result<WriteResult> {
    // File names come from validated slugs; check anyway that nothing can leave the output folder.
    let name = Path::new(&page.name);
    if name.components().count() != 1 || name.file_name().is_none() || page.name.starts_with('.') {
        bail!("refusing to write `{}`: not a plain file name", page.name);
    }
    // No fsync per file: sheets are regenerated from the sources, and 20,000 fsyncs would dominate a render.
    write_if_changed_with(&out_dir.join(name), page.content.as_bytes(), Durability::Unsynced)
}

/// The generated-file marker a file of this name starts with: [`mdbook::TOML_MARKER`] for TOML, else
/// [`markdown::MARKER`].
pub fn marker_for(path: &Path) -> &'static str {
    if path.extension().is_some_and(|e| e == "toml") {
        mdbook::TOML_MARKER
    } else {
        markdown::MARKER
    }
}

/// Whether a file starts with the generated-file marker of its kind ([`marker_for`]).
pub fn carries_marker(path: &Path) -> std::io::Result<bool> {
    let marker = marker_for(path);
    // Opened without blocking and read no further than the marker, whatever the file is.
    let head = crate::load::file::read_prefix(path, marker.len()).map_err(|e| match e {
        crate::load::file::ReadError::Io(e) => e,
        other => std::io::Error::other(other.to_string()),
    })?;
    Ok(head == marker.as_bytes())
}

/// Why an existing target must not be overwritten, or `None` when it may be (absent, or written by this tool).
fn foreign_file(path: &Path) -> Option<String> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => Some(format!("{} ({e})", path.display())),
        Ok(meta) if meta.file_type().is_symlink() => Some(format!("{} (a symbolic link)", path.display())),
        Ok(meta) if !meta.is_file() => Some(format!("{} (not a regular file)", path.display())),
        // An empty file holds nothing to lose (and is what an interrupted unsynced write can leave behind).
        Ok(meta) if meta.len() == 0 => None,
        Ok(_) => match carries_marker(path) {
            Ok(true) => None,
            Ok(false) => Some(path.display().to_string()),
            Err(e) => Some(format!("{} ({e})", path.display())),
        },
    }
}

/// Generated `.md` / `.svg` files (and [`BOOK_FILE`]) in `out_dir` that are not expected, sorted. Files without the marker are never
/// listed (they are not ours).
fn stale_files(out_dir: &Path, expected: &BTreeSet<String>) -> anyhow::Result<Vec<PathBuf>> {
    let mut stale = Vec::new();
    for entry in fs::read_dir(out_dir).with_context(|| format!("cannot list {}", out_dir.display()))? {
        let entry = entry.with_context(|| format!("cannot list {}", out_dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.ends_with(".md") || name.ends_with(".svg") || name == BOOK_FILE) || expected.contains(&name) {
            continue;
        }
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        if carries_marker(&entry.path()).unwrap_or(false) {
            stale.push(entry.path());
        }
    }
    stale.sort();
    Ok(stale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_and_chart_share_one_marker() {
        assert_eq!(markdown::MARKER, svg::MARKER);
    }

    #[test]
    fn only_missing_empty_or_marked_files_may_be_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.md");
        assert_eq!(foreign_file(&path), None);
        fs::write(&path, "").unwrap();
        assert_eq!(foreign_file(&path), None);
        fs::write(&path, format!("{}\n# Ark\n", markdown::MARKER)).unwrap();
        assert_eq!(foreign_file(&path), None);
        fs::write(&path, "# Skrevet for hånd\n").unwrap();
        assert!(foreign_file(&path).is_some());
        fs::write(&path, &markdown::MARKER[..10]).unwrap();
        assert!(foreign_file(&path).is_some());
        fs::create_dir(dir.path().join("y.md")).unwrap();
        assert!(foreign_file(&dir.path().join("y.md")).is_some());
    }

    #[test]
    fn page_names_cannot_leave_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["../x.md", "a/b.md", "/tmp/x.md", ".hidden.md", ""] {
            let page = Page {
                name: name.to_string(),
                content: String::new(),
            };
            assert!(write_page(dir.path(), &page).is_err(), "{name}");
        }
    }
}
