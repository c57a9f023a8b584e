#include "dactyl/match/matcher.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <numbers>

#if defined(__AVX2__)
#include <immintrin.h>
#endif

#include "dactyl/match/calibration.h"
#include "dactyl/parameters.h"

namespace abis::dactyl {
namespace {

// Cap on relaxed pairs: bounds the cost of a comparison.
constexpr int kMaxRelaxed = 64;
constexpr float kPi = static_cast<float>(std::numbers::pi);
const float kMinPairCos = static_cast<float>(std::cos(params::kMaxPairAngle));
const float kPairCos = static_cast<float>(std::cos(params::kPairAngle));

double sigmoid(double v, double mu, double tau) { return 1.0 / (1.0 + std::exp(-tau * (v - mu))); }

// Look-up tables of the compatibility sigmoids (a comparison evaluates thousands of them).
struct CompatTables {
  static constexpr double kDistStep = 0.05, kAngleStep = 0.002;
  static constexpr int kDistSize = 600, kAngleSize = 1572;
  std::array<float, kDistSize + 1> dist{};
  std::array<float, kAngleSize + 1> angle{};
  // Distance differences from here on make a compatibility below 1e-4: such pairs of pairs are
  // skipped without looking at their angles.
  float dist_cutoff = 0;
  int cells_in_circle = 0;
  // Square roots of bit counts (a cylinder has at most 64 * layers bits).
  std::array<float, 64 * params::kCylinderLayers + 1> root{};

  CompatTables() {
    for (std::size_t i = 0; i < root.size(); ++i) root[i] = std::sqrt(static_cast<float>(i));
    for (int i = 0; i <= kDistSize; ++i) {
      const double v = sigmoid(i * kDistStep, params::kCompatDistanceMu, params::kCompatDistanceTau);
      dist[i] = v < 1e-4 ? 0.0f : static_cast<float>(v);
      if (dist[i] > 0) dist_cutoff = static_cast<float>((i + 1) * kDistStep);
    }
    dist[kDistSize] = 0;
    for (int i = 0; i <= kAngleSize; ++i)
      angle[i] = static_cast<float>(sigmoid(i * kAngleStep, params::kCompatAngleMu, params::kCompatAngleTau));
    constexpr int kCells = params::kCylinderCells;
    const double step = 2 * params::kCylinderRadius / kCells;
    for (int cj = 0; cj < kCells; ++cj)
      for (int ci = 0; ci < kCells; ++ci)
        if (std::hypot((ci - (kCells - 1) / 2.0) * step, (cj - (kCells - 1) / 2.0) * step) <= params::kCylinderRadius)
          ++cells_in_circle;
  }
  float d(float v) const { return dist[std::min(kDistSize, static_cast<int>(v * (1 / kDistStep)))]; }
  float a(float v) const { return angle[std::min(kAngleSize, static_cast<int>(v * (1 / kAngleStep)))]; }
};

const CompatTables& tables() {
  static const CompatTables t;
  return t;
}

// |a| folded into [0, pi], for |a| < 4 pi (differences of differences of angles in (-pi, pi]).
inline float wrap_abs(float a) {
  constexpr float k2Pi = 2 * kPi;
  a = std::abs(a);
  if (a > k2Pi) a -= k2Pi;
  return a > kPi ? k2Pi - a : a;
}

// Difference of the lengths of two corresponding segments, less the part skin stretch explains:
// the stretch between two minutiae grows with their distance, so a fixed tolerance is either
// too strict for far pairs of a distorted genuine print or too loose for near ones.
inline float stretch_free_difference(float length_a, float length_b) {
  constexpr float kStretch = static_cast<float>(params::kCompatDistanceStretch);
  return std::abs(length_a - length_b) / (1.0f + kStretch * 0.5f * (length_a + length_b));
}

// Dot product with eight independent partial sums: without them the additions form one chain
// of dependent instructions (floating-point addition is not reassociated by the compiler).
inline float dot(const float* x, const float* y, int n) {
  float part[8] = {};
  int k = 0;
  for (; k + 8 <= n; k += 8)
    for (int l = 0; l < 8; ++l) part[l] += x[k + l] * y[k + l];
  float sum = 0;
  for (; k < n; ++k) sum += x[k] * y[k];
  for (float p : part) sum += p;
  return sum;
}

struct Candidate {
  float sim;
  int a;
  int b;
};

// Bins of the local similarity histogram (similarities lie in (0, 1]).
constexpr int kSimBins = 256;
inline int sim_bin(float sim) { return std::min(kSimBins - 1, static_cast<int>(sim * kSimBins)); }

// The `count` best of the found candidates (higher similarity first, ties by lower a then lower b),
// sorted. The histogram tells which bins hold them, so that only a few candidates are sorted
// (sorting all with a comparison function costs more than computing them, in mispredicted
// branches).
void select_best(const Candidate* pool, int found, const std::array<int, kSimBins>& histogram, int count,
                 std::vector<Candidate>& best) {
  int lowest = kSimBins - 1, above = histogram[lowest];
  while (above < count && lowest > 0) above += histogram[--lowest];
  // Candidates of the bins above; a key whose order is the candidates' order.
  thread_local std::vector<std::uint64_t> keys;
  keys.clear();
  for (int k = 0; k < found; ++k) {
    const Candidate& c = pool[k];
    if (sim_bin(c.sim) < lowest) continue;
    keys.push_back(static_cast<std::uint64_t>(std::bit_cast<std::uint32_t>(c.sim)) << 32 |
                   static_cast<std::uint64_t>(0xFFFF - c.a) << 16 | static_cast<std::uint64_t>(0xFFFF - c.b));
  }
  std::sort(keys.begin(), keys.end(), std::greater<>());
  best.resize(count);
  for (int t = 0; t < count; ++t) {
    const std::uint64_t k = keys[t];
    best[t] = {std::bit_cast<float>(static_cast<std::uint32_t>(k >> 32)), 0xFFFF - static_cast<int>(k >> 16 & 0xFFFF),
                0xFFFF - static_cast<int>(k & 0xFFFF)};
  }
}

// Set bits in the masked layers of two cylinders and in their difference (MCC's bit-vector
// norms): the counts behind the similarity.
struct BitCounts {
  int a, b, differ;
};

#if defined(__AVX2__)
// Bits set in each byte of v (the nibble look-up of Mula, Kurz and Lemire).
inline __m256i popcount_bytes(__m256i v) {
  const __m256i lookup = _mm256_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2,
                                          3, 2, 3, 3, 4);
  const __m256i low = _mm256_set1_epi8(0x0f);
  const __m256i lo = _mm256_and_si256(v, low), hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), low);
  return _mm256_add_epi8(_mm256_shuffle_epi8(lookup, lo), _mm256_shuffle_epi8(lookup, hi));
}

// The six layers are two 256-bit loads: words 0-3, and words 4-5 followed by the valid mask and
// the usable flag, which the mask clears.
static_assert(params::kCylinderLayers == 6 && sizeof(Cylinder) >= 8 * sizeof(std::uint64_t));
inline BitCounts count_bits(const Cylinder& ca, const Cylinder& cb, std::uint64_t common) {
  const auto c = static_cast<long long>(common);
  const __m256i m0 = _mm256_set1_epi64x(c), m1 = _mm256_set_epi64x(0, 0, c, c);
  const __m256i a0 = _mm256_and_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(&ca.bits[0])), m0);
  const __m256i a1 = _mm256_and_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(&ca.bits[4])), m1);
  const __m256i b0 = _mm256_and_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(&cb.bits[0])), m0);
  const __m256i b1 = _mm256_and_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(&cb.bits[4])), m1);
  const __m256i zero = _mm256_setzero_si256();
  // Per-byte counts (at most 16) summed into four 64-bit lanes (at most 128 each, so the three
  // sums fit side by side in 16-bit fields of one lane).
  const __m256i na = _mm256_sad_epu8(_mm256_add_epi8(popcount_bytes(a0), popcount_bytes(a1)), zero);
  const __m256i nb = _mm256_sad_epu8(_mm256_add_epi8(popcount_bytes(b0), popcount_bytes(b1)), zero);
  const __m256i nx = _mm256_sad_epu8(
      _mm256_add_epi8(popcount_bytes(_mm256_xor_si256(a0, b0)), popcount_bytes(_mm256_xor_si256(a1, b1))), zero);
  const __m256i packed = _mm256_add_epi64(na, _mm256_add_epi64(_mm256_slli_epi64(nb, 16), _mm256_slli_epi64(nx, 32)));
  const __m128i half = _mm_add_epi64(_mm256_castsi256_si128(packed), _mm256_extracti128_si256(packed, 1));
  const auto total = static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_add_epi64(half, _mm_unpackhi_epi64(half, half))));
  return {static_cast<int>(total & 0xFFFF), static_cast<int>(total >> 16 & 0xFFFF), static_cast<int>(total >> 32)};
}
#else
inline BitCounts count_bits(const Cylinder& ca, const Cylinder& cb, std::uint64_t common) {
  BitCounts n{0, 0, 0};
  for (int k = 0; k < params::kCylinderLayers; ++k) {
    const std::uint64_t a = ca.bits[k] & common, b = cb.bits[k] & common;
    n.a += std::popcount(a);
    n.b += std::popcount(b);
    n.differ += std::popcount(a ^ b);
  }
  return n;
}
#endif

// Similarity of two cylinders, 0 when they cannot be compared.
inline float cylinder_similarity(const Cylinder& ca, const Cylinder& cb, int min_common,
                                 const CompatTables& tab) {
  const std::uint64_t common = ca.valid & cb.valid;
  const BitCounts n = count_bits(ca, cb, common);
  // Too few cells in common, or none set: not comparable (0), without a branch.
  const bool comparable = (std::popcount(common) >= min_common) & (n.a + n.b > 0);
  const float denominator = tab.root[n.a] + tab.root[n.b] + (comparable ? 0.0f : 1.0f);
  return comparable ? 1.0f - tab.root[n.differ] / denominator : 0.0f;
}

// A rigid alignment mapping a onto b: p_b = R(rot) (p_a - a0) + b0.
struct Alignment {
  double rot = 0, ax = 0, ay = 0, bx = 0, by = 0;
};

struct Pairing {
  double weight = 0;  // sum of the pairs' weights (1 for a perfect fit, down to 1 - kPairDistanceWeight)
  int overlap_a = 0;
  int overlap_b = 0;
  std::vector<std::pair<int, int>> pairs;
};

// Index of the first of the n sorted values that is not below v (n when none), by a binary
// search whose steps depend only on n (conditional moves, no mispredicted branches).
inline int first_not_below(const float* sorted, int n, float v) {
  if (n == 0) return 0;
  const float* base = sorted;
  for (int len = n; len > 1;) {
    const int half = len / 2;
    base += static_cast<int>(base[half - 1] < v) * half;
    len -= half;
  }
  return static_cast<int>(base - sorted) + (*base < v);
}

// Per-thread working memory, so that a comparison allocates nothing once warm.
struct Scratch {
  std::vector<Candidate> pool, candidates;  // every local pair found; the best of them
  std::vector<float> rho, lambda, next, support, usable_x, usable_y;
  std::vector<int> order, seeds, partners;
  std::vector<std::uint8_t> used;
  std::vector<std::uint64_t> near;  // pairing candidates as sort keys, see pair_all
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

// Pairs every minutia of a with the nearest unpaired one of b under the alignment, with a
// tolerance that grows away from the alignment centre (distortion), and counts the minutiae of
// each side that lie where the other print has ridges (its minutiae hull). A pair weighs less the
// farther apart its minutiae are, so that a loose pairing of an impostor counts less than the
// tight one of a genuine match.
void pair_all(const PreparedTemplate& ta, const PreparedTemplate& tb, const Alignment& al, Pairing& out) {
  out.weight = 0;
  out.overlap_a = out.overlap_b = 0;
  out.pairs.clear();
  Scratch& s = scratch();
  const float c = static_cast<float>(std::cos(al.rot)), sn = static_cast<float>(std::sin(al.rot));
  const float ax = static_cast<float>(al.ax), ay = static_cast<float>(al.ay);
  const float bx = static_cast<float>(al.bx), by = static_cast<float>(al.by);
  const int na = ta.count, nb = tb.count;
  // Only grows (resizing down and up again would clear it every time).
  if (s.near.size() < static_cast<std::size_t>(na) * nb + 1) s.near.resize(static_cast<std::size_t>(na) * nb + 1);
  std::uint64_t* near = s.near.data();
  std::size_t found = 0;
  for (int i = 0; i < na; ++i) {
    const float dx0 = ta.x[i] - ax, dy0 = ta.y[i] - ay;
    const float px = bx + c * dx0 - sn * dy0, py = by + sn * dx0 + c * dy0;
    if (tb.covers(px, py)) ++out.overlap_a;
    // Direction of minutia i after rotation.
    const float ux = c * ta.dir_x[i] - sn * ta.dir_y[i], uy = sn * ta.dir_x[i] + c * ta.dir_y[i];
    const float r = std::sqrt((px - bx) * (px - bx) + (py - by) * (py - by));
    const float tol = static_cast<float>(params::kPairDistance) + static_cast<float>(params::kPairDistanceGrowth) * r;
    const float tol2 = tol * tol;
    // The minutiae of b in the band of rows within tolerance, those within the tolerance circle
    // and direction as sort keys: relative squared distance (a float in [0, 1], whose bits order
    // as integers), then a, then b.
    // Written for every minutia of the band, kept (count advanced) for those within tolerance:
    // whether one is, is a coin toss a branch would mispredict.
    const float inv = 1.0f / tol2;
    const float* ys = tb.sorted_y.data();
    for (int k = first_not_below(ys, nb, py - tol); k < nb && ys[k] <= py + tol; ++k) {
      const int j = tb.by_y[k];
      const float dx = tb.x[j] - px, dy = ys[k] - py;
      const float d2 = dx * dx + dy * dy;
      near[found] = static_cast<std::uint64_t>(std::bit_cast<std::uint32_t>(d2 * inv)) << 32 |
                    static_cast<std::uint64_t>(i) << 16 | static_cast<std::uint64_t>(j);
      found += (d2 <= tol2) & (ux * tb.dir_x[j] + uy * tb.dir_y[j] >= kPairCos);
    }
  }
  std::sort(near, near + found);
  s.used.assign(static_cast<std::size_t>(na + nb), 0);
  for (std::size_t n = 0; n < found; ++n) {
    const std::uint64_t key = near[n];
    const int a = static_cast<int>(key >> 16 & 0xFFFF), b = static_cast<int>(key & 0xFFFF);
    if (s.used[a] | s.used[na + b]) continue;
    s.used[a] = s.used[na + b] = 1;
    out.pairs.emplace_back(a, b);
    out.weight += 1.0 - params::kPairDistanceWeight * std::sqrt(std::bit_cast<float>(static_cast<std::uint32_t>(key >> 32)));
  }
  for (int j = 0; j < nb; ++j) {
    const float dx = tb.x[j] - bx, dy = tb.y[j] - by;
    const float qx = ax + c * dx + sn * dy, qy = ay - sn * dx + c * dy;
    if (ta.covers(qx, qy)) ++out.overlap_b;
  }
}

// Least-squares rigid alignment (Procrustes) of paired minutiae.
Alignment fit_alignment(const PreparedTemplate& ta, const PreparedTemplate& tb,
                        const std::vector<std::pair<int, int>>& pairs) {
  Alignment al;
  const double n = static_cast<double>(pairs.size());
  for (auto [i, j] : pairs) {
    al.ax += ta.x[i];
    al.ay += ta.y[i];
    al.bx += tb.x[j];
    al.by += tb.y[j];
  }
  al.ax /= n;
  al.ay /= n;
  al.bx /= n;
  al.by /= n;
  double sin_sum = 0, cos_sum = 0;
  for (auto [i, j] : pairs) {
    const double ux = ta.x[i] - al.ax, uy = ta.y[i] - al.ay, vx = tb.x[j] - al.bx, vy = tb.y[j] - al.by;
    cos_sum += ux * vx + uy * vy;
    sin_sum += ux * vy - uy * vx;
  }
  al.rot = std::atan2(sin_sum, cos_sum);
  return al;
}

// Alignment from the relaxed pairs that agree with `seed`; false when none does.
bool alignment_from_seed(const PreparedTemplate& ta, const PreparedTemplate& tb, const Scratch& s, int relaxed,
                         int seed, Alignment& al) {
  double sc = 0, ss = 0, wsum = 0;
  al = {};
  for (int k = 0; k < relaxed; ++k) {
    const float compat = k == seed ? 1.0f : s.rho[static_cast<std::size_t>(seed) * relaxed + k];
    if (compat < params::kAlignmentMinCompat) continue;
    const Candidate& ck = s.candidates[k];
    const double w = compat * std::max(1e-3f, s.lambda[k]);
    const double d = tb.angle[ck.b] - ta.angle[ck.a];
    sc += w * std::cos(d);
    ss += w * std::sin(d);
    al.ax += w * ta.x[ck.a];
    al.ay += w * ta.y[ck.a];
    al.bx += w * tb.x[ck.b];
    al.by += w * tb.y[ck.b];
    wsum += w;
  }
  if (wsum <= 0) return false;
  al.ax /= wsum;
  al.ay /= wsum;
  al.bx /= wsum;
  al.by /= wsum;
  al.rot = std::atan2(ss, sc);
  return true;
}

// Share of the minutiae in the common area that were paired (weighted), 0..1.
double share_of(const Pairing& p) {
  const double oa = std::max(p.overlap_a, params::kMinOverlapMinutiae);
  const double ob = std::max(p.overlap_b, params::kMinOverlapMinutiae);
  return std::min(1.0, p.weight * p.weight / (oa * ob));
}

// Iterated least-squares refinement of a pairing (as in ICP): the alignment fitted to the pairs
// pairs more minutiae, whose fit is better again. A seed's alignment rests on the few relaxed
// pairs near it; the refits let the pairs far from it pull the alignment to the best compromise
// over the whole overlap. Stops when the share no longer grows, after kAlignmentRefits at most.
void refine_pairing(const PreparedTemplate& ta, const PreparedTemplate& tb, double& share,
                    std::vector<std::pair<int, int>>& pairs) {
  thread_local Pairing trial;
  for (int it = 0; it < params::kAlignmentRefits && pairs.size() >= 3; ++it) {
    pair_all(ta, tb, fit_alignment(ta, tb, pairs), trial);
    const double refined = share_of(trial);
    if (refined <= share) break;
    share = refined;
    pairs = trial.pairs;
  }
}

}  // namespace

MatchDetails compare_details(const PreparedTemplate& first, const PreparedTemplate& second) {
  if (second.key < first.key) {
    MatchDetails swapped = compare_details(second, first);
    for (auto& [a, b] : swapped.pairs) std::swap(a, b);
    return swapped;
  }
  const PreparedTemplate& ta = first;
  const PreparedTemplate& tb = second;
  MatchDetails out;
  const int na = ta.count, nb = tb.count;
  if (na < 2 || nb < 2) return out;
  const CompatTables& tab = tables();
  const int min_common = static_cast<int>(std::ceil(params::kCylinderMinCommonShare * tab.cells_in_circle));
  Scratch& s = scratch();

  // Local similarities of every admissible pair, with a histogram of them to find the best
  // without sorting them all.
  // The loops are branch-free where the outcome is a coin toss (direction agreement, similarity
  // above 0): they write every result and advance the output only for the ones kept.
  // Only grows (resizing down and up again would clear it every time).
  if (s.pool.size() < static_cast<std::size_t>(na) * nb + 1) s.pool.resize(static_cast<std::size_t>(na) * nb + 1);
  Candidate* pool = s.pool.data();
  s.partners.resize(nb + 1);
  std::array<int, kSimBins> histogram{};
  // Directions of b's minutiae, not-a-number for those without a usable cylinder: they then fail
  // the direction test (every comparison with NaN is false), and the partner search reads two
  // plain arrays.
  s.usable_x.resize(nb);
  s.usable_y.resize(nb);
  float* usable_x = s.usable_x.data();
  float* usable_y = s.usable_y.data();
  for (int j = 0; j < nb; ++j) {
    usable_x[j] = tb.cylinders[j].usable ? tb.dir_x[j] : std::numeric_limits<float>::quiet_NaN();
    usable_y[j] = tb.cylinders[j].usable ? tb.dir_y[j] : std::numeric_limits<float>::quiet_NaN();
  }
  int found = 0;
  for (int i = 0; i < na; ++i) {
    const Cylinder& ci = ta.cylinders[i];
    if (!ci.usable) continue;
    const float dxi = ta.dir_x[i], dyi = ta.dir_y[i];
    int partners = 0;
    for (int j = 0; j < nb; ++j) {
      s.partners[partners] = j;
      partners += dxi * usable_x[j] + dyi * usable_y[j] >= kMinPairCos;
    }
    for (int p = 0; p < partners; ++p) {
      const int j = s.partners[p];
      const float sim = cylinder_similarity(ci, tb.cylinders[j], min_common, tab);
      pool[found] = {sim, i, j};
      found += sim > 0;
    }
  }
  if (found == 0) return out;
  for (int k = 0; k < found; ++k) ++histogram[sim_bin(pool[k].sim)];
  const int relaxed = std::min({na, nb, kMaxRelaxed, found});
  std::vector<Candidate>& candidates = s.candidates;
  select_best(pool, found, histogram, relaxed, candidates);
  // Ties broken by indices so that the order does not depend on the argument order beyond the
  // (a, b) swap.
  auto better = [](const Candidate& x, const Candidate& y) {
    if (x.sim != y.sim) return x.sim > y.sim;
    if (x.a != y.a) return x.a < y.a;
    return x.b < y.b;
  };

  // Compatibility of every two relaxed pairs: their distances, relative directions and radial
  // angles must agree in both prints.
  std::vector<float>& rho = s.rho;
  rho.assign(static_cast<std::size_t>(relaxed) * relaxed, 0.0f);
  for (int t = 0; t < relaxed; ++t) {
    const int at = candidates[t].a, bt = candidates[t].b;
    const float* dist_a = &ta.distance[static_cast<std::size_t>(at) * na];
    const float* dist_b = &tb.distance[static_cast<std::size_t>(bt) * nb];
    const float turn = ta.angle[at] - tb.angle[bt];
    for (int k = t + 1; k < relaxed; ++k) {
      const int ak = candidates[k].a, bk = candidates[k].b;
      if (ak == at || bk == bt) continue;
      const float d1 = stretch_free_difference(dist_a[ak], dist_b[bk]);
      if (d1 >= tab.dist_cutoff) continue;
      const float d2 = wrap_abs(turn - (ta.angle[ak] - tb.angle[bk]));
      const float d3 = wrap_abs(ta.radial[at * na + ak] - tb.radial[bt * nb + bk]);
      const float r = tab.d(d1) * tab.a(d2) * tab.a(d3);
      rho[t * relaxed + k] = rho[k * relaxed + t] = r;
    }
  }
  // Relaxation: each pair's support becomes a blend of its own and that of the pairs it agrees with.
  std::vector<float>& lambda = s.lambda;
  std::vector<float>& next = s.next;
  lambda.resize(relaxed);
  next.resize(relaxed);
  for (int t = 0; t < relaxed; ++t) lambda[t] = candidates[t].sim;
  const float w = static_cast<float>(params::kRelaxWeight);
  const float norm = relaxed > 1 ? 1.0f / (relaxed - 1) : 0.0f;
  for (int it = 0; it < params::kRelaxIterations; ++it) {
    for (int t = 0; t < relaxed; ++t) {
      next[t] = w * lambda[t] + (1 - w) * dot(&rho[static_cast<std::size_t>(t) * relaxed], lambda.data(), relaxed) * norm;
    }
    lambda.swap(next);
  }
  // Pairs that kept their support best (efficiency), one per minutia.
  std::vector<int>& order = s.order;
  order.resize(relaxed);
  for (int t = 0; t < relaxed; ++t) order[t] = t;
  std::sort(order.begin(), order.end(), [&](int x, int y) {
    const float ex = lambda[x] / candidates[x].sim, ey = lambda[y] / candidates[y].sim;
    if (ex != ey) return ex > ey;
    return better(candidates[x], candidates[y]);
  });
  const int min_n = std::min(na, nb);
  const int keep = params::kMinPairs +
                   static_cast<int>(std::lround(sigmoid(min_n, params::kPairsMu, params::kPairsTau) *
                                                (params::kMaxPairs - params::kMinPairs)));
  s.used.assign(static_cast<std::size_t>(na + nb), 0);
  double sum = 0;
  int taken = 0;
  for (int t : order) {
    if (taken >= keep) break;
    const Candidate& c = candidates[t];
    if (s.used[c.a] || s.used[na + c.b]) continue;
    s.used[c.a] = s.used[na + c.b] = 1;
    sum += lambda[t];
    out.pairs.emplace_back(c.a, c.b);
    ++taken;
  }
  const double lssr = sum / keep;

  // Global pairing under the alignments of the seeds: the relaxed pairs that agree with the most
  // others (a wrong top local match agrees with few). The best weighted share of paired minutiae
  // in the overlap wins.
  std::vector<float>& support = s.support;
  support.assign(relaxed, 0.0f);
  std::vector<float>& ones = s.next;
  ones.assign(relaxed, 1.0f);
  for (int t = 0; t < relaxed; ++t) support[t] = dot(&rho[static_cast<std::size_t>(t) * relaxed], ones.data(), relaxed);
  std::vector<int>& seeds = s.seeds;
  seeds.assign(order.begin(), order.end());
  const int seed_count = std::min(relaxed, params::kAlignmentSeeds);
  std::partial_sort(seeds.begin(), seeds.begin() + seed_count, seeds.end(), [&](int x, int y) {
    if (support[x] != support[y]) return support[x] > support[y];
    return x < y;
  });
  thread_local Pairing trial;
  double best_share = 0;
  for (int k = 0; k < seed_count; ++k) {
    Alignment al;
    if (!alignment_from_seed(ta, tb, s, relaxed, seeds[k], al)) continue;
    pair_all(ta, tb, al, trial);
    const double share = share_of(trial);
    if (share > best_share) {
      best_share = share;
      out.pairs = trial.pairs;
    }
  }
  // The best alignment refined by least squares on all its pairs.
  refine_pairing(ta, tb, best_share, out.pairs);
  // Both kinds of evidence must agree: a consistent set of similar neighbourhoods (LSS-R) and a
  // large share of the common area's minutiae paired under one alignment.
  out.similarity = best_share * std::min(1.0, lssr / params::kLocalEvidenceFull);
  out.score = calibrated_score(out.similarity);
  return out;
}

double compare(const PreparedTemplate& a, const PreparedTemplate& b) { return compare_details(a, b).score; }

}  // namespace abis::dactyl
