#include "image/wsq_conformance.h"

#include <openssl/evp.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "core/file_io.h"
#include "image/codecs.h"
#include "image/wsq.h"
#include "image/wsq_decoder.h"
#include "image/wsq_nistcom.h"
#include "image/wsq_segments.h"
#include "image/wsq_tree.h"

namespace abis::image {
namespace fs = std::filesystem;

namespace {

std::vector<std::vector<std::string>> read_tsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> cells;
    std::size_t pos = 0;
    while (true) {
      std::size_t tab = line.find('\t', pos);
      cells.push_back(line.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos));
      if (tab == std::string::npos) break;
      pos = tab + 1;
    }
    rows.push_back(std::move(cells));
  }
  return rows;
}

Result<std::vector<std::uint8_t>> gunzip(std::span<const std::uint8_t> data) {
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return internal_error("zlib: inflateInit2 failed");
  std::vector<std::uint8_t> out(data.size() * 4 + 1024);
  z.next_in = const_cast<Bytef*>(data.data());
  z.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (z.total_out == out.size()) out.resize(out.size() * 2);
    z.next_out = out.data() + z.total_out;
    z.avail_out = static_cast<uInt>(out.size() - z.total_out);
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&z);
      return invalid_argument("gzip data is corrupt");
    }
  }
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

std::string sha256_hex(std::span<const std::uint8_t> data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  std::string hex;
  char buf[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", digest[i]);
    hex += buf;
  }
  return hex;
}

Result<GrayImage> load_reference(const fs::path& path) {
  ABIS_ASSIGN_OR_RETURN(core::Bytes bytes, core::read_file(path));
  if (path.extension() == ".gz") {
    ABIS_ASSIGN_OR_RETURN(bytes, gunzip(bytes));
  }
  return decode_image(bytes);
}

// The reference image for a WSQ file of the shared folder (layout: its MANIFEST.md).
std::optional<fs::path> expected_image_for(const fs::path& wsq_dir, const fs::path& relative) {
  std::string rel = relative.generic_string();
  const std::string nist = "nist-wsq-reference-v2.0/decode/";
  if (rel.rfind(nist, 0) == 0) {
    fs::path sub = fs::path(rel.substr(nist.size()));
    fs::path p = wsq_dir / "nist-wsq-reference-v2.0/nbis-5.0.0-reconstruction" /
                 sub.parent_path() / (sub.stem().string() + ".pgm.gz");
    if (fs::exists(p)) return p;
    return std::nullopt;
  }
  fs::path folder = (wsq_dir / relative).parent_path();
  std::string stem = relative.stem().string();
  std::vector<fs::path> images;
  std::size_t wsq_count = 0;
  for (const auto& entry : fs::directory_iterator(folder)) {
    auto ext = entry.path().extension().string();
    if (ext == ".wsq") ++wsq_count;
    if (ext == ".png" || ext == ".pgm") images.push_back(entry.path());
  }
  std::sort(images.begin(), images.end());
  for (const auto& p : images) {
    std::string name = p.filename().string();
    if (name.rfind(stem + ".", 0) == 0) return p;
  }
  if (wsq_count == 1 && images.size() == 1) return images[0];  // one file, one decoded image
  return std::nullopt;
}

std::string group_of(const std::string& rel) {
  if (rel.find("/decode/75/") != std::string::npos) return "NIST reference, 0.75 bpp";
  if (rel.find("/decode/225/") != std::string::npos) return "NIST reference, 2.25 bpp";
  if (rel.find("/decode/not_7_9/") != std::string::npos) return "NIST reference, non-9/7 filters";
  return "other encoders (misc-pairs)";
}

WsqDecodeCheck check_decode(const fs::path& wsq_dir, const std::vector<std::string>& row) {
  // row: path, file_sha256, width, height, ppi_in_NISTCOM, nbis_decoded_pixels_sha256
  WsqDecodeCheck c;
  c.file = row[0];
  c.group = group_of(c.file);
  auto bytes = core::read_file(wsq_dir / c.file);
  if (!bytes.is_ok()) {
    c.error = bytes.status().message();
    return c;
  }
  auto info = read_wsq_info(*bytes);
  if (info.is_ok()) {
    c.filter_taps_low = info->lowpass_taps;
    c.filter_taps_high = info->highpass_taps;
  }
  auto decoded = decode_wsq(*bytes);
  if (!decoded.is_ok()) {
    c.error = decoded.status().message();
    return c;
  }
  c.width = decoded->width;
  c.height = decoded->height;
  c.hash_matches = row.size() > 5 && sha256_hex(decoded->pixels) == row[5];
  double listed_ppi = row.size() > 4 ? std::atof(row[4].c_str()) : -1;
  c.ppi_matches = listed_ppi > 0 ? std::fabs(decoded->ppi - listed_ppi) < 0.5 : decoded->ppi == 0;
  auto expected_path = expected_image_for(wsq_dir, c.file);
  if (!expected_path) {
    c.error = "no reference image found";
    return c;
  }
  c.expected = fs::relative(*expected_path, wsq_dir).generic_string();
  auto expected = load_reference(*expected_path);
  if (!expected.is_ok()) {
    c.error = c.expected + ": " + expected.status().message();
    return c;
  }
  if (expected->width != c.width || expected->height != c.height) {
    c.error = "size " + std::to_string(c.width) + "x" + std::to_string(c.height) +
              " differs from the reference's " + std::to_string(expected->width) + "x" +
              std::to_string(expected->height);
    return c;
  }
  c.pixels = decoded->pixels.size();
  for (std::size_t i = 0; i < decoded->pixels.size(); ++i) {
    int d = std::abs(int(decoded->pixels[i]) - int(expected->pixels[i]));
    c.max_difference = std::max(c.max_difference, d);
    if (d == 0) ++c.equal;
    else if (d == 1) ++c.off_by_one;
    else ++c.worse;
  }
  return c;
}

double pct_difference(double ours, double reference) {
  if (reference == 0) return ours == 0 ? 0.0 : 100.0;
  return 100.0 * std::fabs(ours - reference) / reference;
}

WsqEncodeCheck check_encode(const fs::path& nist_dir, const std::string& image, double bitrate) {
  WsqEncodeCheck c;
  c.image = image;
  c.bitrate = bitrate;
  auto input_bytes = core::read_file(nist_dir / "encode-input" / (image + ".pgm"));
  if (!input_bytes.is_ok()) {
    c.error = input_bytes.status().message();
    return c;
  }
  auto input = decode_pgm(*input_bytes);
  if (!input.is_ok()) {
    c.error = input.status().message();
    return c;
  }
  input->ppi = 500;  // the certification inputs are 500 ppi scans
  std::string rate_dir = bitrate < 1.0 ? "75" : "225";
  auto ref_bytes = core::read_file(nist_dir / "decode" / rate_dir / (image + ".wsq"));
  if (!ref_bytes.is_ok()) {
    c.error = ref_bytes.status().message();
    return c;
  }
  WsqEncodeOptions options;
  options.bitrate = bitrate;
  auto ours = encode_wsq(*input, options);
  if (!ours.is_ok()) {
    c.error = ours.status().message();
    return c;
  }
  auto ref_stream = wsq::parse_stream(*ref_bytes);
  auto our_stream = wsq::parse_stream(*ours);
  if (!ref_stream.is_ok() || !our_stream.is_ok()) {
    c.error = !ref_stream.is_ok() ? ref_stream.status().message() : our_stream.status().message();
    return c;
  }
  c.reference_bytes = ref_bytes->size() - ref_stream->comment_bytes;
  c.our_bytes = ours->size() - our_stream->comment_bytes;
  c.size_difference_pct = 100.0 * (double(c.our_bytes) - double(c.reference_bytes)) /
                          double(c.reference_bytes);
  c.encoder_number = our_stream->frame.encoder_number;
  std::vector<std::string> texts;
  for (const auto& com : our_stream->comments) texts.push_back(com.text);
  c.nistcom_with_ppi = wsq::nistcom_ppi(texts).has_value();
  c.same_subbands = true;
  for (int k = 0; k < 60; ++k) {
    double rq = ref_stream->quantization.bin_width[k], oq = our_stream->quantization.bin_width[k];
    double rz = ref_stream->quantization.zero_bin_width[k];
    double oz = our_stream->quantization.zero_bin_width[k];
    if ((rq == 0) != (oq == 0)) c.same_subbands = false;
    c.max_bin_width_difference_pct = std::max(c.max_bin_width_difference_pct, pct_difference(oq, rq));
    c.max_zero_bin_width_difference_pct =
        std::max(c.max_zero_bin_width_difference_pct, pct_difference(oz, rz));
  }
  wsq::Decomposition tree = wsq::build_decomposition(input->width, input->height);
  auto ref_coef = wsq::decode_coefficients(*ref_stream, tree);
  auto our_coef = wsq::decode_coefficients(*our_stream, tree);
  if (!ref_coef.is_ok() || !our_coef.is_ok()) {
    c.error = !ref_coef.is_ok() ? ref_coef.status().message() : our_coef.status().message();
    return c;
  }
  if (!c.same_subbands) {
    c.error = "the two files transmit different subbands";
    return c;
  }
  c.coefficients = ref_coef->size();
  for (std::size_t i = 0; i < ref_coef->size(); ++i) {
    long d = std::labs(long((*ref_coef)[i]) - long((*our_coef)[i]));
    if (d == 0) ++c.identical;
    else if (d == 1) ++c.off_by_one;
    else ++c.worse;
  }
  return c;
}

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

}  // namespace

bool WsqEncodeCheck::pass() const {
  return error.empty() && std::fabs(size_difference_pct) <= kMaxSizeDifferencePct &&
         max_bin_width_difference_pct <= kMaxBinWidthDifferencePct &&
         max_zero_bin_width_difference_pct <= kMaxBinWidthDifferencePct && same_subbands &&
         coefficients > 0 &&
         double(identical) >= kMinIdenticalCoefficientShare * double(coefficients) && worse == 0 &&
         encoder_number == 2 && nistcom_with_ppi;
}

Result<WsqConformanceReport> run_wsq_conformance(const fs::path& wsq_dir,
                                                 const WsqConformanceOptions& options) {
  WsqConformanceReport report;
  if (options.decoder) {
    ABIS_ASSIGN_OR_RETURN(std::string checksums,
                          core::read_text_file(wsq_dir / "WSQ-CHECKSUMS.tsv"));
    auto rows = read_tsv(checksums);
    for (std::size_t i = 1; i < rows.size(); ++i) {
      if (rows[i].size() < 6) continue;
      report.decode.push_back(check_decode(wsq_dir, rows[i]));
      if (options.progress) {
        const auto& c = report.decode.back();
        options.progress("decode " + c.file + ": " +
                         (c.error.empty() ? "max diff " + std::to_string(c.max_difference) +
                                                ", equal " + std::to_string(c.equal) + "/" +
                                                std::to_string(c.pixels)
                                          : c.error));
      }
    }
  }
  if (options.encoder) {
    fs::path nist_dir = wsq_dir / "nist-wsq-reference-v2.0";
    ABIS_ASSIGN_OR_RETURN(std::string params,
                          core::read_text_file(nist_dir / "REFERENCE-PARAMS.tsv"));
    auto rows = read_tsv(params);
    for (std::size_t i = 1; i < rows.size(); ++i) {
      if (rows[i].size() < 5) continue;
      report.encode.push_back(check_encode(nist_dir, rows[i][0], std::atof(rows[i][4].c_str())));
      if (options.progress) {
        const auto& c = report.encode.back();
        options.progress("encode " + c.image + " @ " + fixed(c.bitrate, 2) + ": " +
                         (c.error.empty()
                              ? "size " + fixed(c.size_difference_pct, 3) + "%, Q " +
                                    fixed(c.max_bin_width_difference_pct, 4) + "%, Z " +
                                    fixed(c.max_zero_bin_width_difference_pct, 4) +
                                    "%, identical " + std::to_string(c.identical) + "/" +
                                    std::to_string(c.coefficients) + ", worse " +
                                    std::to_string(c.worse) + (c.pass() ? " PASS" : " FAIL")
                              : c.error));
      }
    }
  }
  return report;
}

std::string render_wsq_conformance(const WsqConformanceReport& report) {
  std::ostringstream md;
  md << "## WSQ\n\n"
     << "Produced by `abis wsq conformance ../shared/data/formats/wsq --markdown "
        "docs/CONFORMANCE.md`; do not edit by hand.\n\n";
  if (!report.decode.empty()) {
    md << "### Decoder against the NBIS 5.0.0 reconstructions\n\n"
       << "Every `.wsq` listed in `WSQ-CHECKSUMS.tsv`, decoded and compared pixel by pixel with the "
          "NBIS 5.0.0 reconstruction shipped with the data. Target: every pixel within 1 grey "
          "level. Bit-identical files: the SHA-256 of our pixels equals the NBIS hash in "
          "`WSQ-CHECKSUMS.tsv`; PPI read: the PPI taken from the NISTCOM comment matches the "
          "list.\n\n"
       << "| files | filters (DTT) | decoded | pixels | exactly equal | off by 1 | off by >1 | "
          "max diff | bit-identical files | PPI read |\n"
       << "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    std::map<std::string, std::vector<const WsqDecodeCheck*>> groups;
    std::vector<std::string> order;
    for (const auto& c : report.decode) {
      if (!groups.count(c.group)) order.push_back(c.group);
      groups[c.group].push_back(&c);
    }
    std::uint64_t all_pixels = 0, all_equal = 0, all_worse = 0;
    std::size_t all_ok = 0;
    for (const auto& g : order) {
      std::uint64_t pixels = 0, equal = 0, one = 0, worse = 0;
      std::size_t decoded = 0, identical = 0, ppi = 0;
      int max_diff = 0;
      std::map<std::string, int> filters;
      for (const auto* c : groups[g]) {
        if (c->error.empty()) ++decoded;
        pixels += c->pixels;
        equal += c->equal;
        one += c->off_by_one;
        worse += c->worse;
        max_diff = std::max(max_diff, c->max_difference);
        identical += c->hash_matches;
        ppi += c->ppi_matches;
        filters[std::to_string(c->filter_taps_low) + "/" + std::to_string(c->filter_taps_high)]++;
        all_ok += c->ok();
      }
      std::string filter_list;
      for (const auto& [f, n] : filters) filter_list += (filter_list.empty() ? "" : ", ") + f;
      all_pixels += pixels;
      all_equal += equal;
      all_worse += worse;
      md << "| " << g << " (" << groups[g].size() << ") | " << filter_list << " | " << decoded
         << " | " << pixels << " | " << fixed(100.0 * double(equal) / double(std::max<std::uint64_t>(pixels, 1)), 4)
         << " % | " << one << " | " << worse << " | " << max_diff << " | " << identical << " | "
         << ppi << " |\n";
    }
    md << "\nAll " << report.decode.size() << " files: " << all_ok << " within 1 grey level "
       << "everywhere; " << fixed(100.0 * double(all_equal) / double(std::max<std::uint64_t>(all_pixels, 1)), 4)
       << " % of " << all_pixels << " pixels exactly equal to NBIS, " << all_worse
       << " pixels off by more than 1.\n\n";
    bool any_error = false;
    for (const auto& c : report.decode) {
      if (!c.ok()) {
        if (!any_error) md << "Failures:\n\n";
        any_error = true;
        md << "- `" << c.file << "`: " << (c.error.empty() ? "pixels off by more than 1" : c.error)
           << "\n";
      }
    }
    if (any_error) md << "\n";
  }
  if (!report.encode.empty()) {
    md << "### Encoder against the NIST certification reference files\n\n"
       << "Each of the 40 certification inputs encoded at 0.75 and 2.25 bpp and compared with "
          "NIST's reference file for it (spec Annex AA): size without comment segments within "
          "±" << fixed(kMaxSizeDifferencePct, 1) << " %, every bin width Q and zero-bin width Z "
          "of subbands 0-59 within ±" << fixed(kMaxBinWidthDifferencePct, 3)
       << " %, at least " << fixed(100 * kMinIdenticalCoefficientShare, 2)
       << " % of the quantised coefficients identical and none off by more than 1; encoder "
          "number 2 and a NISTCOM comment with the PPI.\n\n"
       << "| image | bpp | reference bytes | our bytes | size diff | max Q diff | max Z diff | "
          "identical coefficients | off by 1 | off by >1 | result |\n"
       << "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n";
    std::size_t passed = 0;
    double worst_size = 0, worst_q = 0, worst_z = 0, worst_share = 1;
    std::uint64_t total_coef = 0, total_identical = 0, total_worse = 0;
    for (const auto& c : report.encode) {
      passed += c.pass();
      if (!c.error.empty()) {
        md << "| " << c.image << " | " << fixed(c.bitrate, 2) << " | | | | | | | | | " << c.error
           << " |\n";
        continue;
      }
      double share = double(c.identical) / double(std::max<std::uint64_t>(c.coefficients, 1));
      worst_size = std::max(worst_size, std::fabs(c.size_difference_pct));
      worst_q = std::max(worst_q, c.max_bin_width_difference_pct);
      worst_z = std::max(worst_z, c.max_zero_bin_width_difference_pct);
      worst_share = std::min(worst_share, share);
      total_coef += c.coefficients;
      total_identical += c.identical;
      total_worse += c.worse;
      md << "| " << c.image << " | " << fixed(c.bitrate, 2) << " | " << c.reference_bytes << " | "
         << c.our_bytes << " | " << fixed(c.size_difference_pct, 3) << " % | "
         << fixed(c.max_bin_width_difference_pct, 4) << " % | "
         << fixed(c.max_zero_bin_width_difference_pct, 4) << " % | " << fixed(100 * share, 4)
         << " % | " << c.off_by_one << " | " << c.worse << " | " << (c.pass() ? "pass" : "FAIL")
         << " |\n";
    }
    md << "\n" << passed << " of " << report.encode.size() << " encodings pass. Worst: size "
       << fixed(worst_size, 3) << " %, Q " << fixed(worst_q, 4) << " %, Z " << fixed(worst_z, 4)
       << " %, identical coefficients " << fixed(100 * worst_share, 4) << " % (overall "
       << fixed(100.0 * double(total_identical) / double(std::max<std::uint64_t>(total_coef, 1)), 5)
       << " % of " << total_coef << "), " << total_worse << " coefficients off by more than 1.\n";
  }
  return md.str();
}

}  // namespace abis::image
