//! What-if: every practice graded under two criteria files (`--compare OLD NEW`), which may come from a file or a
//! git revision. [`super::criteria_diff`] says how the two files differ.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::round;
use super::{assessment_of, ClassMove, GradeBrief, Notes, PracticeChange, Progress, Status};
use crate::diagnostic::Code;
use crate::load::source;
use crate::load::workspace::CriteriaError;
use crate::model::criteria::Criteria;
use crate::model::{Library, PracticeEntry};
use crate::scoring::{self, Score};

/// Grade every practice under `old` and `new` criteria and compare, in slug order. Writes nothing.
pub fn compare_library(
    library: &Library,
    old: &Criteria,
    new: &Criteria,
    progress: &dyn Progress,
) -> Vec<PracticeChange> {
    library
        .practices
        .par_iter()
        .map(|entry| {
            let change = compare_practice(entry, old, new);
            progress.tick();
            change
        })
        .collect()
}

/// Grade one practice under two criteria files.
pub fn compare_practice(entry: &PracticeEntry, old: &Criteria, new: &Criteria) -> PracticeChange {
    let mut change = PracticeChange::base(entry);
    let (assessment, _) = match assessment_of(entry) {
        Ok(Some(found)) => found,
        Ok(None) => return change,
        Err(problem) => {
            change.status = Status::Failed;
            change.problem = Some(problem.to_string());
            return change;
        }
    };
    let brief = |criteria: &Criteria, score: &Score| GradeBrief {
        criteria_version: criteria.version.clone(),
        total: score.total.map(round),
        class: score.band.map(|b| b.key.clone()),
        complete: score.complete,
    };
    let old_score = scoring::score_entry(old, entry, assessment);
    let new_score = scoring::score_entry(new, entry, assessment);
    let (old_brief, new_brief) = (brief(old, &old_score), brief(new, &new_score));
    change.class_move = ClassMove::of(
        old_score.band.map(|b| (b.key.as_str(), Some(b.min))),
        new_score.band.map(|b| (b.key.as_str(), Some(b.min))),
    );
    change.status = if old_brief.same_grade(&new_brief) {
        Status::Unchanged
    } else {
        Status::Changed
    };
    change.notes = Notes::of(new, assessment, &new_score);
    change.old = Some(old_brief);
    change.new = Some(new_brief);
    change
}

/// Where a criteria file for `--compare` comes from: a path, or `REV:PATH` in git (`HEAD~1:criteria.toml`).
///
/// The two spellings can meet: a file named `main:criteria.toml` may exist beside the revision `main`. `git:REV:PATH`
/// always means the revision and a path starting with `./`, `../` or `/` always the file; any other spelling that
/// names both an existing file and a file in git is refused as ambiguous (see [`CriteriaSpec::read`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CriteriaSpec {
    /// A file on disk.
    File(PathBuf),
    /// A file in a git revision, read with `git cat-file` ([`crate::load::git::read_blob`]).
    Revision {
        /// The revision (`HEAD`, `HEAD~1`, a tag, a commit).
        rev: String,
        /// The path as git understands it: relative to the repository top, or to the current folder with `./`.
        path: String,
    },
    /// `REV:PATH` spelled without `git:`, where a file of that name exists too: the file, unless git also has
    /// `REV:PATH` (then reading it fails as ambiguous).
    Ambiguous {
        /// The file of that name.
        file: PathBuf,
        /// The revision.
        rev: String,
        /// The path in the revision.
        path: String,
    },
}

/// The prefix that makes a `--compare` spec a git revision whatever files exist.
pub const GIT_PREFIX: &str = "git:";

impl CriteriaSpec {
    /// `git:REV:PATH` is a revision; an existing file is a file (or [`CriteriaSpec::Ambiguous`] when its name has
    /// the `REV:PATH` form and does not start with `./`, `../` or `/`); otherwise `REV:PATH` is a revision.
    pub fn parse(spec: &str) -> CriteriaSpec {
        let revision = |text: &str| match text.split_once(':') {
            Some((rev, path)) if !rev.is_empty() && !path.is_empty() && !rev.starts_with('-') => {
                Some((rev.to_string(), path.to_string()))
            }
            _ => None,
        };
        if let Some(rest) = spec.strip_prefix(GIT_PREFIX) {
            if let Some((rev, path)) = revision(rest) {
                return CriteriaSpec::Revision { rev, path };
            }
        }
        let explicit_path = ["./", "../", "/"].iter().any(|p| spec.starts_with(p));
        if Path::new(spec).exists() {
            return match revision(spec) {
                Some((rev, path)) if !explicit_path => CriteriaSpec::Ambiguous {
                    file: PathBuf::from(spec),
                    rev,
                    path,
                },
                _ => CriteriaSpec::File(PathBuf::from(spec)),
            };
        }
        match revision(spec) {
            Some((rev, path)) if !explicit_path => CriteriaSpec::Revision { rev, path },
            _ => CriteriaSpec::File(PathBuf::from(spec)),
        }
    }

    /// How the spec is shown in messages and findings.
    pub fn display_path(&self) -> PathBuf {
        match self {
            CriteriaSpec::File(path) | CriteriaSpec::Ambiguous { file: path, .. } => path.clone(),
            CriteriaSpec::Revision { rev, path } => PathBuf::from(format!("{rev}:{path}")),
        }
    }

    /// Read the text. Fails (an I/O error) when the file is missing, git cannot show the revision (nothing is
    /// fetched over the network), or the spelling names both a file and a file in git; problems with the text
    /// itself (encoding, size) come back as a finding inside `Ok(Err(..))`.
    pub fn read(&self) -> anyhow::Result<Result<source::SourceFile, crate::diagnostic::Finding>> {
        match self {
            CriteriaSpec::File(path) => {
                if !path.is_file() {
                    anyhow::bail!(
                        "criteria file {} not found (for a git revision write REV:PATH, e.g. HEAD:criteria.toml)",
                        path.display()
                    );
                }
                Ok(source::SourceFile::read(path))
            }
            CriteriaSpec::Ambiguous { file, rev, path } => {
                if crate::load::git::resolves(None, rev, path) {
                    let spec = file.display();
                    anyhow::bail!(
                        "`{spec}` names both a file here and {path} in git revision `{rev}`: write `./{spec}` for \
                         the file or `{GIT_PREFIX}{spec}` for the revision"
                    );
                }
                CriteriaSpec::File(file.clone()).read()
            }
            CriteriaSpec::Revision { rev, path } => {
                let shown = self.display_path();
                let Some(format) = source::Format::from_path(Path::new(path)) else {
                    anyhow::bail!("{}: not a .toml, .yaml or .yml file", shown.display());
                };
                match crate::load::git::read_blob(None, rev, path, source::MAX_FILE_SIZE)? {
                    crate::load::git::Blob::TooLarge(size) => Ok(Err(crate::diagnostic::Finding::error(
                        &shown,
                        Code::TooLarge,
                        format!(
                            "file is larger than the limit of {} KiB ({size} bytes in git); not read",
                            source::MAX_FILE_SIZE / 1024
                        ),
                    ))),
                    crate::load::git::Blob::Content(bytes) => Ok(source::SourceFile::from_bytes(&shown, format, bytes)),
                }
            }
        }
    }

    /// Read and check the criteria: [`CriteriaError::Io`] when they cannot be read, [`CriteriaError::Invalid`]
    /// with the findings when the file has problems.
    pub fn load(&self) -> Result<Criteria, CriteriaError> {
        match self.read().map_err(CriteriaError::Io)? {
            Ok(source) => Criteria::from_source(&source).map_err(CriteriaError::Invalid),
            Err(finding) => Err(CriteriaError::Invalid(vec![finding])),
        }
    }
}
