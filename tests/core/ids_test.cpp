#include "core/ids.h"

#include <gtest/gtest.h>

#include <set>

namespace abis::core {
namespace {

TEST(Ids, AreValidUniqueAndSortByTime) {
  ManualClock clock(1'700'000'000'000'000);
  std::set<std::string> seen;
  std::string previous;
  for (int i = 0; i < 1000; ++i) {
    clock.advance_seconds(1);
    std::string id = new_id(clock);
    EXPECT_TRUE(is_valid_id(id)) << id;
    EXPECT_GT(id, previous);
    previous = id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
  EXPECT_FALSE(is_valid_id("not-an-id"));
  EXPECT_FALSE(is_valid_id("0123456789ABCDEFGHJKMNPQRU"));  // U is not Crockford
}

}  // namespace
}  // namespace abis::core
