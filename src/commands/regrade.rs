//! `practice regrade`: recompute and store grades, check them (`--check`), or preview a criteria change
//! (`--compare OLD NEW`). The work is done in [`crate::regrade`] and [`crate::regrade::criteria_diff`]; this module loads,
//! calls and prints.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write as _};
use std::path::PathBuf;
use std::sync::OnceLock;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::cli::{GlobalArgs, RegradeArgs, RegradeFormat};
use crate::commands::{load_criteria, print, resolve_workspace, Outcome};
use crate::diagnostic::Severity;
use crate::model::criteria::Criteria;
use crate::model::Library;
use crate::regrade::criteria_diff::{self, ChangeKind, CriteriaChange, CriteriaDiff};
use crate::regrade::{self, Applied, ClassMove, CriteriaSpec, GradeBrief, PracticeChange, Stale, Status, Summary};
use crate::report::output;

/// Runs with at least this many practices show a progress bar (on a terminal, without `--quiet`).
const PROGRESS_MIN_PRACTICES: usize = 500;

/// What the run does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Mode {
    Regrade,
    DryRun,
    Check,
    Compare,
}

#[derive(Serialize)]
struct CriteriaRef<'a> {
    id: &'a str,
    version: &'a str,
}

impl<'a> CriteriaRef<'a> {
    fn of(criteria: &'a Criteria) -> CriteriaRef<'a> {
        CriteriaRef {
            id: &criteria.id,
            version: &criteria.version,
        }
    }
}

/// `practice regrade --format json`.
#[derive(Serialize)]
struct Report<'a> {
    mode: Mode,
    /// The criteria graded against (regrade, dry run, check) or NEW (compare).
    criteria: CriteriaRef<'a>,
    /// OLD (compare only).
    #[serde(skip_serializing_if = "Option::is_none")]
    old_criteria: Option<CriteriaRef<'a>>,
    summary: &'a Summary,
    /// Files written (regrade only).
    #[serde(skip_serializing_if = "Option::is_none")]
    written: Option<&'a Applied>,
    /// Practices whose stored grade is missing, stale or cannot be checked (regrade, dry run, check).
    #[serde(skip_serializing_if = "Option::is_none")]
    stale: Option<Vec<&'a str>>,
    /// Practices whose class changes.
    class_changes: Vec<&'a str>,
    /// The differences between OLD and NEW (compare only).
    #[serde(skip_serializing_if = "Option::is_none")]
    criteria_diff: Option<&'a [CriteriaChange]>,
    /// Every practice, in slug order.
    practices: &'a [PracticeChange],
}

/// A progress bar for long runs: drawn on standard error only when it is a terminal, never with `--quiet`.
struct ProgressBarOnTerminal {
    enabled: bool,
    bar: OnceLock<ProgressBar>,
}

impl ProgressBarOnTerminal {
    fn new(global: &GlobalArgs) -> ProgressBarOnTerminal {
        ProgressBarOnTerminal {
            enabled: !global.quiet && std::io::stderr().is_terminal(),
            bar: OnceLock::new(),
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}

impl regrade::Progress for ProgressBarOnTerminal {
    fn start(&self, practices: usize) {
        if !self.enabled || practices < PROGRESS_MIN_PRACTICES {
            return;
        }
        // Loading and grading each count once per practice.
        let bar = ProgressBar::with_draw_target(Some(2 * practices as u64), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:40}] {percent:>3}% {elapsed}") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(format!("regrading {practices} practices"));
        let _ = self.bar.set(bar);
    }

    fn extend(&self, steps: usize) {
        if let Some(bar) = self.bar.get() {
            bar.inc_length(steps as u64);
            if steps > 0 {
                bar.set_message(format!("writing {steps} stored grades"));
            }
        }
    }

    fn tick(&self) {
        if let Some(bar) = self.bar.get() {
            bar.inc(1);
        }
    }
}

/// Run `practice regrade`.
pub fn run(global: &GlobalArgs, args: &RegradeArgs) -> anyhow::Result<Outcome> {
    if let Some(specs) = &args.compare {
        return compare(global, args, specs);
    }
    let (workspace, criteria) = match load_criteria(global)? {
        Ok(loaded) => loaded,
        Err(outcome) => return Ok(outcome),
    };
    if args.paths.is_empty() {
        workspace.require_root()?;
    }
    let mode = if args.check {
        Mode::Check
    } else if args.dry_run {
        Mode::DryRun
    } else {
        Mode::Regrade
    };
    let progress = ProgressBarOnTerminal::new(global);
    let library = regrade::load_assessments(&workspace.root, &args.paths, &progress)?;
    let mut changes = regrade::regrade_library(&library, &criteria, &progress);
    let applied = (mode == Mode::Regrade).then(|| regrade::apply(&mut changes, &progress));
    progress.finish();
    let summary = Summary::of(&changes);
    report_library_findings(global, &library)?;

    let needs_attention: Vec<&PracticeChange> = changes.iter().filter(|c| c.needs_attention()).collect();
    match args.format {
        RegradeFormat::Json => {
            let report = Report {
                mode,
                criteria: CriteriaRef::of(&criteria),
                old_criteria: None,
                summary: &summary,
                written: applied.as_ref(),
                stale: Some(needs_attention.iter().map(|c| c.slug.as_str()).collect()),
                class_changes: class_changes(&changes),
                criteria_diff: None,
                practices: &changes,
            };
            print(&output::json(&report))?;
        }
        RegradeFormat::Table => {
            let mut text = String::new();
            if !needs_attention.is_empty() {
                text.push_str(&change_table(&needs_attention, true).to_string());
                text.push('\n');
            }
            if !global.quiet {
                write_problems(&mut text, &changes);
                // Notes only where the grade moved: a re-stamped grade has the same notes as before.
                let moved: Vec<&PracticeChange> = needs_attention.iter().copied().filter(|c| c.grade_moved()).collect();
                write_notes(&mut text, &moved);
                writeln!(
                    text,
                    "\n{} practice(s) against {} {}:",
                    summary.practices, criteria.id, criteria.version
                )?;
                write_summary(&mut text, &summary, mode);
                match (&applied, mode) {
                    (Some(applied), _) if applied.created + applied.updated + applied.removed + applied.failed == 0 => {
                        writeln!(text, "nothing to write: every stored grade is up to date")?
                    }
                    (Some(applied), _) => writeln!(
                        text,
                        "wrote {} stored grade(s) ({} created, {} updated), removed {}{}",
                        applied.created + applied.updated,
                        applied.created,
                        applied.updated,
                        applied.removed,
                        if applied.failed > 0 {
                            format!("; {} could not be written", applied.failed)
                        } else {
                            String::new()
                        }
                    )?,
                    (None, Mode::DryRun) => writeln!(
                        text,
                        "dry run: {} stored grade(s) would be written, {} removed; nothing was written",
                        summary.new + summary.changed + summary.restamped,
                        summary.removed
                    )?,
                    _ => {}
                }
            }
            print(&text)?;
        }
    }

    let painter = super::stderr_painter(global);
    let write_failures = applied.as_ref().map_or(0, |a| a.failed);
    if mode == Mode::Check {
        let mut err = std::io::stderr().lock();
        if needs_attention.is_empty() {
            if !global.quiet {
                writeln!(err, "all stored grades are up to date")?;
            }
            return Ok(Outcome::Clean);
        }
        let names: Vec<&str> = needs_attention.iter().map(|c| c.slug.as_str()).collect();
        writeln!(
            err,
            "{}: {} stored grade(s) missing, stale or not checkable: {}; run `practice regrade`",
            painter.severity(Severity::Error),
            names.len(),
            names.join(", ")
        )?;
        return Ok(Outcome::Findings);
    }
    if write_failures > 0 {
        anyhow::bail!("{write_failures} stored grade(s) could not be written; old files were left as they were");
    }
    if summary.failed > 0 {
        let mut err = std::io::stderr().lock();
        writeln!(
            err,
            "{}: {} practice(s) could not be graded; see above",
            painter.severity(Severity::Warning),
            summary.failed
        )?;
        return Ok(Outcome::Findings);
    }
    Ok(Outcome::Clean)
}

/// `practice regrade --compare OLD NEW`.
fn compare(global: &GlobalArgs, args: &RegradeArgs, specs: &[String]) -> anyhow::Result<Outcome> {
    let [old_spec, new_spec] = specs else {
        anyhow::bail!("--compare takes two criteria files: OLD NEW");
    };
    let (old_spec, new_spec) = (CriteriaSpec::parse(old_spec), CriteriaSpec::parse(new_spec));
    let mut invalid = false;
    let mut loaded = Vec::new();
    for spec in [&old_spec, &new_spec] {
        match spec.load()? {
            Ok(criteria) => loaded.push(criteria),
            Err(findings) => {
                invalid = true;
                let what = spec.display_path().display().to_string();
                super::print_criteria_findings(global, &findings, &what, "")?;
            }
        }
    }
    let (Some(new), Some(old), false) = (loaded.pop(), loaded.pop(), invalid) else {
        return Ok(Outcome::Findings);
    };
    let root: PathBuf = match &global.root {
        Some(root) => root.clone(),
        None => resolve_workspace(global)?.root,
    };
    if args.paths.is_empty() && !root.is_dir() {
        anyhow::bail!("practices folder {} not found; pass --root PATH", root.display());
    }
    let progress = ProgressBarOnTerminal::new(global);
    let library = regrade::load_assessments(&root, &args.paths, &progress)?;
    let changes = regrade::compare_library(&library, &old, &new, &progress);
    progress.finish();
    let summary = Summary::of(&changes);
    let diff = criteria_diff::diff(&old, &new);
    report_library_findings(global, &library)?;

    match args.format {
        RegradeFormat::Json => {
            let report = Report {
                mode: Mode::Compare,
                criteria: CriteriaRef::of(&new),
                old_criteria: Some(CriteriaRef::of(&old)),
                summary: &summary,
                written: None,
                stale: None,
                class_changes: class_changes(&changes),
                criteria_diff: Some(&diff.changes),
                practices: &changes,
            };
            print(&output::json(&report))?;
        }
        RegradeFormat::Table => {
            let mut text = String::new();
            write_diff(&mut text, &old, &new, &diff);
            let moved: Vec<&PracticeChange> = changes
                .iter()
                .filter(|c| matches!(c.status, Status::Changed | Status::Failed))
                .collect();
            text.push('\n');
            if moved.is_empty() {
                text.push_str("no grade moves\n");
            } else {
                text.push_str(&change_table(&moved, false).to_string());
                text.push('\n');
            }
            if !global.quiet {
                write_problems(&mut text, &changes);
                write_notes(&mut text, &moved);
                write_effects(&mut text, &diff, &changes);
                writeln!(
                    text,
                    "\n{} practice(s), {} {} → {} {}:",
                    summary.practices, old.id, old.version, new.id, new.version
                )?;
                write_summary(&mut text, &summary, Mode::Compare);
            }
            print(&text)?;
        }
    }
    if diff.version_not_bumped() && !global.quiet {
        let painter = super::stderr_painter(global);
        writeln!(
            std::io::stderr().lock(),
            "{}: the criteria differ in ways that can move grades, but both are version {}: bump `version` in the new file",
            painter.severity(Severity::Warning),
            new.version
        )?;
    }
    Ok(if summary.failed > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn class_changes(changes: &[PracticeChange]) -> Vec<&str> {
    changes
        .iter()
        .filter(|c| c.status != Status::Failed && c.class_move.is_change())
        .map(|c| c.slug.as_str())
        .collect()
}

/// Library-level findings (unreadable folders, broken links) go to stderr: those practices were not graded.
fn report_library_findings(global: &GlobalArgs, library: &Library) -> anyhow::Result<()> {
    if library.findings.is_empty() {
        return Ok(());
    }
    let style = super::finding_style(global, super::Stream::Stderr);
    let mut err = std::io::stderr().lock();
    for finding in &library.findings {
        output::write_finding(&mut err, style, finding)?;
    }
    Ok(())
}

/// A total with one decimal: change tables are about small moves, and a whole percent can hide which side of a
/// threshold a total lies (59.7 % is «lovende» under a 60 % threshold, though it rounds to 60 %).
fn percent_text(total: Option<f64>) -> String {
    total.map_or_else(|| "–".to_string(), |t| format!("{:.1}%", t * 100.0))
}

fn class_text(grade: &GradeBrief) -> String {
    match &grade.class {
        Some(class) => class.clone(),
        None if !grade.complete => "incomplete".to_string(),
        None => "–".to_string(),
    }
}

/// `a → b`, or just `a` when they are equal; `–` stands for "none".
fn arrow(old: Option<String>, new: Option<String>) -> String {
    match (old, new) {
        (Some(old), Some(new)) if old == new => new,
        (old, new) => format!(
            "{} → {}",
            old.unwrap_or_else(|| "–".into()),
            new.unwrap_or_else(|| "–".into())
        ),
    }
}

fn total_cell(old: Option<&GradeBrief>, new: Option<&GradeBrief>) -> String {
    arrow(old.map(|g| percent_text(g.total)), new.map(|g| percent_text(g.total)))
}

fn change_text(change: &PracticeChange) -> String {
    match change.status {
        Status::Unchanged => "unchanged".into(),
        Status::NotAssessed => "not assessed".into(),
        Status::New => "newly graded".into(),
        Status::Removed => "removed (no assessment)".into(),
        // Graded but not stored: a hand-written file in the way, or a failed write.
        Status::Failed if change.new.is_some() => "graded, not stored".into(),
        Status::Failed => "could not be graded".into(),
        Status::Restamped => "re-stamped (same grade)".into(),
        Status::Changed if change.old.is_none() => "rewritten".into(),
        Status::Changed => match change.class_move {
            ClassMove::Up => "moved up a class".into(),
            ClassMove::Down => "moved down a class".into(),
            ClassMove::Lost => "lost its class".into(),
            ClassMove::Gained => "gained a class".into(),
            ClassMove::Other => "class changed".into(),
            ClassMove::Same => "total changed".into(),
        },
    }
}

fn stale_text(stale: &[Stale]) -> String {
    stale.iter().map(Stale::to_string).collect::<Vec<_>>().join("; ")
}

fn change_table(rows: &[&PracticeChange], with_reasons: bool) -> comfy_table::Table {
    let mut header: Vec<String> = ["practice", "version", "total", "class", "change"]
        .map(String::from)
        .to_vec();
    if with_reasons {
        header.push("why".into());
    }
    let mut table = output::table(header);
    for change in rows {
        let (old, new) = (change.old.as_ref(), change.new.as_ref());
        let mut row = vec![
            change.slug.clone(),
            arrow(
                old.map(|g| g.criteria_version.clone()),
                new.map(|g| g.criteria_version.clone()),
            ),
            total_cell(old, new),
            arrow(old.map(class_text), new.map(class_text)),
            change_text(change),
        ];
        if with_reasons {
            row.push(stale_text(&change.stale));
        }
        table.add_row(row);
    }
    table
}

fn write_problems(text: &mut String, changes: &[PracticeChange]) {
    let failed: Vec<&PracticeChange> = changes.iter().filter(|c| c.status == Status::Failed).collect();
    if failed.is_empty() {
        return;
    }
    text.push_str("\ncould not be graded:\n");
    for change in failed {
        let _ = writeln!(
            text,
            "  {}: {}",
            change.slug,
            change.problem.as_deref().unwrap_or("unknown problem")
        );
    }
}

fn list(items: impl IntoIterator<Item = String>) -> String {
    items.into_iter().collect::<Vec<_>>().join(", ")
}

fn write_notes(text: &mut String, rows: &[&PracticeChange]) {
    let with_notes: Vec<&&PracticeChange> = rows.iter().filter(|c| !c.notes.is_empty()).collect();
    if with_notes.is_empty() {
        return;
    }
    text.push_str("\nnotes:\n");
    for change in with_notes {
        let notes = &change.notes;
        let mut parts = Vec::new();
        if !notes.missing.is_empty() {
            parts.push(format!("unanswered: {}", notes.missing.join(", ")));
        }
        if !notes.invalid.is_empty() {
            parts.push(format!(
                "not an option any more (counted as unanswered): {}",
                list(notes.invalid.iter().map(|i| format!("{} = {}", i.question, i.answer)))
            ));
        }
        if !notes.orphans.is_empty() {
            parts.push(format!(
                "answers to questions not in the criteria (kept, not counted): {}",
                notes.orphans.join(", ")
            ));
        }
        if !notes.renamed.is_empty() {
            parts.push(format!(
                "answers under old ids: {}",
                list(notes.renamed.iter().map(|r| format!("{} → {}", r.from, r.to)))
            ));
        }
        let _ = writeln!(text, "  {}: {}", change.slug, parts.join("; "));
    }
}

/// What the criteria change does to the assessments: who lacks answers, whose answers are orphaned or renamed.
fn write_effects(text: &mut String, diff: &CriteriaDiff, changes: &[PracticeChange]) {
    let added: Vec<&str> = diff
        .of_kind(ChangeKind::QuestionAdded)
        .filter_map(|c| c.id.as_deref())
        .collect();
    let removed: Vec<&str> = diff
        .of_kind(ChangeKind::QuestionRemoved)
        .filter_map(|c| c.id.as_deref())
        .collect();
    let renamed: Vec<(&str, &str)> = diff
        .of_kind(ChangeKind::QuestionRenamed)
        .filter_map(|c| Some((c.old.as_deref()?, c.new.as_deref()?)))
        .collect();
    let mut lines = Vec::new();
    let mut effect = |label: String, slugs: Vec<&str>| {
        if !slugs.is_empty() {
            lines.push(format!("  {label}: {} practice(s): {}", slugs.len(), slugs.join(", ")));
        }
    };
    for id in &added {
        effect(
            format!("lack an answer to added question {id} (incomplete until answered)"),
            changes
                .iter()
                .filter(|c| c.notes.missing.iter().any(|m| m == id))
                .map(|c| c.slug.as_str())
                .collect(),
        );
    }
    for id in &removed {
        effect(
            format!("answered removed question {id} (answers kept, no longer counted)"),
            changes
                .iter()
                .filter(|c| c.notes.orphans.iter().any(|o| o == id))
                .map(|c| c.slug.as_str())
                .collect(),
        );
    }
    for (from, to) in &renamed {
        effect(
            format!("answered {from}, now counted for {to}"),
            changes
                .iter()
                .filter(|c| c.notes.renamed.iter().any(|r| r.from == *from && r.to == *to))
                .map(|c| c.slug.as_str())
                .collect(),
        );
    }
    effect(
        "have answers that are no longer an option of their scale".into(),
        changes
            .iter()
            .filter(|c| !c.notes.invalid.is_empty())
            .map(|c| c.slug.as_str())
            .collect(),
    );
    if !lines.is_empty() {
        text.push_str("\neffects on assessments:\n");
        for line in lines {
            text.push_str(&line);
            text.push('\n');
        }
    }
}

fn write_diff(text: &mut String, old: &Criteria, new: &Criteria, diff: &CriteriaDiff) {
    let _ = writeln!(
        text,
        "criteria {} {} → {} {}: {} difference(s){}",
        old.id,
        old.version,
        new.id,
        new.version,
        diff.changes.len(),
        if diff.is_empty() {
            ""
        } else if diff.affects_grades() {
            ", some can move grades"
        } else {
            ", none can move grades"
        }
    );
    for change in &diff.changes {
        let marker = if change.affects_grades { "*" } else { " " };
        let _ = writeln!(text, "  {marker} {change}");
    }
    if diff.changes.iter().any(|c| c.affects_grades) {
        text.push_str("  (* can move grades)\n");
    }
}

fn write_summary(text: &mut String, summary: &Summary, mode: Mode) {
    let mut line = |label: &str, n: usize, always: bool| {
        if always || n > 0 {
            let _ = writeln!(text, "  {label:<28} {n:>6}");
        }
    };
    line("unchanged", summary.unchanged, true);
    if mode != Mode::Compare {
        line("re-stamped (same grade)", summary.restamped, false);
    }
    line("changed", summary.changed, true);
    line("  moved up a class", summary.moved_up, true);
    line("  moved down a class", summary.moved_down, true);
    line("  lost a class (incomplete)", summary.lost_class, false);
    line("  gained a class", summary.gained_class, false);
    if mode != Mode::Compare {
        line("newly graded", summary.new, true);
        line("removed (no assessment)", summary.removed, false);
    }
    line("could not be graded", summary.failed, true);
    line("not assessed", summary.not_assessed, false);
}
