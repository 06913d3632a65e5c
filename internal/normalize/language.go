package normalize

import (
	"slices"

	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"

	"github.com/dedupe-dev/dedupe/internal/porter2"
)

// language is the per-language part of an [Analyzer].
type language struct {
	stem func(word string, stemStopWords bool) string // snowball stemmer
	stop func(lower string) bool                      // reports whether a lower-cased word is a stop word
}

// languages lists what github.com/kljensen/snowball supports. The stemmer
// packages are called directly rather than through snowball.Stem, which does
// the same after a switch on the name and can only fail on a name New has
// already checked. English goes to porter2, the same stemmer on bytes (the same stems, several
// times faster: OCR text gives the stemmer a million distinct words).
var languages = map[string]language{
	"english":   {porter2.Stem, isEnglishStop},
	"french":    {french.Stem, french.IsStopWord},
	"hungarian": {hungarian.Stem, hungarian.IsStopWord},
	"norwegian": {norwegian.Stem, norwegian.IsStopWord},
	"russian":   {russian.Stem, russian.IsStopWord},
	"spanish":   {spanish.Stem, spanish.IsStopWord},
	"swedish":   {swedish.Stem, swedish.IsStopWord},
}

// Languages returns the names of the supported languages, sorted: those that
// github.com/kljensen/snowball can stem. The caller owns the slice.
func Languages() []string {
	names := make([]string, 0, len(languages))
	for name := range languages {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

func isEnglishStop(lower string) bool {
	_, ok := englishStop[lower]
	return ok
}

// englishStop holds 165 words: the Snowball English stop list
// (snowballstem.org/algorithms/english/stop.txt, NLTK's list plus
// contractions) with "can", "just", "now" and "will" added from NLTK.
// Contractions in 's are left out because the analyzer drops a final 's
// before it looks a word up ("it's" is found as "it").
var englishStop = setOf(
	// pronouns
	"i", "me", "my", "myself", "we", "our", "ours", "ourselves",
	"you", "your", "yours", "yourself", "yourselves",
	"he", "him", "his", "himself", "she", "her", "hers", "herself",
	"it", "its", "itself", "they", "them", "their", "theirs", "themselves",
	"what", "which", "who", "whom", "this", "that", "these", "those",
	// verbs
	"am", "is", "are", "was", "were", "be", "been", "being",
	"have", "has", "had", "having", "do", "does", "did", "doing",
	"would", "should", "could", "ought", "can", "will",
	// contractions
	"i'm", "you're", "we're", "they're", "i've", "you've", "we've", "they've",
	"i'd", "you'd", "he'd", "she'd", "we'd", "they'd",
	"i'll", "you'll", "he'll", "she'll", "we'll", "they'll",
	"isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't", "hadn't",
	"doesn't", "don't", "didn't", "won't", "wouldn't", "shan't", "shouldn't",
	"can't", "cannot", "couldn't", "mustn't",
	// articles, conjunctions, prepositions
	"a", "an", "the", "and", "but", "if", "or", "because", "as", "until", "while",
	"of", "at", "by", "for", "with", "about", "against", "between", "into",
	"through", "during", "before", "after", "above", "below", "to", "from",
	"up", "down", "in", "out", "on", "off", "over", "under",
	// adverbs, determiners
	"again", "further", "then", "once", "here", "there", "when", "where", "why", "how",
	"all", "any", "both", "each", "few", "more", "most", "other", "some", "such",
	"no", "nor", "not", "only", "own", "same", "so", "than", "too", "very",
	"just", "now",
)

func setOf(words ...string) map[string]struct{} {
	m := make(map[string]struct{}, len(words))
	for _, w := range words {
		m[w] = struct{}{}
	}
	return m
}
