//! Small pseudo-random generators whose output is fixed forever.
//!
//! The sample data must be byte-identical for a given seed across releases, platforms and
//! dependency upgrades, so nothing here comes from a crate: SplitMix64 seeds and hashes,
//! xoshiro256** draws. Floating point is limited to operations IEEE 754 rounds exactly
//! (`+ - * /` and `sqrt`); `powf`, `ln` and friends come from the platform's libm and may differ
//! in the last bit between machines, which would change which repository an event picks.

/// One SplitMix64 step: advances `state` and returns a well-mixed word.
pub(super) fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Hashes a short list of words into one. Every stable per-entity value (a repository's
/// description, a pull request's title) is derived from such a hash, so it is the same whichever
/// hour mentions the entity.
pub(super) fn mix(parts: &[u64]) -> u64 {
    let mut state = 0x6A09_E667_F3BC_C909_u64;
    for &part in parts {
        state ^= part;
        state = splitmix64(&mut state);
    }
    state
}

/// xoshiro256**, seeded through SplitMix64 as its authors recommend.
#[derive(Clone)]
pub(super) struct Rng {
    s: [u64; 4],
}

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
        let mut state = seed;
        let mut s = [0; 4];
        for word in &mut s {
            *word = splitmix64(&mut state);
        }
        if s == [0; 4] {
            // The all-zero state is the one fixed point of xoshiro; SplitMix64 practically never
            // produces it, but a fixed fallback costs nothing.
            s[0] = 1;
        }
        Rng { s }
    }

    /// A generator for one named purpose, independent of every other purpose's generator.
    pub(super) fn keyed(parts: &[u64]) -> Self {
        Rng::new(mix(parts))
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in `0..n` (0 when `n` is 0). Lemire's multiply-shift without the rejection step:
    /// the bias is below 2^-40 for every `n` used here and the draw count stays fixed.
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform index into a slice of length `n`.
    pub(super) fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub(super) fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent / 100`.
    pub(super) fn percent(&mut self, percent: u32) -> bool {
        self.below(100) < u64::from(percent)
    }

    /// Uniform in `[0, 1)` with 53 bits.
    pub(super) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    /// An index drawn with the given integer weights.
    pub(super) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut target = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if target < u64::from(w) {
                return i;
            }
            target -= u64::from(w);
        }
        weights.len() - 1
    }

    /// A small count with a long tail: 0 with probability `1 - p`, 1 with `p(1 - p)`, and so
    /// on, capped at `max`.
    pub(super) fn geometric(&mut self, percent: u32, max: u64) -> u64 {
        let mut n = 0;
        while n < max && self.percent(percent) {
            n += 1;
        }
        n
    }

    /// A duration in seconds spread evenly on a log scale between `min` and `max`: as many
    /// pull requests are minutes old as are days old, and as many days as weeks.
    pub(super) fn log_spread(&mut self, min: u64, max: u64) -> u64 {
        let mut value = min.max(1);
        // Doubling a random number of times, then a uniform step inside the last octave, gives
        // a log-uniform shape using integers only.
        let mut octaves = 0;
        while value.saturating_mul(2) <= max {
            value *= 2;
            octaves += 1;
        }
        let chosen = self.below(octaves + 1);
        let low = min.max(1) << chosen;
        low + self.below(low.min(max.saturating_sub(low)) + 1)
    }
}

/// How steeply a [`Zipf`] table falls: the weight of rank `k` is `1 / (k + offset)^s`.
#[derive(Clone, Copy)]
pub(super) enum Exponent {
    /// s = 0.75.
    ThreeQuarters,
    /// s = 1.0.
    One,
    /// s = 1.125.
    NineEighths,
}

impl Exponent {
    fn weight(self, x: f64) -> f64 {
        match self {
            Exponent::ThreeQuarters => 1.0 / (x.sqrt() * x.sqrt().sqrt()),
            Exponent::One => 1.0 / x,
            Exponent::NineEighths => 1.0 / (x * x.sqrt().sqrt().sqrt()),
        }
    }
}

/// A Zipf-like distribution over ranks `0..n`, sampled by binary search in its cumulative table.
pub(super) struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    pub(super) fn new(n: usize, offset: f64, exponent: Exponent) -> Self {
        let mut total = 0.0;
        let cumulative = (0..n.max(1))
            .map(|k| {
                total += exponent.weight(k as f64 + offset);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    /// The share of all draws that rank `k` receives.
    pub(super) fn share(&self, k: usize) -> f64 {
        let below = if k == 0 { 0.0 } else { self.cumulative[k - 1] };
        (self.cumulative[k] - below) / self.total()
    }

    fn total(&self) -> f64 {
        self.cumulative[self.cumulative.len() - 1]
    }

    pub(super) fn sample(&self, rng: &mut Rng) -> usize {
        let target = rng.unit() * self.total();
        self.cumulative.partition_point(|&c| c <= target).min(self.cumulative.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generators_match_their_reference_implementations() {
        let mut state = 0;
        assert_eq!(splitmix64(&mut state), 0xE220_A839_7B1D_CDAF);
        let mut rng = Rng { s: [1, 2, 3, 4] };
        let first: Vec<u64> = (0..4).map(|_| rng.next_u64()).collect();
        assert_eq!(first, [11_520, 0, 1_509_978_240, 1_215_971_899_390_074_240]);
    }

    #[test]
    fn seeded_output_is_pinned() {
        // These values must never change: they pin every sample workspace ever generated.
        let mut rng = Rng::new(42);
        let first: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        assert_eq!(first, [1_546_998_764_402_558_742, 6_990_951_692_964_543_102, 12_544_586_762_248_559_009]);
        assert_eq!(mix(&[1, 2, 3]), mix(&[1, 2, 3]));
        assert_ne!(mix(&[1, 2, 3]), mix(&[3, 2, 1]));
    }

    #[test]
    fn zipf_favours_low_ranks() {
        let zipf = Zipf::new(1000, 2.0, Exponent::One);
        let mut rng = Rng::new(7);
        let mut counts = vec![0u32; 1000];
        for _ in 0..20_000 {
            counts[zipf.sample(&mut rng)] += 1;
        }
        assert!(counts[0] > counts[10] && counts[10] > counts[500]);
        assert!((zipf.share(0) - f64::from(counts[0]) / 20_000.0).abs() < 0.01);
    }

    #[test]
    fn log_spread_stays_in_bounds() {
        let mut rng = Rng::new(3);
        for _ in 0..10_000 {
            let v = rng.log_spread(60, 1_209_600);
            assert!((60..=1_209_600).contains(&v), "{v}");
        }
    }
}
