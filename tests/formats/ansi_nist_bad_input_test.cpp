// Bad ANSI/NIST-ITL input: truncated files, LEN past the end, wrong CNT, wrong image sizes, unknown
// compression. Each gives a message naming the byte offset and the record or field, never a crash.
#include <gtest/gtest.h>

#include <string>

#include "formats/ansi_nist.h"
#include "formats/ansi_nist_builder.h"
#include "formats/ansi_nist_validate.h"

namespace abis::formats::ansi_nist {
namespace {

std::vector<std::uint8_t> small_transaction() {
  TransactionBuilder b("0502", "CAR");
  b.set_type1(7, "DAI").set_type1(8, "ORI").set_type1(9, "TCN");
  b.add(2).set(3, "hello");
  image::GrayImage img;
  img.width = 16;
  img.height = 8;
  img.ppi = 500;
  img.pixels.assign(128, 200);
  EXPECT_TRUE(b.add_image(14, img, "NONE", {1}).is_ok());
  EXPECT_TRUE(b.add_image(4, img, "NONE", {2}).is_ok());
  auto bytes = b.build();
  EXPECT_TRUE(bytes.is_ok());
  return *bytes;
}

std::string as_text(const std::vector<std::uint8_t>& b) { return std::string(b.begin(), b.end()); }
std::vector<std::uint8_t> as_bytes(const std::string& s) { return {s.begin(), s.end()}; }

bool has_issue(const ValidationReport& r, int record, int field, const std::string& words) {
  for (const auto& i : r.issues) {
    if (i.record_index == record && (field < 0 || i.field == field) && i.message.find(words) != std::string::npos)
      return true;
  }
  return false;
}

TEST(AnsiNistBadInput, TheBuiltTransactionIsClean) {
  auto report = validate_bytes(small_transaction());
  ASSERT_TRUE(report.readable);
  EXPECT_EQ(report.errors(), 0u);
  for (const auto& i : report.issues) ADD_FAILURE() << i.to_string();
}

TEST(AnsiNistBadInput, EveryTruncationFailsWithAnOffsetAndNeverCrashes) {
  auto full = small_transaction();
  for (std::size_t n = 0; n < full.size(); ++n) {
    std::vector<std::uint8_t> cut(full.begin(), full.begin() + n);
    auto read = read_transaction(cut);
    if (read.is_ok()) {
      // Cut exactly at a record boundary: readable, but the CNT check says records are missing.
      auto issues = validate_transaction(read->transaction);
      bool missing = false;
      for (const auto& i : issues) missing |= i.message.find("truncated") != std::string::npos;
      EXPECT_TRUE(missing) << "cut at " << n;
    } else {
      EXPECT_NE(read.status().message().find("byte "), std::string::npos) << read.status().message();
    }
  }
}

TEST(AnsiNistBadInput, LenLargerThanTheFile) {
  std::string t = as_text(small_transaction());
  // The Type-2 record's LEN, made larger than what is left.
  const auto at = t.find("2.001:");
  ASSERT_NE(at, std::string::npos);
  const auto gs = t.find(kGS, at);
  t.replace(at + 6, gs - at - 6, "999999");
  auto read = read_transaction(as_bytes(t));
  ASSERT_FALSE(read.is_ok());
  const std::string m = read.status().message();
  EXPECT_NE(m.find("byte " + std::to_string(at)), std::string::npos) << m;
  EXPECT_NE(m.find("record 1 (Type-2)"), std::string::npos) << m;
  EXPECT_NE(m.find("2.001 LEN 999999 runs past the end"), std::string::npos) << m;
}

TEST(AnsiNistBadInput, BinaryLenLargerThanTheFile) {
  auto b = small_transaction();
  auto read = read_transaction(b);
  ASSERT_TRUE(read.is_ok());
  const std::size_t at = read->transaction.records[3].offset;
  b[at] = 0x7F;  // LEN of the Type-4 record: about 2 GB
  auto bad = read_transaction(b);
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("byte " + std::to_string(at) + ", record 3 (Type-4)"), std::string::npos)
      << bad.status().message();
}

TEST(AnsiNistBadInput, WrongCntIsReportedPerRecord) {
  std::string t = as_text(small_transaction());
  // CNT: 1<US>3<RS>2<US>00<RS>14<US>01<RS>4<US>02 -> claim the Type-14 is a Type-13.
  const std::string from = std::string(1, kRS) + "14" + kUS;
  const auto at = t.find(from);
  ASSERT_NE(at, std::string::npos);
  t.replace(at, from.size(), std::string(1, kRS) + "13" + kUS);
  auto report = validate_bytes(as_bytes(t));
  ASSERT_TRUE(report.readable);
  EXPECT_TRUE(has_issue(report, 2, 0, "CNT subfield 3 lists type '13'"));

  // A count that disagrees with the list.
  std::string u = as_text(small_transaction());
  const std::string count = std::string("1.003:1") + kUS + "3";
  u.replace(u.find(count), count.size(), std::string("1.003:1") + kUS + "5");
  report = validate_bytes(as_bytes(u));
  EXPECT_TRUE(has_issue(report, 0, 3, "CNT says 5 records follow but lists 3"));
}

TEST(AnsiNistBadInput, BinaryRecordNotListedInCntCannotBeTyped) {
  std::string t = as_text(small_transaction());
  const std::string tail = std::string(1, kRS) + "4" + kUS + "02";
  t.erase(t.find(tail), tail.size());  // drop the Type-4's CNT entry (LEN is now wrong too)
  auto read = read_transaction(as_bytes(t));
  ASSERT_FALSE(read.is_ok());
  EXPECT_NE(read.status().message().find("byte "), std::string::npos);
}

TEST(AnsiNistBadInput, WrongImageSizeNamesTheRecordAndField) {
  TransactionBuilder b("0502", "CAR");
  image::GrayImage img;
  img.width = 16;
  img.height = 8;
  img.pixels.assign(128, 1);
  ASSERT_TRUE(b.add_image(14, img, "NONE", {1}).is_ok());
  b.transaction().records[1].set(7, "9");  // VLL 9: 16 bytes short
  auto bytes = b.build();
  ASSERT_TRUE(bytes.is_ok());
  auto report = validate_bytes(*bytes);
  ASSERT_TRUE(report.readable);
  EXPECT_TRUE(has_issue(report, 1, 999, "128 bytes of uncompressed data do not fit 16x9"));
  // A compressed image whose HLL disagrees with the decoded size.
  TransactionBuilder c("0502", "CAR");
  ASSERT_TRUE(c.add_image(14, img, "PNG", {1}).is_ok());
  c.transaction().records[1].set(6, "17");
  report = validate_bytes(*c.build());
  EXPECT_TRUE(has_issue(report, 1, 6, "declared size 17x8 (HLL x VLL) but the PNG image is 16x8"));
}

TEST(AnsiNistBadInput, UnknownCompression) {
  TransactionBuilder b("0502", "CAR");
  image::GrayImage img;
  img.width = 4;
  img.height = 4;
  img.pixels.assign(16, 1);
  ASSERT_TRUE(b.add_image(14, img, "NONE", {1}).is_ok());
  b.transaction().records[1].set(11, "XYZ");
  auto report = validate_bytes(*b.build());
  EXPECT_TRUE(has_issue(report, 1, 11, "unknown compression 'XYZ'"));
  EXPECT_TRUE(has_issue(report, 1, -1, "field 14.011: compression 'XYZ' declared but the payload"));
}

TEST(AnsiNistBadInput, GarbageAndSeparatorsInTextAreRefusedByTheWriter) {
  EXPECT_FALSE(read_transaction(as_bytes("hello")).is_ok());
  EXPECT_FALSE(read_transaction(as_bytes("1.001:5")).is_ok());
  EXPECT_FALSE(read_transaction({}).is_ok());
  TransactionBuilder b;
  b.add(2).set(3, std::string("a") + kGS + "b");
  auto bytes = b.build();
  ASSERT_FALSE(bytes.is_ok());
  EXPECT_NE(bytes.status().message().find("record 1 (Type-2) field 2.3"), std::string::npos)
      << bytes.status().message();
}

}  // namespace
}  // namespace abis::formats::ansi_nist

namespace abis::formats::ansi_nist {
namespace {

TEST(AnsiNistBadInput, MissingCntIsReportedAndTheWriterAddsIt) {
  const std::string t1 = std::string("1.001:47") + kGS + "1.002:0502" + kGS + "1.004:CAR" + kGS + "1.005:20260101" +
                         kFS;
  std::string tx = t1;
  tx.replace(6, 2, std::to_string(t1.size()));
  auto report = validate_bytes(as_bytes(tx));
  ASSERT_TRUE(report.readable) << (report.issues.empty() ? "" : report.issues[0].to_string());
  EXPECT_TRUE(has_issue(report, 0, 3, "mandatory field CNT is missing"));
  auto read = read_transaction(as_bytes(tx));
  ASSERT_TRUE(read.is_ok());
  auto written = write_transaction(read->transaction);
  ASSERT_TRUE(written.is_ok());
  auto again = read_transaction(*written);
  ASSERT_TRUE(again.is_ok());
  EXPECT_EQ(again->transaction.records[0].find(3)->item(0, 1), "0");
  EXPECT_TRUE(same_content(read->transaction, again->transaction));
}

}  // namespace
}  // namespace abis::formats::ansi_nist
