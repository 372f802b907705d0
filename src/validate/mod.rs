//! Completeness and consistency checks of practice files against the criteria.
//!
//! Each check takes the parsed value and its [`SourceFile`] (for locations) and pushes [`Finding`]s. Checks never
//! stop at the first problem: a user fixing a file wants to see everything at once.

use crate::diagnostic::Code;
use std::collections::{HashMap, HashSet};

use crate::diagnostic::suggest::did_you_mean;
use crate::diagnostic::{Finding, KeyPath, Severity};
use crate::load::source::{misplaced_hint, SourceFile};
use crate::model::{Assessment, Criteria, Evidence, PartialDate, Practice, PracticeEntry, UNDECIDED};

pub mod aliases;
pub mod criteria;
mod library;
pub mod lifecycle;
pub mod similar;

pub use library::{check_practice_folder, load_practice_checked, load_with_content_keys, Checks};

/// Which kind of assessment file is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// `assessment.*`: the consensus, which must be complete and decided.
    Consensus,
    /// `assessments/<assessor>.*`: one assessor's, which may be partial.
    Independent,
}

/// Check `practice.*`: nomination rules, template fields, facet tags.
pub fn check_practice(
    source: &SourceFile,
    practice: &Practice,
    criteria: &Criteria,
    today: PartialDate,
    out: &mut Vec<Finding>,
) {
    let root = KeyPath::root();
    for key in &criteria.nomination.required {
        if practice.top_level_text(key).is_none() {
            out.push(source.finding(
                Severity::Error,
                Code::MissingKey,
                root.key(key.clone()),
                format!("`{key}` is required for a nomination"),
            ));
        }
    }
    if let Some(started) = practice.started {
        if started.years_until(today) < 0 || (started.year == today.year && started.month > today.month) {
            out.push(source.finding(
                Severity::Error,
                Code::InvalidValue,
                root.key("started"),
                format!("`started` ({started}) lies in the future"),
            ));
        } else if let Some(min) = criteria.nomination.min_years_practised {
            if started.years_until(today) < min as i32 {
                out.push(source.finding(
                    Severity::Warning,
                    Code::TooRecent,
                    root.key("started"),
                    format!(
                        "practised for less than {} (started {started}); the nomination rules ask for at least {min}",
                        crate::model::number::count(usize::try_from(min).unwrap_or(usize::MAX), "year", "years")
                    ),
                ));
            }
        }
    }
    // The description template.
    let template_keys: Vec<&str> = criteria.template.iter().map(|f| f.key.as_str()).collect();
    for (key, text) in &practice.description {
        let path = root.key("description").key(key.clone());
        match criteria.template.iter().find(|f| &f.key == key) {
            None => out.push(
                match misplaced_hint::<Practice>(source.format, key, &root.key("description")) {
                    Some((message, help)) => source
                        .finding(Severity::Error, Code::UnknownKey, path, message)
                        .with_help(help),
                    None => source
                        .finding(
                            Severity::Error,
                            Code::UnknownKey,
                            path,
                            format!("`{key}` is not a field of the description template"),
                        )
                        .with_help_opt(did_you_mean(key, template_keys.iter().copied())),
                },
            ),
            Some(field) => {
                let length = text.trim().chars().count();
                if length > 0 && length < field.min_length {
                    let severity = if field.required {
                        Severity::Error
                    } else {
                        Severity::Warning
                    };
                    out.push(source.finding(
                        severity,
                        Code::TooShort,
                        path,
                        format!(
                            "«{}» is too short to be useful ({length} characters; at least {})",
                            field.label, field.min_length
                        ),
                    ));
                }
            }
        }
    }
    for field in criteria.template.iter().filter(|f| f.required) {
        let present = practice
            .description
            .get(&field.key)
            .is_some_and(|t| !t.trim().is_empty());
        if !present {
            out.push(source.finding(
                Severity::Error,
                Code::MissingField,
                root.key("description").key(field.key.clone()),
                format!("the template field «{}» (`{}`) is required", field.label, field.key),
            ));
        }
    }
    // Facet tags.
    let facet_keys: Vec<&str> = criteria.facets.iter().map(|f| f.key.as_str()).collect();
    for (key, values) in &practice.tags {
        let path = root.key("tags").key(key.clone());
        if criteria.facet(key).is_none() {
            out.push(
                source
                    .finding(
                        Severity::Error,
                        Code::UnknownKey,
                        path.clone(),
                        format!("`{key}` is not a facet of the knowledge base"),
                    )
                    .with_help_opt(did_you_mean(key, facet_keys.iter().copied())),
            );
        }
        for (i, value) in values.iter().enumerate() {
            if value.trim().is_empty() {
                out.push(source.finding(Severity::Error, Code::Empty, path.index(i), "empty tag"));
            } else if let Some(facet) = criteria.facet(key).filter(|f| f.canonical(value).is_none()) {
                let words = facet
                    .values
                    .iter()
                    .flat_map(|v| std::iter::once(v.value.as_str()).chain(v.synonyms.iter().map(String::as_str)));
                let help = crate::diagnostic::suggest::closest(value, words).map(|near| match facet.canonical(near) {
                    Some(canonical) if canonical != near => format!("did you mean `{near}` (shown as `{canonical}`)?"),
                    _ => format!("did you mean `{near}`?"),
                });
                out.push(
                    source
                        .finding(
                            Severity::Warning,
                            Code::NotInVocabulary,
                            path.index(i),
                            format!("«{value}» is not a value of the facet «{}»", facet.label),
                        )
                        .with_help_opt(help),
                );
            }
        }
    }
    for (i, contact) in practice.contacts.iter().enumerate() {
        if contact.name.trim().is_empty() {
            out.push(source.finding(
                Severity::Error,
                Code::Empty,
                root.key("contacts").index(i).key("name"),
                "contact has an empty name",
            ));
        }
    }
}

/// Check `evidence.*`: unique ids, known kinds, rows filled in.
pub fn check_evidence(source: &SourceFile, evidence: &Evidence, criteria: &Criteria, out: &mut Vec<Finding>) {
    let kinds: Vec<&str> = criteria.evidence_kinds.iter().map(|k| k.key.as_str()).collect();
    let mut ids = HashSet::new();
    for (i, row) in evidence.rows.iter().enumerate() {
        let path = KeyPath::root().key("rows").index(i);
        if row.id.trim().is_empty() {
            out.push(source.finding(
                Severity::Error,
                Code::Empty,
                path.key("id"),
                "evidence row has an empty id",
            ));
        } else if !ids.insert(row.id.as_str()) {
            out.push(source.finding(
                Severity::Error,
                Code::DuplicateId,
                path.key("id"),
                format!("evidence id `{}` appears twice", row.id),
            ));
        }
        if !kinds.is_empty() && !kinds.contains(&row.kind.as_str()) {
            out.push(
                source
                    .finding(
                        Severity::Error,
                        Code::UnknownKind,
                        path.key("kind"),
                        format!(
                            "unknown evidence kind `{}`; the criteria declare: {}",
                            row.kind,
                            kinds.join(", ")
                        ),
                    )
                    .with_help_opt(did_you_mean(&row.kind, kinds.iter().copied())),
            );
        }
        for (key, value) in [
            ("question", &row.question),
            ("finding", &row.finding),
            ("source", &row.source),
        ] {
            if value.trim().is_empty() {
                out.push(source.finding(
                    Severity::Error,
                    Code::Empty,
                    path.key(key),
                    format!("`{key}` must not be empty"),
                ));
            }
        }
    }
}

/// Evidence against the consensus answers (warnings): an answer with the best option of a question whose
/// `evidence_kinds` name what supports it, citing no row of those kinds (`answer-without-evidence`); an evidence row
/// that no answer cites (`uncited-evidence`, reported in the evidence file); an «ikke relevant» answer whose note
/// holds one of the criteria's `unknown_markers` (`not-applicable-unknown`).
pub fn check_evidence_use(
    source: &SourceFile,
    assessment: &Assessment,
    evidence: Option<(&SourceFile, &Evidence)>,
    criteria: &Criteria,
    out: &mut Vec<Finding>,
) {
    let root = KeyPath::root();
    let na = criteria.not_applicable.as_ref();
    let rows: HashMap<&str, &crate::model::EvidenceRow> = evidence
        .map(|(_, e)| e.rows.iter().map(|r| (r.id.as_str(), r)).collect())
        .unwrap_or_default();
    for question in criteria.questions() {
        let q = question.question;
        let found = assessment.answers.get_key_value(&q.id).or_else(|| {
            q.replaces
                .as_ref()
                .and_then(|old| assessment.answers.get_key_value(old))
        });
        let Some((id, answer)) = found else {
            continue;
        };
        let path = root.key("answers").key(id.clone());
        if na.is_some_and(|na| na.key == answer.answer) {
            let note = answer.note.as_deref().unwrap_or("").to_lowercase();
            let marker = na.into_iter().flat_map(|na| na.unknown_markers.iter()).find(|m| {
                let m = m.trim().to_lowercase();
                !m.is_empty() && note.contains(&m)
            });
            if let Some(marker) = marker {
                out.push(source.finding(
                    Severity::Warning,
                    Code::NotApplicableUnknown,
                    path,
                    format!(
                        "question `{}` is «{}», but its note says the knowledge is missing («{marker}»): unknown is not irrelevant — answer with the scale, or gather the evidence",
                        q.id, answer.answer
                    ),
                ));
            }
            continue;
        }
        if q.evidence_kinds.is_empty() {
            continue;
        }
        let Some(option) = question.scale.option(&answer.answer) else {
            continue;
        };
        let best = if q.reverse {
            question.scale.min_points()
        } else {
            question.scale.max_points()
        };
        if option.points != best {
            continue;
        }
        let supported = answer
            .evidence
            .iter()
            .filter_map(|cited| rows.get(cited.as_str()))
            .any(|row| q.evidence_kinds.contains(&row.kind));
        if !supported {
            let cited: Vec<String> = answer
                .evidence
                .iter()
                .map(|c| match rows.get(c.as_str()) {
                    Some(row) => format!("{c} ({})", row.kind),
                    None => c.clone(),
                })
                .collect();
            let cites = if cited.is_empty() {
                "cites no evidence".to_string()
            } else {
                format!("cites only {}", cited.join(", "))
            };
            out.push(source.finding(
                Severity::Warning,
                Code::AnswerWithoutEvidence,
                path,
                format!(
                    "question `{}` is answered «{}», which rests on evidence of kind {}, but the answer {cites}",
                    q.id,
                    answer.answer,
                    q.evidence_kinds.join(" or ")
                ),
            ));
        }
    }
    if let Some((evidence_source, evidence)) = evidence {
        let cited: HashSet<&str> = assessment
            .answers
            .values()
            .flat_map(|a| a.evidence.iter().map(String::as_str))
            .collect();
        for (i, row) in evidence.rows.iter().enumerate() {
            if !cited.contains(row.id.as_str()) {
                out.push(evidence_source.finding(
                    Severity::Warning,
                    Code::UncitedEvidence,
                    root.key("rows").index(i).key("id"),
                    format!(
                        "evidence row `{}` is cited by no answer of the assessment: cite it where it bears on an answer (a finding against the answer counts too)",
                        row.id
                    ),
                ));
            }
        }
    }
}

/// How many unknown ids or options of one assessment file get a "did you mean" hint; the others are reported without
/// one. Each hint looks through the candidates, so a 1 MiB file of 30,000 unknown answers against 10,000 questions
/// would otherwise spend most of a validation on hints nobody reads; 20 are more than anyone reads before fixing it.
pub const MAX_HINTS_PER_FILE: usize = 20;

/// "Did you mean" hints for one file, at most [`MAX_HINTS_PER_FILE`] of them.
struct Hints {
    left: usize,
}

impl Hints {
    fn new() -> Hints {
        Hints {
            left: MAX_HINTS_PER_FILE,
        }
    }

    fn did_you_mean<'a>(&mut self, word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        did_you_mean(word, candidates)
    }

    /// "did you mean …?" for an answer that is not an option: see [`crate::diagnostic::suggest::answer`].
    fn answer(&mut self, word: &str, options: &[&str], not_applicable: Option<&str>) -> Option<String> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        crate::diagnostic::suggest::answer(word, options, not_applicable).map(|c| format!("did you mean `{c}`?"))
    }
}

/// At most this many evidence ids are listed in an `unknown-evidence` finding.
const MAX_KNOWN_IDS: usize = 10;

/// " (known: e1, e2, …)": the evidence file's ids in file order, at most [`MAX_KNOWN_IDS`]; empty without rows.
fn known_ids(evidence: &crate::model::Evidence) -> String {
    if evidence.rows.is_empty() {
        return String::new();
    }
    let mut ids: Vec<&str> = evidence
        .rows
        .iter()
        .take(MAX_KNOWN_IDS)
        .map(|r| r.id.as_str())
        .collect();
    if evidence.rows.len() > MAX_KNOWN_IDS {
        ids.push("…");
    }
    format!(" (known: {})", ids.join(", "))
}

/// Check an assessment: criteria version, answers against questions and scales, cited evidence, decisions.
pub fn check_assessment(
    source: &SourceFile,
    assessment: &Assessment,
    criteria: &Criteria,
    evidence: Option<&Evidence>,
    role: Role,
    out: &mut Vec<Finding>,
) {
    let root = KeyPath::root();
    let mut hints = Hints::new();
    match (&assessment.criteria, &assessment.criteria_version) {
        (Some(id), _) if id != &criteria.id && criteria.accepts(Some(id)) => out.push(source.finding(
            Severity::Warning,
            Code::CriteriaMismatch,
            root.key("criteria"),
            format!("made against criteria `{id}`, which the current criteria `{}` replace: scored against the current file; reassessment is due", criteria.id),
        )),
        (Some(id), _) if id != &criteria.id => out.push(source.finding(
            Severity::Error,
            Code::CriteriaMismatch,
            root.key("criteria"),
            format!("made against criteria `{id}`, but the current criteria are `{}`: not classified (if `{}` is the new id of the same model, list `{id}` in `replaces` at the top of the criteria file)", criteria.id, criteria.id),
        )),
        (Some(_), Some(version)) if version != &criteria.version => out.push(source.finding(
            Severity::Warning,
            Code::CriteriaVersion,
            root.key("criteria_version"),
            format!("made against version {version}, the current criteria are version {}: scored against the current file; regrading is due", criteria.version),
        )),
        (None, _) | (_, None) if role == Role::Consensus => out.push(source.finding(
            Severity::Warning,
            Code::CriteriaVersion,
            root.clone(),
            "the assessment does not say which criteria id and version it was made against (`criteria`, `criteria_version`)",
        )),
        _ => {}
    }
    let na_key = criteria.not_applicable_key();
    // Built on first use: most answers cite nothing, and most assessments have no finding (10,000 practices × 36
    // answers make every allocation per answer count).
    let mut evidence_ids: Option<HashSet<&str>> = None;
    for (id, answer) in &assessment.answers {
        let path = || root.key("answers").key(id.clone());
        let question = match criteria.question(id) {
            Some(q) => q,
            None => match criteria.replacement_of(id) {
                Some(q) => {
                    if assessment.answers.contains_key(&q.question.id) {
                        out.push(source.finding(
                            Severity::Error,
                            Code::DuplicateAnswer,
                            path(),
                            format!(
                                "question `{id}` is now `{}`, which is answered too: keep one",
                                q.question.id
                            ),
                        ));
                    } else {
                        out.push(source.finding(
                            Severity::Warning,
                            Code::RenamedQuestion,
                            path(),
                            format!("question `{id}` is now `{}`; the answer counts for it", q.question.id),
                        ));
                    }
                    q
                }
                None => {
                    out.push(
                        match misplaced_hint::<Assessment>(source.format, id, &root.key("answers")) {
                            Some((message, help)) => source
                                .finding(Severity::Error, Code::UnknownQuestion, path(), message)
                                .with_help(help),
                            None => source
                                .finding(
                                    Severity::Error,
                                    Code::UnknownQuestion,
                                    path(),
                                    format!("no question `{id}` in criteria {} {}", criteria.id, criteria.version),
                                )
                                .with_help_opt(
                                    hints.did_you_mean(id, criteria.questions().map(|q| q.question.id.as_str())),
                                ),
                        },
                    );
                    continue;
                }
            },
        };
        let key = answer.answer.as_str();
        let answer_path = path;
        if key == UNDECIDED && role == Role::Consensus {
            out.push(source.finding(
                Severity::Error,
                Code::Undecided,
                answer_path(),
                format!("question `{id}` is still undecided («?» in the consensus draft): write the answer the assessors agreed on"),
            ));
        } else if Some(key) == na_key {
            if !question.allows_not_applicable {
                out.push(source.finding(
                    Severity::Error,
                    Code::NotApplicableForbidden,
                    answer_path(),
                    format!("«{key}» is not allowed for question `{id}`"),
                ));
            }
        } else if question.scale.option(key).is_none() {
            let mut options: Vec<&str> = question.scale.options.iter().map(|o| o.key.as_str()).collect();
            if question.allows_not_applicable {
                options.extend(na_key);
            }
            out.push(
                source
                    .finding(
                        Severity::Error,
                        Code::InvalidAnswer,
                        answer_path(),
                        format!(
                            "`{key}` is not an option for question `{id}` (scale `{}`: {})",
                            question.scale_key,
                            options.join(", ")
                        ),
                    )
                    .with_help_opt(hints.answer(key, &options, na_key)),
            );
        }
        for (i, cited) in answer.evidence.iter().enumerate() {
            let known = evidence.is_some_and(|e| {
                evidence_ids
                    .get_or_insert_with(|| e.rows.iter().map(|r| r.id.as_str()).collect())
                    .contains(cited.as_str())
            });
            if !known {
                let why = match evidence {
                    None => "the practice has no evidence file".to_string(),
                    Some(e) => format!("no such row in the evidence file{}", known_ids(e)),
                };
                out.push(source.finding(
                    Severity::Error,
                    Code::UnknownEvidence,
                    path().key("evidence").index(i),
                    format!("cites evidence `{cited}`, but {why}"),
                ));
            }
        }
    }
    if role == Role::Consensus {
        let missing: Vec<&str> = criteria
            .questions()
            .filter(|q| {
                !assessment.answers.contains_key(&q.question.id)
                    && !q
                        .question
                        .replaces
                        .as_ref()
                        .is_some_and(|old| assessment.answers.contains_key(old))
            })
            .map(|q| q.question.id.as_str())
            .collect();
        if !missing.is_empty() {
            out.push(source.finding(
                Severity::Warning,
                Code::Incomplete,
                root.key("answers"),
                format!(
                    "incomplete: {} of {} questions unanswered ({}); no class is given until all are answered",
                    missing.len(),
                    criteria.question_count(),
                    missing.join(", ")
                ),
            ));
        }
        if assessment.assessors.is_empty() {
            out.push(source.finding(
                Severity::Warning,
                Code::MissingKey,
                root.key("assessors"),
                "no assessors named",
            ));
        }
    }
    for key in assessment.justifications.keys() {
        if criteria.criterion(key).is_none() {
            let ids = criteria.criteria.iter().map(|c| c.id.as_str());
            out.push(
                source
                    .finding(
                        Severity::Error,
                        Code::UnknownKey,
                        root.key("justifications").key(key.clone()),
                        format!("`{key}` is not a criterion id"),
                    )
                    .with_help_opt(did_you_mean(key, ids)),
            );
        }
    }
    for (stage_key, decision) in &assessment.decisions {
        let path = root.key("decisions").key(stage_key.clone());
        match criteria.stage(stage_key) {
            None => {
                let stages = criteria.stages.iter().map(|s| s.key.as_str());
                out.push(
                    source
                        .finding(
                            Severity::Error,
                            Code::UnknownStage,
                            path,
                            format!("`{stage_key}` is not a stage declared in the criteria"),
                        )
                        .with_help_opt(did_you_mean(stage_key, stages)),
                );
            }
            Some(_) if decision == UNDECIDED && role == Role::Consensus => out.push(source.finding(
                Severity::Error,
                Code::Undecided,
                path,
                format!("the decision at stage `{stage_key}` is still undecided («?» in the consensus draft): write the decision the assessors agreed on"),
            )),
            Some(stage) => {
                let passes = stage
                    .options
                    .iter()
                    .position(|o| &o.key == decision)
                    .is_some_and(|i| stage.advances(i));
                for gate in stage.gates.iter().filter(|_| passes) {
                    let answer = assessment.answers.get(&gate.question).or_else(|| {
                        criteria
                            .question(&gate.question)
                            .and_then(|q| q.question.replaces.as_ref())
                            .and_then(|old| assessment.answers.get(old))
                    });
                    if let Some(answer) = answer.filter(|a| !gate.answers.contains(&a.answer)) {
                        out.push(source.finding(
                            Severity::Warning,
                            Code::GateNotMet,
                            path.clone(),
                            format!(
                                "decides «{decision}» at stage `{stage_key}`, which passes the practice on, but question `{}` is answered «{}» and the stage lets only {} through",
                                gate.question,
                                answer.answer,
                                gate.answers.iter().map(|a| format!("«{a}»")).collect::<Vec<_>>().join(" or ")
                            ),
                        ));
                    }
                }
                if !stage.options.iter().any(|o| &o.key == decision) {
                    let options: Vec<&str> = stage.options.iter().map(|o| o.key.as_str()).collect();
                    out.push(source.finding(
                        Severity::Error,
                        Code::InvalidAnswer,
                        path,
                        format!(
                            "`{decision}` is not an option of stage `{stage_key}` ({})",
                            options.join(", ")
                        ),
                    ));
                }
            }
        }
    }
}

/// A practice with independent assessments but no consensus is flagged, so it is not forgotten.
pub fn check_consensus_state(entry: &mut PracticeEntry) {
    let has_answers = entry.assessors.iter().any(|(_, a)| !a.value.answers.is_empty());
    if has_answers && entry.assessment.is_none() && !entry.findings.iter().any(|f| f.is_error()) {
        entry.findings.push(Finding::warning(
            &entry.dir,
            Code::NoConsensus,
            format!(
                "{} independent assessments but no consensus (assessment.toml); `practice agree --draft-consensus {}` drafts one",
                entry.assessors.len(),
                entry.slug
            ),
        ));
    }
}

/// A name reduced to lower-case letters and digits, so "Språkpraksis i Grimstad" and "språkpraksis – Grimstad" meet.
fn normalized_name(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What the duplicate-name check needs of one practice, taken while the loader still holds the whole file.
#[derive(Clone, Debug)]
pub struct NameKey {
    normalized: String,
    /// Slugs this practice links to (`variant_of`, `related`).
    links: Vec<String>,
    file: std::path::PathBuf,
}

/// The duplicate-name key of a practice with a non-empty name.
pub fn name_key(entry: &PracticeEntry) -> Option<NameKey> {
    let practice = entry.practice.as_ref()?;
    let normalized = normalized_name(practice.value.name.as_deref()?);
    if normalized.is_empty() {
        return None;
    }
    let mut links: Vec<String> = practice.value.related.iter().map(|r| r.slug.clone()).collect();
    links.extend(practice.value.variant_of.clone());
    Some(NameKey {
        normalized,
        links,
        file: practice.path.clone(),
    })
}

/// Practices with the same name must be linked (phase 1: a near-duplicate nomination becomes a variant of the
/// practice already assessed). `keys[i]` belongs to `practices[i]`. Linear in the library, except within a group of
/// equal names, which is capped.
pub fn check_duplicate_names(practices: &mut [PracticeEntry], keys: &[Option<NameKey>]) {
    const LISTED: usize = 20;
    let mut by_name: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        if let Some(key) = key {
            by_name.entry(key.normalized.as_str()).or_default().push(i);
        }
    }
    let mut groups: Vec<Vec<usize>> = by_name.into_values().filter(|g| g.len() > 1).collect();
    groups.sort();
    let linked = |i: usize, j: usize| {
        let (a, b) = (keys[i].as_ref(), keys[j].as_ref());
        a.is_some_and(|k| k.links.contains(&practices[j].slug))
            || b.is_some_and(|k| k.links.contains(&practices[i].slug))
    };
    let mut pending: Vec<(usize, Finding)> = Vec::new();
    for group in groups {
        for &i in &group {
            // Beyond a handful of namesakes the list says enough; this also keeps a pathological library linear.
            let unlinked: Vec<&str> = group
                .iter()
                .filter(|&&j| j != i && (group.len() > LISTED || !linked(i, j)))
                .take(LISTED)
                .map(|&j| practices[j].slug.as_str())
                .collect();
            if unlinked.is_empty() {
                continue;
            }
            let more = (group.len() - 1).saturating_sub(unlinked.len());
            let list = if more > 0 {
                format!("{} and {more} more", unlinked.join(", "))
            } else {
                unlinked.join(", ")
            };
            let finding = Finding::warning(
                &keys[i].as_ref().map(|k| k.file.clone()).unwrap_or_default(),
                Code::PossibleDuplicate,
                format!("another practice has the same name ({list}): if it is the same practice, link it with `variant_of`"),
            )
            .with_key_path(KeyPath::of(&["name"]));
            pending.push((i, finding));
        }
    }
    for (i, finding) in pending {
        practices[i].findings.push(finding);
    }
}

/// `variant_of` and `related` must name practices that exist in the library (`known`: the slugs of its folders).
/// A link to the practice itself is an error at once; links to slugs that are not folders are returned, with their
/// key paths, for [`aliases::check_aliases`] to decide once every practice's aliases are known (an old slug is a
/// warning, anything else an error).
pub fn check_links(entry: &mut PracticeEntry, known: &HashSet<String>) -> Vec<(KeyPath, String)> {
    let Some(practice) = &entry.practice else {
        return Vec::new();
    };
    let mut links: Vec<(KeyPath, &str)> = Vec::new();
    if let Some(slug) = &practice.value.variant_of {
        links.push((KeyPath::of(&["variant_of"]), slug));
    }
    for (i, related) in practice.value.related.iter().enumerate() {
        links.push((KeyPath::root().key("related").index(i).key("slug"), &related.slug));
    }
    let mut new = Vec::new();
    let mut unknown = Vec::new();
    for (path, slug) in links {
        if slug == entry.slug {
            let message = format!("`{slug}` refers to the practice itself");
            new.push(Finding::error(&practice.path, Code::UnknownPractice, message).with_key_path(path));
        } else if !known.contains(slug) {
            unknown.push((path, slug.to_string()));
        }
    }
    entry.findings.extend(new);
    unknown
}
