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

constexpr int kMaxRelaxed = 64;
const float kMinPairCos = static_cast<float>(std::cos(params::kMaxPairAngle));
const float kPairCos = static_cast<float>(std::cos(params::kPairAngle));  // cap on relaxed pairs: bounds the cost of a comparison

double sigmoid(double v, double mu, double tau) { return 1.0 / (1.0 + std::exp(-tau * (v - mu))); }

// Look-up tables of the compatibility sigmoids (a comparison evaluates thousands of them).
struct CompatTables {
  static constexpr double kDistStep = 0.05, kAngleStep = 0.002;
  static constexpr int kDistSize = 600, kAngleSize = 1572;
  std::array<float, kDistSize + 1> dist{};
  std::array<float, kAngleSize + 1> angle{};
  int cells_in_circle = 0;
  // Square roots of bit counts (a cylinder has at most 64 * layers bits).
  std::array<float, 64 * params::kCylinderLayers + 1> root{};

  CompatTables() {
    for (std::size_t i = 0; i < root.size(); ++i) root[i] = std::sqrt(static_cast<float>(i));
    for (int i = 0; i <= kDistSize; ++i)
      dist[i] = static_cast<float>(sigmoid(i * kDistStep, params::kCompatDistanceMu, params::kCompatDistanceTau));
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

inline float wrap_abs(float a) {  // |a| folded into [0, pi]
  constexpr float kPi = static_cast<float>(std::numbers::pi), k2Pi = 2 * kPi;
  a = std::abs(a);
  a = a - k2Pi * std::floor(a / k2Pi);
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

struct Pairing {
  int paired = 0;
  int overlap_a = 0;
  int overlap_b = 0;
  std::vector<std::pair<int, int>> pairs;
};

// A rigid alignment mapping a onto b: p_b = R(rot) (p_a - a0) + b0.
struct Alignment {
  double rot = 0, ax = 0, ay = 0, bx = 0, by = 0;
};

// Pairs every minutia of a with the nearest unpaired one of b under the alignment, with a
// tolerance that grows away from the alignment centre (distortion), and counts the minutiae of
// each side that lie where the other print has ridges (its minutiae hull).
Pairing pair_all(const PreparedTemplate& ta, const PreparedTemplate& tb, const Alignment& al) {
  Pairing out;
  const float c = static_cast<float>(std::cos(al.rot)), s = static_cast<float>(std::sin(al.rot));
  const float ax = static_cast<float>(al.ax), ay = static_cast<float>(al.ay);
  const float bx = static_cast<float>(al.bx), by = static_cast<float>(al.by);
  const int na = ta.count, nb = tb.count;
  struct Near {
    float d;
    int a, b;
  };
  thread_local std::vector<Near> near;
  thread_local std::vector<std::uint8_t> used;
  near.clear();
  for (int i = 0; i < na; ++i) {
    const float dx0 = ta.x[i] - ax, dy0 = ta.y[i] - ay;
    const float px = bx + c * dx0 - s * dy0, py = by + s * dx0 + c * dy0;
    if (tb.covers(px, py)) ++out.overlap_a;
    // Direction of minutia i after rotation.
    const float ux = c * ta.dir_x[i] - s * ta.dir_y[i], uy = s * ta.dir_x[i] + c * ta.dir_y[i];
    const float r2 = (px - bx) * (px - bx) + (py - by) * (py - by);
    const float tol = static_cast<float>(params::kPairDistance) +
                      static_cast<float>(params::kPairDistanceGrowth) * std::sqrt(r2);
    const float tol2 = tol * tol;
    for (int j = 0; j < nb; ++j) {
      const float dx = tb.x[j] - px, dy = tb.y[j] - py;
      const float d2 = dx * dx + dy * dy;
      if (d2 > tol2 || ux * tb.dir_x[j] + uy * tb.dir_y[j] < kPairCos) continue;
      near.push_back({d2 / tol2, i, j});
    }
  }
  std::sort(near.begin(), near.end(), [](const Near& x, const Near& y) {
    if (x.d != y.d) return x.d < y.d;
    if (x.a != y.a) return x.a < y.a;
    return x.b < y.b;
  });
  used.assign(static_cast<std::size_t>(na + nb), 0);
  for (const Near& n : near) {
    if (used[n.a] || used[na + n.b]) continue;
    used[n.a] = used[na + n.b] = 1;
    out.pairs.emplace_back(n.a, n.b);
  }
  out.paired = static_cast<int>(out.pairs.size());
  for (int j = 0; j < nb; ++j) {
    const float dx = tb.x[j] - bx, dy = tb.y[j] - by;
    const float qx = ax + c * dx + s * dy, qy = ay - s * dx + c * dy;
    if (ta.covers(qx, qy)) ++out.overlap_b;
  }
  return out;
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

// Alignment from the relaxed pairs that agree with `seed`, refined once on all pairs it finds.
Pairing pair_under_alignment(const PreparedTemplate& ta, const PreparedTemplate& tb,
                             const std::vector<Candidate>& cands, const std::vector<float>& rho,
                             const std::vector<float>& lambda, int seed) {
  const int relaxed = static_cast<int>(cands.size());
  double sc = 0, ss = 0, wsum = 0;
  Alignment al;
  for (int k = 0; k < relaxed; ++k) {
    const float compat = k == seed ? 1.0f : rho[static_cast<std::size_t>(seed) * relaxed + k];
    if (compat < params::kAlignmentMinCompat) continue;
    const double w = compat * std::max(1e-3f, lambda[k]);
    const double d = tb.angle[cands[k].b] - ta.angle[cands[k].a];
    sc += w * std::cos(d);
    ss += w * std::sin(d);
    al.ax += w * ta.x[cands[k].a];
    al.ay += w * ta.y[cands[k].a];
    al.bx += w * tb.x[cands[k].b];
    al.by += w * tb.y[cands[k].b];
    wsum += w;
  }
  if (wsum <= 0) return {};
  al.ax /= wsum;
  al.ay /= wsum;
  al.bx /= wsum;
  al.by /= wsum;
  al.rot = std::atan2(ss, sc);
  return pair_all(ta, tb, al);
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

  // Local similarities of every admissible pair.
  thread_local std::vector<Candidate> candidates;
  candidates.clear();
  for (int i = 0; i < na; ++i) {
    const Cylinder& ci = ta.cylinders[i];
    if (!ci.usable) continue;
    for (int j = 0; j < nb; ++j) {
      const Cylinder& cj = tb.cylinders[j];
      if (!cj.usable) continue;
      if (ta.dir_x[i] * tb.dir_x[j] + ta.dir_y[i] * tb.dir_y[j] < kMinPairCos) continue;
      const float s = cylinder_similarity(ci, cj, min_common, tab);
      if (s > 0) candidates.push_back({s, i, j});
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

  // Compatibility of every two relaxed pairs.
  thread_local std::vector<float> rho;
  rho.assign(static_cast<std::size_t>(relaxed) * relaxed, 0.0f);
  for (int t = 0; t < relaxed; ++t) {
    const int at = candidates[t].a, bt = candidates[t].b;
    for (int k = t + 1; k < relaxed; ++k) {
      const int ak = candidates[k].a, bk = candidates[k].b;
      if (ak == at || bk == bt) continue;
      const float d1 = std::abs(ta.distance[at * na + ak] - tb.distance[bt * nb + bk]);
      const float d2 = wrap_abs((ta.angle[at] - ta.angle[ak]) - (tb.angle[bt] - tb.angle[bk]));
      const float d3 = wrap_abs(ta.radial[at * na + ak] - tb.radial[bt * nb + bk]);
      const float r = tab.d(d1) * tab.a(d2) * tab.a(d3);
      rho[t * relaxed + k] = rho[k * relaxed + t] = r;
    }
  }
  std::vector<float> lambda(relaxed), next(relaxed);
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
  std::vector<int> order(relaxed);
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
  std::vector<bool> used_a(na, false), used_b(nb, false);
  double sum = 0;
  int taken = 0;
  for (int t : order) {
    if (taken >= keep) break;
    const Candidate& c = candidates[t];
    if (used_a[c.a] || used_b[c.b]) continue;
    used_a[c.a] = used_b[c.b] = true;
    sum += lambda[t];
    out.pairs.emplace_back(c.a, c.b);
    ++taken;
  }
  const double lssr = sum / keep;
  // Global pairing under the alignments of the best seeds; the best share of paired minutiae
  // in the overlap wins.
  auto share_of = [](const Pairing& p) {
    const double oa = std::max(p.overlap_a, params::kMinOverlapMinutiae);
    const double ob = std::max(p.overlap_b, params::kMinOverlapMinutiae);
    return std::min(1.0, p.paired * p.paired / (oa * ob));
  };
  double best_share = 0;
  int seeds = 0;
  for (int t : order) {
    if (seeds >= params::kAlignmentSeeds) break;
    ++seeds;
    Pairing p = pair_under_alignment(ta, tb, candidates, rho, lambda, t);
    const double share = share_of(p);
    if (share > best_share) {
      best_share = share;
      out.pairs = std::move(p.pairs);
    }
  }
  // The best alignment refined by least squares on all its pairs.
  if (out.pairs.size() >= 3) {
    Pairing refined = pair_all(ta, tb, fit_alignment(ta, tb, out.pairs));
    const double share = share_of(refined);
    if (share > best_share) {
      best_share = share;
      out.pairs = std::move(refined.pairs);
    }
  }
  out.similarity = best_share * std::min(1.0, lssr / 0.1);
  out.score = calibrated_score(out.similarity);
  return out;
}

double compare(const PreparedTemplate& a, const PreparedTemplate& b) { return compare_details(a, b).score; }

}  // namespace abis::dactyl
