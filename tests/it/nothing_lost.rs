//! Issue 11 §1, "nothing lost": one mistake in a file must not throw the rest of the file (or a sheet) away.

use std::fs;

use testkit::Lib as TempLibrary;

const SLUG: &str = "sprakpraksis-grimstad";

/// The bundled Grimstad practice in a temporary library, with `edit` applied to one of its files.
fn grimstad_with(file: &str, edit: impl FnOnce(String) -> String) -> TempLibrary {
    let library = TempLibrary::new();
    // The whole bundled library: Grimstad's related practices must be there.
    testkit::copy_dir(&testkit::repo().join("practices"), &library.path().join("practices"));
    let path = library.path().join("practices").join(SLUG).join(file);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, edit(text)).unwrap();
    library
}

fn stdout(cmd: &mut assert_cmd::Command, code: i32) -> String {
    let output = cmd.output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn add_after(text: String, line_start: &str, added: &str) -> String {
    let at = text.find(line_start).expect("line to add after");
    let end = at + text[at..].find('\n').unwrap() + 1;
    format!("{}{added}\n{}", &text[..end], &text[end..])
}

#[test]
fn an_unknown_key_in_an_assessment_is_an_error_and_the_rest_still_scores() {
    let library = grimstad_with("assessment.toml", |t| {
        add_after(t, "criteria_version", "justifcation = \"x\"")
    });
    let out = stdout(library.cmd().args(["validate"]), 1);
    assert!(
        out.contains("unknown-key") && out.contains("justifcation") && out.contains("did you mean `justification`"),
        "{out}"
    );
    assert!(out.contains("assessment.toml:"), "with line:column: {out}");
    let json = stdout(
        library
            .cmd()
            .args(["score", "--format", "json", &format!("practices/{SLUG}")]),
        1,
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let practice = &json["practices"][0];
    assert_eq!(practice["class"], "god", "{practice}");
    assert_eq!(practice["phase"], "assessed");
}

#[test]
fn an_unknown_key_in_a_practice_keeps_the_sheet_whole() {
    let library = grimstad_with("practice.toml", |t| {
        add_after(t, "region", "kontakt_epost = \"ola@kommune.no\"")
    });
    let out = stdout(library.cmd().args(["validate"]), 1);
    assert!(out.contains("kontakt_epost"), "{out}");
    stdout(library.cmd().args(["render", "--quiet"]), 1);
    let sheet = fs::read_to_string(library.path().join("anbefalinger").join(format!("{SLUG}.md"))).unwrap();
    assert!(sheet.contains("Språkpraksis i Grimstad"), "{sheet}");
    assert!(!sheet.contains("Ikke vurdert"), "{sheet}");
    assert!(library.path().join("anbefalinger").join(format!("{SLUG}.svg")).exists());
}

#[test]
fn a_wrong_value_in_a_field_that_does_not_grade_is_left_out() {
    let library = grimstad_with("practice.toml", |t| t.replace("region = \"Agder\"", "region = 4"));
    let out = stdout(library.cmd().args(["validate"]), 1);
    assert!(out.contains("invalid-value") && out.contains("region"), "{out}");
    let json = stdout(
        library
            .cmd()
            .args(["score", "--format", "json", &format!("practices/{SLUG}")]),
        1,
    );
    assert!(json.contains("\"name\": \"Språkpraksis i Grimstad\""), "{json}");
    assert!(json.contains("\"class\": \"god\""), "{json}");
}

#[test]
fn a_typo_of_a_grade_key_stops_the_grading() {
    // `answr` could have been the answer: the practice must not be scored without it.
    let library = grimstad_with("assessment.toml", |t| t.replacen("answer = \"", "answr = \"", 1));
    let out = stdout(library.cmd().args(["validate"]), 1);
    assert!(out.contains("answr"), "{out}");
    let json = stdout(
        library
            .cmd()
            .args(["score", "--format", "json", &format!("practices/{SLUG}")]),
        1,
    );
    assert!(!json.contains("\"class\": \"god\""), "{json}");
}

#[test]
fn a_key_after_a_table_header_is_explained() {
    let library = TempLibrary::new();
    library.write(
        "practices/x/practice.toml",
        "name = \"X\"\n[[sources]]\ntitle = \"t\"\nsummary = \"s\"\n[description]\nregion = \"Agder\"\n",
    );
    library.write(
        "practices/x/assessment.toml",
        "criteria = \"imdi-god-praksis\"\n[answers]\n\"1\" = \"ja\"\ndate = 2024-05-01\n",
    );
    library.write(
        "practices/y/assessment.toml",
        "criteria = \"imdi-god-praksis\"\n[answers]\n\"1\" = \"ja\"\nstatus = \"ferdig\"\n",
    );
    let out = stdout(library.cmd().args(["validate"]), 1);
    for expected in [
        "`summary` is inside `[[sources]]`: did you mean to put it above the table?",
        "`region` is inside `[description]`: did you mean to put it above the table?",
        "`date` is inside `[answers]`: did you mean to put it above the table?",
        "`status` is inside `[answers]`: did you mean to put it above the table?",
    ] {
        assert!(out.contains(expected), "{expected}\n{out}");
    }
    assert!(!out.contains("$__toml_private_datetime"), "{out}");
}

#[test]
fn a_mis_indented_yaml_key_is_explained() {
    let library = TempLibrary::new();
    library.write(
        "practices/x/practice.yaml",
        "name: X\nsources:\n  - title: t\n    municipality: Moss\n",
    );
    let out = stdout(library.cmd().args(["validate"]), 1);
    assert!(
        out.contains("practice.yaml:4:5") && out.contains("`municipality` is indented under `sources`"),
        "{out}"
    );
}

#[test]
fn a_broken_evidence_file_is_reported_once_not_for_every_citation() {
    let library = grimstad_with("evidence.toml", |t| format!("{t}\n[[rows]\n"));
    let out = stdout(library.cmd().args(["validate"]), 1);
    assert!(out.contains("evidence.toml") && out.contains("syntax"), "{out}");
    assert!(!out.contains("unknown-evidence"), "{out}");
}

#[test]
fn render_keeps_a_good_sheet_when_its_practice_now_has_errors() {
    let library = grimstad_with("practice.toml", |t| t);
    stdout(library.cmd().args(["render", "--quiet"]), 0);
    let out = library.path().join("anbefalinger");
    let sheet = fs::read(out.join(format!("{SLUG}.md"))).unwrap();
    let chart = fs::read(out.join(format!("{SLUG}.svg"))).unwrap();
    // The assessment no longer parses.
    let assessment = library.path().join("practices").join(SLUG).join("assessment.toml");
    let text = fs::read_to_string(&assessment).unwrap();
    fs::write(&assessment, format!("{text}\n[answers\n")).unwrap();
    for args in [&["render"][..], &["render", "--prune"]] {
        let output = library.cmd().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(SLUG) && stderr.contains("sheet not updated"),
            "{stderr}"
        );
        assert!(!stderr.contains("no longer in the library"), "{stderr}");
        assert_eq!(fs::read(out.join(format!("{SLUG}.md"))).unwrap(), sheet);
        assert_eq!(
            fs::read(out.join(format!("{SLUG}.svg"))).unwrap(),
            chart,
            "the chart is not pruned"
        );
    }
}

#[test]
fn render_check_names_the_files_that_differ_and_writes_nothing() {
    let library = grimstad_with("practice.toml", |t| t);
    stdout(library.cmd().args(["render", "--check"]), 1);
    assert!(!library.path().join("anbefalinger").exists(), "nothing written");
    stdout(library.cmd().args(["render", "--quiet"]), 0);
    stdout(library.cmd().args(["render", "--check"]), 0);
    let sheet = library.path().join("anbefalinger").join(format!("{SLUG}.md"));
    let edited = fs::read_to_string(&sheet).unwrap().replace("Grimstad", "Arendal");
    fs::write(&sheet, &edited).unwrap();
    let output = library.cmd().args(["render", "--check"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("{SLUG}.md")) && !stderr.contains("index.md"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&sheet).unwrap(), edited, "nothing written");
}

#[test]
fn a_typo_is_reported_once_not_again_as_the_key_it_meant_missing() {
    let library = grimstad_with("practice.toml", |t| t.replacen("summary = ", "sumary = ", 1));
    let out = stdout(library.cmd().args(["validate"]), 1);
    assert!(
        out.contains("unknown key `sumary`") && out.contains("did you mean `summary`"),
        "{out}"
    );
    assert!(!out.contains("`summary` is required"), "{out}");
}

/// Each finding about `file` in `validate --format json`: code, key path, line:column.
fn findings_in(json: &serde_json::Value, file: &str) -> String {
    let mut lines = Vec::new();
    for practice in json["findings"].as_array().unwrap() {
        for f in practice["findings"].as_array().unwrap() {
            if f["file"].as_str().is_some_and(|p| p.ends_with(file)) {
                lines.push(format!(
                    "{} {} {}:{} {}{}",
                    f["code"].as_str().unwrap(),
                    f["key_path"].as_str().unwrap_or("-"),
                    f["location"]["line"],
                    f["location"]["column"],
                    f["message"].as_str().unwrap(),
                    f["help"].as_str().map(|h| format!(" [help: {h}]")).unwrap_or_default()
                ));
            }
        }
    }
    lines.join("\n")
}

#[test]
fn a_wrong_type_in_one_answer_drops_that_answer_and_the_rest_is_checked() {
    let library = TempLibrary::new();
    library.write("practices/x/practice.toml", testkit::practice_toml("X"));
    library.write(
        "practices/x/assessment.toml",
        "criteria = \"imdi-god-praksis\"\njustifcation = \"x\"\n[answers]\n\"1\" = 1\n\"2\" = { answer = 3 }\n\"3\" = \"kanskje\"\n\"4\" = \"ja\"\n",
    );
    let json = library.run(&["validate", "--format", "json"]).code(1).json();
    insta::assert_snapshot!(findings_in(&json, "assessment.toml"));
    let score = library
        .run(&["score", "--format", "json", "practices/x"])
        .code(1)
        .json();
    let practice = &score["practices"][0];
    assert_eq!(practice["phase"], "assessed", "{practice}");
    assert_eq!(practice["complete"], false, "{practice}");
}

/// A practice `x` whose assessment cannot load at all (a syntax error), with a grade stored while it still did.
fn unloadable_assessment() -> TempLibrary {
    let library = TempLibrary::new();
    library.write("practices/x/practice.toml", testkit::practice_toml("X"));
    library.write("practices/x/assessment.toml", testkit::full_assessment("ja", "nei"));
    library.run(&["regrade", "--quiet"]).code(0);
    let broken = format!("{}\"broken = \n", testkit::full_assessment("ja", "nei"));
    library.write("practices/x/assessment.toml", broken);
    library
}

#[test]
fn an_assessment_that_does_not_load_could_not_be_graded_and_is_not_mapped() {
    let library = unloadable_assessment();
    let table = library.run(&["score"]).code(1);
    insta::assert_snapshot!("unloadable_score_table", table.stdout);
    let json = library.run(&["score", "--format", "json"]).code(1).json();
    let practice = &json["practices"][0];
    assert_eq!(
        (&practice["phase"], &practice["problem"], &practice["class"]),
        (
            &serde_json::json!("assessed"),
            &serde_json::json!("could not be graded (assessment does not load)"),
            &serde_json::Value::Null
        ),
        "{practice}"
    );
    let list = library.run(&["list"]).code(1);
    insta::assert_snapshot!("unloadable_list", list.stdout);
    let not_assessed = library
        .run(&["list", "--class", "not-assessed", "--format", "json"])
        .code(1);
    assert_eq!(
        not_assessed.json()["practices"],
        serde_json::json!([]),
        "{}",
        not_assessed.stdout
    );
}

#[test]
fn regrade_shows_the_stored_grade_of_a_practice_that_cannot_be_graded() {
    let library = unloadable_assessment();
    let run = library.run(&["regrade", "--check"]);
    insta::assert_snapshot!("unloadable_regrade", run.all());
}

#[test]
fn render_writes_no_sheet_for_a_practice_whose_description_does_not_load() {
    let library = TempLibrary::new();
    library.write("practices/x/practice.toml", "name = \"X\nsummary = \"s\"\n");
    library.write("practices/x/assessment.toml", testkit::full_assessment("ja", "nei"));
    let run = library.run(&["render"]).code(1);
    insta::assert_snapshot!("unloadable_description_render", run.stderr);
    assert!(!library.join("anbefalinger/x.md").exists());
    assert!(!library.join("anbefalinger/x.svg").exists());
}

#[test]
fn a_misspelt_table_and_a_top_level_answer_get_hints() {
    let library = TempLibrary::new();
    library.write("practices/x/practice.toml", testkit::practice_toml("X"));
    library.write(
        "practices/x/assessment.toml",
        "criteria = \"imdi-god-praksis\"\n[answr]\n\"1\" = \"ja\"\n",
    );
    library.write("practices/y/practice.toml", testkit::practice_toml("Y"));
    library.write(
        "practices/y/assessment.yaml",
        "criteria: imdi-god-praksis\n\"5\": ja\nanswers:\n  \"1\": ja\n",
    );
    let json = library.run(&["validate", "--format", "json"]).code(1).json();
    insta::assert_snapshot!(format!(
        "{}\n{}",
        findings_in(&json, "x/assessment.toml"),
        findings_in(&json, "y/assessment.yaml")
    ));
}
