//! `practice agree` as text and JSON: the agreement sections (crosstabs, kappa, per question, the consensus agenda)
//! as terminal tables or Markdown, the selection funnel, and the notes for the person at the terminal.

use crate::model::number::count;
use std::fmt::Write as _;

use serde::Serialize;

use crate::agreement::consensus::Draft;
use crate::agreement::funnel::Funnel;
use crate::agreement::kappa::{Stats, Weighting};
use crate::agreement::outcomes::Outcomes;
use crate::agreement::{AgendaItem, PracticeAgenda, QuestionReport, SectionReport, SubjectKind};
use crate::model::criteria::Criteria;
use crate::report::output;
use crate::report::CriteriaRef;

/// `practice agree --format json`.
#[derive(Serialize)]
pub struct AgreeReport<'a> {
    /// The criteria the assessments were read against.
    pub criteria: CriteriaRef<'a>,
    /// Practices with at least one independent assessment.
    pub practices: usize,
    /// One section per subject (stage, question, all answers).
    pub sections: Vec<SectionReport>,
}

/// `practice agree --funnel --format json`.
#[derive(Serialize)]
pub struct FunnelReport<'a> {
    /// The criteria whose stages are counted.
    pub criteria: CriteriaRef<'a>,
    /// The counts per stage.
    #[serde(flatten)]
    pub funnel: Funnel,
}

/// `practice agree --outcomes --format json`.
#[derive(Serialize)]
pub struct OutcomesReport<'a> {
    /// The criteria the assessments were scored against.
    pub criteria: CriteriaRef<'a>,
    /// Class agreement per pair, the spread of totals, the outcomes per practice.
    #[serde(flatten)]
    pub outcomes: Outcomes,
}

/// `practice agree --outcomes` as a terminal table or Markdown: one row per practice and assessor, then the class
/// kappa per pair and the spread of totals.
pub fn outcomes_text(criteria: &Criteria, outcomes: &Outcomes, style: Style) -> String {
    let label = |key: &str| {
        criteria
            .classification
            .bands
            .iter()
            .find(|b| b.key == key)
            .map_or(key.to_string(), |b| b.label.clone())
    };
    let pct = |v: Option<f64>| v.map_or("–".to_string(), |v| format!("{:.1}%", v * 100.0));
    let mut rows = Vec::new();
    for practice in &outcomes.practices {
        for (i, a) in practice.assessors.iter().enumerate() {
            rows.push(vec![
                if i == 0 { practice.slug.clone() } else { String::new() },
                a.assessor.clone(),
                pct(a.total),
                a.class.as_deref().map_or_else(
                    || {
                        if a.complete {
                            "–".to_string()
                        } else {
                            "incomplete".to_string()
                        }
                    },
                    label,
                ),
                if i == 0 { pct(practice.spread) } else { String::new() },
            ]);
        }
    }
    let mut out = String::new();
    if style == Style::Markdown {
        let _ = write!(
            out,
            "# Agreement on outcomes

Criteria {} {}.

",
            criteria.id, criteria.version
        );
    }
    out.push_str(&table(
        style,
        ["practice", "assessor", "total", "class", "spread"]
            .map(String::from)
            .to_vec(),
        rows,
        &[2, 4],
    ));
    let weights = match outcomes.weights {
        Weighting::Linear => "linear",
        Weighting::Quadratic => "quadratic",
    };
    let pair_rows: Vec<Vec<String>> = outcomes
        .pairs
        .iter()
        .map(|p| {
            vec![
                format!("{} × {}", p.assessors[0], p.assessors[1]),
                p.stats.n.to_string(),
                pct(p.stats.observed),
                p.stats.kappa.map_or("undefined".to_string(), |k| format!("{k:.4}")),
            ]
        })
        .collect();
    out.push('\n');
    out.push_str(&table(
        style,
        vec![
            "assessors".to_string(),
            "practices classified by both".to_string(),
            "weighted agreement".to_string(),
            format!("class kappa ({weights})"),
        ],
        pair_rows,
        &[1, 2, 3],
    ));
    let s = &outcomes.spread;
    let _ = writeln!(
        out,
        "\nspread of totals over {} with two or more: mean {}, largest {}; {} with different classes",
        count(s.practices, "practice", "practices"),
        pct(s.mean),
        pct(s.max),
        count(s.classes_differ, "practice", "practices")
    );
    out
}

/// The warnings after a report (for stderr, without the `warning:` prefix): judgements that are not options, and
/// practices with errors whose assessments may be missing.
pub fn warnings(errors: usize, invalid: usize) -> Vec<String> {
    let mut lines = Vec::new();
    if invalid > 0 {
        lines.push(format!(
            "{} not valid options and were left out; run `practice validate`",
            count(invalid, "judgement is", "judgements are")
        ));
    }
    if errors > 0 {
        lines.push(format!(
            "{} errors, so some assessments may be missing here; run `practice validate`",
            count(errors, "practice has", "practices have")
        ));
    }
    lines
}

/// What `--draft-consensus` tells the person at the terminal after writing `path`.
pub fn draft_written(draft: &Draft, path: &std::path::Path, dir: &std::path::Path) -> String {
    let mut text = format!(
        "wrote {}: {} agreed, {} undecided",
        path.display(),
        draft.agreed,
        draft.undecided.len()
    );
    if !draft.undecided.is_empty() {
        let _ = write!(text, " ({})", draft.undecided.join(", "));
    }
    if draft.unanswered > 0 {
        let _ = write!(text, ", {} unanswered by all", draft.unanswered);
    }
    let _ = writeln!(
        text,
        "\ndecide every \"?\" in the consensus meeting, then run `practice validate {}`",
        dir.display()
    );
    text
}

/// How the agreement tables are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Boxed tables for a terminal.
    Table,
    /// Markdown, for a report.
    Markdown,
}

fn pct(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), crate::model::number::percent_agreement)
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

/// The agreement report, a section per subject, as a table for the terminal or as Markdown.
pub fn sections_text(sections: &[SectionReport], style: Style) -> String {
    let mut out = String::new();
    if style == Style::Markdown {
        out.push_str("# Agreement between independent assessors\n\n");
    }
    if sections.is_empty() {
        out.push_str("No independent assessments with decisions or answers.\n");
    }
    for section in sections {
        write_section(&mut out, section, style);
    }
    out
}

fn write_section(out: &mut String, section: &SectionReport, style: Style) {
    out.push_str(&heading(style, 1, &section_title(section)));
    if section.items == 0 {
        let _ = writeln!(out, "No item was judged by two assessors yet.\n");
    } else {
        let _ = writeln!(
            out,
            "{}, {} judged by at least two.\n",
            count(section.assessors.len(), "assessor", "assessors"),
            count(section.items, "item", "items")
        );
    }
    write_crosstabs(out, section, style);
    if !section.pairs.is_empty() {
        write_agreement(out, section, style);
    }
    if let Some(questions) = &section.questions {
        write_questions(out, questions, style);
    }
    if !section.agenda.is_empty() {
        out.push_str(&heading(style, 2, "To settle in the consensus meeting"));
        for practice in &section.agenda {
            write_agenda_practice(out, practice, section.subject, style);
        }
        if section.subject == SubjectKind::Stage {
            out.push('\n');
        }
    }
}

/// Crosstabs, one per pair, like SØF's Tables 2.1 and 2.3.
fn write_crosstabs(out: &mut String, section: &SectionReport, style: Style) {
    for pair in section.pairs.iter().filter(|p| p.stats.n > 0) {
        let [a, b] = &pair.assessors;
        out.push_str(&heading(style, 2, &format!("Crosstab: {a} (rows) × {b} (columns)")));
        let used: Vec<usize> = (0..section.categories.len())
            .filter(|&c| pair.crosstab[c].iter().sum::<usize>() + pair.crosstab.iter().map(|r| r[c]).sum::<usize>() > 0)
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
}

/// Kappa per pair and overall, like SØF's Tables 2.2 and 2.4.
fn write_agreement(out: &mut String, section: &SectionReport, style: Style) {
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

/// Agreement per question, lowest first.
fn write_questions(out: &mut String, questions: &[QuestionReport], style: Style) {
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

/// One practice on the consensus meeting's agenda.
fn write_agenda_practice(out: &mut String, practice: &PracticeAgenda, subject: SubjectKind, style: Style) {
    let name = if practice.name == practice.slug {
        practice.slug.clone()
    } else {
        format!("{} ({})", practice.name, practice.slug)
    };
    if subject == SubjectKind::Stage {
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
        return;
    }
    let title = format!("{name}; assessors: {}", practice.assessors.join(", "));
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
        write_agenda_item(out, item, style);
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

/// An item the assessors disagree on: each one's judgement and note, and who did not judge it.
fn write_agenda_item(out: &mut String, item: &AgendaItem, style: Style) {
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

/// The selection funnel as a table for the terminal.
pub fn funnel_table(funnel: &Funnel) -> String {
    table(
        Style::Table,
        ["stage", "practices", "note"].map(String::from).to_vec(),
        funnel_rows(funnel),
        &[1],
    )
}

/// The selection funnel as Markdown.
pub fn funnel_markdown(criteria: &Criteria, funnel: &Funnel) -> String {
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
