#include "dactyl/match/matcher.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <numbers>

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

struct Candidate {
  float sim;
  int a;
  int b;
};

// Similarity of two cylinders, 0 when they cannot be compared.
inline float cylinder_similarity(const Cylinder& ca, const Cylinder& cb, int min_common,
                                 const CompatTables& tab) {
  const std::uint64_t common = ca.valid & cb.valid;
  if (std::popcount(common) < min_common) return 0;
  int na = 0, nb = 0, nx = 0;
  for (int k = 0; k < params::kCylinderLayers; ++k) {
    const std::uint64_t a = ca.bits[k] & common, b = cb.bits[k] & common;
    na += std::popcount(a);
    nb += std::popcount(b);
    nx += std::popcount(a ^ b);
  }
  if (na + nb == 0) return 0;
  return 1.0f - tab.root[nx] / (tab.root[na] + tab.root[nb]);
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

// Per-thread working memory, so that a comparison allocates nothing once warm.
struct Scratch {
  std::vector<Candidate> candidates;
  std::vector<float> rho, lambda, next, support;
  std::vector<int> order, seeds;
  std::vector<std::uint8_t> used;
  struct Near {
    float d;  // squared distance over squared tolerance, 0..1
    int a, b;
  };
  std::vector<Near> near;
  std::vector<float> d2, dot;
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
  s.near.clear();
  s.d2.resize(nb);
  s.dot.resize(nb);
  float* d2 = s.d2.data();
  float* dot = s.dot.data();
  const float* bxs = tb.x.data();
  const float* bys = tb.y.data();
  const float* bdx = tb.dir_x.data();
  const float* bdy = tb.dir_y.data();
  for (int i = 0; i < na; ++i) {
    const float dx0 = ta.x[i] - ax, dy0 = ta.y[i] - ay;
    const float px = bx + c * dx0 - sn * dy0, py = by + sn * dx0 + c * dy0;
    if (tb.covers(px, py)) ++out.overlap_a;
    // Direction of minutia i after rotation.
    const float ux = c * ta.dir_x[i] - sn * ta.dir_y[i], uy = sn * ta.dir_x[i] + c * ta.dir_y[i];
    const float r = std::sqrt((px - bx) * (px - bx) + (py - by) * (py - by));
    const float tol = static_cast<float>(params::kPairDistance) + static_cast<float>(params::kPairDistanceGrowth) * r;
    const float tol2 = tol * tol;
    // Distances and direction agreements to every minutia of b (a loop the compiler vectorises),
    // then the few within tolerance.
    for (int j = 0; j < nb; ++j) {
      const float dx = bxs[j] - px, dy = bys[j] - py;
      d2[j] = dx * dx + dy * dy;
      dot[j] = ux * bdx[j] + uy * bdy[j];
    }
    const float inv = 1.0f / tol2;
    for (int j = 0; j < nb; ++j) {
      if (d2[j] <= tol2 && dot[j] >= kPairCos) s.near.push_back({d2[j] * inv, i, j});
    }
  }
  std::sort(s.near.begin(), s.near.end(), [](const Scratch::Near& x, const Scratch::Near& y) {
    if (x.d != y.d) return x.d < y.d;
    if (x.a != y.a) return x.a < y.a;
    return x.b < y.b;
  });
  s.used.assign(static_cast<std::size_t>(na + nb), 0);
  for (const Scratch::Near& n : s.near) {
    if (s.used[n.a] || s.used[na + n.b]) continue;
    s.used[n.a] = s.used[na + n.b] = 1;
    out.pairs.emplace_back(n.a, n.b);
    out.weight += 1.0 - params::kPairDistanceWeight * std::sqrt(n.d);
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

  // Local similarities of every admissible pair.
  std::vector<Candidate>& candidates = s.candidates;
  candidates.clear();
  for (int i = 0; i < na; ++i) {
    const Cylinder& ci = ta.cylinders[i];
    if (!ci.usable) continue;
    const float dxi = ta.dir_x[i], dyi = ta.dir_y[i];
    for (int j = 0; j < nb; ++j) {
      const Cylinder& cj = tb.cylinders[j];
      if (!cj.usable || dxi * tb.dir_x[j] + dyi * tb.dir_y[j] < kMinPairCos) continue;
      const float sim = cylinder_similarity(ci, cj, min_common, tab);
      if (sim > 0) candidates.push_back({sim, i, j});
    }
  }
  if (candidates.empty()) return out;
  // Ties broken by indices so that the order does not depend on the argument order beyond the
  // (a, b) swap.
  auto better = [](const Candidate& x, const Candidate& y) {
    if (x.sim != y.sim) return x.sim > y.sim;
    if (x.a != y.a) return x.a < y.a;
    return x.b < y.b;
  };
  const int relaxed = std::min({na, nb, kMaxRelaxed, static_cast<int>(candidates.size())});
  if (relaxed < static_cast<int>(candidates.size())) {
    std::nth_element(candidates.begin(), candidates.begin() + relaxed, candidates.end(), better);
    candidates.resize(relaxed);
  }
  std::sort(candidates.begin(), candidates.end(), better);

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
      const float d1 = std::abs(dist_a[ak] - dist_b[bk]);
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
      float support = 0;
      const float* row = &rho[static_cast<std::size_t>(t) * relaxed];
      for (int k = 0; k < relaxed; ++k) support += row[k] * lambda[k];
      next[t] = w * lambda[t] + (1 - w) * support * norm;
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
  for (int t = 0; t < relaxed; ++t) {
    const float* row = &rho[static_cast<std::size_t>(t) * relaxed];
    for (int k = 0; k < relaxed; ++k) support[t] += row[k];
  }
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
  if (out.pairs.size() >= 3) {
    pair_all(ta, tb, fit_alignment(ta, tb, out.pairs), trial);
    const double share = share_of(trial);
    if (share > best_share) {
      best_share = share;
      out.pairs = trial.pairs;
    }
  }
  // Both kinds of evidence must agree: a consistent set of similar neighbourhoods (LSS-R) and a
  // large share of the common area's minutiae paired under one alignment.
  out.similarity = best_share * std::min(1.0, lssr / params::kLocalEvidenceFull);
  out.score = calibrated_score(out.similarity);
  return out;
}

double compare(const PreparedTemplate& a, const PreparedTemplate& b) { return compare_details(a, b).score; }

}  // namespace abis::dactyl
