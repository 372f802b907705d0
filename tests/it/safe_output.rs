//! Issue 11 §4, "what comes out is safe and readable": files the tool writes read back, and user text cannot run as
//! a link, a formula or a terminal escape sequence.

use std::fs;

use testkit::Lib as TempLibrary;

fn run(cmd: &mut assert_cmd::Command, code: i32) -> (String, String) {
    let output = cmd.output().unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    );
    assert_eq!(output.status.code(), Some(code), "stdout: {stdout}\nstderr: {stderr}");
    (stdout, stderr)
}

/// The bundled library in a temporary folder.
fn bundled() -> TempLibrary {
    let library = TempLibrary::new();
    testkit::copy_dir(&testkit::repo().join("practices"), &library.path().join("practices"));
    library
}

const HOSTILE: &str = "line\r\nbell\u{7} esc\u{1b}]52;c;aGk=\u{7} nul-ish\u{1} del\u{7f} quote\"\"\" back\\slash 🙂";

#[test]
fn a_consensus_draft_with_control_characters_in_notes_reads_back() {
    let library = bundled();
    let practice = library.path().join("practices/festesona-nav-alna");
    fs::remove_file(practice.join("assessment.toml")).unwrap();
    let file = practice.join("assessments/forsker-a.toml");
    let text = fs::read_to_string(&file).unwrap();
    // The hostile text, escaped, at the start of the justification and of the first note.
    let hostile = practice::model::toml_text::string(HOSTILE);
    let inner = &hostile[1..hostile.len() - 1];
    let text = text.replacen("justification = \"", &format!("justification = \"{inner}"), 1);
    let text = text.replacen("note = \"", &format!("note = \"{inner}"), 1);
    fs::write(&file, text).unwrap();
    run(
        library
            .cmd()
            .args(["validate", "practices/festesona-nav-alna/assessments"]),
        0,
    );
    run(
        library.cmd().args(["agree", "--draft-consensus", "festesona-nav-alna"]),
        0,
    );
    let draft = fs::read_to_string(practice.join("assessment.toml")).unwrap();
    let parsed: Result<toml::Table, _> = toml::from_str(&draft);
    assert!(parsed.is_ok(), "{parsed:?}\n{draft}");
}

/// A practice whose name is `name`, with the smallest valid description.
fn named(name: &str) -> TempLibrary {
    let library = TempLibrary::new();
    let toml_name = practice::model::toml_text::string(name);
    let text = testkit::practice_toml("X").replace("name = \"X\"", &format!("name = {toml_name}"));
    library.write("practices/p/practice.toml", &text);
    library
}

#[test]
fn csv_cells_that_would_run_as_formulas_are_prefixed() {
    let library = named("=HYPERLINK(\"http://x.example/\",\"klikk\")");
    for command in ["list", "score"] {
        let (out, _) = run(library.cmd().args([command, "--format", "csv"]), 0);
        assert!(
            out.contains("\"'=HYPERLINK(\"\"http://x.example/\"\",\"\"klikk\"\")\""),
            "{out}"
        );
    }
}

#[test]
fn escape_sequences_in_user_text_do_not_reach_the_terminal() {
    let library = named("Navn\u{1b}]52;c;aGk=\u{7}");
    for args in [&["list"][..], &["score"], &["validate"]] {
        let output = library.cmd().args(args).output().unwrap();
        for stream in [&output.stdout, &output.stderr] {
            assert!(
                !stream.contains(&0x1b) && !stream.contains(&0x07),
                "{args:?}: {}",
                String::from_utf8_lossy(stream)
            );
        }
    }
    // A finding that quotes the text.
    library.write(
        "practices/p/assessment.toml",
        "criteria = \"imdi\u{1b}]52;c;aGk=\u{7}\"\n",
    );
    let output = library.cmd().args(["validate"]).output().unwrap();
    assert!(
        !output.stdout.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn the_gfm_autolink_check_is_not_vacuous() {
    // What escaping used to write: cmark-gfm (GitHub) links these, since it looks for autolinks after escapes.
    for old in [
        "ola\\@kommune.no",
        "xmpp\\:ola\\@k.no",
        "se https\\://x.no",
        "www\\.imdi.no",
    ] {
        assert!(testkit::render_checks::check_gfm_autolinks(old, &[]).is_err(), "{old}");
    }
    assert!(testkit::render_checks::check_gfm_autolinks("[IMDi](https://www.imdi.no)", &[]).is_ok());
}

#[test]
fn text_that_looks_like_an_address_does_not_become_a_link_in_a_sheet() {
    let library = TempLibrary::new();
    let summary = "Kontakt ola@kommune.no, xmpp:ola@kommune.no, mailto:kari@nav.no, www.vg.no eller https://x.no.";
    let text = testkit::practice_toml("X").replace(
        "summary = \"En kort beskrivelse av praksisen som er lang nok.\"",
        &format!("summary = \"{summary}\""),
    );
    library.write("practices/p/practice.toml", &text);
    run(library.cmd().args(["render", "--quiet"]), 0);
    let sheet = fs::read_to_string(library.path().join("anbefalinger/p.md")).unwrap();
    assert!(sheet.contains("ola\u{2060}@kommune.no"), "{sheet}");
    let sheets = ["p.md".to_string(), "index.md".to_string()];
    testkit::render_checks::check_markdown(&sheet, &sheets, Some("p.svg")).unwrap();
}

#[test]
fn agree_markdown_escapes_notes_as_a_sheet_does() {
    let library = bundled();
    let file = library
        .path()
        .join("practices/festesona-nav-alna/assessments/forsker-a.toml");
    let text = fs::read_to_string(&file).unwrap().replacen(
        "note = \"Grunntanken",
        "note = \"<img src=x onerror=alert(1)> [klikk](javascript:alert(1)) ola@kommune.no Grunntanken",
        1,
    );
    fs::write(&file, text).unwrap();
    let (markdown, _) = run(library.cmd().args(["agree", "--format", "markdown"]), 0);
    assert!(markdown.contains("&lt;img src=x onerror=alert(1)&gt;"), "{markdown}");
    assert!(
        !markdown.contains("<img") && !markdown.contains("[klikk](javascript:"),
        "{markdown}"
    );
    // As a GFM renderer sees it: no HTML, no link, no autolink from the note.
    let arena = testkit::comrak::Arena::new();
    let mut options = testkit::comrak::Options::default();
    options.extension.autolink = true;
    options.extension.table = true;
    let root = testkit::comrak::parse_document(&arena, &markdown, &options);
    for node in root.descendants() {
        let value = &node.data().value;
        assert!(
            !matches!(
                value,
                testkit::comrak::nodes::NodeValue::HtmlInline(_)
                    | testkit::comrak::nodes::NodeValue::HtmlBlock(_)
                    | testkit::comrak::nodes::NodeValue::Link(_)
            ),
            "{value:?}\n{markdown}"
        );
    }
    testkit::render_checks::check_gfm_autolinks(&markdown, &[]).unwrap();
}

#[test]
fn text_in_nfd_matches_the_same_text_in_nfc() {
    let nfc = "Språk";
    let nfd = "Spra\u{30a}k";
    let library = TempLibrary::new();
    let one = testkit::practice_toml(&format!("{nfc}praksis"))
        .replace("theme = [\"Arbeid\"]", &format!("theme = [\"{nfc}\"]"));
    let two = testkit::practice_toml(&format!("{nfd}praksis"))
        .replace("theme = [\"Arbeid\"]", &format!("theme = [\"{nfd}\"]"));
    library.write("practices/a/practice.toml", &one);
    library.write("practices/b/practice.toml", &two);
    // The same name, however it was typed.
    let (out, _) = run(library.cmd().args(["validate"]), 0);
    assert!(out.contains("possible-duplicate"), "{out}");
    // A filter finds both, typed either way, and case-insensitively.
    for wanted in [nfc, nfd, "SPRÅK", "spra\u{30a}k"] {
        let (out, _) = run(
            library
                .cmd()
                .args(["list", "--format", "csv", "--where", &format!("tema={wanted}")]),
            0,
        );
        assert_eq!(out.lines().count(), 3, "{wanted:?}: {out}");
    }
    // One facet value in the index, not two.
    run(library.cmd().args(["render", "--quiet"]), 0);
    let index = fs::read_to_string(library.path().join("anbefalinger/index.md")).unwrap();
    assert!(!index.contains(nfd), "{index}");
}
