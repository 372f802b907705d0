//! The one TOML-text writer of the crate: strings, keys and comments for the files the tool writes by hand
//! (`score.toml`, consensus drafts, the `practice new` scaffold, synthetic libraries). Whatever the text — control
//! characters, quotes, backslashes, `"""`, any Unicode — the result reads back with a TOML parser as the same text.

use std::fmt::Write as _;

/// A TOML basic string (`"…"`): `"` and `\` escaped, line breaks and tabs as `\n`, `\r`, `\t`, every other control
/// character as `\uXXXX`. Ordinary text is written as it is.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML key: bare when it is ASCII letters, digits, `_` and `-` and does not start with a digit; quoted otherwise
/// (so question ids such as `"5a"` are quoted, as in hand-written files).
pub fn key(text: &str) -> String {
    let bare = text.chars().next().is_some_and(|first| !first.is_ascii_digit())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        text.to_string()
    } else {
        string(text)
    }
}

/// `text` as TOML comment lines (`# …`, `#` for an empty line), each ending in a line break. A comment may not hold
/// control characters other than tab: line breaks of any kind start a new comment line, and other control
/// characters are shown as `\uXXXX`.
pub fn comment(text: &str) -> String {
    let mut out = String::new();
    for line in text.split(['\n', '\r']) {
        let line = line.trim_end();
        if line.is_empty() {
            out.push_str("#\n");
            continue;
        }
        out.push_str("# ");
        for c in line.chars() {
            if c.is_control() && c != '\t' {
                let _ = write!(out, "\\u{:04X}", c as u32);
            } else {
                out.push(c);
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &[&str] = &[
        "",
        "vanlig tekst",
        "æøå ÆØÅ 日本 🙂 a\u{30a}",
        "\"quoted\" and 'single'",
        "back\\slash \\n \\u0041",
        "\"\"\" triple \"\"\"",
        "'''",
        "line\nbreak\r\nwindows\rold mac",
        "tab\there",
        "\u{0}\u{1}\u{7}\u{8}\u{b}\u{c}\u{1b}[31m\u{1b}]52;c;aGk=\u{7}\u{7f}\u{80}\u{9f}",
        "\u{2028}\u{2029}\u{feff}\u{200d}",
        "# not a comment",
        "= [table] \"",
        "a = 1\n[b]\nc = 2",
    ];

    #[test]
    fn every_string_reads_back_as_written() {
        for &text in HOSTILE {
            for key_text in HOSTILE.iter().copied().chain(["1", "5a", "beskrivelse", "a-b_c", "-x"]) {
                let doc = format!("{}{} = {}\n", comment(text), key(key_text), string(text));
                let table: toml::Table = toml::from_str(&doc).unwrap_or_else(|e| panic!("{doc:?}: {e}"));
                assert_eq!(table.len(), 1, "{doc:?}");
                assert_eq!(table.get(key_text).and_then(|v| v.as_str()), Some(text), "{doc:?}");
            }
        }
    }

    #[test]
    fn one_bare_key_rule() {
        assert_eq!(key("beskrivelse"), "beskrivelse");
        assert_eq!(key("type_tiltak"), "type_tiltak");
        assert_eq!(key("a-b"), "a-b");
        assert_eq!(key("1"), "\"1\"");
        assert_eq!(key("5a"), "\"5a\"");
        assert_eq!(key(""), "\"\"");
        assert_eq!(key("målgruppe"), "\"målgruppe\"");
        assert_eq!(key("a.b"), "\"a.b\"");
    }

    #[test]
    fn ordinary_text_is_written_as_it_is() {
        assert_eq!(string("Språkpraksis i Grimstad"), "\"Språkpraksis i Grimstad\"");
        assert_eq!(string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(comment("a\n\nb"), "# a\n#\n# b\n");
    }
}
