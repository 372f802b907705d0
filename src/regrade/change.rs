//! What a regrade found for each practice: the grade in brief, how the class moved, the status and why the stored
//! grade is stale, notes on the answers, and the counts over a library.

use serde::Serialize;

use std::path::PathBuf;

use super::orphans;
use crate::model::criteria::Criteria;
use crate::model::{Assessment, PracticeEntry, SCORE_FILE};
use crate::scoring::{AnswerState, Score};

/// A grade in brief: what the change table shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GradeBrief {
    /// Criteria version it was computed with.
    pub criteria_version: String,
    /// Total 0–1, rounded to [`DECIMALS`](super::DECIMALS).
    pub total: Option<f64>,
    /// Band key (only for complete assessments).
    pub class: Option<String>,
    /// Every question answered.
    pub complete: bool,
}

impl GradeBrief {
    /// Same total, class and completeness (the version may differ).
    pub fn same_grade(&self, other: &GradeBrief) -> bool {
        self.total == other.total && self.class == other.class && self.complete == other.complete
    }
}

/// How the class moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClassMove {
    /// Same class (or no class before and after).
    Same,
    /// Into a band with a higher threshold.
    Up,
    /// Into a band with a lower threshold.
    Down,
    /// No class before (incomplete, or not graded), a class now.
    Gained,
    /// A class before, none now (the assessment became incomplete).
    Lost,
    /// Another class whose order against the old one is unknown (a band that no longer exists).
    Other,
}

impl ClassMove {
    /// Compare classes given as band keys with their thresholds (`None` when the band is unknown).
    pub fn of(old: Option<(&str, Option<f64>)>, new: Option<(&str, Option<f64>)>) -> ClassMove {
        match (old, new) {
            (None, None) => ClassMove::Same,
            (None, Some(_)) => ClassMove::Gained,
            (Some(_), None) => ClassMove::Lost,
            (Some((old_key, _)), Some((new_key, _))) if old_key == new_key => ClassMove::Same,
            (Some((_, Some(old_min))), Some((_, Some(new_min)))) if new_min > old_min => ClassMove::Up,
            (Some((_, Some(old_min))), Some((_, Some(new_min)))) if new_min < old_min => ClassMove::Down,
            _ => ClassMove::Other,
        }
    }

    /// True unless [`ClassMove::Same`].
    pub fn is_change(self) -> bool {
        self != ClassMove::Same
    }
}

/// A band's place for [`ClassMove::of`] when old and new classes come from the same criteria file: its position
/// in the file, which follows `min` and also orders cumulative levels that share one.
pub(super) fn band_min(criteria: &Criteria, key: &str) -> Option<f64> {
    criteria
        .classification
        .bands
        .iter()
        .position(|b| b.key == key)
        .map(|i| i as f64)
}

/// What happened to one practice's grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The stored grade is up to date (regrade), or the grade is the same under both criteria (compare).
    Unchanged,
    /// Same total, class and completeness, but the stored file changes (new criteria version or fingerprints).
    Restamped,
    /// Total, class or completeness changed.
    Changed,
    /// No stored grade before.
    New,
    /// A generated stored grade whose assessment is gone: removed.
    Removed,
    /// Could not be graded; see `problem`.
    Failed,
    /// No assessment: nothing to grade.
    NotAssessed,
}

impl Status {
    /// Stable key.
    pub fn key(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::Restamped => "restamped",
            Status::Changed => "changed",
            Status::New => "new",
            Status::Removed => "removed",
            Status::Failed => "failed",
            Status::NotAssessed => "not-assessed",
        }
    }
}

/// Why a stored grade is stale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum Stale {
    /// No `score.toml`.
    Missing,
    /// Computed with other criteria (another id, version or fingerprint).
    Criteria {
        /// Version in the stored grade.
        stored_version: String,
        /// Current version.
        current_version: String,
        /// The versions are equal although the grade-relevant content differs: the version should be bumped.
        version_not_bumped: bool,
    },
    /// The assessment's answers changed (or it is another file now).
    Assessment,
    /// The fingerprints match but the stored text differs (edited by hand, or written by another tool version).
    Content,
    /// The stored file cannot be read as a stored grade.
    Unreadable {
        /// Why.
        message: String,
    },
    /// A stored grade for a practice that has no assessment any more.
    Orphaned,
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::Missing => f.write_str("no stored grade"),
            Stale::Criteria {
                stored_version,
                current_version,
                version_not_bumped,
            } => {
                if *version_not_bumped {
                    write!(
                        f,
                        "criteria changed, but their version is still {current_version}: bump `version` in the criteria file"
                    )
                } else {
                    write!(f, "criteria changed ({stored_version} → {current_version})")
                }
            }
            Stale::Assessment => f.write_str("assessment answers changed"),
            Stale::Content => f.write_str("stored file differs from the computed grade"),
            Stale::Unreadable { message } => write!(f, "stored file unreadable: {message}"),
            Stale::Orphaned => f.write_str("stored grade without an assessment"),
        }
    }
}

/// An answer that is not an option of its question's scale (any more).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InvalidAnswer {
    /// Question id.
    pub question: String,
    /// The answer key.
    pub answer: String,
}

/// An answer given under an old id that a question now `replaces`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Renamed {
    /// The id in the assessment.
    pub from: String,
    /// The question it counts for.
    pub to: String,
}

/// What a grade leaves out: unanswered questions, orphaned, invalid and renamed answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Notes {
    /// Questions without an answer.
    pub missing: Vec<String>,
    /// Answers to questions the criteria do not have: kept in the file, not counted.
    pub orphans: Vec<String>,
    /// Answers that are not an option of their question's scale: counted as unanswered.
    pub invalid: Vec<InvalidAnswer>,
    /// Answers under an old id, counted for the question that replaces it.
    pub renamed: Vec<Renamed>,
}

impl Notes {
    /// Collect the notes of a score.
    pub fn of(criteria: &Criteria, assessment: &Assessment, score: &Score) -> Notes {
        let mut notes = Notes {
            orphans: orphans(criteria, assessment),
            ..Notes::default()
        };
        for q in &score.questions {
            match &q.answer {
                AnswerState::Missing => notes.missing.push(q.id.to_string()),
                AnswerState::Invalid(key) => notes.invalid.push(InvalidAnswer {
                    question: q.id.to_string(),
                    answer: key.clone(),
                }),
                _ => {}
            }
            if let Some(old) = q.answered_as {
                notes.renamed.push(Renamed {
                    from: old.to_string(),
                    to: q.id.to_string(),
                });
            }
        }
        notes
    }

    /// Nothing to say.
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.orphans.is_empty() && self.invalid.is_empty() && self.renamed.is_empty()
    }
}

/// One practice in a regrade or a comparison.
#[derive(Clone, Debug, Serialize)]
pub struct PracticeChange {
    /// Folder name.
    pub slug: String,
    /// What happened.
    pub status: Status,
    /// The stored grade (regrade) or the grade under OLD (compare).
    pub old: Option<GradeBrief>,
    /// The computed grade (regrade) or the grade under NEW (compare).
    pub new: Option<GradeBrief>,
    /// How the class moved from old to new.
    pub class_move: ClassMove,
    /// Why the stored grade is stale (regrade only; empty when up to date).
    pub stale: Vec<Stale>,
    /// Unanswered, orphaned, invalid and renamed answers under the (new) criteria.
    pub notes: Notes,
    /// Why the practice could not be graded (with the file).
    pub problem: Option<String>,
    /// The stored-grade file.
    #[serde(skip)]
    pub score_path: PathBuf,
    /// The text to store (regrade only, when it differs from the stored text).
    #[serde(skip)]
    pub text: Option<String>,
}

impl PracticeChange {
    /// The total, class or completeness moved (or appeared).
    pub fn grade_moved(&self) -> bool {
        match (&self.old, &self.new) {
            (Some(old), Some(new)) => !old.same_grade(new),
            (None, None) => false,
            _ => true,
        }
    }

    /// The stored grade is missing, stale or cannot be checked (for `--check`).
    pub fn needs_attention(&self) -> bool {
        !matches!(self.status, Status::Unchanged | Status::NotAssessed)
    }

    pub(super) fn base(entry: &PracticeEntry) -> PracticeChange {
        PracticeChange {
            slug: entry.slug.clone(),
            status: Status::NotAssessed,
            old: None,
            new: None,
            class_move: ClassMove::Same,
            stale: Vec::new(),
            notes: Notes::default(),
            problem: None,
            score_path: entry.dir.join(SCORE_FILE),
            text: None,
        }
    }
}

/// Counts over a regrade or a comparison.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Practices looked at.
    pub practices: usize,
    /// Grades that did not move (stored file identical, or identical under both criteria).
    pub unchanged: usize,
    /// Grades that did not move, with a stored file that changes (version, fingerprints).
    pub restamped: usize,
    /// Grades whose total, class or completeness moved.
    pub changed: usize,
    /// Moved into a higher band.
    pub moved_up: usize,
    /// Moved into a lower band.
    pub moved_down: usize,
    /// Had a class, have none now (incomplete).
    pub lost_class: usize,
    /// Had no class, have one now.
    pub gained_class: usize,
    /// Graded for the first time.
    pub new: usize,
    /// Stored grades removed because the assessment is gone.
    pub removed: usize,
    /// Could not be graded.
    pub failed: usize,
    /// No assessment.
    pub not_assessed: usize,
}

impl Summary {
    /// Count the changes.
    pub fn of(changes: &[PracticeChange]) -> Summary {
        let mut s = Summary {
            practices: changes.len(),
            ..Summary::default()
        };
        for change in changes {
            match change.status {
                Status::Unchanged => s.unchanged += 1,
                Status::Restamped => s.restamped += 1,
                Status::Changed => s.changed += 1,
                Status::New => s.new += 1,
                Status::Removed => s.removed += 1,
                Status::Failed => s.failed += 1,
                Status::NotAssessed => s.not_assessed += 1,
            }
            if matches!(change.status, Status::Changed | Status::Unchanged | Status::Restamped) {
                match change.class_move {
                    ClassMove::Up => s.moved_up += 1,
                    ClassMove::Down => s.moved_down += 1,
                    ClassMove::Lost => s.lost_class += 1,
                    ClassMove::Gained => s.gained_class += 1,
                    ClassMove::Same | ClassMove::Other => {}
                }
            }
        }
        s
    }
}
