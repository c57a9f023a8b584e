#include "genome/profile_files.h"

#include "core/file_io.h"
#include "genome/profile_json.h"
#include "genome/profile_nist.h"

namespace abis::genome {
namespace {

bool is_json(const std::filesystem::path& path, const std::string& text) {
  std::string ext = path.extension().string();
  if (ext == ".json" || ext == ".jsonl" || ext == ".ndjson") return true;
  std::size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  return first != std::string::npos && (text[first] == '{' || text[first] == '[');
}

}  // namespace

Result<ProfileFileRead> read_profiles_file(const std::filesystem::path& path,
                                           const CsvImportOptions& options) {
  ABIS_ASSIGN_OR_RETURN(std::string text, core::read_text_file(path));
  ProfileFileRead out;
  if (looks_like_ansi_nist(text)) {
    // Type-18 records; loci the built-in locus number table does not know are reported.
    Result<NistProfiles> nist = read_profiles_ansi_nist(text, AnsiNistLocusNumbers::builtin());
    if (!nist) return nist.status().with_context(path.string());
    out.profiles = std::move(nist->profiles);
    for (std::string& n : nist->notes) out.errors.push_back(path.string() + ": " + std::move(n));
    return out;
  }
  if (is_json(path, text)) {
    Result<std::vector<Profile>> profiles = parse_profiles_json(text);
    if (!profiles) return profiles.status().with_context(path.string());
    out.profiles = std::move(*profiles);
    return out;
  }
  Result<CsvImport> csv = parse_profiles_csv(text, options);
  if (!csv) return csv.status().with_context(path.string());
  out.profiles = std::move(csv->profiles);
  out.errors = std::move(csv->errors);
  return out;
}

Result<Profile> read_single_profile(const std::filesystem::path& path) {
  ABIS_ASSIGN_OR_RETURN(ProfileFileRead read, read_profiles_file(path));
  if (read.profiles.size() != 1)
    return invalid_argument(path.string() + ": expected one profile, found " +
                            std::to_string(read.profiles.size()));
  return std::move(read.profiles[0]);
}

}  // namespace abis::genome
