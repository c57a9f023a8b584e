#include "dactyl/extract/thinning.h"

#include <algorithm>
#include <array>
#include <bit>
#include <vector>

namespace abis::dactyl::extract {

const int kNeighbourDx[8] = {0, 1, 1, 1, 0, -1, -1, -1};
const int kNeighbourDy[8] = {-1, -1, 0, 1, 1, 1, 0, -1};

namespace {

struct Tables {
  std::array<std::uint8_t, 256> groups{};
  std::array<bool, 256> delete_first{};
  std::array<bool, 256> delete_second{};

  Tables() {
    for (int code = 0; code < 256; ++code) {
      int roots[8];
      neighbour_group_roots(static_cast<std::uint8_t>(code), roots);
      int g = 0;
      for (int k = 0; k < 8; ++k)
        if (roots[k] == k) ++g;
      groups[code] = static_cast<std::uint8_t>(g);

      // Zhang-Suen conditions: 2 <= B <= 6, A == 1 (one 0->1 transition around the ring), and the
      // direction-specific conditions of each sub-iteration.
      const int b = std::popcount(static_cast<unsigned>(code));
      int a = 0;
      for (int k = 0; k < 8; ++k)
        if (!(code >> k & 1) && (code >> ((k + 1) % 8) & 1)) ++a;
      const bool n = code & 1, e = code >> 2 & 1, s = code >> 4 & 1, w = code >> 6 & 1;
      const bool base = b >= 2 && b <= 6 && a == 1;
      delete_first[code] = base && !(n && e && s) && !(e && s && w);
      delete_second[code] = base && !(n && e && w) && !(n && s && w);
    }
  }
};

const Tables& tables() {
  static const Tables t;
  return t;
}

}  // namespace

void neighbour_group_roots(std::uint8_t code, int roots[8]) {
  // Union-find over the ring: consecutive ring cells touch; a side cell (even k) also touches the
  // side cells two steps away through the corner between them.
  int parent[8];
  for (int k = 0; k < 8; ++k) parent[k] = k;
  auto find = [&](int a) {
    while (parent[a] != a) a = parent[a];
    return a;
  };
  auto unite = [&](int a, int b) {
    if ((code >> a & 1) && (code >> b & 1)) {
      const int ra = find(a), rb = find(b);
      if (ra != rb) parent[std::max(ra, rb)] = std::min(ra, rb);
    }
  };
  for (int k = 0; k < 8; ++k) {
    unite(k, (k + 1) % 8);
    if (k % 2 == 0) unite(k, (k + 2) % 8);
  }
  for (int k = 0; k < 8; ++k) roots[k] = (code >> k & 1) ? find(k) : -1;
}

std::uint8_t neighbour_code(const ByteMap& map, int x, int y) {
  std::uint8_t code = 0;
  for (int k = 0; k < 8; ++k) {
    const int nx = x + kNeighbourDx[k], ny = y + kNeighbourDy[k];
    if (map.inside(nx, ny) && map.at(nx, ny)) code |= static_cast<std::uint8_t>(1 << k);
  }
  return code;
}

int neighbour_groups(std::uint8_t code) { return tables().groups[code]; }

ByteMap thin(const ByteMap& binary) {
  const Tables& t = tables();
  ByteMap img = binary;
  // Clear the outer frame so neighbour lookups never leave the map.
  for (int x = 0; x < img.width; ++x) img.at(x, 0) = img.at(x, img.height - 1) = 0;
  for (int y = 0; y < img.height; ++y) img.at(0, y) = img.at(img.width - 1, y) = 0;
  const int w = img.width;
  std::vector<int> candidates;
  for (int y = 1; y < img.height - 1; ++y)
    for (int x = 1; x < w - 1; ++x)
      if (img.at(x, y)) candidates.push_back(y * w + x);
  auto code_at = [&](int i) {
    const std::uint8_t* p = &img.data[i];
    return static_cast<std::uint8_t>(p[-w] | p[-w + 1] << 1 | p[1] << 2 | p[w + 1] << 3 | p[w] << 4 |
                                     p[w - 1] << 5 | p[-1] << 6 | p[-w - 1] << 7);
  };
  // Each pass decides on the image as it was at its start, then deletes. The decisions and the
  // pruning are written without branches: whether a pixel goes is a coin toss to the branch
  // predictor, and this loop runs over every ridge pixel several times.
  std::vector<int> to_delete(candidates.size());
  bool changed = true;
  while (changed) {
    changed = false;
    for (int pass = 0; pass < 2; ++pass) {
      const auto& rule = pass == 0 ? t.delete_first : t.delete_second;
      std::size_t deleted = 0;
      for (int i : candidates) {
        to_delete[deleted] = i;
        deleted += rule[code_at(i)];
      }
      for (std::size_t k = 0; k < deleted; ++k) img.data[to_delete[k]] = 0;
      if (deleted > 0) changed = true;
      // Keep only pixels still set (the rule reads only set pixels' neighbourhoods).
      std::size_t kept = 0;
      for (int i : candidates) {
        candidates[kept] = i;
        kept += img.data[i] != 0;
      }
      candidates.resize(kept);
    }
  }
  // Staircase pixels: a pixel whose neighbours form one group and which is not an end can go
  // without disconnecting anything.
  for (int i : candidates) {
    if (!img.data[i]) continue;
    const std::uint8_t code = code_at(i);
    if (std::popcount(static_cast<unsigned>(code)) >= 2 && t.groups[code] == 1) img.data[i] = 0;
  }
  return img;
}

}  // namespace abis::dactyl::extract
