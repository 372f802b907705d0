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

/// Print findings, one per line: `error[code]: file:line:col: key.path: message`.
pub fn write_finding(out: &mut impl Write, painter: Painter, finding: &Finding) -> io::Result<()> {
    writeln!(
        out,
        "{}{}: {finding}",
        painter.severity(finding.severity),
        painter.dim(&format!("[{}]", finding.code))
    )
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

/// One CSV record (RFC 4180: fields with separators, quotes or line breaks are quoted).
pub fn csv_record(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|field| {
            if field.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", field.replace('"', "\"\""))
            } else {
                field.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
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

    #[test]
    fn csv_quotes_only_when_needed() {
        let record = csv_record(&["a".into(), "b,c".into(), "say \"hi\"".into(), "x\ny".into()]);
        assert_eq!(record, "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\"\r\n");
    }
}
