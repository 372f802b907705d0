//! `practice new`: a scaffold that parses, and never over an existing file.

use predicates::prelude::*;
use std::fs;
use testkit::Lib;

#[test]
fn new_scaffolds_a_parsable_practice_and_never_overwrites() {
    let lib = Lib::new();
    lib.cmd()
        .args(["new", "min-praksis", "--name", "Min \"praksis\""])
        .assert()
        .code(0);
    let text = fs::read_to_string(lib.path().join("practices/min-praksis/practice.toml")).unwrap();
    assert!(
        text.contains("# Behov eller utfordring (påkrevd)"),
        "labels as comments:\n{text}"
    );
    let parsed: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(parsed["name"].as_str(), Some("Min \"praksis\""));
    // The scaffold parses; what is reported are the fields still to fill in, not syntax errors.
    let output = lib.cmd().args(["validate", "--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let codes: Vec<&str> = json["findings"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.iter().all(|c| ["missing-key", "missing-field"].contains(c)),
        "{codes:?}"
    );
    // A second `new` refuses and leaves the file alone.
    fs::write(lib.path().join("practices/min-praksis/practice.toml"), "hand-written").unwrap();
    lib.cmd()
        .args(["new", "min-praksis"])
        .assert()
        .code(2)
        .stderr("error: practice `min-praksis` exists; `--assessment` scaffolds only its assessment\n");
    assert_eq!(
        fs::read_to_string(lib.path().join("practices/min-praksis/practice.toml")).unwrap(),
        "hand-written"
    );
    lib.cmd()
        .args(["new", "Ugyldig Slug"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a valid slug"));
}

#[test]
fn new_yaml_scaffold_parses() {
    let lib = Lib::new();
    lib.cmd()
        .args(["new", "yaml-praksis", "--format", "yaml", "--name", "YAML: praksis"])
        .assert()
        .code(0);
    let output = lib.cmd().args(["validate", "--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let codes: Vec<&str> = json["findings"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        !codes.is_empty() && codes.iter().all(|c| ["missing-key", "missing-field"].contains(c)),
        "{codes:?}"
    );
}

#[test]
fn new_assessment_refuses_beside_an_assessment_in_another_format() {
    for existing in ["assessment.yaml", "assessment.yml", "assessment.toml"] {
        let lib = Lib::new();
        lib.write("practices/x/practice.toml", testkit::practice_toml("X"));
        lib.write(&format!("practices/x/{existing}"), "answers: {}\n");
        let run = lib.run(&["new", "x", "--assessment"]).code(2);
        assert_eq!(
            run.stderr,
            format!(
                "error: practice `x` has an assessment already (practices/x/{existing}); \
                 edit it instead of scaffolding another\n"
            )
        );
        let names: Vec<String> = fs::read_dir(lib.join("practices/x"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with("assessment"))
            .collect();
        assert_eq!(names, [existing]);
    }
}

#[test]
fn new_with_assessment_reports_both_files() {
    let lib = Lib::new();
    let run = lib.run(&["new", "ny-praksis", "--assessment"]).code(0);
    assert_eq!(
        run.stderr,
        "created practices/ny-praksis/practice.toml: fill it in, then run `practice validate practices/ny-praksis`\n\
         created practices/ny-praksis/assessment.toml: answer each question, then run `practice score practices/ny-praksis`\n"
    );
}
