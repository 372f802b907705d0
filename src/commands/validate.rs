//! `practice validate`: every finding, grouped by practice, and a one-line summary.

use std::fmt::Write as _;

use serde::Serialize;

use crate::cli::{FindingsFormat, GlobalArgs, ValidateArgs};
use crate::commands::{load_criteria, print, today, CliError, CliResult};
use crate::diagnostic::sort_findings;
use crate::diagnostic::{Finding, Severity, Tally};
use crate::model::{Keep, Library};
use crate::report::output::{self, MessageFormat};
use crate::report::CriteriaRef;
use crate::validate::Checks;

#[derive(Serialize)]
struct Report<'a> {
    criteria: CriteriaRef<'a>,
    practices: usize,
    errors: usize,
    warnings: usize,
    /// Keys of the template fields marked `private` (left out of sheets and the site).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    private_fields: Vec<&'a str>,
    findings: Vec<PracticeFindings<'a>>,
}

#[derive(Serialize)]
struct PracticeFindings<'a> {
    /// `null` for findings not about one practice.
    practice: Option<&'a str>,
    findings: Vec<&'a Finding>,
}

/// Run `practice validate`.
pub fn run(global: &GlobalArgs, args: &ValidateArgs) -> CliResult {
    let (workspace, criteria) = load_criteria(global)?;
    if args.paths.is_empty() {
        workspace.require_root()?;
    }
    let library = Library::load_paths_keeping(
        &workspace.root,
        &args.paths,
        &Checks::new(&criteria, today()?),
        Keep::Findings,
    )?;
    let mut groups: Vec<(Option<&str>, Vec<Finding>)> = Vec::new();
    if !library.findings.is_empty() {
        groups.push((None, library.findings.clone()));
    }
    for entry in &library.practices {
        if !entry.findings.is_empty() {
            let mut findings = entry.findings.clone();
            sort_findings(&mut findings);
            groups.push((Some(entry.slug.as_str()), findings));
        }
    }
    let tally = Tally::of(library.all_findings());
    let private: Vec<_> = criteria.template.iter().filter(|f| f.private).collect();
    let outcome = CliError::findings_if(tally.errors > 0);
    match args.format {
        FindingsFormat::Json => {
            let report = Report {
                criteria: CriteriaRef::of(&criteria),
                practices: library.practices.len(),
                errors: tally.errors,
                warnings: tally.warnings,
                private_fields: private.iter().map(|f| f.key.as_str()).collect(),
                findings: groups
                    .iter()
                    .map(|(practice, findings)| PracticeFindings {
                        practice: *practice,
                        findings: findings.iter().collect(),
                    })
                    .collect(),
            };
            print(&output::json(&report))?;
        }
        FindingsFormat::Text => {
            let style = super::finding_style(global, super::Stream::Stdout);
            let painter = style.painter;
            let mut text = String::new();
            for (practice, findings) in &groups {
                let shown: Vec<&Finding> = findings
                    .iter()
                    .filter(|f| !global.quiet || f.severity == Severity::Error)
                    .collect();
                if shown.is_empty() {
                    continue;
                }
                if style.format == MessageFormat::Json {
                    // One object per line and nothing else, for tools that read the stream.
                    for finding in shown {
                        let mut line = Vec::new();
                        output::write_finding(&mut line, style, finding)?;
                        text.push_str(&String::from_utf8_lossy(&line));
                    }
                    continue;
                }
                let _ = writeln!(text, "{}", painter.bold(practice.unwrap_or("(library)")));
                for finding in shown {
                    let mut line = Vec::new();
                    output::write_finding(&mut line, style, finding)?;
                    // One-line findings are indented under their practice; snippets stand on their own.
                    let indent = if style.format == MessageFormat::Short { "  " } else { "" };
                    let _ = write!(text, "{indent}{}", String::from_utf8_lossy(&line));
                }
                if style.format == MessageFormat::Short {
                    text.push('\n');
                }
            }
            if style.format == MessageFormat::Json {
                print(&text)?;
                return outcome;
            }
            let with_errors = library.practices.iter().filter(|p| p.has_errors()).count();
            let summary = format!(
                "checked {} against {} {}: {}{}",
                crate::model::number::count(library.practices.len(), "practice", "practices"),
                criteria.id,
                criteria.version,
                output::tally_text(tally),
                if with_errors > 0 {
                    format!(
                        " ({} with errors)",
                        crate::model::number::count(with_errors, "practice", "practices")
                    )
                } else {
                    String::new()
                },
            );
            if !global.quiet || tally.errors > 0 {
                let _ = writeln!(
                    text,
                    "{}",
                    if tally.errors == 0 {
                        painter.good(&summary)
                    } else {
                        summary
                    }
                );
                if !private.is_empty() && !global.quiet {
                    let names: Vec<String> = private.iter().map(|f| format!("«{}» ({})", f.label, f.key)).collect();
                    let _ = writeln!(text, "private, not published: {}", names.join(", "));
                }
            }
            print(&text)?;
        }
    }
    super::refuse_unreadable(&library)?;
    outcome
}
