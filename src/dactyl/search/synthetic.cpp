#include "dactyl/search/synthetic.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>

#include "dactyl/search/packed_finger.h"
#include "dactyl/search/parallel.h"

namespace abis::dactyl::search {
namespace {

constexpr double kPi = std::numbers::pi;

struct Point {
  double x, y, angle;  // angle in radians
  MinutiaType type;
};

// splitmix64: independent, reproducible streams per identity and impression.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// The local ridge orientation (0..pi) of the seed at (x, y): inverse-distance average of the
// doubled orientations of the nearest seed minutiae.
double seed_orientation(const Template& seed, double x, double y) {
  double sx = 0, sy = 0;
  for (const Minutia& m : seed.minutiae) {
    const double dx = m.x - x, dy = m.y - y;
    const double w = 1.0 / (dx * dx + dy * dy + 100.0);
    const double a = 2 * angle_to_radians(m.angle);
    sx += w * std::cos(a);
    sy += w * std::sin(a);
  }
  return 0.5 * std::atan2(sy, sx);
}

std::vector<Point> make_identity(const Template& seed, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  std::normal_distribution<double> n(0, 1);
  const std::size_t base = seed.minutiae.size();
  const auto want = static_cast<std::size_t>(std::clamp(base * (0.8 + 0.4 * u(rng)), 12.0, 90.0));
  std::vector<Point> pts;
  for (int tries = 0; pts.size() < want && tries < 40 * static_cast<int>(want); ++tries) {
    const Minutia& anchor = seed.minutiae[static_cast<std::size_t>(u(rng) * base) % base];
    const double x = anchor.x + 30 * n(rng), y = anchor.y + 30 * n(rng);
    if (x < 0 || y < 0 || x > seed.width || y > seed.height) continue;
    bool crowded = false;
    for (const Point& p : pts) crowded = crowded || (p.x - x) * (p.x - x) + (p.y - y) * (p.y - y) < 12.0 * 12.0;
    if (crowded) continue;
    const double angle = seed_orientation(seed, x, y) + (u(rng) < 0.5 ? 0 : kPi);
    pts.push_back({x, y, angle, u(rng) < 0.5 ? MinutiaType::kEnding : MinutiaType::kBifurcation});
  }
  return pts;
}

Template make_impression(const std::vector<Point>& identity, std::mt19937_64& rng, bool lenient, bool may_be_partial) {
  std::uniform_real_distribution<double> u(0, 1);
  std::normal_distribution<double> n(0, 1);
  double cx = 0, cy = 0;
  for (const Point& p : identity) cx += p.x, cy += p.y;
  cx /= std::max<std::size_t>(1, identity.size());
  cy /= std::max<std::size_t>(1, identity.size());
  // Partial print: one time in two, the minutiae beyond a random line are lost.
  const double cut_dir = u(rng) * 2 * kPi;
  const bool partial = u(rng) < 0.5 && may_be_partial && !lenient;
  const double cut_at = 40 + 80 * u(rng);  // pixels from the centre
  // Distortion: an anisotropic stretch (+-4 %) and a displacement bump (up to 8 px) somewhere.
  const double sx = 1 + 0.04 * (2 * u(rng) - 1), sy = 1 + 0.04 * (2 * u(rng) - 1);
  const double bx = cx + 60 * n(rng), by = cy + 60 * n(rng), bdx = 8 * (2 * u(rng) - 1), bdy = 8 * (2 * u(rng) - 1);
  const double rot = (2 * u(rng) - 1) * 25 * kPi / 180, c = std::cos(rot), s = std::sin(rot);
  const double tx = 30 * (2 * u(rng) - 1), ty = 30 * (2 * u(rng) - 1);
  std::vector<Point> out;
  for (const Point& p : identity) {
    if (u(rng) < 0.15 && !lenient) continue;  // missed by the extractor
    if (partial && (p.x - cx) * std::cos(cut_dir) + (p.y - cy) * std::sin(cut_dir) > cut_at) continue;
    double x = cx + (p.x - cx) * sx, y = cy + (p.y - cy) * sy;
    const double w = std::exp(-((x - bx) * (x - bx) + (y - by) * (y - by)) / (2 * 80.0 * 80.0));
    x += w * bdx + 2 * n(rng);
    y += w * bdy + 2 * n(rng);
    const double rx = cx + c * (x - cx) - s * (y - cy) + tx, ry = cy + s * (x - cx) + c * (y - cy) + ty;
    out.push_back({rx, ry, p.angle + rot + 0.09 * n(rng), p.type});
  }
  // Spurious minutiae (noise, scars), within the area of the real ones.
  if (!out.empty()) {
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    for (const Point& p : out) x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
    const auto extra = static_cast<std::size_t>(0.10 * out.size() + u(rng));
    for (std::size_t k = 0; k < extra; ++k)
      out.push_back({x0 + u(rng) * (x1 - x0), y0 + u(rng) * (y1 - y0), u(rng) * 2 * kPi,
                     u(rng) < 0.5 ? MinutiaType::kEnding : MinutiaType::kBifurcation});
  }
  // Into the image frame: everything at least 16 px from the top left.
  double x0 = 1e9, y0 = 1e9;
  for (const Point& p : out) x0 = std::min(x0, p.x), y0 = std::min(y0, p.y);
  Template tpl;
  int w = 0, h = 0;
  for (const Point& p : out) {
    Minutia m;
    m.x = static_cast<std::uint16_t>(std::clamp(std::lround(p.x - x0 + 16), 0l, long{kPackedMaxCoordinate}));
    m.y = static_cast<std::uint16_t>(std::clamp(std::lround(p.y - y0 + 16), 0l, long{kPackedMaxCoordinate}));
    m.angle = radians_to_angle(p.angle);
    m.type = p.type;
    m.quality = 60;
    w = std::max(w, m.x + 16);
    h = std::max(h, m.y + 16);
    tpl.minutiae.push_back(m);
  }
  tpl.width = static_cast<std::uint16_t>(w);
  tpl.height = static_cast<std::uint16_t>(h);
  tpl.quality = 60;
  return tpl;
}

// An impression that keeps at least a few minutiae (a tiny partial is retaken, as at enrolment).
Template take_impression(const std::vector<Point>& identity, std::mt19937_64& rng, bool may_be_partial) {
  Template tpl = make_impression(identity, rng, false, may_be_partial);
  if (tpl.minutiae.size() < 8) tpl = make_impression(identity, rng, true, false);
  return tpl;
}

}  // namespace

std::string synthetic_person_id(std::size_t person) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "S%09zu", person);
  return buf;
}

SyntheticSet generate_synthetic(const std::vector<Template>& seeds, const SyntheticOptions& options) {
  SyntheticSet set;
  std::vector<const Template*> usable;
  for (const auto& s : seeds)
    if (s.minutiae.size() >= 4) usable.push_back(&s);
  if (usable.empty() || options.fingers == 0) return set;
  const std::size_t n = options.fingers;
  // Probes: fingers spread over the gallery.
  const std::size_t probes = std::min(options.probes, n);
  std::vector<std::size_t> probe_finger(probes);
  for (std::size_t k = 0; k < probes; ++k) probe_finger[k] = (k * 2654435761ull + 12345) % n;
  set.gallery.resize(n);
  set.probes.resize(probes);
  auto identity_of = [&](std::size_t i, std::mt19937_64& rng) {
    return make_identity(*usable[mix(options.seed ^ (i * 0x100000001b3ull)) % usable.size()], rng);
  };
  constexpr std::size_t kChunk = 2048;
  parallel_for((n + kChunk - 1) / kChunk, resolve_threads(options.threads), [&](std::size_t chunk) {
    for (std::size_t i = chunk * kChunk; i < std::min(n, (chunk + 1) * kChunk); ++i) {
      std::mt19937_64 rng(mix(options.seed * 31 + i));
      const auto identity = identity_of(i, rng);
      FingerRecord& r = set.gallery[i];
      r.person_id = synthetic_person_id(i / 10);
      r.position = static_cast<int>(i % 10) + 1;
      r.tpl = take_impression(identity, rng, false);
    }
  });
  for (std::size_t k = 0; k < probes; ++k) {
    const std::size_t i = probe_finger[k];
    std::mt19937_64 rng(mix(options.seed * 31 + i));
    const auto identity = identity_of(i, rng);  // the same identity as the gallery finger
    std::mt19937_64 other(mix(options.seed * 131 + i + 0x5bd1e995ull));
    set.probes[k] = take_impression(identity, other, true);
    set.mate_person.push_back(set.gallery[i].person_id);
    set.mate_position.push_back(set.gallery[i].position);
  }
  return set;
}

}  // namespace abis::dactyl::search
