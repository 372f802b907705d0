//! One module per subcommand: each turns parsed arguments into calls to the library and prints the result.

use std::io::Write;

use anyhow::Context;
use std::process::ExitCode;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::load::workspace::{CriteriaError, Workspace};
use crate::model::criteria::Criteria;
use crate::model::PartialDate;
use crate::report::output::{self, Painter};

pub mod agree;
pub mod criteria;
pub mod form;
pub mod list;
pub mod new;
pub mod regrade;
pub mod render;
pub mod score;
pub mod shell;
pub mod site;
pub mod validate;

/// How a command ended, mapped onto the exit codes: 0 fine, 1 findings, 2 usage or I/O error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing wrong.
    Clean,
    /// The command ran, and found problems (or a check failed).
    Findings,
}

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
        Command::Completions(args) => shell::completions(args),
        Command::Man(args) => shell::man(&cli.global, args),
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(error) => {
            let painter = Painter::stderr(cli.global.color.into());
            let mut message = format!("{}: {error}", painter.severity(crate::diagnostic::Severity::Error));
            for cause in error.chain().skip(1) {
                message.push_str(&format!("\n  caused by: {cause}"));
            }
            // Ignore a closed stderr: there is nobody left to tell.
            let _ = writeln!(std::io::stderr(), "{message}");
            ExitCode::from(2)
        }
    }
}

/// Resolve the workspace and load the criteria. Criteria with problems are printed as findings and end the
/// command with exit code 1; a missing file is an I/O error (exit code 2).
pub fn load_criteria(global: &GlobalArgs) -> anyhow::Result<Result<(Workspace, Criteria), Outcome>> {
    let workspace = resolve_workspace(global)?;
    match workspace.criteria() {
        Ok(criteria) => Ok(Ok((workspace, criteria))),
        Err(CriteriaError::Io(error)) => Err(error),
        Err(CriteriaError::Invalid(findings)) => {
            print_criteria_findings(global, &findings, "the criteria file", "; nothing else was checked")?;
            Ok(Err(Outcome::Findings))
        }
    }
}

/// Print a criteria file's findings to stderr, closing with "`what` has N errors, M warnings`tail`".
pub fn print_criteria_findings(
    global: &GlobalArgs,
    findings: &[crate::diagnostic::Finding],
    what: &str,
    tail: &str,
) -> std::io::Result<()> {
    let painter = Painter::stderr(global.color.into());
    let mut err = std::io::stderr().lock();
    for finding in findings {
        output::write_finding(&mut err, painter, finding)?;
    }
    writeln!(
        err,
        "{what} has {}{tail}",
        output::tally_text(crate::diagnostic::Tally::of(findings))
    )
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
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
