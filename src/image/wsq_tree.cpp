#include "image/wsq_tree.h"

namespace abis::image::wsq {
namespace {

// The four quarters of a split, and the inversion their own next split takes.
struct Quarters {
  std::array<SplitNode, 4> part;  // top-left, top-right, bottom-left, bottom-right
};

Quarters split(const SplitNode& node) {
  const Rect& r = node.rect;
  int left = node.invert_x ? r.width / 2 : (r.width + 1) / 2;
  int top = node.invert_y ? r.height / 2 : (r.height + 1) / 2;
  int right = r.width - left;
  int bottom = r.height - top;
  Quarters q;
  q.part[0] = {{r.x, r.y, left, top}, false, false};
  q.part[1] = {{r.x + left, r.y, right, top}, true, false};
  q.part[2] = {{r.x, r.y + top, left, bottom}, false, true};
  q.part[3] = {{r.x + left, r.y + top, right, bottom}, true, true};
  return q;
}

// Writes the four quarters of node as subbands first..first+3.
void quarter_subbands(const SplitNode& node, int first, Decomposition& d) {
  Quarters q = split(node);
  for (int i = 0; i < 4; ++i) d.subbands[first + i] = q.part[i].rect;
}

}  // namespace

Decomposition build_decomposition(int width, int height) {
  Decomposition d;
  auto& n = d.nodes;
  n[0] = {{0, 0, width, height}, false, false};
  Quarters image = split(n[0]);
  n[1] = image.part[0];
  n[2] = image.part[1];
  n[3] = image.part[2];
  Quarters low = split(n[1]);
  n[4] = low.part[1];
  n[5] = low.part[2];
  Quarters q4 = split(n[4]);
  Quarters q5 = split(n[5]);
  for (int i = 0; i < 4; ++i) {
    n[6 + i] = q4.part[i];
    n[10 + i] = q5.part[i];
  }
  n[14] = low.part[0];
  Quarters q14 = split(n[14]);
  for (int i = 0; i < 4; ++i) n[15 + i] = q14.part[i];
  n[19] = split(n[15]).part[0];

  // Subband numbering: spec Figure "WSQ subband decomposition".
  quarter_subbands(n[19], 0, d);
  Quarters q15 = split(n[15]);
  for (int i = 1; i < 4; ++i) d.subbands[3 + i] = q15.part[i].rect;
  for (int i = 0; i < 3; ++i) quarter_subbands(n[16 + i], 7 + 4 * i, d);
  for (int i = 0; i < 4; ++i) quarter_subbands(n[6 + i], 19 + 4 * i, d);
  for (int i = 0; i < 4; ++i) quarter_subbands(n[10 + i], 35 + 4 * i, d);
  d.subbands[51] = low.part[3].rect;
  quarter_subbands(n[2], 52, d);
  quarter_subbands(n[3], 56, d);
  quarter_subbands(image.part[3], 60, d);  // never coded; placed for completeness
  return d;
}

}  // namespace abis::image::wsq
