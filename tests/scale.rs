//! A synthetic library of a few hundred practices through the loader: what a command keeps never changes what it
//! reports. (The benchmarks at 1,000 and 10,000 practices live in `bench/run.sh`; see BENCHMARKS.md.)

use practice::criteria::Criteria;
use practice::library::{Keep, Library};
use practice::report::score_library;

const CRITERIA: &str = include_str!("../criteria.toml");

fn library(dir: &std::path::Path, keep: Keep, criteria: &Criteria) -> Library {
    Library::load_paths_keeping(&dir.join("practices"), &[], criteria, keep).unwrap()
}

#[test]
fn keeping_less_changes_no_finding_and_no_score() {
    let dir = tempfile::tempdir().unwrap();
    practice::synth::write_library(dir.path(), CRITERIA, 300, 11).unwrap();
    // Some errors too, so findings are compared, not just their absence.
    std::fs::write(dir.path().join("practices/stray.toml"), "x = 1").unwrap();
    let broken = std::fs::read_dir(dir.path().join("practices"))
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    std::fs::write(broken.join("evidence.yaml"), "rows: [{id: e1}]\n").unwrap();
    let criteria = practice::synth::criteria_from_text(CRITERIA).unwrap();

    let everything = library(dir.path(), Keep::Everything, &criteria);
    let findings = |lib: &Library| lib.all_findings().map(|f| f.to_string()).collect::<Vec<_>>();
    assert!(findings(&everything).iter().any(|f| f.contains("evidence.yaml")));
    for keep in [Keep::Scores, Keep::Findings] {
        let lean = library(dir.path(), keep, &criteria);
        assert_eq!(findings(&lean), findings(&everything), "{keep:?}");
        assert_eq!(lean.practices.len(), everything.practices.len());
    }

    let scores = library(dir.path(), Keep::Scores, &criteria);
    let summary = |lib: &Library| {
        score_library(lib, &criteria)
            .iter()
            .map(|p| {
                let score = p.score.as_ref();
                (
                    p.entry.slug.clone(),
                    p.entry.name().to_string(),
                    p.entry.phase(),
                    p.total(),
                    score.map(|s| (s.complete, s.band.map(|b| b.key.clone()), s.missing().count())),
                    score.map(|s| s.criteria.iter().map(|c| c.score).collect::<Vec<_>>()),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(summary(&scores), summary(&everything));
    // And it does keep less.
    let text = |lib: &Library| -> usize {
        lib.practices
            .iter()
            .filter_map(|p| p.practice.as_ref())
            .map(|p| p.value.description.values().map(String::len).sum::<usize>())
            .sum()
    };
    assert!(text(&everything) > 100_000);
    assert_eq!(text(&scores), 0);
    assert!(library(dir.path(), Keep::Findings, &criteria)
        .practices
        .iter()
        .all(|p| p.practice.is_none()));
}
