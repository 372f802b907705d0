//! Fuzz the renderer from structured input, past the parsers: the bytes choose the criteria (bundled or a fixture),
//! a pool of free texts and every other choice of a practice, its evidence and its assessment
//! (`render_checks::structured_input` and `render_checks::entry_from`), so nearly every input reaches the renderer
//! with hostile text in every field. Checked as `render_files` checks (see `testkit/src/render_checks.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

use testkit::render_checks;
#[path = "render_criteria.rs"]
mod render_criteria;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = render_checks::check_fuzz_input("render_structured", data, render_criteria::all()) {
        panic!("{problem}");
    }
});
