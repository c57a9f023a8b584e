#include "image/wsq_nistcom.h"

#include <cstdio>
#include <cstdlib>

namespace abis::image::wsq {

std::optional<std::vector<std::pair<std::string, std::string>>> parse_nistcom(
    std::string_view text) {
  constexpr std::string_view kHeader = "NIST_COM";
  if (text.substr(0, kHeader.size()) != kHeader) return std::nullopt;
  std::vector<std::pair<std::string, std::string>> fields;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\0')) line.remove_suffix(1);
    std::size_t space = line.find(' ');
    if (!line.empty()) {
      if (space == std::string_view::npos) {
        fields.emplace_back(std::string(line), "");
      } else {
        fields.emplace_back(std::string(line.substr(0, space)), std::string(line.substr(space + 1)));
      }
    }
    pos = end + 1;
  }
  return fields;
}

std::optional<double> nistcom_ppi(const std::vector<std::string>& comments) {
  for (const auto& text : comments) {
    auto fields = parse_nistcom(text);
    if (!fields) continue;
    for (const auto& [name, value] : *fields) {
      if (name != "PPI") continue;
      char* end = nullptr;
      double ppi = std::strtod(value.c_str(), &end);
      if (end != value.c_str() && ppi > 0) return ppi;
    }
  }
  return std::nullopt;
}

std::string make_nistcom(int width, int height, int ppi, double bit_rate) {
  char rate[32];
  std::snprintf(rate, sizeof rate, "%f", bit_rate);
  return "NIST_COM 9\nPIX_WIDTH " + std::to_string(width) + "\nPIX_HEIGHT " +
         std::to_string(height) + "\nPIX_DEPTH 8\nPPI " + std::to_string(ppi) +
         "\nLOSSY 1\nCOLORSPACE GRAY\nCOMPRESSION WSQ\nWSQ_BITRATE " + rate;
}

}  // namespace abis::image::wsq
