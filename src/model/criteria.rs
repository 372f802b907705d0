//! The criteria model: what `criteria.toml` holds, and the queries scoring and rendering ask of it.
//!
//! The file is deserialised into [`Criteria`]; the validate stage ([`crate::validate::criteria`]) checks it (unique
//! ids, known scales, sane weights and bands, no cycles in `replaces`) and builds the flat question index.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

/// The whole model under one id and version.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Criteria {
    /// Stable id that assessments refer to (`imdi-god-praksis`).
    pub id: String,
    /// Version; bump it when anything that affects grades changes.
    pub version: String,
    /// Earlier ids of this model: an assessment made against one of them is scored against this file (with a
    /// warning) and classified; an assessment naming any other id is an error and gets no class. Left out of the
    /// serialisation when empty, so the criteria fingerprint of files without it is what it was.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
    /// Human title.
    pub title: String,
    /// Where the model comes from.
    #[serde(default)]
    pub source: Option<String>,
    /// Language of the texts (`nb`).
    #[serde(default)]
    pub language: Option<String>,
    /// Words used in rendered output (headings, labels), keyed by a fixed set of keys.
    #[serde(default, deserialize_with = "crate::model::unique_keys")]
    pub labels: BTreeMap<String, String>,
    /// The «ikke relevant» answer, where scales or questions allow it.
    #[serde(default)]
    pub not_applicable: Option<NotApplicable>,
    /// Rules a nomination must meet.
    #[serde(default)]
    pub nomination: Nomination,
    /// The description template, in display order.
    #[serde(default)]
    pub template: Vec<TemplateField>,
    /// Kinds of evidence (forskning, praksis, bruker).
    #[serde(default)]
    pub evidence_kinds: Vec<EvidenceKind>,
    /// Facets of the knowledge base (fagområde, målgruppe, tema, type tiltak).
    #[serde(default)]
    pub facets: Vec<Facet>,
    /// Stages of a selection funnel used by independent assessors.
    #[serde(default)]
    pub stages: Vec<Stage>,
    /// Named answer scales.
    #[serde(deserialize_with = "crate::model::unique_keys")]
    pub scales: BTreeMap<String, Scale>,
    /// How criterion scores combine into a total.
    #[serde(default)]
    pub aggregation: Aggregation,
    /// Classification bands on the total.
    pub classification: Classification,
    /// The criteria with their questions.
    pub criteria: Vec<Criterion>,
    /// When a recommendation is due for review (`practice due`); not part of any grade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    /// Flat index of all questions, built by [`Criteria::load`].
    #[serde(skip)]
    index: QuestionIndex,
    /// Warnings found when the file was checked (a criterion that is not scored); errors stop the load instead.
    #[serde(skip)]
    pub warnings: Vec<crate::diagnostic::Finding>,
}

/// `[review]`: how long an assessment stands before `practice due` lists it for review.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Months after the assessment's date.
    pub interval_months: u32,
    /// Per band key, a different interval in months.
    #[serde(default, deserialize_with = "crate::model::unique_keys")]
    pub bands: BTreeMap<String, u32>,
}

/// The «ikke relevant» answer.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NotApplicable {
    /// Option key written in assessments (`ikke-relevant`).
    pub key: String,
    /// Label (`Ikke relevant`).
    pub label: String,
    /// Words that, found in an «ikke relevant» answer's note (ignoring case), say the knowledge is missing rather than
    /// the question irrelevant (`ikke undersøkt`, `mangler grunnlag`): `validate` warns on such answers. Empty: no
    /// such check.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown_markers: Vec<String>,
}

/// Nomination rules (phase 1).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Nomination {
    /// Top-level keys of `practice.*` that must be present and non-empty.
    #[serde(default)]
    pub required: Vec<String>,
    /// Minimum years between `started` and today.
    #[serde(default)]
    pub min_years_practised: Option<u32>,
}

/// One field of the description template.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TemplateField {
    /// Key under `[description]` in `practice.*`.
    pub key: String,
    /// Label shown in sheets and scaffolds.
    pub label: String,
    /// Whether a nomination must fill it in.
    #[serde(default)]
    pub required: bool,
    /// Minimum length in characters (after trimming) for a filled-in field.
    #[serde(default)]
    pub min_length: usize,
    /// A guiding question for whoever fills it in.
    #[serde(default)]
    pub help: Option<String>,
    /// Not for publication (a contact's phone, notes about participants): kept in the library, left out of the
    /// sheets, the index and the site.
    #[serde(default)]
    pub private: bool,
}

/// A kind of evidence.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EvidenceKind {
    /// Key used in `evidence.*` rows.
    pub key: String,
    /// Label.
    pub label: String,
    /// Longer explanation.
    #[serde(default)]
    pub description: Option<String>,
}

/// A facet of the knowledge base.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Facet {
    /// Key under `[tags]` in `practice.*`.
    pub key: String,
    /// Label.
    pub label: String,
    /// The controlled vocabulary: the values a tag may take, each with its synonyms. Empty: free text.
    #[serde(default)]
    pub values: Vec<FacetValue>,
}

/// A value of a facet's controlled vocabulary.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FacetValue {
    /// The canonical spelling, shown in the index, the site and `list`.
    pub value: String,
    /// Other spellings that mean the same (`Unge voksne` for `Ungdom`).
    #[serde(default)]
    pub synonyms: Vec<String>,
}

impl Facet {
    /// The canonical value for a tag: the vocabulary value that it, or one of its synonyms, equals (ignoring case
    /// and surrounding space); the tag as written when the facet has no vocabulary; `None` when it has one and the
    /// tag is not in it.
    pub fn canonical<'a>(&'a self, tag: &'a str) -> Option<&'a str> {
        if self.values.is_empty() {
            return Some(tag);
        }
        let folded = tag.trim().to_lowercase();
        let same = |text: &str| text.trim().to_lowercase() == folded;
        self.values
            .iter()
            .find(|v| same(&v.value))
            .or_else(|| self.values.iter().find(|v| v.synonyms.iter().any(|s| same(s))))
            .map(|v| v.value.as_str())
    }

    /// The value to show for a tag: [`Facet::canonical`], or the tag as written when it is outside the vocabulary.
    pub fn display<'a>(&'a self, tag: &'a str) -> &'a str {
        self.canonical(tag).unwrap_or(tag)
    }

    /// The tags to show, each as [`Facet::display`] gives it, in the order written, each value once (a value and
    /// its synonym become one).
    pub fn display_all<'a>(&'a self, tags: &'a [String]) -> Vec<&'a str> {
        let mut out: Vec<&str> = Vec::with_capacity(tags.len());
        for tag in tags {
            let shown = self.display(tag);
            if !out.contains(&shown) {
                out.push(shown);
            }
        }
        out
    }
}

/// A stage of a selection funnel (SØF: screening, then in-depth).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Key under `[decisions]` in assessor files.
    pub key: String,
    /// Label.
    pub label: String,
    /// The decisions possible at this stage.
    pub options: Vec<StageOption>,
    /// Answers a practice must have for a decision that passes it on: `validate` warns on an assessment that
    /// passes a practice on while its answer to a gated question is another (SØF's absolute criteria).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gates: Vec<Gate>,
}

impl Stage {
    /// Whether the option at `index` passes a practice on to the next stage (`advance = true`, or the first option
    /// when none is marked).
    pub fn advances(&self, index: usize) -> bool {
        if self.options.iter().any(|o| o.advance) {
            self.options.get(index).is_some_and(|o| o.advance)
        } else {
            index == 0
        }
    }
}

/// One decision at a stage.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StageOption {
    /// Key (`inn`).
    pub key: String,
    /// Label (`Inn`).
    pub label: String,
    /// Whether this decision passes a practice on to the next stage. When no option of a stage says so, the first
    /// option listed passes.
    #[serde(default)]
    pub advance: bool,
}

/// A named answer scale.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Label.
    #[serde(default)]
    pub label: Option<String>,
    /// Whether «ikke relevant» is allowed on questions using this scale (a question may override).
    #[serde(default)]
    pub not_applicable: bool,
    /// Whether the options are ordered (for weighted agreement statistics); defaults to true.
    #[serde(default = "default_true")]
    pub ordered: bool,
    /// The options, in display order.
    pub options: Vec<ScaleOption>,
}

fn default_true() -> bool {
    true
}

impl Scale {
    /// The option with this key.
    pub fn option(&self, key: &str) -> Option<&ScaleOption> {
        self.options.iter().find(|o| o.key == key)
    }

    /// Highest points on the scale.
    pub fn max_points(&self) -> f64 {
        self.options.iter().map(|o| o.points).fold(f64::NEG_INFINITY, f64::max)
    }

    /// Lowest points on the scale.
    pub fn min_points(&self) -> f64 {
        self.options.iter().map(|o| o.points).fold(f64::INFINITY, f64::min)
    }
}

/// One answer option of a scale.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScaleOption {
    /// Key written in assessments (`ja`).
    pub key: String,
    /// Label (`Ja / godt beskrevet`).
    pub label: String,
    /// Points for this option.
    pub points: f64,
}

/// How criterion scores combine into a total.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Aggregation {
    /// The rule.
    #[serde(default)]
    pub method: AggregationMethod,
}

/// The aggregation rule.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum AggregationMethod {
    /// Weight-averaged mean of the criterion scores that are defined (IMDi: all weights 1).
    #[default]
    WeightedMean,
    /// Points over applicable maxima pooled across criteria, each criterion's points and maximum multiplied by its
    /// weight: Σ wᵢ·pointsᵢ / Σ wᵢ·maxᵢ. With all weights 1 (Ungsinn) it is all points over all maxima.
    Pooled,
}

/// Classification bands on the total, with the rules beyond the total a band may set (floors, gates, evidence),
/// thresholds per facet value, and whether the bands are cumulative levels.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Classification {
    /// Totals inside this zone are flagged: the class needs expert judgement.
    #[serde(default)]
    pub judgement_zone: Option<Zone>,
    /// The bands are levels that build on each other (Ungsinn): a practice reaches a band only when it meets the
    /// conditions of that band and of every band below it. Without it, a practice gets the highest band whose own
    /// conditions it meets.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cumulative: bool,
    /// Which threshold applies when a practice has several facet values with a threshold of their own for the same
    /// band.
    #[serde(default, skip_serializing_if = "ThresholdRule::is_default")]
    pub threshold_rule: ThresholdRule,
    /// A band's `min` for practices tagged with a facet value (IMDi: the threshold may differ between fagområder).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub thresholds: Vec<FacetThreshold>,
    /// Bands, ascending by `min`; the first starts at 0.
    pub bands: Vec<Band>,
}

/// Which of several facet thresholds for one band applies to a practice tagged with more than one of the values.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ThresholdRule {
    /// The highest threshold: the practice must satisfy every field it belongs to.
    #[default]
    Strictest,
    /// The lowest threshold: satisfying one of its fields is enough.
    Lenient,
}

impl ThresholdRule {
    fn is_default(&self) -> bool {
        *self == ThresholdRule::default()
    }

    /// The key written in criteria files (`strictest`, `lenient`).
    pub fn key(self) -> &'static str {
        match self {
            ThresholdRule::Strictest => "strictest",
            ThresholdRule::Lenient => "lenient",
        }
    }
}

/// A band's threshold for practices tagged with one facet value.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FacetThreshold {
    /// Facet key (`field`).
    pub facet: String,
    /// The tag value (`Introduksjonsprogrammet`), compared as written (after Unicode NFC).
    pub value: String,
    /// Band key whose `min` this replaces.
    pub band: String,
    /// The band's lowest total for these practices (fraction 0–1).
    pub min: f64,
}

/// A closed range of totals.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Zone {
    /// Lower bound (fraction 0–1).
    pub from: f64,
    /// Upper bound (fraction 0–1).
    pub to: f64,
}

impl Zone {
    /// Whether a total lies in the zone.
    pub fn contains(&self, total: f64) -> bool {
        total >= self.from && total <= self.to
    }
}

/// A class on the lovende–god scale.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Key (`god`).
    pub key: String,
    /// Label (`God praksis`).
    pub label: String,
    /// Lowest total in this band (fraction 0–1).
    pub min: f64,
    /// What the class means.
    #[serde(default)]
    pub description: Option<String>,
    /// Sub-scores the band requires besides the total (IMDi's conjunctive «god»).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub floors: Vec<Floor>,
    /// Answers the band requires.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gates: Vec<Gate>,
    /// Evidence rows the band requires in the practice's evidence table (Socialstyrelsen, Ungsinn).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceRequirement>,
}

impl Band {
    /// Whether the band sets any condition besides its `min`.
    pub fn has_rules(&self) -> bool {
        !(self.floors.is_empty() && self.gates.is_empty() && self.evidence.is_empty())
    }

    /// The band's conditions besides its `min` as one line of keys (`–` when it has none):
    /// `okonomi > 25 %, 11 ∈ {ja}, evidence forskning ≥ 1`.
    pub fn rules_text(&self) -> String {
        let pct = crate::model::number::percent_threshold;
        let mut parts: Vec<String> = Vec::new();
        for floor in &self.floors {
            if let Some(min) = floor.min {
                parts.push(format!("{} ≥ {}", floor.criterion, pct(min)));
            }
            if let Some(above) = floor.above {
                parts.push(format!("{} > {}", floor.criterion, pct(above)));
            }
        }
        for gate in &self.gates {
            parts.push(format!("{} ∈ {{{}}}", gate.question, gate.answers.join(", ")));
        }
        for requirement in &self.evidence {
            parts.push(format!(
                "evidence {} ≥ {}",
                requirement.kinds.join("|"),
                requirement.min
            ));
        }
        if parts.is_empty() {
            "–".to_string()
        } else {
            parts.join(", ")
        }
    }
}

/// A criterion's sub-score that a band requires: at least `min`, or more than `above` (exactly one is given).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Floor {
    /// Criterion id.
    pub criterion: String,
    /// The sub-score must be at least this (fraction 0–1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// The sub-score must be more than this (fraction 0–1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub above: Option<f64>,
}

/// A question whose answer a band requires.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    /// Question id.
    pub question: String,
    /// The answers (option keys, or the «ikke relevant» key) that pass.
    pub answers: Vec<String>,
}

/// Rows of the evidence table a band requires: at least `min` rows whose kind is one of `kinds`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRequirement {
    /// Evidence kind keys, any of which counts.
    pub kinds: Vec<String>,
    /// How many such rows (default 1).
    #[serde(default = "default_one", skip_serializing_if = "is_one")]
    pub min: usize,
}

fn default_one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

/// A criterion with its questions.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Id (`beskrivelse`).
    pub id: String,
    /// Label (`Beskrivelse`).
    pub label: String,
    /// Weight in the total.
    #[serde(default = "default_weight")]
    pub weight: f64,
    /// Default scale of its questions.
    #[serde(default)]
    pub scale: Option<String>,
    /// Why the criterion matters.
    #[serde(default)]
    pub description: Option<String>,
    /// What a sub-score below the level its class requires means, said beside the band's description on a sheet
    /// (`samfunnsøkonomisk nytte er ikke dokumentert`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortfall: Option<String>,
    /// Questions, each possibly with sub-questions.
    #[serde(default)]
    pub questions: Vec<Question>,
}

fn default_weight() -> f64 {
    1.0
}

/// A question (or sub-question).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Id as numbered in the model (`5`, `5a`).
    pub id: String,
    /// The question.
    pub text: String,
    /// What to do to raise the score when the answer is not the best option.
    #[serde(default)]
    pub hint: Option<String>,
    /// Scale, when not the criterion's default.
    #[serde(default)]
    pub scale: Option<String>,
    /// Weight within the criterion.
    #[serde(default = "default_weight")]
    pub weight: f64,
    /// A «ja» lowers the score (IMDi 21b).
    #[serde(default)]
    pub reverse: bool,
    /// Whether «ikke relevant» is allowed (default: the scale's setting).
    #[serde(default)]
    pub not_applicable: Option<bool>,
    /// The id this question had in an earlier version: answers to it count for this one.
    #[serde(default)]
    pub replaces: Option<String>,
    /// Evidence kinds that support a «ja» (or the best option) to this question: `validate` warns when such an
    /// answer cites no row of these kinds. Does not affect scores (nor the criteria fingerprint).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence_kinds: Vec<String>,
    /// Keys of the description template (`[[template]]`), or the top-level `name` and `summary`
    /// ([`Question::TOP_LEVEL_FIELDS`]), whose text the question is about: shown beside the question by `practice
    /// assess`. Does not affect scores (nor the criteria fingerprint).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// Sub-questions, scored as questions of their own.
    #[serde(default)]
    pub sub: Vec<Question>,
}

impl Question {
    /// The top-level practice keys a question's `fields` may name besides the template keys.
    pub const TOP_LEVEL_FIELDS: &'static [&'static str] = &["name", "summary"];
}

/// A question resolved against its criterion and scale: what scoring needs.
#[derive(Clone, Debug)]
pub struct QuestionRef<'c> {
    /// The question.
    pub question: &'c Question,
    /// Index of its criterion in [`Criteria::criteria`].
    pub criterion: usize,
    /// Id of the parent question, for sub-questions.
    pub parent: Option<&'c str>,
    /// Its scale key.
    pub scale_key: &'c str,
    /// Its scale.
    pub scale: &'c Scale,
    /// Whether «ikke relevant» is allowed.
    pub allows_not_applicable: bool,
}

#[derive(Clone, Debug, Default)]
struct QuestionIndex {
    /// (criterion index, path of indices into questions/sub) in document order.
    order: Vec<(usize, Vec<usize>)>,
    by_id: HashMap<String, usize>,
    by_replaced: HashMap<String, usize>,
}

impl Criteria {
    /// Build the flat question index scoring uses; the validate stage calls it once the file is checked.
    pub fn build_index(&mut self) {
        let mut index = QuestionIndex::default();
        for (ci, criterion) in self.criteria.iter().enumerate() {
            for (qi, question) in criterion.questions.iter().enumerate() {
                let mut entries = vec![vec![qi]];
                entries.extend((0..question.sub.len()).map(|si| vec![qi, si]));
                for path in entries {
                    let q = resolve(&criterion.questions, &path);
                    let n = index.order.len();
                    index.by_id.insert(q.id.clone(), n);
                    if let Some(old) = &q.replaces {
                        index.by_replaced.insert(old.clone(), n);
                    }
                    index.order.push((ci, path));
                }
            }
        }
        self.index = index;
    }

    /// All questions, sub-questions right after their parent, in document order.
    pub fn questions(&self) -> impl Iterator<Item = QuestionRef<'_>> + '_ {
        (0..self.index.order.len()).map(move |n| self.question_at(n))
    }

    /// Number of questions (sub-questions included).
    pub fn question_count(&self) -> usize {
        self.index.order.len()
    }

    fn question_at(&self, n: usize) -> QuestionRef<'_> {
        let (ci, path) = &self.index.order[n];
        let criterion = &self.criteria[*ci];
        let question = resolve(&criterion.questions, path);
        let parent = (path.len() > 1).then(|| criterion.questions[path[0]].id.as_str());
        let scale_key = question
            .scale
            .as_deref()
            .or(criterion.scale.as_deref())
            .expect("checked at load: every question has a scale");
        let scale = &self.scales[scale_key];
        QuestionRef {
            question,
            criterion: *ci,
            parent,
            scale_key,
            scale,
            allows_not_applicable: question.not_applicable.unwrap_or(scale.not_applicable),
        }
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<QuestionRef<'_>> {
        self.index.by_id.get(id).map(|&n| self.question_at(n))
    }

    /// The current question that `replaces` this old id, if any.
    pub fn replacement_of(&self, old_id: &str) -> Option<QuestionRef<'_>> {
        self.index.by_replaced.get(old_id).map(|&n| self.question_at(n))
    }

    /// The criterion with this id.
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// Whether an assessment naming criteria `id` is graded against this file: the same id, an id listed in
    /// `replaces`, or no id at all (validation asks consensus assessments for one).
    pub fn accepts(&self, id: Option<&str>) -> bool {
        id.is_none_or(|id| id == self.id || self.replaces.iter().any(|old| old == id))
    }

    /// The label for a rendering key, or the given default (used when a criteria file has no `[labels]`).
    pub fn label<'a>(&'a self, key: &str, default: &'a str) -> &'a str {
        self.labels.get(key).map_or(default, String::as_str)
    }

    /// The key of the «ikke relevant» answer, if the model has one.
    pub fn not_applicable_key(&self) -> Option<&str> {
        self.not_applicable.as_ref().map(|na| na.key.as_str())
    }

    /// The template field with this key.
    pub fn template_field(&self, key: &str) -> Option<&TemplateField> {
        self.template.iter().find(|f| f.key == key)
    }

    /// The facet with this key.
    pub fn facet(&self, key: &str) -> Option<&Facet> {
        self.facets.iter().find(|f| f.key == key)
    }

    /// The stage with this key.
    pub fn stage(&self, key: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.key == key)
    }
}

fn resolve<'q>(questions: &'q [Question], path: &[usize]) -> &'q Question {
    let question = &questions[path[0]];
    match path.get(1) {
        Some(&si) => &question.sub[si],
        None => question,
    }
}

pub(crate) fn find_question<'c>(criteria: &'c [Criterion], id: &str) -> Option<&'c Question> {
    criteria
        .iter()
        .flat_map(|c| c.questions.iter().flat_map(|q| std::iter::once(q).chain(q.sub.iter())))
        .find(|q| q.id == id)
}
