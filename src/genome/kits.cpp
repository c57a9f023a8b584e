#include "genome/kits.h"

#include <algorithm>
#include <initializer_list>

namespace abis::genome {
namespace {

// Marker lists from the manufacturers' user guides. The data is kept as names so that it reads
// like the documentation; the ids are resolved once.
struct KitSpec {
  std::string_view name;
  std::string_view manufacturer;
  std::initializer_list<std::string_view> markers;
  std::initializer_list<std::string_view> aliases;
};

#define CODIS20                                                                              \
  "CSF1PO", "D1S1656", "D2S441", "D2S1338", "D3S1358", "D5S818", "D7S820", "D8S1179",       \
      "D10S1248", "D12S391", "D13S317", "D16S539", "D18S51", "D19S433", "D21S11", "D22S1045", \
      "FGA", "TH01", "TPOX", "vWA"
#define ESS_PLUS_4                                                                          \
  "D1S1656", "D2S441", "D2S1338", "D3S1358", "D8S1179", "D10S1248", "D12S391", "D16S539",  \
      "D18S51", "D19S433", "D21S11", "D22S1045", "FGA", "TH01", "vWA", "SE33"

const KitSpec kKitSpecs[] = {
    {"GlobalFiler", "Thermo Fisher (Applied Biosystems)",
     {CODIS20, "SE33", "AMEL", "DYS391", "Y indel"}, {"GF", "GlobalFiler Express"}},
    {"PowerPlex Fusion 6C", "Promega",
     {CODIS20, "Penta D", "Penta E", "SE33", "AMEL", "DYS391", "DYS576", "DYS570"},
     {"Fusion 6C", "PPF6C", "Fusion6C"}},
    {"Investigator 24plex", "QIAGEN", {CODIS20, "SE33", "AMEL", "DYS391"},
     {"Investigator 24plex QS", "Investigator 24plex GO!", "24plex"}},
    {"VeriFiler Plus", "Thermo Fisher (Applied Biosystems)",
     {CODIS20, "D6S1043", "Penta D", "Penta E", "AMEL", "DYS391", "Y indel"}, {"VeriFilerPlus"}},
    {"NGM SElect", "Thermo Fisher (Applied Biosystems)", {ESS_PLUS_4, "AMEL"},
     {"NGMSElect", "NGM SElect Express"}},
    {"ESX 17", "Promega", {ESS_PLUS_4, "AMEL"}, {"PowerPlex ESX 17", "ESX17"}},
    {"Identifiler", "Thermo Fisher (Applied Biosystems)",
     {"D8S1179", "D21S11", "D7S820", "CSF1PO", "D3S1358", "TH01", "D13S317", "D16S539", "D2S1338",
      "D19S433", "vWA", "TPOX", "D18S51", "AMEL", "D5S818", "FGA"},
     {"AmpFlSTR Identifiler", "Identifiler Plus", "Identifiler Direct"}},
    {"Yfiler Plus", "Thermo Fisher (Applied Biosystems)",
     {"DYS576", "DYS389I", "DYS635", "DYS389II", "DYS627", "DYS460", "DYS458", "DYS19",
      "YGATAH4", "DYS448", "DYS391", "DYS456", "DYS390", "DYS438", "DYS392", "DYS518", "DYS570",
      "DYS437", "DYS385", "DYS449", "DYS393", "DYS439", "DYS481", "DYF387S1", "DYS533"},
     {"YfilerPlus"}},
};

constexpr std::string_view kCodis20[] = {CODIS20};
constexpr std::string_view kEss[] = {"D1S1656", "D2S441",  "D3S1358",  "D8S1179",
                                     "D10S1248", "D12S391", "D18S51",  "D21S11",
                                     "D22S1045", "FGA",     "TH01",    "vWA"};

struct KitRegistry {
  std::vector<Kit> kits;
  std::vector<std::vector<std::string>> keys;  // folded name and aliases per kit
  std::vector<LocusId> codis;
  std::vector<LocusId> ess;

  KitRegistry() {
    for (const KitSpec& spec : kKitSpecs) {
      Kit kit{spec.name, spec.manufacturer, {}};
      for (std::string_view m : spec.markers) kit.markers.push_back(*lookup_locus(m));
      std::sort(kit.markers.begin(), kit.markers.end());
      kits.push_back(std::move(kit));
      std::vector<std::string> k{fold_locus_name(spec.name)};
      for (std::string_view a : spec.aliases) k.push_back(fold_locus_name(a));
      keys.push_back(std::move(k));
    }
    for (std::string_view m : kCodis20) codis.push_back(*lookup_locus(m));
    for (std::string_view m : kEss) ess.push_back(*lookup_locus(m));
    std::sort(codis.begin(), codis.end());
    std::sort(ess.begin(), ess.end());
  }
};

const KitRegistry& registry() {
  static const KitRegistry instance;
  return instance;
}

}  // namespace

std::span<const Kit> all_kits() { return registry().kits; }

Result<const Kit*> find_kit(std::string_view name) {
  const KitRegistry& r = registry();
  std::string key = fold_locus_name(name);
  for (std::size_t i = 0; i < r.kits.size(); ++i)
    for (const std::string& k : r.keys[i])
      if (k == key) return &r.kits[i];
  std::string names;
  for (const Kit& kit : r.kits) names += (names.empty() ? "" : ", ") + std::string(kit.name);
  return invalid_argument("unknown kit '" + std::string(name) + "' (known: " + names + ")");
}

bool kit_types(const Kit& kit, LocusId locus) {
  return std::binary_search(kit.markers.begin(), kit.markers.end(), locus);
}

std::span<const LocusId> codis_core_loci() { return registry().codis; }
std::span<const LocusId> european_standard_set() { return registry().ess; }

}  // namespace abis::genome
