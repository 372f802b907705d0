//! Where things are: the criteria file and the practices folder, from options or by looking upward.

use crate::diagnostic::Code;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use crate::diagnostic::Finding;
use crate::model::criteria::Criteria;

/// The default criteria file name.
pub const CRITERIA_FILE: &str = "criteria.toml";
/// The default practices folder name.
pub const PRACTICES_DIR: &str = "practices";

/// The resolved locations.
#[derive(Clone, Debug)]
pub struct Workspace {
    /// The criteria file.
    pub criteria_path: PathBuf,
    /// The practices folder.
    pub root: PathBuf,
}

/// Why criteria could not be had: the two cases end a command differently (exit code 2 for `Io`, the findings
/// printed and exit code 1 for `Invalid`).
#[derive(Debug, thiserror::Error)]
pub enum CriteriaError {
    /// The file is missing or unreadable (or git cannot show it): a usage / I/O problem.
    #[error(transparent)]
    Io(anyhow::Error),
    /// The file was read and has problems: findings to report.
    #[error("the criteria file has {}", crate::model::number::count(.0.len(), "problem", "problems"))]
    Invalid(Vec<Finding>),
}

impl CriteriaError {
    /// Sort a loader's findings: only I/O findings (the file could not be read) make an `Io` error.
    pub fn from_findings(findings: Vec<Finding>) -> CriteriaError {
        if !findings.is_empty() && findings.iter().all(|f| f.code == Code::Io) {
            CriteriaError::Io(anyhow::anyhow!("{}", findings[0]))
        } else {
            CriteriaError::Invalid(findings)
        }
    }
}

impl Workspace {
    /// Resolve from the options: `criteria` (`--criteria`), else `criteria.toml` in `cwd` or its nearest parent;
    /// `root` (`--root`), else `practices/` beside the criteria file.
    pub fn resolve(criteria: Option<&Path>, root: Option<&Path>, cwd: &Path) -> anyhow::Result<Workspace> {
        let criteria_path = match criteria {
            Some(path) => path.to_path_buf(),
            None => find_upward(cwd, CRITERIA_FILE)
                .with_context(|| format!("no {CRITERIA_FILE} in this folder or any parent; pass --criteria PATH"))?,
        };
        let root = match root {
            Some(root) => root.to_path_buf(),
            None => {
                let base = criteria_path.parent().unwrap_or(Path::new(""));
                base.join(PRACTICES_DIR)
            }
        };
        Ok(Workspace { criteria_path, root })
    }

    /// Load the criteria file.
    pub fn criteria(&self) -> Result<Criteria, CriteriaError> {
        if !self.criteria_path.is_file() {
            return Err(CriteriaError::Io(anyhow::anyhow!(
                "criteria file {} not found",
                self.criteria_path.display()
            )));
        }
        Criteria::load(&self.criteria_path).map_err(CriteriaError::from_findings)
    }

    /// Fail with a usage error when the practices folder does not exist.
    pub fn require_root(&self) -> anyhow::Result<()> {
        if !self.root.is_dir() {
            bail!("practices folder {} not found; pass --root PATH", self.root.display());
        }
        Ok(())
    }
}

fn find_upward(start: &Path, name: &str) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
        .map(|path| {
            // Show a short relative path when the file is in the current folder.
            if path.parent() == Some(start) {
                PathBuf::from(name)
            } else {
                path
            }
        })
}
