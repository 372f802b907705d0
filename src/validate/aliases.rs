//! Stable links: a practice may list `aliases`, its old slugs (folder names before a rename). An alias must be a
//! valid slug that no folder of the library uses, not the practice's own slug, and no other practice's alias
//! (`alias-collision`); a link (`variant_of`, `related`) by an old slug resolves, with an `old-slug` warning.
//!
//! The checks need every practice's aliases, so what they need is taken from each practice while the loader still
//! holds it ([`alias_key`]) and decided once all are in ([`check_aliases`]).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::diagnostic::{Code, Finding, KeyPath, Severity};
use crate::load::source::SourceFile;
use crate::model::{is_valid_slug, PracticeEntry};

/// What the alias checks need of one practice: each valid alias and each link to a slug that is no folder, with a
/// finding already placed at its line and column (while the file's text is at hand), whose code, severity and
/// message the library-wide check sets.
#[derive(Clone, Debug, Default)]
pub struct AliasKey {
    /// Its valid aliases.
    aliases: Vec<(String, Finding)>,
    /// Its links to slugs that are not folders of the library (from [`super::check_links`]).
    unknown_links: Vec<(String, Finding)>,
}

/// An error at `path` in the practice file, placed at its line and column when the source is there.
fn placed(source: Option<&SourceFile>, file: &Path, path: KeyPath, code: Code, message: String) -> Finding {
    match source {
        Some(source) => source.finding(Severity::Error, code, path, message),
        None => Finding::error(file, code, message).with_key_path(path),
    }
}

/// Check the aliases of one practice against the library's folders (`known`) and take what the library-wide check
/// needs; `unknown_links` are its links that name no folder, `source` the practice file's text (for locations).
pub fn alias_key(
    entry: &mut PracticeEntry,
    source: Option<&SourceFile>,
    known: &HashSet<String>,
    unknown_links: Vec<(KeyPath, String)>,
) -> AliasKey {
    let Some(practice) = &entry.practice else {
        return AliasKey::default();
    };
    let file = practice.path.as_path();
    let mut key = AliasKey {
        aliases: Vec::new(),
        unknown_links: unknown_links
            .into_iter()
            .map(|(path, slug)| {
                let finding = placed(source, file, path, Code::UnknownPractice, String::new());
                (slug, finding)
            })
            .collect(),
    };
    let mut findings = Vec::new();
    for (i, alias) in practice.value.aliases.iter().enumerate() {
        let path = KeyPath::root().key("aliases").index(i);
        let problem = if !is_valid_slug(alias) {
            Some((
                Code::InvalidSlug,
                format!("alias `{alias}` is not a slug (lower-case a–z, digits and `-`)"),
            ))
        } else if *alias == entry.slug {
            Some((
                Code::AliasCollision,
                format!("alias `{alias}` is the practice's own slug"),
            ))
        } else if known.contains(alias) {
            Some((
                Code::AliasCollision,
                format!("alias `{alias}` is the slug of another practice in the library"),
            ))
        } else {
            None
        };
        match problem {
            Some((code, message)) => findings.push(placed(source, file, path, code, message)),
            None => {
                let finding = placed(source, file, path, Code::AliasCollision, String::new());
                key.aliases.push((alias.clone(), finding));
            }
        }
    }
    entry.findings.extend(findings);
    key
}

/// The library-wide alias checks: an alias claimed by two practices is an error on both; a link by an old slug is
/// a warning naming the current one; a link to a slug that is neither a folder nor an alias is an error.
/// `keys[i]` belongs to `practices[i]`.
pub fn check_aliases(practices: &mut [PracticeEntry], keys: &[AliasKey]) {
    let mut owners: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        for (alias, _) in &key.aliases {
            let list = owners.entry(alias.as_str()).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let mut pending: Vec<(usize, Finding)> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        for (alias, placed) in &key.aliases {
            let others: Vec<&str> = owners[alias.as_str()]
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| practices[j].slug.as_str())
                .collect();
            if !others.is_empty() {
                let mut finding = placed.clone();
                finding.message = format!("alias `{alias}` is also an alias of {}", others.join(", "));
                pending.push((i, finding));
            }
        }
        for (slug, placed) in &key.unknown_links {
            let mut finding = placed.clone();
            match owners.get(slug.as_str()).map(Vec::as_slice) {
                Some([j]) => {
                    let current = &practices[*j].slug;
                    finding.severity = Severity::Warning;
                    finding.code = Code::OldSlug;
                    finding.message = format!("`{slug}` is an old slug of `{current}`");
                    finding = finding.with_help(format!("link to `{current}`"));
                }
                _ => finding.message = format!("no practice `{slug}` in the library"),
            }
            pending.push((i, finding));
        }
    }
    for (i, finding) in pending {
        practices[i].findings.push(finding);
    }
}
