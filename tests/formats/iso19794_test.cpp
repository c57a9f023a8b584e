// ISO/IEC 19794-2 / ANSI INCITS 378 minutiae records, ISO/IEC 19794-4 finger image records and the
// ICAO DG3 over every file of ../shared/data/formats/iso19794, with the outcome each must give.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "core/file_io.h"
#include "formats/icao_dg3.h"
#include "formats/iso19794_2.h"
#include "formats/iso19794_4.h"
#include "support/test_support.h"

namespace abis::formats {
namespace {

namespace fs = std::filesystem;
using abis::testing::test_data_dir;

fs::path iso_dir() { return test_data_dir() / "formats/iso19794"; }

core::Bytes load(const std::string& relative) {
  auto b = core::read_file(iso_dir() / relative);
  EXPECT_TRUE(b.is_ok()) << relative;
  return b.is_ok() ? *b : core::Bytes{};
}

bool starts(const core::Bytes& b, const char* magic, std::size_t n) {
  return b.size() >= n && std::memcmp(b.data(), magic, n) == 0;
}

TEST(Iso19794Files, EveryFileGivesItsExpectedOutcome) {
  ABIS_REQUIRE_TEST_DATA();
  std::size_t minutiae = 0, images = 0, dg3 = 0, refused = 0, identical = 0;
  std::vector<std::string> others;
  for (const auto& e : fs::recursive_directory_iterator(iso_dir())) {
    if (!e.is_regular_file()) continue;
    const std::string rel = fs::relative(e.path(), iso_dir()).generic_string();
    if (rel == "MANIFEST.md" || rel == "SHA256SUMS") continue;
    core::Bytes b = load(rel);
    if (starts(b, "FMR", 4)) {
      std::vector<std::string> warnings;
      auto rec = read_minutiae_record(b, {}, &warnings);
      if (rel.find("invalid/") != std::string::npos) {
        // Header-only records cut by 1-3 bytes: an error naming the offset.
        ASSERT_FALSE(rec.is_ok()) << rel;
        EXPECT_NE(rec.status().message().find("byte "), std::string::npos) << rec.status().message();
        ++refused;
        continue;
      }
      ASSERT_TRUE(rec.is_ok()) << rel << ": " << rec.status().to_string();
      ++minutiae;
      MinutiaeWriteOptions keep;
      keep.keep_length_as_read = true;
      auto written = write_minutiae_record(*rec, keep);
      ASSERT_TRUE(written.is_ok()) << rel;
      if (*written == b) ++identical;
      // Whatever the file's slack, what we write reads back to the same record.
      auto again = read_minutiae_record(*written);
      ASSERT_TRUE(again.is_ok()) << rel;
      EXPECT_EQ(again->views.size(), rec->views.size()) << rel;
    } else if (starts(b, "FIR", 4)) {
      auto rec = read_finger_image_record(b);
      ASSERT_TRUE(rec.is_ok()) << rel << ": " << rec.status().to_string();
      for (std::size_t i = 0; i < rec->images.size(); ++i) {
        auto img = decode_finger_image(*rec, i);
        ASSERT_TRUE(img.is_ok()) << rel << ": " << img.status().to_string();
      }
      auto written = write_finger_image_record(*rec);
      ASSERT_TRUE(written.is_ok());
      EXPECT_EQ(*written, b) << rel;
      ++images;
    } else if (!b.empty() && b[0] == 0x63) {
      auto d = read_dg3(b);
      ASSERT_TRUE(d.is_ok()) << rel << ": " << d.status().to_string();
      ++dg3;
    } else {
      others.push_back(rel);
    }
  }
  std::sort(others.begin(), others.end());
  // Not ours: a face record, an iris record and the chip's EF.COM (read by the TLV parser below).
  EXPECT_EQ(others, (std::vector<std::string>{"icao-dg3-bsi2008/EF_COM.bin", "libbiomeval-testdata/face01.iso2005",
                                               "libbiomeval-testdata/iris01.iso2011"}));
  EXPECT_EQ(minutiae, 2u + 3u + 3u + 160u);
  EXPECT_EQ(refused, 3u);
  EXPECT_EQ(images, 2u);
  EXPECT_EQ(dg3, 1u);
  // Byte-identical rewrites: every record but the three with slack (padding or a short block).
  EXPECT_EQ(identical, minutiae - 5);
}

TEST(Iso19794_2, StandardExamplesReadBackByteIdentically) {
  ABIS_REQUIRE_TEST_DATA();
  core::Bytes ansi = load("standard-annex-examples/ANSI-INCITS-378-2004_Appendix-B2_Example.raw");
  auto a = read_minutiae_record(ansi);
  ASSERT_TRUE(a.is_ok()) << a.status().to_string();
  EXPECT_EQ(a->standard, MinutiaeStandard::kAnsi378_2004);
  EXPECT_EQ(a->cbeff_product_id, 0x00420011u);
  EXPECT_EQ(a->width, 512);
  EXPECT_EQ(a->x_resolution, 197);
  ASSERT_EQ(a->views.size(), 2u);
  EXPECT_EQ(a->views[0].finger_position, 7);
  EXPECT_EQ(a->views[0].minutiae.size(), 27u);
  EXPECT_EQ(a->views[0].finger_quality, 90);
  EXPECT_EQ(a->views[1].minutiae.size(), 22u);
  EXPECT_EQ(a->views[1].extended_data.size(), 11u);
  EXPECT_EQ(a->views[0].minutiae[0].angle, 56);  // 112 degrees in 2-degree units
  EXPECT_EQ(*write_minutiae_record(*a), ansi);

  core::Bytes iso = load("standard-annex-examples/ISO-19794-2-2005_Appendix-C2_Example.raw");
  std::vector<std::string> warnings;
  auto i = read_minutiae_record(iso, {}, &warnings);
  ASSERT_TRUE(i.is_ok()) << i.status().to_string();
  EXPECT_EQ(i->standard, MinutiaeStandard::kIso19794_2_2005);
  EXPECT_EQ(i->views[0].minutiae[0].angle, 80);  // 112.5 degrees in 1.40625-degree units
  EXPECT_EQ(i->length_as_read, 340u);
  ASSERT_EQ(warnings.size(), 1u);  // the length field says 340 for 341 bytes
  MinutiaeWriteOptions keep;
  keep.keep_length_as_read = true;
  EXPECT_EQ(*write_minutiae_record(*i, keep), iso);
  // By default the writer puts the true length: only byte 11 differs.
  core::Bytes fixed = *write_minutiae_record(*i);
  ASSERT_EQ(fixed.size(), iso.size());
  for (std::size_t k = 0; k < iso.size(); ++k) {
    if (k == 11) EXPECT_EQ(fixed[k], 341 & 0xFF);
    else EXPECT_EQ(fixed[k], iso[k]) << k;
  }
  // The same minutiae in both examples.
  for (std::size_t v = 0; v < 2; ++v) {
    ASSERT_EQ(a->views[v].minutiae.size(), i->views[v].minutiae.size());
    for (std::size_t m = 0; m < a->views[v].minutiae.size(); ++m) {
      EXPECT_EQ(a->views[v].minutiae[m].x, i->views[v].minutiae[m].x);
      EXPECT_EQ(a->views[v].minutiae[m].kind, i->views[v].minutiae[m].kind);
    }
  }
}

TEST(Iso19794_2, Ansi2009LayoutAndLenientFiles) {
  ABIS_REQUIRE_TEST_DATA();
  core::Bytes b = load("libbiomeval-testdata/fmr.ansi2007");
  auto r = read_minutiae_record(b);
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_EQ(r->standard, MinutiaeStandard::kAnsi378_2009);
  ASSERT_EQ(r->views.size(), 2u);
  EXPECT_EQ(r->views[0].minutiae.size(), 27u);
  EXPECT_EQ(r->width, 512);
  EXPECT_EQ(*write_minutiae_record(*r), b);

  std::vector<std::string> warnings;
  core::Bytes padded = load("sourceafis-java/iso-probe.dat");
  auto p = read_minutiae_record(padded, {}, &warnings);
  ASSERT_TRUE(p.is_ok());
  EXPECT_EQ(p->views.size(), 1u);
  auto w = write_minutiae_record(*p);
  ASSERT_EQ(w->size(), 263u);  // the record without the zero padding
  EXPECT_TRUE(std::equal(w->begin(), w->end(), padded.begin()));

  warnings.clear();
  auto cut = read_minutiae_record(load("libbiomeval-testdata/fmr.iso2005"), {}, &warnings);
  ASSERT_TRUE(cut.is_ok());
  bool past_end = false;
  for (const auto& s : warnings) past_end |= s.find("past the end") != std::string::npos;
  EXPECT_TRUE(past_end);
}

TEST(Iso19794_2, EveryTruncationOfAValidRecordFailsCleanly) {
  ABIS_REQUIRE_TEST_DATA();
  core::Bytes b = load("standard-annex-examples/ANSI-INCITS-378-2004_Appendix-B2_Example.raw");
  for (std::size_t n = 0; n + 1 < b.size(); ++n) {
    core::Bytes cut(b.begin(), b.begin() + n);
    std::vector<std::string> warnings;
    auto r = read_minutiae_record(cut, {MinutiaeStandard::kAnsi378_2004}, &warnings);
    if (n >= 343 - 11) {  // only the last view's 11-byte extended block is cut: tolerated, with a warning
      ASSERT_TRUE(r.is_ok()) << n;
      EXPECT_FALSE(warnings.empty()) << n;
      continue;
    }
    ASSERT_FALSE(r.is_ok()) << n;
    EXPECT_NE(r.status().message().find("byte "), std::string::npos) << r.status().message();
  }
}

TEST(Iso19794_4, BsiFingerImageRecords) {
  ABIS_REQUIRE_TEST_DATA();
  core::Bytes b = load("icao-dg3-bsi2008/extracted-bdb-1.fir");
  auto r = read_finger_image_record(b);
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_EQ(r->acquisition_level, 31);
  EXPECT_EQ(r->compression, 2);  // WSQ
  ASSERT_EQ(r->images.size(), 1u);
  EXPECT_EQ(r->images[0].position, 2);
  EXPECT_EQ(r->images[0].quality, 100);
  auto img = decode_finger_image(*r, 0);
  ASSERT_TRUE(img.is_ok()) << img.status().to_string();
  EXPECT_EQ(img->width, 620);
  EXPECT_EQ(img->height, 620);
  EXPECT_NEAR(img->ppi, 500, 1e-9);
  for (std::size_t n = 0; n + 1 < b.size(); n += 97) {
    auto cut = read_finger_image_record(std::span(b).first(n));
    ASSERT_FALSE(cut.is_ok());
    EXPECT_NE(cut.status().message().find("byte "), std::string::npos) << cut.status().message();
  }
}

TEST(Iso19794_4, RawAndPackedPixelsRoundTrip) {
  FingerImageRecord rec;
  rec.image_x_resolution = rec.image_y_resolution = 500;
  rec.compression = 1;
  rec.pixel_depth = 1;
  FingerImage fi;
  fi.position = 3;
  fi.width = 10;
  fi.height = 2;
  fi.data = {0xFF, 0xC0, 0x00, 0x00};  // first row white, second black
  rec.images.push_back(fi);
  auto bytes = write_finger_image_record(rec);
  ASSERT_TRUE(bytes.is_ok());
  auto back = read_finger_image_record(*bytes);
  ASSERT_TRUE(back.is_ok());
  auto img = decode_finger_image(*back, 0);
  ASSERT_TRUE(img.is_ok()) << img.status().to_string();
  EXPECT_EQ(img->at(9, 0), 255);
  EXPECT_EQ(img->at(0, 1), 0);
  back->images[0].data.pop_back();
  auto bad = decode_finger_image(*back, 0);
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("3 bytes of packed data"), std::string::npos) << bad.status().message();
}

TEST(IcaoDg3, BsiSamplePassport) {
  ABIS_REQUIRE_TEST_DATA();
  core::Bytes b = load("icao-dg3-bsi2008/Datagroup3.bin");
  auto d = read_dg3(b);
  ASSERT_TRUE(d.is_ok()) << d.status().to_string();
  EXPECT_EQ(d->declared_instances, 2);
  ASSERT_EQ(d->templates.size(), 2u);
  const int positions[] = {2, 7};
  for (std::size_t t = 0; t < 2; ++t) {
    const Dg3Template& tp = d->templates[t];
    EXPECT_EQ(tp.header.at(0x81), (std::vector<std::uint8_t>{0x08}));
    EXPECT_EQ(tp.header.at(0x87), (std::vector<std::uint8_t>{0x01, 0x01}));
    EXPECT_EQ(tp.header.at(0x88), (std::vector<std::uint8_t>{0x00, 0x07}));
    EXPECT_EQ(tp.bdb, load("icao-dg3-bsi2008/extracted-bdb-" + std::to_string(t + 1) + ".fir"));
    ASSERT_EQ(tp.record.images.size(), 1u);
    EXPECT_EQ(tp.record.images[0].position, positions[t]);
    auto img = decode_finger_image(tp.record, 0);
    ASSERT_TRUE(img.is_ok()) << img.status().to_string();
    EXPECT_EQ(img->width, 620);
  }
  // Truncations: an error with the byte offset, never a crash.
  for (std::size_t n = 0; n + 1 < b.size(); n += 101) {
    auto cut = read_dg3(std::span(b).first(n));
    ASSERT_FALSE(cut.is_ok()) << n;
    EXPECT_NE(cut.status().message().find("byte "), std::string::npos) << cut.status().message();
  }
}

TEST(IcaoDg3, EfComParsesAsTlvButIsNotADg3) {
  ABIS_REQUIRE_TEST_DATA();
  core::Bytes b = load("icao-dg3-bsi2008/EF_COM.bin");
  auto tlv = parse_tlv(b);
  ASSERT_TRUE(tlv.is_ok()) << tlv.status().to_string();
  ASSERT_EQ(tlv->size(), 1u);
  EXPECT_EQ((*tlv)[0].tag, 0x60u);
  bool has_list = false;
  for (const auto& c : (*tlv)[0].children) {
    if (c.tag == 0x5C) {
      has_list = true;
      EXPECT_EQ(std::vector<std::uint8_t>(c.value.begin(), c.value.end()),
                (std::vector<std::uint8_t>{0x61, 0x75, 0x63, 0x6E}));
    }
  }
  EXPECT_TRUE(has_list);
  EXPECT_FALSE(read_dg3(b).is_ok());
}

}  // namespace
}  // namespace abis::formats

namespace abis::formats {
namespace {

TEST(BerTlv, TagsLengthsAndTheirErrors) {
  // 5F2E with a long-form length (81 03) inside a constructed 7F60.
  const std::vector<std::uint8_t> ok = {0x7F, 0x60, 0x06, 0x5F, 0x2E, 0x81, 0x02, 0xAA, 0xBB};
  auto t = parse_tlv(ok);
  ASSERT_TRUE(t.is_ok()) << t.status().to_string();
  ASSERT_EQ(t->size(), 1u);
  EXPECT_EQ((*t)[0].tag, 0x7F60u);
  EXPECT_TRUE((*t)[0].constructed());
  ASSERT_EQ((*t)[0].children.size(), 1u);
  EXPECT_EQ((*t)[0].children[0].tag, 0x5F2Eu);
  EXPECT_EQ((*t)[0].children[0].offset, 3u);
  EXPECT_EQ((*t)[0].children[0].value.size(), 2u);

  auto message = [](std::vector<std::uint8_t> bytes) {
    auto r = parse_tlv(bytes);
    return r.is_ok() ? std::string("ok") : r.status().message();
  };
  EXPECT_NE(message({0x63, 0x80, 0x00, 0x00}).find("byte 0: tag 63: indefinite length"), std::string::npos);
  EXPECT_NE(message({0x63, 0x05, 0x01}).find("byte 0: tag 63: length 5 runs past"), std::string::npos);
  EXPECT_NE(message({0x5F}).find("byte 0: tag truncated"), std::string::npos);
  EXPECT_NE(message({0x63, 0x85, 1, 2, 3, 4, 5}).find("length of 5 bytes"), std::string::npos);
  // A child longer than its parent, though the input is long enough.
  EXPECT_NE(message({0x7F, 0x61, 0x02, 0x02, 0x05, 0x00, 0x00, 0x00, 0x00}).find("byte 3: tag 2: length 5 runs past its container"),
            std::string::npos);
  // Nesting beyond 16 levels is refused, not recursed into.
  std::vector<std::uint8_t> deep;
  for (int i = 0; i < 40; ++i) deep.insert(deep.begin(), {0x61, static_cast<std::uint8_t>(deep.size())});
  EXPECT_NE(message(deep).find("nested too deep"), std::string::npos);
}

}  // namespace
}  // namespace abis::formats
