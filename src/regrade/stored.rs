//! The stored grade: the fixed format of `score.toml` (rendered and parsed here), and the state of an existing file.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{assessment_fingerprint, GradeBrief, DECIMALS, GENERATED_MARKER};
use crate::model::criteria::Criteria;
use crate::model::Assessment;
use crate::scoring::Score;

/// The content of a generated `score.toml`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredGrade {
    /// The criteria the grade was computed with.
    pub criteria: StoredCriteria,
    /// The assessment it was computed from.
    pub assessment: StoredAssessment,
    /// The result.
    pub grade: StoredResult,
    /// Per criterion, in the criteria file's order.
    #[serde(default, rename = "criterion")]
    pub criteria_scores: Vec<StoredCriterion>,
}

/// `[criteria]` of `score.toml`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredCriteria {
    /// Criteria id.
    pub id: String,
    /// Criteria version.
    pub version: String,
    /// [`criteria_fingerprint`](super::criteria_fingerprint).
    pub hash: String,
}

/// `[assessment]` of `score.toml`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredAssessment {
    /// File name of the assessment in the practice folder.
    pub file: String,
    /// [`assessment_fingerprint`].
    pub hash: String,
}

/// `[grade]` of `score.toml`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredResult {
    /// Total 0–1, absent when no criterion has a score.
    #[serde(default)]
    pub total: Option<f64>,
    /// Band key, only for complete assessments.
    #[serde(default)]
    pub class: Option<String>,
    /// Every question has a valid answer.
    pub complete: bool,
    /// The total lies in the judgement zone.
    pub judgement_zone: bool,
    /// Questions without a valid answer, in the criteria's order.
    #[serde(default)]
    pub missing: Vec<String>,
    /// Answers to questions the criteria do not have (kept in the assessment, not counted).
    #[serde(default)]
    pub orphans: Vec<String>,
}

/// One `[[criterion]]` of `score.toml`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredCriterion {
    /// Criterion id.
    pub id: String,
    /// Its weight in the total.
    pub weight: f64,
    /// Points earned.
    pub points: f64,
    /// Maximum over the applicable answered questions.
    pub max_points: f64,
    /// Applicable answered questions.
    pub applicable: usize,
    /// Questions answered «ikke relevant».
    pub not_applicable: usize,
    /// Questions without a valid answer.
    pub missing: usize,
    /// points / max_points, absent when nothing applies.
    #[serde(default)]
    pub score: Option<f64>,
}

/// A number rounded to [`DECIMALS`] places, as every number in `score.toml` is stored.
pub fn round(value: f64) -> f64 {
    fixed(value).parse().unwrap_or(value)
}

/// A number with exactly [`DECIMALS`] decimals; never `-0.000000`.
pub(super) fn fixed(value: f64) -> String {
    let text = format!("{value:.DECIMALS$}");
    if text.starts_with('-') && text[1..].bytes().all(|b| b == b'0' || b == b'.') {
        text[1..].to_string()
    } else {
        text
    }
}

/// A TOML basic string: the crate's one TOML-text writer.
pub(super) fn quoted(text: &str) -> String {
    crate::model::toml_text::string(text)
}

fn string_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", items.join(", "))
}

impl StoredGrade {
    /// The stored grade of an assessment scored against `criteria`. `criteria_hash` is
    /// [`criteria_fingerprint`](super::criteria_fingerprint)`(criteria)`, computed once by the caller.
    pub fn new(
        criteria: &Criteria,
        criteria_hash: &str,
        assessment_file: &str,
        assessment: &Assessment,
        score: &Score,
    ) -> StoredGrade {
        StoredGrade {
            criteria: StoredCriteria {
                id: criteria.id.clone(),
                version: criteria.version.clone(),
                hash: criteria_hash.to_string(),
            },
            assessment: StoredAssessment {
                file: assessment_file.to_string(),
                hash: assessment_fingerprint(assessment),
            },
            grade: StoredResult {
                total: score.total.map(round),
                class: score.band.map(|b| b.key.clone()),
                complete: score.complete,
                judgement_zone: score.in_judgement_zone,
                missing: score.missing().map(|q| q.id.to_string()).collect(),
                orphans: orphans(criteria, assessment),
            },
            criteria_scores: score
                .criteria
                .iter()
                .map(|c| StoredCriterion {
                    id: c.id.to_string(),
                    weight: round(c.weight),
                    points: round(c.points),
                    max_points: round(c.max_points),
                    applicable: c.applicable,
                    not_applicable: c.not_applicable,
                    missing: c.missing,
                    score: c.score.map(round),
                })
                .collect(),
        }
    }

    /// The text of `score.toml`: the generated header, then fixed sections in a fixed order.
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(1024 + 200 * self.criteria_scores.len());
        let _ = writeln!(
            out,
            "{GENERATED_MARKER} from the criteria and this folder's assessment."
        );
        out.push_str("# Do not edit: change the assessment or the criteria file and run `practice regrade`.\n");
        out.push_str(
            "# Fractions are 0-1. The hashes are SHA-256 of the parts that can change a grade (docs/FORMATS.md).\n",
        );
        out.push_str("\n[criteria]\n");
        let _ = writeln!(out, "id = {}", quoted(&self.criteria.id));
        let _ = writeln!(out, "version = {}", quoted(&self.criteria.version));
        let _ = writeln!(out, "hash = {}", quoted(&self.criteria.hash));
        out.push_str("\n[assessment]\n");
        let _ = writeln!(out, "file = {}", quoted(&self.assessment.file));
        let _ = writeln!(out, "hash = {}", quoted(&self.assessment.hash));
        out.push_str("\n[grade]\n");
        if let Some(total) = self.grade.total {
            let _ = writeln!(out, "total = {}", fixed(total));
        }
        if let Some(class) = &self.grade.class {
            let _ = writeln!(out, "class = {}", quoted(class));
        }
        let _ = writeln!(out, "complete = {}", self.grade.complete);
        let _ = writeln!(out, "judgement_zone = {}", self.grade.judgement_zone);
        let _ = writeln!(out, "missing = {}", string_list(&self.grade.missing));
        let _ = writeln!(out, "orphans = {}", string_list(&self.grade.orphans));
        for c in &self.criteria_scores {
            out.push_str("\n[[criterion]]\n");
            let _ = writeln!(out, "id = {}", quoted(&c.id));
            let _ = writeln!(out, "weight = {}", fixed(c.weight));
            let _ = writeln!(out, "points = {}", fixed(c.points));
            let _ = writeln!(out, "max_points = {}", fixed(c.max_points));
            let _ = writeln!(out, "applicable = {}", c.applicable);
            let _ = writeln!(out, "not_applicable = {}", c.not_applicable);
            let _ = writeln!(out, "missing = {}", c.missing);
            if let Some(score) = c.score {
                let _ = writeln!(out, "score = {}", fixed(score));
            }
        }
        out
    }

    /// Parse a generated `score.toml`.
    pub fn parse(text: &str) -> anyhow::Result<StoredGrade> {
        toml::from_str(text).map_err(|e| anyhow::anyhow!("{}", e.message().trim()))
    }

    /// The grade in brief.
    pub fn brief(&self) -> GradeBrief {
        GradeBrief {
            criteria_version: self.criteria.version.clone(),
            total: self.grade.total.map(round),
            class: self.grade.class.clone(),
            complete: self.grade.complete,
        }
    }
}

/// Whether a file's text is a generated stored grade (starts with [`GENERATED_MARKER`]).
pub fn is_generated(text: &[u8]) -> bool {
    let text = text.strip_prefix("\u{feff}".as_bytes()).unwrap_or(text);
    text.starts_with(GENERATED_MARKER.as_bytes())
}

/// Answer ids that are neither a question of `criteria` nor an old id some question `replaces`, in byte order.
pub fn orphans(criteria: &Criteria, assessment: &Assessment) -> Vec<String> {
    assessment
        .answers
        .keys()
        .filter(|id| criteria.question(id).is_none() && criteria.replacement_of(id).is_none())
        .cloned()
        .collect()
}

/// The state of an existing `score.toml`.
pub(super) enum Existing {
    /// No file.
    None,
    /// A generated file with this text.
    Generated(Vec<u8>),
    /// An empty file, or one of NUL bytes only: what an interrupted unsynced write can leave after a crash or power
    /// loss (see [`apply`]). It holds nothing to lose, so it is replaced like an unreadable stored grade.
    Debris,
    /// Something we must not touch, and why.
    Foreign(String),
}

pub(super) fn read_existing(path: &Path) -> Existing {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Existing::None,
        Err(e) => Existing::Foreign(format!("{}: cannot read: {e}", path.display())),
        Ok(meta) if meta.file_type().is_symlink() => Existing::Foreign(format!(
            "{}: is a symbolic link; refusing to write through it",
            path.display()
        )),
        Ok(meta) if meta.is_dir() => Existing::Foreign(format!("{}: is a folder, not a stored grade", path.display())),
        // Opened without blocking (a FIFO is refused, not waited on) and read no further than the limit.
        Ok(_) => match crate::load::file::read_limited(path, crate::load::source::MAX_FILE_SIZE) {
            Err(e @ crate::load::file::ReadError::TooLarge { .. }) => Existing::Foreign(format!(
                "{}: {e}, so it is not a stored grade; refusing to overwrite it: move it away",
                path.display()
            )),
            Err(e) => Existing::Foreign(format!("{}: {e}", path.display())),
            Ok(bytes) if is_generated(&bytes) => Existing::Generated(bytes),
            Ok(bytes) if bytes.iter().all(|&b| b == 0) => Existing::Debris,
            Ok(_) => Existing::Foreign(format!(
                "{}: not generated by `practice regrade` (its first line is not «{GENERATED_MARKER} …»); refusing to overwrite a hand-written file: move it away",
                path.display()
            )),
        },
    }
}
