//! What changed between two versions of a criteria file: a structural diff for `practice regrade --compare`.
//!
//! Questions are matched by id, and a question of the new file that `replaces` an id of the old file is matched
//! with that question (a rename). Each difference is one [`CriteriaChange`] with a kind, the id it is about, the old
//! and new value, and whether it can move a grade. Prose changes (labels, question texts, hints) are listed too,
//! marked as not affecting grades.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;

use serde::Serialize;

use crate::model::criteria::{Criteria, Question, QuestionRef, Scale};

/// The kind of a difference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// The criteria id changed: assessments name the old id.
    Id,
    /// The version changed.
    Version,
    /// A question was added: assessments lack an answer and become incomplete.
    QuestionAdded,
    /// A question was removed: its answers become orphans (kept, not counted).
    QuestionRemoved,
    /// A question got a new id and `replaces` the old one: answers follow.
    QuestionRenamed,
    /// A question's text changed.
    QuestionReworded,
    /// A question's hint changed.
    QuestionHint,
    /// A question uses another scale.
    QuestionRescaled,
    /// A question's weight changed.
    QuestionReweighted,
    /// A question's `reverse` flag changed.
    QuestionReversed,
    /// Whether «ikke relevant» is allowed for a question changed.
    QuestionNotApplicable,
    /// A question moved to another criterion or parent question.
    QuestionMoved,
    /// A criterion was added.
    CriterionAdded,
    /// A criterion was removed.
    CriterionRemoved,
    /// A criterion's weight changed.
    CriterionReweighted,
    /// A criterion's label changed.
    CriterionRelabelled,
    /// A scale was added.
    ScaleAdded,
    /// A scale was removed.
    ScaleRemoved,
    /// An option was added to a scale.
    ScaleOptionAdded,
    /// An option was removed from a scale: answers with it become invalid (unanswered).
    ScaleOptionRemoved,
    /// An option gives other points.
    ScalePoints,
    /// An option's label changed.
    ScaleOptionRelabelled,
    /// Whether a scale allows «ikke relevant» changed.
    ScaleNotApplicable,
    /// The «ikke relevant» key changed.
    NotApplicableKey,
    /// A band was added.
    BandAdded,
    /// A band was removed.
    BandRemoved,
    /// A band's threshold changed.
    BandThreshold,
    /// A band's label changed.
    BandRelabelled,
    /// A band's floors, gates or evidence requirements changed.
    BandRules,
    /// Facet thresholds, their rule, or whether bands are cumulative changed.
    ClassificationRules,
    /// The judgement zone changed.
    JudgementZone,
    /// The aggregation rule changed.
    Aggregation,
}

/// One difference between two criteria files.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CriteriaChange {
    /// What kind of difference.
    pub kind: ChangeKind,
    /// The id it is about: question id (new id for renames), criterion id, scale key (`scale/option` for options),
    /// band key; absent for file-wide changes.
    pub id: Option<String>,
    /// The old value, where there is one.
    pub old: Option<String>,
    /// The new value, where there is one.
    pub new: Option<String>,
    /// Whether the difference can move a grade.
    pub affects_grades: bool,
}

impl CriteriaChange {
    fn new(kind: ChangeKind, id: Option<&str>, old: Option<String>, new: Option<String>) -> CriteriaChange {
        let affects_grades = !matches!(
            kind,
            ChangeKind::QuestionReworded
                | ChangeKind::QuestionHint
                | ChangeKind::CriterionRelabelled
                | ChangeKind::ScaleOptionRelabelled
                | ChangeKind::BandRelabelled
        );
        CriteriaChange {
            kind,
            id: id.map(str::to_string),
            old,
            new,
            affects_grades,
        }
    }
}

fn quote(text: &str) -> String {
    format!("«{text}»")
}

fn opt(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("–")
}

impl fmt::Display for CriteriaChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = self.id.as_deref().unwrap_or("");
        let (old, new) = (opt(&self.old), opt(&self.new));
        match self.kind {
            ChangeKind::Id => write!(
                f,
                "criteria id {old} → {new}: assessments naming {old} need their `criteria` key updated"
            ),
            ChangeKind::Version => write!(f, "version {old} → {new}"),
            ChangeKind::QuestionAdded => write!(
                f,
                "question {id} added: {new}; assessments without an answer become incomplete"
            ),
            ChangeKind::QuestionRemoved => write!(
                f,
                "question {id} removed: {old}; answers to it are kept but no longer count"
            ),
            ChangeKind::QuestionRenamed => write!(
                f,
                "question {old} renamed to {new} (`replaces = \"{old}\"`): answers to {old} count for {new}"
            ),
            ChangeKind::QuestionReworded => write!(f, "question {id} reworded: {old} → {new}"),
            ChangeKind::QuestionHint => write!(f, "question {id}: hint changed"),
            ChangeKind::QuestionRescaled => write!(f, "question {id} rescaled: scale {old} → {new}"),
            ChangeKind::QuestionReweighted => write!(f, "question {id} reweighted: {old} → {new}"),
            ChangeKind::QuestionReversed => write!(f, "question {id}: reverse {old} → {new}"),
            ChangeKind::QuestionNotApplicable => write!(f, "question {id}: «not applicable» allowed {old} → {new}"),
            ChangeKind::QuestionMoved => write!(f, "question {id} moved: {old} → {new}"),
            ChangeKind::CriterionAdded => write!(f, "criterion {id} added: {new}"),
            ChangeKind::CriterionRemoved => write!(f, "criterion {id} removed: {old}"),
            ChangeKind::CriterionReweighted => write!(f, "criterion {id} reweighted: {old} → {new}"),
            ChangeKind::CriterionRelabelled => write!(f, "criterion {id} relabelled: {old} → {new}"),
            ChangeKind::ScaleAdded => write!(f, "scale {id} added: {new}"),
            ChangeKind::ScaleRemoved => write!(f, "scale {id} removed: {old}"),
            ChangeKind::ScaleOptionAdded => write!(f, "scale option {id} added: {new}"),
            ChangeKind::ScaleOptionRemoved => {
                write!(f, "scale option {id} removed: {old}; answers with it become unanswered")
            }
            ChangeKind::ScalePoints => write!(f, "scale option {id}: points {old} → {new}"),
            ChangeKind::ScaleOptionRelabelled => write!(f, "scale option {id} relabelled: {old} → {new}"),
            ChangeKind::ScaleNotApplicable => write!(f, "scale {id}: «not applicable» allowed {old} → {new}"),
            ChangeKind::NotApplicableKey => write!(f, "«not applicable» key {old} → {new}"),
            ChangeKind::BandAdded => write!(f, "band {id} added: {new}"),
            ChangeKind::BandRemoved => write!(f, "band {id} removed: {old}"),
            ChangeKind::BandThreshold => write!(f, "band {id}: threshold {old} → {new}"),
            ChangeKind::BandRelabelled => write!(f, "band {id} relabelled: {old} → {new}"),
            ChangeKind::BandRules => write!(f, "band {id}: rules {old} → {new}"),
            ChangeKind::ClassificationRules => write!(f, "classification rules {old} → {new}"),
            ChangeKind::JudgementZone => write!(f, "judgement zone {old} → {new}"),
            ChangeKind::Aggregation => write!(f, "aggregation {old} → {new}"),
        }
    }
}

/// The differences between two criteria files, in a stable order: file-wide first, then criteria, questions
/// (in the new file's order, removed ones last), scales and classification.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CriteriaDiff {
    /// The differences.
    pub changes: Vec<CriteriaChange>,
}

impl CriteriaDiff {
    /// No differences at all.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Some difference can move a grade.
    pub fn affects_grades(&self) -> bool {
        self.changes
            .iter()
            .any(|c| c.affects_grades && c.kind != ChangeKind::Version)
    }

    /// Grades can move but the version stayed the same: the version should be bumped.
    pub fn version_not_bumped(&self) -> bool {
        self.affects_grades() && !self.changes.iter().any(|c| c.kind == ChangeKind::Version)
    }

    /// Changes of one kind.
    pub fn of_kind(&self, kind: ChangeKind) -> impl Iterator<Item = &CriteriaChange> {
        self.changes.iter().filter(move |c| c.kind == kind)
    }
}

use crate::model::number::{percent_threshold as percent_text, trimmed as number};

fn scale_text(scale: &Scale) -> String {
    let options: Vec<String> = scale
        .options
        .iter()
        .map(|o| format!("{}={}", o.key, number(o.points)))
        .collect();
    options.join(", ")
}

/// Where a question sits: criterion id, and parent question for sub-questions.
fn position(criteria: &Criteria, q: &QuestionRef) -> String {
    let criterion = &criteria.criteria[q.criterion].id;
    match q.parent {
        Some(parent) => format!("{criterion} / under {parent}"),
        None => criterion.clone(),
    }
}

/// Compare two criteria files.
pub fn diff(old: &Criteria, new: &Criteria) -> CriteriaDiff {
    let mut changes = Vec::new();
    let mut push = |kind, id: Option<&str>, o: Option<String>, n: Option<String>| {
        changes.push(CriteriaChange::new(kind, id, o, n));
    };
    diff_model(old, new, &mut push);
    diff_criteria(old, new, &mut push);
    diff_questions(old, new, &mut push);
    diff_scales(old, new, &mut push);
    diff_classification(old, new, &mut push);
    CriteriaDiff { changes }
}

/// The model as a whole: id, version, the «ikke relevant» key, the aggregation rule.
fn diff_model(
    old: &Criteria,
    new: &Criteria,
    push: &mut impl FnMut(ChangeKind, Option<&str>, Option<String>, Option<String>),
) {
    use ChangeKind as K;
    if old.id != new.id {
        push(K::Id, None, Some(old.id.clone()), Some(new.id.clone()));
    }
    if old.version != new.version {
        push(K::Version, None, Some(old.version.clone()), Some(new.version.clone()));
    }
    if old.not_applicable_key() != new.not_applicable_key() {
        push(
            K::NotApplicableKey,
            None,
            old.not_applicable_key().map(str::to_string),
            new.not_applicable_key().map(str::to_string),
        );
    }
    if old.aggregation.method != new.aggregation.method {
        let name = |c: &Criteria| {
            serde_json::to_value(c.aggregation.method)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        };
        push(K::Aggregation, None, Some(name(old)), Some(name(new)));
    }
}

/// Criteria added, removed, reweighted or relabelled.
fn diff_criteria(
    old: &Criteria,
    new: &Criteria,
    push: &mut impl FnMut(ChangeKind, Option<&str>, Option<String>, Option<String>),
) {
    use ChangeKind as K;
    for criterion in &new.criteria {
        match old.criterion(&criterion.id) {
            None => push(
                K::CriterionAdded,
                Some(&criterion.id),
                None,
                Some(format!(
                    "{} (weight {})",
                    quote(&criterion.label),
                    number(criterion.weight)
                )),
            ),
            Some(before) => {
                if before.weight != criterion.weight {
                    push(
                        K::CriterionReweighted,
                        Some(&criterion.id),
                        Some(number(before.weight)),
                        Some(number(criterion.weight)),
                    );
                }
                if before.label != criterion.label {
                    push(
                        K::CriterionRelabelled,
                        Some(&criterion.id),
                        Some(quote(&before.label)),
                        Some(quote(&criterion.label)),
                    );
                }
            }
        }
    }
    for criterion in &old.criteria {
        if new.criterion(&criterion.id).is_none() {
            push(
                K::CriterionRemoved,
                Some(&criterion.id),
                Some(quote(&criterion.label)),
                None,
            );
        }
    }
}

/// Questions added, removed, renamed (matched by id, or through `replaces`) or changed.
fn diff_questions(
    old: &Criteria,
    new: &Criteria,
    push: &mut impl FnMut(ChangeKind, Option<&str>, Option<String>, Option<String>),
) {
    use ChangeKind as K;
    let old_ids: HashSet<&str> = old.questions().map(|q| q.question.id.as_str()).collect();
    let mut matched_old: HashSet<String> = HashSet::new();
    for q in new.questions() {
        let id = q.question.id.as_str();
        let before = match old.question(id) {
            Some(before) => Some(before),
            None => q
                .question
                .replaces
                .as_deref()
                .filter(|r| old_ids.contains(r))
                .and_then(|r| old.question(r)),
        };
        let Some(before) = before else {
            push(K::QuestionAdded, Some(id), None, Some(quote(&q.question.text)));
            continue;
        };
        matched_old.insert(before.question.id.clone());
        if before.question.id != id {
            push(
                K::QuestionRenamed,
                Some(id),
                Some(before.question.id.clone()),
                Some(id.to_string()),
            );
        }
        compare_question(old, new, &before, &q, push);
    }
    for q in old.questions() {
        if !matched_old.contains(&q.question.id) {
            push(
                K::QuestionRemoved,
                Some(&q.question.id),
                Some(quote(&q.question.text)),
                None,
            );
        }
    }
}

/// Scales added, removed or changed.
fn diff_scales(
    old: &Criteria,
    new: &Criteria,
    push: &mut impl FnMut(ChangeKind, Option<&str>, Option<String>, Option<String>),
) {
    use ChangeKind as K;
    let keys: BTreeSet<&String> = old.scales.keys().chain(new.scales.keys()).collect();
    for key in keys {
        match (old.scales.get(key), new.scales.get(key)) {
            (None, Some(scale)) => push(K::ScaleAdded, Some(key), None, Some(scale_text(scale))),
            (Some(scale), None) => push(K::ScaleRemoved, Some(key), Some(scale_text(scale)), None),
            (Some(before), Some(after)) => compare_scale(key, before, after, push),
            (None, None) => {}
        }
    }
}

/// Bands added, removed, moved or relabelled, and the judgement zone.
fn diff_classification(
    old: &Criteria,
    new: &Criteria,
    push: &mut impl FnMut(ChangeKind, Option<&str>, Option<String>, Option<String>),
) {
    use ChangeKind as K;
    let old_bands: HashMap<&str, usize> = old
        .classification
        .bands
        .iter()
        .enumerate()
        .map(|(i, b)| (b.key.as_str(), i))
        .collect();
    for band in &new.classification.bands {
        match old_bands.get(band.key.as_str()).map(|&i| &old.classification.bands[i]) {
            None => push(
                K::BandAdded,
                Some(&band.key),
                None,
                Some(format!("{} from {}", quote(&band.label), percent_text(band.min))),
            ),
            Some(before) => {
                if before.min != band.min {
                    push(
                        K::BandThreshold,
                        Some(&band.key),
                        Some(percent_text(before.min)),
                        Some(percent_text(band.min)),
                    );
                }
                let (before_rules, rules) = (before.rules_text(), band.rules_text());
                if before_rules != rules {
                    push(K::BandRules, Some(&band.key), Some(before_rules), Some(rules));
                }
                if before.label != band.label {
                    push(
                        K::BandRelabelled,
                        Some(&band.key),
                        Some(quote(&before.label)),
                        Some(quote(&band.label)),
                    );
                }
            }
        }
    }
    for band in &old.classification.bands {
        if !new.classification.bands.iter().any(|b| b.key == band.key) {
            push(
                K::BandRemoved,
                Some(&band.key),
                Some(format!("{} from {}", quote(&band.label), percent_text(band.min))),
                None,
            );
        }
    }
    let zone = |c: &Criteria| {
        c.classification
            .judgement_zone
            .map(|z| format!("{}–{}", percent_text(z.from), percent_text(z.to)))
    };
    if zone(old) != zone(new) {
        push(K::JudgementZone, None, zone(old), zone(new));
    }
    let (before_rules, rules) = (classification_rules_text(old), classification_rules_text(new));
    if before_rules != rules {
        push(K::ClassificationRules, None, Some(before_rules), Some(rules));
    }
}

/// Facet thresholds, their rule and `cumulative`, as one line (`–` when there are none).
fn classification_rules_text(criteria: &Criteria) -> String {
    let c = &criteria.classification;
    let mut parts: Vec<String> = Vec::new();
    if c.cumulative {
        parts.push("cumulative".to_string());
    }
    for t in &c.thresholds {
        parts.push(format!(
            "{} for {}={} from {}",
            t.band,
            t.facet,
            t.value,
            percent_text(t.min)
        ));
    }
    if !c.thresholds.is_empty() {
        parts.push(format!("threshold rule {}", c.threshold_rule.key()));
    }
    if parts.is_empty() {
        "–".to_string()
    } else {
        parts.join(", ")
    }
}

fn compare_question(
    old: &Criteria,
    new: &Criteria,
    before: &QuestionRef,
    after: &QuestionRef,
    push: &mut impl FnMut(ChangeKind, Option<&str>, Option<String>, Option<String>),
) {
    use ChangeKind as K;
    let id = Some(after.question.id.as_str());
    let (b, a): (&Question, &Question) = (before.question, after.question);
    if b.text != a.text {
        push(K::QuestionReworded, id, Some(quote(&b.text)), Some(quote(&a.text)));
    }
    if b.hint != a.hint {
        push(
            K::QuestionHint,
            id,
            b.hint.as_deref().map(quote),
            a.hint.as_deref().map(quote),
        );
    }
    if before.scale_key != after.scale_key {
        push(
            K::QuestionRescaled,
            id,
            Some(before.scale_key.to_string()),
            Some(after.scale_key.to_string()),
        );
    }
    if b.weight != a.weight {
        push(
            K::QuestionReweighted,
            id,
            Some(number(b.weight)),
            Some(number(a.weight)),
        );
    }
    if b.reverse != a.reverse {
        push(
            K::QuestionReversed,
            id,
            Some(b.reverse.to_string()),
            Some(a.reverse.to_string()),
        );
    }
    if before.allows_not_applicable != after.allows_not_applicable {
        push(
            K::QuestionNotApplicable,
            id,
            Some(before.allows_not_applicable.to_string()),
            Some(after.allows_not_applicable.to_string()),
        );
    }
    let (from, to) = (position(old, before), position(new, after));
    if from != to {
        push(K::QuestionMoved, id, Some(from), Some(to));
    }
}

fn compare_scale(
    key: &str,
    before: &Scale,
    after: &Scale,
    push: &mut impl FnMut(ChangeKind, Option<&str>, Option<String>, Option<String>),
) {
    use ChangeKind as K;
    if before.not_applicable != after.not_applicable {
        push(
            K::ScaleNotApplicable,
            Some(key),
            Some(before.not_applicable.to_string()),
            Some(after.not_applicable.to_string()),
        );
    }
    for option in &after.options {
        let id = format!("{key}/{}", option.key);
        match before.option(&option.key) {
            None => push(
                K::ScaleOptionAdded,
                Some(&id),
                None,
                Some(format!("{} = {}", quote(&option.label), number(option.points))),
            ),
            Some(b) => {
                if b.points != option.points {
                    push(
                        K::ScalePoints,
                        Some(&id),
                        Some(number(b.points)),
                        Some(number(option.points)),
                    );
                }
                if b.label != option.label {
                    push(
                        K::ScaleOptionRelabelled,
                        Some(&id),
                        Some(quote(&b.label)),
                        Some(quote(&option.label)),
                    );
                }
            }
        }
    }
    for option in &before.options {
        if after.option(&option.key).is_none() {
            push(
                K::ScaleOptionRemoved,
                Some(&format!("{key}/{}", option.key)),
                Some(format!("{} = {}", quote(&option.label), number(option.points))),
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = r#"
        id = "t"
        version = "1"
        title = "T"
        [not_applicable]
        key = "na"
        label = "N/A"
        [scales.yn]
        not_applicable = true
        options = [{ key = "ja", label = "Ja", points = 1 }, { key = "nei", label = "Nei", points = 0 }]
        [scales.desc]
        options = [{ key = "ja", label = "Godt", points = 1 }, { key = "noe", label = "Noe", points = 0.5 }, { key = "nei", label = "Ikke", points = 0 }]
        [classification]
        judgement_zone = { from = 0.4, to = 0.6 }
        bands = [{ key = "lovende", label = "L", min = 0.0 }, { key = "god", label = "G", min = 0.5 }]
        [[criteria]]
        id = "a"
        label = "A"
        scale = "desc"
        [[criteria.questions]]
        id = "1"
        text = "En"
        [[criteria.questions.sub]]
        id = "1a"
        text = "En a"
        [[criteria.questions]]
        id = "2"
        text = "To"
        [[criteria]]
        id = "b"
        label = "B"
        scale = "yn"
        [[criteria.questions]]
        id = "3"
        text = "Tre"
        [[criteria.questions]]
        id = "4"
        text = "Fire"
    "#;

    fn criteria(text: &str) -> Criteria {
        Criteria::from_toml_str(text).unwrap_or_else(|f| panic!("{f:#?}"))
    }

    fn kinds(d: &CriteriaDiff) -> Vec<(ChangeKind, Option<&str>)> {
        d.changes.iter().map(|c| (c.kind, c.id.as_deref())).collect()
    }

    #[test]
    fn identical_files_have_no_differences() {
        let d = diff(&criteria(OLD), &criteria(OLD));
        assert!(d.is_empty());
        assert!(!d.affects_grades());
    }

    #[test]
    fn added_removed_renamed_and_reworded_questions() {
        let new = OLD
            .replace("version = \"1\"", "version = \"2\"")
            .replace(
                "id = \"1a\"\n        text = \"En a\"",
                "id = \"1b\"\n        text = \"En a\"\n        replaces = \"1a\"",
            )
            .replace("text = \"To\"", "text = \"To, omformulert\"")
            .replace(
                "        [[criteria.questions]]\n        id = \"4\"\n        text = \"Fire\"\n",
                "        [[criteria.questions]]\n        id = \"5\"\n        text = \"Fem\"\n",
            );
        let d = diff(&criteria(OLD), &criteria(&new));
        assert_eq!(
            kinds(&d),
            [
                (ChangeKind::Version, None),
                (ChangeKind::QuestionRenamed, Some("1b")),
                (ChangeKind::QuestionReworded, Some("2")),
                (ChangeKind::QuestionAdded, Some("5")),
                (ChangeKind::QuestionRemoved, Some("4")),
            ]
        );
        let renamed = d.of_kind(ChangeKind::QuestionRenamed).next().unwrap();
        assert_eq!(
            (renamed.old.as_deref(), renamed.new.as_deref()),
            (Some("1a"), Some("1b"))
        );
        assert!(!d.of_kind(ChangeKind::QuestionReworded).next().unwrap().affects_grades);
        assert!(!d.version_not_bumped());
    }

    #[test]
    fn weights_scales_bands_and_aggregation() {
        let new = OLD
            .replace(
                "id = \"b\"\n        label = \"B\"",
                "id = \"b\"\n        label = \"B\"\n        weight = 2",
            )
            .replace(
                "text = \"Tre\"",
                "text = \"Tre\"\n        weight = 3\n        reverse = true",
            )
            .replace("text = \"Fire\"", "text = \"Fire\"\n        scale = \"desc\"")
            .replace(
                "key = \"noe\", label = \"Noe\", points = 0.5",
                "key = \"noe\", label = \"Noe\", points = 0.25",
            )
            .replace("min = 0.5", "min = 0.6")
            .replace("from = 0.4, to = 0.6", "from = 0.5, to = 0.7")
            .replace(
                "[classification]",
                "[aggregation]\nmethod = \"pooled\"\n[classification]",
            );
        let d = diff(&criteria(OLD), &criteria(&new));
        assert_eq!(
            kinds(&d),
            [
                (ChangeKind::Aggregation, None),
                (ChangeKind::CriterionReweighted, Some("b")),
                (ChangeKind::QuestionReweighted, Some("3")),
                (ChangeKind::QuestionReversed, Some("3")),
                (ChangeKind::QuestionRescaled, Some("4")),
                (ChangeKind::QuestionNotApplicable, Some("4")),
                (ChangeKind::ScalePoints, Some("desc/noe")),
                (ChangeKind::BandThreshold, Some("god")),
                (ChangeKind::JudgementZone, None),
            ]
        );
        assert!(d.version_not_bumped());
        let band = d.of_kind(ChangeKind::BandThreshold).next().unwrap();
        assert_eq!(band.to_string(), "band god: threshold 50 % → 60 %");
    }

    #[test]
    fn scale_options_added_and_removed() {
        let new = OLD.replace(
            "{ key = \"ja\", label = \"Ja\", points = 1 }, { key = \"nei\", label = \"Nei\", points = 0 }",
            "{ key = \"ja\", label = \"Ja!\", points = 1 }, { key = \"delvis\", label = \"Delvis\", points = 0.5 }",
        );
        let d = diff(&criteria(OLD), &criteria(&new));
        assert_eq!(
            kinds(&d),
            [
                (ChangeKind::ScaleOptionRelabelled, Some("yn/ja")),
                (ChangeKind::ScaleOptionAdded, Some("yn/delvis")),
                (ChangeKind::ScaleOptionRemoved, Some("yn/nei")),
            ]
        );
    }
}
