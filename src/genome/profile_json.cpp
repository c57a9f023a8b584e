#include "genome/profile_json.h"

#include <nlohmann/json.hpp>

namespace abis::genome {
namespace {

using json = nlohmann::json;

Result<std::vector<std::string>> allele_texts(const json& value, const std::string& where) {
  std::vector<std::string> out;
  auto one = [&](const json& v) -> Status {
    if (v.is_string()) {
      out.push_back(v.get<std::string>());
    } else if (v.is_number_integer() || v.is_number_unsigned()) {
      out.push_back(v.dump());
    } else if (v.is_number_float()) {
      // nlohmann prints the shortest text that reads back as the same double: 9.3 -> "9.3".
      out.push_back(v.dump());
    } else if (v.is_null()) {
      // an empty slot, e.g. an untyped second allele
    } else {
      return invalid_argument(where + ": an allele must be a string such as \"9.3\"");
    }
    return Status::ok();
  };
  if (value.is_array()) {
    for (const json& v : value) ABIS_RETURN_IF_ERROR(one(v));
  } else if (value.is_string()) {
    // "11,12" is accepted as a shorthand.
    std::string s = value.get<std::string>();
    std::size_t start = 0;
    while (start <= s.size()) {
      std::size_t comma = s.find(',', start);
      if (comma == std::string::npos) comma = s.size();
      out.push_back(s.substr(start, comma - start));
      start = comma + 1;
    }
  } else {
    return invalid_argument(where + ": expected an array of alleles");
  }
  return out;
}

Status add_loci(ProfileBuilder& builder, const json& loci, const std::string& field) {
  if (!loci.is_object()) return invalid_argument("\"" + field + "\" must be an object");
  for (auto it = loci.begin(); it != loci.end(); ++it) {
    ABIS_ASSIGN_OR_RETURN(std::vector<std::string> texts,
                          allele_texts(it.value(), field + "." + it.key()));
    ABIS_RETURN_IF_ERROR(builder.add_locus(it.key(), texts));
  }
  return Status::ok();
}

Result<std::string> string_field(const json& obj, const char* name) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return std::string();
  if (!it->is_string()) return invalid_argument(std::string("\"") + name + "\" must be a string");
  return it->get<std::string>();
}

Result<Profile> from_json(const json& obj) {
  if (!obj.is_object()) return invalid_argument("a profile must be a JSON object");
  static const char* kKnown[] = {"id",   "category", "relationship", "kit",  "population",
                                 "loci", "ystr",     "triallelic",   "meta"};
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool known = false;
    for (const char* k : kKnown) known = known || it.key() == k;
    if (!known) return invalid_argument("unknown field \"" + it.key() + "\" in a profile");
  }
  ABIS_ASSIGN_OR_RETURN(std::string id, string_field(obj, "id"));
  ProfileBuilder builder(id);
  Profile& p = builder.profile();
  auto context = [&](const Status& s) {
    return id.empty() ? s : s.with_context("profile " + id);
  };
  ABIS_ASSIGN_OR_RETURN(std::string category, string_field(obj, "category"));
  if (!category.empty()) {
    Result<IndexCategory> c = parse_category(category);
    if (!c) return context(c.status());
    p.category = *c;
  }
  ABIS_ASSIGN_OR_RETURN(std::string relationship, string_field(obj, "relationship"));
  if (!relationship.empty()) {
    Result<Relationship> r = parse_relationship(relationship);
    if (!r) return context(r.status());
    p.relationship = *r;
  }
  ABIS_ASSIGN_OR_RETURN(p.kit, string_field(obj, "kit"));
  ABIS_ASSIGN_OR_RETURN(p.population, string_field(obj, "population"));
  if (auto it = obj.find("loci"); it != obj.end()) {
    Status s = add_loci(builder, *it, "loci");
    if (!s.is_ok()) return context(s);
  } else {
    return context(invalid_argument("a profile needs \"loci\""));
  }
  if (auto it = obj.find("ystr"); it != obj.end()) {
    Status s = add_loci(builder, *it, "ystr");
    if (!s.is_ok()) return context(s);
  }
  if (auto it = obj.find("triallelic"); it != obj.end()) {
    if (!it->is_array()) return context(invalid_argument("\"triallelic\" must be an array"));
    for (const json& name : *it) {
      if (!name.is_string())
        return context(invalid_argument("\"triallelic\" must list locus names"));
      Status s = builder.mark_triallelic(name.get<std::string>());
      if (!s.is_ok()) return context(s);
    }
  }
  Result<Profile> built = std::move(builder).build();
  if (!built) return context(built.status());
  return built;
}

Result<json> parse_json(std::string_view text, std::size_t line = 0) {
  json value = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded())
    return invalid_argument(line ? "line " + std::to_string(line) + ": not valid JSON"
                                 : std::string("not valid JSON"));
  return value;
}

nlohmann::ordered_json alleles_json(const Genotype& g) {
  nlohmann::ordered_json a = nlohmann::ordered_json::array();
  for (const Allele& allele : g) a.push_back(allele.to_string());
  if (g.size() == 1) a.push_back(g[0].to_string());  // homozygote written as a pair
  return a;
}

}  // namespace

Result<Profile> parse_profile_json(std::string_view text) {
  ABIS_ASSIGN_OR_RETURN(json value, parse_json(text));
  return from_json(value);
}

Result<std::vector<Profile>> parse_profiles_json(std::string_view text) {
  std::vector<Profile> out;
  json value = json::parse(text.begin(), text.end(), nullptr, false);
  if (!value.is_discarded()) {
    if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        Result<Profile> p = from_json(value[i]);
        if (!p) return p.status().with_context("element " + std::to_string(i));
        out.push_back(std::move(*p));
      }
      return out;
    }
    ABIS_ASSIGN_OR_RETURN(Profile p, from_json(value));
    out.push_back(std::move(p));
    return out;
  }
  // JSON lines.
  std::size_t line = 0, start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view row = text.substr(start, end - start);
    ++line;
    start = end + 1;
    bool blank = row.find_first_not_of(" \t\r") == std::string_view::npos;
    if (blank) continue;
    ABIS_ASSIGN_OR_RETURN(json obj, parse_json(row, line));
    Result<Profile> p = from_json(obj);
    if (!p) return p.status().with_context("line " + std::to_string(line));
    out.push_back(std::move(*p));
  }
  if (out.empty()) return invalid_argument("no profile in the JSON input");
  return out;
}

std::string profile_to_json(const Profile& profile) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["id"] = profile.id;
  if (profile.category) out["category"] = std::string(category_name(*profile.category));
  if (profile.relationship)
    out["relationship"] = std::string(relationship_name(*profile.relationship));
  if (!profile.kit.empty()) out["kit"] = profile.kit;
  if (!profile.population.empty()) out["population"] = profile.population;
  nlohmann::ordered_json loci = nlohmann::ordered_json::object();
  for (const LocusGenotype& lg : profile.loci)
    loci[std::string(locus_name(lg.locus))] = alleles_json(lg.genotype);
  if (profile.amelogenin.typed) {
    nlohmann::ordered_json amel = nlohmann::ordered_json::array();
    if (profile.amelogenin.x) amel.push_back("X");
    if (profile.amelogenin.y) amel.push_back("Y");
    if (amel.size() == 1) amel.push_back(amel[0]);
    loci["AMEL"] = amel;
  }
  out["loci"] = loci;
  std::vector<std::string> tri;
  for (const LocusGenotype& lg : profile.loci)
    if (lg.triallelic) tri.push_back(std::string(locus_name(lg.locus)));
  if (!tri.empty()) out["triallelic"] = tri;
  if (!profile.ystr.empty()) {
    nlohmann::ordered_json y = nlohmann::ordered_json::object();
    for (const LocusGenotype& lg : profile.ystr) {
      nlohmann::ordered_json a = nlohmann::ordered_json::array();
      for (const Allele& allele : lg.genotype) a.push_back(allele.to_string());
      y[std::string(locus_name(lg.locus))] = a;
    }
    out["ystr"] = y;
  }
  return out.dump();
}

}  // namespace abis::genome
