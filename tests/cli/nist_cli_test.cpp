// `abis nist ...`, `abis chip dg3` and `abis fp extract --format iso19794-2|ansi378` as a user runs
// them: build a transaction from a spec, dump, validate, extract; a passport DG3 to PNG; an
// extracted ISO template compared with its image.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "core/file_io.h"
#include "support/process.h"
#include "support/test_support.h"

namespace abis::testing {
namespace {

namespace fs = std::filesystem;

std::string write_pgm(const fs::path& path) {
  std::string pgm = "P5\n160 120\n255\n";
  for (int y = 0; y < 120; ++y)
    for (int x = 0; x < 160; ++x)
      pgm += static_cast<char>(128 + 100 * std::sin(std::hypot(x - 70.0, y - 55.0) / 1.7));
  EXPECT_TRUE(core::write_file_atomic(path, pgm).is_ok());
  return path.string();
}

TEST(NistCli, BuildDumpValidateExtract) {
  TempDir dir;
  write_pgm(dir.path() / "finger.pgm");
  const std::string spec = R"({"version": "0502", "records": [
    {"type": 1, "fields": {"4": "CAR", "7": "DAI000001", "8": "ORI000001", "9": "TCN-1"}},
    {"type": 2, "fields": {"2.003": "note"}},
    {"type": 14, "image": "finger.pgm", "compression": "WSQ20", "positions": [2], "ppi": 500},
    {"type": 18, "fields": {"3": [["item 1", "item 2"], ["second"]]}}]})";
  ASSERT_TRUE(core::write_file_atomic(dir.path() / "spec.json", spec).is_ok());
  const std::string an2 = (dir.path() / "out.an2").string();
  auto build = run_abis({"nist", "build", (dir.path() / "spec.json").string(), "-o", an2});
  ASSERT_EQ(build.exit_code, 0) << build.err;
  EXPECT_NE(build.out.find("4 records"), std::string::npos) << build.out;

  auto dump = run_abis({"nist", "dump", an2});
  ASSERT_EQ(dump.exit_code, 0) << dump.err;
  EXPECT_NE(dump.out.find("18.003 item 1<US>item 2<RS>second"), std::string::npos) << dump.out;
  EXPECT_NE(dump.out.find("14.999 <"), std::string::npos) << dump.out;
  auto json = run_abis({"nist", "dump", an2, "--json"});
  ASSERT_EQ(json.exit_code, 0);
  EXPECT_NE(json.out.find("\"format\": \"WSQ\""), std::string::npos) << json.out;

  auto valid = run_abis({"nist", "validate", an2});
  EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
  EXPECT_NE(valid.out.find("0 errors"), std::string::npos) << valid.out;

  const fs::path out = dir.path() / "x";
  auto ex = run_abis({"nist", "extract", an2, "-o", out.string()});
  ASSERT_EQ(ex.exit_code, 0) << ex.err;
  EXPECT_TRUE(fs::exists(out / "fields.json"));
  EXPECT_TRUE(fs::exists(out / "record-2-type14.png")) << ex.out;

  // A broken file: validate names the record and field and fails.
  auto bytes = *core::read_file(an2);
  std::string text(bytes.begin(), bytes.end());
  text.replace(text.find("14.011:WSQ20"), 12, "14.011:XYZ99");
  ASSERT_TRUE(core::write_file_atomic(dir.path() / "bad.an2", text).is_ok());
  auto bad = run_abis({"nist", "validate", (dir.path() / "bad.an2").string()});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.out.find("record 2 (Type-14) field 14.011"), std::string::npos) << bad.out;
}

TEST(NistCli, TruncatedFileGivesTheOffset) {
  TempDir dir;
  ASSERT_TRUE(core::write_file_atomic(dir.path() / "t.an2", std::string("1.001:999\x1d" "1.002:0502")).is_ok());
  auto r = run_abis({"nist", "dump", (dir.path() / "t.an2").string()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("byte 0, record 0 (Type-1): field 1.001 LEN 999 runs past the end"), std::string::npos) << r.err;
}

TEST(ChipCli, Dg3ToPng) {
  ABIS_REQUIRE_TEST_DATA();
  TempDir dir;
  auto r = run_abis({"chip", "dg3", (test_data_dir() / "formats/iso19794/icao-dg3-bsi2008/Datagroup3.bin").string(),
                     "-o", dir.path().string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir.path() / "template-1-finger-2.png"));
  EXPECT_TRUE(fs::exists(dir.path() / "template-2-finger-7.png"));
  EXPECT_TRUE(fs::exists(dir.path() / "dg3.json"));
}

TEST(FpCli, ExtractIsoAndAnsiTemplatesAndCompareThem) {
  ABIS_REQUIRE_TEST_DATA();
  TempDir dir;
  auto dg3 = run_abis({"chip", "dg3", (test_data_dir() / "formats/iso19794/icao-dg3-bsi2008/Datagroup3.bin").string(),
                       "-o", dir.path().string()});
  ASSERT_EQ(dg3.exit_code, 0) << dg3.err;
  const std::string image = (dir.path() / "template-1-finger-2.png").string();
  for (const std::string format : {"iso19794-2", "ansi378"}) {
    const std::string tpl = (dir.path() / (format + ".fmr")).string();
    auto ex = run_abis({"fp", "extract", image, "--format", format, "-o", tpl});
    ASSERT_EQ(ex.exit_code, 0) << ex.err;
    auto bytes = core::read_file(tpl);
    ASSERT_TRUE(bytes.is_ok());
    ASSERT_GE(bytes->size(), 26u);
    EXPECT_EQ(std::string(bytes->begin(), bytes->begin() + 4), std::string("FMR\0", 4));
    auto cmp = run_abis({"fp", "compare", tpl, image});
    ASSERT_EQ(cmp.exit_code, 0) << cmp.err;
    EXPECT_NE(cmp.out.find("MATCH"), std::string::npos) << cmp.out;
  }
}

}  // namespace
}  // namespace abis::testing
