//! `practice new`: scaffold a practice folder from the criteria's description template.

use crate::model::toml_text;
use std::fs;
use std::io::Write as _;

use anyhow::Context;

use crate::cli::{FileFormat, GlobalArgs, NewArgs};
use crate::commands::{load_criteria, CliResult};
use crate::model::criteria::Criteria;
use crate::model::is_valid_slug;

/// Run `practice new`.
pub fn run(global: &GlobalArgs, args: &NewArgs) -> CliResult {
    if !is_valid_slug(&args.slug) {
        return Err(anyhow::anyhow!(
            "`{}` is not a valid slug: use lower-case a–z, digits and `-` (e.g. `sprakpraksis-grimstad`)",
            args.slug
        )
        .into());
    }
    let (workspace, criteria) = load_criteria(global)?;
    fs::create_dir_all(&workspace.root).with_context(|| format!("cannot create {}", workspace.root.display()))?;
    let dir = workspace.root.join(&args.slug);
    let syntax = match args.format {
        FileFormat::Toml => Syntax::Toml,
        FileFormat::Yaml => Syntax::Yaml,
    };
    if args.assessment && dir.is_dir() {
        let path = dir.join(format!("assessment.{}", syntax.extension()));
        let text = with_schema(&workspace, &path, syntax, scaffold_assessment(&criteria, syntax));
        crate::write::create_new(&path, text.as_bytes())?;
        if !global.quiet {
            writeln!(
                std::io::stderr(),
                "created {}: answer each question, then run `practice score {}`",
                path.display(),
                dir.display()
            )?;
        }
        return Ok(());
    }
    if !global.quiet {
        warn_if_resembling(&workspace.root, args)?;
    }
    // create_dir fails when anything exists there: an existing practice is never touched.
    fs::create_dir(&dir).with_context(|| format!("cannot create {} (does it exist already?)", dir.display()))?;
    let (file, text) = match args.format {
        FileFormat::Toml => ("practice.toml", scaffold_toml(&criteria, args.name.as_deref())),
        FileFormat::Yaml => ("practice.yaml", scaffold_yaml(&criteria, args.name.as_deref())),
    };
    let text = match &args.summary {
        Some(summary) => text.replacen(
            &syntax.assign(false, "summary", ""),
            &syntax.assign(false, "summary", summary),
            1,
        ),
        None => text,
    };
    let path = dir.join(file);
    let text = with_schema(&workspace, &path, syntax, text);
    if let Err(error) = crate::write::create_new(&path, text.as_bytes()) {
        // Leave nothing half-made: the folder was empty a moment ago.
        let _ = fs::remove_dir(&dir);
        return Err(error.into());
    }
    if args.assessment {
        let assessment = dir.join(format!("assessment.{}", syntax.extension()));
        let text = with_schema(&workspace, &assessment, syntax, scaffold_assessment(&criteria, syntax));
        crate::write::create_new(&assessment, text.as_bytes())?;
    }
    if !global.quiet {
        writeln!(
            std::io::stderr(),
            "created {}: fill it in, then run `practice validate {}`",
            path.display(),
            dir.display()
        )?;
    }
    Ok(())
}

/// `text` with the schema directive for `path` as its first line, when the library has schemas
/// ([`crate::commands::schema::directive_for`]).
fn with_schema(
    workspace: &crate::load::workspace::Workspace,
    path: &std::path::Path,
    syntax: Syntax,
    text: String,
) -> String {
    let format = match syntax {
        Syntax::Toml => crate::model::Format::Toml,
        Syntax::Yaml => crate::model::Format::Yaml,
    };
    match crate::commands::schema::directive_for(workspace, path, format) {
        Some(directive) => format!("{directive}\n{text}"),
        None => text,
    }
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
            Syntax::Toml => format!("{} = {}", toml_text::key(key), toml_text::string(value)),
            Syntax::Yaml => {
                let quoted = serde_json::to_string(value).unwrap_or_else(|_| "\"\"".to_string());
                format!("{}{key}: {quoted}", if indent { "  " } else { "" })
            }
        }
    }

    /// The opening of a table: `[tags]` or `tags:`.
    fn table(self, key: &str) -> String {
        match self {
            Syntax::Toml => format!("[{}]", toml_text::key(key)),
            Syntax::Yaml => format!("{key}:"),
        }
    }

    /// One comment line, `# text` and a line break (control characters shown as `\uXXXX` in TOML).
    fn comment(self, text: &str) -> String {
        match self {
            Syntax::Toml => toml_text::comment(&text.replace(['\n', '\r'], " ")),
            Syntax::Yaml => format!("# {text}\n"),
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
                Syntax::Toml => format!("{} = []", toml_text::key(&facet.key)),
                Syntax::Yaml => format!("  {}: []", facet.key),
            };
            out.push_str(&format!("{list}   {}", syntax.comment(&facet.label)));
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
        out.push_str(&format!(
            "{indent}{}",
            syntax.comment(&format!("{}{mark}", field.label))
        ));
        for line in field.help.iter().flat_map(|help| help.lines()) {
            out.push_str(&format!("{indent}{}", syntax.comment(line)));
        }
        match syntax {
            // A multi-line string, ready for several paragraphs.
            Syntax::Toml => out.push_str(&format!("{} = \"\"\"\n\"\"\"\n", toml_text::key(&field.key))),
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

/// A TOML key, by the crate's one rule ([`toml_text::key`]).
fn toml_key(key: &str) -> String {
    toml_text::key(key)
}

/// Phase 1 asks first whether a nomination is new or a variant of a known practice: warn (stderr) when the new name,
/// or the `--summary` given, resembles an existing practice's.
fn warn_if_resembling(root: &std::path::Path, args: &NewArgs) -> anyhow::Result<()> {
    use crate::validate::similar::short_text_similarity;
    const THRESHOLD: f64 = 0.35;
    if args.name.is_none() && args.summary.is_none() || !root.is_dir() {
        return Ok(());
    }
    let (_, texts) = crate::load::library::load_library(root, &[], crate::model::Keep::Findings, |entry, _| {
        let practice = entry.practice.as_ref().map(|p| &p.value);
        (
            entry.slug.clone(),
            practice.and_then(|p| p.name.clone()),
            practice.and_then(|p| p.summary.clone()),
        )
    })?;
    let mut close: Vec<(f64, String)> = texts
        .into_iter()
        .filter_map(|(slug, name, summary)| {
            let by_name = match (&args.name, name) {
                (Some(new), Some(old)) => short_text_similarity(new, &old),
                _ => 0.0,
            };
            let by_summary = match (&args.summary, summary) {
                (Some(new), Some(old)) => short_text_similarity(new, &old),
                _ => 0.0,
            };
            let best = by_name.max(by_summary);
            (best >= THRESHOLD).then_some((best, slug))
        })
        .collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    if !close.is_empty() {
        let list: Vec<String> = close
            .iter()
            .take(5)
            .map(|(s, slug)| format!("{slug} ({} %)", (s * 100.0).round()))
            .collect();
        writeln!(
            std::io::stderr(),
            "warning: the new practice resembles {}: if it is a variant, set `variant_of` (see `practice similar`)",
            list.join(", ")
        )?;
    }
    Ok(())
}
