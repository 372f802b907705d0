//! Escaping user text for the rendered output.
//!
//! Every piece of text that comes from a practice, evidence or assessment file goes through one of these functions
//! before it reaches a sheet, so that it is shown as text and nothing else:
//!
//! * [`inline`] — one line of Markdown text (paragraphs, list items, headings, table cells): HTML, emphasis, links,
//!   images, code, tables, headings, block quotes, list markers and GFM autolinks are neutralised;
//! * [`paragraphs`] — multi-paragraph text: split on blank lines, each paragraph passed through [`inline`];
//! * [`cell`] — a GFM table cell (never empty, no line breaks, `|` escaped);
//! * [`safe_url`] / [`destination`] — links are made only from `url` fields, only for `http`, `https` and `mailto`,
//!   and encoded so they cannot break out of the link syntax;
//! * [`xml`] — text and attribute values in the SVG.
//!
//! Control characters (which would make the SVG invalid XML) and bidirectional overrides are dropped everywhere.

use std::borrow::Cow;

/// Characters dropped from every text: control characters other than line breaks and tabs, the XML-forbidden
/// noncharacters U+FFFE/U+FFFF, and bidirectional overrides that can make text read differently from what it is.
fn is_dropped(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{FFFE}' | '\u{FFFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Remove characters that have no business in a document (`is_dropped`); tabs become spaces and `\r\n` / `\r`
/// become `\n`. Text that needs none of this is returned as it is, without copying.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c == '\r' || c == '\t' || is_dropped(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\t' => out.push(' '),
            c if is_dropped(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Collapse all runs of whitespace (line breaks included) into single spaces and trim.
/// Only ASCII whitespace and the Unicode line and paragraph separators count: a no-break space is kept.
pub fn one_line(text: &str) -> String {
    let text = clean(text);
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_ascii_whitespace() || c == '\u{2028}' || c == '\u{2029}' {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// One line of user text as Markdown that renders as exactly that text.
///
/// Line breaks are folded into spaces. The result may stand at the start of a line: block syntax (`#`, `>`, `-`,
/// `+`, `=`, `1.`) is escaped there. Inline syntax is escaped everywhere: `\` `` ` `` `*` `_` `[` `]` `|` `~` `$`
/// `#` by backslash, `<` `>` `&` as entities (so raw HTML never survives), and GFM autolinks (`https://`, `www.`,
/// `ola@nav.no`, `mailto:`, `xmpp:`) broken by an invisible word joiner (U+2060), so that links come only from `url`
/// fields.
pub fn inline(text: &str) -> String {
    // One pass over the bytes: every character that needs attention is ASCII (or starts U+2028/U+2029 with 0xE2),
    // and UTF-8 never uses ASCII bytes inside a multi-byte character, so runs of other bytes are copied whole.
    let text = clean(text);
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 8 + 8);
    let mut space = false;
    let mut i = 0;
    while i < bytes.len() {
        let blank = whitespace_len(bytes, i);
        if blank > 0 {
            space = !out.is_empty();
            i += blank;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        let start = i;
        while i < bytes.len() && !is_special(bytes[i]) && whitespace_len(bytes, i) == 0 {
            i += 1;
        }
        if i > start {
            out.push_str(&text[start..i]);
            continue;
        }
        match bytes[i] {
            b'<' => out.push_str("&lt;"),
            b'>' => out.push_str("&gt;"),
            b'&' => out.push_str("&amp;"),
            // GFM renderers find autolinks in the text after backslash escapes are undone (cmark-gfm links
            // `ola\@nav.no`), so an invisible word joiner breaks the pattern instead: before `@` (no address
            // ends there), after a scheme's `:` (no `://`, no `mailto:x`), before the `.` of `www.`.
            b'@' => out.push_str("\u{2060}@"),
            b':' if autolink_colon(&text, i) => out.push_str(":\u{2060}"),
            b'.' if follows_www(&text, i) => out.push_str("\u{2060}."),
            b @ (b':' | b'.') => out.push(char::from(b)),
            b => {
                out.push('\\');
                out.push(char::from(b));
            }
        }
        i += 1;
    }
    escape_block_start(out)
}

/// ASCII bytes that [`inline`] escapes (or checks, for `:` and `.`).
fn is_special(b: u8) -> bool {
    matches!(
        b,
        b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'|' | b'~' | b'$' | b'#' | b'@' | b'<' | b'>' | b'&' | b':' | b'.'
    )
}

/// Length in bytes of the whitespace at `i`: ASCII whitespace, or the line / paragraph separators U+2028 / U+2029.
fn whitespace_len(bytes: &[u8], i: usize) -> usize {
    match bytes[i] {
        b if b.is_ascii_whitespace() => 1,
        0xE2 if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) => 3,
        _ => 0,
    }
}

/// A `:` at byte `i` that would let a GFM renderer turn the text around it into a link: any `scheme://`, and
/// `mailto:` / `xmpp:`.
fn autolink_colon(text: &str, i: usize) -> bool {
    if text.as_bytes().get(i + 1) == Some(&b'/') {
        return true;
    }
    let word_start = text.as_bytes()[..i]
        .iter()
        .rposition(|b| !b.is_ascii_alphabetic())
        .map_or(0, |p| p + 1);
    let word = &text[word_start..i];
    word.eq_ignore_ascii_case("mailto") || word.eq_ignore_ascii_case("xmpp")
}

/// Whether the `.` at byte `i` ends a `www` that starts a word.
fn follows_www(line: &str, i: usize) -> bool {
    i >= 3
        && line.as_bytes()[i - 3..i].eq_ignore_ascii_case(b"www")
        && line[..i - 3].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

/// Escape what would open a block if the text stood at the start of a line: list markers (`-`, `+`, `1.`, `1)`),
/// setext underlines (`=`). (`#`, `>` and `*` are already escaped everywhere.)
fn escape_block_start(text: String) -> String {
    let first = text.chars().next();
    match first {
        Some('-' | '+' | '=') => format!("\\{text}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = text.bytes().take_while(u8::is_ascii_digit).count();
            match text.as_bytes().get(digits) {
                Some(b'.' | b')') if digits <= 9 => {
                    format!("{}\\{}", &text[..digits], &text[digits..])
                }
                _ => text,
            }
        }
        _ => text,
    }
}

/// Multi-paragraph user text: paragraphs are separated by blank lines; line breaks inside a paragraph are folded.
/// Each paragraph is escaped with [`inline`]; empty paragraphs are dropped.
pub fn paragraphs(text: &str) -> Vec<String> {
    let text = clean(text);
    if !text.contains('\n') {
        let line = inline(&text);
        return if line.is_empty() { Vec::new() } else { vec![line] };
    }
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if !current.trim().is_empty() {
                out.push(inline(&current));
            }
            current.clear();
        } else {
            current.push(' ');
            current.push_str(line);
        }
    }
    if !current.trim().is_empty() {
        out.push(inline(&current));
    }
    out
}

/// A GFM table cell: escaped like [`inline`], and `–` when empty (an empty cell is easy to misread).
pub fn cell(text: &str) -> String {
    let escaped = inline(text);
    if escaped.is_empty() {
        "–".to_string()
    } else {
        escaped
    }
}

/// The URL when it may become a link: `http://host…`, `https://host…` or `mailto:…@…`, without control characters.
/// Anything else — `javascript:`, `data:`, relative paths, `file:` — gives `None`, and the title is shown as text.
pub fn safe_url(raw: &str) -> Option<String> {
    let url = raw.trim();
    if url.is_empty() || url.chars().any(|c| c.is_control()) {
        return None;
    }
    let (scheme, rest) = url.split_once(':')?;
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => {
            let after = rest.strip_prefix("//")?;
            let host_end = after.find(['/', '?', '#']).unwrap_or(after.len());
            let host = &after[..host_end];
            if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c == '\\') {
                return None;
            }
        }
        "mailto" => {
            if !rest.contains('@') || rest.starts_with('@') {
                return None;
            }
        }
        _ => return None,
    }
    Some(url.to_string())
}

/// A URL (already passed through [`safe_url`]) as a Markdown link destination: characters that could end the
/// destination or the table cell around it are percent-encoded, `&` is backslash-escaped so no entity is decoded,
/// and non-ASCII is encoded as UTF-8.
pub fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' => out.push(c),
            '-' | '.' | '_' | '~' | ':' | '/' | '?' | '#' | '@' | '!' | '$' | '\'' | '*' | '+' | ',' | ';' | '='
            | '%' => out.push(c),
            '&' => out.push_str("\\&"),
            c => {
                let mut buf = [0u8; 4];
                for byte in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
        }
    }
    out
}

/// A Markdown link `[title](url)` when the URL is safe; otherwise the title as text.
pub fn link(title: &str, url: Option<&str>) -> String {
    let text = inline(title);
    match url.and_then(safe_url) {
        Some(url) => {
            let text = if text.is_empty() { inline(&url) } else { text };
            format!("[{text}]({})", destination(&url))
        }
        None => text,
    }
}

/// Text for XML character data and attribute values.
pub fn xml(text: &str) -> String {
    let text = clean(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Text for a line inside a fenced code block: one line, no control characters. Backticks are kept; the caller
/// picks a fence longer than any run of them ([`fence_for`]).
pub fn code_line(text: &str) -> String {
    one_line(text)
}

/// A backtick fence that no run of backticks in `content` can close.
pub fn fence_for(content: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in content.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    "`".repeat((longest + 1).max(3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_entity_escaped() {
        assert_eq!(
            inline("<script>alert('x')</script> & co"),
            "&lt;script&gt;alert('x')&lt;/script&gt; &amp; co"
        );
    }

    #[test]
    fn inline_markdown_is_escaped() {
        assert_eq!(inline("![img](x.png)"), "!\\[img\\](x.png)");
        assert_eq!(inline("*bold* _it_ `code`"), "\\*bold\\* \\_it\\_ \\`code\\`");
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(inline("C:\\temp"), "C:\\\\temp");
    }

    #[test]
    fn block_starts_are_escaped() {
        assert_eq!(inline("# Heading"), "\\# Heading");
        assert_eq!(inline("> quote"), "&gt; quote");
        assert_eq!(inline("- item"), "\\- item");
        assert_eq!(inline("+ item"), "\\+ item");
        assert_eq!(inline("2018. Et år"), "2018\\. Et år");
        assert_eq!(inline("3) tre"), "3\\) tre");
        assert_eq!(inline("=== x"), "\\=== x");
        // Not a list: no escape needed, and none added.
        assert_eq!(inline("2018 var et år"), "2018 var et år");
    }

    #[test]
    fn autolinks_are_broken() {
        assert_eq!(inline("se https://x.no"), "se https:\u{2060}//x.no");
        assert_eq!(inline("www.imdi.no/case"), "www\u{2060}.imdi.no/case");
        assert_eq!(inline("ola@nav.no"), "ola\u{2060}@nav.no");
        assert_eq!(inline("mailto:ola"), "mailto:\u{2060}ola");
        assert_eq!(inline("xmpp:ola@nav.no"), "xmpp:\u{2060}ola\u{2060}@nav.no");
        // An ordinary colon stays.
        assert_eq!(inline("Merk: dette"), "Merk: dette");
    }

    #[test]
    fn line_breaks_fold_and_paragraphs_split() {
        assert_eq!(inline("a\nb\r\nc"), "a b c");
        assert_eq!(
            paragraphs("første\nlinje\n\n  \n# andre"),
            vec!["første linje", "\\# andre"]
        );
        assert!(paragraphs(" \n ").is_empty());
    }

    #[test]
    fn control_characters_and_bidi_overrides_are_dropped() {
        assert_eq!(clean("a\u{0}b\u{1b}[31mc\u{202E}d"), "ab[31mcd");
        assert_eq!(xml("a\u{1}b"), "ab");
    }

    #[test]
    fn only_web_and_mail_urls_become_links() {
        assert_eq!(safe_url(" https://imdi.no/x "), Some("https://imdi.no/x".into()));
        assert_eq!(safe_url("HTTP://imdi.no"), Some("HTTP://imdi.no".into()));
        assert_eq!(safe_url("mailto:ola@nav.no"), Some("mailto:ola@nav.no".into()));
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html;base64,xx",
            "file:///etc/passwd",
            "../secret.md",
            "https://",
            "https:/x",
            "java\u{0}script:alert(1)",
            "mailto:",
            "vbscript:x",
        ] {
            assert_eq!(safe_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn destinations_cannot_break_out() {
        assert_eq!(destination("https://x.no/a b)c"), "https://x.no/a%20b%29c");
        assert_eq!(destination("https://x.no/?a=1&b=2"), "https://x.no/?a=1\\&b=2");
        assert_eq!(destination("https://x.no/a|b<c>"), "https://x.no/a%7Cb%3Cc%3E");
        assert_eq!(destination("https://x.no/språk"), "https://x.no/spr%C3%A5k");
        assert_eq!(link("Tittel", Some("javascript:alert(1)")), "Tittel");
        assert_eq!(
            link("[klikk](x)", Some("https://x.no")),
            "[\\[klikk\\](x)](https://x.no)"
        );
    }

    #[test]
    fn xml_escapes_markup_and_quotes() {
        assert_eq!(
            xml("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;"
        );
    }

    /// The text of a Markdown document, and whether anything but plain paragraphs (and table cells) appeared.
    fn rendered(markdown: &str) -> (Vec<String>, Vec<String>) {
        use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_MATH;
        let (mut texts, mut other) = (Vec::new(), Vec::new());
        let mut current = String::new();
        for event in Parser::new_ext(markdown, options) {
            match event {
                Event::Text(t) => current.push_str(&t),
                Event::Start(Tag::Paragraph | Tag::TableCell) => current.clear(),
                Event::End(TagEnd::Paragraph | TagEnd::TableCell) => texts.push(std::mem::take(&mut current)),
                Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow)
                | Event::End(TagEnd::Table | TagEnd::TableHead | TagEnd::TableRow) => {}
                other_event => other.push(format!("{other_event:?}")),
            }
        }
        (texts, other)
    }

    proptest::proptest! {
        #[test]
        fn inline_text_renders_as_itself(text in "[a-zA-Z0-9 wW:/.@&<>#*_`~|!\\[\\]()\\\\$=+\\-\n\t\r\u{0}\u{1b}æøå\u{a0}]{0,40}") {
            let expected = one_line(&text);
            let (texts, other) = rendered(&inline(&text));
            proptest::prop_assert!(other.is_empty(), "{:?} gave {:?}", inline(&text), other);
            // The word joiners that break autolinks are invisible: the text shown is the text given.
            let texts: Vec<String> = texts.iter().map(|t| t.replace('\u{2060}', "")).collect();
            if expected.is_empty() {
                proptest::prop_assert!(texts.is_empty());
            } else {
                proptest::prop_assert_eq!(texts, vec![expected]);
            }
        }

        #[test]
        fn table_cells_keep_their_shape(text in "[a-z |\\\\`*\\-\n]{0,30}") {
            let markdown = format!("| h | i |\n| --- | --- |\n| {} | x |\n", cell(&text));
            let (texts, other) = rendered(&markdown);
            proptest::prop_assert!(other.is_empty(), "{:?}", other);
            let shown = if one_line(&text).is_empty() { "–".to_string() } else { one_line(&text) };
            proptest::prop_assert_eq!(texts, vec!["h".to_string(), "i".to_string(), shown, "x".to_string()]);
        }
    }

    #[test]
    fn fences_outgrow_backtick_runs() {
        assert_eq!(fence_for("plain"), "```");
        assert_eq!(fence_for("a ```` b"), "`````");
    }
}
