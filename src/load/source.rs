//! Reading TOML and YAML files behind one interface.
//!
//! Everything that knows about a concrete parser lives here: the rest of the crate sees a [`SourceFile`], asks it to
//! [`parse`](SourceFile::parse) a typed value, and gets back either the value or a [`Finding`] that names the file, the
//! key path and, where the parser knows it, the line and column. Replacing the YAML backend means changing this file.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Code, Excerpt, Finding, Key, KeyPath, LineIndex, Location, Related, Severity, Span};
pub use crate::model::Format;

/// Files larger than this are refused before parsing (1 MiB). A practice description of a few pages is ~20 KiB.
pub const MAX_FILE_SIZE: u64 = 1024 * 1024;

/// The deepest nesting of tables and lists accepted. TOML's parser stops at this depth by itself; for YAML,
/// [`SourceFile::parse`] checks it before handing the text to the parser, whose cost grows with the square of the
/// depth of `[`/`{` nesting. Our files nest three or four levels deep.
pub const MAX_NESTING: usize = 80;

/// The largest a YAML document may grow when its aliases (`*name`) are expanded, counted as the bytes of its scalars
/// plus one per node (4 MiB). Stops "billion laughs" alias bombs before they are expanded.
pub const MAX_EXPANDED_SIZE: usize = 4 * 1024 * 1024;

/// A file read into memory, ready to be parsed.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as given or discovered (used in messages).
    pub path: PathBuf,
    /// Its format.
    pub format: Format,
    /// Its text, with a leading byte-order mark removed.
    pub text: String,
    spans: OnceLock<Spans>,
    lines: OnceLock<LineIndex>,
}

impl SourceFile {
    /// Read a file, refusing what no parser should see: unknown extensions, files over [`MAX_FILE_SIZE`],
    /// invalid UTF-8 and NUL bytes. A UTF-8 byte-order mark is accepted and dropped.
    pub fn read(path: &Path) -> Result<SourceFile, Finding> {
        let format = Format::from_path(path)
            .ok_or_else(|| Finding::error(path, Code::UnsupportedFormat, "not a .toml, .yaml or .yml file"))?;
        // Opened without blocking and checked on the handle: a FIFO named like a file cannot make the tool wait,
        // and a folder is not a file whatever its name.
        let bytes = super::file::read_limited(path, MAX_FILE_SIZE).map_err(|e| {
            let code = match e {
                super::file::ReadError::NotAFile(_) => Code::NotAFile,
                super::file::ReadError::TooLarge { .. } => Code::TooLarge,
                super::file::ReadError::Io(_) => Code::Io,
            };
            Finding::error(path, code, e.to_string())
        })?;
        Self::from_bytes(path, format, bytes)
    }

    /// Build a source file from bytes already in memory (used by `read`, by tests and by fuzzing).
    pub fn from_bytes(path: &Path, format: Format, bytes: Vec<u8>) -> Result<SourceFile, Finding> {
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let prefix = String::from_utf8_lossy(&bytes[..valid]);
                return Err(Finding::error(path, Code::Encoding, "file is not valid UTF-8")
                    .at(Location::of_offset(&prefix, valid)));
            }
        };
        if let Some(offset) = text.find('\0') {
            return Err(
                Finding::error(path, Code::Encoding, "file contains a NUL byte (binary file?)")
                    .at(Location::of_offset(&text, offset)),
            );
        }
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        Ok(SourceFile::from_text(path, format, text))
    }

    /// Build a source file from text. The text is brought to Unicode NFC (canonical composition), so that the same
    /// words match whatever way they were typed: `å` as one character or as `a` + combining ring (macOS file names
    /// and some copy-paste give the latter) compare equal in tags, names, filters and the index.
    pub fn from_text(path: &Path, format: Format, text: String) -> SourceFile {
        use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
        let text = match is_nfc_quick(text.chars()) {
            IsNormalized::Yes => text,
            _ => text.nfc().collect(),
        };
        SourceFile {
            path: path.to_path_buf(),
            format,
            text,
            spans: OnceLock::new(),
            lines: OnceLock::new(),
        }
    }

    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// The location of a byte offset in this file's text.
    pub fn location_of(&self, offset: usize) -> Location {
        self.lines().locate(&self.text, offset)
    }

    /// The byte offset of a line and column in this file's text.
    pub fn offset_of(&self, location: Location) -> usize {
        self.lines().offset_of(&self.text, location)
    }

    /// The line `span` starts on, for the snippet form of a finding.
    pub fn excerpt(&self, span: Span) -> Excerpt {
        let line = self.location_of(span.start).line;
        Excerpt::of(&self.text, self.lines().line_start(&self.text, line), line, span)
    }

    /// `finding` about the bytes `range` of this file: its span, the line and column of the start, and the excerpt.
    /// An empty range is widened to the character at its start, so there is something to point at.
    pub fn place(&self, finding: Finding, range: std::ops::Range<usize>) -> Finding {
        let start = range.start.min(self.text.len());
        let mut end = range.end.clamp(start, self.text.len());
        if end == start {
            end = self.text[start..]
                .chars()
                .next()
                .filter(|c| *c != '\n' && *c != '\r')
                .map_or(start, |c| start + c.len_utf8());
        }
        let span = Span::from(start..end);
        let location = self.location_of(start);
        finding.at(location).with_span(span, Some(self.excerpt(span)))
    }

    /// `finding` at a line and column of this file (a parser's location), pointing at the character there.
    fn place_at(&self, finding: Finding, location: Location) -> Finding {
        let offset = self.offset_of(location);
        self.place(finding, offset..offset).at(location)
    }

    /// Deserialise the whole file into `T`. Errors name the key path and the parser's location.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Finding> {
        match self.format {
            Format::Toml => self.parse_toml(),
            Format::Yaml => self.parse_yaml(),
        }
        .map_err(|finding| self.explain_misplaced::<T>(finding))
    }

    /// Deserialise the file into `T`, keeping what can be kept: an unknown key (a typo such as `justifcation`) or a
    /// value of the wrong type in a field that does not change a grade is reported as an error finding, left out,
    /// and the rest of the file still loads. Returns the value with those findings; or, when the file cannot be
    /// read as a `T` at all (a syntax error, a missing required field, a wrong `answers` table, a key that looks like a
    /// grade key such as `answer` or `criteria_version`), every finding found on the way.
    pub fn parse_lenient<T: DeserializeOwned>(&self) -> Result<(T, Vec<Finding>), Vec<Finding>> {
        let first = match self.parse::<T>() {
            Ok(value) => return Ok((value, Vec::new())),
            Err(first) => first,
        };
        if !may_leave_out(&first) {
            return Err(vec![first]);
        }
        let Some(mut tree) = Tree::parse(self) else {
            return Err(vec![first]);
        };
        let mut findings = Vec::new();
        let mut next = first;
        // Each round leaves one key out; a file with more problems than this is not worth rescuing key by key.
        for _ in 0..MAX_LEFT_OUT {
            let path = next.key_path.clone().map(whole_answer);
            let Some(path) = path.filter(|p| may_leave_out(&next) && tree.remove(p)) else {
                findings.push(next);
                return Err(findings);
            };
            findings.push(next);
            match tree.deserialize::<T>() {
                Ok(value) => return Ok((value, findings)),
                Err((key_path, message)) => {
                    let finding = self.explain_misplaced::<T>(self.shape_error(key_path, &message, None));
                    // A required field left out because its value was wrong is reported once, as the wrong value.
                    if finding.code == Code::MissingKey && finding.key_path.as_ref() == Some(&path) {
                        return Err(findings);
                    }
                    next = finding;
                }
            }
        }
        findings.push(Finding::error(
            &self.path,
            Code::InvalidValue,
            format!("more than {MAX_LEFT_OUT} unknown keys or wrong values: the file is not read"),
        ));
        Err(findings)
    }

    /// Add "did you mean to put it above the table?" to an unknown key (or a wrong value in a map such as
    /// `[answers]`) whose name is a top-level key of `T`: it was written after a `[table]` header, or indented under
    /// the wrong parent.
    fn explain_misplaced<T: DeserializeOwned>(&self, mut finding: Finding) -> Finding {
        let Some(path) = finding.key_path.clone() else {
            return finding;
        };
        let keys = &path.0;
        if let [Key::Field(name)] = keys.as_slice() {
            // A question id at the top level (`"5": ja` without its indent): it belongs in `answers`.
            let looks_like_answer = name.starts_with(|c: char| c.is_ascii_digit());
            if finding.code == Code::UnknownKey
                && finding.help().is_none()
                && looks_like_answer
                && top_level_keys::<T>().iter().any(|k| k == "answers")
            {
                return finding.with_help(match self.format {
                    Format::Toml => "answers go in the `[answers]` table: move it below the `[answers]` header",
                    Format::Yaml => "indent it under `answers:`",
                });
            }
            return finding;
        }
        let (Some(Key::Field(name)), true) = (keys.last(), keys.len() >= 2) else {
            return finding;
        };
        let in_map = keys.len() == 2 && matches!(&keys[0], Key::Field(parent) if MAP_TABLES.contains(&parent.as_str()));
        if !(finding.code == Code::UnknownKey || finding.code == Code::InvalidValue && in_map) {
            return finding;
        }
        if !top_level_keys::<T>().iter().any(|k| k == name) {
            return finding;
        }
        let parent = KeyPath(keys[..keys.len() - 1].to_vec());
        finding.message = misplaced_message(self.format, name, &parent);
        finding.with_help(misplaced_help(self.format))
    }

    fn parse_toml<T: DeserializeOwned>(&self) -> Result<T, Finding> {
        let deserializer = toml::Deserializer::parse(&self.text).map_err(|e| {
            let finding = Finding::error(&self.path, Code::Syntax, first_line(e.message()));
            match e.span() {
                Some(span) => self.place(finding, span),
                None => finding,
            }
        })?;
        serde_path_to_error::deserialize(deserializer).map_err(|e| {
            let key_path = KeyPath::from_serde(e.path());
            let inner = e.into_inner();
            self.shape_error(key_path, inner.message(), inner.span().map(Place::Span))
        })
    }

    fn parse_yaml<T: DeserializeOwned>(&self) -> Result<T, Finding> {
        if let Err((code, message, location)) = yaml_hazards(&self.text) {
            let finding = Finding::error(&self.path, code, message);
            return Err(match location {
                Some(location) => self.place_at(finding, location),
                None => finding,
            });
        }
        // An empty YAML document is an empty mapping, as an empty TOML file is an empty table.
        let text = if self.text.trim().is_empty() { "{}" } else { &self.text };
        let deserializer = serde_yaml::Deserializer::from_str(text);
        serde_path_to_error::deserialize(deserializer).map_err(|e| {
            let key_path = KeyPath::from_serde(e.path());
            let inner = e.into_inner();
            let location = inner.location().map(|l| Location {
                line: l.line(),
                column: l.column(),
            });
            let message = inner.to_string();
            // serde_yaml appends " at line L column C" to its messages; we print the location ourselves.
            let message = match message.rfind(" at line ") {
                Some(i) if location.is_some() => message[..i].to_string(),
                _ => message,
            };
            // serde_yaml also starts nested messages with its own key path ("rows[0].kind: invalid type: …");
            // the finding carries the path already.
            let message = match message.split_once(": ") {
                Some((prefix, rest)) if !key_path.is_root() && !prefix.contains(char::is_whitespace) => {
                    rest.to_string()
                }
                _ => message,
            };
            self.shape_error(key_path, &message, location.map(Place::At))
        })
    }

    /// Turn a deserialisation error into a finding, with a "did you mean" help for unknown keys. `place` is where
    /// the parser says the error is.
    fn shape_error(&self, key_path: KeyPath, message: &str, place: Option<Place>) -> Finding {
        let message = first_line(message);
        let mut help = None;
        let (code, message) = match parse_unknown_field(&message) {
            Some((unknown, expected)) => {
                let mut text = format!("unknown key `{unknown}`");
                help = crate::diagnostic::suggest::did_you_mean(&unknown, expected.iter().map(String::as_str))
                    .or_else(|| did_you_mean_plural(&unknown, &expected));
                if help.is_none() && !expected.is_empty() {
                    text.push_str(&format!("; expected one of: {}", expected.join(", ")));
                }
                (Code::UnknownKey, text)
            }
            None if message.starts_with("missing field") => (Code::MissingKey, message),
            None if message.starts_with("duplicate key") || message.starts_with("duplicate field") => {
                (Code::DuplicateKey, message)
            }
            None => (Code::InvalidValue, message),
        };
        // A TOML date-time reaches serde as a table with one private key: report it as the value it is.
        let (key_path, code, message) = match key_path.0.last() {
            Some(Key::Field(k)) if k == TOML_DATETIME => (
                KeyPath(key_path.0[..key_path.0.len() - 1].to_vec()),
                Code::InvalidValue,
                "invalid type: a date-time, expected a text or a table".to_string(),
            ),
            _ => (key_path, code, message),
        };
        // Unknown and repeated keys are reported at the key itself: extend the path when serde stopped at the parent.
        let name = match code {
            Code::UnknownKey => parse_unknown_field_name(&message),
            Code::DuplicateKey => message.split('`').nth(1).map(str::to_string),
            _ => None,
        };
        let key_path = match name {
            Some(name) if key_path.0.last() != Some(&Key::Field(name.clone())) => key_path.key(name),
            _ => key_path,
        };
        // The classic TOML trap: a top-level key written after a `[[table]]` header belongs to that table.
        let in_array_table = key_path.0.len() >= 3 && matches!(key_path.0[key_path.0.len() - 2], Key::Index(_));
        if code == Code::UnknownKey && self.format == Format::Toml && in_array_table && help.is_none() {
            help = Some(ARRAY_TABLE_HELP.to_string());
        }
        let finding = Finding::error(&self.path, code, message)
            .with_key_path(key_path.clone())
            .with_help_opt(help);
        let spans = self.spans();
        match code {
            // YAML reports a repeated key at its mapping: point at the second occurrence, and at the first.
            Code::DuplicateKey if spans.repeated.contains_key(&key_path) => {
                let finding = self.place(finding, spans.repeated[&key_path].clone());
                match spans.first.get(&key_path) {
                    Some(first) => finding.with_related(self.related(first.clone(), "first defined here")),
                    None => finding,
                }
            }
            // An unknown key is underlined where it is written.
            Code::UnknownKey if spans.first.contains_key(&key_path) => {
                self.place(finding, spans.first[&key_path].clone())
            }
            _ => match place {
                Some(Place::Span(range)) => self.place(finding, range),
                Some(Place::At(location)) => self.place_at(finding, location),
                None => match self.span_of(&key_path) {
                    Some(range) => self.place(finding, range),
                    None => finding,
                },
            },
        }
    }

    /// A related place in this file.
    fn related(&self, range: std::ops::Range<usize>, label: &str) -> Related {
        let span = Span::from(range);
        Related {
            file: self.path.clone(),
            location: Some(self.location_of(span.start)),
            span: Some(span),
            label: label.to_string(),
            excerpt: Some(self.excerpt(span)),
        }
    }

    /// The location of a key path in this file, if it exists there. Computed lazily from a second,
    /// span-aware parse, so that the common case (no findings) costs nothing.
    pub fn locate(&self, key_path: &KeyPath) -> Option<Location> {
        self.span_of(key_path).map(|range| self.location_of(range.start))
    }

    /// The bytes of a key path in this file (the key; for an array element, the element), or of its nearest
    /// ancestor that is there.
    pub fn span_of(&self, key_path: &KeyPath) -> Option<std::ops::Range<usize>> {
        let spans = &self.spans().first;
        let mut keys = key_path.0.clone();
        loop {
            if let Some(range) = spans.get(&KeyPath(keys.clone())) {
                return Some(range.clone());
            }
            keys.pop()?;
        }
    }

    fn spans(&self) -> &Spans {
        self.spans.get_or_init(|| match self.format {
            Format::Toml => Spans {
                first: toml_spans(&self.text),
                repeated: HashMap::new(),
            },
            Format::Yaml => yaml_spans(&self.text),
        })
    }

    /// A finding located at `key_path` in this file.
    pub fn finding(&self, severity: Severity, code: Code, key_path: KeyPath, message: impl Into<String>) -> Finding {
        let range = if key_path.is_root() {
            None
        } else {
            self.span_of(&key_path)
        };
        let finding = Finding::new(severity, &self.path, code, message).with_key_path(key_path);
        match range {
            Some(range) => self.place(finding, range),
            None => finding,
        }
    }
}

/// The key under which the TOML parser hands a date-time to serde.
const TOML_DATETIME: &str = "$__toml_private_datetime";

/// At most this many keys are left out of one file by [`SourceFile::parse_lenient`].
const MAX_LEFT_OUT: usize = 100;

/// "did you mean `answers`?" for `answr`: a table name typed in the singular and misspelt is one edit from the
/// singular of the plural key.
fn did_you_mean_plural(unknown: &str, expected: &[String]) -> Option<String> {
    let singular: Vec<&str> = expected.iter().filter_map(|k| k.strip_suffix('s')).collect();
    let closest = crate::diagnostic::suggest::closest(unknown, singular.iter().copied())?;
    Some(format!("did you mean `{closest}s`?"))
}

/// Keys whose value decides a grade: an unknown key that looks like one of them, or a wrong value under one of them,
/// stops the file from loading rather than letting it be scored without it — except a wrong value in one answer,
/// which leaves out that answer (the assessment is then incomplete, as with an option the scale does not have).
const GRADE_KEYS: &[&str] = &["answers", "answer", "criteria", "criteria_version"];

/// Top-level tables whose keys are free (a question id, a template key, a facet): a top-level key written after
/// their header becomes one of their entries.
const MAP_TABLES: &[&str] = &["answers", "justifications", "decisions", "description", "tags"];

/// Whether `finding` is about one key that can be left out of the file without changing a grade.
fn may_leave_out(finding: &Finding) -> bool {
    let Some(path) = finding.key_path.as_ref().filter(|p| !p.is_root()) else {
        return false;
    };
    let under_grade_key = matches!(path.0.first(), Some(Key::Field(k)) if GRADE_KEYS.contains(&k.as_str()));
    match finding.code {
        Code::UnknownKey => {
            // The help "did you mean `answer`?" names the key suggested.
            let suggested = finding.help().and_then(|h| h.split('`').nth(1)).unwrap_or("");
            !GRADE_KEYS.contains(&suggested)
        }
        // A wrong type in one answer drops that answer, as an option the scale does not have does.
        Code::InvalidValue => !under_grade_key || is_answer(path),
        _ => false,
    }
}

/// Whether `path` is within one answer: `answers.<id>` or below it.
fn is_answer(path: &KeyPath) -> bool {
    path.0.len() >= 2 && matches!(path.0.first(), Some(Key::Field(k)) if k == "answers")
}

/// The key to leave out for a problem at `path`: the whole answer for a problem within one (`answers.<id>.note`
/// leaves out `answers.<id>`), else `path` itself.
fn whole_answer(path: KeyPath) -> KeyPath {
    if is_answer(&path) {
        KeyPath(path.0[..2].to_vec())
    } else {
        path
    }
}

/// The top-level keys of `T` when it is a struct that refuses unknown keys, from serde's own list: deserialising a
/// table with one key no struct has makes it name the keys it expects.
fn top_level_keys<T: DeserializeOwned>() -> Vec<String> {
    let mut probe = toml::Table::new();
    probe.insert("\u{1}".to_string(), toml::Value::Integer(0));
    match T::deserialize(toml::Value::Table(probe)) {
        Ok(_) => Vec::new(),
        Err(e) => parse_unknown_field(e.message())
            .map(|(_, keys)| keys)
            .unwrap_or_default(),
    }
}

/// When `name`, found under `parent` in a file of this format, is a top-level key of `T`: "`date` is inside
/// `[answers]`: did you mean to put it above the table?" (for checks that find such a key among free map keys, such
/// as question ids or template fields).
/// Returns the message and the help.
pub fn misplaced_hint<T: DeserializeOwned>(
    format: Format,
    name: &str,
    parent: &KeyPath,
) -> Option<(String, &'static str)> {
    top_level_keys::<T>()
        .iter()
        .any(|k| k == name)
        .then(|| (misplaced_message(format, name, parent), misplaced_help(format)))
}

/// "`date` is inside `[answers]`: did you mean to put it above the table?"
fn misplaced_message(format: Format, name: &str, parent: &KeyPath) -> String {
    let in_array = matches!(parent.0.last(), Some(Key::Index(_)));
    let table: Vec<String> = parent
        .0
        .iter()
        .filter_map(|k| match k {
            Key::Field(f) => Some(f.clone()),
            Key::Index(_) => None,
        })
        .collect();
    let table = table.join(".");
    match format {
        Format::Toml if in_array => {
            format!("`{name}` is inside `[[{table}]]`: did you mean to put it above the table?")
        }
        Format::Toml => format!("`{name}` is inside `[{table}]`: did you mean to put it above the table?"),
        Format::Yaml => format!("`{name}` is indented under `{table}`: did you mean to put it at the top level?"),
    }
}

/// Why a key lands in the wrong table, for [`misplaced_message`].
fn misplaced_help(format: Format) -> &'static str {
    match format {
        Format::Toml => "in TOML, every key after a `[table]` header belongs to that table, up to the next header",
        Format::Yaml => "in YAML, indentation decides which mapping a key belongs to",
    }
}

/// A parsed file as a tree of values, for leaving out keys one by one.
enum Tree {
    Toml(toml::Value),
    Yaml(serde_yaml::Value),
}

impl Tree {
    fn parse(source: &SourceFile) -> Option<Tree> {
        match source.format {
            Format::Toml => toml::from_str::<toml::Table>(&source.text)
                .ok()
                .map(|t| Tree::Toml(toml::Value::Table(t))),
            Format::Yaml => serde_yaml::from_str::<serde_yaml::Value>(&source.text)
                .ok()
                .map(Tree::Yaml),
        }
    }

    /// Remove the key or element at `path`; false when there is none.
    fn remove(&mut self, path: &KeyPath) -> bool {
        let Some((last, parents)) = path.0.split_last() else {
            return false;
        };
        match self {
            Tree::Toml(root) => {
                let mut node = root;
                for key in parents {
                    let next = match (key, node) {
                        (Key::Field(k), toml::Value::Table(t)) => t.get_mut(k.as_str()),
                        (Key::Index(i), toml::Value::Array(a)) => a.get_mut(*i),
                        _ => None,
                    };
                    let Some(next) = next else { return false };
                    node = next;
                }
                match (last, node) {
                    (Key::Field(k), toml::Value::Table(t)) => t.remove(k.as_str()).is_some(),
                    _ => false,
                }
            }
            Tree::Yaml(root) => {
                let mut node = root;
                for key in parents {
                    let next = match (key, node) {
                        (Key::Field(k), serde_yaml::Value::Mapping(m)) => m.get_mut(k.as_str()),
                        (Key::Index(i), serde_yaml::Value::Sequence(s)) => s.get_mut(*i),
                        _ => None,
                    };
                    let Some(next) = next else { return false };
                    node = next;
                }
                match (last, node) {
                    (Key::Field(k), serde_yaml::Value::Mapping(m)) => m.remove(k.as_str()).is_some(),
                    _ => false,
                }
            }
        }
    }

    /// Deserialise the tree; an error comes with its key path and message.
    fn deserialize<T: DeserializeOwned>(&self) -> Result<T, (KeyPath, String)> {
        match self {
            Tree::Toml(value) => serde_path_to_error::deserialize(value.clone())
                .map_err(|e| (KeyPath::from_serde(e.path()), e.into_inner().message().to_string())),
            Tree::Yaml(value) => serde_path_to_error::deserialize(value.clone()).map_err(|e| {
                let path = KeyPath::from_serde(e.path());
                let message = e.into_inner().to_string();
                let message = match message.split_once(": ") {
                    Some((prefix, rest)) if !path.is_root() && !prefix.contains(char::is_whitespace) => {
                        rest.to_string()
                    }
                    _ => message,
                };
                (path, message)
            }),
        }
    }
}

/// The help for an unknown key under a `[[table]]` header in TOML.
const ARRAY_TABLE_HELP: &str = "in TOML, keys after a [[table]] header belong to that table: if this is a top-level key, move it above the first [table] header";

fn first_line(message: &str) -> String {
    message.trim().lines().next().unwrap_or("").trim().to_string()
}

/// serde's message for `deny_unknown_fields`: "unknown field `x`, expected one of `a`, `b`" (or "expected `a` or `b`",
/// or "there are no fields").
fn parse_unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let name = parse_unknown_field_name(message)?;
    let rest = message.split_once(", ")?.1;
    let expected = rest.split('`').skip(1).step_by(2).map(str::to_string).collect();
    Some((name, expected))
}

fn parse_unknown_field_name(message: &str) -> Option<String> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown key `"))?;
    let end = rest.find('`')?;
    Some(rest[..end].to_string())
}

/// Where the parser says an error is: a byte range (TOML) or a line and column (YAML).
enum Place {
    Span(std::ops::Range<usize>),
    At(Location),
}

/// Where the keys of a file are, as byte ranges of the text.
#[derive(Debug, Default)]
struct Spans {
    /// Every key and array element, at its first occurrence.
    first: HashMap<KeyPath, std::ops::Range<usize>>,
    /// Keys written a second time in the same mapping (YAML only; TOML's parser refuses them), at that occurrence.
    repeated: HashMap<KeyPath, std::ops::Range<usize>>,
}

/// The byte ranges of every key and array element in a TOML text (empty when the text does not parse).
fn toml_spans(text: &str) -> HashMap<KeyPath, std::ops::Range<usize>> {
    use toml::de::{DeTable, DeValue};
    type Out = HashMap<KeyPath, std::ops::Range<usize>>;
    // The parser stops at a depth of MAX_NESTING, so this recursion is bounded.
    fn walk(value: &DeValue<'_>, path: &KeyPath, out: &mut Out) {
        match value {
            DeValue::Table(table) => {
                for (key, value) in table.iter() {
                    let child = path.key(key.get_ref().to_string());
                    out.entry(child.clone()).or_insert_with(|| key.span());
                    walk(value.get_ref(), &child, out);
                }
            }
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let child = path.index(i);
                    out.entry(child.clone()).or_insert_with(|| item.span());
                    walk(item.get_ref(), &child, out);
                }
            }
            _ => {}
        }
    }
    let mut out = HashMap::new();
    if let Ok(root) = DeTable::parse(text) {
        walk(&DeValue::Table(root.into_inner()), &KeyPath::root(), &mut out);
    }
    out
}

/// The byte ranges of every key and sequence element in a YAML text, from the parser's event stream. Aliases are
/// not expanded (so an alias bomb costs nothing here); parsing stops at the first error or the first extra document.
/// A scalar's range covers its text (quotes included); a collection's is empty, at its start.
fn yaml_spans(text: &str) -> Spans {
    use yaml_rust2::parser::{Event, Parser};
    type Range = std::ops::Range<usize>;

    enum Frame {
        /// `key` is the path of the value now expected, or `None` when a key is expected.
        Mapping {
            path: KeyPath,
            key: Option<KeyPath>,
        },
        Sequence {
            path: KeyPath,
            next: usize,
        },
    }

    /// The path of a node starting now, or `None` when the node is a mapping key. Advances the parent frame.
    fn node_path(stack: &mut [Frame], scalar: Option<&str>, location: Range, out: &mut Spans) -> Option<KeyPath> {
        match stack.last_mut() {
            None => Some(KeyPath::root()),
            Some(Frame::Mapping { path, key }) => match key.take() {
                Some(value_path) => Some(value_path),
                None => {
                    // A key: scalar keys name the value that follows; complex keys are not used by our files.
                    let child = path.key(scalar.unwrap_or("?"));
                    if out.first.contains_key(&child) {
                        out.repeated.entry(child.clone()).or_insert(location);
                    } else {
                        out.first.insert(child.clone(), location);
                    }
                    *key = Some(child);
                    None
                }
            },
            Some(Frame::Sequence { path, next }) => {
                let child = path.index(*next);
                *next += 1;
                out.first.entry(child.clone()).or_insert(location);
                Some(child)
            }
        }
    }

    let mut out = Spans::default();
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut documents = 0;
    let mut cursor = CharCursor::default();
    // A budget guards against pathological inputs; a 1 MiB file has far fewer events.
    for _ in 0..2_000_000 {
        let Ok((event, marker)) = parser.next_token() else {
            break;
        };
        let start = cursor.seek(text, marker.index());
        let location = match &event {
            Event::Scalar(value, style, ..) => start..scalar_end(text, start, value, *style),
            _ => start..start,
        };
        match event {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    break;
                }
            }
            Event::Scalar(value, ..) => {
                node_path(&mut stack, Some(&value), location, &mut out);
            }
            Event::Alias(_) => {
                node_path(&mut stack, None, location, &mut out);
            }
            // Deeper nodes would cost O(depth) each to name; files that deep are refused before parsing anyway.
            Event::MappingStart(..) | Event::SequenceStart(..) if stack.len() >= MAX_NESTING => break,
            Event::MappingStart(..) => {
                let path = node_path(&mut stack, None, location, &mut out).unwrap_or_else(|| KeyPath::of(&["?"]));
                stack.push(Frame::Mapping { path, key: None });
            }
            Event::SequenceStart(..) => {
                let path = node_path(&mut stack, None, location, &mut out).unwrap_or_else(|| KeyPath::of(&["?"]));
                stack.push(Frame::Sequence { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            _ => {}
        }
    }
    out
}

/// Where a YAML scalar that starts at byte `start` ends: plain scalars are their value; quoted ones end at the
/// closing quote. (Block scalars and multi-line values end with their first line, which is all a snippet shows.)
fn scalar_end(text: &str, start: usize, value: &str, style: yaml_rust2::scanner::TScalarStyle) -> usize {
    use yaml_rust2::scanner::TScalarStyle;
    let rest = &text[start..];
    let line = rest.find(['\n', '\r']).unwrap_or(rest.len());
    let end = match style {
        TScalarStyle::Plain => value.len().min(line),
        TScalarStyle::SingleQuoted => rest[1.min(line)..line]
            .replace("''", "\0\0")
            .find('\'')
            .map_or(line, |i| i + 2),
        TScalarStyle::DoubleQuoted => {
            let mut escaped = false;
            rest.char_indices()
                .take_while(|&(i, _)| i < line)
                .skip(1)
                .find(|&(_, c)| {
                    let close = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    close
                })
                .map_or(line, |(i, _)| i + 1)
        }
        _ => line,
    };
    start + end
}

/// Turns the YAML parser's character indices into byte offsets, walking from the last position: the parser's
/// events come in text order, so a whole file costs one pass.
#[derive(Default)]
struct CharCursor {
    chars: usize,
    bytes: usize,
}

impl CharCursor {
    fn seek(&mut self, text: &str, chars: usize) -> usize {
        if chars < self.chars {
            *self = CharCursor::default();
        }
        for c in text[self.bytes..].chars().take(chars - self.chars) {
            self.bytes += c.len_utf8();
            self.chars += 1;
        }
        self.bytes
    }
}

/// Refuse YAML that would make the parser or the deserialiser misbehave, before they see it: nesting deeper than
/// [`MAX_NESTING`] (libyaml's cost grows with the square of the flow depth), aliases that expand beyond
/// [`MAX_EXPANDED_SIZE`] (alias bombs), and tags (`!!binary`, `!custom`), which our files never need and which
/// the deserialiser would otherwise silently drop. The check walks the event stream of a second, light parser, and
/// only when the text could hold one of these at all: a `*`, a `!`, or more than [`MAX_NESTING`] `[`/`{`.
fn yaml_hazards(text: &str) -> Result<(), (Code, String, Option<Location>)> {
    use yaml_rust2::parser::{Event, Parser};

    let openers = |text: &str| text.bytes().filter(|b| matches!(b, b'[' | b'{')).count();
    // Byte searches (memchr) and a count the compiler vectorises: this runs on every YAML file.
    let bytes = text.as_bytes();
    if !bytes.contains(&b'*') && !bytes.contains(&b'!') && openers(text) <= MAX_NESTING {
        return Ok(());
    }
    let at = |marker: &yaml_rust2::scanner::Marker| {
        Some(Location {
            line: marker.line(),
            column: marker.col() + 1,
        })
    };
    let mut parser = Parser::new_from_str(text);
    let mut depth = 0usize;
    // Expanded size so far, and per anchor id its expanded size; open anchored collections remember where they
    // started, so their size is known when they end.
    let mut total = 0usize;
    let mut anchors: HashMap<usize, usize> = HashMap::new();
    let mut open: Vec<(usize, usize)> = Vec::new();
    loop {
        let (event, marker) = match parser.next_token() {
            Ok(next) => next,
            Err(error) => {
                // The light parser stopped. Past this point only a sound bound is known: every `[`/`{` may nest.
                let offset = text
                    .char_indices()
                    .nth(error.marker().index())
                    .map_or(text.len(), |(offset, _)| offset);
                let rest = &text[offset..];
                let message = error.info().to_string();
                if message.contains("recursion limit")
                    || depth + openers(rest) > MAX_NESTING
                    || rest.contains(['*', '!'])
                {
                    return Err((Code::Syntax, message, at(error.marker())));
                }
                return Ok(());
            }
        };
        let tag = match &event {
            Event::Scalar(_, _, _, tag) | Event::SequenceStart(_, tag) | Event::MappingStart(_, tag) => tag.as_ref(),
            _ => None,
        };
        if let Some(tag) = tag {
            return Err((
                Code::UnsupportedYaml,
                format!(
                    "YAML tags (`{}{}`) are not supported: write the plain value",
                    if tag.handle == "tag:yaml.org,2002:" {
                        "!!"
                    } else {
                        tag.handle.as_str()
                    },
                    tag.suffix
                ),
                at(&marker),
            ));
        }
        match event {
            Event::StreamEnd => return Ok(()),
            Event::Scalar(value, _, anchor, _) => {
                total += value.len() + 1;
                if anchor > 0 {
                    anchors.insert(anchor, value.len() + 1);
                }
            }
            Event::Alias(anchor) => {
                total = total.saturating_add(anchors.get(&anchor).copied().unwrap_or(1));
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                total += 1;
                depth += 1;
                if depth > MAX_NESTING {
                    return Err((
                        Code::TooDeep,
                        format!("lists and tables nest more than {MAX_NESTING} levels deep"),
                        at(&marker),
                    ));
                }
                open.push((anchor, total));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                depth = depth.saturating_sub(1);
                if let Some((anchor, start)) = open.pop() {
                    if anchor > 0 {
                        anchors.insert(anchor, total - start + 1);
                    }
                }
            }
            _ => {}
        }
        if total > MAX_EXPANDED_SIZE {
            return Err((
                Code::TooLarge,
                format!(
                    "aliases (`*name`) expand the document beyond {} MiB: an alias bomb?",
                    MAX_EXPANDED_SIZE / (1024 * 1024)
                ),
                at(&marker),
            ));
        }
    }
}

/// Find the file of one kind (`practice`, `evidence`, …) in a folder: `<kind>.toml`, `<kind>.yaml` or `<kind>.yml`.
/// Returns every match, so the caller can report two files of the same kind. Anything of that name counts — a
/// folder, a broken or looping link, a FIFO — so that reading it reports what it is instead of ignoring it.
pub fn find_kind(dir: &Path, kind: &str) -> Vec<PathBuf> {
    [Format::Toml, Format::Yaml]
        .iter()
        .flat_map(|format| format.extensions())
        .map(|ext| dir.join(format!("{kind}.{ext}")))
        .filter(|path| fs::symlink_metadata(path).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_agrees_with_a_scan() {
        let long = format!("a = \"{}\"\nb = 1\n", "æøå x".repeat(700));
        for text in ["", "a", "a\nb\r\nc", "ab\n\næ\nø", long.as_str()] {
            let index = LineIndex::new(text);
            for offset in 0..=text.len() + 2 {
                assert_eq!(
                    index.locate(text, offset),
                    Location::of_offset(text, offset),
                    "offset {offset} in {text:?}"
                );
            }
        }
    }

    fn hazard(text: &str) -> Option<&'static str> {
        yaml_hazards(text).err().map(|(code, ..)| code.as_str())
    }

    #[test]
    fn yaml_hazards_are_refused_and_ordinary_files_pass() {
        assert_eq!(hazard("a: 1\nb: [x, {c: d}]\n"), None);
        assert_eq!(hazard("a: \"Viktig!\"\nb: '*ikke* et alias'\n"), None);
        assert_eq!(hazard("a: &x [1, 2]\nb: *x\n"), None);
        assert_eq!(hazard(&format!("a: {}", "[".repeat(MAX_NESTING + 1))), Some("too-deep"));
        assert_eq!(
            hazard(&format!("a: {}1{}", "[".repeat(MAX_NESTING), "]".repeat(MAX_NESTING))),
            None
        );
        assert_eq!(hazard(&format!("a: {}", "{a: ".repeat(10_000))), Some("too-deep"));
        assert_eq!(hazard("a: !!binary aGVsbG8=\n"), Some("unsupported-yaml"));
        assert_eq!(hazard("a: !custom x\n"), Some("unsupported-yaml"));
        let big = format!("a: &s \"{}\"\nb: [{}]\n", "x".repeat(100_000), vec!["*s"; 50].join(","));
        assert_eq!(hazard(&big), Some("too-large"));
        let mut laughs = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..10 {
            laughs.push_str(&format!(
                "a{i}: &a{i} [{}]\n",
                vec![format!("*a{}", i - 1); 9].join(", ")
            ));
        }
        assert_eq!(hazard(&laughs), Some("too-large"));
    }

    #[test]
    fn repeated_yaml_keys_are_found_where_they_repeat() {
        let source = SourceFile::from_text(
            Path::new("x.yaml"),
            Format::Yaml,
            "a:\n  b: 1\n  c: 2\n  b: 3\n".to_string(),
        );
        let error = source
            .parse::<std::collections::BTreeMap<String, UniqueMap>>()
            .unwrap_err();
        assert_eq!(error.code, Code::DuplicateKey);
        assert_eq!(error.location, Some(Location { line: 4, column: 3 }));
        assert_eq!(error.key_path.unwrap().to_string(), "a.b");
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct UniqueMap(#[serde(deserialize_with = "crate::model::unique_keys")] std::collections::BTreeMap<String, i64>);
}
