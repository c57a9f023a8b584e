#include "genome/type18.h"

#include <algorithm>
#include <charconv>

#include "genome/kits.h"
#include "genome/text.h"

namespace abis::genome {
namespace {

// Field numbers and 18.016 item positions (ANSI/NIST-ITL 1-2011, section 8.18).
constexpr int kFieldIdc = 2;
constexpr int kFieldProfileData = 15;  // DNA profile data (DPD)
constexpr int kFieldStr = 16;          // STR DNA profile (STR)
constexpr std::size_t kItemStrType = 0;
constexpr std::size_t kItemLocusNumber = 1;
constexpr std::size_t kItemAlleleIndicator = 4;
constexpr std::size_t kItemFirstAllele = 5;
constexpr std::size_t kMaxAlleleItems = 3;
constexpr std::size_t kItemKitName = 12;
constexpr std::size_t kItemsWritten = 15;
constexpr std::size_t kProfileIdItem = 2;

// Verified locus numbers: NIST's all-supported-types.an2 carries the SRM 2391b 9947A profile
// typed with Identifiler; matching its published genotype locus by locus gives these numbers.
constexpr struct {
  int number;
  std::string_view locus;
} kVerified[] = {
    {1, "AMEL"},     {3, "CSF1PO"},   {10, "D13S317"}, {12, "D16S539"},
    {15, "D18S51"},  {17, "D19S433"}, {24, "D21S11"},  {27, "D2S1338"},
    {31, "D3S1358"}, {40, "D5S818"},  {45, "D7S820"},  {48, "D8S1179"},
    {54, "FGA"},     {62, "TH01"},    {63, "TPOX"},    {64, "vWA"},
};

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string where(std::size_t subfield, std::size_t item) {
  return "field 18.016 subfield " + std::to_string(subfield + 1) + " item " +
         std::to_string(item + 1);
}

const Type18Field* find_field(std::span<const Type18Field> fields, int number) {
  for (const Type18Field& f : fields)
    if (f.number == number) return &f;
  return nullptr;
}

std::string first_item(const Type18Field* field, std::size_t item) {
  if (!field || field->subfields.empty() || field->subfields[0].size() <= item) return {};
  return field->subfields[0][item];
}

}  // namespace

const AnsiNistLocusNumbers& AnsiNistLocusNumbers::builtin() {
  static const AnsiNistLocusNumbers table = [] {
    AnsiNistLocusNumbers t;
    for (const auto& v : kVerified) t.entries_.push_back({v.number, *lookup_locus(v.locus)});
    std::sort(t.entries_.begin(), t.entries_.end(),
              [](const Entry& a, const Entry& b) { return a.number < b.number; });
    return t;
  }();
  return table;
}

Result<AnsiNistLocusNumbers> AnsiNistLocusNumbers::parse(std::string_view text) {
  AnsiNistLocusNumbers t;
  int line_no = 0;
  while (!text.empty()) {
    std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    ++line_no;
    if (std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) continue;
    std::size_t gap = line.find_first_of(" \t");
    std::string context = "locus number table line " + std::to_string(line_no);
    if (gap == std::string_view::npos)
      return invalid_argument(context + ": expected \"<number> <locus name>\"");
    std::optional<int> number = parse_int(line.substr(0, gap));
    if (!number || *number <= 0 || *number > 9999)
      return invalid_argument(context + ": \"" + std::string(line.substr(0, gap)) +
                              "\" is not a locus number (1-9999)");
    Result<LocusId> locus = find_locus(trim(line.substr(gap)));
    if (!locus) return locus.status().with_context(context);
    for (const Entry& e : t.entries_) {
      if (e.number == *number)
        return invalid_argument(context + ": number " + std::to_string(*number) + " given twice");
      if (e.locus == *locus)
        return invalid_argument(context + ": locus " + std::string(locus_name(*locus)) +
                                " given twice");
    }
    t.entries_.push_back({*number, *locus});
  }
  std::sort(t.entries_.begin(), t.entries_.end(),
            [](const Entry& a, const Entry& b) { return a.number < b.number; });
  return t;
}

std::optional<LocusId> AnsiNistLocusNumbers::locus(int number) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), number,
                             [](const Entry& e, int n) { return e.number < n; });
  if (it == entries_.end() || it->number != number) return std::nullopt;
  return it->locus;
}

std::optional<int> AnsiNistLocusNumbers::number(LocusId locus) const {
  for (const Entry& e : entries_)
    if (e.locus == locus) return e.number;
  return std::nullopt;
}

Result<Type18Import> profile_from_type18(std::span<const Type18Field> fields,
                                         const AnsiNistLocusNumbers& numbers) {
  Type18Import out;
  // The IDC is not a fallback for a missing id: it only numbers records within one transaction.
  std::string id = first_item(find_field(fields, kFieldProfileData), kProfileIdItem);
  ProfileBuilder builder(id);
  const Type18Field* str = find_field(fields, kFieldStr);
  if (!str) return invalid_argument("the Type-18 record has no STR profile (field 18.016)");

  std::string kit_name;
  for (std::size_t s = 0; s < str->subfields.size(); ++s) {
    const std::vector<std::string>& items = str->subfields[s];
    if (items.size() <= kItemAlleleIndicator)
      return invalid_argument(where(s, items.size()) +
                              ": missing (a locus needs at least 5 items)");
    if (trim(items[kItemStrType]) != "0") {
      out.notes.push_back(where(s, kItemStrType) + ": STR type \"" + items[kItemStrType] +
                          "\" (not autosomal) is not read; locus skipped");
      continue;
    }
    std::optional<int> number = parse_int(trim(items[kItemLocusNumber]));
    if (!number)
      return invalid_argument(where(s, kItemLocusNumber) + ": \"" + items[kItemLocusNumber] +
                              "\" is not a locus number");
    std::optional<LocusId> locus = numbers.locus(*number);
    if (!locus) {
      out.notes.push_back(where(s, kItemLocusNumber) + ": locus number " +
                          std::to_string(*number) +
                          " is not in the locus number table; locus skipped");
      continue;
    }
    if (trim(items[kItemAlleleIndicator]) != "1") continue;  // no alleles called at this locus
    std::vector<std::string> alleles;
    for (std::size_t i = kItemFirstAllele; i < kItemFirstAllele + kMaxAlleleItems && i < items.size();
         ++i) {
      std::string_view a = trim(items[i]);
      if (!a.empty()) alleles.emplace_back(a);
    }
    const LocusInfo& info = locus_info(*locus);
    if (info.kind == LocusKind::kAmelogenin) {
      bool all_xy = std::all_of(alleles.begin(), alleles.end(),
                                [](const std::string& a) { return a == "X" || a == "Y"; });
      if (!all_xy) {
        out.notes.push_back(where(s, kItemFirstAllele) +
                            ": amelogenin calls other than X or Y are not read; AMEL skipped");
        continue;
      }
    }
    if (Status st = builder.add_locus(info.name, alleles); !st.is_ok())
      return st.with_context(where(s, kItemFirstAllele));
    // Three calls make a tri-allelic locus only when they are three different alleles
    // ("17", "17", "18" is a heterozygote written with a repeated call).
    const LocusGenotype* typed = builder.profile().find(*locus);
    if (typed && typed->genotype.size() == 3 && info.kind == LocusKind::kAutosomal)
      ABIS_RETURN_IF_ERROR(builder.mark_triallelic(info.name));
    if (kit_name.empty() && items.size() > kItemKitName) kit_name = std::string(trim(items[kItemKitName]));
  }
  if (!kit_name.empty()) {
    Result<const Kit*> kit = find_kit(kit_name);
    if (kit) {
      builder.profile().kit = std::string((*kit)->name);
    } else {
      out.notes.push_back("kit \"" + kit_name + "\" is not in the kit table; not recorded");
    }
  }
  ABIS_ASSIGN_OR_RETURN(out.profile, std::move(builder).build());
  if (out.profile.loci.empty())
    return invalid_argument("the Type-18 record has no autosomal locus that could be read" +
                            (out.notes.empty() ? std::string() : " (" + out.notes.front() + ")"));
  return out;
}

Result<Type18Export> profile_to_type18(const Profile& profile, int idc,
                                       const AnsiNistLocusNumbers& numbers,
                                       const Type18ExportOptions& options) {
  Type18Export out;
  out.fields.push_back({kFieldIdc, {{std::to_string(idc)}}});
  out.fields.push_back({kFieldProfileData, {{"0", "", profile.id, "", ""}}});
  Type18Field str{kFieldStr, {}};
  std::vector<std::string> unnumbered;

  auto add = [&](LocusId locus, std::vector<std::string> alleles) {
    std::optional<int> number = numbers.number(locus);
    if (!number) {
      unnumbered.emplace_back(locus_name(locus));
      return;
    }
    std::vector<std::string> items(kItemsWritten);
    items[kItemStrType] = "0";
    items[kItemLocusNumber] = std::to_string(*number);
    // Items 3 and 4 are written as NIST's own sample writes them.
    items[2] = "1";
    items[3] = "1";
    items[kItemAlleleIndicator] = alleles.empty() ? "0" : "1";
    for (std::size_t i = 0; i < alleles.size() && i < kMaxAlleleItems; ++i)
      items[kItemFirstAllele + i] = alleles[i];
    items[kItemKitName] = profile.kit;
    str.subfields.push_back(std::move(items));
  };

  if (profile.amelogenin.typed) {
    std::vector<std::string> calls;
    if (profile.amelogenin.x) calls.push_back("X");
    if (profile.amelogenin.y) calls.push_back("Y");
    if (calls.size() == 1) calls.push_back(calls.front());
    if (std::optional<LocusId> amel = lookup_locus("AMEL")) add(*amel, calls);
  }
  for (const LocusGenotype& lg : profile.loci) {
    std::vector<std::string> alleles;
    for (const Allele& a : lg.genotype) alleles.push_back(a.to_string());
    if (alleles.size() == 1) alleles.push_back(alleles.front());  // homozygote: both calls
    add(lg.locus, std::move(alleles));
  }
  if (!profile.ystr.empty())
    out.notes.push_back("Y-STR haplotype (" + std::to_string(profile.ystr.size()) +
                        " markers) is not exported: no verified ANSI/NIST Y locus numbers");
  if (!unnumbered.empty()) {
    std::string list;
    for (const std::string& n : unnumbered) list += (list.empty() ? "" : ", ") + n;
    if (!options.skip_unnumbered)
      return invalid_argument("no ANSI/NIST locus number for " + list +
                              " (load a locus number table, or skip these loci explicitly)");
    out.notes.push_back("loci without an ANSI/NIST locus number skipped: " + list);
  }
  if (str.subfields.empty()) return invalid_argument("no locus of the profile can be exported");
  out.fields.push_back(std::move(str));
  return out;
}

}  // namespace abis::genome
