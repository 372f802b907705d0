//! `practice agree`: agreement between independent assessors as a table, JSON or Markdown; `--draft-consensus`
//! writes a consensus draft; `--funnel` counts practices through the stages.

use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::bail;
use serde::Serialize;

use crate::agreement::funnel::{self, Funnel};
use crate::agreement::kappa::{Stats, Weighting};
use crate::agreement::{self, consensus, ItemSet, SectionReport, Subject, SubjectKind};
use crate::cli::{AgreeArgs, AgreeFormat, GlobalArgs, KappaWeights};
use crate::commands::{load_criteria, print, today, Outcome};
use crate::diagnostic::Severity;
use crate::load::source;
use crate::model::criteria::Criteria;
use crate::model::{is_valid_slug, Keep, Library, ASSESSMENT_FILE, ASSESSORS_DIR};
use crate::report::output;
use crate::validate::Checks;
use crate::write as fsutil;

#[derive(Serialize)]
struct CriteriaRef<'a> {
    id: &'a str,
    version: &'a str,
}

/// `practice agree --format json`.
#[derive(Serialize)]
struct AgreeReport<'a> {
    criteria: CriteriaRef<'a>,
    /// Practices with at least one independent assessment.
    practices: usize,
    sections: Vec<SectionReport>,
}

/// `practice agree --funnel --format json`.
#[derive(Serialize)]
struct FunnelReport<'a> {
    criteria: CriteriaRef<'a>,
    #[serde(flatten)]
    funnel: Funnel,
}

/// Run `practice agree`.
pub fn run(global: &GlobalArgs, args: &AgreeArgs) -> anyhow::Result<Outcome> {
    if let Some(slug) = &args.draft_consensus {
        return draft_consensus(global, slug);
    }
    let (workspace, criteria) = match load_criteria(global)? {
        Ok(loaded) => loaded,
        Err(outcome) => return Ok(outcome),
    };
    if args.paths.is_empty() {
        workspace.require_root()?;
    }
    let library = Library::load_paths_keeping(
        &workspace.root,
        &args.paths,
        &Checks::new(&criteria, today()?),
        Keep::Agreement,
    )?;
    let errors =
        library.practices.iter().filter(|p| p.has_errors()).count() + usize::from(!library.findings.is_empty());
    let criteria_ref = CriteriaRef {
        id: &criteria.id,
        version: &criteria.version,
    };

    if args.funnel {
        let funnel = funnel::funnel(&library, &criteria);
        match args.format {
            AgreeFormat::Json => print(&output::json(&FunnelReport {
                criteria: criteria_ref,
                funnel,
            }))?,
            AgreeFormat::Table => print(&funnel_table(&funnel))?,
            AgreeFormat::Markdown => print(&funnel_markdown(&criteria, &funnel))?,
        }
        return finish(global, errors, 0);
    }

    let subjects = match (&args.stage, &args.question) {
        (Some(stage), _) => vec![Subject::Stage(stage.clone())],
        (None, Some(question)) => vec![Subject::Question(question.clone())],
        (None, None) => agreement::default_subjects(&library, &criteria),
    };
    let weighting = match args.weights {
        KappaWeights::Linear => Weighting::Linear,
        KappaWeights::Quadratic => Weighting::Quadratic,
    };
    let mut sections = Vec::new();
    for subject in &subjects {
        let set = ItemSet::collect(&library, &criteria, subject).map_err(|message| anyhow::anyhow!(message))?;
        sections.push(agreement::analyse(&set, weighting));
    }
    let with_assessors = library.practices.iter().filter(|p| !p.assessors.is_empty()).count();
    let invalid: usize = sections.iter().map(|s| s.invalid).sum();
    match args.format {
        AgreeFormat::Json => print(&output::json(&AgreeReport {
            criteria: criteria_ref,
            practices: with_assessors,
            sections,
        }))?,
        AgreeFormat::Table => print(&render(&sections, Style::Table))?,
        AgreeFormat::Markdown => print(&render(&sections, Style::Markdown))?,
    }
    if !global.quiet && with_assessors == 0 {
        writeln!(
            std::io::stderr(),
            "note: no independent assessments found (practices/<slug>/{ASSESSORS_DIR}/<assessor>.toml)"
        )?;
    }
    finish(global, errors, invalid)
}

/// Notes on stderr, and the exit code: 1 when the library has errors (as `practice score`).
fn finish(global: &GlobalArgs, errors: usize, invalid: usize) -> anyhow::Result<Outcome> {
    if !global.quiet {
        let painter = super::stderr_painter(global);
        let mut err = std::io::stderr().lock();
        if invalid > 0 {
            writeln!(
                err,
                "{}: {invalid} judgement(s) are not valid options and were left out; run `practice validate`",
                painter.severity(Severity::Warning)
            )?;
        }
        if errors > 0 {
            writeln!(
                err,
                "{}: {errors} practice(s) have errors, so some assessments may be missing here; run `practice validate`",
                painter.severity(Severity::Warning)
            )?;
        }
    }
    Ok(if errors > 0 { Outcome::Findings } else { Outcome::Clean })
}

// ---------------------------------------------------------------------------------------------------------------
// Consensus draft.

fn draft_consensus(global: &GlobalArgs, slug: &str) -> anyhow::Result<Outcome> {
    if !is_valid_slug(slug) {
        bail!("`{slug}` is not a valid slug: use lower-case a–z, digits and `-`");
    }
    let (workspace, criteria) = match load_criteria(global)? {
        Ok(loaded) => loaded,
        Err(outcome) => return Ok(outcome),
    };
    workspace.require_root()?;
    let dir = workspace.root.join(slug);
    if !dir.is_dir() {
        bail!("no practice `{slug}` in {}", workspace.root.display());
    }
    let existing = source::find_kind(&dir, ASSESSMENT_FILE);
    if let Some(path) = existing.first() {
        bail!(
            "{} exists: a consensus is never overwritten. Compare it with `practice agree {}`, or move it away to draft anew",
            path.display(),
            dir.display()
        );
    }
    let entry = crate::validate::load_practice_checked(&dir, &workspace.root, &Checks::new(&criteria, today()?));
    let assessors_dir = dir.join(ASSESSORS_DIR);
    let broken: Vec<_> = entry
        .findings
        .iter()
        .filter(|f| f.is_error() && f.file.starts_with(&assessors_dir))
        .collect();
    if !broken.is_empty() {
        let style = super::finding_style(global, super::Stream::Stderr);
        let mut err = std::io::stderr().lock();
        for finding in &broken {
            output::write_finding(&mut err, style, finding)?;
        }
        writeln!(
            err,
            "the independent assessments of {slug} have errors; fix them before drafting a consensus"
        )?;
        return Ok(Outcome::Findings);
    }
    let draft = consensus::draft(&entry, &criteria, today()?).map_err(|m| anyhow::anyhow!(m))?;
    let path = dir.join(format!("{ASSESSMENT_FILE}.toml"));
    fsutil::create_new(&path, draft.text.as_bytes())?;
    if !global.quiet {
        let mut err = std::io::stderr().lock();
        write!(
            err,
            "wrote {}: {} agreed, {} undecided",
            path.display(),
            draft.agreed,
            draft.undecided.len()
        )?;
        if !draft.undecided.is_empty() {
            write!(err, " ({})", draft.undecided.join(", "))?;
        }
        if draft.unanswered > 0 {
            write!(err, ", {} unanswered by all", draft.unanswered)?;
        }
        writeln!(
            err,
            "\ndecide every \"?\" in the consensus meeting, then run `practice validate {}`",
            dir.display()
        )?;
    }
    Ok(Outcome::Clean)
}

// ---------------------------------------------------------------------------------------------------------------
// Text output.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Table,
    Markdown,
}

fn pct(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |v| format!("{:.2}%", v * 100.0))
}

fn fixed(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "undefined".to_string(), |v| format!("{v:.decimals$}"))
}

fn strength(stats: &Stats) -> String {
    stats
        .strength
        .map_or_else(|| "undefined".to_string(), |s| s.label().to_string())
}

/// One row of statistics: n, observed, expected, kappa, se, z, P>Z, Landis & Koch.
fn stats_cells(stats: &Stats) -> Vec<String> {
    vec![
        stats.n.to_string(),
        pct(stats.observed),
        pct(stats.expected),
        fixed(stats.kappa, 4),
        fixed(stats.se, 4),
        fixed(stats.z, 2),
        fixed(stats.p, 4),
        strength(stats),
    ]
}

const STATS_HEADER: [&str; 8] = ["n", "observed", "expected", "kappa", "se", "z", "P>Z", "agreement"];

/// At most `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Text in the Markdown report: escaped as on a sheet ([`crate::render::escape::inline`]), so a note's raw HTML,
/// links (`javascript:`), emphasis and autolinks show as written, and `|` cannot split a table cell.
fn md_cell(text: &str) -> String {
    crate::render::escape::inline(text)
}

/// A table in the chosen style.
fn table(style: Style, header: Vec<String>, rows: Vec<Vec<String>>, right: &[usize]) -> String {
    match style {
        Style::Table => {
            let mut table = output::table(header.clone());
            for row in rows {
                table.add_row(row);
            }
            for &column in right {
                if let Some(col) = table.column_mut(column) {
                    col.set_cell_alignment(comfy_table::CellAlignment::Right);
                }
            }
            format!("{table}\n")
        }
        Style::Markdown => {
            let mut out = String::new();
            let line = |cells: &[String]| {
                format!(
                    "| {} |\n",
                    cells.iter().map(|c| md_cell(c)).collect::<Vec<_>>().join(" | ")
                )
            };
            out.push_str(&line(&header));
            let rule: Vec<String> = (0..header.len())
                .map(|i| {
                    if right.contains(&i) {
                        "---:".to_string()
                    } else {
                        "---".to_string()
                    }
                })
                .collect();
            out.push_str(&format!("| {} |\n", rule.join(" | ")));
            for row in rows {
                out.push_str(&line(&row));
            }
            out
        }
    }
}

fn heading(style: Style, level: usize, text: &str) -> String {
    match style {
        Style::Markdown => format!("{} {}\n\n", "#".repeat(level + 1), md_cell(text)),
        Style::Table if level == 0 => format!("== {text} ==\n\n"),
        Style::Table => format!("{text}\n\n"),
    }
}

fn section_title(section: &SectionReport) -> String {
    match section.subject {
        SubjectKind::Stage => format!(
            "Decisions at stage {} ({})",
            section.label,
            section.key.as_deref().unwrap_or("")
        ),
        SubjectKind::Question => format!(
            "Answers to question {}: {}",
            section.key.as_deref().unwrap_or(""),
            section.label
        ),
        SubjectKind::Answers => "Answers to all questions (practice × question items)".to_string(),
    }
}

fn render(sections: &[SectionReport], style: Style) -> String {
    let mut out = String::new();
    if style == Style::Markdown {
        out.push_str("# Agreement between independent assessors\n\n");
    }
    if sections.is_empty() {
        out.push_str("No independent assessments with decisions or answers.\n");
    }
    for section in sections {
        out.push_str(&heading(style, 1, &section_title(section)));
        if section.items == 0 {
            let _ = writeln!(out, "No item was judged by two assessors yet.\n");
        } else {
            let _ = writeln!(
                out,
                "{} assessor(s), {} item(s) judged by at least two.\n",
                section.assessors.len(),
                section.items
            );
        }
        // Crosstabs, one per pair, like SØF's Tables 2.1 and 2.3.
        for pair in section.pairs.iter().filter(|p| p.stats.n > 0) {
            let [a, b] = &pair.assessors;
            out.push_str(&heading(style, 2, &format!("Crosstab: {a} (rows) × {b} (columns)")));
            let used: Vec<usize> = (0..section.categories.len())
                .filter(|&c| {
                    pair.crosstab[c].iter().sum::<usize>() + pair.crosstab.iter().map(|r| r[c]).sum::<usize>() > 0
                })
                .collect();
            let mut header = vec![format!("{a} \\ {b}")];
            header.extend(used.iter().map(|&c| section.categories[c].label.clone()));
            header.push("total".into());
            let mut rows = Vec::new();
            for &r in &used {
                let mut row = vec![section.categories[r].label.clone()];
                row.extend(used.iter().map(|&c| pair.crosstab[r][c].to_string()));
                row.push(pair.crosstab[r].iter().sum::<usize>().to_string());
                rows.push(row);
            }
            let mut totals = vec!["total".to_string()];
            totals.extend(
                used.iter()
                    .map(|&c| pair.crosstab.iter().map(|r| r[c]).sum::<usize>().to_string()),
            );
            totals.push(pair.stats.n.to_string());
            rows.push(totals);
            let right: Vec<usize> = (1..=used.len() + 1).collect();
            out.push_str(&table(style, header, rows, &right));
            out.push('\n');
        }
        // Kappa per pair and overall, like SØF's Tables 2.2 and 2.4.
        if !section.pairs.is_empty() {
            out.push_str(&heading(style, 2, "Agreement"));
            let mut header = vec!["assessors".to_string(), "missing".to_string()];
            header.extend(STATS_HEADER.iter().map(|s| s.to_string()));
            let mut rows = Vec::new();
            for pair in &section.pairs {
                let [a, b] = &pair.assessors;
                let mut row = vec![
                    format!("{a} × {b}"),
                    format!("{} / {}", pair.missing[0], pair.missing[1]),
                ];
                row.extend(stats_cells(&pair.stats));
                rows.push(row);
                if let Some(weighted) = &pair.weighted {
                    let name = match weighted.weights {
                        Weighting::Linear => "linear",
                        Weighting::Quadratic => "quadratic",
                    };
                    let mut row = vec![format!("{a} × {b}, weighted ({name})"), String::new()];
                    row.extend(stats_cells(&weighted.stats));
                    rows.push(row);
                }
            }
            if let Some(overall) = &section.overall {
                if section.pairs.len() > 1 || overall.method != "cohen" {
                    let mut row = vec![
                        format!("all {} ({} kappa)", overall.assessors, overall.method),
                        String::new(),
                    ];
                    row.extend(stats_cells(&overall.stats));
                    rows.push(row);
                }
            }
            out.push_str(&table(style, header, rows, &[1, 2, 3, 4, 5, 6, 7, 8]));
            if let Some(mean) = section.overall.as_ref().and_then(|o| o.mean_pairwise_kappa) {
                let _ = writeln!(out, "\nMean pairwise kappa (Light): {mean:.4}");
            }
            out.push_str("\nmissing: items the other assessor judged and this one did not (left out of n).\n\n");
        }
        // Per question.
        if let Some(questions) = &section.questions {
            let mut judged: Vec<_> = questions.iter().filter(|q| q.stats.n > 0).collect();
            if !judged.is_empty() {
                out.push_str(&heading(style, 2, "Per question (lowest agreement first)"));
                judged.sort_by(|a, b| {
                    a.stats
                        .observed
                        .unwrap_or(1.0)
                        .total_cmp(&b.stats.observed.unwrap_or(1.0))
                        .then(a.stats.kappa.unwrap_or(1.0).total_cmp(&b.stats.kappa.unwrap_or(1.0)))
                });
                let header: Vec<String> = ["id", "question", "n", "agreed", "observed", "kappa", "agreement"]
                    .map(String::from)
                    .to_vec();
                let rows = judged
                    .iter()
                    .map(|q| {
                        vec![
                            q.id.clone(),
                            match style {
                                Style::Table => shorten(&q.text, 70),
                                Style::Markdown => q.text.clone(),
                            },
                            q.stats.n.to_string(),
                            q.agreements.to_string(),
                            pct(q.stats.observed),
                            fixed(q.stats.kappa, 4),
                            strength(&q.stats),
                        ]
                    })
                    .collect();
                out.push_str(&table(style, header, rows, &[2, 3, 4, 5]));
                out.push('\n');
            }
        }
        // Agenda.
        if !section.agenda.is_empty() {
            out.push_str(&heading(style, 2, "To settle in the consensus meeting"));
            for practice in &section.agenda {
                let name = if practice.name == practice.slug {
                    practice.slug.clone()
                } else {
                    format!("{} ({})", practice.name, practice.slug)
                };
                let title = format!("{name}; assessors: {}", practice.assessors.join(", "));
                if section.subject == SubjectKind::Stage {
                    // One line per practice: the stage is the only item.
                    for item in &practice.items {
                        let mut votes: Vec<String> = item
                            .judgements
                            .iter()
                            .map(|j| format!("{}: {}", j.assessor, j.label))
                            .collect();
                        votes.extend(item.missing.iter().map(|m| format!("{m}: –")));
                        let line = format!("{name}: {}", votes.join("; "));
                        match style {
                            Style::Markdown => {
                                let _ = writeln!(out, "- {}", md_cell(&line));
                            }
                            Style::Table => {
                                let _ = writeln!(out, "  {line}");
                            }
                        }
                    }
                    continue;
                }
                match style {
                    Style::Markdown => {
                        let _ = writeln!(out, "**{}**\n", md_cell(&title));
                    }
                    Style::Table => {
                        let _ = writeln!(out, "{title}");
                    }
                }
                let mut unpaired: Vec<(String, &str)> = Vec::new();
                for item in &practice.items {
                    if item.kind == "unpaired" {
                        let who = item.judgements.first().map_or("", |j| j.assessor.as_str());
                        unpaired.push((item.id.clone(), who));
                        continue;
                    }
                    let id = format!("{} {}", item.id, item.text);
                    match style {
                        Style::Markdown => {
                            let _ = writeln!(out, "- {}", md_cell(&id));
                        }
                        Style::Table => {
                            let _ = writeln!(out, "  {id}");
                        }
                    }
                    for j in &item.judgements {
                        let note = j
                            .note
                            .as_deref()
                            .map(|n| format!(" — «{}»", n.trim()))
                            .unwrap_or_default();
                        match style {
                            Style::Markdown => {
                                let note = j
                                    .note
                                    .as_deref()
                                    .map(|n| format!(" — «{}»", md_cell(n.trim())))
                                    .unwrap_or_default();
                                let _ = writeln!(out, "  - {}: {}{note}", md_cell(&j.assessor), md_cell(&j.label));
                            }
                            Style::Table => {
                                let _ = writeln!(out, "      {}: {}{note}", j.assessor, j.label);
                            }
                        }
                    }
                    if !item.missing.is_empty() {
                        let text = format!("not judged by {}", item.missing.join(", "));
                        match style {
                            Style::Markdown => {
                                let _ = writeln!(out, "  - {text}");
                            }
                            Style::Table => {
                                let _ = writeln!(out, "      ({text})");
                            }
                        }
                    }
                }
                if !unpaired.is_empty() {
                    let mut by_assessor: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
                    for (id, who) in &unpaired {
                        by_assessor.entry(who).or_default().push(id.clone());
                    }
                    for (who, ids) in by_assessor {
                        let text = format!("judged only by {who}: {}", ids.join(", "));
                        match style {
                            Style::Markdown => {
                                let _ = writeln!(out, "- {}", md_cell(&text));
                            }
                            Style::Table => {
                                let _ = writeln!(out, "  {text}");
                            }
                        }
                    }
                }
                out.push('\n');
            }
            if section.subject == SubjectKind::Stage {
                out.push('\n');
            }
        }
    }
    out
}

fn funnel_rows(funnel: &Funnel) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        "nominated".to_string(),
        funnel.nominated.to_string(),
        String::new(),
    ]];
    for stage in &funnel.stages {
        rows.push(vec![
            format!("{} ({})", stage.label, stage.key),
            stage.entered.to_string(),
            "entered".to_string(),
        ]);
        for outcome in &stage.outcomes {
            let mut note = if outcome.advances {
                "passed on".to_string()
            } else {
                "excluded".to_string()
            };
            if outcome.by_consensus > 0 {
                let _ = write!(note, "; {} by consensus", outcome.by_consensus);
            }
            rows.push(vec![format!("  {}", outcome.label), outcome.count.to_string(), note]);
        }
        rows.push(vec![
            "  assessors disagree".to_string(),
            stage.disagreed.to_string(),
            "stopped until the consensus decides".to_string(),
        ]);
        rows.push(vec![
            "  one vote so far".to_string(),
            stage.awaiting.to_string(),
            "a second assessor is due".to_string(),
        ]);
        rows.push(vec![
            "  not judged".to_string(),
            stage.pending.to_string(),
            String::new(),
        ]);
        if stage.also_judged > 0 {
            rows.push(vec![
                "  judged without entering".to_string(),
                stage.also_judged.to_string(),
                "did not pass the previous stage".to_string(),
            ]);
        }
    }
    rows.push(vec![
        "passed every stage".to_string(),
        funnel.passed.to_string(),
        String::new(),
    ]);
    rows.push(vec![
        "  with a consensus assessment".to_string(),
        funnel.assessed.to_string(),
        format!("{} assessed in all", funnel.assessed_total),
    ]);
    rows
}

fn funnel_table(funnel: &Funnel) -> String {
    table(
        Style::Table,
        ["stage", "practices", "note"].map(String::from).to_vec(),
        funnel_rows(funnel),
        &[1],
    )
}

fn funnel_markdown(criteria: &Criteria, funnel: &Funnel) -> String {
    let mut out = format!(
        "# Selection funnel\n\nCriteria {} {}.\n\n",
        criteria.id, criteria.version
    );
    out.push_str(&table(
        Style::Markdown,
        ["stage", "practices", "note"].map(String::from).to_vec(),
        funnel_rows(funnel),
        &[1],
    ));
    out
}
