//! `practice new`: scaffold a practice folder from the criteria's description template.

use std::fs;
use std::io::Write as _;

use anyhow::{bail, Context};

use crate::cli::{FileFormat, GlobalArgs, NewArgs};
use crate::commands::{load_criteria, Outcome};
use crate::model::criteria::Criteria;
use crate::model::is_valid_slug;

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
    let syntax = match args.format {
        FileFormat::Toml => Syntax::Toml,
        FileFormat::Yaml => Syntax::Yaml,
    };
    if args.assessment && dir.is_dir() {
        let path = dir.join(format!("assessment.{}", syntax.extension()));
        crate::write::create_new(&path, scaffold_assessment(&criteria, syntax).as_bytes())?;
        if !global.quiet {
            writeln!(
                std::io::stderr(),
                "created {}: answer each question, then run `practice score {}`",
                path.display(),
                dir.display()
            )?;
        }
        return Ok(Outcome::Clean);
    }
    // create_dir fails when anything exists there: an existing practice is never touched.
    fs::create_dir(&dir).with_context(|| format!("cannot create {} (does it exist already?)", dir.display()))?;
    let (file, text) = match args.format {
        FileFormat::Toml => ("practice.toml", scaffold_toml(&criteria, args.name.as_deref())),
        FileFormat::Yaml => ("practice.yaml", scaffold_yaml(&criteria, args.name.as_deref())),
    };
    let path = dir.join(file);
    if let Err(error) = crate::write::create_new(&path, text.as_bytes()) {
        // Leave nothing half-made: the folder was empty a moment ago.
        let _ = fs::remove_dir(&dir);
        return Err(error);
    }
    if args.assessment {
        let assessment = dir.join(format!("assessment.{}", syntax.extension()));
        crate::write::create_new(&assessment, scaffold_assessment(&criteria, syntax).as_bytes())?;
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

/// The two syntaxes a scaffold can be written in; the content is the same.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Toml,
    Yaml,
}

impl Syntax {
    /// `key = "value"` or `key: "value"` (the value quoted for the syntax), indented under a table in YAML.
    fn assign(self, indent: bool, key: &str, value: &str) -> String {
        match self {
            Syntax::Toml => format!("{key} = {}", toml::Value::String(value.to_string())),
            Syntax::Yaml => {
                let quoted = serde_json::to_string(value).unwrap_or_else(|_| "\"\"".to_string());
                format!("{}{key}: {quoted}", if indent { "  " } else { "" })
            }
        }
    }

    /// The opening of a table: `[tags]` or `tags:`.
    fn table(self, key: &str) -> String {
        match self {
            Syntax::Toml => format!("[{key}]"),
            Syntax::Yaml => format!("{key}:"),
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Syntax::Toml => "toml",
            Syntax::Yaml => "yaml",
        }
    }

    fn indent(self) -> &'static str {
        match self {
            Syntax::Toml => "",
            Syntax::Yaml => "  ",
        }
    }
}

/// The scaffold in TOML: every template field with its label and guiding question as comments.
pub fn scaffold_toml(criteria: &Criteria, name: Option<&str>) -> String {
    scaffold(criteria, name, Syntax::Toml)
}

/// The scaffold in YAML.
pub fn scaffold_yaml(criteria: &Criteria, name: Option<&str>) -> String {
    scaffold(criteria, name, Syntax::Yaml)
}

/// The comments are Norwegian by default and can be replaced through `[labels]` in the criteria file.
fn scaffold(criteria: &Criteria, name: Option<&str>, syntax: Syntax) -> String {
    let label = |key: &str, default: &'static str| criteria.label(key, default).to_string();
    let required = label("scaffold_required", "påkrevd");
    let mut out = format!(
        "# {} — {} {} ({})\n# {}\n\n",
        label("scaffold_title", "Beskrivelse av praksis"),
        criteria.id,
        criteria.version,
        criteria.title,
        label(
            "scaffold_intro",
            "Felt merket (påkrevd) må fylles ut før praksisen kan nomineres. Kjør `practice validate` for å sjekke."
        )
    );
    out.push_str(&syntax.assign(false, "name", name.unwrap_or("")));
    out.push('\n');
    for (key, default) in [
        ("summary", "kort beskrivelse av praksisen"),
        ("municipality", "kommune eller organisasjon som eier praksisen"),
        ("region", "fylke eller landsdel"),
    ] {
        let comment = label(&format!("scaffold_{key}"), default);
        out.push_str(&format!("{}   # {comment}\n", syntax.assign(false, key, "")));
    }
    let started = match syntax {
        Syntax::Toml => "started = 2024",
        Syntax::Yaml => "started: 2024",
    };
    out.push_str(&format!(
        "# {started}   # {}\n\n",
        label(
            "scaffold_started",
            "år (2024), måned (\"2024-08\") eller dato (2024-08-01)"
        )
    ));
    if !criteria.facets.is_empty() {
        out.push_str(&syntax.table("tags"));
        out.push('\n');
        for facet in &criteria.facets {
            let list = match syntax {
                Syntax::Toml => format!("{} = []", facet.key),
                Syntax::Yaml => format!("  {}: []", facet.key),
            };
            out.push_str(&format!("{list}   # {}\n", facet.label));
        }
        out.push('\n');
    }
    out.push_str(&syntax.table("description"));
    out.push('\n');
    let indent = syntax.indent();
    for field in &criteria.template {
        if syntax == Syntax::Toml {
            out.push('\n');
        }
        let mark = if field.required {
            format!(" ({required})")
        } else {
            String::new()
        };
        out.push_str(&format!("{indent}# {}{mark}\n", field.label));
        for line in field.help.iter().flat_map(|help| help.lines()) {
            out.push_str(&format!("{indent}# {line}\n"));
        }
        match syntax {
            // A multi-line string, ready for several paragraphs.
            Syntax::Toml => out.push_str(&format!("{} = \"\"\"\n\"\"\"\n", field.key)),
            Syntax::Yaml => out.push_str(&format!("{}\n", syntax.assign(true, &field.key, ""))),
        }
    }
    out
}

/// The assessment scaffold: the criteria id and version, and under `answers` every question id as a commented-out
/// key, preceded by its criterion, its text and its options, so an editor-only user never types an id: uncomment the
/// line and write the option key.
pub fn scaffold_assessment(criteria: &Criteria, syntax: Syntax) -> String {
    let label = |key: &str, default: &'static str| criteria.label(key, default).to_string();
    let mut out = format!(
        "# {} — {} {}\n# {}\n\n",
        label("scaffold_assessment_title", "Vurdering"),
        criteria.id,
        criteria.version,
        label(
            "scaffold_assessment_intro",
            "Fjern # foran et spørsmål og skriv svaret (en av nøklene som er listet). Kjør `practice score` for å se scoren."
        )
    );
    out.push_str(&format!("{}\n", syntax.assign(false, "criteria", &criteria.id)));
    out.push_str(&format!(
        "{}\n",
        syntax.assign(false, "criteria_version", &criteria.version)
    ));
    let assessors = match syntax {
        Syntax::Toml => "# assessors = [\"Navn Navnesen\"]",
        Syntax::Yaml => "# assessors: [\"Navn Navnesen\"]",
    };
    out.push_str(&format!(
        "{assessors}   # {}\n",
        label("scaffold_assessment_assessors", "hvem som har vurdert")
    ));
    let date = match syntax {
        Syntax::Toml => "# date = 2026-01-31",
        Syntax::Yaml => "# date: 2026-01-31",
    };
    out.push_str(&format!(
        "{date}   # {}\n",
        label("scaffold_assessment_date", "datoen for vurderingen")
    ));
    out.push('\n');
    out.push_str(&syntax.table("answers"));
    out.push('\n');
    let indent = syntax.indent();
    let mut current = usize::MAX;
    for q in criteria.questions() {
        if q.criterion != current {
            current = q.criterion;
            out.push_str(&format!("\n{indent}# == {} ==\n", criteria.criteria[q.criterion].label));
        }
        let mut keys: Vec<&str> = q.scale.options.iter().map(|o| o.key.as_str()).collect();
        if q.allows_not_applicable {
            keys.extend(criteria.not_applicable_key());
        }
        let text = q.question.text.replace('\n', " ");
        out.push_str(&format!("{indent}# {} {text}\n", q.question.id));
        let key = toml_key(&q.question.id);
        let line = match syntax {
            Syntax::Toml => format!("{key} = \"\""),
            Syntax::Yaml => format!("\"{}\": \"\"", q.question.id),
        };
        out.push_str(&format!("{indent}# {line}   # {}\n", keys.join(" | ")));
    }
    out
}

/// A TOML key: bare when it is only letters, digits, `-` and `_`, otherwise quoted.
fn toml_key(key: &str) -> String {
    if !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        key.to_string()
    } else {
        toml::Value::String(key.to_string()).to_string()
    }
}
