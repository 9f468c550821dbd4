// Package qr reads QR codes from camera frames, screen captures and
// images. It is pure Go with no browser code: the app hands it a luma
// plane (a [Frame]) that it builds from a canvas's RGBA bytes
// ([Frame.SetRGBA]) or from a decoded image ([Frame.SetImage]), and a
// [Decoder], reused from one frame to the next, returns every code it can
// read in the frame.
//
// The decoder is built around github.com/makiuchi-d/gozxing, using its
// exported seams (finder and alignment pattern finders, perspective
// transform, grid sampler, and the decoder of a sampled module grid) and
// replacing the parts that failed on the codes Twofold must read.
//
// # Pipeline
//
// Measured natively on a shared 2-core VM (AMD EPYC, Go 1.26, -cpu 1),
// with the benchmarks of this package; the browser runs the same code
// compiled to WebAssembly about 2 to 3 times slower. The numbers in
// parentheses are from BenchmarkCameraRate and BenchmarkScreenRate, 20
// generated frames a cell, so ±15 points.
//
//  1. Frame. Luma is built once per frame into a reused buffer (BT.601,
//     one pass for RGBA; *image.Gray and *image.YCbCr planes are used in
//     place). Frames above about 1920×1080 are reduced by an integer box
//     filter for the main stage, and read at full resolution in tiles.
//
//  2. Binarization, into a reused gozxing BitMatrix built a 32-bit word at
//     a time. The local threshold is ZXing's HybridBinarizer method and
//     gives the same bits (a test checks it), in 2.3 to 2.6 ms of CPU for
//     a 1280×720 frame against 3.3 ms for gozxing's own, which allocates
//     a new matrix and sets one bit at a time (BenchmarkBinarize; the
//     global threshold takes 0.8 ms, the sharpened local one 3.5 ms).
//     The same threshold of the image sharpened by an unsharp mask,
//     folded into the comparison, restores contrast that blur takes from
//     1-module features; the global histogram threshold helps on large
//     modules and evenly lit images. An inverted reading (light modules on
//     a dark background) flips the matrix instead of binarizing again.
//
//  3. Finder patterns. A tolerant finder of this package accepts the
//     1:1:3:1:1 runs that blur and threshold make uneven (a light ring
//     down to a fifth of a module); gozxing's finder misses most finder
//     patterns of dense codes at 2 to 3 pixels a module. Candidates are
//     checked across both axes and grouped into triples shaped like the
//     corners of a code. When no triple reads, two of the best candidates
//     can be a code's two finders whose third one binarized with a ring
//     side merged away: it is matched as a whole 7×7 pattern where the
//     pair puts it (as a side or as the diagonal of the code, within 12
//     modules for perspective). Thorough decoding also runs gozxing's
//     multi-code finder first, which reads two of the ZXing photos the
//     tolerant one does not.
//
//  4. Dimension. gozxing derives the symbol's size from a module size
//     measured on the finder patterns, which blur, tilt and rescaling put
//     off by a few percent: 2 or more modules on a dense code, and the
//     grid is then sampled wrong (this was nearly every failure of the
//     density measurement). Here the version information (versions 7 and
//     up), read next to the finders where a dimension a few modules off
//     still samples it right, gives the dimension; blur thickens the
//     finders' dark rings and can put the estimate 3 versions low, so
//     when it does not read there it is read again 8 modules higher and
//     lower and 16 higher, and taken only nearly clean. Then the estimate
//     and its valid neighbours ±4 and ±8 modules are tried. A dimension whose
//     timing patterns are not there is weak: live decoding tries only the
//     estimate of those, which keeps false triples on busy pages cheap.
//
//  5. Grid. For each dimension the bottom-right alignment pattern is
//     looked for where that dimension puts it, as gozxing does. When the
//     grid still does not decode, it is grown from the finders: every
//     alignment pattern is matched (its 5×5 modules) on the grid predicted
//     from the points found so far, one step of the alignment grid at a
//     time, and a homography fitted to all of them by least squares
//     samples the modules. In the camera simulation, once the finders and
//     the dimension were right the modules sampled from a local threshold
//     had few errors: its failures were nearly all geometry. The global
//     threshold gets the modules of one side of an unevenly lit code
//     wrong, so a triple it finds whose version information reads but
//     whose code does not is read again from the local threshold of the
//     sharpened image of a crop around it. Thorough decoding then samples
//     a code of versions 1 to 6 with a homography fitted to the twelve
//     corners of its finders' outer squares (each side a line through the
//     middle of the dark ring, which blur and threshold do not move), for
//     each candidate dimension whose timing patterns that grid finds:
//     three finder centres fix only an affine grid, and a version 1 code
//     has no alignment pattern to give the fourth point, so under strong
//     perspective its far corner is a module or more off (on the skewed
//     codes of the tests, up to 6 modules; the corners' grid puts every
//     module within 0.1). Last, that fourth point is searched in steps of
//     3/4 module around where the finders put it.
//
//  6. Decoding of the module grid by gozxing (Reed-Solomon, mirrored
//     codes). Codes read are returned once each, with their text and
//     byte segments.
//
// # Live and thorough
//
// A live Decode call (the camera or screen loop) binarizes once, in turn
// with the sharpened local or the global threshold (or, for a frame above
// 1920×1080, one of its full-resolution tiles or the plain local
// threshold of its reduction), reads the matrix as it is and inverted,
// and stops at the first stage that reads a code. The plain local
// threshold read the fewest dense camera frames of the three (100
// version 25 frames: plain 52, sharpened 72, global 67), so only
// thorough mode uses it on frames up to 1920×1080. The stages that a
// call skips run on the next calls, a tenth of a second later. CPU time
// of a call natively (BenchmarkDecode, a version 10 code on a page, or the
// page alone; the range of 20 runs on a shared, noisy machine), against plain gozxing with TRY_HARDER, its global
// binarizer and an inverted retry (BenchmarkPlainGozxing):
//
//	frame       with a code          without a code
//	640×480     1.5-2.5 ms (2.0 ms)  2.8-4.3 ms (7.3 ms)
//	1280×720    3.5-6.0 ms (4.6-5.8) 3.6-5.7 ms (21-24 ms)
//	1920×1080   6.2-11 ms (10-12)    7.0-12 ms (57-69 ms)
//
// The changes that raised the camera rates (the pair completion, the
// crop, the two-stage rotation) left this cost where it was: callgrind
// counts 4 to 10% fewer instructions a call than before them, and 2%
// more over the dense camera frames (BenchmarkDiagCameraLive).
//
// With a code a call costs about what gozxing's single read does, and
// without one (most frames of a scan) 2 to 6 times less. In WebAssembly
// the binarizer compares and sums eight pixels a word (a block's extremes,
// the threshold, the sharpening), which took its cost there from about 3
// to about 1.5 times the native one. In headless Chromium a 1280×720
// camera frame, copied out of its VideoFrame and decoded, takes 4.0 to
// 7.0 ms on average with or without a code (BenchmarkFrame of
// twofold.app/wasm/capture; see BENCHMARKS.md), within the 10 ms aimed at.
//
// Set [Decoder.Thorough] for a still image: every stage runs, and images
// of at most 800 pixels are also read enlarged twice.
//
// # Rates
//
// Screen captures of a code at 4 screen pixels a module, scaled by 1,
// 0.8, 0.667 and 0.5 with bilinear filtering: plain gozxing read versions
// 20 to 30 in 0 to 30% of the frames at 0.8 and 0.667, this decoder in
// all of them; at 0.5 (a 2× screen captured at CSS pixels) 95 to 100%
// (v15 95%, the others 100%), against 40 to 65%.
//
// Simulated phone-camera frames of a laptop screen (1280×720, blur σ 0.8
// to 1.6, tilt up to 10°, uneven light, noise; 2.2 to 4.3 camera pixels a
// module for version 25), read by plain gozxing, per live call here, and
// thorough (BenchmarkCameraRate, 20 frames, ±15 points):
//
//	version   gozxing   live   thorough
//	10        65%       100%   100%
//	15        35%       100%   100%
//	20        10%        75%    80%
//	25        10%        60%    70%
//	30         0%        60%    60%
//
// On 100 other frames a version (TestDiagRate, with QRDIAG=100), live
// and thorough: version 15 98% and 100%, version 20 85% and 88%, version
// 25 72% and 73%. Of the 28 version 25 frames that none of the three
// live stages reads, 15 have 2 to 2.5 pixels a module and 9 have 2.5 to
// 3: there the binarized finder patterns and modules are mostly gone
// (most often the true grid sampled from the same matrix does not decode
// either). TestDiagCamera sorts the misses of each stage by cause.
//
// The ZXing photos of the shared test data (frames/zxing/), thorough: 13
// of 13 "must", 4 of 4 "should" (all four codes of the multi-code photo,
// and the strongly skewed version 1 code of low-res-v1-a.webp, which the
// grid of the finders' corners reads in 1.5 ms where every stage failed
// in 55 ms before), 1 of 4 "stretch", in about 30 ms a photo on average
// (BenchmarkZxingPhotos; 20 ms without the pair completion of the finder
// stage). Plain gozxing reads 15 of the 21.
package qr
