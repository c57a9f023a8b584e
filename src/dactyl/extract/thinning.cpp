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

  Tables() {
    for (int code = 0; code < 256; ++code) {
      int roots[8];
      neighbour_group_roots(static_cast<std::uint8_t>(code), roots);
      int g = 0;
      for (int k = 0; k < 8; ++k)
        if (roots[k] == k) ++g;
      groups[code] = static_cast<std::uint8_t>(g);
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

namespace {

// The image as rows of 64-bit words, bit b of word k = pixel 64 k + b.
struct BitImage {
  int width = 0, height = 0, words = 0;
  std::vector<std::uint64_t> bits;
  std::uint64_t* row(int y) { return &bits[static_cast<std::size_t>(y) * words]; }
};

// The row moved one pixel: bit x then holds pixel x + 1 (east) or x - 1 (west).
inline std::uint64_t east(const std::uint64_t* r, int k, int words) {
  return r[k] >> 1 | (k + 1 < words ? r[k + 1] << 63 : 0);
}
inline std::uint64_t west(const std::uint64_t* r, int k) { return r[k] << 1 | (k > 0 ? r[k - 1] >> 63 : 0); }

// One Zhang-Suen sub-iteration on 64 pixels at a time. A set pixel goes when its ring (the
// eight neighbours clockwise from north: N, NE, E, SE, S, SW, W, NW) has 2 to 6 set cells and
// exactly one transition from an unset to a set cell, and, in the first pass, not all of N, E,
// S nor all of E, S, W are set (in the second: N, E, W and N, S, W). Decides on the image as it
// is, then deletes (the passes are parallel); returns whether any pixel went. Bit operations
// instead of a loop over the pixels: thinning ran over every ridge and valley pixel several
// times and was a fifth of the extraction.
bool thinning_pass(BitImage& img, int pass, std::vector<std::uint64_t>& deleted) {
  const int words = img.words;
  deleted.assign(img.bits.size(), 0);
  bool any = false;
  for (int y = 1; y + 1 < img.height; ++y) {
    const std::uint64_t *up = img.row(y - 1), *mid = img.row(y), *down = img.row(y + 1);
    std::uint64_t* out = &deleted[static_cast<std::size_t>(y) * words];
    for (int k = 0; k < words; ++k) {
      const std::uint64_t p = mid[k];
      if (p == 0) continue;
      const std::uint64_t ring[8] = {up[k],   east(up, k, words),   east(mid, k, words), east(down, k, words),
                                     down[k], west(down, k),        west(mid, k),        west(up, k)};
      // The number of set ring cells, bit-sliced (count = ones + 2 twos + 4 fours + 8 eights).
      auto full_add = [](std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t& carry) {
        const std::uint64_t u = a ^ b;
        carry = (a & b) | (u & c);
        return u ^ c;
      };
      std::uint64_t c1, c2, c3, c4, c5;
      const std::uint64_t s1 = full_add(ring[0], ring[1], ring[2], c1);
      const std::uint64_t s2 = full_add(ring[3], ring[4], ring[5], c2);
      const std::uint64_t s3 = ring[6] ^ ring[7], c3h = ring[6] & ring[7];
      const std::uint64_t ones = full_add(s1, s2, s3, c3);
      const std::uint64_t t1 = full_add(c1, c2, c3h, c4);
      const std::uint64_t twos = t1 ^ c3;
      c5 = t1 & c3;
      const std::uint64_t fours = c4 ^ c5, eights = c4 & c5;
      // 2 <= count <= 6: some bit above the ones, not 8, not 7.
      const std::uint64_t count_ok = (twos | fours | eights) & ~eights & ~(fours & twos & ones);
      // Exactly one transition from an unset to a set cell around the ring.
      std::uint64_t seen = 0, twice = 0;
      for (int r = 0; r < 8; ++r) {
        const std::uint64_t rise = ~ring[r] & ring[(r + 1) % 8];
        twice |= seen & rise;
        seen |= rise;
      }
      const std::uint64_t n = ring[0], e = ring[2], so = ring[4], w = ring[6];
      const std::uint64_t direction =
          pass == 0 ? ~(n & e & so) & ~(e & so & w) : ~(n & e & w) & ~(n & so & w);
      out[k] = p & count_ok & seen & ~twice & direction;
      any |= out[k] != 0;
    }
  }
  if (any)
    for (std::size_t k = 0; k < img.bits.size(); ++k) img.bits[k] &= ~deleted[k];
  return any;
}

}  // namespace

ByteMap thin(const ByteMap& binary) {
  const Tables& t = tables();
  const int w = binary.width, h = binary.height;
  ByteMap out(w, h);
  if (w < 3 || h < 3) return out;  // all of it is the cleared frame
  // The set pixels as bits, the outer frame cleared (so that the ring never leaves the image).
  BitImage img;
  img.width = w;
  img.height = h;
  img.words = (w + 63) / 64;
  img.bits.assign(static_cast<std::size_t>(img.words) * h, 0);
  for (int y = 1; y + 1 < h; ++y) {
    std::uint64_t* r = img.row(y);
    const std::uint8_t* in = &binary.data[static_cast<std::size_t>(y) * w];
    for (int x = 1; x + 1 < w; ++x) r[x >> 6] |= static_cast<std::uint64_t>(in[x] != 0) << (x & 63);
  }
  std::vector<std::uint64_t> deleted;
  bool changed = true;
  while (changed) {
    const bool first = thinning_pass(img, 0, deleted);
    const bool second = thinning_pass(img, 1, deleted);
    changed = first || second;
  }
  for (int y = 0; y < h; ++y) {
    const std::uint64_t* r = img.row(y);
    std::uint8_t* o = &out.data[static_cast<std::size_t>(y) * w];
    for (int x = 0; x < w; ++x) o[x] = static_cast<std::uint8_t>(r[x >> 6] >> (x & 63) & 1);
  }
  // Staircase pixels: a pixel whose neighbours form one group and which is not an end can go
  // without disconnecting anything. In raster order, each decision seeing the ones before.
  for (int y = 1; y + 1 < h; ++y) {
    for (int x = 1; x + 1 < w; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * w + x;
      if (!out.data[i]) continue;
      const std::uint8_t* p = &out.data[i];
      const auto code = static_cast<std::uint8_t>(p[-w] | p[-w + 1] << 1 | p[1] << 2 | p[w + 1] << 3 | p[w] << 4 |
                                                  p[w - 1] << 5 | p[-1] << 6 | p[-w - 1] << 7);
      if (std::popcount(static_cast<unsigned>(code)) >= 2 && t.groups[code] == 1) out.data[i] = 0;
    }
  }
  return out;
}

}  // namespace abis::dactyl::extract
