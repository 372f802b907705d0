//! Where a library's schemas live and the first line that points an editor at them: `#:schema <path>` (Taplo) in
//! TOML, `# yaml-language-server: $schema=<path>` in YAML, written by `new`, `assess` and `form import` into the
//! files they create.

use std::path::{Component, Path, PathBuf};

use crate::load::workspace::Workspace;
use crate::model::{Format, ASSESSMENT_FILE, ASSESSORS_DIR, EVIDENCE_FILE, PRACTICE_FILE};

/// The folder schemas live in by default: `schema/` beside the criteria file.
pub const SCHEMA_DIR: &str = "schema";

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
    let schema = default_dir(workspace).join(super::file_for_kind(kind)?);
    if !schema.is_file() {
        return None;
    }
    let relative = relative_path(file.parent()?, &schema)?;
    Some(match format {
        Format::Toml => format!("#:schema ./{relative}"),
        Format::Yaml => format!("# yaml-language-server: $schema={relative}"),
    })
}

/// `text` with the schema directive for `file` as its first line when the library has schemas ([`directive_for`]);
/// `text` unchanged otherwise.
pub fn with_directive(workspace: &Workspace, file: &Path, format: Format, text: String) -> String {
    match directive_for(workspace, file, format) {
        Some(directive) => format!("{directive}\n{text}"),
        None => text,
    }
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
