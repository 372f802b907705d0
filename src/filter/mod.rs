//! Filtering the library from the command line (`practice list`): by facet tags, municipality, organisation,
//! region, name, slug, class, score and phase.
//!
//! `--where KEY=VALUE` conditions all have to hold. KEY is a facet key (`theme`) or a facet label (`tema`,
//! `"type tiltak"`), case-insensitive, with `_`, `-` and spaces treated alike; or one of the practice fields
//! `municipality` (`kommune`), `organisation` (`organisasjon`), `region`, `name` (`navn`), `slug`. VALUE is compared
//! case-insensitively with the whole value (for facets: with any one tag); `*` matches any run of characters.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::criteria::Criteria;
use crate::model::labels::Labels;
use crate::model::lifecycle::State;
use crate::model::Phase;
use crate::scoring::percent;
use crate::scoring::ScoredPractice;

/// What a `--where` condition looks at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    /// Tags under this facet key.
    Facet(String),
    /// `municipality`.
    Municipality,
    /// `organisation`.
    Organisation,
    /// `region`.
    Region,
    /// `name`.
    Name,
    /// The folder name.
    Slug,
}

/// The practice fields a condition can name, with their aliases.
const FIELDS: &[(&str, &[&str], Field)] = &[
    ("municipality", &["kommune"], Field::Municipality),
    ("organisation", &["organization", "organisasjon"], Field::Organisation),
    ("region", &[], Field::Region),
    ("name", &["navn"], Field::Name),
    ("slug", &[], Field::Slug),
];

/// A case-insensitive pattern; `*` matches any run of characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    parts: Vec<String>,
    wildcard: bool,
}

impl Pattern {
    /// Compile a pattern.
    pub fn new(text: &str) -> Pattern {
        let folded = fold(text);
        Pattern {
            wildcard: folded.contains('*'),
            parts: folded.split('*').map(str::to_string).collect(),
        }
    }

    /// Whether the whole of `value` matches.
    pub fn matches(&self, value: &str) -> bool {
        let value = fold(value);
        if !self.wildcard {
            return value == self.parts[0];
        }
        let (first, rest) = self.parts.split_first().expect("split gives at least one part");
        let Some(mut remaining) = value.strip_prefix(first.as_str()) else {
            return false;
        };
        let (last, middle) = rest.split_last().expect("a wildcard gives at least two parts");
        for part in middle {
            match remaining.find(part.as_str()) {
                Some(at) => remaining = &remaining[at + part.len()..],
                None => return false,
            }
        }
        remaining.len() >= last.len() && remaining.ends_with(last.as_str())
    }
}

/// Case-fold, trim and bring to NFC for comparisons (files are NFC once loaded; a command-line argument may not
/// be: `å` typed as `a` + combining ring matches `å`).
fn fold(text: &str) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    let text = text.trim();
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.to_lowercase(),
        _ => text.nfc().collect::<String>().to_lowercase(),
    }
}

/// Keys compare with case, `_`, `-` and runs of spaces ignored: `Type tiltak` = `type_tiltak` = `TYPE-TILTAK`.
fn key_form(text: &str) -> String {
    fold(text)
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// One `--where` condition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condition {
    /// What it looks at.
    pub field: Field,
    /// What it must match.
    pub pattern: Pattern,
    /// For a facet with a controlled vocabulary: the facet, so tags are matched by their canonical value (and a
    /// synonym given as the value means its canonical value).
    pub vocabulary: Option<crate::model::criteria::Facet>,
}

/// A class to filter on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClassFilter {
    /// A band key: complete assessments in that band.
    Band(String),
    /// Incomplete assessments.
    Incomplete,
    /// Practices without an assessment.
    NotAssessed,
}

/// A parsed filter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// `--where` conditions (all must hold).
    pub conditions: Vec<Condition>,
    /// `--class`.
    pub class: Option<ClassFilter>,
    /// `--min-score`, 0–1: complete assessments whose total, in whole percent as displayed, reaches it.
    pub min_score: Option<f64>,
    /// `--phase`.
    pub phase: Option<Phase>,
    /// `--lifecycle`: a state, or `Some(None)` for practices with none yet (not recommended, not closed).
    pub lifecycle: Option<Option<State>>,
}

/// A filter argument that cannot be understood (a usage error).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FilterError(pub String);

impl Filter {
    /// Parse the command-line arguments against the criteria (facets, bands) and labels (phase names).
    pub fn parse(
        criteria: &Criteria,
        wheres: &[String],
        class: Option<&str>,
        min_score: Option<&str>,
        phase: Option<&str>,
    ) -> Result<Filter, FilterError> {
        let labels = Labels::from_criteria(criteria);
        let mut filter = Filter::default();
        for condition in wheres {
            let Some((key, value)) = condition.split_once('=') else {
                return Err(FilterError(format!(
                    "--where needs KEY=VALUE, not `{condition}`; valid keys: {}",
                    valid_keys(criteria)
                )));
            };
            let field = field(criteria, key)?;
            let vocabulary = match &field {
                Field::Facet(key) => criteria.facet(key).filter(|f| !f.values.is_empty()).cloned(),
                _ => None,
            };
            // A synonym given without wildcards means its canonical value.
            let value = match &vocabulary {
                Some(facet) if !value.contains('*') => facet.display(value),
                _ => value,
            };
            filter.conditions.push(Condition {
                field,
                pattern: Pattern::new(value),
                vocabulary,
            });
        }
        if let Some(class) = class {
            filter.class = Some(class_filter(criteria, &labels, class)?);
        }
        if let Some(min) = min_score {
            filter.min_score = Some(parse_min_score(min)?);
        }
        if let Some(phase) = phase {
            filter.phase = Some(phase_filter(&labels, phase)?);
        }
        Ok(filter)
    }

    /// Add `--lifecycle STATE`: a state key (`recommended`, `disseminated`, `followed-up`, `withdrawn`,
    /// `not-recommended`), its label, or `none`.
    pub fn with_lifecycle(mut self, criteria: &Criteria, text: &str) -> Result<Filter, FilterError> {
        let labels = Labels::from_criteria(criteria);
        let wanted = key_form(text);
        if wanted == "none" {
            self.lifecycle = Some(None);
            return Ok(self);
        }
        for state in State::ALL {
            let label = crate::model::labels::lifecycle_state_label(&labels, state);
            if wanted == key_form(state.key()) || wanted == key_form(label) {
                self.lifecycle = Some(Some(state));
                return Ok(self);
            }
        }
        let valid: Vec<String> = State::ALL
            .iter()
            .map(|s| {
                format!(
                    "{} ({})",
                    s.key(),
                    crate::model::labels::lifecycle_state_label(&labels, *s)
                )
            })
            .chain(["none".to_string()])
            .collect();
        Err(FilterError(format!(
            "unknown lifecycle state `{}`; valid states: {}",
            text.trim(),
            valid.join(", ")
        )))
    }

    /// Whether a practice passes every part of the filter.
    pub fn matches(&self, practice: &ScoredPractice<'_>) -> bool {
        let entry = practice.entry;
        if let Some(wanted) = self.lifecycle {
            if lifecycle_state(entry) != wanted {
                return false;
            }
        }
        if self.phase.is_some_and(|phase| entry.phase() != phase) {
            return false;
        }
        if let Some(class) = &self.class {
            let ok = match (class, &practice.score) {
                // An assessment that does not load is assessed, though not graded: it is no "not assessed".
                (ClassFilter::NotAssessed, score) => score.is_none() && entry.not_graded().is_none(),
                (ClassFilter::Incomplete, Some(score)) => !score.complete,
                (ClassFilter::Band(key), Some(score)) => score.band.is_some_and(|b| &b.key == key),
                (_, None) => false,
            };
            if !ok {
                return false;
            }
        }
        if let Some(min) = self.min_score {
            let passes = match &practice.score {
                Some(score) if score.complete => score.total.is_some_and(|t| percent(t) as f64 >= min * 100.0 - 1e-9),
                _ => false,
            };
            if !passes {
                return false;
            }
        }
        let p = entry.practice.as_ref().map(|p| &p.value);
        self.conditions.iter().all(|condition| {
            let text = |value: Option<&String>| value.is_some_and(|v| condition.pattern.matches(v));
            match &condition.field {
                Field::Facet(key) => p.and_then(|p| p.tags.get(key)).is_some_and(|tags| {
                    tags.iter().any(|t| {
                        let t = condition.vocabulary.as_ref().map_or(t.as_str(), |f| f.display(t));
                        condition.pattern.matches(t)
                    })
                }),
                Field::Municipality => text(p.and_then(|p| p.municipality.as_ref())),
                Field::Organisation => text(p.and_then(|p| p.organisation.as_ref())),
                Field::Region => text(p.and_then(|p| p.region.as_ref())),
                Field::Name => condition.pattern.matches(entry.name()),
                Field::Slug => condition.pattern.matches(&entry.slug),
            }
        })
    }
}

fn field(criteria: &Criteria, key: &str) -> Result<Field, FilterError> {
    let wanted = key_form(key);
    if let Some(facet) = criteria
        .facets
        .iter()
        .find(|f| key_form(&f.key) == wanted || key_form(&f.label) == wanted)
    {
        return Ok(Field::Facet(facet.key.clone()));
    }
    for (name, aliases, field) in FIELDS {
        if key_form(name) == wanted || aliases.iter().any(|a| key_form(a) == wanted) {
            return Ok(field.clone());
        }
    }
    let candidates: Vec<String> = criteria
        .facets
        .iter()
        .flat_map(|f| [f.key.clone(), f.label.to_lowercase()])
        .chain(FIELDS.iter().map(|(name, ..)| name.to_string()))
        .collect();
    let hint = crate::diagnostic::suggest::closest(&key.to_lowercase(), candidates.iter().map(String::as_str))
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default();
    Err(FilterError(format!(
        "unknown key `{}` in --where{hint}; valid keys: {}",
        key.trim(),
        valid_keys(criteria)
    )))
}

/// The keys `--where` accepts, for messages.
pub fn valid_keys(criteria: &Criteria) -> String {
    let mut keys: Vec<String> = criteria
        .facets
        .iter()
        .map(|f| format!("{} ({})", f.key, f.label))
        .collect();
    keys.extend(FIELDS.iter().map(|(name, ..)| name.to_string()));
    keys.join(", ")
}

fn class_filter(criteria: &Criteria, labels: &Labels, text: &str) -> Result<ClassFilter, FilterError> {
    let wanted = key_form(text);
    if let Some(band) = criteria
        .classification
        .bands
        .iter()
        .find(|b| key_form(&b.key) == wanted || key_form(&b.label) == wanted)
    {
        return Ok(ClassFilter::Band(band.key.clone()));
    }
    if wanted == "incomplete" || wanted == key_form(&labels.incomplete) {
        return Ok(ClassFilter::Incomplete);
    }
    if wanted == "not assessed" || wanted == key_form(&labels.not_assessed) {
        return Ok(ClassFilter::NotAssessed);
    }
    let mut valid: Vec<String> = criteria
        .classification
        .bands
        .iter()
        .map(|b| format!("{} ({})", b.key, b.label))
        .collect();
    valid.push(format!("incomplete ({})", labels.incomplete));
    valid.push(format!("not-assessed ({})", labels.not_assessed));
    Err(FilterError(format!(
        "unknown class `{}`; valid classes: {}",
        text.trim(),
        valid.join(", ")
    )))
}

fn phase_filter(labels: &Labels, text: &str) -> Result<Phase, FilterError> {
    let wanted = key_form(text);
    for phase in [Phase::Nominated, Phase::Mapped, Phase::Assessed] {
        let label = crate::model::labels::phase_label(labels, phase);
        if wanted == phase.key() || wanted == key_form(label) {
            return Ok(phase);
        }
    }
    Err(FilterError(format!(
        "unknown phase `{}`; valid phases: nominated ({}), mapped ({}), assessed ({})",
        text.trim(),
        labels.phase_nominated,
        labels.phase_mapped,
        labels.phase_assessed
    )))
}

/// Parse a minimum score, a percentage: `60`, `60%`, `60 %`, `0,5%`. A bare number in (0, 1] is refused as
/// ambiguous (`1` read as a fraction would be 100 %, as a percentage 1 %): the message says how to write either.
/// Returns the fraction 0–1.
pub fn parse_min_score(text: &str) -> Result<f64, FilterError> {
    let trimmed = text.trim();
    let (number, is_percent) = match trimmed.strip_suffix('%') {
        Some(rest) => (rest.trim(), true),
        None => (trimmed, false),
    };
    let value: f64 = number.replace(',', ".").parse().map_err(|_| {
        FilterError(format!(
            "--min-score must be a percentage such as 60 or 60%, not `{trimmed}`"
        ))
    })?;
    if !value.is_finite() || !(0.0..=100.0).contains(&value) {
        return Err(FilterError(format!(
            "--min-score must be between 0 and 100 (a percentage), not `{trimmed}`"
        )));
    }
    if !is_percent && value > 0.0 && value <= 1.0 {
        let percent = (value * 100.0 * 1e6).round() / 1e6;
        return Err(FilterError(format!(
            "--min-score takes a percentage, so `{trimmed}` is ambiguous: write {percent} for {percent} %, or \
             {number}% for {number} %"
        )));
    }
    Ok(value / 100.0)
}

/// One practice in `practice list --format json`.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ListRow {
    /// Folder name.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Municipality or organisation that owns it.
    pub municipality: Option<String>,
    /// The unit that runs it.
    pub organisation: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// When it started.
    pub started: Option<String>,
    /// Phase key.
    pub phase: Phase,
    /// Lifecycle state key after the assessment (`recommended`, …, `withdrawn`, `not-recommended`), if any.
    pub lifecycle: Option<State>,
    /// Total, 0–1 (unrounded; also for incomplete assessments).
    pub total: Option<f64>,
    /// Band key, for complete assessments.
    pub class: Option<String>,
    /// Every question answered.
    pub complete: bool,
    /// Total in the judgement zone.
    pub in_judgement_zone: bool,
    /// The assessment is an illustration.
    pub illustration: bool,
    /// Sub-scores, in the criteria's order.
    pub criteria: Vec<CriterionValue>,
    /// Tags by facet key, by their canonical value (facets the criteria do not define are left out).
    pub tags: BTreeMap<String, Vec<String>>,
}

/// A criterion's sub-score in `practice list --format json`.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CriterionValue {
    /// Criterion id.
    pub id: String,
    /// Sub-score, 0–1; `null` when undefined or not assessed.
    pub score: Option<f64>,
}

impl ListRow {
    /// Build the row of a practice.
    pub fn new(criteria: &Criteria, practice: &ScoredPractice<'_>) -> ListRow {
        let entry = practice.entry;
        let p = entry.practice.as_ref().map(|p| &p.value);
        let score = practice.score.as_ref();
        ListRow {
            slug: entry.slug.clone(),
            name: entry.name().to_string(),
            municipality: p.and_then(|p| p.municipality.clone()),
            organisation: p.and_then(|p| p.organisation.clone()),
            region: p.and_then(|p| p.region.clone()),
            started: p.and_then(|p| p.started).map(|d| d.to_string()),
            phase: entry.phase(),
            lifecycle: lifecycle_state(entry),
            total: practice.total(),
            class: score.and_then(|s| s.band).map(|b| b.key.clone()),
            complete: score.is_some_and(|s| s.complete),
            in_judgement_zone: score.is_some_and(|s| s.in_judgement_zone),
            illustration: entry.assessment.as_ref().is_some_and(|a| a.value.illustration),
            criteria: criteria
                .criteria
                .iter()
                .enumerate()
                .map(|(i, c)| CriterionValue {
                    id: c.id.clone(),
                    score: score.and_then(|s| s.criteria.get(i)).and_then(|c| c.score),
                })
                .collect(),
            tags: criteria
                .facets
                .iter()
                .filter_map(|f| {
                    let tags = p?.tags.get(&f.key)?;
                    let tags: Vec<String> = f.display_all(tags).into_iter().map(str::to_string).collect();
                    (!tags.is_empty()).then(|| (f.key.clone(), tags))
                })
                .collect(),
        }
    }
}

/// The lifecycle state of a practice's `[lifecycle]`, if any.
pub fn lifecycle_state(entry: &crate::model::PracticeEntry) -> Option<State> {
    entry.practice.as_ref()?.value.lifecycle.as_ref()?.state()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_case_insensitive_and_whole() {
        let p = Pattern::new("arbeid");
        assert!(p.matches("Arbeid"));
        assert!(p.matches(" ARBEID "));
        assert!(!p.matches("Arbeidstrening"));
        assert!(Pattern::new("Språk*").matches("språkopplæring"));
        assert!(Pattern::new("*grimstad*").matches("NAV Grimstad kommune"));
        assert!(Pattern::new("*kommune").matches("Grimstad kommune"));
        assert!(!Pattern::new("*kommune").matches("Grimstad kommune nord"));
        assert!(Pattern::new("a*b*c").matches("abc"));
        assert!(!Pattern::new("ab*ba").matches("aba"));
        assert!(Pattern::new("Øygarden").matches("øygarden"));
    }

    #[test]
    fn keys_ignore_case_and_separators() {
        assert_eq!(key_form("Type tiltak"), key_form("type_tiltak"));
        assert_eq!(key_form("TYPE-TILTAK"), "type tiltak");
    }

    #[test]
    fn min_score_is_a_percentage_and_a_bare_fraction_is_refused() {
        assert_eq!(parse_min_score("60"), Ok(0.6));
        assert_eq!(parse_min_score("60%"), Ok(0.6));
        assert_eq!(parse_min_score("60 %"), Ok(0.6));
        assert_eq!(parse_min_score("0"), Ok(0.0));
        assert_eq!(parse_min_score("100"), Ok(1.0));
        assert_eq!(parse_min_score("1%"), Ok(0.01));
        assert_eq!(parse_min_score("0,5%"), Ok(0.005));
        // `1` is 100 % as a fraction and 1 % as a percentage: refused, saying how to write either.
        assert_eq!(
            parse_min_score("1"),
            Err(FilterError(
                "--min-score takes a percentage, so `1` is ambiguous: write 100 for 100 %, or 1% for 1 %".into()
            ))
        );
        assert_eq!(
            parse_min_score("0,79"),
            Err(FilterError(
                "--min-score takes a percentage, so `0,79` is ambiguous: write 79 for 79 %, or 0,79% for 0,79 %".into()
            ))
        );
        assert!(parse_min_score("0.6").is_err());
        assert!(parse_min_score("101").is_err());
        assert!(parse_min_score("-1").is_err());
        assert!(parse_min_score("høy").is_err());
        assert!(parse_min_score("NaN").is_err());
    }
}
