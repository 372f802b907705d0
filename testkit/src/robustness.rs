//! Entry points for fuzzing and property tests — a development tool, not part of the CLI.
//!
//! [`exercise`] loads one file of a given kind from raw bytes, the way the library loads it, and runs everything the
//! tool would run on it: parsing, the checks of `validate` with their locations, and scoring. It returns the findings
//! and asserts the invariants that must hold for any input (scores within 0–1 against well-formed criteria). The
//! cargo-fuzz targets in `fuzz/` and the proptest properties in `tests/it/properties.rs` both call it, so a crash either
//! of them finds is reproduced by the other and kept as a regression test.

use std::path::Path;

use practice::diagnostic::Finding;
use practice::diagnostic::KeyPath;
use practice::load::source::{Format, SourceFile};
use practice::model::criteria::Criteria;
use practice::model::{Assessment, Evidence, Practice};
use practice::scoring;
use practice::validate::{self, Role};

/// The kinds of file the tool reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `practice.*`
    Practice,
    /// `evidence.*`
    Evidence,
    /// `assessment.*` and `assessments/<assessor>.*`
    Assessment,
    /// `criteria.toml` (or `.yaml`)
    Criteria,
}

impl FileKind {
    /// The file name the kind has in a library.
    pub fn file_name(self, format: Format) -> String {
        let stem = match self {
            FileKind::Practice => "practice",
            FileKind::Evidence => "evidence",
            FileKind::Assessment => "assessment",
            FileKind::Criteria => "criteria",
        };
        format!("{stem}.{}", format.extensions()[0])
    }
}

/// Split fuzzer input: the first byte picks the format (even: TOML, odd: YAML), the rest is the file.
pub fn split_input(data: &[u8]) -> (Format, &[u8]) {
    match data.split_first() {
        Some((first, rest)) if first % 2 == 1 => (Format::Yaml, rest),
        Some((_, rest)) => (Format::Toml, rest),
        None => (Format::Toml, data),
    }
}

/// Load `bytes` as a file of `kind` and run every check and the scoring on it; the findings, in the order made.
/// `criteria` are the criteria practices are checked against (for [`FileKind::Criteria`] the bytes are the criteria,
/// and `criteria` is unused). Panics only if an invariant of the tool is broken.
pub fn exercise(kind: FileKind, format: Format, bytes: &[u8], criteria: &Criteria) -> Vec<Finding> {
    let path = Path::new("practices/fuzz").join(kind.file_name(format));
    let source = match SourceFile::from_bytes(&path, format, bytes.to_vec()) {
        Ok(source) => source,
        Err(finding) => return vec![finding],
    };
    // Locating keys builds the span index of the whole file: exercise it on every input, not only on those that
    // happen to produce a finding.
    for keys in [
        &["description", "need"][..],
        &["rows"],
        &["answers", "1"],
        &["criteria"],
    ] {
        let _ = source.locate(&KeyPath::of(keys));
    }
    let _ = source.locate(&KeyPath::root().key("rows").index(0).key("kind"));
    let mut out = Vec::new();
    match kind {
        FileKind::Practice => match source.parse::<Practice>() {
            Ok(practice) => validate::check_practice(
                &source,
                &practice,
                criteria,
                practice::model::PartialDate::parse(crate::TODAY).expect("TODAY parses"),
                &mut out,
            ),
            Err(finding) => out.push(finding),
        },
        FileKind::Evidence => match source.parse::<Evidence>() {
            Ok(evidence) => validate::check_evidence(&source, &evidence, criteria, &mut out),
            Err(finding) => out.push(finding),
        },
        FileKind::Assessment => match source.parse::<Assessment>() {
            Ok(assessment) => {
                for role in [Role::Consensus, Role::Independent] {
                    validate::check_assessment(&source, &assessment, criteria, None, role, &mut out);
                }
                check_score(criteria, &assessment);
            }
            Err(finding) => out.push(finding),
        },
        FileKind::Criteria => match Criteria::from_source(&source) {
            Ok(loaded) => {
                // Criteria that load must be usable: every question resolves, and any assessment scores.
                let best = Assessment {
                    answers: loaded
                        .questions()
                        .filter_map(|q| {
                            let best = q.scale.options.iter().max_by(|a, b| a.points.total_cmp(&b.points))?;
                            Some((q.question.id.clone(), answer(&best.key)))
                        })
                        .collect(),
                    ..Assessment::default()
                };
                let _ = scoring::score(&loaded, &best);
                let _ = scoring::score(&loaded, &Assessment::default());
            }
            Err(findings) => out.extend(findings),
        },
    }
    for finding in &out {
        assert_eq!(finding.file, path, "a finding names another file: {finding}");
    }
    out
}

fn answer(key: &str) -> practice::model::Answer {
    practice::model::Answer {
        answer: key.to_string(),
        ..Default::default()
    }
}

/// Scores of any assessment against criteria whose points are not negative lie within 0–1.
pub fn check_score(criteria: &Criteria, assessment: &Assessment) {
    let score = scoring::score(criteria, assessment);
    let sane = criteria
        .scales
        .values()
        .all(|s| s.options.iter().all(|o| o.points >= 0.0));
    if !sane {
        return;
    }
    let within = |x: f64| (-1e-9..=1.0 + 1e-9).contains(&x);
    for criterion in &score.criteria {
        if let Some(s) = criterion.score {
            assert!(within(s), "criterion {} scores {s}", criterion.id);
        }
    }
    if let Some(total) = score.total {
        assert!(within(total), "total {total}");
    }
    assert!(
        score.band.is_none() || score.complete,
        "a class for an incomplete assessment"
    );
}
