// Package corpusgen generates synthetic news corpora with planted duplicates,
// and scores dedupe's JSON result against the planted ground truth.
//
// It exists for benchmarks and end-to-end tests: real archives with known
// duplicate structure are rare and small, and a generator lets the same
// corpus be rebuilt byte for byte from a seed at any size. It is no part of
// dedupe: the command tools/gencorpus and the tests of dedupe's packages
// use it.
//
// # Language
//
// Articles are English-like rather than English. A new article is a title
// line followed by paragraphs of 1-4 sentences of 8-35 words, 300-1,500
// words in all (copies stay within those word counts too). Tokens follow
// a two-state Markov chain between stop words and content words whose
// stationary share of stop words is about 45%, as in English news, so the
// stop-word handling of the detector sees realistic input. Stop words are
// real English function words drawn with weight 1/rank. Content words come
// from a fixed vocabulary of 50,000 pseudo-words built from syllables (short
// words get the frequent ranks) drawn from a Zipf law, P(rank r) ∝ r^-1.05,
// with an alias table so that a draw costs O(1). Names ("First Last"),
// places, numbers ("600,000", "3.5%", "$12 million", years) and quotations
// (`"...," said First Last.`) make the text look like news and, more
// importantly, give unrelated articles about one event the shared surface
// that fools naive detectors.
//
// The language (stop words, vocabulary, names, places, synonyms) is built
// from a fixed seed and is the same for every corpus; the corpus seed only
// decides the articles.
//
// # Events and planted groups
//
// Each article reports an event: 2-4 people, a place, 2-3 numbers, one
// memorable quote, and 30 words of its own that make up a tenth of the
// content words of its articles. About 70% of the articles are unique. The
// rest form groups of an original and 1-4 copies (2 on average) derived
// from it, each of one kind (20%, 30%, 30% and 20% of the copies):
//
//   - exact: the same bytes;
//   - near_exact: 1-3% of the content words changed, one paragraph cut or one
//     sentence added, and a wire dateline (and sometimes a byline) added;
//   - rewrite: "spun" like an article spinner does it: 10-25% of the sentences
//     dropped, a few neighbouring sentences swapped, 30-60% of the content
//     words replaced from a fixed thesaurus that maps every vocabulary word
//     to 1-3 others of similar frequency, and 1-3 new sentences inserted;
//   - partial: 3-6 consecutive paragraphs (at least 30% of the original's
//     words) with 1-2 new paragraphs of its own, a short article cut out of a
//     long wire story.
//
// Some unique articles are independent reports of an event that other
// articles, including the originals of groups, also report: they share the
// event's names, place, numbers and its quote verbatim, but none of their
// sentences. A correct detector must leave them out of the groups.
//
// Every article is dated; copies are dated 1-14 days after their original.
//
// # Templated series
//
// After the N news articles of [Config] come issues of templated recurring
// series, 4% as many (none when that rounds below 3): hard negatives that
// share their layout and fixed wording but none of their figures. The
// series take the six kinds of [SeriesKind] in turn, and each has 3 to
// min(max(N/250, 4), 60) issues, dated a fixed number of days apart:
//
//   - earnings: a company's quarterly results, "Shr 12 cts vs 10 cts",
//     "Net ... vs ...", "Revs", "Avg shrs", and the year to date after the
//     first quarter, every 2 days, a new company in each issue;
//   - market: a stock exchange's daily close, index, advances and declines,
//     the six most active issues, the dollar, gold and the bond yield;
//   - weather: a region's daily forecast and yesterday's temperatures in
//     the same twelve cities;
//   - sports: a league's weekly results, scorers, standings of the same ten
//     teams and next week's matches;
//   - lottery: a state lottery's numbers of four games and the jackpot,
//     every 3 days;
//   - roll_call: how the same members of a delegation voted on a new bill,
//     every 4 days.
//
// What a series shares (its place, cities, teams, members) comes from a
// generator seeded with the series' number, the figures and names of an
// issue from the issue's own. Issues are no article's copy and no two of
// them have an event in common: a detector that puts two issues of one
// series in one cluster or links them makes a template join.
//
// # Determinism and speed
//
// A corpus is a plan (kind, group, event and date of every article, in a
// shuffled order) plus a rule that builds any article on its own from the
// seed and its index: article i draws from a PCG generator seeded with
// seed ^ hash(i), and a copy rebuilds its original from the original's index
// before deriving from it. Articles can therefore be generated in parallel
// and in any order, and [Corpus.Write] produces the same bytes whatever the
// number of CPUs.
//
// # Files
//
// [Corpus.Write] puts the articles under dir/docs in one of the layouts of
// [Format] and their ground truth in dir/truth.jsonl: one [TruthRecord] per
// line, in article order, written last so that its presence marks a
// complete corpus:
//
//	{"path":"000/0000000.txt","group":"g000001","kind":"original","event":"e00006"}
//	{"path":"000/0000001.txt","group":"","kind":"unique","event":"e00013"}
//	{"path":"010/0010000.txt","group":"","kind":"template","event":"s0000-earnings/000","series":"s0000-earnings"}
//
// path is the article as dedupe names it when it scans dir/docs (see
// [Corpus.Path]), group is empty for unique articles and issues, kind is a
// [Kind], articles of one event but not of one group are independent
// reports, and series, only on issues, names the series and its kind.
// tools/gencorpus/README.md describes the layouts and the scores for users
// of the command.
//
// # Evaluation
//
// [Evaluate] streams dedupe's JSON result cluster by cluster and reports, per
// kind of copy, the recall (copies that share a cluster with their
// original), the pair precision (co-clustered pairs that belong to one planted
// group), the number of clusters that join independent reports of one
// event, and the template joins: pairs of issues of one series that share a
// cluster or are linked (and apart, the pairs of issues of two series so
// joined).
package corpusgen
