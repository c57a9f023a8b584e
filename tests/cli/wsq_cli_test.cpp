// `abis wsq ...` as a user runs it: encode, info, decode, and the error paths' exit codes.
#include <gtest/gtest.h>

#include <cmath>

#include "core/file_io.h"
#include "support/process.h"
#include "support/test_support.h"

namespace abis::testing {
namespace {

// A 120x90 binary PGM with a ridge-like pattern.
std::string write_pgm(const std::filesystem::path& path) {
  std::string pgm = "P5\n120 90\n255\n";
  for (int y = 0; y < 90; ++y)
    for (int x = 0; x < 120; ++x)
      pgm += static_cast<char>(128 + 100 * std::sin(std::hypot(x - 50.0, y - 40.0) / 1.7));
  EXPECT_TRUE(core::write_file_atomic(path, pgm).is_ok());
  return path.string();
}

TEST(WsqCli, EncodeInfoDecode) {
  TempDir dir;
  std::string pgm = write_pgm(dir.path() / "in.pgm");
  std::string wsq = (dir.path() / "out.wsq").string();
  auto enc = run_abis({"wsq", "encode", pgm, wsq, "--bitrate", "2.25", "--ppi", "500"});
  ASSERT_EQ(enc.exit_code, 0) << enc.err;
  EXPECT_NE(enc.out.find("120x90"), std::string::npos) << enc.out;
  auto info = run_abis({"wsq", "info", wsq});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_NE(info.out.find("120 x 90"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("ppi             500"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("encoder         2"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("WSQ_BITRATE 2.250000"), std::string::npos) << info.out;
  std::string png = (dir.path() / "back.png").string();
  auto dec = run_abis({"wsq", "decode", wsq, png});
  ASSERT_EQ(dec.exit_code, 0) << dec.err;
  EXPECT_TRUE(std::filesystem::exists(png));
}

TEST(WsqCli, ErrorsSayWhatIsWrong) {
  TempDir dir;
  std::string pgm = write_pgm(dir.path() / "in.pgm");
  // Not a WSQ file: invalid input, exit code of invalid_argument.
  auto bad = run_abis({"wsq", "decode", pgm, (dir.path() / "x.png").string()});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("SOI"), std::string::npos) << bad.err;
  auto rate = run_abis({"wsq", "encode", pgm, (dir.path() / "x.wsq").string(), "--bitrate", "20"});
  EXPECT_NE(rate.exit_code, 0);
  EXPECT_NE(rate.err.find("bit rate"), std::string::npos) << rate.err;
  std::string wsq = (dir.path() / "ok.wsq").string();
  ASSERT_EQ(run_abis({"wsq", "encode", pgm, wsq}).exit_code, 0);
  auto ext = run_abis({"wsq", "decode", wsq, (dir.path() / "x.gif").string()});
  EXPECT_NE(ext.exit_code, 0);
  EXPECT_NE(ext.err.find(".png or .pgm"), std::string::npos) << ext.err;
}

}  // namespace
}  // namespace abis::testing
