//! Editing a hand-written assessment file because the user asked for it (`practice form import`, `practice
//! assess`): only the answers the edit names change; comments, order, formatting and every other key stay as they
//! were. TOML only: a YAML file cannot be edited without losing its comments and layout with the parsers at hand, so
//! it is refused with a message that says so.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context};
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, Value};

use crate::model::Format;

/// One answer as an edit writes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnswerEdit {
    /// The option key (or `?`, undecided).
    pub value: String,
    /// The note, if any.
    pub note: Option<String>,
    /// Cited evidence ids.
    pub evidence: Vec<String>,
}

/// What to change in an assessment file.
#[derive(Clone, Debug, Default)]
pub struct AssessmentEdit {
    /// The criteria id written when the file has none (a new file).
    pub criteria_id: String,
    /// The criteria version written when the file has none.
    pub criteria_version: String,
    /// Answers to set, by question id.
    pub set: BTreeMap<String, AnswerEdit>,
    /// Question ids whose answer is removed (unanswered again).
    pub remove: Vec<String>,
    /// The evidence's fingerprint to record as `evidence_fingerprint` (what the answers were given against), when
    /// set; `practice due` compares it with the evidence as it is now.
    pub evidence_fingerprint: Option<String>,
}

/// An assessment file being edited over several writes (`practice assess`): the exact bytes last read or written,
/// which the next write expects to find on disk ([`crate::write::replace_edited`]), so a change made meanwhile by
/// anyone else is refused rather than overwritten.
#[derive(Debug)]
pub struct EditedFile {
    path: std::path::PathBuf,
    bytes: Option<Vec<u8>>,
}

impl EditedFile {
    /// Read `path` (absent is fine: the first write creates it) and check that it can be edited at all (not YAML,
    /// valid TOML, UTF-8).
    pub fn open(path: &Path) -> anyhow::Result<EditedFile> {
        let bytes = crate::load::raw::read_bytes(path, crate::load::source::MAX_FILE_SIZE)?;
        let file = EditedFile {
            path: path.to_path_buf(),
            bytes,
        };
        edit_assessment(&file.path, file.text()?, &AssessmentEdit::default())?;
        Ok(file)
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Its text as last read or written; `None` while it does not exist.
    pub fn text(&self) -> anyhow::Result<Option<&str>> {
        self.bytes
            .as_deref()
            .map(|b| std::str::from_utf8(b).with_context(|| format!("{} is not UTF-8", self.path.display())))
            .transpose()
    }

    /// Apply `edit` and write the file atomically. A file that does not exist yet is created (with its folder), its
    /// text preceded by `first_line` (the schema directive) when given. Refused when the file changed on disk since
    /// it was last read or written here.
    pub fn apply(&mut self, edit: &AssessmentEdit, first_line: Option<&str>) -> anyhow::Result<super::WriteResult> {
        let mut text = edit_assessment(&self.path, self.text()?, edit)?;
        if self.bytes.is_none() {
            if let Some(line) = first_line {
                text = format!("{line}\n{text}");
            }
            if let Some(parent) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
            }
        }
        let result = super::replace_edited(&self.path, self.bytes.as_deref(), text.as_bytes())?;
        self.bytes = Some(text.into_bytes());
        Ok(result)
    }
}

/// The text of the assessment file after `edit`, from its current text (`None`: a new file, written as TOML with
/// `criteria`, `criteria_version` and `[answers]`). An answer that has only a value is written as a bare key
/// (`"5a" = "ja"`); one with a note or evidence as an inline table. An answer already in the file keeps its form
/// where it can (a bare value stays bare; a table keeps its other keys).
pub fn edit_assessment(path: &Path, existing: Option<&str>, edit: &AssessmentEdit) -> anyhow::Result<String> {
    if Format::from_path(path) == Some(Format::Yaml) {
        bail!(
            "{} is YAML: it cannot be edited in place without losing its comments and layout; \
             convert it to TOML (or edit it by hand)",
            path.display()
        );
    }
    let mut doc: DocumentMut = match existing {
        Some(text) => text
            .trim_start_matches('\u{feff}')
            .parse()
            .with_context(|| format!("{} is not valid TOML; fix it before editing", path.display()))?,
        None => {
            let mut doc = DocumentMut::new();
            doc["criteria"] = toml_edit::value(edit.criteria_id.as_str());
            doc["criteria_version"] = toml_edit::value(edit.criteria_version.as_str());
            doc
        }
    };
    let before = existing.map(|_| doc.to_string());
    if !doc.contains_key("answers") {
        doc["answers"] = Item::Table(Table::new());
    }
    let answers = match doc["answers"].as_table_like_mut() {
        Some(table) => table,
        None => bail!("{}: `answers` is not a table", path.display()),
    };
    for id in &edit.remove {
        answers.remove(id);
    }
    for (id, answer) in &edit.set {
        match answers.get_mut(id) {
            Some(item) => update_answer(item, answer),
            None => {
                answers.insert(id, Item::Value(new_answer(answer)));
            }
        }
    }
    // The evidence the answers were given against is recorded when the answers change (an unchanged import leaves
    // the file as it was).
    if let Some(fingerprint) = &edit.evidence_fingerprint {
        let changed = before.is_none_or(|b| b != doc.to_string());
        if changed && doc.get("evidence_fingerprint").and_then(Item::as_str) != Some(fingerprint.as_str()) {
            doc["evidence_fingerprint"] = toml_edit::value(fingerprint.as_str());
        }
    }
    Ok(doc.to_string())
}

fn new_answer(answer: &AnswerEdit) -> Value {
    if answer.note.is_none() && answer.evidence.is_empty() {
        return Value::from(answer.value.as_str());
    }
    let mut table = InlineTable::new();
    table.insert("answer", Value::from(answer.value.as_str()));
    if let Some(note) = &answer.note {
        table.insert("note", Value::from(note.as_str()));
    }
    if !answer.evidence.is_empty() {
        table.insert("evidence", Value::Array(evidence_array(&answer.evidence)));
    }
    Value::InlineTable(table)
}

fn evidence_array(ids: &[String]) -> Array {
    ids.iter().map(String::as_str).collect()
}

/// Change an existing answer in place, keeping its decoration (comments around it) and any keys the edit does not
/// know about.
fn update_answer(item: &mut Item, answer: &AnswerEdit) {
    if let Some(table) = item.as_table_like_mut() {
        set_or_keep(table, "answer", Some(Value::from(answer.value.as_str())));
        set_or_keep(table, "note", answer.note.as_deref().map(Value::from));
        let evidence = (!answer.evidence.is_empty()).then(|| Value::Array(evidence_array(&answer.evidence)));
        set_or_keep(table, "evidence", evidence);
        return;
    }
    let plain = answer.note.is_none() && answer.evidence.is_empty();
    let unchanged = item.as_str() == Some(answer.value.as_str()) && plain;
    if unchanged {
        return;
    }
    let decor = item.as_value().map(|v| v.decor().clone());
    let mut value = new_answer(answer);
    if let Some(decor) = decor {
        *value.decor_mut() = decor;
    }
    *item = Item::Value(value);
}

/// Set `key` to `value` unless it already holds an equal value (so an unchanged answer keeps its exact text); remove
/// it when `value` is `None`.
fn set_or_keep(table: &mut dyn toml_edit::TableLike, key: &str, value: Option<Value>) {
    match value {
        None => {
            table.remove(key);
        }
        Some(value) => {
            let same = table
                .get(key)
                .and_then(Item::as_value)
                .is_some_and(|old| same_value(old, &value));
            if !same {
                let decor = table.get(key).and_then(Item::as_value).map(|v| v.decor().clone());
                let mut value = value;
                if let Some(decor) = decor {
                    *value.decor_mut() = decor;
                }
                table.insert(key, Item::Value(value));
            }
        }
    }
}

fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => x.value() == y.value(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same_value(p, q))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(set: &[(&str, &str, Option<&str>, &[&str])], remove: &[&str]) -> AssessmentEdit {
        AssessmentEdit {
            criteria_id: "imdi".into(),
            criteria_version: "1".into(),
            evidence_fingerprint: None,
            set: set
                .iter()
                .map(|(id, value, note, evidence)| {
                    (
                        id.to_string(),
                        AnswerEdit {
                            value: value.to_string(),
                            note: note.map(str::to_string),
                            evidence: evidence.iter().map(|e| e.to_string()).collect(),
                        },
                    )
                })
                .collect(),
            remove: remove.iter().map(|r| r.to_string()).collect(),
        }
    }

    const FILE: &str = "# Vurdering\ncriteria = \"imdi\" # id\ncriteria_version = \"1\"\n\n[answers]\n# første\n\"1\" = \"ja\" # merknad\n\"2\" = { answer = \"nei\", note = \"Mangler.\", evidence = [\"e1\"], extra = 1 }\n";

    #[test]
    fn an_unchanged_edit_keeps_the_file_byte_for_byte() {
        let same = edit(&[("1", "ja", None, &[]), ("2", "nei", Some("Mangler."), &["e1"])], &[]);
        assert_eq!(edit_assessment(Path::new("a.toml"), Some(FILE), &same).unwrap(), FILE);
    }

    #[test]
    fn changes_touch_only_the_answers_named_and_keep_comments() {
        let change = edit(&[("1", "nei", None, &[]), ("3", "ja", Some("Ny \"note\"\n"), &[])], &[]);
        let text = edit_assessment(Path::new("a.toml"), Some(FILE), &change).unwrap();
        assert!(text.starts_with("# Vurdering\ncriteria = \"imdi\" # id\n"), "{text}");
        assert!(text.contains("# første\n\"1\" = \"nei\" # merknad\n"), "{text}");
        assert!(text.contains("extra = 1"), "{text}");
        let parsed: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(parsed["answers"]["3"]["note"].as_str(), Some("Ny \"note\"\n"));
        assert_eq!(parsed["answers"]["2"]["answer"].as_str(), Some("nei"));
    }

    #[test]
    fn removing_and_table_answers_lose_only_what_changed() {
        let change = edit(&[("2", "ja", None, &[])], &["1"]);
        let text = edit_assessment(Path::new("a.toml"), Some(FILE), &change).unwrap();
        let parsed: toml::Table = toml::from_str(&text).unwrap();
        assert!(parsed["answers"].get("1").is_none());
        let two = parsed["answers"]["2"].as_table().unwrap();
        assert_eq!(two["answer"].as_str(), Some("ja"));
        assert!(two.get("note").is_none() && two.get("evidence").is_none());
        assert_eq!(two["extra"].as_integer(), Some(1));
    }

    #[test]
    fn a_new_file_names_the_criteria() {
        let text = edit_assessment(Path::new("a.toml"), None, &edit(&[("5a", "ja", None, &[])], &[])).unwrap();
        assert_eq!(
            text,
            "criteria = \"imdi\"\ncriteria_version = \"1\"\n\n[answers]\n5a = \"ja\"\n"
        );
    }

    #[test]
    fn an_edited_file_expects_its_own_last_write_and_refuses_a_change_made_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("assessments/a.toml");
        let mut file = EditedFile::open(&path).unwrap();
        let first = edit(&[("1", "ja", None, &[])], &[]);
        file.apply(&first, Some("#:schema ./x.json")).unwrap();
        file.apply(&edit(&[("2", "nei", None, &[])], &[]), Some("#:schema ./x.json"))
            .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("#:schema ./x.json\ncriteria"), "{text}");
        assert_eq!(text.matches("#:schema").count(), 1, "{text}");
        std::fs::write(&path, format!("{text}# by hand\n")).unwrap();
        let error = file.apply(&edit(&[("3", "ja", None, &[])], &[]), None).unwrap_err();
        assert!(error.to_string().contains("changed on disk"), "{error}");
        assert!(std::fs::read_to_string(&path).unwrap().ends_with("# by hand\n"));
        let yaml = dir.path().join("assessment.yaml");
        std::fs::write(&yaml, "answers: {}\n").unwrap();
        assert!(EditedFile::open(&yaml).unwrap_err().to_string().contains("is YAML"));
    }

    #[test]
    fn yaml_and_broken_toml_are_refused() {
        let e = edit(&[], &[]);
        let yaml = edit_assessment(Path::new("assessment.yaml"), Some("answers: {}\n"), &e).unwrap_err();
        assert!(yaml.to_string().contains("is YAML"), "{yaml}");
        assert!(edit_assessment(Path::new("a.toml"), Some("answers = [\n"), &e).is_err());
    }

    #[test]
    fn the_evidence_fingerprint_is_set_at_the_top_and_kept_when_unchanged() {
        let mut with = edit(&[("1", "ja", None, &[])], &[]);
        with.evidence_fingerprint = Some("sha256:ab".into());
        let text = edit_assessment(
            Path::new("a.toml"),
            Some("criteria = \"imdi\"\n\n[answers]\n\"1\" = \"nei\"\n"),
            &with,
        )
        .unwrap();
        assert_eq!(
            text,
            "criteria = \"imdi\"\nevidence_fingerprint = \"sha256:ab\"\n\n[answers]\n\"1\" = \"ja\"\n"
        );
        assert_eq!(edit_assessment(Path::new("a.toml"), Some(&text), &with).unwrap(), text);
    }
}
