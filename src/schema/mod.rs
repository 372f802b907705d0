//! JSON Schemas (draft 2020-12) of the library's files, generated from a loaded criteria file, so that an editor
//! (Taplo for TOML, the YAML language server for YAML) underlines a wrong question id, option key, evidence kind,
//! template field or facet as it is typed. Pure: criteria in, JSON values out; `practice schema` writes them.
//!
//! The schemas describe what the loader accepts (unknown keys are refused there too); checks that need more than
//! one file (cited evidence ids exist, nomination rules, dates) stay with `practice validate`.

pub mod directive;

use serde_json::{json, Map, Value};

use crate::model::criteria::Question;
use crate::model::{Criteria, Practice, UNDECIDED};

/// The draft every schema declares.
pub const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The file names `practice schema` writes, in order: practice, evidence, assessment, criteria.
pub const FILES: [&str; 4] = [
    "practice.schema.json",
    "evidence.schema.json",
    "assessment.schema.json",
    "criteria.schema.json",
];

/// The schema file that describes a library file kind (`practice`, `evidence`, `assessment` — assessor files are
/// assessments too), if any.
pub fn file_for_kind(kind: &str) -> Option<&'static str> {
    match kind {
        "practice" => Some(FILES[0]),
        "evidence" => Some(FILES[1]),
        "assessment" => Some(FILES[2]),
        _ => None,
    }
}

/// All four schemas, as (file name, pretty JSON text ending in a newline).
pub fn all(criteria: &Criteria) -> Vec<(&'static str, String)> {
    let values = [
        practice(criteria),
        evidence(criteria),
        assessment(criteria),
        criteria_format(),
    ];
    FILES
        .iter()
        .zip(values)
        .map(|(name, value)| {
            let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
            text.push('\n');
            (*name, text)
        })
        .collect()
}

fn string(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

fn strings(description: &str) -> Value {
    json!({ "type": "array", "items": { "type": "string" }, "description": description })
}

/// A date as the files write it: a year (`2024`), `"2024-08"`, or a date (`2024-08-01`, a string once read as JSON).
fn date(description: &str) -> Value {
    json!({
        "description": description,
        "anyOf": [
            { "type": "integer", "minimum": 1000, "maximum": 9999 },
            { "type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$" }
        ]
    })
}

fn closed(properties: Map<String, Value>, required: &[&str]) -> Value {
    json!({ "type": "object", "additionalProperties": false, "required": required, "properties": properties })
}

fn header(title: String, description: &str) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert("$schema".into(), json!(DRAFT));
    map.insert("title".into(), json!(title));
    map.insert("description".into(), json!(description));
    map
}

fn with_header(header: Map<String, Value>, body: Value) -> Value {
    let mut map = header;
    if let Value::Object(body) = body {
        map.extend(body);
    }
    Value::Object(map)
}

/// `practice.schema.json`: the description template, with the template fields under `description` and the facet
/// keys under `tags`.
pub fn practice(criteria: &Criteria) -> Value {
    let mut description = Map::new();
    for field in &criteria.template {
        let help = field.help.as_deref().map(|h| format!(" — {h}")).unwrap_or_default();
        description.insert(field.key.clone(), string(&format!("{}{help}", field.label)));
    }
    let mut tags = Map::new();
    for facet in &criteria.facets {
        tags.insert(facet.key.clone(), strings(&facet.label));
    }
    let reference = closed(
        [("title", string("Title")), ("url", string("Address"))]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        &["title"],
    );
    let contact = closed(
        [
            (
                "role",
                json!({ "type": "string", "description": "praksis or nominasjon" }),
            ),
            ("name", string("Name of the person or unit")),
            ("organisation", string("Organisation")),
            ("email", string("E-mail")),
            ("phone", string("Phone")),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect(),
        &["name"],
    );
    let related = closed(
        [
            ("slug", string("The other practice's folder name")),
            ("relation", string("How they relate")),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect(),
        &["slug"],
    );
    let story = closed(
        [("title", string("Title")), ("text", string("The story"))]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        &["title", "text"],
    );
    let mut properties = Map::new();
    for (key, what) in [
        ("name", "Name of the practice"),
        ("summary", "Short description"),
        ("municipality", "Municipality or organisation that owns the practice"),
        ("organisation", "The unit that runs it"),
        ("region", "Region"),
        ("status", "Free-text status"),
        ("variant_of", "Slug of an assessed practice this one is a variant of"),
    ] {
        properties.insert(key.into(), string(what));
    }
    properties.insert("started".into(), date("When it started: a year, \"YYYY-MM\" or a date"));
    properties.insert(
        "tags".into(),
        json!({ "type": "object", "additionalProperties": false, "properties": tags, "description": "Facet key → tag values" }),
    );
    properties.insert(
        "description".into(),
        json!({ "type": "object", "additionalProperties": false, "properties": description, "description": "The description template" }),
    );
    properties.insert("sources".into(), json!({ "type": "array", "items": reference.clone() }));
    properties.insert("links".into(), json!({ "type": "array", "items": reference }));
    properties.insert("contacts".into(), json!({ "type": "array", "items": contact }));
    properties.insert("related".into(), json!({ "type": "array", "items": related }));
    properties.insert("stories".into(), json!({ "type": "array", "items": story }));
    properties.insert("knowledge_needs".into(), knowledge_needs());
    properties.insert(
        "aliases".into(),
        strings("Old slugs of this practice (folder names before a rename)"),
    );
    properties.insert("lifecycle".into(), lifecycle());
    debug_assert!(Practice::TOP_LEVEL_KEYS.iter().all(|k| properties.contains_key(*k)));
    with_header(
        header(
            format!("Practice description ({} {})", criteria.id, criteria.version),
            "practice.toml / practice.yaml of a practice folder; generated by `practice schema`",
        ),
        closed(properties, &[]),
    )
}

fn object(pairs: Vec<(&str, Value)>, required: &[&str]) -> Value {
    closed(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect(), required)
}

/// `knowledge_needs`: texts, or tables with a date and a status.
fn knowledge_needs() -> Value {
    let table = object(
        vec![
            ("need", string("What knowledge is needed")),
            ("date", date("When the need was noted")),
            (
                "status",
                json!({ "enum": ["open", "met"], "description": "open (default) or met" }),
            ),
        ],
        &["need"],
    );
    json!({
        "type": "array",
        "description": "Further knowledge needs",
        "items": { "anyOf": [ { "type": "string" }, table ] }
    })
}

/// `[lifecycle]`: recommended, disseminated, followed up, withdrawn, not recommended, and the roles per phase.
fn lifecycle() -> Value {
    let roles = object(
        [
            "nominated",
            "mapped",
            "assessed",
            "recommended",
            "disseminated",
            "followed_up",
        ]
        .into_iter()
        .map(|phase| (phase, string("The role responsible for this phase")))
        .collect(),
        &[],
    );
    let recommended = object(
        vec![
            ("date", date("When the recommendation was published")),
            ("by", string("Who recommended it")),
            ("approval", string("The approval, e.g. «IMDi anbefaler»")),
        ],
        &["date", "by"],
    );
    let disseminated = object(
        vec![
            ("date", date("When")),
            ("channel", string("Channel")),
            ("audience", string("Audience")),
            ("link", string("Link to the material")),
        ],
        &["date", "channel"],
    );
    let followed_up = object(
        vec![
            ("date", date("When")),
            ("learnt", string("What was learnt")),
            ("knowledge_needs", strings("New knowledge needs")),
            (
                "decision",
                json!({ "enum": ["develop", "reassess", "withdraw"], "description": "What was decided" }),
            ),
        ],
        &["date", "learnt", "decision"],
    );
    let closed_step = |what: &str| {
        object(
            vec![("date", date(what)), ("reason", string("Why"))],
            &["date", "reason"],
        )
    };
    object(
        vec![
            ("roles", roles),
            ("recommended", recommended),
            ("disseminated", json!({ "type": "array", "items": disseminated })),
            ("followed_up", json!({ "type": "array", "items": followed_up })),
            ("withdrawn", closed_step("When the recommendation was withdrawn")),
            (
                "not_recommended",
                closed_step("When it was decided not to recommend it"),
            ),
        ],
        &[],
    )
}

/// `evidence.schema.json`: the evidence table, with the evidence kinds as an enum.
pub fn evidence(criteria: &Criteria) -> Value {
    let kinds: Vec<&str> = criteria.evidence_kinds.iter().map(|k| k.key.as_str()).collect();
    let kind_help: Vec<String> = criteria
        .evidence_kinds
        .iter()
        .map(|k| format!("{} = {}", k.key, k.label))
        .collect();
    let mut row = Map::new();
    row.insert("id".into(), string("Id cited by answers (e1)"));
    row.insert(
        "question".into(),
        string("The question the row answers (problemstilling)"),
    );
    row.insert("finding".into(), string("What was found (funn)"));
    row.insert("source".into(), string("Where it was found (kilde)"));
    row.insert(
        "kind".into(),
        json!({ "enum": kinds, "description": format!("Evidence kind: {}", kind_help.join("; ")) }),
    );
    row.insert("design".into(), string("Study design"));
    row.insert("note".into(), string("A caveat"));
    row.insert("date".into(), date("When"));
    let mut properties = Map::new();
    properties.insert(
        "rows".into(),
        json!({ "type": "array", "items": closed(row, &["id", "question", "finding", "source", "kind"]) }),
    );
    with_header(
        header(
            format!("Evidence table ({} {})", criteria.id, criteria.version),
            "evidence.toml / evidence.yaml of a practice folder; generated by `practice schema`",
        ),
        closed(properties, &[]),
    )
}

/// `assessment.schema.json`: `assessment.*` and `assessments/<assessor>.*`, with the question ids as the keys of
/// `answers` and each question's option keys as an enum. An answer is an option key or a table `{answer, note,
/// evidence}`. Ids that a question `replaces` are accepted (they count for the new question); `?` is the undecided
/// answer of a consensus draft.
pub fn assessment(criteria: &Criteria) -> Value {
    let mut defs = Map::new();
    let mut answers = Map::new();
    let mut add = |question: &Question, def: String, deprecated: bool| {
        let text = if deprecated {
            format!("Replaced by a newer question: {}", question.text)
        } else {
            question.text.clone()
        };
        let mut entry = json!({ "$ref": format!("#/$defs/{def}"), "description": text });
        if deprecated {
            entry["deprecated"] = json!(true);
        }
        let id = if deprecated {
            question.replaces.clone().unwrap_or_default()
        } else {
            question.id.clone()
        };
        answers.insert(id, entry);
    };
    for q in criteria.questions() {
        let mut keys: Vec<String> = q.scale.options.iter().map(|o| o.key.clone()).collect();
        let mut labels: Vec<String> = q
            .scale
            .options
            .iter()
            .map(|o| format!("{} = {}", o.key, o.label))
            .collect();
        let mut def = format!("answer.{}", q.scale_key);
        if let (true, Some(na)) = (q.allows_not_applicable, &criteria.not_applicable) {
            keys.push(na.key.clone());
            labels.push(format!("{} = {}", na.key, na.label));
            def.push_str(".na");
        }
        keys.push(UNDECIDED.to_string());
        defs.entry(def.clone()).or_insert_with(|| answer_def(&keys, &labels));
        add(q.question, def.clone(), false);
        if q.question.replaces.is_some() {
            add(q.question, def, true);
        }
    }
    let criterion_ids: Vec<&str> = criteria.criteria.iter().map(|c| c.id.as_str()).collect();
    let mut decisions = Map::new();
    for stage in &criteria.stages {
        let keys: Vec<&str> = stage.options.iter().map(|o| o.key.as_str()).collect();
        decisions.insert(stage.key.clone(), json!({ "enum": keys, "description": stage.label }));
    }
    let mut properties = Map::new();
    properties.insert(
        "criteria".into(),
        json!({ "type": "string", "description": format!("Id of the criteria file ({})", criteria.id) }),
    );
    properties.insert(
        "criteria_version".into(),
        json!({ "type": "string", "description": format!("Its version ({})", criteria.version) }),
    );
    properties.insert("assessors".into(), strings("Who assessed"));
    properties.insert("date".into(), date("When"));
    properties.insert("status".into(), string("Free-text status"));
    properties.insert(
        "illustration".into(),
        json!({ "type": "boolean", "description": "The assessment is an illustration, not a published one" }),
    );
    properties.insert(
        "evidence_fingerprint".into(),
        string("Written by `practice assess` and `form import`: the evidence the answers were given against"),
    );
    properties.insert("justification".into(), string("Overall justification"));
    properties.insert(
        "justifications".into(),
        json!({ "type": "object", "propertyNames": { "enum": criterion_ids }, "additionalProperties": { "type": "string" }, "description": "Justification per criterion id" }),
    );
    properties.insert(
        "answers".into(),
        json!({ "type": "object", "additionalProperties": false, "properties": answers, "description": "Question id → answer" }),
    );
    properties.insert(
        "decisions".into(),
        json!({ "type": "object", "additionalProperties": false, "properties": decisions, "description": "Stage → decision (independent assessors)" }),
    );
    let mut schema = header(
        format!("Assessment ({} {})", criteria.id, criteria.version),
        "assessment.toml / assessments/<assessor>.toml of a practice folder; generated by `practice schema`",
    );
    schema.insert("$defs".into(), Value::Object(defs));
    with_header(schema, closed(properties, &[]))
}

fn answer_def(keys: &[String], labels: &[String]) -> Value {
    let description = format!("{}; ? = undecided", labels.join("; "));
    json!({
        "description": description,
        "anyOf": [
            { "enum": keys },
            {
                "type": "object",
                "additionalProperties": false,
                "required": ["answer"],
                "properties": {
                    "answer": { "enum": keys, "description": description },
                    "note": { "type": "string", "description": "Why" },
                    "evidence": { "type": "array", "items": { "type": "string" }, "description": "Evidence row ids" }
                }
            }
        ]
    })
}

/// `criteria.schema.json`: the criteria format itself (the same for every criteria file). One JSON literal that
/// mirrors the model's structs top to bottom, kept whole so it reads beside `model::criteria` (hence its length).
pub fn criteria_format() -> Value {
    let key_label = |extra: Value| {
        let mut props = json!({ "key": { "type": "string" }, "label": { "type": "string" } });
        if let (Value::Object(p), Value::Object(e)) = (&mut props, extra) {
            p.extend(e);
        }
        json!({ "type": "object", "additionalProperties": false, "required": ["key", "label"], "properties": props })
    };
    let number = json!({ "type": "number" });
    let fraction = json!({ "type": "number", "minimum": 0, "maximum": 1 });
    let review = json!({
        "type": "object", "additionalProperties": false, "required": ["interval_months"],
        "description": "When an assessment is due for review (`practice due`)",
        "properties": {
            "interval_months": { "type": "integer", "minimum": 1 },
            "bands": { "type": "object", "additionalProperties": { "type": "integer", "minimum": 1 } }
        }
    });
    let stage_gates = json!({ "type": "array", "items": {
        "type": "object", "additionalProperties": false, "required": ["question", "answers"],
        "properties": {
            "question": { "type": "string" },
            "answers": { "type": "array", "items": { "type": "string" }, "minItems": 1 }
        }
    } });
    let thresholds = json!({ "type": "array", "items": {
                        "type": "object", "additionalProperties": false, "required": ["facet", "value", "band", "min"],
                        "properties": {
                            "facet": { "type": "string" }, "value": { "type": "string" },
                            "band": { "type": "string" }, "min": fraction
                        }
                    } });
    let bands = json!({ "type": "array", "items": {
                        "type": "object", "additionalProperties": false, "required": ["key", "label", "min"],
                        "properties": {
                            "key": { "type": "string" }, "label": { "type": "string" },
                            "min": fraction, "description": { "type": "string" },
                            "floors": { "type": "array", "items": {
                                "type": "object", "additionalProperties": false, "required": ["criterion"],
                                "properties": { "criterion": { "type": "string" }, "min": fraction, "above": fraction }
                            } },
                            "gates": { "type": "array", "items": {
                                "type": "object", "additionalProperties": false, "required": ["question", "answers"],
                                "properties": {
                                    "question": { "type": "string" },
                                    "answers": { "type": "array", "items": { "type": "string" }, "minItems": 1 }
                                }
                            } },
                            "evidence": { "type": "array", "items": {
                                "type": "object", "additionalProperties": false, "required": ["kinds"],
                                "properties": {
                                    "kinds": { "type": "array", "items": { "type": "string" }, "minItems": 1 },
                                    "min": { "type": "integer", "minimum": 1 }
                                }
                            } }
                        }
                    } });
    let mut schema = json!({
        "$schema": DRAFT,
        "title": "Criteria file (criteria.toml)",
        "description": "The assessment model: scales, criteria and questions, bands, template, evidence kinds, facets, stages; see docs/FORMATS.md",
        "type": "object",
        "additionalProperties": false,
        "required": ["id", "version", "title", "scales", "classification", "criteria"],
        "properties": {
            "id": { "type": "string", "minLength": 1 },
            "version": { "type": "string", "minLength": 1 },
            "title": { "type": "string" },
            "source": { "type": "string" },
            "language": { "type": "string" },
            "labels": { "type": "object", "additionalProperties": { "type": "string" } },
            "not_applicable": key_label(json!({ "unknown_markers": { "type": "array", "items": { "type": "string" } } })),
            "nomination": {
                "type": "object", "additionalProperties": false,
                "properties": {
                    "required": { "type": "array", "items": { "enum": Practice::TOP_LEVEL_KEYS } },
                    "min_years_practised": { "type": "integer", "minimum": 0 }
                }
            },
            "template": { "type": "array", "items": key_label(json!({
                "required": { "type": "boolean" },
                "min_length": { "type": "integer", "minimum": 0 },
                "help": { "type": "string" },
                "private": { "type": "boolean" }
            })) },
            "evidence_kinds": { "type": "array", "items": key_label(json!({ "description": { "type": "string" } })) },
            "facets": { "type": "array", "items": key_label(json!({
                "values": { "type": "array", "items": {
                    "type": "object", "additionalProperties": false, "required": ["value"],
                    "properties": {
                        "value": { "type": "string" },
                        "synonyms": { "type": "array", "items": { "type": "string" } }
                    }
                } }
            })) },
            "stages": { "type": "array", "items": key_label(json!({
                "options": { "type": "array", "items": key_label(json!({ "advance": { "type": "boolean" } })) },
                "gates": stage_gates
            })) },
            "scales": {
                "type": "object",
                "additionalProperties": {
                    "type": "object", "additionalProperties": false, "required": ["options"],
                    "properties": {
                        "label": { "type": "string" },
                        "not_applicable": { "type": "boolean" },
                        "ordered": { "type": "boolean" },
                        "options": { "type": "array", "items": key_label(json!({ "points": number })) }
                    }
                }
            },
            "aggregation": {
                "type": "object", "additionalProperties": false,
                "properties": { "method": { "enum": ["weighted-mean", "pooled"] } }
            },
            "classification": {
                "type": "object", "additionalProperties": false, "required": ["bands"],
                "properties": {
                    "judgement_zone": {
                        "type": "object", "additionalProperties": false, "required": ["from", "to"],
                        "properties": { "from": fraction, "to": fraction }
                    },
                    "cumulative": { "type": "boolean", "description": "Each band's conditions include those of the bands below it" },
                    "threshold_rule": { "enum": ["strictest", "lenient"] },
                    "thresholds": thresholds,
                    "bands": bands
                }
            },
            "criteria": { "type": "array", "items": {
                "type": "object", "additionalProperties": false, "required": ["id", "label"],
                "properties": {
                    "id": { "type": "string" }, "label": { "type": "string" },
                    "weight": { "type": "number", "minimum": 0 },
                    "scale": { "type": "string" }, "description": { "type": "string" },
                    "shortfall": { "type": "string" },
                    "questions": { "type": "array", "items": { "$ref": "#/$defs/question" } }
                }
            } }
        },
        "$defs": {
            "question": {
                "type": "object", "additionalProperties": false, "required": ["id", "text"],
                "properties": {
                    "id": { "type": "string", "minLength": 1 },
                    "text": { "type": "string" },
                    "hint": { "type": "string" },
                    "scale": { "type": "string" },
                    "weight": { "type": "number", "minimum": 0 },
                    "reverse": { "type": "boolean" },
                    "not_applicable": { "type": "boolean" },
                    "replaces": { "type": "string" },
                    "fields": { "type": "array", "items": { "type": "string" }, "description": "Template keys (or name, summary) the question is about" },
                    "evidence_kinds": { "type": "array", "items": { "type": "string" }, "description": "Evidence kinds that support the best answer" },
                    "sub": { "type": "array", "items": { "$ref": "#/$defs/question" } }
                }
            }
        }
    });
    schema["properties"]["review"] = review;
    schema
}
