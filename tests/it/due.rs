//! `practice due` on a git repository of the bundled library: a commit that adds an evidence row puts exactly that
//! practice on `due` with `evidence-changed` (and `regrade --check` stays green: new evidence calls for review, not a
//! new grade); an assessment's `evidence_fingerprint`, the review interval, the criteria version, a follow-up that
//! decided to reassess and an old open knowledge need are reasons too.

use std::process::Command;

use testkit::Lib;

/// Run git in the library with a fixed identity and dates; false when git is not available.
pub fn git(lib: &Lib, args: &[&str]) -> bool {
    Command::new("git")
        .current_dir(lib.path())
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", "2026-01-01T12:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-01-01T12:00:00Z")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The bundled library (criteria and every practice) committed in a fresh repository; `None` without git.
pub fn bundled_repo() -> Option<Lib> {
    let lib = Lib::new();
    testkit::copy_dir(&testkit::repo().join("practices"), &lib.join("practices"));
    if !git(&lib, &["init", "-q"]) {
        eprintln!("git unavailable; skipped");
        return None;
    }
    assert!(git(&lib, &["add", "-A"]) && git(&lib, &["commit", "-q", "-m", "bundled library"]));
    Some(lib)
}

/// (slug, [kind]) of `due --format json`.
fn due(lib: &Lib) -> Vec<(String, Vec<String>)> {
    lib.run(&["due", "--format", "json"]).code(0).json()["practices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let kinds = p["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["kind"].as_str().unwrap().to_string());
            (p["slug"].as_str().unwrap().to_string(), kinds.collect())
        })
        .collect()
}

const NEW_ROW: &str = r#"
[[rows]]
id = "e99"
question = "Hvor mange fikk jobb året etter?"
finding = "En ny oppfølging viser at flere fikk jobb."
source = "Kommunens årsrapport"
kind = "praksis"
"#;

#[test]
fn a_commit_adding_an_evidence_row_puts_exactly_that_practice_on_due() {
    let Some(lib) = bundled_repo() else { return };
    assert_eq!(due(&lib), Vec::new());
    lib.run(&["due", "--check"]).code(0);
    let path = "practices/festesona-nav-alna/evidence.toml";
    let text = lib.read(path);
    lib.write(path, format!("{text}{NEW_ROW}"));
    // Uncommitted, it is due already; committed, it stays due.
    assert_eq!(
        due(&lib),
        [("festesona-nav-alna".to_string(), vec!["evidence-changed".to_string()])]
    );
    assert!(git(&lib, &["commit", "-q", "-am", "new evidence"]));
    let json = lib.run(&["due", "--format", "json"]).code(0).json();
    assert_eq!(
        json,
        serde_json::json!({"practices": [{"slug": "festesona-nav-alna", "reasons": [{
            "kind": "evidence-changed",
            "detail": "festesona-nav-alna/evidence.toml changed in a later commit than the assessment"
        }]}]})
    );
    lib.run(&["due", "--check"]).code(1);
    lib.run(&["regrade", "--check"]).code(0);
    // A new assessment commit (here: a changed justification) answers the review.
    let path = "practices/festesona-nav-alna/assessment.toml";
    let text = lib.read(path);
    lib.write(path, format!("{text}\n# vurdert på nytt med e99\n"));
    assert!(git(&lib, &["commit", "-q", "-am", "reassessed"]));
    assert_eq!(due(&lib), Vec::new());
}

#[test]
fn a_recorded_fingerprint_decides_without_git() {
    let lib = Lib::new().bundled(&["festesona-nav-alna"]);
    assert_eq!(due(&lib), Vec::new());
    let path = "practices/festesona-nav-alna/assessment.toml";
    let text = lib.read(path);
    lib.write(path, format!("evidence_fingerprint = \"sha256:0000\"\n{text}"));
    assert_eq!(
        due(&lib),
        [("festesona-nav-alna".to_string(), vec!["evidence-changed".to_string()])]
    );
}

#[test]
fn interval_version_follow_up_and_knowledge_need_are_reasons() {
    let lib = Lib::new().bundled(&["festesona-nav-alna"]);
    let path = "practices/festesona-nav-alna/assessment.toml";
    let text = lib.read(path);
    lib.write(
        path,
        text.replace("date = 2026-11-23", "date = 2024-11-23")
            .replace("criteria_version = \"2018.2\"", "criteria_version = \"2017.1\""),
    );
    let path = "practices/festesona-nav-alna/practice.toml";
    let text = lib.read(path);
    let text = text.replacen(
        "knowledge_needs = [",
        "knowledge_needs = [{ need = \"Effekt over tid\", date = 2023-01-10 }, { need = \"Kostnad\", date = 2023-01-10, status = \"met\" },",
        1,
    );
    lib.write(
        path,
        format!(
            "{text}\n[lifecycle.recommended]\ndate = 2025-01-01\nby = \"IMDi\"\n\n[[lifecycle.followed_up]]\ndate = 2026-02-01\nlearnt = \"Ny kunnskap\"\ndecision = \"reassess\"\n"
        ),
    );
    let json = lib.run(&["due", "--format", "json"]).code(0).json();
    let reasons: Vec<(String, String)> = json["practices"][0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap().to_string(),
                r["detail"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let pairs: Vec<(&str, &str)> = reasons.iter().map(|(k, d)| (k.as_str(), d.as_str())).collect();
    assert_eq!(
        pairs,
        [
            (
                "review-interval",
                "assessed 2024-11-23; the review interval of 24 months ended 2026-11-23"
            ),
            (
                "criteria-version",
                "assessed against criteria version 2017.1; the current version is 2018.2"
            ),
            ("follow-up", "the follow-up of 2026-02-01 decided to reassess"),
            (
                "knowledge-need",
                "open since 2023-01-10 (more than 24 months): Effekt over tid"
            ),
        ],
        "{json}"
    );
}
