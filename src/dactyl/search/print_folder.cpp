#include "dactyl/search/print_folder.h"

#include <algorithm>

#include "core/file_io.h"
#include "dactyl/extract/extractor.h"
#include "dactyl/search/parallel.h"
#include "dactyl/template/native_format.h"
#include "image/codecs.h"

namespace abis::dactyl::search {

namespace fs = std::filesystem;

Result<Template> load_print_file(const fs::path& file, double fallback_ppi) {
  ABIS_ASSIGN_OR_RETURN(core::Bytes bytes, core::read_file(file));
  if (is_native_template(bytes)) {
    auto tpl = decode_native(bytes);
    if (!tpl.is_ok()) return tpl.status().with_context(file.string());
    return tpl;
  }
  auto img = image::decode_image(bytes);
  if (!img.is_ok()) return img.status().with_context(file.string());
  ExtractOptions options;
  options.fallback_ppi = fallback_ppi;
  auto tpl = extract_template(*img, options);
  if (!tpl.is_ok()) return tpl.status().with_context(file.string());
  return tpl;
}

Result<FolderPrints> load_print_folder(const fs::path& folder, double fallback_ppi, int threads) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string ext = entry.path().extension().string();
    if (ext == kTemplateExtension || image::format_from_extension(ext) != image::ImageFormat::kUnknown)
      files.push_back(entry.path());
  }
  if (ec) return not_found("cannot read folder " + folder.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<Result<Template>> loaded(files.size(), Result<Template>(internal_error("not loaded")));
  parallel_for(files.size(), resolve_threads(threads),
               [&](std::size_t i) { loaded[i] = load_print_file(files[i], fallback_ppi); });
  FolderPrints out;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (loaded[i].is_ok()) out.prints.push_back({files[i], files[i].stem().string(), std::move(*loaded[i])});
    else out.failures.push_back(files[i].filename().string() + ": " + loaded[i].status().message());
  }
  return out;
}

}  // namespace abis::dactyl::search
