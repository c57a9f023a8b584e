#include "genome/locus.h"

#include <algorithm>
#include <array>
#include <unordered_map>

namespace abis::genome {
namespace {

using K = LocusKind;

// The locus table. Repeat units are those of the STRBase / kit documentation; 0 where the marker
// is reported in bp or the unit is not one we check.
constexpr LocusInfo kLoci[] = {
    // The 20 CODIS core loci.
    {"CSF1PO", K::kAutosomal, 4, true},
    {"D1S1656", K::kAutosomal, 4, true},
    {"D2S441", K::kAutosomal, 4, true},
    {"D2S1338", K::kAutosomal, 4, true},
    {"D3S1358", K::kAutosomal, 4, true},
    {"D5S818", K::kAutosomal, 4, true},
    {"D7S820", K::kAutosomal, 4, true},
    {"D8S1179", K::kAutosomal, 4, true},
    {"D10S1248", K::kAutosomal, 4, true},
    {"D12S391", K::kAutosomal, 4, true},
    {"D13S317", K::kAutosomal, 4, true},
    {"D16S539", K::kAutosomal, 4, true},
    {"D18S51", K::kAutosomal, 4, true},
    {"D19S433", K::kAutosomal, 4, true},
    {"D21S11", K::kAutosomal, 4, true},
    {"D22S1045", K::kAutosomal, 3, true},
    {"FGA", K::kAutosomal, 4, true},
    {"TH01", K::kAutosomal, 4, true},
    {"TPOX", K::kAutosomal, 4, true},
    {"vWA", K::kAutosomal, 4, true},
    // Other autosomal loci of the common kits and population studies.
    {"SE33", K::kAutosomal, 4, false},
    {"Penta D", K::kAutosomal, 5, false},
    {"Penta E", K::kAutosomal, 5, false},
    {"Penta C", K::kAutosomal, 5, false},
    {"Penta B", K::kAutosomal, 5, false},
    {"D6S1043", K::kAutosomal, 4, false},
    {"F13A01", K::kAutosomal, 4, false},
    {"F13B", K::kAutosomal, 4, false},
    {"FESFPS", K::kAutosomal, 4, false},
    {"LPL", K::kAutosomal, 4, false},
    // NIST / SureID / norSTR extended markers (units not checked).
    {"APOAI1", K::kAutosomal, 0, false},
    {"D1S1627", K::kAutosomal, 0, false},
    {"D1S1677", K::kAutosomal, 0, false},
    {"D1S1679", K::kAutosomal, 0, false},
    {"D2S427", K::kAutosomal, 0, false},
    {"D2S1360", K::kAutosomal, 0, false},
    {"D2S1776", K::kAutosomal, 0, false},
    {"D3S1744", K::kAutosomal, 0, false},
    {"D3S2406", K::kAutosomal, 0, false},
    {"D3S3045", K::kAutosomal, 0, false},
    {"D3S3053", K::kAutosomal, 0, false},
    {"D3S4529", K::kAutosomal, 0, false},
    {"D3S4545", K::kAutosomal, 0, false},
    {"D4S2364", K::kAutosomal, 0, false},
    {"D4S2366", K::kAutosomal, 0, false},
    {"D4S2408", K::kAutosomal, 0, false},
    {"D5S1457", K::kAutosomal, 0, false},
    {"D5S2500", K::kAutosomal, 0, false},
    {"D5S2800", K::kAutosomal, 0, false},
    {"D6S474", K::kAutosomal, 0, false},
    {"D6S477", K::kAutosomal, 0, false},
    {"D6S1017", K::kAutosomal, 0, false},
    {"D6S1027", K::kAutosomal, 0, false},
    {"D7S1517", K::kAutosomal, 0, false},
    {"D7S2201", K::kAutosomal, 0, false},
    {"D7S3048", K::kAutosomal, 0, false},
    {"D8S1115", K::kAutosomal, 0, false},
    {"D8S1132", K::kAutosomal, 0, false},
    {"D9S1118", K::kAutosomal, 0, false},
    {"D9S1120", K::kAutosomal, 0, false},
    {"D9S1122", K::kAutosomal, 0, false},
    {"D9S2157", K::kAutosomal, 0, false},
    {"D10S1435", K::kAutosomal, 0, false},
    {"D10S2325", K::kAutosomal, 0, false},
    {"D11S554", K::kAutosomal, 0, false},
    {"D11S1304", K::kAutosomal, 0, false},
    {"D11S2368", K::kAutosomal, 0, false},
    {"D11S4463", K::kAutosomal, 0, false},
    {"D12ATA63", K::kAutosomal, 0, false},
    {"D12S297", K::kAutosomal, 0, false},
    {"D13S325", K::kAutosomal, 0, false},
    {"D14S1426", K::kAutosomal, 0, false},
    {"D14S1434", K::kAutosomal, 0, false},
    {"D15S659", K::kAutosomal, 0, false},
    {"D15S822", K::kAutosomal, 0, false},
    {"D17S906", K::kAutosomal, 0, false},
    {"D17S974", K::kAutosomal, 0, false},
    {"D17S1301", K::kAutosomal, 0, false},
    {"D18S853", K::kAutosomal, 0, false},
    {"D18S1364", K::kAutosomal, 0, false},
    {"D19S253", K::kAutosomal, 0, false},
    {"D20S482", K::kAutosomal, 0, false},
    {"D21S102", K::kAutosomal, 0, false},
    {"D21S2055", K::kAutosomal, 0, false},
    {"D22GATA198B05", K::kAutosomal, 0, false},
    // Sex marker.
    {"AMEL", K::kAmelogenin, 0, false},
    // Y chromosome: the markers of Yfiler Plus, PowerPlex Y23 and the kits' Y loci.
    {"DYS19", K::kYSingleCopy, 4, false},
    {"DYS385", K::kYMultiCopy, 4, false},
    {"DYS389I", K::kYSingleCopy, 4, false},
    {"DYS389II", K::kYSingleCopy, 4, false},
    {"DYS390", K::kYSingleCopy, 4, false},
    {"DYS391", K::kYSingleCopy, 4, false},
    {"DYS392", K::kYSingleCopy, 3, false},
    {"DYS393", K::kYSingleCopy, 4, false},
    {"DYS437", K::kYSingleCopy, 4, false},
    {"DYS438", K::kYSingleCopy, 5, false},
    {"DYS439", K::kYSingleCopy, 4, false},
    {"DYS448", K::kYSingleCopy, 6, false},
    {"DYS449", K::kYSingleCopy, 4, false},
    {"DYS456", K::kYSingleCopy, 4, false},
    {"DYS458", K::kYSingleCopy, 4, false},
    {"DYS460", K::kYSingleCopy, 4, false},
    {"DYS481", K::kYSingleCopy, 3, false},
    {"DYS518", K::kYSingleCopy, 4, false},
    {"DYS533", K::kYSingleCopy, 4, false},
    {"DYS549", K::kYSingleCopy, 4, false},
    {"DYS570", K::kYSingleCopy, 4, false},
    {"DYS576", K::kYSingleCopy, 4, false},
    {"DYS627", K::kYSingleCopy, 4, false},
    {"DYS635", K::kYSingleCopy, 4, false},
    {"DYS643", K::kYSingleCopy, 5, false},
    {"YGATAH4", K::kYSingleCopy, 4, false},
    {"DYF387S1", K::kYMultiCopy, 4, false},
    {"Y indel", K::kYIndel, 0, false},
};

// Spellings other than the canonical one (after folding, see fold_locus_name).
struct Alias {
  std::string_view alias;
  std::string_view name;
};
constexpr Alias kAliases[] = {
    {"CSF", "CSF1PO"},         {"THO1", "TH01"},        {"TH1", "TH01"},
    {"FIBRA", "FGA"},          {"FIBRAFGA", "FGA"},     {"ACTBP2", "SE33"},
    {"ACTBP2SE33", "SE33"},    {"F13A1", "F13A01"},
    {"FES", "FESFPS"},         {"AMELOGENIN", "AMEL"},  {"AM", "AMEL"},
    {"AMELO", "AMEL"},         {"DYS385AB", "DYS385"},
    {"GATAH4", "YGATAH4"},     {"YGATAH41", "YGATAH4"}, {"DYF387S1AB", "DYF387S1"},
    {"YINDEL", "Y indel"},
};

class LocusDirectory {
 public:
  LocusDirectory() {
    for (std::size_t i = 0; i < std::size(kLoci); ++i)
      by_key_.emplace(fold_locus_name(kLoci[i].name), static_cast<LocusId>(i));
    for (const Alias& alias : kAliases) {
      auto target = by_key_.find(fold_locus_name(alias.name));
      if (target != by_key_.end()) by_key_.emplace(fold_locus_name(alias.alias), target->second);
    }
  }
  std::optional<LocusId> find(std::string_view name) const {
    auto it = by_key_.find(fold_locus_name(name));
    if (it == by_key_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::unordered_map<std::string, LocusId> by_key_;
};

const LocusDirectory& directory() {
  static const LocusDirectory instance;
  return instance;
}

static_assert(std::size(kLoci) < 255, "LocusId is one byte");

}  // namespace

std::span<const LocusInfo> all_loci() { return kLoci; }

const LocusInfo& locus_info(LocusId id) { return kLoci[id]; }

std::string fold_locus_name(std::string_view name) {
  std::string key;
  key.reserve(name.size());
  for (char c : name) {
    if (c == ' ' || c == '_' || c == '-' || c == '.' || c == '/' || c == '\t') continue;
    key += (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c;
  }
  return key;
}

std::optional<LocusId> lookup_locus(std::string_view name) { return directory().find(name); }

Result<LocusId> find_locus(std::string_view name) {
  if (auto id = lookup_locus(name)) return *id;
  return invalid_argument("unknown locus '" + std::string(name) +
                   "' (not in the locus table; see docs/formats/dna_profile.md)");
}

}  // namespace abis::genome
