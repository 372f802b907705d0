//! `practice`: a library of good practices ("god praksis") as plain-text folders under git — validated, scored
//! against a versioned criteria file, rendered as recommendation sheets.
//!
//! Data flows one way: files ([`source`]) → typed model ([`criteria`], [`model`], [`library`]) → analysis
//! ([`validate`], [`scoring`]) → report ([`output`], the command modules). The binary in `src/main.rs` only parses
//! arguments ([`cli`]) and calls [`commands::run`].

pub mod agreement;
pub mod cli;
pub mod commands;
pub mod criteria;
pub mod criteria_diff;
pub mod diagnostic;
pub mod forms;
pub mod fsutil;
pub mod library;
pub mod list;
pub mod model;
pub mod output;
pub mod regrade;
pub mod render;
pub mod report;
/// Entry points for fuzzing and property tests (a development tool, not part of the CLI).
#[doc(hidden)]
pub mod robustness;
pub mod scoring;
pub mod source;
pub mod suggest;
/// Synthetic libraries for benchmarks and tests (a development tool, not part of the CLI).
#[doc(hidden)]
pub mod synth;
pub mod validate;
pub mod workspace;
