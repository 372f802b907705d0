//! `practice schema [--out DIR]`: write the JSON Schemas of the library's files (see [`crate::schema`]), and the
//! schema directive that new files carry so that editors find them.

use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use anyhow::Context;

use crate::cli::{GlobalArgs, SchemaArgs};
use crate::commands::{load_criteria, CliResult};
use crate::load::workspace::Workspace;
use crate::model::{Format, ASSESSMENT_FILE, ASSESSORS_DIR, EVIDENCE_FILE, PRACTICE_FILE};
use crate::write::{self, WriteResult};

/// The folder schemas live in by default: `schema/` beside the criteria file.
pub const SCHEMA_DIR: &str = "schema";

/// Run `practice schema`.
pub fn run(global: &GlobalArgs, args: &SchemaArgs) -> CliResult {
    let (workspace, criteria) = load_criteria(global)?;
    let dir = args.out.clone().unwrap_or_else(|| default_dir(&workspace));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut err = std::io::stderr().lock();
    for (name, text) in crate::schema::all(&criteria) {
        let path = dir.join(name);
        let result = write::write_if_changed(&path, text.as_bytes())?;
        if !global.quiet {
            let what = match result {
                WriteResult::Created => "created",
                WriteResult::Updated => "updated",
                WriteResult::Unchanged => "unchanged",
            };
            writeln!(err, "{}: {what}", path.display())?;
        }
    }
    Ok(())
}

/// `schema/` beside the workspace's criteria file.
pub fn default_dir(workspace: &Workspace) -> PathBuf {
    workspace
        .criteria_path
        .parent()
        .unwrap_or(Path::new("."))
        .join(SCHEMA_DIR)
}

/// The first line a new library file at `file` starts with so that editors check it against its schema: `#:schema
/// <relative path>` (Taplo) for TOML, `# yaml-language-server: $schema=<relative path>` for YAML. `None` when the
/// file is not a practice, evidence or assessment file, or when the schema is not in the default folder (run
/// `practice schema` once; files created afterwards carry the directive).
pub fn directive_for(workspace: &Workspace, file: &Path, format: Format) -> Option<String> {
    let stem = file.file_stem()?.to_str()?;
    let in_assessors = file
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|d| d == ASSESSORS_DIR);
    let kind = match stem {
        _ if in_assessors => ASSESSMENT_FILE,
        PRACTICE_FILE | EVIDENCE_FILE | ASSESSMENT_FILE => stem,
        _ => return None,
    };
    let schema = default_dir(workspace).join(crate::schema::file_for_kind(kind)?);
    if !schema.is_file() {
        return None;
    }
    let relative = relative_path(file.parent()?, &schema)?;
    Some(match format {
        Format::Toml => format!("#:schema ./{relative}"),
        Format::Yaml => format!("# yaml-language-server: $schema={relative}"),
    })
}

/// `to` relative to the folder `from`, with `/` separators (both made absolute first; the folder need not exist).
fn relative_path(from: &Path, to: &Path) -> Option<String> {
    let from = normal(&std::path::absolute(from).ok()?);
    let to = normal(&std::path::absolute(to).ok()?);
    let common = from.iter().zip(to.iter()).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(to[common..].iter().map(|c| c.to_string()));
    Some(parts.join("/"))
}

/// The path's components, with `.` dropped and `..` applied.
fn normal(path: &Path) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_out_of_the_practice_folder() {
        let rel = relative_path(
            Path::new("/lib/practices/a/assessments"),
            Path::new("/lib/schema/x.json"),
        );
        assert_eq!(rel.as_deref(), Some("../../../schema/x.json"));
        let rel = relative_path(Path::new("/lib/./practices/a"), Path::new("/lib/schema/x.json"));
        assert_eq!(rel.as_deref(), Some("../../schema/x.json"));
    }
}
