//! HTML escaping for the static site: the one place where text becomes markup.
//!
//! * [`text`] — character data and attribute values (double-quoted): `&`, `<`, `>`, `"`, `'` become entities, and
//!   the characters [`escape::clean`] drops (control characters, bidirectional overrides) are dropped;
//! * [`paragraphs`] — multi-paragraph user text as `<p>` elements;
//! * [`href`] — a link target, made only from a URL field that passes [`escape::safe_url`] (`http`, `https`,
//!   `mailto`); anything else gives `None` and the caller shows the title as text.
//!
//! Every string from a practice, evidence, assessment or criteria file reaches a page through one of these.

use crate::render::escape;

/// Text for HTML character data or a double-quoted attribute value.
pub fn text(raw: &str) -> String {
    let raw = escape::clean(raw);
    let mut out = String::with_capacity(raw.len() + 8);
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// [`text`] of the text folded onto one line ([`escape::one_line`]).
pub fn line(raw: &str) -> String {
    text(&escape::one_line(raw))
}

/// Multi-paragraph text (paragraphs separated by blank lines) as `<p>…</p>` elements, line breaks folded.
pub fn paragraphs(raw: &str) -> String {
    let raw = escape::clean(raw);
    let mut out = String::new();
    for paragraph in raw.split("\n\n") {
        let paragraph = escape::one_line(paragraph);
        if !paragraph.is_empty() {
            out.push_str("<p>");
            out.push_str(&text(&paragraph));
            out.push_str("</p>\n");
        }
    }
    out
}

/// The escaped `href` value for a URL, when it may become a link (see the module documentation).
pub fn href(url: Option<&str>) -> Option<String> {
    url.and_then(escape::safe_url).map(|url| {
        // Spaces and quotes cannot end a quoted attribute once escaped, but percent-encode whitespace so the URL
        // stays one token.
        let url: String = url
            .chars()
            .map(|c| {
                if c.is_whitespace() {
                    "%20".to_string()
                } else {
                    c.to_string()
                }
            })
            .collect();
        text(&url)
    })
}

/// `<a href="…">title</a>` when the URL is safe, otherwise the title as text. An empty title shows the URL.
pub fn link(title: &str, url: Option<&str>) -> String {
    let shown = escape::one_line(title);
    match href(url) {
        Some(href) => {
            let shown = if shown.is_empty() { href.clone() } else { text(&shown) };
            format!("<a href=\"{href}\">{shown}</a>")
        }
        None => text(&shown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_become_entities() {
        assert_eq!(
            text("<script>\"x\" & 'y'"),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;"
        );
        assert_eq!(text("a\u{0}b\u{202E}c"), "abc");
    }

    #[test]
    fn only_web_and_mail_links() {
        assert_eq!(link("x", Some("javascript:alert(1)")), "x");
        assert_eq!(link("<b>", Some("data:text/html,x")), "&lt;b&gt;");
        assert_eq!(
            link("IMDi", Some("https://imdi.no/?a=1&b=\"2\"")),
            "<a href=\"https://imdi.no/?a=1&amp;b=&quot;2&quot;\">IMDi</a>"
        );
        assert_eq!(
            link("", Some("mailto:ola@nav.no")),
            "<a href=\"mailto:ola@nav.no\">mailto:ola@nav.no</a>"
        );
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        assert_eq!(paragraphs("a\nb\n\n<c>"), "<p>a b</p>\n<p>&lt;c&gt;</p>\n");
        assert_eq!(paragraphs("  \n "), "");
    }
}
