//! `practice score`: the JSON contract, the table and CSV, incomplete assessments, other criteria versions.

use predicates::prelude::*;
use std::fs;
use testkit::{full_assessment, practice_toml, Lib};

fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn other_criteria_version_is_a_warning_and_still_scores() {
    let lib = Lib::new();
    lib.write("practices/test-praksis/practice.toml", practice_toml("Testpraksis"));
    lib.write(
        "practices/test-praksis/assessment.toml",
        full_assessment("ja", "nei").replace("2018.2", "2017.9"),
    );
    lib.cmd()
        .arg("validate")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "made against version 2017.9, the current criteria are version 2018.2",
        ));
    lib.cmd()
        .args(["score", "--format", "json"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "1 assessment was made against another criteria version",
        ));
}

#[test]
fn score_json_has_the_contract_shape() {
    let lib = Lib::new();
    lib.write("practices/alt-ja/practice.toml", practice_toml("Alt ja"));
    lib.write("practices/alt-ja/assessment.toml", full_assessment("ja", "nei"));
    lib.write("practices/alt-nei/practice.toml", practice_toml("Alt nei"));
    lib.write("practices/alt-nei/assessment.toml", full_assessment("nei", "ja"));
    lib.write("practices/nominert/practice.toml", practice_toml("Nominert"));
    let output = lib.cmd().args(["score", "--format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["criteria"]["id"], "imdi-god-praksis");
    assert_eq!(json["criteria"]["version"], "2018.2");
    let practices = json["practices"].as_array().unwrap();
    let slugs: Vec<&str> = practices.iter().map(|p| p["slug"].as_str().unwrap()).collect();
    assert_eq!(
        slugs,
        ["alt-ja", "alt-nei", "nominert"],
        "sorted by total, unscored last"
    );
    let best = &practices[0];
    for key in ["slug", "name", "total", "class", "complete", "criteria"] {
        assert!(best.get(key).is_some(), "missing {key}");
    }
    assert_eq!(best["total"], 1.0);
    assert_eq!(best["class"], "god");
    assert_eq!(best["complete"], true);
    let criterion = &best["criteria"][0];
    for key in ["id", "label", "score", "points", "max_points", "applicable"] {
        assert!(criterion.get(key).is_some(), "missing criteria.{key}");
    }
    assert_eq!(criterion["id"], "beskrivelse");
    assert_eq!(criterion["applicable"], 20);
    assert_eq!(practices[1]["total"], 0.0);
    assert_eq!(practices[1]["class"], "lovende");
    assert_eq!(practices[2]["total"], serde_json::Value::Null);
    assert_eq!(practices[2]["class"], serde_json::Value::Null);
    assert_eq!(practices[2]["complete"], false);
    // The table of the same library, whole.
    insta::assert_snapshot!("library_table", lib.run(&["score"]).code(0).stdout);
}

#[test]
fn score_table_for_one_practice_lists_questions_with_hints() {
    let lib = Lib::new();
    lib.write("practices/test-praksis/practice.toml", practice_toml("Testpraksis"));
    lib.write("practices/test-praksis/assessment.toml", full_assessment("ja", "ja"));
    let output = lib.cmd().args(["score", "practices/test-praksis"]).output().unwrap();
    let out = stdout_of(&output);
    assert_eq!(output.status.code(), Some(0), "{out}");
    let row = |id: &str| {
        out.lines()
            .find(|l| l.split('|').nth(1).is_some_and(|cell| cell.trim() == id))
            .map(str::to_string)
    };
    let line_21b = row("21b").expect("a row for 21b");
    assert!(line_21b.contains("0 / 1"), "{line_21b}");
    assert!(
        line_21b.contains("kvalifikasjoner") || line_21b.contains("kompetanse"),
        "hint shown: {line_21b}"
    );
    let line_1 = row("1").expect("a row for 1");
    assert!(line_1.contains("1 / 1"), "{line_1}");
    insta::assert_snapshot!(out);
}

#[test]
fn score_csv_has_a_header_and_one_record_per_practice() {
    let lib = Lib::new();
    lib.write(
        "practices/test-praksis/practice.toml",
        practice_toml("Testpraksis, med komma"),
    );
    lib.write("practices/test-praksis/assessment.toml", full_assessment("ja", "nei"));
    let output = lib.cmd().args(["score", "--format", "csv"]).output().unwrap();
    let out = stdout_of(&output);
    let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "slug,name,phase,beskrivelse,resultater,okonomi,overforbarhet,total,class,complete"
    );
    assert_eq!(
        lines[1],
        "test-praksis,\"Testpraksis, med komma\",assessed,1,1,1,1,1,god,true"
    );
    assert_eq!(lines.len(), 2);
}

#[test]
fn incomplete_assessment_gets_no_class() {
    let lib = Lib::new();
    lib.write("practices/test-praksis/practice.toml", practice_toml("Testpraksis"));
    lib.write(
        "practices/test-praksis/assessment.toml",
        full_assessment("ja", "nei").replace("\"18\" = \"ja\"\n", ""),
    );
    let output = lib.cmd().args(["score", "--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["practices"][0]["complete"], false);
    assert_eq!(json["practices"][0]["class"], serde_json::Value::Null);
    assert_eq!(json["practices"][0]["total"], 1.0);
}

#[test]
fn renamed_question_answers_follow_replaces() {
    let lib = Lib::new();
    let criteria = fs::read_to_string(lib.path().join("criteria.toml")).unwrap();
    fs::write(
        lib.path().join("criteria.toml"),
        criteria.replacen("id = \"5c\"", "id = \"5d\"\nreplaces = \"5c\"", 1),
    )
    .unwrap();
    lib.write("practices/test-praksis/practice.toml", practice_toml("Testpraksis"));
    lib.write("practices/test-praksis/assessment.toml", full_assessment("ja", "nei"));
    lib.cmd()
        .arg("validate")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "question `5c` is now `5d`; the answer counts for it",
        ));
    let output = lib.cmd().args(["score", "--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["practices"][0]["complete"], true);
}

/// `practice criteria` shows each band's conditions besides its threshold.
#[test]
fn criteria_table_shows_the_band_conditions() {
    let lib = Lib::new();
    let text = lib.run(&["criteria"]).code(0).stdout;
    let god = text.lines().find(|l| l.starts_with("| god ")).expect("a god row");
    assert_eq!(
        god,
        "| god     | God praksis     | 50 % | resultater > 25 %, okonomi > 25 %, overforbarhet > 25 % |"
    );
}

/// Under the table, each practice a rule kept out of the next band says which rule (issue 15 §1).
#[test]
fn the_score_table_names_the_rule_that_kept_a_practice_out_of_a_band() {
    let lib = Lib::new().bundled(&["oygarden-modellen", "sprakpraksis-grimstad"]);
    let out = lib.run(&["score"]).stdout;
    let notes: Vec<&str> = out.lines().filter(|l| l.contains(": not «")).collect();
    assert_eq!(
        notes,
        ["Øygarden-modellen: not «God praksis»: okonomi 25 % (needs more than 25 %)"]
    );
}
