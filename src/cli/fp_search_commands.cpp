// `abis fp gallery|identify|bench-identify|eval-identify`: 1:N search from the command line - build
// a gallery file from a folder of prints, search probes against it, measure speed on synthetic
// galleries and accuracy on FVC folders. Thin: the work is in src/dactyl/search.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <unistd.h>

#include "cli/cli_context.h"
#include "dactyl/search/gallery.h"
#include "dactyl/search/gallery_file.h"
#include "dactyl/search/identify_eval.h"
#include "dactyl/search/parallel.h"
#include "dactyl/search/print_folder.h"
#include "dactyl/search/searcher.h"
#include "dactyl/search/synthetic.h"

namespace abis::cli {
namespace {

namespace fs = std::filesystem;
namespace ds = dactyl::search;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// "PATH" or "PATH:NUMBER" (a resolution, a finger position): the number, or `fallback`.
std::pair<std::string, double> split_suffix(const std::string& spec, double fallback) {
  const auto colon = spec.rfind(':');
  if (colon == std::string::npos || colon + 1 == spec.size()) return {spec, fallback};
  char* end = nullptr;
  const double v = std::strtod(spec.c_str() + colon + 1, &end);
  if (*end != '\0') return {spec, fallback};
  return {spec.substr(0, colon), v};
}

// Person and finger position of a print from its file name PERSON_POSITION.ext.
Result<std::pair<std::string, int>> key_from_stem(const std::string& stem) {
  const auto us = stem.rfind('_');
  if (us == std::string::npos || us == 0)
    return invalid_argument(stem + ": the name is not PERSON_POSITION (use --naming stem)");
  const std::string pos = stem.substr(us + 1);
  char* end = nullptr;
  const long p = std::strtol(pos.c_str(), &end, 10);
  if (pos.empty() || *end != '\0' || p < ds::kMinFingerPosition || p > ds::kMaxFingerPosition)
    return invalid_argument(stem + ": unknown finger position '" + pos + "' (expected 1..10)");
  return std::pair<std::string, int>{stem.substr(0, us), static_cast<int>(p)};
}

nlohmann::json candidates_json(const ds::SearchResult& r) {
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i = 0; i < r.candidates.size(); ++i) {
    const auto& c = r.candidates[i];
    nlohmann::json fingers = nlohmann::json::array();
    for (const auto& f : c.fingers)
      fingers.push_back({{"probe_finger", f.probe_finger}, {"position", f.position}, {"score", f.score},
                         {"fast_score", f.fast_score}});
    list.push_back({{"rank", i + 1}, {"person_id", c.person_id}, {"score", c.score},
                    {"finger", c.fingers.empty() ? 0 : c.fingers.front().position}, {"fingers", fingers}});
  }
  return list;
}

// The seed folders of the synthetic generator: --seeds, else the FVC2002 B folders of the shared
// test data ($ABIS_TEST_DATA).
std::vector<std::string> default_seeds() {
  const char* data = std::getenv("ABIS_TEST_DATA");
  if (!data) return {};
  const std::string base = std::string(data) + "/fingerprints/fvc2002-db";
  return {base + "1_b", base + "2_b:569", base + "3_b", base + "4_b"};
}

}  // namespace

void add_fp_search_commands(CLI::App& app, CliContext& ctx) {
  CLI::App* fp = app.get_subcommand("fp");

  // ---- gallery build / info ----
  auto* gallery = fp->add_subcommand("gallery", "Gallery files for 1:N search: build, info");
  gallery->require_subcommand(1);
  struct BuildArgs {
    std::vector<std::string> folders;
    std::string output, naming = "person_position";
    double dpi = 500;
    int threads = 0;
  };
  auto ba = std::make_shared<BuildArgs>();
  auto* build = gallery->add_subcommand("build", "Build a gallery file from folders of images or .abft templates");
  build->add_option("DIR", ba->folders, "Folders of prints named PERSON_POSITION.ext (DIR or DIR:PPI)")->required();
  build->add_option("-o,--output", ba->output, "Gallery file to write")->required();
  build->add_option("--dpi", ba->dpi, "Resolution of images that do not carry one (default 500)");
  build->add_option("--naming", ba->naming,
                    "person_position: NAME_POSITION.ext gives person NAME, finger POSITION; "
                    "stem: the whole file name is the person, finger 1")
      ->check(CLI::IsMember({"person_position", "stem"}));
  build->add_option("--threads", ba->threads, "Threads (default: every core)");
  build->callback([&ctx, ba] {
    std::vector<ds::FingerRecord> records;
    std::size_t failed = 0;
    for (const auto& spec : ba->folders) {
      const auto [dir, ppi] = split_suffix(spec, ba->dpi);
      auto loaded = ds::load_print_folder(dir, ppi, ba->threads);
      if (!loaded.is_ok()) return (void)finish(ctx, loaded.status());
      for (const auto& f : loaded->failures) std::cerr << "  skipped: " << f << "\n";
      failed += loaded->failures.size();
      for (auto& p : loaded->prints) {
        if (ba->naming == "stem") {
          records.push_back({p.stem, 1, std::move(p.tpl)});
          continue;
        }
        auto key = key_from_stem(p.stem);
        if (!key.is_ok()) return (void)finish(ctx, key.status().with_context(dir));
        records.push_back({key->first, key->second, std::move(p.tpl)});
      }
    }
    ds::Gallery g;
    Status st = g.add_bulk(records, ba->threads);
    if (!st.is_ok()) return (void)finish(ctx, st);
    st = ds::save_gallery(*g.snapshot(), ba->output);
    if (!st.is_ok()) return (void)finish(ctx, st);
    const auto stats = g.stats();
    std::cout << ba->output << ": " << stats.fingers << " fingers of " << stats.persons << " persons"
              << (failed ? ", " + std::to_string(failed) + " prints skipped" : std::string()) << "\n";
    finish(ctx, Status::ok());
  });
  auto info_path = std::make_shared<std::string>();
  auto* info = gallery->add_subcommand("info", "Check a gallery file and print its size");
  info->add_option("GALLERY", *info_path, "Gallery file")->required();
  info->callback([&ctx, info_path] {
    ds::Gallery g;
    const auto t0 = Clock::now();
    Status st = ds::load_gallery(*info_path, g, 0);
    if (!st.is_ok()) return (void)finish(ctx, st);
    const auto s = g.stats();
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s: %zu fingers, %zu persons, %.0f bytes/finger resident, loaded in %.2f s\n",
                  info_path->c_str(), s.fingers, s.persons, s.fingers ? double(s.memory_bytes) / s.fingers : 0.0,
                  seconds_since(t0));
    std::cout << buf;
    finish(ctx, Status::ok());
  });

  // ---- identify ----
  struct IdentifyArgs {
    std::vector<std::string> probes;
    std::string gallery;
    int top = ds::params::kDefaultTop;
    int shortlist = ds::params::kDefaultShortlist;
    bool exhaustive = false, json = false;
    double dpi = 500;
    int threads = 0;
  };
  auto ia = std::make_shared<IdentifyArgs>();
  auto* identify = fp->add_subcommand("identify", "Search a probe of one or more fingers in a gallery (1:N)");
  identify->add_option("PROBE", ia->probes,
                       "Probe fingers: FILE (position unknown) or FILE:POSITION (1..10); images or .abft")
      ->required();
  identify->add_option("--gallery", ia->gallery, "Gallery file (abis fp gallery build)")->required();
  identify->add_option("--top", ia->top, "Candidates to list (default 10)");
  identify->add_option("--shortlist", ia->shortlist, "Fingers kept by the fast stage per probe finger (default 200)");
  identify->add_flag("--exhaustive", ia->exhaustive, "Run the full matcher on every gallery finger");
  identify->add_option("--dpi", ia->dpi, "Resolution of images that do not carry one (default 500)");
  identify->add_option("--threads", ia->threads, "Threads (default: every core)");
  identify->add_flag("--json", ia->json, "Print the result as one JSON object");
  identify->callback([&ctx, ia] {
    std::vector<ds::ProbeFinger> probe;
    for (const auto& spec : ia->probes) {
      auto [file, pos] = split_suffix(spec, 0);
      if (pos != static_cast<int>(pos) || pos < 0 || pos > ds::kMaxFingerPosition)
        return (void)finish(ctx, invalid_argument(spec + ": unknown finger position (expected 1..10)"));
      auto tpl = ds::load_print_file(file, ia->dpi);
      if (!tpl.is_ok()) return (void)finish(ctx, tpl.status());
      probe.push_back({std::move(*tpl), static_cast<int>(pos)});
    }
    ds::Gallery g;
    Status st = ds::load_gallery(ia->gallery, g, ia->threads);
    if (!st.is_ok()) return (void)finish(ctx, st);
    ds::SearchOptions options;
    options.top = ia->top;
    options.shortlist = ia->shortlist;
    options.exhaustive = ia->exhaustive;
    options.threads = ia->threads;
    auto r = ds::search(*g.snapshot(), probe, options);
    if (!r.is_ok()) return (void)finish(ctx, r.status());
    if (ia->json) {
      nlohmann::json out = {{"candidates", candidates_json(*r)},
                            {"fingers", g.snapshot()->live_fingers},
                            {"exhaustive", ia->exhaustive},
                            {"search_ms", r->stats.total_ms},
                            {"comparisons", r->stats.comparisons}};
      std::cout << out.dump() << "\n";
      return (void)finish(ctx, Status::ok());
    }
    char buf[256];
    std::snprintf(buf, sizeof buf, "%zu fingers searched in %.1f ms (%zu full comparisons)%s\n",
                  g.snapshot()->live_fingers, r->stats.total_ms, r->stats.comparisons,
                  ia->exhaustive ? ", exhaustive" : "");
    std::cout << buf;
    for (std::size_t i = 0; i < r->candidates.size(); ++i) {
      const auto& c = r->candidates[i];
      std::snprintf(buf, sizeof buf, "%3zu  %-24s score %6.1f  fingers:", i + 1, c.person_id.c_str(), c.score);
      std::cout << buf;
      for (const auto& f : c.fingers) {
        std::snprintf(buf, sizeof buf, " probe %d -> %d (%.1f)", f.probe_finger, f.position, f.score);
        std::cout << buf;
      }
      std::cout << "\n";
    }
    finish(ctx, Status::ok());
  });

  // ---- bench-identify ----
  struct BenchArgs {
    std::size_t fingers = 100000, probes = 100;
    std::vector<std::string> seeds;
    int threads = 0, shortlist = ds::params::kDefaultShortlist;
    bool json = false;
    std::uint64_t seed = 1;
  };
  auto bench = std::make_shared<BenchArgs>();
  auto* bi = fp->add_subcommand("bench-identify", "Speed and hit rate of 1:N search on a synthetic gallery");
  bi->add_option("--synthetic", bench->fingers, "Gallery size in fingers")->required();
  bi->add_option("--probes", bench->probes, "Probes searched (default 100), each a new impression of a gallery finger");
  bi->add_option("--seeds", bench->seeds,
                 "Folders of real prints the synthetic fingers are made from (DIR or DIR:PPI); default the "
                 "FVC2002 B folders of $ABIS_TEST_DATA");
  bi->add_option("--shortlist", bench->shortlist, "Fingers kept by the fast stage (default 200)");
  bi->add_option("--threads", bench->threads, "Threads (default: every core)");
  bi->add_option("--seed", bench->seed, "Random seed of the generator (default 1)");
  bi->add_flag("--json", bench->json, "Print the figures as one JSON object on the last line");
  bi->callback([&ctx, bench] {
    auto seeds_spec = bench->seeds.empty() ? default_seeds() : bench->seeds;
    if (seeds_spec.empty()) return (void)finish(ctx, invalid_argument("give --seeds DIR (or set ABIS_TEST_DATA)"));
    std::vector<dactyl::Template> seeds;
    for (const auto& spec : seeds_spec) {
      const auto [dir, ppi] = split_suffix(spec, 500);
      auto loaded = ds::load_print_folder(dir, ppi, bench->threads);
      if (!loaded.is_ok()) return (void)finish(ctx, loaded.status());
      for (auto& p : loaded->prints) seeds.push_back(std::move(p.tpl));
    }
    if (seeds.empty()) return (void)finish(ctx, invalid_argument("no usable seed print"));
    const int threads = ds::resolve_threads(bench->threads);
    auto t0 = Clock::now();
    ds::SyntheticOptions so;
    so.fingers = bench->fingers;
    so.probes = bench->probes;
    so.seed = bench->seed;
    so.threads = threads;
    auto set = ds::generate_synthetic(seeds, so);
    const double generate_s = seconds_since(t0);
    std::cerr << seeds.size() << " seed prints; " << set.gallery.size() << " synthetic fingers generated in "
              << generate_s << " s\n";
    t0 = Clock::now();
    fs::path file;
    double build_s = 0, save_s = 0;
    {
      ds::Gallery built;
      Status st = built.add_bulk(set.gallery, threads);
      if (!st.is_ok()) return (void)finish(ctx, st);
      build_s = seconds_since(t0);
      set.gallery.clear();
      set.gallery.shrink_to_fit();
      file = fs::temp_directory_path() / ("abis-bench-" + std::to_string(::getpid()) + ".gallery");
      t0 = Clock::now();
      st = ds::save_gallery(*built.snapshot(), file);
      if (!st.is_ok()) return (void)finish(ctx, st);
      save_s = seconds_since(t0);
    }
    // Load from the file as a server start would.
    ds::Gallery g;
    t0 = Clock::now();
    Status st = ds::load_gallery(file, g, threads);
    const double load_s = seconds_since(t0);
    const auto file_bytes = fs::file_size(file);
    std::error_code ec;
    fs::remove(file, ec);
    if (!st.is_ok()) return (void)finish(ctx, st);
    const auto snap = g.snapshot();
    const auto stats = g.stats();

    // First stage alone on one thread: the per-core scan rate.
    std::vector<double> scan_s;
    for (std::size_t k = 0; k < std::min<std::size_t>(5, set.probes.size()); ++k) {
      const auto d = ds::make_descriptor(set.probes[k]);
      const auto t = Clock::now();
      (void)ds::fast_stage(*snap, d, 0, static_cast<std::size_t>(bench->shortlist), 1);
      scan_s.push_back(seconds_since(t));
    }
    // Full searches (position unknown: every finger is scanned) on every thread.
    std::vector<double> search_ms, fast_ms, rerank_ms;
    int hits = 0, in_shortlist = 0;
    for (std::size_t k = 0; k < set.probes.size(); ++k) {
      // Did the fast stage keep the mate? (Tells a miss of the fast stage from one of the matcher.)
      const auto list = ds::shortlist(*snap, set.probes[k], 0, static_cast<std::size_t>(bench->shortlist), threads);
      in_shortlist += std::any_of(list.begin(), list.end(), [&](const ds::ShortlistEntry& e) {
        const auto& seg = *snap->segments[e.segment].data;
        return seg.person_id(e.slot) == set.mate_person[k] && seg.position(e.slot) == set.mate_position[k];
      });
      const ds::ProbeFinger probe[1] = {{set.probes[k], 0}};
      ds::SearchOptions options;
      options.shortlist = bench->shortlist;
      options.threads = threads;
      auto r = ds::search(*snap, probe, options);
      if (!r.is_ok()) return (void)finish(ctx, r.status());
      search_ms.push_back(r->stats.total_ms);
      fast_ms.push_back(r->stats.fast_ms);
      rerank_ms.push_back(r->stats.rerank_ms);
      if (!r->candidates.empty() && r->candidates[0].person_id == set.mate_person[k] &&
          !r->candidates[0].fingers.empty() && r->candidates[0].fingers[0].position == set.mate_position[k])
        ++hits;
    }
    const double fingers = static_cast<double>(snap->live_fingers);
    const double per_core = scan_s.empty() ? 0 : fingers / median(scan_s);
    nlohmann::json out = {
        {"fingers", snap->live_fingers},
        {"probes", set.probes.size()},
        {"threads", threads},
        {"shortlist", bench->shortlist},
        {"search_ms_median", median(search_ms)},
        {"fast_stage_ms_median", median(fast_ms)},
        {"rerank_ms_median", median(rerank_ms)},
        {"fingers_per_s_per_core", per_core},
        {"bytes_per_finger", fingers > 0 ? double(stats.memory_bytes) / fingers : 0.0},
        {"file_bytes_per_finger", fingers > 0 ? double(file_bytes) / fingers : 0.0},
        {"load_s", load_s},
        {"build_s", build_s},
        {"save_s", save_s},
        {"hit_rate", set.probes.empty() ? 0.0 : double(hits) / set.probes.size()},
        {"mate_in_shortlist", set.probes.empty() ? 0.0 : double(in_shortlist) / set.probes.size()}};
    if (!bench->json) {
      char buf[512];
      std::snprintf(buf, sizeof buf,
                    "%zu fingers, %zu probes, %d threads: search median %.1f ms (fast stage %.1f, re-rank %.1f), "
                    "first stage %.2f M fingers/s/core, %.0f bytes/finger, load %.2f s, hit rate %.3f (mate in short "
                    "list %.3f)\n",
                    snap->live_fingers, set.probes.size(), threads, median(search_ms), median(fast_ms),
                    median(rerank_ms), per_core / 1e6, out["bytes_per_finger"].get<double>(), load_s,
                    out["hit_rate"].get<double>(), out["mate_in_shortlist"].get<double>());
      std::cout << buf;
    }
    std::cout << out.dump() << "\n";
    finish(ctx, Status::ok());
  });

  // ---- eval-identify ----
  struct EvalArgs {
    std::vector<std::string> folders;
    double dpi = 500;
    int shortlist = ds::params::kDefaultShortlist, threads = 0;
    bool json = false;
  };
  auto ea = std::make_shared<EvalArgs>();
  auto* ei = fp->add_subcommand("eval-identify",
                                "Rank-1 identification of every print against all the others: fast stage vs exhaustive");
  ei->add_option("DIR", ea->folders, "Folders of <finger>_<impression>.<ext> prints (DIR or DIR:PPI)")->required();
  ei->add_option("--dpi", ea->dpi, "Resolution of images that do not carry one (default 500)");
  ei->add_option("--shortlist", ea->shortlist, "Fingers kept by the fast stage (default 200)");
  ei->add_option("--threads", ea->threads, "Threads (default: every core)");
  ei->add_flag("--json", ea->json, "Print one JSON object per folder, the last line holding them all");
  ei->callback([&ctx, ea] {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& spec : ea->folders) {
      const auto [dir, ppi] = split_suffix(spec, ea->dpi);
      auto r = ds::evaluate_identification(dir, ppi, ea->shortlist, ea->threads);
      if (!r.is_ok()) return (void)finish(ctx, r.status());
      char buf[512];
      std::snprintf(buf, sizeof buf,
                    "%s: %d prints, short list %d: rank-1 exhaustive %.2f %%, fast stage %.2f %% (difference %.2f "
                    "points); descriptor alone %.2f %%, mate in short list %.2f %%; search median %.1f ms vs %.1f ms\n",
                    r->folder.c_str(), r->prints, r->shortlist, 100 * r->rank1_exhaustive, 100 * r->rank1_fast,
                    100 * (r->rank1_exhaustive - r->rank1_fast), 100 * r->rank1_descriptor,
                    100 * r->mate_in_shortlist, r->fast_ms_median, r->exhaustive_ms_median);
      std::cout << buf;
      all.push_back({{"folder", r->folder}, {"prints", r->prints}, {"shortlist", r->shortlist},
                     {"rank1_exhaustive", r->rank1_exhaustive}, {"rank1_fast", r->rank1_fast},
                     {"rank1_descriptor", r->rank1_descriptor}, {"mate_in_shortlist", r->mate_in_shortlist},
                     {"fast_ms_median", r->fast_ms_median}, {"exhaustive_ms_median", r->exhaustive_ms_median},
                     {"failed_extractions", r->failures.size()}});
    }
    if (ea->json) std::cout << all.dump() << "\n";
    finish(ctx, Status::ok());
  });
}

}  // namespace abis::cli
