//! Output helpers: colour, findings, tables, CSV, JSON.

use std::io::{self, IsTerminal, Write};

use comfy_table::{presets, ContentArrangement, Table};

use crate::diagnostic::{Finding, Severity, Tally};

/// When to colour output: only on a terminal (`Auto`), or as forced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour on a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Decides whether and how to colour text.
#[derive(Clone, Copy, Debug)]
pub struct Painter {
    color: bool,
}

impl Painter {
    /// Colour on a terminal unless `NO_COLOR` is set, or as forced.
    pub fn new(choice: ColorChoice, stream_is_terminal: bool) -> Painter {
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        };
        Painter { color }
    }

    /// For standard output.
    pub fn stdout(choice: ColorChoice) -> Painter {
        Painter::new(choice, io::stdout().is_terminal())
    }

    /// For standard error.
    pub fn stderr(choice: ColorChoice) -> Painter {
        Painter::new(choice, io::stderr().is_terminal())
    }

    /// Whether colour is on.
    pub fn enabled(&self) -> bool {
        self.color
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// Bold.
    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    /// Dimmed.
    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    /// Green.
    pub fn good(&self, text: &str) -> String {
        self.paint("32", text)
    }

    /// A severity label, coloured.
    pub fn severity(&self, severity: Severity) -> String {
        match severity {
            Severity::Error => self.paint("1;31", "error"),
            Severity::Warning => self.paint("1;33", "warning"),
        }
    }
}

/// Print findings, one per line: `error[code]: file:line:col: key.path: message`. The finding's text (which quotes
/// file names and user text) is passed through [`terminal_text`] with no escape sequence kept.
pub fn write_finding(out: &mut impl Write, painter: Painter, finding: &Finding) -> io::Result<()> {
    writeln!(
        out,
        "{}{}: {}",
        painter.severity(finding.severity),
        painter.dim(&format!("[{}]", finding.code)),
        terminal_text(&finding.to_string(), false)
    )
}

/// Text made safe to print to a terminal: every control character except line feed, tab and the carriage return of
/// a CRLF line end (CSV records end so) — escape sequences
/// (OSC 52 writes the clipboard, others set the title, move the cursor or make links), carriage returns, the bell,
/// C1 controls — is shown as `\u{..}` instead of being sent. With `keep_colour`, colour sequences (`ESC [ … m`,
/// which the tool's own [`Painter`] writes) are kept; they can only change colours. Every text output goes through
/// this: findings in [`write_finding`], and reports and tables in `commands::print`.
pub fn terminal_text(text: &str, keep_colour: bool) -> std::borrow::Cow<'_, str> {
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

/// The length of an SGR colour sequence (`ESC [ digits and ; m`) at the start of `text`.
fn colour_sequence_len(text: &str) -> Option<usize> {
    let body = text.strip_prefix("\x1b[")?;
    let params = body.bytes().take_while(|b| b.is_ascii_digit() || *b == b';').count();
    (body.as_bytes().get(params) == Some(&b'm')).then_some(2 + params + 1)
}

/// "2 errors, 1 warning".
pub fn tally_text(tally: Tally) -> String {
    fn plural(n: usize, word: &str) -> String {
        format!("{n} {word}{}", if n == 1 { "" } else { "s" })
    }
    format!(
        "{}, {}",
        plural(tally.errors, "error"),
        plural(tally.warnings, "warning")
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn terminal_text_shows_escape_sequences_instead_of_sending_them() {
        let osc52 = "Navn\x1b]52;c;aGk=\x07 slutt\r\n";
        assert_eq!(terminal_text(osc52, false), "Navn\\u{1b}]52;c;aGk=\\u{7} slutt\r\n");
        assert_eq!(terminal_text("a\rb", false), "a\\u{d}b");
        assert_eq!(terminal_text("\u{9b}31m", true), "\\u{9b}31m");
        assert_eq!(terminal_text("\x1b[1;31merror\x1b[0m", true), "\x1b[1;31merror\x1b[0m");
        assert_eq!(terminal_text("\x1b[1;31merror", false), "\\u{1b}[1;31merror");
        assert_eq!(terminal_text("æøå\ttab\n", false), "æøå\ttab\n");
    }
}
