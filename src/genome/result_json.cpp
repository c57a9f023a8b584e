#include "genome/result_json.h"

#include <cmath>

#include <nlohmann/json.hpp>

namespace abis::genome {
namespace {

using ojson = nlohmann::ordered_json;

// JSON has no infinity: an index of 0 has log10 -inf, written as null.
ojson log10_or_null(double v) {
  if (v > 0 && std::isfinite(v)) return std::log10(v);
  return nullptr;
}

}  // namespace

std::string search_result_json(const Profile& target, const SearchRequest& request,
                               const SearchResult& result, const KeyName& name) {
  ojson out;
  out["target"] = target.id;
  out["stringency"] = std::string(stringency_name(request.criteria.stringency));
  out["min_compared_loci"] = request.criteria.min_compared_loci;
  out["max_mismatches"] = request.criteria.max_mismatches;
  out["profiles_searched"] = result.profiles_searched;
  out["total_hits"] = result.total_hits;
  out["truncated"] = result.truncated;
  ojson hits = ojson::array();
  for (const SearchHit& hit : result.hits) {
    ojson h;
    h["id"] = name(hit.key);
    h["category"] = std::string(category_name(hit.category));
    h["compared"] = hit.compared;
    h["mismatches"] = hit.mismatches;
    ojson loci = ojson::object();
    for (const LocusComparison& lc : hit.loci)
      loci[std::string(locus_name(lc.locus))] = std::string(locus_match_name(lc.match));
    h["loci"] = loci;
    hits.push_back(h);
  }
  out["hits"] = hits;
  return out.dump();
}

std::string statistics_json(const MatchStatistics& stats) {
  ojson out;
  out["population"] = stats.population;
  out["theta"] = stats.theta;
  out["rmp"] = {{"hwe", stats.combined.hwe},
                {"nrc41", stats.combined.nrc41},
                {"nrc410", stats.combined.nrc410}};
  out["inverse"] = {{"hwe", 1 / stats.combined.hwe},
                    {"nrc41", 1 / stats.combined.nrc41},
                    {"nrc410", 1 / stats.combined.nrc410}};
  out["loci_used"] = stats.loci_used;
  ojson loci = ojson::array();
  for (const LocusStatistics& ls : stats.loci) {
    ojson l;
    l["locus"] = std::string(locus_name(ls.locus));
    l["genotype"] = ls.genotype.to_string();
    l["used"] = ls.used;
    if (ls.used) {
      l["p"] = ls.p;
      l["q"] = ls.q;
      l["hwe"] = ls.probability.hwe;
      l["nrc41"] = ls.probability.nrc41;
      l["nrc410"] = ls.probability.nrc410;
    }
    l["notes"] = ls.notes;
    loci.push_back(l);
  }
  out["loci"] = loci;
  out["notes"] = stats.notes;
  return out.dump();
}

std::string kinship_json(const KinshipResult& result) {
  ojson out;
  out["relation"] = std::string(kinship_name(result.relation));
  out["combined_index"] = result.combined;
  out["log10_combined_index"] = log10_or_null(result.combined);
  out["inconsistent_loci"] = result.inconsistent_loci;
  out["theta"] = result.theta;
  ojson loci = ojson::array();
  for (const LocusKinship& lk : result.loci)
    loci.push_back({{"locus", std::string(locus_name(lk.locus))},
                    {"index", lk.index},
                    {"inconsistent", lk.inconsistent}});
  out["loci"] = loci;
  out["notes"] = result.notes;
  return out.dump();
}

std::string relatives_json(const RelativesSearchResult& result, const KeyName& name) {
  ojson out;
  out["candidates_scored"] = result.candidates_scored;
  ojson ranked = ojson::array();
  for (const RankedRelative& r : result.ranked) {
    ojson e;
    e["id"] = name(r.key);
    e["relationship"] = r.relationship ? ojson(std::string(relationship_name(*r.relationship)))
                                       : ojson(nullptr);
    e["hypothesis"] = std::string(kinship_name(r.hypothesis));
    e["combined_index"] = r.combined_index;
    e["log10_combined_index"] = log10_or_null(r.combined_index);
    e["loci_compared"] = r.loci_compared;
    e["inconsistent_loci"] = r.inconsistent_loci;
    ranked.push_back(e);
  }
  out["ranked"] = ranked;
  out["notes"] = result.notes;
  return out.dump();
}

std::string paternal_json(const PaternalSearchResult& result, const KeyName& name) {
  ojson out;
  out["haplotypes_searched"] = result.haplotypes_searched;
  out["exact_matches"] = result.exact_matches;
  ojson hits = ojson::array();
  for (const PaternalHit& hit : result.hits) {
    ojson differing = ojson::array();
    for (LocusId id : hit.comparison.differing) differing.push_back(std::string(locus_name(id)));
    hits.push_back({{"id", name(hit.key)},
                    {"compared", hit.comparison.compared},
                    {"differences", hit.comparison.differences},
                    {"differing", differing}});
  }
  out["hits"] = hits;
  return out.dump();
}

}  // namespace abis::genome
