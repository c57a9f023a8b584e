#include "core/config.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "core/file_io.h"
#include "support/test_support.h"

namespace abis::core {
namespace {

TEST(Config, LayersOverrideInOrder) {
  abis::testing::TempDir dir;
  ASSERT_TRUE(write_file_atomic(dir.path() / "abis.conf",
                                "# comment\nserver.listen = 0.0.0.0:9000\nsecurity.max_failed_logins=3\n")
                  .is_ok());
  Config config;
  EXPECT_EQ(config.get("server.listen"), "127.0.0.1:8080");
  ASSERT_TRUE(config.merge_file(dir.path() / "abis.conf", false).is_ok());
  EXPECT_EQ(config.get("server.listen"), "0.0.0.0:9000");
  ::setenv("ABIS_SECURITY_MAX_FAILED_LOGINS", "7", 1);
  ASSERT_TRUE(config.merge_environment().is_ok());
  ::unsetenv("ABIS_SECURITY_MAX_FAILED_LOGINS");
  EXPECT_EQ(*config.get_int("security.max_failed_logins", 1, 100), 7);
  ASSERT_TRUE(config.set("server.listen", "127.0.0.1:1").is_ok());
  EXPECT_EQ(config.source_of("server.listen"), "flag");
}

TEST(Config, UnknownKeysAndBadValuesAreRefused) {
  Config config;
  EXPECT_FALSE(config.set("server.lisen", "x").is_ok());
  ASSERT_TRUE(config.set("server.threads", "many").is_ok());
  EXPECT_FALSE(config.get_int("server.threads", 1, 64).is_ok());
  ASSERT_TRUE(config.set("server.threads", "1000").is_ok());
  EXPECT_FALSE(config.get_int("server.threads", 1, 64).is_ok());
  abis::testing::TempDir dir;
  ASSERT_TRUE(write_file_atomic(dir.path() / "bad.conf", "no equals sign\n").is_ok());
  auto s = config.merge_file(dir.path() / "bad.conf", false);
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("bad.conf:1"), std::string::npos);
}

}  // namespace
}  // namespace abis::core
