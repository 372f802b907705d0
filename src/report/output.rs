//! Output helpers: colour, findings, tables, CSV, JSON.
//!
//! Nothing here looks at the environment to decide about colour or the form of findings: the commands decide
//! ([`crate::commands::finding_style`]) and pass a [`Painter`] and a [`MessageFormat`] in.

use std::io::{self, IsTerminal, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use anstyle::{AnsiColor, Effects, Style};
use comfy_table::{presets, ContentArrangement, Table};

use crate::diagnostic::{Finding, Location, Severity, Tally};

/// Whether to colour text (ANSI styles through anstyle).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Painter {
    color: bool,
}

impl Painter {
    /// Colour when `color` is set.
    pub fn new(color: bool) -> Painter {
        Painter { color }
    }

    /// No colour.
    pub fn plain() -> Painter {
        Painter::new(false)
    }

    /// Whether colour is on.
    pub fn enabled(&self) -> bool {
        self.color
    }

    fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }

    /// Bold.
    pub fn bold(&self, text: &str) -> String {
        self.paint(Style::new().effects(Effects::BOLD), text)
    }

    /// Dimmed.
    pub fn dim(&self, text: &str) -> String {
        self.paint(Style::new().effects(Effects::DIMMED), text)
    }

    /// Green.
    pub fn good(&self, text: &str) -> String {
        self.paint(AnsiColor::Green.on_default(), text)
    }

    /// A severity label, coloured.
    pub fn severity(&self, severity: Severity) -> String {
        match severity {
            Severity::Error => self.paint(AnsiColor::Red.on_default().effects(Effects::BOLD), "error"),
            Severity::Warning => self.paint(AnsiColor::Yellow.on_default().effects(Effects::BOLD), "warning"),
        }
    }
}

/// How findings are printed (`--message-format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageFormat {
    /// A snippet of the file with the offending key underlined, and the help below it, as rustc does.
    Human,
    /// One line per finding: `error[code]: file:line:col: key.path: message (help)`.
    Short,
    /// One JSON object per line, with the keys of `validate --format json`'s findings.
    Json,
}

/// How to print findings: the form and the colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FindingStyle {
    /// The form.
    pub format: MessageFormat,
    /// The colour.
    pub painter: Painter,
}

impl FindingStyle {
    /// One line per finding, without colour.
    pub fn short() -> FindingStyle {
        FindingStyle {
            format: MessageFormat::Short,
            painter: Painter::plain(),
        }
    }
}

/// Print one finding in the chosen form. The human form ends with a blank line, so snippets stand apart.
pub fn write_finding(out: &mut impl Write, style: FindingStyle, finding: &Finding) -> io::Result<()> {
    match style.format {
        MessageFormat::Short => writeln!(out, "{}", short(finding, style.painter)),
        // The snippet quotes the file: its colours are the renderer's, anything else from the file is shown.
        MessageFormat::Human => writeln!(out, "{}\n", terminal_safe(&human(finding, style.painter), true)),
        MessageFormat::Json => writeln!(
            out,
            "{}",
            serde_json::to_string(finding).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
        ),
    }
}

/// `error[code]: file:line:col: key.path: message (help)`, without a line break.
pub fn short(finding: &Finding, painter: Painter) -> String {
    format!(
        "{}{}: {}",
        painter.severity(finding.severity),
        painter.dim(&format!("[{}]", finding.code)),
        terminal_safe(&finding.to_string(), false)
    )
}

/// The snippet form, without a trailing line break:
///
/// ```text
/// error[unknown-key]: sumary: unknown key `sumary`
///  --> practices/ny/practice.toml:2:1
///   |
/// 2 | sumary = "Alle deltakere …"
///   | ^^^^^^
///   |
///   = help: did you mean `summary`?
/// ```
///
/// Related places follow as further snippets (`::: file:line:col`) with their label under the span.
pub fn human(finding: &Finding, painter: Painter) -> String {
    let level = match finding.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = match &finding.key_path {
        Some(path) => format!("{path}: {}", finding.message),
        None => finding.message.clone(),
    };
    let path = finding.file.display().to_string();
    let mut group = Group::with_title(level.primary_title(title).id(finding.code.as_str()));
    // The header (` --> file:line:col`) is computed from the excerpt; without one, from the location.
    group = match finding.excerpt() {
        Some(excerpt) => group.element(
            Snippet::source(excerpt.text.as_str())
                .line_start(excerpt.line)
                .path(path)
                .fold(false)
                .annotation(AnnotationKind::Primary.span(excerpt.range.clone())),
        ),
        None => group.element(origin(path, finding.location)),
    };
    for related in finding.related() {
        let related_path = related.file.display().to_string();
        group = match &related.excerpt {
            Some(excerpt) => group.element(
                Snippet::source(excerpt.text.as_str())
                    .line_start(excerpt.line)
                    .path(related_path)
                    .fold(false)
                    .annotation(
                        AnnotationKind::Context
                            .span(excerpt.range.clone())
                            .label(related.label.as_str()),
                    ),
            ),
            None => {
                let place = match related.location {
                    Some(location) => format!("{related_path}:{location}"),
                    None => related_path,
                };
                group.element(Level::NOTE.message(format!("{}: {place}", related.label)))
            }
        };
    }
    if let Some(help) = finding.help() {
        group = group.element(Level::HELP.message(help));
    }
    let renderer = if painter.enabled() {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&[group])
}

fn origin(path: String, location: Option<Location>) -> Origin<'static> {
    let origin = Origin::path(path);
    match location {
        Some(location) => origin.line(location.line).char_column(location.column),
        None => origin,
    }
}

/// Whole output made safe to print to a terminal (for one table cell, see [`terminal_text`]): every control
/// character except line feed, tab and the carriage return of a CRLF line end (CSV records end so) — escape
/// sequences (OSC 52 writes the clipboard, others set the title, move the cursor or make links), lone carriage
/// returns, the bell, C1 controls — is shown as `\u{..}` instead of being sent. With `keep_colour`, colour sequences
/// (`ESC [ … m`, which the tool's own [`Painter`] writes) are kept; they can only change colours. Every text output
/// goes through this: findings in [`write_finding`], and reports and tables in `commands::print`.
pub fn terminal_safe(text: &str, keep_colour: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if keep_colour && c == '\x1b' {
            if let Some(len) = colour_sequence_len(rest) {
                out.push_str(&rest[..len]);
                rest = &rest[len..];
                continue;
            }
        }
        if unsafe_char(c) && !rest.starts_with("\r\n") {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    std::borrow::Cow::Owned(out)
}

/// A writer that passes everything through [`terminal_safe`] (with colour kept) on its way to `inner`, for output too
/// large to build as one string first (`score --format json` of a large library). Each `write` is made safe on its
/// own, so it must end on a character boundary, as the fragments `serde_json` writes do; bytes that are not UTF-8
/// are shown as `\u{fffd}`.
pub struct TerminalSafeWriter<W: Write> {
    inner: W,
}

impl<W: Write> TerminalSafeWriter<W> {
    /// Wrap `inner`.
    pub fn new(inner: W) -> TerminalSafeWriter<W> {
        TerminalSafeWriter { inner }
    }

    /// The wrapped writer.
    pub fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: Write> Write for TerminalSafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.inner.write_all(terminal_safe(&text, true).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The length of an SGR colour sequence (`ESC [ digits and ; m`) at the start of `text`.
fn colour_sequence_len(text: &str) -> Option<usize> {
    let body = text.strip_prefix("\x1b[")?;
    let params = body.bytes().take_while(|b| b.is_ascii_digit() || *b == b';').count();
    (body.as_bytes().get(params) == Some(&b'm')).then_some(2 + params + 1)
}

/// "2 errors, 1 warning".
pub fn tally_text(tally: Tally) -> String {
    use crate::model::number::count;
    format!(
        "{}, {}",
        count(tally.errors, "error", "errors"),
        count(tally.warnings, "warning", "warnings")
    )
}

/// A table in the house style: rounded UTF-8 borders on a terminal, fitted to its width; plain ASCII otherwise,
/// so piped output is stable.
pub fn table(header: Vec<String>) -> Table {
    let mut table = Table::new();
    if io::stdout().is_terminal() {
        table
            .load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        table
            .load_preset(presets::ASCII_MARKDOWN)
            .set_content_arrangement(ContentArrangement::Disabled);
    }
    table.set_header(header);
    table
}

/// One CSV record (RFC 4180: fields with separators, quotes or line breaks are quoted). A field that a spreadsheet
/// would run as a formula — one starting with `=`, `+`, `-`, `@`, a tab or a carriage return — is prefixed with `'`
/// (OWASP's rule against CSV injection); a plain number such as `-1` or `+0.5` is left as it is.
pub fn csv_record(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|field| {
            let field = if is_formula_like(field) {
                format!("'{field}")
            } else {
                field.clone()
            };
            if field.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", field.replace('"', "\"\""))
            } else {
                field
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// Whether a spreadsheet would read this cell as a formula.
fn is_formula_like(field: &str) -> bool {
    field.starts_with(['=', '+', '-', '@', '\t', '\r']) && field.parse::<f64>().is_err()
}

/// Pretty JSON with a trailing newline.
pub fn json<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// User text made safe for a terminal: control characters (escape sequences such as OSC 52, which writes the
/// clipboard) become `�`; tabs and newlines become spaces.
pub fn terminal_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => ' ',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, KeyPath};
    use crate::load::source::SourceFile;
    use crate::model::Format;
    use std::path::Path;

    #[test]
    fn streamed_json_is_the_json_text_made_terminal_safe() {
        let value = serde_json::json!({
            "name": "Språk\u{7f}praksis \u{9b}31m\u{1b}[2J",
            "rows": [1, 2.5, null, "a\tb\r\nc"],
        });
        let mut out = TerminalSafeWriter::new(Vec::new());
        serde_json::to_writer_pretty(&mut out, &value).unwrap();
        out.write_all(b"\n").unwrap();
        let streamed = String::from_utf8(out.into_inner()).unwrap();
        let whole = json(&value);
        assert_eq!(streamed, terminal_safe(&whole, true));
        assert_ne!(streamed, whole, "the DEL and the C1 control are shown, not sent");
        assert!(streamed.contains("\\u{9b}"));
    }

    fn typo() -> Finding {
        let text = "name = \"Språkpraksis\"\nsumary = \"Alle deltakere får språkpraksis\"\n";
        let source = SourceFile::from_text(Path::new("practices/ny/practice.toml"), Format::Toml, text.to_string());
        source
            .finding(
                Severity::Error,
                Code::UnknownKey,
                KeyPath::of(&["sumary"]),
                "unknown key `sumary`",
            )
            .with_help("did you mean `summary`?")
    }

    #[test]
    fn human_form_underlines_the_key_and_gives_the_help() {
        insta::assert_snapshot!(human(&typo(), Painter::plain()), @r#"
        error[unknown-key]: sumary: unknown key `sumary`
         --> practices/ny/practice.toml:2:1
          |
        2 | sumary = "Alle deltakere får språkpraksis"
          | ^^^^^^
          |
          = help: did you mean `summary`?
        "#);
    }

    #[test]
    fn human_form_shows_where_a_repeated_key_was_first_defined() {
        let text = "answers:\n  \"1\": ja\n  \"2\": nei\n  \"1\": nei\n";
        let source = SourceFile::from_text(Path::new("a.yaml"), Format::Yaml, text.to_string());
        let finding = source
            .parse::<std::collections::BTreeMap<String, Unique>>()
            .unwrap_err();
        assert_eq!(finding.related().len(), 1);
        insta::assert_snapshot!(human(&finding, Painter::plain()), @r#"
        error[duplicate-key]: answers.1: duplicate key `1`
         --> a.yaml:4:3
          |
        4 |   "1": nei
          |   ^^^
          |
         ::: a.yaml:2:3
          |
        2 |   "1": ja
          |   --- first defined here
        "#);
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Unique(#[serde(deserialize_with = "crate::model::unique_keys")] std::collections::BTreeMap<String, String>);

    #[test]
    fn human_form_without_a_location_names_the_file() {
        let finding = Finding::warning(Path::new("practices/ny/notes.txt"), Code::UnexpectedFile, "ignored");
        insta::assert_snapshot!(human(&finding, Painter::plain()), @r"
        warning[unexpected-file]: ignored
         --> practices/ny/notes.txt
        ");
    }

    #[test]
    fn short_form_appends_the_help_and_json_has_span_and_help() {
        let finding = typo();
        assert_eq!(
            short(&finding, Painter::plain()),
            "error[unknown-key]: practices/ny/practice.toml:2:1: sumary: unknown key `sumary` (did you mean `summary`?)"
        );
        let json: serde_json::Value = serde_json::to_value(&finding).unwrap();
        assert_eq!(json["span"], serde_json::json!({"start": 23, "end": 29}));
        assert_eq!(json["help"], "did you mean `summary`?");
        assert_eq!(json["related"], serde_json::json!([]));
        assert!(json.get("excerpt").is_none());
        let mut line = Vec::new();
        let style = FindingStyle {
            format: MessageFormat::Json,
            painter: Painter::plain(),
        };
        write_finding(&mut line, style, &finding).unwrap();
        assert_eq!(String::from_utf8(line).unwrap().lines().count(), 1);
    }

    #[test]
    fn colour_only_when_asked() {
        assert!(!human(&typo(), Painter::plain()).contains('\x1b'));
        assert!(human(&typo(), Painter::new(true)).contains('\x1b'));
        assert_eq!(Painter::plain().bold("x"), "x");
        assert_eq!(Painter::new(true).bold("x"), "\x1b[1mx\x1b[0m");
    }

    #[test]
    fn csv_quotes_only_when_needed() {
        let record = csv_record(&["a".into(), "b,c".into(), "say \"hi\"".into(), "x\ny".into()]);
        assert_eq!(record, "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\"\r\n");
    }

    #[test]
    fn csv_cells_cannot_run_as_formulas() {
        let record = csv_record(&[
            "=HYPERLINK(\"http://x\")".into(),
            "+1+1".into(),
            "-2-3".into(),
            "@SUM(A1)".into(),
            "\tx".into(),
            "-1".into(),
            "0.5".into(),
            "a=b".into(),
        ]);
        assert_eq!(
            record,
            "\"'=HYPERLINK(\"\"http://x\"\")\",'+1+1,'-2-3,'@SUM(A1),'\tx,-1,0.5,a=b\r\n"
        );
    }

    #[test]
    fn terminal_safe_shows_escape_sequences_instead_of_sending_them() {
        let osc52 = "Navn\x1b]52;c;aGk=\x07 slutt\r\n";
        assert_eq!(terminal_safe(osc52, false), "Navn\\u{1b}]52;c;aGk=\\u{7} slutt\r\n");
        assert_eq!(terminal_safe("a\rb", false), "a\\u{d}b");
        assert_eq!(terminal_safe("\u{9b}31m", true), "\\u{9b}31m");
        assert_eq!(terminal_safe("\x1b[1;31merror\x1b[0m", true), "\x1b[1;31merror\x1b[0m");
        assert_eq!(terminal_safe("\x1b[1;31merror", false), "\\u{1b}[1;31merror");
        assert_eq!(terminal_safe("æøå\ttab\n", false), "æøå\ttab\n");
    }
}
