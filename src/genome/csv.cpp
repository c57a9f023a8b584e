#include "genome/csv.h"

namespace abis::genome {
namespace {

char guess_separator(std::string_view text) {
  std::size_t counts[3] = {0, 0, 0};
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    if (c == ',') ++counts[0];
    if (c == ';') ++counts[1];
    if (c == '\t') ++counts[2];
  }
  if (counts[1] > counts[0] && counts[1] >= counts[2]) return ';';
  if (counts[2] > counts[0] && counts[2] > counts[1]) return '\t';
  return ',';
}

bool all_blank(const std::vector<std::string>& fields) {
  for (const std::string& f : fields)
    for (char c : f)
      if (c != ' ' && c != '\t') return false;
  return true;
}

}  // namespace

Result<std::vector<CsvRow>> parse_csv(std::string_view text, char separator) {
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
      static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF)
    text.remove_prefix(3);
  if (separator == 0) separator = guess_separator(text);

  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  std::size_t line = 1;
  row.line = 1;
  bool quoted = false;
  bool field_was_quoted = false;
  std::size_t quote_line = 0;
  auto end_field = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
    field_was_quoted = false;
  };
  auto end_row = [&] {
    end_field();
    if (!all_blank(row.fields)) rows.push_back(std::move(row));
    row = CsvRow();
    row.line = line;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty() && !field_was_quoted) {
      quoted = true;
      field_was_quoted = true;
      quote_line = line;
    } else if (c == separator) {
      end_field();
    } else if (c == '\r') {
      // CRLF: the '\n' ends the row; a lone CR is dropped.
    } else if (c == '\n') {
      ++line;
      end_row();
    } else {
      field += c;
    }
  }
  if (quoted)
    return invalid_argument("CSV: the quote opened on line " + std::to_string(quote_line) +
                            " is never closed");
  if (!field.empty() || !row.fields.empty()) end_row();
  return rows;
}

std::string normalize_header(std::string_view name) {
  std::size_t b = 0, e = name.size();
  while (b < e && (name[b] == ' ' || name[b] == '\t')) ++b;
  while (e > b && (name[e - 1] == ' ' || name[e - 1] == '\t')) --e;
  std::string out;
  for (std::size_t i = b; i < e; ++i) {
    char c = name[i];
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (c == ' ' || c == '.' || c == '-') c = '_';
    out += c;
  }
  return out;
}

}  // namespace abis::genome
