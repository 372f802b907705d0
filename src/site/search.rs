//! The search side of the site: folding text the way app.js folds a query, and the compact term index in
//! `data/index.js` (site-assets/README.md, "Folding and the term index").

use std::collections::{BTreeMap, HashMap};

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Lower-case, NFD, drop combining marks, then `ø` → `o` and `æ` → `ae` («Språk» → «sprak»).
pub fn fold(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    // `is_combining_mark` is General_Category M (Mn, Mc, Me); app.js drops only Mn. NFD of Latin, Greek and
    // Cyrillic letters splits off Mn marks only, so the two agree on the text this library holds; a query in a
    // script with spacing marks (Mc) could fold differently.
    for c in lower.nfd().filter(|&c| !is_combining_mark(c)) {
        match c {
            'ø' => out.push('o'),
            'æ' => out.push_str("ae"),
            c => out.push(c),
        }
    }
    out
}

/// The tokens of a text: maximal runs of alphanumeric characters of its folded form.
pub fn tokens(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Builds the term index: every token of two characters or more → the practices (by index) containing it.
#[derive(Default)]
pub struct TermIndex {
    postings: HashMap<String, Vec<u32>>,
}

impl TermIndex {
    /// Add practice `index` (added in ascending order) with its searchable texts.
    pub fn add<'t>(&mut self, index: u32, texts: impl IntoIterator<Item = &'t str>) {
        for text in texts {
            for token in tokens(text) {
                if token.chars().count() < 2 {
                    continue;
                }
                let list = self.postings.entry(token).or_default();
                if list.last() != Some(&index) {
                    list.push(index);
                }
            }
        }
    }

    /// The terms in key order, each with its delta-encoded postings (`[3, 10, 12]` → `[3, 7, 2]`).
    pub fn delta_encoded(self) -> BTreeMap<String, Vec<u32>> {
        self.postings
            .into_iter()
            .map(|(term, ids)| {
                let mut previous = 0;
                let deltas = ids
                    .into_iter()
                    .map(|id| {
                        let delta = id - previous;
                        previous = id;
                        delta
                    })
                    .collect();
                (term, deltas)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Språkpraksis"), "sprakpraksis");
        assert_eq!(fold("SPRÅK Øygarden Ærlig café"), "sprak oygarden aerlig cafe");
        assert_eq!(tokens("Språk-praksis, 2018!"), vec!["sprak", "praksis", "2018"]);
    }

    #[test]
    fn postings_are_unique_ascending_and_delta_encoded() {
        let mut index = TermIndex::default();
        index.add(3, ["Språk språk", "x"]);
        index.add(10, ["sprak"]);
        index.add(12, ["SPRÅK ab"]);
        let terms = index.delta_encoded();
        assert_eq!(terms["sprak"], vec![3, 7, 2]);
        assert_eq!(terms["ab"], vec![12]);
        assert!(!terms.contains_key("x"), "one-character tokens are left out");
    }
}
