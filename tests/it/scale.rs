//! A synthetic library of a few hundred practices through the loader: what a command keeps never changes what it
//! reports. (The benchmarks at 1,000 and 10,000 practices live in `bench/run.sh`; see BENCHMARKS.md.)

use practice::model::criteria::Criteria;
use practice::model::{Keep, Library};
use practice::scoring::{score_library, score_library_summaries, sort_scored, summary_score, ScoredPractice};

const CRITERIA: &str = include_str!("../../criteria.toml");

fn library(dir: &std::path::Path, keep: Keep, criteria: &Criteria) -> Library {
    Library::load_paths_keeping(&dir.join("practices"), &[], &testkit::checks(criteria), keep).unwrap()
}

#[test]
fn keeping_less_changes_no_finding_and_no_score() {
    let dir = tempfile::tempdir().unwrap();
    testkit::synth::write_library(dir.path(), CRITERIA, 300, 11).unwrap();
    // Some errors too, so findings are compared, not just their absence.
    std::fs::write(dir.path().join("practices/stray.toml"), "x = 1").unwrap();
    let broken = std::fs::read_dir(dir.path().join("practices"))
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    std::fs::write(broken.join("evidence.yaml"), "rows: [{id: e1}]\n").unwrap();
    let criteria = testkit::synth::criteria_from_text(CRITERIA).unwrap();

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

#[test]
fn grading_while_loading_reports_what_grading_a_whole_library_reports() {
    let dir = tempfile::tempdir().unwrap();
    testkit::synth::write_library(dir.path(), CRITERIA, 300, 12).unwrap();
    std::fs::write(dir.path().join("practices/stray.toml"), "x = 1").unwrap();
    let first = std::fs::read_dir(dir.path().join("practices"))
        .unwrap()
        .flatten()
        .find(|e| e.path().is_dir())
        .unwrap()
        .path();
    std::fs::write(first.join("assessment.toml"), "answers = 3\n").unwrap();
    let criteria = testkit::synth::criteria_from_text(CRITERIA).unwrap();
    let root = dir.path().join("practices");
    let everything = library(dir.path(), Keep::Everything, &criteria);
    let checks = testkit::checks(&criteria);
    for keep in [Keep::Graded, Keep::GradedListing] {
        let (graded, summaries) = Library::load_paths_mapped(&root, &[], &checks, keep, |entry| {
            entry
                .assessment
                .as_ref()
                .map(|a| summary_score(&criteria, entry, &a.value))
        })
        .unwrap();
        let mut rows: Vec<ScoredPractice> = graded
            .practices
            .iter()
            .zip(summaries)
            .map(|(entry, score)| ScoredPractice { entry, score })
            .collect();
        sort_scored(&mut rows);
        let row = |p: &ScoredPractice| {
            let score = p.score.as_ref();
            format!(
                "{} {} {:?} {:?} {:?} {:?} {:?}",
                p.entry.slug,
                p.entry.name(),
                p.entry.phase(),
                p.total(),
                score.map(|s| (s.complete, s.in_judgement_zone, s.band.map(|b| b.key.clone()))),
                score.map(|s| s.missing().map(|q| (q.id, q.answer.clone())).collect::<Vec<_>>()),
                score.map(|s| s
                    .criteria
                    .iter()
                    .map(|c| (c.id, c.score, c.points, c.max_points))
                    .collect::<Vec<_>>()),
            )
        };
        let expected: Vec<String> = score_library_summaries(&everything, &criteria)
            .iter()
            .map(row)
            .collect();
        assert_eq!(rows.iter().map(row).collect::<Vec<_>>(), expected, "{keep:?}");
        assert!(expected
            .iter()
            .any(|r| r.contains("Some(false)") || r.contains("(false,")));
        let errors = |lib: &Library| {
            lib.all_findings()
                .filter(|f| f.is_error())
                .map(|f| f.to_string())
                .collect::<Vec<_>>()
        };
        assert!(!errors(&everything).is_empty());
        assert_eq!(errors(&graded), errors(&everything), "{keep:?}");
        assert!(graded.all_findings().all(|f| f.is_error()));
        assert_eq!(graded.error_count(), everything.error_count());
        // The answers are gone; the tags only where listed.
        assert!(graded
            .practices
            .iter()
            .filter_map(|p| p.assessment.as_ref())
            .all(|a| a.value.answers.is_empty()));
        let tags = graded
            .practices
            .iter()
            .filter_map(|p| p.practice.as_ref())
            .any(|p| !p.value.tags.is_empty());
        assert_eq!(tags, keep == Keep::GradedListing);
    }
}

#[test]
fn regrading_while_loading_finds_the_changes_of_a_whole_load() {
    let dir = tempfile::tempdir().unwrap();
    testkit::synth::write_library(dir.path(), CRITERIA, 200, 13).unwrap();
    let criteria = testkit::synth::criteria_from_text(CRITERIA).unwrap();
    let root = dir.path().join("practices");
    let whole = practice::regrade::load_assessments(&root, &[], &()).unwrap();
    let expected = serde_json::to_string(&practice::regrade::regrade_library(&whole, &criteria, &())).unwrap();
    let (streamed, changes) = practice::regrade::load_and_regrade(&root, &[], &criteria, true, &()).unwrap();
    assert_eq!(serde_json::to_string(&changes).unwrap(), expected);
    assert!(changes.iter().any(|c| c.text.is_some()));
    let texts = |c: &[practice::regrade::PracticeChange]| c.iter().map(|c| c.text.clone()).collect::<Vec<_>>();
    assert_eq!(
        texts(&changes),
        texts(&practice::regrade::regrade_library(&whole, &criteria, &()))
    );
    let (_, checked) = practice::regrade::load_and_regrade(&root, &[], &criteria, false, &()).unwrap();
    assert_eq!(serde_json::to_string(&checked).unwrap(), expected);
    assert!(checked.iter().all(|c| c.text.is_none()));
    assert_eq!(streamed.practices.len(), whole.practices.len());
    assert!(streamed.practices.iter().all(|p| p.assessment.is_none()));
}

#[test]
fn list_and_agree_keep_what_they_report() {
    use practice::agreement::{self, funnel, kappa::Weighting, ItemSet};
    use practice::filter::{Filter, ListRow};
    use practice::model::Labels;
    use practice::render;

    let dir = tempfile::tempdir().unwrap();
    testkit::synth::write_library(dir.path(), CRITERIA, 150, 12).unwrap();
    let criteria = testkit::synth::criteria_from_text(CRITERIA).unwrap();
    let everything = library(dir.path(), Keep::Everything, &criteria);
    let listing = library(dir.path(), Keep::Listing, &criteria);
    let agreement = library(dir.path(), Keep::Agreement, &criteria);
    let findings = |lib: &Library| lib.all_findings().map(|f| f.to_string()).collect::<Vec<_>>();
    assert_eq!(findings(&listing), findings(&everything));
    assert_eq!(findings(&agreement), findings(&everything));

    // `practice list`: every row, and a filter on a facet.
    let theme = everything
        .practices
        .iter()
        .find_map(|p| p.practice.as_ref()?.value.tags.get("theme")?.first().cloned())
        .unwrap();
    let filter = Filter::parse(&criteria, &[format!("theme={theme}")], None, None, None).unwrap();
    let rows = |lib: &Library| {
        score_library_summaries(lib, &criteria)
            .iter()
            .filter(|p| filter.matches(p))
            .map(|p| serde_json::to_string(&ListRow::new(&criteria, p)).unwrap())
            .collect::<Vec<_>>()
    };
    let listed = rows(&everything);
    assert!(listed.len() > 5 && listed.len() < 150, "{}", listed.len());
    assert_eq!(rows(&listing), listed);
    let full_rows: Vec<String> = score_library(&everything, &criteria)
        .iter()
        .filter(|p| filter.matches(p))
        .map(|p| serde_json::to_string(&ListRow::new(&criteria, p)).unwrap())
        .collect();
    assert_eq!(full_rows, listed);
    // Summaries: the same totals, classes, sub-scores and missing questions as full scores.
    let brief = |scored: Vec<practice::scoring::ScoredPractice>| -> Vec<String> {
        scored
            .iter()
            .map(|p| {
                let score = p.score.as_ref().map(|s| {
                    let missing: Vec<&str> = s.missing().map(|q| q.id).collect();
                    let sub: Vec<Option<f64>> = s.criteria.iter().map(|c| c.score).collect();
                    (s.complete, s.band.map(|b| &b.key), s.in_judgement_zone, missing, sub)
                });
                format!("{} {:?} {:?}", p.entry.slug, p.total(), score)
            })
            .collect()
    };
    let full = brief(score_library(&everything, &criteria));
    assert!(
        full.iter().any(|p| p.contains("Some((false")),
        "some incomplete assessments"
    );
    assert_eq!(brief(score_library_summaries(&listing, &criteria)), full);
    // The knowledge base's index (the first pass of `practice render`).
    let labels = Labels::from_criteria(&criteria);
    let index = |lib: &Library, summaries: bool| {
        let scored = if summaries {
            score_library_summaries(lib, &criteria)
        } else {
            score_library(lib, &criteria)
        };
        render::index_page(&criteria, &labels, &scored)
    };
    assert_eq!(index(&listing, true), index(&everything, false));

    // `practice agree`: every default section and the funnel.
    let report = |lib: &Library| {
        let subjects = agreement::default_subjects(lib, &criteria);
        assert!(subjects.len() > 1, "{subjects:?}");
        let mut out: Vec<String> = subjects
            .iter()
            .map(|subject| {
                let set = ItemSet::collect(lib, &criteria, subject).unwrap();
                serde_json::to_string(&agreement::analyse(&set, Weighting::Linear)).unwrap()
            })
            .collect();
        out.push(serde_json::to_string(&funnel::funnel(lib, &criteria)).unwrap());
        out
    };
    let agreed = report(&everything);
    assert!(
        agreed.iter().any(|s| s.contains("\"note\"")),
        "the agenda shows the assessors' notes"
    );
    assert_eq!(report(&agreement), agreed);

    // And both keep less than everything.
    let text = |lib: &Library| -> usize {
        lib.practices
            .iter()
            .map(|p| {
                p.practice
                    .as_ref()
                    .map_or(0, |p| p.value.description.values().map(String::len).sum())
                    + p.evidence.as_ref().map_or(0, |e| e.value.rows.len())
                    + p.assessment.as_ref().map_or(0, |a| a.value.justifications.len())
            })
            .sum()
    };
    assert!(text(&everything) > 100_000);
    assert_eq!(text(&listing), 0);
    assert_eq!(text(&agreement), 0);
}

#[test]
fn render_reloading_each_sheet_writes_what_a_whole_library_writes() {
    use practice::render::{self, SheetContent};

    let dir = tempfile::tempdir().unwrap();
    testkit::synth::write_library(dir.path(), CRITERIA, 80, 13).unwrap();
    let criteria = testkit::synth::criteria_from_text(CRITERIA).unwrap();
    let everything = library(dir.path(), Keep::Everything, &criteria);
    let listing = library(dir.path(), Keep::Listing, &criteria);
    let scored = score_library(&everything, &criteria);
    let whole = dir.path().join("whole");
    let summary = render::render(&whole, &criteria, &scored, Some(&scored), false).unwrap();
    assert!(summary.created > 80, "{summary:?}");

    let lean = score_library_summaries(&listing, &criteria);
    let reloaded = dir.path().join("reloaded");
    let root = dir.path().join("practices");
    let load = |entry: &practice::model::PracticeEntry| {
        practice::validate::load_practice_checked(&entry.dir, &root, &testkit::checks(&criteria))
    };
    let again = render::render_with(
        &reloaded,
        &criteria,
        &lean,
        Some(&lean),
        false,
        SheetContent::Reload(&load),
    )
    .unwrap();
    assert_eq!(again, summary);
    let mut names: Vec<_> = std::fs::read_dir(&whole)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names.len(), summary.created);
    for name in names {
        assert_eq!(
            std::fs::read(whole.join(&name)).unwrap(),
            std::fs::read(reloaded.join(&name)).unwrap(),
            "{name:?}"
        );
    }
}
