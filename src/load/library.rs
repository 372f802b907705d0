//! Discovering and reading practice folders: every file of a practice is read, parsed into the typed model and handed,
//! with its text, to a check the caller supplies (the validate stage), in parallel across practices. Afterwards only
//! the typed model and the findings are kept.

use crate::diagnostic::Code;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::diagnostic::Finding;
use crate::load::source::{self, SourceFile};
use crate::model::{
    is_valid_slug, Assessment, Format, Keep, Library, Loaded, PracticeEntry, ASSESSMENT_FILE, ASSESSORS_DIR,
    EVIDENCE_FILE, PRACTICE_FILE,
};

/// The source text of each file of one practice, as read: what a check needs to point at a line and column. It lives
/// only while the practice's check runs.
#[derive(Debug, Default)]
pub struct PracticeSources {
    /// `practice.*`.
    pub practice: Option<SourceFile>,
    /// `evidence.*`.
    pub evidence: Option<SourceFile>,
    /// `assessment.*`.
    pub assessment: Option<SourceFile>,
    /// `assessments/<assessor>.*`, in the order of [`PracticeEntry::assessors`].
    pub assessors: Vec<SourceFile>,
}

/// Load the practices named by `paths` (practice folders, files inside them, or library roots; all of `root` when
/// `paths` is empty). Each practice is read and parsed, handed with its sources to `check`, then trimmed to what
/// `keep` keeps; what `check` returns comes back beside the entry, in the library's order (sorted by slug). Fails only
/// on I/O problems with the given paths themselves.
pub fn load_library<T, F>(root: &Path, paths: &[PathBuf], keep: Keep, check: F) -> anyhow::Result<(Library, Vec<T>)>
where
    T: Send,
    F: Fn(&mut PracticeEntry, &PracticeSources) -> T + Sync,
{
    let (findings, (practices, extras)) = load_each(
        root,
        paths,
        load_practice,
        |_| {},
        |mut entry, sources| {
            let extra = check(&mut entry, &sources);
            drop(sources);
            entry.keep(keep);
            (entry, extra)
        },
    )?;
    Ok((
        Library {
            root: root.to_path_buf(),
            practices,
            findings,
        },
        extras,
    ))
}

/// What grading needs, and only that (`practice regrade`): each practice folder's consensus assessment, found as
/// [`load_library`] finds the folders and with the same refusal of links that lead outside the library. Descriptions,
/// evidence and independent assessments are not read, and nothing is validated — `practice validate` does that —
/// which makes a regrade of a large library several times faster than a full load. `started` is told the number of
/// folders before any is read; `loaded` is called once per practice (from worker threads), for a progress bar.
pub fn load_assessments(
    root: &Path,
    paths: &[PathBuf],
    started: impl FnOnce(usize),
    loaded: impl Fn() + Sync,
) -> anyhow::Result<Library> {
    let (library, _) = load_assessments_mapped(root, paths, started, |entry| {
        loaded();
        (entry, ())
    })?;
    Ok(library)
}

/// [`load_assessments`], streaming: each practice, once read, is handed to `map` (on a worker thread), which returns
/// what to keep of the entry (usually [`PracticeEntry::keep`] with [`Keep::Findings`]) and a result of its own. So
/// a regrade holds one practice's assessment at a time per thread, not the whole library's.
pub fn load_assessments_mapped<R: Send>(
    root: &Path,
    paths: &[PathBuf],
    started: impl FnOnce(usize),
    map: impl Fn(PracticeEntry) -> (PracticeEntry, R) + Sync,
) -> anyhow::Result<(Library, Vec<R>)> {
    let read = |dir: &Path, boundary: Option<&Path>| (load_assessment_only(dir, boundary), PracticeSources::default());
    let (findings, (practices, results)) = load_each(root, paths, read, started, |entry, _| map(entry))?;
    Ok((
        Library {
            root: root.to_path_buf(),
            practices,
            findings,
        },
        results,
    ))
}

/// The one loading loop: find the folders, sort them by slug, `read` each in parallel and hand it with its sources
/// to `each`, which returns what is kept of it (the sources are dropped as soon as `each` returns, so only one
/// practice's text per worker thread is in memory at a time). The results come back in the library's order (sorted
/// by slug, then folder), collected into `O` (a pair of vectors is filled in one pass, without a second copy of the
/// library as an unzip would make), with the findings about the paths themselves.
fn load_each<R: Send, O: ParallelExtend<R> + Default + Send>(
    root: &Path,
    paths: &[PathBuf],
    read: impl Fn(&Path, Option<&Path>) -> (PracticeEntry, PracticeSources) + Sync,
    started: impl FnOnce(usize),
    each: impl Fn(PracticeEntry, PracticeSources) -> R + Sync,
) -> anyhow::Result<(Vec<Finding>, O)> {
    let (mut dirs, mut findings) = practice_dirs(root, paths)?;
    dirs.sort_by_cached_key(|dir| (PracticeEntry::slug_of(dir), dir.clone()));
    let boundary = fs::canonicalize(root).ok();
    started(dirs.len());
    let mut loaded = O::default();
    loaded.par_extend(dirs.par_iter().map(|dir| {
        let (entry, sources) = read(dir, boundary.as_deref());
        each(entry, sources)
    }));
    findings.sort_by(|a, b| a.file.cmp(&b.file));
    Ok((findings, loaded))
}

/// One practice folder with only its consensus assessment read and parsed.
fn load_assessment_only(dir: &Path, boundary: Option<&Path>) -> PracticeEntry {
    let mut entry = PracticeEntry::empty(dir);
    if let Some(problem) = link_problem(dir, boundary) {
        entry.findings.push(problem);
        return entry;
    }
    let listing = list_folder(dir, &mut entry.findings);
    let source = read_kind(dir, ASSESSMENT_FILE, listing.as_ref(), boundary, &mut entry.findings);
    entry.assessment = parse_into(source.as_ref(), &mut entry.findings).map(Box::new);
    entry
}

/// The assessment file an edit writes: the consensus `assessment.*` or `assessments/<assessor>.*` of the practice
/// folder `dir`, in the format it already has (TOML when it does not exist yet).
pub fn assessment_path(dir: &Path, assessor: Option<&str>) -> PathBuf {
    let (folder, stem) = match assessor {
        Some(name) => (dir.join(ASSESSORS_DIR), name),
        None => (dir.to_path_buf(), ASSESSMENT_FILE),
    };
    [Format::Toml, Format::Yaml]
        .iter()
        .flat_map(|f| f.extensions())
        .map(|ext| folder.join(format!("{stem}.{ext}")))
        .find(|p| p.exists())
        .unwrap_or_else(|| folder.join(format!("{stem}.toml")))
}

/// The slugs of every practice folder directly under `root` (for checks of `variant_of` and `related`), from one
/// listing. Empty when the root cannot be listed (that has a finding of its own).
pub fn known_slugs(root: &Path) -> HashSet<String> {
    let mut dirs = Vec::new();
    let mut ignored = Vec::new();
    let _ = discover(root, &mut dirs, &mut ignored);
    dirs.iter()
        .filter_map(|d| d.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .collect()
}

/// The practice folders named by `paths` (practice folders, files inside them, or library roots; all of `root`
/// when empty), without duplicates, with findings about entries that cannot be followed. Fails only on I/O
/// problems with the given paths themselves.
pub fn practice_dirs(root: &Path, paths: &[PathBuf]) -> anyhow::Result<(Vec<PathBuf>, Vec<Finding>)> {
    let mut findings = Vec::new();
    let mut dirs: Vec<PathBuf> = Vec::new();
    let targets: Vec<PathBuf> = if paths.is_empty() {
        vec![root.to_path_buf()]
    } else {
        paths.to_vec()
    };
    let boundary = fs::canonicalize(root).ok();
    for target in &targets {
        // `practices/x/` and `practices/x/.` name the folder `practices/x`: without the trailing separator, a
        // symbolic link `x` is seen as a link (with it, every look at the path follows the link).
        let target: PathBuf = target.components().collect();
        let target = &target;
        if let Some(problem) = boundary.as_deref().and_then(|b| escaping_link(target, b)) {
            findings.push(problem);
            continue;
        }
        let meta = fs::metadata(target).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", target.display()))?;
        if meta.is_file() {
            dirs.push(named(practice_dir_of_file(target)));
        } else if is_practice_dir(target, root) {
            dirs.push(named(target.clone()));
        } else {
            discover(target, &mut dirs, &mut findings)
                .map_err(|e| anyhow::anyhow!("cannot list {}: {e}", target.display()))?;
        }
    }
    let mut seen = HashSet::new();
    dirs.retain(|d| seen.insert(d.clone()));
    Ok((dirs, findings))
}

/// A path whose last component is a name (`.`, `..` and `practices/x/..` have none, so the practice's slug would
/// be `.`): canonicalised when it has no name, left as given otherwise (so a path through a symbolic link keeps
/// naming the link).
fn named(dir: PathBuf) -> PathBuf {
    if dir.file_name().is_some() {
        return dir;
    }
    fs::canonicalize(&dir).unwrap_or(dir)
}

/// A folder is a practice folder when it holds a practice, evidence or assessment file, or sits directly in the root.
fn is_practice_dir(dir: &Path, root: &Path) -> bool {
    let holds_files = [PRACTICE_FILE, EVIDENCE_FILE, ASSESSMENT_FILE]
        .iter()
        .any(|kind| !source::find_kind(dir, kind).is_empty());
    let in_root = match (fs::canonicalize(dir), fs::canonicalize(root)) {
        (Ok(dir), Ok(root)) => dir.parent() == Some(root.as_path()),
        _ => false,
    };
    holds_files || in_root
}

fn practice_dir_of_file(file: &Path) -> PathBuf {
    let parent = file.parent().unwrap_or(Path::new("."));
    // A file in `assessments/` belongs to the practice above it.
    let parent = if parent.file_name().is_some_and(|n| n == ASSESSORS_DIR) {
        parent.parent().unwrap_or(parent)
    } else {
        parent
    };
    if parent.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        parent.to_path_buf()
    }
}

/// The sub-folders of a library root. Hidden entries are skipped; plain files at the root are left alone.
fn discover(root: &Path, dirs: &mut Vec<PathBuf>, findings: &mut Vec<Finding>) -> std::io::Result<()> {
    for entry in fs::read_dir(root)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let file_type = entry.file_type()?;
        if file_type.is_symlink() {
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => dirs.push(path),
                Ok(_) => {}
                Err(e) => findings.push(Finding::error(
                    &path,
                    Code::BrokenLink,
                    format!("symbolic link cannot be followed: {e}"),
                )),
            }
        } else if file_type.is_dir() {
            dirs.push(path);
        }
    }
    Ok(())
}

/// A finding when the way to `path` passes through a symbolic link that lies inside `boundary` (canonical) and leads
/// outside it: `practices/x/../y` with `x` a link to another folder reads outside the library as surely as
/// `practices/x` does. Links outside the boundary (the user's own `/home` → `/data`) are the user's business. One
/// `lstat` per component of the path as given (a relative path is followed from the current folder).
pub fn escaping_link(path: &Path, boundary: &Path) -> Option<Finding> {
    let mut current = PathBuf::new();
    for component in path.components() {
        current.push(component);
        let Ok(meta) = fs::symlink_metadata(&current) else {
            return None;
        };
        if !meta.file_type().is_symlink() {
            continue;
        }
        let inside = current
            .parent()
            .map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p })
            .and_then(|p| fs::canonicalize(p).ok())
            .is_some_and(|p| p.starts_with(boundary));
        if !inside {
            continue;
        }
        match fs::canonicalize(&current) {
            Ok(target) if target.starts_with(boundary) => {}
            Ok(target) => {
                return Some(Finding::error(
                    &current,
                    Code::LinkOutside,
                    format!("symbolic link leads outside the library, to {}", target.display()),
                ))
            }
            Err(e) => {
                return Some(Finding::error(
                    &current,
                    Code::BrokenLink,
                    format!("symbolic link cannot be followed: {e}"),
                ))
            }
        }
    }
    None
}

/// A finding when `path` is a symbolic link that cannot be followed or leads outside `boundary`.
pub fn link_problem(path: &Path, boundary: Option<&Path>) -> Option<Finding> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_symlink() {
        return None;
    }
    match fs::canonicalize(path) {
        Err(e) => Some(Finding::error(
            path,
            Code::BrokenLink,
            format!("symbolic link cannot be followed: {e}"),
        )),
        Ok(target) => match boundary {
            Some(boundary) if !target.starts_with(boundary) => Some(Finding::error(
                path,
                Code::LinkOutside,
                format!("symbolic link leads outside the library, to {}", target.display()),
            )),
            _ => None,
        },
    }
}

/// Read and parse one practice folder: the entry with its typed files and the findings of reading them, and the
/// sources for the checks.
pub fn load_practice(dir: &Path, boundary: Option<&Path>) -> (PracticeEntry, PracticeSources) {
    let mut entry = PracticeEntry::empty(dir);
    let mut sources = PracticeSources::default();
    let slug = entry.slug.clone();
    if let Some(problem) = link_problem(dir, boundary) {
        entry.findings.push(problem);
        return (entry, sources);
    }
    if !is_valid_slug(&slug) {
        entry.findings.push(Finding::error(
            dir,
            Code::InvalidSlug,
            format!("folder name `{slug}` is not a valid slug: use lower-case a–z, digits and `-`"),
        ));
    }
    // One listing of the folder answers every "is there a …" below, instead of a stat per candidate name.
    let listing = list_folder(dir, &mut entry.findings);
    let listing = listing.as_ref();
    check_folder_contents(dir, listing.map(|l| l.names.as_slice()), &mut entry.findings);

    sources.practice = read_kind(dir, PRACTICE_FILE, listing, boundary, &mut entry.findings);
    sources.evidence = read_kind(dir, EVIDENCE_FILE, listing, boundary, &mut entry.findings);
    sources.assessment = read_kind(dir, ASSESSMENT_FILE, listing, boundary, &mut entry.findings);

    // Missing means nothing of that name: a practice file that could not be read has a finding of its own, and so
    // has a folder that cannot be listed.
    if sources.practice.is_none() && listing.is_some() && kind_paths(dir, PRACTICE_FILE, listing).is_empty() {
        entry.findings.push(Finding::error(
            dir,
            Code::MissingFile,
            "no practice.toml or practice.yaml: every practice folder starts with its description",
        ));
    }
    entry.practice = parse_into(sources.practice.as_ref(), &mut entry.findings).map(Box::new);
    entry.evidence = parse_into(sources.evidence.as_ref(), &mut entry.findings);
    entry.assessment = parse_into(sources.assessment.as_ref(), &mut entry.findings).map(Box::new);

    // Independent assessments.
    let assessors_dir = dir.join(ASSESSORS_DIR);
    let has_assessors = listing.is_none_or(|l| l.names.iter().any(|n| n == ASSESSORS_DIR));
    let may_be_link = has_assessors && listing.is_none_or(|l| l.is_link(ASSESSORS_DIR));
    let link = if may_be_link {
        link_problem(&assessors_dir, boundary)
    } else {
        None
    };
    if let Some(problem) = link {
        entry.findings.push(problem);
    } else if has_assessors && assessors_dir.is_dir() {
        for (name, source) in read_assessor_files(&assessors_dir, boundary, &mut entry.findings) {
            if let Some(loaded) = parse_into::<Assessment>(Some(&source), &mut entry.findings) {
                entry.assessors.push((name, loaded));
                sources.assessors.push(source);
            }
        }
    }
    (entry, sources)
}

/// Parse a source file into a typed value; parse errors become findings. An unknown key or a wrong value that does
/// not change a grade is reported and left out, and the rest of the file still loads
/// ([`SourceFile::parse_lenient`]).
pub fn parse_into<T: DeserializeOwned>(source: Option<&SourceFile>, findings: &mut Vec<Finding>) -> Option<Loaded<T>> {
    let source = source?;
    match source.parse_lenient::<T>() {
        Ok((value, problems)) => {
            findings.extend(problems);
            Some(Loaded {
                value,
                path: source.path.clone(),
                format: source.format,
            })
        }
        Err(problems) => {
            findings.extend(problems);
            None
        }
    }
}

/// What a practice folder holds, from one `read_dir`.
struct Listing {
    /// Every name, sorted.
    names: Vec<String>,
    /// The names that are symbolic links (known from the listing itself, without a stat per name).
    links: Vec<String>,
}

impl Listing {
    fn is_link(&self, name: &str) -> bool {
        self.links.iter().any(|l| l == name)
    }
}

/// List a folder; `None` (with a finding) when it cannot be listed.
fn list_folder(dir: &Path, findings: &mut Vec<Finding>) -> Option<Listing> {
    match fs::read_dir(dir) {
        Ok(entries) => {
            let mut listing = Listing {
                names: Vec::new(),
                links: Vec::new(),
            };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                // Where the file system does not say, assume a link: the caller then looks closer.
                if entry.file_type().map_or(true, |t| t.is_symlink()) {
                    listing.links.push(name.clone());
                }
                listing.names.push(name);
            }
            listing.names.sort();
            Some(listing)
        }
        Err(e) => {
            findings.push(Finding::error(dir, Code::Io, format!("cannot list the folder: {e}")));
            None
        }
    }
}

/// The files of one kind in a folder, as [`source::find_kind`] finds them, from a listing when there is one.
fn kind_paths(dir: &Path, kind: &str, listing: Option<&Listing>) -> Vec<PathBuf> {
    let Some(names) = listing.map(|l| &l.names) else {
        return source::find_kind(dir, kind);
    };
    [Format::Toml, Format::Yaml]
        .iter()
        .flat_map(|format| format.extensions())
        .map(|ext| format!("{kind}.{ext}"))
        .filter(|name| names.iter().any(|n| n == name))
        .map(|name| dir.join(name))
        .collect()
}

/// Read the one file of a kind in a folder; two of the same kind is an error, and neither is read.
fn read_kind(
    dir: &Path,
    kind: &str,
    listing: Option<&Listing>,
    boundary: Option<&Path>,
    findings: &mut Vec<Finding>,
) -> Option<SourceFile> {
    let paths = kind_paths(dir, kind, listing);
    match paths.as_slice() {
        [] => None,
        [path] if listing.is_some_and(|l| !l.is_link(&file_name(path))) => match SourceFile::read(path) {
            Ok(source) => Some(source),
            Err(finding) => {
                findings.push(finding);
                None
            }
        },
        [path] => read_checked(path, boundary, findings),
        [first, rest @ ..] => {
            let others: Vec<String> = rest.iter().map(|p| file_name(p)).collect();
            findings.push(Finding::error(
                first,
                Code::DuplicateFile,
                format!(
                    "two {kind} files in one folder ({} and {}): keep one",
                    file_name(first),
                    others.join(", ")
                ),
            ));
            None
        }
    }
}

fn read_checked(path: &Path, boundary: Option<&Path>, findings: &mut Vec<Finding>) -> Option<SourceFile> {
    if let Some(problem) = link_problem(path, boundary) {
        findings.push(problem);
        return None;
    }
    match SourceFile::read(path) {
        Ok(source) => Some(source),
        Err(finding) => {
            findings.push(finding);
            None
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Independent assessment files, by assessor name, sorted; one file per assessor.
fn read_assessor_files(dir: &Path, boundary: Option<&Path>, findings: &mut Vec<Finding>) -> Vec<(String, SourceFile)> {
    let Ok(entries) = fs::read_dir(dir) else {
        findings.push(Finding::error(dir, Code::Io, "cannot list the folder"));
        return Vec::new();
    };
    let mut by_name: std::collections::BTreeMap<String, Vec<PathBuf>> = Default::default();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if Format::from_path(&path).is_none() {
            findings.push(Finding::warning(
                &path,
                Code::UnexpectedFile,
                "not a .toml or .yaml assessment; ignored",
            ));
            continue;
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        by_name.entry(stem).or_default().push(path);
    }
    let mut out = Vec::new();
    for (name, mut paths) in by_name {
        paths.sort();
        if paths.len() > 1 {
            findings.push(Finding::error(
                &paths[0],
                Code::DuplicateFile,
                format!("two assessment files for assessor `{name}`: keep one"),
            ));
            continue;
        }
        if !is_valid_slug(&name) {
            findings.push(Finding::error(
                &paths[0],
                Code::InvalidSlug,
                format!("assessor file name `{name}` is not a valid slug: use lower-case a–z, digits and `-`"),
            ));
        }
        if let Some(source) = read_checked(&paths[0], boundary, findings) {
            out.push((name, source));
        }
    }
    out
}

/// Files in a practice folder that look like ours but are not (`practise.toml`) get a warning.
fn check_folder_contents(dir: &Path, listing: Option<&[String]>, findings: &mut Vec<Finding>) {
    let Some(names) = listing else {
        return;
    };
    let known = [PRACTICE_FILE, EVIDENCE_FILE, ASSESSMENT_FILE, "score"];
    for path in names.iter().map(|name| dir.join(name)) {
        let Some(format) = Format::from_path(&path) else {
            continue;
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if known.contains(&stem.as_str()) && (stem != "score" || format == Format::Toml) {
            continue;
        }
        let help = crate::diagnostic::suggest::closest(&stem, known)
            .map(|k| format!("did you mean `{k}.{}`?", format.extensions()[0]));
        findings.push(
            Finding::warning(&path, Code::UnexpectedFile, "not a file the tool reads; ignored").with_help_opt(help),
        );
    }
}
