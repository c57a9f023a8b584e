// The ISO/IEC 19794 / ICAO DG3 survey (iso_survey.h).
#include <algorithm>
#include <cstring>
#include <map>
#include <sstream>

#include "core/file_io.h"
#include "formats/icao_dg3.h"
#include "formats/iso19794_2.h"
#include "formats/iso19794_4.h"
#include "formats/iso_survey.h"

namespace abis::formats {
namespace {

namespace fs = std::filesystem;

bool starts(const core::Bytes& b, const char* magic) {
  return b.size() >= 4 && std::memcmp(b.data(), magic, 4) == 0;
}

void survey_minutiae(const core::Bytes& b, IsoSurveyFile& f) {
  std::vector<std::string> warnings;
  auto rec = read_minutiae_record(b, {}, &warnings);
  if (!rec.is_ok()) {
    f.kind = "FMR";
    f.outcome = "refused: " + rec.status().message();
    return;
  }
  f.kind = minutiae_standard_name(rec->standard);
  f.outcome = "read";
  f.warnings = warnings.size();
  std::size_t minutiae = 0;
  for (const auto& v : rec->views) minutiae += v.minutiae.size();
  f.detail = std::to_string(rec->views.size()) + " views, " + std::to_string(minutiae) + " minutiae";
  MinutiaeWriteOptions keep;
  keep.keep_length_as_read = true;
  auto written = write_minutiae_record(*rec, keep);
  f.identical_rewrite = written.is_ok() && *written == b;
}

void survey_images(const FingerImageRecord& rec, IsoSurveyFile& f) {
  for (std::size_t i = 0; i < rec.images.size(); ++i) {
    ++f.images;
    auto img = decode_finger_image(rec, i);
    if (img.is_ok()) {
      ++f.decoded;
      f.detail += (f.detail.empty() ? "" : ", ") + std::string("position ") + std::to_string(rec.images[i].position) +
                  " " + std::to_string(img->width) + "x" + std::to_string(img->height) + " " +
                  finger_image_compression_name(rec.compression);
    }
  }
}

}  // namespace

Result<std::vector<IsoSurveyFile>> run_iso_survey(const fs::path& dir) {
  if (!fs::is_directory(dir)) return not_found(dir.string() + ": not a folder");
  std::vector<fs::path> paths;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && name != "MANIFEST.md" && name != "SHA256SUMS" && name != "README.md") {
      paths.push_back(e.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  std::vector<IsoSurveyFile> out;
  for (const auto& path : paths) {
    IsoSurveyFile f;
    f.file = fs::relative(path, dir).generic_string();
    ABIS_ASSIGN_OR_RETURN(core::Bytes b, core::read_file(path));
    if (starts(b, "FMR\0")) {
      survey_minutiae(b, f);
    } else if (starts(b, "FIR\0")) {
      f.kind = "ISO/IEC 19794-4:2005";
      std::vector<std::string> warnings;
      auto rec = read_finger_image_record(b, &warnings);
      if (!rec.is_ok()) {
        f.outcome = "refused: " + rec.status().message();
      } else {
        f.outcome = "read";
        f.warnings = warnings.size();
        survey_images(*rec, f);
        auto written = write_finger_image_record(*rec);
        f.identical_rewrite = written.is_ok() && *written == b;
      }
    } else if (!b.empty() && b[0] == 0x63) {
      f.kind = "ICAO DG3";
      auto dg3 = read_dg3(b);
      if (!dg3.is_ok()) {
        f.outcome = "refused: " + dg3.status().message();
      } else {
        f.outcome = "read";
        for (const auto& t : dg3->templates) {
          f.warnings += t.warnings.size();
          survey_images(t.record, f);
        }
      }
    } else {
      f.kind = "other";
      std::string magic;
      for (std::size_t i = 0; i < std::min<std::size_t>(4, b.size()); ++i) {
        magic += (b[i] >= 0x20 && b[i] < 0x7F && b[i] != '`' && b[i] != '|') ? char(b[i]) : '.';
      }
      f.outcome = "not ours (starts \"" + magic + "\")";
    }
    out.push_back(std::move(f));
  }
  return out;
}

std::string render_iso_survey(const std::vector<IsoSurveyFile>& files) {
  std::ostringstream md;
  md << "## Formats: ISO/IEC 19794 records and ICAO DG3\n\n"
        "Produced by `abis chip survey ../shared/data/formats/iso19794 --markdown docs/CONFORMANCE.md`; "
        "do not edit by hand.\n\n"
        "Each file recognised by its magic number, read, written back and compared byte for byte (*rewrite*; "
        "minutiae records with their length field as read), its images decoded. Warnings are the deviations "
        "the readers tolerate (docs/formats/iso19794.md).\n\n";
  md << "| file | kind | outcome | content | images decoded | rewrite | warnings |\n|---|---|---|---|---|---|---|\n";
  std::map<std::string, std::size_t> read_by_kind, identical_by_kind;
  std::vector<const IsoSurveyFile*> fvc;
  for (const auto& f : files) {
    if (f.outcome == "read") {
      ++read_by_kind[f.kind];
      identical_by_kind[f.kind] += f.identical_rewrite;
    }
    // The 160 OpenAFIS templates are summarised in one line rather than listed.
    if (f.file.find("openafis-fvc-templates/fvc") == 0) {
      fvc.push_back(&f);
      continue;
    }
    md << "| " << f.file << " | " << f.kind << " | " << f.outcome << " | " << f.detail << " | "
       << (f.images ? std::to_string(f.decoded) + "/" + std::to_string(f.images) : "-") << " | "
       << (f.outcome != "read" || f.kind == "ICAO DG3" ? "-" : f.identical_rewrite ? "identical" : "differs") << " | "
       << f.warnings << " |\n";
  }
  if (!fvc.empty()) {
    std::size_t read = 0, identical = 0, warnings = 0;
    for (const auto* f : fvc) {
      read += f->outcome == "read";
      identical += f->identical_rewrite;
      warnings += f->warnings;
    }
    md << "| openafis-fvc-templates/fvc200{2,4}-DB1_B/*.iso (" << fvc.size() << " files) | "
       << (fvc.front()->kind) << " | " << read << " read | one view each | - | " << identical << " identical | "
       << warnings << " |\n";
  }
  md << "\n";
  for (const auto& [kind, n] : read_by_kind) {
    if (kind == "ICAO DG3") {
      md << "- " << kind << ": " << n << " read (read only: DG3 is not written)\n";
      continue;
    }
    md << "- " << kind << ": " << n << " read, " << identical_by_kind[kind] << " written back byte for byte\n";
  }
  return md.str();
}

}  // namespace abis::formats
