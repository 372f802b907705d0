//! Fuzz the renderer from structured input, past the parsers: the bytes choose the criteria (bundled or a fixture),
//! a pool of free texts and every other choice of a practice, its evidence and its assessment
//! (`render_checks::entry_from`), so nearly every input reaches the renderer with hostile text in every field.
//! Checked as `render_files` checks (see `tests/support/render_checks.rs`).
//!
//! Input: byte 0 picks the criteria; byte 1 the number of texts (1–16); then each text as a length byte and that
//! many bytes (even first byte: pieces of `render_checks::HOSTILE`; odd: the bytes as UTF-8, lossily); the rest is
//! the tape of choices.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use practice::criteria::Criteria;
use practice::source::{Format, SourceFile};

#[path = "../../tests/support/render_checks.rs"]
mod render_checks;

fn all_criteria() -> &'static [Criteria] {
    static ALL: OnceLock<Vec<Criteria>> = OnceLock::new();
    ALL.get_or_init(|| {
        [
            ("criteria.toml", include_str!("../../criteria.toml")),
            ("kum.toml", include_str!("../../tests/fixtures/criteria/kum.toml")),
            (
                "sof-nav.toml",
                include_str!("../../tests/fixtures/criteria/sof-nav.toml"),
            ),
            (
                "ungsinn.toml",
                include_str!("../../tests/fixtures/criteria/ungsinn.toml"),
            ),
            (
                "socialstyrelsen.yaml",
                include_str!("../../tests/fixtures/criteria/socialstyrelsen.yaml"),
            ),
        ]
        .iter()
        .map(|(name, text)| {
            let format = Format::from_path(Path::new(name)).expect("a known extension");
            let source = SourceFile::from_text(Path::new(name), format, text.to_string());
            Criteria::from_source(&source).expect("the criteria fixtures load")
        })
        .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let all = all_criteria();
    let (Some(&which), Some(&count)) = (data.first(), data.get(1)) else {
        return;
    };
    let criteria = &all[usize::from(which) % all.len()];
    let mut at = 2;
    let mut texts = Vec::new();
    for _ in 0..(usize::from(count) % 16 + 1) {
        let Some(&len) = data.get(at) else { break };
        let end = (at + 1 + usize::from(len)).min(data.len());
        let bytes = &data[at + 1..end];
        at = end;
        texts.push(match bytes.split_first() {
            Some((first, rest)) if first % 2 == 0 => render_checks::text_from(rest),
            Some((_, rest)) => String::from_utf8_lossy(rest).into_owned(),
            None => String::new(),
        });
    }
    let entry = render_checks::entry_from(criteria, &texts, &data[at.min(data.len())..]);
    let other = texts.last().cloned().unwrap_or_default();
    if let Err(problem) = render_checks::check_practice(criteria, &entry, &render_checks::other_names(&other)) {
        panic!("{problem}");
    }
});
