//! Phase 1 near-duplicates: a lightly reworded copy under another slug draws one finding naming both, is ranked
//! first by `practice similar`, and is silenced by `variant_of`; `practice new` warns before it creates a lookalike.

mod support;

use std::fs;

use support::TempLibrary;

fn library_with_a_copy() -> TempLibrary {
    let lib = TempLibrary::new();
    support::copy_dir(&support::repo().join("practices"), &lib.path().join("practices"));
    let from = lib.path().join("practices/sprakpraksis-grimstad");
    let to = lib.path().join("practices/sprakpraksis-arendal");
    support::copy_dir(&from, &to);
    let text = fs::read_to_string(to.join("practice.toml")).unwrap();
    fs::write(to.join("practice.toml"), text.replace("Grimstad", "Arendal").replace("restaurant", "kafé")).unwrap();
    let _ = fs::remove_file(to.join("score.toml"));
    lib
}

#[test]
fn a_reworded_copy_is_one_near_duplicate_finding_naming_both() {
    let lib = library_with_a_copy();
    let out = lib.cmd().args(["validate", "--format", "json"]).assert();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let findings: Vec<&str> = stdout.lines().filter(|l| l.contains("near-duplicate")).collect();
    assert_eq!(findings.len(), 1, "{stdout}");
    assert!(findings[0].contains("sprakpraksis-arendal") && findings[0].contains("sprakpraksis-grimstad"));
}

#[test]
fn similar_ranks_the_copy_first() {
    let lib = library_with_a_copy();
    let out = lib.cmd().args(["similar", "sprakpraksis-grimstad", "--format", "json"]).assert().success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let first = &json["practices"][0];
    assert_eq!(first["slug"], "sprakpraksis-arendal");
    assert!(first["similarity"].as_f64().unwrap() >= 0.6);
    assert!(json["practices"][1]["similarity"].as_f64().unwrap() < 0.3);
    lib.cmd().args(["similar", "no-such-practice"]).assert().code(2);
}

#[test]
fn variant_of_silences_the_finding() {
    let lib = library_with_a_copy();
    let path = lib.path().join("practices/sprakpraksis-arendal/practice.toml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("variant_of = \"sprakpraksis-grimstad\"\n{text}")).unwrap();
    let out = lib.cmd().args(["validate", "--format", "json"]).assert();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(!stdout.contains("near-duplicate"), "{stdout}");
}

#[test]
fn new_warns_before_creating_a_lookalike() {
    let lib = library_with_a_copy();
    let out = lib
        .cmd()
        .args(["new", "sprakpraksis-lillesand", "--name", "Språkpraksis i Lillesand", "--summary", "Norsk på jobb"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("resembles") && stderr.contains("sprakpraksis-grimstad"), "{stderr}");
    let text = fs::read_to_string(lib.path().join("practices/sprakpraksis-lillesand/practice.toml")).unwrap();
    assert!(text.contains("summary = \"Norsk på jobb\""), "{text}");
    let out = lib.cmd().args(["new", "helt-annet", "--name", "Jobbklubb for seniorer"]).assert().success();
    assert!(!String::from_utf8_lossy(&out.get_output().stderr).contains("resembles"));
}
