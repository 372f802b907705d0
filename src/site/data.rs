//! `data/index.js`: what app.js filters, counts and searches (site-assets/README.md, "data/index.js").

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::criteria::Criteria;
use crate::model::labels::{phase_label, Labels};
use crate::model::Phase;
use crate::scoring::percent;

/// The whole index.
#[derive(Serialize)]
pub struct IndexData {
    pub version: u32,
    pub labels: BTreeMap<&'static str, String>,
    pub bands: Vec<KeyLabel>,
    pub zone: Option<Zone>,
    pub criteria: Vec<Criterion>,
    pub phases: Vec<KeyLabel>,
    pub facets: Vec<Facet>,
    pub practices: Vec<Record>,
    pub terms: BTreeMap<String, Vec<u32>>,
}

/// A band or a phase.
#[derive(Serialize)]
pub struct KeyLabel {
    pub key: String,
    pub label: String,
}

/// The judgement zone in whole percent.
#[derive(Serialize)]
pub struct Zone {
    pub from: i64,
    pub to: i64,
}

/// A criterion (the order of [`Record::sub`]).
#[derive(Serialize)]
pub struct Criterion {
    pub id: String,
    pub label: String,
}

/// A facet and its values, in display order.
#[derive(Serialize)]
pub struct Facet {
    pub key: String,
    pub label: String,
    pub values: Vec<FacetValue>,
}

/// One facet value: `value` goes into the URL, `label` is shown.
#[derive(Serialize)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
}

/// One practice, in the order of the static cards.
#[derive(Clone, Debug, Serialize)]
pub struct Record {
    pub slug: String,
    pub name: String,
    pub municipality: String,
    pub region: Option<String>,
    /// Band key; `None` when not assessed or incomplete.
    pub class: Option<String>,
    /// A phase key.
    pub phase: &'static str,
    pub illustration: bool,
    pub complete: bool,
    pub zone: bool,
    /// Whole percent (provisional when incomplete).
    pub total: Option<i64>,
    /// Whole percent per criterion, `None` when not assessed.
    pub sub: Option<Vec<Option<i64>>>,
    /// Assessment date.
    pub date: Option<String>,
    /// Facet key → indices into that facet's values (empty keys left out).
    pub facets: BTreeMap<String, Vec<usize>>,
}

/// Everything but the practices and the terms.
pub fn header(criteria: &Criteria, labels: &Labels) -> IndexData {
    IndexData {
        version: 1,
        // The about page's and the criteria page's texts are written into HTML/Markdown, never read by app.js.
        labels: labels
            .pairs()
            .into_iter()
            .filter(|(k, _)| !k.starts_with("about_page_") && !k.starts_with("criteria_page_"))
            .map(|(k, v)| (k, v.to_string()))
            .collect(),
        bands: criteria
            .classification
            .bands
            .iter()
            .map(|b| KeyLabel {
                key: b.key.clone(),
                label: b.label.clone(),
            })
            .collect(),
        zone: criteria.classification.judgement_zone.map(|z| Zone {
            from: percent(z.from),
            to: percent(z.to),
        }),
        criteria: criteria
            .criteria
            .iter()
            .map(|c| Criterion {
                id: c.id.clone(),
                label: c.label.clone(),
            })
            .collect(),
        phases: [Phase::Nominated, Phase::Mapped, Phase::Assessed]
            .into_iter()
            .map(|p| KeyLabel {
                key: p.key().to_string(),
                label: phase_label(labels, p).to_string(),
            })
            .collect(),
        facets: Vec::new(),
        practices: Vec::new(),
        terms: BTreeMap::new(),
    }
}

/// `window.PRACTICE_INDEX = {…};` after the generated-file marker.
pub fn script(data: &IndexData, marker: &str) -> String {
    // Serialising plain structs, maps with string keys and numbers cannot fail.
    let json = serde_json::to_string(data).unwrap_or_else(|_| "{}".to_string());
    format!("{marker}\nwindow.PRACTICE_INDEX = {json};\n")
}
