//! "Did you mean …?" suggestions by edit distance.
//!
//! The distance is the optimal-string-alignment form of Damerau–Levenshtein ([`strsim::osa_distance`]): inserting,
//! deleting or replacing a character costs one, and so does swapping two neighbours, so `nmae` is one step from
//! `name`. Comparisons ignore case.
//!
//! The work is bounded, because a large file can ask for a suggestion once per key against a long list (60,000
//! unknown answers against 10,000 questions): words and candidates longer than [`LONGEST`] bytes get no hint, only
//! the first [`MAX_EXAMINED`] candidates are looked at, those whose length differs by more than the allowed distance
//! are skipped without comparing, and at most [`MAX_COMPARED`] are compared per word.

/// Longer words and candidates (in bytes) get no hint: typos are made in keys, not in paragraphs.
pub const LONGEST: usize = 100;

/// At most this many candidates are looked at for one word. Criteria have tens of questions; a list of thousands
/// gets hints from its first thousand entries only.
pub const MAX_EXAMINED: usize = 1000;

/// At most this many candidates (of those examined, the ones of a plausible length) are compared with one word.
pub const MAX_COMPARED: usize = 100;

/// The edit distance between two strings, in characters, where swapping two neighbours costs one.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The candidate closest to `word`, if it is close enough to be a plausible typo (at most a third of its length
/// differs, and at least one character matches). Ties go to the candidate closest in length, then the first.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    closest_counting(word, candidates).0
}

/// "did you mean `x`?" for the closest candidate: the text of a finding's `help`.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// English words for answers, and the option key each means when the scale has it (`no` is `nei`, never `noe`
/// «somewhat», which is one letter away). `None` stands for the scale's «ikke relevant» key.
const ANSWER_WORDS: &[(&str, Option<&str>)] = &[
    ("yes", Some("ja")),
    ("y", Some("ja")),
    ("no", Some("nei")),
    ("n", Some("nei")),
    ("n/a", None),
    ("na", None),
    ("n.a.", None),
    ("not applicable", None),
    ("not relevant", None),
];

/// The option an answer that is not one was probably meant to be: a common English word (`yes`, `no`, `n/a`)
/// mapped to its key when `options` has it, else the closest option by edit distance — but a word of three
/// characters or fewer only when exactly one option is a single edit away (a short word is near many options, and
/// a near one can mean the opposite).
pub fn answer<'a>(word: &str, options: &[&'a str], not_applicable: Option<&'a str>) -> Option<&'a str> {
    let lower = word.trim().to_lowercase();
    if let Some((_, meant)) = ANSWER_WORDS.iter().find(|(w, _)| *w == lower) {
        let meant = meant.or(not_applicable)?;
        return options.iter().copied().find(|o| o.eq_ignore_ascii_case(meant));
    }
    if lower.chars().count() > 3 {
        return closest(word, options.iter().copied());
    }
    let mut near = options
        .iter()
        .copied()
        .filter(|o| edit_distance(&lower, &o.to_lowercase()) == 1);
    match (near.next(), near.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// [`closest`], and how many candidates it compared with the word (for tests of the bound).
fn closest_counting<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> (Option<&'a str>, usize) {
    if word.len() > LONGEST {
        return (None, 0);
    }
    let word = word.to_lowercase();
    let length = word.chars().count();
    let limit = (length.max(3) / 3).max(1);
    let mut compared = 0;
    let mut best: Option<(usize, usize, &str)> = None;
    for candidate in candidates.into_iter().take(MAX_EXAMINED) {
        if compared == MAX_COMPARED {
            break;
        }
        // A character is 1–4 bytes: a byte length this far off cannot be within `limit` characters.
        if candidate.len() > LONGEST
            || candidate.len() + 4 * limit < word.len()
            || candidate.len() > 4 * (length + limit)
        {
            continue;
        }
        let length_difference = candidate.chars().count().abs_diff(length);
        if length_difference > limit {
            continue;
        }
        compared += 1;
        let distance = if candidate.chars().any(char::is_uppercase) {
            edit_distance(&word, &candidate.to_lowercase())
        } else {
            edit_distance(&word, candidate)
        };
        // On equal distance, prefer a candidate of the same length: `5d` suggests `5a` rather than `5`.
        let key = (distance, length_difference);
        if distance <= limit && best.is_none_or(|(d, l, _)| key < (d, l)) {
            best = Some((distance, length_difference, candidate));
        }
    }
    (best.map(|(.., candidate)| candidate), compared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("nmae", "name"), 1, "a transposition costs one");
        assert_eq!(edit_distance("summary", "sumary"), 1);
        assert_eq!(edit_distance("ø", "o"), 1);
    }

    #[test]
    fn suggests_near_keys_only() {
        let keys = ["name", "summary", "municipality", "region"];
        assert_eq!(closest("sumary", keys), Some("summary"));
        assert_eq!(closest("regoin", keys), Some("region"));
        assert_eq!(closest("nmae", keys), Some("name"));
        assert_eq!(closest("NAME", keys), Some("name"));
        assert_eq!(closest("colour", keys), None);
        assert_eq!(closest("5d", ["5a", "5b", "15"]), Some("5a"));
        assert_eq!(did_you_mean("sumary", keys).as_deref(), Some("did you mean `summary`?"));
    }

    #[test]
    fn answers_map_english_words_and_short_words_need_one_unambiguous_edit() {
        let options = ["ja", "noe", "nei", "ikke-relevant"];
        let na = Some("ikke-relevant");
        // `no` is one edit from `noe` («somewhat») but means `nei`.
        assert_eq!(answer("no", &options, na), Some("nei"));
        assert_eq!(answer("No", &options, na), Some("nei"));
        assert_eq!(answer("yes", &options, na), Some("ja"));
        assert_eq!(answer("n/a", &options, na), Some("ikke-relevant"));
        assert_eq!(answer("NA", &options, na), Some("ikke-relevant"));
        // Without the key on the scale, no hint.
        assert_eq!(answer("n/a", &["ja", "nei"], None), None);
        assert_eq!(answer("yes", &["delvis", "helt"], None), None);
        // Short words: only a single, unambiguous edit.
        assert_eq!(answer("jaa", &options, na), Some("ja"));
        assert_eq!(answer("nej", &options, na), Some("nei"));
        assert_eq!(
            answer("nie", &options, na),
            None,
            "`nie` is one edit from both `nei` and `noe`"
        );
        assert_eq!(
            answer("ne", &options, na),
            None,
            "`ne` is one edit from both `noe` and `nei`"
        );
        assert_eq!(answer("xyz", &options, na), None);
        // Longer words go by edit distance as before.
        assert_eq!(answer("ikke-relevnt", &options, na), Some("ikke-relevant"));
    }

    #[test]
    fn work_is_bounded_by_length_and_a_cap() {
        // Ten thousand question ids, most of them of a plausible length: at most MAX_COMPARED are compared.
        let ids: Vec<String> = (0..10_000).map(|i| format!("q{i}")).collect();
        let (_, compared) = closest_counting("q12345", ids.iter().map(String::as_str));
        assert_eq!(compared, MAX_COMPARED);
        // Lengths that cannot be within the distance are skipped without comparing.
        let long: Vec<String> = (0..10_000).map(|i| format!("a-much-longer-key-{i}")).collect();
        let (best, compared) = closest_counting("q1", long.iter().map(String::as_str));
        assert_eq!((best, compared), (None, 0));
        // Only the first MAX_EXAMINED candidates are looked at.
        let mut looked_at = 0;
        closest(
            "q1",
            long.iter().map(|s| {
                looked_at += 1;
                s.as_str()
            }),
        );
        assert_eq!(looked_at, MAX_EXAMINED);
        // Long words are not compared at all.
        let (_, compared) = closest_counting(&"x".repeat(LONGEST + 1), ids.iter().map(String::as_str));
        assert_eq!(compared, 0);
        // A near candidate within the cap is found.
        assert_eq!(closest("1q2", ids.iter().map(String::as_str)), Some("q12"));
    }
}
