//! `practice schema`: the generated JSON Schemas are valid draft 2020-12 schemas, the bundled files (TOML and YAML,
//! read into JSON values) validate against them, broken files fail, and the committed `schema/` is up to date.

use std::fs;
use std::path::Path;

use practice::model::Criteria;
use serde_json::{json, Value};
use testkit::{repo, Lib as TempLibrary};

fn schemas() -> Vec<(&'static str, Value)> {
    let criteria = Criteria::load(&repo().join("criteria.toml")).expect("bundled criteria");
    practice::schema::all(&criteria)
        .into_iter()
        .map(|(name, text)| (name, serde_json::from_str(&text).expect("schema is JSON")))
        .collect()
}

fn validator(name: &str) -> jsonschema::Validator {
    let (_, schema) = schemas().into_iter().find(|(n, _)| *n == name).expect("known schema");
    // `validator_for` checks the schema against its meta-schema (draft 2020-12) first.
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{name} is not a valid schema: {e}"))
}

/// A TOML value as JSON, as an editor's schema checker sees it (dates become strings).
fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap();
    match path.extension().and_then(|e| e.to_str()) {
        Some("toml") => toml_to_json(toml::Value::Table(text.parse().unwrap())),
        _ => serde_json::to_value(serde_yaml::from_str::<serde_yaml::Value>(&text).unwrap()).unwrap(),
    }
}

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Every bundled practice, evidence and assessment file (assessor files included) with its schema.
fn bundled_files() -> Vec<(std::path::PathBuf, &'static str)> {
    let mut out = Vec::new();
    let mut dirs: Vec<_> = fs::read_dir(repo().join("practices"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<_> = fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
        if let Ok(assessors) = fs::read_dir(dir.join("assessments")) {
            files.extend(assessors.flatten().map(|e| e.path()));
        }
        for file in files {
            let in_assessors = file.parent().is_some_and(|p| p.ends_with("assessments"));
            let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            let schema = match stem {
                _ if in_assessors => "assessment.schema.json",
                "practice" => "practice.schema.json",
                "evidence" => "evidence.schema.json",
                "assessment" => "assessment.schema.json",
                _ => continue,
            };
            out.push((file, schema));
        }
    }
    out
}

#[test]
fn the_bundled_files_validate_against_their_schemas() {
    let validators: Vec<(&str, jsonschema::Validator)> =
        schemas().into_iter().map(|(name, _)| (name, validator(name))).collect();
    let files = bundled_files();
    assert!(files.len() >= 13 * 2, "found only {} files", files.len());
    let mut problems = Vec::new();
    for (file, schema) in &files {
        let validator = &validators.iter().find(|(n, _)| n == schema).unwrap().1;
        for error in errors(validator, &read_json(file)) {
            problems.push(format!("{}: {error}", file.display()));
        }
    }
    let criteria = &validators.iter().find(|(n, _)| *n == "criteria.schema.json").unwrap().1;
    for error in errors(criteria, &read_json(&repo().join("criteria.toml"))) {
        problems.push(format!("criteria.toml: {error}"));
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn broken_files_fail() {
    let assessment = validator("assessment.schema.json");
    let good = json!({ "criteria": "imdi-god-praksis", "answers": { "1": "ja", "5a": { "answer": "noe", "note": "x", "evidence": ["e1"] }, "12": "ikke-relevant" } });
    assert!(
        errors(&assessment, &good).is_empty(),
        "{:?}",
        errors(&assessment, &good)
    );
    for broken in [
        json!({ "answers": { "1": "kanskje" } }),
        json!({ "answers": { "99": "ja" } }),
        json!({ "answers": { "10": "noe" } }),
        json!({ "answers": { "1": { "answer": "ja", "notes": "x" } } }),
        json!({ "answers": { "1": { "note": "x" } } }),
        json!({ "answer": { "1": "ja" } }),
        json!({ "decisions": { "screening": "kanskje" } }),
    ] {
        assert!(!errors(&assessment, &broken).is_empty(), "accepted {broken}");
    }
    let evidence = validator("evidence.schema.json");
    let row = json!({ "id": "e1", "question": "q", "finding": "f", "source": "s", "kind": "forskning" });
    assert!(evidence.is_valid(&json!({ "rows": [row] })));
    let mut wrong_kind = row.clone();
    wrong_kind["kind"] = json!("rykte");
    assert!(!evidence.is_valid(&json!({ "rows": [wrong_kind] })));
    assert!(!evidence.is_valid(&json!({ "rows": [row], "extra": 1 })));
    let practice = validator("practice.schema.json");
    assert!(practice.is_valid(
        &json!({ "name": "x", "started": 2024, "tags": { "theme": ["a"] }, "description": { "need": "n" } })
    ));
    assert!(
        !practice.is_valid(&json!({ "description": { "needs": "n" } })),
        "unknown template field"
    );
    assert!(
        !practice.is_valid(&json!({ "tags": { "colour": ["a"] } })),
        "unknown facet"
    );
    assert!(!practice.is_valid(&json!({ "nmae": "x" })), "unknown top-level key");
    let criteria = validator("criteria.schema.json");
    let mut file = read_json(&repo().join("criteria.toml"));
    file["criteria"][0]["questions"][0]["hnit"] = json!("x");
    assert!(!criteria.is_valid(&file), "unknown question key");
}

#[test]
fn the_committed_schemas_are_up_to_date_and_rewriting_them_changes_nothing() {
    let criteria = Criteria::load(&repo().join("criteria.toml")).unwrap();
    for (name, text) in practice::schema::all(&criteria) {
        let committed = fs::read_to_string(repo().join("schema").join(name))
            .unwrap_or_else(|_| panic!("schema/{name} is missing: run `practice schema`"));
        assert!(
            committed == text,
            "schema/{name} is out of date: run `practice schema` and commit it"
        );
    }
    let lib = TempLibrary::new();
    lib.cmd()
        .arg("schema")
        .assert()
        .success()
        .stderr(predicates::str::contains("schema/assessment.schema.json: created"));
    lib.cmd()
        .arg("schema")
        .assert()
        .success()
        .stderr(predicates::str::contains("schema/assessment.schema.json: unchanged"));
    let out = lib.path().join("elsewhere");
    lib.cmd()
        .args(["schema", "--out", "elsewhere", "--quiet"])
        .assert()
        .success()
        .stderr("");
    assert_eq!(fs::read_dir(out).unwrap().count(), 4);
}

#[test]
fn new_files_carry_the_schema_directive_once_schemas_exist() {
    let lib = TempLibrary::new();
    lib.cmd().args(["new", "uten-skjema"]).assert().success();
    let text = fs::read_to_string(lib.path().join("practices/uten-skjema/practice.toml")).unwrap();
    assert!(!text.contains("#:schema"), "no schema written yet: {text}");
    lib.cmd().args(["schema", "--quiet"]).assert().success();
    lib.cmd().args(["new", "med-skjema", "--assessment"]).assert().success();
    let dir = lib.path().join("practices/med-skjema");
    let practice = fs::read_to_string(dir.join("practice.toml")).unwrap();
    assert!(
        practice.starts_with("#:schema ./../../schema/practice.schema.json\n"),
        "{practice}"
    );
    let assessment = fs::read_to_string(dir.join("assessment.toml")).unwrap();
    assert!(
        assessment.starts_with("#:schema ./../../schema/assessment.schema.json\n"),
        "{assessment}"
    );
    lib.cmd()
        .args(["new", "yaml-skjema", "--format", "yaml", "--assessment"])
        .assert()
        .success();
    let yaml = fs::read_to_string(lib.path().join("practices/yaml-skjema/assessment.yaml")).unwrap();
    assert!(
        yaml.starts_with("# yaml-language-server: $schema=../../schema/assessment.schema.json\n"),
        "{yaml}"
    );
    // The scaffolds still parse, and the directive is only a comment.
    lib.cmd()
        .args(["validate", "practices/med-skjema", "--quiet"])
        .output()
        .unwrap();
    let parsed: toml::Table = practice.parse().unwrap();
    assert!(parsed.contains_key("name"));
}
