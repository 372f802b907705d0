//! One module per subcommand: each turns parsed arguments into calls to the library and prints the result.

use std::io::Write;

use anyhow::Context;
use std::process::ExitCode;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::load::workspace::{CriteriaError, Workspace};
use crate::model::criteria::Criteria;
use crate::model::PartialDate;
use crate::report::output;

pub mod error;
pub mod terminal;

pub mod agree;
pub mod assess;
pub mod criteria;
pub mod due;
pub mod form;
pub mod history;
pub mod list;
pub mod needs;
pub mod new;
pub mod regrade;
pub mod render;
pub mod schema;
pub mod score;
pub mod shell;
pub mod similar;
pub mod site;
pub mod validate;

pub use error::{refuse_unreadable, CliError, CliResult};
pub use terminal::{finding_style, print, stderr_painter, stdout_painter, use_color, Stream};

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
        Command::Needs(args) => needs::run(&cli.global, args),
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
