#include "dactyl/search/identify_eval.h"

#include <algorithm>

#include "dactyl/search/gallery.h"
#include "dactyl/search/print_folder.h"
#include "dactyl/search/searcher.h"

namespace abis::dactyl::search {
namespace {

std::string finger_of(const std::string& stem) { return stem.substr(0, stem.find('_')); }

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

Result<IdentifyEvalReport> evaluate_identification(const std::filesystem::path& folder, double fallback_ppi,
                                                   int shortlist, int threads) {
  ABIS_ASSIGN_OR_RETURN(FolderPrints loaded, load_print_folder(folder, fallback_ppi, threads));
  IdentifyEvalReport report;
  report.folder = folder.string();
  report.failures = loaded.failures;
  report.shortlist = shortlist;
  std::vector<FingerRecord> records;
  for (const auto& p : loaded.prints) records.push_back({p.stem, 1, p.tpl});
  if (records.size() < 2) return unprocessable("fewer than two usable prints in " + folder.string());
  report.prints = static_cast<int>(records.size());
  Gallery gallery;
  ABIS_RETURN_IF_ERROR(gallery.add_bulk(records, threads));

  int exhaustive_hits = 0, fast_hits = 0, descriptor_hits = 0, in_list = 0;
  std::vector<double> fast_ms, exhaustive_ms;
  for (const auto& probe_record : records) {
    const std::string finger = finger_of(probe_record.person_id);
    ABIS_RETURN_IF_ERROR(gallery.remove(probe_record.person_id, 1));
    const auto snap = gallery.snapshot();
    const ProbeFinger probe[1] = {{probe_record.tpl, 0}};
    SearchOptions options;
    options.top = 1;
    options.threads = threads;
    options.shortlist = shortlist;
    ABIS_ASSIGN_OR_RETURN(SearchResult fast, search(*snap, probe, options));
    options.exhaustive = true;
    ABIS_ASSIGN_OR_RETURN(SearchResult full, search(*snap, probe, options));
    const auto list = search::shortlist(*snap, probe_record.tpl, 0, static_cast<std::size_t>(shortlist), threads);
    auto hit = [&](const SearchResult& r) { return !r.candidates.empty() && finger_of(r.candidates[0].person_id) == finger; };
    exhaustive_hits += hit(full);
    fast_hits += hit(fast);
    const auto& seg = [&](const ShortlistEntry& e) -> const Segment& { return *snap->segments[e.segment].data; };
    descriptor_hits += !list.empty() && finger_of(seg(list[0]).person_id(list[0].slot)) == finger;
    in_list += std::any_of(list.begin(), list.end(),
                           [&](const ShortlistEntry& e) { return finger_of(seg(e).person_id(e.slot)) == finger; });
    fast_ms.push_back(fast.stats.total_ms);
    exhaustive_ms.push_back(full.stats.total_ms);
    ABIS_RETURN_IF_ERROR(gallery.upsert(probe_record));
  }
  const double n = static_cast<double>(records.size());
  report.rank1_exhaustive = exhaustive_hits / n;
  report.rank1_fast = fast_hits / n;
  report.rank1_descriptor = descriptor_hits / n;
  report.mate_in_shortlist = in_list / n;
  report.fast_ms_median = median(fast_ms);
  report.exhaustive_ms_median = median(exhaustive_ms);
  return report;
}

}  // namespace abis::dactyl::search
