//! Numbers in the tool's outputs: exact arithmetic for scores, and the few shapes a percentage is printed in.
//!
//! # Percentages
//!
//! Every output formats a percentage through one of these, so a score reads the same wherever it appears:
//!
//! | shape | function | where |
//! |---|---|---|
//! | `79%` | [`percent_table`] | every terminal table (`score`, `list`, `regrade`), CSV |
//! | `79 %` | [`percent_sheet`] | recommendation sheets, charts and the index (Norwegian typography) |
//! | `79.41%` | [`percent_agreement`] | observed and expected agreement (`agree`) |
//! | `79.4 %` | [`percent_threshold`] | thresholds in a criteria diff (as many decimals as the file wrote, up to 6) |
//!
//! Whole percentages are rounded half up ([`percent`]); the decimal shapes round as `format!` does.
//!
//! # Exact arithmetic
//!
//! Points, weights, band thresholds and the judgement zone are short decimals in `criteria.toml` (`0.5`, `0.25`,
//! `3`, `0.40`). Read as binary floating point they are not exact (0.1 is 0.1000000000000000055…), and sums of them
//! drift: a total of exactly 40 % came out as 0.39999999999999997 and left the judgement zone, a reversed «nei» on
//! a 0.25/0.1 scale earned 0.7499999999999999 of 0.75 and was not the best answer. Scoring therefore reads each
//! number back as the decimal the file wrote (the shortest decimal that round-trips, which is what a TOML reader
//! parsed) and computes with [`Ratio`]s: reduced fractions of `i128`. Every comparison (best answer, band, zone,
//! percent) is exact; the `f64` in the output is the exact value rounded once, at the end.
//!
//! Validation ([`crate::validate::criteria`]) bounds points and weights to at most [`MAX_DECIMALS`] decimals and
//! [`MAX_MAGNITUDE`], so a question's points have a denominator dividing 10¹² and sums over any file the tool will
//! read stay far inside `i128`. The operations are still checked: should a combination of many criteria with
//! unusual maxima overflow, the result is `None` and the caller falls back to `f64` with a tolerance
//! ([`Fraction::Approx`]).

use std::cmp::Ordering;

/// Most decimals a point value or weight may have.
pub const MAX_DECIMALS: u32 = 6;

/// Largest point value or weight.
pub const MAX_MAGNITUDE: f64 = 1_000_000.0;

/// Tolerance of the `f64` fallback (and of nothing else).
const TOLERANCE: f64 = 1e-9;

/// A reduced fraction `num / den` with `den > 0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ratio {
    num: i128,
    den: i128,
}

/// Greatest common divisor (1 when it does not fit `i128`, which only `gcd(MIN, MIN)` would need).
fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    i128::try_from(a).unwrap_or(1)
}

impl Ratio {
    /// Zero.
    pub const ZERO: Ratio = Ratio { num: 0, den: 1 };

    /// `num / den`, reduced; `None` when `den` is 0.
    pub fn new(num: i128, den: i128) -> Option<Ratio> {
        if den == 0 {
            return None;
        }
        let g = gcd(num, den).max(1);
        let (num, den) = (num / g, den / g);
        if den < 0 {
            Some(Ratio {
                num: num.checked_neg()?,
                den: den.checked_neg()?,
            })
        } else {
            Some(Ratio { num, den })
        }
    }

    /// An integer.
    pub fn integer(n: i64) -> Ratio {
        Ratio {
            num: i128::from(n),
            den: 1,
        }
    }

    /// The decimal a criteria file wrote for this number: the shortest decimal that reads back as `value` (Rust's
    /// `Display` for `f64`, which never uses an exponent). `None` for NaN, infinities, and numbers with more than 18
    /// decimals or above 10¹⁸, which do not fit.
    pub fn from_decimal(value: f64) -> Option<Ratio> {
        if !value.is_finite() {
            return None;
        }
        // Fast path: a decimal of up to 9 places whose digits fit in 2⁵³. Dividing the integer by 10ᵏ is correctly
        // rounded, as reading the decimal is, so the first k that gives `value` back finds the shortest decimal.
        let mut scale = 1.0_f64;
        for k in 0..=9_u32 {
            let scaled = (value * scale).round();
            if scaled.abs() >= 9_007_199_254_740_992.0 {
                break;
            }
            if scaled / scale == value {
                return Ratio::new(scaled as i128, 10_i128.pow(k));
            }
            scale *= 10.0;
        }
        let text = value.to_string();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.as_str()),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        if whole.len() > 18 || fraction.len() > 18 {
            return None;
        }
        let mut num: i128 = 0;
        for b in whole.bytes().chain(fraction.bytes()) {
            num = num * 10 + i128::from(b - b'0');
        }
        let den = 10_i128.pow(fraction.len() as u32);
        Ratio::new(if negative { -num } else { num }, den)
    }

    /// The number of decimals the shortest decimal form of `value` has (`None` when not finite or too long).
    pub fn decimals(value: f64) -> Option<u32> {
        let r = Ratio::from_decimal(value)?;
        let mut den = r.den;
        let (mut twos, mut fives) = (0, 0);
        while den % 2 == 0 {
            den /= 2;
            twos += 1;
        }
        while den % 5 == 0 {
            den /= 5;
            fives += 1;
        }
        Some(u32::max(twos, fives))
    }

    /// `self + other`, `None` on overflow.
    pub fn checked_add(self, other: Ratio) -> Option<Ratio> {
        let g = gcd(self.den, other.den);
        let left = self.num.checked_mul(other.den / g)?;
        let right = other.num.checked_mul(self.den / g)?;
        Ratio::new(left.checked_add(right)?, self.den.checked_mul(other.den / g)?)
    }

    /// `self × other`, `None` on overflow.
    pub fn checked_mul(self, other: Ratio) -> Option<Ratio> {
        let g1 = gcd(self.num, other.den).max(1);
        let g2 = gcd(other.num, self.den).max(1);
        let num = (self.num / g1).checked_mul(other.num / g2)?;
        let den = (self.den / g2).checked_mul(other.den / g1)?;
        Ratio::new(num, den)
    }

    /// `self / other`, `None` when `other` is 0 or on overflow.
    pub fn checked_div(self, other: Ratio) -> Option<Ratio> {
        if other.num == 0 {
            return None;
        }
        self.checked_mul(Ratio {
            num: other.den * other.num.signum(),
            den: other.num.checked_abs()?,
        })
    }

    /// `self − other`, `None` on overflow.
    pub fn checked_sub(self, other: Ratio) -> Option<Ratio> {
        self.checked_add(Ratio {
            num: other.num.checked_neg()?,
            den: other.den,
        })
    }

    /// Whether the value is above zero.
    pub fn is_positive(self) -> bool {
        self.num > 0
    }

    /// The nearest `f64` (exactly rounded while numerator and denominator are below 2⁵³, which covers every
    /// realistic score; within an ulp otherwise).
    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// Exact comparison; `None` when the cross products overflow.
    pub fn checked_cmp(self, other: Ratio) -> Option<Ordering> {
        let left = self.num.checked_mul(other.den)?;
        let right = other.num.checked_mul(self.den)?;
        Some(left.cmp(&right))
    }

    /// The value as a whole percentage, rounded half up: ⌊100·n/d + ½⌋ = ⌊(200n + d) / 2d⌋.
    pub fn percent(self) -> Option<i64> {
        let top = self.num.checked_mul(200)?.checked_add(self.den)?;
        let bottom = self.den.checked_mul(2)?;
        i64::try_from(top.div_euclid(bottom)).ok()
    }
}

/// A score as computed: exact, or (only when exact arithmetic overflowed) a float compared with a tolerance.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fraction {
    /// The exact value.
    Exact(Ratio),
    /// A floating-point value, for a result exact arithmetic could not hold.
    Approx(f64),
}

impl Fraction {
    /// The value as `f64`, rounded once.
    pub fn to_f64(self) -> f64 {
        match self {
            Fraction::Exact(r) => r.to_f64(),
            Fraction::Approx(x) => x,
        }
    }

    /// Compare with a threshold a criteria file wrote (a band's `min`, the judgement zone's ends): exact when both
    /// are exact; otherwise values within 10⁻⁹ of each other are equal. The one comparison behind bands, the zone
    /// and percentages.
    pub fn cmp_threshold(self, threshold: f64) -> Ordering {
        if let (Fraction::Exact(value), Some(threshold)) = (self, Ratio::from_decimal(threshold)) {
            if let Some(ordering) = value.checked_cmp(threshold) {
                return ordering;
            }
        }
        let value = self.to_f64();
        if (value - threshold).abs() <= TOLERANCE {
            Ordering::Equal
        } else if value < threshold {
            Ordering::Less
        } else {
            Ordering::Greater
        }
    }

    /// Whether the value is at least `threshold` (see [`Fraction::cmp_threshold`]).
    pub fn reaches(self, threshold: f64) -> bool {
        self.cmp_threshold(threshold) != Ordering::Less
    }

    /// Whether the value lies in the closed range `from..=to`.
    pub fn within(self, from: f64, to: f64) -> bool {
        self.reaches(from) && self.cmp_threshold(to) != Ordering::Greater
    }

    /// The value as a whole percentage, rounded half up (0.685 → 69).
    pub fn percent(self) -> i64 {
        match self {
            Fraction::Exact(r) => r.percent().unwrap_or_else(|| percent_of_f64(r.to_f64())),
            Fraction::Approx(x) => percent_of_f64(x),
        }
    }
}

/// Half-up whole percentage of a float; the tolerance lets 0.685 (stored as 0.68499999…) round up as a person would.
fn percent_of_f64(fraction: f64) -> i64 {
    (fraction * 100.0 + 0.5 + TOLERANCE).floor() as i64
}

/// A fraction as a whole percentage, rounded half up (0.685 → 69). A tiny tolerance absorbs binary noise, so
/// 0.685 (stored as 0.68499999…) still rounds up as a person would. Scores rounded from exact values
/// ([`Fraction::to_f64`]) are within an ulp of the decimal, far inside the tolerance.
pub fn percent(fraction: f64) -> i64 {
    percent_of_f64(fraction)
}

/// `79%`: a whole percentage for terminal tables and CSV.
pub fn percent_table(fraction: f64) -> String {
    format!("{}%", percent(fraction))
}

/// `79 %`: a whole percentage (already rounded, see [`percent`]) for sheets, charts and the index.
pub fn percent_sheet(whole: i64) -> String {
    format!("{whole} %")
}

/// `79.41%`: two decimals, for agreement proportions.
pub fn percent_agreement(fraction: f64) -> String {
    format!("{:.2}%", fraction * 100.0)
}

/// `79.4 %`: up to six decimals, trailing zeros dropped, for thresholds written in a criteria file.
pub fn percent_threshold(fraction: f64) -> String {
    format!("{} %", trimmed(fraction * 100.0))
}

/// A number with up to six decimals, trailing zeros (and a trailing point) dropped: `0.5`, `3`.
pub fn trimmed(value: f64) -> String {
    let text = format!("{value:.6}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `n` and the noun that agrees with it: `count(1, "practice", "practices")` is `1 practice`, `count(2, …)` is
/// `2 practices` (tool messages are English; every "practice(s)" goes through this).
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    #[test]
    fn count_agrees_with_the_number() {
        assert_eq!(super::count(0, "practice", "practices"), "0 practices");
        assert_eq!(super::count(1, "practice", "practices"), "1 practice");
        assert_eq!(super::count(2, "file", "files"), "2 files");
    }

    use super::*;

    fn r(num: i128, den: i128) -> Ratio {
        Ratio::new(num, den).unwrap()
    }

    #[test]
    fn decimals_are_read_as_written() {
        assert_eq!(Ratio::from_decimal(0.1), Some(r(1, 10)));
        assert_eq!(Ratio::from_decimal(0.25), Some(r(1, 4)));
        assert_eq!(Ratio::from_decimal(3.0), Some(r(3, 1)));
        assert_eq!(Ratio::from_decimal(-1.5), Some(r(-3, 2)));
        assert_eq!(Ratio::from_decimal(0.000_001), Some(r(1, 1_000_000)));
        assert_eq!(Ratio::from_decimal(f64::NAN), None);
        assert_eq!(Ratio::from_decimal(1e308), None);
        assert_eq!(Ratio::decimals(0.125), Some(3));
        assert_eq!(Ratio::decimals(2.0), Some(0));
        assert_eq!(Ratio::decimals(0.000_000_1), Some(7));
    }

    #[test]
    fn arithmetic_is_exact_and_reduced() {
        let tenth = r(1, 10);
        let sum = tenth.checked_add(r(2, 10)).unwrap();
        assert_eq!(sum, r(3, 10));
        assert_ne!(0.1 + 0.2, 0.3);
        assert_eq!(sum.to_f64(), 0.3);
        assert_eq!(r(1, 4).checked_mul(r(3, 1)).unwrap(), r(3, 4));
        assert_eq!(r(3, 4).checked_div(r(3, 2)).unwrap(), r(1, 2));
        assert_eq!(r(1, 2).checked_sub(r(3, 4)).unwrap(), r(-1, 4));
        assert_eq!(r(1, 2).checked_div(Ratio::ZERO), None);
        assert_eq!(Ratio::new(2, -4), Some(r(-1, 2)));
        assert_eq!(Ratio::new(i128::MAX, 1).unwrap().checked_add(r(1, 1)), None);
    }

    #[test]
    fn percent_rounds_half_up_exactly() {
        assert_eq!(r(685, 1000).percent(), Some(69));
        assert_eq!(r(684_999, 1_000_000).percent(), Some(68));
        assert_eq!(r(2, 3).percent(), Some(67));
        assert_eq!(r(1, 8).percent(), Some(13));
        assert_eq!(Ratio::ZERO.percent(), Some(0));
        assert_eq!(r(1, 1).percent(), Some(100));
    }

    #[test]
    fn percentages_have_the_documented_shapes() {
        assert_eq!(percent_table(0.790_277_777_777_777_7), "79%");
        assert_eq!(percent_sheet(79), "79 %");
        assert_eq!(percent_agreement(0.7941), "79.41%");
        assert_eq!(percent_threshold(0.794), "79.4 %");
        assert_eq!(percent_threshold(0.4), "40 %");
        assert_eq!(trimmed(0.5), "0.5");
        assert_eq!(percent(0.685), 69);
        assert_eq!(percent(0.684_999), 68);
    }

    #[test]
    fn thresholds_compare_exactly_and_the_fallback_with_a_tolerance() {
        let forty = Fraction::Exact(r(2, 5));
        assert!(forty.within(0.40, 0.60));
        assert!(forty.reaches(0.4));
        assert!(!Fraction::Exact(r(399_999_999_999, 1_000_000_000_000)).reaches(0.4));
        assert!(Fraction::Approx(0.399_999_999_999_999_97).within(0.4, 0.6));
        assert!(Fraction::Approx(0.600_000_000_000_000_1).within(0.4, 0.6));
        assert!(!Fraction::Approx(0.39).reaches(0.4));
    }
}
