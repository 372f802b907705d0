//! `practice::forms` on the real IMDi criteria and the Grimstad practice: an unchanged export imports the same
//! answers, exports are byte-identical, and a workbook filled and saved by openpyxl (or LibreOffice, when
//! installed) imports as well. Uses only `practice::forms`; the fixtures are read from the TOML files directly.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use practice::forms::{self, FormAnswer, FormEvidence, FormLabels, FormMeta, FormOption, FormQuestion};
use toml::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_toml(path: &Path) -> Value {
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn text(value: &Value, key: &str) -> String {
    value.get(key).and_then(Value::as_str).unwrap_or_default().to_string()
}

/// The questions of criteria.toml as the CLI glue would build them.
fn questions(criteria: &Value) -> Vec<FormQuestion> {
    let scales = criteria["scales"].as_table().unwrap();
    let na = &criteria["not_applicable"];
    let mut out = Vec::new();
    for criterion in criteria["criteria"].as_array().unwrap() {
        let mut push = |q: &Value, depth: usize| {
            let scale_key = q
                .get("scale")
                .or_else(|| criterion.get("scale"))
                .and_then(Value::as_str)
                .unwrap();
            let scale = &scales[scale_key];
            let mut options: Vec<FormOption> = scale["options"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| FormOption {
                    key: text(o, "key"),
                    label: text(o, "label"),
                })
                .collect();
            let allows_na = q
                .get("not_applicable")
                .or_else(|| scale.get("not_applicable"))
                .and_then(Value::as_bool)
                .unwrap_or(false);
            if allows_na {
                options.push(FormOption {
                    key: text(na, "key"),
                    label: text(na, "label"),
                });
            }
            out.push(FormQuestion {
                id: text(q, "id"),
                criterion: text(criterion, "label"),
                text: text(q, "text"),
                hint: q.get("hint").and_then(Value::as_str).map(str::to_string),
                scale_label: text(scale, "label"),
                options,
                depth,
            });
        };
        for q in criterion["questions"].as_array().unwrap() {
            push(q, 0);
            for sub in q.get("sub").and_then(Value::as_array).into_iter().flatten() {
                push(sub, 1);
            }
        }
    }
    out
}

struct Fixture {
    meta: FormMeta,
    questions: Vec<FormQuestion>,
    evidence: Vec<FormEvidence>,
    answers: BTreeMap<String, FormAnswer>,
}

impl Fixture {
    fn grimstad() -> Fixture {
        let criteria = read_toml(&root().join("criteria.toml"));
        let dir = root().join("practices/sprakpraksis-grimstad");
        let practice = read_toml(&dir.join("practice.toml"));
        let assessment = read_toml(&dir.join("assessment.toml"));
        let evidence = read_toml(&dir.join("evidence.toml"))["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| FormEvidence {
                id: text(r, "id"),
                kind: text(r, "kind"),
                question: text(r, "question"),
                finding: text(r, "finding"),
                source: text(r, "source"),
            })
            .collect();
        let answers = assessment["answers"]
            .as_table()
            .unwrap()
            .iter()
            .map(|(id, a)| {
                let answer = match a {
                    Value::String(key) => FormAnswer {
                        value: key.clone(),
                        ..FormAnswer::default()
                    },
                    table => FormAnswer {
                        value: text(table, "answer"),
                        note: table.get("note").and_then(Value::as_str).map(str::to_string),
                        evidence: table
                            .get("evidence")
                            .and_then(Value::as_array)
                            .into_iter()
                            .flatten()
                            .filter_map(Value::as_str)
                            .map(str::to_string)
                            .collect(),
                    },
                };
                (id.clone(), answer)
            })
            .collect();
        Fixture {
            meta: FormMeta {
                slug: "sprakpraksis-grimstad".into(),
                practice_name: text(&practice, "name"),
                criteria_id: text(&criteria, "id"),
                criteria_version: text(&criteria, "version"),
                assessor: None,
            },
            questions: questions(&criteria),
            evidence,
            answers,
        }
    }

    fn export(&self, answers: &BTreeMap<String, FormAnswer>) -> Vec<u8> {
        forms::export(
            &self.meta,
            &self.questions,
            &self.evidence,
            answers,
            &FormLabels::default(),
        )
        .unwrap()
    }

    fn import(&self, bytes: &[u8]) -> forms::Imported {
        let ids: BTreeSet<String> = self.evidence.iter().map(|e| e.id.clone()).collect();
        match forms::import(bytes, &self.meta, &self.questions, &ids) {
            Ok(imported) => imported,
            Err(problems) => panic!(
                "import failed:\n{}",
                problems.iter().map(|p| format!("  {p}\n")).collect::<String>()
            ),
        }
    }

    /// The label an analyst would pick for an answer.
    fn label(&self, id: &str, key: &str) -> String {
        let question = self.questions.iter().find(|q| q.id == id).unwrap();
        question.options.iter().find(|o| o.key == key).unwrap().label.clone()
    }
}

#[test]
fn grimstad_round_trip_is_exact_and_deterministic() {
    let fixture = Fixture::grimstad();
    assert_eq!(fixture.questions.len(), 36, "the IMDi model has 36 questions");
    let bytes = fixture.export(&fixture.answers);
    assert_eq!(
        bytes,
        fixture.export(&fixture.answers),
        "the same input gives the same bytes"
    );
    let imported = fixture.import(&bytes);
    assert_eq!(imported.answers, fixture.answers);
    assert!(imported.unanswered.is_empty());
    assert!(imported.warnings.is_empty());
    // Exporting what was imported gives the same workbook again.
    assert_eq!(fixture.export(&imported.answers), bytes);
}

fn python_has_openpyxl() -> bool {
    Command::new("python3")
        .args(["-c", "import openpyxl"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn a_workbook_filled_and_saved_by_openpyxl_imports() {
    if !python_has_openpyxl() {
        assert!(
            std::env::var_os("PRACTICE_REQUIRE_OPENPYXL").is_none(),
            "PRACTICE_REQUIRE_OPENPYXL is set but `python3 -c \"import openpyxl\"` fails (pip install openpyxl)"
        );
        eprintln!("note: openpyxl is not installed; skipping the openpyxl round trip (see tests/forms/ci.sh)");
        return;
    }
    let fixture = Fixture::grimstad();
    let dir = tempfile::tempdir().unwrap();
    let blank = dir.path().join("blank.xlsx");
    std::fs::write(&blank, fixture.export(&BTreeMap::new())).unwrap();

    // The analyst types every Grimstad answer's label (some in lower case), notes and evidence ids.
    let mut plan = serde_json::Map::new();
    for (i, (id, answer)) in fixture.answers.iter().enumerate() {
        let label = fixture.label(id, &answer.value);
        let typed = if i % 3 == 0 { label.to_lowercase() } else { label };
        let evidence = (!answer.evidence.is_empty()).then(|| answer.evidence.join(","));
        plan.insert(id.clone(), serde_json::json!([typed, answer.note, evidence]));
    }
    let plan = serde_json::json!({ "sheet": "Vurdering", "assessor": "Kari Nordmann", "answers": plan });
    let plan_path = dir.path().join("plan.json");
    std::fs::write(&plan_path, serde_json::to_vec(&plan).unwrap()).unwrap();
    let filled = dir.path().join("filled.xlsx");
    let output = Command::new("python3")
        .arg(root().join("tests/forms/fill_with_openpyxl.py"))
        .args([&blank, &filled, &plan_path])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    let imported = fixture.import(&std::fs::read(&filled).unwrap());
    assert_eq!(imported.answers, fixture.answers);
    assert_eq!(imported.assessor.as_deref(), Some("Kari Nordmann"));
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);

    // And openpyxl re-saving an export untouched changes nothing.
    let resaved = dir.path().join("resaved.xlsx");
    let empty_plan = dir.path().join("empty.json");
    std::fs::write(&empty_plan, br#"{"answers": {}}"#).unwrap();
    std::fs::write(&blank, fixture.export(&fixture.answers)).unwrap();
    let output = Command::new("python3")
        .arg(root().join("tests/forms/fill_with_openpyxl.py"))
        .args([&blank, &resaved, &empty_plan])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(
        fixture.import(&std::fs::read(&resaved).unwrap()).answers,
        fixture.answers
    );
}

#[test]
fn a_workbook_resaved_by_libreoffice_imports() {
    let has_soffice = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_soffice {
        eprintln!("note: LibreOffice (soffice) is not installed; skipping the LibreOffice round trip");
        return;
    }
    let fixture = Fixture::grimstad();
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("in").join("form.xlsx");
    std::fs::create_dir_all(source.parent().unwrap()).unwrap();
    std::fs::write(&source, fixture.export(&fixture.answers)).unwrap();
    let out = dir.path().join("out");
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
    let status = Command::new("soffice")
        .args([profile.as_str(), "--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(&out)
        .arg(&source)
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let imported = fixture.import(&std::fs::read(out.join("form.xlsx")).unwrap());
    assert_eq!(imported.answers, fixture.answers);
}
