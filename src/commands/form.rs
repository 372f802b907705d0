//! `practice form export|import`: the spreadsheet round trip of an assessment.

use crate::model::number::count;
use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use crate::cli::{FormCommand, FormExportArgs, FormImportArgs, GlobalArgs};
use crate::commands::{load_criteria, today, CliError, CliResult};
use crate::forms::{self, from_model, FormLabels, FormMeta};
use crate::load::library::assessment_path;
use crate::load::raw::read_bytes;
use crate::model::{is_valid_slug, Criteria, Format, PracticeEntry};
use crate::validate::{load_practice_checked, Checks};
use crate::write::assessment::{edit_assessment, AnswerEdit, AssessmentEdit, EditedFile};
use crate::write::{self, WriteResult};

/// Run `practice form …`.
pub fn run(global: &GlobalArgs, command: &FormCommand) -> CliResult {
    match command {
        FormCommand::Export(args) => export(global, args),
        FormCommand::Import(args) => import(global, args),
    }
}

fn export(global: &GlobalArgs, args: &FormExportArgs) -> CliResult {
    let (workspace, criteria) = load_criteria(global)?;
    let entry = load_entry(&workspace.root, &args.slug, &criteria)?;
    // A file the import could not write back (YAML, broken TOML) is refused now, with the message `practice assess`
    // gives, before a spreadsheet is filled in for nothing.
    EditedFile::open(&assessment_path(&entry.dir, args.assessor.as_deref()))?;
    let assessment = match &args.assessor {
        Some(name) => entry.assessors.iter().find(|(n, _)| n == name).map(|(_, a)| &a.value),
        None => entry.assessment.as_ref().map(|a| &a.value),
    };
    let meta = FormMeta {
        slug: entry.slug.clone(),
        practice_name: entry.name().to_string(),
        criteria_id: criteria.id.clone(),
        criteria_version: criteria.version.clone(),
        assessor: args.assessor.clone(),
    };
    let bytes = forms::export(
        &meta,
        &from_model::questions(&criteria),
        &from_model::evidence(&criteria, entry.evidence.as_ref().map(|e| &e.value)),
        &from_model::answers(assessment),
        &FormLabels::from_labels(&crate::model::labels::Labels::from_criteria(&criteria)),
    )
    .map_err(anyhow::Error::from)?;
    let path = args.output.clone().unwrap_or_else(|| {
        PathBuf::from(match &args.assessor {
            Some(name) => format!("{}-{name}.xlsx", entry.slug),
            None => format!("{}.xlsx", entry.slug),
        })
    });
    if path.exists() && !args.force {
        return Err(anyhow::anyhow!(
            "{} exists and may hold answers not yet imported; import it first, or pass --force to replace it",
            path.display()
        )
        .into());
    }
    write::write_if_changed(&path, &bytes)?;
    if !global.quiet {
        writeln!(
            std::io::stderr(),
            "wrote {}: fill in the answer column, then run `practice form import {}`",
            path.display(),
            path.display()
        )?;
    }
    Ok(())
}

fn import(global: &GlobalArgs, args: &FormImportArgs) -> CliResult {
    let (workspace, criteria) = load_criteria(global)?;
    let bytes = read_bytes(&args.file, forms::MAX_FILE_BYTES as u64)?
        .with_context(|| format!("{} not found", args.file.display()))?;
    let file = args.file.display().to_string();
    let exported = match forms::read_meta(&bytes) {
        Ok(meta) => meta,
        Err(problems) => return report_problems(&file, &problems),
    };
    let entry = load_entry(&workspace.root, &exported.slug, &criteria)?;
    let expected = FormMeta {
        slug: entry.slug.clone(),
        practice_name: entry.name().to_string(),
        criteria_id: criteria.id.clone(),
        criteria_version: criteria.version.clone(),
        assessor: None,
    };
    let evidence_ids: BTreeSet<String> = entry
        .evidence
        .iter()
        .flat_map(|e| e.value.rows.iter().map(|r| r.id.clone()))
        .collect();
    let questions = from_model::questions(&criteria);
    let imported = match forms::import(&bytes, &expected, &questions, &evidence_ids) {
        Ok(imported) => imported,
        Err(problems) => return report_problems(&file, &problems),
    };
    let mut err = std::io::stderr().lock();
    for warning in &imported.warnings {
        writeln!(err, "warning: {file}: {warning}")?;
    }
    let assessor = args.assessor.clone().or(imported.exported.assessor.clone());
    if let Some(name) = &assessor {
        if !is_valid_slug(name) {
            return Err(anyhow::anyhow!(
                "assessor name `{name}` is not a valid file name: use lower-case a–z, digits and `-`"
            )
            .into());
        }
    }
    let path = assessment_path(&entry.dir, assessor.as_deref());
    let existing = read_bytes(&path, crate::load::source::MAX_FILE_SIZE)?;
    let text = existing
        .as_deref()
        .map(|b| std::str::from_utf8(b).with_context(|| format!("{} is not UTF-8", path.display())))
        .transpose()?;
    let current = entry_answers(&entry, assessor.as_deref());
    let edit = AssessmentEdit {
        evidence_fingerprint: Some(crate::regrade::fingerprint::evidence_fingerprint(
            entry.evidence.as_ref().map(|e| &e.value),
        )),
        criteria_id: criteria.id.clone(),
        criteria_version: criteria.version.clone(),
        set: imported
            .answers
            .iter()
            .map(|(id, a)| {
                let answer = AnswerEdit {
                    value: a.value.clone(),
                    note: a.note.clone(),
                    evidence: a.evidence.clone(),
                };
                (id.clone(), answer)
            })
            .collect(),
        remove: imported
            .unanswered
            .iter()
            .filter(|id| current.contains(id.as_str()))
            .cloned()
            .collect(),
    };
    if existing.is_none() && edit.set.is_empty() {
        writeln!(err, "{file}: no answers filled in; nothing to write")?;
        return Ok(());
    }
    let mut new_text = edit_assessment(&path, text, &edit)?;
    if existing.is_none() {
        if let Some(directive) = crate::schema::directive::directive_for(&workspace, &path, Format::Toml) {
            new_text = format!("{directive}\n{new_text}");
        }
    }
    let changed = text != Some(new_text.as_str());
    if args.dry_run {
        let verb = if changed {
            "would change"
        } else {
            "would leave unchanged"
        };
        writeln!(err, "{file}: {verb} {}", path.display())?;
        return Ok(());
    }
    let result = write::replace_edited(&path, existing.as_deref(), new_text.as_bytes())?;
    if !global.quiet {
        let what = match result {
            WriteResult::Unchanged => "unchanged",
            WriteResult::Created => "created",
            WriteResult::Updated => "updated",
        };
        writeln!(
            err,
            "{}: {what} ({} answered, {} open); check it with `practice validate {}`",
            path.display(),
            imported.answers.len(),
            imported.unanswered.len(),
            entry.dir.display()
        )?;
    }
    Ok(())
}

/// Load one practice by slug, refusing a slug that is not a practice folder.
fn load_entry(root: &Path, slug: &str, criteria: &Criteria) -> anyhow::Result<PracticeEntry> {
    if !is_valid_slug(slug) {
        bail!("`{slug}` is not a valid practice slug");
    }
    let dir = root.join(slug);
    if !dir.is_dir() {
        bail!("no practice `{slug}` in {}", root.display());
    }
    Ok(load_practice_checked(&dir, root, &Checks::new(criteria, today()?)))
}

/// The ids answered in the file the import writes to.
fn entry_answers<'a>(entry: &'a PracticeEntry, assessor: Option<&str>) -> BTreeSet<&'a str> {
    let assessment = match assessor {
        Some(name) => entry.assessors.iter().find(|(n, _)| n == name).map(|(_, a)| &a.value),
        None => entry.assessment.as_ref().map(|a| &a.value),
    };
    assessment
        .map(|a| a.answers.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

/// Print every problem of a workbook, naming the file; exit 1, nothing written.
fn report_problems(file: &str, problems: &[forms::CellProblem]) -> CliResult {
    let mut err = std::io::stderr().lock();
    for problem in problems {
        writeln!(err, "error: {file}: {problem}")?;
    }
    writeln!(
        err,
        "{file}: {}; nothing was written",
        count(problems.len(), "problem", "problems")
    )?;
    Err(CliError::findings())
}
