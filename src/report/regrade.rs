//! `practice regrade` as text and JSON: the change table, the problems, notes and effects of a criteria change, the
//! summary counts, and the JSON report scripts read.

use crate::model::number::count;
use std::fmt::Write as _;

use serde::Serialize;

use crate::model::criteria::Criteria;
use crate::regrade::criteria_diff::{ChangeKind, CriteriaChange, CriteriaDiff};
use crate::regrade::{Applied, ClassMove, GradeBrief, PracticeChange, Stale, Status, Summary};
use crate::report::output;
use crate::report::CriteriaRef;

/// What the run does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// Grade and write `score.toml` files.
    Regrade,
    /// Grade and say what would be written.
    DryRun,
    /// Grade and fail when a stored grade is missing or stale.
    Check,
    /// Grade against two criteria files and compare.
    Compare,
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

/// A regrade, dry run or check against `criteria`.
pub struct Regraded<'a> {
    /// Regrade, dry run or check.
    pub mode: Mode,
    /// The criteria graded against.
    pub criteria: &'a Criteria,
    /// Every practice, in slug order.
    pub changes: &'a [PracticeChange],
    /// The counts of `changes`.
    pub summary: &'a Summary,
    /// What was written (regrade only).
    pub applied: Option<&'a Applied>,
}

impl Regraded<'_> {
    /// The practices whose stored grade is missing, stale or cannot be checked.
    pub fn needs_attention(&self) -> Vec<&PracticeChange> {
        self.changes.iter().filter(|c| c.needs_attention()).collect()
    }

    /// `--format json`.
    pub fn json(&self) -> String {
        output::json(&Report {
            mode: self.mode,
            criteria: CriteriaRef::of(self.criteria),
            old_criteria: None,
            summary: self.summary,
            written: self.applied,
            stale: Some(self.needs_attention().iter().map(|c| c.slug.as_str()).collect()),
            class_changes: class_changes(self.changes),
            criteria_diff: None,
            practices: self.changes,
        })
    }

    /// The table of practices that need attention; with `details` (not `--quiet`) also the problems, notes, summary
    /// counts and what was written.
    pub fn text(&self, details: bool) -> String {
        let needs_attention = self.needs_attention();
        let mut text = String::new();
        if !needs_attention.is_empty() {
            text.push_str(&change_table(&needs_attention, true, self.criteria, self.criteria).to_string());
            text.push('\n');
        }
        if !details {
            return text;
        }
        write_problems(&mut text, self.changes);
        // Notes only where the grade moved: a re-stamped grade has the same notes as before.
        let moved: Vec<&PracticeChange> = needs_attention.iter().copied().filter(|c| c.grade_moved()).collect();
        write_notes(&mut text, &moved);
        let _ = writeln!(
            text,
            "\n{} against {} {}:",
            count(self.summary.practices, "practice", "practices"),
            self.criteria.id,
            self.criteria.version
        );
        write_summary(&mut text, self.summary, self.mode);
        let summary = self.summary;
        match (self.applied, self.mode) {
            (Some(applied), _) if applied.created + applied.updated + applied.removed + applied.failed == 0 => {
                text.push_str("nothing to write: every stored grade is up to date\n");
            }
            (Some(applied), _) => {
                let _ = writeln!(
                    text,
                    "wrote {} ({} created, {} updated), removed {}{}",
                    count(applied.created + applied.updated, "stored grade", "stored grades"),
                    applied.created,
                    applied.updated,
                    applied.removed,
                    if applied.failed > 0 {
                        format!("; {} could not be written", applied.failed)
                    } else {
                        String::new()
                    }
                );
            }
            (None, Mode::DryRun) => {
                let _ = writeln!(
                    text,
                    "dry run: {} would be written, {} removed; nothing was written",
                    count(
                        summary.new + summary.changed + summary.restamped,
                        "stored grade",
                        "stored grades"
                    ),
                    summary.removed
                );
            }
            _ => {}
        }
        text
    }
}

/// `--compare OLD NEW`: the practices graded against both.
pub struct Compared<'a> {
    /// OLD.
    pub old: &'a Criteria,
    /// NEW.
    pub new: &'a Criteria,
    /// The differences between them.
    pub diff: &'a CriteriaDiff,
    /// Every practice, in slug order.
    pub changes: &'a [PracticeChange],
    /// The counts of `changes`.
    pub summary: &'a Summary,
}

impl Compared<'_> {
    /// `--format json`.
    pub fn json(&self) -> String {
        output::json(&Report {
            mode: Mode::Compare,
            criteria: CriteriaRef::of(self.new),
            old_criteria: Some(CriteriaRef::of(self.old)),
            summary: self.summary,
            written: None,
            stale: None,
            class_changes: class_changes(self.changes),
            criteria_diff: Some(&self.diff.changes),
            practices: self.changes,
        })
    }

    /// The differences and the grade moves; with `details` (not `--quiet`) also problems, notes, effects on the
    /// assessments and the summary counts.
    pub fn text(&self, details: bool) -> String {
        let (old, new) = (self.old, self.new);
        let mut text = String::new();
        write_diff(&mut text, old, new, self.diff);
        let moved: Vec<&PracticeChange> = self
            .changes
            .iter()
            .filter(|c| matches!(c.status, Status::Changed | Status::Failed))
            .collect();
        text.push('\n');
        if moved.is_empty() {
            text.push_str("no grade moves\n");
        } else {
            text.push_str(&change_table(&moved, false, old, new).to_string());
            text.push('\n');
        }
        if details {
            write_problems(&mut text, self.changes);
            write_notes(&mut text, &moved);
            write_effects(&mut text, self.diff, self.changes);
            let _ = writeln!(
                text,
                "\n{}, {} {} → {} {}:",
                count(self.summary.practices, "practice", "practices"),
                old.id,
                old.version,
                new.id,
                new.version
            );
            write_summary(&mut text, self.summary, Mode::Compare);
        }
        text
    }
}

/// The practices whose class changes (graded both times, a different class).
pub fn class_changes(changes: &[PracticeChange]) -> Vec<&str> {
    changes
        .iter()
        .filter(|c| c.status != Status::Failed && c.class_move.is_change())
        .map(|c| c.slug.as_str())
        .collect()
}

/// A total in the shape of every table ([`crate::model::number::percent_table`]: a whole percent).
fn percent_text(total: Option<f64>) -> String {
    total.map_or_else(|| "–".to_string(), crate::model::number::percent_table)
}

/// The class's label in `criteria` (the key when these criteria have no such band); tool words for no class.
fn class_text(grade: &GradeBrief, criteria: &Criteria) -> String {
    match &grade.class {
        Some(class) => criteria
            .classification
            .bands
            .iter()
            .find(|b| &b.key == class)
            .map_or_else(|| class.clone(), |b| b.label.clone()),
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
        Status::Failed
            if change
                .problem
                .as_deref()
                .is_some_and(|p| p.starts_with(crate::regrade::DOES_NOT_LOAD)) =>
        {
            format!("could not be graded ({})", crate::regrade::DOES_NOT_LOAD)
        }
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

fn change_table(
    rows: &[&PracticeChange],
    with_reasons: bool,
    old_criteria: &Criteria,
    new_criteria: &Criteria,
) -> comfy_table::Table {
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
            arrow(
                old.map(|g| class_text(g, old_criteria)),
                new.map(|g| class_text(g, new_criteria)),
            ),
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
            lines.push(format!(
                "  {label}: {}: {}",
                count(slugs.len(), "practice", "practices"),
                slugs.join(", ")
            ));
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
        "criteria {} {} → {} {}: {}{}",
        old.id,
        old.version,
        new.id,
        new.version,
        count(diff.changes.len(), "difference", "differences"),
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
