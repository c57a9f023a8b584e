// The WSQ conformance check behind `abis wsq conformance` and docs/CONFORMANCE.md: the decoder
// against the NBIS 5.0.0 reconstructions of every file in the shared WSQ folder, and the encoder
// against the NIST certification reference files (spec Annex AA, "Procedures for determining
// compliance": file size within 0.4 %, bin widths within 0.051 %, quantised coefficients 99.99 %
// identical and none off by more than one).
//
// The folder layout is that of ../shared/data/formats/wsq (see its MANIFEST.md). Reads files;
// otherwise pure. Thread-compatible (no shared state).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"

namespace abis::image {

struct WsqDecodeCheck {
  std::string file;   // relative to the WSQ folder
  std::string group;  // "NIST 0.75 bpp", "NIST 2.25 bpp", "NIST non-9/7 filters", "other encoders"
  std::string expected;  // the reference image it was compared with
  std::string error;     // why it could not be decoded or compared; empty when it was
  int width = 0;
  int height = 0;
  int filter_taps_low = 0;
  int filter_taps_high = 0;
  std::uint64_t pixels = 0;
  std::uint64_t equal = 0;       // pixels identical to the NBIS reconstruction
  std::uint64_t off_by_one = 0;
  std::uint64_t worse = 0;       // off by more than one grey level
  int max_difference = 0;
  bool hash_matches = false;     // SHA-256 of our pixels equals WSQ-CHECKSUMS.tsv's NBIS hash
  bool ppi_matches = false;      // PPI read from NISTCOM equals the checksum list's
  bool ok() const { return error.empty() && worse == 0; }
};

struct WsqEncodeCheck {
  std::string image;
  double bitrate = 0;
  std::string error;
  std::size_t reference_bytes = 0;  // comment segments excluded
  std::size_t our_bytes = 0;        // comment segments excluded
  double size_difference_pct = 0;
  double max_bin_width_difference_pct = 0;       // subbands 0-59
  double max_zero_bin_width_difference_pct = 0;  // subbands 0-59
  bool same_subbands = false;       // both transmit the same subbands
  std::uint64_t coefficients = 0;
  std::uint64_t identical = 0;
  std::uint64_t off_by_one = 0;
  std::uint64_t worse = 0;
  int encoder_number = 0;
  bool nistcom_with_ppi = false;
  bool pass() const;
};

struct WsqConformanceReport {
  std::vector<WsqDecodeCheck> decode;
  std::vector<WsqEncodeCheck> encode;
};

// Limits of the certification rules (spec Annex AA).
constexpr double kMaxSizeDifferencePct = 0.4;
constexpr double kMaxBinWidthDifferencePct = 0.051;
constexpr double kMinIdenticalCoefficientShare = 0.9999;

struct WsqConformanceOptions {
  bool decoder = true;
  bool encoder = true;
  // Called after each file with a one-line summary, for progress output.
  std::function<void(const std::string&)> progress;
};

Result<WsqConformanceReport> run_wsq_conformance(const std::filesystem::path& wsq_dir,
                                                 const WsqConformanceOptions& options = {});

// The WSQ section of docs/CONFORMANCE.md.
std::string render_wsq_conformance(const WsqConformanceReport& report);

}  // namespace abis::image
