// Building ANSI/NIST-ITL transactions from fields and images: the API for code that sends
// transactions (the genome module's Type-18 DNA records, the CLI's `abis nist build`).
//
//   TransactionBuilder b("0502", "CAR");
//   b.set_type1(7, "DAI").set_type1(8, "ORI").set_type1(9, "TCN");
//   Record& dna = b.add(18);          // IDC assigned, LEN and CNT computed at build()
//   dna.set(4, join_subfields({{"A", "B"}}));
//   auto bytes = b.build();           // Result<std::vector<std::uint8_t>>
//
// The Type-1 starts with VER, TOT, DAT (today, UTC), NSR and NTR filled; the caller sets DAI, ORI,
// TCN and whatever else the transaction type needs. A builder is used by one thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "formats/ansi_nist.h"
#include "image/gray_image.h"

namespace abis::formats::ansi_nist {

class TransactionBuilder {
 public:
  explicit TransactionBuilder(std::string version = "0502", std::string type_of_transaction = "");

  TransactionBuilder& set_type1(int field, std::string value);
  // A new record of that type with the next IDC (its position after the Type-1, from 0), for the
  // caller to fill. The reference stays valid until the next add.
  Record& add(int type);
  // A friction ridge (Type-4, 13, 14, 15, 19) or other image record (10, 16, 17) holding the image,
  // compressed as `compression`: "NONE", "WSQ20" (0.75 bpp), "PNG", "JP2L" (lossless JPEG 2000).
  // Type-4 takes only NONE and WSQ20. Sizes, resolution, compression and positions are filled in.
  Result<Record*> add_image(int type, const image::GrayImage& img, std::string_view compression,
                            const std::vector<int>& positions = {}, int impression = 0);

  Transaction& transaction() { return tx_; }
  const Transaction& transaction() const { return tx_; }
  // The bytes, LEN and CNT computed (write_transaction).
  Result<std::vector<std::uint8_t>> build() const;

 private:
  Transaction tx_;
};

// `abis nist build`: a transaction from a JSON spec (see docs/formats/ansi-nist.md):
//   {"version": "0502",
//    "records": [{"type": 1, "fields": {"4": "CAR", "1.007": "DAI", ...}},
//                {"type": 14, "image": "finger.png", "compression": "WSQ20", "positions": [2],
//                 "fields": {"14.020": "comment"}},
//                {"type": 18, "fields": {"3": [["item1", "item2"], ["second subfield"]]}}]}
// Field values are a string, a number, a list (subfields) or a list of lists (items). Image and
// "data_file" paths are relative to base_dir. Errors name the record and field of the spec.
Result<std::vector<std::uint8_t>> build_from_spec(std::string_view json_text,
                                                  const std::filesystem::path& base_dir);

}  // namespace abis::formats::ansi_nist
