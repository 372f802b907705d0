//! `practice new`: scaffold a practice folder from the criteria's description template.

use std::fs;
use std::io::Write as _;

use anyhow::{bail, Context};

use crate::cli::{FileFormat, GlobalArgs, NewArgs};
use crate::commands::{load_criteria, Outcome};
use crate::criteria::Criteria;
use crate::fsutil;
use crate::library::is_valid_slug;

/// Run `practice new`.
pub fn run(global: &GlobalArgs, args: &NewArgs) -> anyhow::Result<Outcome> {
    if !is_valid_slug(&args.slug) {
        bail!(
            "`{}` is not a valid slug: use lower-case a–z, digits and `-` (e.g. `sprakpraksis-grimstad`)",
            args.slug
        );
    }
    let (workspace, criteria) = match load_criteria(global)? {
        Ok(loaded) => loaded,
        Err(outcome) => return Ok(outcome),
    };
    fs::create_dir_all(&workspace.root).with_context(|| format!("cannot create {}", workspace.root.display()))?;
    let dir = workspace.root.join(&args.slug);
    // create_dir fails when anything exists there: an existing practice is never touched.
    fs::create_dir(&dir).with_context(|| format!("cannot create {} (does it exist already?)", dir.display()))?;
    let (file, text) = match args.format {
        FileFormat::Toml => ("practice.toml", scaffold_toml(&criteria, args.name.as_deref())),
        FileFormat::Yaml => ("practice.yaml", scaffold_yaml(&criteria, args.name.as_deref())),
    };
    let path = dir.join(file);
    if let Err(error) = fsutil::create_new(&path, text.as_bytes()) {
        // Leave nothing half-made: the folder was empty a moment ago.
        let _ = fs::remove_dir(&dir);
        return Err(error);
    }
    if !global.quiet {
        writeln!(
            std::io::stderr(),
            "created {}: fill it in, then run `practice validate {}`",
            path.display(),
            dir.display()
        )?;
    }
    Ok(Outcome::Clean)
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn comment_lines(text: &str, indent: &str) -> String {
    text.lines().map(|line| format!("{indent}# {line}\n")).collect()
}

/// The scaffold in TOML: every template field with its label and guiding question as comments.
pub fn scaffold_toml(criteria: &Criteria, name: Option<&str>) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "# Beskrivelse av praksis — mal fra {} {} ({})\n",
        criteria.id, criteria.version, criteria.title
    ));
    out.push_str(
        "# Felt merket (påkrevd) må fylles ut før praksisen kan nomineres. Kjør `practice validate` for å sjekke.\n\n",
    );
    out.push_str(&format!("name = {}\n", toml_string(name.unwrap_or(""))));
    out.push_str("summary = \"\"        # kort beskrivelse av praksisen\n");
    out.push_str("municipality = \"\"   # kommune eller organisasjon som eier praksisen\n");
    out.push_str("region = \"\"\n");
    out.push_str("# started = 2024     # år (2024), måned (\"2024-08\") eller dato (2024-08-01)\n\n");
    if !criteria.facets.is_empty() {
        out.push_str("[tags]\n");
        for facet in &criteria.facets {
            out.push_str(&format!("{} = []   # {}\n", facet.key, facet.label));
        }
        out.push('\n');
    }
    out.push_str("[description]\n");
    for field in &criteria.template {
        out.push('\n');
        out.push_str(&format!(
            "# {}{}\n",
            field.label,
            if field.required { " (påkrevd)" } else { "" }
        ));
        if let Some(help) = &field.help {
            out.push_str(&comment_lines(help, ""));
        }
        out.push_str(&format!("{} = \"\"\"\n\"\"\"\n", field.key));
    }
    out.push_str("\n# [[sources]]\n# title = \"\"\n# url = \"\"\n");
    out.push_str("\n# [[contacts]]\n# role = \"praksis\"      # eller \"nominasjon\"\n# name = \"\"\n");
    out
}

/// The scaffold in YAML.
pub fn scaffold_yaml(criteria: &Criteria, name: Option<&str>) -> String {
    let yaml_string = |text: &str| serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string());
    let mut out = String::new();
    out.push_str(&format!(
        "# Beskrivelse av praksis — mal fra {} {} ({})\n",
        criteria.id, criteria.version, criteria.title
    ));
    out.push_str(
        "# Felt merket (påkrevd) må fylles ut før praksisen kan nomineres. Kjør `practice validate` for å sjekke.\n\n",
    );
    out.push_str(&format!("name: {}\n", yaml_string(name.unwrap_or(""))));
    out.push_str("summary: \"\"        # kort beskrivelse av praksisen\n");
    out.push_str("municipality: \"\"   # kommune eller organisasjon som eier praksisen\n");
    out.push_str("region: \"\"\n");
    out.push_str("# started: 2024     # år (2024), måned (\"2024-08\") eller dato (\"2024-08-01\")\n\n");
    if !criteria.facets.is_empty() {
        out.push_str("tags:\n");
        for facet in &criteria.facets {
            out.push_str(&format!("  {}: []   # {}\n", facet.key, facet.label));
        }
        out.push('\n');
    }
    out.push_str("description:\n");
    for field in &criteria.template {
        out.push_str(&format!(
            "  # {}{}\n",
            field.label,
            if field.required { " (påkrevd)" } else { "" }
        ));
        if let Some(help) = &field.help {
            out.push_str(&comment_lines(help, "  "));
        }
        out.push_str(&format!("  {}: \"\"\n", field.key));
    }
    out
}
