//! Hostile input: malformed and adversarial files fed to the binary.
//!
//! Every case asserts that the tool ends with exit code 1 (findings) or 2 (usage / I/O error) — never 101 (a
//! panic) and never a hang (each run is killed after a deadline) — that its message names the file, with a
//! line:column where the parser knows one, and that nothing in the folder was written, renamed or removed.
//! A UTF-8 byte-order mark and CRLF line ends are not hostile: files with them are accepted and give the same
//! result as without; combined with a real error, the reported location stays right.

use std::fs;
use std::path::Path;

use practice::load::source::{Format, SourceFile, MAX_FILE_SIZE};
use practice::model::criteria::Criteria;
use testkit::{Lib, Run};

const CRITERIA: &str = include_str!("../../criteria.toml");

/// Run `args` in the library and assert: exit code in `codes`, every string of `mentions` in the output, and
/// the folder unchanged. Returns the run for further checks.
fn rejected(lib: &Lib, args: &[&str], codes: &[i32], mentions: &[&str]) -> Run {
    let before = testkit::folder_state(lib.path());
    let run = lib.run(args);
    let after = testkit::folder_state(lib.path());
    let output = run.all();
    assert!(
        codes.contains(&run.code),
        "`practice {}` exited {} (expected {codes:?}):\n{output}",
        args.join(" "),
        run.code
    );
    for mention in mentions {
        assert!(output.contains(mention), "output lacks `{mention}`:\n{output}");
    }
    assert!(before == after, "`practice {}` changed the folder", args.join(" "));
    run
}

/// `validate` rejects the library with exit code 1, naming each of `mentions`.
fn invalid(lib: &Lib, mentions: &[&str]) -> Run {
    let run = rejected(lib, &["validate"], &[1], mentions);
    // `score` must survive the same library too.
    rejected(lib, &["score"], &[1], &[]);
    run
}

/// True when `output` names `file` followed by `:line:column`.
fn has_location(output: &str, file: &str) -> bool {
    output.match_indices(&format!("{file}:")).any(|(i, m)| {
        let rest = &output[i + m.len()..];
        let mut parts = rest.splitn(3, ':');
        let line = parts.next().unwrap_or("");
        let column = parts.next().unwrap_or("");
        !line.is_empty()
            && line.bytes().all(|b| b.is_ascii_digit())
            && !column.is_empty()
            && column.bytes().all(|b| b.is_ascii_digit())
    })
}

fn assert_located(run: &Run, file: &str) {
    assert!(
        has_location(&run.all(), file),
        "no {file}:line:column in:\n{}",
        run.all()
    );
}

fn criteria() -> Criteria {
    let source = SourceFile::from_text(Path::new("criteria.toml"), Format::Toml, CRITERIA.to_string());
    Criteria::from_source(&source).unwrap()
}

/// A complete, valid practice description.
fn practice_toml() -> String {
    let mut text = String::from(
        "name = \"Språkpraksis i Testby\"\nsummary = \"Deltakerne får språkpraksis hos en vanlig arbeidsgiver.\"\n\
         municipality = \"Testby kommune\"\nstarted = 2015\n\n[description]\n",
    );
    for field in &criteria().template {
        text.push_str(&format!(
            "{} = \"{}\"\n",
            field.key,
            "Deltakerne møter arbeidsgiveren hver uke og lærer norsk på jobben. ".repeat(2)
        ));
    }
    text
}

fn practice_yaml() -> String {
    let mut text = String::from(
        "name: Språkpraksis i Testby\nsummary: Deltakerne får språkpraksis hos en vanlig arbeidsgiver.\n\
         municipality: Testby kommune\nstarted: 2015\ndescription:\n",
    );
    for field in &criteria().template {
        text.push_str(&format!(
            "  {}: {}\n",
            field.key,
            "Deltakerne møter arbeidsgiveren hver uke og lærer norsk på jobben. ".repeat(2)
        ));
    }
    text
}

/// A complete consensus assessment answering «ja» everywhere.
fn assessment_toml() -> String {
    let criteria = criteria();
    let mut text = format!(
        "criteria = \"{}\"\ncriteria_version = \"{}\"\nassessors = [\"Test\"]\n\n[answers]\n",
        criteria.id, criteria.version
    );
    for question in criteria.questions() {
        text.push_str(&format!("\"{}\" = \"ja\"\n", question.question.id));
    }
    text
}

const EVIDENCE_TOML: &str = "[[rows]]\nid = \"e1\"\nquestion = \"Virker det?\"\nfinding = \"Ja.\"\n\
                             source = \"Rapport\"\nkind = \"praksis\"\n";

// ------------------------------------------------------------------------------------------------------------
// Syntax and types

#[test]
fn truncated_toml() {
    let lib = Lib::new();
    let text = practice_toml();
    let cut = text.find("Deltakerne møter").unwrap() + 20;
    lib.write("practices/a/practice.toml", &text.as_bytes()[..cut]);
    let run = invalid(&lib, &["error[syntax]"]);
    assert_located(&run, "practices/a/practice.toml");
}

#[test]
fn truncated_yaml() {
    let lib = Lib::new();
    lib.write("practices/a/practice.yaml", "name: \"Språkpraksis\nsummary: [a, b\n");
    let run = invalid(&lib, &["practices/a/practice.yaml"]);
    assert_located(&run, "practices/a/practice.yaml");
}

#[test]
fn wrong_type_toml() {
    let lib = Lib::new();
    lib.write(
        "practices/a/practice.toml",
        practice_toml().replacen("started = 2015", "started = [2015]", 1),
    );
    let line = practice_toml().lines().position(|l| l.starts_with("started")).unwrap() + 1;
    invalid(
        &lib,
        &[
            &format!("practices/a/practice.toml:{line}:11: started:"),
            "error[invalid-value]",
        ],
    );
}

#[test]
fn wrong_type_yaml() {
    let lib = Lib::new();
    lib.write(
        "practices/a/practice.yaml",
        practice_yaml().replacen("name: Språkpraksis i Testby", "name: {a: 1}", 1),
    );
    invalid(&lib, &["practices/a/practice.yaml:1:7: name:", "error[invalid-value]"]);
}

#[test]
fn wrong_type_for_a_table() {
    let lib = Lib::new();
    lib.write(
        "practices/a/practice.toml",
        format!("tags = \"Arbeid\"\n{}", practice_toml()),
    );
    invalid(&lib, &["practices/a/practice.toml:1:8: tags:"]);
}

#[test]
fn duplicate_key_toml() {
    let lib = Lib::new();
    lib.write(
        "practices/a/practice.toml",
        format!("name = \"a\"\n{}", practice_toml()),
    );
    // The second `name` (line 2) is the one refused.
    invalid(&lib, &["practices/a/practice.toml:2:1", "duplicate key"]);
}

#[test]
fn duplicate_key_yaml_in_a_table() {
    let lib = Lib::new();
    let text = practice_yaml().replacen(
        "description:\n",
        "description:\n  need: Først skrevet her, og så en gang til.\n",
        1,
    );
    let line = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("  need:"))
        .nth(1)
        .unwrap()
        .0
        + 1;
    lib.write("practices/a/practice.yaml", text);
    invalid(
        &lib,
        &[&format!(
            "practices/a/practice.yaml:{line}:3: description.need: duplicate key `need`"
        )],
    );
}

#[test]
fn duplicate_key_yaml_at_the_top() {
    let lib = Lib::new();
    lib.write("practices/a/practice.yaml", format!("{}name: Igjen\n", practice_yaml()));
    let line = practice_yaml().lines().count() + 1;
    invalid(
        &lib,
        &[&format!(
            "practices/a/practice.yaml:{line}:1: name: duplicate field `name`"
        )],
    );
}

#[test]
fn duplicate_answer_in_yaml_assessment() {
    let lib = Lib::new();
    lib.write("practices/a/practice.toml", practice_toml()).write(
        "practices/a/assessment.yaml",
        "answers:\n  \"1\": ja\n  \"2\": nei\n  \"1\": nei\n",
    );
    invalid(&lib, &["practices/a/assessment.yaml:4:3: answers.1: duplicate key `1`"]);
}

#[test]
fn invalid_utf8() {
    let lib = Lib::new();
    let mut bytes = b"name = \"a\"\nsummary = \"caf".to_vec();
    bytes.extend([0xC3, 0x28]);
    bytes.extend(b"\"\n");
    lib.write("practices/a/practice.toml", bytes);
    invalid(&lib, &["practices/a/practice.toml:2:15", "not valid UTF-8"]);
}

#[test]
fn nul_byte() {
    let lib = Lib::new();
    lib.write("practices/a/practice.yaml", "name: a\nsummary: b\0c\n");
    invalid(&lib, &["practices/a/practice.yaml:2:11", "NUL byte"]);
}

#[test]
fn a_ten_megabyte_string() {
    let lib = Lib::new();
    lib.write(
        "practices/a/practice.toml",
        format!("name = \"{}\"\n", "x".repeat(10 * 1024 * 1024)),
    );
    invalid(&lib, &["practices/a/practice.toml", "error[too-large]", "1024 KiB"]);
}

#[test]
fn a_file_just_over_the_size_limit() {
    let lib = Lib::new();
    let mut text = practice_toml();
    while text.len() as u64 <= MAX_FILE_SIZE {
        text.push_str("# utfylling\n");
    }
    lib.write("practices/a/practice.toml", text);
    invalid(&lib, &["practices/a/practice.toml", "error[too-large]"]);
}

#[test]
fn a_long_line_just_under_the_limit_then_an_error() {
    let lib = Lib::new();
    let filler = "ø".repeat((MAX_FILE_SIZE as usize - 200) / 2);
    lib.write(
        "practices/a/practice.toml",
        format!("summary = \"{filler}\"\nnavn = \"x\"\n"),
    );
    // The column after a line of 500,000 characters is still exact, and the unknown key is on line 2.
    invalid(&lib, &["practices/a/practice.toml:2:1: navn: unknown key `navn`"]);
}

#[test]
fn a_file_with_thousands_of_errors_is_reported_quickly() {
    let lib = Lib::new();
    let rows: String = (0..12_000)
        .map(|i| format!("[[rows]]\nid = \"e{i}\"\nquestion = \"q\"\nfinding = \"f\"\nsource = \"s\"\nkind = \"x\"\n"))
        .collect();
    lib.write("practices/a/practice.toml", practice_toml())
        .write("practices/a/evidence.toml", rows);
    let run = invalid(
        &lib,
        &["practices/a/evidence.toml:72000:1: rows[11999].kind: unknown evidence kind `x`"],
    );
    assert!(run.stdout.contains("12000 errors"), "{}", run.stdout);
}

// ------------------------------------------------------------------------------------------------------------
// Byte-order marks and CRLF: accepted, and locations stay right

fn windows(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(text.replace('\n', "\r\n").into_bytes());
    bytes
}

#[test]
fn bom_and_crlf_are_accepted_and_change_nothing() {
    let criteria = criteria();
    let plain = Lib::new();
    let windows_lib = Lib::new();
    let mut files = 0;
    // Synthetic practices in both formats, with evidence, assessments and independent assessors.
    for index in 0..12 {
        let generated = testkit::synth::practice(&criteria, 9, index, 12);
        for (relative, text) in &generated.files {
            let relative = format!("practices/{}/{}", generated.slug, relative.display());
            plain.write(&relative, text);
            windows_lib.write(&relative, windows(text));
            files += 1;
        }
    }
    assert!(files > 30);
    for args in [["validate", "--format", "json"], ["score", "--format", "json"]] {
        let expected = plain.run(&args);
        let got = rejected(&windows_lib, &args, &[expected.code], &[]);
        assert_eq!(expected.code, 0, "{}", expected.all());
        // Byte spans count the CR of each CRLF, so they differ. Locations in YAML files are left out too: the YAML
        // locator takes positions from yaml_rust2's event markers, which put a key that follows a flow mapping
        // (`"11": "ja"` after `"10": { … }`) a line or some columns off, differently with CRLF (a loader problem,
        // reported with issue 15; this library had no located finding before the evidence checks). TOML locations
        // must agree.
        assert_eq!(
            without_spans(&got.stdout),
            without_spans(&expected.stdout),
            "`{}` differs with BOM + CRLF",
            args.join(" ")
        );
    }
}

/// JSON output with every finding's `span` removed, and the `location` of findings in YAML files.
fn without_spans(stdout: &str) -> serde_json::Value {
    fn strip(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                map.remove("span");
                if map
                    .get("file")
                    .and_then(|f| f.as_str())
                    .is_some_and(|f| f.ends_with(".yaml"))
                {
                    map.remove("location");
                }
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut value: serde_json::Value = serde_json::from_str(stdout).expect("JSON output");
    strip(&mut value);
    value
}

#[test]
fn bom_with_an_error_keeps_the_location() {
    let lib = Lib::new();
    let text = practice_toml().replacen("started = 2015", "started = \"i fjor\"", 1);
    let line = text.lines().position(|l| l.starts_with("started")).unwrap() + 1;
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(text.as_bytes());
    lib.write("practices/a/practice.toml", bytes);
    invalid(&lib, &[&format!("practices/a/practice.toml:{line}:11: started:")]);
}

#[test]
fn crlf_with_an_error_keeps_the_location_toml() {
    let lib = Lib::new();
    let text = format!("{}\n[tags]\ntema = [\"Arbeid\"]\n", practice_toml());
    let line = text.lines().position(|l| l.starts_with("tema")).unwrap() + 1;
    lib.write("practices/a/practice.toml", windows(&text));
    invalid(
        &lib,
        &[&format!(
            "practices/a/practice.toml:{line}:1: tags.tema: `tema` is not a facet"
        )],
    );
}

#[test]
fn crlf_with_an_error_keeps_the_location_yaml() {
    let lib = Lib::new();
    let text = format!("{}tags:\n  theme: [Arbeid]\n  tema: [Arbeid]\n", practice_yaml());
    let line = text.lines().position(|l| l.starts_with("  tema")).unwrap() + 1;
    lib.write("practices/a/practice.yaml", windows(&text));
    invalid(
        &lib,
        &[&format!(
            "practices/a/practice.yaml:{line}:3: tags.tema: `tema` is not a facet"
        )],
    );
}

// ------------------------------------------------------------------------------------------------------------
// Deep nesting, anchors, aliases, tags

#[test]
fn toml_nested_100k_arrays() {
    let lib = Lib::new();
    lib.write(
        "practices/a/practice.toml",
        format!("knowledge_needs = {}", "[".repeat(100_000)),
    );
    let run = invalid(&lib, &["error[syntax]"]);
    assert_located(&run, "practices/a/practice.toml");
}

#[test]
fn toml_nested_100k_inline_tables() {
    let lib = Lib::new();
    lib.write(
        "practices/a/practice.toml",
        format!("tags = {}", "{a = ".repeat(100_000)),
    );
    let run = invalid(&lib, &["error[syntax]"]);
    assert_located(&run, "practices/a/practice.toml");
}

#[test]
fn toml_100k_dotted_keys() {
    let lib = Lib::new();
    lib.write(
        "practices/a/practice.toml",
        format!("description{} = 1\n", ".a".repeat(100_000)),
    );
    invalid(&lib, &["practices/a/practice.toml", "error[syntax]"]);
}

#[test]
fn yaml_nested_100k_flow_sequences() {
    let lib = Lib::new();
    lib.write(
        "practices/a/practice.yaml",
        format!("name: a\nknowledge_needs: {}", "[".repeat(100_000)),
    );
    let run = invalid(&lib, &["practices/a/practice.yaml:2:"]);
    assert_located(&run, "practices/a/practice.yaml");
}

#[test]
fn yaml_nested_100k_flow_mappings() {
    let lib = Lib::new();
    lib.write(
        "practices/a/practice.yaml",
        format!("name: a\ntags: {}", "{a: ".repeat(100_000)),
    );
    invalid(&lib, &["practices/a/practice.yaml:2:", "error[too-deep]", "80 levels"]);
}

#[test]
fn yaml_nested_100k_block_sequences() {
    let lib = Lib::new();
    lib.write(
        "practices/a/practice.yaml",
        format!("name: a\nknowledge_needs:\n  {}x\n", "- ".repeat(100_000)),
    );
    let run = invalid(&lib, &["practices/a/practice.yaml"]);
    assert_located(&run, "practices/a/practice.yaml");
}

#[test]
fn yaml_nested_block_mappings_deeper_than_the_limit() {
    let lib = Lib::new();
    let mut text = String::from("name: a\ntags:\n");
    for depth in 1..200 {
        text.push_str(&format!("{}k{depth}:\n", "  ".repeat(depth)));
    }
    lib.write("practices/a/practice.yaml", text);
    let run = invalid(&lib, &["practices/a/practice.yaml"]);
    assert_located(&run, "practices/a/practice.yaml");
}

#[test]
fn yaml_billion_laughs() {
    let lib = Lib::new();
    let mut text = String::from("name: a\nknowledge_needs: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        text.push_str(&format!(
            "x{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 9].join(", ")
        ));
    }
    text.push_str("stories: *a9\n");
    lib.write("practices/a/practice.yaml", text);
    invalid(&lib, &["practices/a/practice.yaml:", "error[too-large]", "alias bomb"]);
}

#[test]
fn yaml_one_big_scalar_aliased_many_times() {
    let lib = Lib::new();
    let text = format!(
        "summary: &s \"{}\"\nknowledge_needs: [{}]\n",
        "x".repeat(400_000),
        vec!["*s"; 100_000].join(",")
    );
    lib.write("practices/a/practice.yaml", text);
    invalid(&lib, &["practices/a/practice.yaml:2:", "error[too-large]"]);
}

#[test]
fn yaml_alias_of_the_wrong_type() {
    let lib = Lib::new();
    let text = practice_yaml().replacen("name: Språkpraksis i Testby", "name: *tags", 1);
    lib.write(
        "practices/a/practice.yaml",
        format!("tags: &tags {{theme: [Arbeid]}}\n{text}"),
    );
    let run = invalid(&lib, &["practices/a/practice.yaml", "name:"]);
    assert_located(&run, "practices/a/practice.yaml");
}

#[test]
fn yaml_unknown_alias() {
    let lib = Lib::new();
    lib.write(
        "practices/a/practice.yaml",
        practice_yaml().replacen("name: Språkpraksis i Testby", "name: *nowhere", 1),
    );
    let run = invalid(&lib, &["practices/a/practice.yaml"]);
    assert_located(&run, "practices/a/practice.yaml");
}

#[test]
fn yaml_merge_key() {
    let lib = Lib::new();
    lib.write(
        "practices/a/practice.yaml",
        format!("{}<<: {{region: Agder}}\n", practice_yaml()),
    );
    invalid(&lib, &["practices/a/practice.yaml", "unknown key `<<`"]);
}

#[test]
fn yaml_standard_tag() {
    let lib = Lib::new();
    lib.write(
        "practices/a/practice.yaml",
        practice_yaml().replacen("started: 2015", "started: !!binary MjAxNQ==", 1),
    );
    let line = practice_yaml().lines().position(|l| l.starts_with("started")).unwrap() + 1;
    invalid(
        &lib,
        &[
            &format!("practices/a/practice.yaml:{line}:"),
            "`!!binary`",
            "error[unsupported-yaml]",
        ],
    );
}

#[test]
fn yaml_custom_tag() {
    let lib = Lib::new();
    lib.write(
        "practices/a/practice.yaml",
        practice_yaml().replacen("municipality: Testby kommune", "municipality: !kommune Testby", 1),
    );
    invalid(&lib, &["practices/a/practice.yaml:3:", "`!kommune`"]);
}

#[test]
fn yaml_tab_indentation() {
    let lib = Lib::new();
    lib.write("practices/a/practice.yaml", "name: a\ndescription:\n\tneed: x\n");
    let run = invalid(&lib, &["practices/a/practice.yaml"]);
    assert_located(&run, "practices/a/practice.yaml");
}

#[test]
fn toml_date_where_text_belongs() {
    let lib = Lib::new();
    lib.write(
        "practices/a/practice.toml",
        practice_toml().replacen("name = \"Språkpraksis i Testby\"", "name = 2019-01-01", 1),
    );
    invalid(&lib, &["practices/a/practice.toml:1:8: name:", "expected a string"]);
}

#[test]
fn toml_time_where_a_date_belongs() {
    let lib = Lib::new();
    lib.write(
        "practices/a/practice.toml",
        practice_toml().replacen("started = 2015", "started = 2015-01-01T10:00:00Z", 1),
    );
    let run = invalid(&lib, &["practices/a/practice.toml", "started"]);
    assert_located(&run, "practices/a/practice.toml");
}

#[test]
fn multiple_yaml_documents() {
    let lib = Lib::new();
    lib.write(
        "practices/a/practice.yaml",
        format!("{}---\nname: Den andre\n", practice_yaml()),
    );
    invalid(&lib, &["practices/a/practice.yaml", "more than one document"]);
}

#[test]
fn empty_toml_file() {
    let lib = Lib::new();
    lib.write("practices/a/practice.toml", "");
    invalid(&lib, &["practices/a/practice.toml: name: `name` is required"]);
}

#[test]
fn empty_yaml_file_and_a_bare_scalar() {
    let lib = Lib::new();
    lib.write("practices/a/practice.yaml", "\n\n")
        .write("practices/b/practice.yaml", "just text\n")
        .write("practices/c/practice.yaml", "~\n");
    invalid(
        &lib,
        &[
            "practices/a/practice.yaml: name: `name` is required",
            "practices/b/practice.yaml",
            "practices/c/practice.yaml",
        ],
    );
}

// ------------------------------------------------------------------------------------------------------------
// Files and folders

#[test]
fn both_practice_toml_and_practice_yaml() {
    let lib = Lib::new();
    lib.write("practices/a/practice.toml", practice_toml())
        .write("practices/a/practice.yaml", practice_yaml());
    invalid(
        &lib,
        &["practices/a/practice.toml", "error[duplicate-file]", "practice.yaml"],
    );
}

#[test]
fn evidence_yaml_and_yml() {
    let lib = Lib::new();
    lib.write("practices/a/practice.toml", practice_toml())
        .write("practices/a/evidence.yaml", "rows: []\n")
        .write("practices/a/evidence.yml", "rows: []\n");
    invalid(
        &lib,
        &["practices/a/evidence.yaml", "error[duplicate-file]", "evidence.yml"],
    );
}

#[test]
fn empty_practice_folder() {
    let lib = Lib::new();
    fs::create_dir(lib.join("practices/tom")).unwrap();
    invalid(
        &lib,
        &[
            "practices/tom: no practice.toml or practice.yaml",
            "error[missing-file]",
        ],
    );
}

#[test]
fn a_file_that_is_a_folder() {
    let lib = Lib::new();
    fs::create_dir_all(lib.join("practices/a/practice.toml")).unwrap();
    fs::create_dir_all(lib.join("practices/b/assessment.yaml")).unwrap();
    lib.write("practices/b/practice.toml", practice_toml());
    let run = invalid(
        &lib,
        &[
            "practices/a/practice.toml: a folder, where a file is expected",
            "practices/b/assessment.yaml: a folder",
        ],
    );
    // A folder named like a file is reported as such, not as a missing file; the rest is still checked.
    assert!(!run.stdout.contains("missing-file"), "{}", run.stdout);
    assert!(!run.stdout.contains("practices/b/practice.toml"), "{}", run.stdout);
}

#[cfg(unix)]
#[test]
fn a_fifo_instead_of_a_file_does_not_block() {
    let lib = Lib::new();
    fs::create_dir_all(lib.join("practices/a")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(lib.join("practices/a/practice.toml"))
        .status();
    if !status.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable; skipped");
        return;
    }
    invalid(&lib, &["practices/a/practice.toml: not a regular file"]);
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let lib = Lib::new();
    // Invalid content, so the case fails either way: as root, chmod 000 does not stop reading.
    lib.write("practices/a/practice.toml", "name = 5\n");
    let path = lib.join("practices/a/practice.toml");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    let readable = fs::read(&path).is_ok();
    if readable {
        let run = invalid(&lib, &["practices/a/practice.toml"]);
        assert!(run.stdout.contains("error[invalid-value]"), "{}", run.stdout);
    } else {
        // A file the operating system will not let us read is an I/O error (exit 2) naming it, not a finding.
        let run = rejected(&lib, &["validate"], &[2], &["practices/a/practice.toml"]);
        assert!(run.stdout.contains("cannot read file"), "{}", run.stdout);
    }
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
}

#[cfg(unix)]
#[test]
fn unreadable_practice_folder() {
    use std::os::unix::fs::PermissionsExt;
    let lib = Lib::new();
    lib.write("practices/a/practice.toml", "name = 5\n");
    let dir = lib.join("practices/a");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o000)).unwrap();
    let listable = fs::read_dir(&dir).is_ok();
    let run = invalid(&lib, &["practices/a"]);
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    if !listable {
        assert!(run.stdout.contains("cannot"), "{}", run.stdout);
    }
}

#[cfg(unix)]
#[test]
fn symlink_loop_file() {
    let lib = Lib::new();
    fs::create_dir_all(lib.join("practices/a")).unwrap();
    std::os::unix::fs::symlink("practice.toml", lib.join("practices/a/practice.toml")).unwrap();
    let run = invalid(&lib, &["practices/a/practice.toml", "error[broken-link]"]);
    assert!(!run.stdout.contains("missing-file"), "{}", run.stdout);
}

#[cfg(unix)]
#[test]
fn symlink_loop_between_files() {
    let lib = Lib::new();
    lib.write("practices/a/practice.toml", practice_toml());
    std::os::unix::fs::symlink("evidence.yaml", lib.join("practices/a/assessment.toml")).unwrap();
    std::os::unix::fs::symlink("assessment.toml", lib.join("practices/a/evidence.yaml")).unwrap();
    let run = invalid(
        &lib,
        &[
            "practices/a/assessment.toml: symbolic link cannot be followed",
            "practices/a/evidence.yaml: symbolic link",
        ],
    );
    assert!(!run.stdout.contains("practices/a/practice.toml"), "{}", run.stdout);
}

#[cfg(unix)]
#[test]
fn symlink_loop_folder() {
    let lib = Lib::new();
    lib.write("practices/a/practice.toml", practice_toml());
    std::os::unix::fs::symlink("loop", lib.join("practices/loop")).unwrap();
    std::os::unix::fs::symlink("assessments", lib.join("practices/a/assessments")).unwrap();
    invalid(
        &lib,
        &["practices/loop", "practices/a/assessments", "error[broken-link]"],
    );
}

#[cfg(unix)]
#[test]
fn symlinked_file_leading_outside_the_library() {
    let lib = Lib::new();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("practice.toml"), practice_toml()).unwrap();
    fs::create_dir_all(lib.join("practices/a")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("practice.toml"),
        lib.join("practices/a/practice.toml"),
    )
    .unwrap();
    invalid(&lib, &["practices/a/practice.toml", "error[link-outside]"]);
}

#[cfg(unix)]
#[test]
fn symlinked_folder_leading_outside_the_library() {
    let lib = Lib::new();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("practice.toml"), practice_toml()).unwrap();
    fs::write(outside.path().join("assessment.toml"), assessment_toml()).unwrap();
    std::os::unix::fs::symlink(outside.path(), lib.join("practices/utenfor")).unwrap();
    let before = testkit::folder_state(outside.path());
    invalid(&lib, &["practices/utenfor", "error[link-outside]"]);
    assert!(before == testkit::folder_state(outside.path()));
}

#[cfg(unix)]
#[test]
fn symlinked_assessor_folder_leading_outside_the_library() {
    let lib = Lib::new();
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("forsker-1.toml"),
        "[decisions]\nscreening = \"inn\"\n",
    )
    .unwrap();
    lib.write("practices/a/practice.toml", practice_toml());
    std::os::unix::fs::symlink(outside.path(), lib.join("practices/a/assessments")).unwrap();
    invalid(
        &lib,
        &[
            "practices/a/assessments: symbolic link leads outside the library",
            "error[link-outside]",
        ],
    );
}

#[test]
fn slug_with_dots() {
    let lib = Lib::new();
    lib.write("practices/a..b/practice.toml", practice_toml());
    invalid(&lib, &["practices/a..b", "error[invalid-slug]"]);
}

#[test]
fn slug_with_spaces() {
    let lib = Lib::new();
    lib.write("practices/min praksis/practice.toml", practice_toml());
    invalid(&lib, &["practices/min praksis", "error[invalid-slug]"]);
}

#[test]
fn slug_in_upper_case() {
    let lib = Lib::new();
    lib.write("practices/Grimstad/practice.toml", practice_toml());
    invalid(&lib, &["practices/Grimstad", "error[invalid-slug]"]);
}

#[test]
fn related_slug_that_climbs_out() {
    let lib = Lib::new();
    lib.write(
        "practices/a/practice.toml",
        practice_toml().replacen("[description]", "variant_of = \"../../etc\"\n\n[description]", 1),
    );
    invalid(
        &lib,
        &["practices/a/practice.toml", "error[unknown-practice]", "../../etc"],
    );
}

#[test]
fn new_refuses_hostile_slugs() {
    let lib = Lib::new();
    for slug in [
        "../utenfor",
        "..",
        "a/../../b",
        "min praksis",
        "Grimstad",
        "",
        "a\nb",
        "/tmp/x",
        "a.",
    ] {
        rejected(&lib, &["new", slug], &[2], &["not a valid slug"]);
    }
    // Taken for an option by the argument parser: a usage error all the same.
    rejected(&lib, &["new", "-a"], &[2], &["-a"]);
    assert!(!lib.join("utenfor").exists());
}

#[test]
fn assessor_files_with_bad_names_and_decisions() {
    let lib = Lib::new();
    lib.write("practices/a/practice.toml", practice_toml())
        .write("practices/a/evidence.toml", EVIDENCE_TOML)
        .write(
            "practices/a/assessments/Forsker 1.toml",
            "[decisions]\nscreening = \"inn\"\n",
        )
        .write(
            "practices/a/assessments/forsker-2.yaml",
            "decisions:\n  screening: kanskje\n  ukjent: inn\n",
        );
    invalid(
        &lib,
        &[
            "practices/a/assessments/Forsker 1.toml",
            "error[invalid-slug]",
            "practices/a/assessments/forsker-2.yaml:2:3: decisions.screening: `kanskje` is not an option",
            "practices/a/assessments/forsker-2.yaml:3:3: decisions.ukjent",
        ],
    );
}

// ------------------------------------------------------------------------------------------------------------
// Assessments against the criteria

#[test]
fn assessment_for_another_criteria_id_with_its_own_questions() {
    let lib = Lib::new();
    lib.write("practices/a/practice.toml", practice_toml()).write(
        "practices/a/assessment.toml",
        "criteria = \"kum-2013\"\ncriteria_version = \"1\"\nassessors = [\"x\"]\n\n[answers]\n\"A1\" = \"ja\"\n",
    );
    invalid(
        &lib,
        &[
            "practices/a/assessment.toml:1:1: criteria: made against criteria `kum-2013`",
            "practices/a/assessment.toml:6:1: answers.A1: no question `A1`",
        ],
    );
}

#[test]
fn assessment_for_another_criteria_id_is_flagged() {
    // Another criteria id is an error naming the file and line (issue 11 §1: it was a warning, and the practice
    // got a class); only an id the criteria file lists in `replaces` is a warning (tests/cli.rs).
    let lib = Lib::new();
    lib.write("practices/a/practice.toml", practice_toml()).write(
        "practices/a/assessment.toml",
        assessment_toml().replacen("imdi-god-praksis", "ukjent-modell", 1),
    );
    rejected(
        &lib,
        &["validate"],
        &[1],
        &["error[criteria-mismatch]: practices/a/assessment.toml:1:1: criteria: made against criteria `ukjent-modell`"],
    );
}

#[test]
fn answers_for_unknown_questions() {
    let lib = Lib::new();
    let text = format!("{}\"99z\" = \"ja\"\n\"5 a\" = \"ja\"\n", assessment_toml());
    let line = text.lines().count() - 1;
    lib.write("practices/a/practice.toml", practice_toml())
        .write("practices/a/assessment.toml", text);
    invalid(
        &lib,
        &[
            &format!("practices/a/assessment.toml:{line}:1: answers.99z: no question `99z`"),
            "answers.\"5 a\": no question `5 a`",
        ],
    );
}

#[test]
fn answers_that_are_not_options_and_bad_citations() {
    let lib = Lib::new();
    let text = assessment_toml()
        .replacen("\"1\" = \"ja\"", "\"1\" = \"kanskje\"", 1)
        .replacen("\"2\" = \"ja\"", "\"2\" = { answer = \"ja\", evidence = [\"e9\"] }", 1)
        .replacen("\"3\" = \"ja\"", "\"3\" = 1", 1);
    lib.write("practices/a/practice.toml", practice_toml())
        .write("practices/a/evidence.toml", EVIDENCE_TOML)
        .write("practices/a/assessment.toml", text);
    let run = invalid(&lib, &["practices/a/assessment.toml", "answers.3"]);
    assert_located(&run, "practices/a/assessment.toml");
    // Once the type error is fixed, the other two are reported with their locations.
    let text = assessment_toml()
        .replacen("\"1\" = \"ja\"", "\"1\" = \"kanskje\"", 1)
        .replacen("\"2\" = \"ja\"", "\"2\" = { answer = \"ja\", evidence = [\"e9\"] }", 1);
    lib.write("practices/a/assessment.toml", text);
    invalid(
        &lib,
        &[
            "answers.1: `kanskje` is not an option",
            "answers.2.evidence[0]: cites evidence `e9`",
        ],
    );
}

// ------------------------------------------------------------------------------------------------------------
// Hostile criteria files

fn with_criteria(text: &str) -> Lib {
    let lib = Lib::new();
    lib.write("criteria.toml", text)
        .write("practices/a/practice.toml", practice_toml());
    lib
}

fn bad_criteria(text: &str, mentions: &[&str]) {
    let lib = with_criteria(text);
    for command in ["validate", "score"] {
        let run = rejected(&lib, &[command], &[1], mentions);
        assert!(run.stderr.contains("nothing else was checked"), "{}", run.stderr);
        assert_located(&run, "criteria.toml");
    }
}

#[test]
fn criteria_with_a_cycle_in_replaces() {
    let text = CRITERIA
        .replacen("  id = \"1\"\n", "  id = \"1\"\n  replaces = \"2\"\n", 1)
        .replacen("  id = \"2\"\n", "  id = \"2\"\n  replaces = \"1\"\n", 1);
    bad_criteria(&text, &["criteria.toml", "replaces"]);
}

#[test]
fn criteria_with_a_longer_cycle_of_old_ids() {
    // 1 replaces 3, 3 replaces 4, 4 replaces 1: every link names a current question.
    let text = CRITERIA
        .replacen("  id = \"1\"\n", "  id = \"1\"\n  replaces = \"3\"\n", 1)
        .replacen("  id = \"3\"\n", "  id = \"3\"\n  replaces = \"4\"\n", 1)
        .replacen("  id = \"4\"\n", "  id = \"4\"\n  replaces = \"1\"\n", 1);
    bad_criteria(&text, &["criteria.toml", "error[replaces-"]);
}

#[test]
fn criteria_with_duplicate_question_ids() {
    bad_criteria(
        &CRITERIA.replacen("  id = \"2\"\n", "  id = \"1\"\n", 1),
        &["question id `1` appears twice"],
    );
}

#[test]
fn criteria_with_a_scale_without_options() {
    let start = CRITERIA.find("[scales.ja-nei]").unwrap();
    let options = start + CRITERIA[start..].find("options = [").unwrap();
    let end = options + CRITERIA[options..].find("]\n").unwrap() + 2;
    let text = format!("{}options = []\n{}", &CRITERIA[..options], &CRITERIA[end..]);
    bad_criteria(&text, &["scales.ja-nei.options: scale `ja-nei` has no options"]);
}

#[test]
fn criteria_with_a_negative_weight() {
    bad_criteria(
        &CRITERIA.replacen("weight = 1.0", "weight = -1.0", 1),
        &["criteria[0].weight", "-1"],
    );
}

#[test]
fn criteria_with_a_nan_weight() {
    bad_criteria(
        &CRITERIA.replacen("weight = 1.0", "weight = nan", 1),
        &["criteria[0].weight", "NaN"],
    );
}

#[test]
fn criteria_with_infinite_points() {
    bad_criteria(
        &CRITERIA.replacen("points = 1.0", "points = inf", 1),
        &["finite number"],
    );
}

#[test]
fn criteria_with_bands_out_of_order() {
    bad_criteria(
        &CRITERIA.replacen("min = 0.5", "min = 1.5", 1),
        &["classification.bands[1].min"],
    );
}

#[test]
fn criteria_truncated() {
    // Cut inside a question's text.
    let cut = CRITERIA.find("  text = \"").unwrap() + 20;
    let lib = with_criteria(&CRITERIA[..cut]);
    let run = rejected(&lib, &["validate"], &[1], &["criteria.toml"]);
    assert_located(&run, "criteria.toml");
}

#[test]
fn criteria_with_a_wrong_type() {
    bad_criteria(
        &CRITERIA.replacen("version = \"2018.2\"", "version = 2018.2", 1),
        &["criteria.toml:13:11: version:"],
    );
}

#[test]
fn criteria_missing_or_a_folder() {
    let lib = Lib::new();
    fs::remove_file(lib.join("criteria.toml")).unwrap();
    rejected(&lib, &["validate"], &[2], &["criteria.toml"]);
    rejected(&lib, &["--criteria", "ingen.toml", "score"], &[2], &["ingen.toml"]);
    fs::create_dir(lib.join("mappe.toml")).unwrap();
    rejected(&lib, &["--criteria", "mappe.toml", "validate"], &[2], &["mappe.toml"]);
}

#[test]
fn criteria_that_is_not_utf8() {
    let mut bytes = CRITERIA.as_bytes()[..200].to_vec();
    bytes.extend([0xFF, 0xFE]);
    let lib = Lib::new();
    lib.write("criteria.toml", bytes);
    rejected(&lib, &["validate"], &[1, 2], &["criteria.toml", "UTF-8"]);
}

// ------------------------------------------------------------------------------------------------------------
// Arguments

#[test]
fn paths_that_do_not_exist_or_climb_out() {
    let lib = Lib::new();
    lib.write("practices/a/practice.toml", practice_toml());
    rejected(&lib, &["validate", "practices/ingen"], &[2], &["practices/ingen"]);
    rejected(
        &lib,
        &["score", "--format", "json", "/nonexistent/practice.toml"],
        &[2],
        &["/nonexistent"],
    );
    rejected(&lib, &["--root", "ingen", "validate"], &[2], &["ingen"]);
}
