//! Writing the results of a regrade: the stored grades that changed, and the removal of generated ones whose
//! assessment is gone.

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use super::stored::{read_existing, Existing};
use super::{PracticeChange, Progress, Status, GENERATED_MARKER};
use crate::write::{Durability, WriteResult};

/// What [`apply`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Applied {
    /// Files created.
    pub created: usize,
    /// Files replaced.
    pub updated: usize,
    /// Files removed (stored grades without an assessment).
    pub removed: usize,
    /// Files that could not be written or removed; those practices are marked failed.
    pub failed: usize,
}

/// Write the stored grades that changed (atomically, through [`crate::write::write_if_changed_with`]) and remove generated
/// stored grades whose assessment is gone. A practice whose file cannot be written becomes [`Status::Failed`] with
/// the reason; its old file is left as it was.
///
/// The writes are [`Durability::Unsynced`]: atomic for every other process (temporary file + rename), but without
/// an `fsync` per file. One `fsync` per stored grade doubled the time of a regrade after a criteria change (2.1 s
/// instead of 1.1 s for 7,000 grades on the benchmark machine, and far more on a spinning disk; see BENCHMARKS.md),
/// and a stored grade is derived data: it is recomputed from the assessment and the criteria at any time, and git
/// holds the committed copy. After a crash or power loss a grade written just before may be missing or empty:
/// `regrade --check` reports it (missing, or unreadable), and the next `regrade` rewrites it (an empty or NUL-only
/// file is never taken for a hand-written one).
pub fn apply(changes: &mut [PracticeChange], progress: &dyn Progress) -> Applied {
    let touches = |c: &PracticeChange| {
        matches!(
            c.status,
            Status::Removed | Status::New | Status::Changed | Status::Restamped
        )
    };
    progress.extend(changes.iter().filter(|c| touches(c)).count());
    let results: Vec<anyhow::Result<Option<WriteResult>>> = changes
        .par_iter()
        .map(|change| {
            let result = write_change(change);
            if touches(change) {
                progress.tick();
            }
            result
        })
        .collect();
    let mut applied = Applied::default();
    for (change, result) in changes.iter_mut().zip(results) {
        match result {
            Ok(Some(WriteResult::Created)) => applied.created += 1,
            Ok(Some(WriteResult::Updated)) => applied.updated += 1,
            Ok(Some(WriteResult::Unchanged)) => {}
            Ok(None) if change.status == Status::Removed => applied.removed += 1,
            Ok(None) => {}
            Err(problem) => {
                applied.failed += 1;
                change.status = Status::Failed;
                change.problem = Some(format!("cannot store the grade: {problem:#}"));
            }
        }
    }
    applied
}

/// Write or remove one practice's stored grade, as its status says.
fn write_change(change: &PracticeChange) -> anyhow::Result<Option<WriteResult>> {
    match change.status {
        Status::Removed => remove_generated(&change.score_path).map(|()| None),
        Status::Failed | Status::NotAssessed | Status::Unchanged => Ok(None),
        Status::New | Status::Changed | Status::Restamped => match &change.text {
            Some(text) => {
                crate::write::write_if_changed_with(&change.score_path, text.as_bytes(), Durability::Unsynced).map(Some)
            }
            None => Ok(None),
        },
    }
}

/// Remove a stored grade, but only a generated one (checked again just before removing).
fn remove_generated(path: &Path) -> anyhow::Result<()> {
    match read_existing(path) {
        // Nothing there, or nothing a grade could be read from: nothing to remove.
        Existing::None | Existing::Debris => Ok(()),
        Existing::Foreign(problem) => Err(anyhow::anyhow!(problem)),
        Existing::Generated(_) => crate::write::remove_generated(path, GENERATED_MARKER.as_bytes()),
    }
}
