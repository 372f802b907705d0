//! The criteria the render targets choose from, in the order `tests/it/properties.rs` loads them (the bundled file,
//! then `tests/fixtures/criteria/` by file name), so a fuzz input replays the same in `cargo test`.

use std::path::Path;
use std::sync::OnceLock;

use practice::model::criteria::Criteria;
use practice::load::source::{Format, SourceFile};

pub fn all() -> &'static [Criteria] {
    static ALL: OnceLock<Vec<Criteria>> = OnceLock::new();
    ALL.get_or_init(|| {
        [
            ("criteria.toml", include_str!("../../criteria.toml")),
            (
                "imdi-2019-draft.toml",
                include_str!("../../tests/fixtures/criteria/imdi-2019-draft.toml"),
            ),
            ("kum.toml", include_str!("../../tests/fixtures/criteria/kum.toml")),
            (
                "socialstyrelsen.yaml",
                include_str!("../../tests/fixtures/criteria/socialstyrelsen.yaml"),
            ),
            (
                "sof-nav.toml",
                include_str!("../../tests/fixtures/criteria/sof-nav.toml"),
            ),
            (
                "ungsinn.toml",
                include_str!("../../tests/fixtures/criteria/ungsinn.toml"),
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
