#include "dactyl/eval/dataset_eval.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <optional>

#include "core/file_io.h"
#include "dactyl/extract/extractor.h"
#include "dactyl/match/matcher.h"
#include "dactyl/template/native_format.h"
#include "image/codecs.h"

namespace abis::dactyl::eval {
namespace {

struct Sample {
  std::string name;
  std::string finger;
  std::optional<PreparedTemplate> prepared;
  int minutiae = 0;
};

constexpr double kFailedScore = -1.0;  // below every real score

// CPU time of the calling thread, in seconds: the timings are per core and do not count the time
// other processes hold the core (the build machines are shared).
double thread_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
}
// Native templates in the folder are compared as they are (no extraction).
constexpr const char* kTemplateExtension = ".abft";

}  // namespace

Result<DatasetReport> evaluate_folder(const std::filesystem::path& folder, double fallback_ppi) {
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) {
    return not_found("no such folder: " + folder.string());
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    if (!entry.is_regular_file()) continue;
    const std::string ext = entry.path().extension().string();
    if (image::format_from_extension(ext) == image::ImageFormat::kUnknown && ext != kTemplateExtension) continue;
    const std::string stem = entry.path().stem().string();
    if (stem.find('_') == std::string::npos) continue;
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    return not_found("no images named <finger>_<impression>.<ext> in " + folder.string());
  }
  DatasetReport report;
  report.folder = folder.string();
  std::vector<Sample> samples;
  std::vector<double> times;
  double minutiae_total = 0;
  int extracted = 0;
  for (const auto& path : files) {
    Sample s;
    s.name = path.filename().string();
    const std::string stem = path.stem().string();
    s.finger = stem.substr(0, stem.find('_'));
    ABIS_ASSIGN_OR_RETURN(core::Bytes bytes, core::read_file(path));
    // A template or a failure reason, either way kept in the sample.
    auto accept = [&](const Result<Template>& tpl) {
      if (tpl.is_ok()) {
        s.minutiae = static_cast<int>(tpl->minutiae.size());
        s.prepared = prepare_template(*tpl);
        minutiae_total += s.minutiae;
        ++extracted;
      } else {
        report.failures.push_back(s.name + ": " + tpl.status().message());
      }
    };
    if (is_native_template(bytes)) {
      accept(decode_native(bytes));
      samples.push_back(std::move(s));
      continue;
    }
    auto decoded = image::decode_image(bytes);
    if (!decoded.is_ok()) {
      report.failures.push_back(s.name + ": " + decoded.status().message());
    } else {
      ExtractOptions options;
      options.fallback_ppi = fallback_ppi;
      const double start = thread_seconds();
      auto tpl = extract_template(*decoded, options);
      times.push_back((thread_seconds() - start) * 1000.0);
      accept(tpl);
    }
    samples.push_back(std::move(s));
  }
  report.images = static_cast<int>(samples.size());
  report.failed_extractions = static_cast<int>(report.failures.size());
  report.mean_minutiae = extracted ? minutiae_total / extracted : 0;
  if (!times.empty()) {
    std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
    report.extract_ms_median = times[times.size() / 2];
  }
  // Every unordered pair's score, timed alone (the bookkeeping below is not comparison time).
  const std::size_t n = samples.size();
  std::vector<double> scores(n * (n > 0 ? n - 1 : 0) / 2, kFailedScore);
  // The rate is the median over slices of kSliceCompares comparisons: on a shared machine a
  // burst of load slows some slices, and the median keeps it from deciding the figure (with
  // fewer than three slices, the rate of all).
  constexpr long kSliceCompares = 400;
  std::vector<double> slice_rates;
  long compared = 0, in_slice = 0;
  const double start = thread_seconds();
  double slice_start = start;
  for (std::size_t i = 0, at = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j, ++at) {
      if (samples[i].prepared && samples[j].prepared) {
        scores[at] = compare(*samples[i].prepared, *samples[j].prepared);
        ++compared;
        if (++in_slice == kSliceCompares) {
          const double now = thread_seconds();
          if (now > slice_start) slice_rates.push_back(in_slice / (now - slice_start));
          slice_start = now;
          in_slice = 0;
        }
      }
    }
  }
  const double seconds = thread_seconds() - start;
  if (slice_rates.size() >= 3) {
    std::nth_element(slice_rates.begin(), slice_rates.begin() + slice_rates.size() / 2, slice_rates.end());
    report.compares_per_s = slice_rates[slice_rates.size() / 2];
  } else {
    report.compares_per_s = seconds > 0 ? compared / seconds : 0;
  }
  report.comparisons.reserve(scores.size());
  for (std::size_t i = 0, at = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j, ++at) {
      const bool genuine = samples[i].finger == samples[j].finger;
      report.comparisons.push_back({samples[i].name, samples[j].name, genuine, scores[at]});
      (genuine ? report.genuine_scores : report.impostor_scores).push_back(scores[at]);
    }
  }
  report.genuine = static_cast<int>(report.genuine_scores.size());
  report.impostor = static_cast<int>(report.impostor_scores.size());
  report.rates = error_rates(report.genuine_scores, report.impostor_scores);
  return report;
}

}  // namespace abis::dactyl::eval
