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

/// A PATH that is not inside the practices folder is a usage error: read as a library it would make every folder
/// beside it a "practice" (`validate src`) or the library itself one (`validate criteria.toml`). A path's last
/// component is not followed, so a link inside the folder that leads out of it is left to the loader's finding.
fn refuse_outside_root(
    workspace: &crate::load::workspace::Workspace,
    paths: &[std::path::PathBuf],
) -> anyhow::Result<()> {
    let Ok(root) = std::fs::canonicalize(&workspace.root) else {
        return Ok(());
    };
    for path in paths {
        let normal: std::path::PathBuf = path.components().collect();
        let resolved = match (normal.parent(), normal.file_name()) {
            (Some(parent), Some(name)) => {
                let parent = if parent.as_os_str().is_empty() {
                    std::path::Path::new(".")
                } else {
                    parent
                };
                std::fs::canonicalize(parent).map(|p| p.join(name))
            }
            _ => std::fs::canonicalize(&normal),
        };
        // A path that does not exist is reported by the loader.
        let Ok(resolved) = resolved else { continue };
        // Inside by its resolved folder, or as written (`practices/x/../x` through a link `x` that leads out of
        // the library resolves outside it, but is the loader's to refuse, naming the link).
        if resolved.starts_with(&root) || lexical(path).starts_with(lexical(&workspace.root)) {
            continue;
        }
        let mut folder = workspace.root.display().to_string();
        if !folder.ends_with('/') {
            folder.push('/');
        }
        let is_criteria = std::fs::canonicalize(&workspace.criteria_path).is_ok_and(|c| c == resolved);
        let tail = if is_criteria {
            "; the criteria file is always checked first, by every command"
        } else {
            ""
        };
        anyhow::bail!(
            "`{}` is not inside the practices folder `{folder}`: pass practice folders or files in them{tail}",
            path.display()
        );
    }
    Ok(())
}

/// `path` made absolute against the current folder, with `.` and `..` resolved by their names (no link followed).
fn lexical(path: &std::path::Path) -> std::path::PathBuf {
    use std::path::Component;
    let absolute = std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
    let mut out = std::path::PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Run `practice validate`.
pub fn run(global: &GlobalArgs, args: &ValidateArgs) -> CliResult {
    let (workspace, criteria) = load_criteria(global)?;
    if args.paths.is_empty() {
        workspace.require_root()?;
    }
    refuse_outside_root(&workspace, &args.paths)?;
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
