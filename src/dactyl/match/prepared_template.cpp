#include "dactyl/match/prepared_template.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace abis::dactyl {
namespace {

using Point = std::pair<double, double>;

double wrap(double a) {  // to (-pi, pi]
  a = std::fmod(a, 2 * std::numbers::pi);
  if (a > std::numbers::pi) a -= 2 * std::numbers::pi;
  if (a <= -std::numbers::pi) a += 2 * std::numbers::pi;
  return a;
}

// Convex hull (Andrew's monotone chain), counter-clockwise in image coordinates.
std::vector<Point> convex_hull(std::vector<Point> pts) {
  std::sort(pts.begin(), pts.end());
  pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
  if (pts.size() < 3) return pts;
  std::vector<Point> hull(2 * pts.size());
  auto cross = [](const Point& o, const Point& a, const Point& b) {
    return (a.first - o.first) * (b.second - o.second) - (a.second - o.second) * (b.first - o.first);
  };
  std::size_t k = 0;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    while (k >= 2 && cross(hull[k - 2], hull[k - 1], pts[i]) <= 0) --k;
    hull[k++] = pts[i];
  }
  for (std::size_t i = pts.size() - 1, t = k + 1; i > 0; --i) {
    while (k >= t && cross(hull[k - 2], hull[k - 1], pts[i - 1]) <= 0) --k;
    hull[k++] = pts[i - 1];
  }
  hull.resize(k - 1);
  return hull;
}

// Distance from p to the hull polygon; 0 inside.
double hull_distance(const std::vector<Point>& hull, double px, double py) {
  if (hull.empty()) return 1e9;
  if (hull.size() == 1) return std::hypot(px - hull[0].first, py - hull[0].second);
  // Inside (left of every counter-clockwise edge) first: most points asked about are, and the
  // test is a fraction of the distance computation.
  bool inside = hull.size() >= 3;
  for (std::size_t i = 0; i < hull.size() && inside; ++i) {
    const Point& a = hull[i];
    const Point& b = hull[(i + 1) % hull.size()];
    inside = (b.first - a.first) * (py - a.second) - (b.second - a.second) * (px - a.first) >= 0;
  }
  if (inside) return 0.0;
  double best = 1e36;  // squared; one square root at the end
  for (std::size_t i = 0; i < hull.size(); ++i) {
    const Point& a = hull[i];
    const Point& b = hull[(i + 1) % hull.size()];
    const double ex = b.first - a.first, ey = b.second - a.second;
    const double len2 = ex * ex + ey * ey;
    double t = len2 > 0 ? ((px - a.first) * ex + (py - a.second) * ey) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    const double dx = px - (a.first + t * ex), dy = py - (a.second + t * ey);
    best = std::min(best, dx * dx + dy * dy);
  }
  return std::sqrt(best);
}

}  // namespace

float hull_distance(const std::vector<float>& hull, float px, float py) {
  const std::size_t n = hull.size() / 2;
  if (n == 0) return 1e9f;
  if (n == 1) return std::hypot(px - hull[0], py - hull[1]);
  bool inside = n >= 3;  // checked first, as above
  for (std::size_t i = 0; i < n && inside; ++i) {
    const float ax = hull[2 * i], ay = hull[2 * i + 1];
    const std::size_t j = (i + 1) % n;
    inside = (hull[2 * j] - ax) * (py - ay) - (hull[2 * j + 1] - ay) * (px - ax) >= 0;
  }
  if (inside) return 0.0f;
  float best = 1e18f;
  for (std::size_t i = 0; i < n; ++i) {
    const float ax = hull[2 * i], ay = hull[2 * i + 1];
    const std::size_t j = (i + 1) % n;
    const float ex = hull[2 * j] - ax, ey = hull[2 * j + 1] - ay;
    const float len2 = ex * ex + ey * ey;
    float t = len2 > 0 ? ((px - ax) * ex + (py - ay) * ey) / len2 : 0.0f;
    t = std::clamp(t, 0.0f, 1.0f);
    const float dx = px - (ax + t * ex), dy = py - (ay + t * ey);
    best = std::min(best, dx * dx + dy * dy);
  }
  return std::sqrt(best);
}

std::size_t PreparedTemplate::memory_bytes() const {
  return sizeof(*this) + (x.size() + y.size() + angle.size() + dir_x.size() + dir_y.size() + distance.size() + radial.size() + hull.size() + sorted_y.size() + sorted_x.size() + sorted_dir_x.size() + sorted_dir_y.size()) * sizeof(float) +
         by_y.size() * sizeof(int) +
         (first_row.size() + by_direction.size() + first_direction.size()) * sizeof(std::uint16_t) + planes.size() * sizeof(std::uint64_t) + direction_unit.size() + cylinders.size() * sizeof(Cylinder) + cover.size();
}

PreparedTemplate prepare_template(const Template& tpl) {
  PreparedTemplate p;
  const int n = static_cast<int>(tpl.minutiae.size());
  p.count = n;
  p.key = 1469598103934665603ull;  // FNV-1a over the minutiae fields
  for (const Minutia& m : tpl.minutiae) {
    for (unsigned v : {unsigned{m.x}, unsigned{m.y}, unsigned{m.angle}, static_cast<unsigned>(m.type), unsigned{m.quality}}) {
      p.key = (p.key ^ v) * 1099511628211ull;
    }
  }
  p.x.resize(n);
  p.y.resize(n);
  p.angle.resize(n);
  std::vector<Point> pts;
  for (int i = 0; i < n; ++i) {
    p.x[i] = tpl.minutiae[i].x;
    p.y[i] = tpl.minutiae[i].y;
    p.angle[i] = static_cast<float>(angle_to_radians(tpl.minutiae[i].angle));
    pts.emplace_back(p.x[i], p.y[i]);
    p.dir_x.push_back(std::cos(p.angle[i]));
    p.dir_y.push_back(std::sin(p.angle[i]));
  }
  p.distance.resize(static_cast<std::size_t>(n) * n);
  p.radial.resize(static_cast<std::size_t>(n) * n);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      const double dx = p.x[i] - p.x[j], dy = p.y[i] - p.y[j];
      p.distance[i * n + j] = static_cast<float>(std::sqrt(dx * dx + dy * dy));
      p.radial[i * n + j] = i == j ? 0.0f : static_cast<float>(wrap(p.angle[i] - std::atan2(dy, dx)));
    }
  }

  p.by_y.resize(n);
  for (int i = 0; i < n; ++i) p.by_y[i] = i;
  std::sort(p.by_y.begin(), p.by_y.end(), [&](int a, int b) { return p.y[a] != p.y[b] ? p.y[a] < p.y[b] : a < b; });
  for (int i : p.by_y) {
    p.sorted_y.push_back(p.y[i]);
    p.sorted_x.push_back(p.x[i]);
    p.sorted_dir_x.push_back(p.dir_x[i]);
    p.sorted_dir_y.push_back(p.dir_y[i]);
  }
  const int max_y = p.sorted_y.empty() ? 0 : static_cast<int>(p.sorted_y.back());
  p.first_row.resize(static_cast<std::size_t>(max_y) + 2);
  for (int t = 0, k = 0; t <= max_y + 1; ++t) {
    while (k < n && p.sorted_y[k] < static_cast<float>(t)) ++k;
    p.first_row[t] = static_cast<std::uint16_t>(k);
  }
  // Padding far outside any image (and with no direction): a group of kBandPadding read from
  // the last entries never pairs.
  for (auto* v : {&p.sorted_x, &p.sorted_y}) v->insert(v->end(), PreparedTemplate::kBandPadding, 1e9f);
  for (auto* v : {&p.sorted_dir_x, &p.sorted_dir_y}) v->insert(v->end(), PreparedTemplate::kBandPadding, 0.0f);

  const std::vector<Point> hull = convex_hull(pts);
  for (const Point& h : hull) {
    p.hull.push_back(static_cast<float>(h.first));
    p.hull.push_back(static_cast<float>(h.second));
  }
  // Coverage raster of the widened hull.
  if (!hull.empty()) {
    const int cell = 1 << PreparedTemplate::kCoverShift;
    float min_x = 1e9f, min_y = 1e9f, max_x = 0, max_y = 0;
    for (const Point& h : hull) {
      min_x = std::min(min_x, static_cast<float>(h.first));
      min_y = std::min(min_y, static_cast<float>(h.second));
      max_x = std::max(max_x, static_cast<float>(h.first));
      max_y = std::max(max_y, static_cast<float>(h.second));
    }
    const float margin = static_cast<float>(params::kOverlapMargin);
    p.cover_width = static_cast<int>((max_x + margin) / cell) + 2;
    p.cover_height = static_cast<int>((max_y + margin) / cell) + 2;
    // Three bytes of padding: the matcher reads the raster four bytes at a time.
    p.cover.assign(static_cast<std::size_t>(p.cover_width) * p.cover_height + 3, 0);
    auto covered = [&](int cx, int cy) {
      return hull_distance(p.hull, (cx + 0.5f) * cell, (cy + 0.5f) * cell) <= margin;
    };
    // The widened hull is convex, so each row covers one run of cells: found from both ends of
    // the hull's bounding box, instead of testing every cell.
    const int first_x = std::max(0, static_cast<int>((min_x - margin) / cell) - 1);
    const int first_y = std::max(0, static_cast<int>((min_y - margin) / cell) - 1);
    for (int cy = first_y; cy < p.cover_height; ++cy) {
      int left = first_x, right = p.cover_width - 1;
      while (left <= right && !covered(left, cy)) ++left;
      while (right > left && !covered(right, cy)) --right;
      for (int cx = left; cx <= right; ++cx) p.cover[static_cast<std::size_t>(cy) * p.cover_width + cx] = 1;
    }
  }

  // Cylinders. Cell (i, j) centre: the minutia plus the cell offset rotated by its direction.
  constexpr int kCells = params::kCylinderCells;
  constexpr int kLayers = params::kCylinderLayers;
  constexpr double kR = params::kCylinderRadius;
  constexpr double kStep = 2 * kR / kCells;
  const double sigma_s = params::kCylinderSigmaSpace;
  const double sigma_d = params::kCylinderSigmaDirection;
  const double layer_width = 2 * std::numbers::pi / kLayers;
  const double norm_s = 1.0 / (sigma_s * std::sqrt(2 * std::numbers::pi));
  constexpr int kSpatialSteps = 16;  // table steps per pixel squared
  int cells_in_circle = 0;
  for (int cj = 0; cj < kCells; ++cj)
    for (int ci = 0; ci < kCells; ++ci)
      if (std::hypot((ci - (kCells - 1) / 2.0) * kStep, (cj - (kCells - 1) / 2.0) * kStep) <= kR) ++cells_in_circle;
  // Directional contribution: the Gaussian's mass over each layer, by angle difference.
  auto direction_weight = [&](double diff, int layer) {
    const double centre = -std::numbers::pi + (layer + 0.5) * layer_width;
    const double d = wrap(centre - diff);
    auto cdf = [&](double v) { return 0.5 * std::erfc(-v / (sigma_d * std::sqrt(2.0))); };
    return cdf(d + layer_width / 2) - cdf(d - layer_width / 2);
  };
  // The spatial Gaussian by squared distance (up to 3 sigma), tabulated and interpolated: exp per
  // cell and neighbour was most of the preparation time.
  static const auto spatial_table = [&] {
    std::vector<double> table(static_cast<std::size_t>(9 * sigma_s * sigma_s * kSpatialSteps) + 2);
    for (std::size_t i = 0; i < table.size(); ++i)
      table[i] = norm_s * std::exp(-0.5 * (static_cast<double>(i) / kSpatialSteps) / (sigma_s * sigma_s));
    return table;
  }();
  auto spatial = [&](double d2) {
    const double at = d2 * kSpatialSteps;
    const auto i = static_cast<std::size_t>(at);
    const double f = at - static_cast<double>(i);
    return spatial_table[i] + f * (spatial_table[i + 1] - spatial_table[i]);
  };
  // The directional weights depend only on the difference of the two template angles (256 per
  // turn): computed once for every difference (erfc is the costliest call of the preparation).
  static const auto direction_table = [&] {
    std::array<std::array<double, kLayers>, 256> table{};
    for (int d = 0; d < 256; ++d)
      for (int k = 0; k < kLayers; ++k)
        table[d][k] = direction_weight(wrap(angle_to_radians(static_cast<std::uint8_t>(d))), k);
    return table;
  }();
  p.cylinders.resize(n);
  for (int m = 0; m < n; ++m) {
    Cylinder& cyl = p.cylinders[m];
    const double c = std::cos(p.angle[m]), s = std::sin(p.angle[m]);
    // Neighbours that can reach a cell, with their directional weights per layer.
    std::vector<int> near;
    std::vector<std::array<double, kLayers>> weights;
    for (int t = 0; t < n; ++t) {
      if (t == m || p.distance[m * n + t] > kR + 3 * sigma_s) continue;
      near.push_back(t);
      weights.push_back(direction_table[static_cast<std::uint8_t>(tpl.minutiae[t].angle - tpl.minutiae[m].angle)]);
    }
    const int neighbours = static_cast<int>(near.size());
    int valid_cells = 0;
    for (int cj = 0; cj < kCells; ++cj) {
      for (int ci = 0; ci < kCells; ++ci) {
        const double u = (ci - (kCells - 1) / 2.0) * kStep, v = (cj - (kCells - 1) / 2.0) * kStep;
        if (std::hypot(u, v) > kR) continue;
        const double px = p.x[m] + c * u - s * v, py = p.y[m] + s * u + c * v;
        if (hull_distance(hull, px, py) > params::kCylinderHullMargin) continue;
        const int bit = cj * kCells + ci;
        cyl.valid |= std::uint64_t{1} << bit;
        ++valid_cells;
        double sum[kLayers] = {};
        for (std::size_t k2 = 0; k2 < near.size(); ++k2) {
          const int t = near[k2];
          const double d2 = (p.x[t] - px) * (p.x[t] - px) + (p.y[t] - py) * (p.y[t] - py);
          if (d2 > 9 * sigma_s * sigma_s) continue;
          const double gs = spatial(d2);
          for (int k = 0; k < kLayers; ++k) sum[k] += gs * weights[k2][k];
        }
        for (int k = 0; k < kLayers; ++k)
          if (sum[k] > params::kCylinderBitThreshold) cyl.bits[k] |= std::uint64_t{1} << bit;
      }
    }
    for (int bit = 0; bit < 64; ++bit) {
      int layers = 0;
      for (int k = 0; k < kLayers; ++k) layers += static_cast<int>(cyl.bits[k] >> bit & 1);
      for (std::size_t s = 0; s < cyl.layer_count.size(); ++s)
        cyl.layer_count[s] |= static_cast<std::uint64_t>(layers >> s & 1) << bit;
    }
    cyl.usable = neighbours >= params::kCylinderMinNeighbours &&
                 valid_cells >= params::kCylinderMinValidShare * cells_in_circle;
  }
  // Direction index of the usable minutiae (see the header).
  p.direction_unit.resize(n);
  for (int i = 0; i < n; ++i) p.direction_unit[i] = tpl.minutiae[i].angle;
  std::vector<std::uint16_t> usable;
  for (int i = 0; i < n; ++i)
    if (p.cylinders[i].usable) usable.push_back(static_cast<std::uint16_t>(i));
  std::stable_sort(usable.begin(), usable.end(),
                   [&](std::uint16_t a, std::uint16_t b) { return p.direction_unit[a] < p.direction_unit[b]; });
  for (int copy = 0; copy < 3; ++copy) p.by_direction.insert(p.by_direction.end(), usable.begin(), usable.end());
  p.first_direction.resize(3 * 256 + 1);
  const int m = static_cast<int>(usable.size());
  for (int w = 0, k = 0; w <= 3 * 256; ++w) {
    while (k < 3 * m && (k / m) * 256 + p.direction_unit[p.by_direction[k]] < w) ++k;
    p.first_direction[w] = static_cast<std::uint16_t>(k);
  }
  constexpr int kWords = params::kCylinderLayers + 1 + static_cast<int>(std::tuple_size_v<decltype(Cylinder::layer_count)>);
  p.plane_stride = 2 * m + 4;
  p.planes.assign(static_cast<std::size_t>(kWords) * p.plane_stride, 0);
  for (int k = 0; k < 2 * m; ++k) {
    const Cylinder& c = p.cylinders[p.by_direction[k]];
    for (int w = 0; w < params::kCylinderLayers; ++w) p.planes[static_cast<std::size_t>(w) * p.plane_stride + k] = c.bits[w];
    p.planes[static_cast<std::size_t>(params::kCylinderLayers) * p.plane_stride + k] = c.valid;
    for (std::size_t s = 0; s < c.layer_count.size(); ++s)
      p.planes[(params::kCylinderLayers + 1 + s) * p.plane_stride + k] = c.layer_count[s];
  }
  return p;
}

}  // namespace abis::dactyl
