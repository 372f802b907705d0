//! Test tooling for `practice` (`publish = false`, never part of the product).
//!
//! * [`Lib`] — the one temporary library the integration tests (`tests/it/`) build and run the binary in:
//!   `Lib::new().criteria(..).practice(slug, files).bundled(slugs)`, then `lib.run(&["score", …])`. Every run has a
//!   deadline ([`DEADLINE`]), the frozen date [`TODAY`] and no colour, and fails the test on a panic (exit 101).
//! * [`synth`] — synthetic libraries for benchmarks, fuzzing corpora and scale tests (`examples/synth.rs`).
//! * [`robustness`] — the entry points the cargo-fuzz targets and the property tests share.
//! * [`render_checks`] — structure checks of rendered sheets and charts, for the property test and the fuzz targets.

/// The GFM parser of the render checks, for tests that parse a report the way GitHub shows it.
pub use comrak;
pub mod render_checks;
pub mod robustness;
pub mod synth;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The frozen date every test runs at: `PRACTICE_TODAY` for the binary, and [`checks`] for the library.
pub const TODAY: &str = "2026-11-23";

/// Generous: a run takes milliseconds; only a hang gets near this.
pub const DEADLINE: Duration = Duration::from_secs(60);

/// The repository root (the `practice` package).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("testkit sits in the repository")
        .to_path_buf()
}

/// The bundled `criteria.toml`.
pub fn bundled_criteria_text() -> String {
    read(&repo().join("criteria.toml"))
}

/// A file of the repository as text, e.g. `fixture("tests/fixtures/criteria/sof-nav.toml")`.
pub fn fixture(relative: &str) -> String {
    read(&repo().join(relative))
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Checks against `criteria` as of [`TODAY`].
pub fn checks(criteria: &practice::model::Criteria) -> practice::validate::Checks<'_> {
    practice::validate::Checks::new(
        criteria,
        practice::model::PartialDate::parse(TODAY).expect("TODAY parses"),
    )
}

/// The binary as a command: no colour, [`TODAY`], the [`DEADLINE`], stdin empty. Runs in the current folder; set
/// `current_dir` or pass `--root`.
pub fn command() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin("practice"));
    cmd.env("PRACTICE_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .timeout(DEADLINE)
        .write_stdin("");
    cmd
}

/// Run `args` in `dir` (see [`Run::of`]).
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    Run::of(command().current_dir(dir).args(args), args)
}

/// The outcome of one run of the binary.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Run `cmd` (whose arguments `args` are, for messages); fails the test when it hung past the deadline, was
    /// killed, or panicked (exit 101).
    pub fn of(cmd: &mut assert_cmd::Command, args: &[&str]) -> Run {
        let started = Instant::now();
        let output = cmd
            .output()
            .unwrap_or_else(|e| panic!("`practice {}`: {e}", args.join(" ")));
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        let Some(code) = output.status.code() else {
            if started.elapsed() >= DEADLINE {
                panic!("`practice {}` hung: killed after {DEADLINE:?}", args.join(" "));
            }
            panic!(
                "`practice {}` was killed ({}):\n{stderr}",
                args.join(" "),
                output.status
            );
        };
        assert_ne!(code, 101, "`practice {}` panicked:\n{stderr}", args.join(" "));
        Run { code, stdout, stderr }
    }

    /// Standard output, then standard error.
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// Standard output parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}\n{}", self.stdout, self.stderr))
    }

    /// Assert the exit code (showing the output when it differs) and return the run.
    #[track_caller]
    pub fn code(self, expected: i32) -> Run {
        assert_eq!(self.code, expected, "exit code; output:\n{}", self.all());
        self
    }
}

/// A library in a temporary folder, removed when dropped: `criteria.toml` and `practices/`.
///
/// `Lib::new()` starts with the bundled criteria and no practice; the builder methods add to it. [`Lib::write`] and
/// friends change it later. Paths are relative to the library folder.
pub struct Lib {
    dir: tempfile::TempDir,
}

impl Default for Lib {
    fn default() -> Self {
        Lib::new()
    }
}

impl Lib {
    /// The bundled `criteria.toml` and an empty `practices/`.
    pub fn new() -> Lib {
        Lib::empty().criteria(&bundled_criteria_text())
    }

    /// An empty `practices/` and no criteria file.
    pub fn empty() -> Lib {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir(dir.path().join("practices")).expect("practices dir");
        Lib { dir }
    }

    /// `criteria.toml` with this text (see [`fixture`] for the criteria of `tests/fixtures/`).
    pub fn criteria(self, text: &str) -> Lib {
        self.write("criteria.toml", text);
        self
    }

    /// `practices/<slug>/` with these files: (file name or path inside the folder, content).
    pub fn practice(self, slug: &str, files: &[(&str, &str)]) -> Lib {
        fs::create_dir_all(self.join(&format!("practices/{slug}"))).expect("practice dir");
        for (name, content) in files {
            self.write(&format!("practices/{slug}/{name}"), content);
        }
        self
    }

    /// Copies of these bundled practice folders (everything in them, `assessments/` and `score.toml` included).
    pub fn bundled(self, slugs: &[&str]) -> Lib {
        for slug in slugs {
            copy_dir(
                &repo().join("practices").join(slug),
                &self.join(&format!("practices/{slug}")),
            );
        }
        self
    }

    /// The library folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the library folder.
    pub fn join(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// Write a file (creating its folders).
    pub fn write(&self, relative: &str, content: impl AsRef<[u8]>) -> &Lib {
        let path = self.join(relative);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(&path, content).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        self
    }

    /// A file of the library as text.
    pub fn read(&self, relative: &str) -> String {
        read(&self.join(relative))
    }

    /// The binary as a command in the library folder (see [`command`]), for runs that need more than arguments.
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = command();
        cmd.current_dir(self.path());
        cmd
    }

    /// Run the binary in the library folder with `args` (see [`Run::of`]).
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.path(), args)
    }
}

/// One entry of [`folder_state`]: a file's contents (or its size when unreadable), a folder, a link's target, or
/// anything else.
#[derive(Debug, PartialEq)]
pub enum Entry {
    File(Vec<u8>),
    Unreadable(u64),
    Dir,
    Link(PathBuf),
    Other,
}

/// What a folder holds, recursively and without following links, keyed by path relative to `root`: compare the
/// state before and after a run to show that the run wrote, renamed or removed nothing.
pub fn folder_state(root: &Path) -> BTreeMap<PathBuf, Entry> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Entry>) {
        let Ok(entries) = fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            let relative = path.strip_prefix(root).unwrap().to_path_buf();
            let meta = fs::symlink_metadata(&path).unwrap();
            let kind = if meta.file_type().is_symlink() {
                Entry::Link(fs::read_link(&path).unwrap())
            } else if meta.is_dir() {
                walk(root, &path, out);
                Entry::Dir
            } else if meta.is_file() {
                match fs::read(&path) {
                    Ok(bytes) => Entry::File(bytes),
                    Err(_) => Entry::Unreadable(meta.len()),
                }
            } else {
                Entry::Other
            };
            out.insert(relative, kind);
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// Copy a folder recursively (files and folders; links are copied as the files they point to).
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from)
        .unwrap_or_else(|e| panic!("{}: {e}", from.display()))
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            fs::copy(&path, to.join(entry.file_name())).expect("copy");
        }
    }
}

/// A minimal valid practice.toml for the bundled criteria.
pub fn practice_toml(name: &str) -> String {
    format!(
        r#"name = "{name}"
summary = "En kort beskrivelse av praksisen som er lang nok."
municipality = "Testkommune"
region = "Agder"
started = 2019

[tags]
theme = ["Arbeid"]

[description]
target_group = "Deltakere i introduksjonsprogrammet."
need = "Deltakerne trenger mer språktrening i arbeidslivet."
goals = "Flere deltakere i arbeid eller utdanning etter programmet."
user_perspective = "Deltakerne velger selv bransje sammen med veilederen."
method = "Språkopplæring på en ordinær arbeidsplass med oppfølging."
context = "En mellomstor kommune med eget NAV-kontor."
activities = "Kartlegging, utplassering, oppfølging av arbeidsgiver og deltaker."
"#
    )
}

/// An assessment answering every bundled question with `answer` (21b with `reverse_answer`).
pub fn full_assessment(answer: &str, reverse_answer: &str) -> String {
    let ids = [
        "1", "2", "3", "4", "5", "5a", "5b", "5c", "6", "6a", "7", "7a", "7b", "7c", "8", "8a", "8b", "8c", "8d", "9",
        "10", "11", "11a", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "21a", "21b", "21c",
    ];
    let mut text = String::from(
        "criteria = \"imdi-god-praksis\"\ncriteria_version = \"2018.2\"\nassessors = [\"test\"]\n\n[answers]\n",
    );
    for id in ids {
        let value = if id == "21b" { reverse_answer } else { answer };
        text.push_str(&format!("\"{id}\" = \"{value}\"\n"));
    }
    text
}
