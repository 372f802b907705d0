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

/// Remove characters that have no business in a document: control characters other than line breaks and tabs,
/// the XML-forbidden noncharacters U+FFFE/U+FFFF, and bidirectional overrides that can make text read differently
/// from what it is. Tabs become spaces and `\r\n` / `\r` become `\n`.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Collapse all runs of whitespace (line breaks included) into single spaces and trim.
/// Only ASCII whitespace and the Unicode line and paragraph separators count: a no-break space is kept.
pub fn one_line(text: &str) -> String {
    clean(text)
        .split(|c: char| c.is_ascii_whitespace() || c == '\u{2028}' || c == '\u{2029}')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One line of user text as Markdown that renders as exactly that text.
///
/// Line breaks are folded into spaces. The result may stand at the start of a line: block syntax (`#`, `>`, `-`,
/// `+`, `=`, `1.`) is escaped there. Inline syntax is escaped everywhere: `\` `` ` `` `*` `_` `[` `]` `|` `~` `$`
/// `#` by backslash, `<` `>` `&` as entities (so raw HTML never survives), and the starts of GFM autolinks
/// (`https:`, `www.`, `@`) so that links come only from `url` fields.
pub fn inline(text: &str) -> String {
    let text = one_line(text);
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' | '#' | '@' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            ':' if starts_autolink_at_colon(&chars, i) => out.push_str("\\:"),
            '.' if follows_www(&chars, i) => out.push_str("\\."),
            c => out.push(c),
        }
    }
    escape_block_start(out)
}

/// A `:` that would let a GFM renderer turn the text around it into a link: `http://`, `https://`, `ftp://`,
/// `mailto:`, `xmpp:` — or any `scheme://`.
fn starts_autolink_at_colon(chars: &[char], i: usize) -> bool {
    if chars.get(i + 1) == Some(&'/') {
        return true;
    }
    let word: String = chars[..i]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    matches!(word.to_ascii_lowercase().as_str(), "mailto" | "xmpp")
}

/// The `.` of a `www.` at the start of a word.
fn follows_www(chars: &[char], i: usize) -> bool {
    i >= 3
        && chars[i - 3..i].iter().all(|c| c.eq_ignore_ascii_case(&'w'))
        && (i == 3 || !chars[i - 4].is_alphanumeric())
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
        assert_eq!(inline("se https://x.no"), "se https\\://x.no");
        assert_eq!(inline("www.imdi.no/case"), "www\\.imdi.no/case");
        assert_eq!(inline("ola@nav.no"), "ola\\@nav.no");
        assert_eq!(inline("mailto:ola"), "mailto\\:ola");
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

    #[test]
    fn fences_outgrow_backtick_runs() {
        assert_eq!(fence_for("plain"), "```");
        assert_eq!(fence_for("a ```` b"), "`````");
    }
}
