//! `practice`: a library of good practices ("god praksis") as plain-text folders under git — validated, scored
//! against a versioned criteria file, rendered as recommendation sheets.
//!
//! Data flows one way, and the folders of `src/` are its stages; a module uses only the ones before it:
//!
//! ```text
//! diagnostic ─► model ─► load ─► write ─► validate ─► scoring / regrade / agreement / filter / due / history / needs ─► report / render / site / schema / forms ─► commands
//! ```
//!
//! * [`diagnostic`] — findings, severities, key paths and locations, did-you-mean (a leaf).
//! * [`model`] — plain data: criteria, practice files, the loaded library, dates, labels, file names.
//! * [`load`] — the only reader: source files behind one interface, the workspace, practice folders.
//! * [`write`](mod@write) — the only writer: never over hand-written files, atomic, only when changed, never
//!   through a link out of the library; the stages after it that produce files (regrade, render, site) write
//!   through it.
//! * [`validate`] — pure checks of the typed model, and loading a library with every check.
//! * [`scoring`], [`regrade`], [`agreement`], [`filter`] — what is computed from a checked library ([`regrade`] in
//!   parts: fingerprint, stored grade, change, compare, apply).
//! * [`due`], [`history`], [`needs`] — the learning loop: what needs review and why, grades over time from git
//!   (one pass), and what the library as a whole asks for ([`scoring::bounds`]: the grade range of an unfinished
//!   assessment).
//! * [`report`] and [`render`] — results turned into text: tables, JSON, CSV (a module per command where there is
//!   much of it: [`report::score`], [`report::agree`], [`report::regrade`]); recommendation sheets and charts, and the scaffolds of
//!   new files ([`render::scaffold`]).
//! * [`site`] — the static website, from the sheets' view model; [`schema`] — JSON Schemas of the library's files
//!   and the directive that points an editor at them; [`assess`] — the terminal questionnaire's state machine.
//! * [`forms`] — assessment workbooks (.xlsx) out and in, and tables for spreadsheets.
//! * [`commands`] — one module per subcommand, turning flags ([`cli`]) into plain options and one library call;
//!   [`commands::CliError`] carries the exit code (0 fine, 1 findings already reported, 2 usage or I/O); the
//!   terminal edge (colour, printing) is [`commands::terminal`].
//!
//! The binary in `src/main.rs` only parses arguments and calls [`commands::run`].

pub mod agreement;
pub mod assess;
pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod due;
pub mod filter;
pub mod forms;
pub mod history;
pub mod load;
pub mod model;
pub mod needs;
pub mod regrade;
pub mod render;
pub mod report;
pub mod schema;
pub mod scoring;
pub mod site;
pub mod validate;
pub mod write;
