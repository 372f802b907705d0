//! Reading TOML and YAML files behind one interface.
//!
//! Everything that knows about a concrete parser lives here: the rest of the crate sees a [`SourceFile`], asks it to
//! [`parse`](SourceFile::parse) a typed value, and gets back either the value or a [`Finding`] that names the file, the
//! key path and, where the parser knows it, the line and column. Replacing the YAML backend means changing this file.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Finding, Severity};

/// Files larger than this are refused before parsing (1 MiB). A practice description of a few pages is ~20 KiB.
pub const MAX_FILE_SIZE: u64 = 1024 * 1024;

/// The serialisation format of a file, decided by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// `.toml`
    Toml,
    /// `.yaml` or `.yml`
    Yaml,
}

impl Format {
    /// The format for a path's extension, if it is one the tool reads.
    pub fn from_path(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()? {
            "toml" => Some(Format::Toml),
            "yaml" | "yml" => Some(Format::Yaml),
            _ => None,
        }
    }

    /// The extensions accepted for this format, preferred first.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Toml => &["toml"],
            Format::Yaml => &["yaml", "yml"],
        }
    }
}

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

    fn from_serde(path: &serde_path_to_error::Path) -> KeyPath {
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

/// A file read into memory, ready to be parsed.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as given or discovered (used in messages).
    pub path: PathBuf,
    /// Its format.
    pub format: Format,
    /// Its text, with a leading byte-order mark removed.
    pub text: String,
    spans: OnceLock<HashMap<KeyPath, Location>>,
}

impl SourceFile {
    /// Read a file, refusing what no parser should see: unknown extensions, files over [`MAX_FILE_SIZE`],
    /// invalid UTF-8 and NUL bytes. A UTF-8 byte-order mark is accepted and dropped.
    pub fn read(path: &Path) -> Result<SourceFile, Finding> {
        let format = Format::from_path(path)
            .ok_or_else(|| Finding::error(path, "unsupported-format", "not a .toml, .yaml or .yml file"))?;
        let file = fs::File::open(path).map_err(|e| Finding::error(path, "io", format!("cannot read file: {e}")))?;
        let mut bytes = Vec::new();
        file.take(MAX_FILE_SIZE + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Finding::error(path, "io", format!("cannot read file: {e}")))?;
        if bytes.len() as u64 > MAX_FILE_SIZE {
            return Err(Finding::error(
                path,
                "too-large",
                format!("file is larger than the limit of {} KiB", MAX_FILE_SIZE / 1024),
            ));
        }
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
                return Err(
                    Finding::error(path, "encoding", "file is not valid UTF-8").at(Location::of_offset(&prefix, valid))
                );
            }
        };
        if let Some(offset) = text.find('\0') {
            return Err(
                Finding::error(path, "encoding", "file contains a NUL byte (binary file?)")
                    .at(Location::of_offset(&text, offset)),
            );
        }
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        Ok(SourceFile::from_text(path, format, text))
    }

    /// Build a source file from text.
    pub fn from_text(path: &Path, format: Format, text: String) -> SourceFile {
        SourceFile {
            path: path.to_path_buf(),
            format,
            text,
            spans: OnceLock::new(),
        }
    }

    /// Deserialise the whole file into `T`. Errors name the key path and the parser's location.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Finding> {
        match self.format {
            Format::Toml => self.parse_toml(),
            Format::Yaml => self.parse_yaml(),
        }
    }

    fn parse_toml<T: DeserializeOwned>(&self) -> Result<T, Finding> {
        let deserializer = toml::Deserializer::parse(&self.text).map_err(|e| {
            let mut finding = Finding::error(&self.path, "syntax", first_line(e.message()));
            if let Some(span) = e.span() {
                finding = finding.at(Location::of_offset(&self.text, span.start));
            }
            finding
        })?;
        serde_path_to_error::deserialize(deserializer).map_err(|e| {
            let key_path = KeyPath::from_serde(e.path());
            let inner = e.into_inner();
            let location = inner.span().map(|span| Location::of_offset(&self.text, span.start));
            self.shape_error(key_path, inner.message(), location)
        })
    }

    fn parse_yaml<T: DeserializeOwned>(&self) -> Result<T, Finding> {
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
            // serde_yaml also prefixes its own rendering of the key path ("tags.theme: invalid type…").
            let message = match message.split_once(": ") {
                Some((prefix, rest)) if !prefix.contains(' ') && !rest.is_empty() => rest.to_string(),
                _ => message,
            };
            self.shape_error(key_path, &message, location)
        })
    }

    /// Turn a deserialisation error into a finding, with a "did you mean" hint for unknown keys.
    fn shape_error(&self, key_path: KeyPath, message: &str, location: Option<Location>) -> Finding {
        let message = first_line(message);
        let (code, message) = match parse_unknown_field(&message) {
            Some((unknown, expected)) => {
                let mut text = format!("unknown key `{unknown}`");
                if let Some(best) = crate::suggest::closest(&unknown, expected.iter().map(String::as_str)) {
                    text.push_str(&format!(" (did you mean `{best}`?)"));
                } else if !expected.is_empty() {
                    text.push_str(&format!("; expected one of: {}", expected.join(", ")));
                }
                ("unknown-key", text)
            }
            None if message.starts_with("missing field") => ("missing-key", message),
            None => ("invalid-value", message),
        };
        // Unknown keys are reported at the key itself: extend the path when serde stopped at the parent.
        let key_path = match (code, parse_unknown_field_name(&message)) {
            ("unknown-key", Some(name)) if key_path.0.last() != Some(&Key::Field(name.clone())) => key_path.key(name),
            _ => key_path,
        };
        // The classic TOML trap: a top-level key written after a `[[table]]` header belongs to that table.
        let in_array_table = key_path.0.len() >= 3 && matches!(key_path.0[key_path.0.len() - 2], Key::Index(_));
        let message = if code == "unknown-key"
            && self.format == Format::Toml
            && in_array_table
            && !message.contains("did you mean")
        {
            format!("{message} (in TOML, keys after a [[table]] header belong to that table: if this is a top-level key, move it above the first [table] header)")
        } else {
            message
        };
        let location = location.or_else(|| self.locate(&key_path));
        let mut finding = Finding::error(&self.path, code, message).with_key_path(key_path);
        if let Some(location) = location {
            finding = finding.at(location);
        }
        finding
    }

    /// The location of a key path in this file, if it exists there. Computed lazily from a second,
    /// span-aware parse, so that the common case (no findings) costs nothing.
    pub fn locate(&self, key_path: &KeyPath) -> Option<Location> {
        let spans = self.spans.get_or_init(|| match self.format {
            Format::Toml => toml_spans(&self.text),
            Format::Yaml => yaml_spans(&self.text),
        });
        // Fall back to the nearest ancestor that has a location.
        let mut keys = key_path.0.clone();
        loop {
            if let Some(location) = spans.get(&KeyPath(keys.clone())) {
                return Some(*location);
            }
            keys.pop()?;
        }
    }

    /// A finding located at `key_path` in this file.
    pub fn finding(
        &self,
        severity: Severity,
        code: &'static str,
        key_path: KeyPath,
        message: impl Into<String>,
    ) -> Finding {
        let location = if key_path.is_root() {
            None
        } else {
            self.locate(&key_path)
        };
        let mut finding = Finding::new(severity, &self.path, code, message).with_key_path(key_path);
        if let Some(location) = location {
            finding = finding.at(location);
        }
        finding
    }
}

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

/// Locations of every key and array element in a TOML text (empty when the text does not parse).
fn toml_spans(text: &str) -> HashMap<KeyPath, Location> {
    use toml::de::{DeTable, DeValue};
    fn walk(value: &DeValue<'_>, path: &KeyPath, text: &str, out: &mut HashMap<KeyPath, Location>) {
        match value {
            DeValue::Table(table) => {
                for (key, value) in table.iter() {
                    let child = path.key(key.get_ref().to_string());
                    out.entry(child.clone())
                        .or_insert_with(|| Location::of_offset(text, key.span().start));
                    walk(value.get_ref(), &child, text, out);
                }
            }
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let child = path.index(i);
                    out.entry(child.clone())
                        .or_insert_with(|| Location::of_offset(text, item.span().start));
                    walk(item.get_ref(), &child, text, out);
                }
            }
            _ => {}
        }
    }
    let mut out = HashMap::new();
    if let Ok(root) = DeTable::parse(text) {
        walk(&DeValue::Table(root.into_inner()), &KeyPath::root(), text, &mut out);
    }
    out
}

/// Locations of every key and sequence element in a YAML text, from the parser's event stream. Aliases are not
/// expanded (so an alias bomb costs nothing here); parsing stops at the first error or the first extra document.
fn yaml_spans(text: &str) -> HashMap<KeyPath, Location> {
    use yaml_rust2::parser::{Event, Parser};

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
    fn node_path(
        stack: &mut [Frame],
        scalar: Option<&str>,
        location: Location,
        out: &mut HashMap<KeyPath, Location>,
    ) -> Option<KeyPath> {
        match stack.last_mut() {
            None => Some(KeyPath::root()),
            Some(Frame::Mapping { path, key }) => match key.take() {
                Some(value_path) => Some(value_path),
                None => {
                    // A key: scalar keys name the value that follows; complex keys are not used by our files.
                    let child = path.key(scalar.unwrap_or("?"));
                    out.entry(child.clone()).or_insert(location);
                    *key = Some(child);
                    None
                }
            },
            Some(Frame::Sequence { path, next }) => {
                let child = path.index(*next);
                *next += 1;
                out.entry(child.clone()).or_insert(location);
                Some(child)
            }
        }
    }

    let mut out = HashMap::new();
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut documents = 0;
    // A budget guards against pathological inputs; a 1 MiB file has far fewer events.
    for _ in 0..2_000_000 {
        let Ok((event, marker)) = parser.next_token() else {
            break;
        };
        let location = Location {
            line: marker.line(),
            column: marker.col() + 1,
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

/// Find the file of one kind (`practice`, `evidence`, …) in a folder: `<kind>.toml`, `<kind>.yaml` or `<kind>.yml`.
/// Returns every match, so the caller can report two files of the same kind.
pub fn find_kind(dir: &Path, kind: &str) -> Vec<PathBuf> {
    [Format::Toml, Format::Yaml]
        .iter()
        .flat_map(|format| format.extensions())
        .map(|ext| dir.join(format!("{kind}.{ext}")))
        .filter(|path| path.is_file())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toml_file(text: &str) -> SourceFile {
        SourceFile::from_text(Path::new("t.toml"), Format::Toml, text.to_string())
    }

    fn yaml_file(text: &str) -> SourceFile {
        SourceFile::from_text(Path::new("t.yaml"), Format::Yaml, text.to_string())
    }

    #[test]
    fn key_paths_display_toml_style() {
        let path = KeyPath::of(&["answers", "5a"]).key("evidence").index(2);
        assert_eq!(path.to_string(), "answers.5a.evidence[2]");
        assert_eq!(KeyPath::of(&["answers", "a b"]).to_string(), "answers.\"a b\"");
        assert_eq!(
            KeyPath::root().key("rows").index(0).key("kind").to_string(),
            "rows[0].kind"
        );
    }

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let text = "a = 1\nø = \"x\"\n";
        assert_eq!(Location::of_offset(text, 0), Location { line: 1, column: 1 });
        assert_eq!(Location::of_offset(text, 6), Location { line: 2, column: 1 });
        // Column counts characters, not bytes: `=` after the two-byte `ø` is column 3.
        assert_eq!(
            Location::of_offset(text, text.find('=').unwrap() + 7),
            Location { line: 2, column: 3 }
        );
        assert_eq!(Location::of_offset(text, 10_000), Location { line: 3, column: 1 });
    }

    #[test]
    fn locates_keys_and_array_elements_in_toml() {
        let file = toml_file("name = \"x\"\n\n[answers]\n\"5a\" = \"ja\"\n\"2\" = { answer = \"noe\", evidence = [\"e1\", \"e2\"] }\n\n[[rows]]\nid = \"e1\"\n[[rows]]\nid = \"e2\"\n");
        assert_eq!(
            file.locate(&KeyPath::of(&["name"])),
            Some(Location { line: 1, column: 1 })
        );
        assert_eq!(
            file.locate(&KeyPath::of(&["answers", "5a"])),
            Some(Location { line: 4, column: 1 })
        );
        let evidence = KeyPath::of(&["answers", "2", "evidence"]).index(1);
        assert_eq!(file.locate(&evidence), Some(Location { line: 5, column: 43 }));
        assert_eq!(
            file.locate(&KeyPath::of(&["rows"]).index(1).key("id")),
            Some(Location { line: 10, column: 1 })
        );
        // A path that does not exist falls back to its nearest located ancestor.
        assert_eq!(
            file.locate(&KeyPath::of(&["answers", "99"])),
            Some(Location { line: 3, column: 2 })
        );
        assert_eq!(file.locate(&KeyPath::of(&["nothing"])), None);
    }

    #[test]
    fn locates_keys_and_sequence_elements_in_yaml() {
        let file = yaml_file("name: x\nanswers:\n  \"5a\": ja\n  \"2\":\n    answer: noe\n    evidence: [e1, e2]\nrows:\n  - id: e1\n    kind: praksis\n  - id: e2\n");
        assert_eq!(
            file.locate(&KeyPath::of(&["name"])),
            Some(Location { line: 1, column: 1 })
        );
        assert_eq!(
            file.locate(&KeyPath::of(&["answers", "5a"])),
            Some(Location { line: 3, column: 3 })
        );
        assert_eq!(
            file.locate(&KeyPath::of(&["answers", "2", "answer"])),
            Some(Location { line: 5, column: 5 })
        );
        assert_eq!(
            file.locate(&KeyPath::of(&["answers", "2", "evidence"]).index(1)),
            Some(Location { line: 6, column: 20 })
        );
        assert_eq!(
            file.locate(&KeyPath::of(&["rows"]).index(0).key("kind")),
            Some(Location { line: 9, column: 5 })
        );
        assert_eq!(
            file.locate(&KeyPath::of(&["rows"]).index(1).key("id")),
            Some(Location { line: 10, column: 5 })
        );
    }

    #[test]
    fn yaml_alias_bomb_costs_nothing_to_locate() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            text.push_str(&format!(
                "{}: &{} [*{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}]\n",
                (b'a' + i) as char,
                (b'a' + i) as char,
                (b'a' + i - 1) as char,
                (b'a' + i - 1) as char,
                (b'a' + i - 1) as char,
                (b'a' + i - 1) as char,
                (b'a' + i - 1) as char,
                (b'a' + i - 1) as char,
                (b'a' + i - 1) as char,
                (b'a' + i - 1) as char,
                (b'a' + i - 1) as char
            ));
        }
        let file = yaml_file(&text);
        assert!(file.locate(&KeyPath::of(&["l"])).is_some());
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Small {
        name: String,
        #[serde(default)]
        rows: Vec<Row>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Row {
        id: String,
    }

    #[test]
    fn parse_errors_carry_key_path_location_and_suggestion() {
        let err = toml_file("name = \"x\"\n[[rows]]\nid = \"e1\"\n[[rows]]\nidd = \"e2\"\n")
            .parse::<Small>()
            .unwrap_err();
        assert_eq!(err.code, "unknown-key");
        assert_eq!(err.key_path.as_ref().unwrap().to_string(), "rows[1].idd");
        assert_eq!(err.location, Some(Location { line: 5, column: 1 }));
        assert!(err.message.contains("did you mean `id`?"), "{}", err.message);

        let err = yaml_file("name: x\nrows:\n  - id: [1]\n").parse::<Small>().unwrap_err();
        assert_eq!(err.code, "invalid-value");
        assert_eq!(err.key_path.as_ref().unwrap().to_string(), "rows[0].id");
        assert_eq!(err.location.map(|l| l.line), Some(3));
        assert!(err.message.starts_with("invalid type: sequence"), "{}", err.message);

        let err = yaml_file("rows: []\n").parse::<Small>().unwrap_err();
        assert_eq!(err.code, "missing-key");
    }

    #[test]
    fn bytes_are_checked_before_parsing() {
        let path = Path::new("x.toml");
        let err = SourceFile::from_bytes(path, Format::Toml, b"a = 1\nb = \"\xff\"\n".to_vec()).unwrap_err();
        assert_eq!(
            (err.code, err.location),
            ("encoding", Some(Location { line: 2, column: 6 }))
        );
        let err = SourceFile::from_bytes(path, Format::Toml, b"a = 1\0".to_vec()).unwrap_err();
        assert_eq!(err.code, "encoding");
        let ok = SourceFile::from_bytes(path, Format::Toml, "\u{feff}a = 1\r\n".as_bytes().to_vec()).unwrap();
        assert_eq!(ok.text, "a = 1\r\n");
    }
}
