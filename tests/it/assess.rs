//! `practice assess` driven through a pseudo-terminal, as a user would: a whole assessment typed key by key with a
//! stop (the process killed) and a resume, a blind second assessor, a file changed on disk meanwhile, and the
//! refusals (no terminal, a YAML file).
#![cfg(unix)]

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use rexpect::process::Signal;
use rexpect::session::{spawn_command, PtySession};
use testkit::Lib as TempLibrary;

const SLUG: &str = "sprakpraksis-grimstad";

/// A library with the Grimstad practice, without its assessment, and the schemas in `schema/`.
fn library() -> TempLibrary {
    let lib = TempLibrary::new().bundled(&[SLUG]);
    let dir = lib.path().join("practices").join(SLUG);
    fs::remove_file(dir.join("assessment.toml")).unwrap();
    fs::remove_file(dir.join("score.toml")).unwrap();
    lib.cmd().args(["schema", "--quiet"]).assert().success();
    lib
}

fn spawn(lib: &TempLibrary, args: &[&str]) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_practice"));
    command
        .arg("assess")
        .arg(SLUG)
        .args(args)
        .current_dir(lib.path())
        .env("PRACTICE_TODAY", "2026-11-23")
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    spawn_command(command, Some(20_000)).expect("spawn practice assess in a pty")
}

/// Type `text` (sent at once: the pseudo-terminal writer buffers). The screen is read back byte by byte as Latin-1
/// by rexpect, so the tests look for ASCII text on it and check Norwegian text in the files.
fn keys(p: &mut PtySession, text: &str) {
    p.send(text).unwrap();
    p.flush().unwrap();
}

/// The answers in an assessment file (parsed), waiting up to 20 s until there are `n`.
fn wait_for_answers(path: &Path, n: usize) -> toml::Table {
    let start = Instant::now();
    loop {
        let answers = fs::read_to_string(path)
            .ok()
            .and_then(|t| t.parse::<toml::Table>().ok())
            .and_then(|t| t.get("answers").and_then(|a| a.as_table()).cloned())
            .unwrap_or_default();
        if answers.len() >= n || start.elapsed() > Duration::from_secs(20) {
            assert_eq!(answers.len(), n, "answers in {}", path.display());
            return answers;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_whole_assessment_by_key_with_a_stop_and_a_resume() {
    let lib = library();
    let file = lib.path().join("practices").join(SLUG).join("assessment.toml");
    let mut p = spawn(&lib, &[]);
    p.exp_string("[1/36]").unwrap();
    p.exp_string("Open (36)").unwrap();
    // Ten answers: `j` (ja) and digits; the file is written after each.
    for key in ["j", "2", "3", "1", "1", "1", "1", "1", "1", "1"] {
        keys(&mut p, key);
    }
    wait_for_answers(&file, 10);
    // Stop it hard: everything so far is on disk, the file is whole.
    p.process_mut().kill(Signal::SIGKILL).unwrap();
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("#:schema ./../../schema/assessment.schema.json\ncriteria = \"imdi-god-praksis\"\n"),
        "{text}"
    );

    // Resume: starts at the first open question (7, the 11th).
    let mut p = spawn(&lib, &[]);
    p.exp_string("10/36 answered").unwrap();
    p.exp_string("[11/36]").unwrap();
    // A note and evidence on question 7, then answers for the rest; 0 = «ikke relevant».
    keys(&mut p, "1");
    keys(&mut p, "\x1b[D"); // ← back to 7
    keys(&mut p, "#Målgruppen er tydelig.\r");
    keys(&mut p, "@e1 e2\r");
    keys(&mut p, "\x1b[C"); // → on to 7a
    for _ in 0..24 {
        keys(&mut p, "1");
    }
    keys(&mut p, "0");
    p.exp_string("all 36 questions are answered").unwrap();
    keys(&mut p, "\x1b");
    p.exp_eof().unwrap();
    let answers = wait_for_answers(&file, 36);
    assert_eq!(answers["1"].as_str(), Some("ja"));
    assert_eq!(answers["2"].as_str(), Some("noe"));
    assert_eq!(answers["3"].as_str(), Some("nei"));
    assert_eq!(answers["7"]["note"].as_str(), Some("Målgruppen er tydelig."));
    assert_eq!(answers["7"]["evidence"].as_array().unwrap().len(), 2);
    assert_eq!(answers["21c"].as_str(), Some("ikke-relevant"));
    // The written file has no errors (the practice's links to practices not in this library do); the one warning
    // asks for the assessors' names, which `assess` does not know.
    let out = lib.cmd().arg("validate").output().unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // The evidence checks also warn about the «ja» answers that cite no evidence of the kind they rest on.
    let about_it: Vec<&str> = said
        .lines()
        .filter(|l| l.contains("assessment.toml") && !l.contains("warning[answer-without-evidence]"))
        .collect();
    assert_eq!(about_it.len(), 1, "{said}");
    assert!(
        about_it[0].contains("warning[missing-key]") && about_it[0].contains("assessors"),
        "{said}"
    );
    let out = lib.cmd().args(["score", "--format", "json"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"complete\": true"));
}

#[test]
fn a_second_assessor_works_blind_and_writes_only_their_file() {
    let lib = library();
    let dir = lib.path().join("practices").join(SLUG);
    let consensus =
        "criteria = \"imdi-god-praksis\"\n[answers]\n\"1\" = { answer = \"nei\", note = \"KONSENSUS-NOTAT\" }\n";
    let first = "criteria = \"imdi-god-praksis\"\n[answers]\n\"1\" = { answer = \"noe\", note = \"FORSKER1-NOTAT\" }\n";
    lib.write(&format!("practices/{SLUG}/assessment.toml"), consensus);
    lib.write(&format!("practices/{SLUG}/assessments/forsker-1.toml"), first);
    let mut p = spawn(&lib, &["--assessor", "forsker-2"]);
    let mut seen = p.exp_string("[1/36]").unwrap();
    keys(&mut p, "#");
    seen += &p.exp_string("answer the question first").unwrap();
    keys(&mut p, "j"); // answers 1 and moves on to 2
    keys(&mut p, "\x1b[D");
    keys(&mut p, "#Eget notat\r");
    seen += &p.exp_string("Note: Eget notat").unwrap();
    keys(&mut p, "\x03"); // Ctrl-C
    seen += &p.exp_eof().unwrap();
    for secret in ["KONSENSUS-NOTAT", "FORSKER1-NOTAT"] {
        assert!(!seen.contains(secret), "the screen showed {secret}");
    }
    let own = fs::read_to_string(dir.join("assessments/forsker-2.toml")).unwrap();
    assert!(
        own.contains("\n1 = { answer = \"ja\", note = \"Eget notat\" }\n"),
        "{own}"
    );
    assert!(
        own.starts_with("#:schema ./../../../schema/assessment.schema.json\n"),
        "{own}"
    );
    assert_eq!(fs::read_to_string(dir.join("assessment.toml")).unwrap(), consensus);
    assert_eq!(
        fs::read_to_string(dir.join("assessments/forsker-1.toml")).unwrap(),
        first
    );
}

#[test]
fn an_existing_file_keeps_its_comments_and_a_change_on_disk_is_refused() {
    let lib = library();
    let relative = format!("practices/{SLUG}/assessment.toml");
    lib.write(
        &relative,
        "# Hand-written.\ncriteria = \"imdi-god-praksis\"\ncriteria_version = \"2018.2\"\n\n[answers]\n\"1\" = \"ja\" # sikker\n",
    );
    let path = lib.join(&relative);
    let mut p = spawn(&lib, &[]);
    p.exp_string("[2/36]").unwrap();
    keys(&mut p, "1");
    wait_for_answers(&path, 2);
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("# Hand-written.\n") && text.contains("\"1\" = \"ja\" # sikker\n"),
        "{text}"
    );
    assert!(!text.contains("#:schema"), "a directive is only written into new files");
    // Someone edits the file meanwhile: the next answer is refused and nothing is lost.
    let edited = format!("{text}# edited elsewhere\n");
    fs::write(&path, &edited).unwrap();
    keys(&mut p, "1");
    p.exp_string("changed on disk since it was read").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);
}

#[test]
fn a_yaml_assessment_is_refused_before_the_screen_opens() {
    let lib = library();
    lib.write(
        &format!("practices/{SLUG}/assessment.yaml"),
        "criteria: imdi-god-praksis\nanswers:\n  \"1\": ja\n",
    );
    let mut p = spawn(&lib, &[]);
    p.exp_string("is YAML").unwrap();
    p.exp_eof().unwrap();
}

#[test]
fn without_a_terminal_it_says_what_to_do() {
    let lib = library();
    let out = lib.cmd().args(["assess", SLUG]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.trim_end(),
        "error: `practice assess` needs a terminal (stdin and stdout are not one); to assess without one, use \
         `practice form export sprakpraksis-grimstad` and a spreadsheet, or `practice new sprakpraksis-grimstad \
         --assessment` and an editor"
    );
    // Resuming: the assessment exists, so `practice new --assessment` (which would refuse to replace it) is not
    // suggested.
    lib.write(
        &format!("practices/{SLUG}/assessment.toml"),
        "criteria = \"imdi-god-praksis\"\n[answers]\n\"1\" = \"ja\"\n",
    );
    let out = lib.cmd().args(["assess", SLUG]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        "error: `practice assess` needs a terminal (stdin and stdout are not one); to assess without one, use \
         `practice form export sprakpraksis-grimstad` and a spreadsheet, or edit \
         practices/sprakpraksis-grimstad/assessment.toml in an editor"
    );
    let out = lib.cmd().args(["assess", "no-such-practice"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no practice `no-such-practice`"));
}

/// The Grimstad answers (option keys only) of an assessment file.
fn answer_keys(path: &Path) -> std::collections::BTreeMap<String, String> {
    let table: toml::Table = fs::read_to_string(path).unwrap().parse().unwrap();
    table["answers"]
        .as_table()
        .unwrap()
        .iter()
        .map(|(id, value)| {
            let answer = value
                .as_str()
                .or_else(|| value.get("answer").and_then(toml::Value::as_str));
            (id.clone(), answer.unwrap().to_string())
        })
        .collect()
}

/// Issue 12's promise: the same assessment three ways — typed in the terminal, filled in a workbook and imported,
/// written in an editor from the `new --assessment` scaffold — gives the same answers in the practice's own file and
/// the same score (Grimstad's 79 %).
#[test]
fn terminal_spreadsheet_and_editor_give_the_same_assessment() {
    let criteria = practice::model::Criteria::load(&testkit::repo().join("criteria.toml")).unwrap();
    let bundled = answer_keys(&testkit::repo().join("practices").join(SLUG).join("assessment.toml"));
    let na = criteria.not_applicable_key().unwrap().to_string();
    let file = |lib: &TempLibrary| lib.path().join("practices").join(SLUG).join("assessment.toml");

    // The terminal: one key per question, in criteria order: the option's number, 0 for «ikke relevant».
    let terminal = library();
    let mut p = spawn(&terminal, &[]);
    p.exp_string("[1/36]").unwrap();
    for q in criteria.questions() {
        let answer = &bundled[&q.question.id];
        let key = if *answer == na {
            "0".to_string()
        } else {
            let index = q.scale.options.iter().position(|o| o.key == *answer).unwrap();
            (index + 1).to_string()
        };
        keys(&mut p, &key);
    }
    p.exp_string("all 36 questions are answered").unwrap();
    keys(&mut p, "\x1b");
    p.exp_eof().unwrap();
    wait_for_answers(&file(&terminal), 36);

    // The spreadsheet: an exported workbook with the answers filled in, imported.
    let spreadsheet = library();
    let workbook = spreadsheet.path().join("grimstad.xlsx");
    spreadsheet
        .cmd()
        .args(["form", "export", SLUG, "-o"])
        .arg(&workbook)
        .assert()
        .success();
    let answers = bundled
        .iter()
        .map(|(id, key)| {
            let answer = practice::forms::FormAnswer {
                value: key.clone(),
                ..Default::default()
            };
            (id.clone(), answer)
        })
        .collect();
    let meta = practice::forms::read_meta(&fs::read(&workbook).unwrap()).unwrap();
    let filled = practice::forms::export(
        &meta,
        &practice::forms::from_model::questions(&criteria),
        &[],
        &answers,
        &practice::forms::FormLabels::default(),
    )
    .unwrap();
    fs::write(&workbook, filled).unwrap();
    spreadsheet
        .cmd()
        .args(["form", "import"])
        .arg(&workbook)
        .assert()
        .success();

    // The editor: the scaffold with each question's line uncommented and its option key written in.
    let editor = library();
    editor.cmd().args(["new", SLUG, "--assessment"]).assert().success();
    let scaffold = fs::read_to_string(file(&editor)).unwrap();
    let mut written = String::new();
    for line in scaffold.lines() {
        let entry = line
            .strip_prefix("# ")
            .and_then(|rest| rest.split_once(" = \"\""))
            .and_then(|(key, _)| bundled.get(key.trim_matches('"')).map(|answer| (key, answer)));
        match entry {
            Some((key, answer)) => written.push_str(&format!("{key} = \"{answer}\"\n")),
            None => written.push_str(&format!("{line}\n")),
        }
    }
    fs::write(file(&editor), written).unwrap();

    let mut scores = Vec::new();
    for lib in [&terminal, &spreadsheet, &editor] {
        assert_eq!(answer_keys(&file(lib)), bundled, "{}", file(lib).display());
        let out = lib.cmd().args(["score", "--format", "json"]).output().unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let practice = &json["practices"][0];
        assert_eq!(practice["complete"], true, "{json}");
        scores.push((practice["total"].clone(), practice["class"].clone()));
    }
    assert_eq!(scores[0], scores[1]);
    assert_eq!(scores[1], scores[2]);
    assert_eq!(practice::model::number::percent(scores[0].0.as_f64().unwrap()), 79);
}
