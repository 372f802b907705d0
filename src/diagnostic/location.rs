//! Where in a file: line and column ([`Location`]), byte offset to line and column ([`LineIndex`]), and the key path
//! from the document root ([`KeyPath`]).

use std::fmt;

/// A 1-based line and column in a source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

impl Location {
    /// The location of a byte offset in `text` (clamped to the text, snapped to a char boundary).
    pub fn of_offset(text: &str, offset: usize) -> Location {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location { line, column }
    }
}

/// Byte offset → line and column in `O(log n)`, for files with many findings or keys: [`Location::of_offset`]
/// scans from the start of the text, which is quadratic when called for every key of a large file.
#[derive(Debug)]
pub struct LineIndex {
    /// (byte offset, line, column) at the start of every line and at least every [`Self::STEP`] bytes within long
    /// lines, so a lookup counts characters over at most one step.
    checkpoints: Vec<(usize, usize, usize)>,
    /// The byte offset where each line starts; line `n` (1-based) at index `n - 1`.
    line_starts: Vec<usize>,
}

impl LineIndex {
    const STEP: usize = 1024;

    /// Index a text.
    pub fn new(text: &str) -> LineIndex {
        let mut checkpoints = vec![(0, 1, 1)];
        let mut line_starts = vec![0];
        let (mut line, mut column, mut last) = (1, 1, 0);
        for (offset, c) in text.char_indices() {
            if offset - last >= Self::STEP {
                checkpoints.push((offset, line, column));
                last = offset;
            }
            if c == '\n' {
                line += 1;
                column = 1;
                checkpoints.push((offset + 1, line, column));
                line_starts.push(offset + 1);
                last = offset + 1;
            } else {
                column += 1;
            }
        }
        LineIndex {
            checkpoints,
            line_starts,
        }
    }

    /// The byte offset where a 1-based line starts (the end of the text for lines past it).
    pub fn line_start(&self, text: &str, line: usize) -> usize {
        line.checked_sub(1)
            .and_then(|i| self.line_starts.get(i))
            .map_or(text.len(), |&start| start)
    }

    /// The byte offset of a line and column in `text` (the reverse of [`Self::locate`]); a column past the end of
    /// its line gives the line's end.
    pub fn offset_of(&self, text: &str, location: Location) -> usize {
        let target = (location.line, location.column);
        let i = self
            .checkpoints
            .partition_point(|&(_, line, column)| (line, column) <= target)
            .saturating_sub(1);
        let (start, line, column) = self.checkpoints[i];
        if line != location.line {
            return self.line_start(text, location.line);
        }
        let mut offset = start;
        for c in text[start..].chars().take(location.column - column) {
            if c == '\n' {
                break;
            }
            offset += c.len_utf8();
        }
        offset
    }

    /// The location of a byte offset in `text` (the text this index was built from), clamped and snapped to a char
    /// boundary like [`Location::of_offset`].
    pub fn locate(&self, text: &str, offset: usize) -> Location {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let i = self.checkpoints.partition_point(|&(start, ..)| start <= offset) - 1;
        let (start, line, column) = self.checkpoints[i];
        Location {
            line,
            column: column + text[start..offset].chars().count(),
        }
    }
}

/// One step of a key path: a table key or an array index.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// A key in a table / mapping.
    Field(String),
    /// An index in an array / sequence (0-based).
    Index(usize),
}

/// A path of keys from the document root, displayed TOML-style: `answers."5a".answer`, `rows[2].kind`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyPath(pub Vec<Key>);

impl KeyPath {
    /// The empty path: the document itself.
    pub fn root() -> KeyPath {
        KeyPath(Vec::new())
    }

    /// This path extended by a table key.
    pub fn key(&self, key: impl Into<String>) -> KeyPath {
        let mut keys = self.0.clone();
        keys.push(Key::Field(key.into()));
        KeyPath(keys)
    }

    /// This path extended by an array index.
    pub fn index(&self, index: usize) -> KeyPath {
        let mut keys = self.0.clone();
        keys.push(Key::Index(index));
        KeyPath(keys)
    }

    /// Build a path from dotted segments, each a key (no quoting, no indices): `KeyPath::of(&["answers", "5a"])`.
    pub fn of(keys: &[&str]) -> KeyPath {
        KeyPath(keys.iter().map(|k| Key::Field((*k).to_string())).collect())
    }

    /// True for the document root.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn from_serde(path: &serde_path_to_error::Path) -> KeyPath {
        use serde_path_to_error::Segment;
        let keys = path
            .iter()
            .filter_map(|segment| match segment {
                Segment::Seq { index } => Some(Key::Index(*index)),
                Segment::Map { key } => Some(Key::Field(key.clone())),
                Segment::Enum { variant } => Some(Key::Field(variant.clone())),
                Segment::Unknown => None,
            })
            .collect();
        KeyPath(keys)
    }
}

fn is_bare_key(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for key in &self.0 {
            match key {
                Key::Index(i) => write!(f, "[{i}]")?,
                Key::Field(name) => {
                    if !first {
                        f.write_str(".")?;
                    }
                    if is_bare_key(name) {
                        f.write_str(name)?;
                    } else {
                        write!(f, "{name:?}")?;
                    }
                }
            }
            first = false;
        }
        Ok(())
    }
}
