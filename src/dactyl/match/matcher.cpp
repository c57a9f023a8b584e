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

using params::kMaxRelaxed;
constexpr float kPi = static_cast<float>(std::numbers::pi);
// Minutiae directions are whole units of 1/256 turn: two directions are within kMaxPairAngle
// when their units differ (circularly) by at most kMaxPairUnits. The limit lies well between two
// units, so that the test agrees with the cosine test it replaced (dot product of the unit
// directions >= cos(kMaxPairAngle)) whatever the rounding of the cosines.
constexpr double kMaxPairAngleUnits = params::kMaxPairAngle * 256 / (2 * std::numbers::pi);
constexpr int kMaxPairUnits = static_cast<int>(kMaxPairAngleUnits);
static_assert(kMaxPairAngleUnits - kMaxPairUnits > 0.05 && kMaxPairAngleUnits - kMaxPairUnits < 0.95);
static_assert(kMaxPairUnits < 128);
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
  // Switched off, the division by 1 is left out (the compiler keeps it: 0 times an infinite
  // length is not 0), and the result is the same.
  if constexpr (kStretch == 0) return std::abs(length_a - length_b);
  return std::abs(length_a - length_b) / (1.0f + kStretch * 0.5f * (length_a + length_b));
}

// Dot product of two vectors whose length n is a multiple of eight, with eight independent
// partial sums (a single sum would make every addition wait for the one before).
inline float dot(const float* x, const float* y, int n) {
#if defined(__AVX2__)
  __m256 sum = _mm256_setzero_ps();
  for (int k = 0; k < n; k += 8) sum = _mm256_fmadd_ps(_mm256_loadu_ps(x + k), _mm256_loadu_ps(y + k), sum);
  const __m128 half = _mm_add_ps(_mm256_castps256_ps128(sum), _mm256_extractf128_ps(sum, 1));
  const __m128 quarter = _mm_add_ps(half, _mm_movehl_ps(half, half));
  return _mm_cvtss_f32(_mm_add_ss(quarter, _mm_shuffle_ps(quarter, quarter, 1)));
#else
  float part[8] = {};
  for (int k = 0; k < n; k += 8)
    for (int l = 0; l < 8; ++l) part[l] += x[k + l] * y[k + l];
  return ((part[0] + part[4]) + (part[2] + part[6])) + ((part[1] + part[5]) + (part[3] + part[7]));
#endif
}

struct Candidate {
  float sim;
  int a;
  int b;
};

// Bins of the local similarity histogram (similarities lie in (0, 1]).
constexpr int kSimBins = 256;
inline int sim_bin(float sim) { return std::min(kSimBins - 1, static_cast<int>(sim * kSimBins)); }

// A candidate as a key whose integer order is the candidates' order: higher similarity first
// (a float >= 0, whose bits order as integers), ties by lower a then lower b.
inline std::uint64_t candidate_key(float sim, int a, int b) {
  return static_cast<std::uint64_t>(std::bit_cast<std::uint32_t>(sim)) << 32 |
         static_cast<std::uint64_t>(0xFFFF - a) << 16 | static_cast<std::uint64_t>(0xFFFF - b);
}

// Sorts n distinct keys in increasing order. Up to kRankSortLimit keys each goes straight to its
// place, the number of smaller keys, counted four at a time without a branch: the comparisons
// of a sorting algorithm are coin tosses to the branch predictor, and the arrays sorted here
// (tens of keys, several times per comparison) are small enough for the n^2 counts to cost less.
constexpr std::size_t kRankSortLimit = 96;
void sort_distinct_keys(std::uint64_t* keys, std::size_t n) {
#if defined(__AVX2__)
  if (n > kRankSortLimit) {
    std::sort(keys, keys + n);
    return;
  }
  // Signed comparisons of the keys with their top bit flipped order them as unsigned numbers;
  // the padding (the largest value) is never smaller than a key.
  alignas(32) std::int64_t flipped[kRankSortLimit + 4];
  std::uint64_t copy[kRankSortLimit];
  constexpr std::uint64_t kTop = std::uint64_t{1} << 63;
  const std::size_t padded = (n + 3) / 4 * 4;
  for (std::size_t k = 0; k < n; ++k) {
    copy[k] = keys[k];
    flipped[k] = static_cast<std::int64_t>(keys[k] ^ kTop);
  }
  for (std::size_t k = n; k < padded; ++k) flipped[k] = std::numeric_limits<std::int64_t>::max();
  for (std::size_t k = 0; k < n; ++k) {
    const __m256i key = _mm256_set1_epi64x(flipped[k]);
    __m256i smaller = _mm256_setzero_si256();
    for (std::size_t j = 0; j < padded; j += 4)
      smaller = _mm256_sub_epi64(smaller, _mm256_cmpgt_epi64(key, _mm256_load_si256(reinterpret_cast<const __m256i*>(flipped + j))));
    const __m128i half = _mm_add_epi64(_mm256_castsi256_si128(smaller), _mm256_extracti128_si256(smaller, 1));
    const std::uint64_t rank = static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_add_epi64(half, _mm_unpackhi_epi64(half, half))));
    keys[rank] = copy[k];
  }
#else
  std::sort(keys, keys + n);
#endif
}

// The `count` best of the found candidates (as keys), sorted. The histogram of their
// similarities tells which bins hold them, so that only a few candidates are sorted (sorting all
// with a comparison function costs more than computing them, in mispredicted branches).
void select_best(const std::uint64_t* pool, int found, const std::array<int, kSimBins>& histogram, int count,
                 std::vector<Candidate>& best) {
  int lowest = kSimBins - 1, above = histogram[lowest];
  while (above < count && lowest > 0) above += histogram[--lowest];
  // The candidates of the bins from `lowest` on: those whose similarity is at least
  // lowest / kSimBins (exact in floats), i.e. whose key is at least that of this similarity.
  // Each written, kept (count advanced) when it is: without a branch.
  const std::uint64_t threshold = candidate_key(static_cast<float>(lowest) / kSimBins, 0xFFFF, 0xFFFF);
  thread_local std::vector<std::uint64_t> keys;
  keys.resize(static_cast<std::size_t>(found));
  std::size_t kept = 0;
  // Complemented, so that the increasing sort puts the best first.
  for (int k = 0; k < found; ++k) {
    keys[kept] = ~pool[k];
    kept += pool[k] >= threshold;
  }
  sort_distinct_keys(keys.data(), kept);
  best.resize(count);
  for (int t = 0; t < count; ++t) {
    const std::uint64_t k = ~keys[t];
    best[t] = {std::bit_cast<float>(static_cast<std::uint32_t>(k >> 32)), 0xFFFF - static_cast<int>(k >> 16 & 0xFFFF),
                0xFFFF - static_cast<int>(k & 0xFFFF)};
  }
}

// Set bits in the masked layers of two cylinders and in their difference (MCC's bit-vector
// norms): the counts behind the similarity.
struct BitCounts {
  int a, b, differ;
};

// Similarity of two cylinders from their bit counts and common valid cells, 0 when they cannot be
// compared.
inline float similarity_of(const BitCounts& n, std::uint64_t common, int min_common, const CompatTables& tab) {
  // Too few cells in common, or none set: not comparable (0), without a branch.
  const bool comparable = (std::popcount(common) >= min_common) & (n.a + n.b > 0);
  const float denominator = tab.root[n.a] + tab.root[n.b] + (comparable ? 0.0f : 1.0f);
  return comparable ? 1.0f - tab.root[n.differ] / denominator : 0.0f;
}

#if defined(__AVX2__)
// Bits set in each byte of v (the nibble look-up of Mula, Kurz and Lemire).
inline __m256i popcount_bytes(__m256i v) {
  const __m256i lookup = _mm256_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2,
                                          3, 2, 3, 3, 4);
  const __m256i low = _mm256_set1_epi8(0x0f);
  const __m256i lo = _mm256_and_si256(v, low), hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), low);
  return _mm256_add_epi8(_mm256_shuffle_epi8(lookup, lo), _mm256_shuffle_epi8(lookup, hi));
}

// The low 32 bits of the four 64-bit lanes of v.
inline __m128i lanes_to_int32(__m256i v) {
  return _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(v, _mm256_setr_epi32(0, 2, 4, 6, 0, 2, 4, 6)));
}

// Similarities of cylinder ci with the `count` cylinders of the planes from position `first` on,
// four at a time (one cylinder of b per 64-bit lane); the same counts and similarities as the
// portable count_bits and cylinder_similarity. Writes count rounded up to 4 values.
inline void run_similarities(const Cylinder& ci, const PreparedTemplate& planes, int first, int count, int min_common,
                             float* sims) {
  const __m256i zero = _mm256_setzero_si256();
  const __m256i valid_a = _mm256_set1_epi64x(static_cast<long long>(ci.valid));
  constexpr int kSlices = static_cast<int>(std::tuple_size_v<decltype(ci.layer_count)>);
  constexpr int kSliceFirst = params::kCylinderLayers + 1;
  __m256i slice_a[kSlices];
  for (int bit = 0; bit < kSlices; ++bit) slice_a[bit] = _mm256_set1_epi64x(static_cast<long long>(ci.layer_count[bit]));
  __m256i layer_a[params::kCylinderLayers];
  for (int k = 0; k < params::kCylinderLayers; ++k) layer_a[k] = _mm256_set1_epi64x(static_cast<long long>(ci.bits[k]));
  const std::size_t stride = static_cast<std::size_t>(planes.plane_stride);
  auto plane = [stride](const std::uint64_t* w, int k) {
    return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + k * stride));
  };
  for (int g = 0; g < count; g += 4) {
    const std::uint64_t* w = planes.planes.data() + first + g;
    // The three counts of MCC's norms from fewer bit counts. The set bits of a cylinder lie in
    // its valid cells, so a's bits within the common cells are a's bits within b's valid cells,
    // counted as sum over cells of (a's layers set there) from its bit-sliced layer count: three
    // bit counts instead of six. Likewise for b; and the bits set in a or b but not both are
    // n_a + n_b - 2 * (bits set in both).
    const __m256i valid_b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + params::kCylinderLayers * stride));
    const __m256i common = _mm256_and_si256(valid_a, valid_b);
    // Per-byte counts (at most 8 per word and byte: 8 + 16 + 32 for the weighted slices, 8 per
    // layer for the bits in both).
    static_assert(8 * params::kCylinderLayers <= 255);
    __m256i sum_a = popcount_bytes(_mm256_and_si256(slice_a[0], valid_b));
    __m256i sum_b = popcount_bytes(_mm256_and_si256(plane(w, kSliceFirst), valid_a));
    for (int bit = 1; bit < kSlices; ++bit) {
      sum_a = _mm256_add_epi8(sum_a, _mm256_slli_epi16(popcount_bytes(_mm256_and_si256(slice_a[bit], valid_b)), bit));
      sum_b = _mm256_add_epi8(sum_b, _mm256_slli_epi16(popcount_bytes(_mm256_and_si256(plane(w, kSliceFirst + bit), valid_a)), bit));
    }
    __m256i sum_both = zero;
    for (int k = 0; k < params::kCylinderLayers; ++k)
      sum_both = _mm256_add_epi8(sum_both, popcount_bytes(_mm256_and_si256(layer_a[k], plane(w, k))));
    // similarity_of on four lanes: the counts as four 32-bit integers, their square roots
    // computed (the table holds the correctly rounded float square roots, as vsqrtps gives them),
    // the same float operations in the same order.
    const __m128i n_a = lanes_to_int32(_mm256_sad_epu8(sum_a, zero));
    const __m128i n_b = lanes_to_int32(_mm256_sad_epu8(sum_b, zero));
    const __m128i n_both = lanes_to_int32(_mm256_sad_epu8(sum_both, zero));
    const __m128i n_x = _mm_sub_epi32(_mm_add_epi32(n_a, n_b), _mm_add_epi32(n_both, n_both));
    const __m128i shared = lanes_to_int32(_mm256_sad_epu8(popcount_bytes(common), zero));
    const __m128i comparable = _mm_and_si128(_mm_cmpgt_epi32(shared, _mm_set1_epi32(min_common - 1)),
                                             _mm_cmpgt_epi32(_mm_add_epi32(n_a, n_b), _mm_setzero_si128()));
    const __m128 root_a = _mm_sqrt_ps(_mm_cvtepi32_ps(n_a)), root_b = _mm_sqrt_ps(_mm_cvtepi32_ps(n_b));
    const __m128 root_x = _mm_sqrt_ps(_mm_cvtepi32_ps(n_x));
    const __m128 not_comparable = _mm_andnot_ps(_mm_castsi128_ps(comparable), _mm_set1_ps(1.0f));
    const __m128 denominator = _mm_add_ps(_mm_add_ps(root_a, root_b), not_comparable);
    const __m128 sim = _mm_sub_ps(_mm_set1_ps(1.0f), _mm_div_ps(root_x, denominator));
    _mm_storeu_ps(sims + g, _mm_and_ps(sim, _mm_castsi128_ps(comparable)));
  }
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

// Similarity of two cylinders, 0 when they cannot be compared.
inline float cylinder_similarity(const Cylinder& ca, const Cylinder& cb, int min_common,
                                 const CompatTables& tab) {
  const std::uint64_t common = ca.valid & cb.valid;
  return similarity_of(count_bits(ca, cb, common), common, min_common, tab);
}
#endif

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

// Index in t.sorted_y of the first minutia with y >= v (t.count when none): whole-pixel
// coordinates make it the count of minutiae with y < ceil(v), a look-up.
// Rows before 0 hold none (first_row[0] = 0) and rows from the last entry on hold all
// (first_row[last] = count): the row is clamped, without a branch (an unordered v reads row 0).
inline int first_not_below(const PreparedTemplate& t, float v) {
  const float row = std::ceil(v);
  const float last = static_cast<float>(t.first_row.size() - 1);
  const float clamped = row > 0 ? (row < last ? row : last) : 0.0f;
  return t.first_row[static_cast<std::size_t>(clamped)];
}

// Per-thread working memory, so that a comparison allocates nothing once warm.
struct Scratch {
  std::vector<std::uint64_t> pool;  // every local pair found, as candidate_key
  std::vector<Candidate> candidates;  // the best of them
  // The compatibility matrix, rows of rho_stride (the relaxed count rounded up to eight, zeros
  // after it); the supports, as long as a row.
  std::vector<float> rho, lambda, next, support;
  int rho_stride = 0;
  std::vector<int> order, seeds;
  // Cosine and sine of each relaxed pair's turn, computed when a seed first needs them (NaN
  // before): every seed's alignment asks them of the same pairs.
  std::vector<double> turn_cos, turn_sin;
  std::vector<std::uint64_t> order_keys;  // see the efficiency order in compare_details
  std::vector<std::uint8_t> used;
  std::vector<std::uint64_t> near;  // pairing candidates as sort keys, see pair_all
  std::vector<float> moved;         // minutiae moved by an alignment, see find_candidates
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

// Number of the minutiae of the sorted_y order with y <= v (whole-pixel coordinates).
inline int rows_up_to(const PreparedTemplate& t, float v) { return first_not_below(t, std::floor(v) + 1); }

// A rigid alignment as the float coefficients the pairing uses.
struct Transform {
  float c, sn, ax, ay, bx, by;
  explicit Transform(const Alignment& al)
      : c(static_cast<float>(std::cos(al.rot))), sn(static_cast<float>(std::sin(al.rot))),
        ax(static_cast<float>(al.ax)), ay(static_cast<float>(al.ay)), bx(static_cast<float>(al.bx)),
        by(static_cast<float>(al.by)) {}
};

// The pairing's candidates and overlaps under one alignment (find_candidates): every (a, b)
// within tolerance of distance and direction is written to `near` as a sort key (relative squared
// distance, a float in [0, 1] whose bits order as integers, then a, then b); `found` counts them.
struct Candidates {
  std::size_t found = 0;
  int overlap_a = 0, overlap_b = 0;
};

#if defined(__AVX2__)
inline __m256 load_first(const float* v, int lanes) {
  const __m256i index = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  return _mm256_maskload_ps(v, _mm256_cmpgt_epi32(_mm256_set1_epi32(lanes), index));
}

inline int horizontal_sum(__m256i v) {
  const __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  const __m128i t = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
  return _mm_cvtsi128_si32(_mm_add_epi32(t, _mm_shuffle_epi32(t, 0xB1)));
}

// Number of the points (px[k], py[k]), k < n, that t covers (PreparedTemplate::covers), eight at
// a time; the arrays hold n rounded up to eight values.
int count_covered(const PreparedTemplate& t, const float* px, const float* py, int n) {
  if (t.cover.empty()) return 0;
  // Four bytes are read at each cell: the raster ends in three bytes of padding.
  const int* cells = reinterpret_cast<const int*>(t.cover.data());
  const __m256i width = _mm256_set1_epi32(t.cover_width), height = _mm256_set1_epi32(t.cover_height);
  const __m256i index = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), zero = _mm256_setzero_si256();
  const __m256 fzero = _mm256_setzero_ps();
  __m256i total = zero;
  for (int k = 0; k < n; k += 8) {
    const __m256 x = _mm256_loadu_ps(px + k), y = _mm256_loadu_ps(py + k);
    const __m256i cx = _mm256_srai_epi32(_mm256_cvttps_epi32(x), PreparedTemplate::kCoverShift);
    const __m256i cy = _mm256_srai_epi32(_mm256_cvttps_epi32(y), PreparedTemplate::kCoverShift);
    const __m256 positive = _mm256_and_ps(_mm256_cmp_ps(x, fzero, _CMP_GE_OQ), _mm256_cmp_ps(y, fzero, _CMP_GE_OQ));
    __m256i inside = _mm256_and_si256(_mm256_castps_si256(positive), _mm256_cmpgt_epi32(width, cx));
    inside = _mm256_and_si256(inside, _mm256_cmpgt_epi32(height, cy));
    inside = _mm256_and_si256(inside, _mm256_cmpgt_epi32(cx, _mm256_set1_epi32(-1)));
    inside = _mm256_and_si256(inside, _mm256_cmpgt_epi32(cy, _mm256_set1_epi32(-1)));
    inside = _mm256_and_si256(inside, _mm256_cmpgt_epi32(_mm256_set1_epi32(n - k), index));
    const __m256i at = _mm256_and_si256(inside, _mm256_add_epi32(_mm256_mullo_epi32(cy, width), cx));
    const __m256i cell = _mm256_and_si256(_mm256_i32gather_epi32(cells, at, 1), _mm256_set1_epi32(0xFF));
    const __m256i covered = _mm256_andnot_si256(_mm256_cmpeq_epi32(cell, zero), inside);
    total = _mm256_sub_epi32(total, covered);
  }
  return horizontal_sum(total);
}

Candidates find_candidates(const PreparedTemplate& ta, const PreparedTemplate& tb, const Transform& f,
                           std::uint64_t* near, Scratch& s) {
  const int na = ta.count, nb = tb.count;
  Candidates out;
  // Every minutia of a moved onto b (position, direction, tolerance), eight at a time.
  // (Five arrays of the larger count rounded up; the moved minutiae of b reuse the first two.)
  const int size = std::max(na, nb) + 8;
  s.moved.resize(static_cast<std::size_t>(size) * 5);
  float *px = s.moved.data(), *py = px + size, *ux = py + size, *uy = ux + size, *tol = uy + size;
  const __m256 c = _mm256_set1_ps(f.c), sn = _mm256_set1_ps(f.sn);
  const __m256 ax = _mm256_set1_ps(f.ax), ay = _mm256_set1_ps(f.ay), bx = _mm256_set1_ps(f.bx), by = _mm256_set1_ps(f.by);
  const __m256 base = _mm256_set1_ps(static_cast<float>(params::kPairDistance));
  const __m256 growth = _mm256_set1_ps(static_cast<float>(params::kPairDistanceGrowth));
  for (int k = 0; k < na; k += 8) {
    const int lanes = na - k;
    const __m256 dx0 = _mm256_sub_ps(load_first(ta.x.data() + k, lanes), ax);
    const __m256 dy0 = _mm256_sub_ps(load_first(ta.y.data() + k, lanes), ay);
    const __m256 dxa = load_first(ta.dir_x.data() + k, lanes), dya = load_first(ta.dir_y.data() + k, lanes);
    _mm256_storeu_ps(px + k, _mm256_add_ps(bx, _mm256_fmsub_ps(c, dx0, _mm256_mul_ps(sn, dy0))));
    _mm256_storeu_ps(py + k, _mm256_add_ps(by, _mm256_fmadd_ps(sn, dx0, _mm256_mul_ps(c, dy0))));
    _mm256_storeu_ps(ux + k, _mm256_fmsub_ps(c, dxa, _mm256_mul_ps(sn, dya)));
    _mm256_storeu_ps(uy + k, _mm256_fmadd_ps(sn, dxa, _mm256_mul_ps(c, dya)));
    // Distance from the alignment centre (a rotation keeps lengths).
    const __m256 r = _mm256_sqrt_ps(_mm256_fmadd_ps(dx0, dx0, _mm256_mul_ps(dy0, dy0)));
    _mm256_storeu_ps(tol + k, _mm256_fmadd_ps(growth, r, base));
  }
  out.overlap_a = count_covered(tb, px, py, na);
  // For each, the minutiae of b in the band of rows within tolerance, eight at a time (the
  // sorted copies are padded for the last group); only the few within the tolerance circle and
  // direction are written.
  const float *xs = tb.sorted_x.data(), *ys = tb.sorted_y.data();
  const float *sdx = tb.sorted_dir_x.data(), *sdy = tb.sorted_dir_y.data();
  const int* by_y = tb.by_y.data();
  const __m256 min_cos = _mm256_set1_ps(kPairCos);
  std::size_t found = 0;
  for (int i = 0; i < na; ++i) {
    const float tol2 = tol[i] * tol[i];
    const int first = first_not_below(tb, py[i] - tol[i]), last = rows_up_to(tb, py[i] + tol[i]);
    const __m256 vpx = _mm256_set1_ps(px[i]), vpy = _mm256_set1_ps(py[i]), vux = _mm256_set1_ps(ux[i]),
                 vuy = _mm256_set1_ps(uy[i]), vtol2 = _mm256_set1_ps(tol2), vinv = _mm256_set1_ps(1.0f / tol2);
    for (int k = first; k < last; k += 8) {
      const __m256 dx = _mm256_sub_ps(_mm256_loadu_ps(xs + k), vpx);
      const __m256 dy = _mm256_sub_ps(_mm256_loadu_ps(ys + k), vpy);
      const __m256 d2 = _mm256_fmadd_ps(dx, dx, _mm256_mul_ps(dy, dy));
      const __m256 along = _mm256_fmadd_ps(vux, _mm256_loadu_ps(sdx + k), _mm256_mul_ps(vuy, _mm256_loadu_ps(sdy + k)));
      const __m256 ok = _mm256_and_ps(_mm256_cmp_ps(d2, vtol2, _CMP_LE_OQ), _mm256_cmp_ps(along, min_cos, _CMP_GE_OQ));
      const int lanes = last - k;
      unsigned mask = static_cast<unsigned>(_mm256_movemask_ps(ok)) & (lanes >= 8 ? 0xFFu : (1u << lanes) - 1);
      if (mask == 0) continue;
      alignas(32) float relative[8];
      _mm256_store_ps(relative, _mm256_mul_ps(d2, vinv));
      do {
        const int l = std::countr_zero(mask);
        mask &= mask - 1;
        near[found++] = static_cast<std::uint64_t>(std::bit_cast<std::uint32_t>(relative[l])) << 32 |
                        static_cast<std::uint64_t>(i) << 16 | static_cast<std::uint64_t>(by_y[k + l]);
      } while (mask != 0);
    }
  }
  out.found = found;
  // The minutiae of b moved back onto a.
  float *qx = px, *qy = py;
  for (int k = 0; k < nb; k += 8) {
    const int lanes = nb - k;
    const __m256 dx = _mm256_sub_ps(load_first(tb.x.data() + k, lanes), bx);
    const __m256 dy = _mm256_sub_ps(load_first(tb.y.data() + k, lanes), by);
    _mm256_storeu_ps(qx + k, _mm256_add_ps(ax, _mm256_fmadd_ps(c, dx, _mm256_mul_ps(sn, dy))));
    _mm256_storeu_ps(qy + k, _mm256_sub_ps(ay, _mm256_fmsub_ps(sn, dx, _mm256_mul_ps(c, dy))));
  }
  out.overlap_b = count_covered(ta, qx, qy, nb);
  return out;
}
#else
// Whether t could have a minutia at (px, py): PreparedTemplate::covers on plain values, so that
// the loops asking it keep everything in registers (and no branch).
struct CoverRaster {
  const std::uint8_t* cells;
  int width, height;
  explicit CoverRaster(const PreparedTemplate& t)
      : cells(t.cover.data()), width(t.cover.empty() ? 0 : t.cover_width), height(t.cover_height) {}
  int covers(float px, float py) const {
    const int cx = static_cast<int>(px) >> PreparedTemplate::kCoverShift;
    const int cy = static_cast<int>(py) >> PreparedTemplate::kCoverShift;
    const bool inside = (px >= 0) & (py >= 0) & (cx < width) & (cy < height);
    const std::size_t at = inside ? static_cast<std::size_t>(cy) * width + cx : 0;
    return inside ? cells[at] != 0 : 0;
  }
};

Candidates find_candidates(const PreparedTemplate& ta, const PreparedTemplate& tb, const Transform& f,
                           std::uint64_t* near, Scratch&) {
  const int na = ta.count, nb = tb.count;
  const float c = f.c, sn = f.sn, ax = f.ax, ay = f.ay, bx = f.bx, by = f.by;
  // Plain pointers and local counters: the compiler cannot tell that the stores of the keys
  // leave the templates' arrays alone, and would reload them at every step.
  const float *xa = ta.x.data(), *ya = ta.y.data(), *dxa = ta.dir_x.data(), *dya = ta.dir_y.data();
  const float *xb = tb.x.data(), *yb = tb.y.data(), *dxb = tb.dir_x.data(), *dyb = tb.dir_y.data();
  const float* ys = tb.sorted_y.data();
  const int* by_y = tb.by_y.data();
  const CoverRaster cover_a(ta), cover_b(tb);
  Candidates out;
  std::size_t found = 0;
  for (int i = 0; i < na; ++i) {
    const float dx0 = xa[i] - ax, dy0 = ya[i] - ay;
    const float px = bx + c * dx0 - sn * dy0, py = by + sn * dx0 + c * dy0;
    out.overlap_a += cover_b.covers(px, py);
    // Direction of minutia i after rotation.
    const float ux = c * dxa[i] - sn * dya[i], uy = sn * dxa[i] + c * dya[i];
    const float r = std::sqrt(dx0 * dx0 + dy0 * dy0);
    const float tol = static_cast<float>(params::kPairDistance) + static_cast<float>(params::kPairDistanceGrowth) * r;
    const float tol2 = tol * tol;
    // The minutiae of b in the band of rows within tolerance. Written for every minutia of the
    // band, kept (count advanced) for those within tolerance: whether one is, is a coin toss a
    // branch would mispredict.
    const float inv = 1.0f / tol2;
    const int first = first_not_below(tb, py - tol), last = rows_up_to(tb, py + tol);
    for (int k = first; k < last; ++k) {
      const int j = by_y[k];
      const float dx = xb[j] - px, dy = ys[k] - py;
      const float d2 = dx * dx + dy * dy;
      near[found] = static_cast<std::uint64_t>(std::bit_cast<std::uint32_t>(d2 * inv)) << 32 |
                    static_cast<std::uint64_t>(i) << 16 | static_cast<std::uint64_t>(j);
      found += (d2 <= tol2) & (ux * dxb[j] + uy * dyb[j] >= kPairCos);
    }
  }
  out.found = found;
  for (int j = 0; j < nb; ++j) {
    const float dx = xb[j] - bx, dy = yb[j] - by;
    const float qx = ax + c * dx + sn * dy, qy = ay - sn * dx + c * dy;
    out.overlap_b += cover_a.covers(qx, qy);
  }
  return out;
}
#endif

// Pairs every minutia of a with the nearest unpaired one of b under the alignment, with a
// tolerance that grows away from the alignment centre (distortion), and counts the minutiae of
// each side that lie where the other print has ridges (its minutiae hull). A pair weighs less the
// farther apart its minutiae are, so that a loose pairing of an impostor counts less than the
// tight one of a genuine match.
void pair_all(const PreparedTemplate& ta, const PreparedTemplate& tb, const Alignment& al, Pairing& out) {
  Scratch& s = scratch();
  const int na = ta.count, nb = tb.count;
  // Only grows (resizing down and up again would clear it every time).
  if (s.near.size() < static_cast<std::size_t>(na) * nb + 1) s.near.resize(static_cast<std::size_t>(na) * nb + 1);
  std::uint64_t* near = s.near.data();
  const Candidates found = find_candidates(ta, tb, Transform(al), near, s);
  sort_distinct_keys(near, found.found);
  s.used.assign(static_cast<std::size_t>(na + nb), 0);
  std::uint8_t* used = s.used.data();
  // Every key written as a pair, kept (count advanced) when both minutiae are free: without a
  // branch. Adding 0 for the others leaves the sum as it was.
  out.pairs.resize(static_cast<std::size_t>(std::min(na, nb)) + 1);
  std::pair<int, int>* pairs = out.pairs.data();
  std::size_t paired = 0;
  double weight = 0;
  for (std::size_t n = 0; n < found.found; ++n) {
    const std::uint64_t key = near[n];
    const int a = static_cast<int>(key >> 16 & 0xFFFF), b = static_cast<int>(key & 0xFFFF);
    const bool free = !(used[a] | used[na + b]);
    used[a] |= free;
    used[na + b] |= free;
    pairs[paired] = {a, b};
    paired += free;
    const double w = 1.0 - params::kPairDistanceWeight * std::sqrt(std::bit_cast<float>(static_cast<std::uint32_t>(key >> 32)));
    weight += free ? w : 0.0;
  }
  out.pairs.resize(paired);
  out.weight = weight;
  out.overlap_a = found.overlap_a;
  out.overlap_b = found.overlap_b;
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
bool alignment_from_seed(const PreparedTemplate& ta, const PreparedTemplate& tb, Scratch& s, int relaxed,
                         int seed, Alignment& al) {
  double sc = 0, ss = 0, wsum = 0;
  al = {};
  for (int k = 0; k < relaxed; ++k) {
    const float compat = k == seed ? 1.0f : s.rho[static_cast<std::size_t>(seed) * s.rho_stride + k];
    if (compat < params::kAlignmentMinCompat) continue;
    const Candidate& ck = s.candidates[k];
    const double w = compat * std::max(1e-3f, s.lambda[k]);
    if (std::isnan(s.turn_cos[k])) {
      const double d = tb.angle[ck.b] - ta.angle[ck.a];
      s.turn_cos[k] = std::cos(d);
      s.turn_sin[k] = std::sin(d);
    }
    sc += w * s.turn_cos[k];
    ss += w * s.turn_sin[k];
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
    // The same pairs again: the next fit would be this alignment again, and its pairing no better.
    if (trial.pairs == pairs) break;
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
  // The loop is branch-free where the outcome is a coin toss (similarity above 0): it writes every
  // result and advances the output only for the ones kept.
  // Only grows (resizing down and up again would clear it every time).
  if (s.pool.size() < static_cast<std::size_t>(na) * nb + 1) s.pool.resize(static_cast<std::size_t>(na) * nb + 1);
  std::uint64_t* pool = s.pool.data();
  std::array<int, kSimBins> histogram{};
  int found = 0;
#if defined(__AVX2__)
  thread_local std::vector<float> sims;
  sims.resize(static_cast<std::size_t>(nb) + 4);
  const int usable_b = static_cast<int>(tb.by_direction.size()) / 3;
#endif
  for (int i = 0; i < na; ++i) {
    const Cylinder& ci = ta.cylinders[i];
    if (!ci.usable) continue;
    // The usable minutiae of b within kMaxPairAngle of i's direction: one run of by_direction.
    const int unit = 256 + ta.direction_unit[i];
    int first = tb.first_direction[unit - kMaxPairUnits], last = tb.first_direction[unit + kMaxPairUnits + 1];
#if defined(__AVX2__)
    // The same run in the first two copies (it is shorter than one copy).
    while (first >= usable_b && usable_b > 0) {
      first -= usable_b;
      last -= usable_b;
    }
    run_similarities(ci, tb, first, last - first, min_common, sims.data());
    for (int k = first; k < last; ++k) {
      const float sim = sims[k - first];
      pool[found] = candidate_key(sim, i, tb.by_direction[k]);
      histogram[sim_bin(sim)] += sim > 0;
      found += sim > 0;
    }
#else
    for (int k = first; k < last; ++k) {
      const int j = tb.by_direction[k];
      const float sim = cylinder_similarity(ci, tb.cylinders[j], min_common, tab);
      pool[found] = candidate_key(sim, i, j);
      histogram[sim_bin(sim)] += sim > 0;
      found += sim > 0;
    }
#endif
  }
  if (found == 0) return out;
  const int relaxed = std::min({na, nb, kMaxRelaxed, found});
  std::vector<Candidate>& candidates = s.candidates;
  select_best(pool, found, histogram, relaxed, candidates);

  // Compatibility of every two relaxed pairs: their distances, relative directions and radial
  // angles must agree in both prints.
  std::vector<float>& rho = s.rho;
  const int stride = (relaxed + 7) / 8 * 8;
  s.rho_stride = stride;
  rho.assign(static_cast<std::size_t>(relaxed) * stride, 0.0f);
  for (int t = 0; t < relaxed; ++t) {
    const int at = candidates[t].a, bt = candidates[t].b;
    const float* dist_a = &ta.distance[static_cast<std::size_t>(at) * na];
    const float* dist_b = &tb.distance[static_cast<std::size_t>(bt) * nb];
    const float turn = ta.angle[at] - tb.angle[bt];
    // First the pairs that can agree (no minutia shared, distances close enough), collected
    // without a branch: which ones are is a coin toss a branch would mispredict; then their
    // compatibilities.
    std::array<int, kMaxRelaxed> agreeing;
    std::array<float, kMaxRelaxed> distance_difference;
    int count = 0;
    for (int k = t + 1; k < relaxed; ++k) {
      const int ak = candidates[k].a, bk = candidates[k].b;
      const float d1 = stretch_free_difference(dist_a[ak], dist_b[bk]);
      agreeing[count] = k;
      distance_difference[count] = d1;
      count += (ak != at) & (bk != bt) & (d1 < tab.dist_cutoff);
    }
    for (int n = 0; n < count; ++n) {
      const int k = agreeing[n];
      const int ak = candidates[k].a, bk = candidates[k].b;
      const float d2 = wrap_abs(turn - (ta.angle[ak] - tb.angle[bk]));
      const float d3 = wrap_abs(ta.radial[at * na + ak] - tb.radial[bt * nb + bk]);
      const float r = tab.d(distance_difference[n]) * tab.a(d2) * tab.a(d3);
      rho[t * stride + k] = rho[k * stride + t] = r;
    }
  }
  // Relaxation: each pair's support becomes a blend of its own and that of the pairs it agrees with.
  std::vector<float>& lambda = s.lambda;
  std::vector<float>& next = s.next;
  lambda.assign(stride, 0.0f);
  next.assign(stride, 0.0f);
  for (int t = 0; t < relaxed; ++t) lambda[t] = candidates[t].sim;
  const float w = static_cast<float>(params::kRelaxWeight);
  // Support is averaged over at least kRelaxNormalisingFloor other pairs (see parameters.h): few
  // candidates, from templates with few minutiae, must not inflate it.
  const float norm = relaxed > 1 ? 1.0f / std::max(relaxed - 1, params::kRelaxNormalisingFloor) : 0.0f;
  for (int it = 0; it < params::kRelaxIterations; ++it) {
    for (int t = 0; t < relaxed; ++t) {
      next[t] = w * lambda[t] + (1 - w) * dot(&rho[static_cast<std::size_t>(t) * stride], lambda.data(), stride) * norm;
    }
    lambda.swap(next);
  }
  // Pairs that kept their support best (efficiency), one per minutia.
  // Sorted as integer keys (no comparison function): the efficiency is >= 0, so its bits order
  // as the float does. Ties go to the lower index, i.e. to the better candidate (select_best's
  // order), so that the order does not depend on the argument order beyond the (a, b) swap.
  std::vector<int>& order = s.order;
  std::vector<std::uint64_t>& order_keys = s.order_keys;
  order.resize(relaxed);
  order_keys.resize(relaxed);
  for (int t = 0; t < relaxed; ++t) {
    const float efficiency = lambda[t] / candidates[t].sim;
    order_keys[t] = static_cast<std::uint64_t>(0xFFFFFFFFu - std::bit_cast<std::uint32_t>(efficiency)) << 32 |
                    static_cast<std::uint32_t>(t);
  }
  sort_distinct_keys(order_keys.data(), order_keys.size());
  for (int t = 0; t < relaxed; ++t) order[t] = static_cast<int>(order_keys[t] & 0xFFFFFFFFu);
  const int min_n = std::min(na, nb);
  const int keep = params::kMinPairs +
                   static_cast<int>(std::lround(sigmoid(min_n, params::kPairsMu, params::kPairsTau) *
                                                (params::kMaxPairs - params::kMinPairs)));
  s.used.assign(static_cast<std::size_t>(na + nb), 0);
  // One allocation for the pairs of this comparison: the kept pairs, then the best pairing.
  out.pairs.reserve(static_cast<std::size_t>(std::min(na, nb)) + 1);
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
  ones.assign(stride, 1.0f);
  for (int t = 0; t < relaxed; ++t) support[t] = dot(&rho[static_cast<std::size_t>(t) * stride], ones.data(), stride);
  std::vector<int>& seeds = s.seeds;
  seeds.assign(order.begin(), order.end());
  const int seed_count = std::min(relaxed, params::kAlignmentSeeds);
  std::partial_sort(seeds.begin(), seeds.begin() + seed_count, seeds.end(), [&](int x, int y) {
    if (support[x] != support[y]) return support[x] > support[y];
    return x < y;
  });
  thread_local Pairing trial;
  s.turn_cos.assign(relaxed, std::numeric_limits<double>::quiet_NaN());
  s.turn_sin.resize(relaxed);
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
