//! Fuzz the assessment loader: the first byte picks TOML or YAML, the rest is the file.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use practice::model::criteria::Criteria;
use testkit::robustness::{exercise, split_input, FileKind};
use practice::load::source::{Format, SourceFile};

fn criteria() -> &'static Criteria {
    static CRITERIA: OnceLock<Criteria> = OnceLock::new();
    CRITERIA.get_or_init(|| {
        let text = include_str!("../../criteria.toml").to_string();
        let source = SourceFile::from_text(std::path::Path::new("criteria.toml"), Format::Toml, text);
        Criteria::from_source(&source).expect("the bundled criteria load")
    })
}

fuzz_target!(|data: &[u8]| {
    let (format, bytes) = split_input(data);
    exercise(FileKind::Assessment, format, bytes, criteria());
});
