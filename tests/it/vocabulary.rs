//! Controlled vocabularies: a facet in the criteria declares its values, each with synonyms. `validate` warns on a
//! tag outside the vocabulary (with a did-you-mean); the sheets, the index, the site and `list` show, count and
//! filter by the canonical value, so one group is not split by two spellings.

use std::fs;

use testkit::{practice_toml, Lib};

/// A practice tagged with these target groups (and a theme, a facet without a vocabulary).
fn tagged(name: &str, groups: &str) -> String {
    practice_toml(name).replace(
        "[tags]\ntheme = [\"Arbeid\"]\n",
        &format!("[tags]\ntheme = [\"Hva som helst\"]\ntarget_group = {groups}\n"),
    )
}

fn library() -> Lib {
    Lib::new()
        .practice("a", &[("practice.toml", &tagged("A", r#"["Ungdom"]"#))])
        .practice("b", &[("practice.toml", &tagged("B", r#"["Unge voksne", "ungdom"]"#))])
        .practice(
            "c",
            &[("practice.toml", &tagged("C", r#"["Ungdommer", "Straffedømte"]"#))],
        )
}

#[test]
fn validate_warns_on_a_value_outside_the_vocabulary_with_a_did_you_mean() {
    let lib = library();
    let json = lib.run(&["validate", "--format", "json"]).code(0).json();
    let findings: Vec<(String, String, String, String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| {
            let practice = g["practice"].as_str().unwrap().to_string();
            g["findings"].as_array().unwrap().iter().map(move |f| {
                let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
                (practice.clone(), s("code"), s("key_path"), s("message"), s("help"))
            })
        })
        // The practices share the test template's text, so they are near-duplicates (tests/it/similar.rs).
        .filter(|f| f.1 != "near-duplicate")
        .collect();
    // Only C's «Ungdommer»: synonyms, other cases and free-text facets are fine.
    assert_eq!(
        findings,
        [(
            "c".to_string(),
            "not-in-vocabulary".to_string(),
            "tags.target_group[0]".to_string(),
            "«Ungdommer» is not a value of the facet «Målgruppe»".to_string(),
            "did you mean `Ungdom`?".to_string()
        )]
    );
    assert_eq!(json["findings"][0]["findings"][0]["severity"], "warning");
}

#[test]
fn index_site_and_list_use_the_canonical_value() {
    let lib = library();
    lib.run(&["render", "--out", "ark"]).code(0);
    let index = lib.read("ark/index.md");
    let section = &index[index.find("## Målgruppe").unwrap()..index.find("## Tema").unwrap()];
    let values: Vec<&str> = section.lines().filter(|l| l.starts_with("### ")).collect();
    // «Ungdommer» is outside the vocabulary: shown as written, after the warning.
    assert_eq!(values, ["### Straffedømte", "### Ungdom", "### Ungdommer"]);
    let ungdom = &section[section.find("### Ungdom\n").unwrap()..section.find("### Ungdommer").unwrap()];
    assert_eq!(ungdom.matches("\n- ").count(), 2, "A and B under one value: {ungdom}");
    // The sheet shows a value and its synonym once.
    let sheet = lib.read("ark/b.md");
    assert!(sheet.contains("| Målgruppe | Ungdom |"), "{sheet}");

    // The site: one facet value, counted for both.
    lib.run(&["site", "--out", "nett"]).code(0);
    let js = fs::read_to_string(lib.join("nett/data/index.js")).unwrap();
    let json: serde_json::Value = serde_json::from_str(
        js.lines()
            .find_map(|l| l.strip_prefix("window.PRACTICE_INDEX = "))
            .unwrap()
            .trim_end_matches(';'),
    )
    .unwrap();
    let facet = json["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "target_group")
        .unwrap();
    let values: Vec<&str> = facet["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().or_else(|| v["value"].as_str()).unwrap())
        .collect();
    assert!(
        values.contains(&"Ungdom") && !values.contains(&"Unge voksne"),
        "{values:?}"
    );

    // `list --where` by a synonym or by the value finds both, and lists the canonical value.
    for wanted in ["Unge voksne", "ungdom"] {
        let json = lib
            .run(&["list", "--where", &format!("target_group={wanted}"), "--format", "json"])
            .code(0)
            .json();
        let rows = json["practices"].as_array().unwrap();
        let slugs: Vec<&str> = rows.iter().map(|r| r["slug"].as_str().unwrap()).collect();
        assert_eq!(slugs, ["a", "b"], "{wanted}");
        assert_eq!(rows[1]["tags"]["target_group"], serde_json::json!(["Ungdom"]));
    }
}
