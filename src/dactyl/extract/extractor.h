// The extractor: a fingerprint image in, a minutiae Template out, through the stages in this
// folder (resampling to 500 ppi, segmentation, orientation, frequency, enhancement, binarisation,
// thinning, minutiae detection, false-minutiae removal, minutiae read from the valleys, quality).
//
// An ExtractionObserver, when given, sees every intermediate stage as a grayscale picture (for
// examiners, for the `abis fp show --stages` tool and for tuning); without one nothing is drawn.
// extract_template() is thread-safe; an observer is called on the calling thread.
#pragma once

#include <string_view>

#include "core/status.h"
#include "dactyl/extract/maps.h"
#include "dactyl/extract/minutiae_detection.h"
#include "dactyl/template/template.h"
#include "image/gray_image.h"

namespace abis::dactyl {

class ExtractionObserver {
 public:
  virtual ~ExtractionObserver() = default;
  // name: "input", "mask", "orientation", "period", "enhanced", "binary", "skeleton",
  // "minutiae-raw", "minutiae". The picture has the working resolution (500 ppi).
  virtual void on_stage(std::string_view name, const image::GrayImage& picture) = 0;
  // Every candidate minutia found on the skeleton, with the reason it was discarded (if it was),
  // and the foreground mask per block, at the working resolution: for diagnostics of the
  // false-minutiae filter. Candidates kept here can still be cut by the kMaxMinutiae cap.
  virtual void on_candidates(const std::vector<extract::RawMinutia>& candidates, const extract::ByteMap& block_mask,
                             const extract::BlockGrid& grid) {}
};

struct ExtractOptions {
  // Resolution to assume when the image does not carry one (image.ppi == 0); 0 = refuse such
  // images.
  double fallback_ppi = 0;
  ExtractionObserver* observer = nullptr;  // not owned; may be null
};

// Fails with kInvalidArgument for an image of unknown resolution or impossible size and with
// kUnprocessable when the image holds no usable fingerprint (blank, too small, too few minutiae):
// the message says which.
Result<Template> extract_template(const image::GrayImage& image, const ExtractOptions& options = {});

}  // namespace abis::dactyl
