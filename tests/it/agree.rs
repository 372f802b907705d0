//! `practice agree`: SØF's published figures from constructed assessor files, edge cases, the consensus draft and
//! the funnel, over temporary libraries.

use std::fs;
use std::path::PathBuf;

use serde_json::Value;
use testkit::Lib;

/// A temporary library with SØF's criteria (stages `screening` and `dybde`, an ordered 0–3 scale).
fn sof() -> Lib {
    Lib::empty().criteria(&testkit::fixture("tests/fixtures/criteria/sof-nav.toml"))
}

/// Practices and assessor files in a [`sof`] library, and `agree` runs over it.
trait SofLib {
    /// `practices/<slug>/` with a short practice.toml and an empty `assessments/`.
    fn folder(&self, slug: &str) -> PathBuf;
    /// Write one assessor's file with these decisions and answers.
    fn assess(&self, slug: &str, assessor: &str, decisions: &[(&str, &str)], answers: &[(&str, &str)]);
    /// `agree ARGS --format json`, which must exit 0.
    fn json(&self, args: &[&str]) -> Value;
    /// `agree ARGS` as a table, which must exit 0.
    fn table(&self, args: &[&str]) -> String;
}

impl SofLib for Lib {
    fn folder(&self, slug: &str) -> PathBuf {
        let dir = self.join(&format!("practices/{slug}"));
        fs::create_dir_all(dir.join("assessments")).unwrap();
        self.write(
            &format!("practices/{slug}/practice.toml"),
            format!(
                "name = \"Tiltak {slug}\"\n[description]\ntarget_group = \"Sosialhjelpsmottakere i bydelen\"\n\
                 activities = \"Tett oppfølging av deltakerne med individuell plan og faste møter.\"\n"
            ),
        );
        dir
    }

    fn assess(&self, slug: &str, assessor: &str, decisions: &[(&str, &str)], answers: &[(&str, &str)]) {
        let dir = self.folder(slug);
        let mut text = format!("assessors = [\"{assessor}\"]\n[decisions]\n");
        for (stage, decision) in decisions {
            text.push_str(&format!("{stage} = \"{decision}\"\n"));
        }
        text.push_str("[answers]\n");
        for (id, answer) in answers {
            text.push_str(&format!(
                "\"{id}\" = {{ answer = \"{answer}\", note = \"{assessor} om {id}\" }}\n"
            ));
        }
        fs::write(dir.join("assessments").join(format!("{assessor}.toml")), text).unwrap();
    }

    fn json(&self, args: &[&str]) -> Value {
        let args: Vec<&str> = ["agree"]
            .into_iter()
            .chain(args.iter().copied())
            .chain(["--format", "json"])
            .collect();
        self.run(&args).code(0).json()
    }

    fn table(&self, args: &[&str]) -> String {
        let args: Vec<&str> = ["agree"].into_iter().chain(args.iter().copied()).collect();
        self.run(&args).code(0).stdout
    }
}

/// SØF's data (sof-2023 Tables 2.1 and 2.3): 181 projects screened by two researchers; the 147 not put out by both
/// went on to the in-depth review.
fn sof_library() -> Lib {
    let library = sof();
    let mut screening = Vec::new();
    screening.extend(std::iter::repeat_n(("ut", "ut"), 34));
    screening.extend(std::iter::repeat_n(("ut", "inn"), 20));
    screening.extend(std::iter::repeat_n(("inn", "ut"), 20));
    screening.extend(std::iter::repeat_n(("inn", "inn"), 107));
    let mut in_depth = Vec::new();
    in_depth.extend(std::iter::repeat_n(("ut", "ut"), 124));
    in_depth.extend(std::iter::repeat_n(("ut", "inn"), 9));
    in_depth.extend(std::iter::repeat_n(("inn", "ut"), 9));
    in_depth.extend(std::iter::repeat_n(("inn", "inn"), 5));
    let mut in_depth = in_depth.into_iter();
    for (i, (first, second)) in screening.into_iter().enumerate() {
        let slug = format!("tiltak-{:03}", i + 1);
        let dybde = if (first, second) == ("ut", "ut") {
            None
        } else {
            in_depth.next()
        };
        let mut one = vec![("forhandsutelukking", "vurderes"), ("screening", first)];
        let mut two = vec![("forhandsutelukking", "vurderes"), ("screening", second)];
        if let Some((a, b)) = dybde {
            one.push(("dybde", a));
            two.push(("dybde", b));
        }
        library.assess(&slug, "forsker-1", &one, &[]);
        library.assess(&slug, "forsker-2", &two, &[]);
    }
    assert!(in_depth.next().is_none());
    library
}

fn pair(report: &Value) -> &Value {
    let pairs = report["sections"][0]["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    &pairs[0]
}

fn fixed(value: &Value, decimals: usize) -> String {
    format!("{:.*}", decimals, value.as_f64().unwrap())
}

#[test]
fn reproduces_sof_screening_and_in_depth_figures() {
    let library = sof_library();

    let report = library.json(&["--stage", "screening"]);
    let screening = pair(&report);
    assert_eq!(screening["assessors"], serde_json::json!(["forsker-1", "forsker-2"]));
    assert_eq!(screening["n"], 181);
    assert_eq!(
        fixed(&(screening["observed"].as_f64().unwrap() * 100.0).into(), 2),
        "77.90"
    );
    assert_eq!(
        fixed(&(screening["expected"].as_f64().unwrap() * 100.0).into(), 2),
        "58.13"
    );
    assert_eq!(fixed(&screening["kappa"], 4), "0.4721");
    assert_eq!(fixed(&screening["z"], 2), "6.35");
    assert_eq!(fixed(&screening["se"], 4), "0.0743");
    assert_eq!(screening["strength"], "moderate");
    // Rows forsker-1, columns forsker-2, categories in the criteria's order (inn, ut).
    assert_eq!(screening["crosstab"], serde_json::json!([[107, 20], [20, 34]]));
    assert_eq!(screening["missing"], serde_json::json!([0, 0]));
    assert_eq!(screening["disagreements"], 40);

    let report = library.json(&["--stage", "dybde"]);
    let in_depth = pair(&report);
    assert_eq!(in_depth["n"], 147);
    assert_eq!(
        fixed(&(in_depth["observed"].as_f64().unwrap() * 100.0).into(), 2),
        "87.76"
    );
    assert_eq!(
        fixed(&(in_depth["expected"].as_f64().unwrap() * 100.0).into(), 2),
        "82.77"
    );
    assert_eq!(fixed(&in_depth["kappa"], 4), "0.2895");
    assert_eq!(fixed(&in_depth["z"], 2), "3.51");
    assert_eq!(fixed(&in_depth["p"], 4), "0.0002");
    assert_eq!(in_depth["strength"], "fair");
    assert_eq!(in_depth["crosstab"], serde_json::json!([[5, 9], [9, 124]]));

    // The table prints the same figures, as SØF's Tables 2.2 and 2.4 do.
    let text = library.table(&["--stage", "screening"]);
    for expected in ["77.90%", "58.13%", "0.4721", "6.35", "moderate", "| 107 |", "| 181 |"] {
        assert!(text.contains(expected), "missing {expected} in\n{text}");
    }
    insta::assert_snapshot!("sof_screening_table", text);
    let text = library.table(&["--stage", "dybde"]);
    for expected in ["87.76%", "82.77%", "0.2895", "3.51", "fair"] {
        assert!(text.contains(expected), "missing {expected} in\n{text}");
    }
    insta::assert_snapshot!("sof_in_depth_table", text);
}

#[test]
fn json_keys_scripts_rely_on() {
    let library = sof_library();
    let report = library.json(&[]);
    assert_eq!(report["criteria"]["id"], "sof-lovende-arbeidsmetoder");
    assert_eq!(report["practices"], 181);
    let sections = report["sections"].as_array().unwrap();
    // By default: every stage with decisions (no answers in this library).
    let keys: Vec<&str> = sections.iter().map(|s| s["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["forhandsutelukking", "screening", "dybde"]);
    for section in sections {
        for key in [
            "subject",
            "label",
            "categories",
            "assessors",
            "items",
            "pairs",
            "overall",
            "agenda",
        ] {
            assert!(section.get(key).is_some(), "section lacks `{key}`");
        }
        for pair in section["pairs"].as_array().unwrap() {
            for key in [
                "assessors",
                "n",
                "observed",
                "expected",
                "kappa",
                "se",
                "z",
                "missing",
                "crosstab",
            ] {
                assert!(pair.get(key).is_some(), "pair lacks `{key}`: {pair}");
            }
        }
    }
    // One pair judged everything: the overall figure is that pair's Cohen's kappa.
    // (The pre-exclusion comes first; every measure of this library passed it, so its kappa is undefined.)
    assert_eq!(sections[1]["overall"]["method"], "cohen");
    assert_eq!(fixed(&sections[1]["overall"]["kappa"], 4), "0.4721");
    // The agenda lists the 40 screening disagreements.
    assert_eq!(sections[1]["agenda"].as_array().unwrap().len(), 40);
}

#[test]
fn funnel_counts_practices_through_the_stages() {
    let library = sof_library();
    let output = library
        .cmd()
        .args(["agree", "--funnel", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let funnel: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(funnel["nominated"], 181);
    assert_eq!(funnel["stages"][0]["key"], "forhandsutelukking");
    assert_eq!(funnel["stages"][0]["passed"], 181);
    let screening = &funnel["stages"][1];
    assert_eq!(screening["key"], "screening");
    assert_eq!(screening["entered"], 181);
    assert_eq!(screening["outcomes"][0]["key"], "inn");
    assert_eq!(screening["outcomes"][0]["count"], 107);
    assert_eq!(screening["outcomes"][0]["advances"], true);
    assert_eq!(screening["outcomes"][1]["count"], 34);
    assert_eq!(screening["disagreed"], 40);
    assert_eq!(screening["passed"], 107);
    let in_depth = &funnel["stages"][2];
    assert_eq!(in_depth["entered"], 107);
    // 5 inn/inn, 9 + 9 split, the rest both out; counted among the 107 that passed screening.
    let counted = in_depth["outcomes"][0]["count"].as_u64().unwrap()
        + in_depth["outcomes"][1]["count"].as_u64().unwrap()
        + in_depth["disagreed"].as_u64().unwrap();
    assert_eq!(counted, 107);
    assert_eq!(
        in_depth["also_judged"], 40,
        "screening disagreements carried into the review"
    );
    // Nobody has decided the case stage yet.
    assert_eq!(funnel["stages"][3]["entered"], in_depth["outcomes"][0]["count"]);
    assert_eq!(funnel["passed"], 0);
    assert_eq!(funnel["assessed"], 0);

    let text = library.table(&["--funnel"]);
    assert!(text.contains("nominated") && text.contains("181") && text.contains("Grovsortering"));

    // A consensus decision settles a disagreement.
    let dir = library.path().join("practices/tiltak-035");
    fs::write(
        dir.join("assessment.toml"),
        "criteria = \"sof-lovende-arbeidsmetoder\"\ncriteria_version = \"2023.1\"\nassessors = [\"forsker-1\", \"forsker-2\"]\n[decisions]\nscreening = \"inn\"\ndybde = \"inn\"\n",
    )
    .unwrap();
    let output = library
        .cmd()
        .args(["agree", "--funnel", "--format", "json"])
        .output()
        .unwrap();
    let funnel: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(funnel["stages"][1]["disagreed"], 39);
    assert_eq!(funnel["stages"][1]["outcomes"][0]["count"], 108);
    assert_eq!(funnel["stages"][1]["outcomes"][0]["by_consensus"], 1);
}

#[test]
fn perfect_agreement() {
    let library = sof();
    for (i, decision) in ["inn", "ut", "inn", "ut"].iter().enumerate() {
        let slug = format!("p{i}");
        library.assess(&slug, "a", &[("screening", decision)], &[]);
        library.assess(&slug, "b", &[("screening", decision)], &[]);
    }
    let report = library.json(&["--stage", "screening"]);
    let pair = pair(&report);
    assert_eq!(pair["n"], 4);
    assert_eq!(pair["observed"], 1.0);
    assert_eq!(pair["kappa"], 1.0);
    assert_eq!(pair["strength"], "almost-perfect");
    assert_eq!(report["sections"][0]["agenda"], serde_json::json!([]));
}

#[test]
fn expected_agreement_of_one_is_undefined_not_nan() {
    let library = sof();
    for i in 0..3 {
        let slug = format!("p{i}");
        library.assess(&slug, "a", &[("screening", "inn")], &[]);
        library.assess(&slug, "b", &[("screening", "inn")], &[]);
    }
    let report = library.json(&["--stage", "screening"]);
    let pair = pair(&report);
    assert_eq!(pair["n"], 3);
    assert_eq!(pair["expected"], 1.0);
    assert!(pair["kappa"].is_null());
    assert!(pair["se"].is_null());
    assert!(pair["z"].is_null());
    let text = library.table(&["--stage", "screening"]);
    assert!(text.contains("undefined"), "{text}");
    assert!(!text.to_lowercase().contains("nan"), "{text}");
    let markdown = library.table(&["--stage", "screening", "--format", "markdown"]);
    assert!(markdown.contains("undefined"));
}

#[test]
fn a_single_item() {
    let library = sof();
    library.assess("p0", "a", &[("screening", "inn")], &[]);
    library.assess("p0", "b", &[("screening", "ut")], &[]);
    let report = library.json(&["--stage", "screening"]);
    let pair = pair(&report);
    assert_eq!(pair["n"], 1);
    assert_eq!(pair["observed"], 0.0);
    assert_eq!(pair["kappa"], 0.0);
    assert!(pair["z"].is_null(), "zero standard error: z is undefined");
    let agenda = &report["sections"][0]["agenda"][0];
    assert_eq!(agenda["slug"], "p0");
    assert_eq!(agenda["items"][0]["kind"], "disagreement");
}

#[test]
fn three_assessors_get_fleiss_kappa() {
    let library = sof();
    let votes = [
        ["inn", "inn", "inn"],
        ["inn", "inn", "ut"],
        ["ut", "ut", "ut"],
        ["inn", "ut", "ut"],
        ["inn", "inn", "inn"],
        ["ut", "ut", "inn"],
    ];
    for (i, row) in votes.iter().enumerate() {
        for (assessor, vote) in ["a", "b", "c"].iter().zip(row) {
            library.assess(&format!("p{i}"), assessor, &[("screening", vote)], &[]);
        }
    }
    let report = library.json(&["--stage", "screening"]);
    let section = &report["sections"][0];
    assert_eq!(section["pairs"].as_array().unwrap().len(), 3);
    let overall = &section["overall"];
    assert_eq!(overall["method"], "fleiss");
    assert_eq!(overall["assessors"], 3);
    assert_eq!(overall["n"], 6);
    // Same figure as the statistics module computes from the counts per item (inn, ut).
    let counts: Vec<Vec<usize>> = votes
        .iter()
        .map(|row| {
            let inn = row.iter().filter(|v| **v == "inn").count();
            vec![inn, 3 - inn]
        })
        .collect();
    let expected = practice::agreement::kappa::fleiss(&counts);
    assert!((overall["kappa"].as_f64().unwrap() - expected.kappa.unwrap()).abs() < 1e-12);
    assert!(
        overall["se"].is_number(),
        "constant number of raters: the null SE is defined"
    );
    assert!(overall["mean_pairwise_kappa"].is_number());
    let text = library.table(&["--stage", "screening"]);
    assert!(text.contains("fleiss kappa"), "{text}");
}

#[test]
fn missing_items_are_counted_not_disagreements() {
    let library = sof();
    // Both decide on p0–p3; b has not decided p4 and p5 yet; p6 has only a's file (b never assessed it).
    for i in 0..4 {
        let decision = if i % 2 == 0 { "inn" } else { "ut" };
        library.assess(&format!("p{i}"), "a", &[("screening", decision)], &[]);
        library.assess(&format!("p{i}"), "b", &[("screening", decision)], &[]);
    }
    for i in 4..6 {
        library.assess(&format!("p{i}"), "a", &[("screening", "ut")], &[]);
        library.assess(&format!("p{i}"), "b", &[], &[("1", "ja")]);
    }
    library.assess("p6", "a", &[("screening", "inn")], &[]);
    let report = library.json(&["--stage", "screening"]);
    let pair = pair(&report);
    assert_eq!(pair["n"], 4);
    assert_eq!(pair["kappa"], 1.0, "the missing items are not disagreements");
    assert_eq!(pair["disagreements"], 0);
    assert_eq!(
        pair["missing"],
        serde_json::json!([0, 2]),
        "b left out two items a judged"
    );
    assert_eq!(pair["practices"], 6);
    let agenda = report["sections"][0]["agenda"].as_array().unwrap();
    assert_eq!(agenda.len(), 2);
    assert_eq!(agenda[0]["items"][0]["kind"], "unpaired");
    assert_eq!(agenda[0]["items"][0]["missing"], serde_json::json!(["b"]));
}

#[test]
fn answers_per_question_and_weighted_kappa_on_an_ordered_scale() {
    let library = sof();
    // Question 9a is on the ordered 0–3 self-assessment scale; question 1 on ja/nei.
    let rows = [
        ("ikke", "ikke", "ja", "ja"),
        ("liten", "noe", "ja", "nei"),
        ("noe", "noe", "nei", "nei"),
        ("stor", "noe", "ja", "ja"),
        ("stor", "stor", "nei", "ja"),
        ("liten", "liten", "ja", "ja"),
    ];
    for (i, (a9, b9, a1, b1)) in rows.iter().enumerate() {
        let slug = format!("p{i}");
        library.assess(&slug, "a", &[], &[("9a", a9), ("1", a1)]);
        library.assess(&slug, "b", &[], &[("9a", b9), ("1", b1)]);
    }
    let report = library.json(&["--question", "9a"]);
    let pair = pair(&report);
    assert_eq!(pair["n"], 6);
    let weighted = &pair["weighted"];
    assert_eq!(weighted["weights"], "linear");
    assert!(weighted["kappa"].as_f64().unwrap() > pair["kappa"].as_f64().unwrap());
    let quadratic = library.json(&["--question", "9a", "--weights", "quadratic"]);
    assert_eq!(quadratic["sections"][0]["pairs"][0]["weighted"]["weights"], "quadratic");

    // Two options: weighted kappa would equal kappa, so it is left out.
    let report = library.json(&["--question", "1"]);
    assert!(pair_of(&report)["weighted"].is_null());

    // All answers pooled, with agreement per question.
    let report = library.json(&[]);
    let section = &report["sections"][0];
    assert_eq!(section["subject"], "answers");
    assert_eq!(section["pairs"][0]["n"], 12);
    let questions = section["questions"].as_array().unwrap();
    let ids: Vec<&str> = questions.iter().map(|q| q["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["1", "9a"], "criteria order");
    assert_eq!(questions[0]["agreements"], 4);
    assert_eq!(questions[1]["agreements"], 4);
    // The agenda shows each assessor's answer and note.
    let agenda = section["agenda"].as_array().unwrap();
    let p1 = agenda.iter().find(|p| p["slug"] == "p1").unwrap();
    let item = p1["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "9a")
        .unwrap();
    assert_eq!(item["judgements"][0]["assessor"], "a");
    assert_eq!(item["judgements"][0]["answer"], "liten");
    assert_eq!(item["judgements"][0]["note"], "a om 9a");
    assert_eq!(item["judgements"][1]["answer"], "noe");
}

fn pair_of(report: &Value) -> &Value {
    &report["sections"][0]["pairs"][0]
}

#[test]
fn unknown_stage_or_question_is_a_usage_error() {
    let library = sof_library();
    let output = library.cmd().args(["agree", "--stage", "screnning"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("did you mean `screening`"), "{stderr}");
    let output = library.cmd().args(["agree", "--question", "99"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = library
        .cmd()
        .args(["agree", "--stage", "screening", "--question", "1"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "--stage and --question conflict");
}

#[test]
fn empty_library_has_nothing_to_report() {
    let library = sof();
    library.folder("p0");
    let output = library.cmd().args(["agree"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no independent assessments"));
}

/// A temporary copy of a bundled practice with the bundled criteria.
fn bundled_copy(slug: &str) -> Lib {
    Lib::new().bundled(&[slug])
}

#[test]
fn draft_consensus_from_bundled_assessments() {
    let dir = bundled_copy("festesona-nav-alna");
    let practice = dir.path().join("practices/festesona-nav-alna");
    fs::remove_file(practice.join("assessment.toml")).unwrap();

    let output = dir
        .cmd()
        .args(["agree", "--draft-consensus", "festesona-nav-alna"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("undecided"), "{stderr}");
    let text = fs::read_to_string(practice.join("assessment.toml")).unwrap();
    let draft: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(draft["criteria"].as_str(), Some("imdi-god-praksis"));
    assert_eq!(draft["criteria_version"].as_str(), Some("2018.2"));
    assert_eq!(draft["date"].to_string(), testkit::TODAY);
    assert_eq!(draft["illustration"].as_bool(), Some(true));
    let assessors: Vec<&str> = draft["assessors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(assessors, ["forsker-a", "forsker-b"]);
    let answers = draft["answers"].as_table().unwrap();
    // Agreed: filled in.
    assert_eq!(answers["1"].as_str(), Some("ja"));
    assert_eq!(answers["5c"].as_str(), Some("nei"));
    // Disagreed: "?" with both answers in the note.
    let three = answers["3"].as_table().unwrap();
    assert_eq!(three["answer"].as_str(), Some("?"));
    let note = three["note"].as_str().unwrap();
    assert!(
        note.contains("forsker-a: noe") && note.contains("forsker-b: ja"),
        "{note}"
    );
    // Answered by one only: also undecided.
    assert_eq!(answers["21a"]["answer"].as_str(), Some("?"));
    let undecided: Vec<&String> = answers
        .iter()
        .filter(|(_, a)| a.as_table().and_then(|t| t["answer"].as_str()) == Some("?"))
        .map(|(id, _)| id)
        .collect();
    assert_eq!(undecided.len(), 8, "{undecided:?}");
    assert_eq!(draft["decisions"]["screening"].as_str(), Some("inn"));

    // validate reports every undecided item until it is decided.
    let output = dir
        .cmd()
        .args(["validate", "--format", "json", "practices/festesona-nav-alna"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["findings"].as_array().unwrap())
        .filter(|f| f["file"].as_str().unwrap().ends_with("assessment.toml"))
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["undecided"; 8]);

    // Never overwritten.
    let output = dir
        .cmd()
        .args(["agree", "--draft-consensus", "festesona-nav-alna"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("never overwritten"));
    assert_eq!(fs::read_to_string(practice.join("assessment.toml")).unwrap(), text);
}

#[test]
fn draft_consensus_refuses_when_a_yaml_consensus_exists() {
    let dir = bundled_copy("skolekompasset-nav-grunerlokka");
    let practice = dir.path().join("practices/skolekompasset-nav-grunerlokka");
    fs::rename(practice.join("assessment.toml"), practice.join("assessment.yaml")).unwrap();
    fs::write(practice.join("assessment.yaml"), "assessors: [x]\n").unwrap();
    let output = dir
        .cmd()
        .args(["agree", "--draft-consensus", "skolekompasset-nav-grunerlokka"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("assessment.yaml"));
    assert!(!practice.join("assessment.toml").exists());
    assert_eq!(
        fs::read_to_string(practice.join("assessment.yaml")).unwrap(),
        "assessors: [x]\n"
    );
}

#[test]
fn draft_consensus_marks_disagreed_decisions() {
    let dir = bundled_copy("skolekompasset-nav-grunerlokka");
    let practice = dir.path().join("practices/skolekompasset-nav-grunerlokka");
    fs::remove_file(practice.join("assessment.toml")).unwrap();
    let output = dir
        .cmd()
        .args(["agree", "--draft-consensus", "skolekompasset-nav-grunerlokka"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = fs::read_to_string(practice.join("assessment.toml")).unwrap();
    let draft: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(draft["decisions"]["screening"].as_str(), Some("inn"));
    assert_eq!(draft["decisions"]["dybde"].as_str(), Some("?"));
    let output = dir
        .cmd()
        .args(["validate", "practices/skolekompasset-nav-grunerlokka"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("decisions.dybde") && stdout.contains("undecided"),
        "{stdout}"
    );
}

#[test]
fn draft_consensus_usage_errors() {
    let library = sof();
    library.assess("p0", "a", &[("screening", "inn")], &[]);
    let output = library
        .cmd()
        .args(["agree", "--draft-consensus", "p0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "one assessor is not enough");
    assert!(String::from_utf8_lossy(&output.stderr).contains("at least two"));
    let output = library
        .cmd()
        .args(["agree", "--draft-consensus", "nope"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = library
        .cmd()
        .args(["agree", "--draft-consensus", "../x"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    // A broken independent file stops the draft (it would silently lose an assessor).
    library.assess("p0", "b", &[("screening", "inn")], &[]);
    fs::write(library.path().join("practices/p0/assessments/b.toml"), "answers = 3\n").unwrap();
    let output = library
        .cmd()
        .args(["agree", "--draft-consensus", "p0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(!library.path().join("practices/p0/assessment.toml").exists());
}

#[test]
fn bundled_practices_show_disagreements() {
    let output = testkit::command()
        .current_dir(testkit::repo())
        .args(["agree", "--format", "json"])
        .output()
        .unwrap();
    // Exit 0, or 1 while some bundled practice files still have errors; never a crash or usage error.
    assert!(matches!(output.status.code(), Some(0 | 1)), "{output:?}");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let answers = report["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["subject"] == "answers")
        .unwrap();
    let slugs: Vec<&str> = answers["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap())
        .collect();
    assert!(slugs.contains(&"festesona-nav-alna") && slugs.contains(&"skolekompasset-nav-grunerlokka"));
    assert!(answers["pairs"][0]["kappa"].is_number());
}

/// Assessor 1 always «inn», assessor 2 «inn» ×3 and «ut» ×2: the null variance is exactly 0, so se, z and p are
/// undefined, not 8.33e-9, 0 and 0.5 (audit, issue 11 §2).
#[test]
fn a_constant_assessor_has_undefined_se_z_and_p() {
    let library = sof();
    for (i, second) in ["inn", "inn", "inn", "ut", "ut"].into_iter().enumerate() {
        let slug = format!("tiltak-{i}");
        library.assess(&slug, "forsker-1", &[("screening", "inn")], &[]);
        library.assess(&slug, "forsker-2", &[("screening", second)], &[]);
    }
    let report = library.json(&["--stage", "screening"]);
    let screening = pair(&report);
    assert_eq!(screening["n"], 5);
    assert_eq!(fixed(&screening["kappa"], 4), "0.0000");
    for key in ["se", "z", "p"] {
        assert!(screening[key].is_null(), "{key} = {}", screening[key]);
    }
    let text = library.table(&["--stage", "screening"]);
    assert!(!text.contains("0.5000"), "{text}");
    assert!(text.contains("undefined"), "{text}");
}

/// SØF's whole funnel (sof-2023 l. 165, 284, 306, 310): 203 funded measures; 22 pre-excluded for an almost blank
/// reporting form; screening and in-depth review by two researchers each (the library of
/// [`sof_library`]); 23 to a joint discussion that chose 10 for case studies (consensus decisions); of those, 3 fell
/// away and seven remained.
#[test]
fn sof_funnel_runs_from_203_measures_to_seven() {
    let library = sof_library();
    for i in 182..=203 {
        let slug = format!("tiltak-{i:03}");
        library.assess(&slug, "forsker-1", &[("forhandsutelukking", "utelukket")], &[]);
        library.assess(&slug, "forsker-2", &[("forhandsutelukking", "utelukket")], &[]);
    }
    // The 23 the in-depth review did not put out by both researchers went to a joint discussion.
    let mut discussed: Vec<String> = Vec::new();
    for i in 1..=181 {
        let slug = format!("tiltak-{i:03}");
        let votes: Vec<String> = ["forsker-1", "forsker-2"]
            .iter()
            .map(|a| library.read(&format!("practices/{slug}/assessments/{a}.toml")))
            .collect();
        let dybde: Vec<bool> = votes.iter().map(|v| v.contains("dybde = \"inn\"")).collect();
        if dybde.iter().any(|inn| *inn) {
            discussed.push(slug);
        }
    }
    assert_eq!(discussed.len(), 23);
    for (n, slug) in discussed.iter().enumerate() {
        let (dybde, case) = match n {
            0..7 => ("inn", Some("lovende")),
            7..10 => ("inn", Some("ut")),
            _ => ("ut", None),
        };
        let case = case.map_or(String::new(), |c| format!("case = \"{c}\"\n"));
        library.write(
            &format!("practices/{slug}/assessment.toml"),
            format!(
                "criteria = \"sof-lovende-arbeidsmetoder\"\ncriteria_version = \"2023.1\"\nassessors = [\"forskergruppa\"]\n\
                 [decisions]\nforhandsutelukking = \"vurderes\"\nscreening = \"inn\"\ndybde = \"{dybde}\"\n{case}"
            ),
        );
    }
    let funnel = library.json(&["--funnel"]);
    assert_eq!(funnel["nominated"], 203);
    let stage = |i: usize, key: &str| {
        let s = &funnel["stages"][i];
        (s["key"].as_str().unwrap().to_string(), s[key].as_u64().unwrap())
    };
    assert_eq!(stage(0, "entered"), ("forhandsutelukking".into(), 203));
    assert_eq!(stage(0, "passed"), ("forhandsutelukking".into(), 181));
    assert_eq!(funnel["stages"][0]["outcomes"][1]["count"], 22);
    assert_eq!(stage(3, "entered"), ("case".into(), 10));
    assert_eq!(funnel["stages"][3]["outcomes"][1]["count"], 3);
    assert_eq!(funnel["passed"], 7);
    assert_eq!(funnel["assessed"], 7);
}

/// Agreement on outcomes (issue 15 §6): each assessor's assessment scored to a total and a class; per pair, a
/// weighted kappa over the bands; the spread of totals. Three practices: both «god» (100 %), one «god» and one
/// «lovende» (100 % against 0 %), both «lovende» (0 %). Crosstab [[1, 0], [1, 1]]: observed 2/3, expected 4/9,
/// kappa (2/9) / (5/9) = 0.4; spreads 0, 1, 0.
#[test]
fn agreement_on_outcomes_gives_class_kappa_and_the_spread_of_totals() {
    let lib = Lib::new();
    let all_yes = testkit::full_assessment("ja", "nei");
    let all_no = testkit::full_assessment("nei", "ja");
    for (slug, first, second) in [
        ("a-begge-gode", &all_yes, &all_yes),
        ("b-uenige", &all_yes, &all_no),
        ("c-begge-lovende", &all_no, &all_no),
    ] {
        lib.write(&format!("practices/{slug}/practice.toml"), testkit::practice_toml(slug));
        lib.write(&format!("practices/{slug}/assessments/forsker-1.toml"), first);
        lib.write(&format!("practices/{slug}/assessments/forsker-2.toml"), second);
    }
    let report = lib.run(&["agree", "--outcomes", "--format", "json"]).code(0).json();
    assert_eq!(report["bands"], serde_json::json!(["lovende", "god"]));
    let pair = &report["pairs"][0];
    assert_eq!(pair["assessors"], serde_json::json!(["forsker-1", "forsker-2"]));
    assert_eq!(pair["crosstab"], serde_json::json!([[1, 0], [1, 1]]));
    assert_eq!(pair["n"], 3);
    assert_eq!(fixed(&pair["observed"], 6), "0.666667");
    assert_eq!(fixed(&pair["expected"], 6), "0.444444");
    assert_eq!(fixed(&pair["kappa"], 6), "0.400000");
    assert_eq!(report["spread"]["practices"], 3);
    assert_eq!(fixed(&report["spread"]["mean"], 6), "0.333333");
    assert_eq!(report["spread"]["max"], 1.0);
    assert_eq!(report["spread"]["classes_differ"], 1);
    let b = &report["practices"][1];
    assert_eq!(b["slug"], "b-uenige");
    assert_eq!(b["assessors"][0]["class"], "god");
    assert_eq!(b["assessors"][1]["class"], "lovende");
    assert_eq!(b["classes_differ"], true);
    // The table says the same.
    let text = lib.run(&["agree", "--outcomes"]).code(0).stdout;
    assert!(
        text.contains(
            "| forsker-1 × forsker-2 |                            3 |              66.7% |               0.4000 |"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("spread of totals over 3 practices with two or more: mean 33.3%, largest 100.0%; 1 practice with different classes\n"),
        "{text}"
    );
}

/// A stage gate (SØF: a case that was nothing new fell away, sof-2023 l. 310): an assessor who passes a measure on
/// at the case stage while answering the novelty question «nei» gets a warning naming the decision; «ja», or «ut»
/// at the stage, gets none.
#[test]
fn a_stage_gate_warns_when_a_decision_passes_on_against_the_gated_answer() {
    let library = sof();
    library.assess("tiltak-a", "forsker-1", &[("case", "lovende")], &[("14", "nei")]);
    library.assess("tiltak-a", "forsker-2", &[("case", "lovende")], &[("14", "ja")]);
    library.assess("tiltak-b", "forsker-1", &[("case", "ut")], &[("14", "nei")]);
    let run = library.run(&["validate", "--format", "json"]);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let gates: Vec<(String, String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["findings"].as_array().unwrap().iter())
        .filter(|f| f["code"] == "gate-not-met")
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["key_path"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        gates,
        [(
            "practices/tiltak-a/assessments/forsker-1.toml".to_string(),
            "decisions.case".to_string(),
            "decides «lovende» at stage `case`, which passes the practice on, but question `14` is answered «nei» and the stage lets only «ja» through".to_string()
        )]
    );
}
