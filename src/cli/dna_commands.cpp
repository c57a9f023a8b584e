// `abis dna ...`: the genomic subsystem's commands. Thin: parse options, call the genome library,
// print a readable summary and, with --json, one JSON object as the last line.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/cli_context.h"
#include "cli/data_options.h"
#include "core/file_io.h"
#include "core/json_reader.h"
#include "genome/frequency_table.h"
#include "genome/kinship.h"
#include "genome/kits.h"
#include "genome/match_statistics.h"
#include "genome/profile_files.h"
#include "genome/profile_json.h"
#include "genome/relatives_search.h"
#include "genome/result_json.h"
#include "genome/search_benchmark.h"
#include "genome/search_index.h"
#include "genome/ystr.h"
#include "registry/dna_json.h"

namespace abis::cli {
namespace {

namespace fs = std::filesystem;
using namespace abis::genome;

std::string fmt(double v, const char* spec = "%.4g") {
  char buf[64];
  std::snprintf(buf, sizeof buf, spec, v);
  return buf;
}

// Profiles of several files, in order; a profile's search key is its position.
struct ProfileSet {
  std::vector<Profile> profiles;
  std::string name(std::uint64_t key) const {
    return key < profiles.size() ? profiles[key].id : std::to_string(key);
  }
};

Result<ProfileSet> load_profiles(const std::vector<std::string>& files, bool skip_bad) {
  ProfileSet set;
  for (const std::string& f : files) {
    ABIS_ASSIGN_OR_RETURN(ProfileFileRead read, read_profiles_file(f, {skip_bad}));
    for (const std::string& e : read.errors) std::cerr << "abis: skipped: " << e << "\n";
    for (Profile& p : read.profiles) set.profiles.push_back(std::move(p));
  }
  return set;
}

// The frequency table to use: --freqs FILE, --population NAME.
Result<FrequencyTable> load_table(const std::string& file, const std::string& population) {
  if (file.empty()) return invalid_argument("give the allele frequencies with --freqs FILE");
  ABIS_ASSIGN_OR_RETURN(std::string text, core::read_text_file(file));
  std::string stem = fs::path(file).stem().string();
  Result<FrequencyDatabase> db = parse_frequency_csv(text, population.empty() ? stem : population);
  if (!db) return db.status().with_context(file);
  for (const std::string& w : db->warnings) std::cerr << "abis: " << file << ": " << w << "\n";
  if (population.empty()) {
    if (db->populations.size() == 1) return db->populations[0];
    return invalid_argument(file + " has several populations (" + db->population_names() +
                            "); choose one with --population");
  }
  const FrequencyTable* t = db->find(population);
  if (t == nullptr)
    return not_found("population '" + population + "' is not in " + file + " (it has: " +
                     db->population_names() + ")");
  return *t;
}

// NIST 1036 "All" is the benchmark's default population: found in the shared data folder.
std::string default_benchmark_freqs() {
  std::vector<fs::path> roots;
  if (const char* env = std::getenv("ABIS_TEST_DATA")) roots.emplace_back(env);
  roots.emplace_back("../shared/data");
  roots.emplace_back("/work/shared/data");
  for (const fs::path& root : roots) {
    fs::path f = root / "dna/nist1036/nist1036_allele_freqs_long.csv";
    std::error_code ec;
    if (fs::exists(f, ec)) return f.string();
  }
  return "";
}

struct SearchOptions {
  std::string stringency = "moderate";
  int min_loci = params::kDefaultMinComparedLoci;
  int max_mismatches = params::kDefaultMaxMismatches;
  std::size_t max_results = params::kDefaultMaxSearchResults;
  int threads = 0;
};

void add_search_options(CLI::App* cmd, SearchOptions& o) {
  cmd->add_option("--stringency", o.stringency, "high | moderate | low")
      ->check(CLI::IsMember({"high", "moderate", "low"}));
  cmd->add_option("--min-loci", o.min_loci, "minimum compared loci")->check(CLI::Range(1, 99));
  cmd->add_option("--max-mismatches", o.max_mismatches, "allowed mismatching loci")
      ->check(CLI::Range(0, 99));
  cmd->add_option("--max-results", o.max_results, "longest candidate list");
  cmd->add_option("--threads", o.threads, "search threads (0: all cores)");
}

Result<IndexCategory> category_or(const std::optional<IndexCategory>& own, const std::string& flag,
                                  IndexCategory fallback) {
  if (!flag.empty()) return parse_category(flag);
  return own.value_or(fallback);
}

// --- import ------------------------------------------------------------------------------------

void add_import(CLI::App& dna, CliContext& ctx) {
  struct Opts {
    std::vector<std::string> files;
    std::string category, kit, out, collected_on;
    bool skip_bad = false, json = false;
    DataOptions data;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = dna.add_subcommand(
      "import", "Read profiles (JSON, JSON lines, wide or long CSV), check them for their index, "
                "find duplicates, and write them as JSON lines (--out) or store them (--data)");
  add_data_options(cmd, o->data);
  cmd->add_option("--collected-on", o->collected_on,
                  "with --data: collection date that starts the storage period (YYYY-MM-DD)");
  cmd->add_option("files", o->files, "profile files")->required()->check(CLI::ExistingFile);
  cmd->add_option("--category", o->category, "index for profiles that do not name one");
  cmd->add_option("--kit", o->kit, "kit for profiles that do not name one");
  cmd->add_option("--out", o->out, "write the accepted profiles here (JSON lines)");
  cmd->add_flag("--skip-bad", o->skip_bad, "skip bad rows and profiles instead of stopping");
  cmd->add_flag("--json", o->json, "end with a JSON summary line");
  cmd->callback([o, cmd, &ctx] {
    Result<ProfileSet> set = load_profiles(o->files, o->skip_bad);
    if (!set) return (void)finish(ctx, set.status());
    std::optional<IndexCategory> default_category;
    if (!o->category.empty()) {
      Result<IndexCategory> c = parse_category(o->category);
      if (!c) return (void)finish(ctx, c.status());
      default_category = *c;
    }
    if (!o->kit.empty()) {
      Result<const Kit*> kit = find_kit(o->kit);
      if (!kit) return (void)finish(ctx, kit.status());
      o->kit = std::string((*kit)->name);
    }
    SearchIndex index;
    std::vector<Profile> accepted;
    std::size_t rejected = 0;
    nlohmann::json duplicates = nlohmann::json::array();
    for (Profile& p : set->profiles) {
      if (!p.category) p.category = default_category;
      if (p.kit.empty()) p.kit = o->kit;
      Status s = p.category ? validate_for_index(p, *p.category)
                            : invalid_argument("profile " + p.id +
                                               " names no index category (use --category)");
      if (s.is_ok()) {
        SearchRequest dup = duplicate_search_request(*p.category, p);
        Result<SearchResult> found = index.search(p, dup, 1);
        if (found && !found->hits.empty()) {
          const Profile& first = accepted[found->hits[0].key];
          std::cerr << "abis: duplicate: " << p.id << " has the same alleles as " << first.id
                    << " at " << found->hits[0].compared << " loci\n";
          duplicates.push_back({{"id", p.id}, {"duplicate_of", first.id}});
        }
        s = index.add(accepted.size(), *p.category, p);
      }
      if (!s.is_ok()) {
        if (!o->skip_bad) return (void)finish(ctx, s);
        std::cerr << "abis: rejected: " << s.message() << "\n";
        ++rejected;
        continue;
      }
      accepted.push_back(std::move(p));
    }
    if (!o->out.empty()) {
      std::string lines;
      for (const Profile& p : accepted) lines += profile_to_json(p) + "\n";
      Status w = core::write_file_atomic(o->out, lines);
      if (!w.is_ok()) return (void)finish(ctx, w);
    }
    if (cmd->count("--data")) {
      // Into the store: the registry checks, audits and reports duplicates against what is stored.
      if (o->collected_on.empty())
        return (void)finish(ctx, invalid_argument("--collected-on is required with --data (it starts the "
                                                  "storage period)"));
      Result<core::Date> collected = core::Date::parse(o->collected_on);
      if (!collected) return (void)finish(ctx, collected.status().with_context("--collected-on"));
      Result<std::unique_ptr<registry::System>> sys = open_system(o->data);
      if (!sys) return (void)finish(ctx, sys.status());
      // One transaction per batch: all of a batch or none of it is stored.
      constexpr std::size_t kBatch = 1000;
      std::size_t stored = 0;
      for (std::size_t start = 0; start < accepted.size(); start += kBatch) {
        std::vector<registry::DnaRegistry::ImportItem> items;
        for (std::size_t i = start; i < std::min(accepted.size(), start + kBatch); ++i)
          items.push_back({accepted[i], *accepted[i].category, std::nullopt, *collected});
        auto batch = (*sys)->dna().import_profiles(security::Principal::console(), items);
        if (!batch) return (void)finish(ctx, batch.status());
        for (const auto& s : *batch) {
          for (const auto& d : s.duplicates) {
            std::cerr << "abis: duplicate: " << s.record.profile.id << " has the same alleles as stored profile "
                      << d << "\n";
            duplicates.push_back({{"id", s.record.profile.id}, {"duplicate_of", d}});
          }
        }
        stored += batch->size();
      }
      std::cout << "stored " << stored << " profile(s) in " << o->data.data_dir << "\n";
    }
    std::cout << "accepted " << accepted.size() << " profile(s), rejected " << rejected
              << ", duplicates " << duplicates.size() << "\n";
    if (o->json)
      std::cout << nlohmann::json{{"accepted", accepted.size()},
                                  {"rejected", rejected},
                                  {"duplicates", duplicates}}
                       .dump()
                << "\n";
    finish(ctx, Status::ok());
  });
}

// --- search ------------------------------------------------------------------------------------

void add_search(CLI::App& dna, CliContext& ctx) {
  struct Opts {
    std::string profile, category, db_category;
    std::vector<std::string> db;
    SearchOptions search;
    bool skip_bad = false, json = false;
    DataOptions data;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = dna.add_subcommand(
      "search", "Search a profile against the stored database (--data) or profile files (--db), "
                "CODIS-style, in the indexes its own index may be searched against");
  cmd->add_option("profile", o->profile, "the profile to search (JSON)")->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--db", o->db, "database profile files instead of the store")->check(CLI::ExistingFile);
  add_data_options(cmd, o->data);
  cmd->add_option("--category", o->category,
                  "index of the searched profile when it names none (default forensic_unknown)");
  cmd->add_option("--db-category", o->db_category,
                  "index of database profiles that name none (default convicted_offender)");
  add_search_options(cmd, o->search);
  cmd->add_flag("--skip-bad", o->skip_bad, "skip unreadable database rows");
  cmd->add_flag("--json", o->json, "end with a JSON result line");
  cmd->callback([o, &ctx] {
    Result<Profile> target = read_single_profile(o->profile);
    if (!target) return (void)finish(ctx, target.status());
    Result<IndexCategory> tcat =
        category_or(target->category, o->category, IndexCategory::kForensicUnknown);
    if (!tcat) return (void)finish(ctx, tcat.status());
    Status valid = validate_for_index(*target, *tcat);
    if (!valid.is_ok()) return (void)finish(ctx, valid);
    if (o->db.empty()) {
      Result<std::unique_ptr<registry::System>> sys = open_system(o->data);
      if (!sys) return (void)finish(ctx, sys.status());
      MatchCriteria criteria{*parse_stringency(o->search.stringency), o->search.min_loci,
                             o->search.max_mismatches};
      auto outcome = (*sys)->dna().search(security::Principal::console(), *target, *tcat, criteria,
                                          o->search.max_results);
      if (!outcome) return (void)finish(ctx, outcome.status());
      std::map<std::uint64_t, std::string> names;
      for (std::size_t i = 0; i < outcome->result.hits.size(); ++i)
        names[outcome->result.hits[i].key] = outcome->hit_profile_ids[i];
      std::cout << "searched " << outcome->result.profiles_searched << " stored profile(s) at "
                << o->search.stringency << " stringency: " << outcome->result.total_hits
                << " candidate(s)\n";
      for (const SearchHit& hit : outcome->result.hits)
        std::cout << "  " << names[hit.key] << "  " << category_name(hit.category) << "  " << hit.compared
                  << " loci compared, " << hit.mismatches << " mismatch(es)\n";
      if (o->json)
        std::cout << search_result_json(*target, outcome->request, outcome->result,
                                        [&](std::uint64_t k) { return names[k]; })
                  << "\n";
      return (void)finish(ctx, Status::ok());
    }
    Result<ProfileSet> db = load_profiles(o->db, o->skip_bad);
    if (!db) return (void)finish(ctx, db.status());
    SearchIndex index;
    for (std::size_t i = 0; i < db->profiles.size(); ++i) {
      Result<IndexCategory> c =
          category_or(db->profiles[i].category, o->db_category, IndexCategory::kConvictedOffender);
      if (!c) return (void)finish(ctx, c.status());
      Status s = index.add(i, *c, db->profiles[i]);
      if (!s.is_ok()) return (void)finish(ctx, s);
    }
    SearchRequest request;
    request.criteria.stringency = *parse_stringency(o->search.stringency);
    request.criteria.min_compared_loci = o->search.min_loci;
    request.criteria.max_mismatches = o->search.max_mismatches;
    request.max_results = o->search.max_results;
    request.categories = direct_search_mask(*tcat);
    Result<SearchResult> result = index.search(*target, request, o->search.threads);
    if (!result) return (void)finish(ctx, result.status());
    std::cout << "searched " << result->profiles_searched << " profile(s) of "
              << db->profiles.size() << " at " << o->search.stringency << " stringency: "
              << result->total_hits << " candidate(s)" << (result->truncated ? " (list cut)" : "")
              << "\n";
    for (const SearchHit& hit : result->hits) {
      std::cout << "  " << db->name(hit.key) << "  " << category_name(hit.category) << "  "
                << hit.compared << " loci compared, " << hit.mismatches << " mismatch(es):";
      int not_compared = 0;
      for (const LocusComparison& lc : hit.loci) {
        if (lc.match == LocusMatch::kNotCompared) {
          ++not_compared;
          continue;
        }
        std::cout << " " << locus_name(lc.locus) << "=" << locus_match_name(lc.match);
      }
      if (not_compared) std::cout << " (" << not_compared << " loci typed in one profile only)";
      std::cout << "\n";
    }
    if (o->json)
      std::cout << search_result_json(*target, request, *result,
                                      [&](std::uint64_t k) { return db->name(k); })
                << "\n";
    finish(ctx, Status::ok());
  });
}

// --- stats -------------------------------------------------------------------------------------

void add_stats(CLI::App& dna, CliContext& ctx) {
  struct Opts {
    std::string profile, freqs, population;
    double theta = params::kDefaultTheta;
    std::optional<double> min_freq;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = dna.add_subcommand(
      "stats", "Random match probability of a single-source profile (HWE, NRC II 4.1 and 4.10)");
  cmd->add_option("profile", o->profile, "the profile (JSON)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--freqs", o->freqs, "allele frequency table (long or wide CSV)")->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--population", o->population, "population in the table");
  cmd->add_option("--theta", o->theta, "coancestry coefficient (NRC II: 0.01, 0.03 for small "
                                       "isolated populations)");
  cmd->add_option("--min-freq", o->min_freq, "minimum allele frequency instead of 5/2N");
  cmd->add_flag("--json", o->json, "end with a JSON result line");
  cmd->callback([o, &ctx] {
    Result<Profile> profile = read_single_profile(o->profile);
    if (!profile) return (void)finish(ctx, profile.status());
    Result<FrequencyTable> table = load_table(o->freqs, o->population);
    if (!table) return (void)finish(ctx, table.status());
    Result<MatchStatistics> s = random_match_probability(*profile, *table, {o->theta, o->min_freq});
    if (!s) return (void)finish(ctx, s.status());
    std::cout << "population " << s->population << ", theta " << s->theta << "\n";
    std::cout << "locus       genotype     p          q          HWE        NRC4.1     NRC4.10\n";
    for (const LocusStatistics& ls : s->loci) {
      std::string line = std::string(locus_name(ls.locus));
      line.resize(12, ' ');
      std::string g = ls.genotype.to_string();
      g.resize(13, ' ');
      line += g;
      if (ls.used) {
        for (double v : {ls.p, ls.q, ls.probability.hwe, ls.probability.nrc41, ls.probability.nrc410}) {
          std::string cell = fmt(v);
          cell.resize(11, ' ');
          line += cell;
        }
      } else {
        line += "(left out)";
      }
      std::cout << line << "\n";
    }
    std::cout << "combined over " << s->loci_used << " loci: HWE " << fmt(s->combined.hwe)
              << " (1 in " << fmt(1 / s->combined.hwe) << "), NRC II 4.1 " << fmt(s->combined.nrc41)
              << " (1 in " << fmt(1 / s->combined.nrc41) << "), NRC II 4.10 "
              << fmt(s->combined.nrc410) << " (1 in " << fmt(1 / s->combined.nrc410) << ")\n";
    for (const std::string& n : s->notes) std::cout << "note: " << n << "\n";
    if (o->json) std::cout << statistics_json(*s) << "\n";
    finish(ctx, Status::ok());
  });
}

// --- kinship -----------------------------------------------------------------------------------

void add_kinship(CLI::App& dna, CliContext& ctx) {
  struct Opts {
    std::string a, b, relation = "parent-child", freqs, population;
    double mutation_rate = params::kDefaultMutationRate;
    double theta = 0;
    std::optional<double> min_freq;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = dna.add_subcommand("kinship", "Kinship index of two profiles, per locus and combined");
  cmd->add_option("a", o->a, "first profile (JSON)")->required()->check(CLI::ExistingFile);
  cmd->add_option("b", o->b, "second profile (JSON)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--relation", o->relation, "parent-child | full-sibling | half-sibling")
      ->check(CLI::IsMember({"parent-child", "full-sibling", "half-sibling"}));
  cmd->add_option("--freqs", o->freqs, "allele frequency table (long or wide CSV)")->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--population", o->population, "population in the table");
  cmd->add_option("--mutation-rate", o->mutation_rate, "per-locus mutation rate (parent-child)");
  cmd->add_option("--theta", o->theta, "coancestry coefficient (default 0: none; NRC II: 0.01, 0.03 for small "
                                       "isolated populations)");
  cmd->add_option("--min-freq", o->min_freq, "minimum allele frequency instead of 5/2N");
  cmd->add_flag("--json", o->json, "end with a JSON result line");
  cmd->callback([o, &ctx] {
    Result<Profile> a = read_single_profile(o->a);
    if (!a) return (void)finish(ctx, a.status());
    Result<Profile> b = read_single_profile(o->b);
    if (!b) return (void)finish(ctx, b.status());
    Result<FrequencyTable> table = load_table(o->freqs, o->population);
    if (!table) return (void)finish(ctx, table.status());
    Result<KinshipResult> r = kinship_index(*a, *b, *parse_kinship(o->relation), *table,
                                            {o->mutation_rate, o->min_freq, o->theta});
    if (!r) return (void)finish(ctx, r.status());
    for (const LocusKinship& lk : r->loci)
      std::cout << locus_name(lk.locus) << "  " << fmt(lk.index) << (lk.inconsistent ? "  inconsistent" : "")
                << "\n";
    std::cout << kinship_name(r->relation) << " index over " << r->loci.size() << " loci: "
              << fmt(r->combined) << "\n";
    for (const std::string& n : r->notes) std::cout << "note: " << n << "\n";
    if (o->json) std::cout << kinship_json(*r) << "\n";
    finish(ctx, Status::ok());
  });
}

// --- relatives and paternal line ---------------------------------------------------------------

void add_relatives(CLI::App& dna, CliContext& ctx) {
  struct Opts {
    std::string profile, freqs, population;
    std::vector<std::string> db;
    RelativesSearchOptions search;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = dna.add_subcommand(
      "relatives", "Rank relatives (profiles with a \"relationship\") by kinship index against a "
                   "missing person's or unidentified remains' profile, or the reverse");
  cmd->add_option("profile", o->profile, "the profile (JSON)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--db", o->db, "candidate profile files")->required()->check(CLI::ExistingFile);
  cmd->add_option("--freqs", o->freqs, "allele frequency table")->required()->check(CLI::ExistingFile);
  cmd->add_option("--population", o->population, "population in the table");
  cmd->add_option("--min-loci", o->search.min_loci, "minimum shared loci");
  cmd->add_option("--min-index", o->search.min_index, "smallest combined index listed");
  cmd->add_option("--max-results", o->search.max_results, "longest list");
  cmd->add_option("--mutation-rate", o->search.kinship.mutation_rate, "parent-child mutation rate");
  cmd->add_option("--theta", o->search.kinship.theta, "coancestry coefficient (default 0: none)");
  cmd->add_flag("--json", o->json, "end with a JSON result line");
  cmd->callback([o, &ctx] {
    Result<Profile> target = read_single_profile(o->profile);
    if (!target) return (void)finish(ctx, target.status());
    Result<ProfileSet> db = load_profiles(o->db, false);
    if (!db) return (void)finish(ctx, db.status());
    Result<FrequencyTable> table = load_table(o->freqs, o->population);
    if (!table) return (void)finish(ctx, table.status());
    std::vector<KinshipCandidate> candidates;
    for (std::size_t i = 0; i < db->profiles.size(); ++i)
      candidates.push_back({i, &db->profiles[i], db->profiles[i].relationship});
    Result<RelativesSearchResult> r = rank_relatives(*target, candidates, *table, o->search);
    if (!r) return (void)finish(ctx, r.status());
    for (const RankedRelative& rr : r->ranked)
      std::cout << db->name(rr.key) << "  "
                << (rr.relationship ? relationship_name(*rr.relationship) : "unstated") << "  "
                << kinship_name(rr.hypothesis) << " index " << fmt(rr.combined_index) << " over "
                << rr.loci_compared << " loci\n";
    for (const std::string& n : r->notes) std::cout << "note: " << n << "\n";
    if (o->json)
      std::cout << relatives_json(*r, [&](std::uint64_t k) { return db->name(k); }) << "\n";
    finish(ctx, Status::ok());
  });
}

void add_paternal(CLI::App& dna, CliContext& ctx) {
  struct Opts {
    std::string profile;
    std::vector<std::string> db;
    PaternalSearchOptions search;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = dna.add_subcommand("paternal", "Y-STR haplotype search for the paternal line");
  cmd->add_option("profile", o->profile, "the profile (JSON, with \"ystr\")")->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--db", o->db, "candidate profile files")->required()->check(CLI::ExistingFile);
  cmd->add_option("--max-differences", o->search.max_differences, "markers allowed to differ");
  cmd->add_option("--min-markers", o->search.min_compared, "minimum markers compared");
  cmd->add_flag("--json", o->json, "end with a JSON result line");
  cmd->callback([o, &ctx] {
    Result<Profile> target = read_single_profile(o->profile);
    if (!target) return (void)finish(ctx, target.status());
    Result<ProfileSet> db = load_profiles(o->db, false);
    if (!db) return (void)finish(ctx, db.status());
    std::vector<PaternalCandidate> candidates;
    for (std::size_t i = 0; i < db->profiles.size(); ++i) candidates.push_back({i, &db->profiles[i]});
    Result<PaternalSearchResult> r = search_paternal_line(*target, candidates, o->search);
    if (!r) return (void)finish(ctx, r.status());
    std::cout << r->haplotypes_searched << " haplotype(s) searched, " << r->exact_matches
              << " identical\n";
    for (const PaternalHit& h : r->hits)
      std::cout << db->name(h.key) << "  " << h.comparison.compared << " markers, "
                << h.comparison.differences << " different\n";
    if (o->json)
      std::cout << paternal_json(*r, [&](std::uint64_t k) { return db->name(k); }) << "\n";
    finish(ctx, Status::ok());
  });
}

// --- frequencies from profiles ------------------------------------------------------------------

void add_freqs(CLI::App& dna, CliContext& ctx) {
  struct Opts {
    std::vector<std::string> files;
    std::string population, out;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = dna.add_subcommand(
      "freqs", "Compute an allele frequency table (long CSV) from reference profiles");
  cmd->add_option("files", o->files, "profile files")->required()->check(CLI::ExistingFile);
  cmd->add_option("--population", o->population, "name of the population")->required();
  cmd->add_option("--out", o->out, "output CSV (default: standard output)");
  cmd->callback([o, &ctx] {
    Result<ProfileSet> set = load_profiles(o->files, false);
    if (!set) return (void)finish(ctx, set.status());
    std::vector<std::string> notes;
    FrequencyDatabase db;
    db.populations.push_back(compute_frequency_table(set->profiles, o->population, &notes));
    for (const std::string& n : notes) std::cerr << "abis: " << n << "\n";
    std::string csv = format_frequency_csv(db);
    if (o->out.empty()) {
      std::cout << csv;
    } else {
      Status w = core::write_file_atomic(o->out, csv);
      if (!w.is_ok()) return (void)finish(ctx, w);
      std::cout << "wrote " << db.populations[0].loci.size() << " loci from "
                << set->profiles.size() << " profiles to " << o->out << "\n";
    }
    finish(ctx, Status::ok());
  });
}

// --- benchmark ---------------------------------------------------------------------------------

void add_bench_search(CLI::App& dna, CliContext& ctx) {
  struct Opts {
    std::size_t synthetic = 1'000'000;
    std::size_t queries = 21;
    std::string freqs, population = "All";
    SearchOptions search;
    std::uint64_t seed = 1;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = dna.add_subcommand(
      "bench-search", "Time CODIS-style searches of 20-locus profiles against N synthetic "
                      "reference profiles drawn from an allele frequency table");
  cmd->add_option("--synthetic", o->synthetic, "number of reference profiles")->required();
  cmd->add_option("--queries", o->queries, "searches to time");
  cmd->add_option("--freqs", o->freqs, "frequency table (default: NIST 1036 from the shared data)");
  cmd->add_option("--population", o->population, "population in the table");
  cmd->add_option("--seed", o->seed, "random seed");
  add_search_options(cmd, o->search);
  cmd->add_flag("--json", o->json, "end with a JSON result line");
  cmd->callback([o, &ctx] {
    if (o->freqs.empty()) o->freqs = default_benchmark_freqs();
    if (o->freqs.empty())
      return (void)finish(ctx, not_found("no frequency table: give --freqs FILE (NIST 1036 was "
                                         "not found under $ABIS_TEST_DATA or ../shared/data)"));
    Result<FrequencyTable> table = load_table(o->freqs, o->population);
    if (!table) return (void)finish(ctx, table.status());
    SearchBenchmarkOptions options;
    options.profiles = o->synthetic;
    options.queries = o->queries;
    options.threads = o->search.threads;
    options.criteria.stringency = *parse_stringency(o->search.stringency);
    options.criteria.min_compared_loci = o->search.min_loci;
    options.criteria.max_mismatches = o->search.max_mismatches;
    options.seed = o->seed;
    options.table = &*table;
    Result<SearchBenchmarkReport> r = run_search_benchmark(options);
    if (!r) return (void)finish(ctx, r.status());
    std::cout << r->profiles << " profiles x " << r->loci << " loci built in "
              << fmt(r->build_seconds, "%.1f") << " s; " << fmt(r->bytes_per_profile, "%.1f")
              << " bytes/profile (index), " << fmt(r->rss_bytes_per_profile, "%.1f")
              << " bytes/profile (resident set growth)\n";
    std::cout << r->queries << " " << o->search.stringency << "-stringency searches on "
              << r->threads << " thread(s): median " << fmt(r->search_ms_median, "%.2f")
              << " ms, p90 " << fmt(r->search_ms_p90, "%.2f") << " ms, max "
              << fmt(r->search_ms_max, "%.2f") << " ms (processor time median "
              << fmt(r->search_cpu_ms_median, "%.2f") << " ms); stored profiles found " << r->planted_found
              << "/" << r->planted << "\n";
    if (o->json) {
      nlohmann::ordered_json j;
      j["profiles"] = r->profiles;
      j["loci"] = r->loci;
      j["queries"] = r->queries;
      j["threads"] = r->threads;
      j["stringency"] = o->search.stringency;
      j["search_ms_median"] = r->search_ms_median;
      j["search_ms_p90"] = r->search_ms_p90;
      j["search_ms_max"] = r->search_ms_max;
      j["search_cpu_ms_median"] = r->search_cpu_ms_median;
      j["bytes_per_profile"] = r->bytes_per_profile;
      j["rss_bytes_per_profile"] = r->rss_bytes_per_profile;
      j["build_seconds"] = r->build_seconds;
      j["planted_found"] = r->planted_found;
      j["planted"] = r->planted;
      j["total_hits"] = r->total_hits;
      std::cout << j.dump() << "\n";
    }
    if (r->planted_found != r->planted)
      return (void)finish(ctx, internal_error("a stored profile was not found by its own search"));
    finish(ctx, Status::ok());
  });
}


// --- biological material in the store (abis dna specimen ...) ----------------------------------------

void print_specimen(const registry::Specimen& s) {
  std::cout << "specimen   " << s.id << " (" << registry::specimen_state_name(s.state) << ")\n"
            << "index      " << category_name(s.receipt.category) << ", " << s.receipt.material << "\n"
            << "collected  " << s.receipt.collected_on.to_string() << ", kept until "
            << s.retention_until.to_string() << "\n"
            << "received   " << s.received_at << " by " << s.received_by << " from " << s.receipt.received_from
            << "\n";
  if (!s.receipt.laboratory_number.empty()) std::cout << "lab number " << s.receipt.laboratory_number << "\n";
  if (s.receipt.case_number) std::cout << "case       " << *s.receipt.case_number << "\n";
  if (!s.storage_location.empty()) std::cout << "location   " << s.storage_location << "\n";
  if (!s.holder.empty()) std::cout << "holder     " << s.holder << "\n";
}

// Reads a JSON file (the API's body) or builds the object from flags: one parser for both.
Result<nlohmann::json> body_from(const std::string& file, const nlohmann::json& flags) {
  nlohmann::json j = nlohmann::json::object();
  if (!file.empty()) {
    ABIS_ASSIGN_OR_RETURN(std::string text, core::read_text_file(file, 8 << 20));
    ABIS_ASSIGN_OR_RETURN(j, core::parse_json(text, 8 << 20));
    if (!j.is_object()) return invalid_argument(file + ": expected a JSON object");
  }
  for (auto it = flags.begin(); it != flags.end(); ++it)
    if (!(it.value().is_string() && it.value().get<std::string>().empty())) j[it.key()] = it.value();
  return j;
}

core::Date today_utc() {
  return core::Date::from_days(core::SystemClock::instance().now_micros() / 1'000'000 / 86400);
}

// Opens the data folder and runs one registry operation; reports the outcome.
template <typename F>
void with_system(CliContext& ctx, const DataOptions& data, F&& operation) {
  auto run = [&]() -> Status {
    ABIS_ASSIGN_OR_RETURN(auto sys, open_system(data));
    return operation(*sys);
  };
  finish(ctx, run());
}

void add_specimen(CLI::App& dna, CliContext& ctx) {
  auto* specimen = dna.add_subcommand("specimen", "Biological material: receipt, custody, analysis, destruction");
  specimen->require_subcommand(1);
  const security::Principal console = security::Principal::console();

  struct Receive {
    DataOptions data;
    std::string json, category, material, collected_on, from, lab_number, person, case_number, scene, consent,
        relationship, penitentiary, description;
  };
  auto rv = std::make_shared<Receive>();
  auto* receive = specimen->add_subcommand("receive", "Record received material (docs/formats/dna_records.md)");
  add_data_options(receive, rv->data);
  receive->add_option("--json", rv->json, "the receipt as JSON (the API's body)");
  receive->add_option("--category", rv->category, "index the material is taken for");
  receive->add_option("--material", rv->material, "buccal_swab, blood, saliva, hair, tissue, bone, tooth, trace, other");
  receive->add_option("--collected-on", rv->collected_on, "YYYY-MM-DD (the storage period counts from it)");
  receive->add_option("--from", rv->from, "who handed the material over");
  receive->add_option("--lab-number", rv->lab_number, "laboratory number on the container");
  receive->add_option("--person", rv->person, "donor's person id");
  receive->add_option("--case", rv->case_number, "case number");
  receive->add_option("--scene", rv->scene, "crime scene or place of finding");
  receive->add_option("--consent", rv->consent, "consent document (volunteers: relatives, staff)");
  receive->add_option("--relationship", rv->relationship, "relatives: mother, father, child, sibling, spouse, other");
  receive->add_option("--penitentiary-record", rv->penitentiary, "convicted persons: penitentiary record");
  receive->add_option("--description", rv->description, "free text");
  receive->callback([&ctx, rv, console] {
    with_system(ctx, rv->data, [&](registry::System& sys) -> Status {
      ABIS_ASSIGN_OR_RETURN(auto body, body_from(rv->json, {{"category", rv->category},
                                                            {"material", rv->material},
                                                            {"collected_on", rv->collected_on},
                                                            {"received_from", rv->from},
                                                            {"laboratory_number", rv->lab_number},
                                                            {"person_id", rv->person},
                                                            {"case_number", rv->case_number},
                                                            {"scene", rv->scene},
                                                            {"consent_document", rv->consent},
                                                            {"relationship", rv->relationship},
                                                            {"penitentiary_record", rv->penitentiary},
                                                            {"description", rv->description}}));
      ABIS_ASSIGN_OR_RETURN(auto receipt, registry::specimen_receipt_from_json(body));
      ABIS_ASSIGN_OR_RETURN(auto s, sys.dna().receive(console, receipt));
      print_specimen(s);
      return Status::ok();
    });
  });

  struct Custody {
    DataOptions data;
    std::string id, action, location, handed_to, details;
  };
  auto cv = std::make_shared<Custody>();
  auto* custody = specimen->add_subcommand("custody", "Record a custody step");
  add_data_options(custody, cv->data);
  custody->add_option("id", cv->id, "specimen id")->required();
  custody->add_option("--action", cv->action, "store, move, hand_over, return, note")->required();
  custody->add_option("--location", cv->location, "where the material is now (store, move, return)");
  custody->add_option("--to", cv->handed_to, "who receives it (hand_over)");
  custody->add_option("--details", cv->details, "free text (required for note)");
  custody->callback([&ctx, cv, console] {
    with_system(ctx, cv->data, [&](registry::System& sys) -> Status {
      ABIS_ASSIGN_OR_RETURN(auto step, registry::custody_step_from_json(nlohmann::json{
                                           {"action", cv->action},
                                           {"location", cv->location},
                                           {"handed_to", cv->handed_to},
                                           {"details", cv->details}}));
      ABIS_ASSIGN_OR_RETURN(auto s, sys.dna().record_custody(console, cv->id, step));
      print_specimen(s);
      return Status::ok();
    });
  });

  struct Analyse {
    DataOptions data;
    std::string id, kit, laboratory, analysed_on, profile;
    bool json = false;
  };
  auto av = std::make_shared<Analyse>();
  auto* analyse = specimen->add_subcommand("analyse", "Record an analysis and store the resulting profile");
  add_data_options(analyse, av->data);
  analyse->add_option("id", av->id, "specimen id")->required();
  analyse->add_option("--kit", av->kit, "kit (abis dna kits)")->required();
  analyse->add_option("--laboratory", av->laboratory, "laboratory")->required();
  analyse->add_option("--analysed-on", av->analysed_on, "YYYY-MM-DD (default today)");
  analyse->add_option("--profile", av->profile, "the profile (JSON)")->required()->check(CLI::ExistingFile);
  analyse->add_flag("--json", av->json, "end with a JSON line");
  analyse->callback([&ctx, av, console] {
    with_system(ctx, av->data, [&](registry::System& sys) -> Status {
      ABIS_ASSIGN_OR_RETURN(Profile profile, read_single_profile(av->profile));
      registry::AnalysisRequest request{av->kit, av->laboratory, today_utc(), profile};
      if (!av->analysed_on.empty()) {
        ABIS_ASSIGN_OR_RETURN(request.analysed_on, core::Date::parse(av->analysed_on));
      }
      ABIS_ASSIGN_OR_RETURN(auto stored, sys.dna().analyse(console, av->id, request));
      std::cout << "profile " << stored.record.id << " stored in " << category_name(stored.record.category)
                << ", kept until " << stored.record.retention_until.to_string() << "\n";
      for (const auto& d : stored.duplicates) std::cout << "duplicate: same alleles as profile " << d << "\n";
      if (av->json) std::cout << registry::stored_profile_to_json(stored).dump() << "\n";
      return Status::ok();
    });
  });

  struct Destroy {
    DataOptions data;
    std::string id, act, destroyed_on, reason, witnesses;
  };
  auto dv = std::make_shared<Destroy>();
  auto* destroy = specimen->add_subcommand("destroy", "Destroy the material; its information card is kept");
  add_data_options(destroy, dv->data);
  destroy->add_option("id", dv->id, "specimen id")->required();
  destroy->add_option("--act", dv->act, "number of the destruction act")->required();
  destroy->add_option("--destroyed-on", dv->destroyed_on, "YYYY-MM-DD (default today)");
  destroy->add_option("--reason", dv->reason, "why")->required();
  destroy->add_option("--witnesses", dv->witnesses, "who witnessed it");
  destroy->callback([&ctx, dv, console] {
    with_system(ctx, dv->data, [&](registry::System& sys) -> Status {
      registry::DestructionAct act{dv->act, today_utc(), dv->reason, dv->witnesses};
      if (!dv->destroyed_on.empty()) {
        ABIS_ASSIGN_OR_RETURN(act.destroyed_on, core::Date::parse(dv->destroyed_on));
      }
      ABIS_ASSIGN_OR_RETURN(auto card, sys.dna().destroy(console, dv->id, act));
      std::cout << "destroyed; information card kept until " << card.keep_until.to_string() << "\n";
      return Status::ok();
    });
  });

  struct Show {
    DataOptions data;
    std::string id;
    bool json = false;
  };
  auto sv = std::make_shared<Show>();
  auto* show = specimen->add_subcommand("show", "A specimen, its chain of custody and analyses");
  add_data_options(show, sv->data);
  show->add_option("id", sv->id, "specimen id")->required();
  show->add_flag("--json", sv->json, "print JSON");
  show->callback([&ctx, sv, console] {
    with_system(ctx, sv->data, [&](registry::System& sys) -> Status {
      ABIS_ASSIGN_OR_RETURN(auto s, sys.dna().get_specimen(console, sv->id));
      ABIS_ASSIGN_OR_RETURN(auto custody, sys.dna().custody(console, sv->id));
      ABIS_ASSIGN_OR_RETURN(auto analyses, sys.dna().analyses(console, sv->id));
      if (sv->json) {
        nlohmann::json c = nlohmann::json::array(), a = nlohmann::json::array();
        for (const auto& e : custody) c.push_back(registry::custody_entry_to_json(e));
        for (const auto& x : analyses) a.push_back(registry::analysis_to_json(x));
        std::cout << nlohmann::json{{"specimen", registry::specimen_to_json(s)}, {"custody", c}, {"analyses", a}}.dump(2)
                  << "\n";
        return Status::ok();
      }
      print_specimen(s);
      for (const auto& e : custody) {
        std::cout << "  " << e.seq << ". " << e.at << " " << registry::custody_action_name(e.action) << " by " << e.by;
        if (!e.from_location.empty()) std::cout << ", from " << e.from_location;
        if (!e.to_location.empty()) std::cout << ", to " << e.to_location;
        if (!e.handed_to.empty()) std::cout << ", to " << e.handed_to;
        if (!e.details.empty()) std::cout << " (" << e.details << ")";
        std::cout << "\n";
      }
      for (const auto& a : analyses)
        std::cout << "  analysis " << a.analysed_on.to_string() << " " << a.kit << " at " << a.laboratory
                  << ": profile " << a.profile_id << "\n";
      return Status::ok();
    });
  });

  struct List {
    DataOptions data;
    std::string state, case_number;
    int limit = 100;
  };
  auto lv = std::make_shared<List>();
  auto* list = specimen->add_subcommand("list", "Find material by state or case");
  add_data_options(list, lv->data);
  list->add_option("--state", lv->state, "received, stored, handed_over, destroyed");
  list->add_option("--case", lv->case_number, "case number");
  list->add_option("--limit", lv->limit, "most results");
  list->callback([&ctx, lv, console] {
    with_system(ctx, lv->data, [&](registry::System& sys) -> Status {
      registry::SpecimenQuery q;
      if (!lv->state.empty()) {
        q.state = registry::specimen_state_from_name(lv->state);
        if (!q.state) return invalid_argument("--state: received, stored, handed_over or destroyed");
      }
      if (!lv->case_number.empty()) q.case_number = lv->case_number;
      q.limit = lv->limit;
      ABIS_ASSIGN_OR_RETURN(auto found, sys.dna().find_specimens(console, q));
      for (const auto& s : found)
        std::cout << s.id << "\t" << registry::specimen_state_name(s.state) << "\t" << category_name(s.receipt.category)
                  << "\t" << s.receipt.laboratory_number << "\t" << s.receipt.collected_on.to_string() << "\n";
      return Status::ok();
    });
  });

  struct Card {
    DataOptions data;
    std::string id;
  };
  auto kv = std::make_shared<Card>();
  auto* card = specimen->add_subcommand("card", "The information card of destroyed material (JSON)");
  add_data_options(card, kv->data);
  card->add_option("id", kv->id, "specimen id")->required();
  card->callback([&ctx, kv, console] {
    with_system(ctx, kv->data, [&](registry::System& sys) -> Status {
      ABIS_ASSIGN_OR_RETURN(auto c, sys.dna().information_card(console, kv->id));
      std::cout << registry::information_card_to_json(c).dump(2) << "\n";
      return Status::ok();
    });
  });

  struct Retention {
    DataOptions data;
    bool json = false;
  };
  auto tv = std::make_shared<Retention>();
  auto* retention = specimen->add_subcommand(
      "retention", "Run the retention job: remove information cards and expire profiles whose storage period ended");
  add_data_options(retention, tv->data);
  retention->add_flag("--json", tv->json, "end with a JSON line");
  retention->callback([&ctx, tv, console] {
    with_system(ctx, tv->data, [&](registry::System& sys) -> Status {
      ABIS_ASSIGN_OR_RETURN(auto report, sys.dna().run_retention(console, today_utc()));
      std::cout << report.cards_removed.size() << " information card(s) removed, " << report.profiles_expired.size()
                << " profile(s) expired, " << report.overdue_specimens.size()
                << " specimen(s) past their storage period and not destroyed\n";
      if (tv->json) std::cout << registry::retention_report_to_json(report).dump() << "\n";
      return Status::ok();
    });
  });
}

void add_kits(CLI::App& dna, CliContext& ctx) {
  auto* cmd = dna.add_subcommand("kits", "List the STR kits and their markers");
  cmd->callback([&ctx] {
    for (const Kit& kit : all_kits()) {
      std::cout << kit.name << " (" << kit.manufacturer << "):";
      for (LocusId id : kit.markers) std::cout << " " << locus_name(id);
      std::cout << "\n";
    }
    finish(ctx, Status::ok());
  });
}

}  // namespace

void add_dna_commands(CLI::App& app, CliContext& ctx) {
  auto* dna = app.add_subcommand("dna", "Genomic subsystem: DNA profiles, searches, statistics");
  dna->require_subcommand(1);
  add_import(*dna, ctx);
  add_search(*dna, ctx);
  add_stats(*dna, ctx);
  add_kinship(*dna, ctx);
  add_relatives(*dna, ctx);
  add_paternal(*dna, ctx);
  add_freqs(*dna, ctx);
  add_bench_search(*dna, ctx);
  add_kits(*dna, ctx);
  add_specimen(*dna, ctx);
  add_dna_exchange_commands(*dna, ctx);
}

}  // namespace abis::cli
