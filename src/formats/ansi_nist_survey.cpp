// The ANSI/NIST-ITL survey (ansi_nist_survey.h).
#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "core/file_io.h"
#include "formats/ansi_nist.h"
#include "formats/ansi_nist_images.h"
#include "formats/ansi_nist_survey.h"
#include "formats/ansi_nist_validate.h"

namespace abis::formats::ansi_nist {
namespace {

namespace fs = std::filesystem;

std::string sha256_prefix(std::span<const std::uint8_t> data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), md, &n, EVP_sha256(), nullptr);
  char hex[17];
  for (int i = 0; i < 8; ++i) std::snprintf(hex + 2 * i, 3, "%02x", md[i]);
  return std::string(hex, 16);
}

struct TsvRow {
  int type = 0;
  std::string reference;
};

// IMAGE-RECORDS.tsv: file, rec_type, idc, cga, w, h, bpx/slc, fgp, data_magic, data_bytes, hash.
std::map<std::string, std::vector<TsvRow>> read_tsv(const fs::path& path) {
  std::map<std::string, std::vector<TsvRow>> rows;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    if (cols.size() < 11) continue;
    std::string file = cols[0];
    if (file.rfind("ansi-nist/", 0) == 0) file.erase(0, 10);
    rows[file].push_back({std::atoi(cols[1].c_str()), cols[10]});
  }
  return rows;
}

// The bytes IMAGE-RECORDS.tsv hashes as "raw": everything after the first x.999 tag of the record
// up to its FS (for the NBIS files with a repeated tag, that includes the first field's text).
std::span<const std::uint8_t> raw_after_first_999(std::span<const std::uint8_t> file, const Record& r) {
  if (r.is_binary()) return r.data();
  const Field* f = r.find(999);
  if (!f || f->offset == kNoOffset || r.offset == kNoOffset) return {};
  const std::size_t tag = std::to_string(r.type).size() + 1 + f->tag_digits + 1;
  const std::size_t from = f->offset + tag, to = r.offset + r.length - 1;
  if (from > to || to > file.size()) return {};
  return file.subspan(from, to - from);
}

void survey_images(const Transaction& tx, std::span<const std::uint8_t> bytes,
                   const std::vector<TsvRow>* rows, SurveyFile& out) {
  std::map<int, std::size_t> seen_of_type;
  for (std::size_t i = 0; i < tx.records.size(); ++i) {
    auto info = describe_image(tx, i);
    if (!info) continue;
    SurveyImage s;
    s.record_index = i;
    s.record_type = info->record_type;
    s.compression = info->compression;
    s.payload_kind = info->payload_kind;
    s.declared_width = info->width;
    s.declared_height = info->height;
    s.reference = "-";
    if (rows) {
      std::size_t nth = seen_of_type[info->record_type]++;
      for (const auto& row : *rows) {
        if (row.type != info->record_type) continue;
        if (nth-- == 0) {
          s.reference = row.reference;
          break;
        }
      }
    }
    auto img = decode_record_image(tx, i);
    if (img.is_ok()) {
      s.outcome = "decoded";
      s.width = img->width;
      s.height = img->height;
    } else {
      s.outcome = img.status().code() == StatusCode::kUnsupported ? "unsupported" : "error";
      s.message = img.status().message();
    }
    if (s.reference.rfind("raw(", 0) == 0) {
      s.our_hash = sha256_prefix(raw_after_first_999(bytes, tx.records[i]));
    } else if (img.is_ok() && s.reference != "-") {
      s.our_hash = sha256_prefix(img->pixels);
    }
    const auto colon = s.reference.rfind(':');
    s.hash_equal = colon != std::string::npos && !s.our_hash.empty() && s.reference.substr(colon + 1) == s.our_hash;
    out.images.push_back(std::move(s));
  }
}

}  // namespace

Result<SurveyReport> run_survey(const fs::path& dir) {
  if (!fs::is_directory(dir)) return not_found(dir.string() + ": not a folder");
  std::vector<fs::path> paths;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string ext = e.path().extension().string();
    if (e.is_regular_file() && (ext == ".an2" || ext == ".an2k" || ext == ".eft" || ext == ".nist")) {
      paths.push_back(e.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  const auto tsv = read_tsv(dir / "IMAGE-RECORDS.tsv");
  SurveyReport report;
  for (const auto& path : paths) {
    SurveyFile f;
    f.file = fs::relative(path, dir).generic_string();
    ABIS_ASSIGN_OR_RETURN(core::Bytes bytes, core::read_file(path));
    f.bytes = bytes.size();
    auto read = read_transaction(bytes);
    if (!read.is_ok()) {
      f.read_error = read.status().message();
      report.files.push_back(std::move(f));
      continue;
    }
    const Transaction& tx = read->transaction;
    f.version = tx.version();
    f.records = tx.records.size();
    auto written = write_transaction(tx);
    if (written.is_ok()) {
      f.identical_rewrite = *written == bytes;
      auto again = read_transaction(*written);
      f.round_trip = again.is_ok() && same_content(tx, again->transaction);
    }
    ValidationReport v = validate_bytes(bytes);
    f.errors = v.errors();
    f.warnings = v.warnings();
    for (const auto& issue : v.issues) f.issues.push_back(issue.to_string());
    auto rows = tsv.find(f.file);
    survey_images(tx, bytes, rows == tsv.end() ? nullptr : &rows->second, f);
    report.files.push_back(std::move(f));
  }
  return report;
}

std::string render_survey(const SurveyReport& report) {
  std::ostringstream md;
  md << "## Formats: ANSI/NIST-ITL transactions\n\n"
        "Produced by `abis nist survey ../shared/data/formats/ansi-nist --markdown docs/CONFORMANCE.md`; "
        "do not edit by hand.\n\n"
        "Each file read (*read*), written back and compared byte for byte (*rewrite*: identical when its own "
        "LEN and CNT were right), read again and compared field by field (*round trip*: every field and payload "
        "kept; LEN and CNT recomputed), validated (*errors*, *warnings*: `abis nist validate`), and every image "
        "record decoded (*decoded*). *Same pixels as reference*: the SHA-256 of our decoded pixels (or, for "
        "uncompressed records, of the payload) equals the hash IMAGE-RECORDS.tsv lists; WSQ references are NBIS "
        "5.0.0 pixels, from which our decoder differs by at most one grey level in a few pixels (WSQ section), so "
        "few WSQ images hash equal.\n\n";
  md << "| file | VER | records | read | rewrite | round trip | errors | warnings | images | decoded | "
        "same pixels as reference | not decoded |\n";
  md << "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  std::size_t images = 0, decoded = 0, referenced = 0, equal = 0, files_ok = 0;
  std::vector<std::string> notes;
  std::map<std::string, std::pair<std::size_t, std::size_t>> by_kind;  // reference kind -> equal, total
  for (const auto& f : report.files) {
    std::size_t d = 0, ref = 0, eq = 0;
    std::string not_decoded;
    for (const auto& im : f.images) {
      if (im.outcome == "decoded") ++d;
      else not_decoded += (not_decoded.empty() ? "" : "; ") + std::to_string(im.record_index) + ": " + im.outcome;
      if (im.reference != "-") {
        ++ref;
        if (im.hash_equal) ++eq;
        auto& k = by_kind[im.reference.substr(0, im.reference.find_first_of(":("))];
        k.first += im.hash_equal;
        ++k.second;
      }
      if (im.outcome != "decoded") notes.push_back(f.file + " record " + std::to_string(im.record_index) + ": " + im.message);
    }
    images += f.images.size();
    decoded += d;
    referenced += ref;
    equal += eq;
    if (f.read_error.empty() && f.round_trip) ++files_ok;
    md << "| " << f.file << " | " << f.version << " | " << f.records << " | "
       << (f.read_error.empty() ? "yes" : "NO: " + f.read_error) << " | "
       << (f.identical_rewrite ? "identical" : "differs") << " | " << (f.round_trip ? "yes" : "NO") << " | "
       << f.errors << " | " << f.warnings << " | " << f.images.size() << " | " << d << " | "
       << (ref ? std::to_string(eq) + "/" + std::to_string(ref) : "-") << " | "
       << (not_decoded.empty() ? "-" : not_decoded) << " |\n";
  }
  md << "\n" << report.files.size() << " files, " << files_ok << " read and round-tripped; " << images
     << " image records, " << decoded << " decoded; " << equal << " of " << referenced
     << " with a reference hash give exactly the reference's pixels (or payload bytes).\n";
  md << "\nBy reference kind (IMAGE-RECORDS.tsv):";
  for (const auto& [kind, counts] : by_kind) {
    md << " " << kind << " " << counts.first << "/" << counts.second << ";";
  }
  md << "\n";
  if (!notes.empty()) {
    md << "\nNot decoded:\n\n";
    for (const auto& n : notes) md << "- " << n << "\n";
  }
  return md.str();
}

}  // namespace abis::formats::ansi_nist
