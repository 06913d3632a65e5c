// Package verify decides whether two documents are copies of one another, and explains why.
//
// Candidate pairs come from MinHash/LSH, which only estimates how many word shingles two
// documents share. That figure alone cannot tell a rewrite from independent coverage of the same
// event: a paraphrase or a spun copy ("talks" -> "addresses") keeps only 5-20% of the original's
// shingles, while two outlets covering one event share names, numbers and quotes and so 1-5%.
// What separates them is structure: most sentences of a copy map, in order, onto sentences of
// the original, even where their words were swapped.
//
// # Measures
//
// For a pair of sketches the verifier computes:
//
//   - Jaccard |A∩B|/|A∪B| and containment |A∩B|/|A|, |A∩B|/|B| of the content-word k-shingles
//     (stop words removed, stemmed), exact, not estimated;
//   - a sentence alignment: two sentences match when the Dice coefficient 2|a∩b|/(|a|+|b|) of
//     their content-word sets reaches Params.SentenceSimilarity and they share at least two words
//     that are not numbers (a figure and a word in common is chance in a table).
//     Among the matches, the heaviest chain increasing in both documents (weighted by sentence
//     length, found as a weighted longest increasing subsequence in O(m log m) for m matches) is
//     the alignment. Aligned sentences that both hold numbers and share none of them are the same
//     template with other figures, not copied sentences: they are left out of the coverage.
//     So are the rows of one table in two issues (Alignment.Row): when at least three aligned
//     pairs of short lines (under eight words), and a fifth of them, are rows with one label
//     and other values, or other labels with one value (a value being a last word that ends
//     two or more rows), every aligned short line of the pair is a template instance, those
//     printed alike included. Two issues of a roll call list the same members with other votes
//     ("Jane Roe (R) Yes" ~ "Jane Roe (R) Not voting"), words and not figures; the members who
//     voted alike twice agree by chance. A reprinted table keeps its values but for a misprint
//     or two, and OCR errors and lines cut short change words that end no other row.
//     Aligned sentences may fill one frame with other names (Alignment.Names): a name of one
//     document stands where the other has a name of its own, bounded on both sides by words
//     the two sentences share, and the same two names swap so in two or more aligned
//     sentence pairs that differ. A name is a word written with a capital letter, not at the
//     start of its sentence (the sketch's Capitals), that is no number, not common in the
//     corpus (weight at least 0.5, see below) and not in the other document at all. Two
//     towns' caucus warnings ("the Democratic voters of the town of Bennington" ~ "... of the
//     town of Arlington") are one formula with another town in every sentence that names
//     it; a copy keeps its names, and OCR misreads one differently each time. A spinner's
//     rare synonym swapped twice is no name. A name OCR misreads the same way twice
//     ("Kitchin" / "Kltchln"), or spelt otherwise by another paper, looks the same as
//     another name to the sketch, which keeps no letters: such sentences count as copied,
//     and only a pair whose sentences with other names outweigh its other copied ones is not
//     scored (see Decision rule).
//     Aligned sentences that are mostly quotation on both sides are shared quotes, which
//     reporters who heard the same words write alike: they count half. The coverage is each
//     side's share of content words in the counted aligned sentences;
//   - the longest run of content words of narration the two share word for word, in order
//     (LongestRun; quoted words break runs): the evidence that separates copies from templates
//     best on real archives;
//   - the longest such run that skips single garbled words (SkippingRun). OCR misreads words of
//     old newspapers ("Router's" for "Reuter's"), cutting a copy's runs into pieces of a few
//     words: on the chronam dev set 58 of the 307 copies share no run of 6 words word for
//     word. A run may pass over one word that differs on both sides or that one side alone
//     has, if it is a word of narration (not a number: a template's figures still break its
//     runs; not quoted) that is not common in the corpus (OCR's misreadings are rare words, a
//     paraphrase's substitutes common ones), after two words matched since its last skip.
//
// Runs, shared shingles and copied words are counted in words (see
// [sketch.Sketch.WordEquivalents]): a unit of a script written without spaces, an overlapping
// character bigram, counts half a word. Counted one per unit, the evidence of Chinese, Japanese
// or Thai text was that of a text twice or more as long in words, and an independent Thai
// report of the same flood, sharing place names, was scored a copy.
//
// # Bounds on repeated text
//
// Both the alignment and the longest run look words up in the other document's posting list.
// A text that repeats itself (one article pasted two thousand times, a JSONL record of the same
// paragraph) makes every lookup return thousands of places and every sentence match thousands
// of sentences: without a bound, memory and time grow with the product of the two documents'
// sizes (two 5.3 MB files took 2.7 GB and a minute). So:
//
//   - a lookup visits at most Params.MaxOccurrences (128) places of a word, those nearest the
//     diagonal, the place in the other document proportional to the place in this one; a word
//     found more often than that in the other document is counted only there;
//   - each sentence of A keeps at most Params.MaxSentenceMatches (32) matches, those nearest
//     the diagonal:
//     a text repeated in both then still aligns copy with copy, where keeping the most similar
//     could keep only copies of one sentence from far-off copies of the text, which no
//     in-order chain can use.
//
// Memory is then linear in the documents' sizes (at most 32 matches of 24 bytes per sentence)
// and time linear times a constant. Ordinary articles stay below both bounds, which therefore
// change no result of theirs: on the seeds, the Clough-Stevenson corpus, a generated corpus of
// 10,000 articles and the chronam dev set, no sentence matched more than 12 of the other
// document's, and no word was looked up more than 128 times (the generated corpus has names
// that recur over 64 times in one article). A pair that reaches a bound reports it in
// Result.Capped: its coverage and longest run may then be below the unbounded figures.
//
// # Weighting by document frequency
//
// A word common in the corpus being scanned (a beat's stock phrases, the frame of a weather
// report or a market table, a paper's standing lines) says little about copying; a rare one
// (a name, an unusual phrase) says much. The scan counts in how many of its documents each
// content word occurs, after boilerplate removal ([DocFreq]); dedupe check reads the counts of
// the archive from the index; dedupe compare reads them from an index given with --index and
// otherwise weighs every word 1. A word in df of n documents weighs ln(1 + n/df) / ln(1 + n)
// ([Weights]): 1 for a word of one document, 0.5 or less for a word of a fifth of them. The
// verifier weighs with them:
//
//   - the sentence similarity (Alignment.WeightedSimilarity): Dice with each word's weight;
//   - the coverage (Result.WeightedCoverageA, WeightedCoverageB): the weight, not the number,
//     of the content words in counted aligned sentences, over the document's;
//   - the longest run (Result.RunWeight): the weight of the heaviest shared run;
//   - the skipping run: a word it passes over alone, or one of the two it passes over where
//     they differ, weighs at least 0.4 (for the dev set's 862 articles, a word of fewer than
//     about 60).
//
// Which sentences align does not depend on the weights (Params.SentenceSimilarity is
// unweighted Dice): the weighted figures are evidence for the score, next to the unweighted.
// The skipping run does: without weights (dedupe compare without an index) every word is
// rare, and the run may skip any word of narration.
//
// # Decision rule
//
// A pair is a duplicate when the normalised texts are equal (exact), or when it passes the
// gates of [Params.Scored] (some containment or a long run, MinCopied content words copied, no
// more template sentences than copied ones, no more copied words in sentences with other names
// than in the others, some narration copied, not only quotations) and its score reaches
// Params.MinScore.
//
// The score is one number in (0, 1), the probability of a copy under a logistic model of the
// evidence ([Model], [DefaultModel]): coverage and DF-weighted coverage of the copy, shingle
// containment, the longest run and its weight, the skipping run, the shares of template and quoted sentences
// among the aligned (the quoted share only beside a shared run of narration of QuoteRun words:
// a copy keeps its quotations with its narration, independent reports share quotations and
// chance phrases), the number of copied words, and how far the aligned sentences that are not
// templates (shared quotations included: a quotation is prose) are from prose: more numbers
// than one content word in 20, fewer stop words than the language's prose has
// (Result.NumberShare, Result.StopShare, Result.ProseStopShare; see [NumberShareOfProse]). A paper's masthead box, house notice or market report printed on two
// days shares its wording word for word, but in lines of names and figures with few stop
// words; copied narration is prose ([Result.Evidence]). dedupe compare shows
// each feature and its contribution to the log-odds. The coefficients were fitted by
// tools/fitscore on the labelled chronam-1916 dev set (testdata/chronam) and the Clough &
// Stevenson pairs, and cross-validated by article on the dev set: docs/algorithm.md has the
// figures. The score means the same in scan, check and compare: the same model on the same
// figures, with the weights of the corpus at hand.
package verify
