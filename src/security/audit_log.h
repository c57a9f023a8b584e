// AuditLog: the tamper-evident trail of every read and write of personal or biometric data, every
// login and every refusal (Rules clause 144).
//
// Entries are appended to the audit_log table with consecutive sequence numbers. Each entry's
// hash is HMAC-SHA-256, under a key kept outside the database (DATA_DIR/audit.key), of the previous
// entry's hash and all of the entry's fields; so editing, inserting or deleting a row breaks the
// chain at a place verify() names, and someone who can write the database but not read the key
// cannot re-forge it. The newest (sequence, hash) is also written to an anchor file
// (DATA_DIR/audit.anchor) after each commit, so that cutting entries off the end is detected too.
// The format is documented in docs/formats/audit-chain.md.
//
// Thread-safety: all methods may be called from any thread. append() must run inside a write
// transaction (the store serialises writers, which keeps the chain linear); the entry becomes
// part of the trail only if that transaction commits, together with the change it records.
#pragma once

#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "security/principal.h"
#include "store/database.h"

namespace abis::security {

enum class AuditOutcome { kOk, kDenied, kFailed };
std::string_view outcome_name(AuditOutcome outcome);

struct AuditEvent {
  std::string action;       // "person.create", "person.read", "auth.login", "dactyl.identify" ...
  std::string object_type;  // "person", "user", "workstation", "session", ...
  std::string object_id;
  AuditOutcome outcome = AuditOutcome::kOk;
  std::string detail;       // short, no personal data beyond ids ("version 3", "wrong password")
};

struct AuditEntry {
  std::int64_t seq = 0;
  std::string at;  // UTC, microseconds
  std::string user;
  std::string roles;
  std::string workstation;
  std::string client_address;
  std::string session;
  std::string action;
  std::string object_type;
  std::string object_id;
  std::string outcome;
  std::string detail;
  std::string prev_hash;
  std::string hash;
};

struct AuditReceipt {
  std::int64_t seq = 0;
  std::string hash;
};

struct AuditProblem {
  std::int64_t seq;      // the entry at or after which the chain breaks
  std::string message;   // "entry 17 was edited: its hash does not match its content"
};

struct AuditVerification {
  std::int64_t entries_checked = 0;
  std::int64_t last_seq = 0;
  std::vector<AuditProblem> problems;  // empty when the chain is intact
  bool ok() const { return problems.empty(); }
};

class AuditLog {
 public:
  // Loads or creates the key (0600) and reads the anchor in data_dir.
  static Result<std::unique_ptr<AuditLog>> open(const std::filesystem::path& data_dir,
                                                const core::Clock& clock);

  // Appends inside tx. After tx commits, pass the receipt to note_committed().
  Result<AuditReceipt> append(store::Transaction& tx, const Principal& who, const AuditEvent& event);
  // Records the chain head in the anchor file so that truncation can be detected.
  void note_committed(const AuditReceipt& receipt);
  // Convenience: one event in its own write transaction (logins, refusals, reads).
  Status record(store::Database& db, const Principal& who, const AuditEvent& event);

  Result<AuditVerification> verify(store::Database& db) const;
  Result<std::vector<AuditEntry>> list(store::Database& db, std::int64_t after_seq, int limit,
                                       const std::string& user_filter = {},
                                       const std::string& object_id_filter = {}) const;

 private:
  AuditLog(std::filesystem::path data_dir, std::string key, const core::Clock& clock);
  std::string compute_hash(const AuditEntry& entry) const;

  std::filesystem::path data_dir_;
  std::string key_;  // 32 raw bytes
  const core::Clock& clock_;
  std::mutex anchor_mutex_;
};

// The audit_log table (part of the security module's migrations).
extern const char* const kAuditLogSchema;

}  // namespace abis::security
