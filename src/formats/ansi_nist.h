// ANSI/NIST-ITL 1-2011 (Update 2015) transactions in the traditional encoding (clause 7.2 and
// Annex B), versions 0200 to 0502: the data model, the reader and the writer.
//
// Every record is kept as a list of numbered fields, whatever its type:
//   - tagged records (Type-1, 2, 9, 10-99 except 3-8) as read: "T.NNN:value" fields, the value raw
//     (subfields separated by RS 0x1E, items by US 0x1F; Field::subfields() splits them), the
//     binary x.999 field as its payload bytes;
//   - binary records (Type-3, 4, 5, 6, 7, 8; Annex B, clauses 8.4 and 8.8 of the 2011 text) as
//     the fields their fixed header holds, numbered as the standard numbers them (Type-4: 4.001 LEN,
//     4.002 IDC, 4.003 IMP, 4.004 FGP, 4.005 ISR, 4.006 HLL, 4.007 VLL, 4.008 CGA, 4.009 DAT;
//     Type-8: 8.001 LEN ... 8.007 VLL, 8.008 DAT; Type-7: 7.001 LEN, 7.002 IDC, 7.003 the rest),
//     values in decimal text, FGP as six RS-separated subfields, DAT as the raw payload.
// So a caller (the genome module for Type-18, the CLI for dumps) asks any record for field N.
//
// Reading tolerates what real files do and says so in ReadResult::issues: fields out of order,
// two-digit field numbers (VER 0200/0201: "1.01:"), a repeated x.999 tag (the NBIS test files'
// "13.999:38423<GS>13.999:<JPEG>": both fields are kept, the image is the last one), a CNT that
// disagrees with the records. It fails (with the byte offset and the record) only when the
// structure cannot be followed: a LEN past the end of the input, a missing separator, a binary
// record the CNT does not type. It never reads past the input.
// Writing recomputes every LEN and the 1.003 CNT; everything else is written as it is, so that
// read -> write gives back the input byte for byte when its LEN and CNT were right.
// Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace abis::formats::ansi_nist {

// Information separators (clause 7.2.1).
constexpr char kFS = 0x1C;  // ends a record
constexpr char kGS = 0x1D;  // separates fields
constexpr char kRS = 0x1E;  // separates subfields (repeated values)
constexpr char kUS = 0x1F;  // separates items (information items of one subfield)

constexpr std::size_t kNoOffset = std::numeric_limits<std::size_t>::max();

struct Field {
  int number = 0;
  // Raw value bytes: text with its RS/US separators, or the payload of a binary field.
  std::string value;
  // Width of the field number in the tag as read ("1.01:" -> 2); the writer keeps it so that old
  // files stay as they were. New fields use 3 ("2.001:").
  int tag_digits = 3;
  std::size_t offset = kNoOffset;  // where the field (its tag) starts in the input
  // The record type written in the tag when a writer got it wrong ("13.005:" inside a Type-9, as
  // libbiomeval's type9-13.an2k has); 0 = the record's own. Kept so the bytes come back as read.
  int tag_record_type = 0;

  // Value split into subfields (RS) and each into items (US). A plain value is {{value}}.
  std::vector<std::vector<std::string>> subfields() const;
  // One item, "" when absent.
  std::string item(std::size_t subfield, std::size_t item) const;
};

// "a", {{"a"}} -> "a"; {{"1","2"},{"3"}} -> "1<US>2<RS>3".
std::string join_subfields(const std::vector<std::vector<std::string>>& subfields);

// Types 3-8 have a fixed binary header instead of tagged fields.
bool is_binary_type(int record_type);
// The field number that carries the image or other payload: 999 for tagged records, the DAT field
// for binary ones (4.009, 8.008, 7.003).
int data_field_number(int record_type);
// Short name of a record type ("Transaction information", "Friction ridge image", ...).
std::string_view record_type_name(int record_type);

struct Record {
  int type = 0;
  std::vector<Field> fields;  // in file order
  std::size_t offset = kNoOffset;  // where the record starts in the input
  std::size_t length = 0;          // its LEN as read

  bool is_binary() const { return is_binary_type(type); }
  // The first field with that number; nullptr when absent. (For x.999, see data_field().)
  const Field* find(int number) const;
  Field* find(int number);
  // The field's raw value, "" when absent.
  std::string text(int number) const;
  // The field's value as an integer, `fallback` when absent or not a number.
  long long integer(int number, long long fallback = -1) const;
  // Replaces the first field with that number, or inserts it before the first higher-numbered one.
  void set(int number, std::string value);
  void remove(int number);
  // The payload field: the last field numbered data_field_number(type) (see the header comment
  // on the repeated x.999), nullptr when there is none.
  const Field* data_field() const;
  std::span<const std::uint8_t> data() const;
  // "Type-14 (Variable-resolution fingerprint image)".
  std::string describe() const;
};

struct Transaction {
  std::vector<Record> records;  // records[0] is the Type-1

  const Record* type1() const { return records.empty() ? nullptr : &records.front(); }
  std::string version() const;  // 1.002 VER
  // Indices of the records of one type, in file order.
  std::vector<std::size_t> indices_of_type(int type) const;
};

// One problem found while reading or validating. record_index is the record's position in the
// file (0 = the Type-1), -1 for the file as a whole; field 0 means the record as a whole.
struct Issue {
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;
  int record_index = -1;
  int record_type = 0;
  int field = 0;
  std::size_t offset = kNoOffset;
  std::string message;

  // "error: record 3 (Type-14) field 14.011 at byte 1234: unknown compression 'XYZ'"
  std::string to_string() const;
};

struct ReadResult {
  Transaction transaction;
  std::vector<Issue> issues;  // what the reader tolerated
};

// Reads a whole transaction (clause 7.2; Annex B for the binary records).
Result<ReadResult> read_transaction(std::span<const std::uint8_t> data);

// True when both hold the same records with the same fields and values, ignoring what the writer
// recomputes: every record's LEN (its first field 1) and the Type-1 CNT (1.003, added when absent).
// "read -> write -> read keeps every field and payload" is same_content(read, reread).
bool same_content(const Transaction& a, const Transaction& b);

struct WriteOptions {
  // Recompute 1.003 CNT from the records (the default). Off: CNT is written as stored.
  bool recompute_cnt = true;
};

// Writes the transaction, recomputing every LEN (and the CNT). Fails (kInvalidArgument, naming the
// record and field) when a value cannot be written: a binary-record field out of range, a tagged
// text value holding FS or GS, a record type out of 1..99, no Type-1 first.
Result<std::vector<std::uint8_t>> write_transaction(const Transaction& transaction,
                                                    const WriteOptions& options = {});

}  // namespace abis::formats::ansi_nist
