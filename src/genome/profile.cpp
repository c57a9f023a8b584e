#include "genome/profile.h"

#include <algorithm>

#include "genome/kits.h"
#include "genome/text.h"
#include "genome/parameters.h"

namespace abis::genome {
namespace {

std::string trimmed_upper(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r') continue;
    out += (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c;
  }
  return out;
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

Status parse_amelogenin(std::span<const std::string> texts, Amelogenin& out) {
  for (const std::string& text : texts) {
    if (blank(text)) continue;
    std::string t = trimmed_upper(text);
    if (t != "X" && t != "Y" && t != "XY")
      return invalid_argument("locus AMEL: allele '" + text + "' is not X or Y");
    out.typed = true;
    if (t.find('X') != std::string::npos) out.x = true;
    if (t.find('Y') != std::string::npos) out.y = true;
  }
  return Status::ok();
}

void insert_sorted(std::vector<LocusGenotype>& v, LocusGenotype lg) {
  auto at = std::lower_bound(v.begin(), v.end(), lg.locus,
                             [](const LocusGenotype& a, LocusId id) { return a.locus < id; });
  v.insert(at, std::move(lg));
}

}  // namespace

std::string Amelogenin::to_string() const {
  if (!typed) return "";
  if (x && y) return "X,Y";
  return x ? "X" : "Y";
}

const LocusGenotype* Profile::find(LocusId locus) const {
  const auto& v = is_y_marker(locus_info(locus).kind) ? ystr : loci;
  auto at = std::lower_bound(v.begin(), v.end(), locus,
                             [](const LocusGenotype& a, LocusId id) { return a.locus < id; });
  return (at != v.end() && at->locus == locus) ? &*at : nullptr;
}

Result<Allele> parse_allele_for_locus(LocusId locus, std::string_view text) {
  const LocusInfo& info = locus_info(locus);
  Result<Allele> allele = Allele::parse(text);
  if (!allele) return allele.status().with_context("locus " + std::string(info.name));
  if (info.kind == LocusKind::kYIndel &&
      (!allele->is_sized() || allele->fraction() != 0 || allele->repeats() < 1 ||
       allele->repeats() > 2))
    return invalid_argument("locus Y indel: allele '" + std::string(text) + "' is not 1 or 2");
  if (info.repeat_unit > 0 && allele->fraction() >= info.repeat_unit)
    return invalid_argument("locus " + std::string(info.name) + ": allele '" + std::string(text) +
                            "' has fraction ." + std::to_string(allele->fraction()) +
                            ", impossible for a " + std::to_string(info.repeat_unit) +
                            "-base repeat");
  return allele;
}

Status ProfileBuilder::add_locus(std::string_view locus_name,
                                 std::span<const std::string> allele_texts) {
  ABIS_ASSIGN_OR_RETURN(LocusId locus, find_locus(locus_name));
  const LocusInfo& info = locus_info(locus);
  if (std::find(seen_.begin(), seen_.end(), locus) != seen_.end())
    return invalid_argument("locus " + std::string(info.name) + " given twice (as '" +
                            std::string(locus_name) + "' the second time)");
  seen_.push_back(locus);
  if (info.kind == LocusKind::kAmelogenin) return parse_amelogenin(allele_texts, profile_.amelogenin);

  std::vector<Allele> alleles;
  for (const std::string& text : allele_texts) {
    if (blank(text)) continue;
    ABIS_ASSIGN_OR_RETURN(Allele allele, parse_allele_for_locus(locus, text));
    alleles.push_back(allele);
  }
  if (alleles.empty()) return Status::ok();
  Result<Genotype> genotype = Genotype::of(alleles);
  if (!genotype) return genotype.status().with_context("locus " + std::string(info.name));
  LocusGenotype lg{locus, *genotype, false};
  insert_sorted(is_y_marker(info.kind) ? profile_.ystr : profile_.loci, std::move(lg));
  return Status::ok();
}

Status ProfileBuilder::mark_triallelic(std::string_view locus_name) {
  ABIS_ASSIGN_OR_RETURN(LocusId locus, find_locus(locus_name));
  if (locus_info(locus).kind != LocusKind::kAutosomal)
    return invalid_argument("locus " + std::string(locus_name) +
                            " cannot be tri-allelic: only autosomal STRs can");
  triallelic_.push_back(locus);
  return Status::ok();
}

Result<Profile> ProfileBuilder::build() && {
  if (!is_valid_utf8(profile_.id))
    return invalid_argument("the profile id is not valid UTF-8 text");
  if (!is_valid_utf8(profile_.population))
    return invalid_argument("profile " + profile_.id + ": the population label is not valid UTF-8 text");
  for (LocusId locus : triallelic_) {
    auto it = std::find_if(profile_.loci.begin(), profile_.loci.end(),
                           [&](const LocusGenotype& lg) { return lg.locus == locus; });
    if (it == profile_.loci.end())
      return invalid_argument("locus " + std::string(locus_name(locus)) +
                              " is marked tri-allelic but has no alleles");
    it->triallelic = true;
  }
  return std::move(profile_);
}

std::size_t max_alleles(IndexCategory category, LocusKind kind, bool triallelic) {
  if (is_mixture_category(category))
    return kind == LocusKind::kAutosomal ? params::kMaxMixtureAlleles : params::kMaxAllelesPerLocus;
  switch (kind) {
    case LocusKind::kAutosomal:
      return triallelic ? params::kMaxTriallelicAlleles : params::kMaxSingleSourceAlleles;
    case LocusKind::kYSingleCopy: return params::kMaxYSingleCopyAlleles;
    case LocusKind::kYMultiCopy: return params::kMaxYMultiCopyAlleles;
    case LocusKind::kYIndel: return 1;
    case LocusKind::kAmelogenin: return 2;
  }
  return params::kMaxSingleSourceAlleles;
}

Status validate_for_index(const Profile& profile, IndexCategory category) {
  std::string who = profile.id.empty() ? "profile" : "profile " + profile.id;
  auto check = [&](const LocusGenotype& lg) -> Status {
    const LocusInfo& info = locus_info(lg.locus);
    std::size_t limit = max_alleles(category, info.kind, lg.triallelic);
    if (lg.genotype.size() <= limit) return Status::ok();
    std::string msg = who + ": locus " + std::string(info.name) + " has " +
                      std::to_string(lg.genotype.size()) + " alleles (" + lg.genotype.to_string() +
                      "); a " + std::string(category_name(category)) + " profile allows " +
                      std::to_string(limit);
    if (info.kind == LocusKind::kAutosomal && !is_mixture_category(category) && !lg.triallelic &&
        lg.genotype.size() == 3)
      msg += " (mark the locus tri-allelic if the laboratory confirmed it)";
    return unprocessable(msg);
  };
  for (const LocusGenotype& lg : profile.loci) ABIS_RETURN_IF_ERROR(check(lg));
  for (const LocusGenotype& lg : profile.ystr) ABIS_RETURN_IF_ERROR(check(lg));
  if (!profile.kit.empty()) {
    ABIS_ASSIGN_OR_RETURN(const Kit* kit, find_kit(profile.kit));
    auto typed = [&](LocusId locus) -> Status {
      if (kit_types(*kit, locus)) return Status::ok();
      return unprocessable(who + ": locus " + std::string(locus_name(locus)) + " is not typed by " +
                           std::string(kit->name) + " (wrong kit or transcription error)");
    };
    for (const LocusGenotype& lg : profile.loci) ABIS_RETURN_IF_ERROR(typed(lg.locus));
    for (const LocusGenotype& lg : profile.ystr) ABIS_RETURN_IF_ERROR(typed(lg.locus));
  }
  int needed = min_loci_for_category(category);
  if (static_cast<int>(profile.loci.size()) < needed)
    return unprocessable(who + " has " + std::to_string(profile.loci.size()) +
                         " autosomal loci; the " + std::string(category_name(category)) +
                         " index needs at least " + std::to_string(needed));
  return Status::ok();
}

}  // namespace abis::genome
