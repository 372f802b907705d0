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

// ---------------------------------------------------------------------------------------------------------------
// Nothing outside, nothing hanging (issue 11, section 3)

/// The bundled library (criteria and practices, with their stored grades) copied into a temporary folder.
fn bundled() -> Lib {
    let lib = Lib::new();
    testkit::copy_dir(&testkit::repo().join("practices"), &lib.join("practices"));
    lib
}

/// The binary run through `sh -c 'ulimit -v KIB; exec practice ARGS'`: reading a 2 GiB file whole fails under it.
fn with_memory_limit(dir: &Path, kib: u64, args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new("sh");
    cmd.current_dir(dir)
        .env("PRACTICE_TODAY", testkit::TODAY)
        .env("NO_COLOR", "1")
        .arg("-c")
        .arg(format!("ulimit -v {kib} && exec \"$0\" \"$@\""))
        .arg(assert_cmd::cargo::cargo_bin("practice"))
        .args(args)
        .timeout(testkit::DEADLINE);
    cmd.output().unwrap()
}

fn mkfifo(path: &Path) -> bool {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    let ok = made.is_ok_and(|s| s.success());
    if !ok {
        eprintln!("mkfifo unavailable; skipped");
    }
    ok
}

#[cfg(unix)]
#[test]
fn render_never_writes_or_prunes_through_a_link_out_of_the_library() {
    let lib = bundled();
    let outside = tempfile::tempdir().unwrap();
    // A stale generated sheet where the link leads: `--prune` would delete it.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sheet = fs::read(repo.join("anbefalinger/sprakpraksis-grimstad.md")).unwrap();
    fs::write(outside.path().join("gammel.md"), &sheet).unwrap();
    std::os::unix::fs::symlink(outside.path(), lib.path().join("anbefalinger")).unwrap();
    std::os::unix::fs::symlink(outside.path(), lib.path().join("ut")).unwrap();
    let before = testkit::folder_state(outside.path());
    for args in [
        &["render", "--prune"][..],
        &["render", "--prune", "--out", "ut"],
        &["render", "--out", "ut/."],
    ] {
        let output = practice(lib.path()).args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("leads outside the library"), "{args:?}: {stderr}");
        assert!(
            before == testkit::folder_state(outside.path()),
            "{args:?} wrote or deleted outside the library"
        );
    }
    // A folder outside the library named plainly is the user's choice.
    let site = tempfile::tempdir().unwrap();
    practice(lib.path())
        .args(["render", "--quiet", "--out"])
        .arg(site.path())
        .assert()
        .success();
    assert!(site.path().join("index.md").is_file());
}

#[cfg(unix)]
#[test]
fn a_linked_practice_folder_given_with_a_trailing_slash_stays_outside_reach() {
    let lib = bundled();
    let outside = tempfile::tempdir().unwrap();
    let elsewhere = outside.path().join("x");
    fs::rename(lib.path().join("practices/sprakpraksis-grimstad"), &elsewhere).unwrap();
    fs::remove_file(elsewhere.join("score.toml")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, lib.path().join("practices/x")).unwrap();
    let before = testkit::folder_state(outside.path());
    for path in ["practices/x/", "practices/x/.", "practices/x//", "practices/x/../x/"] {
        for command in [&["regrade"][..], &["validate"]] {
            let output = practice(lib.path()).args(command).arg(path).output().unwrap();
            let all = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            assert_ne!(output.status.code(), Some(0), "{command:?} {path}: {all}");
            assert!(all.contains("leads outside the library"), "{command:?} {path}: {all}");
            assert!(!all.contains("sprakpraksis"), "{command:?} {path} read outside: {all}");
        }
        assert!(
            before == testkit::folder_state(outside.path()),
            "regrade {path} wrote outside the library"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_named_score_toml_does_not_make_regrade_wait() {
    let lib = bundled();
    let score = lib.path().join("practices/sprakpraksis-grimstad/score.toml");
    fs::remove_file(&score).unwrap();
    if !mkfifo(&score) {
        return;
    }
    for args in [&["regrade"][..], &["regrade", "--check"], &["regrade", "--dry-run"]] {
        let output = practice(lib.path()).args(args).output().unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(output.status.code(), Some(1), "{args:?}: {all}");
        assert!(
            all.contains("sprakpraksis-grimstad/score.toml: not a regular file"),
            "{args:?}: {all}"
        );
    }
    // A FIFO where a sheet goes is refused by render, which does not wait on it either.
    let sheet = lib.path().join("anbefalinger/sprakpraksis-grimstad.md");
    fs::create_dir_all(sheet.parent().unwrap()).unwrap();
    assert!(mkfifo(&sheet));
    let output = practice(lib.path()).arg("render").output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
}

#[test]
fn a_sparse_two_gib_score_toml_is_refused_before_it_is_read() {
    let lib = bundled();
    let score = lib.path().join("practices/sprakpraksis-grimstad/score.toml");
    fs::File::create(&score).unwrap().set_len(2 << 30).unwrap();
    // 512 MiB of address space: reading the file whole cannot succeed.
    let output = with_memory_limit(lib.path(), 512 * 1024, &["regrade", "--check"]);
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(1), "{all}");
    assert!(all.contains("larger than the limit of 1024 KiB"), "{all}");
    // Not replaced either: it is not a stored grade the tool wrote.
    let output = with_memory_limit(lib.path(), 512 * 1024, &["regrade"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert_eq!(fs::metadata(&score).unwrap().len(), 2 << 30);
}

#[test]
fn an_oversized_sheet_is_replaced_without_being_read_whole() {
    let lib = bundled();
    practice(lib.path()).args(["render", "--quiet"]).assert().success();
    let sheet = lib.path().join("anbefalinger/sprakpraksis-grimstad.md");
    let good = fs::read(&sheet).unwrap();
    // The generated-file marker, then 2 GiB of nothing.
    fs::File::options()
        .write(true)
        .open(&sheet)
        .unwrap()
        .set_len(2 << 30)
        .unwrap();
    let output = with_memory_limit(lib.path(), 512 * 1024, &["render", "--quiet"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(fs::read(&sheet).unwrap(), good);
}

#[test]
fn stale_temporary_files_of_an_interrupted_write_are_removed() {
    let lib = bundled();
    // As `kill -9` during a write leaves them: a process id that cannot be running (above the largest pid_max).
    let stale = [
        "anbefalinger/.sprakpraksis-grimstad.md.practice-4194304-3.tmp",
        "practices/sprakpraksis-grimstad/.score.toml.practice-4194304-0.tmp",
    ];
    // Not ours by name: left alone.
    let foreign = [
        "anbefalinger/.notes.tmp",
        "practices/sprakpraksis-grimstad/.score.toml.swp",
    ];
    fs::create_dir_all(lib.path().join("anbefalinger")).unwrap();
    for name in stale.iter().chain(&foreign) {
        fs::write(lib.path().join(name), "half a file").unwrap();
    }
    // A write in each folder: a changed criteria version restamps every stored grade.
    let criteria = lib.path().join("criteria.toml");
    let text = fs::read_to_string(&criteria).unwrap();
    fs::write(
        &criteria,
        text.replacen("version = \"2018.2\"", "version = \"2018.3\"", 1),
    )
    .unwrap();
    practice(lib.path()).args(["regrade", "--quiet"]).assert().success();
    practice(lib.path()).args(["render", "--quiet"]).assert().success();
    for name in stale {
        assert!(!lib.path().join(name).exists(), "{name} was left behind");
    }
    for name in foreign {
        assert!(lib.path().join(name).exists(), "{name} was removed");
    }
}

/// The one permission case: as root `chmod 000` does not stop reading, so the binary runs as `nobody` through
/// `setpriv` when the tests run as root (and directly otherwise).
#[cfg(unix)]
#[test]
fn an_unreadable_assessment_is_an_io_error_naming_the_file() {
    use std::os::unix::fs::PermissionsExt;
    let lib = bundled();
    let root = std::process::Command::new("id").arg("-u").output().unwrap();
    let as_root = String::from_utf8_lossy(&root.stdout).trim() == "0";
    let mut prefix: Vec<String> = Vec::new();
    if as_root {
        let setpriv = std::process::Command::new("setpriv").arg("--version").output();
        if !setpriv.is_ok_and(|o| o.status.success()) {
            eprintln!("running as root without setpriv; skipped");
            return;
        }
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
            .map(String::from)
            .to_vec();
        // `nobody` must reach the library and the binary.
        let mut dir = Some(lib.path());
        while let Some(d) = dir {
            let mode = fs::metadata(d).unwrap().permissions().mode();
            fs::set_permissions(d, fs::Permissions::from_mode(mode | 0o755)).unwrap();
            dir = d
                .parent()
                .filter(|p| p.starts_with(std::env::temp_dir()) && *p != std::env::temp_dir());
        }
        let binary = assert_cmd::cargo::cargo_bin("practice");
        let reachable = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(&binary)
            .arg("--help")
            .output();
        if !reachable.is_ok_and(|o| o.status.success()) {
            eprintln!("the binary is not reachable for nobody; skipped");
            return;
        }
    }
    let assessment = lib.path().join("practices/sprakpraksis-grimstad/assessment.toml");
    fs::set_permissions(&assessment, fs::Permissions::from_mode(0o000)).unwrap();
    for args in [&["regrade", "--check"][..], &["validate"], &["score"]] {
        let mut cmd = match prefix.split_first() {
            Some((program, rest)) => {
                let mut cmd = Command::new(program);
                cmd.args(rest).arg(assert_cmd::cargo::cargo_bin("practice"));
                cmd
            }
            None => Command::cargo_bin("practice").unwrap(),
        };
        let output = cmd
            .current_dir(lib.path())
            .env("PRACTICE_TODAY", testkit::TODAY)
            .env("NO_COLOR", "1")
            .args(args)
            .timeout(testkit::DEADLINE)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
        assert!(
            stderr.contains("sprakpraksis-grimstad/assessment.toml"),
            "{args:?}: {stderr}"
        );
    }
}

/// Did-you-mean hints compare a key with every candidate: 20,000 unknown answers (a file near 1 MiB) against 10,000
/// questions must not cost 200 million comparisons. Only the first hints of a file are computed.
#[test]
fn did_you_mean_on_a_huge_assessment_against_huge_criteria_stays_practice() {
    let dir = tempfile::tempdir().unwrap();
    let mut criteria = String::from(
        "id = \"t\"\nversion = \"1\"\ntitle = \"T\"\n[not_applicable]\nkey = \"na\"\nlabel = \"N/A\"\n\
         [scales.yn]\nnot_applicable = true\noptions = [{ key = \"ja\", label = \"Ja\", points = 1 }, \
         { key = \"nei\", label = \"Nei\", points = 0 }]\n[classification]\n\
         bands = [{ key = \"lovende\", label = \"L\", min = 0.0 }, { key = \"god\", label = \"G\", min = 0.5 }]\n\
         [[criteria]]\nid = \"a\"\nlabel = \"A\"\nscale = \"yn\"\n",
    );
    for i in 0..10_000 {
        criteria.push_str(&format!(
            "[[criteria.questions]]\nid = \"sporsmal-{i:05}\"\ntext = \"S {i}\"\n"
        ));
    }
    fs::write(dir.path().join("criteria.toml"), criteria).unwrap();
    let mut assessment = String::from("criteria = \"t\"\ncriteria_version = \"1\"\nassessors = [\"a\"]\n[answers]\n");
    let mut i = 0;
    while assessment.len() < 1000 * 1024 {
        assessment.push_str(&format!("\"sporsmaal-{i:06}-x\" = \"ja\"\n"));
        i += 1;
    }
    let folder = dir.path().join("practices/a");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("practice.toml"), "name = \"A\"\n").unwrap();
    fs::write(folder.join("assessment.toml"), assessment).unwrap();
    let output = practice(dir.path())
        .args(["validate", "--format", "json"])
        // Without the cap this takes hours (20,000 hints × 10,000 candidates). With it, each of the 20 hints still
        // scans all 10,000 questions (~8 s in a debug build on an idle machine) until `diagnostic::suggest` bounds
        // its own work (branch diag); hence a deadline loose enough for a loaded CI machine.
        .timeout(testkit::DEADLINE)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.matches("unknown-question").count() >= 20_000,
        "{}",
        &stdout[..2000.min(stdout.len())]
    );
    assert!(stdout.matches("did you mean").count() <= practice::validate::MAX_HINTS_PER_FILE);
}

/// Every command's `--help` puts the global options under their own heading, after the command's own options.
#[test]
fn help_lists_global_options_under_their_own_heading() {
    use clap::CommandFactory;
    let cli = practice::cli::Cli::command();
    let mut paths: Vec<Vec<String>> = vec![vec![]];
    for sub in cli.get_subcommands() {
        paths.push(vec![sub.get_name().to_owned()]);
        for inner in sub.get_subcommands() {
            paths.push(vec![sub.get_name().to_owned(), inner.get_name().to_owned()]);
        }
    }
    for path in paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let run = testkit::run_in(std::path::Path::new("."), &args);
        assert_eq!(run.code, 0, "{args:?}");
        let (own, global) = run.stdout.split_once("\nGlobal options:\n").unwrap_or_else(|| {
            panic!(
                "`practice {}` has no «Global options» heading:\n{}",
                args.join(" "),
                run.stdout
            )
        });
        let flags = |text: &str| {
            ["--criteria", "--root", "--quiet", "--color", "--message-format"]
                .into_iter()
                .filter(|flag| {
                    text.lines().any(|line| {
                        let option = line.trim_start().trim_start_matches("-q, ");
                        option.split_whitespace().next() == Some(flag)
                    })
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            flags(own),
            Vec::<&str>::new(),
            "`practice {}` lists a global option among its own",
            args.join(" ")
        );
        assert_eq!(
            flags(global),
            ["--criteria", "--root", "--quiet", "--color", "--message-format"],
            "`practice {}`",
            args.join(" ")
        );
    }
}
