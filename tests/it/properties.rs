//! Property tests: the loaders never panic, whatever the bytes; scores stay within 0–1 and never drop when an
//! answer improves; user text in a rendered sheet stays text. Random input here complements the coverage-guided fuzzing in `fuzz/` (see BENCHMARKS.md);
//! both drive `testkit::robustness::exercise`, and every input that ever crashed it is kept in
//! `tests/fixtures/fuzz-regressions/` and replayed by `fuzz_regressions_stay_fixed`.

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;

use practice::diagnostic::{LineIndex, Location};
use practice::load::source::Format;
use practice::model::criteria::Criteria;
use practice::model::{Answer, Assessment};
use practice::scoring::{self, AnswerState};
use testkit::robustness::{check_score, exercise, split_input, FileKind};
use testkit::synth;

const KINDS: [FileKind; 4] = [
    FileKind::Practice,
    FileKind::Evidence,
    FileKind::Assessment,
    FileKind::Criteria,
];

fn load(path: &Path) -> Criteria {
    Criteria::load(path).unwrap_or_else(|f| panic!("{}: {f:#?}", path.display()))
}

/// The bundled criteria and every fixture, so properties hold for other organisations' models too.
fn all_criteria() -> &'static [Criteria] {
    static ALL: OnceLock<Vec<Criteria>> = OnceLock::new();
    ALL.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut all = vec![load(&root.join("criteria.toml"))];
        let mut fixtures: Vec<_> = std::fs::read_dir(root.join("tests/fixtures/criteria"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        fixtures.sort();
        all.extend(fixtures.iter().map(|p| load(p)));
        all
    })
}

fn bundled() -> &'static Criteria {
    &all_criteria()[0]
}

/// Valid files of every kind, in both formats, from the synthetic generator.
fn seeds() -> &'static [(FileKind, Format, String)] {
    static SEEDS: OnceLock<Vec<(FileKind, Format, String)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut out = Vec::new();
        for index in 0..40 {
            for (path, text) in synth::practice(bundled(), 5, index, 40).files {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let format = Format::from_path(&path).unwrap();
                let kind = if name.starts_with("practice.") {
                    FileKind::Practice
                } else if name.starts_with("evidence.") {
                    FileKind::Evidence
                } else {
                    FileKind::Assessment
                };
                out.push((kind, format, text));
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        out.push((
            FileKind::Criteria,
            Format::Toml,
            std::fs::read_to_string(root.join("criteria.toml")).unwrap(),
        ));
        out.push((
            FileKind::Criteria,
            Format::Yaml,
            std::fs::read_to_string(root.join("tests/fixtures/criteria/socialstyrelsen.yaml")).unwrap(),
        ));
        out
    })
}

/// One edit of a byte string.
#[derive(Clone, Debug)]
enum Edit {
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Replace(usize, u8),
    Duplicate(usize, usize),
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for edit in edits {
        let len = bytes.len().max(1);
        match edit {
            Edit::Insert(at, piece) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, piece.iter().copied());
            }
            Edit::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                if at < end {
                    bytes.drain(at..end);
                }
            }
            Edit::Replace(at, byte) => {
                if !bytes.is_empty() {
                    let at = at % bytes.len();
                    bytes[at] = *byte;
                }
            }
            Edit::Duplicate(at, n) => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                if at < end {
                    let piece = bytes[at..end].to_vec();
                    bytes.splice(at..at, piece);
                }
            }
        }
    }
    bytes
}

/// Bytes that matter to TOML and YAML parsers, so random edits hit syntax rather than text.
fn syntax_piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(
            prop::sample::select(b"[]{}:,-=\"'#&*!|>?.\n\r\t \\0aZ9\xC3\xA6\xFF\x00\xEF\xBB\xBF".to_vec()),
            1..8
        ),
        prop::sample::select(vec![
            b"\n- ".to_vec(),
            b": &a ".to_vec(),
            b" *a".to_vec(),
            b"!!str ".to_vec(),
            b"\n---\n".to_vec(),
            b"[[rows]]\n".to_vec(),
            b"\"\"\"".to_vec(),
            b"2019-01-01T00:00:00Z".to_vec(),
            b"nan".to_vec(),
            b"{ answer = ".to_vec(),
            b"\nanswers:\n  \"1\": ".to_vec(),
        ]),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), syntax_piece()).prop_map(|(at, piece)| Edit::Insert(at, piece)),
        (any::<usize>(), 1..40usize).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::Replace(at, b)),
        (any::<usize>(), 1..200usize).prop_map(|(at, n)| Edit::Duplicate(at, n)),
    ]
}

fn kind() -> impl Strategy<Value = FileKind> {
    prop::sample::select(KINDS.to_vec())
}

fn format() -> impl Strategy<Value = Format> {
    prop::sample::select(vec![Format::Toml, Format::Yaml])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Arbitrary bytes: never a panic, and every finding names the file.
    #[test]
    fn loaders_never_panic_on_arbitrary_bytes(kind in kind(), format in format(),
                                              bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        exercise(kind, format, &bytes, bundled());
    }

    /// Text made of the characters parsers care about.
    #[test]
    fn loaders_never_panic_on_syntax_soup(kind in kind(), format in format(),
                                          text in "[\\[\\]{}:,\\-=\"'#&*!|>.\\n \\ta-z0-9_æø]{0,400}") {
        exercise(kind, format, text.as_bytes(), bundled());
    }

    /// Valid files of every kind with random edits: mostly-right files are where parsers and checks disagree.
    #[test]
    fn loaders_never_panic_on_damaged_files(seed in 0..10_000usize, edits in prop::collection::vec(edit(), 1..6)) {
        let seeds = seeds();
        let (kind, format, text) = &seeds[seed % seeds.len()];
        let bytes = apply(text.clone().into_bytes(), &edits);
        exercise(*kind, *format, &bytes, bundled());
        // The same bytes read as the other format and as the other kinds.
        let other = if *format == Format::Toml { Format::Yaml } else { Format::Toml };
        exercise(*kind, other, &bytes, bundled());
    }

    /// Locations from the index equal locations from a scan, anywhere in any text.
    #[test]
    fn line_index_matches_a_scan(text in "(\\PC|\\n|\\r){0,300}", offsets in prop::collection::vec(0..400usize, 1..20)) {
        let index = LineIndex::new(&text);
        for offset in offsets {
            prop_assert_eq!(index.locate(&text, offset), Location::of_offset(&text, offset));
        }
    }
}

/// For each question: an option (by index), «ikke relevant», missing, or an invalid key.
#[derive(Clone, Debug)]
enum Choice {
    Option(usize),
    NotApplicable,
    Missing,
    Invalid,
}

fn choice() -> impl Strategy<Value = Choice> {
    prop_oneof![
        6 => (0..8usize).prop_map(Choice::Option),
        1 => Just(Choice::NotApplicable),
        1 => Just(Choice::Missing),
        1 => Just(Choice::Invalid),
    ]
}

fn assessment_of(criteria: &Criteria, choices: &[Choice]) -> Assessment {
    let mut assessment = Assessment::default();
    for (question, choice) in criteria.questions().zip(choices.iter().cycle()) {
        let key = match choice {
            Choice::Option(i) => question.scale.options[i % question.scale.options.len()].key.clone(),
            Choice::NotApplicable => match criteria.not_applicable_key() {
                Some(key) => key.to_string(),
                None => continue,
            },
            Choice::Missing => continue,
            Choice::Invalid => "ugyldig".to_string(),
        };
        assessment.answers.insert(
            question.question.id.clone(),
            Answer {
                answer: key,
                ..Answer::default()
            },
        );
    }
    assessment
}

/// The points an option is worth for a question, after reversal.
fn effective(question: &practice::model::criteria::QuestionRef<'_>, key: &str) -> f64 {
    let scale = question.scale;
    let points = scale.option(key).map_or(0.0, |o| o.points);
    if question.question.reverse {
        scale.max_points() + scale.min_points() - points
    } else {
        points
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Every score is within 0–1; a class only for complete assessments; complete means every question validly
    /// answered.
    #[test]
    fn scores_stay_within_bounds(which in 0..5usize, choices in prop::collection::vec(choice(), 1..60)) {
        let criteria = &all_criteria()[which % all_criteria().len()];
        let assessment = assessment_of(criteria, &choices);
        check_score(criteria, &assessment);
        let score = scoring::score(criteria, &assessment);
        let valid = score
            .questions
            .iter()
            .all(|q| matches!(q.answer, AnswerState::Option(_) | AnswerState::NotApplicable));
        prop_assert_eq!(score.complete, valid);
        prop_assert!(score.band.is_none() || score.complete);
    }

    /// Improving one answer (to an option worth more points for that question) never lowers its criterion's
    /// score or the total.
    #[test]
    fn a_better_answer_never_lowers_a_score(which in 0..5usize, choices in prop::collection::vec(choice(), 1..60),
                                            pick in any::<usize>(), better in any::<usize>()) {
        let criteria = &all_criteria()[which % all_criteria().len()];
        let before = assessment_of(criteria, &choices);
        let answered: Vec<_> = criteria
            .questions()
            .filter(|q| before.answers.get(&q.question.id).is_some_and(|a| q.scale.option(&a.answer).is_some()))
            .collect();
        prop_assume!(!answered.is_empty());
        let question = &answered[pick % answered.len()];
        let current = effective(question, &before.answers[&question.question.id].answer);
        let improvements: Vec<&str> = question
            .scale
            .options
            .iter()
            .map(|o| o.key.as_str())
            .filter(|key| effective(question, key) > current)
            .collect();
        prop_assume!(!improvements.is_empty());
        let mut after = before.clone();
        after.answers.insert(
            question.question.id.clone(),
            Answer { answer: improvements[better % improvements.len()].to_string(), ..Answer::default() },
        );
        let (old, new) = (scoring::score(criteria, &before), scoring::score(criteria, &after));
        let c = question.criterion;
        let (old_c, new_c) = (old.criteria[c].score.unwrap(), new.criteria[c].score.unwrap());
        prop_assert!(new_c > old_c - 1e-12, "criterion {} fell from {} to {}", old.criteria[c].id, old_c, new_c);
        let (old_t, new_t) = (old.total.unwrap(), new.total.unwrap());
        prop_assert!(new_t > old_t - 1e-12, "total fell from {} to {}", old_t, new_t);
        if criteria.criteria[c].weight > 0.0 && question.question.weight > 0.0 {
            prop_assert!(new_c > old_c, "criterion {} did not rise", old.criteria[c].id);
        }
    }
}

/// Inputs that once crashed or hung `exercise` (found by fuzzing), replayed on every test run. The file name's
/// first word is the kind (`practice`, `evidence`, `assessment`, `criteria`); the first byte of the content picks
/// the format, as in the fuzz targets.
#[test]
fn fuzz_regressions_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(target) = ["render_files", "render_structured"]
            .into_iter()
            .find(|t| name.starts_with(t))
        {
            let data = std::fs::read(entry.path()).unwrap();
            if let Err(problem) = render_checks::check_fuzz_input(target, &data, all_criteria()) {
                panic!("{name}: {problem}");
            }
            count += 1;
            continue;
        }
        let kind = match name.split(['-', '_', '.']).next() {
            Some("practice") => FileKind::Practice,
            Some("evidence") => FileKind::Evidence,
            Some("assessment") => FileKind::Assessment,
            Some("criteria") => FileKind::Criteria,
            _ => continue,
        };
        let data = std::fs::read(entry.path()).unwrap();
        let (format, bytes) = split_input(&data);
        exercise(kind, format, bytes, bundled());
        count += 1;
    }
    assert!(count > 0, "no regression inputs in {}", dir.display());
}

/// Every generated seed file is valid on its own (so the damaged variants start from something real).
#[test]
fn seeds_are_valid() {
    for (kind, format, text) in seeds() {
        let findings = exercise(*kind, *format, text.as_bytes(), bundled());
        let errors: Vec<String> = findings
            .iter()
            .filter(|f| f.is_error() && f.code != "unknown-evidence")
            .map(|f| f.to_string())
            .collect();
        assert!(errors.is_empty(), "{kind:?} {format:?}: {errors:#?}");
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The renderer: whatever user text holds, it stays text (see testkit/src/render_checks.rs, shared with the
// render fuzz targets).

use testkit::render_checks;

fn free_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(render_checks::HOSTILE).prop_map(str::to_string),
            1 => "[a-zA-Z0-9æøå ]{1,6}",
            1 => "\\PC{1,3}",
        ],
        0..6,
    )
    .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// A whole sheet, its chart and the index, for a practice full of hostile text: no raw HTML, no foreign image or
    /// link, tables keep their shape, and the structure is that of the same practice with plain text.
    #[test]
    fn user_text_never_changes_a_sheets_structure(which in 0..16usize,
                                                  texts in prop::collection::vec(free_text(), 1..12),
                                                  choices in prop::collection::vec(any::<u8>(), 0..200),
                                                  other in free_text()) {
        let criteria = &all_criteria()[which % all_criteria().len()];
        let entry = render_checks::entry_from(criteria, &texts, &choices);
        if let Err(problem) = render_checks::check_practice(criteria, &entry, &render_checks::other_names(&other)) {
            return Err(TestCaseError::fail(problem));
        }
    }
}
