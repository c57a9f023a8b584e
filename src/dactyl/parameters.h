// Every tunable of the dactyloscopic engine, in one place, each with what it trades.
//
// Distances are in pixels at the engine's working resolution of 500 ppi (one ridge period is about
// 9 pixels there); angles in radians. One configuration serves every sensor: nothing here may be
// chosen per database. Plain constants, thread-safe.
#pragma once

namespace abis::dactyl::params {

// ---- Image input ----------------------------------------------------------------------------
// The resolution every image is resampled to before extraction.
constexpr double kWorkingPpi = 500.0;
// Smallest and largest input the extractor accepts (after resampling): a print smaller than this
// holds too few minutiae to identify anyone; larger inputs are card scans that should be cut first.
constexpr int kMinSide = 64;
constexpr int kMaxSide = 2000;

// ---- Blocks ---------------------------------------------------------------------------------
// Side of the square blocks on which segmentation, orientation and frequency are estimated.
// Smaller follows curvature near cores better, larger averages out more noise.
constexpr int kBlockSize = 8;

// ---- Segmentation (foreground mask) ---------------------------------------------------------
// Window (pixels) over which local contrast is measured around each block.
constexpr int kSegmentationWindow = 24;
// A block is foreground when its contrast (standard deviation of gray levels) exceeds
// kSegmentationRelative times the 90th percentile of block contrast of the image, and at least
// kSegmentationAbsolute gray levels. Lower keeps more faint borders (and more noise).
constexpr double kSegmentationRelative = 0.35;
constexpr double kSegmentationAbsolute = 6.0;
// Connected foreground regions smaller than this share of the largest are dropped (dust, text).
constexpr double kSegmentationMinRegionShare = 0.15;
// Blocks whose gradient coherence (smoothed) stays below this are background noise.
constexpr double kSegmentationMinCoherence = 0.25;
// Smoothing (blocks) of contrast and coherence before thresholding.
constexpr double kSegmentationSmoothSigma = 1.5;

// ---- Orientation field ----------------------------------------------------------------------
// Gaussian blur (pixels) before the gradients: suppresses pores and speckle, blurs fine ridges.
// Measured (before the valley minutiae): 0.9 or 2.0 lower DB1's EER but raise DB3/DB4's by 2-8
// points (mean 4.75 -> 5.45 / 7.69 %).
constexpr double kOrientationPreBlurSigma = 1.2;
// Window (pixels) over which squared gradients are averaged for one block.
constexpr int kOrientationWindow = 16;
// Gaussian smoothing of the block orientation vectors, in blocks: the fine scale keeps detail near
// cores and deltas, the coarse scale repairs noisy regions; they are blended by local coherence.
constexpr double kOrientationFineSigma = 1.0;
constexpr double kOrientationCoarseSigma = 3.0;
// Coherence at which the fine and the coarse field weigh the same.
constexpr double kOrientationBlendCoherence = 0.45;

// ---- Ridge frequency ------------------------------------------------------------------------
// Length across the ridges and width along them (pixels) of the window whose projection gives the
// ridge period of a block.
constexpr int kFrequencyWindowLength = 32;
constexpr int kFrequencyWindowWidth = 16;
// Plausible ridge periods at 500 ppi; estimates outside are treated as missing.
constexpr double kMinRidgePeriod = 5.0;
constexpr double kMaxRidgePeriod = 15.0;
// Smoothing of the period field (blocks). The period changes slowly across a finger.
// Measured (before the valley minutiae): 1.5 and 4.0 both worse (mean EER 4.75 -> 6.59 / 5.63 %).
constexpr double kFrequencySmoothSigma = 2.5;

// ---- Enhancement (oriented Gabor filter, applied as two 1-D passes) -------------------------
// Orientation and period quantisation of the precomputed kernels.
constexpr int kEnhanceOrientations = 32;
constexpr double kEnhancePeriodStep = 0.5;
// Across the ridges: Gaussian envelope sigma as a fraction of the ridge period. Larger is more
// selective in frequency (cleaner ridges) but blurs minutiae that lie across the flow.
constexpr double kEnhanceAcrossSigmaRatio = 0.42;
constexpr int kEnhanceAcrossRadius = 7;
// Along the ridges: Gaussian sigma. Larger bridges gaps and scars but moves endings and can join
// ridges at bifurcations.
// Measured (before the valley minutiae): 4.0 and 6.0 both worse, on DB3/DB4 (mean EER 4.75 ->
// 6.16 / 5.63 %).
constexpr double kEnhanceAlongSigma = 5.0;
constexpr int kEnhanceAlongRadius = 11;
// Enhancement rounds: from the second on, the orientation is re-read from the previous round's
// output. Each round costs about a third of the extraction time. Two rounds (measured before the
// valley minutiae): DB1/DB2 better, DB3/DB4 worse, mean EER 4.75 -> 5.00 %, and over 15 ms.
constexpr int kEnhanceRounds = 1;

// ---- Skeleton and minutiae ------------------------------------------------------------------
// Pixels traced along a ridge to measure a minutia's direction.
constexpr int kDirectionTraceLength = 10;
// How far the traced direction may disagree with the orientation field before the field is
// distrusted (near cores the smoothed field is wrong).
constexpr double kDirectionFieldAgreement = 0.6;

// Minutiae are also read from the thinned valleys (a ridge ending is a valley fork and the
// reverse); a valley minutia is added when no kept ridge minutia lies within kValleyMergeDistance
// (about one ridge period: the two readings of one minutia lie about half a period apart). Costs
// a second thinning, about 2.5 ms per image. The ridge skeleton alone never had a candidate for
// 17-26 % of the SecuGen minutiae; with the valleys, recall against SecuGen 65.1 -> 79.4 %, and
// FVC2002 EER 3.22/3.57/5.35/6.87 % (mean 4.75) -> 0.72/2.06/3.22/3.57 % (mean 2.40). The
// distance is flat from 7 (mean 2.43 %) to 10; at 13 real minutiae are suppressed (3.15 %).
constexpr bool kValleyMinutiae = true;
constexpr double kValleyMergeDistance = 10.0;

// ---- False-minutiae removal -----------------------------------------------------------------
// A ridge shorter than this with endings at both ends is a dot or a scratch fragment (about 1.5
// ridge periods; 16 also dropped real short ridges: mean EER 5.65 -> 5.39 % at 14). Against the
// SecuGen minutiae this filter and the spur, gap and border filters are precise (2-15 % of what
// they remove sits on a SecuGen minutia we miss); the bridge filter is the least (10-27 %).
constexpr int kMinRidgeLength = 14;
// An ending joined to a bifurcation by less than this is a spur (a hair on the ridge). About 1.2
// ridge periods: at 14 (1.5 periods) real endings next to a fork were lost too (mean EER 6.54 ->
// 5.65 % when both this and kMaxBridgeLength were shortened, every database better or equal).
// 9: within noise before the valley minutiae (mean 4.82 vs 4.75 %), worse with them (2.58 vs
// 2.40 %).
constexpr int kMaxSpurLength = 11;
// Two bifurcations joined by a path shorter than this across the flow form a bridge. About one
// ridge period: a longer limit also cut real pairs of forks on neighbouring ridges. 8 or a test
// that the link runs across the flow: within noise (mean EER 4.73 / 4.81 vs 4.75 %, before the
// valley minutiae).
constexpr int kMaxBridgeLength = 10;
// Two bifurcations joined twice by paths shorter than this enclose a pore or a hole.
constexpr int kMaxHoleLength = 24;
// Two endings closer than this, facing each other along the flow, are a broken ridge.
// 14 and 22 both worse (mean EER 5.35 / 5.25 vs 4.75 %, before the valley minutiae).
constexpr double kMaxGapDistance = 18.0;
constexpr double kGapAngleTolerance = 0.6;
// Minutiae closer than this to the edge of the foreground are border artefacts.
constexpr double kBorderMargin = 14.0;
// More than kClusterMaxCount other minutiae within kClusterRadius marks a noisy cluster.
constexpr double kClusterRadius = 16.0;
constexpr int kClusterMaxCount = 4;
// The template keeps at most this many minutiae (the best by quality), so that a compact
// template fits the 1:N gallery's memory budget.
constexpr int kMaxMinutiae = 96;

// ---- Refusal --------------------------------------------------------------------------------
// Fewer foreground pixels or fewer minutiae than this: no usable fingerprint in the image.
constexpr int kMinForegroundPixels = 6000;
constexpr int kMinMinutiae = 4;

// ---- Matcher: minutia cylinders (after Cappelli, Ferrara, Maltoni, MCC, IEEE TPAMI 2010) ----
// Radius (pixels) of the neighbourhood each minutia is described by. Larger is more distinctive
// but suffers more from skin distortion and partial overlap.
constexpr double kCylinderRadius = 70.0;
// Spatial cells per side (the cylinder is kCylinderCells^2 cells, one 64-bit word per direction
// layer) and direction layers.
constexpr int kCylinderCells = 8;
constexpr int kCylinderLayers = 6;
// Spatial and directional spread of a neighbour's contribution.
constexpr double kCylinderSigmaSpace = 28.0 / 3.0;
constexpr double kCylinderSigmaDirection = 2.0 * 3.14159265358979 / 9.0;
// A cell is set when its contribution exceeds this (the bit version of MCC's sigmoid).
constexpr double kCylinderBitThreshold = 0.01;
// Cells farther than this beyond the convex hull of the minutiae are invalid (unknown area).
constexpr double kCylinderHullMargin = 50.0;
// A cylinder with fewer valid cells than this share, or fewer contributing neighbours, is not used.
constexpr double kCylinderMinValidShare = 0.75;
constexpr int kCylinderMinNeighbours = 2;
// Two cylinders are compared only if this share of cells is valid in both.
constexpr double kCylinderMinCommonShare = 0.6;
// Pairs of minutiae whose directions differ more than this never correspond.
constexpr double kMaxPairAngle = 3.14159265358979 / 3.0;

// ---- Matcher: consolidation (local similarity sort with relaxation, LSS-R) ------------------
// Number of pairs kept: from kMinPairs to kMaxPairs following a sigmoid of the smaller minutiae
// count (centre kPairsMu, slope kPairsTau).
constexpr int kMinPairs = 4;
constexpr int kMaxPairs = 12;
constexpr double kPairsMu = 20.0;
constexpr double kPairsTau = 0.4;
// Candidates entering relaxation (at most; fewer when a template has fewer minutiae), as a
// multiple of the most pairs kept. The relaxation and the compatibility matrix cost the square
// of this count: it bounds the cost of comparing large templates. Measured on FVC2002 DB1-4_B
// (2026-12-06; mean EER / FMR100 / FMR1000 / ZeroFMR %, instructions per DB2 comparison):
// 64 candidates (the former fixed cap) 2.32 / 3.75 / 8.04 / 9.64, 161 k; 48: 2.42 / 3.66 / 7.95 /
// 9.46; 40: 2.41 / 3.49 / 7.59 / 9.11, 145 k; 36 (factor 3): 2.27 / 3.58 / 8.30 / 9.55, 139 k;
// 32: 2.40 / 3.75 / 8.84 / 9.73, 131 k. The EER differences are within the noise of these sets
// (+-0.15); 3 still leaves three candidates for every pair kept.
constexpr int kRelaxCandidatesFactor = 3;
constexpr int kMaxRelaxed = kRelaxCandidatesFactor * kMaxPairs;
constexpr int kRelaxIterations = 5;
constexpr double kRelaxWeight = 0.5;
// Smallest count the relaxation divides a pair's summed support by (it divides by the number of
// other candidates, relaxed - 1, when that is larger). Without a floor, templates with few
// minutiae (11-20) relax few candidates and their LSS-R is inflated: most top-scoring impostors
// involve such templates. The floor lowers the LSS-R of small templates (genuine ones too), so it
// trades a little EER on some databases for fewer high-scoring impostors. Measured on FVC2002
// DB1-4_B (2026-12-06; mean EER / FMR100 / FMR1000 / ZeroFMR %): no floor 4.28 / 10.09 / 18.66 /
// 24.55; 24: 4.38 / 9.82 / 18.04 / 20.18; 32: 4.29 / 9.82 / 17.32 / 20.00; 48: 4.29 / 9.82 / 16.79
// / 20.00; 63 (constant divisor): 4.47 / 10.27 / 17.05 / 20.00. Per database at 32, EER DB1
// 2.85 -> 3.22, DB3 5.00 -> 4.28, DB4 5.35 -> 5.72 (DB2 3.93 unchanged). No effect on speed.
// Those were measured with the ridge-only extractor; with the valley minutiae: no floor 2.39 /
// 3.84 / 7.95 / 9.91, 32: 2.32 / 3.75 / 8.04 / 9.64 (EER 0.72 2.06 3.22 3.57 -> 0.70 1.83 3.20
// 3.56), so it stays.
constexpr int kRelaxNormalisingFloor = 32;
// Compatibility of two pairs: tolerated distance difference (pixels) and angle differences.
// Larger tolerates more skin distortion but lets impostor pairs agree more easily.
constexpr double kCompatDistanceMu = 7.0;
constexpr double kCompatDistanceTau = -8.0 / 5.0;
// Skin stretch tolerated per pixel of segment length: the distance difference is divided by
// 1 + kCompatDistanceStretch * (mean length), so a 100-pixel segment tolerates 1.5 times the
// difference of a short one (a stretch of a few per cent, as skin pressed differently shows).
// Measured (FVC2002 DB1-4 EER, %): 0 -> 3.22 3.57 5.35 6.87 (mean 4.75); 0.005 -> 3.22 3.93 5.00
// 6.07 (mean 4.56); 0.01 -> mean 4.64; 0.02 -> mean 4.56 but DB3 5.72. Larger helps the distorted
// DB4 and lets far impostor pairs agree more easily; costs ~2 % comparison speed (fewer pairs of
// pairs skipped by the distance cut-off). Those figures were measured with the ridge-only
// extractor; with the valley minutiae added (denser, more reliable templates) 0.005 lost:
// 0 -> 0.72 2.06 3.22 3.57 (mean 2.39), 0.005 -> 0.72 2.43 3.22 3.93 (mean 2.58), so it is off.
constexpr double kCompatDistanceStretch = 0;
constexpr double kCompatAngleMu = 3.14159265358979 / 12.0;
constexpr double kCompatAngleTau = -30.0;

}  // namespace abis::dactyl::params

namespace abis::dactyl::params {
// ---- Matcher: global pairing -----------------------------------------------------------------
// After relaxation the best pairs give an alignment; all minutiae are then paired under it.
// Tolerated distance: kPairDistance plus kPairDistanceGrowth per pixel away from the aligned
// pairs (skin stretches more far from where the prints were pressed alike), and direction.
constexpr double kPairDistance = 8.0;
constexpr double kPairDistanceGrowth = 0.10;
constexpr double kPairAngle = 3.14159265358979 / 9.0;
// A pair's weight falls linearly from 1 (minutiae on top of each other) to 1 - kPairDistanceWeight
// (at the tolerance): impostor pairings are loose, genuine ones tight.
constexpr double kPairDistanceWeight = 0.5;
// Alignment seeds tried (the relaxed pairs compatible with the most others), and the compatibility a pair needs with a seed
// to help estimate its alignment.
constexpr int kAlignmentSeeds = 3;
constexpr double kAlignmentMinCompat = 0.3;
// Least-squares refits of the best alignment (each pairs all minutiae again; stops early when the
// share stops growing). Measured (FVC2002 DB1-4 EER, %): 1 -> 3.22 3.93 5.00 6.07 (mean 4.56);
// 2 -> mean 4.39; 4 -> 2.85 3.93 5.00 5.35 (mean 4.28); 8 -> same as 4 (converged). Costs about
// 4 % comparison speed (most comparisons stop after the first refit). Measured with the ridge-only
// extractor; with the valley minutiae added, 4 refits lost: 1 -> mean 2.39, 4 -> 0.72 2.15 3.49
// 3.63 (mean 2.50), so one refit (the least-squares refinement of the best seed) is kept.
constexpr int kAlignmentRefits = 1;
// Minutiae within this margin outside the partner's convex hull still count as overlapping.
constexpr double kOverlapMargin = 15.0;
// Overlap counts are floored at this, so that a tiny overlap cannot make a high score.
constexpr int kMinOverlapMinutiae = 12;
// The LSS-R score (mean relaxed support of the kept pairs) at which the local evidence counts in
// full; below it the global share is scaled down in proportion.
constexpr double kLocalEvidenceFull = 0.1;
}  // namespace abis::dactyl::params
