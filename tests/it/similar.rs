//! Phase 1 near-duplicates: a lightly reworded copy under another slug draws one finding naming both, is ranked
//! first by `practice similar`, and is silenced by `variant_of`; `practice new` warns before it creates a lookalike.

use testkit::Lib;

/// The bundled library with a reworded copy of Grimstad's practice as `sprakpraksis-arendal`.
fn library_with_a_copy() -> Lib {
    let lib = Lib::new();
    testkit::copy_dir(&testkit::repo().join("practices"), &lib.join("practices"));
    testkit::copy_dir(
        &lib.join("practices/sprakpraksis-grimstad"),
        &lib.join("practices/sprakpraksis-arendal"),
    );
    let text = lib.read("practices/sprakpraksis-arendal/practice.toml");
    lib.write(
        "practices/sprakpraksis-arendal/practice.toml",
        text.replace("Grimstad", "Arendal").replace("restaurant", "kafé"),
    );
    let _ = std::fs::remove_file(lib.join("practices/sprakpraksis-arendal/score.toml"));
    lib
}

/// Every near-duplicate finding of `validate --format json`: (practice, file, message).
fn near_duplicates(lib: &Lib) -> Vec<(String, String, String)> {
    let json = lib.run(&["validate", "--format", "json"]).json();
    let mut out = Vec::new();
    for practice in json["findings"].as_array().unwrap() {
        for finding in practice["findings"].as_array().unwrap() {
            if finding["code"] == "near-duplicate" {
                out.push((
                    practice["practice"].as_str().unwrap().to_string(),
                    finding["file"].as_str().unwrap().to_string(),
                    finding["message"].as_str().unwrap().to_string(),
                ));
            }
        }
    }
    out
}

#[test]
fn a_reworded_copy_is_one_near_duplicate_finding_naming_both() {
    let lib = library_with_a_copy();
    let found = near_duplicates(&lib);
    assert_eq!(found.len(), 1, "{found:?}");
    let (practice, file, message) = &found[0];
    assert_eq!(practice, "sprakpraksis-arendal");
    assert!(file.ends_with("practices/sprakpraksis-arendal/practice.toml"), "{file}");
    let similarity = message
        .strip_prefix("near-duplicate by content: sprakpraksis-arendal is much like sprakpraksis-grimstad (")
        .and_then(|rest| rest.split_once(" %)"))
        .map(|(figure, _)| figure.parse::<u32>().unwrap())
        .unwrap_or_else(|| panic!("{message}"));
    assert!(similarity >= 60, "{message}");
}

#[test]
fn the_bundled_library_has_no_near_duplicates() {
    let lib = Lib::new();
    testkit::copy_dir(&testkit::repo().join("practices"), &lib.join("practices"));
    assert_eq!(near_duplicates(&lib), Vec::new());
}

#[test]
fn similar_ranks_the_copy_first() {
    let lib = library_with_a_copy();
    let json = lib
        .run(&["similar", "sprakpraksis-grimstad", "--format", "json"])
        .code(0)
        .json();
    let first = &json["practices"][0];
    assert_eq!(first["slug"], "sprakpraksis-arendal");
    assert!(first["similarity"].as_f64().unwrap() >= 0.6, "{json}");
    assert!(json["practices"][1]["similarity"].as_f64().unwrap() < 0.3, "{json}");
    let limited = lib
        .run(&["similar", "sprakpraksis-grimstad", "--limit", "1", "--format", "json"])
        .code(0)
        .json();
    assert_eq!(limited["practices"].as_array().unwrap().len(), 1);
    lib.run(&["similar", "no-such-practice"]).code(2);
}

#[test]
fn variant_of_silences_the_finding() {
    let lib = library_with_a_copy();
    let path = "practices/sprakpraksis-arendal/practice.toml";
    let text = lib.read(path);
    lib.write(path, format!("variant_of = \"sprakpraksis-grimstad\"\n{text}"));
    assert_eq!(near_duplicates(&lib), Vec::new());
}

#[test]
fn new_warns_before_creating_a_lookalike() {
    let lib = library_with_a_copy();
    let run = lib
        .run(&[
            "new",
            "sprakpraksis-lillesand",
            "--name",
            "Språkpraksis i Lillesand",
            "--summary",
            "Norsk på jobb",
        ])
        .code(0);
    assert!(
        run.stderr
            .starts_with("warning: the new practice resembles sprakpraksis-"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("sprakpraksis-grimstad ("), "{}", run.stderr);
    let text = lib.read("practices/sprakpraksis-lillesand/practice.toml");
    let summary: toml::Value = toml::from_str(&text).unwrap();
    assert_eq!(summary["summary"].as_str(), Some("Norsk på jobb"), "{text}");
    let run = lib
        .run(&["new", "helt-annet", "--name", "Jobbklubb for seniorer"])
        .code(0);
    assert!(!run.stderr.contains("resembles"), "{}", run.stderr);
}
