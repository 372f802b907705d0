//! `practice history`: each practice's grade over time, from git, in one pass for the whole library.
//!
//! One `git log --raw` over the practices folder and the criteria file gives, commit by commit (oldest first, along
//! the first-parent line), which assessment, evidence and criteria files changed and their new blob ids; one
//! `git cat-file --batch` reads those blobs. Each practice's consensus assessment is then scored against the
//! criteria as they were in the same commit (the current file when the criteria are not in git). An entry is written
//! for every commit that changed a practice's answers or its grade (total or class), saying what changed:
//! `answers`, `criteria`, `evidence`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde::Serialize;

use crate::load::git::{log_with_blobs, read_blobs, toplevel};
use crate::load::source::{SourceFile, MAX_FILE_SIZE};
use crate::model::criteria::Criteria;
use crate::model::{Assessment, Format};
use crate::regrade::fingerprint::assessment_fingerprint;
use crate::scoring::score;

/// One entry of a practice's history.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entry {
    /// The commit.
    pub commit: String,
    /// Its author date (ISO 8601).
    pub date: String,
    /// Its author.
    pub author: String,
    /// The criteria version the grade was computed against.
    pub criteria_version: String,
    /// The total, 0–1 (`null`: nothing to score).
    pub total: Option<f64>,
    /// The band key (`null`: incomplete, or not classified).
    pub class: Option<String>,
    /// What changed in this commit: `answers`, `criteria`, `evidence`.
    pub changed: Vec<&'static str>,
}

/// One practice's history, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PracticeHistory {
    /// Folder name.
    pub slug: String,
    /// Entries, oldest first.
    pub entries: Vec<Entry>,
}

/// Where a path under the practices folder belongs: (slug, file kind stem).
fn practice_file<'a>(path: &'a str, prefix: &str) -> Option<(&'a str, &'a str)> {
    let rest = path.strip_prefix(prefix)?;
    let (slug, file) = rest.split_once('/')?;
    let (stem, ext) = file.rsplit_once('.')?;
    matches!(ext, "toml" | "yaml" | "yml").then_some((slug, stem))
}

fn relative_to(top: &Path, path: &Path) -> Option<String> {
    let canonical = std::fs::canonicalize(path).ok()?;
    let top = std::fs::canonicalize(top).ok()?;
    let relative = canonical.strip_prefix(&top).ok()?;
    Some(relative.to_string_lossy().replace('\\', "/"))
}

/// The history of the practices under `root` (only `slugs`, when given), with `criteria_path` as the criteria
/// file and `current` its content now. `Ok(None)` outside git.
pub fn history(
    root: &Path,
    criteria_path: &Path,
    current: &Criteria,
    slugs: &[String],
) -> anyhow::Result<Option<Vec<PracticeHistory>>> {
    let Some(top) = toplevel(root) else {
        return Ok(None);
    };
    let Some(practices) = relative_to(&top, root) else {
        return Ok(None);
    };
    let prefix = if practices.is_empty() {
        String::new()
    } else {
        format!("{practices}/")
    };
    let criteria_file = relative_to(&top, criteria_path);
    let mut paths = vec![if practices.is_empty() {
        ".".to_string()
    } else {
        practices.clone()
    }];
    paths.extend(criteria_file.clone());
    let commits = log_with_blobs(&top, &paths)?;

    // The blobs to read: the consensus assessments and the criteria file, every version.
    let wanted: BTreeSet<String> = commits
        .iter()
        .flat_map(|c| c.changes.iter())
        .filter(|(path, _)| {
            Some(path) == criteria_file.as_ref()
                || practice_file(path, &prefix).is_some_and(|(slug, stem)| {
                    stem == crate::model::ASSESSMENT_FILE && (slugs.is_empty() || slugs.iter().any(|s| s == slug))
                })
        })
        .filter_map(|(_, blob)| blob.clone())
        .collect();
    let ids: Vec<String> = wanted.into_iter().collect();
    let blobs = read_blobs(&top, &ids, MAX_FILE_SIZE)?;

    let mut criteria_cache: HashMap<String, Option<Criteria>> = HashMap::new();
    let mut assessment_cache: HashMap<String, Option<Assessment>> = HashMap::new();
    // Per slug: the assessment's (path, blob), and the last entry's (answers fingerprint, total, class).
    let mut assessments: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut last: HashMap<String, (String, Option<f64>, Option<String>)> = HashMap::new();
    let mut out: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    let mut criteria_blob: Option<String> = None;

    for commit in &commits {
        let mut criteria_changed = false;
        let mut touched: BTreeMap<String, BTreeSet<&'static str>> = BTreeMap::new();
        for (path, blob) in &commit.changes {
            if Some(path) == criteria_file.as_ref() {
                criteria_blob = blob.clone();
                criteria_changed = true;
                continue;
            }
            let Some((slug, stem)) = practice_file(path, &prefix) else {
                continue;
            };
            if !slugs.is_empty() && !slugs.iter().any(|s| s == slug) {
                continue;
            }
            if stem == crate::model::ASSESSMENT_FILE {
                match blob {
                    Some(blob) => {
                        assessments.insert(slug.to_string(), (path.clone(), blob.clone()));
                    }
                    None => {
                        assessments.remove(slug);
                    }
                }
                touched.entry(slug.to_string()).or_default().insert("answers");
            } else if stem == crate::model::EVIDENCE_FILE {
                touched.entry(slug.to_string()).or_default().insert("evidence");
            }
        }
        let criteria: &Criteria = match &criteria_blob {
            Some(blob) => criteria_cache
                .entry(blob.clone())
                .or_insert_with(|| {
                    let text = String::from_utf8(blobs.get(blob)?.clone()).ok()?;
                    Criteria::from_toml_str(&text).ok()
                })
                .as_ref()
                .unwrap_or(current),
            None => current,
        };
        let affected: Vec<String> = if criteria_changed {
            assessments.keys().cloned().collect()
        } else {
            touched
                .keys()
                .filter(|s| assessments.contains_key(*s))
                .cloned()
                .collect()
        };
        for slug in affected {
            let (path, blob) = &assessments[&slug];
            let assessment = assessment_cache.entry(blob.clone()).or_insert_with(|| {
                let text = String::from_utf8(blobs.get(blob)?.clone()).ok()?;
                let format = Format::from_path(Path::new(path))?;
                SourceFile::from_text(Path::new(path), format, text)
                    .parse::<Assessment>()
                    .ok()
            });
            let Some(assessment) = assessment.as_ref() else {
                continue;
            };
            let scored = score(criteria, assessment);
            let total = scored.total;
            let class = scored.band.map(|b| b.key.clone());
            let answers = assessment_fingerprint(assessment);
            let previous = last.get(&slug);
            let answers_changed = previous.is_none_or(|p| p.0 != answers);
            let grade_changed = previous.is_none_or(|p| p.1 != total || p.2 != class);
            if !answers_changed && !grade_changed {
                continue;
            }
            let mut changed: Vec<&'static str> = Vec::new();
            if answers_changed {
                changed.push("answers");
            }
            if criteria_changed {
                changed.push("criteria");
            }
            if touched.get(&slug).is_some_and(|t| t.contains("evidence")) {
                changed.push("evidence");
            }
            out.entry(slug.clone()).or_default().push(Entry {
                commit: commit.id.clone(),
                date: commit.date.clone(),
                author: commit.author.clone(),
                criteria_version: criteria.version.clone(),
                total,
                class: class.clone(),
                changed,
            });
            last.insert(slug, (answers, total, class));
        }
    }
    Ok(Some(
        out.into_iter()
            .map(|(slug, entries)| PracticeHistory { slug, entries })
            .collect(),
    ))
}
