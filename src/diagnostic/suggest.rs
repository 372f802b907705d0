//! "Did you mean …?" suggestions by edit distance.

/// The Levenshtein distance between two strings, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a plausible typo (at most a third of its length
/// differs, and at least one character matches). Ties go to the candidate closest in length, then the first.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // Typos are made in short words; the distance costs the product of the lengths, so long texts get no hint.
    const LONGEST: usize = 100;
    if word.len() > LONGEST {
        return None;
    }
    let length = word.chars().count();
    let limit = (length.max(3) / 3).max(1);
    candidates
        .into_iter()
        .filter(|candidate| candidate.len() <= LONGEST)
        .map(|candidate| {
            let distance = edit_distance(&word.to_lowercase(), &candidate.to_lowercase());
            // On equal distance, prefer a candidate of the same length: `5d` suggests `5a` rather than `5`.
            (distance, candidate.chars().count().abs_diff(length), candidate)
        })
        .filter(|(distance, ..)| *distance <= limit)
        .min_by_key(|(distance, length_difference, _)| (*distance, *length_difference))
        .map(|(.., candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("nmae", "name"), 2);
        assert_eq!(edit_distance("summary", "sumary"), 1);
        assert_eq!(edit_distance("ø", "o"), 1);
    }

    #[test]
    fn suggests_near_keys_only() {
        let keys = ["name", "summary", "municipality", "region"];
        assert_eq!(closest("sumary", keys), Some("summary"));
        assert_eq!(closest("regoin", keys), Some("region"));
        assert_eq!(closest("colour", keys), None);
        assert_eq!(closest("5d", ["5a", "5b", "15"]), Some("5a"));
    }
}
