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
    let old_score = scoring::score(old, assessment);
    let new_score = scoring::score(new, assessment);
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CriteriaSpec {
    /// A file on disk.
    File(PathBuf),
    /// A file in a git revision, read with `git show REV:PATH`.
    Revision {
        /// The revision (`HEAD`, `HEAD~1`, a tag, a commit).
        rev: String,
        /// The path as git understands it: relative to the repository top, or to the current folder with `./`.
        path: String,
    },
}

impl CriteriaSpec {
    /// A path when a file of that name exists; otherwise `REV:PATH` when the text has that form.
    pub fn parse(spec: &str) -> CriteriaSpec {
        if Path::new(spec).exists() {
            return CriteriaSpec::File(PathBuf::from(spec));
        }
        match spec.split_once(':') {
            Some((rev, path)) if !rev.is_empty() && !path.is_empty() && !rev.starts_with('-') => {
                CriteriaSpec::Revision {
                    rev: rev.to_string(),
                    path: path.to_string(),
                }
            }
            _ => CriteriaSpec::File(PathBuf::from(spec)),
        }
    }

    /// How the spec is shown in messages and findings.
    pub fn display_path(&self) -> PathBuf {
        match self {
            CriteriaSpec::File(path) => path.clone(),
            CriteriaSpec::Revision { rev, path } => PathBuf::from(format!("{rev}:{path}")),
        }
    }

    /// Read the text. Fails (an I/O error) when the file is missing or git cannot show the revision; problems with
    /// the text itself (encoding, size) come back as a finding inside `Ok(Err(..))`.
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
            CriteriaSpec::Revision { rev, path } => {
                let shown = self.display_path();
                let Some(format) = source::Format::from_path(Path::new(path)) else {
                    anyhow::bail!("{}: not a .toml, .yaml or .yml file", shown.display());
                };
                let output = std::process::Command::new("git")
                    .arg("show")
                    .arg(format!("{rev}:{path}"))
                    .stdin(std::process::Stdio::null())
                    .output()
                    .map_err(|e| anyhow::anyhow!("cannot run git to read {}: {e}", shown.display()))?;
                if !output.status.success() {
                    let message = String::from_utf8_lossy(&output.stderr);
                    anyhow::bail!(
                        "git cannot show {}: {}",
                        shown.display(),
                        message.trim().lines().next().unwrap_or("unknown error")
                    );
                }
                if output.stdout.len() as u64 > source::MAX_FILE_SIZE {
                    return Ok(Err(crate::diagnostic::Finding::error(
                        &shown,
                        Code::TooLarge,
                        format!("file is larger than the limit of {} KiB", source::MAX_FILE_SIZE / 1024),
                    )));
                }
                Ok(source::SourceFile::from_bytes(&shown, format, output.stdout))
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
