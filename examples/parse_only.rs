//! The floor for benchmarks: read and deserialise every file of a library with the same loaders `validate` uses
//! (`SourceFile::read` + `parse` into the same types, in parallel with rayon), and nothing else — no checks, no
//! locations, no scoring, no output but one line of counts.
//!
//! `cargo run --release --example parse_only -- PRACTICES_DIR [CRITERIA_FILE]`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use practice::load::source::{self, Format, SourceFile};
use practice::model::criteria::Criteria;
use practice::model::{Assessment, Evidence, Practice};
use practice::model::{ASSESSMENT_FILE, ASSESSORS_DIR, EVIDENCE_FILE, PRACTICE_FILE};
use rayon::prelude::*;

#[derive(Default, Clone, Copy)]
struct Counts {
    files: usize,
    bytes: usize,
    failed: usize,
}

impl std::ops::Add for Counts {
    type Output = Counts;
    fn add(self, o: Counts) -> Counts {
        Counts {
            files: self.files + o.files,
            bytes: self.bytes + o.bytes,
            failed: self.failed + o.failed,
        }
    }
}

fn load<T: serde::de::DeserializeOwned>(path: &Path, counts: &mut Counts) -> Option<T> {
    counts.files += 1;
    let parsed = SourceFile::read(path).and_then(|source| {
        counts.bytes += source.text.len();
        source.parse::<T>()
    });
    match parsed {
        Ok(value) => Some(value),
        Err(_) => {
            counts.failed += 1;
            None
        }
    }
}

fn load_kind<T: serde::de::DeserializeOwned>(dir: &Path, kind: &str, counts: &mut Counts) -> Option<T> {
    let path = source::find_kind(dir, kind).into_iter().next()?;
    load(&path, counts)
}

/// Everything one practice folder holds, deserialised. Dropped as soon as it is counted: the floor is the cost of
/// reading and parsing, not of keeping.
type Loaded = (Option<Practice>, Option<Evidence>, Option<Assessment>, Vec<Assessment>);

fn load_practice(dir: &Path) -> (Loaded, Counts) {
    let mut counts = Counts::default();
    let practice = load_kind::<Practice>(dir, PRACTICE_FILE, &mut counts);
    let evidence = load_kind::<Evidence>(dir, EVIDENCE_FILE, &mut counts);
    let assessment = load_kind::<Assessment>(dir, ASSESSMENT_FILE, &mut counts);
    let mut assessors = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir.join(ASSESSORS_DIR)) {
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths.iter().filter(|p| Format::from_path(p).is_some()) {
            assessors.extend(load::<Assessment>(path, &mut counts));
        }
    }
    ((practice, evidence, assessment, assessors), counts)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(root) = args.first().map(PathBuf::from) else {
        eprintln!("usage: parse_only PRACTICES_DIR [CRITERIA_FILE]");
        return ExitCode::from(2);
    };
    let criteria_path = args
        .get(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| root.parent().unwrap_or(Path::new(".")).join("criteria.toml"));
    let criteria = match Criteria::load(&criteria_path) {
        Ok(criteria) => criteria,
        Err(findings) => {
            for finding in findings {
                eprintln!("{finding}");
            }
            return ExitCode::from(2);
        }
    };
    let mut dirs: Vec<PathBuf> = match std::fs::read_dir(&root) {
        Ok(entries) => entries
            .flatten()
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| e.path())
            .collect(),
        Err(e) => {
            eprintln!("cannot list {}: {e}", root.display());
            return ExitCode::from(2);
        }
    };
    dirs.sort();
    let (counts, answers) = dirs
        .par_iter()
        .map(|dir| {
            let ((_, _, assessment, _), counts) = load_practice(dir);
            (counts, assessment.map_or(0, |a| a.answers.len()))
        })
        .reduce(|| (Counts::default(), 0), |(c1, a1), (c2, a2)| (c1 + c2, a1 + a2));
    println!(
        "parse-only: {} practices, {} files, {:.1} MB, {} failed to parse, {} consensus answers (criteria {} {})",
        dirs.len(),
        counts.files,
        counts.bytes as f64 / 1e6,
        counts.failed,
        answers,
        criteria.id,
        criteria.version
    );
    ExitCode::SUCCESS
}
