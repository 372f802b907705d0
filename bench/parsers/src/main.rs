//! Issue 16, item 2: time the TOML and YAML parser candidates on every file of a library, one thread, files in
//! memory (the read is not timed). `parser-study PRACTICES_DIR [PASSES]` prints a Markdown table per format: the
//! median over PASSES (default 5) of the time to parse every file of that format once, MB/s, and how many files
//! failed (a candidate that fails a file the tool accepts is not a drop-in).

mod events_de;
mod model;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use model::{Assessment, Evidence, Practice};

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Practice,
    Evidence,
    Assessment,
}

struct File {
    kind: Kind,
    text: String,
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn kind_of(path: &Path) -> Option<Kind> {
    let stem = path.file_stem()?.to_str()?;
    let parent = path.parent()?.file_name()?.to_str()?;
    match stem {
        "practice" => Some(Kind::Practice),
        "evidence" => Some(Kind::Evidence),
        "assessment" => Some(Kind::Assessment),
        _ if parent == "assessments" => Some(Kind::Assessment),
        _ => None,
    }
}

/// Parse every file into its typed shape with `f` (generic over the target type), counting failures.
macro_rules! typed {
    ($files:expr, |$text:ident, $T:ident| $body:expr) => {{
        let mut failed = 0usize;
        for file in $files {
            let $text = file.text.as_str();
            let ok = match file.kind {
                Kind::Practice => {
                    type $T = Practice;
                    $body.map(|v| drop(black_box(v))).is_ok()
                }
                Kind::Evidence => {
                    type $T = Evidence;
                    $body.map(|v| drop(black_box(v))).is_ok()
                }
                Kind::Assessment => {
                    type $T = Assessment;
                    $body.map(|v| drop(black_box(v))).is_ok()
                }
            };
            failed += usize::from(!ok);
        }
        failed
    }};
}

/// Parse every file with an untyped parser.
fn untyped<E>(files: &[&File], mut f: impl FnMut(&str) -> Result<(), E>) -> usize {
    files.iter().filter(|file| f(&file.text).is_err()).count()
}

struct Row {
    name: &'static str,
    median: f64,
    failed: usize,
}

fn time(name: &'static str, passes: usize, files: &[&File], mut run: impl FnMut(&[&File]) -> usize) -> Row {
    let mut times = Vec::new();
    let mut failed = 0;
    for _ in 0..passes {
        let start = Instant::now();
        failed = run(files);
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    eprintln!("  {name}: {:.3} s (passes: {times:.3?})", times[times.len() / 2]);
    Row { name, median: times[times.len() / 2], failed }
}

fn print(title: &str, files: &[&File], rows: &[Row]) {
    let bytes: usize = files.iter().map(|f| f.text.len()).sum();
    println!("### {title}: {} files, {:.1} MB", files.len(), bytes as f64 / 1e6);
    println!();
    println!("| parser | time (s) | MB/s | files failed |");
    println!("|---|---:|---:|---:|");
    for row in rows {
        println!(
            "| {} | {:.3} | {:.0} | {} |",
            row.name,
            row.median,
            bytes as f64 / 1e6 / row.median,
            row.failed
        );
    }
    println!();
}

fn yaml_rows(files: &[&File], passes: usize) -> Vec<Row> {
    vec![
        time("serde_yaml 0.9 → `serde_yaml::Value`", passes, files, |fs| {
            untyped(fs, |t| serde_yaml::from_str::<serde_yaml::Value>(t).map(|v| drop(black_box(v))))
        }),
        time("serde_yaml 0.9 → typed", passes, files, |fs| typed!(fs, |t, T| serde_yaml::from_str::<T>(t))),
        time("serde_yaml 0.9 → typed + serde_path_to_error (the tool's path)", passes, files, |fs| {
            typed!(fs, |t, T| serde_path_to_error::deserialize::<_, T>(serde_yaml::Deserializer::from_str(t)))
        }),
        time("serde-saphyr 2.2 → typed", passes, files, |fs| typed!(fs, |t, T| serde_saphyr::from_str::<T>(t))),
        time("serde-saphyr 2.2 → typed + serde_path_to_error", passes, files, |fs| {
            typed!(fs, |t, T| serde_saphyr::with_deserializer_from_str(t, |de| {
                serde_path_to_error::deserialize::<_, T>(de).map_err(|e| e.into_inner())
            }))
        }),
        time("prototype: yaml-rust2 events → typed (bench/parsers/src/events_de.rs)", passes, files, |fs| {
            typed!(fs, |t, T| events_de::from_str::<T>(t))
        }),
        time("prototype: yaml-rust2 events → typed + serde_path_to_error", passes, files, |fs| {
            typed!(fs, |t, T| events_de::with_deserializer(t, |de| {
                serde_path_to_error::deserialize::<_, T>(de).map_err(|e| e.into_inner())
            }))
        }),
        time("saphyr 0.3 → `saphyr::Yaml` tree", passes, files, |fs| {
            use saphyr::LoadableYamlNode;
            untyped(fs, |t| saphyr::Yaml::load_from_str(t).map(|v| drop(black_box(v))))
        }),
        time("saphyr-parser 0.3 events (with spans)", passes, files, |fs| {
            untyped(fs, |t| {
                let mut n = 0usize;
                for event in saphyr_parser::Parser::new_from_str(t) {
                    black_box(event?);
                    n += 1;
                }
                black_box(n);
                Ok::<(), saphyr_parser::ScanError>(())
            })
        }),
        time("yaml-rust2 0.10 events (with markers; the tool's spans/hazards pass)", passes, files, |fs| {
            untyped(fs, |t| {
                let mut parser = yaml_rust2::parser::Parser::new_from_str(t);
                loop {
                    let (event, _marker) = parser.next_token()?;
                    if event == yaml_rust2::parser::Event::StreamEnd {
                        return Ok::<(), yaml_rust2::ScanError>(());
                    }
                    black_box(event);
                }
            })
        }),
        time("yaml-rust2 0.10 → `Yaml` tree", passes, files, |fs| {
            untyped(fs, |t| yaml_rust2::YamlLoader::load_from_str(t).map(|v| drop(black_box(v))))
        }),
    ]
}

fn toml_rows(files: &[&File], passes: usize) -> Vec<Row> {
    vec![
        time("toml 0.9 → typed (`from_str`)", passes, files, |fs| typed!(fs, |t, T| toml::from_str::<T>(t))),
        time("toml 0.9 → typed + serde_path_to_error (the tool's path)", passes, files, |fs| {
            typed!(fs, |t, T| toml::Deserializer::parse(t)
                .map_err(|_| ())
                .and_then(|de| serde_path_to_error::deserialize::<_, T>(de).map_err(|_| ())))
        }),
        time("toml 0.9 → `toml::Table`", passes, files, |fs| {
            untyped(fs, |t| toml::from_str::<toml::Table>(t).map(|v| drop(black_box(v))))
        }),
        time("toml 0.9 `DeTable::parse` (spanned, borrowed; the tool's spans pass)", passes, files, |fs| {
            untyped(fs, |t| toml::de::DeTable::parse(t).map(|v| drop(black_box(v))))
        }),
        time("toml 1.2 → typed (`from_str`)", passes, files, |fs| typed!(fs, |t, T| toml1::from_str::<T>(t))),
        time("toml 1.2 `DeTable::parse` (spanned, borrowed)", passes, files, |fs| {
            untyped(fs, |t| toml1::de::DeTable::parse(t).map(|v| drop(black_box(v))))
        }),
        time("toml-span 0.7 `parse` (spanned `Value`)", passes, files, |fs| {
            untyped(fs, |t| toml_span::parse(t).map(|v| drop(black_box(v))))
        }),
    ]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(args.first().expect("usage: parser-study PRACTICES_DIR [PASSES]"));
    let passes: usize = args.get(1).map_or(5, |p| p.parse().expect("PASSES is a number"));
    let mut paths = Vec::new();
    walk(&root, &mut paths);
    let (mut toml, mut yaml) = (Vec::new(), Vec::new());
    for path in paths {
        let Some(kind) = kind_of(&path) else { continue };
        let text = std::fs::read_to_string(&path).unwrap();
        match path.extension().and_then(|e| e.to_str()) {
            Some("toml") => toml.push(File { kind, text }),
            Some("yaml" | "yml") => yaml.push(File { kind, text }),
            _ => {}
        }
    }
    let toml: Vec<&File> = toml.iter().collect();
    let yaml: Vec<&File> = yaml.iter().collect();
    eprintln!("YAML ({} files)", yaml.len());
    let mismatches = same_values(&yaml);
    let checks = prototype_checks();
    let yaml_table = yaml_rows(&yaml, passes);
    eprintln!("TOML ({} files)", toml.len());
    let toml_table = toml_rows(&toml, passes);
    println!("Parser study: {} (one thread, files in memory, median of {passes} passes)", root.display());
    println!();
    print("YAML", &yaml, &yaml_table);
    print("TOML", &toml, &toml_table);
    println!("The prototype gives the same values as serde_yaml (`Debug` output compared) for {} of {} YAML files.",
        yaml.len() - mismatches, yaml.len());
    println!();
    println!("Prototype diagnostics:");
    println!();
    for line in checks {
        println!("* {line}");
    }
}

/// YAML files on which the prototype's typed value differs from serde_yaml's.
fn same_values(files: &[&File]) -> usize {
    fn differs<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> bool {
        let a = serde_yaml::from_str::<T>(text).map(|v| format!("{v:?}")).map_err(|e| e.to_string());
        let b = events_de::from_str::<T>(text).map(|v| format!("{v:?}")).map_err(|e| e.to_string());
        a.is_ok() != b.is_ok() || a.ok() != b.ok()
    }
    files
        .iter()
        .filter(|f| match f.kind {
            Kind::Practice => differs::<Practice>(&f.text),
            Kind::Evidence => differs::<Evidence>(&f.text),
            Kind::Assessment => differs::<Assessment>(&f.text),
        })
        .count()
}

/// What the prototype reports for the cases the diagnostics depend on, beside serde_yaml's message.
fn prototype_checks() -> Vec<String> {
    fn both<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> String {
        let ours = events_de::with_deserializer(text, |de| {
            serde_path_to_error::deserialize::<_, T>(de).map_err(|e| {
                let path = e.path().to_string();
                let mut inner = e.into_inner();
                inner.message = format!("{path}: {}", inner.message);
                inner
            })
        });
        let theirs = serde_path_to_error::deserialize::<_, T>(serde_yaml::Deserializer::from_str(text));
        format!(
            "{what}: prototype `{}`; serde_yaml `{}`",
            ours.err().map_or("accepted".into(), |e| e.to_string()),
            theirs.err().map_or("accepted".into(), |e| e.to_string())
        )
    }
    let mut laughs = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..9 {
        laughs.push_str(&format!("a{i}: &a{i} [{}]\n", vec![format!("*a{}", i - 1); 9].join(", ")));
    }
    laughs.push_str("name: x\n");
    vec![
        both::<Practice>("repeated key", "name: a\nsummary: b\nname: c\n"),
        both::<Practice>("repeated map key", "tags:\n  a: [x]\n  b: [y]\n  a: [z]\n"),
        both::<Evidence>("wrong type deep down", "rows:\n  - id: a\n    question: q\n    finding: f\n    source: s\n    kind: k\n    date: [1]\n"),
        both::<Practice>("unknown key", "name: a\nsumary: b\n"),
        both::<Practice>("syntax error", "name: [a\nsummary: b\n"),
        both::<std::collections::BTreeMap<String, Any>>("alias bomb (9 levels of 9)", &laughs),
    ]
}

/// Deserialises anything, visiting every node (so aliases are expanded), and keeps nothing.
struct Any;

impl<'de> serde::Deserialize<'de> for Any {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Any, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Any;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("anything")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Any, E> { Ok(Any) }
            fn visit_i64<E>(self, _: i64) -> Result<Any, E> { Ok(Any) }
            fn visit_u64<E>(self, _: u64) -> Result<Any, E> { Ok(Any) }
            fn visit_f64<E>(self, _: f64) -> Result<Any, E> { Ok(Any) }
            fn visit_str<E>(self, _: &str) -> Result<Any, E> { Ok(Any) }
            fn visit_unit<E>(self) -> Result<Any, E> { Ok(Any) }
            fn visit_none<E>(self) -> Result<Any, E> { Ok(Any) }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Any, A::Error> {
                while a.next_element::<Any>()?.is_some() {}
                Ok(Any)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Any, A::Error> {
                while a.next_entry::<Any, Any>()?.is_some() {}
                Ok(Any)
            }
        }
        d.deserialize_any(V)
    }
}
