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
    #[arg(long, global = true, help_heading = "Global options", value_name = "PATH")]
    pub criteria: Option<PathBuf>,
    /// The practices folder [default: practices/ beside the criteria file]
    #[arg(long, global = true, help_heading = "Global options", value_name = "PATH")]
    pub root: Option<PathBuf>,
    /// Print only errors and the requested output
    #[arg(long, short, global = true, help_heading = "Global options")]
    pub quiet: bool,
    /// Colour: auto (on a terminal, unless NO_COLOR is set or TERM=dumb; CLICOLOR_FORCE forces it), always or never
    #[arg(long, global = true, help_heading = "Global options", value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// How findings are printed: human (a snippet of the file; the default on a terminal), short (one line each;
    /// the default otherwise) or json (one object per line)
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_enum,
        value_name = "FORMAT"
    )]
    pub message_format: Option<MessageFormat>,
}

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    Human,
    Short,
    Json,
}

impl From<MessageFormat> for crate::report::output::MessageFormat {
    fn from(format: MessageFormat) -> Self {
        match format {
            MessageFormat::Human => Self::Human,
            MessageFormat::Short => Self::Short,
            MessageFormat::Json => Self::Json,
        }
    }
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
    /// Recompute stored grades (score.toml), check them, or preview a criteria change
    Regrade(RegradeArgs),
    /// Write recommendation sheets (Markdown + SVG chart) and the knowledge base's index
    Render(RenderArgs),
    /// Write the static website: a searchable index of every practice and one page per practice
    Site(SiteArgs),
    /// List practices, filtered by facet tags, municipality, region, class, score and phase
    List(ListArgs),
    /// Agreement between independent assessors: kappa, crosstabs, disagreements, consensus drafts, the funnel
    Agree(AgreeArgs),
    /// Assess in a spreadsheet: export a practice's assessment workbook (.xlsx), import it filled in
    #[command(subcommand)]
    Form(FormCommand),
    /// Assess a practice in the terminal, question by question; every answer is saved at once
    Assess(AssessArgs),
    /// Write JSON Schemas of the practice, evidence, assessment and criteria files, for editors
    Schema(SchemaArgs),
    /// The practices most like one of the library's, by content (name, summary, description, tags)
    Similar(SimilarArgs),
    /// What needs review, and why: the review interval, changed evidence, a new criteria version, a follow-up, an
    /// open knowledge need
    Due(DueArgs),
    /// Grades over time, from git: every commit that changed a practice's answers or grade
    History(HistoryArgs),
    /// What the library asks for: open knowledge needs and the questions most often answered «nei», per fagområde
    Needs(NeedsArgs),
    /// Print the criteria model: criteria, questions with ids, scales and weights, hints, bands
    Criteria(CriteriaArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions(CompletionsArgs),
    /// Write man pages, one per subcommand
    Man(ManArgs),
}

/// Options of `practice assess`.
#[derive(Debug, Args)]
pub struct AssessArgs {
    /// The practice (its folder name under the practices folder)
    pub slug: String,
    /// Assess independently as NAME: writes assessments/NAME.toml and shows neither the consensus nor another
    /// assessor's answers
    #[arg(long, value_name = "NAME")]
    pub assessor: Option<String>,
}

/// Options of `practice schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The folder to write the schemas into [default: schema/ beside the criteria file]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// `practice form …`.
#[derive(Debug, Subcommand)]
pub enum FormCommand {
    /// Write a workbook to fill in: one row per question with a drop-down of its options, the evidence table, an
    /// instruction sheet, and the answers already given
    Export(FormExportArgs),
    /// Read a filled-in workbook back and write the answers into the practice's assessment file (only the answers
    /// change); nothing is written when any cell has a problem
    Import(FormImportArgs),
}

/// Options of `practice form export`.
// The doc comments are the `--help` text, where `<slug>` and `<NAME>` are placeholders, not HTML.
#[allow(rustdoc::invalid_html_tags)]
#[derive(Debug, Args)]
pub struct FormExportArgs {
    /// The practice (its folder name under the practices folder)
    pub slug: String,
    /// The workbook to write [default: <slug>.xlsx, or <slug>-<assessor>.xlsx]
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Export this assessor's independent assessment (assessments/<NAME>.toml) instead of the consensus
    #[arg(long, value_name = "NAME")]
    pub assessor: Option<String>,
    /// Replace an existing workbook (it may hold answers not yet imported)
    #[arg(long)]
    pub force: bool,
}

/// Options of `practice form import`.
// The doc comments are the `--help` text, where `<slug>` and `<NAME>` are placeholders, not HTML.
#[allow(rustdoc::invalid_html_tags)]
#[derive(Debug, Args)]
pub struct FormImportArgs {
    /// The filled-in workbook
    pub file: PathBuf,
    /// Write the answers as this assessor's (assessments/<NAME>.toml) [default: the assessor the workbook was
    /// exported for, else the consensus assessment]
    #[arg(long, value_name = "NAME")]
    pub assessor: Option<String>,
    /// Check the workbook and say what would change, without writing
    #[arg(long)]
    pub dry_run: bool,
}

/// Output formats of `practice criteria`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CriteriaFormat {
    Table,
    Json,
    Markdown,
}

/// Options of `practice criteria`.
#[derive(Debug, Args)]
pub struct CriteriaArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = CriteriaFormat::Table)]
    pub format: CriteriaFormat,
}

/// Options of `practice similar`.
#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// The practice to compare with the rest
    pub slug: String,
    /// How many to list
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Output format
    #[arg(long, value_enum, default_value_t = SimilarFormat::Table)]
    pub format: SimilarFormat,
}

/// Output formats of `practice similar`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SimilarFormat {
    Table,
    Json,
}

/// Options of `practice history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The practices (folder names) [default: every practice]
    pub slugs: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = SimilarFormat::Table)]
    pub format: SimilarFormat,
}

/// Options of `practice needs`.
#[derive(Debug, Args)]
pub struct NeedsArgs {
    /// The facet to group by
    #[arg(long, default_value = "field", value_name = "KEY")]
    pub facet: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = NeedsFormat::Markdown)]
    pub format: NeedsFormat,
}

/// Output formats of `practice needs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NeedsFormat {
    Markdown,
    Json,
}

/// Options of `practice due`.
#[derive(Debug, Args)]
pub struct DueArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = SimilarFormat::Table)]
    pub format: SimilarFormat,
    /// Exit 1 when anything is due (for CI)
    #[arg(long)]
    pub check: bool,
}

/// Options of `practice completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    pub shell: clap_complete::Shell,
}

/// Options of `practice man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The folder to write the pages into (practice.1, practice-score.1, …) [default: print practice.1 to stdout]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Output formats for reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
    Csv,
    /// A spreadsheet (needs `--output FILE`)
    Xlsx,
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
    /// The file to write with `--format xlsx` (other formats print to stdout)
    #[arg(long, short, value_name = "FILE", required_if_eq("format", "xlsx"))]
    pub output: Option<PathBuf>,
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
    /// A short description, written into the scaffold and compared with the library's practices
    #[arg(long)]
    pub summary: Option<String>,
    /// File format of the scaffold
    #[arg(long, value_enum, default_value_t = FileFormat::Toml)]
    pub format: FileFormat,
    /// Also scaffold the assessment: every question id as a key, with its text and options as comments. For a
    /// practice that exists already, only the assessment is written (never over an existing one)
    #[arg(long)]
    pub assessment: bool,
}

/// Output formats for `practice regrade`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RegradeFormat {
    Table,
    Json,
}

/// `practice regrade`
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  practice regrade                        write the practices/*/score.toml files that changed
  practice regrade --check                exit 1 when a stored grade is missing or stale
  practice regrade --compare HEAD:criteria.toml criteria.toml
                                          preview a criteria change before committing it")]
pub struct RegradeArgs {
    /// Practice folders, files in them, or library roots [default: every practice]
    pub paths: Vec<PathBuf>,
    /// Show what would change; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Write nothing; exit 1 when a stored grade is missing or stale (for CI and pre-commit hooks)
    #[arg(long)]
    pub check: bool,
    /// Preview how grades move from criteria OLD to NEW, and what changed between the files; writes nothing.
    /// Each is a file or a git revision REV:PATH (HEAD~1:criteria.toml)
    #[arg(long, num_args = 2, value_names = ["OLD", "NEW"], conflicts_with_all = ["check", "dry_run"])]
    pub compare: Option<Vec<String>>,
    /// Output format
    #[arg(long, value_enum, default_value_t = RegradeFormat::Table)]
    pub format: RegradeFormat,
}

/// `practice render`
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Practice folders, files in them, or library roots [default: every practice]. The index always covers the
    /// whole library under --root.
    pub paths: Vec<PathBuf>,
    /// Output folder [default: anbefalinger/ beside the criteria file]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Delete generated sheets of practices that are no longer in the library (only files the tool wrote)
    #[arg(long)]
    pub prune: bool,
    /// Write nothing: exit 1 when a sheet, chart or the index differs from what would be rendered, naming the files
    #[arg(long, conflicts_with = "prune")]
    pub check: bool,
    /// Also write SUMMARY.md and book.toml beside the sheets, so that `mdbook build` there publishes them
    #[arg(long)]
    pub mdbook: bool,
}

/// `practice site`
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// Output folder [default: site/ beside the criteria file]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Delete generated practice pages of practices that are no longer in the library (only files the tool wrote)
    #[arg(long)]
    pub prune: bool,
}

/// `practice list`
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Practice folders, files in them, or library roots [default: every practice]
    pub paths: Vec<PathBuf>,
    /// KEY=VALUE: a facet (key or label, e.g. tema=Arbeid, "type tiltak=Mentor") or municipality, organisation,
    /// region, name, slug. Case-insensitive; `*` matches anything. Repeat to require several.
    #[arg(long = "where", value_name = "KEY=VALUE")]
    pub conditions: Vec<String>,
    /// A class: band key or label (god, "God praksis"), incomplete, or not-assessed
    #[arg(long, value_name = "CLASS")]
    pub class: Option<String>,
    /// Complete assessments whose total reaches this percentage: 60 or 60% (a bare 0–1 such as 0.6 is refused as
    /// ambiguous; write 0.6% for 0.6 %)
    #[arg(long, value_name = "X", allow_hyphen_values = true)]
    pub min_score: Option<String>,
    /// A phase: nominated, mapped or assessed (or the labels nominert, kartlagt, vurdert)
    #[arg(long, value_name = "PHASE")]
    pub phase: Option<String>,
    /// A lifecycle state after the assessment: recommended, disseminated, followed-up, withdrawn, not-recommended
    /// (or their labels), or none
    #[arg(long, value_name = "STATE")]
    pub lifecycle: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// The file to write with `--format xlsx` (other formats print to stdout)
    #[arg(long, short, value_name = "FILE", required_if_eq("format", "xlsx"))]
    pub output: Option<PathBuf>,
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
    #[arg(long, value_name = "SLUG", conflicts_with_all = ["stage", "question", "funnel", "outcomes", "paths"])]
    pub draft_consensus: Option<String>,
    /// Count practices through the criteria's stages (nominated → each stage → assessed)
    #[arg(long, conflicts_with_all = ["stage", "question"])]
    pub funnel: bool,
    /// Agreement on outcomes: each assessor's total and class per practice, weighted kappa over the bands for each
    /// pair of assessors, and the spread of totals
    #[arg(long, conflicts_with_all = ["stage", "question", "funnel"])]
    pub outcomes: bool,
}
