#include "security/audit_log.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <optional>
#include <sstream>

#include "core/file_io.h"
#include "core/ids.h"
#include "security/password.h"

namespace abis::security {
namespace fs = std::filesystem;

const char* const kAuditLogSchema = R"sql(
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user TEXT NOT NULL,
  roles TEXT NOT NULL,
  workstation TEXT NOT NULL,
  client_address TEXT NOT NULL,
  session TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_user ON audit_log (user, seq);
CREATE INDEX audit_log_object ON audit_log (object_id, seq);
)sql";

namespace {

constexpr const char* kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";
constexpr const char* kKeyFile = "audit.key";
constexpr const char* kAnchorFile = "audit.anchor";

// Length-prefixed fields, so that no choice of field contents can make two entries hash alike.
void put_field(std::string& out, std::string_view field) {
  std::uint64_t n = field.size();
  for (int i = 0; i < 8; ++i) out += static_cast<char>((n >> (8 * i)) & 0xff);
  out += field;
}

struct Anchor {
  std::int64_t seq = 0;
  std::string hash;
};

std::optional<Anchor> read_anchor(const fs::path& file) {
  auto text = core::read_text_file(file, 4096);
  if (!text.is_ok()) return std::nullopt;
  std::istringstream in(*text);
  Anchor a;
  if (!(in >> a.seq >> a.hash)) return std::nullopt;
  return a;
}

AuditEntry entry_from_row(const store::Row& r) {
  AuditEntry e;
  e.seq = r.get_int(0);
  e.at = r.get_text(1);
  e.user = r.get_text(2);
  e.roles = r.get_text(3);
  e.workstation = r.get_text(4);
  e.client_address = r.get_text(5);
  e.session = r.get_text(6);
  e.action = r.get_text(7);
  e.object_type = r.get_text(8);
  e.object_id = r.get_text(9);
  e.outcome = r.get_text(10);
  e.detail = r.get_text(11);
  e.prev_hash = r.get_text(12);
  e.hash = r.get_text(13);
  return e;
}

constexpr const char* kSelectColumns =
    "SELECT seq, at, user, roles, workstation, client_address, session, action, object_type, "
    "object_id, outcome, detail, prev_hash, hash FROM audit_log ";

}  // namespace

std::string_view outcome_name(AuditOutcome outcome) {
  switch (outcome) {
    case AuditOutcome::kOk: return "ok";
    case AuditOutcome::kDenied: return "denied";
    case AuditOutcome::kFailed: return "failed";
  }
  return "unknown";
}

AuditLog::AuditLog(fs::path data_dir, std::string key, const core::Clock& clock)
    : data_dir_(std::move(data_dir)), key_(std::move(key)), clock_(clock) {}

Result<std::unique_ptr<AuditLog>> AuditLog::open(const fs::path& data_dir, const core::Clock& clock) {
  ABIS_RETURN_IF_ERROR(init_crypto());
  fs::path key_file = data_dir / kKeyFile;
  std::string key;
  if (fs::exists(key_file)) {
    ABIS_ASSIGN_OR_RETURN(key, core::read_text_file(key_file, 1024));
    if (key.size() != crypto_auth_hmacsha256_KEYBYTES) {
      return data_corrupt(key_file.string() + " is not a 32-byte audit key; the audit trail cannot be "
                          "checked without the original key");
    }
  } else {
    key.resize(crypto_auth_hmacsha256_KEYBYTES);
    core::random_bytes(key.data(), key.size());
    ABIS_RETURN_IF_ERROR(core::write_file_atomic(key_file, key));
    ::chmod(key_file.c_str(), 0600);
  }
  return std::unique_ptr<AuditLog>(new AuditLog(data_dir, std::move(key), clock));
}

std::string AuditLog::compute_hash(const AuditEntry& e) const {
  std::string message;
  put_field(message, std::to_string(e.seq));
  for (const std::string* f : {&e.at, &e.user, &e.roles, &e.workstation, &e.client_address,
                               &e.session, &e.action, &e.object_type, &e.object_id, &e.outcome,
                               &e.detail, &e.prev_hash}) {
    put_field(message, *f);
  }
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key_.data()), key_.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[2 * crypto_auth_hmacsha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

Result<AuditReceipt> AuditLog::append(store::Transaction& tx, const Principal& who,
                                      const AuditEvent& event) {
  if (tx.mode() != store::TransactionMode::kWrite) {
    return internal_error("audit entries can only be appended in a write transaction");
  }
  ABIS_ASSIGN_OR_RETURN(auto last, tx.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
  AuditEntry e;
  e.seq = last.empty() ? 1 : last[0].get_int(0) + 1;
  e.prev_hash = last.empty() ? kGenesisHash : last[0].get_text(1);
  e.at = core::format_utc(clock_.now_micros());
  e.user = who.username;
  e.roles = roles_to_string(who.roles);
  e.workstation = who.workstation_name;
  e.client_address = who.client_address;
  e.session = who.session_id;
  e.action = event.action;
  e.object_type = event.object_type;
  e.object_id = event.object_id;
  e.outcome = std::string(outcome_name(event.outcome));
  e.detail = event.detail;
  e.hash = compute_hash(e);
  ABIS_RETURN_IF_ERROR(
      tx.execute("INSERT INTO audit_log (seq, at, user, roles, workstation, client_address, session, "
                 "action, object_type, object_id, outcome, detail, prev_hash, hash) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {e.seq, e.at, e.user, e.roles, e.workstation, e.client_address, e.session, e.action,
                  e.object_type, e.object_id, e.outcome, e.detail, e.prev_hash, e.hash})
          .status());
  return AuditReceipt{e.seq, e.hash};
}

void AuditLog::note_committed(const AuditReceipt& receipt) {
  std::lock_guard lock(anchor_mutex_);
  // Another process (a CLI command beside the server) may write the anchor too: take a file lock
  // and only move the anchor forward.
  fs::path lock_path = data_dir_ / (std::string(kAnchorFile) + ".lock");
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return;
  ::flock(fd, LOCK_EX);
  auto current = read_anchor(data_dir_ / kAnchorFile);
  if (!current || current->seq < receipt.seq) {
    // Not flushed to disk: after a power cut the anchor may lag the trail (never lead it), which
    // verify() accepts; an fsync here would cost every audited request a disk flush.
    (void)core::write_file_atomic(data_dir_ / kAnchorFile,
                                  std::to_string(receipt.seq) + " " + receipt.hash + "\n", /*durable=*/false);
  }
  ::flock(fd, LOCK_UN);
  ::close(fd);
}

Status AuditLog::record(store::Database& db, const Principal& who, const AuditEvent& event) {
  ABIS_ASSIGN_OR_RETURN(auto tx, db.begin(store::TransactionMode::kWrite));
  ABIS_ASSIGN_OR_RETURN(AuditReceipt receipt, append(*tx, who, event));
  ABIS_RETURN_IF_ERROR(tx->commit());
  note_committed(receipt);
  return Status::ok();
}

Result<AuditVerification> AuditLog::verify(store::Database& db) const {
  AuditVerification report;
  ABIS_ASSIGN_OR_RETURN(auto tx, db.begin(store::TransactionMode::kRead));
  // Page through the table so that a long trail does not need to fit in memory.
  std::int64_t expected_seq = 1;
  std::string prev_hash = kGenesisHash;
  constexpr int kPage = 10000;
  constexpr std::size_t kMaxProblems = 100;
  auto problem = [&](std::int64_t seq, std::string message) {
    if (report.problems.size() < kMaxProblems) report.problems.push_back({seq, std::move(message)});
  };
  while (true) {
    ABIS_ASSIGN_OR_RETURN(auto rows, tx->query(std::string(kSelectColumns) +
                                                   "WHERE seq >= ? ORDER BY seq LIMIT ?",
                                               {expected_seq, std::int64_t{kPage}}));
    if (rows.empty()) break;
    for (const auto& row : rows) {
      AuditEntry e = entry_from_row(row);
      ++report.entries_checked;
      if (e.seq != expected_seq) {
        problem(e.seq, e.seq > expected_seq
                           ? "entries " + std::to_string(expected_seq) +
                                 (e.seq - 1 > expected_seq ? "-" + std::to_string(e.seq - 1) : "") +
                                 " are missing (deleted) before entry " + std::to_string(e.seq)
                           : "entry " + std::to_string(e.seq) + " is out of order");
      }
      if (e.prev_hash != prev_hash) {
        problem(e.seq, "entry " + std::to_string(e.seq) +
                           " does not follow the entry before it: the chain was broken there "
                           "(an entry before it was deleted, inserted or re-hashed)");
      }
      if (compute_hash(e) != e.hash) {
        problem(e.seq, "entry " + std::to_string(e.seq) +
                           " was altered: its hash does not match its content (or it was inserted "
                           "without the audit key)");
      }
      prev_hash = e.hash;
      expected_seq = e.seq + 1;
      report.last_seq = e.seq;
    }
    if (static_cast<int>(rows.size()) < kPage) break;
  }
  if (auto anchor = read_anchor(data_dir_ / kAnchorFile)) {
    if (anchor->seq > report.last_seq) {
      problem(report.last_seq + 1,
              "entries " + std::to_string(report.last_seq + 1) + "-" + std::to_string(anchor->seq) +
                  " are missing: the anchor file records entry " + std::to_string(anchor->seq) +
                  " but the trail ends at " + std::to_string(report.last_seq));
    } else {
      ABIS_ASSIGN_OR_RETURN(auto rows, tx->query("SELECT hash FROM audit_log WHERE seq = ?", {anchor->seq}));
      if (!rows.empty() && rows[0].get_text(0) != anchor->hash) {
        problem(anchor->seq, "entry " + std::to_string(anchor->seq) +
                                 " differs from the hash recorded in the anchor file");
      }
    }
  }
  return report;
}

Result<std::vector<AuditEntry>> AuditLog::list(store::Database& db, std::int64_t after_seq, int limit,
                                               const std::string& user_filter,
                                               const std::string& object_id_filter) const {
  ABIS_ASSIGN_OR_RETURN(auto tx, db.begin(store::TransactionMode::kRead));
  std::string sql = std::string(kSelectColumns) + "WHERE seq > ?";
  std::vector<store::Value> params{after_seq};
  if (!user_filter.empty()) {
    sql += " AND user = ?";
    params.emplace_back(user_filter);
  }
  if (!object_id_filter.empty()) {
    sql += " AND object_id = ?";
    params.emplace_back(object_id_filter);
  }
  sql += " ORDER BY seq LIMIT ?";
  params.emplace_back(std::int64_t{limit});
  ABIS_ASSIGN_OR_RETURN(auto rows, tx->query(sql, params));
  std::vector<AuditEntry> out;
  for (const auto& r : rows) out.push_back(entry_from_row(r));
  return out;
}

}  // namespace abis::security
