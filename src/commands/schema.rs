//! `practice schema [--out DIR]`: write the JSON Schemas of the library's files (see [`crate::schema`]) into
//! `schema/` beside the criteria file, where the directive of new files ([`crate::schema::directive`]) finds them.

use std::io::Write as _;

use crate::cli::{GlobalArgs, SchemaArgs};
use crate::commands::{load_criteria, CliResult};
use crate::schema::directive::default_dir;
use crate::write::{self, WriteResult};

/// Run `practice schema`.
pub fn run(global: &GlobalArgs, args: &SchemaArgs) -> CliResult {
    let (workspace, criteria) = load_criteria(global)?;
    let dir = args.out.clone().unwrap_or_else(|| default_dir(&workspace));
    write::create_dirs(&dir)?;
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
