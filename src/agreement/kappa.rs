//! Chance-corrected agreement statistics: Cohen's kappa (unweighted and weighted) for two assessors, Fleiss' kappa
//! for more, and the Landis & Koch labels. Pure functions over counts; nothing here knows about files.
//!
//! # Standard error and z
//!
//! The standard error reported is the large-sample standard error of kappa *under the null hypothesis* of chance
//! agreement (κ = 0), and `z = κ / se`. For Cohen's kappa this is the form of Fleiss, Cohen & Everitt (1969),
//! "Large sample standard errors of kappa and weighted kappa", *Psychological Bulletin* 72(5), 323–327, eq. 9/14 —
//! the formula Stata's `kap` and `kappa` commands use (\[R\] kappa, Methods and formulas), which is what SØF's
//! Tables 2.2 and 2.4 report:
//!
//! ```text
//! se0 = sqrt( Σ_ij p_i. p_.j [w_ij − (w̄_i. + w̄_.j)]² − p_e² ) / ((1 − p_e) √n)
//! w̄_i. = Σ_j p_.j w_ij,   w̄_.j = Σ_i p_i. w_ij,   p_e = Σ_ij w_ij p_i. p_.j
//! ```
//!
//! With identity weights (unweighted kappa) it reduces to `sqrt(p_e + p_e² − Σ_i p_i. p_.i (p_i. + p_.i)) /
//! ((1 − p_e) √n)`. Checked against SØF's published figures: screening 34/20/20/107 gives se0 = 0.07433 and
//! z = 6.35; in-depth 124/9/9/5 gives se0 = 0.08248 and z = 3.51. The simpler textbook approximation
//! `sqrt(p_e / (n (1 − p_e)))` (Cohen 1960) gives z = 5.39 and 1.60 instead, so it is *not* what SØF used.
//!
//! For Fleiss' kappa the null standard error is Fleiss, Nee & Landis (1979), "Large sample variance of kappa in the
//! case of different sets of raters", *Psychological Bulletin* 86(5), 974–977; it needs the same number of ratings
//! on every item and is left undefined otherwise.
//!
//! Undefined values (no items, expected agreement of 1, a zero standard error — as when one assessor gives every
//! item the same category, which makes the null variance exactly 0) are `None`, never NaN: `null` in JSON,
//! `undefined` or `–` in text.

use serde::Serialize;

/// Expected agreement this close to 1 leaves kappa undefined (0/0).
const DEGENERATE: f64 = 1e-12;

/// Agreement statistics for one set of items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Stats {
    /// Number of items.
    pub n: usize,
    /// Observed agreement, 0–1 (`null` without items).
    pub observed: Option<f64>,
    /// Agreement expected by chance, 0–1 (`null` without items).
    pub expected: Option<f64>,
    /// Kappa (`null` when undefined: no items, or expected agreement of 1).
    pub kappa: Option<f64>,
    /// Standard error of kappa under the null hypothesis κ = 0.
    pub se: Option<f64>,
    /// `kappa / se`.
    pub z: Option<f64>,
    /// One-sided p-value, P(Z > z) under the null hypothesis (SØF's «P > Z»).
    pub p: Option<f64>,
    /// Landis & Koch's label for kappa.
    pub strength: Option<Strength>,
}

impl Stats {
    fn empty(n: usize) -> Stats {
        Stats { n, ..Stats::default() }
    }

    fn finish(n: usize, observed: f64, expected: f64, se: Option<f64>) -> Stats {
        let kappa = (1.0 - expected > DEGENERATE).then(|| (observed - expected) / (1.0 - expected));
        let kappa = kappa.filter(|k| k.is_finite());
        let se = se.filter(|s| s.is_finite() && *s > 0.0).filter(|_| kappa.is_some());
        let z = match (kappa, se) {
            (Some(k), Some(s)) => Some(k / s).filter(|z| z.is_finite()),
            _ => None,
        };
        Stats {
            n,
            observed: Some(observed),
            expected: Some(expected),
            kappa,
            se,
            z,
            p: z.map(upper_tail),
            strength: kappa.map(Strength::of),
        }
    }
}

/// Landis & Koch (1977), "The measurement of observer agreement for categorical data", *Biometrics* 33, 159–174.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    /// κ < 0.
    Poor,
    /// 0 ≤ κ ≤ 0.20.
    Slight,
    /// 0.20 < κ ≤ 0.40.
    Fair,
    /// 0.40 < κ ≤ 0.60.
    Moderate,
    /// 0.60 < κ ≤ 0.80.
    Substantial,
    /// 0.80 < κ ≤ 1.
    AlmostPerfect,
}

impl Strength {
    /// The label for a kappa value.
    pub fn of(kappa: f64) -> Strength {
        // A little tolerance so that 0.2 computed as 0.20000000000000004 is still «slight».
        let at_most = |bound: f64| kappa <= bound + 1e-9;
        if kappa < -1e-9 {
            Strength::Poor
        } else if at_most(0.2) {
            Strength::Slight
        } else if at_most(0.4) {
            Strength::Fair
        } else if at_most(0.6) {
            Strength::Moderate
        } else if at_most(0.8) {
            Strength::Substantial
        } else {
            Strength::AlmostPerfect
        }
    }

    /// The English label (`almost perfect`).
    pub fn label(self) -> &'static str {
        match self {
            Strength::Poor => "poor",
            Strength::Slight => "slight",
            Strength::Fair => "fair",
            Strength::Moderate => "moderate",
            Strength::Substantial => "substantial",
            Strength::AlmostPerfect => "almost perfect",
        }
    }
}

/// Weights for weighted kappa on an ordered scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Weighting {
    /// `1 − |x_i − x_j|` (Cicchetti & Allison 1971).
    Linear,
    /// `1 − (x_i − x_j)²` (Fleiss & Cohen 1973).
    Quadratic,
}

impl Weighting {
    /// Agreement weights for categories at these positions (0–1 on the scale; `None` for a category without a
    /// place on it, which only agrees with itself).
    pub fn matrix(self, positions: &[Option<f64>]) -> Vec<Vec<f64>> {
        positions
            .iter()
            .enumerate()
            .map(|(i, a)| {
                positions
                    .iter()
                    .enumerate()
                    .map(|(j, b)| match (a, b) {
                        _ if i == j => 1.0,
                        (Some(a), Some(b)) => {
                            let d = (a - b).abs().min(1.0);
                            match self {
                                Weighting::Linear => 1.0 - d,
                                Weighting::Quadratic => 1.0 - d * d,
                            }
                        }
                        _ => 0.0,
                    })
                    .collect()
            })
            .collect()
    }
}

/// A square table of counts: rows are the first assessor's categories, columns the second's.
pub type Crosstab = Vec<Vec<usize>>;

/// Cohen's kappa for a square crosstab of two assessors' judgements.
pub fn cohen(table: &Crosstab) -> Stats {
    let k = table.len();
    let identity: Vec<Vec<f64>> = (0..k)
        .map(|i| (0..k).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
        .collect();
    weighted(table, &identity)
}

/// Weighted kappa (Cohen 1968) with agreement weights `w[i][j]` in 0–1 and 1 on the diagonal. With identity weights
/// it is Cohen's kappa. The standard error is the Fleiss–Cohen–Everitt null form (see the module docs).
pub fn weighted(table: &Crosstab, weights: &[Vec<f64>]) -> Stats {
    let k = table.len();
    if table.iter().any(|row| row.len() != k) || weights.len() != k || weights.iter().any(|row| row.len() != k) {
        return Stats::empty(0);
    }
    let n: usize = table.iter().flatten().sum();
    if n == 0 {
        return Stats::empty(0);
    }
    let total = n as f64;
    let p: Vec<Vec<f64>> = table
        .iter()
        .map(|row| row.iter().map(|&c| c as f64 / total).collect())
        .collect();
    let rows: Vec<f64> = p.iter().map(|row| row.iter().sum()).collect();
    let cols: Vec<f64> = (0..k).map(|j| p.iter().map(|row| row[j]).sum()).collect();
    let mut observed = 0.0;
    let mut expected = 0.0;
    for i in 0..k {
        for j in 0..k {
            observed += weights[i][j] * p[i][j];
            expected += weights[i][j] * rows[i] * cols[j];
        }
    }
    // Clamp rounding noise: both are proportions.
    let observed = observed.clamp(0.0, 1.0);
    let expected = expected.clamp(0.0, 1.0);
    let row_means: Vec<f64> = (0..k).map(|i| (0..k).map(|j| cols[j] * weights[i][j]).sum()).collect();
    let col_means: Vec<f64> = (0..k).map(|j| (0..k).map(|i| rows[i] * weights[i][j]).sum()).collect();
    let mut sum = 0.0;
    for i in 0..k {
        for j in 0..k {
            let d = weights[i][j] - (row_means[i] + col_means[j]);
            sum += rows[i] * cols[j] * d * d;
        }
    }
    let radicand = sum - expected * expected;
    // When one assessor puts every item in the same category, the null variance is exactly 0 (Σ p_.j (−p_e)² − p_e²
    // for row i: w̄_i. = p_e and w̄_.j = w_ij); in floating point it comes out as noise around 1e-17, which made se
    // 8e-9 and z 0. Decided on the counts, so it is exact.
    let single = |counts: &mut dyn Iterator<Item = usize>| counts.filter(|&c| c > 0).count() <= 1;
    let constant_assessor = single(&mut table.iter().map(|row| row.iter().sum::<usize>()))
        || single(&mut (0..k).map(|j| table.iter().map(|row| row[j]).sum::<usize>()));
    let se = (!constant_assessor && radicand > 0.0 && 1.0 - expected > DEGENERATE)
        .then(|| radicand.sqrt() / ((1.0 - expected) * total.sqrt()));
    Stats::finish(n, observed, expected, se)
}

/// Fleiss' kappa for any number of assessors. `items[i][c]` is how many assessors put item `i` in category `c`.
/// Items judged by fewer than two assessors are left out. The number of ratings may vary between items (the
/// generalisation in Gwet, *Handbook of Inter-Rater Reliability*, 4th ed. 2014, ch. 2: per-item agreement over
/// `r_i (r_i − 1)` ordered pairs, category proportions averaged over items); with a constant number it is exactly
/// Fleiss (1971). The null standard error needs a constant number of ratings and is `None` otherwise.
pub fn fleiss(items: &[Vec<usize>]) -> Stats {
    let rated: Vec<&Vec<usize>> = items.iter().filter(|i| i.iter().sum::<usize>() >= 2).collect();
    let n = rated.len();
    if n == 0 {
        return Stats::empty(0);
    }
    let k = rated.iter().map(|i| i.len()).max().unwrap_or(0);
    let mut observed = 0.0;
    let mut proportions = vec![0.0; k];
    for item in &rated {
        let r = item.iter().sum::<usize>() as f64;
        let agreeing: f64 = item.iter().map(|&c| (c as f64) * (c as f64 - 1.0)).sum();
        observed += agreeing / (r * (r - 1.0));
        for (c, &count) in item.iter().enumerate() {
            proportions[c] += count as f64 / r;
        }
    }
    let total = n as f64;
    observed = (observed / total).clamp(0.0, 1.0);
    for p in &mut proportions {
        *p /= total;
    }
    let expected: f64 = proportions.iter().map(|p| p * p).sum::<f64>().clamp(0.0, 1.0);
    let m = rated[0].iter().sum::<usize>();
    let constant = rated.iter().all(|i| i.iter().sum::<usize>() == m);
    let se = constant.then(|| {
        let pq: Vec<f64> = proportions.iter().map(|p| p * (1.0 - p)).collect();
        let sum_pq: f64 = pq.iter().sum();
        let skew: f64 = pq.iter().zip(&proportions).map(|(b, p)| b * (1.0 - 2.0 * p)).sum();
        let radicand = 2.0 * (sum_pq * sum_pq - skew);
        let m = m as f64;
        if sum_pq > 0.0 && radicand > 0.0 {
            radicand.sqrt() / (sum_pq * (total * m * (m - 1.0)).sqrt())
        } else {
            f64::NAN
        }
    });
    Stats::finish(n, observed, expected, se)
}

/// P(Z > z) for a standard normal Z.
pub fn upper_tail(z: f64) -> f64 {
    0.5 * erfc(z / std::f64::consts::SQRT_2)
}

/// The complementary error function, by the Chebyshev fit of Press et al., *Numerical Recipes* (2nd ed., §6.2):
/// fractional error below 1.2·10⁻⁷ everywhere, ample for four-decimal p-values.
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98 + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let value = t * poly.exp();
    if x >= 0.0 {
        value
    } else {
        2.0 - value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(actual: Option<f64>, expected: f64, tolerance: f64) {
        let actual = actual.expect("defined");
        assert!(
            (actual - expected).abs() <= tolerance,
            "{actual} is not within {tolerance} of {expected}"
        );
    }

    #[test]
    fn reproduces_sof_screening_table_2_2() {
        // Rows: forsker 1 (ut, inn); columns: forsker 2 (ut, inn).
        let stats = cohen(&vec![vec![34, 20], vec![20, 107]]);
        assert_eq!(stats.n, 181);
        assert_eq!(format!("{:.2}", stats.observed.unwrap() * 100.0), "77.90");
        assert_eq!(format!("{:.2}", stats.expected.unwrap() * 100.0), "58.13");
        assert_eq!(format!("{:.4}", stats.kappa.unwrap()), "0.4721");
        assert_eq!(format!("{:.2}", stats.z.unwrap()), "6.35");
        assert_eq!(format!("{:.4}", stats.p.unwrap()), "0.0000");
        assert_eq!(stats.strength, Some(Strength::Moderate));
    }

    #[test]
    fn reproduces_sof_in_depth_table_2_4() {
        let stats = cohen(&vec![vec![124, 9], vec![9, 5]]);
        assert_eq!(stats.n, 147);
        assert_eq!(format!("{:.2}", stats.observed.unwrap() * 100.0), "87.76");
        assert_eq!(format!("{:.2}", stats.expected.unwrap() * 100.0), "82.77");
        assert_eq!(format!("{:.4}", stats.kappa.unwrap()), "0.2895");
        assert_eq!(format!("{:.2}", stats.z.unwrap()), "3.51");
        assert_eq!(format!("{:.4}", stats.p.unwrap()), "0.0002");
        assert_eq!(stats.strength, Some(Strength::Fair));
    }

    #[test]
    fn the_simple_null_se_does_not_reproduce_sof() {
        // sqrt(pe / (n (1 - pe))) gives z = 5.39 for the screening table: SØF used the Fleiss–Cohen–Everitt form.
        let stats = cohen(&vec![vec![34, 20], vec![20, 107]]);
        let (pe, n) = (stats.expected.unwrap(), 181.0);
        let simple = (pe / (n * (1.0 - pe))).sqrt();
        assert_eq!(format!("{:.2}", stats.kappa.unwrap() / simple), "5.39");
        close(stats.se, 0.074_329, 1e-6);
    }

    #[test]
    fn perfect_agreement_is_one() {
        let stats = cohen(&vec![vec![5, 0], vec![0, 7]]);
        close(stats.kappa, 1.0, 1e-12);
        close(stats.observed, 1.0, 1e-12);
        assert_eq!(stats.strength, Some(Strength::AlmostPerfect));
        assert!(stats.z.unwrap() > 0.0);
    }

    #[test]
    fn expected_agreement_of_one_leaves_kappa_undefined() {
        // Both assessors always say «inn»: perfect, but chance would agree as often.
        let stats = cohen(&vec![vec![9, 0], vec![0, 0]]);
        assert_eq!(stats.n, 9);
        close(stats.observed, 1.0, 0.0);
        close(stats.expected, 1.0, 0.0);
        assert_eq!(stats.kappa, None);
        assert_eq!(stats.se, None);
        assert_eq!(stats.z, None);
        assert_eq!(stats.strength, None);
        let json = serde_json::to_string(&stats).unwrap();
        assert!(json.contains("\"kappa\":null"), "{json}");
        assert!(!json.contains("NaN"));
    }

    #[test]
    fn a_single_item() {
        let agree = cohen(&vec![vec![1, 0], vec![0, 0]]);
        assert_eq!((agree.n, agree.kappa), (1, None));
        let disagree = cohen(&vec![vec![0, 1], vec![0, 0]]);
        assert_eq!(disagree.n, 1);
        close(disagree.kappa, 0.0, 1e-12);
        // Zero standard error: z is undefined, not infinite.
        assert_eq!((disagree.se, disagree.z), (None, None));
    }

    #[test]
    fn no_items() {
        let stats = cohen(&vec![vec![0, 0], vec![0, 0]]);
        assert_eq!(stats, Stats::default());
        assert_eq!(fleiss(&[]), Stats::default());
        assert_eq!(cohen(&Vec::new()).n, 0);
    }

    #[test]
    fn systematic_disagreement_is_poor() {
        let stats = cohen(&vec![vec![0, 10], vec![10, 0]]);
        close(stats.kappa, -1.0, 1e-12);
        assert_eq!(stats.strength, Some(Strength::Poor));
    }

    #[test]
    fn weighted_with_identity_weights_is_cohen() {
        let table = vec![vec![10, 4, 1], vec![3, 12, 5], vec![0, 2, 9]];
        let plain = cohen(&table);
        let k = 3;
        let identity: Vec<Vec<f64>> = (0..k)
            .map(|i| (0..k).map(|j| f64::from(u8::from(i == j))).collect())
            .collect();
        assert_eq!(weighted(&table, &identity), plain);
    }

    #[test]
    fn weighted_kappa_credits_near_misses() {
        // Hand-computed: linear weights 1, .5, 0 on three ordered categories.
        let table = vec![vec![10, 4, 1], vec![3, 12, 5], vec![0, 2, 9]];
        let weights = Weighting::Linear.matrix(&[Some(0.0), Some(0.5), Some(1.0)]);
        let stats = weighted(&table, &weights);
        let n = 46.0;
        let rows = [15.0 / n, 20.0 / n, 11.0 / n];
        let cols = [13.0 / n, 18.0 / n, 15.0 / n];
        let po = (10.0 + 12.0 + 9.0 + 0.5 * (4.0 + 3.0 + 5.0 + 2.0)) / n;
        let mut pe = 0.0;
        for i in 0..3 {
            for j in 0..3 {
                pe += weights[i][j] * rows[i] * cols[j];
            }
        }
        close(stats.observed, po, 1e-12);
        close(stats.expected, pe, 1e-12);
        close(stats.kappa, (po - pe) / (1.0 - pe), 1e-12);
        assert!(stats.kappa.unwrap() > cohen(&table).kappa.unwrap());
        let quadratic = weighted(&table, &Weighting::Quadratic.matrix(&[Some(0.0), Some(0.5), Some(1.0)]));
        assert!(quadratic.kappa.unwrap() > stats.kappa.unwrap());
    }

    #[test]
    fn weights_for_categories_without_a_place_only_agree_with_themselves() {
        let w = Weighting::Linear.matrix(&[Some(0.0), Some(1.0), None]);
        assert_eq!(w, vec![vec![1.0, 0.0, 0.0], vec![0.0, 1.0, 0.0], vec![0.0, 0.0, 1.0]]);
        let q = Weighting::Quadratic.matrix(&[Some(0.0), Some(0.5), Some(1.0)]);
        assert_eq!(q[0], vec![1.0, 0.75, 0.0]);
    }

    #[test]
    fn fleiss_matches_the_classic_example() {
        // Fleiss (1971) style example: 10 subjects, 14 raters, 5 categories (as in Wikipedia's worked example).
        let items = vec![
            vec![0, 0, 0, 0, 14],
            vec![0, 2, 6, 4, 2],
            vec![0, 0, 3, 5, 6],
            vec![0, 3, 9, 2, 0],
            vec![2, 2, 8, 1, 1],
            vec![7, 7, 0, 0, 0],
            vec![3, 2, 6, 3, 0],
            vec![2, 5, 3, 2, 2],
            vec![6, 5, 2, 1, 0],
            vec![0, 2, 2, 3, 7],
        ];
        let stats = fleiss(&items);
        assert_eq!(stats.n, 10);
        assert_eq!(format!("{:.3}", stats.kappa.unwrap()), "0.210");
        assert_eq!(format!("{:.3}", stats.observed.unwrap()), "0.378");
        assert_eq!(format!("{:.3}", stats.expected.unwrap()), "0.213");
        assert_eq!(format!("{:.4}", stats.se.unwrap()), "0.0170");
        assert_eq!(format!("{:.2}", stats.z.unwrap()), "12.37");
        assert_eq!(stats.strength, Some(Strength::Fair));
    }

    #[test]
    fn fleiss_with_two_raters_is_scotts_pi() {
        // Symmetric marginals: Scott's pi equals Cohen's kappa.
        let mut items = Vec::new();
        items.extend(std::iter::repeat_n(vec![2, 0], 34));
        items.extend(std::iter::repeat_n(vec![1, 1], 40));
        items.extend(std::iter::repeat_n(vec![0, 2], 107));
        let stats = fleiss(&items);
        assert_eq!(format!("{:.4}", stats.kappa.unwrap()), "0.4721");
    }

    #[test]
    fn fleiss_with_varying_raters_has_kappa_but_no_se() {
        let items = vec![vec![3, 0], vec![0, 2], vec![1, 1], vec![2, 1], vec![1, 0]];
        let stats = fleiss(&items);
        assert_eq!(stats.n, 4, "the item with one rating is left out");
        assert!(stats.kappa.is_some());
        assert_eq!((stats.se, stats.z), (None, None));
    }

    #[test]
    fn fleiss_all_in_one_category_is_undefined() {
        let stats = fleiss(&[vec![3, 0], vec![3, 0]]);
        close(stats.observed, 1.0, 0.0);
        assert_eq!(stats.kappa, None);
    }

    #[test]
    fn landis_koch_bands() {
        let cases = [
            (-0.1, Strength::Poor),
            (0.0, Strength::Slight),
            (0.2, Strength::Slight),
            (0.2001, Strength::Fair),
            (0.4, Strength::Fair),
            (0.4721, Strength::Moderate),
            (0.61, Strength::Substantial),
            (0.81, Strength::AlmostPerfect),
            (1.0, Strength::AlmostPerfect),
        ];
        for (kappa, strength) in cases {
            assert_eq!(Strength::of(kappa), strength, "{kappa}");
        }
        assert_eq!(Strength::AlmostPerfect.label(), "almost perfect");
    }

    #[test]
    fn normal_tail() {
        close(Some(upper_tail(0.0)), 0.5, 1e-7);
        close(Some(upper_tail(1.959_964)), 0.025, 1e-6);
        close(Some(upper_tail(-1.959_964)), 0.975, 1e-6);
    }
    /// Assessor 1 always «inn», assessor 2 «inn» ×3 and «ut» ×2: the null variance is exactly 0, so se, z and p are
    /// undefined (they were 8.33e-9, 0 and 0.5; audit, issue 11 §2).
    #[test]
    fn a_constant_assessor_leaves_se_z_and_p_undefined() {
        let stats = cohen(&vec![vec![3, 2], vec![0, 0]]);
        close(stats.kappa, 0.0, 1e-12);
        assert_eq!((stats.se, stats.z, stats.p), (None, None, None));
        let stats = cohen(&vec![vec![3, 0], vec![2, 0]]);
        assert_eq!((stats.se, stats.z, stats.p), (None, None, None));
        let weights = vec![vec![1.0, 0.5], vec![0.5, 1.0]];
        let stats = weighted(&vec![vec![3, 2], vec![0, 0]], &weights);
        assert_eq!((stats.se, stats.z, stats.p), (None, None, None));
    }
}
