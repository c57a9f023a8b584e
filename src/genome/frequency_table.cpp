#include "genome/frequency_table.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>

#include "genome/csv.h"
#include "genome/parameters.h"
#include "genome/text.h"

namespace abis::genome {
namespace {

// A non-negative decimal number; "NA" and blanks are "absent".
Result<std::optional<double>> parse_number(std::string_view text, std::string_view what,
                                           std::size_t line) {
  text = trim(text);
  if (text.empty() || text == "NA" || text == "NULL") return std::optional<double>();
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < 0)
    return invalid_argument("line " + std::to_string(line) + ": " + std::string(what) + " '" +
                            std::string(text) + "' is not a non-negative number");
  return std::optional<double>(value);
}

struct Entry {
  Allele allele;
  std::optional<double> frequency;
  std::optional<double> count;
  std::size_t line;
};

struct LocusBuild {
  std::vector<Entry> entries;
  std::optional<double> allele_total;
};

struct PopulationBuild {
  std::optional<double> n_individuals;
  std::map<LocusId, LocusBuild> loci;
};

class Builder {
 public:
  std::map<std::string, PopulationBuild> populations;
  std::vector<std::string> order;
  std::vector<std::string> warnings;
  std::map<std::string, std::size_t> unknown_loci;  // name -> rows skipped
  std::set<std::string> ignored_loci;

  PopulationBuild& population(const std::string& name) {
    auto it = populations.find(name);
    if (it == populations.end()) {
      order.push_back(name);
      it = populations.emplace(name, PopulationBuild()).first;
    }
    return it->second;
  }

  // Resolves a locus column/cell; nullopt = skip (reported once per name).
  std::optional<LocusId> locus(std::string_view name) {
    std::optional<LocusId> id = lookup_locus(trim(name));
    if (!id) {
      ++unknown_loci[std::string(trim(name))];
      return std::nullopt;
    }
    if (locus_info(*id).kind != LocusKind::kAutosomal) {
      ignored_loci.insert(std::string(locus_info(*id).name));
      return std::nullopt;
    }
    return id;
  }

  Status add(const std::string& pop, LocusId locus, std::string_view allele_text,
             std::optional<double> frequency, std::optional<double> count,
             std::optional<double> allele_total, std::size_t line) {
    Result<Allele> allele = parse_allele_for_locus(locus, allele_text);
    if (!allele) {
      warnings.push_back("line " + std::to_string(line) + ": skipped (" +
                         allele.status().message() + ")");
      return Status::ok();
    }
    if (frequency && *frequency > 1.0)
      return invalid_argument("line " + std::to_string(line) + ": frequency " +
                              std::to_string(*frequency) + " is above 1");
    LocusBuild& lb = population(pop).loci[locus];
    for (const Entry& e : lb.entries)
      if (e.allele == *allele)
        return invalid_argument("line " + std::to_string(line) + ": allele " +
                                allele->to_string() + " of " + std::string(locus_name(locus)) +
                                " in population '" + pop + "' repeats line " +
                                std::to_string(e.line));
    if (allele_total) {
      if (lb.allele_total && *lb.allele_total != *allele_total)
        warnings.push_back("line " + std::to_string(line) + ": n_alleles_at_locus of " +
                           std::string(locus_name(locus)) + " in '" + pop +
                           "' differs from an earlier row; the first value is kept");
      else
        lb.allele_total = allele_total;
    }
    lb.entries.push_back({*allele, frequency, count, line});
    return Status::ok();
  }

  Result<FrequencyDatabase> finish() {
    FrequencyDatabase db;
    for (const auto& [name, rows] : unknown_loci)
      db.warnings.push_back("unknown locus '" + name + "' skipped" +
                            (rows > 1 ? " (" + std::to_string(rows) + " rows)" : std::string()));
    for (const std::string& name : ignored_loci)
      db.warnings.push_back("locus " + name + " is not an autosomal STR: ignored");
    db.warnings.insert(db.warnings.end(), warnings.begin(), warnings.end());
    for (const std::string& name : order) {
      PopulationBuild& pb = populations[name];
      if (pb.loci.empty()) continue;  // only a sample size, no frequency
      FrequencyTable table;
      table.population = name;
      table.n_individuals = pb.n_individuals.value_or(0);
      for (auto& [locus, lb] : pb.loci) {
        LocusFrequencies lf;
        bool have_counts = std::all_of(lb.entries.begin(), lb.entries.end(),
                                       [](const Entry& e) { return e.count.has_value(); });
        double count_sum = 0;
        for (const Entry& e : lb.entries) count_sum += e.count.value_or(0);
        if (lb.allele_total) lf.allele_total = *lb.allele_total;
        else if (have_counts && count_sum > 0) lf.allele_total = count_sum;
        else if (pb.n_individuals) lf.allele_total = 2 * *pb.n_individuals;
        std::sort(lb.entries.begin(), lb.entries.end(),
                  [](const Entry& a, const Entry& b) { return a.allele < b.allele; });
        for (const Entry& e : lb.entries) {
          double f;
          if (e.frequency) {
            f = *e.frequency;
          } else if (e.count && lf.allele_total > 0) {
            f = *e.count / lf.allele_total;
          } else {
            return invalid_argument("line " + std::to_string(e.line) +
                                    ": no frequency, and no count with an allele total to "
                                    "compute it from");
          }
          if (f > 1.0)
            return invalid_argument("line " + std::to_string(e.line) + ": frequency above 1");
          lf.alleles.emplace_back(e.allele, f);
          if (have_counts) lf.counts.push_back(*e.count);
        }
        double sum = lf.sum();
        if (std::fabs(sum - 1.0) > 0.02)
          db.warnings.push_back("frequencies of " + std::string(locus_name(locus)) + " in '" +
                                name + "' sum to " + std::to_string(sum));
        table.loci.emplace(locus, std::move(lf));
      }
      db.populations.push_back(std::move(table));
    }
    if (db.populations.empty()) return invalid_argument("the frequency table has no usable rows");
    return db;
  }
};

int column(const std::vector<std::string>& header, std::initializer_list<std::string_view> names) {
  for (std::size_t i = 0; i < header.size(); ++i)
    for (std::string_view n : names)
      if (header[i] == n) return static_cast<int>(i);
  return -1;
}

std::string_view field(const CsvRow& row, int index) {
  if (index < 0 || static_cast<std::size_t>(index) >= row.fields.size()) return {};
  return row.fields[static_cast<std::size_t>(index)];
}

Result<FrequencyDatabase> parse_long(const std::vector<CsvRow>& rows,
                                     const std::vector<std::string>& header,
                                     std::string_view default_population) {
  int c_pop = column(header, {"population", "origin", "database", "population_sheet", "sheet", "pop"});
  int c_n = column(header, {"n_individuals", "n"});
  int c_locus = column(header, {"locus", "marker"});
  int c_allele = column(header, {"allele"});
  int c_count = column(header, {"count"});
  int c_total = column(header, {"n_alleles_at_locus", "n_alleles"});
  int c_freq = column(header, {"frequency", "freq"});
  if (c_allele < 0) return invalid_argument("frequency CSV: no 'allele' column");
  if (c_freq < 0 && c_count < 0)
    return invalid_argument("frequency CSV: needs a 'frequency' or a 'count' column");
  Builder b;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    std::string pop = c_pop >= 0 ? std::string(trim(field(row, c_pop))) : std::string(default_population);
    if (pop.empty())
      return invalid_argument("line " + std::to_string(row.line) + ": empty population");
    std::optional<LocusId> locus = b.locus(field(row, c_locus));
    if (!locus) continue;
    ABIS_ASSIGN_OR_RETURN(auto freq, parse_number(field(row, c_freq), "frequency", row.line));
    ABIS_ASSIGN_OR_RETURN(auto count, parse_number(field(row, c_count), "count", row.line));
    ABIS_ASSIGN_OR_RETURN(auto total, parse_number(field(row, c_total), "n_alleles_at_locus", row.line));
    ABIS_ASSIGN_OR_RETURN(auto n, parse_number(field(row, c_n), "n_individuals", row.line));
    if (!freq && !count) continue;  // empty cell: allele not observed
    if (n) {
      PopulationBuild& pb = b.population(pop);
      if (pb.n_individuals && *pb.n_individuals != *n)
        b.warnings.push_back("line " + std::to_string(row.line) + ": n_individuals of '" + pop +
                             "' differs from an earlier row; the first value is kept");
      else
        pb.n_individuals = n;
    }
    ABIS_RETURN_IF_ERROR(b.add(pop, *locus, field(row, c_allele), freq, count, total, row.line));
  }
  return b.finish();
}

Result<FrequencyDatabase> parse_wide(const std::vector<CsvRow>& rows,
                                     const std::vector<std::string>& header,
                                     const std::vector<std::string>& raw_header,
                                     std::string_view default_population) {
  int c_allele = column(header, {"allele"});
  int c_pop = column(header, {"population", "database", "origin"});
  int c_n = column(header, {"n", "n_individuals"});
  Builder b;
  std::vector<std::pair<int, LocusId>> locus_columns;
  for (std::size_t i = 0; i < raw_header.size(); ++i) {
    int ci = static_cast<int>(i);
    if (ci == c_allele || ci == c_pop || ci == c_n || trim(raw_header[i]).empty()) continue;
    if (std::optional<LocusId> id = b.locus(raw_header[i])) locus_columns.emplace_back(ci, *id);
  }
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    std::string pop = c_pop >= 0 ? std::string(trim(field(row, c_pop))) : std::string(default_population);
    ABIS_ASSIGN_OR_RETURN(auto n, parse_number(field(row, c_n), "N", row.line));
    if (n) b.population(pop).n_individuals = n;
    for (auto [ci, locus] : locus_columns) {
      ABIS_ASSIGN_OR_RETURN(auto freq, parse_number(field(row, ci), "frequency", row.line));
      if (!freq) continue;
      ABIS_RETURN_IF_ERROR(b.add(pop, locus, field(row, c_allele), freq, std::nullopt,
                                 std::nullopt, row.line));
    }
  }
  return b.finish();
}

std::string format_number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

}  // namespace

std::optional<double> LocusFrequencies::frequency(const Allele& allele) const {
  auto it = std::lower_bound(alleles.begin(), alleles.end(), allele,
                             [](const auto& entry, const Allele& a) { return entry.first < a; });
  if (it == alleles.end() || !(it->first == allele)) return std::nullopt;
  return it->second;
}

double LocusFrequencies::sum() const {
  double s = 0;
  for (const auto& entry : alleles) s += entry.second;
  return s;
}

const LocusFrequencies* FrequencyTable::locus(LocusId id) const {
  auto it = loci.find(id);
  return it == loci.end() ? nullptr : &it->second;
}

std::optional<double> FrequencyTable::minimum_frequency(LocusId id) const {
  const LocusFrequencies* lf = locus(id);
  double total = lf && lf->allele_total > 0 ? lf->allele_total : 2 * n_individuals;
  if (total <= 0) return std::nullopt;
  return params::kMinAlleleCount / total;
}

const FrequencyTable* FrequencyDatabase::find(std::string_view population) const {
  for (const FrequencyTable& t : populations)
    if (t.population == population) return &t;
  return nullptr;
}

std::string FrequencyDatabase::population_names() const {
  std::string names;
  for (const FrequencyTable& t : populations) names += (names.empty() ? "" : ", ") + t.population;
  return names;
}

Result<FrequencyDatabase> parse_frequency_csv(std::string_view text,
                                              std::string_view default_population) {
  ABIS_ASSIGN_OR_RETURN(std::vector<CsvRow> rows, parse_csv(text));
  if (rows.empty()) return invalid_argument("frequency CSV: empty file");
  std::vector<std::string> header;
  for (const std::string& h : rows[0].fields) header.push_back(normalize_header(h));
  bool wide = column(header, {"locus", "marker"}) < 0 && column(header, {"allele"}) >= 0;
  if (wide) return parse_wide(rows, header, rows[0].fields, default_population);
  if (column(header, {"locus", "marker"}) < 0)
    return invalid_argument("frequency CSV: the header names neither a 'locus' column (long "
                            "format) nor an 'allele' column with locus columns (wide format)");
  return parse_long(rows, header, default_population);
}

std::string format_frequency_csv(const FrequencyDatabase& database) {
  std::string out = "population,n_individuals,locus,allele,count,n_alleles_at_locus,frequency\n";
  for (const FrequencyTable& t : database.populations) {
    for (const auto& [locus, lf] : t.loci) {
      for (std::size_t i = 0; i < lf.alleles.size(); ++i) {
        std::string pop = t.population;
        if (pop.find_first_of(",\"\n") != std::string::npos) {
          std::string quoted = "\"";
          for (char c : pop) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
          pop = quoted + "\"";
        }
        out += pop + ',' + (t.n_individuals > 0 ? format_number(t.n_individuals) : "") + ',' +
               std::string(locus_name(locus)) + ',' + lf.alleles[i].first.to_string() + ',' +
               (i < lf.counts.size() ? format_number(lf.counts[i]) : "") + ',' +
               (lf.allele_total > 0 ? format_number(lf.allele_total) : "") + ',' +
               format_number(lf.alleles[i].second) + '\n';
      }
    }
  }
  return out;
}

FrequencyTable compute_frequency_table(std::span<const Profile> profiles, std::string population,
                                       std::vector<std::string>* notes) {
  FrequencyTable table;
  table.population = std::move(population);
  std::map<LocusId, std::map<Allele, double>> counts;
  std::map<LocusId, double> totals;
  std::map<LocusId, std::size_t> left_out;
  for (const Profile& p : profiles) {
    for (const LocusGenotype& lg : p.loci) {
      if (lg.genotype.size() > 2) {
        ++left_out[lg.locus];
        continue;
      }
      auto& c = counts[lg.locus];
      if (lg.genotype.size() == 1) {
        c[lg.genotype[0]] += 2;
      } else {
        c[lg.genotype[0]] += 1;
        c[lg.genotype[1]] += 1;
      }
      totals[lg.locus] += 2;
    }
  }
  table.n_individuals = static_cast<double>(profiles.size());
  for (auto& [locus, alleles] : counts) {
    LocusFrequencies lf;
    lf.allele_total = totals[locus];
    for (auto& [allele, count] : alleles) {
      lf.alleles.emplace_back(allele, count / lf.allele_total);
      lf.counts.push_back(count);
    }
    table.loci.emplace(locus, std::move(lf));
  }
  if (notes)
    for (auto [locus, n] : left_out)
      notes->push_back(std::string(locus_name(locus)) + ": " + std::to_string(n) +
                       " genotype(s) with more than two alleles left out of the counts");
  return table;
}

}  // namespace abis::genome
