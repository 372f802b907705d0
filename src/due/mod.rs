//! `practice due`: which assessments need review, and why (phase 5's loop back to a new assessment).
//!
//! A practice is due for one or more stable reasons ([`Kind`]): its assessment is older than the review interval
//! (`[review]` in the criteria, optionally per band); its evidence changed after the assessment; it was assessed
//! against another criteria version; its latest follow-up decided to reassess; or a knowledge need has stood open
//! longer than the interval. New evidence calls for review, not a new grade: nothing here changes a score.
//!
//! Whether the evidence changed is decided by the assessment's `evidence_fingerprint` (written by `practice assess`
//! and `form import`) when it has one; otherwise by git ([`crate::load::git::last_changes`]): the evidence file was
//! changed by a later commit than the assessment file, or has uncommitted edits while the assessment has none. An
//! evidence row dated after the assessment counts too.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::criteria::Criteria;
use crate::model::lifecycle::{Decision, NeedStatus};
use crate::model::{Library, PartialDate, PracticeEntry};
use crate::regrade::fingerprint::evidence_fingerprint;
use crate::validate::lifecycle::certainly_before;

/// Why a practice is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The review interval has passed since the assessment.
    ReviewInterval,
    /// The evidence changed after the assessment.
    EvidenceChanged,
    /// Assessed against another criteria version.
    CriteriaVersion,
    /// The latest follow-up decided to reassess.
    FollowUp,
    /// A knowledge need has stood open longer than the interval.
    KnowledgeNeed,
}

impl Kind {
    /// The stable key (`review-interval`, …).
    pub fn key(self) -> &'static str {
        match self {
            Kind::ReviewInterval => "review-interval",
            Kind::EvidenceChanged => "evidence-changed",
            Kind::CriteriaVersion => "criteria-version",
            Kind::FollowUp => "follow-up",
            Kind::KnowledgeNeed => "knowledge-need",
        }
    }
}

/// One reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The stable kind.
    pub kind: Kind,
    /// What exactly (English, for people).
    pub detail: String,
}

/// A practice that is due, with its reasons in [`Kind`] order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Due {
    /// Folder name.
    pub slug: String,
    /// Why.
    pub reasons: Vec<Reason>,
}

/// When each file last changed in git, relative to the practices folder (see
/// [`crate::load::git::last_changes`]); `None` outside git.
pub type Changes = HashMap<PathBuf, i64>;

/// `date` plus `months`.
pub fn add_months(date: PartialDate, months: u32) -> PartialDate {
    let index = date.year as i64 * 12 + i64::from(date.month.unwrap_or(1)) - 1 + i64::from(months);
    PartialDate {
        year: index.div_euclid(12) as i32,
        month: date.month.map(|_| (index.rem_euclid(12) + 1) as u8),
        day: date.day.map(|d| d.min(28)),
    }
}

/// The interval for a practice of class `band` (months), if the criteria set one.
fn interval(criteria: &Criteria, band: Option<&str>) -> Option<u32> {
    let review = criteria.review.as_ref()?;
    Some(
        band.and_then(|b| review.bands.get(b).copied())
            .unwrap_or(review.interval_months),
    )
}

/// The practices of `library` that are due as of `today`, sorted by slug.
pub fn due(library: &Library, criteria: &Criteria, today: PartialDate, changes: Option<&Changes>) -> Vec<Due> {
    library
        .practices
        .iter()
        .filter_map(|entry| {
            let reasons = reasons(entry, &library.root, criteria, today, changes);
            (!reasons.is_empty()).then(|| Due {
                slug: entry.slug.clone(),
                reasons,
            })
        })
        .collect()
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Every reason `entry` is due.
pub fn reasons(
    entry: &PracticeEntry,
    root: &Path,
    criteria: &Criteria,
    today: PartialDate,
    changes: Option<&Changes>,
) -> Vec<Reason> {
    let mut out = Vec::new();
    let practice = entry.practice.as_ref().map(|p| &p.value);
    let assessment = entry.assessment.as_ref();
    let band = assessment.and_then(|a| {
        let score = crate::scoring::score(criteria, &a.value);
        score.band.map(|b| b.key.clone())
    });
    let months = interval(criteria, band.as_deref());
    if let Some(loaded) = assessment {
        let a = &loaded.value;
        if let (Some(date), Some(months)) = (a.date, months) {
            let by = add_months(date, months);
            if !certainly_before(today, by) {
                out.push(Reason {
                    kind: Kind::ReviewInterval,
                    detail: format!("assessed {date}; the review interval of {months} months ended {by}"),
                });
            }
        }
        if let Some(detail) = evidence_changed(entry, root, changes) {
            out.push(Reason {
                kind: Kind::EvidenceChanged,
                detail,
            });
        }
        if a.criteria_version.as_deref() != Some(criteria.version.as_str()) {
            out.push(Reason {
                kind: Kind::CriteriaVersion,
                detail: format!(
                    "assessed against criteria version {}; the current version is {}",
                    a.criteria_version.as_deref().unwrap_or("(not given)"),
                    criteria.version
                ),
            });
        }
        let follow_up = practice
            .and_then(|p| p.lifecycle.as_ref())
            .and_then(|l| l.latest_follow_up());
        if let Some(f) = follow_up.filter(|f| f.decision == Decision::Reassess) {
            if a.date.is_none_or(|assessed| certainly_before(assessed, f.date)) {
                out.push(Reason {
                    kind: Kind::FollowUp,
                    detail: format!("the follow-up of {} decided to reassess", f.date),
                });
            }
        }
    }
    if let (Some(p), Some(months)) = (practice, months) {
        for need in &p.knowledge_needs {
            let Some(date) = need.date.filter(|_| need.status == NeedStatus::Open) else {
                continue;
            };
            if !certainly_before(today, add_months(date, months)) {
                out.push(Reason {
                    kind: Kind::KnowledgeNeed,
                    detail: format!("open since {date} (more than {months} months): {}", need.need.trim()),
                });
            }
        }
    }
    out
}

/// Whether the evidence changed after the assessment, and how it shows.
fn evidence_changed(entry: &PracticeEntry, root: &Path, changes: Option<&Changes>) -> Option<String> {
    let assessment = entry.assessment.as_ref()?;
    let evidence = entry.evidence.as_ref().map(|e| &e.value);
    if let (Some(date), Some(evidence)) = (assessment.value.date, evidence) {
        if let Some(row) = evidence
            .rows
            .iter()
            .find(|r| r.date.is_some_and(|d| certainly_before(date, d)))
        {
            return Some(format!(
                "evidence row `{}` is dated {}, after the assessment ({date})",
                row.id,
                row.date.map(|d| d.to_string()).unwrap_or_default()
            ));
        }
    }
    if let Some(recorded) = &assessment.value.evidence_fingerprint {
        let now = evidence_fingerprint(evidence);
        return (recorded != &now).then(|| {
            "the evidence differs from what the answers were given against (evidence_fingerprint)".to_string()
        });
    }
    let changes = changes?;
    let evidence_file = relative(root, &entry.evidence.as_ref()?.path);
    let assessment_file = relative(root, &assessment.path);
    let evidence_at = *changes.get(&evidence_file)?;
    let assessment_at = *changes.get(&assessment_file)?;
    (evidence_at < assessment_at).then(|| {
        if evidence_at < 0 {
            format!(
                "{} has uncommitted changes, the assessment has none",
                evidence_file.display()
            )
        } else {
            format!(
                "{} changed in a later commit than the assessment",
                evidence_file.display()
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_added_at_the_date_s_precision() {
        let d = |t: &str| PartialDate::parse(t).unwrap();
        assert_eq!(add_months(d("2019-11-30"), 24), d("2021-11-28"));
        assert_eq!(add_months(d("2019-11"), 3), d("2020-02"));
        assert_eq!(add_months(d("2019"), 24), d("2021"));
        assert_eq!(Kind::EvidenceChanged.key(), "evidence-changed");
    }
}
