//! The synthetic-library generator (`testkit::synth`): deterministic, valid, mixed.

use std::fs;

use practice::model::Library;
use testkit::synth::{criteria_from_text, practice, write_library, Rng};

const CRITERIA: &str = include_str!("../../criteria.toml");

#[test]
fn rng_is_deterministic_and_spread() {
    let a: Vec<u64> = (0..5)
        .map({
            let mut r = Rng::new(7);
            move |_| r.next_u64()
        })
        .collect();
    let b: Vec<u64> = (0..5)
        .map({
            let mut r = Rng::new(7);
            move |_| r.next_u64()
        })
        .collect();
    assert_eq!(a, b);
    let mut rng = Rng::new(1);
    let mut counts = [0usize; 10];
    for _ in 0..10_000 {
        counts[rng.below(10)] += 1;
    }
    assert!(counts.iter().all(|&c| (800..1200).contains(&c)), "{counts:?}");
}

#[test]
fn same_seed_same_files() {
    let criteria = criteria_from_text(CRITERIA).unwrap();
    for index in 0..20 {
        let a = practice(&criteria, 42, index, 20);
        let b = practice(&criteria, 42, index, 20);
        assert_eq!(a.slug, b.slug);
        assert_eq!(a.files, b.files);
    }
    assert_ne!(practice(&criteria, 1, 0, 1).files, practice(&criteria, 2, 0, 1).files);
}

#[test]
fn generated_library_is_valid_and_mixed() {
    let dir = tempfile::tempdir().unwrap();
    let summary = write_library(dir.path(), CRITERIA, 120, 3).unwrap();
    assert_eq!(summary.practices, 120);
    for (what, n) in [
        ("nominated", summary.nominated),
        ("mapped", summary.mapped),
        ("complete", summary.complete),
        ("incomplete", summary.incomplete),
        ("independent", summary.independent),
        ("toml", summary.toml_files),
        ("yaml", summary.yaml_files),
    ] {
        assert!(n > 0, "no {what} practices in {summary:?}");
    }
    let criteria = criteria_from_text(CRITERIA).unwrap();
    let library = Library::load(&dir.path().join("practices"), &testkit::checks(&criteria)).unwrap();
    assert_eq!(library.practices.len(), 120);
    let errors: Vec<String> = library
        .all_findings()
        .filter(|f| f.is_error())
        .map(|f| f.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let sizes: Vec<usize> = library
        .practices
        .iter()
        .filter_map(|p| p.practice.as_ref())
        .map(|p| p.value.description.values().map(String::len).sum())
        .collect();
    let mean = sizes.iter().sum::<usize>() / sizes.len();
    assert!((2_000..8_000).contains(&mean), "mean description size {mean}");
    for entry in &library.practices {
        if let Some(evidence) = &entry.evidence {
            assert!((3..=15).contains(&evidence.value.rows.len()));
        }
    }
    let scored = practice::scoring::score_library(&library, &criteria);
    let complete = scored
        .iter()
        .filter(|p| p.score.as_ref().is_some_and(|s| s.complete))
        .count();
    assert_eq!(complete, summary.complete);
}

#[test]
fn refuses_a_folder_with_practices() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("practices/real")).unwrap();
    assert!(write_library(dir.path(), CRITERIA, 1, 1).is_err());
}
