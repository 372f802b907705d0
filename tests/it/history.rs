//! `practice history` on a git repository of the bundled library: one entry per commit that changed a practice's
//! answers or grade, oldest first, with what changed; a commit that only adds evidence or rewords a note adds none.

use testkit::Lib;

use crate::due::{bundled_repo, git};

fn entries(lib: &Lib, slug: &str) -> Vec<serde_json::Value> {
    let json = lib.run(&["history", slug, "--format", "json"]).code(0).json();
    assert_eq!(json["practices"].as_array().unwrap().len(), 1, "{json}");
    assert_eq!(json["practices"][0]["slug"], slug);
    json["practices"][0]["entries"].as_array().unwrap().clone()
}

#[test]
fn a_commit_changing_an_answer_is_a_new_entry() {
    let Some(lib) = bundled_repo() else { return };
    let first = entries(&lib, "festesona-nav-alna");
    assert_eq!(first.len(), 1);
    assert_eq!(first[0]["criteria_version"], "2018.2");
    assert_eq!(first[0]["class"], "lovende");
    assert_eq!(first[0]["author"], "Test");
    assert_eq!(first[0]["date"], "2026-01-01T12:00:00Z");
    assert_eq!(
        first[0]["changed"],
        serde_json::json!(["answers", "criteria", "evidence"])
    );

    // Evidence alone and a comment do not change the grade: no entry.
    let evidence = "practices/festesona-nav-alna/evidence.toml";
    let text = lib.read(evidence);
    lib.write(evidence, format!("{text}\n# ny merknad\n"));
    assert!(git(&lib, &["commit", "-q", "-am", "evidence note"]));
    assert_eq!(entries(&lib, "festesona-nav-alna").len(), 1);

    let path = "practices/festesona-nav-alna/assessment.toml";
    let text = lib.read(path);
    lib.write(path, text.replace("\"5c\" = \"nei\"", "\"5c\" = \"ja\""));
    assert!(git(&lib, &["commit", "-q", "-am", "5c is ja"]));
    let after = entries(&lib, "festesona-nav-alna");
    assert_eq!(after.len(), 2, "{after:?}");
    assert_eq!(after[0], first[0]);
    assert_eq!(after[1]["changed"], serde_json::json!(["answers"]));
    assert!(after[1]["total"].as_f64().unwrap() > first[0]["total"].as_f64().unwrap());
    assert_ne!(after[1]["commit"], first[0]["commit"]);
    // The score now matches the last entry.
    let score = lib
        .run(&["score", "practices/festesona-nav-alna", "--format", "json"])
        .code(0)
        .json();
    assert_eq!(score["practices"][0]["total"], after[1]["total"]);
    // Every practice in one pass; an unknown slug is a usage error.
    let all = lib.run(&["history", "--format", "json"]).code(0).json();
    assert_eq!(all["practices"].as_array().unwrap().len(), 9, "{all}");
    lib.run(&["history", "no-such-practice"]).code(2);
}

#[test]
fn outside_git_history_is_a_usage_error() {
    // The temporary folder is not inside a git work tree.
    let lib = Lib::new().bundled(&["festesona-nav-alna"]);
    let run = lib.run(&["history"]).code(2);
    assert!(
        run.stderr
            .contains("is not in a git work tree: there is no history to show"),
        "{}",
        run.stderr
    );
}
