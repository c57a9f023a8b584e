// Reading a folder of prints for the gallery builder, the synthetic seeds and the identification
// report: every image (extracted) and every native template (.abft) in it, sorted by file name,
// extracted on several threads.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"
#include "dactyl/template/template.h"

namespace abis::dactyl::search {

constexpr const char* kTemplateExtension = ".abft";

struct FolderPrint {
  std::filesystem::path file;
  std::string stem;  // file name without extension
  Template tpl;
};

struct FolderPrints {
  std::vector<FolderPrint> prints;
  std::vector<std::string> failures;  // "file: reason" for prints that could not be read
};

// One print: a native template is parsed, an image is extracted (fallback_ppi for images that
// carry no resolution).
Result<Template> load_print_file(const std::filesystem::path& file, double fallback_ppi);

// kNotFound when the folder cannot be read; unreadable prints are listed in failures.
Result<FolderPrints> load_print_folder(const std::filesystem::path& folder, double fallback_ppi, int threads);

}  // namespace abis::dactyl::search
