//! Shared helpers for CLI tests: a temporary library with the bundled criteria, and a command runner.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary library: `criteria.toml` (the bundled one) and `practices/`.
pub struct TempLibrary {
    pub dir: tempfile::TempDir,
}

impl TempLibrary {
    pub fn new() -> TempLibrary {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::copy(repo().join("criteria.toml"), dir.path().join("criteria.toml")).expect("copy criteria");
        fs::create_dir(dir.path().join("practices")).expect("practices dir");
        TempLibrary { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Write a file relative to the library folder, creating folders.
    pub fn write(&self, relative: &str, content: &str) -> PathBuf {
        let path = self.path().join(relative);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(&path, content).expect("write");
        path
    }

    /// Copy a bundled practice folder into this library.
    pub fn copy_practice(&self, slug: &str) {
        let from = repo().join("practices").join(slug);
        let to = self.path().join("practices").join(slug);
        copy_dir(&from, &to);
    }

    /// `practice` run in the library folder, with a fixed "today".
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("practice").expect("binary");
        cmd.current_dir(self.path())
            .env("PRACTICE_TODAY", "2026-11-23")
            .env("NO_COLOR", "1");
        cmd
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read dir").flatten() {
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
        "criteria = \"imdi-god-praksis\"\ncriteria_version = \"2018.1\"\nassessors = [\"test\"]\n\n[answers]\n",
    );
    for id in ids {
        let value = if id == "21b" { reverse_answer } else { answer };
        text.push_str(&format!("\"{id}\" = \"{value}\"\n"));
    }
    text
}

/// The frozen date every test runs at (the same as `PRACTICE_TODAY` for the binary).
pub const TODAY: &str = "2026-11-23";

/// Checks against `criteria` as of [`TODAY`].
#[allow(dead_code)]
pub fn checks(criteria: &practice::model::Criteria) -> practice::validate::Checks<'_> {
    practice::validate::Checks::new(criteria, practice::model::PartialDate::parse(TODAY).unwrap())
}
