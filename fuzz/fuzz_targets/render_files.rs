//! Fuzz the renderer from files: the first byte picks TOML or YAML, and the rest is `practice.*`, `evidence.*` and
//! `assessment.*` separated by NUL bytes (which no valid file contains). Each part is loaded as the library loads
//! it, and whatever parses is rendered — sheet, chart and index — and checked by `tests/support/render_checks.rs`:
//! no raw HTML, no foreign link or image, tables keep their shape, user text never changes the sheet's structure,
//! the chart is well-formed XML without script.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use practice::criteria::Criteria;
use practice::library::{Loaded, PracticeEntry};
use practice::robustness::split_input;
use practice::source::{Format, SourceFile};
use serde::de::DeserializeOwned;

#[path = "../../tests/support/render_checks.rs"]
mod render_checks;

fn criteria() -> &'static Criteria {
    static CRITERIA: OnceLock<Criteria> = OnceLock::new();
    CRITERIA.get_or_init(|| {
        let text = include_str!("../../criteria.toml").to_string();
        let source = SourceFile::from_text(Path::new("criteria.toml"), Format::Toml, text);
        Criteria::from_source(&source).expect("the bundled criteria load")
    })
}

fn load<T: DeserializeOwned>(dir: &Path, stem: &str, format: Format, bytes: Option<&[u8]>) -> Option<Loaded<T>> {
    let path = dir.join(format!("{stem}.{}", format.extensions()[0]));
    let source = SourceFile::from_bytes(&path, format, bytes?.to_vec()).ok()?;
    let value = source.parse::<T>().ok()?;
    Some(Loaded { value, path, format })
}

fuzz_target!(|data: &[u8]| {
    let (format, rest) = split_input(data);
    let mut parts = rest.splitn(3, |&b| b == 0);
    let (practice, evidence, assessment) = (parts.next(), parts.next(), parts.next());
    let dir = Path::new("practices/fuzz");
    let entry = PracticeEntry {
        slug: "fuzz".to_string(),
        dir: dir.to_path_buf(),
        practice: load(dir, "practice", format, practice),
        evidence: load(dir, "evidence", format, evidence),
        assessment: load(dir, "assessment", format, assessment),
        assessors: Vec::new(),
        findings: Vec::new(),
    };
    let names = render_checks::other_names("Annen <b>praksis</b> | #1");
    if let Err(problem) = render_checks::check_practice(criteria(), &entry, &names) {
        panic!("{problem}");
    }
});
