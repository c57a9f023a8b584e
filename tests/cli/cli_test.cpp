// The abis command as a user runs it: exit codes and messages.
#include <gtest/gtest.h>

#include "support/process.h"
#include "support/test_support.h"

namespace abis::testing {
namespace {

TEST(Cli, VersionAndHelp) {
  auto v = run_abis({"--version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_NE(v.out.find("abis "), std::string::npos);
  auto h = run_abis({"--help"});
  EXPECT_EQ(h.exit_code, 0);
  for (const char* cmd : {"serve", "user", "workstation", "person", "audit"}) {
    EXPECT_NE(h.out.find(cmd), std::string::npos) << cmd;
  }
  EXPECT_NE(run_abis({"no-such-command"}).exit_code, 0);
}

TEST(Cli, PersonLifecycleOnADataFolder) {
  TempDir dir;
  std::string data = (dir.path() / "data").string();
  auto add = run_abis({"person", "add", "--data", data, "--surname", "KARIMOV", "--given-name", "BOBUR",
                       "--citizenship", "UZB", "--category", "foreigner", "--birth-date", "1990-05-06"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  auto id_at = add.out.find("person    ");
  ASSERT_NE(id_at, std::string::npos);
  std::string id = add.out.substr(id_at + 10, 26);
  auto show = run_abis({"person", "show", "--data", data, id, "--json"});
  EXPECT_EQ(show.exit_code, 0);
  EXPECT_NE(show.out.find("KARIMOV"), std::string::npos);
  auto upd = run_abis({"person", "update", "--data", data, id, "--surname", "KARIMOV", "--given-name", "BOBUR",
                       "--citizenship", "UZB", "--category", "foreigner", "--birth-date", "1990-05-06",
                       "--birth-place", "Tashkent", "--reason", "place of birth added"});
  EXPECT_EQ(upd.exit_code, 0) << upd.err;
  auto hist = run_abis({"person", "history", "--data", data, id});
  EXPECT_NE(hist.out.find("version 2"), std::string::npos) << hist.out;
  auto find = run_abis({"person", "find", "--data", data, "--name", "karim"});
  EXPECT_NE(find.out.find("1 found"), std::string::npos);
  auto verify = run_abis({"audit", "verify", "--data", data});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  EXPECT_NE(verify.out.find("chain intact"), std::string::npos);
}

TEST(Cli, BadInputExitsNonZeroAndNamesTheProblem) {
  TempDir dir;
  std::string data = (dir.path() / "data").string();
  auto bad_check = run_abis({"person", "add", "--data", data, "--iin", "061211600013", "--surname", "A",
                             "--given-name", "B", "--citizenship", "KAZ", "--category", "citizen"});
  EXPECT_EQ(bad_check.exit_code, 2);
  EXPECT_NE(bad_check.err.find("check digit"), std::string::npos) << bad_check.err;
  auto bad_date = run_abis({"person", "add", "--data", data, "--iin", "061311600012", "--surname", "A",
                            "--given-name", "B", "--citizenship", "KAZ", "--category", "citizen"});
  EXPECT_EQ(bad_date.exit_code, 2);
  EXPECT_NE(bad_date.err.find("date"), std::string::npos) << bad_date.err;
  auto missing = run_abis({"person", "show", "--data", data, "01NOSUCHPERSON000000000000"});
  EXPECT_EQ(missing.exit_code, 3);
  auto bad_role = run_abis({"user", "add", "--data", data, "someone", "--role", "wizard", "--password-stdin"}, {},
                           "Some-Passw0rd-1\n");
  EXPECT_EQ(bad_role.exit_code, 2);
  EXPECT_NE(bad_role.err.find("wizard"), std::string::npos);
  auto bad_setting = run_abis({"person", "find", "--data", data, "--name", "ab", "--set", "no.such=1"});
  EXPECT_EQ(bad_setting.exit_code, 2);
  EXPECT_NE(bad_setting.err.find("no.such"), std::string::npos);
  auto file_as_data = run_abis({"person", "find", "--data", "/etc/hostname", "--name", "ab"});
  EXPECT_NE(file_as_data.exit_code, 0);
  EXPECT_NE(file_as_data.err.find("not a folder"), std::string::npos) << file_as_data.err;
}

TEST(Cli, UsersAndWorkstations) {
  TempDir dir;
  std::string data = (dir.path() / "data").string();
  auto ws = run_abis({"workstation", "add", "--data", data, "desk-1", "--location", "Astana"});
  ASSERT_EQ(ws.exit_code, 0) << ws.err;
  EXPECT_NE(ws.out.find("key"), std::string::npos);
  auto user = run_abis({"user", "add", "--data", data, "examiner1", "--role", "fingerprint_examiner",
                        "--workstation", "desk-1", "--password-stdin"},
                       {}, "Examiner-Passw0rd\n");
  ASSERT_EQ(user.exit_code, 0) << user.err;
  auto list = run_abis({"user", "list", "--data", data});
  EXPECT_NE(list.out.find("examiner1\tfingerprint_examiner\tactive"), std::string::npos) << list.out;
  EXPECT_EQ(run_abis({"user", "disable", "--data", data, "examiner1"}).exit_code, 0);
  EXPECT_NE(run_abis({"user", "list", "--data", data}).out.find("disabled"), std::string::npos);
  auto dup = run_abis({"workstation", "add", "--data", data, "desk-1"});
  EXPECT_EQ(dup.exit_code, 4);
}

TEST(Cli, CalendarAddDays) {
  auto r = run_abis({"calendar", "add-days", "2026-03-19", "5"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "2026-03-31\n");
}

}  // namespace
}  // namespace abis::testing
