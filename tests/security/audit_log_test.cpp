#include <gtest/gtest.h>
#include <sqlite3.h>

#include "security_fixture.h"

namespace abis::security {
namespace {

class AuditLogTest : public SecurityFixture {
 protected:
  void append_events(int n) {
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE(audit_->record(*db_, console_, {"person.read", "person", "P" + std::to_string(i), AuditOutcome::kOk, ""})
                      .is_ok());
    }
  }
  // Edits the database file behind the store's back, as an attacker with file access would.
  void tamper(const std::string& sql) {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open((dir_.path() / "abis.db").c_str(), &raw), SQLITE_OK);
    char* err = nullptr;
    ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_close(raw);
  }
  AuditVerification verify() {
    auto v = audit_->verify(*db_);
    EXPECT_TRUE(v.is_ok());
    return *v;
  }
};

TEST_F(AuditLogTest, AnIntactChainVerifies) {
  append_events(20);
  auto v = verify();
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(v.entries_checked, 21);  // + the workstation registration of the fixture
}

TEST_F(AuditLogTest, AnEditedEntryIsFoundAtItsPlace) {
  append_events(20);
  tamper("UPDATE audit_log SET object_id = 'someone-else' WHERE seq = 7");
  auto v = verify();
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.problems[0].seq, 7);
  EXPECT_NE(v.problems[0].message.find("altered"), std::string::npos);
}

TEST_F(AuditLogTest, ADeletedEntryIsFound) {
  append_events(20);
  tamper("DELETE FROM audit_log WHERE seq = 12");
  auto v = verify();
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.problems[0].seq, 13);
  EXPECT_NE(v.problems[0].message.find("12"), std::string::npos);
}

TEST_F(AuditLogTest, AnInsertedEntryIsFoundEvenWithAPlausibleHash) {
  append_events(5);
  // Renumber to make room and insert a forged entry that copies its neighbour's hashes.
  tamper("UPDATE audit_log SET seq = seq + 100 WHERE seq > 3; UPDATE audit_log SET seq = seq - 99 WHERE seq > 100;"
         "INSERT INTO audit_log SELECT 4, at, user, roles, workstation, client_address, session, 'person.delete',"
         " object_type, object_id, outcome, detail, prev_hash, hash FROM audit_log WHERE seq = 5;");
  auto v = verify();
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.problems[0].seq, 4);
}

TEST_F(AuditLogTest, CuttingOffTheEndIsFoundThroughTheAnchor) {
  append_events(10);
  tamper("DELETE FROM audit_log WHERE seq > 8");
  auto v = verify();
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.problems.back().message.find("anchor"), std::string::npos);
}

TEST_F(AuditLogTest, RecomputingPlainHashesDoesNotHelpWithoutTheKey) {
  append_events(3);
  // An attacker rewrites an entry and "fixes" its hash with SHA-256 of something: still caught.
  tamper("UPDATE audit_log SET detail = 'nothing happened', hash = lower(hex(randomblob(32))) WHERE seq = 2");
  EXPECT_FALSE(verify().ok());
}

}  // namespace
}  // namespace abis::security
