//! Findings: what validation (and loading) reports, each naming a file, a key path and a location. A leaf: it
//! imports nothing from the rest of the crate.

use std::fmt;
use std::ops::Range;
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

/// One finding about one file. In JSON: `severity`, `code`, `file`, `key_path`, `location`, `message`, `span`,
/// `help` and `related`.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// A short stable code (`unknown-key`, `missing-answer`, …) for scripts and tests.
    pub code: Code,
    /// The file the finding is about.
    pub file: PathBuf,
    /// The key path inside the file, when the finding is about one key.
    pub key_path: Option<KeyPath>,
    /// Line and column, where known.
    pub location: Option<Location>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Span, help, related places and excerpt, boxed so that a finding stays small (it is the error type of
    /// parsing); `None` when there are none.
    detail: Option<Box<Detail>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Detail {
    span: Option<Span>,
    help: Option<String>,
    related: Vec<Related>,
    excerpt: Option<Excerpt>,
}

impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let key_path = self.key_path.as_ref().filter(|p| !p.is_root()).map(KeyPath::to_string);
        let mut out = s.serialize_struct("Finding", 9)?;
        out.serialize_field("severity", &self.severity)?;
        out.serialize_field("code", &self.code)?;
        out.serialize_field("file", &self.file)?;
        out.serialize_field("key_path", &key_path)?;
        out.serialize_field("location", &self.location)?;
        out.serialize_field("message", &self.message)?;
        out.serialize_field("span", &self.span())?;
        out.serialize_field("help", &self.help())?;
        out.serialize_field("related", self.related())?;
        out.end()
    }
}

/// A byte range in a file's text, `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Span {
        Span {
            start: range.start,
            end: range.end.max(range.start),
        }
    }
}

/// The line of source text a span lies on: enough to draw a snippet with a caret under the span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    /// The 1-based number of the line.
    pub line: usize,
    /// The line's text, without its line break; very long lines are cut to a window around the span (a snippet of
    /// such a window counts its column from the window's start).
    pub text: String,
    /// The span within `text` (cut to the line when the span runs past it).
    pub range: Range<usize>,
}

impl Excerpt {
    /// The longest line kept whole; longer lines keep a window of about this size around the span.
    pub const MAX_LINE: usize = 1024;

    /// The excerpt of `span` in `text`, given the byte offset where the span's line starts and its line number.
    pub fn of(text: &str, line_start: usize, line: usize, span: Span) -> Excerpt {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let line_start = line_start.min(start);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_end = if text[..line_end].ends_with('\r') {
            line_end - 1
        } else {
            line_end
        };
        let end = floor_char_boundary(text, span.end.clamp(start, line_end.max(start)));
        // Cut very long lines to a window around the span, so a finding stays small.
        let from = if line_end - line_start > Self::MAX_LINE && start - line_start > Self::MAX_LINE / 4 {
            floor_char_boundary(text, start - Self::MAX_LINE / 4)
        } else {
            line_start
        };
        let to = if line_end - from > Self::MAX_LINE {
            floor_char_boundary(text, (from + Self::MAX_LINE).max(end))
        } else {
            line_end
        };
        Excerpt {
            line,
            text: text[from..to].to_string(),
            range: start - from..end.min(to) - from,
        }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A secondary place a finding points to, with a label saying what is there.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Related {
    /// The file (often the finding's own).
    pub file: PathBuf,
    /// Line and column, where known.
    pub location: Option<Location>,
    /// The bytes, where known.
    pub span: Option<Span>,
    /// What is there: "first defined here".
    pub label: String,
    /// The source line, for the snippet form.
    #[serde(skip)]
    pub excerpt: Option<Excerpt>,
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
            detail: None,
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

    fn detail_mut(&mut self) -> &mut Detail {
        self.detail.get_or_insert_with(Box::default)
    }

    /// The bytes of the file's text the finding is about (usually the key), where known.
    pub fn span(&self) -> Option<Span> {
        self.detail.as_ref().and_then(|d| d.span)
    }

    /// How to fix it, where the tool can tell: "did you mean `summary`?".
    pub fn help(&self) -> Option<&str> {
        self.detail.as_ref().and_then(|d| d.help.as_deref())
    }

    /// Other places that explain this one: the first definition of a repeated key.
    pub fn related(&self) -> &[Related] {
        self.detail.as_ref().map_or(&[], |d| &d.related)
    }

    /// The source line the span lies on, kept so the finding can be shown as a snippet without reading the file
    /// again. Not part of the JSON.
    pub fn excerpt(&self) -> Option<&Excerpt> {
        self.detail.as_ref().and_then(|d| d.excerpt.as_ref())
    }

    /// The same finding about the bytes `span`, shown with `excerpt` in the snippet form.
    pub fn with_span(mut self, span: Span, excerpt: Option<Excerpt>) -> Finding {
        let detail = self.detail_mut();
        detail.span = Some(span);
        detail.excerpt = excerpt;
        self
    }

    /// The same finding with a hint on how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Finding {
        self.detail_mut().help = Some(help.into());
        self
    }

    /// The same finding with a hint when there is one (`None` leaves it as it is).
    pub fn with_help_opt(self, help: Option<String>) -> Finding {
        match help {
            Some(help) => self.with_help(help),
            None => self,
        }
    }

    /// The same finding pointing also at another place.
    pub fn with_related(mut self, related: Related) -> Finding {
        self.detail_mut().related.push(related);
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `file:line:col: key.path: message (help)` — the one-line form editors and terminals recognise.
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
        f.write_str(&self.message)?;
        if let Some(help) = self.help() {
            write!(f, " ({help})")?;
        }
        Ok(())
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
