//! Stable links: `aliases` (old slugs) in practice.toml. Validation rejects an alias that collides with a slug, the
//! practice's own slug or another practice's alias; a link by an old slug is a warning and resolves in the sheets.
//! (The site's redirect pages are tested in `site.rs`.)

use testkit::{practice_toml, Lib};

fn with_aliases(name: &str, aliases: &str) -> String {
    format!("aliases = {aliases}\n{}", practice_toml(name))
}

/// (practice, severity, code, key path, message) of every finding.
fn findings(lib: &Lib) -> Vec<(String, String, String, String, String)> {
    let json = lib.run(&["validate", "--format", "json"]).json();
    let mut out = Vec::new();
    for group in json["findings"].as_array().unwrap() {
        for f in group["findings"].as_array().unwrap() {
            let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
            out.push((
                group["practice"].as_str().unwrap().to_string(),
                s("severity"),
                s("code"),
                s("key_path"),
                s("message"),
            ));
        }
    }
    out
}

#[test]
fn validate_rejects_an_alias_that_collides_and_warns_on_a_link_by_an_old_slug() {
    let lib = Lib::new()
        .practice(
            "ny",
            &[(
                "practice.toml",
                &with_aliases("Ny praksis", r#"["gammel", "ny", "annen", "Ugyldig slug", "felles"]"#),
            )],
        )
        .practice("annen", &[("practice.toml", &practice_toml("Annen praksis"))])
        .practice(
            "tredje",
            &[("practice.toml", &with_aliases("Tredje praksis", r#"["felles"]"#))],
        )
        .practice(
            "lenker",
            &[(
                "practice.toml",
                &format!(
                    "variant_of = \"gammel\"\n{}\n[[related]]\nslug = \"borte\"\n",
                    practice_toml("Lenker")
                ),
            )],
        );
    let row = |p: &str, sev: &str, code: &str, path: &str, msg: &str| {
        (
            p.to_string(),
            sev.to_string(),
            code.to_string(),
            path.to_string(),
            msg.to_string(),
        )
    };
    // The practices share the test template's text, so they are near-duplicates of one another (tests/it/similar.rs).
    let mut got: Vec<_> = findings(&lib).into_iter().filter(|f| f.2 != "near-duplicate").collect();
    got.sort();
    assert_eq!(
        got,
        [
            row(
                "lenker",
                "error",
                "unknown-practice",
                "related[0].slug",
                "no practice `borte` in the library"
            ),
            row(
                "lenker",
                "warning",
                "old-slug",
                "variant_of",
                "`gammel` is an old slug of `ny`"
            ),
            row(
                "ny",
                "error",
                "alias-collision",
                "aliases[1]",
                "alias `ny` is the practice's own slug"
            ),
            row(
                "ny",
                "error",
                "alias-collision",
                "aliases[2]",
                "alias `annen` is the slug of another practice in the library"
            ),
            row(
                "ny",
                "error",
                "alias-collision",
                "aliases[4]",
                "alias `felles` is also an alias of tredje"
            ),
            row(
                "ny",
                "error",
                "invalid-slug",
                "aliases[3]",
                "alias `Ugyldig slug` is not a slug (lower-case a–z, digits and `-`)"
            ),
            row(
                "tredje",
                "error",
                "alias-collision",
                "aliases[0]",
                "alias `felles` is also an alias of ny"
            ),
        ]
    );
    lib.run(&["validate"]).code(1);
    // Every finding names its line and column.
    let json = lib.run(&["validate", "--format", "json"]).json();
    for group in json["findings"].as_array().unwrap() {
        // A near-duplicate cluster is about the whole file, so it has no line.
        for f in group["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] != "near-duplicate")
        {
            assert!(f["location"]["line"].as_u64().is_some_and(|l| l >= 1), "{f}");
        }
    }
}

#[test]
fn a_link_by_an_old_slug_resolves_in_the_sheets() {
    let lib = Lib::new()
        .practice("ny", &[("practice.toml", &with_aliases("Ny praksis", r#"["gammel"]"#))])
        .practice(
            "lenker",
            &[(
                "practice.toml",
                &format!(
                    "variant_of = \"gammel\"\n{}\n[[related]]\nslug = \"gammel\"\nrelation = \"se også\"\n",
                    practice_toml("Lenker")
                ),
            )],
        );
    // Only the warning: a valid library.
    lib.run(&["validate"]).code(0);
    lib.run(&["render", "--out", "ark"]).code(0);
    let sheet = lib.read("ark/lenker.md");
    let related: Vec<&str> = sheet.lines().filter(|l| l.contains("(ny.md)")).collect();
    assert_eq!(
        related,
        [
            "| Variant av | [Ny praksis](ny.md) |",
            "- [Ny praksis](ny.md) – se også"
        ],
        "{sheet}"
    );
    assert!(!sheet.contains("gammel"), "{sheet}");
    assert!(
        !lib.join("ark/gammel.md").exists(),
        "redirects are the site's; a sheet links to the new name"
    );
}
