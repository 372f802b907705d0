//! Scaffolds: the text of a new practice file (every template field of the criteria's description template with
//! its label and guiding question as comments) and of a new assessment (every question id as a commented-out key
//! with its text and options), in TOML or YAML. Pure: criteria in, text out; `practice new` writes them.

use crate::model::criteria::Criteria;
use crate::model::{toml_text, Format};

/// The two syntaxes a scaffold can be written in; the content is the same.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// TOML, the default of `practice new`.
    Toml,
    /// YAML.
    Yaml,
}

impl From<Syntax> for Format {
    fn from(syntax: Syntax) -> Format {
        match syntax {
            Syntax::Toml => Format::Toml,
            Syntax::Yaml => Format::Yaml,
        }
    }
}

impl Syntax {
    /// `key = "value"` or `key: "value"` (the value quoted for the syntax), indented under a table in YAML.
    pub(crate) fn assign(self, indent: bool, key: &str, value: &str) -> String {
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

    /// The file extension: `toml` or `yaml`.
    pub fn extension(self) -> &'static str {
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
        let key = toml_text::key(&q.question.id);
        let line = match syntax {
            Syntax::Toml => format!("{key} = \"\""),
            Syntax::Yaml => format!("\"{}\": \"\"", q.question.id),
        };
        out.push_str(&format!("{indent}# {line}   # {}\n", keys.join(" | ")));
    }
    out
}
