//! The description template of phase 1: what `practice.*` holds.
//!
//! These types mirror the files one to one (see `docs/FORMATS.md`); checks against the criteria live in
//! [`crate::validate`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{KnowledgeNeed, Lifecycle, PartialDate};

/// The description template of phase 1 (`practice.*`). Everything is optional at this level: which fields a
/// nomination needs is decided by the criteria file's `[nomination]` rules.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Practice {
    /// Name of the practice.
    #[serde(default)]
    pub name: Option<String>,
    /// Short description.
    #[serde(default)]
    pub summary: Option<String>,
    /// Municipality or organisation that owns the practice.
    #[serde(default)]
    pub municipality: Option<String>,
    /// The unit that runs it.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Region.
    #[serde(default)]
    pub region: Option<String>,
    /// When it started.
    #[serde(default)]
    pub started: Option<PartialDate>,
    /// Free-text status (`i drift`, `avsluttet`).
    #[serde(default)]
    pub status: Option<String>,
    /// Slug of an already assessed practice this one is a variant of.
    #[serde(default)]
    pub variant_of: Option<String>,
    /// Old slugs of this practice (its folder names before a rename): links to them keep working, and the site
    /// writes a redirect page for each.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Facet key → tag values.
    #[serde(default, deserialize_with = "crate::model::unique_keys")]
    pub tags: BTreeMap<String, Vec<String>>,
    /// Template key → text.
    #[serde(default, deserialize_with = "crate::model::unique_keys")]
    pub description: BTreeMap<String, String>,
    /// Written sources.
    #[serde(default)]
    pub sources: Vec<Reference>,
    /// Contacts for the practice and for the nomination.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Related practices.
    #[serde(default)]
    pub related: Vec<Related>,
    /// Useful links.
    #[serde(default)]
    pub links: Vec<Reference>,
    /// Good stories.
    #[serde(default)]
    pub stories: Vec<Story>,
    /// Further knowledge needs: texts, or tables with a date and a status (open or met).
    #[serde(default)]
    pub knowledge_needs: Vec<KnowledgeNeed>,
    /// After the assessment: recommended, disseminated, followed up, withdrawn or not recommended
    /// ([`Lifecycle`]).
    #[serde(default)]
    pub lifecycle: Option<Lifecycle>,
}

impl Practice {
    /// The value of a top-level text key, for the nomination rules. `None` when absent or blank.
    pub fn top_level_text(&self, key: &str) -> Option<String> {
        let value = match key {
            "name" => self.name.clone(),
            "summary" => self.summary.clone(),
            "municipality" => self.municipality.clone(),
            "organisation" => self.organisation.clone(),
            "region" => self.region.clone(),
            "started" => self.started.map(|d| d.to_string()),
            "status" => self.status.clone(),
            "variant_of" => self.variant_of.clone(),
            "tags" => (!self.tags.is_empty()).then(|| "…".to_string()),
            "description" => (!self.description.is_empty()).then(|| "…".to_string()),
            "sources" => (!self.sources.is_empty()).then(|| "…".to_string()),
            "contacts" => (!self.contacts.is_empty()).then(|| "…".to_string()),
            _ => None,
        };
        value.filter(|v| !v.trim().is_empty())
    }

    /// The keys `top_level_text` knows (for checking the nomination rules themselves).
    pub const TOP_LEVEL_KEYS: &'static [&'static str] = &[
        "name",
        "summary",
        "municipality",
        "organisation",
        "region",
        "started",
        "status",
        "variant_of",
        "tags",
        "description",
        "sources",
        "contacts",
    ];
}

/// A source or a link.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// Title.
    pub title: String,
    /// Address, when there is one.
    #[serde(default)]
    pub url: Option<String>,
}

/// A contact person or unit.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// `praksis` (contact for the practice) or `nominasjon` (who nominated it).
    #[serde(default)]
    pub role: Option<String>,
    /// Name of the person or unit.
    pub name: String,
    /// Organisation.
    #[serde(default)]
    pub organisation: Option<String>,
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// Phone.
    #[serde(default)]
    pub phone: Option<String>,
}

/// A relation to another practice in the library.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Related {
    /// The other practice's slug.
    pub slug: String,
    /// How they relate (`variant av`, `se også`).
    #[serde(default)]
    pub relation: Option<String>,
}

/// A good story (case).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Story {
    /// Title.
    pub title: String,
    /// The story.
    pub text: String,
}
