//! Tests of grading, the stored format, writing and comparing. Declared `#[cfg(test)]` in mod.rs; they write
//! files in temporary folders, which the file-safety test allows after that marker.

use std::fs;
use std::path::PathBuf;

use super::stored::{fixed, quoted};
use super::*;
use crate::model::{Assessment, SCORE_FILE};

const CRITERIA: &str = r#"
        id = "t"
        version = "1"
        title = "Test"
        [not_applicable]
        key = "na"
        label = "N/A"
        [scales.yn]
        not_applicable = true
        options = [{ key = "ja", label = "Ja", points = 1 }, { key = "nei", label = "Nei", points = 0 }]
        [classification]
        judgement_zone = { from = 0.4, to = 0.6 }
        bands = [{ key = "lovende", label = "L", min = 0.0 }, { key = "god", label = "G", min = 0.5 }]
        [[criteria]]
        id = "a"
        label = "A"
        scale = "yn"
        [[criteria.questions]]
        id = "1"
        text = "Spørsmål én"
        [[criteria.questions]]
        id = "2"
        text = "Spørsmål to"
        [[criteria.questions]]
        id = "3"
        text = "Spørsmål tre"
"#;

fn criteria(text: &str) -> Criteria {
    Criteria::from_toml_str(text).unwrap_or_else(|f| panic!("{f:#?}"))
}

fn assessment(answers: &[(&str, &str)]) -> Assessment {
    Assessment::with_answers(answers.iter().copied())
}

fn stored(c: &Criteria, a: &Assessment) -> StoredGrade {
    let score = scoring::score(c, a);
    StoredGrade::new(c, &criteria_fingerprint(c), "assessment.toml", a, &score)
}

#[test]
fn sha256_matches_the_standard_test_vector() {
    assert_eq!(
        sha256(b"abc"),
        "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn rendered_grade_is_fixed_format_and_parses_back() {
    let c = criteria(CRITERIA);
    let a = assessment(&[("1", "ja"), ("2", "nei"), ("3", "ja"), ("9", "ja")]);
    let grade = stored(&c, &a);
    let text = grade.render();
    assert!(text.starts_with(GENERATED_MARKER));
    assert!(text.contains("\ntotal = 0.666667\n"), "{text}");
    assert!(text.contains("\nclass = \"god\"\n"));
    assert!(text.contains("\njudgement_zone = false\n"));
    assert!(text.contains("\norphans = [\"9\"]\n"));
    assert!(text.contains("\npoints = 2.000000\n"));
    let parsed = StoredGrade::parse(&text).unwrap();
    assert_eq!(parsed, grade);
    // Rendering what was parsed gives the same bytes: a second regrade writes nothing.
    assert_eq!(parsed.render(), text);
}

#[test]
fn incomplete_grade_has_no_class_and_lists_missing_questions() {
    let c = criteria(CRITERIA);
    let a = assessment(&[("1", "ja"), ("3", "kanskje")]);
    let grade = stored(&c, &a);
    assert_eq!(grade.grade.class, None);
    assert!(!grade.grade.complete);
    assert_eq!(grade.grade.missing, ["2", "3"]);
    let text = grade.render();
    assert!(!text.contains("class ="));
    assert!(text.contains("missing = [\"2\", \"3\"]"));
}

#[test]
fn strings_are_escaped_for_toml() {
    assert_eq!(quoted("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    let parsed: toml::Value = toml::from_str(&format!("x = {}", quoted("ø \"q\" \u{1}"))).unwrap();
    assert_eq!(parsed["x"].as_str(), Some("ø \"q\" \u{1}"));
}

#[test]
fn fixed_never_prints_negative_zero() {
    assert_eq!(fixed(-0.0), "0.000000");
    assert_eq!(fixed(-0.0000001), "0.000000");
    assert_eq!(fixed(-0.5), "-0.500000");
    assert_eq!(fixed(2.0 / 3.0), "0.666667");
}

#[test]
fn criteria_fingerprint_ignores_prose_but_not_grades() {
    let base = criteria_fingerprint(&criteria(CRITERIA));
    let reworded = criteria(
        &CRITERIA
            .replace("Spørsmål én", "Første spørsmål")
            .replace("title = \"Test\"", "title = \"X\""),
    );
    assert_eq!(criteria_fingerprint(&reworded), base);
    let threshold = criteria(&CRITERIA.replace("min = 0.5", "min = 0.6"));
    assert_ne!(criteria_fingerprint(&threshold), base);
    let version = criteria(&CRITERIA.replace("version = \"1\"", "version = \"2\""));
    assert_ne!(criteria_fingerprint(&version), base);
    let reversed = criteria(&CRITERIA.replace("text = \"Spørsmål tre\"", "text = \"Spørsmål tre\"\nreverse = true"));
    assert_ne!(criteria_fingerprint(&reversed), base);
}

#[test]
fn assessment_fingerprint_covers_answers_only() {
    let a = assessment(&[("1", "ja"), ("2", "nei")]);
    let mut noted = a.clone();
    noted.justification = Some("Ny begrunnelse".into());
    if let Some(answer) = noted.answers.get_mut("1") {
        answer.note = Some("notat".into());
    }
    assert_eq!(assessment_fingerprint(&a), assessment_fingerprint(&noted));
    let changed = assessment(&[("1", "ja"), ("2", "ja")]);
    assert_ne!(assessment_fingerprint(&a), assessment_fingerprint(&changed));
}

#[test]
fn class_moves_follow_band_thresholds() {
    assert_eq!(
        ClassMove::of(Some(("god", Some(0.5))), Some(("god", Some(0.6)))),
        ClassMove::Same
    );
    assert_eq!(
        ClassMove::of(Some(("lovende", Some(0.0))), Some(("god", Some(0.5)))),
        ClassMove::Up
    );
    assert_eq!(
        ClassMove::of(Some(("god", Some(0.5))), Some(("lovende", Some(0.0)))),
        ClassMove::Down
    );
    assert_eq!(ClassMove::of(Some(("god", Some(0.5))), None), ClassMove::Lost);
    assert_eq!(ClassMove::of(None, Some(("god", Some(0.5)))), ClassMove::Gained);
    assert_eq!(
        ClassMove::of(Some(("gammel", None)), Some(("god", Some(0.5)))),
        ClassMove::Other
    );
    assert_eq!(ClassMove::of(None, None), ClassMove::Same);
}

#[test]
fn criteria_spec_is_a_file_when_one_exists_else_a_revision() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.toml");
    fs::write(&file, "").unwrap();
    let existing = file.to_string_lossy().into_owned();
    assert_eq!(CriteriaSpec::parse(&existing), CriteriaSpec::File(file));
    assert_eq!(
        CriteriaSpec::parse("HEAD~1:criteria.toml"),
        CriteriaSpec::Revision {
            rev: "HEAD~1".into(),
            path: "criteria.toml".into()
        }
    );
    assert_eq!(
        CriteriaSpec::parse("criteria.toml"),
        CriteriaSpec::File("criteria.toml".into())
    );
    assert_eq!(
        CriteriaSpec::parse("--output=x:y"),
        CriteriaSpec::File("--output=x:y".into())
    );
    assert_eq!(
        CriteriaSpec::parse(":criteria.toml"),
        CriteriaSpec::File(":criteria.toml".into())
    );
}

fn library_with(answers: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let practice = dir.path().join("a-practice");
    fs::create_dir(&practice).unwrap();
    fs::write(practice.join("assessment.toml"), answers).unwrap();
    (dir, practice)
}

#[test]
fn regrade_writes_once_then_finds_nothing_to_change() {
    let c = criteria(CRITERIA);
    let (dir, practice) = library_with("[answers]\n\"1\" = \"ja\"\n\"2\" = \"ja\"\n\"3\" = \"nei\"\n");
    let library = load_assessments(dir.path(), &[], &()).unwrap();
    let mut changes = regrade_library(&library, &c, &());
    assert_eq!(changes[0].status, Status::New);
    assert_eq!(changes[0].stale, [Stale::Missing]);
    let applied = apply(&mut changes, &());
    assert_eq!(applied.created, 1);
    let text = fs::read_to_string(practice.join(SCORE_FILE)).unwrap();
    assert!(text.contains("class = \"god\""), "{text}");

    let again = regrade_library(&load_assessments(dir.path(), &[], &()).unwrap(), &c, &());
    assert_eq!(again[0].status, Status::Unchanged);
    assert!(!again[0].needs_attention());

    // The same answers against a raised threshold: the class moves down, and the criteria are stale.
    let raised = criteria(
        &CRITERIA
            .replace("min = 0.5", "min = 0.7")
            .replace("version = \"1\"", "version = \"2\""),
    );
    let moved = regrade_library(&load_assessments(dir.path(), &[], &()).unwrap(), &raised, &());
    assert_eq!(moved[0].status, Status::Changed);
    assert_eq!(moved[0].class_move, ClassMove::Down);
    assert!(matches!(
        &moved[0].stale[..],
        [Stale::Criteria {
            version_not_bumped: false,
            ..
        }]
    ));
}

#[test]
fn a_write_that_fails_marks_the_practice_and_leaves_no_temp_file() {
    let c = criteria(CRITERIA);
    let (dir, practice) = library_with("[answers]\n\"1\" = \"ja\"\n");
    let library = load_assessments(dir.path(), &[], &()).unwrap();
    let mut changes = regrade_library(&library, &c, &());
    // The folder disappears between grading and writing.
    fs::remove_dir_all(&practice).unwrap();
    let applied = apply(&mut changes, &());
    assert_eq!(applied.failed, 1);
    assert_eq!(changes[0].status, Status::Failed);
    assert!(changes[0]
        .problem
        .as_deref()
        .unwrap_or("")
        .starts_with("cannot store the grade"));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn hand_written_and_unparsable_files_are_not_graded() {
    let c = criteria(CRITERIA);
    let (dir, practice) = library_with("[answers]\n\"1\" = \"ja\"\n");
    fs::write(practice.join(SCORE_FILE), "total = 1\n").unwrap();
    let changes = regrade_library(&load_assessments(dir.path(), &[], &()).unwrap(), &c, &());
    assert_eq!(changes[0].status, Status::Failed);
    assert!(changes[0].problem.as_deref().unwrap_or("").contains("hand-written"));

    fs::remove_file(practice.join(SCORE_FILE)).unwrap();
    fs::write(practice.join("assessment.toml"), "[answers\n").unwrap();
    let changes = regrade_library(&load_assessments(dir.path(), &[], &()).unwrap(), &c, &());
    assert_eq!(changes[0].status, Status::Failed);
    assert!(changes[0].problem.as_deref().unwrap_or("").contains("assessment.toml"));
    assert!(changes[0].new.is_none());
}

#[test]
fn an_empty_or_nul_stored_grade_is_rewritten_not_refused() {
    // What an unsynced write can leave after a power loss: nothing to lose, so `--check` reports it and regrade
    // rewrites it. Without an assessment it is left alone; a file with any other content is never replaced.
    let c = criteria(CRITERIA);
    for debris in [&b""[..], &[0u8; 300][..]] {
        let (dir, practice) = library_with("[answers]\n\"1\" = \"ja\"\n");
        fs::write(practice.join(SCORE_FILE), debris).unwrap();
        let mut changes = regrade_library(&load_assessments(dir.path(), &[], &()).unwrap(), &c, &());
        assert_eq!(changes[0].status, Status::Changed);
        assert!(changes[0].needs_attention());
        assert!(matches!(&changes[0].stale[..], [Stale::Unreadable { message }] if message.starts_with("empty")));
        let applied = apply(&mut changes, &());
        assert_eq!((applied.updated, applied.failed), (1, 0));
        let text = fs::read_to_string(practice.join(SCORE_FILE)).unwrap();
        assert!(text.starts_with(GENERATED_MARKER), "{text}");

        fs::write(practice.join(SCORE_FILE), debris).unwrap();
        fs::remove_file(practice.join("assessment.toml")).unwrap();
        let mut changes = regrade_library(&load_assessments(dir.path(), &[], &()).unwrap(), &c, &());
        assert_eq!(changes[0].status, Status::NotAssessed);
        apply(&mut changes, &());
        assert_eq!(fs::read(practice.join(SCORE_FILE)).unwrap(), debris);
    }
    let (dir, practice) = library_with("[answers]\n\"1\" = \"ja\"\n");
    fs::write(practice.join(SCORE_FILE), b"\0\0 \n").unwrap();
    let changes = regrade_library(&load_assessments(dir.path(), &[], &()).unwrap(), &c, &());
    assert_eq!(changes[0].status, Status::Failed);
}

#[test]
fn compare_follows_renames_and_reports_orphans() {
    let old = criteria(CRITERIA);
    let new = criteria(
        &CRITERIA
            .replace(
                "id = \"3\"\n        text = \"Spørsmål tre\"",
                "id = \"3b\"\n        replaces = \"3\"\n        text = \"Spørsmål tre\"",
            )
            .replace(
                "        [[criteria.questions]]\n        id = \"2\"\n        text = \"Spørsmål to\"\n",
                "",
            ),
    );
    let (dir, _) = library_with("[answers]\n\"1\" = \"ja\"\n\"2\" = \"nei\"\n\"3\" = \"nei\"\n");
    let library = load_assessments(dir.path(), &[], &()).unwrap();
    let changes = compare_library(&library, &old, &new, &());
    let change = &changes[0];
    assert_eq!(change.notes.orphans, ["2"]);
    assert_eq!(
        change.notes.renamed,
        [Renamed {
            from: "3".into(),
            to: "3b".into()
        }]
    );
    assert!(change.notes.missing.is_empty());
    // 1 of 3 → 1 of 2: the total rises and the class goes up from «lovende» to «god».
    assert_eq!(change.old.as_ref().and_then(|g| g.class.as_deref()), Some("lovende"));
    assert_eq!(change.new.as_ref().and_then(|g| g.class.as_deref()), Some("god"));
    assert_eq!(change.class_move, ClassMove::Up);
}

#[test]
fn generated_marker_is_recognised() {
    assert!(is_generated(b"# Generated by `practice regrade` from ...\n"));
    assert!(!is_generated(b"[criteria]\nid = \"x\"\n"));
    assert!(!is_generated(b""));
}
