//! The terminal edge: which stream is a terminal, whether to colour it, how to print findings and text on it.

use std::io::Write;

use crate::cli::GlobalArgs;
use crate::report::output::{self, FindingStyle, MessageFormat, Painter};

/// Standard output or standard error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

impl Stream {
    fn is_terminal(self) -> bool {
        use std::io::IsTerminal;
        match self {
            Stream::Stdout => std::io::stdout().is_terminal(),
            Stream::Stderr => std::io::stderr().is_terminal(),
        }
    }
}

/// Whether to colour a stream: `--color always|never` decide; `auto` asks anstream, which colours a terminal unless
/// `NO_COLOR` is set, `CLICOLOR=0` or `TERM=dumb`, and colours anything when `CLICOLOR_FORCE` is set.
pub fn use_color(global: &GlobalArgs, stream: Stream) -> bool {
    match global.color {
        crate::cli::ColorChoice::Always => true,
        crate::cli::ColorChoice::Never => false,
        crate::cli::ColorChoice::Auto => {
            let choice = match stream {
                Stream::Stdout => anstream::AutoStream::choice(&std::io::stdout()),
                Stream::Stderr => anstream::AutoStream::choice(&std::io::stderr()),
            };
            choice != anstream::ColorChoice::Never
        }
    }
}

/// The painter for standard output.
pub fn stdout_painter(global: &GlobalArgs) -> Painter {
    Painter::new(use_color(global, Stream::Stdout))
}

/// The painter for standard error.
pub fn stderr_painter(global: &GlobalArgs) -> Painter {
    Painter::new(use_color(global, Stream::Stderr))
}

/// How to print findings on `stream`: `--message-format` when given, else snippets on a terminal and one line each
/// when the stream is piped or redirected (so scripts and logs keep the one-line form). JSON is never coloured.
pub fn finding_style(global: &GlobalArgs, stream: Stream) -> FindingStyle {
    let format = match global.message_format {
        Some(format) => format.into(),
        None if stream.is_terminal() => MessageFormat::Human,
        None => MessageFormat::Short,
    };
    FindingStyle {
        format,
        painter: Painter::new(use_color(global, stream) && format != MessageFormat::Json),
    }
}

/// Write to stdout, treating a closed pipe (`practice score | head`) as success.
pub fn print(text: &str) -> anyhow::Result<()> {
    // User text (names, notes, tags) must not reach the terminal as escape sequences; the tool's colours may.
    let text = output::terminal_safe(text, true);
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Print a value as pretty JSON (as [`output::json`] makes it, made terminal-safe as [`print()`] does) without building
/// the text first: the report of a large library goes to standard output as it is serialised.
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    let stdout = std::io::stdout().lock();
    let mut out = output::TerminalSafeWriter::new(std::io::BufWriter::with_capacity(1 << 16, stdout));
    let written = serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
