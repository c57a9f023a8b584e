#include "image/wsq_filter_bank.h"

#include <algorithm>
#include <cmath>

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
  Extension(int n, Edge left, Edge right) : n_(n), right_(right) {
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
  Edge right_;
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

// Scratch rows for one line: padded phase or subband sequences.
struct LineBuffers {
  std::vector<float> a, b, c, d;
  void ensure(std::size_t n) {
    if (a.size() < n) {
      a.resize(n);
      b.resize(n);
      c.resize(n);
      d.resize(n);
    }
  }
};

// Fills padded[i + margin] = source sequence's extension at i, for i in [-margin, count + margin).
// get(k) is the k-th sample of the sequence (k within its length).
template <typename Get>
void fill_padded(float* padded, int count, int margin, int length, const Extension& ext,
                 long index_scale, long index_offset, Get get) {
  for (int i = -margin; i < count + margin; ++i) {
    long idx = index_scale * i + index_offset;
    float value;
    if (idx >= 0 && idx < length) {
      value = get(static_cast<int>(idx));
    } else {
      int source;
      float sign;
      ext.at(idx, source, sign);
      value = sign == 0 ? 0.0f : sign * get(source);
    }
    padded[i + margin] = value;
  }
}

inline void accumulate(float* out, const float* in, float weight, int count) {
  for (int i = 0; i < count; ++i) out[i] += weight * in[i];
}

// ---- Analysis of one line: n samples in, [L | H] or [H | L] out.
void analyze_line(const FilterBank& bank, const float* in, std::ptrdiff_t in_step, int n,
                  float* out, bool invert, LineBuffers& buf) {
  int low = (n + 1) / 2, high = n / 2;
  int m = bank.margin;
  buf.ensure(static_cast<std::size_t>(low + 2 * m));
  Extension ext = signal_extension(bank, n);
  auto get = [&](int k) { return in[k * in_step]; };
  fill_padded(buf.a.data(), low, m, n, ext, 2, 0, get);  // even samples
  fill_padded(buf.b.data(), low, m, n, ext, 2, 1, get);  // odd samples
  float* lo = buf.c.data();
  float* hi = buf.d.data();
  std::fill_n(lo, low, 0.0f);
  std::fill_n(hi, low, 0.0f);
  for (const auto& t : bank.low_even) accumulate(lo, buf.a.data() + m + t.shift, t.weight, low);
  for (const auto& t : bank.low_odd) accumulate(lo, buf.b.data() + m + t.shift, t.weight, low);
  for (const auto& t : bank.high_even) accumulate(hi, buf.a.data() + m + t.shift, t.weight, high);
  for (const auto& t : bank.high_odd) accumulate(hi, buf.b.data() + m + t.shift, t.weight, high);
  float* out_low = invert ? out + high : out;
  float* out_high = invert ? out : out + low;
  std::copy_n(lo, low, out_low);
  std::copy_n(hi, high, out_high);
}

// ---- Synthesis of one line: [L | H] or [H | L] in (contiguous), n samples out with a step.
void synthesize_line(const FilterBank& bank, const float* in, int n, float* out,
                     std::ptrdiff_t out_step, bool invert, LineBuffers& buf) {
  int low = (n + 1) / 2, high = n / 2;
  int m = bank.margin;
  buf.ensure(static_cast<std::size_t>(low + 2 * m));
  const float* in_low = invert ? in + high : in;
  const float* in_high = invert ? in : in + low;
  fill_padded(buf.a.data(), low, m, low, lowpass_extension(bank, n), 1, 0,
              [&](int k) { return in_low[k]; });
  fill_padded(buf.b.data(), low, m, high, highpass_extension(bank, n), 1, 0,
              [&](int k) { return in_high[k]; });
  float* even = buf.c.data();
  float* odd = buf.d.data();
  std::fill_n(even, low, 0.0f);
  std::fill_n(odd, low, 0.0f);
  for (const auto& t : bank.synth_low[0]) accumulate(even, buf.a.data() + m + t.shift, t.weight, low);
  for (const auto& t : bank.synth_high[0]) accumulate(even, buf.b.data() + m + t.shift, t.weight, low);
  for (const auto& t : bank.synth_low[1]) accumulate(odd, buf.a.data() + m + t.shift, t.weight, high);
  for (const auto& t : bank.synth_high[1]) accumulate(odd, buf.b.data() + m + t.shift, t.weight, high);
  for (int i = 0; i < high; ++i) {
    out[(2 * i) * out_step] = even[i];
    out[(2 * i + 1) * out_step] = odd[i];
  }
  if (low > high) out[(2 * high) * out_step] = even[high];
}

// Row sources of a vertical pass: for each padded index, a pointer to a row and its sign.
struct RowRef {
  const float* row;
  float sign;
};

void analyze_columns(const FilterBank& bank, const float* in, int in_stride, int width, int n,
                     float* out, int out_stride, bool invert) {
  int low = (n + 1) / 2, high = n / 2;
  Extension ext = signal_extension(bank, n);
  auto row_at = [&](long idx) -> RowRef {
    if (idx >= 0 && idx < n) return {in + idx * in_stride, 1.0f};
    int source;
    float sign;
    ext.at(idx, source, sign);
    return {in + static_cast<long>(source) * in_stride, sign};
  };
  auto emit = [&](int count, const std::vector<FilterTap>& even, const std::vector<FilterTap>& odd,
                  int first_out_row) {
    for (int i = 0; i < count; ++i) {
      float* dst = out + static_cast<long>(first_out_row + i) * out_stride;
      std::fill_n(dst, width, 0.0f);
      for (const auto& t : even) {
        RowRef r = row_at(2L * (i + t.shift));
        if (r.sign != 0) accumulate(dst, r.row, r.sign * t.weight, width);
      }
      for (const auto& t : odd) {
        RowRef r = row_at(2L * (i + t.shift) + 1);
        if (r.sign != 0) accumulate(dst, r.row, r.sign * t.weight, width);
      }
    }
  };
  emit(low, bank.low_even, bank.low_odd, invert ? high : 0);
  emit(high, bank.high_even, bank.high_odd, invert ? 0 : low);
}

void synthesize_columns(const FilterBank& bank, const float* in, int in_stride, int width, int n,
                        float* out, int out_stride, bool invert) {
  int low = (n + 1) / 2, high = n / 2;
  const float* in_low = in + static_cast<long>(invert ? high : 0) * in_stride;
  const float* in_high = in + static_cast<long>(invert ? 0 : low) * in_stride;
  Extension low_ext = lowpass_extension(bank, n);
  Extension high_ext = highpass_extension(bank, n);
  auto row_at = [&](const float* base, int count, const Extension& ext, long idx) -> RowRef {
    if (idx >= 0 && idx < count) return {base + idx * in_stride, 1.0f};
    int source;
    float sign;
    ext.at(idx, source, sign);
    return {base + static_cast<long>(source) * in_stride, sign};
  };
  for (int j = 0; j < n; ++j) {
    int r = j & 1, m = j >> 1;
    float* dst = out + static_cast<long>(j) * out_stride;
    std::fill_n(dst, width, 0.0f);
    for (const auto& t : bank.synth_low[r]) {
      RowRef src = row_at(in_low, low, low_ext, m + t.shift);
      if (src.sign != 0) accumulate(dst, src.row, src.sign * t.weight, width);
    }
    for (const auto& t : bank.synth_high[r]) {
      RowRef src = row_at(in_high, high, high_ext, m + t.shift);
      if (src.sign != 0) accumulate(dst, src.row, src.sign * t.weight, width);
    }
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
  // Duals: the synthesis lowpass is the modulated analysis highpass and vice versa, scaled so
  // that <analysis, dual> = 1 in each channel.
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
  for (auto& c : dual_low) c /= g0;
  for (auto& c : dual_high) c /= g1;

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
  const Rect& r = node.rect;
  if (r.width <= 0 || r.height <= 0) return;
  std::vector<float> scratch(static_cast<std::size_t>(r.width) * r.height);
  LineBuffers buf;
  float* base = image + static_cast<long>(r.y) * stride + r.x;
  for (int y = 0; y < r.height; ++y) {
    analyze_line(bank, base + static_cast<long>(y) * stride, 1, r.width,
                 scratch.data() + static_cast<long>(y) * r.width, node.invert_x, buf);
  }
  analyze_columns(bank, scratch.data(), r.width, r.width, r.height, base, stride, node.invert_y);
}

void synthesize_split(const FilterBank& bank, const SplitNode& node, float* image, int stride) {
  const Rect& r = node.rect;
  if (r.width <= 0 || r.height <= 0) return;
  std::vector<float> scratch(static_cast<std::size_t>(r.width) * r.height);
  LineBuffers buf;
  float* base = image + static_cast<long>(r.y) * stride + r.x;
  synthesize_columns(bank, base, stride, r.width, r.height, scratch.data(), r.width,
                     node.invert_y);
  for (int y = 0; y < r.height; ++y) {
    synthesize_line(bank, scratch.data() + static_cast<long>(y) * r.width, r.width,
                    base + static_cast<long>(y) * stride, 1, node.invert_x, buf);
  }
}

void analyze(const FilterBank& bank, const Decomposition& tree, std::vector<float>& image,
             int width, int height) {
  (void)height;
  for (const auto& node : tree.nodes) analyze_split(bank, node, image.data(), width);
}

void synthesize(const FilterBank& bank, const Decomposition& tree, std::vector<float>& image,
                int width, int height) {
  (void)height;
  for (auto it = tree.nodes.rbegin(); it != tree.nodes.rend(); ++it) {
    synthesize_split(bank, *it, image.data(), width);
  }
}

}  // namespace abis::image::wsq
