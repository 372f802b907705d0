//! The evidence table of phase 2: what `evidence.*` holds.

use serde::{Deserialize, Serialize};

use super::PartialDate;

/// The evidence table of phase 2 (`evidence.*`).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Rows, in the order written.
    #[serde(default)]
    pub rows: Vec<EvidenceRow>,
}

impl Evidence {
    /// The row with this id.
    pub fn row(&self, id: &str) -> Option<&EvidenceRow> {
        self.rows.iter().find(|r| r.id == id)
    }
}

/// One row: problemstilling, funn, kilde.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRow {
    /// Id cited by answers (`e1`).
    pub id: String,
    /// The question the row answers (problemstilling).
    pub question: String,
    /// What was found (funn).
    pub finding: String,
    /// Where it was found (kilde).
    pub source: String,
    /// Evidence kind, from the criteria file.
    pub kind: String,
    /// Study design (evaluering, RCT, …).
    #[serde(default)]
    pub design: Option<String>,
    /// A caveat (e.g. aggregated at municipality level).
    #[serde(default)]
    pub note: Option<String>,
    /// When.
    #[serde(default)]
    pub date: Option<PartialDate>,
}
