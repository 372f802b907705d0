//! Template fields marked `private` in the criteria: kept in the library, never in a rendered file (sheets, index,
//! mdBook files, the site and its search index), and named by `validate`.

use std::fs;
use std::path::Path;

use testkit::{bundled_criteria_text, full_assessment, practice_toml, Lib};

const SECRET_NOTE: &str = "Hemmelignotat Zqx4711 om deltaker Kari";
const SECRET_GROUP: &str = "Hemmeligmålgruppe Wvu0815";
const PUBLIC_GOAL: &str = "Synligmål Plk2024 for alle deltakere i programmet";

/// The bundled criteria with the target group marked private and a private notes field added.
fn criteria() -> String {
    let text = bundled_criteria_text();
    let field = "key = \"target_group\"\nlabel = \"Målgruppe\"\n";
    assert!(text.contains(field));
    let text = text.replacen(field, &format!("{field}private = true\n"), 1);
    format!("{text}\n[[template]]\nkey = \"participant_notes\"\nlabel = \"Notater om deltakere\"\nprivate = true\n")
}

fn library() -> Lib {
    let practice = practice_toml("Privat praksis")
        .replace("Deltakere i introduksjonsprogrammet.", SECRET_GROUP)
        .replace(
            "Flere deltakere i arbeid eller utdanning etter programmet.",
            PUBLIC_GOAL,
        );
    let practice = format!("{practice}participant_notes = \"{SECRET_NOTE}\"\n");
    Lib::new().criteria(&criteria()).practice(
        "privat",
        &[
            ("practice.toml", &practice),
            ("assessment.toml", &full_assessment("ja", "nei")),
        ],
    )
}

/// Every file under `dir` as text (lossy), with its path.
fn texts(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let text = String::from_utf8_lossy(&fs::read(&path).unwrap()).into_owned();
                out.push((path.display().to_string(), text));
            }
        }
    }
    out.sort();
    out
}

/// Words of a value as they may appear in a rendered file: whole, and folded for the search index.
fn traces(value: &str) -> Vec<String> {
    let mut out = vec![value.to_string()];
    out.extend(
        value
            .split_whitespace()
            .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
            .map(|w| w.to_lowercase()),
    );
    out
}

#[test]
fn a_private_value_never_appears_in_any_rendered_file() {
    let lib = library();
    lib.run(&["validate"]).code(0);
    lib.run(&["render", "--mdbook", "--out", "ark"]).code(0);
    lib.run(&["site", "--out", "nett"]).code(0);

    let files: Vec<(String, String)> = texts(&lib.join("ark"))
        .into_iter()
        .chain(texts(&lib.join("nett")))
        .collect();
    assert!(files.len() > 5, "{:?}", files.iter().map(|f| &f.0).collect::<Vec<_>>());
    for (path, text) in &files {
        for secret in traces(SECRET_NOTE).into_iter().chain(traces(SECRET_GROUP)) {
            assert!(
                !text.to_lowercase().contains(&secret.to_lowercase()),
                "{secret:?} in {path}"
            );
        }
    }
    // The field's label is not shown either, and the public fields around it still are (so the check can fail).
    let sheet = lib.read("ark/privat.md");
    assert!(!sheet.contains("Notater om deltakere"), "{sheet}");
    assert!(sheet.contains(PUBLIC_GOAL), "{sheet}");
    let page = lib.read("nett/praksis/privat.html");
    assert!(page.contains(PUBLIC_GOAL));
    let searchable = files
        .iter()
        .any(|(p, t)| p.ends_with("index.js") && t.contains("plk2024"));
    assert!(searchable, "the public field is in the search index");
    // The value stays in the library.
    assert!(lib.read("practices/privat/practice.toml").contains(SECRET_NOTE));
}

#[test]
fn validate_names_the_private_fields() {
    let lib = library();
    let run = lib.run(&["validate"]).code(0);
    let last: Vec<&str> = run.stdout.lines().rev().take(1).collect();
    assert_eq!(
        last,
        ["private, not published: «Målgruppe» (target_group), «Notater om deltakere» (participant_notes)"]
    );
    let json = lib.run(&["validate", "--format", "json"]).code(0).json();
    assert_eq!(
        json["private_fields"],
        serde_json::json!(["target_group", "participant_notes"])
    );
    // Without private fields, neither says anything.
    let plain = Lib::new().practice("p", &[("practice.toml", &practice_toml("P"))]);
    let run = plain.run(&["validate"]).code(0);
    assert!(!run.stdout.contains("private"), "{}", run.stdout);
    assert!(plain
        .run(&["validate", "--format", "json"])
        .code(0)
        .json()
        .get("private_fields")
        .is_none());
}
