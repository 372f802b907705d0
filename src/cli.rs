//! Command-line arguments (clap). Parsing only: the work happens in [`crate::commands`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Keep a library of good practices as plain text under git: validate, score, render, regrade, agree.
#[derive(Debug, Parser)]
#[command(name = "practice", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options for every command.
#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// The criteria file [default: criteria.toml in the current folder or the nearest parent]
    #[arg(long, global = true, value_name = "PATH")]
    pub criteria: Option<PathBuf>,
    /// The practices folder [default: practices/ beside the criteria file]
    #[arg(long, global = true, value_name = "PATH")]
    pub root: Option<PathBuf>,
    /// Print only errors and the requested output
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Colour: auto (only on a terminal, never with NO_COLOR set), always or never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check that practices are complete and consistent with the criteria
    Validate(ValidateArgs),
    /// Compute sub-scores, totals and classes
    Score(ScoreArgs),
    /// Scaffold a new practice folder from the criteria's template
    New(NewArgs),
    /// Agreement between independent assessors: kappa, crosstabs, disagreements, consensus drafts, the funnel
    Agree(AgreeArgs),
}

/// Output formats for reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
    Csv,
}

/// Output formats for findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FindingsFormat {
    Text,
    Json,
}

/// `practice validate`
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Practice folders, files in them, or library roots [default: every practice]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = FindingsFormat::Text)]
    pub format: FindingsFormat,
}

/// `practice score`
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Practice folders, files in them, or library roots [default: every practice]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

/// File formats for new files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FileFormat {
    Toml,
    Yaml,
}

/// `practice new`
#[derive(Debug, Args)]
pub struct NewArgs {
    /// Folder name: lower-case a–z, digits and `-`
    pub slug: String,
    /// The practice's name
    #[arg(long)]
    pub name: Option<String>,
    /// File format of the scaffold
    #[arg(long, value_enum, default_value_t = FileFormat::Toml)]
    pub format: FileFormat,
}

/// Output formats for `practice agree`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AgreeFormat {
    Table,
    Json,
    Markdown,
}

/// Weights for weighted kappa on ordered scales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KappaWeights {
    Linear,
    Quadratic,
}

/// `practice agree`
#[derive(Debug, Args)]
pub struct AgreeArgs {
    /// Practice folders, files in them, or library roots [default: every practice]
    pub paths: Vec<PathBuf>,
    /// Only the decisions at this stage of the funnel (a stage key from the criteria)
    #[arg(long, value_name = "NAME", conflicts_with = "question")]
    pub stage: Option<String>,
    /// Only the answers to this question (a question id from the criteria)
    #[arg(long, value_name = "ID")]
    pub question: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = AgreeFormat::Table)]
    pub format: AgreeFormat,
    /// Weights for weighted kappa on ordered scales
    #[arg(long, value_enum, default_value_t = KappaWeights::Linear)]
    pub weights: KappaWeights,
    /// Write assessment.toml for this practice from its independent assessments (never overwrites a consensus)
    #[arg(long, value_name = "SLUG", conflicts_with_all = ["stage", "question", "funnel", "paths"])]
    pub draft_consensus: Option<String>,
    /// Count practices through the criteria's stages (nominated → each stage → assessed)
    #[arg(long, conflicts_with_all = ["stage", "question"])]
    pub funnel: bool,
}
