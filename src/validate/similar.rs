//! Phase 1's question, "is this new, or a variant of one we know?", answered by content: near-duplicate practices
//! found with MinHash over word shingles and locality-sensitive hashing.
//!
//! Each practice's text (name, summary, municipality, description fields, measure-type tags) is folded (lower
//! case, letters and digits only, `æ/ø/å` kept) and cut into overlapping three-word shingles. A [`Signature`] keeps,
//! for each of [`HASHES`] hash functions, the smallest hash of any shingle; the share of positions where two
//! signatures agree estimates the Jaccard similarity of their shingle sets (Broder 1997). Signatures are cut into
//! [`BANDS`] bands; practices that share a whole band land in the same bucket and become candidates, so the work is
//! linear in the library instead of one comparison per pair. Within a bucket each member is compared with the
//! bucket's first member only, which keeps even hundreds of copies of one practice linear; the clusters are the
//! connected components of the pairs at or above the threshold (union–find).

use std::collections::HashMap;

use crate::model::PracticeEntry;

/// Hash functions per signature.
pub const HASHES: usize = 64;
/// Bands of [`ROWS`] hashes each: with 16 × 4, pairs at 0.7 similarity share a band with probability ≈ 0.98, pairs
/// at 0.3 with ≈ 0.12.
pub const BANDS: usize = 16;
/// Hashes per band.
pub const ROWS: usize = HASHES / BANDS;
/// Estimated similarity from which two practices are reported as near-duplicates.
pub const THRESHOLD: f64 = 0.6;

/// The MinHash signature of one practice's text; empty text gives `None` (nothing to compare).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature([u64; HASHES]);

impl Signature {
    /// The signature of `text`, or `None` when it has fewer than one shingle's worth of words.
    pub fn of(text: &str) -> Option<Signature> {
        let words: Vec<String> = fold_words(text).collect();
        if words.is_empty() {
            return None;
        }
        let mut mins = [u64::MAX; HASHES];
        let width = 3.min(words.len());
        for shingle in words.windows(width) {
            let base = fnv(shingle);
            for (i, min) in mins.iter_mut().enumerate() {
                let h = splitmix(base ^ SEEDS[i]);
                if h < *min {
                    *min = h;
                }
            }
        }
        Some(Signature(mins))
    }

    /// Estimated Jaccard similarity, 0–1.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self.0.iter().zip(other.0.iter()).filter(|(a, b)| a == b).count();
        same as f64 / HASHES as f64
    }

    fn band(&self, band: usize) -> u64 {
        fnv_u64(&self.0[band * ROWS..(band + 1) * ROWS]) ^ (band as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

/// What the near-duplicate check needs of one practice, taken while its whole file is still loaded.
#[derive(Clone, Debug)]
pub struct ContentKey {
    /// The content's signature.
    pub signature: Signature,
    /// Slugs this practice links to (`variant_of`, `related`): a linked pair is a known relation, not a duplicate.
    pub links: Vec<String>,
    /// The practice's file, for the finding.
    pub file: std::path::PathBuf,
}

/// The text a practice is compared by: name, summary, municipality, organisation, the description fields and the
/// tags (which hold the measure type).
pub fn content_text(entry: &PracticeEntry) -> Option<String> {
    let practice = &entry.practice.as_ref()?.value;
    let mut text = String::new();
    for part in [
        &practice.name,
        &practice.summary,
        &practice.municipality,
        &practice.organisation,
    ]
    .into_iter()
    .flatten()
    {
        text.push_str(part);
        text.push('\n');
    }
    for value in practice.description.values() {
        text.push_str(value);
        text.push('\n');
    }
    for values in practice.tags.values() {
        for value in values {
            text.push_str(value);
            text.push('\n');
        }
    }
    Some(text)
}

/// The near-duplicate key of a practice with any text.
pub fn content_key(entry: &PracticeEntry) -> Option<ContentKey> {
    let signature = Signature::of(&content_text(entry)?)?;
    let loaded = entry.practice.as_ref()?;
    let mut links: Vec<String> = loaded.value.related.iter().map(|r| r.slug.clone()).collect();
    links.extend(loaded.value.variant_of.clone());
    Some(ContentKey {
        signature,
        links,
        file: loaded.path.clone(),
    })
}

/// One cluster of near-duplicates: indices into the keys' list, the first the lowest, each with its estimated
/// similarity to the first.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// The members, ascending; `(index, similarity to the first member)`, the first with 1.0.
    pub members: Vec<(usize, f64)>,
}

/// Clusters of practices whose content is at least [`THRESHOLD`] alike and that do not link to each other.
/// `keys[i]` belongs to the practice with slug `slugs[i]`. Linear in the number of practices.
pub fn clusters(keys: &[Option<ContentKey>], slugs: &[&str]) -> Vec<Cluster> {
    let mut parent: Vec<usize> = (0..keys.len()).collect();
    let linked = |i: usize, j: usize| {
        let has = |a: usize, b: usize| keys[a].as_ref().is_some_and(|k| k.links.iter().any(|l| l == slugs[b]));
        has(i, j) || has(j, i)
    };
    let mut buckets: HashMap<(usize, u64), usize> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        let Some(key) = key else { continue };
        for band in 0..BANDS {
            match buckets.entry((band, key.signature.band(band))) {
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(i);
                }
                std::collections::hash_map::Entry::Occupied(first) => {
                    let j = *first.get();
                    let first_key = keys[j].as_ref().expect("bucket members have keys");
                    if first_key.signature.similarity(&key.signature) >= THRESHOLD && !linked(i, j) {
                        union(&mut parent, i, j);
                    }
                }
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        if key.is_some() {
            let root = find(&mut parent, i);
            groups.entry(root).or_default().push(i);
        }
    }
    let mut clusters: Vec<Cluster> = groups
        .into_values()
        .filter(|g| g.len() > 1)
        .map(|mut members| {
            members.sort_unstable();
            let first = keys[members[0]].as_ref().expect("member").signature.clone();
            Cluster {
                members: members
                    .into_iter()
                    .map(|m| (m, first.similarity(&keys[m].as_ref().expect("member").signature)))
                    .collect(),
            }
        })
        .collect();
    clusters.sort_by_key(|c| c.members[0].0);
    clusters
}

/// The practices most like `target`, most similar first (ties by index), at most `limit`, leaving out `target`
/// itself and practices with no text.
pub fn ranked(target: &Signature, keys: &[Option<ContentKey>], skip: Option<usize>, limit: usize) -> Vec<(usize, f64)> {
    let mut scored: Vec<(usize, f64)> = keys
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != skip)
        .filter_map(|(i, k)| k.as_ref().map(|k| (i, target.similarity(&k.signature))))
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.truncate(limit);
    scored
}

/// Resemblance above which `practice new` warns that a nomination may be a variant of a known practice.
pub const RESEMBLANCE_THRESHOLD: f64 = 0.35;

/// The practices under `root` whose name resembles `name` or whose summary resembles `summary`
/// ([`short_text_similarity`] at least [`RESEMBLANCE_THRESHOLD`]), closest first (ties by slug), with the
/// similarity.
pub fn resembling(
    root: &std::path::Path,
    name: Option<&str>,
    summary: Option<&str>,
) -> anyhow::Result<Vec<(f64, String)>> {
    let (_, texts) = crate::load::library::load_library(root, &[], crate::model::Keep::Findings, |entry, _| {
        let practice = entry.practice.as_ref().map(|p| &p.value);
        (
            entry.slug.clone(),
            practice.and_then(|p| p.name.clone()),
            practice.and_then(|p| p.summary.clone()),
        )
    })?;
    let similarity = |new: Option<&str>, old: Option<String>| match (new, old) {
        (Some(new), Some(old)) => short_text_similarity(new, &old),
        _ => 0.0,
    };
    let mut close: Vec<(f64, String)> = texts
        .into_iter()
        .filter_map(|(slug, old_name, old_summary)| {
            let best = similarity(name, old_name).max(similarity(summary, old_summary));
            (best >= RESEMBLANCE_THRESHOLD).then_some((best, slug))
        })
        .collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Ok(close)
}

/// Similarity of two short texts (names, summaries), 0–1: the Jaccard index of their sets of character trigrams
/// after folding (lower case, letters and digits, single spaces), so «Språkpraksis i Arendal» meets «Språkpraksis i
/// Grimstad» while a shared word alone does not.
pub fn short_text_similarity(a: &str, b: &str) -> f64 {
    let grams = |text: &str| -> std::collections::HashSet<[char; 3]> {
        let folded: Vec<char> = format!(" {} ", fold_words(text).collect::<Vec<_>>().join(" "))
            .chars()
            .collect();
        folded.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
    };
    let (x, y) = (grams(a), grams(b));
    let union = x.union(&y).count();
    if union == 0 {
        return 0.0;
    }
    x.intersection(&y).count() as f64 / union as f64
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// Lower-case words of letters and digits.
fn fold_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

fn fnv(words: &[String]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for word in words {
        for byte in word.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

fn fnv_u64(values: &[u64]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for value in values {
        hash ^= *value;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// One seed per hash function (fixed, so signatures are the same on every run and machine).
const SEEDS: [u64; HASHES] = {
    let mut seeds = [0u64; HASHES];
    let mut state: u64 = 0x0005_eed0_f5a4_d0e5;
    let mut i = 0;
    while i < HASHES {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        seeds[i] = z ^ (z >> 31);
        i += 1;
    }
    seeds
};

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Språkpraksis i Grimstad kombinerer norskopplæring med arbeidspraksis i en restaurant, \
        der deltakerne lærer språket gjennom arbeid og får tett oppfølging av en veileder fra kommunen.";

    fn key(text: &str, links: &[&str]) -> Option<ContentKey> {
        Some(ContentKey {
            signature: Signature::of(text).unwrap(),
            links: links.iter().map(|l| l.to_string()).collect(),
            file: "practice.toml".into(),
        })
    }

    #[test]
    fn a_lightly_reworded_copy_is_similar_and_another_text_is_not() {
        let copy = TEXT.replace("tett oppfølging", "god oppfølging");
        let a = Signature::of(TEXT).unwrap();
        assert!(a.similarity(&Signature::of(&copy).unwrap()) >= THRESHOLD);
        let other = Signature::of("Jobbsentralen gir ungdom sommerjobb i kommunale virksomheter med mentor.").unwrap();
        assert!(a.similarity(&other) < 0.2);
        assert_eq!(a.similarity(&a), 1.0);
        assert!(Signature::of(" – ").is_none());
    }

    #[test]
    fn copies_form_one_cluster_and_links_silence_it() {
        let copy = TEXT.replace("tett oppfølging", "god oppfølging");
        let keys = vec![
            key(TEXT, &[]),
            key("Noe helt annet om kvalifisering av unge voksne i Volda.", &[]),
            key(&copy, &[]),
        ];
        let slugs = ["a", "b", "c"];
        let found = clusters(&keys, &slugs);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].members.iter().map(|m| m.0).collect::<Vec<_>>(), [0, 2]);
        let keys = vec![key(TEXT, &[]), keys[1].clone(), key(&copy, &["a"])];
        assert!(clusters(&keys, &slugs).is_empty());
    }

    #[test]
    fn hundreds_of_copies_are_one_cluster_in_linear_work() {
        let keys: Vec<Option<ContentKey>> = (0..500).map(|i| key(&format!("{TEXT} {i}"), &[])).collect();
        let slugs: Vec<String> = (0..500).map(|i| format!("p{i}")).collect();
        let slugs: Vec<&str> = slugs.iter().map(String::as_str).collect();
        let found = clusters(&keys, &slugs);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].members.len(), 500);
    }

    #[test]
    fn short_texts_meet_on_shared_words_in_order() {
        let close = short_text_similarity("Språkpraksis i Arendal", "Språkpraksis i Grimstad");
        assert!(close >= 0.4, "{close}");
        assert!(short_text_similarity("Språkpraksis i Grimstad", "språkpraksis – I – GRIMSTAD!") > 0.99);
        assert!(short_text_similarity("Jobbsentralen", "Skolekompasset") < 0.1);
        assert_eq!(short_text_similarity("", " – "), 0.0);
    }

    #[test]
    fn ranking_puts_the_copy_first() {
        let copy = TEXT.replace("restaurant", "kafé");
        let keys = vec![
            key("Noe helt annet om unge i Volda og Ørsta.", &[]),
            key(&copy, &[]),
            key(TEXT, &[]),
        ];
        let ranked = ranked(&Signature::of(TEXT).unwrap(), &keys, Some(2), 10);
        assert_eq!(ranked[0].0, 1);
        assert_eq!(ranked.len(), 2);
    }
}
