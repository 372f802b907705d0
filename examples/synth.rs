//! Write a synthetic library for benchmarks: `cargo run --release --example synth -- --out DIR --count N --seed S`.
//!
//! The folder gets a copy of the criteria file (`--criteria PATH`, default: the bundled `criteria.toml`) and
//! `practices/` with N generated practices; the same seed and count always give the same files.

use std::path::PathBuf;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: synth --out DIR [--count N (1000)] [--seed S (1)] [--criteria PATH]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut out: Option<PathBuf> = None;
    let mut count = 1000usize;
    let mut seed = 1u64;
    let mut criteria = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("criteria.toml");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let Some(value) = args.next() else {
            return usage();
        };
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(value)),
            "--count" => match value.parse() {
                Ok(n) => count = n,
                Err(_) => return usage(),
            },
            "--seed" => match value.parse() {
                Ok(n) => seed = n,
                Err(_) => return usage(),
            },
            "--criteria" => criteria = PathBuf::from(value),
            _ => return usage(),
        }
    }
    let Some(out) = out else {
        return usage();
    };
    let text = match std::fs::read_to_string(&criteria) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("cannot read {}: {e}", criteria.display());
            return ExitCode::from(2);
        }
    };
    let started = std::time::Instant::now();
    match testkit::synth::write_library(&out, &text, count, seed) {
        Ok(summary) => {
            eprintln!(
                "wrote {} practices ({} nominated, {} mapped, {} complete, {} incomplete; {} with two independent \
                 assessors) in {} files ({} TOML, {} YAML, {:.1} MB) to {} in {:.1} s",
                summary.practices,
                summary.nominated,
                summary.mapped,
                summary.complete,
                summary.incomplete,
                summary.independent,
                summary.files,
                summary.toml_files,
                summary.yaml_files,
                summary.bytes as f64 / 1e6,
                out.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("synth: {e:#}");
            ExitCode::from(2)
        }
    }
}
