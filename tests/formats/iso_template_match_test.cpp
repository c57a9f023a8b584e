// ISO/IEC 19794-2 templates made by another vendor's extractor (SecuGen, OpenAFIS's FVC2002 and
// FVC2004 DB1_B sets) read by formats/, converted by dactyl/ and matched by our matcher: the
// interchange path an incoming ISO template takes. Genuine pairs must outscore impostor pairs.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <vector>

#include "core/file_io.h"
#include "dactyl/match/matcher.h"
#include "dactyl/template/iso_conversion.h"
#include "formats/iso19794_2.h"
#include "support/test_support.h"

namespace abis::formats {
namespace {

dactyl::PreparedTemplate load(const std::string& set, int finger, int impression) {
  const auto path = abis::testing::test_data_dir() / "formats/iso19794/openafis-fvc-templates" / set /
                    (std::to_string(finger) + "_" + std::to_string(impression) + ".iso");
  auto bytes = core::read_file(path);
  EXPECT_TRUE(bytes.is_ok()) << path;
  auto record = read_minutiae_record(*bytes);
  EXPECT_TRUE(record.is_ok()) << path << ": " << record.status().to_string();
  auto tpl = dactyl::from_minutiae_record(*record, 0);
  EXPECT_TRUE(tpl.is_ok()) << path << ": " << tpl.status().to_string();
  return dactyl::prepare_template(*tpl);
}

TEST(IsoTemplateMatch, GenuinePairsOutscoreImpostorPairs) {
  ABIS_REQUIRE_TEST_DATA();
  for (const std::string set : {"fvc2002-DB1_B", "fvc2004-DB1_B"}) {
    std::vector<double> genuine, impostor;
    for (int finger = 101; finger <= 110; ++finger) {
      auto a = load(set, finger, 1);
      genuine.push_back(dactyl::compare(a, load(set, finger, 2)));
      impostor.push_back(dactyl::compare(a, load(set, finger == 110 ? 101 : finger + 1, 1)));
    }
    std::vector<double> g = genuine, i = impostor;
    std::sort(g.begin(), g.end());
    std::sort(i.begin(), i.end());
    // Medians far apart; most genuine pairs above the highest impostor.
    EXPECT_GT(g[5], 2 * i[5] + 5) << set;
    const auto above = std::count_if(g.begin(), g.end(), [&](double s) { return s > i.back(); });
    EXPECT_GE(above, 6) << set;
    std::cout << set << " genuine median " << g[5] << ", impostor median " << i[5] << ", max impostor "
              << i.back() << ", genuine above it " << above << "/10\n";
  }
}

}  // namespace
}  // namespace abis::formats
