#include "registry/name_folding.h"

#include <gtest/gtest.h>

namespace abis::registry {
namespace {

TEST(NameFolding, LatinCyrillicAndKazakhLetters) {
  EXPECT_EQ(fold_name("  NURLAN   Abaev "), "nurlan abaev");
  EXPECT_EQ(fold_name("ИВАНОВ Ёж"), "иванов ёж");
  EXPECT_EQ(fold_name("ӘБІЛҚАЙЫР ҒҰМАР ҮҢӨҺ"), "әбілқайыр ғұмар үңөһ");
  EXPECT_EQ(fold_name("әбілқайыр"), "әбілқайыр");
}

}  // namespace
}  // namespace abis::registry
