// Package passages finds reprinted passages: stretches of at least Options.MinWords words that
// occur in two or more documents, verbatim or rewritten a little (OCR noise, line breaks,
// cuts and small edits), and groups their occurrences into reprint clusters, one cluster per
// reprinted text (a wire story, a syndicated column, a recurring advertisement).
//
// Package scan answers "which documents are copies of one another"; on newspaper pages, where
// a wire story is one passage among twenty, no page is a copy of another and scan finds little.
// This package answers "which passages were reprinted, where": the question of passim (the
// Viral Texts project) and of the NEWS-COPY work on historical newspapers.
//
// # Stages
//
//  1. Analysis: each document is cut into words by package normalize; the content words (stop
//     words left out, stemmed) are hashed to 32-bit terms, as in package sketch, and every
//     term keeps its word's place and its byte range in the decoded text.
//  2. Candidates: an index of rare word n-grams. Every run of Options.NGram content words is
//     hashed; two bitmaps of 2^28 bits find, in one pass, the n-grams met more than once, and
//     only those (a few percent of an archive of OCR'd pages) are sorted by hash. An n-gram
//     found in 2 to Options.MaxDF documents is rare and shared: every pair of its places in
//     two documents is a match. More common ones (mastheads, standing headlines, "the
//     associated press") say nothing about which passage went where and would cost the square
//     of their frequency, so they are left out.
//  3. Alignment, only where candidates are: for each pair of documents, its matches, in order
//     of place, are chained where they follow one another in both documents within
//     Options.MaxGap content words (OCR errors and small edits break n-grams, not chains). A
//     chain of at least Options.MinMatches n-grams spanning Options.MinWords words on both
//     sides is a passage the two share.
//  4. Clusters: a passage's two occurrences are joined, and so are occurrences in one document
//     that overlap by at least half of the shorter one (the same story, cut differently by
//     two papers). A connected component is a reprint cluster; its occurrences in one
//     document that overlap or lie within MaxGap of each other are merged into one.
//
// # Why rare n-grams rather than MinHash over windows
//
// MinHash estimates the similarity of two sets, which suits whole documents (package scan).
// Passages have no fixed boundaries: windows would have to be chosen, overlapping windows
// multiply the signatures, and a passage cut across two windows is diluted in both. An
// n-gram of three content words, by contrast, is found wherever it occurs, at its exact place,
// and a rare one is seldom shared by chance, the more so as a passage needs Options.MinMatches
// of them in order. The matches then tell the aligner both which
// documents to compare and where, so alignment costs time only in proportion to the shared
// text. OCR noise breaks some n-grams of a passage but rarely all: with one word in ten
// misread, seven in ten 3-grams survive (two in three 4-grams: on the labelled pages, 3-grams
// and gaps of 30 words put 0.95 of a reprinted passage's pages in one cluster where 4-grams and
// gaps of 20 put 0.85, by the reference of testdata/passages). This is passim's design; its cost is the square of an
// n-gram's frequency, which Options.MaxDF bounds.
//
// # Series and dates
//
// A document's series is its source (a newspaper): by default the first folder of its path
// below the scanned folder, or what Options.Series, a regular expression over the path,
// matches (its first group if it has one). Passages shared within one series (mastheads,
// standing headers, a paper's own recurring advertisements) are left out and counted in
// Stats.SeriesPassages. A document's date is its input's, else the first date written
// YYYYMMDD or YYYY-MM-DD in its path (Chronicling America's dates/19160104/...); with
// Options.MaxDays only documents at most that many days apart are compared.
package passages
