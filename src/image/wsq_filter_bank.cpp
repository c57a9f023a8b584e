#include "image/wsq_filter_bank.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace abis::image::wsq {
namespace {

// How a finite sequence continues past one of its ends.
enum class Edge {
  kWhole,          // mirrored about the end sample:        s[-k] = s[k]
  kHalf,           // mirrored about the half-sample beyond: s[-1-k] = s[k]
  kHalfAnti,       // the same with the sign flipped:        s[-1-k] = -s[k]
  kWholeAntiZero,  // a zero one sample beyond, then anti-mirrored: s[n] = 0, s[n+k] = -s[n-k]
};

// The infinite symmetric extension of a sequence of n samples. With a symmetry at each end it is
// periodic, with twice the distance between the two centres as period; one period is the sequence
// followed by its reflection about the right end.
class Extension {
 public:
  Extension(int n, Edge left, Edge right) : n_(n) {
    int twice_left = left == Edge::kWhole ? 0 : -1;
    switch (right) {
      case Edge::kWhole: twice_right_ = 2 * n - 2; break;
      case Edge::kHalf:
      case Edge::kHalfAnti: twice_right_ = 2 * n - 1; break;
      case Edge::kWholeAntiZero: twice_right_ = 2 * n; break;
    }
    period_ = twice_right_ - twice_left;
    right_sign_ = (right == Edge::kHalfAnti || right == Edge::kWholeAntiZero) ? -1.0f : 1.0f;
  }

  // The sample at index i (any integer) as (source index, sign); sign 0 means the value is 0.
  void at(long i, int& source, float& sign) const {
    if (n_ <= 0) {
      source = 0;
      sign = 0;
      return;
    }
    if (period_ <= 0) {  // one sample mirrored about itself at both ends: a constant
      source = 0;
      sign = 1;
      return;
    }
    long r = i % period_;
    if (r < 0) r += period_;
    if (r < n_) {
      source = static_cast<int>(r);
      sign = 1;
      return;
    }
    long mirrored = twice_right_ - r;
    if (mirrored >= n_) {  // the zero of kWholeAntiZero
      source = 0;
      sign = 0;
      return;
    }
    source = static_cast<int>(mirrored);
    sign = right_sign_;
  }

 private:
  int n_;
  int twice_right_ = 0;
  long period_ = 0;
  float right_sign_ = 1;
};

// The extensions the analysis gives a line of n samples and its two subbands.
Extension signal_extension(const FilterBank& bank, int n) {
  return bank.half_sample ? Extension(n, Edge::kHalf, Edge::kHalf)
                          : Extension(n, Edge::kWhole, Edge::kWhole);
}
Extension lowpass_extension(const FilterBank& bank, int n) {
  int low = (n + 1) / 2;
  bool even = n % 2 == 0;
  if (bank.half_sample) return Extension(low, Edge::kHalf, even ? Edge::kHalf : Edge::kWhole);
  return Extension(low, Edge::kWhole, even ? Edge::kHalf : Edge::kWhole);
}
Extension highpass_extension(const FilterBank& bank, int n) {
  int high = n / 2;
  bool even = n % 2 == 0;
  if (bank.half_sample) {
    return Extension(high, Edge::kHalfAnti, even ? Edge::kHalfAnti : Edge::kWholeAntiZero);
  }
  return Extension(high, Edge::kHalf, even ? Edge::kWhole : Edge::kHalf);
}

int floor_div2(int v) { return v >= 0 ? v / 2 : -((-v + 1) / 2); }

// Polyphase taps of an analysis filter: x[2n + k - offset] is phase (k - offset) mod 2 at
// index n + floor((k - offset) / 2).
void analysis_taps(const std::vector<float>& filter, int offset, std::vector<FilterTap>& even,
                   std::vector<FilterTap>& odd) {
  for (int k = 0; k < static_cast<int>(filter.size()); ++k) {
    int u = k - offset;
    int shift = floor_div2(u);
    (u - 2 * shift == 0 ? even : odd).push_back({shift, filter[static_cast<std::size_t>(k)]});
  }
}

// Synthesis taps: x[j] += S[n] * f[j - 2n + offset]; for j = 2m + r that is S[m + t] with
// weight f[r + offset - 2t].
void synthesis_taps(const std::vector<double>& filter, int offset, std::vector<FilterTap>* phase) {
  int length = static_cast<int>(filter.size());
  for (int r = 0; r < 2; ++r) {
    for (int t = -length; t <= length; ++t) {
      int k = r + offset - 2 * t;
      if (k >= 0 && k < length) {
        phase[r].push_back({t, static_cast<float>(filter[static_cast<std::size_t>(k)])});
      }
    }
  }
}

// One term of a weighted sum of sequences: weight * source[i].
struct Term {
  const float* source;
  float weight;
};

// out[i] = sum over terms of weight * source[i], for i < count, adding the terms in order (so
// the result does not depend on how the loop is split). Terms are taken four at a time so that
// each output is loaded and stored once per four terms; the loops vectorise. An AVX2 clone is
// picked at load time where the processor has it: the same operations in the same order, so the
// results do not change, only their width (no FMA, which would round differently).
__attribute__((target_clones("avx2", "default"))) void weighted_sum(float* out, const Term* terms,
                                                                     int term_count, int count) {
  if (term_count == 0) {
    std::fill_n(out, count, 0.0f);
    return;
  }
  int t = 0;
  bool first = true;
  while (t < term_count) {
    int n = std::min(term_count - t, 4);
    const Term* g = terms + t;
    switch (n) {
      case 4: {
        const float *a = g[0].source, *b = g[1].source, *c = g[2].source, *d = g[3].source;
        const float wa = g[0].weight, wb = g[1].weight, wc = g[2].weight, wd = g[3].weight;
        if (first) {
          for (int i = 0; i < count; ++i) out[i] = wa * a[i] + wb * b[i] + wc * c[i] + wd * d[i];
        } else {
          for (int i = 0; i < count; ++i) {
            out[i] = out[i] + wa * a[i] + wb * b[i] + wc * c[i] + wd * d[i];
          }
        }
        break;
      }
      case 3: {
        const float *a = g[0].source, *b = g[1].source, *c = g[2].source;
        const float wa = g[0].weight, wb = g[1].weight, wc = g[2].weight;
        if (first) {
          for (int i = 0; i < count; ++i) out[i] = wa * a[i] + wb * b[i] + wc * c[i];
        } else {
          for (int i = 0; i < count; ++i) out[i] = out[i] + wa * a[i] + wb * b[i] + wc * c[i];
        }
        break;
      }
      case 2: {
        const float *a = g[0].source, *b = g[1].source;
        const float wa = g[0].weight, wb = g[1].weight;
        if (first) {
          for (int i = 0; i < count; ++i) out[i] = wa * a[i] + wb * b[i];
        } else {
          for (int i = 0; i < count; ++i) out[i] = out[i] + wa * a[i] + wb * b[i];
        }
        break;
      }
      default: {
        const float* a = g[0].source;
        const float wa = g[0].weight;
        if (first) {
          for (int i = 0; i < count; ++i) out[i] = wa * a[i];
        } else {
          for (int i = 0; i < count; ++i) out[i] = out[i] + wa * a[i];
        }
        break;
      }
    }
    first = false;
    t += n;
  }
}

// Per-transform scratch: padded lines and the term list, sized once for the widest line.
struct Workspace {
  std::vector<float> a, b, c, d;
  std::vector<Term> terms;
  void ensure(std::size_t n) {
    if (a.size() < n) {
      a.resize(n);
      b.resize(n);
      c.resize(n);
      d.resize(n);
    }
  }
};

// padded[i + margin] = the extension of seq (length `length`) at index scale*i + offset, for i
// in [-margin, count + margin). Only the margins need the extension's arithmetic.
void fill_padded(float* padded, int count, int margin, const float* seq, std::ptrdiff_t step,
                 int length, const Extension& ext, int scale, int offset) {
  // Indices i with 0 <= scale*i + offset < length.
  int first = 0;
  while (scale * first + offset < 0) ++first;
  int last = (length - 1 - offset) >= 0 ? (length - 1 - offset) / scale : -1;
  if (first > last) first = last + 1;
  auto extended = [&](int i) {
    long idx = static_cast<long>(scale) * i + offset;
    int source;
    float sign;
    ext.at(idx, source, sign);
    return sign == 0 ? 0.0f : sign * seq[static_cast<long>(source) * step];
  };
  for (int i = -margin; i < std::min(first, count + margin); ++i) padded[i + margin] = extended(i);
  const std::ptrdiff_t stride = scale * step;
  const float* src = seq + static_cast<long>(scale * first + offset) * step;
  float* dst = padded + margin;
  int interior_end = std::min(last + 1, count + margin);
  for (int i = first; i < interior_end; ++i) dst[i] = src[(i - first) * stride];
  for (int i = std::max(interior_end, first); i < count + margin; ++i) dst[i] = extended(i);
}

void add_terms(std::vector<Term>& terms, const std::vector<FilterTap>& taps, const float* base,
               int margin) {
  for (const auto& t : taps) terms.push_back({base + margin + t.shift, t.weight});
}

// ---- Analysis of one line: n samples in (with a step), [L | H] or [H | L] out.
void analyze_line(const FilterBank& bank, const float* in, std::ptrdiff_t in_step, int n,
                  float* out, bool invert, Workspace& ws) {
  int low = (n + 1) / 2, high = n / 2;
  int m = bank.margin;
  ws.ensure(static_cast<std::size_t>(low + 2 * m));
  Extension ext = signal_extension(bank, n);
  fill_padded(ws.a.data(), low, m, in, in_step, n, ext, 2, 0);  // even samples
  fill_padded(ws.b.data(), low, m, in, in_step, n, ext, 2, 1);  // odd samples
  float* out_low = invert ? out + high : out;
  float* out_high = invert ? out : out + low;
  ws.terms.clear();
  add_terms(ws.terms, bank.low_even, ws.a.data(), m);
  add_terms(ws.terms, bank.low_odd, ws.b.data(), m);
  weighted_sum(out_low, ws.terms.data(), static_cast<int>(ws.terms.size()), low);
  ws.terms.clear();
  add_terms(ws.terms, bank.high_even, ws.a.data(), m);
  add_terms(ws.terms, bank.high_odd, ws.b.data(), m);
  weighted_sum(out_high, ws.terms.data(), static_cast<int>(ws.terms.size()), high);
}

// ---- Synthesis of one line: [L | H] or [H | L] in (contiguous), n samples out.
void synthesize_line(const FilterBank& bank, const float* in, int n, float* out, bool invert,
                     Workspace& ws) {
  int low = (n + 1) / 2, high = n / 2;
  int m = bank.margin;
  ws.ensure(static_cast<std::size_t>(low + 2 * m));
  const float* in_low = invert ? in + high : in;
  const float* in_high = invert ? in : in + low;
  fill_padded(ws.a.data(), low, m, in_low, 1, low, lowpass_extension(bank, n), 1, 0);
  fill_padded(ws.b.data(), low, m, in_high, 1, high, highpass_extension(bank, n), 1, 0);
  float* even = ws.c.data();
  float* odd = ws.d.data();
  for (int r = 0; r < 2; ++r) {
    ws.terms.clear();
    add_terms(ws.terms, bank.synth_low[r], ws.a.data(), m);
    add_terms(ws.terms, bank.synth_high[r], ws.b.data(), m);
    weighted_sum(r == 0 ? even : odd, ws.terms.data(), static_cast<int>(ws.terms.size()),
                 r == 0 ? low : high);
  }
  for (int i = 0; i < high; ++i) {
    out[2 * i] = even[i];
    out[2 * i + 1] = odd[i];
  }
  if (low > high) out[2 * high] = even[high];
}

// Adds the terms for sequence index idx of a column pass: the row it maps to, or nothing when
// the extension is zero there.
void add_row(std::vector<Term>& terms, const float* base, int count, std::ptrdiff_t stride,
             const Extension& ext, long idx, float weight) {
  if (idx >= 0 && idx < count) {
    terms.push_back({base + idx * stride, weight});
    return;
  }
  int source;
  float sign;
  ext.at(idx, source, sign);
  if (sign != 0) terms.push_back({base + static_cast<long>(source) * stride, sign * weight});
}

void analyze_columns(const FilterBank& bank, const float* in, int in_stride, int width, int n,
                     float* out, int out_stride, bool invert, Workspace& ws) {
  int low = (n + 1) / 2, high = n / 2;
  Extension ext = signal_extension(bank, n);
  auto emit = [&](int count, const std::vector<FilterTap>& even, const std::vector<FilterTap>& odd,
                  int first_out_row) {
    for (int i = 0; i < count; ++i) {
      ws.terms.clear();
      for (const auto& t : even) add_row(ws.terms, in, n, in_stride, ext, 2L * (i + t.shift), t.weight);
      for (const auto& t : odd) add_row(ws.terms, in, n, in_stride, ext, 2L * (i + t.shift) + 1, t.weight);
      weighted_sum(out + static_cast<long>(first_out_row + i) * out_stride, ws.terms.data(),
                   static_cast<int>(ws.terms.size()), width);
    }
  };
  emit(low, bank.low_even, bank.low_odd, invert ? high : 0);
  emit(high, bank.high_even, bank.high_odd, invert ? 0 : low);
}

void synthesize_columns(const FilterBank& bank, const float* in, int in_stride, int width, int n,
                        float* out, int out_stride, bool invert, Workspace& ws) {
  int low = (n + 1) / 2, high = n / 2;
  const float* in_low = in + static_cast<long>(invert ? high : 0) * in_stride;
  const float* in_high = in + static_cast<long>(invert ? 0 : low) * in_stride;
  Extension low_ext = lowpass_extension(bank, n);
  Extension high_ext = highpass_extension(bank, n);
  for (int j = 0; j < n; ++j) {
    int r = j & 1, m = j >> 1;
    ws.terms.clear();
    for (const auto& t : bank.synth_low[r]) add_row(ws.terms, in_low, low, in_stride, low_ext, m + t.shift, t.weight);
    for (const auto& t : bank.synth_high[r]) add_row(ws.terms, in_high, high, in_stride, high_ext, m + t.shift, t.weight);
    weighted_sum(out + static_cast<long>(j) * out_stride, ws.terms.data(),
                 static_cast<int>(ws.terms.size()), width);
  }
}

void analyze_node(const FilterBank& bank, const SplitNode& node, float* image, int stride,
                  float* scratch, Workspace& ws) {
  const Rect& r = node.rect;
  if (r.width <= 0 || r.height <= 0) return;
  float* base = image + static_cast<long>(r.y) * stride + r.x;
  for (int y = 0; y < r.height; ++y) {
    analyze_line(bank, base + static_cast<long>(y) * stride, 1, r.width,
                 scratch + static_cast<long>(y) * r.width, node.invert_x, ws);
  }
  analyze_columns(bank, scratch, r.width, r.width, r.height, base, stride, node.invert_y, ws);
}

void synthesize_node(const FilterBank& bank, const SplitNode& node, float* image, int stride,
                     float* scratch, Workspace& ws) {
  const Rect& r = node.rect;
  if (r.width <= 0 || r.height <= 0) return;
  float* base = image + static_cast<long>(r.y) * stride + r.x;
  synthesize_columns(bank, base, stride, r.width, r.height, scratch, r.width, node.invert_y, ws);
  for (int y = 0; y < r.height; ++y) {
    synthesize_line(bank, scratch + static_cast<long>(y) * r.width, r.width,
                    base + static_cast<long>(y) * stride, node.invert_x, ws);
  }
}

}  // namespace

Result<FilterBank> make_filter_bank(const TransformTable& table) {
  const auto& h0 = table.lowpass;
  const auto& h1 = table.highpass;
  int n0 = static_cast<int>(h0.size()), n1 = static_cast<int>(h1.size());
  if (n0 == 0 || n1 == 0) return invalid_argument("WSQ: the transform table has an empty filter");
  if (n0 % 2 != n1 % 2) {
    return unsupported("WSQ: transform table filters of " + std::to_string(n0) + " and " +
                       std::to_string(n1) +
                       " taps: a lowpass and highpass of different parity cannot reconstruct");
  }
  FilterBank bank;
  bank.half_sample = n0 % 2 == 0;
  std::vector<double> low(h0.begin(), h0.end());
  std::vector<double> high(h1.begin(), h1.end());
  if (bank.half_sample) {
    for (auto& c : high) c = -c;  // the spec's sign for antisymmetric highpass outputs
  }
  int a0 = bank.half_sample ? n0 / 2 - 1 : (n0 - 1) / 2;      // lowpass centred on 2n (+1/2)
  int a1 = bank.half_sample ? n1 / 2 - 1 : (n1 - 1) / 2 - 1;  // highpass on 2n+1 (or 2n + 1/2)
  int b0 = bank.half_sample ? n1 / 2 - 1 : (n1 - 1) / 2;
  int b1 = bank.half_sample ? n0 / 2 - 1 : (n0 - 1) / 2 - 1;
  // Duals: the synthesis lowpass is the modulated analysis highpass and vice versa (spec
  // relations), with the sign that gives each channel a positive gain: files store the
  // antisymmetric highpass of even-length banks in either orientation. No rescaling: a bank that
  // is biorthogonal only to the precision of its published coefficients (the NIST 6/10 pair is
  // off by 6e-5) then reconstructs exactly as other decoders do.
  std::vector<double> dual_low(high.size()), dual_high(low.size());
  for (std::size_t k = 0; k < high.size(); ++k) dual_low[k] = (k % 2 ? -1.0 : 1.0) * high[k];
  for (std::size_t k = 0; k < low.size(); ++k) dual_high[k] = (k % 2 ? -1.0 : 1.0) * low[k];
  auto inner = [](const std::vector<double>& f, int fo, const std::vector<double>& g, int go) {
    double sum = 0;
    for (int p = -128; p <= 128; ++p) {
      int i = p + fo, j = p + go;
      if (i >= 0 && i < static_cast<int>(f.size()) && j >= 0 && j < static_cast<int>(g.size())) {
        sum += f[static_cast<std::size_t>(i)] * g[static_cast<std::size_t>(j)];
      }
    }
    return sum;
  };
  double g0 = inner(low, a0, dual_low, b0);
  double g1 = inner(high, a1, dual_high, b1);
  if (std::fabs(g0) < 1e-6 || std::fabs(g1) < 1e-6) {
    return unsupported("WSQ: the transform table's filters are not a perfect-reconstruction pair");
  }
  if (g0 < 0) for (auto& c : dual_low) c = -c;
  if (g1 < 0) for (auto& c : dual_high) c = -c;

  for (double c : low) bank.lowpass.push_back(static_cast<float>(c));
  for (double c : high) bank.highpass.push_back(static_cast<float>(c));
  bank.lowpass_offset = a0;
  bank.highpass_offset = a1;
  analysis_taps(bank.lowpass, a0, bank.low_even, bank.low_odd);
  analysis_taps(bank.highpass, a1, bank.high_even, bank.high_odd);
  synthesis_taps(dual_low, b0, bank.synth_low);
  synthesis_taps(dual_high, b1, bank.synth_high);
  int reach = 0;
  for (const auto* taps : {&bank.low_even, &bank.low_odd, &bank.high_even, &bank.high_odd,
                           &bank.synth_low[0], &bank.synth_low[1], &bank.synth_high[0],
                           &bank.synth_high[1]}) {
    for (const auto& t : *taps) reach = std::max(reach, std::abs(t.shift));
  }
  bank.margin = reach + 2;
  return bank;
}

void analyze_split(const FilterBank& bank, const SplitNode& node, float* image, int stride) {
  std::vector<float> scratch(static_cast<std::size_t>(std::max(node.rect.area(), 0L)));
  Workspace ws;
  analyze_node(bank, node, image, stride, scratch.data(), ws);
}

void synthesize_split(const FilterBank& bank, const SplitNode& node, float* image, int stride) {
  std::vector<float> scratch(static_cast<std::size_t>(std::max(node.rect.area(), 0L)));
  Workspace ws;
  synthesize_node(bank, node, image, stride, scratch.data(), ws);
}

void analyze(const FilterBank& bank, const Decomposition& tree, float* image, int width,
             float* scratch) {
  Workspace ws;
  for (const auto& node : tree.nodes) analyze_node(bank, node, image, width, scratch, ws);
}

void synthesize(const FilterBank& bank, const Decomposition& tree, float* image, int width,
                float* scratch) {
  Workspace ws;
  for (auto it = tree.nodes.rbegin(); it != tree.nodes.rend(); ++it) {
    synthesize_node(bank, *it, image, width, scratch, ws);
  }
}

}  // namespace abis::image::wsq
