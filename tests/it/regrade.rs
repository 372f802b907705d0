//! `practice regrade`: stored grades, `--check`, `--dry-run`, `--compare` (files and git revisions).
//!
//! Each test copies the bundled criteria and practices into a temporary folder and works there.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde_json::Value;
use testkit::Lib;

const DRAFT: &str = "tests/fixtures/criteria/imdi-2019-draft.toml";

/// The bundled practices with an assessment.
const ASSESSED: [&str; 9] = [
    "back-to-school-midt-telemark",
    "festesona-nav-alna",
    "jobbsentralen-nav-asker",
    "nye-monstre-nav-grimstad",
    "oygarden-modellen",
    "ressurstrappa-levanger",
    "skolekompasset-nav-grunerlokka",
    "sprakpraksis-grimstad",
    "ssa-sprakombud-nav-frogner",
];

/// A temporary workspace: criteria.toml and the bundled assessed practices, without stored grades.
fn workspace() -> Lib {
    let lib = Lib::new().bundled(&ASSESSED);
    for slug in ASSESSED {
        let stored = score_path(lib.path(), slug);
        if stored.exists() {
            fs::remove_file(stored).unwrap();
        }
    }
    lib
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let run = testkit::run_in(dir, args);
    (run.code, run.stdout, run.stderr)
}

fn json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let (code, stdout, stderr) = run(dir, args);
    let value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}\n{stderr}"));
    (code, value)
}

fn score_path(dir: &Path, slug: &str) -> PathBuf {
    dir.join("practices").join(slug).join("score.toml")
}

fn stored(dir: &Path, slug: &str) -> toml::Table {
    toml::from_str(&fs::read_to_string(score_path(dir, slug)).unwrap()).unwrap()
}

fn stored_class(dir: &Path, slug: &str) -> Option<String> {
    stored(dir, slug)["grade"]
        .get("class")
        .and_then(|c| c.as_str())
        .map(str::to_string)
}

fn slugs(value: &Value) -> BTreeSet<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

fn practice_entry<'a>(report: &'a Value, slug: &str) -> &'a Value {
    report["practices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == slug)
        .unwrap_or_else(|| panic!("no {slug} in the report"))
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(temp_files(&path));
        } else if path.to_string_lossy().ends_with(".tmp") {
            found.push(path);
        }
    }
    found
}

fn set_criteria_version(dir: &Path, version: &str) {
    let path = dir.join("criteria.toml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replace("version = \"2018.2\"", &format!("version = \"{version}\"")),
    )
    .unwrap();
}

#[test]
fn regrade_writes_stored_grades_and_check_then_passes() {
    let dir = workspace();
    let (code, _, stderr) = run(dir.path(), &["regrade", "--check"]);
    assert_eq!(code, 1, "no stored grades yet: {stderr}");
    assert!(stderr.contains("9 stored grades missing"), "{stderr}");

    let (code, report) = json(dir.path(), &["regrade", "--format", "json"]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["mode"], "regrade");
    assert_eq!(report["summary"]["new"], 9);
    assert_eq!(report["written"]["created"], 9);

    // The reference assessment: 69 / 80 / 100 / 67 %, total 79 %, «god».
    let grimstad = stored(dir.path(), "sprakpraksis-grimstad");
    assert_eq!(grimstad["criteria"]["version"].as_str(), Some("2018.2"));
    assert_eq!(grimstad["grade"]["total"].as_float(), Some(0.790278));
    assert_eq!(grimstad["grade"]["class"].as_str(), Some("god"));
    assert_eq!(grimstad["grade"]["complete"].as_bool(), Some(true));
    let scores: Vec<f64> = grimstad["criterion"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["score"].as_float().unwrap())
        .collect();
    assert_eq!(scores, [0.694444, 0.8, 1.0, 0.666667]);
    // Jobbsentralen's assessment is incomplete: no class, the missing questions listed.
    let jobb = stored(dir.path(), "jobbsentralen-nav-asker");
    assert!(jobb["grade"].get("class").is_none());
    assert_eq!(jobb["grade"]["missing"].as_array().unwrap().len(), 2);

    let (code, _, stderr) = run(dir.path(), &["regrade", "--check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn second_regrade_writes_nothing() {
    let dir = workspace();
    assert_eq!(run(dir.path(), &["regrade", "-q"]).0, 0);
    // Push every modification time into the past, so that any rewrite would show.
    let past = SystemTime::now() - Duration::from_secs(3600);
    for slug in ASSESSED {
        fs::File::options()
            .write(true)
            .open(score_path(dir.path(), slug))
            .unwrap()
            .set_modified(past)
            .unwrap();
    }
    let before: Vec<(Vec<u8>, SystemTime)> = ASSESSED
        .iter()
        .map(|slug| {
            let path = score_path(dir.path(), slug);
            (
                fs::read(&path).unwrap(),
                fs::metadata(&path).unwrap().modified().unwrap(),
            )
        })
        .collect();
    let (code, stdout, _) = run(dir.path(), &["regrade"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("nothing to write"), "{stdout}");
    for (slug, (bytes, modified)) in ASSESSED.iter().zip(before) {
        let path = score_path(dir.path(), slug);
        assert_eq!(fs::read(&path).unwrap(), bytes, "{slug}");
        assert_eq!(
            fs::metadata(&path).unwrap().modified().unwrap(),
            modified,
            "{slug} was rewritten"
        );
    }
}

#[test]
fn version_bump_makes_check_fail_and_regrade_restamps() {
    let dir = workspace();
    assert_eq!(run(dir.path(), &["regrade", "-q"]).0, 0);
    let before = fs::read_to_string(score_path(dir.path(), "festesona-nav-alna")).unwrap();
    set_criteria_version(dir.path(), "2018.3");

    let (code, stdout, stderr) = run(dir.path(), &["regrade", "--check"]);
    assert_eq!(code, 1);
    for slug in ASSESSED {
        assert!(stderr.contains(slug), "{slug} not named: {stderr}");
    }
    assert!(stdout.contains("criteria changed (2018.2 → 2018.3)"), "{stdout}");
    // --check wrote nothing.
    assert_eq!(
        fs::read_to_string(score_path(dir.path(), "festesona-nav-alna")).unwrap(),
        before
    );

    let (code, report) = json(dir.path(), &["regrade", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(report["summary"]["restamped"], 9);
    assert_eq!(report["summary"]["changed"], 0);
    assert_eq!(report["written"]["updated"], 9);
    // Only the version and the criteria fingerprint lines differ: the grade itself did not move.
    let after = fs::read_to_string(score_path(dir.path(), "festesona-nav-alna")).unwrap();
    let differing: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(differing.len(), 2, "{differing:?}");
    assert!(differing[0].0.starts_with("version = ") && differing[1].0.starts_with("hash = "));
    assert_eq!(run(dir.path(), &["regrade", "--check"]).0, 0);
}

#[test]
fn changed_criteria_without_a_version_bump_are_stale_and_named() {
    let dir = workspace();
    assert_eq!(run(dir.path(), &["regrade", "-q"]).0, 0);
    let path = dir.path().join("criteria.toml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("min = 0.5\n", "min = 0.6\n")).unwrap();
    let (code, stdout, _) = run(dir.path(), &["regrade", "--check"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("bump `version`"), "{stdout}");
}

#[test]
fn rewording_criteria_or_editing_notes_does_not_make_grades_stale() {
    let dir = workspace();
    assert_eq!(run(dir.path(), &["regrade", "-q"]).0, 0);
    let criteria = dir.path().join("criteria.toml");
    let text = fs::read_to_string(&criteria).unwrap();
    fs::write(
        &criteria,
        text.replace(
            "Er det satt en frist for når målene skal være nådd?",
            "Er det satt en frist for målene?",
        ),
    )
    .unwrap();
    let assessment = dir.path().join("practices/sprakpraksis-grimstad/assessment.toml");
    let text = fs::read_to_string(&assessment).unwrap();
    fs::write(
        &assessment,
        text.replace("Ingen tidsramme for måloppnåelse.", "Ingen tidsramme."),
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["regrade", "--check"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn changed_answer_makes_that_grade_stale_and_regrade_moves_it() {
    let dir = workspace();
    assert_eq!(run(dir.path(), &["regrade", "-q"]).0, 0);
    let assessment = dir.path().join("practices/ssa-sprakombud-nav-frogner/assessment.toml");
    let text = fs::read_to_string(&assessment).unwrap();
    let edited = text.replacen("\"13\" = { answer = \"ja\"", "\"13\" = { answer = \"nei\"", 1);
    assert_ne!(edited, text, "fixture changed: answer 13 of SSA is no longer «ja»");
    fs::write(&assessment, edited).unwrap();

    let (code, report) = json(dir.path(), &["regrade", "--check", "--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(
        slugs(&report["stale"]),
        BTreeSet::from(["ssa-sprakombud-nav-frogner".to_string()])
    );
    let ssa = practice_entry(&report, "ssa-sprakombud-nav-frogner");
    assert_eq!(ssa["stale"][0]["reason"], "assessment");

    let (code, report) = json(dir.path(), &["regrade", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(report["summary"]["changed"], 1);
    assert_eq!(report["summary"]["unchanged"], 8);
    assert_eq!(report["written"]["updated"], 1);
    assert_eq!(run(dir.path(), &["regrade", "--check"]).0, 0);
}

#[test]
fn regrade_against_the_draft_moves_the_expected_classes() {
    let dir = workspace();
    assert_eq!(run(dir.path(), &["regrade", "-q"]).0, 0);
    // The draft without its added question, so the threshold and the weight alone decide.
    let draft = fs::read_to_string(testkit::repo().join(DRAFT)).unwrap();
    let cut = draft.find("  [[criteria.questions]]\n  id = \"22\"").unwrap();
    fs::write(dir.path().join("criteria.toml"), &draft[..cut]).unwrap();

    let (code, stdout, _) = run(dir.path(), &["regrade"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("moved down a class"), "{stdout}");
    // Øygarden (62.1 % → 59.7 %) and SSA (56.0 % → 54.8 %) fall under the raised «god» threshold of 60 %.
    assert_eq!(
        stored_class(dir.path(), "oygarden-modellen").as_deref(),
        Some("lovende")
    );
    assert_eq!(
        stored_class(dir.path(), "ssa-sprakombud-nav-frogner").as_deref(),
        Some("lovende")
    );
    assert_eq!(
        stored_class(dir.path(), "sprakpraksis-grimstad").as_deref(),
        Some("god")
    );
    // Answers to 5c count for its replacement 5d: nothing is missing in complete assessments.
    let grimstad = stored(dir.path(), "sprakpraksis-grimstad");
    assert_eq!(grimstad["grade"]["complete"].as_bool(), Some(true));
    assert_eq!(grimstad["criteria"]["version"].as_str(), Some("2019.1-utkast"));
}

#[test]
fn compare_lists_exactly_the_practices_whose_class_changes() {
    let dir = workspace();
    // Two constructed practices that already answer the draft's new question 22.
    for (from, to, answer) in [
        ("sprakpraksis-grimstad", "grimstad-med-22", "ja"),
        ("oygarden-modellen", "oygarden-med-22", "nei"),
    ] {
        testkit::copy_dir(
            &dir.path().join("practices").join(from),
            &dir.path().join("practices").join(to),
        );
        let assessment = source_file(&dir.path().join("practices").join(to), "assessment");
        let text = fs::read_to_string(&assessment).unwrap();
        let line = if assessment.extension().is_some_and(|e| e == "toml") {
            format!("\"22\" = \"{answer}\"\n")
        } else {
            format!("  \"22\": {answer}\n")
        };
        fs::write(&assessment, format!("{text}{line}")).unwrap();
    }
    let before: Vec<Vec<u8>> = ASSESSED
        .iter()
        .map(|slug| fs::read(source_file(&dir.path().join("practices").join(slug), "assessment")).unwrap())
        .collect();
    let draft = testkit::repo().join(DRAFT);
    let (code, report) = json(
        dir.path(),
        &[
            "regrade",
            "--compare",
            "criteria.toml",
            draft.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["mode"], "compare");
    assert_eq!(report["old_criteria"]["version"], "2018.2");
    assert_eq!(report["criteria"]["version"], "2019.1-utkast");

    // Every complete bundled assessment lacks an answer to 22 and loses its class; Jobbsentralen was incomplete
    // already. Of the constructed ones, Øygarden («nei» on 22) falls under the draft's 60 %, but it was «lovende»
    // already (the bundled floor: Økonomi/ressurser 25 %), and Grimstad stays «god».
    let expected: BTreeSet<String> = ASSESSED
        .iter()
        .filter(|s| **s != "jobbsentralen-nav-asker")
        .map(|s| s.to_string())
        .collect();
    assert_eq!(slugs(&report["class_changes"]), expected);
    let moved: BTreeSet<String> = report["practices"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["class_move"] != "same")
        .map(|p| p["slug"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(moved, expected);
    assert_eq!(practice_entry(&report, "oygarden-med-22")["class_move"], "same");
    assert_eq!(practice_entry(&report, "oygarden-med-22")["new"]["class"], "lovende");
    assert_eq!(practice_entry(&report, "sprakpraksis-grimstad")["class_move"], "lost");
    assert_eq!(practice_entry(&report, "grimstad-med-22")["class_move"], "same");
    assert_eq!(practice_entry(&report, "jobbsentralen-nav-asker")["class_move"], "same");
    assert_eq!(report["summary"]["moved_down"], 0);
    assert_eq!(report["summary"]["lost_class"], 8);

    // Added question: listed as missing. Renamed question: the answer to 5c follows to 5d.
    let grimstad = practice_entry(&report, "sprakpraksis-grimstad");
    assert_eq!(grimstad["notes"]["missing"], serde_json::json!(["22"]));
    assert_eq!(
        grimstad["notes"]["renamed"],
        serde_json::json!([{ "from": "5c", "to": "5d" }])
    );
    assert_eq!(practice_entry(&report, "grimstad-med-22")["new"]["complete"], true);

    // The structural diff names each kind of change.
    let kinds: BTreeSet<String> = report["criteria_diff"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap().to_string())
        .collect();
    for kind in [
        "version",
        "criterion-reweighted",
        "question-renamed",
        "question-reworded",
        "question-added",
        "band-threshold",
        "judgement-zone",
    ] {
        assert!(kinds.contains(kind), "{kind} missing from {kinds:?}");
    }
    // Nothing was written: no stored grades, assessments untouched.
    for (slug, bytes) in ASSESSED.iter().zip(before) {
        assert!(!score_path(dir.path(), slug).exists());
        assert_eq!(
            fs::read(source_file(&dir.path().join("practices").join(slug), "assessment")).unwrap(),
            bytes
        );
    }

    // The table names the same practices as moving class.
    let (code, stdout, _) = run(
        dir.path(),
        &["regrade", "--compare", "criteria.toml", draft.to_str().unwrap()],
    );
    assert_eq!(code, 0);
    assert!(stdout.contains("band god: threshold 50 % → 60 %"), "{stdout}");
    assert!(stdout.contains("question 5c renamed to 5d"), "{stdout}");
    let class_rows: BTreeSet<String> = stdout
        .lines()
        .filter(|l| l.starts_with('|'))
        .filter(|l| l.contains("moved down a class") || l.contains("lost its class") || l.contains("moved up a class"))
        .map(|l| l.trim_matches('|').split('|').next().unwrap().trim().to_string())
        .collect();
    assert_eq!(class_rows, expected);
    // Totals in the one table shape (whole percents, as `score` shows them), classes by their labels.
    let table: String = stdout
        .lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| format!("{l}\n"))
        .collect();
    insta::assert_snapshot!("compare_table", table);
}

#[test]
fn compare_reports_orphaned_answers_and_never_deletes_them() {
    let dir = workspace();
    let criteria = fs::read_to_string(dir.path().join("criteria.toml")).unwrap();
    // Remove question 12 (Resultater): its answers become orphans.
    let start = criteria.find("  [[criteria.questions]]\n  id = \"12\"").unwrap();
    let end = start
        + criteria[start..]
            .find("  [[criteria.questions]]\n  id = \"13\"")
            .unwrap();
    let new =
        format!("{}{}", &criteria[..start], &criteria[end..]).replace("version = \"2018.2\"", "version = \"2018.3\"");
    fs::write(dir.path().join("new.toml"), &new).unwrap();
    let assessment = dir.path().join("practices/sprakpraksis-grimstad/assessment.toml");
    let before = fs::read(&assessment).unwrap();

    let (code, report) = json(
        dir.path(),
        &["regrade", "--compare", "criteria.toml", "new.toml", "--format", "json"],
    );
    assert_eq!(code, 0);
    let removed: Vec<&Value> = report["criteria_diff"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "question-removed")
        .collect();
    assert_eq!(removed.len(), 1);
    assert_eq!(removed[0]["id"], "12");
    let grimstad = practice_entry(&report, "sprakpraksis-grimstad");
    assert_eq!(grimstad["notes"]["orphans"], serde_json::json!(["12"]));
    // Grimstad answered 12 «ikke relevant»: the grade does not move.
    assert_eq!(grimstad["status"], "unchanged");

    // Adopting the new file: the regrade stores the orphan, and the assessment keeps its answer.
    fs::write(dir.path().join("criteria.toml"), &new).unwrap();
    let (code, stdout, _) = run(dir.path(), &["regrade"]);
    assert_eq!(code, 0, "{stdout}");
    let stored = stored(dir.path(), "sprakpraksis-grimstad");
    assert_eq!(stored["grade"]["orphans"].as_array().unwrap()[0].as_str(), Some("12"));
    assert_eq!(fs::read(&assessment).unwrap(), before);
}

#[test]
fn compare_reads_git_revisions() {
    let dir = workspace();
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.org")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.org")
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&["add", "criteria.toml"]);
    git(&["commit", "-q", "-m", "criteria 2018.2"]);
    fs::copy(testkit::repo().join(DRAFT), dir.path().join("criteria.toml")).unwrap();
    git(&["commit", "-q", "-am", "criteria draft"]);

    let (code, report) = json(
        dir.path(),
        &[
            "regrade",
            "--compare",
            "HEAD~1:criteria.toml",
            "HEAD:criteria.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["old_criteria"]["version"], "2018.2");
    assert_eq!(report["criteria"]["version"], "2019.1-utkast");
    assert_eq!(slugs(&report["class_changes"]).len(), 8);
    // A revision against the working file gives the same answer.
    let (_, same) = json(
        dir.path(),
        &[
            "regrade",
            "--compare",
            "HEAD~1:criteria.toml",
            "criteria.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(same["class_changes"], report["class_changes"]);

    // An unknown revision is an I/O error naming it.
    let (code, _, stderr) = run(
        dir.path(),
        &["regrade", "--compare", "nosuchrev:criteria.toml", "criteria.toml"],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("nosuchrev:criteria.toml"), "{stderr}");
}

#[test]
fn compare_with_invalid_criteria_reports_findings() {
    let dir = workspace();
    fs::write(dir.path().join("bad.toml"), "id = \"x\"\nversion = \"1\"\n").unwrap();
    let (code, _, stderr) = run(dir.path(), &["regrade", "--compare", "criteria.toml", "bad.toml"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("bad.toml"), "{stderr}");
    let (code, _, stderr) = run(dir.path(), &["regrade", "--compare", "criteria.toml", "missing.toml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("missing.toml"), "{stderr}");
}

#[test]
fn hand_written_score_file_is_never_overwritten() {
    let dir = workspace();
    let path = score_path(dir.path(), "festesona-nav-alna");
    fs::write(&path, "# my own notes\ntotal = 1.0\n").unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["regrade"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stdout.contains("refusing to overwrite a hand-written file"), "{stdout}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "# my own notes\ntotal = 1.0\n");
    // The others were graded.
    assert!(score_path(dir.path(), "sprakpraksis-grimstad").is_file());
    let (code, _, stderr) = run(dir.path(), &["regrade", "--check"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("festesona-nav-alna"), "{stderr}");
}

#[test]
fn a_folder_in_the_way_leaves_everything_intact() {
    let dir = workspace();
    assert_eq!(run(dir.path(), &["regrade", "-q"]).0, 0);
    let path = score_path(dir.path(), "festesona-nav-alna");
    fs::remove_file(&path).unwrap();
    fs::create_dir(&path).unwrap();
    fs::write(path.join("keep.txt"), "x").unwrap();
    set_criteria_version(dir.path(), "2018.3");
    let (code, stdout, _) = run(dir.path(), &["regrade"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("is a folder"), "{stdout}");
    assert_eq!(fs::read_to_string(path.join("keep.txt")).unwrap(), "x");
    assert!(temp_files(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn a_failed_write_keeps_the_old_file_and_leaves_no_temp_file() {
    let dir = workspace();
    assert_eq!(run(dir.path(), &["regrade", "-q"]).0, 0);
    let before: Vec<Vec<u8>> = ASSESSED
        .iter()
        .map(|s| fs::read(score_path(dir.path(), s)).unwrap())
        .collect();
    set_criteria_version(dir.path(), "2018.3");
    // A file-size limit of 0 makes every write to a file fail (EFBIG, with SIGXFSZ ignored), even for a superuser,
    // who would write into a read-only folder: the temporary file is created, writing it fails.
    let binary = assert_cmd::cargo::cargo_bin("practice");
    let output = assert_cmd::Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 0; exec \"$0\" regrade")
        .arg(&binary)
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env("PRACTICE_TODAY", testkit::TODAY)
        .timeout(testkit::DEADLINE)
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert_eq!(output.status.code(), Some(2), "{stdout}{stderr}");
    assert!(stderr.contains("9 stored grades could not be written"), "{stderr}");
    assert!(stdout.contains("cannot store the grade"), "{stdout}");
    for (slug, bytes) in ASSESSED.iter().zip(before) {
        assert_eq!(fs::read(score_path(dir.path(), slug)).unwrap(), bytes, "{slug} changed");
    }
    assert!(temp_files(dir.path()).is_empty(), "{:?}", temp_files(dir.path()));
    // Without the limit the same regrade succeeds.
    assert_eq!(run(dir.path(), &["regrade", "-q"]).0, 0);
    assert_eq!(run(dir.path(), &["regrade", "--check"]).0, 0);
}

#[test]
fn dry_run_writes_nothing_and_reports_what_would_change() {
    let dir = workspace();
    let (code, stdout, _) = run(dir.path(), &["regrade", "--dry-run"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("9 stored grades would be written"), "{stdout}");
    let table: String = stdout
        .lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| format!("{l}\n"))
        .collect();
    insta::assert_snapshot!("dry_run_table", table);
    for slug in ASSESSED {
        assert!(!score_path(dir.path(), slug).exists());
    }
}

#[test]
fn stored_grade_of_a_removed_assessment_is_removed() {
    let dir = workspace();
    assert_eq!(run(dir.path(), &["regrade", "-q"]).0, 0);
    let folder = dir.path().join("practices/festesona-nav-alna");
    fs::remove_file(folder.join("assessment.toml")).unwrap();
    let (code, report) = json(dir.path(), &["regrade", "--check", "--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(
        practice_entry(&report, "festesona-nav-alna")["stale"][0]["reason"],
        "orphaned"
    );
    let (code, report) = json(dir.path(), &["regrade", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(report["written"]["removed"], 1);
    assert!(!folder.join("score.toml").exists());
    assert_eq!(run(dir.path(), &["regrade", "--check"]).0, 0);
}

#[test]
fn unparsable_assessment_is_reported_and_its_old_grade_kept() {
    let dir = workspace();
    assert_eq!(run(dir.path(), &["regrade", "-q"]).0, 0);
    let before = fs::read(score_path(dir.path(), "festesona-nav-alna")).unwrap();
    fs::write(
        dir.path().join("practices/festesona-nav-alna/assessment.toml"),
        "answers = [",
    )
    .unwrap();
    let (code, stdout, _) = run(dir.path(), &["regrade"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("could not be graded:"), "{stdout}");
    assert!(
        stdout.contains("festesona-nav-alna: assessment does not load: practices/festesona-nav-alna/assessment.toml"),
        "{stdout}"
    );
    assert_eq!(fs::read(score_path(dir.path(), "festesona-nav-alna")).unwrap(), before);
}

#[test]
fn paths_limit_the_regrade() {
    let dir = workspace();
    let (code, report) = json(
        dir.path(),
        &["regrade", "practices/sprakpraksis-grimstad", "--format", "json"],
    );
    assert_eq!(code, 0);
    assert_eq!(report["summary"]["practices"], 1);
    assert!(score_path(dir.path(), "sprakpraksis-grimstad").is_file());
    assert!(!score_path(dir.path(), "festesona-nav-alna").exists());
}

#[test]
fn long_runs_on_a_pipe_show_no_progress_bar() {
    let dir = Lib::new();
    let answers = fs::read_to_string(testkit::repo().join("practices/sprakpraksis-grimstad/assessment.toml")).unwrap();
    for i in 0..600 {
        let folder = dir.path().join("practices").join(format!("p{i:04}"));
        fs::create_dir_all(&folder).unwrap();
        fs::write(folder.join("assessment.toml"), &answers).unwrap();
    }
    let (code, stdout, stderr) = run(dir.path(), &["regrade"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains('\r') && !stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(stdout.contains("newly graded"), "{stdout}");
}

/// The `practice.*`, `evidence.*` or `assessment.*` file in a folder.
fn source_file(folder: &Path, kind: &str) -> PathBuf {
    ["toml", "yaml", "yml"]
        .iter()
        .map(|ext| folder.join(format!("{kind}.{ext}")))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("no {kind} file in {}", folder.display()))
}

/// Run git in `dir` with a fixed identity; panics when it fails.
fn git_in(dir: &Path, args: &[&str]) {
    let output = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_file_named_like_a_revision_is_refused_as_ambiguous() {
    let dir = workspace();
    git_in(dir.path(), &["init", "-q", "-b", "main"]);
    git_in(dir.path(), &["add", "criteria.toml"]);
    git_in(dir.path(), &["commit", "-q", "-m", "criteria 2018.2"]);
    // A file that spells the same as the revision, holding the draft.
    fs::copy(testkit::repo().join(DRAFT), dir.path().join("main:criteria.toml")).unwrap();
    let (code, _, stderr) = run(
        dir.path(),
        &["regrade", "--compare", "main:criteria.toml", "criteria.toml"],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("names both a file here"), "{stderr}");
    assert!(stderr.contains("git:main:criteria.toml"), "{stderr}");
    // Each spelling made explicit.
    let (code, revision) = json(
        dir.path(),
        &[
            "regrade",
            "--compare",
            "git:main:criteria.toml",
            "criteria.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{revision}");
    assert_eq!(revision["old_criteria"]["version"], "2018.2");
    let (code, file) = json(
        dir.path(),
        &[
            "regrade",
            "--compare",
            "./main:criteria.toml",
            "criteria.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{file}");
    assert_eq!(file["old_criteria"]["version"], "2019.1-utkast");
}

#[test]
fn compare_in_a_partial_clone_never_fetches_and_says_what_is_missing() {
    let origin = workspace();
    git_in(origin.path(), &["init", "-q"]);
    git_in(origin.path(), &["config", "uploadpack.allowFilter", "true"]);
    git_in(origin.path(), &["add", "."]);
    git_in(origin.path(), &["commit", "-q", "-m", "criteria 2018.2"]);
    fs::copy(testkit::repo().join(DRAFT), origin.path().join("criteria.toml")).unwrap();
    git_in(origin.path(), &["commit", "-q", "-am", "criteria draft"]);
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.path().display());
    git_in(clones.path(), &["clone", "-q", "--filter=blob:none", &url, "clone"]);
    let clone = clones.path().join("clone");
    // The old criteria's blob is not in the clone; the origin could hand it over, but must not be asked.
    let (code, _, stderr) = run(
        &clone,
        &["regrade", "--compare", "HEAD~1:criteria.toml", "HEAD:criteria.toml"],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("HEAD~1:criteria.toml"), "{stderr}");
    assert!(stderr.contains("not in this clone"), "{stderr}");
    // The blob present in the checkout is read as before.
    let (code, _, stderr) = run(&clone, &["regrade", "--compare", "HEAD:criteria.toml", "criteria.toml"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_git_blob_over_the_limit_is_refused_from_its_size() {
    let dir = workspace();
    git_in(dir.path(), &["init", "-q"]);
    // Just over 1 MiB: a comment line repeated.
    let big = "# x\n".repeat(1024 * 1024 / 4 + 1);
    fs::write(dir.path().join("big.toml"), big).unwrap();
    git_in(dir.path(), &["add", "big.toml"]);
    git_in(dir.path(), &["commit", "-q", "-m", "big"]);
    let (code, _, stderr) = run(dir.path(), &["regrade", "--compare", "HEAD:big.toml", "criteria.toml"]);
    assert_eq!(code, 1, "{stderr}");
    // The size is git's (`cat-file -s`), known before a byte is read.
    assert!(stderr.contains("(1048580 bytes in git); not read"), "{stderr}");
}
