// The ANSI/NIST-ITL survey: every transaction in a folder read, validated, written back and read
// again, and every image decoded and checked against the reference list IMAGE-RECORDS.tsv of the
// shared data (abis nist survey; the Formats section of docs/CONFORMANCE.md; the formats tests).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"

namespace abis::formats::ansi_nist {

struct SurveyImage {
  std::size_t record_index = 0;
  int record_type = 0;
  std::string compression;   // declared
  std::string payload_kind;  // sniffed
  int declared_width = 0, declared_height = 0;
  int width = 0, height = 0;  // decoded, 0 when not decoded
  std::string outcome;        // "decoded", "unsupported", "error"
  std::string message;        // why not decoded
  std::string reference;      // the IMAGE-RECORDS.tsv hash column ("nbis:...", "-" when none)
  std::string our_hash;       // SHA-256 prefix (16 hex) of our pixels or payload, same kind
  bool hash_equal = false;
};

struct SurveyFile {
  std::string file;  // relative to the surveyed folder
  std::size_t bytes = 0;
  std::string version;
  std::size_t records = 0;
  std::string read_error;        // empty when read
  bool identical_rewrite = false;  // write(read(x)) == x byte for byte
  bool round_trip = false;       // read(write(read(x))) has the same records, fields and payloads
  std::size_t errors = 0, warnings = 0;  // validation issues
  std::vector<std::string> issues;       // their text
  std::vector<SurveyImage> images;
};

struct SurveyReport {
  std::vector<SurveyFile> files;
};

// Surveys every *.an2, *.an2k, *.eft, *.nist file under dir (recursively, sorted by path). Images
// are matched to IMAGE-RECORDS.tsv rows (when dir holds it) by file, record type and order.
Result<SurveyReport> run_survey(const std::filesystem::path& dir);

// The Markdown tables of docs/CONFORMANCE.md's Formats section.
std::string render_survey(const SurveyReport& report);

}  // namespace abis::formats::ansi_nist
