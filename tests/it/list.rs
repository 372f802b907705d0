//! `practice list`: filters by facet, label, class, score and phase; deterministic table, CSV and JSON; usage errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn criteria_file() -> PathBuf {
    manifest().join("criteria.toml")
}

fn fixture_library() -> PathBuf {
    manifest().join("tests/fixtures/render/library")
}

fn list(root: &Path, args: &[&str]) -> (i32, String, String) {
    let output = testkit::command()
        .arg("--criteria")
        .arg(criteria_file())
        .arg("--root")
        .arg(root)
        .arg("list")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn listed_slugs(json: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    value["practices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn list_where_tema_prints_exactly_the_matching_practices_of_the_bundled_library() {
    use practice::model::criteria::Criteria;
    use practice::model::Library;
    let criteria = Criteria::load(&criteria_file()).unwrap();
    let root = manifest().join("practices");
    let library = Library::load(&root, &testkit::checks(&criteria)).unwrap();
    // Every theme tag in the library, and which practices carry it (read straight from the model).
    let mut by_tag: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for entry in &library.practices {
        for tag in entry.practice.iter().flat_map(|p| p.value.tags.get("theme")).flatten() {
            by_tag.entry(tag.to_lowercase()).or_default().push(entry.slug.clone());
        }
    }
    assert!(!by_tag.is_empty());
    for (tag, slugs) in &by_tag {
        let (code, stdout, stderr) = list(&root, &["--where", &format!("tema={tag}"), "--format", "json"]);
        assert!(code == 0 || code == 1, "{stderr}");
        let mut listed = listed_slugs(&stdout);
        listed.sort();
        let mut expected = slugs.clone();
        expected.sort();
        expected.dedup();
        assert_eq!(listed, expected, "tema={tag}");
    }
}

#[test]
fn list_filters_by_facet_label_class_score_and_phase() {
    let root = fixture_library();
    let slugs = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        let (code, stdout, stderr) = list(&root, &all);
        assert_eq!(code, 0, "{stderr}");
        listed_slugs(&stdout)
    };
    assert_eq!(
        slugs(&["--where", "tema=ARBEID"]),
        ["sprakpraksis-grimstad", "ssa-sprakombud-nav-frogner"]
    );
    assert_eq!(slugs(&["--where", "type tiltak=kurs"]), ["ssa-sprakombud-nav-frogner"]);
    assert_eq!(
        slugs(&["--where", "Type_Tiltak=Språkpraksis", "--where", "region=agder"]),
        ["sprakpraksis-grimstad"]
    );
    assert_eq!(
        slugs(&["--where", "kommune=*kommune", "--where", "name=*språk*"]).len(),
        2
    );
    assert_eq!(slugs(&["--class", "god"]), ["sprakpraksis-grimstad"]);
    assert_eq!(slugs(&["--class", "God praksis"]), ["sprakpraksis-grimstad"]);
    assert!(slugs(&["--class", "lovende"]).is_empty());
    assert_eq!(slugs(&["--class", "not-assessed"]), ["ssa-sprakombud-nav-frogner"]);
    for min in ["79", "79%", "79 %"] {
        assert_eq!(slugs(&["--min-score", min]), ["sprakpraksis-grimstad"], "{min}");
    }
    assert!(slugs(&["--min-score", "80"]).is_empty());
    assert_eq!(slugs(&["--phase", "nominert"]), ["ssa-sprakombud-nav-frogner"]);
    assert_eq!(slugs(&["--phase", "assessed"]), ["sprakpraksis-grimstad"]);
}

#[test]
fn list_outputs_are_deterministic_and_parseable() {
    let root = fixture_library();
    let (code, table, stderr) = list(&root, &[]);
    assert_eq!(code, 0);
    assert!(stderr.contains("2 of 2 practices match"));
    assert!(table.contains("Språkpraksis i Grimstad"));
    assert!(table.contains("79%"));
    assert_eq!(list(&root, &[]).1, table);
    insta::assert_snapshot!("fixture_library_table", table);

    let (_, csv, _) = list(&root, &["--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("slug,name,municipality,organisation,region,phase,total,class,complete"));
    assert!(lines[0].ends_with(",field,target_group,theme,measure_type"));
    assert_eq!(lines.len(), 3);
    assert!(lines[1].starts_with("sprakpraksis-grimstad,Språkpraksis i Grimstad,Grimstad kommune,"));
    assert!(lines[1].contains(",god,true,"));
    assert!(lines[1].ends_with(",Introduksjonsprogrammet,Nyankomne flyktninger,Språkopplæring; Arbeid,Språkpraksis"));
    insta::assert_snapshot!("fixture_library_csv", csv);

    let (_, json, _) = list(&root, &["--format", "json", "--where", "slug=sprakpraksis-grimstad"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let grimstad = &value["practices"][0];
    assert_eq!(grimstad["class"], "god");
    assert_eq!(grimstad["tags"]["theme"][1], "Arbeid");
    assert_eq!(grimstad["criteria"][0]["id"], "beskrivelse");
    assert_eq!(value["criteria"]["version"], "2018.2");
}

#[test]
fn list_rejects_unknown_keys_classes_and_scores_with_exit_code_2() {
    let root = fixture_library();
    let (code, stdout, stderr) = list(&root, &["--where", "temaer=Arbeid"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("unknown key `temaer`"), "{stderr}");
    assert!(stderr.contains("did you mean `tema`?"), "{stderr}");
    assert!(
        stderr.contains(
            "valid keys: field (Fagområde), target_group (Målgruppe), theme (Tema), measure_type (Type tiltak), municipality, organisation, region, name, slug"
        ),
        "{stderr}"
    );
    let (code, _, stderr) = list(&root, &["--where", "tema"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("KEY=VALUE"), "{stderr}");
    let (code, _, stderr) = list(&root, &["--class", "fremragende"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("valid classes: lovende (Lovende praksis), god (God praksis)"),
        "{stderr}"
    );
    let (code, _, stderr) = list(&root, &["--min-score", "150"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("between 0 and 100"), "{stderr}");
    // `1` would be 100 % as a fraction and 1 % as a percentage: refused.
    let (code, stdout, stderr) = list(&root, &["--min-score", "1"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr.trim_end(),
        "error: --min-score takes a percentage, so `1` is ambiguous: write 100 for 100 %, or 1% for 1 %"
    );
    let (code, _, _) = list(&root, &["--phase", "fase-9"]);
    assert_eq!(code, 2);
}

#[test]
fn the_bundled_criteria_file_sets_every_label() {
    use practice::model::criteria::Criteria;
    use practice::model::labels::Labels;
    let criteria = Criteria::load(&criteria_file()).unwrap();
    for (key, _) in Labels::KEYS {
        assert!(
            criteria.labels.contains_key(*key),
            "criteria.toml has no [labels] {key}"
        );
    }
}
