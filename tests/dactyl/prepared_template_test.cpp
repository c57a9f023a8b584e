// The look-up indexes of a prepared template that the matcher uses in place of searches and
// tests: they must give exactly what the searches and tests they replaced gave.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "dactyl/match/prepared_template.h"

namespace abis::dactyl {
namespace {

// Random prints dense enough for most minutiae to have a usable cylinder.
Template random_template(std::mt19937& rng, int count) {
  std::uniform_int_distribution<int> xy(20, 220), angle(0, 255);
  Template t;
  t.width = t.height = 240;
  for (int k = 0; k < count; ++k)
    t.minutiae.push_back({static_cast<std::uint16_t>(xy(rng)), static_cast<std::uint16_t>(xy(rng)),
                          static_cast<std::uint8_t>(angle(rng)), MinutiaType::kEnding, 50});
  return t;
}

TEST(PreparedTemplate, FirstRowCountsTheMinutiaeAboveEachRow) {
  std::mt19937 rng(5);
  for (int round = 0; round < 20; ++round) {
    const PreparedTemplate p = prepare_template(random_template(rng, 10 + round * 3));
    ASSERT_EQ(p.first_row.size(), static_cast<std::size_t>(p.sorted_y[p.count - 1]) + 2);
    for (std::size_t t = 0; t < p.first_row.size(); ++t) {
      int above = 0;
      for (float y : p.y) above += y < static_cast<float>(t);
      EXPECT_EQ(p.first_row[t], above) << "row " << t;
    }
  }
}

// The sorted copies hold the minutiae in sorted_y's order, then padding that can never pair.
TEST(PreparedTemplate, SortedCopiesFollowTheRowOrderAndEndInPadding) {
  std::mt19937 rng(7);
  const PreparedTemplate p = prepare_template(random_template(rng, 30));
  for (const auto* v : {&p.sorted_x, &p.sorted_y, &p.sorted_dir_x, &p.sorted_dir_y})
    ASSERT_EQ(v->size(), static_cast<std::size_t>(p.count + PreparedTemplate::kBandPadding));
  for (int k = 0; k < p.count; ++k) {
    const int j = p.by_y[k];
    EXPECT_EQ(p.sorted_x[k], p.x[j]);
    EXPECT_EQ(p.sorted_y[k], p.y[j]);
    EXPECT_EQ(p.sorted_dir_x[k], p.dir_x[j]);
    EXPECT_EQ(p.sorted_dir_y[k], p.dir_y[j]);
    if (k > 0) {
      EXPECT_LE(p.sorted_y[k - 1], p.sorted_y[k]);
    }
  }
  for (int k = p.count; k < p.count + PreparedTemplate::kBandPadding; ++k) {
    EXPECT_GT(p.sorted_y[k], 1e8f);
    EXPECT_EQ(p.sorted_dir_x[k], 0.0f);
    EXPECT_EQ(p.sorted_dir_y[k], 0.0f);
  }
}

// The matcher compares a minutia's cylinder with those of the minutiae of the other print whose
// direction lies within kMaxPairAngle: once tested as cos(difference) >= cos(kMaxPairAngle) on
// the unit directions, now read as one run of by_direction. Both must select the same minutiae.
TEST(PreparedTemplate, DirectionRunsHoldExactlyTheDirectionPartners) {
  const int max_units = static_cast<int>(params::kMaxPairAngle * 256 / (2 * std::numbers::pi));
  const float min_cos = static_cast<float>(std::cos(params::kMaxPairAngle));
  std::mt19937 rng(9);
  int usable_pairs = 0;
  for (int round = 0; round < 10; ++round) {
    const PreparedTemplate a = prepare_template(random_template(rng, 60));
    const PreparedTemplate b = prepare_template(random_template(rng, 60));
    ASSERT_EQ(b.first_direction.size(), 3u * 256 + 1);
    for (int i = 0; i < a.count; ++i) {
      const int unit = 256 + a.direction_unit[i];
      const int first = b.first_direction[unit - max_units], last = b.first_direction[unit + max_units + 1];
      std::vector<int> in_run(b.count, 0);
      for (int k = first; k < last; ++k) ++in_run[b.by_direction[k]];
      for (int j = 0; j < b.count; ++j) {
        const bool partner = b.cylinders[j].usable && a.dir_x[i] * b.dir_x[j] + a.dir_y[i] * b.dir_y[j] >= min_cos;
        EXPECT_EQ(in_run[j], partner ? 1 : 0) << "round " << round << " minutiae " << i << ", " << j;
        usable_pairs += partner;
      }
    }
  }
  EXPECT_GT(usable_pairs, 1000);  // the prints were dense enough to test something
}

}  // namespace
}  // namespace abis::dactyl
