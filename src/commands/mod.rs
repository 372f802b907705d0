//! One module per subcommand: each turns parsed arguments into calls to the library and prints the result.

use std::io::Write;

use anyhow::Context;
use std::process::ExitCode;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::load::workspace::{CriteriaError, Workspace};
use crate::model::criteria::Criteria;
use crate::model::PartialDate;
use crate::report::output::{self, FindingStyle, MessageFormat, Painter};

pub mod agree;
pub mod assess;
pub mod criteria;
pub mod due;
pub mod form;
pub mod history;
pub mod list;
pub mod new;
pub mod regrade;
pub mod render;
pub mod schema;
pub mod score;
pub mod shell;
pub mod similar;
pub mod site;
pub mod validate;

/// How a command failed, carrying its exit code (as cargo's `CliError`): 1 when the command ran and found problems
/// that it has already reported (findings, a failed check), 2 for usage and I/O errors, whose message is printed
/// once, here at the boundary. Success is `Ok(())`, exit code 0.
#[derive(Debug)]
pub struct CliError {
    /// The process exit code.
    pub code: u8,
    /// The message to print; `None` when everything was already reported.
    pub error: Option<anyhow::Error>,
}

impl CliError {
    /// The command found problems and has reported them: exit code 1, nothing more to print.
    pub fn findings() -> CliError {
        CliError { code: 1, error: None }
    }

    /// Exit code 1 when `failed`, else success: the usual ending of a command that reports findings.
    pub fn findings_if(failed: bool) -> CliResult {
        if failed {
            Err(CliError::findings())
        } else {
            Ok(())
        }
    }
}

/// A usage or I/O error: exit code 2.
impl From<anyhow::Error> for CliError {
    fn from(error: anyhow::Error) -> CliError {
        CliError {
            code: 2,
            error: Some(error),
        }
    }
}

/// Writing to the terminal failed: exit code 2.
impl From<std::io::Error> for CliError {
    fn from(error: std::io::Error) -> CliError {
        CliError::from(anyhow::Error::from(error))
    }
}

/// A filter argument that cannot be understood is a usage error: exit code 2.
impl From<crate::filter::FilterError> for CliError {
    fn from(error: crate::filter::FilterError) -> CliError {
        CliError::from(anyhow::Error::from(error))
    }
}

/// What every command returns.
pub type CliResult = Result<(), CliError>;

/// Run a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let result = match &cli.command {
        Command::Validate(args) => validate::run(&cli.global, args),
        Command::Score(args) => score::run(&cli.global, args),
        Command::New(args) => new::run(&cli.global, args),
        Command::Regrade(args) => regrade::run(&cli.global, args),
        Command::Render(args) => render::run(&cli.global, args),
        Command::Site(args) => site::run(&cli.global, args),
        Command::List(args) => list::run(&cli.global, args),
        Command::Agree(args) => agree::run(&cli.global, args),
        Command::Form(command) => form::run(&cli.global, command),
        Command::Criteria(args) => criteria::run(&cli.global, args),
        Command::Due(args) => due::run(&cli.global, args),
        Command::History(args) => history::run(&cli.global, args),
        Command::Assess(args) => assess::run(&cli.global, args),
        Command::Schema(args) => schema::run(&cli.global, args),
        Command::Similar(args) => similar::run(&cli.global, args),
        Command::Completions(args) => shell::completions(args),
        Command::Man(args) => shell::man(&cli.global, args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError { code, error }) => {
            if let Some(error) = error {
                let painter = stderr_painter(&cli.global);
                let mut message = format!("{}: {error}", painter.severity(crate::diagnostic::Severity::Error));
                for cause in error.chain().skip(1) {
                    message.push_str(&format!("\n  caused by: {cause}"));
                }
                // Ignore a closed stderr: there is nobody left to tell.
                let _ = writeln!(std::io::stderr(), "{message}");
            }
            ExitCode::from(code)
        }
    }
}

/// Ends a command with exit code 2 (after its report) when a file or folder of the library could not be read: the
/// operating system refused (permissions, a read error; findings with code `io`). What could not be read was not
/// checked, so neither "clean" (0) nor "findings" (1) would be true. The error names the files.
pub fn refuse_unreadable(library: &crate::model::Library) -> anyhow::Result<()> {
    let files: Vec<String> = library
        .all_findings()
        .filter(|f| f.code == crate::diagnostic::Code::Io)
        .map(|f| f.file.display().to_string())
        .collect();
    match files.as_slice() {
        [] => Ok(()),
        [file] => anyhow::bail!("cannot read {file}; it was not checked"),
        _ => anyhow::bail!(
            "cannot read {} files of the library; they were not checked: {}",
            files.len(),
            files.join(", ")
        ),
    }
}

/// Resolve the workspace and load the criteria. Criteria with problems are printed as findings and end the
/// command with exit code 1 ([`CliError::findings`]); a missing or unreadable file is an I/O error (exit code 2).
pub fn load_criteria(global: &GlobalArgs) -> Result<(Workspace, Criteria), CliError> {
    let workspace = resolve_workspace(global)?;
    match workspace.criteria() {
        Ok(criteria) => {
            if !criteria.warnings.is_empty() {
                print_criteria_findings(global, &criteria.warnings, "the criteria file", "")?;
            }
            Ok((workspace, criteria))
        }
        Err(error) => Err(report_criteria_error(
            global,
            error,
            "the criteria file",
            "; nothing else was checked",
        )),
    }
}

/// End a command over criteria that could not be had: print the findings (see [`print_criteria_findings`]) and
/// return exit code 1, or pass an I/O error on (exit code 2).
pub fn report_criteria_error(global: &GlobalArgs, error: CriteriaError, what: &str, tail: &str) -> CliError {
    match error {
        CriteriaError::Io(error) => CliError::from(error),
        CriteriaError::Invalid(findings) => match print_criteria_findings(global, &findings, what, tail) {
            Ok(()) => CliError::findings(),
            Err(error) => CliError::from(error),
        },
    }
}

/// Print a criteria file's findings to stderr, closing with "`what` has N errors, M warnings`tail`".
pub fn print_criteria_findings(
    global: &GlobalArgs,
    findings: &[crate::diagnostic::Finding],
    what: &str,
    tail: &str,
) -> std::io::Result<()> {
    let style = finding_style(global, Stream::Stderr);
    let mut err = std::io::stderr().lock();
    for finding in findings {
        output::write_finding(&mut err, style, finding)?;
    }
    writeln!(
        err,
        "{what} has {}{tail}",
        output::tally_text(crate::diagnostic::Tally::of(findings))
    )
}

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

/// The footnote for `*` after a class in tables, when a shown practice's total lies in the judgement zone.
pub fn judgement_zone_note<'a>(
    criteria: &Criteria,
    practices: impl IntoIterator<Item = &'a crate::scoring::ScoredPractice<'a>>,
) -> Option<String> {
    let zone = criteria.classification.judgement_zone?;
    let flagged = practices.into_iter().any(|p| {
        p.score
            .as_ref()
            .is_some_and(|s| s.in_judgement_zone && s.band.is_some())
    });
    flagged.then(|| {
        format!(
            "* total within the judgement zone ({}–{} %): the class needs expert judgement\n",
            crate::scoring::percent(zone.from),
            crate::scoring::percent(zone.to)
        )
    })
}

/// The workspace the global options and the current folder name.
pub fn resolve_workspace(global: &GlobalArgs) -> anyhow::Result<Workspace> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    Workspace::resolve(global.criteria.as_deref(), global.root.as_deref(), &cwd)
}

/// Today's date, read once at the edge: `PRACTICE_TODAY=YYYY-MM-DD` when set (tests and CI are reproducible with
/// it), else the clock (UTC).
pub fn today() -> anyhow::Result<PartialDate> {
    if let Ok(text) = std::env::var("PRACTICE_TODAY") {
        return PartialDate::parse(&text)
            .with_context(|| format!("PRACTICE_TODAY=`{text}` is not a date (YYYY-MM-DD)"));
    }
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Ok(PartialDate::from_unix_seconds(seconds))
}

/// Write a spreadsheet table to `path` (`--format xlsx --output FILE`); clap makes `--output` required with it.
pub fn write_xlsx(path: Option<&std::path::Path>, sheet: &crate::forms::TableSheet) -> anyhow::Result<()> {
    let path = path.context("--format xlsx needs --output FILE")?;
    let bytes = crate::forms::table_xlsx(sheet)?;
    crate::write::write_if_changed(path, &bytes)?;
    Ok(())
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
