#include "genome/profile_csv.h"

#include <map>
#include <optional>

#include "genome/csv.h"

namespace abis::genome {
namespace {

bool is_untyped(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return true;
  std::size_t e = s.find_last_not_of(" \t\r");
  std::string_view t = s.substr(b, e - b + 1);
  return t == "NA" || t == "NULL" || t == "null" || t == "-";
}

int find_column(const std::vector<std::string>& header, std::initializer_list<std::string_view> names) {
  for (std::size_t i = 0; i < header.size(); ++i)
    for (std::string_view n : names)
      if (header[i] == n) return static_cast<int>(i);
  return -1;
}

std::string cell(const CsvRow& row, std::size_t i) {
  if (i >= row.fields.size() || is_untyped(row.fields[i])) return "";
  return row.fields[i];
}

// "Penta_C_1" -> ("Penta_C", 1); "TH01.2" -> ("TH01", 2); no suffix -> nullopt.
std::optional<std::pair<std::string, int>> split_allele_column(const std::string& name) {
  std::size_t sep = name.find_last_of("_. ");
  if (sep == std::string::npos || sep + 1 >= name.size()) return std::nullopt;
  std::string suffix = name.substr(sep + 1);
  if (suffix.size() > 2 || suffix.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::make_pair(name.substr(0, sep), std::stoi(suffix));
}

bool ignored_long_column(const std::string& h) {
  for (std::string_view prefix : {"height", "size", "dye", "panel", "peak", "data_point", "ud",
                                  "sample_file", "run", "comment", "quality", "ads", "ohr"})
    if (h.rfind(prefix, 0) == 0) return true;
  return false;
}

class Importer {
 public:
  explicit Importer(const CsvImportOptions& options) : options_(options) {}

  // Returns false when the import must stop (error already recorded in status).
  bool fail(std::size_t line, const Status& s) {
    Status with_line = s.with_context("line " + std::to_string(line));
    if (options_.skip_bad_rows) {
      result.errors.push_back(with_line.message());
      return true;
    }
    status = with_line;
    return false;
  }

  CsvImport result;
  Status status;

 private:
  CsvImportOptions options_;
};

Result<CsvImport> parse_wide(const std::vector<CsvRow>& rows, const CsvImportOptions& options) {
  const CsvRow& head = rows[0];
  std::vector<std::string> header;
  for (const std::string& h : head.fields) header.push_back(normalize_header(h));
  int c_id = find_column(header, {"sample", "id", "samplename", "sample_name", "specimenid",
                                  "specimen_id", "profile_id"});
  int c_pop = find_column(header, {"pop", "population"});
  if (c_id < 0) return invalid_argument("profile CSV: no id column (sample, id, SampleName)");
  // Group allele columns by locus, in file order.
  std::vector<std::string> locus_names;
  std::map<std::string, std::vector<std::size_t>> columns;
  for (std::size_t i = 0; i < head.fields.size(); ++i) {
    if (static_cast<int>(i) == c_id || static_cast<int>(i) == c_pop) continue;
    auto split = split_allele_column(head.fields[i]);
    if (!split)
      return invalid_argument("profile CSV: column " + std::to_string(i + 1) + " '" +
                              head.fields[i] + "' is neither an id/population column nor "
                              "<locus>_<n>");
    ABIS_RETURN_IF_ERROR(find_locus(split->first).status().with_context(
        "profile CSV column '" + head.fields[i] + "'"));
    if (!columns.count(split->first)) locus_names.push_back(split->first);
    columns[split->first].push_back(i);
  }
  Importer imp(options);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    std::string id = cell(row, static_cast<std::size_t>(c_id));
    if (id.empty()) {
      if (!imp.fail(row.line, invalid_argument("empty id"))) return imp.status;
      continue;
    }
    ProfileBuilder builder(id);
    if (c_pop >= 0) builder.profile().population = cell(row, static_cast<std::size_t>(c_pop));
    Status s;
    for (const std::string& locus : locus_names) {
      std::vector<std::string> texts;
      for (std::size_t c : columns[locus]) texts.push_back(cell(row, c));
      s = builder.add_locus(locus, texts);
      if (!s.is_ok()) break;
    }
    if (s.is_ok()) {
      Result<Profile> p = std::move(builder).build();
      if (p) {
        imp.result.profiles.push_back(std::move(*p));
        continue;
      }
      s = p.status();
    }
    if (!imp.fail(row.line, s.with_context("profile " + id))) return imp.status;
  }
  return std::move(imp.result);
}

Result<CsvImport> parse_long(const std::vector<CsvRow>& rows, const CsvImportOptions& options) {
  std::vector<std::string> header;
  for (const std::string& h : rows[0].fields) header.push_back(normalize_header(h));
  int c_id = find_column(header, {"samplename", "sample_name", "sample", "id", "specimenid"});
  int c_marker = find_column(header, {"marker", "locus"});
  if (c_id < 0 || c_marker < 0)
    return invalid_argument("profile CSV (long layout): needs SampleName and Marker columns");
  std::vector<std::size_t> allele_columns;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (static_cast<int>(i) == c_id || static_cast<int>(i) == c_marker) continue;
    if (header[i].rfind("allele", 0) == 0) {
      allele_columns.push_back(i);
    } else if (!ignored_long_column(header[i]) && !header[i].empty()) {
      return invalid_argument("profile CSV (long layout): unknown column '" + rows[0].fields[i] +
                              "'");
    }
  }
  if (allele_columns.empty())
    return invalid_argument("profile CSV (long layout): no Allele1, Allele2... columns");
  // Rows of one sample may be interleaved with others: gather by id, in first-seen order.
  struct Pending {
    ProfileBuilder builder;
    std::size_t first_line;
    Status status;
  };
  std::vector<std::string> order;
  std::map<std::string, Pending> pending;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    std::string id = cell(row, static_cast<std::size_t>(c_id));
    std::string marker = cell(row, static_cast<std::size_t>(c_marker));
    auto it = pending.find(id);
    if (it == pending.end()) {
      order.push_back(id);
      it = pending.emplace(id, Pending{ProfileBuilder(id), row.line, Status::ok()}).first;
    }
    if (!it->second.status.is_ok()) continue;
    if (id.empty()) {
      it->second.status = invalid_argument("line " + std::to_string(row.line) + ": empty sample name");
      continue;
    }
    std::vector<std::string> texts;
    for (std::size_t c : allele_columns) texts.push_back(cell(row, c));
    Status s = it->second.builder.add_locus(marker, texts);
    if (!s.is_ok())
      it->second.status = s.with_context("line " + std::to_string(row.line) + ": profile " + id);
  }
  Importer imp(options);
  for (const std::string& id : order) {
    Pending& p = pending.at(id);
    Status s = p.status;
    if (s.is_ok()) {
      Result<Profile> built = std::move(p.builder).build();
      if (built) {
        imp.result.profiles.push_back(std::move(*built));
        continue;
      }
      s = built.status().with_context("profile " + id);
    }
    if (options.skip_bad_rows) {
      imp.result.errors.push_back(s.message());
    } else {
      return s;
    }
  }
  return std::move(imp.result);
}

}  // namespace

Result<CsvImport> parse_profiles_csv(std::string_view text, const CsvImportOptions& options) {
  ABIS_ASSIGN_OR_RETURN(std::vector<CsvRow> rows, parse_csv(text));
  if (rows.empty()) return invalid_argument("profile CSV: empty file");
  std::vector<std::string> header;
  for (const std::string& h : rows[0].fields) header.push_back(normalize_header(h));
  if (find_column(header, {"marker", "locus"}) >= 0) return parse_long(rows, options);
  return parse_wide(rows, options);
}

}  // namespace abis::genome
