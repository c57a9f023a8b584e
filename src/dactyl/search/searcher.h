// 1:N search: which enrolled persons a probe of one or more fingers belongs to.
//
// Stages. (1) Fast stage: every live gallery finger (of the probe finger's position when known) is
// scored by its descriptor against the probe's (descriptor.h), on all threads, and the best
// shortlist * kPoseCandidatesFactor kept; a pose check (pose_check() below) keeps the best
// `shortlist` of those per probe finger. (2) Re-ranking: each kept finger is compared with the full
// 1:1 matcher (match/matcher.h), giving a calibrated score 10 * -log10(FMR). (3) Person-level
// fusion: the fingers of one person are assigned to distinct probe fingers (best score first) and
// the person's score is the sum of the assigned calibrated scores (a sum of log-likelihood-like
// terms: fingers are independent evidence). Exhaustive mode skips (1): the full matcher runs on
// every finger.
//
// Determinism: every ordering breaks ties on a total order (score, then the gallery order of the
// finger, then the person id), and each parallel task writes only its own results, so the result
// does not depend on the number of threads. Thread-safe: a search only reads its snapshot.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "dactyl/search/gallery.h"
#include "dactyl/search/search_params.h"
#include "dactyl/template/template.h"

namespace abis::dactyl::search {

struct ProbeFinger {
  Template tpl;
  int position = 0;  // 1..10, or 0 when unknown (searched against every position)
};

struct SearchOptions {
  int top = params::kDefaultTop;              // candidates returned
  int shortlist = params::kDefaultShortlist;  // per probe finger, re-ranked by the full matcher
  bool exhaustive = false;                    // full matcher on every finger
  int threads = 0;                            // 0 = every core
};

struct FingerScore {
  int probe_finger = 0;  // index in the probe
  int position = 0;      // the gallery finger's position
  double score = 0;      // calibrated (calibration.h)
  float fast_score = 0;  // the fast stage's score that let it through (pose check; descriptor when exhaustive)
};

struct Candidate {
  std::string person_id;
  double score = 0;                  // sum of the assigned fingers' calibrated scores
  std::vector<FingerScore> fingers;  // the assigned fingers, by probe finger
};

struct SearchStats {
  std::size_t fingers_scanned = 0;  // gallery fingers scored by the fast stage (all probe fingers)
  std::size_t comparisons = 0;      // full 1:1 comparisons
  double fast_ms = 0;               // wall time of the fast stage
  double rerank_ms = 0;             // wall time of re-ranking
  double total_ms = 0;
  int threads = 1;
  std::uint64_t snapshot_version = 0;
};

struct SearchResult {
  std::vector<Candidate> candidates;  // best first, at most options.top
  SearchStats stats;
};

// One fast-stage hit: a gallery finger (segment, slot of the snapshot) and its similarity.
struct ShortlistEntry {
  std::uint32_t segment = 0;
  std::uint32_t slot = 0;
  float fast_score = 0;
};

// kInvalidArgument for an empty probe, more than 10 fingers, a finger without minutiae, a position
// outside 0..10 or the same known position twice.
Status check_probe(std::span<const ProbeFinger> probe);

// The fast stage alone for one probe finger: the best `keep` live fingers (all when keep is 0),
// best first, ties in gallery order.
std::vector<ShortlistEntry> fast_stage(const Snapshot& snapshot, const Descriptor& probe, int position,
                                       std::size_t keep, int threads, std::size_t* scanned = nullptr);

// The pose check: each candidate's minutiae pairs are matched to the probe's through their
// descriptor cells, and every shared pair votes for the rotation between the two prints (how far its
// segment turned). Chance sharings spread over all rotations, a true mate's pile up on one: the
// score is the largest pile (two adjacent bins of kPoseBins), weighted like the descriptor
// similarity. Keeps the best `keep` of `candidates`.
std::vector<ShortlistEntry> pose_check(const Snapshot& snapshot, const Template& probe,
                                       std::vector<ShortlistEntry> candidates, std::size_t keep, int threads);

// The short list of one probe finger: fast_stage() keeps keep * kPoseCandidatesFactor fingers,
// pose_check() the best `keep` of them. What search() re-ranks.
std::vector<ShortlistEntry> shortlist(const Snapshot& snapshot, const Template& probe, int position, std::size_t keep,
                                      int threads, std::size_t* scanned = nullptr);

Result<SearchResult> search(const Snapshot& snapshot, std::span<const ProbeFinger> probe,
                            const SearchOptions& options = {});

}  // namespace abis::dactyl::search
