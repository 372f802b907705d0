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
        .stderr(predicate::str::contains("does it exist already?"));
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
