//! `practice form export|import`, `--format xlsx`, `practice criteria`, `completions` and `man` through the binary.

use std::collections::BTreeMap;
use std::fs;

use calamine::{Data, Reader, Xlsx};
use practice::forms::{self, from_model, FormAnswer, FormLabels, FormMeta};
use testkit::Lib;

fn grimstad_library() -> Lib {
    let lib = Lib::new();
    testkit::copy_dir(&testkit::repo().join("practices"), &lib.path().join("practices"));
    let _ = fs::remove_dir_all(lib.path().join("practices/sprakpraksis-grimstad/assessments"));
    lib
}

fn criteria() -> practice::model::Criteria {
    practice::model::Criteria::load(&testkit::repo().join("criteria.toml")).unwrap()
}

#[test]
fn an_unchanged_export_imports_without_touching_the_file() {
    let lib = grimstad_library();
    lib.cmd()
        .args(["form", "export", "sprakpraksis-grimstad", "-o", "g.xlsx"])
        .assert()
        .success();
    let path = lib.path().join("practices/sprakpraksis-grimstad/assessment.toml");
    let before = fs::read(&path).unwrap();
    let first = fs::read(lib.path().join("g.xlsx")).unwrap();
    lib.cmd().args(["form", "import", "g.xlsx"]).assert().success();
    assert_eq!(fs::read(&path).unwrap(), before);
    // A second export of the same answers is byte-identical (no clock in the workbook).
    lib.cmd()
        .args(["form", "export", "sprakpraksis-grimstad", "-o", "g.xlsx", "--force"])
        .assert()
        .success();
    assert_eq!(fs::read(lib.path().join("g.xlsx")).unwrap(), first);
}

#[test]
fn an_existing_workbook_is_not_replaced_without_force() {
    let lib = grimstad_library();
    lib.write("g.xlsx", "answers typed but not imported");
    let out = lib
        .cmd()
        .args(["form", "export", "sprakpraksis-grimstad", "-o", "g.xlsx"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(
        fs::read_to_string(lib.path().join("g.xlsx")).unwrap(),
        "answers typed but not imported"
    );
}

/// A workbook with one answer changed, as an analyst's spreadsheet program would save it.
fn filled_workbook(change: impl FnOnce(&mut BTreeMap<String, FormAnswer>)) -> Vec<u8> {
    let criteria = criteria();
    let dir = testkit::repo().join("practices/sprakpraksis-grimstad");
    let assessment: practice::model::Assessment =
        toml::from_str(&fs::read_to_string(dir.join("assessment.toml")).unwrap()).unwrap();
    let evidence: practice::model::Evidence =
        toml::from_str(&fs::read_to_string(dir.join("evidence.toml")).unwrap()).unwrap();
    let mut answers = from_model::answers(Some(&assessment));
    change(&mut answers);
    let meta = FormMeta {
        slug: "sprakpraksis-grimstad".into(),
        practice_name: "Språkpraksis i Grimstad".into(),
        criteria_id: criteria.id.clone(),
        criteria_version: criteria.version.clone(),
        assessor: None,
    };
    forms::export(
        &meta,
        &from_model::questions(&criteria),
        &from_model::evidence(&criteria, Some(&evidence)),
        &answers,
        &FormLabels::default(),
    )
    .unwrap()
}

#[test]
fn an_import_changes_only_the_answers_that_changed() {
    let lib = grimstad_library();
    let path = lib.path().join("practices/sprakpraksis-grimstad/assessment.toml");
    let before = fs::read_to_string(&path).unwrap();
    let bytes = filled_workbook(|answers| {
        answers.insert(
            "5c".into(),
            FormAnswer {
                value: "ja".into(),
                note: Some("Frist: innen to år.".into()),
                evidence: vec![],
            },
        );
    });
    fs::write(lib.path().join("filled.xlsx"), bytes).unwrap();
    lib.cmd().args(["form", "import", "filled.xlsx"]).assert().success();
    let written = fs::read_to_string(&path).unwrap();
    // The evidence the answers were given against is recorded beside them (for `practice due`).
    let fingerprint: Vec<&str> = written
        .lines()
        .filter(|l| l.starts_with("evidence_fingerprint = "))
        .collect();
    assert_eq!(fingerprint.len(), 1, "{written}");
    assert!(
        fingerprint[0].starts_with("evidence_fingerprint = \"sha256:"),
        "{written}"
    );
    let after: String = written
        .lines()
        .filter(|l| !l.starts_with("evidence_fingerprint = "))
        .map(|l| format!("{l}\n"))
        .collect();
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{changed:#?}");
    assert!(changed[0].1.contains("Frist: innen to år."), "{changed:#?}");
    assert_eq!(before.lines().count(), after.lines().count());
    // The comments heading the file are still there, and the tool reads the result.
    assert!(after.starts_with("# Vurdering av Språkpraksis i Grimstad"));
    lib.cmd().args(["validate", "--quiet"]).assert().success();
}

#[test]
fn a_workbook_with_a_bad_cell_names_it_and_writes_nothing() {
    let lib = grimstad_library();
    let path = lib.path().join("practices/sprakpraksis-grimstad/assessment.toml");
    let before = fs::read(&path).unwrap();
    let bytes = filled_workbook(|answers| {
        answers.get_mut("11").unwrap().evidence = vec!["e99".into()];
    });
    fs::write(lib.path().join("bad.xlsx"), bytes).unwrap();
    let out = lib.cmd().args(["form", "import", "bad.xlsx"]).assert().code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("bad.xlsx: Vurdering!G"), "{stderr}");
    assert!(stderr.contains("e99"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_that_is_not_a_workbook_is_refused() {
    let lib = grimstad_library();
    lib.write("notes.xlsx", "just text");
    let out = lib.cmd().args(["form", "import", "notes.xlsx"]).assert().code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("notes.xlsx:"), "{stderr}");
}

#[test]
fn an_assessor_workbook_writes_the_assessors_file() {
    let lib = grimstad_library();
    lib.cmd()
        .args([
            "form",
            "export",
            "sprakpraksis-grimstad",
            "--assessor",
            "forsker-c",
            "-o",
            "c.xlsx",
        ])
        .assert()
        .success();
    // Nothing answered yet: nothing is created.
    lib.cmd().args(["form", "import", "c.xlsx"]).assert().success();
    assert!(!lib.path().join("practices/sprakpraksis-grimstad/assessments").exists());
}

#[test]
fn score_and_list_open_in_a_spreadsheet() {
    let lib = grimstad_library();
    lib.cmd()
        .args(["score", "--format", "xlsx", "-o", "score.xlsx"])
        .assert()
        .success();
    let mut book: Xlsx<_> = calamine::open_workbook(lib.path().join("score.xlsx")).unwrap();
    let range = book.worksheet_range("Score").unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        [
            "Kortnavn",
            "Navn",
            "Fase",
            "Beskrivelse",
            "Resultater",
            "Økonomi/ressurser",
            "Overførbarhet",
            "Samlet",
            "Klasse",
            "Fullstendig"
        ]
    );
    let row: Vec<&Data> = range
        .rows()
        .find(|r| r[0] == Data::String("sprakpraksis-grimstad".into()))
        .unwrap()
        .iter()
        .collect();
    assert_eq!(row[0], &Data::String("sprakpraksis-grimstad".into()));
    match row[7] {
        Data::Float(total) => assert!((total - 0.790_277_777_777_777_7).abs() < 1e-12, "{total}"),
        other => panic!("total is not a number: {other:?}"),
    }
    lib.cmd()
        .args(["list", "--format", "xlsx", "-o", "list.xlsx"])
        .assert()
        .success();
    let mut book: Xlsx<_> = calamine::open_workbook(lib.path().join("list.xlsx")).unwrap();
    let range = book.worksheet_range("Praksiser").unwrap();
    assert_eq!(range.rows().count(), 14);
    // Without --output the format is a usage error.
    lib.cmd().args(["score", "--format", "xlsx"]).assert().code(2);
}

#[test]
fn the_criteria_in_three_forms() {
    let lib = Lib::new();
    let table = lib.cmd().args(["criteria"]).assert().success();
    let table = String::from_utf8_lossy(&table.get_output().stdout).into_owned();
    assert!(table.starts_with("imdi-god-praksis 2018.2\n"), "{table}");
    assert_eq!(table.lines().filter(|l| l.contains("| Beskrivelse (×1)")).count(), 20);
    let json = lib.cmd().args(["criteria", "--format", "json"]).assert().success();
    let json: serde_json::Value = serde_json::from_slice(&json.get_output().stdout).unwrap();
    assert_eq!(json["criteria"].as_array().unwrap().len(), 4);
    let md = lib.cmd().args(["criteria", "--format", "markdown"]).assert().success();
    let md = String::from_utf8_lossy(&md.get_output().stdout).into_owned();
    assert!(md.contains("## Overførbarhet"), "{md}");
    assert!(md.contains("omvendt"), "21b is marked reversed: {md}");
}

/// The table format prints the hints too (a table of question id and hint after the questions).
#[test]
fn the_criteria_table_prints_the_hints() {
    let lib = Lib::empty().criteria(&testkit::fixture("tests/fixtures/criteria/ungsinn.toml"));
    let run = lib.run(&["criteria"]).code(0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn completions_and_man_pages() {
    let lib = Lib::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = lib.cmd().args(["completions", shell]).assert().success();
        let script = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(script.contains("regrade"), "{shell}");
    }
    lib.cmd().args(["man", "--out", "man"]).assert().success();
    let page = fs::read_to_string(lib.path().join("man/practice-form-import.1")).unwrap();
    assert!(page.starts_with(".ie"), "{page}");
    assert!(page.contains("dry\\-run"), "{page}");
}

#[test]
fn new_scaffolds_an_assessment_with_every_question_id() {
    let lib = grimstad_library();
    lib.cmd().args(["new", "ny-praksis", "--assessment"]).assert().success();
    let text = fs::read_to_string(lib.path().join("practices/ny-praksis/assessment.toml")).unwrap();
    let criteria = criteria();
    for q in criteria.questions() {
        assert!(
            text.contains(&format!(
                "\n# {} = \"\"",
                practice::model::toml_text::key(&q.question.id)
            )),
            "{}",
            q.question.id
        );
    }
    // Uncommenting every line and answering gives a complete assessment the tool reads.
    let answered: String = text
        .lines()
        .map(|l| match l.strip_prefix("# ").filter(|r| r.contains(" = \"\"")) {
            Some(rest) => rest.split("   #").next().unwrap().replace("\"\"", "\"nei\"") + "\n",
            None => format!("{l}\n"),
        })
        .collect();
    assert!(!answered.contains("# \"5a\" = "), "{answered}");
    fs::write(lib.path().join("practices/ny-praksis/assessment.toml"), answered).unwrap();
    let out = lib
        .cmd()
        .args(["score", "practices/ny-praksis", "--format", "json"])
        .assert();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["practices"][0]["complete"], serde_json::Value::Bool(true));
    // An existing assessment is never replaced.
    lib.cmd()
        .args(["new", "sprakpraksis-grimstad", "--assessment"])
        .assert()
        .code(2);
}

/// The workbook's words come from `[labels]`: a criteria file that renames the question sheet and the answer
/// column gets a workbook with those names, which still imports.
#[test]
fn the_workbook_takes_its_words_from_the_labels() {
    let lib = grimstad_library();
    let criteria = testkit::bundled_criteria_text();
    let own = criteria
        .replace(
            "form_questions_sheet = \"Vurdering\"",
            "form_questions_sheet = \"Assessment\"",
        )
        .replace("form_answer = \"Svar\"", "form_answer = \"Answer\"");
    assert_ne!(own, criteria, "the bundled file sets both keys");
    lib.write("criteria.toml", &own);
    lib.cmd()
        .args(["form", "export", "sprakpraksis-grimstad", "-o", "g.xlsx"])
        .assert()
        .success();
    let mut book: Xlsx<_> = calamine::open_workbook(lib.path().join("g.xlsx")).unwrap();
    let names: Vec<String> = book
        .sheet_names()
        .into_iter()
        .filter(|n| n != forms::META_SHEET)
        .collect();
    assert_eq!(names, ["Assessment", "Kunnskapsgrunnlag", "Veiledning"]);
    let range = book.worksheet_range("Assessment").unwrap();
    let header: Vec<String> = range
        .rows()
        .find(|row| matches!(row.first(), Some(Data::String(s)) if s == "Id"))
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        header,
        [
            "Id",
            "Kriterium",
            "Spørsmål",
            "Råd",
            "Answer",
            "Merknad",
            "Kunnskapsgrunnlag (id-er)"
        ]
    );
    lib.cmd().args(["form", "import", "g.xlsx"]).assert().success();
}

#[test]
fn a_yaml_assessment_is_refused_at_export_and_a_dry_run_import_still_checks_the_cells() {
    let lib = grimstad_library();
    let dir = lib.path().join("practices/sprakpraksis-grimstad");
    fs::remove_file(dir.join("assessment.toml")).unwrap();
    lib.write(
        "practices/sprakpraksis-grimstad/assessment.yaml",
        "criteria: imdi-god-praksis\nanswers:\n  \"1\": ja\n",
    );
    let run = lib
        .run(&["form", "export", "sprakpraksis-grimstad", "-o", "g.xlsx"])
        .code(2);
    assert_eq!(
        run.stderr.trim_end(),
        "error: practices/sprakpraksis-grimstad/assessment.yaml is YAML: it cannot be edited in place without losing \
         its comments and layout; convert it to TOML (or edit it by hand)"
    );
    assert!(!lib.path().join("g.xlsx").exists());
    // A workbook made elsewhere: a dry run reports its cell problems before the YAML refusal.
    let bytes = filled_workbook(|answers| {
        answers.get_mut("11").unwrap().evidence = vec!["e99".into()];
    });
    fs::write(lib.path().join("bad.xlsx"), bytes).unwrap();
    let run = lib.run(&["form", "import", "--dry-run", "bad.xlsx"]).code(1);
    assert!(run.stderr.starts_with("error: bad.xlsx: Vurdering!G"), "{}", run.stderr);
    assert!(
        run.stderr.ends_with("bad.xlsx: 1 problem; nothing was written\n"),
        "{}",
        run.stderr
    );
}
