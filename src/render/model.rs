//! The render model: plain structs with everything a renderer needs already resolved — labels from the criteria
//! file, percentages, sorted and grouped lists — so that the Markdown and SVG renderers only lay out text.
//!
//! Text in these structs is *raw* (as written in the files); the renderers escape it for their format.

use std::collections::{BTreeMap, HashMap};

use crate::model::criteria::{Band, Criteria};
use crate::model::labels::phase_label;
use crate::model::labels::{fill, Labels};
use crate::model::{Phase, PracticeEntry};
use crate::render::escape;
use crate::scoring::ScoredPractice;
use crate::scoring::{percent, AnswerState, Score};

/// Everything on one recommendation sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetModel {
    /// Folder name; the sheet is `<slug>.md`, its chart `<slug>.svg`.
    pub slug: String,
    /// Name of the practice.
    pub name: String,
    /// The assessment is an illustration, not a published assessment.
    pub illustration: bool,
    /// Municipality and region on one line (`Grimstad kommune, Agder`), for the top of the sheet.
    pub location: Option<String>,
    /// For whom: the description's target-group field (template key `target_group`), else the values of the facet
    /// of that key.
    pub audience: Option<Field>,
    /// Facts about the practice (municipality, region, facet tags, phase …), in display order.
    pub facts: Vec<Fact>,
    /// The short description.
    pub summary: Option<String>,
    /// The class on the lovende–god scale, or why there is none.
    pub grading: Grading,
    /// Which rule decided the class (empty without a class).
    pub class_reason: crate::render::reason::ReasonModel,
    /// How far the total could move if the «ikke relevant» answers were the worst or the best option.
    pub na_range: Option<String>,
    /// The bands and the judgement zone, for the text scale.
    pub scale: ScaleModel,
    /// With a class: the criteria whose sub-score is below the level the class requires ([`criterion_floor`]), in
    /// the criteria's order, so that the band's description is never the only word on a weak criterion.
    pub shortfalls: Vec<Shortfall>,
    /// Sub-scores per criterion (empty when not assessed).
    pub sub_scores: Vec<SubScore>,
    /// The chart, when the practice is assessed.
    pub chart: Option<ChartModel>,
    /// Overall justification.
    pub justification: Option<String>,
    /// Justification per criterion, in the criteria's order (only criteria that have one).
    pub criterion_justifications: Vec<CriterionText>,
    /// What would raise the score, grouped by criterion; `None` when not assessed.
    pub improvements: Option<Vec<ImprovementGroup>>,
    /// The description template's fields, in the template's order (only filled-in ones, and none marked
    /// `private`).
    pub description: Vec<Field>,
    /// Evidence grouped by kind; `None` when the practice has no evidence file.
    pub evidence: Option<Vec<EvidenceGroup>>,
    /// Good stories.
    pub stories: Vec<StoryModel>,
    /// Useful links.
    pub links: Vec<LinkModel>,
    /// Further knowledge needs.
    pub knowledge_needs: Vec<String>,
    /// Related practices.
    pub related: Vec<RelatedModel>,
    /// Written sources.
    pub sources: Vec<LinkModel>,
    /// Contacts.
    pub contacts: Vec<ContactModel>,
    /// About the assessment (criteria, assessors, date); `None` when not assessed.
    pub about: Option<AboutModel>,
    /// After the assessment: recommended, disseminated, followed up, withdrawn ([`super::lifecycle`]).
    pub lifecycle: Option<super::lifecycle::LifecycleModel>,
}

/// One row of the facts table.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    /// Label.
    pub label: String,
    /// Value (raw text).
    pub value: String,
    /// A sheet in the same folder to link the value to (`<slug>.md`).
    pub sheet: Option<String>,
}

/// The class, or why there is none.
#[derive(Clone, Debug, PartialEq)]
pub enum Grading {
    /// Nominated or mapped, not assessed.
    NotAssessed {
        /// The phase's label.
        phase: String,
        /// What is still missing for the next phase.
        missing: Vec<String>,
    },
    /// Some questions have no (valid) answer: no class.
    Incomplete {
        /// Total of what is answered, in whole percent.
        total: Option<i64>,
        /// Number of questions without a valid answer.
        missing_count: usize,
        /// The lowest and highest total still reachable, in whole percent ([`crate::scoring::bounds`]).
        reachable: Option<(i64, i64)>,
        /// The class every completion gives, when they all give the same (its label).
        decided: Option<String>,
        /// Those questions, by criterion.
        missing: Vec<MissingGroup>,
    },
    /// Complete, but no question applies, so there is no total.
    NoTotal,
    /// Complete, with a class.
    Classified {
        /// The band's label.
        band: String,
        /// What the band means.
        band_description: Option<String>,
        /// The total, 0–1.
        total: f64,
        /// The total in whole percent.
        percent: i64,
        /// The judgement zone in whole percent, when the total lies in it.
        judgement_zone: Option<(i64, i64)>,
    },
}

/// Questions without an answer, for one criterion.
#[derive(Clone, Debug, PartialEq)]
pub struct MissingGroup {
    /// Criterion label.
    pub criterion: String,
    /// The questions.
    pub questions: Vec<MissingQuestion>,
}

/// One unanswered question.
#[derive(Clone, Debug, PartialEq)]
pub struct MissingQuestion {
    /// Question id.
    pub id: String,
    /// Question text.
    pub text: String,
    /// The answer given, when it was not a valid option.
    pub invalid_answer: Option<String>,
}

/// A criterion below the level its class requires.
#[derive(Clone, Debug, PartialEq)]
pub struct Shortfall {
    /// Criterion label.
    pub label: String,
    /// Its sub-score in whole percent.
    pub percent: i64,
    /// The level the class requires, in whole percent.
    pub floor: i64,
    /// What falling short means for this criterion (the criterion's `shortfall`).
    pub note: Option<String>,
}

/// The lowest sub-score (0–1) criterion `criterion` (an index into [`Criteria::criteria`]) may have for a
/// practice in `band` to be described by the band's text, or `None` when the band requires nothing of it.
///
/// The rule is the criteria file's: the band's floor on the criterion (`[[classification.bands.floors]]`, its `min`
/// or `above`), and with cumulative bands the highest floor of the band and the bands below it. This is the only
/// place that knows the rule.
pub fn criterion_floor(criteria: &Criteria, band: &Band, criterion: usize) -> Option<f64> {
    let id = &criteria.criteria.get(criterion)?.id;
    let bands = &criteria.classification.bands;
    let upto = bands.iter().position(|b| b.key == band.key)?;
    let considered = if criteria.classification.cumulative {
        &bands[..=upto]
    } else {
        &bands[upto..=upto]
    };
    considered
        .iter()
        .flat_map(|b| &b.floors)
        .filter(|f| &f.criterion == id)
        .filter_map(|f| f.min.or(f.above))
        .reduce(f64::max)
}

/// The criteria below the level `band` requires ([`criterion_floor`]).
pub fn shortfalls(criteria: &Criteria, band: &Band, sub_scores: &[SubScore]) -> Vec<Shortfall> {
    sub_scores
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let fraction = s.fraction?;
            let floor = criterion_floor(criteria, band, i)?;
            (fraction + 1e-9 < floor).then(|| Shortfall {
                label: s.label.clone(),
                percent: percent(fraction),
                floor: percent(floor),
                note: criteria.criteria[i]
                    .shortfall
                    .as_deref()
                    .map(escape::one_line)
                    .filter(|t| !t.is_empty()),
            })
        })
        .collect()
}

/// The bands and the judgement zone, for the text scale.
#[derive(Clone, Debug, PartialEq)]
pub struct ScaleModel {
    /// (label, min) per band, ascending.
    pub bands: Vec<(String, f64)>,
    /// The judgement zone (from, to), 0–1.
    pub zone: Option<(f64, f64)>,
}

/// One criterion's sub-score.
#[derive(Clone, Debug, PartialEq)]
pub struct SubScore {
    /// Criterion label.
    pub label: String,
    /// Score, 0–1; `None` when no question applies.
    pub fraction: Option<f64>,
    /// Score in whole percent.
    pub percent: Option<i64>,
    /// Points earned, formatted (`12,5`).
    pub points: String,
    /// Maximum points, formatted (`18`).
    pub max_points: String,
    /// Questions answered «ikke relevant».
    pub not_applicable: usize,
    /// Questions without a valid answer.
    pub missing: usize,
}

/// The chart of the sub-scores.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartModel {
    /// Full title (the SVG's `<title>` and the image's alternative text).
    pub title: String,
    /// Visible heading (the practice's name).
    pub heading: String,
    /// Visible sub-heading (total and class).
    pub subtitle: String,
    /// One axis (or bar) per criterion.
    pub axes: Vec<Axis>,
    /// A visible mark when the assessment is an illustration or incomplete (`Illustrasjon · Ufullstendig
    /// vurdering`).
    pub mark: Option<String>,
    /// The scores are provisional (an incomplete assessment): the outline is dashed.
    pub provisional: bool,
}

/// One axis of the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// Criterion label.
    pub label: String,
    /// Score, 0–1, when defined.
    pub fraction: Option<f64>,
    /// The value as text (`69 %`, or a note when undefined).
    pub value: String,
}

/// A criterion's justification.
#[derive(Clone, Debug, PartialEq)]
pub struct CriterionText {
    /// Criterion label.
    pub label: String,
    /// Its sub-score in whole percent.
    pub percent: Option<i64>,
    /// The justification.
    pub text: String,
}

/// Improvements for one criterion.
#[derive(Clone, Debug, PartialEq)]
pub struct ImprovementGroup {
    /// Criterion label.
    pub criterion: String,
    /// One per answer that is not the best option, in question order.
    pub items: Vec<Improvement>,
}

/// One improvement.
#[derive(Clone, Debug, PartialEq)]
pub struct Improvement {
    /// Question id.
    pub id: String,
    /// The question's hint, or its text when it has none.
    pub hint: String,
    /// Label of the answer given.
    pub answer: String,
    /// The answer's note.
    pub note: Option<String>,
}

/// A field of the description template.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Label.
    pub label: String,
    /// Text.
    pub text: String,
}

/// Evidence rows of one kind.
#[derive(Clone, Debug, PartialEq)]
pub struct EvidenceGroup {
    /// Kind label.
    pub kind: String,
    /// Rows, in file order.
    pub rows: Vec<EvidenceRowModel>,
}

/// One evidence row.
#[derive(Clone, Debug, PartialEq)]
pub struct EvidenceRowModel {
    /// Id.
    pub id: String,
    /// Problemstilling.
    pub question: String,
    /// Funn.
    pub finding: String,
    /// Kilde, with design and date.
    pub source: String,
    /// Caveat.
    pub note: Option<String>,
    /// Ids of the questions whose answers cite the row, in question order.
    pub cited_by: Vec<String>,
}

/// A good story.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryModel {
    /// Title.
    pub title: String,
    /// Text.
    pub text: String,
}

/// A link or a source; `url` is set only when it is safe to link ([`escape::safe_url`]).
#[derive(Clone, Debug, PartialEq)]
pub struct LinkModel {
    /// Title.
    pub title: String,
    /// Safe URL.
    pub url: Option<String>,
}

/// A related practice.
#[derive(Clone, Debug, PartialEq)]
pub struct RelatedModel {
    /// Its slug (the current one when the link names an old slug).
    pub slug: String,
    /// Its name and sheet file, when it is in the library.
    pub sheet: Option<(String, String)>,
    /// How it relates.
    pub relation: Option<String>,
}

/// A contact.
#[derive(Clone, Debug, PartialEq)]
pub struct ContactModel {
    /// Role label.
    pub role: String,
    /// Name.
    pub name: String,
    /// Organisation.
    pub organisation: Option<String>,
    /// E-mail, with a safe `mailto:` URL when it looks like an address.
    pub email: Option<LinkModel>,
    /// Phone.
    pub phone: Option<String>,
}

/// About the assessment.
#[derive(Clone, Debug, PartialEq)]
pub struct AboutModel {
    /// Criteria title, id and version scored against.
    pub criteria: String,
    /// Assessors.
    pub assessors: Vec<String>,
    /// Date.
    pub date: Option<String>,
    /// Free-text status.
    pub status: Option<String>,
    /// Illustration or not.
    pub illustration: bool,
    /// Note when the assessment names another criteria id or version.
    pub stale: Option<String>,
}

/// The index page.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexModel {
    /// Title.
    pub title: String,
    /// Introduction.
    pub intro: String,
    /// Criterion labels (sub-score columns).
    pub criteria: Vec<String>,
    /// Every practice, sorted by total (highest first), unscored last, ties by slug.
    pub rows: Vec<IndexRow>,
    /// Practices per class: bands from the highest, then incomplete, no total, not assessed.
    pub class_counts: Vec<(String, usize)>,
    /// Practices per phase.
    pub phase_counts: Vec<(String, usize)>,
    /// One section per facet.
    pub facets: Vec<FacetSection>,
    /// The judgement zone note, when any practice's class needs judgement.
    pub judgement_note: Option<String>,
}

/// One practice in the index.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexRow {
    /// Slug; the sheet is `<slug>.md`.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Municipality.
    pub municipality: Option<String>,
    /// Total in whole percent (complete or not).
    pub total: Option<i64>,
    /// The total is provisional: the assessment is incomplete.
    pub provisional: bool,
    /// Class text (band label, «Ufullstendig vurdering», «Ikke vurdert (Nominert)»).
    pub class: String,
    /// The class needs expert judgement.
    pub judgement: bool,
    /// The assessment is an illustration.
    pub illustration: bool,
    /// Sub-scores in whole percent, per criterion.
    pub sub_scores: Vec<Option<i64>>,
}

/// A facet with its values.
#[derive(Clone, Debug, PartialEq)]
pub struct FacetSection {
    /// Facet label.
    pub label: String,
    /// Values in Norwegian alphabetical order, each with its practices (indices into [`IndexModel::rows`]).
    pub values: Vec<(String, Vec<usize>)>,
}

/// A key for sorting Norwegian text: case-insensitive, with æ, ø, å after z (in that order) and accents folded.
pub fn sort_key(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'æ' | 'ä' => '{',
            'ø' | 'ö' => '|',
            'å' => '}',
            'é' | 'è' | 'ê' => 'e',
            'ü' => 'u',
            'á' | 'à' => 'a',
            'ó' | 'ò' | 'ô' => 'o',
            c => c,
        })
        .collect()
}

/// Format a number with a decimal comma and at most two decimals (`12,5`, `18`).
pub fn decimal(value: f64) -> String {
    let text = format!("{:.2}", value + 0.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let text = if text == "-0" { "0" } else { text };
    text.replace('.', ",")
}

/// `79 %`.
pub fn percent_text(percent: i64) -> String {
    crate::model::number::percent_sheet(percent)
}

/// Build the model of one sheet. `names` maps the slugs of the library to practice names (for related links).
pub fn sheet(
    criteria: &Criteria,
    labels: &Labels,
    practice: &ScoredPractice<'_>,
    names: &HashMap<&str, &str>,
) -> SheetModel {
    sheet_linked(criteria, labels, practice, names, &HashMap::new(), &HashMap::new())
}

/// Old slugs → current slugs, from the practices' `aliases`: only aliases that name no practice and that one
/// The variants of each practice: parent slug → the slugs of the practices whose `variant_of` names it (an old slug
/// resolved through `aliases`), sorted, so the parent's sheet can list them.
pub fn variant_map<'a>(
    practices: impl IntoIterator<Item = &'a PracticeEntry>,
    aliases: &HashMap<&'a str, &'a str>,
) -> HashMap<&'a str, Vec<&'a str>> {
    let mut variants: HashMap<&str, Vec<&str>> = HashMap::new();
    for entry in practices {
        if let Some(parent) = entry.practice.as_ref().and_then(|p| p.value.variant_of.as_deref()) {
            let parent = aliases.get(parent).copied().unwrap_or(parent);
            if parent != entry.slug {
                variants.entry(parent).or_default().push(entry.slug.as_str());
            }
        }
    }
    for list in variants.values_mut() {
        list.sort_unstable();
    }
    variants
}

/// practice alone claims (validation reports the others), so a link resolves to one sheet or stays as written.
pub fn alias_map<'a>(practices: impl IntoIterator<Item = &'a PracticeEntry>) -> HashMap<&'a str, &'a str> {
    let practices: Vec<&PracticeEntry> = practices.into_iter().collect();
    let slugs: std::collections::HashSet<&str> = practices.iter().map(|p| p.slug.as_str()).collect();
    let mut claims: HashMap<&str, Option<&str>> = HashMap::new();
    for entry in &practices {
        for alias in entry.practice.iter().flat_map(|p| p.value.aliases.iter()) {
            if slugs.contains(alias.as_str()) || !sheet_slug_ok(alias) || *alias == entry.slug {
                continue;
            }
            claims
                .entry(alias.as_str())
                .and_modify(|owner| {
                    if *owner != Some(entry.slug.as_str()) {
                        *owner = None;
                    }
                })
                .or_insert(Some(entry.slug.as_str()));
        }
    }
    claims
        .into_iter()
        .filter_map(|(alias, owner)| owner.map(|o| (alias, o)))
        .collect()
}

/// [`sheet`], with links by an old slug (`aliases`: old slug → current slug, see [`alias_map`]) resolved to the
/// practice's current sheet, and the practices that are variants of this one (`variants`, see [`variant_map`])
/// listed among its facts.
pub fn sheet_linked(
    criteria: &Criteria,
    labels: &Labels,
    practice: &ScoredPractice<'_>,
    names: &HashMap<&str, &str>,
    aliases: &HashMap<&str, &str>,
    variants: &HashMap<&str, Vec<&str>>,
) -> SheetModel {
    let resolve = |slug: &str| -> String { aliases.get(slug).map_or(slug, |s| *s).to_string() };
    let entry = practice.entry;
    let p = entry.practice.as_ref().map(|p| &p.value);
    let assessment = entry.assessment.as_ref().map(|a| &a.value);
    let evidence = entry.evidence.as_ref().map(|e| &e.value);
    let name = escape::one_line(entry.name());
    let illustration = assessment.is_some_and(|a| a.illustration);

    // Facts.
    let mut facts = Vec::new();
    let mut fact = |label: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            facts.push(Fact {
                label: label.to_string(),
                value,
                sheet: None,
            });
        }
    };
    if let Some(p) = p {
        fact(&labels.municipality, p.municipality.clone());
        fact(&labels.organisation, p.organisation.clone());
        fact(&labels.region, p.region.clone());
        fact(&labels.started, p.started.map(|d| d.to_string()));
        fact(&labels.status, p.status.clone());
        for facet in &criteria.facets {
            let values: Vec<String> = p
                .tags
                .get(&facet.key)
                .map(|tags| facet.display_all(tags))
                .unwrap_or_default()
                .into_iter()
                .map(escape::one_line)
                .filter(|v| !v.is_empty())
                .collect();
            fact(&facet.label, (!values.is_empty()).then(|| values.join(", ")));
        }
    }
    fact(&labels.phase, Some(phase_label(labels, entry.phase()).to_string()));
    if let Some(variant) = p.and_then(|p| p.variant_of.as_deref()) {
        let variant = resolve(variant);
        let variant = variant.as_str();
        let (value, sheet) = match names.get(variant) {
            Some(other) if sheet_slug_ok(variant) => (other.to_string(), Some(format!("{variant}.md"))),
            _ => (variant.to_string(), None),
        };
        facts.push(Fact {
            label: labels.variant_of.clone(),
            value,
            sheet,
        });
    }
    for variant in variants.get(entry.slug.as_str()).into_iter().flatten() {
        let (value, sheet) = match names.get(variant) {
            Some(name) if sheet_slug_ok(variant) => (name.to_string(), Some(format!("{variant}.md"))),
            _ => (variant.to_string(), None),
        };
        facts.push(Fact {
            label: labels.variants.clone(),
            value,
            sheet,
        });
    }

    let location = p.and_then(|p| {
        let parts: Vec<String> = [p.municipality.as_deref(), p.region.as_deref()]
            .into_iter()
            .flatten()
            .map(escape::one_line)
            .filter(|t| !t.is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    });
    let audience = p.and_then(|p| audience(criteria, p));

    let score = practice.score.as_ref();
    let grading = grading(criteria, labels, entry, score);
    let sub_scores: Vec<SubScore> = score
        .map(|s| {
            s.criteria
                .iter()
                .map(|c| SubScore {
                    label: c.label.to_string(),
                    fraction: c.score,
                    percent: c.score.map(percent),
                    points: decimal(c.points),
                    max_points: decimal(c.max_points),
                    not_applicable: c.not_applicable,
                    missing: c.missing,
                })
                .collect()
        })
        .unwrap_or_default();
    let chart = score.map(|_| chart(labels, &name, &grading, &sub_scores, illustration));
    let shortfalls = match score.and_then(|s| s.band.filter(|_| s.complete)) {
        Some(band) => shortfalls(criteria, band, &sub_scores),
        None => Vec::new(),
    };

    // Justifications.
    let justification = assessment
        .and_then(|a| a.justification.clone())
        .filter(|t| !t.trim().is_empty());
    let criterion_justifications = assessment
        .map(|a| {
            criteria
                .criteria
                .iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    let text = a.justifications.get(&c.id).filter(|t| !t.trim().is_empty())?;
                    Some(CriterionText {
                        label: c.label.clone(),
                        percent: sub_scores.get(i).and_then(|s| s.percent),
                        text: text.clone(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();

    let improvements = score.map(|s| improvements(criteria, s));

    // Description, in the template's order.
    let description = p
        .map(|p| {
            criteria
                .template
                .iter()
                .filter(|field| !field.private)
                .filter_map(|field| {
                    let text = p.description.get(&field.key).filter(|t| !t.trim().is_empty())?;
                    Some(Field {
                        label: field.label.clone(),
                        text: text.clone(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();

    let evidence_groups = evidence.map(|ev| evidence_groups(criteria, ev, score));

    let (stories, links, knowledge_needs, related, sources, contacts) = match p {
        None => Default::default(),
        Some(p) => (
            p.stories
                .iter()
                .map(|s| StoryModel {
                    title: s.title.clone(),
                    text: s.text.clone(),
                })
                .collect(),
            p.links.iter().map(link_model).collect(),
            p.knowledge_needs
                .iter()
                .filter(|n| !n.need.trim().is_empty())
                .map(|n| n.need.clone())
                .collect(),
            p.related
                .iter()
                .map(|r| {
                    let slug = resolve(&r.slug);
                    RelatedModel {
                        sheet: names
                            .get(slug.as_str())
                            .filter(|_| sheet_slug_ok(&slug))
                            .map(|n| (n.to_string(), format!("{slug}.md"))),
                        slug,
                        relation: r.relation.clone().filter(|t| !t.trim().is_empty()),
                    }
                })
                .collect(),
            p.sources.iter().map(link_model).collect(),
            p.contacts
                .iter()
                .map(|c| ContactModel {
                    role: match c.role.as_deref() {
                        Some("praksis") => labels.contact_praksis.clone(),
                        Some("nominasjon") => labels.contact_nominasjon.clone(),
                        _ => labels.contact_other.clone(),
                    },
                    name: c.name.clone(),
                    organisation: c.organisation.clone().filter(|t| !t.trim().is_empty()),
                    email: c.email.as_deref().filter(|e| !e.trim().is_empty()).map(|e| LinkModel {
                        title: e.trim().to_string(),
                        url: escape::safe_url(&format!("mailto:{}", e.trim())),
                    }),
                    phone: c.phone.clone().filter(|t| !t.trim().is_empty()),
                })
                .collect(),
        ),
    };

    let about = assessment.map(|a| {
        let current = format!(
            "{} – {}, {} {}",
            criteria.title, criteria.id, labels.version, criteria.version
        );
        let assessed_id = a.criteria.as_deref().unwrap_or("?");
        let assessed_version = a.criteria_version.as_deref().unwrap_or("?");
        let stale = (assessed_id != criteria.id || assessed_version != criteria.version).then(|| {
            fill(
                &labels.stale_criteria,
                &[
                    (
                        "assessed",
                        &format!("{assessed_id}, {} {assessed_version}", labels.version),
                    ),
                    (
                        "current",
                        &format!("{}, {} {}", criteria.id, labels.version, criteria.version),
                    ),
                ],
            )
        });
        AboutModel {
            criteria: current,
            assessors: a.assessors.iter().filter(|s| !s.trim().is_empty()).cloned().collect(),
            date: a.date.map(|d| d.to_string()),
            status: a.status.clone().filter(|t| !t.trim().is_empty()),
            illustration: a.illustration,
            stale,
        }
    });

    SheetModel {
        slug: entry.slug.clone(),
        name,
        illustration,
        location,
        audience,
        facts,
        summary: p.and_then(|p| p.summary.clone()).filter(|t| !t.trim().is_empty()),
        grading,
        class_reason: score.map_or_else(Default::default, |s| {
            crate::render::reason::class_reason(criteria, labels, s)
        }),
        na_range: score.and_then(|s| crate::render::reason::na_range(labels, s)),
        scale: scale(criteria),
        shortfalls,
        sub_scores,
        chart,
        justification,
        criterion_justifications,
        improvements,
        description,
        evidence: evidence_groups,
        stories,
        links,
        knowledge_needs,
        related,
        sources,
        contacts,
        about,
        lifecycle: p.and_then(|p| super::lifecycle::model(p, labels)),
    }
}

/// The key of the template field and the facet that say whom a practice is for.
pub const AUDIENCE_KEY: &str = "target_group";

/// For whom: the template field [`AUDIENCE_KEY`], else the facet of that key.
fn audience(criteria: &Criteria, p: &crate::model::Practice) -> Option<Field> {
    if let Some(field) = criteria.template.iter().find(|f| f.key == AUDIENCE_KEY && !f.private) {
        if let Some(text) = p.description.get(AUDIENCE_KEY).filter(|t| !t.trim().is_empty()) {
            return Some(Field {
                label: field.label.clone(),
                text: text.clone(),
            });
        }
    }
    let facet = criteria.facets.iter().find(|f| f.key == AUDIENCE_KEY)?;
    let values: Vec<String> = p
        .tags
        .get(AUDIENCE_KEY)
        .map(|tags| facet.display_all(tags))
        .unwrap_or_default()
        .into_iter()
        .map(escape::one_line)
        .filter(|v| !v.is_empty())
        .collect();
    (!values.is_empty()).then(|| Field {
        label: facet.label.clone(),
        text: values.join(", "),
    })
}

/// Whether a slug may name a file in the output folder (a valid slug, and not the index's name).
pub fn sheet_slug_ok(slug: &str) -> bool {
    crate::model::is_valid_slug(slug) && slug != super::INDEX_STEM
}

fn link_model(reference: &crate::model::Reference) -> LinkModel {
    LinkModel {
        title: reference.title.clone(),
        url: reference.url.as_deref().and_then(escape::safe_url),
    }
}

fn scale(criteria: &Criteria) -> ScaleModel {
    ScaleModel {
        bands: criteria
            .classification
            .bands
            .iter()
            .map(|b| (b.label.clone(), b.min))
            .collect(),
        zone: criteria.classification.judgement_zone.map(|z| (z.from, z.to)),
    }
}

fn grading(criteria: &Criteria, labels: &Labels, entry: &PracticeEntry, score: Option<&Score<'_>>) -> Grading {
    let Some(score) = score else {
        return Grading::NotAssessed {
            phase: phase_label(labels, entry.phase()).to_string(),
            missing: next_phase_missing(criteria, labels, entry),
        };
    };
    if !score.complete {
        let mut groups: Vec<MissingGroup> = Vec::new();
        for q in score.missing() {
            let criterion = &criteria.criteria[q.question.criterion].label;
            let question = MissingQuestion {
                id: q.id.to_string(),
                text: q.question.question.text.clone(),
                invalid_answer: match &q.answer {
                    AnswerState::Invalid(key) => Some(key.clone()),
                    _ => None,
                },
            };
            match groups.last_mut() {
                Some(group) if &group.criterion == criterion => group.questions.push(question),
                _ => groups.push(MissingGroup {
                    criterion: criterion.clone(),
                    questions: vec![question],
                }),
            }
        }
        let bounds = score.bounds.clone().or_else(|| {
            let assessment = entry.assessment.as_ref()?;
            Some(crate::scoring::bounds::bounds(criteria, &assessment.value))
        });
        let reachable = bounds
            .as_ref()
            .and_then(|b| Some((percent(b.total_min?), percent(b.total_max?))));
        let decided = bounds.and_then(|b| b.decided_class).and_then(|key| {
            let band = criteria.classification.bands.iter().find(|b| b.key == key)?;
            Some(band.label.clone())
        });
        return Grading::Incomplete {
            total: score.total.map(percent),
            missing_count: score.missing().count(),
            missing: groups,
            reachable,
            decided,
        };
    }
    match (score.total, score.band) {
        (Some(total), Some(band)) => Grading::Classified {
            band: band.label.clone(),
            band_description: band.description.clone().filter(|t| !t.trim().is_empty()),
            total,
            percent: percent(total),
            judgement_zone: criteria
                .classification
                .judgement_zone
                .filter(|_| score.in_judgement_zone)
                .map(|z| (percent(z.from), percent(z.to))),
        },
        _ => Grading::NoTotal,
    }
}

/// What a practice without an assessment still needs: nomination gaps, then the next phase's file.
fn next_phase_missing(criteria: &Criteria, labels: &Labels, entry: &PracticeEntry) -> Vec<String> {
    let mut missing = Vec::new();
    let field = |label: &str| fill(&labels.missing_field, &[("field", label)]);
    match entry.practice.as_ref().map(|p| &p.value) {
        None => missing.push(field(&labels.description)),
        Some(p) => {
            for key in &criteria.nomination.required {
                if p.top_level_text(key).is_none() {
                    missing.push(field(&top_level_label(labels, key)));
                }
            }
            for template in criteria.template.iter().filter(|f| f.required) {
                if p.description.get(&template.key).is_none_or(|t| t.trim().is_empty()) {
                    missing.push(field(&template.label));
                }
            }
        }
    }
    match &entry.evidence {
        None => missing.push(labels.missing_evidence.clone()),
        Some(evidence) => {
            for kind in &criteria.evidence_kinds {
                if !evidence.value.rows.iter().any(|r| r.kind == kind.key) {
                    missing.push(fill(&labels.missing_evidence_kind, &[("kind", &kind.label)]));
                }
            }
            missing.push(labels.missing_assessment.clone());
        }
    }
    missing
}

/// A label for a top-level key of `practice.*` (for the nomination rules).
fn top_level_label(labels: &Labels, key: &str) -> String {
    match key {
        "municipality" => labels.municipality.clone(),
        "organisation" => labels.organisation.clone(),
        "region" => labels.region.clone(),
        "started" => labels.started.clone(),
        "status" => labels.status.clone(),
        "variant_of" => labels.variant_of.clone(),
        "sources" => labels.sources.clone(),
        "contacts" => labels.contacts.clone(),
        "description" => labels.description.clone(),
        "name" => labels.name.clone(),
        "summary" => labels.summary.clone(),
        "tags" => labels.tags.clone(),
        other => other.to_string(),
    }
}

fn chart(labels: &Labels, name: &str, grading: &Grading, sub_scores: &[SubScore], illustration: bool) -> ChartModel {
    let provisional = matches!(grading, Grading::Incomplete { .. });
    let marks: Vec<&str> = [
        illustration.then_some(labels.illustration.as_str()),
        provisional.then_some(labels.incomplete.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let subtitle = match grading {
        Grading::Classified { band, percent, .. } => {
            format!("{}: {} – {band}", labels.score, percent_text(*percent))
        }
        Grading::Incomplete { total, .. } => match total {
            // The chart's mark says that it is incomplete.
            Some(total) => format!("{}: {}", labels.provisional_score, percent_text(*total)),
            None => labels.incomplete.clone(),
        },
        Grading::NoTotal => format!("{}: –", labels.score),
        Grading::NotAssessed { phase, .. } => format!("{} ({phase})", labels.not_assessed),
    };
    ChartModel {
        title: fill(&labels.chart_title, &[("name", name)]),
        heading: name.to_string(),
        subtitle,
        axes: sub_scores
            .iter()
            .map(|s| Axis {
                label: s.label.clone(),
                fraction: s.fraction,
                value: s.percent.map_or_else(|| labels.no_sub_score.clone(), percent_text),
            })
            .collect(),
        mark: (!marks.is_empty()).then(|| marks.join(" · ")),
        provisional,
    }
}

fn improvements(criteria: &Criteria, score: &Score<'_>) -> Vec<ImprovementGroup> {
    let mut groups: Vec<ImprovementGroup> = Vec::new();
    for q in score.improvable() {
        let criterion = &criteria.criteria[q.question.criterion].label;
        let item = Improvement {
            id: q.id.to_string(),
            hint: q
                .question
                .question
                .hint
                .clone()
                .filter(|h| !h.trim().is_empty())
                .unwrap_or_else(|| q.question.question.text.clone()),
            answer: q.answer_label.unwrap_or_default().to_string(),
            note: q.note.map(str::to_string).filter(|n| !n.trim().is_empty()),
        };
        match groups.last_mut() {
            Some(group) if &group.criterion == criterion => group.items.push(item),
            _ => groups.push(ImprovementGroup {
                criterion: criterion.clone(),
                items: vec![item],
            }),
        }
    }
    groups
}

fn evidence_groups(
    criteria: &Criteria,
    evidence: &crate::model::Evidence,
    score: Option<&Score<'_>>,
) -> Vec<EvidenceGroup> {
    // Evidence id → citing question ids, in question order.
    let mut cited: HashMap<&str, Vec<String>> = HashMap::new();
    for q in score.iter().flat_map(|s| s.questions.iter()) {
        for id in q.evidence {
            let ids = cited.entry(id.as_str()).or_default();
            if !ids.iter().any(|x| x == q.id) {
                ids.push(q.id.to_string());
            }
        }
    }
    let row_model = |row: &crate::model::EvidenceRow| {
        let mut details: Vec<String> = Vec::new();
        if let Some(design) = row.design.as_deref().filter(|d| !d.trim().is_empty()) {
            details.push(design.to_string());
        }
        if let Some(date) = row.date {
            details.push(date.to_string());
        }
        let source = if details.is_empty() {
            row.source.clone()
        } else {
            format!("{} ({})", row.source.trim(), details.join(", "))
        };
        EvidenceRowModel {
            id: row.id.clone(),
            question: row.question.clone(),
            finding: row.finding.clone(),
            source,
            note: row.note.clone().filter(|n| !n.trim().is_empty()),
            cited_by: cited.get(row.id.as_str()).cloned().unwrap_or_default(),
        }
    };
    let mut by_kind: BTreeMap<&str, Vec<EvidenceRowModel>> = BTreeMap::new();
    for row in &evidence.rows {
        by_kind.entry(row.kind.as_str()).or_default().push(row_model(row));
    }
    let mut groups: Vec<EvidenceGroup> = criteria
        .evidence_kinds
        .iter()
        .map(|kind| EvidenceGroup {
            kind: kind.label.clone(),
            rows: by_kind.remove(kind.key.as_str()).unwrap_or_default(),
        })
        .collect();
    // Rows of kinds the criteria do not know (validation reports them) still show, under their own key.
    for (kind, rows) in by_kind {
        groups.push(EvidenceGroup {
            kind: kind.to_string(),
            rows,
        });
    }
    groups
}

/// Build the index model from every practice, already sorted by [`crate::scoring::score_library`].
pub fn index(criteria: &Criteria, labels: &Labels, scored: &[ScoredPractice<'_>]) -> IndexModel {
    let mut rows = Vec::with_capacity(scored.len());
    let mut band_counts: HashMap<&str, usize> = HashMap::new();
    let (mut incomplete, mut no_total, mut not_assessed) = (0, 0, 0);
    let mut phase_counts: BTreeMap<Phase, usize> = BTreeMap::new();
    let mut any_judgement = false;
    // facet key → sort key of the value → (display value, row indices)
    let mut facet_values: HashMap<&str, BTreeMap<String, (String, Vec<usize>)>> = HashMap::new();

    for practice in scored {
        let entry = practice.entry;
        if !sheet_slug_ok(&entry.slug) {
            continue;
        }
        *phase_counts.entry(entry.phase()).or_default() += 1;
        let score = practice.score.as_ref();
        let (class, judgement) = match score {
            None => {
                not_assessed += 1;
                (
                    format!("{} ({})", labels.not_assessed, phase_label(labels, entry.phase())),
                    false,
                )
            }
            Some(s) if !s.complete => {
                incomplete += 1;
                (labels.incomplete.clone(), false)
            }
            Some(s) => match s.band {
                Some(band) => {
                    *band_counts.entry(band.key.as_str()).or_default() += 1;
                    (band.label.clone(), s.in_judgement_zone)
                }
                None => {
                    no_total += 1;
                    (format!("{}: –", labels.score), false)
                }
            },
        };
        any_judgement |= judgement;
        let p = entry.practice.as_ref().map(|p| &p.value);
        let index = rows.len();
        if let Some(p) = p {
            for facet in &criteria.facets {
                for value in p.tags.get(&facet.key).into_iter().flatten() {
                    let display = escape::one_line(facet.display(value));
                    if display.is_empty() {
                        continue;
                    }
                    let values = facet_values.entry(facet.key.as_str()).or_default();
                    let slot = values
                        .entry(sort_key(&display))
                        .or_insert_with(|| (display.clone(), Vec::new()));
                    // Of several spellings, show the one that sorts first, so the choice does not depend on order.
                    if display < slot.0 {
                        slot.0 = display;
                    }
                    if slot.1.last() != Some(&index) {
                        slot.1.push(index);
                    }
                }
            }
        }
        rows.push(IndexRow {
            slug: entry.slug.clone(),
            name: escape::one_line(entry.name()),
            municipality: p.and_then(|p| p.municipality.clone()).filter(|m| !m.trim().is_empty()),
            total: practice.total().map(percent),
            provisional: score.is_some_and(|s| !s.complete),
            class,
            judgement,
            illustration: practice.entry.assessment.as_ref().is_some_and(|a| a.value.illustration),
            sub_scores: match score {
                Some(s) => s.criteria.iter().map(|c| c.score.map(percent)).collect(),
                None => vec![None; criteria.criteria.len()],
            },
        });
    }

    let mut class_counts: Vec<(String, usize)> = criteria
        .classification
        .bands
        .iter()
        .rev()
        .map(|b| (b.label.clone(), band_counts.get(b.key.as_str()).copied().unwrap_or(0)))
        .collect();
    class_counts.push((labels.incomplete.clone(), incomplete));
    if no_total > 0 {
        class_counts.push((format!("{}: –", labels.score), no_total));
    }
    class_counts.push((labels.not_assessed.clone(), not_assessed));
    let phase_counts = [Phase::Nominated, Phase::Mapped, Phase::Assessed]
        .into_iter()
        .map(|phase| {
            (
                phase_label(labels, phase).to_string(),
                phase_counts.get(&phase).copied().unwrap_or(0),
            )
        })
        .collect();
    let facets = criteria
        .facets
        .iter()
        .map(|facet| FacetSection {
            label: facet.label.clone(),
            values: facet_values
                .remove(facet.key.as_str())
                .unwrap_or_default()
                .into_values()
                .collect(),
        })
        .collect();
    let judgement_note = criteria
        .classification
        .judgement_zone
        .filter(|_| any_judgement)
        .map(|z| {
            fill(
                &labels.judgement_zone_note,
                &[
                    ("from", &percent(z.from).to_string()),
                    ("to", &percent(z.to).to_string()),
                ],
            )
        });
    IndexModel {
        title: labels.index_title.clone(),
        intro: fill(
            &labels.index_intro,
            &[
                ("count", &rows.len().to_string()),
                ("title", &criteria.title),
                ("id", &criteria.id),
                ("version", &criteria.version),
            ],
        ),
        criteria: criteria.criteria.iter().map(|c| c.label.clone()).collect(),
        rows,
        class_counts,
        phase_counts,
        facets,
        judgement_note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_sort_order() {
        let mut words = vec!["Øst", "arbeid", "Åpen", "Ærlig", "Zebra", "Barn"];
        words.sort_by_key(|w| sort_key(w));
        assert_eq!(words, ["arbeid", "Barn", "Zebra", "Ærlig", "Øst", "Åpen"]);
    }

    fn two_bands() -> Criteria {
        use crate::load::source::{Format, SourceFile};
        let source = SourceFile::from_text(
            std::path::Path::new("c.toml"),
            Format::Toml,
            r#"
            id = "t"
            version = "1"
            title = "t"
            [scales.yn]
            options = [{ key = "ja", label = "Ja", points = 1 }, { key = "nei", label = "Nei", points = 0 }]
            [classification]
            bands = [
              { key = "l", label = "L", min = 0.0 },
              { key = "g", label = "G", min = 0.5, floors = [{ criterion = "a", min = 0.5 }, { criterion = "b", above = 0.25 }] },
            ]
            [[criteria]]
            id = "a"
            label = "A"
            scale = "yn"
            [[criteria.questions]]
            id = "1"
            text = "q"
            [[criteria]]
            id = "b"
            label = "B"
            scale = "yn"
            [[criteria.questions]]
            id = "2"
            text = "q"
            "#
            .to_string(),
        );
        Criteria::from_source(&source).unwrap()
    }

    fn sub(label: &str, fraction: Option<f64>) -> SubScore {
        SubScore {
            label: label.to_string(),
            fraction,
            percent: fraction.map(percent),
            points: String::new(),
            max_points: String::new(),
            not_applicable: 0,
            missing: 0,
        }
    }

    #[test]
    fn a_band_requires_the_floors_the_criteria_file_sets() {
        let criteria = two_bands();
        let (low, high) = (&criteria.classification.bands[0], &criteria.classification.bands[1]);
        assert_eq!(criterion_floor(&criteria, low, 0), None);
        assert_eq!(criterion_floor(&criteria, high, 0), Some(0.5));
        assert_eq!(criterion_floor(&criteria, high, 1), Some(0.25));
        assert_eq!(criterion_floor(&criteria, high, 2), None, "no such criterion");
        let subs = [sub("A", Some(0.25)), sub("B", Some(0.5))];
        assert_eq!(
            shortfalls(&criteria, high, &subs),
            [Shortfall {
                label: "A".to_string(),
                percent: 25,
                floor: 50,
                note: None
            }]
        );
        assert_eq!(shortfalls(&criteria, low, &subs), []);
        // A criterion with no applicable question has no sub-score to fall short with.
        assert_eq!(shortfalls(&criteria, high, &[sub("A", None), sub("B", Some(1.0))]), []);
    }

    #[test]
    fn decimals_use_a_comma() {
        assert_eq!(decimal(12.5), "12,5");
        assert_eq!(decimal(18.0), "18");
        assert_eq!(decimal(1.0 / 3.0), "0,33");
        assert_eq!(decimal(-0.0), "0");
    }
}
