//! Invariants of rendered pages, for any practice: shared by the property test in `tests/it/properties.rs` and the
//! cargo-fuzz targets `fuzz/fuzz_targets/render_*.rs`, so a failure either
//! finds is checked the same way by the other.
//!
//! [`check_practice`] renders one practice's sheet, chart and the index through the library's render API and
//! checks that user text stays text:
//!
//! * the Markdown holds no HTML but the generated-file marker and the renderer's own `<details>` lines around the
//!   dossier ([`renderer_html`]; no `<` at all elsewhere, so no `<script`), no image
//!   but the practice's own chart, and no link but to `http(s)`/`mailto` addresses and other sheets — also as a GFM
//!   renderer with autolinks sees it ([`check_gfm_autolinks`]: no `ola@nav.no`, `www.`, `https://` in text);
//! * every table row has as many cells as its header;
//! * the sheet has the same structure — every block and inline element, in order — as the sheet of its *twin*
//!   ([`twin`]): the same practice with every visible character of its free text replaced by `x`. Whatever user
//!   text holds (`|`, `#`, `*`, `` ` ``, `<`, line breaks…), it can only change the words, never add, split or end a
//!   heading, paragraph, list, table, row, cell, link or emphasis;
//! * the chart is well-formed XML with no script, no event handler and no external reference, has the twin's
//!   elements, and names the practice in its title.

use std::collections::{BTreeMap, HashMap};

use practice::model::criteria::Criteria;
use practice::model::Labels;
use practice::model::PracticeEntry;
use practice::model::{Assessment, Evidence, Practice};
use practice::render::{self, escape, Page};
use practice::scoring;
use practice::scoring::ScoredPractice;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The Markdown extensions a reader's renderer (GitHub, GitLab, most static-site generators) may turn on: user text
/// must stay text under all of them.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM
}

/// Render `entry` (its sheet and chart, and an index of it alone) and check every invariant; `Err` describes the
/// first one broken. `names` maps other practices' slugs to their names (for links between sheets).
pub fn check_practice(
    criteria: &Criteria,
    entry: &PracticeEntry,
    names: &HashMap<String, String>,
) -> Result<(), String> {
    let labels = Labels::from_criteria(criteria);
    let rendered = pages(criteria, &labels, entry, names);
    let twin_entry = twin(criteria, entry);
    let twin_names: HashMap<String, String> = names.iter().map(|(k, v)| (k.clone(), twin_text(v))).collect();
    let twin_pages = pages(criteria, &labels, &twin_entry, &twin_names);

    let sheets: Vec<String> = names
        .keys()
        .chain(std::iter::once(&entry.slug))
        .map(|slug| format!("{slug}.md"))
        .chain(std::iter::once(render::INDEX_FILE.to_string()))
        .collect();
    let chart = format!("{}.svg", entry.slug);
    let (sheet, svg, index) = &rendered;
    check_markdown(sheet, &sheets, Some(&chart)).map_err(|e| format!("sheet: {e}\n{sheet}"))?;
    check_markdown(index, &sheets, None).map_err(|e| format!("index: {e}\n{index}"))?;
    let (twin_sheet, twin_svg, _) = &twin_pages;
    let (shape, twin_shape) = (structure(sheet), structure(twin_sheet));
    if shape != twin_shape {
        let at = shape
            .iter()
            .zip(&twin_shape)
            .position(|(a, b)| a != b)
            .unwrap_or(shape.len().min(twin_shape.len()));
        return Err(format!(
            "user text changed the sheet's structure at element {at}: {:?} where the twin has {:?}\n--- sheet:\n{sheet}\n--- twin:\n{twin_sheet}",
            shape.get(at),
            twin_shape.get(at)
        ));
    }
    match (svg, twin_svg) {
        (Some(svg), Some(twin_svg)) => {
            let elements = check_svg(svg, &escape::one_line(entry.name())).map_err(|e| format!("chart: {e}\n{svg}"))?;
            let twin_elements = check_svg(twin_svg, "").map_err(|e| format!("twin chart: {e}\n{twin_svg}"))?;
            if elements != twin_elements {
                return Err(format!(
                    "user text changed the chart's elements:\n{svg}\n--- twin:\n{twin_svg}"
                ));
            }
        }
        (None, None) => {}
        _ => return Err("the twin has a chart and the practice not, or the reverse".to_string()),
    }
    Ok(())
}

/// The sheet, the chart (when assessed) and the index of one practice.
fn pages(
    criteria: &Criteria,
    labels: &Labels,
    entry: &PracticeEntry,
    names: &HashMap<String, String>,
) -> (String, Option<String>, String) {
    let scored = ScoredPractice {
        entry,
        score: entry.assessment.as_ref().map(|a| scoring::score(criteria, &a.value)),
    };
    let mut names: HashMap<&str, &str> = names.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    names.insert(&entry.slug, entry.name());
    let pages: Vec<Page> = render::practice_pages(criteria, labels, &scored, &names);
    let sheet = pages
        .iter()
        .find(|p| p.name.ends_with(".md"))
        .map(|p| p.content.clone())
        .unwrap_or_default();
    let svg = pages
        .iter()
        .find(|p| p.name.ends_with(".svg"))
        .map(|p| p.content.clone());
    let index = render::index_page(criteria, labels, std::slice::from_ref(&scored)).content;
    (sheet, svg, index)
}

/// Check a rendered Markdown page: HTML, images, links and table shapes. `sheets` are the pages links may point to.
pub fn check_markdown(markdown: &str, sheets: &[String], chart: Option<&str>) -> Result<(), String> {
    let marker = render::markdown::MARKER;
    if !markdown.starts_with(marker) {
        return Err("the page does not start with the generated-file marker".to_string());
    }
    // User text escapes `<` as `&lt;`: the only `<` are the marker's and those of the lines the renderer writes
    // around the dossier (`<details>`, `<summary>…</summary>`, `</details>`), so no other tag (`<script`,
    // `<img`…) can appear.
    for (number, text) in markdown.lines().enumerate().skip(1) {
        if text.contains('<') && !renderer_html(text) {
            return Err(format!("a raw `<` on line {}", number + 1));
        }
    }
    let mut rows: Vec<usize> = Vec::new();
    let mut cells = 0;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Html(html) | Event::InlineHtml(html)
                if html.trim() != marker && !html.lines().all(|l| l.trim().is_empty() || renderer_html(l)) =>
            {
                return Err(format!("HTML in the page: {html:?}"))
            }
            Event::Start(Tag::Image { dest_url, .. }) if Some(dest_url.as_ref()) != chart => {
                return Err(format!("an image that is not the chart: {dest_url}"))
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let dest = dest_url.as_ref();
                // Schemes are case-insensitive, and the renderer keeps the case written (`HTTP://…`).
                let scheme = dest.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
                let web = matches!(scheme.as_deref(), Some("https" | "http"))
                    && dest[dest.find(':').unwrap_or(0)..].starts_with("://");
                let safe = web || scheme.as_deref() == Some("mailto") || sheets.iter().any(|s| s == dest);
                if !safe {
                    return Err(format!("a link to {dest:?}"));
                }
                // An address is percent-encoded: nothing in it can end the link early.
                if dest.contains([' ', '(', ')', '<', '>', '"', '\n']) {
                    return Err(format!("an unencoded link destination {dest:?}"));
                }
            }
            Event::Start(Tag::Table(_)) => rows.clear(),
            Event::Start(Tag::TableHead | Tag::TableRow) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => rows.push(cells),
            Event::End(TagEnd::Table) if rows.iter().any(|&n| n != rows[0]) => {
                return Err(format!("a table whose rows have {rows:?} cells"));
            }
            _ => {}
        }
    }
    check_gfm_autolinks(markdown, sheets)
}

/// Whether a line is one of the HTML lines the renderer writes itself: `<details>`, `</details>`, or
/// `<summary>text</summary>` with no further `<` in the text.
pub fn renderer_html(line: &str) -> bool {
    use render::markdown::{DETAILS_CLOSE, DETAILS_OPEN};
    if line == DETAILS_OPEN || line == DETAILS_CLOSE {
        return true;
    }
    line.strip_prefix("<summary>")
        .and_then(|rest| rest.strip_suffix("</summary>"))
        .is_some_and(|text| !text.contains(['<', '>']))
}

/// GFM autolinks, as GitHub renders them (comrak with the autolink extension; pulldown-cmark has none): every link
/// is one the page means to make, and no text outside a link holds an autolink pattern. The text is checked after
/// escapes are undone, as cmark-gfm finds autolinks there (it links `ola\@nav.no`).
pub fn check_gfm_autolinks(markdown: &str, sheets: &[String]) -> Result<(), String> {
    use comrak::nodes::NodeValue;
    let arena = comrak::Arena::new();
    let mut options = comrak::Options::default();
    options.extension.autolink = true;
    options.extension.table = true;
    options.extension.strikethrough = true;
    let root = comrak::parse_document(&arena, markdown, &options);
    for node in root.descendants() {
        match &node.data().value {
            NodeValue::Link(link) => {
                let url = link.url.as_str();
                // Schemes are case-insensitive, and the renderer keeps the case written (`HTTP://…`).
                let lower = url.to_ascii_lowercase();
                let web = lower.starts_with("https://") || lower.starts_with("http://");
                let mail = lower.starts_with("mailto:") && !url.contains(['<', '>']);
                let ok = web || mail || sheets.iter().any(|s| s == url);
                if !ok {
                    return Err(format!("a GFM link to {url:?}"));
                }
            }
            NodeValue::Text(text) => {
                let in_link = node.ancestors().any(|a| matches!(a.data().value, NodeValue::Link(_)));
                if let Some(pattern) = autolink_pattern(text).filter(|_| !in_link) {
                    return Err(format!("text a GFM renderer would link: {pattern:?} in {text:?}"));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The first GFM extended autolink in plain text: `scheme://`, `www.` at a word start, `mailto:` / `xmpp:`, or an
/// address `x@y`.
pub fn autolink_pattern(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    for (i, _) in lower.match_indices("://") {
        if i > 0 && bytes[i - 1].is_ascii_alphabetic() {
            return Some(lower[i.saturating_sub(5)..(i + 4).min(lower.len())].to_string());
        }
    }
    for (i, _) in lower.match_indices("www.") {
        if lower[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric()) {
            return Some("www.".to_string());
        }
    }
    for scheme in ["mailto:", "xmpp:"] {
        if let Some(i) = lower.find(scheme) {
            if bytes.get(i + scheme.len()).is_some_and(|b| b.is_ascii_alphanumeric()) {
                return Some(scheme.to_string());
            }
        }
    }
    let email_char = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'+');
    for (i, _) in lower.match_indices('@') {
        if i > 0 && email_char(bytes[i - 1]) && bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphanumeric()) {
            return Some(lower[i.saturating_sub(3)..(i + 4).min(lower.len())].to_string());
        }
    }
    None
}

/// Every element of a Markdown document, in order, without the text between them.
pub fn structure(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, options())
        .filter(|event| !matches!(event, Event::Text(_)))
        .map(|event| format!("{event:?}"))
        .collect()
}

/// Check a chart: well-formed XML, an `svg` root, no script, event handler or external reference, and `name` (when
/// not empty) in its title. Returns the element names in document order.
pub fn check_svg(svg: &str, name: &str) -> Result<Vec<String>, String> {
    let doc = roxmltree::Document::parse(svg).map_err(|e| format!("not well-formed XML: {e}"))?;
    let root = doc.root_element();
    if root.tag_name().name() != "svg" {
        return Err(format!("the root is <{}>", root.tag_name().name()));
    }
    let mut elements = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let tag = node.tag_name().name();
        if matches!(tag, "script" | "foreignObject" | "image" | "use" | "a" | "iframe") {
            return Err(format!("a <{tag}> element"));
        }
        for attribute in node.attributes() {
            let key = attribute.name();
            if key.starts_with("on") || key == "href" || attribute.value().contains("url(") {
                return Err(format!("attribute {key}={:?} on <{tag}>", attribute.value()));
            }
        }
        elements.push(tag.to_string());
    }
    if !name.is_empty() {
        let title = root
            .children()
            .find(|n| n.has_tag_name("title"))
            .and_then(|t| t.text())
            .unwrap_or("");
        if !title.contains(name) {
            return Err(format!("the title {title:?} does not name the practice {name:?}"));
        }
    }
    Ok(elements)
}

/// Characters the renderer drops from every text (`render::escape`): kept as they are by [`twin_text`], so the twin
/// drops the same ones.
fn dropped(c: char) -> bool {
    c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Free text with every visible character replaced by `x`: the same lines, blank lines, spaces and dropped
/// characters, so whatever the renderer decides from a text's shape (empty or not, how many paragraphs) it decides
/// the same way, while nothing in it can mean anything to Markdown.
pub fn twin_text(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_whitespace() || dropped(c) { c } else { 'x' })
        .collect()
}

fn twin_opt(text: &Option<String>) -> Option<String> {
    text.as_deref().map(twin_text)
}

fn twin_values(map: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    map.iter().map(|(k, v)| (k.clone(), twin_text(v))).collect()
}

/// A key the renderer shows as text when the criteria do not know it (an evidence kind, the criteria id or version
/// an assessment names): each character as `x` and its code point in six hex digits, so different keys stay
/// different and in the same order, and nothing in them means anything to Markdown.
pub fn twin_key(key: &str) -> String {
    key.chars().map(|c| format!("x{:06x}", c as u32)).collect()
}

/// The practice with all its free text replaced ([`twin_text`], [`twin_key`]); keys the criteria know, ids, slugs,
/// option keys, dates, e-mail addresses and URLs stay as they are (they decide links and lookups).
pub fn twin(criteria: &Criteria, entry: &PracticeEntry) -> PracticeEntry {
    let mut twin = entry.clone();
    if let Some(p) = &mut twin.practice {
        twin_practice(&mut p.value);
    }
    if let Some(e) = &mut twin.evidence {
        twin_evidence(criteria, &mut e.value);
    }
    if let Some(a) = &mut twin.assessment {
        twin_assessment(criteria, &mut a.value);
    }
    twin
}

fn twin_practice(p: &mut Practice) {
    p.name = twin_opt(&p.name);
    p.summary = twin_opt(&p.summary);
    p.municipality = twin_opt(&p.municipality);
    p.organisation = twin_opt(&p.organisation);
    p.region = twin_opt(&p.region);
    p.status = twin_opt(&p.status);
    for values in p.tags.values_mut() {
        for value in values {
            *value = twin_text(value);
        }
    }
    p.description = twin_values(&p.description);
    for reference in p.sources.iter_mut().chain(p.links.iter_mut()) {
        reference.title = twin_text(&reference.title);
    }
    for contact in &mut p.contacts {
        contact.name = twin_text(&contact.name);
        contact.organisation = twin_opt(&contact.organisation);
        contact.phone = twin_opt(&contact.phone);
    }
    for related in &mut p.related {
        related.relation = twin_opt(&related.relation);
    }
    for story in &mut p.stories {
        story.title = twin_text(&story.title);
        story.text = twin_text(&story.text);
    }
    for need in &mut p.knowledge_needs {
        need.need = twin_text(&need.need);
    }
}

fn twin_evidence(criteria: &Criteria, e: &mut Evidence) {
    for row in &mut e.rows {
        if !criteria.evidence_kinds.iter().any(|k| k.key == row.kind) {
            row.kind = twin_key(&row.kind);
        }
        row.question = twin_text(&row.question);
        row.finding = twin_text(&row.finding);
        row.source = twin_text(&row.source);
        row.design = twin_opt(&row.design);
        row.note = twin_opt(&row.note);
    }
}

fn twin_assessment(criteria: &Criteria, a: &mut Assessment) {
    if a.criteria.as_deref() != Some(criteria.id.as_str()) {
        a.criteria = a.criteria.as_deref().map(twin_key);
    }
    if a.criteria_version.as_deref() != Some(criteria.version.as_str()) {
        a.criteria_version = a.criteria_version.as_deref().map(twin_key);
    }
    for assessor in &mut a.assessors {
        *assessor = twin_text(assessor);
    }
    a.status = twin_opt(&a.status);
    a.justification = twin_opt(&a.justification);
    a.justifications = twin_values(&a.justifications);
    for answer in a.answers.values_mut() {
        answer.note = twin_opt(&answer.note);
    }
}

/// Pieces of text that mean something to Markdown, HTML, XML, GFM extensions or terminals: free text is built from
/// these and ordinary words.
pub const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT src=//x>",
    "<img src=x onerror=alert(1)>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&#60;",
    "&lt;b&gt;",
    "| a | b |",
    "|---|---|",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "# ",
    "### x",
    "> ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "---",
    "***",
    "===",
    "```",
    "~~~",
    "    indented",
    "[x](javascript:alert(1))",
    "[x][y]",
    "[y]: https://evil.example/",
    "![i](x.png)",
    "[^1]",
    "[^1]: note",
    "$x$",
    "$$",
    "~~s~~",
    "**b**",
    "__b__",
    "_e_",
    "`c`",
    "\\",
    "\\|",
    "https://evil.example/?a=(1)",
    "www.example.com",
    "ola@example.no",
    "<https://x.example>",
    "- [ ] task",
    "> [!NOTE]",
    "\u{0}",
    "\u{1b}[31m",
    "\u{7f}",
    "\u{85}",
    "\u{202e}",
    "\u{2028}",
    "\u{2029}",
    "\u{a0}",
    "\u{feff}",
    "\u{fffe}",
    "\u{1f600}",
    "æøå",
    "{name}",
    "{from}",
    "\"'",
    "<",
    ">",
    "&",
    "|",
    "[",
    "]",
    "(",
    ")",
    "!",
    "#",
    "*",
    "_",
    "`",
    "~",
    "$",
    "^",
    "=",
    ":",
    "@",
    " ",
    "  \n",
    "Ordinær tekst",
];

/// Free text from bytes: each byte picks a [`HOSTILE`] piece or a plain word.
pub fn text_from(bytes: &[u8]) -> String {
    const WORDS: &[&str] = &["praksis", "Grimstad", "NAV", "mål", "2024", "a", "B"];
    bytes
        .iter()
        .map(|&b| {
            let b = usize::from(b);
            if b < 200 {
                HOSTILE[b % HOSTILE.len()]
            } else {
                WORDS[b % WORDS.len()]
            }
        })
        .collect()
}

/// Choices read from a byte string, repeated when it runs out (all zeros when it is empty).
pub struct Tape<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Tape<'a> {
    pub fn new(bytes: &'a [u8]) -> Tape<'a> {
        Tape { bytes, at: 0 }
    }

    fn next(&mut self) -> usize {
        if self.bytes.is_empty() {
            return 0;
        }
        let b = self.bytes[self.at % self.bytes.len()];
        self.at += 1;
        usize::from(b)
    }

    /// A number below `n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'t>(&mut self, items: &[&'t str]) -> &'t str {
        items[self.below(items.len())]
    }
}

/// Slugs of other practices a practice may refer to (`names` in [`check_practice`] should know the first).
pub const OTHER: &str = "annen-praksis";
const SLUGS: &[&str] = &[
    OTHER,
    "ukjent-praksis",
    "Ikke En Slug",
    "../utenfor",
    "index",
    "",
    "a|b",
];
const URLS: &[&str] = &[
    "https://example.no/a b)(c|d",
    "http://example.no/<x>\"",
    "javascript:alert(1)",
    "data:text/html,<script>",
    "mailto:ola@example.no",
    "//evil.example",
    "https://example.no/[x](y)",
    "HTTPS://Example.no/Stor",
    "",
];
const EMAILS: &[&str] = &[
    "ola@example.no",
    "a b@example.no",
    "x@y.no>\n<script>",
    "",
    "mailto:x@y.no",
];

/// A practice folder's entry (practice, evidence and assessment) built from a pool of free texts and a tape of
/// choices, valid against `criteria` or not, with links, citations, unknown keys and answers of every kind.
pub fn entry_from(criteria: &Criteria, texts: &[String], choices: &[u8]) -> PracticeEntry {
    use practice::load::source::Format;
    use practice::model::Loaded;
    use practice::model::{Answer, Contact, EvidenceRow, Reference, Related, Story};
    use std::path::PathBuf;

    let mut tape = Tape::new(choices);
    let tape = &mut tape;
    let text = |tape: &mut Tape| -> String {
        if texts.is_empty() {
            String::new()
        } else {
            texts[tape.below(texts.len())].clone()
        }
    };
    let opt = |tape: &mut Tape| -> Option<String> { (!tape.chance(20)).then(|| text(tape)) };
    let mut tags = BTreeMap::new();
    for facet in &criteria.facets {
        if tape.chance(70) {
            tags.insert(facet.key.clone(), (0..tape.below(4)).map(|_| text(tape)).collect());
        }
    }
    let mut description = BTreeMap::new();
    for field in &criteria.template {
        if tape.chance(70) {
            description.insert(field.key.clone(), text(tape));
        }
    }
    let reference = |tape: &mut Tape| Reference {
        title: text(tape),
        url: (!tape.chance(20)).then(|| tape.pick(URLS).to_string()),
    };
    let practice = Practice {
        name: opt(tape),
        summary: opt(tape),
        municipality: opt(tape),
        organisation: opt(tape),
        region: opt(tape),
        started: None,
        status: opt(tape),
        variant_of: tape.chance(30).then(|| tape.pick(SLUGS).to_string()),
        aliases: Vec::new(),
        tags,
        description,
        sources: (0..tape.below(3)).map(|_| reference(tape)).collect(),
        contacts: (0..tape.below(3))
            .map(|_| Contact {
                role: tape
                    .chance(70)
                    .then(|| tape.pick(&["praksis", "nominasjon", "annet"]).to_string()),
                name: text(tape),
                organisation: opt(tape),
                email: tape.chance(60).then(|| tape.pick(EMAILS).to_string()),
                phone: opt(tape),
            })
            .collect(),
        related: (0..tape.below(3))
            .map(|_| Related {
                slug: tape.pick(SLUGS).to_string(),
                relation: opt(tape),
            })
            .collect(),
        links: (0..tape.below(3)).map(|_| reference(tape)).collect(),
        stories: (0..tape.below(3))
            .map(|_| Story {
                title: text(tape),
                text: text(tape),
            })
            .collect(),
        knowledge_needs: (0..tape.below(3)).map(|_| text(tape).as_str().into()).collect(),
        lifecycle: None,
    };

    let mut kinds: Vec<&str> = criteria.evidence_kinds.iter().map(|k| k.key.as_str()).collect();
    kinds.extend(["ukjent <b>slag</b>", "", "zz | x"]);
    let ids = ["e1", "e2", "e3", "e|4", "<e5>"];
    let evidence = tape.chance(70).then(|| Evidence {
        rows: (0..tape.below(6))
            .map(|i| EvidenceRow {
                id: if tape.chance(80) {
                    format!("e{}", i + 1)
                } else {
                    tape.pick(&ids).to_string()
                },
                question: text(tape),
                finding: text(tape),
                source: text(tape),
                kind: tape.pick(&kinds).to_string(),
                design: opt(tape),
                note: opt(tape),
                date: None,
            })
            .collect(),
    });

    let assessment = tape.chance(70).then(|| {
        let mut answers = BTreeMap::new();
        // Half the assessments answer every question validly, so classes and the judgement zone are reached.
        let complete = tape.chance(50);
        for question in criteria.questions() {
            let na = criteria.not_applicable_key().filter(|_| question.allows_not_applicable);
            let key = match (complete, tape.below(10), na) {
                (true, 0, Some(na)) => na.to_string(),
                (false, 0, _) => continue,
                (false, 1, _) => criteria.not_applicable_key().unwrap_or("ikke-relevant").to_string(),
                (false, 2, _) => text(tape),
                _ => {
                    let options = &question.scale.options;
                    match options.get(tape.below(options.len())) {
                        Some(option) => option.key.clone(),
                        None => continue,
                    }
                }
            };
            answers.insert(
                question.question.id.clone(),
                Answer {
                    answer: key,
                    note: tape.chance(30).then(|| text(tape)),
                    evidence: (0..tape.below(3)).map(|_| tape.pick(&ids).to_string()).collect(),
                },
            );
        }
        let mut justifications = BTreeMap::new();
        for criterion in &criteria.criteria {
            if tape.chance(50) {
                justifications.insert(criterion.id.clone(), text(tape));
            }
        }
        Assessment {
            criteria: match tape.below(4) {
                0 => None,
                1 => Some(text(tape)),
                _ => Some(criteria.id.clone()),
            },
            criteria_version: match tape.below(4) {
                0 => None,
                1 => Some(text(tape)),
                _ => Some(criteria.version.clone()),
            },
            assessors: (0..tape.below(3)).map(|_| text(tape)).collect(),
            date: None,
            status: opt(tape),
            evidence_fingerprint: None,
            illustration: tape.chance(20),
            justification: opt(tape),
            justifications,
            answers,
            decisions: BTreeMap::new(),
        }
    });

    let dir = PathBuf::from("practices/fiendtlig-praksis");
    PracticeEntry {
        slug: "fiendtlig-praksis".to_string(),
        dir: dir.clone(),
        practice: Some(Loaded {
            value: practice,
            path: dir.join("practice.toml"),
            format: Format::Toml,
        }),
        evidence: evidence.map(|value| Loaded {
            value,
            path: dir.join("evidence.toml"),
            format: Format::Toml,
        }),
        assessment: assessment.map(|value| Loaded {
            value,
            path: dir.join("assessment.toml"),
            format: Format::Toml,
        }),
        assessors: Vec::new(),
        findings: Vec::new(),
    }
}

/// The other practices' names [`entry_from`] refers to.
pub fn other_names(name: &str) -> HashMap<String, String> {
    HashMap::from([(OTHER.to_string(), name.to_string())])
}

/// A `render_files` fuzz input as a practice folder: the first byte picks TOML or YAML, and the rest is `practice.*`,
/// `evidence.*` and `assessment.*` separated by NUL bytes (no valid file contains one). Each part that loads as the
/// library loads it is kept; the others are left out, as the library leaves out files that do not parse.
pub fn entry_from_files(data: &[u8]) -> PracticeEntry {
    use practice::load::source::{Format, SourceFile};
    use practice::model::Loaded;
    use serde::de::DeserializeOwned;
    use std::path::Path;

    fn load<T: DeserializeOwned>(dir: &Path, stem: &str, format: Format, bytes: Option<&[u8]>) -> Option<Loaded<T>> {
        let path = dir.join(format!("{stem}.{}", format.extensions()[0]));
        let source = SourceFile::from_bytes(&path, format, bytes?.to_vec()).ok()?;
        let value = source.parse::<T>().ok()?;
        Some(Loaded { value, path, format })
    }

    let (format, rest) = crate::robustness::split_input(data);
    let mut parts = rest.splitn(3, |&b| b == 0);
    let (practice, evidence, assessment) = (parts.next(), parts.next(), parts.next());
    let dir = Path::new("practices/fuzz");
    PracticeEntry {
        slug: "fuzz".to_string(),
        dir: dir.to_path_buf(),
        practice: load(dir, "practice", format, practice),
        evidence: load(dir, "evidence", format, evidence),
        assessment: load(dir, "assessment", format, assessment),
        assessors: Vec::new(),
        findings: Vec::new(),
    }
}

/// A `render_structured` fuzz input: byte 0 picks the criteria (an index into the caller's list), byte 1 the number
/// of texts (1–16); then each text as a length byte and that many bytes (even first byte: pieces of [`HOSTILE`] by
/// [`text_from`]; odd: the bytes as UTF-8, lossily); the rest is the tape of choices for [`entry_from`]. `None` for
/// inputs shorter than two bytes.
pub fn structured_input(data: &[u8]) -> Option<(usize, Vec<String>, &[u8])> {
    let (&which, &count) = (data.first()?, data.get(1)?);
    let mut at = 2;
    let mut texts = Vec::new();
    for _ in 0..(usize::from(count) % 16 + 1) {
        let Some(&len) = data.get(at) else { break };
        let end = (at + 1 + usize::from(len)).min(data.len());
        let bytes = &data[at + 1..end];
        at = end;
        texts.push(match bytes.split_first() {
            Some((first, rest)) if first % 2 == 0 => text_from(rest),
            Some((_, rest)) => String::from_utf8_lossy(rest).into_owned(),
            None => String::new(),
        });
    }
    Some((usize::from(which), texts, &data[at.min(data.len())..]))
}

/// Run one input of a render fuzz target (`render_files` or `render_structured`) through [`check_practice`].
/// `all` lists the criteria `render_structured` chooses from: the bundled file first, then the fixtures of
/// `tests/fixtures/criteria/` in file-name order (`render_files` uses the first). Inputs of both targets that once
/// failed are kept in `tests/fixtures/fuzz-regressions/` and replayed by `cargo test`.
pub fn check_fuzz_input(target: &str, data: &[u8], all: &[Criteria]) -> Result<(), String> {
    match target {
        "render_files" => {
            let entry = entry_from_files(data);
            check_practice(&all[0], &entry, &other_names("Annen <b>praksis</b> | #1"))
        }
        "render_structured" => {
            let Some((which, texts, choices)) = structured_input(data) else {
                return Ok(());
            };
            let criteria = &all[which % all.len()];
            let entry = entry_from(criteria, &texts, choices);
            let other = texts.last().cloned().unwrap_or_default();
            check_practice(criteria, &entry, &other_names(&other))
        }
        _ => Err(format!("no render fuzz target {target}")),
    }
}
