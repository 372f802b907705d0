//! Fuzz the renderer from files: the first byte picks TOML or YAML, and the rest is `practice.*`, `evidence.*` and
//! `assessment.*` separated by NUL bytes (which no valid file contains). Each part is loaded as the library loads
//! it, and whatever parses is rendered — sheet, chart and index — and checked by `testkit/src/render_checks.rs`:
//! no raw HTML, no foreign link or image, tables keep their shape, user text never changes the sheet's structure,
//! the chart is well-formed XML without script.
#![no_main]

use libfuzzer_sys::fuzz_target;

use testkit::render_checks;
#[path = "render_criteria.rs"]
mod render_criteria;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = render_checks::check_fuzz_input("render_files", data, render_criteria::all()) {
        panic!("{problem}");
    }
});
