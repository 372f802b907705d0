//! `practice needs`: open knowledge needs (met ones left out, follow-ups' needs included) and the questions most
//! often answered with an option that earns nothing, per fagområde.

use testkit::{full_assessment, practice_toml, Lib};

fn practice(field: &str, needs: &str) -> String {
    practice_toml("P")
        .replace(
            "theme = [\"Arbeid\"]",
            &format!("theme = [\"Arbeid\"]\nfield = [\"{field}\"]"),
        )
        .replace("[tags]", &format!("knowledge_needs = {needs}\n\n[tags]"))
}

#[test]
fn needs_are_grouped_by_field_with_the_most_frequent_no_answers() {
    let all_yes = full_assessment("ja", "nei");
    let no_on_1 = all_yes.replace("\"1\" = \"ja\"", "\"1\" = \"nei\"");
    let no_on_1_and_2 = no_on_1.replace("\"2\" = \"ja\"", "\"2\" = \"nei\"");
    let lib = Lib::new()
        .practice(
            "a",
            &[
                (
                    "practice.toml",
                    &practice(
                        "Arbeid",
                        "[\"Effekt over tid\", { need = \"Kostnad\", status = \"met\" }]",
                    ),
                ),
                ("assessment.toml", &no_on_1),
            ],
        )
        .practice(
            "b",
            &[
                (
                    "practice.toml",
                    &practice("Arbeid", "[{ need = \"Brukerundersøkelse\", date = 2024-03-01 }]"),
                ),
                ("assessment.toml", &no_on_1_and_2),
            ],
        )
        .practice(
            "c",
            &[
                ("practice.toml", &practice("Helse", "[]")),
                ("assessment.toml", &all_yes),
            ],
        );
    let json = lib.run(&["needs", "--format", "json"]).code(0).json();
    assert_eq!(json["facet"], "field");
    let groups = json["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2, "{json}");
    assert_eq!(groups[0]["value"], "Arbeid");
    assert_eq!(groups[0]["practices"], 2);
    assert_eq!(
        groups[0]["knowledge_needs"],
        serde_json::json!([
            {"slug": "a", "need": "Effekt over tid", "date": null},
            {"slug": "b", "need": "Brukerundersøkelse", "date": "2024-03-01"}
        ])
    );
    let no: Vec<(String, u64, u64)> = groups[0]["frequent_no"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["question"].as_str().unwrap().to_string(),
                q["count"].as_u64().unwrap(),
                q["assessed"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(no, [("1".to_string(), 2, 2), ("2".to_string(), 1, 2)]);
    assert_eq!(groups[1]["value"], "Helse");
    assert_eq!(groups[1]["frequent_no"], serde_json::json!([]));
    let markdown = lib.run(&["needs"]).code(0).stdout;
    assert!(markdown.starts_with("# Hva kunnskapsbasen etterspør\n\n## Fagområde: Arbeid (2)\n\n### Ytterligere kunnskapsbehov\n\n- Effekt over tid – a\n- Brukerundersøkelse (2024-03-01) – b\n"), "{markdown}");
    lib.run(&["needs", "--facet", "nope"]).code(2);
}
