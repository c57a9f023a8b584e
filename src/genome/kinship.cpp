#include "genome/kinship.h"

#include <array>
#include <initializer_list>
#include <map>
#include <sstream>

#include "genome/allele_frequency.h"

namespace abis::genome {
namespace {

struct Ibd {
  double k0, k1, k2;
};

Ibd coefficients(Kinship k) {
  switch (k) {
    case Kinship::kParentChild: return {0.0, 1.0, 0.0};
    case Kinship::kFullSibling: return {0.25, 0.5, 0.25};
    case Kinship::kHalfSibling: return {0.5, 0.5, 0.0};
  }
  return {1.0, 0.0, 0.0};
}

// Draws from a subpopulation (the Balding-Nichols sampling formula, NRC II 4.10): after n alleles
// of which m were y, the next is y with probability (m theta + (1 - theta) p_y) / (1 + (n - 1) theta).
// With theta = 0 the draws are independent (probability p_y).
class SubpopulationDraws {
 public:
  SubpopulationDraws(std::initializer_list<const Allele*> seen, double theta) : theta_(theta) {
    for (const Allele* allele : seen) seen_[n_++] = allele;
  }
  double probability(const Allele& y, double py) const {
    if (n_ == 0) return py;
    int m = 0;
    for (int i = 0; i < n_; ++i) m += *seen_[i] == y;
    return (m * theta_ + (1 - theta_) * py) / (1 + (n_ - 1) * theta_);
  }
  // The same draws followed by y.
  SubpopulationDraws then(const Allele& y) const {
    SubpopulationDraws next = *this;
    next.seen_[next.n_++] = &y;
    return next;
  }

 private:
  std::array<const Allele*, 4> seen_{};
  int n_ = 0;
  double theta_;
};

double lookup(const Allele& allele, const void* ctx) {
  const auto& m = *static_cast<const std::map<Allele, double>*>(ctx);
  return m.at(allele);
}

}  // namespace

std::string theta_note(double theta) {
  if (theta == 0) return "kinship indices are computed without a theta correction (theta = 0)";
  std::ostringstream text;
  text << "kinship indices are corrected for coancestry with theta = " << theta;
  return text.str();
}

std::string_view kinship_name(Kinship k) {
  switch (k) {
    case Kinship::kParentChild: return "parent-child";
    case Kinship::kFullSibling: return "full-sibling";
    case Kinship::kHalfSibling: return "half-sibling";
  }
  return "parent-child";
}

Result<Kinship> parse_kinship(std::string_view text) {
  if (text == "parent-child" || text == "parent_child") return Kinship::kParentChild;
  if (text == "full-sibling" || text == "full_sibling" || text == "sibling")
    return Kinship::kFullSibling;
  if (text == "half-sibling" || text == "half_sibling") return Kinship::kHalfSibling;
  return invalid_argument("unknown relation '" + std::string(text) +
                          "' (one of: parent-child, full-sibling, half-sibling)");
}

double locus_kinship_index(Kinship relation, const Genotype& a, const Genotype& b,
                           double (*freq)(const Allele&, const void*), const void* ctx,
                           double mutation_rate, double theta) {
  const Ibd k = coefficients(relation);
  const double mu = relation == Kinship::kParentChild ? mutation_rate : 0.0;
  // b's alleles c, d (c = d for a homozygote); a's alleles a1, a2.
  const Allele& c = b[0];
  const Allele& d = b.size() == 2 ? b[1] : b[0];
  const double pc = freq(c, ctx), pd = freq(d, ctx);
  const Allele& a1 = a[0];
  const Allele& a2 = a.size() == 2 ? a[1] : a[0];
  // a's alleles are the first two drawn from the population; b's are drawn after them.
  const SubpopulationDraws after_a({&a1, &a2}, theta);
  // P(b | a, unrelated): both of b's alleles drawn after a's (Hardy-Weinberg when theta = 0).
  const double p_b =
      (b.size() == 2 ? 2.0 : 1.0) * after_a.probability(c, pc) * after_a.then(c).probability(d, pd);
  // Probability that allele x, passed on, becomes allele y.
  auto pass = [&](const Allele& x, const Allele& y, double py) {
    return (1 - mu) * (x == y ? 1.0 : 0.0) + mu * py;
  };
  // P(b | x passed on, the other allele drawn after a's).
  auto given = [&](const Allele& x) {
    if (b.size() == 1) return pass(x, c, pc) * after_a.probability(c, pc);
    return pass(x, c, pc) * after_a.probability(d, pd) + pass(x, d, pd) * after_a.probability(c, pc);
  };
  const double p_b_given_one_ibd = 0.5 * (given(a1) + given(a2));
  const double identical = (a == b) ? 1.0 : 0.0;
  return k.k0 + k.k1 * p_b_given_one_ibd / p_b + k.k2 * identical / p_b;
}

Result<KinshipResult> kinship_index(const Profile& a, const Profile& b, Kinship relation,
                                    const FrequencyTable& table, const KinshipOptions& options) {
  if (!(options.mutation_rate >= 0 && options.mutation_rate < 1))
    return invalid_argument("the mutation rate must be in [0, 1)");
  if (!(options.theta >= 0 && options.theta < 1)) return invalid_argument("theta must be in [0, 1)");
  KinshipResult out;
  out.relation = relation;
  out.theta = options.theta;
  out.notes.push_back(theta_note(options.theta));
  auto ia = a.loci.begin();
  auto ib = b.loci.begin();
  while (ia != a.loci.end() && ib != b.loci.end()) {
    if (ia->locus < ib->locus) {
      ++ia;
      continue;
    }
    if (ib->locus < ia->locus) {
      ++ib;
      continue;
    }
    const LocusId locus = ia->locus;
    const Genotype& ga = ia->genotype;
    const Genotype& gb = ib->genotype;
    ++ia;
    ++ib;
    const std::string name(locus_name(locus));
    if (ga.size() > 2 || gb.size() > 2) {
      out.notes.push_back(name + ": more than two alleles in one profile; locus left out");
      continue;
    }
    if (table.locus(locus) == nullptr) {
      out.notes.push_back(name + ": locus not in the frequency table for '" + table.population +
                          "'; left out");
      continue;
    }
    LocusKinship lk;
    lk.locus = locus;
    std::map<Allele, double> freqs;
    for (const Genotype* g : {&ga, &gb}) {
      for (const Allele& allele : *g) {
        if (freqs.count(allele)) continue;
        ABIS_ASSIGN_OR_RETURN(ResolvedFrequency f,
                              resolve_allele_frequency(table, locus, allele, options.min_frequency));
        freqs[allele] = f.value;
        if (!f.note.empty()) lk.notes.push_back(f.note);
      }
    }
    lk.index = locus_kinship_index(relation, ga, gb, lookup, &freqs, options.mutation_rate, options.theta);
    lk.inconsistent = relation == Kinship::kParentChild && ga.shared_with(gb) == 0;
    if (lk.inconsistent) {
      ++out.inconsistent_loci;
      lk.notes.push_back(name + ": no allele shared, inconsistent with parent-child" +
                         std::string(options.mutation_rate > 0
                                         ? " (index from the mutation rate)"
                                         : " (an exclusion at this locus: index 0)"));
    }
    out.combined *= lk.index;
    out.notes.insert(out.notes.end(), lk.notes.begin(), lk.notes.end());
    out.loci.push_back(std::move(lk));
  }
  if (out.loci.empty())
    return failed_precondition("the two profiles share no locus that can be compared");
  return out;
}

}  // namespace abis::genome
