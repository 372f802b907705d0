//! Agreement between independent assessors (`practices/<slug>/assessments/<assessor>.*`).
//!
//! An *item* is one practice × one question (or one practice × one stage of the selection funnel). Every assessor
//! who judged it contributes one *judgement*. From the items this module builds, per pair of assessors, the crosstab
//! and Cohen's kappa (weighted kappa too on ordered scales), an overall figure (Cohen's kappa when one pair judged
//! everything, Fleiss' kappa otherwise), agreement per question, and per practice the list of disagreements that is
//! the agenda of the consensus meeting. Items one assessor of a pair did not judge are left out of that pair and
//! counted as `missing`, never as disagreements.
//!
//! The statistics themselves are in [`kappa`]; drafting a consensus file from the independent ones is in
//! [`consensus`]; counting practices through the stages is in [`funnel`].

pub mod consensus;
pub mod funnel;
pub mod kappa;
pub mod outcomes;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::model::criteria::{Criteria, QuestionRef, Scale};
use crate::model::Assessment;
use crate::model::{Library, PracticeEntry};

use kappa::{Crosstab, Stats, Weighting};

/// What the items are about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SubjectKind {
    /// The decisions at one stage of the funnel.
    Stage,
    /// The answers to one question.
    Question,
    /// The answers to every question, pooled.
    Answers,
}

/// What to analyse: one stage, one question, or all answers pooled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// Decisions at the stage with this key.
    Stage(String),
    /// Answers to the question with this id.
    Question(String),
    /// Answers to all questions, pooled (practice × question items).
    Answers,
}

/// One answer option or decision.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Category {
    /// Option key (`inn`, `ja`).
    pub key: String,
    /// Label.
    pub label: String,
    /// Place on an ordered scale, 0–1 (rank of its points among the scale's options); `None` when unordered.
    #[serde(skip)]
    pub position: Option<f64>,
}

/// One assessor's judgement of one item.
#[derive(Clone, Debug, PartialEq)]
pub struct Judgement<'a> {
    /// The assessor (file stem under `assessments/`).
    pub assessor: &'a str,
    /// Index into the categories.
    pub category: usize,
    /// The assessor's note, if any.
    pub note: Option<&'a str>,
}

/// One practice × question (or stage), with the judgements of every assessor who made one, sorted by assessor.
#[derive(Clone, Debug)]
pub struct Item<'a> {
    /// Question id or stage key.
    pub id: String,
    /// Question text or stage label.
    pub text: String,
    /// Judgements, sorted by assessor.
    pub judgements: Vec<Judgement<'a>>,
}

impl Item<'_> {
    /// The judgement of this assessor.
    pub fn of(&self, assessor: &str) -> Option<&Judgement<'_>> {
        self.judgements.iter().find(|j| j.assessor == assessor)
    }

    /// True when at least two judged it and not all alike.
    pub fn disputed(&self) -> bool {
        self.judgements.windows(2).any(|w| w[0].category != w[1].category)
    }
}

/// The items of one practice.
#[derive(Clone, Debug)]
pub struct PracticeItems<'a> {
    /// The practice.
    pub entry: &'a PracticeEntry,
    /// Its assessors (every independent file), sorted.
    pub assessors: Vec<&'a str>,
    /// Items at least one assessor judged, in criteria order.
    pub items: Vec<Item<'a>>,
}

/// Every item of one subject across the library.
#[derive(Clone, Debug)]
pub struct ItemSet<'a> {
    /// What the items are about.
    pub kind: SubjectKind,
    /// Stage key or question id; `None` for all answers.
    pub key: Option<String>,
    /// Stage label or question text.
    pub label: String,
    /// Categories of the crosstabs, in display order.
    pub categories: Vec<Category>,
    /// Practices with at least one independent assessment, sorted by slug.
    pub practices: Vec<PracticeItems<'a>>,
    /// Judgements left out because they are not an option here (`validate` reports them).
    pub invalid: usize,
    /// Every possible item id with its text, in criteria order.
    pub order: Vec<(String, String)>,
}

/// Positions of a scale's options on 0–1 by the rank of their points; `None` for unordered scales.
fn positions(scale: &Scale) -> Vec<Option<f64>> {
    let mut points: Vec<f64> = scale.options.iter().map(|o| o.points).collect();
    points.sort_by(f64::total_cmp);
    points.dedup();
    scale
        .options
        .iter()
        .map(|o| {
            if !scale.ordered || points.len() < 2 {
                return None;
            }
            let rank = points.iter().position(|p| *p == o.points)?;
            Some(rank as f64 / (points.len() - 1) as f64)
        })
        .collect()
}

/// Categories for one question: its scale's options, then «ikke relevant» when allowed.
fn question_categories(criteria: &Criteria, question: &QuestionRef<'_>) -> Vec<Category> {
    let mut out: Vec<Category> = question
        .scale
        .options
        .iter()
        .zip(positions(question.scale))
        .map(|(o, position)| Category {
            key: o.key.clone(),
            label: o.label.clone(),
            position,
        })
        .collect();
    if question.allows_not_applicable {
        if let Some(na) = &criteria.not_applicable {
            out.push(Category {
                key: na.key.clone(),
                label: na.label.clone(),
                position: None,
            });
        }
    }
    out
}

/// Categories for all answers pooled: the union of option keys over the scales in use, in order of first use,
/// labelled by their keys. A key keeps its position only when every scale puts it at the same place.
fn pooled_categories(criteria: &Criteria) -> Vec<Category> {
    let mut out: Vec<Category> = Vec::new();
    let mut seen_scales = BTreeSet::new();
    let mut na = None;
    for question in criteria.questions() {
        if question.allows_not_applicable {
            na = criteria.not_applicable.as_ref();
        }
        if !seen_scales.insert(question.scale_key) {
            continue;
        }
        for category in question_categories(criteria, &question) {
            if Some(category.key.as_str()) == criteria.not_applicable_key() {
                continue;
            }
            match out.iter_mut().find(|c| c.key == category.key) {
                None => out.push(category),
                Some(existing) => {
                    if existing.position != category.position {
                        existing.position = None;
                    }
                }
            }
        }
    }
    // Labels differ between scales (`ja` is «Ja» on one, «Ja / godt beskrevet» on another): pooled, show keys.
    for category in &mut out {
        category.label = category.key.clone();
    }
    if let Some(na) = na {
        out.push(Category {
            key: na.key.clone(),
            label: na.label.clone(),
            position: None,
        });
    }
    out
}

/// Answers keyed by current question id: answers under an id a question `replaces` count for it (unless the
/// current id is answered too).
pub fn current_answers<'a>(
    criteria: &Criteria,
    assessment: &'a Assessment,
) -> BTreeMap<String, &'a crate::model::Answer> {
    let mut out = BTreeMap::new();
    for (id, answer) in &assessment.answers {
        if criteria.question(id).is_some() {
            out.insert(id.clone(), answer);
        }
    }
    for (id, answer) in &assessment.answers {
        if criteria.question(id).is_none() {
            if let Some(q) = criteria.replacement_of(id) {
                out.entry(q.question.id.clone()).or_insert(answer);
            }
        }
    }
    out
}

/// Whether `key` is a valid answer to `question`.
fn is_valid_answer(criteria: &Criteria, question: &QuestionRef<'_>, key: &str) -> bool {
    question.scale.option(key).is_some()
        || (question.allows_not_applicable && Some(key) == criteria.not_applicable_key())
}

impl<'a> ItemSet<'a> {
    /// Collect the items of `subject` from every practice with independent assessments. Fails on an unknown stage or
    /// question, with a message naming the known ones.
    pub fn collect(library: &'a Library, criteria: &'a Criteria, subject: &Subject) -> anyhow::Result<ItemSet<'a>> {
        let (kind, key, label, categories) = match subject {
            Subject::Stage(key) => {
                let stage = criteria.stage(key).ok_or_else(|| {
                    let known: Vec<&str> = criteria.stages.iter().map(|s| s.key.as_str()).collect();
                    if known.is_empty() {
                        anyhow::anyhow!("no stage `{key}`: the criteria declare no stages")
                    } else {
                        anyhow::anyhow!(
                            "no stage `{key}` in the criteria{}; the stages are: {}",
                            crate::diagnostic::suggest::closest(key, known.iter().copied())
                                .map(|s| format!(" (did you mean `{s}`?)"))
                                .unwrap_or_default(),
                            known.join(", ")
                        )
                    }
                })?;
                let categories = stage
                    .options
                    .iter()
                    .map(|o| Category {
                        key: o.key.clone(),
                        label: o.label.clone(),
                        position: None,
                    })
                    .collect();
                (SubjectKind::Stage, Some(key.clone()), stage.label.clone(), categories)
            }
            Subject::Question(id) => {
                let question = criteria.question(id).ok_or_else(|| {
                    let hint =
                        crate::diagnostic::suggest::closest(id, criteria.questions().map(|q| q.question.id.as_str()))
                            .map(|s| format!(" (did you mean `{s}`?)"))
                            .unwrap_or_default();
                    anyhow::anyhow!(
                        "no question `{id}` in criteria {} {}{hint}",
                        criteria.id,
                        criteria.version
                    )
                })?;
                let categories = question_categories(criteria, &question);
                (
                    SubjectKind::Question,
                    Some(id.clone()),
                    question.question.text.clone(),
                    categories,
                )
            }
            Subject::Answers => (
                SubjectKind::Answers,
                None,
                "all answers".to_string(),
                pooled_categories(criteria),
            ),
        };
        let index: HashMap<&str, usize> = categories
            .iter()
            .enumerate()
            .map(|(i, c)| (c.key.as_str(), i))
            .collect();
        let mut invalid = 0;
        let mut practices = Vec::new();
        for entry in library.practices.iter().filter(|p| !p.assessors.is_empty()) {
            let assessors: Vec<&str> = entry.assessors.iter().map(|(name, _)| name.as_str()).collect();
            let mut items = Vec::new();
            match subject {
                Subject::Stage(key) => {
                    let mut judgements = Vec::new();
                    for (name, loaded) in &entry.assessors {
                        if let Some(decision) = loaded.value.decisions.get(key) {
                            match index.get(decision.as_str()) {
                                Some(&category) => judgements.push(Judgement {
                                    assessor: name,
                                    category,
                                    note: None,
                                }),
                                None => invalid += 1,
                            }
                        }
                    }
                    if !judgements.is_empty() {
                        items.push(Item {
                            id: key.clone(),
                            text: label.clone(),
                            judgements,
                        });
                    }
                }
                Subject::Question(_) | Subject::Answers => {
                    let answers: Vec<(&str, BTreeMap<String, &crate::model::Answer>)> = entry
                        .assessors
                        .iter()
                        .map(|(name, loaded)| (name.as_str(), current_answers(criteria, &loaded.value)))
                        .collect();
                    let questions: Vec<QuestionRef<'_>> = match subject {
                        Subject::Question(id) => criteria.question(id).into_iter().collect(),
                        _ => criteria.questions().collect(),
                    };
                    for question in questions {
                        let mut judgements = Vec::new();
                        for (name, answers) in &answers {
                            let Some(answer) = answers.get(&question.question.id) else {
                                continue;
                            };
                            if !is_valid_answer(criteria, &question, &answer.answer) {
                                invalid += 1;
                                continue;
                            }
                            if let Some(&category) = index.get(answer.answer.as_str()) {
                                judgements.push(Judgement {
                                    assessor: name,
                                    category,
                                    note: answer.note.as_deref(),
                                });
                            }
                        }
                        if !judgements.is_empty() {
                            items.push(Item {
                                id: question.question.id.clone(),
                                text: question.question.text.clone(),
                                judgements,
                            });
                        }
                    }
                }
            }
            practices.push(PracticeItems {
                entry,
                assessors,
                items,
            });
        }
        let order = match subject {
            Subject::Answers => criteria
                .questions()
                .map(|q| (q.question.id.clone(), q.question.text.clone()))
                .collect(),
            _ => vec![(key.clone().unwrap_or_default(), label.clone())],
        };
        Ok(ItemSet {
            order,
            kind,
            key,
            label,
            categories,
            practices,
            invalid,
        })
    }

    /// Whether any item has a judgement at all.
    pub fn is_empty(&self) -> bool {
        self.practices.iter().all(|p| p.items.is_empty())
    }

    /// Every assessor with at least one judgement here, sorted.
    pub fn assessors(&self) -> Vec<&'a str> {
        let set: BTreeSet<&'a str> = self
            .practices
            .iter()
            .flat_map(|p| p.items.iter().flat_map(|i| i.judgements.iter().map(|j| j.assessor)))
            .collect();
        set.into_iter().collect()
    }
}

/// Agreement of one pair of assessors, over the items both judged.
#[derive(Clone, Debug, Serialize)]
pub struct PairReport {
    /// The two assessors, sorted; the crosstab's rows are the first, its columns the second.
    pub assessors: [String; 2],
    /// Kappa and friends (`n`, `observed`, `expected`, `kappa`, `se`, `z`, `p`, `strength`).
    #[serde(flatten)]
    pub stats: Stats,
    /// Items both judged alike.
    pub agreements: usize,
    /// Items both judged differently.
    pub disagreements: usize,
    /// `missing[i]`: items the other assessor judged but `assessors[i]` did not, in practices both assessed. They
    /// are left out of `n`.
    pub missing: [usize; 2],
    /// Practices both have an assessment of.
    pub practices: usize,
    /// Weighted kappa, on an ordered scale with at least three options in use.
    pub weighted: Option<WeightedReport>,
    /// Counts: `crosstab[row][column]`, rows the first assessor's categories, columns the second's.
    pub crosstab: Crosstab,
}

/// Weighted kappa with its weights.
#[derive(Clone, Debug, Serialize)]
pub struct WeightedReport {
    /// Linear or quadratic.
    pub weights: Weighting,
    /// The statistics.
    #[serde(flatten)]
    pub stats: Stats,
}

/// Agreement over every assessor at once.
#[derive(Clone, Debug, Serialize)]
pub struct OverallReport {
    /// `cohen` when a single pair judged every item, else `fleiss`.
    pub method: &'static str,
    /// Distinct assessors.
    pub assessors: usize,
    /// The statistics over items judged by at least two assessors.
    #[serde(flatten)]
    pub stats: Stats,
    /// Mean of the pairwise Cohen's kappas that are defined (Light 1971), with more than one pair.
    pub mean_pairwise_kappa: Option<f64>,
}

/// Agreement on one question across practices.
#[derive(Clone, Debug, Serialize)]
pub struct QuestionReport {
    /// Question id.
    pub id: String,
    /// Question text.
    pub text: String,
    /// Items (practices) judged by all their assessors alike.
    pub agreements: usize,
    /// `cohen` when one pair judged every practice, else `fleiss`.
    pub method: &'static str,
    /// The statistics over practices where at least two assessors answered.
    #[serde(flatten)]
    pub stats: Stats,
}

/// One judgement in the agenda.
#[derive(Clone, Debug, Serialize)]
pub struct AgendaJudgement {
    /// The assessor.
    pub assessor: String,
    /// Option key.
    pub answer: String,
    /// Option label.
    pub label: String,
    /// The assessor's note.
    pub note: Option<String>,
}

/// One item to settle in the consensus meeting.
#[derive(Clone, Debug, Serialize)]
pub struct AgendaItem {
    /// Question id or stage key.
    pub id: String,
    /// Question text or stage label.
    pub text: String,
    /// `disagreement`, or `unpaired` when only one assessor judged it.
    pub kind: &'static str,
    /// Each judgement.
    pub judgements: Vec<AgendaJudgement>,
    /// Assessors of the practice who did not judge it.
    pub missing: Vec<String>,
}

/// A practice's agenda.
#[derive(Clone, Debug, Serialize)]
pub struct PracticeAgenda {
    /// Folder name.
    pub slug: String,
    /// Practice name.
    pub name: String,
    /// Its assessors.
    pub assessors: Vec<String>,
    /// Items to settle, in criteria order.
    pub items: Vec<AgendaItem>,
}

/// The whole analysis of one subject.
#[derive(Clone, Debug, Serialize)]
pub struct SectionReport {
    /// What the items are about.
    pub subject: SubjectKind,
    /// Stage key or question id (`null` for all answers).
    pub key: Option<String>,
    /// Stage label or question text.
    pub label: String,
    /// Crosstab categories: `[{key, label}]`.
    pub categories: Vec<Category>,
    /// Assessors with judgements here.
    pub assessors: Vec<String>,
    /// Items judged by at least two assessors.
    pub items: usize,
    /// Judgements left out as invalid (see `practice validate`).
    pub invalid: usize,
    /// Per pair of assessors who share a practice.
    pub pairs: Vec<PairReport>,
    /// All assessors at once (`null` with fewer than two).
    pub overall: Option<OverallReport>,
    /// Per question (only for all answers pooled).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub questions: Option<Vec<QuestionReport>>,
    /// Per practice: what the consensus meeting must settle.
    pub agenda: Vec<PracticeAgenda>,
}

/// Cohen's or Fleiss' kappa over items, whichever fits: Cohen when every item was judged by the same two assessors.
fn overall_stats<'i, 'a: 'i>(items: impl Iterator<Item = &'i Item<'a>>, k: usize) -> Option<(&'static str, Stats)> {
    let rated: Vec<&Item> = items.filter(|i| i.judgements.len() >= 2).collect();
    if rated.is_empty() {
        return None;
    }
    let first = (rated[0].judgements[0].assessor, rated[0].judgements[1].assessor);
    let one_pair = rated
        .iter()
        .all(|i| i.judgements.len() == 2 && (i.judgements[0].assessor, i.judgements[1].assessor) == first);
    if one_pair {
        let mut table = vec![vec![0; k]; k];
        for item in &rated {
            table[item.judgements[0].category][item.judgements[1].category] += 1;
        }
        Some(("cohen", kappa::cohen(&table)))
    } else {
        let counts: Vec<Vec<usize>> = rated
            .iter()
            .map(|item| {
                let mut row = vec![0; k];
                for j in &item.judgements {
                    row[j.category] += 1;
                }
                row
            })
            .collect();
        Some(("fleiss", kappa::fleiss(&counts)))
    }
}

/// Analyse an item set: pairs, overall, per question, agenda.
pub fn analyse(set: &ItemSet<'_>, weighting: Weighting) -> SectionReport {
    let k = set.categories.len();
    let positions: Vec<Option<f64>> = set.categories.iter().map(|c| c.position).collect();
    let weights = weighting.matrix(&positions);

    // Pairs: every two assessors who share a practice.
    #[derive(Default)]
    struct PairAcc {
        table: Vec<Vec<usize>>,
        missing: [usize; 2],
        practices: usize,
    }
    let mut pairs: BTreeMap<(&str, &str), PairAcc> = BTreeMap::new();
    for practice in &set.practices {
        let names = &practice.assessors;
        for (i, a) in names.iter().enumerate() {
            for b in &names[i + 1..] {
                let acc = pairs.entry((*a, *b)).or_insert_with(|| PairAcc {
                    table: vec![vec![0; k]; k],
                    ..PairAcc::default()
                });
                acc.practices += 1;
                for item in &practice.items {
                    match (item.of(a), item.of(b)) {
                        (Some(x), Some(y)) => acc.table[x.category][y.category] += 1,
                        (Some(_), None) => acc.missing[1] += 1,
                        (None, Some(_)) => acc.missing[0] += 1,
                        (None, None) => {}
                    }
                }
            }
        }
    }
    let pair_reports: Vec<PairReport> = pairs
        .into_iter()
        .map(|((a, b), acc)| {
            let stats = kappa::cohen(&acc.table);
            let agreements = (0..k).map(|i| acc.table[i][i]).sum();
            // Weighted kappa only where it adds something: three or more ordered options in use.
            let used: Vec<usize> = (0..k)
                .filter(|&c| (0..k).any(|o| acc.table[c][o] + acc.table[o][c] > 0))
                .collect();
            let ordered = used.iter().all(|&c| positions[c].is_some()) && used.len() >= 3;
            let weighted = ordered.then(|| WeightedReport {
                weights: weighting,
                stats: kappa::weighted(&acc.table, &weights),
            });
            PairReport {
                assessors: [a.to_string(), b.to_string()],
                agreements,
                disagreements: stats.n - agreements,
                stats,
                missing: acc.missing,
                practices: acc.practices,
                weighted,
                crosstab: acc.table,
            }
        })
        .collect();

    let assessors: Vec<String> = set.assessors().into_iter().map(String::from).collect();
    let overall = if assessors.len() >= 2 {
        overall_stats(set.practices.iter().flat_map(|p| p.items.iter()), k).map(|(method, stats)| {
            let defined: Vec<f64> = pair_reports.iter().filter_map(|p| p.stats.kappa).collect();
            OverallReport {
                method,
                assessors: assessors.len(),
                stats,
                mean_pairwise_kappa: (pair_reports.len() > 1 && !defined.is_empty())
                    .then(|| defined.iter().sum::<f64>() / defined.len() as f64),
            }
        })
    } else {
        None
    };

    let questions = (set.kind == SubjectKind::Answers).then(|| {
        let mut by_question: HashMap<&str, Vec<&Item>> = HashMap::new();
        for item in set.practices.iter().flat_map(|p| p.items.iter()) {
            by_question.entry(item.id.as_str()).or_default().push(item);
        }
        set.order
            .iter()
            .filter_map(|(id, text)| {
                let items = by_question.get(id.as_str())?;
                let (method, stats) = overall_stats(items.iter().copied(), k)?;
                Some(QuestionReport {
                    id: id.clone(),
                    text: text.clone(),
                    agreements: items
                        .iter()
                        .filter(|i| i.judgements.len() >= 2 && !i.disputed())
                        .count(),
                    method,
                    stats,
                })
            })
            .collect()
    });

    let agenda = set
        .practices
        .iter()
        .filter(|p| p.assessors.len() >= 2)
        .filter_map(|practice| {
            let items: Vec<AgendaItem> = practice
                .items
                .iter()
                .filter(|i| i.disputed() || i.judgements.len() == 1)
                .map(|item| AgendaItem {
                    id: item.id.clone(),
                    text: item.text.clone(),
                    kind: if item.judgements.len() == 1 {
                        "unpaired"
                    } else {
                        "disagreement"
                    },
                    judgements: item
                        .judgements
                        .iter()
                        .map(|j| AgendaJudgement {
                            assessor: j.assessor.to_string(),
                            answer: set.categories[j.category].key.clone(),
                            label: set.categories[j.category].label.clone(),
                            note: j.note.map(str::to_string),
                        })
                        .collect(),
                    missing: practice
                        .assessors
                        .iter()
                        .filter(|a| item.of(a).is_none())
                        .map(|a| a.to_string())
                        .collect(),
                })
                .collect();
            (!items.is_empty()).then(|| PracticeAgenda {
                slug: practice.entry.slug.clone(),
                name: practice.entry.name().to_string(),
                assessors: practice.assessors.iter().map(|a| a.to_string()).collect(),
                items,
            })
        })
        .collect();

    SectionReport {
        subject: set.kind,
        key: set.key.clone(),
        label: set.label.clone(),
        categories: set.categories.clone(),
        assessors,
        items: set
            .practices
            .iter()
            .flat_map(|p| p.items.iter())
            .filter(|i| i.judgements.len() >= 2)
            .count(),
        invalid: set.invalid,
        pairs: pair_reports,
        overall,
        questions,
        agenda,
    }
}

/// The subjects `practice agree` reports by default: every stage with a decision, then all answers pooled.
pub fn default_subjects(library: &Library, criteria: &Criteria) -> Vec<Subject> {
    let mut out: Vec<Subject> = criteria
        .stages
        .iter()
        .filter(|stage| {
            library
                .practices
                .iter()
                .flat_map(|p| p.assessors.iter())
                .any(|(_, a)| a.value.decisions.contains_key(&stage.key))
        })
        .map(|stage| Subject::Stage(stage.key.clone()))
        .collect();
    if library
        .practices
        .iter()
        .flat_map(|p| p.assessors.iter())
        .any(|(_, a)| !a.value.answers.is_empty())
    {
        out.push(Subject::Answers);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::criteria::ScaleOption;

    fn scale(points: &[f64], ordered: bool) -> Scale {
        Scale {
            label: None,
            not_applicable: false,
            ordered,
            options: points
                .iter()
                .enumerate()
                .map(|(i, p)| ScaleOption {
                    key: format!("o{i}"),
                    label: String::new(),
                    points: *p,
                })
                .collect(),
        }
    }

    #[test]
    fn positions_are_ranks_of_points() {
        assert_eq!(
            positions(&scale(&[1.0, 0.5, 0.0], true)),
            vec![Some(1.0), Some(0.5), Some(0.0)]
        );
        // Uneven points still give evenly spaced ranks.
        assert_eq!(
            positions(&scale(&[0.0, 0.9, 1.0], true)),
            vec![Some(0.0), Some(0.5), Some(1.0)]
        );
        assert_eq!(positions(&scale(&[1.0, 0.0], false)), vec![None, None]);
    }

    #[test]
    fn pooled_categories_of_the_bundled_criteria() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("criteria.toml");
        let criteria = Criteria::load(&path).expect("bundled criteria load");
        let categories = pooled_categories(&criteria);
        let keys: Vec<&str> = categories.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["ja", "noe", "nei", "ikke-relevant"]);
        // `ja` and `nei` sit at the same place on both scales, so weighted kappa can pool them.
        let positions: Vec<Option<f64>> = categories.iter().map(|c| c.position).collect();
        assert_eq!(positions, vec![Some(1.0), Some(0.5), Some(0.0), None]);
    }
}
