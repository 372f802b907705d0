//! Loading a library with every check: the load stage reads and parses each practice, and hands it here, while its
//! text is still in memory, for the per-file and per-folder checks; the library-wide checks (duplicate names) run
//! once all are in.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Finding};
use crate::load::library::{known_slugs, load_library, PracticeSources};
use crate::load::source::find_kind;
use crate::model::{Criteria, Keep, Library, PartialDate, PracticeEntry, EVIDENCE_FILE};

use super::aliases::{alias_key, check_aliases};
use super::similar::{self, ContentKey};
use super::{
    check_assessment, check_consensus_state, check_duplicate_names, check_evidence, check_evidence_use, check_links,
    check_practice, name_key, Role,
};

/// What the checks need besides the files, passed in so that they stay pure: the criteria and today's date (for
/// "practised for at least a year" and dates in the future).
#[derive(Clone, Copy, Debug)]
pub struct Checks<'a> {
    /// The criteria the files are checked against.
    pub criteria: &'a Criteria,
    /// Today, as the command sees it (the clock, or `PRACTICE_TODAY`).
    pub today: PartialDate,
}

impl<'a> Checks<'a> {
    /// Checks against `criteria` as of `today`.
    pub fn new(criteria: &'a Criteria, today: PartialDate) -> Checks<'a> {
        Checks { criteria, today }
    }
}

impl Library {
    /// Load and check every practice folder under `root`.
    pub fn load(root: &Path, checks: &Checks) -> anyhow::Result<Library> {
        Library::load_paths(root, &[], checks)
    }

    /// Load and check the practices named by `paths` (practice folders, files inside them, or library roots); all of
    /// `root` when `paths` is empty. Fails only on I/O problems with the given paths themselves.
    pub fn load_paths(root: &Path, paths: &[PathBuf], checks: &Checks) -> anyhow::Result<Library> {
        Library::load_paths_keeping(root, paths, checks, Keep::Everything)
    }

    /// [`Library::load_paths`], keeping of each practice only what `keep` says once it is checked.
    pub fn load_paths_keeping(root: &Path, paths: &[PathBuf], checks: &Checks, keep: Keep) -> anyhow::Result<Library> {
        let known = known_slugs(root);
        let (mut library, keys) = load_library(root, paths, keep, |entry, sources| {
            check_practice_folder(entry, sources, checks);
            let unknown_links = check_links(entry, &known);
            let aliases = alias_key(entry, sources.practice.as_ref(), &known, unknown_links);
            (name_key(entry), aliases, similar::content_key(entry))
        })?;
        let mut names = Vec::with_capacity(keys.len());
        let mut aliases = Vec::with_capacity(keys.len());
        let mut contents = Vec::with_capacity(keys.len());
        for (name, alias, content) in keys {
            names.push(name);
            aliases.push(alias);
            contents.push(content);
        }
        check_duplicate_names(&mut library.practices, &names);
        check_aliases(&mut library.practices, &aliases);
        check_near_duplicates(&mut library.practices, &contents);
        Ok(library)
    }
}

/// Every check of one practice folder's files, in file order: description, evidence, consensus, each assessor, and
/// whether a consensus is missing.
pub fn check_practice_folder(entry: &mut PracticeEntry, sources: &PracticeSources, checks: &Checks) {
    let criteria = checks.criteria;
    if let (Some(source), Some(practice)) = (&sources.practice, &entry.practice) {
        check_practice(source, &practice.value, criteria, checks.today, &mut entry.findings);
        let assessed = entry.assessment.as_ref().map(|a| a.value.date);
        super::lifecycle::check_lifecycle(source, &practice.value, assessed, checks.today, &mut entry.findings);
    }
    if let (Some(source), Some(evidence)) = (&sources.evidence, &entry.evidence) {
        check_evidence(source, &evidence.value, criteria, &mut entry.findings);
    }
    let evidence = entry.evidence.as_ref().map(|e| &e.value);
    if let (Some(source), Some(assessment)) = (&sources.assessment, &entry.assessment) {
        check_assessment(
            source,
            &assessment.value,
            criteria,
            evidence,
            Role::Consensus,
            &mut entry.findings,
        );
    }
    if let (Some(source), Some(assessment)) = (&sources.assessment, &entry.assessment) {
        let evidence = sources.evidence.as_ref().zip(entry.evidence.as_ref().map(|e| &e.value));
        check_evidence_use(source, &assessment.value, evidence, criteria, &mut entry.findings);
    }
    for (source, (_, assessor)) in sources.assessors.iter().zip(&entry.assessors) {
        check_assessment(
            source,
            &assessor.value,
            criteria,
            evidence,
            Role::Independent,
            &mut entry.findings,
        );
    }
    // An evidence file that is there but could not be read has its own finding: every citation of its rows would
    // otherwise be reported again as citing a row that does not exist.
    if entry.evidence.is_none() && !find_kind(&entry.dir, EVIDENCE_FILE).is_empty() {
        entry.findings.retain(|f| f.code != Code::UnknownEvidence);
    }
    suppress_missing_after_typos(&mut entry.findings);
    check_consensus_state(entry);
}

/// Load and check one practice folder on its own (the folder-level checks; not the library-wide ones).
pub fn load_practice_checked(dir: &Path, root: &Path, checks: &Checks) -> PracticeEntry {
    let boundary = std::fs::canonicalize(root).ok();
    let (mut entry, sources) = crate::load::library::load_practice(dir, boundary.as_deref());
    check_practice_folder(&mut entry, &sources, checks);
    entry
}

/// Load the library keeping what scores need, with each practice's content signature ([`similar::content_key`])
/// taken while its whole file is loaded: for `practice similar`.
pub fn load_with_content_keys(root: &Path, checks: &Checks) -> anyhow::Result<(Library, Vec<Option<ContentKey>>)> {
    let known = known_slugs(root);
    load_library(root, &[], Keep::Scores, |entry, sources| {
        check_practice_folder(entry, sources, checks);
        check_links(entry, &known);
        similar::content_key(entry)
    })
}

/// Near-duplicates by content ([`similar`]): one warning per cluster, on its first member, naming every member with
/// its similarity; pairs linked by `variant_of` or `related` do not count.
pub fn check_near_duplicates(practices: &mut [PracticeEntry], keys: &[Option<ContentKey>]) {
    const LISTED: usize = 20;
    let slugs: Vec<&str> = practices.iter().map(|p| p.slug.as_str()).collect();
    let found = similar::clusters(keys, &slugs);
    let mut pending = Vec::new();
    for cluster in found {
        let first = cluster.members[0].0;
        let names: Vec<String> = cluster.members[1..]
            .iter()
            .take(LISTED)
            .map(|(i, s)| format!("{} ({} %)", practices[*i].slug, (s * 100.0).round()))
            .collect();
        let more = (cluster.members.len() - 1).saturating_sub(LISTED);
        let list = if more > 0 {
            format!("{} and {more} more", names.join(", "))
        } else {
            names.join(", ")
        };
        let entry = &practices[first];
        let file = keys[first]
            .as_ref()
            .map_or_else(|| entry.dir.clone(), |k| k.file.clone());
        let finding = Finding::warning(
            &file,
            Code::NearDuplicate,
            format!(
                "near-duplicate by content: {} is much like {list}; if one is a variant of another, link it with `variant_of` (phase 1)",
                entry.slug
            ),
        );
        pending.push((first, finding));
    }
    for (i, finding) in pending {
        practices[i].findings.push(finding);
    }
}

/// A typo (`sumary`, reported as an unknown key with "did you mean `summary`?") also leaves the key it was meant to
/// be missing: that follows from the typo, so a "missing" finding for the suggested key in the same file is dropped.
fn suppress_missing_after_typos(findings: &mut Vec<Finding>) {
    use crate::diagnostic::{Key, KeyPath};
    let meant: Vec<(std::path::PathBuf, KeyPath)> = findings
        .iter()
        .filter(|f| f.code == Code::UnknownKey)
        .filter_map(|f| {
            let suggested = f.help()?.strip_prefix("did you mean `")?.split('`').next()?;
            let mut path = f.key_path.clone()?;
            path.0.pop();
            path.0.push(Key::Field(suggested.to_string()));
            Some((f.file.clone(), path))
        })
        .collect();
    if meant.is_empty() {
        return;
    }
    findings.retain(|f| {
        !(matches!(f.code, Code::MissingKey | Code::MissingField)
            && f.key_path
                .as_ref()
                .is_some_and(|p| meant.iter().any(|(file, m)| file == &f.file && m == p)))
    });
}
