//! File safety: what the tool writes, it writes atomically, only where it may, and never over a hand-written file.
//! Reading commands write nothing at all (the hostile suite checks that for malformed input; here for a whole
//! valid library), `new` creates exactly one file, and no module writes a file except through the write stage.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use testkit::Lib;

const CRITERIA: &str = include_str!("../../criteria.toml");

fn practice(dir: &Path) -> Command {
    let mut cmd = testkit::command();
    cmd.current_dir(dir);
    cmd
}

#[test]
fn reading_commands_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    testkit::synth::write_library(dir.path(), CRITERIA, 60, 4).unwrap();
    let before = testkit::folder_state(dir.path());
    for args in [
        &["validate"][..],
        &["validate", "--format", "json"],
        &["score"],
        &["score", "--format", "json"],
        &["score", "--format", "csv"],
        &["--help"],
        &["new", "--help"],
    ] {
        let output = practice(dir.path()).args(args).output().unwrap();
        assert!(output.status.code().is_some_and(|c| c <= 1), "{args:?}: {output:?}");
        assert!(
            before == testkit::folder_state(dir.path()),
            "`practice {}` changed the library",
            args.join(" ")
        );
    }
}

#[test]
fn new_creates_exactly_one_file() {
    let dir = Lib::new();
    let before = testkit::folder_state(dir.path());
    practice(dir.path())
        .args(["new", "ny-praksis", "--format", "yaml"])
        .assert()
        .success();
    let after = testkit::folder_state(dir.path());
    let added: Vec<&PathBuf> = after.keys().filter(|p| !before.contains_key(*p)).collect();
    assert_eq!(
        added,
        [
            Path::new("practices/ny-praksis"),
            Path::new("practices/ny-praksis/practice.yaml")
        ]
    );
    assert!(before.iter().all(|(path, content)| after.get(path) == Some(content)));
    // Again: refused, and nothing changes.
    let once = testkit::folder_state(dir.path());
    practice(dir.path()).args(["new", "ny-praksis"]).assert().code(2);
    assert!(once == testkit::folder_state(dir.path()));
}

#[cfg(unix)]
#[test]
fn new_never_follows_a_link_out_of_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("criteria.toml"), CRITERIA).unwrap();
    fs::create_dir(dir.path().join("practices")).unwrap();
    // A dangling link where the new folder would go, and a link to a folder outside.
    std::os::unix::fs::symlink(outside.path().join("ny"), dir.path().join("practices/dangling")).unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("practices/utenfor")).unwrap();
    let before = testkit::folder_state(dir.path());
    for slug in ["dangling", "utenfor"] {
        practice(dir.path()).args(["new", slug]).assert().code(2);
    }
    assert!(before == testkit::folder_state(dir.path()));
    assert_eq!(
        fs::read_dir(outside.path()).unwrap().count(),
        0,
        "wrote outside the library"
    );
}

#[test]
fn new_where_the_practices_folder_is_a_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("criteria.toml"), testkit::bundled_criteria_text()).unwrap();
    fs::write(dir.path().join("practices"), "not a folder").unwrap();
    let before = testkit::folder_state(dir.path());
    practice(dir.path()).args(["new", "a"]).assert().code(2);
    assert!(before == testkit::folder_state(dir.path()));
}

/// Writes go through `src/write/mod.rs`, which makes them atomic and safe. Any other module that writes, renames or
/// removes a file directly fails this test: use `write::write_inside` / `write_if_changed` / `create_new`.
/// Test modules and creating folders are exempt (the synthetic-library generator lives in `testkit/`, outside `src/`).
#[test]
fn only_the_write_stage_writes_files() {
    let forbidden = [
        "fs::write(",
        "File::create(",
        "OpenOptions::new()",
        "fs::rename(",
        "fs::remove_file(",
        "fs::copy(",
        "fs::hard_link(",
    ];
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src.clone()];
    let mut offenders = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
            if path.extension().is_none_or(|e| e != "rs") || relative == "write/mod.rs" {
                continue;
            }
            let text = fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for (number, line) in code.lines().enumerate() {
                if !line.trim_start().starts_with("//") && forbidden.iter().any(|f| line.contains(f)) {
                    offenders.push(format!("src/{relative}:{}: {}", number + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "files written outside the write stage:\n{}",
        offenders.join("\n")
    );
}
