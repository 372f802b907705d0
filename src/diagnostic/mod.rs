//! Findings: what validation (and loading) reports, each naming a file, a key path and a location. A leaf: it
//! imports nothing from the rest of the crate.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

mod code;
mod location;
pub mod suggest;

pub use code::Code;
pub use location::{Key, KeyPath, LineIndex, Location};

/// How serious a finding is. Errors make `validate` exit 1; warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something is wrong and must be fixed.
    Error,
    /// Something deserves attention (e.g. regrading is due, an assessment is unfinished).
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One finding about one file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// A short stable code (`unknown-key`, `missing-answer`, …) for scripts and tests.
    pub code: Code,
    /// The file the finding is about.
    pub file: PathBuf,
    /// The key path inside the file, when the finding is about one key.
    #[serde(serialize_with = "serialize_key_path")]
    pub key_path: Option<KeyPath>,
    /// Line and column, where known.
    pub location: Option<Location>,
    /// What is wrong, in one sentence.
    pub message: String,
}

fn serialize_key_path<S: serde::Serializer>(path: &Option<KeyPath>, s: S) -> Result<S::Ok, S::Error> {
    match path {
        Some(path) if !path.is_root() => s.serialize_some(&path.to_string()),
        _ => s.serialize_none(),
    }
}

impl Finding {
    /// A finding about `file`.
    pub fn new(severity: Severity, file: &Path, code: Code, message: impl Into<String>) -> Finding {
        Finding {
            severity,
            code,
            file: file.to_path_buf(),
            key_path: None,
            location: None,
            message: message.into(),
        }
    }

    /// An error about `file`.
    pub fn error(file: &Path, code: Code, message: impl Into<String>) -> Finding {
        Finding::new(Severity::Error, file, code, message)
    }

    /// A warning about `file`.
    pub fn warning(file: &Path, code: Code, message: impl Into<String>) -> Finding {
        Finding::new(Severity::Warning, file, code, message)
    }

    /// The same finding at a line and column.
    pub fn at(mut self, location: Location) -> Finding {
        self.location = Some(location);
        self
    }

    /// The same finding about a key path.
    pub fn with_key_path(mut self, key_path: KeyPath) -> Finding {
        self.key_path = if key_path.is_root() { None } else { Some(key_path) };
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `file:line:col: key.path: message` — the form editors and terminals recognise.
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(location) = self.location {
            write!(f, ":{location}")?;
        }
        f.write_str(": ")?;
        if let Some(path) = &self.key_path {
            write!(f, "{path}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
}

impl Tally {
    /// Count the findings.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Tally {
        let mut tally = Tally::default();
        for finding in findings {
            match finding.severity {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
            }
        }
        tally
    }
}

/// Findings sorted for output: errors and warnings in file order, then by location.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        a.file
            .cmp(&b.file)
            .then_with(|| a.location.cmp(&b.location))
            .then_with(|| a.severity.cmp(&b.severity))
            .then_with(|| a.message.cmp(&b.message))
    });
}

/// A helper for callers that report one finding about a key of a file they no longer hold.
pub fn finding_at(
    file: &Path,
    severity: Severity,
    code: Code,
    key_path: KeyPath,
    message: impl Into<String>,
) -> Finding {
    Finding::new(severity, file, code, message).with_key_path(key_path)
}
