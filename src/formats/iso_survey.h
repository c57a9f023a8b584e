// The ISO/IEC 19794 survey: every minutiae record (FMR), finger image record (FIR) and ICAO DG3
// in a folder read, written back and (for images) decoded, with the outcome of each file
// (abis nist survey; the Formats section of docs/CONFORMANCE.md; the formats tests).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"

namespace abis::formats {

struct IsoSurveyFile {
  std::string file;     // relative to the folder
  std::string kind;     // "ISO/IEC 19794-2:2005", "ANSI INCITS 378-2004", "ISO/IEC 19794-4:2005", "ICAO DG3", "other"
  std::string outcome;  // "read", "refused: <message>", "not ours (<magic>)"
  std::string detail;   // views and minutiae, or images and sizes
  bool identical_rewrite = false;  // write(read(x)) == x (minutiae: with the length field as read)
  std::size_t warnings = 0;
  std::size_t images = 0, decoded = 0;
};

// Every regular file under dir except MANIFEST.md and SHA256SUMS, sorted by path.
Result<std::vector<IsoSurveyFile>> run_iso_survey(const std::filesystem::path& dir);
std::string render_iso_survey(const std::vector<IsoSurveyFile>& files);

}  // namespace abis::formats
