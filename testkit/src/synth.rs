//! A synthetic library for benchmarks, fuzzing corpora and scale tests — a development tool, not part of the CLI.
//!
//! [`write_library`] writes `criteria.toml` and `practices/<slug>/…` for `count` practices, deterministically from a
//! seed: the same seed, count and criteria give byte-identical files. The mix imitates a real library: about half
//! the files TOML and half YAML, descriptions of a few kilobytes of Norwegian-looking text, evidence tables of 3–15
//! rows, complete and incomplete assessments, practices that are only nominated or mapped, and some with two
//! independent assessors (`assessments/<assessor>.*` with answers and stage decisions). Every generated practice is
//! valid against the criteria it was generated for (warnings such as "incomplete" are expected, errors are not).
//!
//! Run it through the example: `cargo run --release --example synth -- --out DIR --count N --seed S`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;

use practice::load::source::{Format, SourceFile};
use practice::model::criteria::Criteria;

/// SplitMix64: a tiny, fast, well-distributed PRNG (Steele, Lea & Flood 2014). Deterministic across platforms.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0). The modulo bias is irrelevant for test data.
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A generator for item `index`, independent of how much randomness earlier items used.
    pub fn fork(seed: u64, index: u64) -> Rng {
        let mut base = Rng::new(seed ^ index.wrapping_mul(0xD134_2543_DE82_EF95));
        Rng::new(base.next_u64())
    }
}

const WORDS: &[&str] = &[
    "arbeid",
    "deltakerne",
    "kommunen",
    "oppfølging",
    "veileder",
    "språkopplæring",
    "praksisplass",
    "introduksjonsprogrammet",
    "samarbeid",
    "arbeidsgiver",
    "kvalifisering",
    "nettverk",
    "erfaring",
    "tiltaket",
    "brukerne",
    "ungdom",
    "familier",
    "skolen",
    "tjenesten",
    "kartlegging",
    "medvirkning",
    "helse",
    "bolig",
    "økonomi",
    "rådgiver",
    "ansatte",
    "resultater",
    "evaluering",
    "tilbudet",
    "målgruppen",
    "frivillige",
    "lokalsamfunnet",
    "og",
    "i",
    "på",
    "med",
    "for",
    "som",
    "til",
    "av",
    "at",
    "det",
    "er",
    "har",
    "får",
    "skal",
    "kan",
    "blir",
    "gjennom",
    "sammen",
    "etter",
    "før",
    "under",
    "tett",
    "godt",
    "bedre",
    "raskere",
    "varig",
    "ordinær",
    "individuell",
    "tverrfaglig",
    "systematisk",
    "lokal",
    "nyankomne",
    "flyktninger",
    "innvandrere",
    "kvinner",
    "unge",
    "voksne",
    "NAV-kontoret",
    "voksenopplæringen",
    "bedriften",
    "plan",
    "mål",
    "utdanning",
    "norskferdigheter",
    "hverdagen",
    "mestring",
    "tillit",
    "dialog",
    "møter",
    "kurs",
    "samtaler",
    "ukentlig",
    "årlig",
    "måles",
    "følges",
    "beskrives",
    "tilpasses",
    "videreføres",
];

const PLACES: &[&str] = &[
    "grimstad",
    "levanger",
    "asker",
    "alna",
    "frogner",
    "bodo",
    "tromso",
    "drammen",
    "skien",
    "molde",
    "hamar",
    "arendal",
    "narvik",
    "alta",
    "gjovik",
    "lillestrom",
    "sandnes",
    "haugesund",
    "kongsberg",
    "steinkjer",
];

const PLACE_NAMES: &[&str] = &[
    "Grimstad",
    "Levanger",
    "Asker",
    "Alna",
    "Frogner",
    "Bodø",
    "Tromsø",
    "Drammen",
    "Skien",
    "Molde",
    "Hamar",
    "Arendal",
    "Narvik",
    "Alta",
    "Gjøvik",
    "Lillestrøm",
    "Sandnes",
    "Haugesund",
    "Kongsberg",
    "Steinkjer",
];

const REGIONS: &[&str] = &[
    "Agder",
    "Trøndelag",
    "Akershus",
    "Oslo",
    "Nordland",
    "Troms",
    "Buskerud",
    "Telemark",
    "Møre og Romsdal",
    "Innlandet",
    "Rogaland",
    "Vestland",
    "Finnmark",
];

const TOPICS: &[&str] = &[
    "sprakpraksis",
    "jobbsenter",
    "mentor",
    "losprogram",
    "familiestotte",
    "skolekompass",
    "arbeidstrening",
    "helsesamtale",
    "boveiledning",
    "fritidsklubb",
    "kvinnegruppe",
    "ungdomslos",
];

const TAGS: &[&str] = &[
    "Arbeid",
    "Språkopplæring",
    "Utdanning",
    "Helse",
    "Bolig",
    "Nyankomne flyktninger",
    "Unge voksne",
    "Kvinner",
    "Familier",
    "Introduksjonsprogrammet",
    "Kvalifisering",
    "Oppfølging",
    "Mentorordning",
    "Samarbeid med arbeidsgivere",
];

const ASSESSORS: &[&str] = &["forsker-1", "forsker-2", "forsker-3", "analytiker-a", "analytiker-b"];

/// A paragraph of Norwegian-looking sentences, about `target` characters long.
pub fn paragraph(rng: &mut Rng, target: usize) -> String {
    let mut out = String::with_capacity(target + 80);
    while out.len() < target {
        if !out.is_empty() {
            out.push(' ');
        }
        let words = rng.range(6, 18);
        for w in 0..words {
            let word = *rng.pick(WORDS);
            if w == 0 {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                }
            } else {
                out.push(' ');
                out.push_str(word);
            }
            if w + 1 < words && rng.chance(6) {
                out.push(',');
            }
        }
        out.push('.');
    }
    out
}

/// Break text into lines of at most `width` characters (at spaces).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A value written into a file: text, a list of texts, or a small table.
enum Value {
    Text(String),
    Long(String),
    Int(i64),
    Bool(bool),
    List(Vec<String>),
}

/// A minimal writer for the shapes our files use, in TOML or YAML.
struct Doc {
    format: Format,
    out: String,
}

use practice::model::toml_text::string as toml_str;

fn yaml_str(text: &str) -> String {
    // A JSON string is a valid YAML double-quoted scalar.
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

use practice::model::toml_text::key as toml_key;

fn yaml_key(key: &str) -> String {
    if !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !key.chars().all(|c| c.is_ascii_digit())
    {
        key.to_string()
    } else {
        yaml_str(key)
    }
}

impl Doc {
    fn new(format: Format, comment: &str) -> Doc {
        Doc {
            format,
            out: format!("# {comment}\n\n"),
        }
    }

    fn scalar(&self, value: &Value, indent: &str) -> String {
        match (self.format, value) {
            (Format::Toml, Value::Text(t)) => toml_str(t),
            (Format::Yaml, Value::Text(t)) => yaml_str(t),
            (Format::Toml, Value::Long(t)) => {
                // A line-ending backslash joins the lines again without the line break.
                format!("\"\"\"\n{}\"\"\"", wrap(t, 110).join(" \\\n"))
            }
            (Format::Yaml, Value::Long(t)) => {
                let mut s = String::from(">-\n");
                for line in wrap(t, 110) {
                    let _ = writeln!(s, "{indent}  {line}");
                }
                s.truncate(s.trim_end_matches('\n').len());
                s
            }
            (_, Value::Int(i)) => i.to_string(),
            (_, Value::Bool(b)) => b.to_string(),
            (Format::Toml, Value::List(items)) => {
                format!("[{}]", items.iter().map(|i| toml_str(i)).collect::<Vec<_>>().join(", "))
            }
            (Format::Yaml, Value::List(items)) => {
                format!("[{}]", items.iter().map(|i| yaml_str(i)).collect::<Vec<_>>().join(", "))
            }
        }
    }

    /// `key = value` at the top level.
    fn field(&mut self, key: &str, value: Value) {
        let text = self.scalar(&value, "");
        match self.format {
            Format::Toml => {
                let _ = writeln!(self.out, "{} = {text}", toml_key(key));
            }
            Format::Yaml => {
                let _ = writeln!(self.out, "{}: {text}", yaml_key(key));
            }
        }
    }

    /// A table of key → value (`[name]` / `name:`).
    fn table(&mut self, name: &str, entries: &[(String, Value)]) {
        if entries.is_empty() {
            return;
        }
        match self.format {
            Format::Toml => {
                let _ = writeln!(self.out, "\n[{name}]");
                for (key, value) in entries {
                    let text = self.scalar(value, "");
                    let _ = writeln!(self.out, "{} = {text}", toml_key(key));
                }
            }
            Format::Yaml => {
                let _ = writeln!(self.out, "{name}:");
                for (key, value) in entries {
                    let text = self.scalar(value, "  ");
                    let _ = writeln!(self.out, "  {}: {text}", yaml_key(key));
                }
            }
        }
    }

    /// An array of tables (`[[name]]` / `name:` with `- key: value` items).
    fn array(&mut self, name: &str, items: &[Vec<(&str, Value)>]) {
        if items.is_empty() {
            return;
        }
        if self.format == Format::Yaml {
            let _ = writeln!(self.out, "{name}:");
        }
        for item in items {
            match self.format {
                Format::Toml => {
                    let _ = writeln!(self.out, "\n[[{name}]]");
                    for (key, value) in item {
                        let text = self.scalar(value, "");
                        let _ = writeln!(self.out, "{} = {text}", toml_key(key));
                    }
                }
                Format::Yaml => {
                    for (i, (key, value)) in item.iter().enumerate() {
                        let text = self.scalar(value, "    ");
                        let lead = if i == 0 { "  - " } else { "    " };
                        let _ = writeln!(self.out, "{lead}{}: {text}", yaml_key(key));
                    }
                }
            }
        }
    }

    /// Answers: `"5a" = "ja"` or `"5a" = { answer = …, note = …, evidence = […] }`.
    fn answers(&mut self, answers: &[(String, String, Option<String>, Vec<String>)]) {
        if answers.is_empty() {
            return;
        }
        match self.format {
            Format::Toml => self.out.push_str("\n[answers]\n"),
            Format::Yaml => self.out.push_str("answers:\n"),
        }
        for (id, key, note, evidence) in answers {
            let plain = note.is_none() && evidence.is_empty();
            let line = match (self.format, plain) {
                (Format::Toml, true) => format!("{} = {}", toml_key(id), toml_str(key)),
                (Format::Yaml, true) => format!("  {}: {}", yaml_key(id), yaml_str(key)),
                (Format::Toml, false) => {
                    let mut parts = vec![format!("answer = {}", toml_str(key))];
                    if let Some(note) = note {
                        parts.push(format!("note = {}", toml_str(note)));
                    }
                    if !evidence.is_empty() {
                        parts.push(format!(
                            "evidence = {}",
                            self.scalar(&Value::List(evidence.clone()), "")
                        ));
                    }
                    format!("{} = {{ {} }}", toml_key(id), parts.join(", "))
                }
                (Format::Yaml, false) => {
                    let mut parts = vec![format!("answer: {}", yaml_str(key))];
                    if let Some(note) = note {
                        parts.push(format!("note: {}", yaml_str(note)));
                    }
                    if !evidence.is_empty() {
                        parts.push(format!("evidence: {}", self.scalar(&Value::List(evidence.clone()), "")));
                    }
                    format!("  {}: {{ {} }}", yaml_key(id), parts.join(", "))
                }
            };
            self.out.push_str(&line);
            self.out.push('\n');
        }
    }

    fn finish(self) -> String {
        self.out
    }
}

fn format_of(rng: &mut Rng) -> Format {
    if rng.chance(50) {
        Format::Toml
    } else {
        Format::Yaml
    }
}

fn ext(format: Format) -> &'static str {
    format.extensions()[0]
}

/// The phase a generated practice reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SynthPhase {
    /// Only `practice.*`.
    Nominated,
    /// `practice.*` and `evidence.*`.
    Mapped,
    /// A consensus assessment with every question answered.
    Complete,
    /// A consensus assessment with a few questions unanswered.
    Incomplete,
}

/// One generated practice: its slug and its files, relative to the practice folder.
#[derive(Clone, Debug)]
pub struct SynthPractice {
    /// Folder name.
    pub slug: String,
    /// How far it got.
    pub phase: SynthPhase,
    /// Whether it has independent assessor files.
    pub independent: bool,
    /// (path relative to the practice folder, content).
    pub files: Vec<(PathBuf, String)>,
}

/// The slug of practice number `index` (unique per index).
pub fn slug_of(seed: u64, index: usize) -> String {
    let mut rng = Rng::fork(seed, index as u64);
    let topic = rng.pick(TOPICS);
    let place = rng.pick(PLACES);
    format!("{topic}-{place}-{index:05}")
}

/// Generate practice number `index` (deterministic in seed, index and criteria). `related_pool` is how many
/// practices the library holds, so a practice may name another one as related.
pub fn practice(criteria: &Criteria, seed: u64, index: usize, library_size: usize) -> SynthPractice {
    let slug = slug_of(seed, index);
    let mut rng = Rng::fork(seed, index as u64);
    // Consume what slug_of consumed, so the rest does not repeat the slug's choices.
    let _ = (rng.next_u64(), rng.next_u64());
    let place_index = rng.below(PLACE_NAMES.len());
    let place = PLACE_NAMES[place_index];
    let roll = rng.below(100);
    let phase = match roll {
        0..=14 => SynthPhase::Nominated,
        15..=29 => SynthPhase::Mapped,
        30..=84 => SynthPhase::Complete,
        _ => SynthPhase::Incomplete,
    };
    let independent = phase != SynthPhase::Nominated && rng.chance(12);
    let mut files = Vec::new();

    // practice.*
    let format = format_of(&mut rng);
    let mut doc = Doc::new(format, "Syntetisk praksis, generert for ytelsestester.");
    let topic = slug.split('-').next().unwrap_or("praksis");
    doc.field(
        "name",
        Value::Text(format!("{} i {place} ({index})", capitalise(topic))),
    );
    doc.field("summary", Value::Text(paragraph(&mut rng, 180)));
    doc.field("municipality", Value::Text(format!("{place} kommune")));
    if rng.chance(60) {
        doc.field("organisation", Value::Text(format!("NAV {place}")));
    }
    doc.field("region", Value::Text(rng.pick(REGIONS).to_string()));
    let year = 1995 + rng.below(26) as i64;
    if rng.chance(70) {
        doc.field("started", Value::Int(year));
    } else {
        doc.field("started", Value::Text(format!("{year}-{:02}", rng.range(1, 12))));
    }
    if rng.chance(50) {
        doc.field("status", Value::Text("i drift".to_string()));
    }
    if index > 0 && library_size > 1 && rng.chance(5) {
        doc.field("variant_of", Value::Text(slug_of(seed, rng.below(index))));
    }
    if rng.chance(50) {
        doc.field(
            "knowledge_needs",
            Value::List((0..rng.range(1, 3)).map(|_| paragraph(&mut rng, 60)).collect()),
        );
    }
    let tags: Vec<(String, Value)> = criteria
        .facets
        .iter()
        .map(|facet| {
            let n = rng.range(1, 3);
            let mut values: Vec<String> = Vec::new();
            for _ in 0..n {
                let tag = rng.pick(TAGS).to_string();
                // A facet with a controlled vocabulary gets one of its values (the same draw, so the rest of the
                // library is generated as before).
                let tag = match facet.values.len() {
                    0 => tag,
                    len => {
                        let at = TAGS.iter().position(|t| *t == tag).unwrap_or(0);
                        facet.values[at % len].value.clone()
                    }
                };
                if !values.contains(&tag) {
                    values.push(tag);
                }
            }
            (facet.key.clone(), Value::List(values))
        })
        .collect();
    doc.table("tags", &tags);
    let description: Vec<(String, Value)> = criteria
        .template
        .iter()
        .filter_map(|field| {
            if !field.required && !rng.chance(70) {
                return None;
            }
            let length = rng.range(200, 700).max(field.min_length + 10);
            Some((field.key.clone(), Value::Long(paragraph(&mut rng, length))))
        })
        .collect();
    doc.table("description", &description);
    let sources: Vec<Vec<(&str, Value)>> = (0..rng.range(1, 3))
        .map(|i| {
            let mut item = vec![("title", Value::Text(format!("Rapport {} om {topic} i {place}", i + 1)))];
            if rng.chance(60) {
                item.push((
                    "url",
                    Value::Text(format!("https://example.org/{slug}/kilde-{}", i + 1)),
                ));
            }
            item
        })
        .collect();
    doc.array("sources", &sources);
    let contacts: Vec<Vec<(&str, Value)>> = (0..rng.range(1, 2))
        .map(|i| {
            vec![
                (
                    "role",
                    Value::Text(if i == 0 { "praksis" } else { "nominasjon" }.to_string()),
                ),
                ("name", Value::Text(format!("NAV {place}, avdeling {}", i + 1))),
                ("organisation", Value::Text(format!("NAV {place}"))),
            ]
        })
        .collect();
    doc.array("contacts", &contacts);
    if index > 0 && rng.chance(15) {
        let other = slug_of(seed, rng.below(index));
        doc.array(
            "related",
            &[vec![
                ("slug", Value::Text(other)),
                ("relation", Value::Text("se også".to_string())),
            ]],
        );
    }
    if rng.chance(40) {
        let links: Vec<Vec<(&str, Value)>> = (0..rng.range(1, 2))
            .map(|i| {
                vec![
                    ("title", Value::Text(format!("Nettside {}", i + 1))),
                    (
                        "url",
                        Value::Text(format!("https://example.org/{slug}/lenke-{}", i + 1)),
                    ),
                ]
            })
            .collect();
        doc.array("links", &links);
    }
    if rng.chance(30) {
        let stories: Vec<Vec<(&str, Value)>> = (0..rng.range(1, 2))
            .map(|i| {
                let text = paragraph(&mut rng, 400);
                vec![
                    ("title", Value::Text(format!("Historien om deltaker {}", i + 1))),
                    ("text", Value::Long(text)),
                ]
            })
            .collect();
        doc.array("stories", &stories);
    }
    files.push((PathBuf::from(format!("practice.{}", ext(format))), doc.finish()));

    if phase == SynthPhase::Nominated {
        return SynthPractice {
            slug,
            phase,
            independent,
            files,
        };
    }

    // evidence.*
    let format = format_of(&mut rng);
    let rows = rng.range(3, 15);
    let evidence_ids: Vec<String> = (1..=rows).map(|i| format!("e{i}")).collect();
    let kinds: Vec<&str> = criteria.evidence_kinds.iter().map(|k| k.key.as_str()).collect();
    let items: Vec<Vec<(&str, Value)>> = evidence_ids
        .iter()
        .map(|id| {
            let mut item = vec![
                ("id", Value::Text(id.clone())),
                (
                    "question",
                    Value::Text(format!("{}?", paragraph(&mut rng, 50).trim_end_matches('.'))),
                ),
                ("finding", Value::Text(paragraph(&mut rng, 160))),
                (
                    "source",
                    Value::Text(format!("Evaluering av {topic} i {place}, {year}")),
                ),
                (
                    "kind",
                    Value::Text(if kinds.is_empty() {
                        "praksis".to_string()
                    } else {
                        rng.pick(&kinds).to_string()
                    }),
                ),
            ];
            if rng.chance(60) {
                item.push(("design", Value::Text("egne målinger".to_string())));
            }
            if rng.chance(25) {
                item.push(("note", Value::Text(paragraph(&mut rng, 80))));
            }
            if rng.chance(50) {
                item.push(("date", Value::Text(format!("{}", year + rng.below(5) as i64))));
            }
            item
        })
        .collect();
    let mut doc = Doc::new(format, "Syntetisk kunnskapskartlegging.");
    doc.array("rows", &items);
    files.push((PathBuf::from(format!("evidence.{}", ext(format))), doc.finish()));

    // The "true" answers this practice deserves; assessors mostly agree with them.
    let na_key = criteria.not_applicable_key();
    let truth: Vec<(String, String)> = criteria
        .questions()
        .map(|q| {
            let key = if q.allows_not_applicable && rng.chance(8) {
                na_key.unwrap_or_default().to_string()
            } else {
                // Skewed towards the first (usually best) options, as in real assessments.
                let options = &q.scale.options;
                let i = rng.below(options.len()).min(rng.below(options.len()));
                options.get(i).map(|o| o.key.clone()).unwrap_or_default()
            };
            (q.question.id.clone(), key)
        })
        .collect();

    let answers_for = |rng: &mut Rng, agreement: usize, skip: usize| {
        let mut skipped = 0;
        truth
            .iter()
            .filter_map(|(id, key)| {
                if skipped < skip && rng.chance(20) {
                    skipped += 1;
                    return None;
                }
                let key = if rng.chance(agreement) {
                    key.clone()
                } else {
                    let q = criteria.question(id)?;
                    rng.pick(&q.scale.options).key.clone()
                };
                let note = rng.chance(20).then(|| paragraph(rng, 90));
                let evidence = if rng.chance(25) {
                    let mut cited = vec![rng.pick(&evidence_ids).clone()];
                    let second = rng.pick(&evidence_ids).clone();
                    if rng.chance(40) && !cited.contains(&second) {
                        cited.push(second);
                    }
                    cited
                } else {
                    Vec::new()
                };
                Some((id.clone(), key, note, evidence))
            })
            .collect::<Vec<_>>()
    };

    // assessment.* (consensus)
    if matches!(phase, SynthPhase::Complete | SynthPhase::Incomplete) {
        let format = format_of(&mut rng);
        let mut doc = Doc::new(format, "Syntetisk vurdering.");
        doc.field("criteria", Value::Text(criteria.id.clone()));
        doc.field("criteria_version", Value::Text(criteria.version.clone()));
        let assessors: Vec<String> = (0..rng.range(1, 2)).map(|i| format!("Vurderer {}", i + 1)).collect();
        doc.field("assessors", Value::List(assessors));
        doc.field(
            "date",
            Value::Text(format!(
                "{}-{:02}-{:02}",
                2021 + rng.below(4),
                rng.range(1, 12),
                rng.range(1, 28)
            )),
        );
        if rng.chance(10) {
            doc.field("illustration", Value::Bool(true));
        }
        doc.field("justification", Value::Long(paragraph(&mut rng, 400)));
        let mut justifications: Vec<(String, Value)> = Vec::new();
        for criterion in &criteria.criteria {
            if rng.chance(70) {
                justifications.push((criterion.id.clone(), Value::Long(paragraph(&mut rng, 200))));
            }
        }
        doc.table("justifications", &justifications);
        let skip = if phase == SynthPhase::Incomplete {
            rng.range(1, 4)
        } else {
            0
        };
        let mut answers = answers_for(&mut rng, 100, skip);
        if phase == SynthPhase::Incomplete && answers.len() == criteria.question_count() {
            answers.pop();
        }
        doc.answers(&answers);
        files.push((PathBuf::from(format!("assessment.{}", ext(format))), doc.finish()));
    }

    // assessments/<assessor>.* (independent)
    if independent {
        let first = rng.below(ASSESSORS.len());
        let second = (first + 1 + rng.below(ASSESSORS.len() - 1)) % ASSESSORS.len();
        for who in [ASSESSORS[first], ASSESSORS[second]] {
            let format = format_of(&mut rng);
            let mut doc = Doc::new(format, "Syntetisk uavhengig vurdering.");
            doc.field("assessors", Value::List(vec![who.to_string()]));
            let decisions: Vec<(String, Value)> = criteria
                .stages
                .iter()
                .filter_map(|stage| {
                    let option = if rng.chance(70) {
                        stage.options.first()
                    } else {
                        stage.options.get(rng.below(stage.options.len()))
                    }?;
                    Some((stage.key.clone(), Value::Text(option.key.clone())))
                })
                .collect();
            doc.table("decisions", &decisions);
            let partial = if rng.chance(30) { 3 } else { 0 };
            let answers = answers_for(&mut rng, 80, partial);
            doc.answers(&answers);
            files.push((
                PathBuf::from("assessments").join(format!("{who}.{}", ext(format))),
                doc.finish(),
            ));
        }
    }
    SynthPractice {
        slug,
        phase,
        independent,
        files,
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What [`write_library`] wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Practice folders.
    pub practices: usize,
    /// Files written (criteria file included).
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Practices only nominated.
    pub nominated: usize,
    /// Practices with evidence but no consensus assessment.
    pub mapped: usize,
    /// Practices with a complete consensus assessment.
    pub complete: usize,
    /// Practices with an incomplete consensus assessment.
    pub incomplete: usize,
    /// Practices with two independent assessor files.
    pub independent: usize,
    /// Files written as TOML.
    pub toml_files: usize,
    /// Files written as YAML.
    pub yaml_files: usize,
}

/// Parse criteria text (TOML) for the generator.
pub fn criteria_from_text(text: &str) -> anyhow::Result<Criteria> {
    let source = SourceFile::from_text(Path::new("criteria.toml"), Format::Toml, text.to_string());
    Criteria::from_source(&source).map_err(|findings| {
        anyhow::anyhow!(
            "the criteria do not load: {}",
            findings.iter().map(|f| f.to_string()).collect::<Vec<_>>().join("; ")
        )
    })
}

/// Write `out/criteria.toml` (a copy of `criteria_text`) and `out/practices/<slug>/…` for `count` practices.
/// `out/practices` must not exist yet or be empty, so a generated library is never mixed with real files.
pub fn write_library(out: &Path, criteria_text: &str, count: usize, seed: u64) -> anyhow::Result<Summary> {
    let criteria = criteria_from_text(criteria_text)?;
    let root = out.join("practices");
    if root.exists() && fs::read_dir(&root)?.next().is_some() {
        anyhow::bail!("{} is not empty; choose an empty or new folder", root.display());
    }
    fs::create_dir_all(&root).with_context(|| format!("cannot create {}", root.display()))?;
    fs::write(out.join("criteria.toml"), criteria_text)?;
    let mut summary = Summary {
        files: 1,
        bytes: criteria_text.len() as u64,
        toml_files: 1,
        ..Summary::default()
    };
    for index in 0..count {
        let generated = practice(&criteria, seed, index, count);
        let dir = root.join(&generated.slug);
        fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        for (relative, content) in &generated.files {
            let path = dir.join(relative);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&path, content).with_context(|| format!("cannot write {}", path.display()))?;
            summary.files += 1;
            summary.bytes += content.len() as u64;
            match Format::from_path(&path) {
                Some(Format::Toml) => summary.toml_files += 1,
                _ => summary.yaml_files += 1,
            }
        }
        summary.practices += 1;
        match generated.phase {
            SynthPhase::Nominated => summary.nominated += 1,
            SynthPhase::Mapped => summary.mapped += 1,
            SynthPhase::Complete => summary.complete += 1,
            SynthPhase::Incomplete => summary.incomplete += 1,
        }
        summary.independent += usize::from(generated.independent);
    }
    Ok(summary)
}
