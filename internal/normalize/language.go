package normalize

import (
	"embed"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/irish"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/tamil"
	"github.com/blevesearch/snowballstem/turkish"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"

	"github.com/dedupe-dev/dedupe/internal/porter2"
)

// Auto is the language setting that detects each document's language (see detect.go).
const Auto = "auto"

// language is the per-language part of an [Analyzer].
type language struct {
	name   string
	script script                                       // the script it is written in, for detection
	stem   func(word string, stemStopWords bool) string // snowball stemmer; nil: terms are not stemmed
	stop   func(lower string) bool                      // reports whether a lower-cased word is a stop word
	// list is the code of the embedded list stopwords/<list>.txt whose words are the stop words,
	// for which init makes stop; "" when stop is a test of the language's own.
	list string
}

// Stemmers: github.com/kljensen/snowball for the seven languages it has (its results are what
// every index so far holds; English goes to porter2, the same stemmer on bytes, the same stems
// several times faster: OCR text gives the stemmer a million distinct words), github.com/blevesearch/snowballstem, the stemmers that the Snowball
// project generates for Go, maintained for the Bleve search engine, for the other Snowball
// languages. Stop words: kljensen/snowball's lists for its languages, a tuned list for English,
// and the stopwords-iso lists (stopwords/README.md) for the rest. Languages written without
// spaces have neither: their units are never stop words and have no stem (segment.go).
var languageTable = []language{
	{"english", latin, porter2.Stem, isEnglishStop, ""},
	{"french", latin, french.Stem, french.IsStopWord, ""},
	{"hungarian", latin, hungarian.Stem, hungarian.IsStopWord, ""},
	{"norwegian", latin, norwegian.Stem, norwegian.IsStopWord, ""},
	{"russian", cyrillic, russian.Stem, russian.IsStopWord, ""},
	{"spanish", latin, spanish.Stem, spanish.IsStopWord, ""},
	{"swedish", latin, swedish.Stem, swedish.IsStopWord, ""},

	{"arabic", arabicScript, snowballStem(arabic.Stem), nil, "ar"},
	{"danish", latin, snowballStem(danish.Stem), nil, "da"},
	{"dutch", latin, snowballStem(dutch.Stem), nil, "nl"},
	{"finnish", latin, snowballStem(finnish.Stem), nil, "fi"},
	{"german", latin, snowballStem(german.Stem), nil, "de"},
	{"irish", latin, snowballStem(irish.Stem), nil, "ga"},
	{"italian", latin, snowballStem(italian.Stem), nil, "it"},
	{"portuguese", latin, snowballStem(portuguese.Stem), nil, "pt"},
	{"romanian", latin, snowballStem(romanian.Stem), nil, "ro"},
	{"tamil", tamilScript, snowballStem(tamil.Stem), noStop, ""},
	{"turkish", latin, snowballStem(turkish.Stem), nil, "tr"},

	{"afrikaans", latin, nil, nil, "af"},
	{"basque", latin, nil, nil, "eu"},
	{"bengali", bengaliScript, nil, nil, "bn"},
	{"bulgarian", cyrillic, nil, nil, "bg"},
	{"catalan", latin, nil, nil, "ca"},
	{"croatian", latin, nil, nil, "hr"},
	{"czech", latin, nil, nil, "cs"},
	{"estonian", latin, nil, nil, "et"},
	{"galician", latin, nil, nil, "gl"},
	{"greek", greek, nil, nil, "el"},
	{"gujarati", gujaratiScript, nil, nil, "gu"},
	{"hebrew", hebrew, nil, nil, "he"},
	{"hindi", devanagari, nil, nil, "hi"},
	{"indonesian", latin, nil, nil, "id"},
	{"korean", hangul, nil, nil, "ko"},
	{"latvian", latin, nil, nil, "lv"},
	{"lithuanian", latin, nil, nil, "lt"},
	{"malay", latin, nil, nil, "ms"},
	{"marathi", devanagari, nil, nil, "mr"},
	{"persian", arabicScript, nil, nil, "fa"},
	{"polish", latin, nil, nil, "pl"},
	{"slovak", latin, nil, nil, "sk"},
	{"slovenian", latin, nil, nil, "sl"},
	{"swahili", latin, nil, nil, "sw"},
	{"tagalog", latin, nil, nil, "tl"},
	{"ukrainian", cyrillic, nil, nil, "uk"},
	{"urdu", arabicScript, nil, nil, "ur"},
	{"vietnamese", latin, nil, nil, "vi"},

	{"burmese", myanmar, nil, noStop, ""},
	{"chinese", han, nil, noStop, ""},
	{"japanese", kana, nil, noStop, ""},
	{"khmer", khmer, nil, noStop, ""},
	{"lao", lao, nil, noStop, ""},
	{"thai", thai, nil, noStop, ""},
}

func init() {
	for i := range languageTable {
		if l := &languageTable[i]; l.list != "" {
			l.stop = stopList(l.list)
		}
	}
}

// languages indexes languageTable by name.
var languages = func() map[string]*language {
	m := make(map[string]*language, len(languageTable))
	for i := range languageTable {
		m[languageTable[i].name] = &languageTable[i]
	}
	return m
}()

// Languages returns the names of the supported languages, sorted, without [Auto]. The caller
// owns the slice.
func Languages() []string {
	names := make([]string, 0, len(languages))
	for name := range languages {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// IsLanguage reports whether name is a valid language setting: [Auto] or one of [Languages].
func IsLanguage(name string) bool {
	_, ok := languages[name]
	return ok || name == Auto
}

// snowballStem adapts a stemmer of github.com/blevesearch/snowballstem.
func snowballStem(stem func(*snowballstem.Env) bool) func(string, bool) string {
	return func(word string, _ bool) string {
		env := snowballstem.NewEnv(word)
		stem(env)
		return env.Current()
	}
}

func noStop(string) bool { return false }

//go:embed stopwords/*.txt
var stopFiles embed.FS

// stopList returns the stop-word test of the embedded list stopwords/<code>.txt, read on
// first use.
func stopList(code string) func(string) bool {
	set := sync.OnceValue(func() map[string]struct{} {
		m := map[string]struct{}{}
		for _, w := range stopFile(code + ".txt") {
			m[w] = struct{}{}
		}
		return m
	})
	return func(lower string) bool {
		_, ok := set()[lower]
		return ok
	}
}

// stopFile returns the words of the embedded list stopwords/<name>, lower-cased and folded as
// terms are ([foldLetters]), without the entries of several words, which never match one word.
// A name that is not embedded gives none (TestStopLists checks every list loads).
func stopFile(name string) []string {
	b, _ := stopFiles.ReadFile("stopwords/" + name)
	var words []string
	for _, w := range strings.Split(string(b), "\n") {
		if w = strings.TrimSpace(w); w != "" && !strings.Contains(w, " ") {
			words = append(words, foldLetters(strings.ToLower(Text(w))))
		}
	}
	return words
}

func isEnglishStop(lower string) bool {
	return englishStop.has(lower)
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

// wordSet is a fixed set of words that is asked mostly about words outside it: the English
// stop words are asked about every word the stem cache misses (most of them OCR misreadings and
// names), the abbreviations about every word before a full stop. A filter of 4096 bits, one
// set for each word of the set at filterBit, answers most of those questions without the map,
// whose hashing and probing were 4% of the analysis of the chronam pages in a CPU profile.
type wordSet struct {
	words  map[string]struct{}
	filter [4096 / 64]uint64
}

// setOf returns the set of words.
func setOf(words ...string) *wordSet {
	s := &wordSet{words: make(map[string]struct{}, len(words))}
	for _, w := range words {
		s.words[w] = struct{}{}
		b := filterBit(w)
		s.filter[b/64] |= 1 << (b % 64)
	}
	return s
}

// has reports whether w is in the set.
func (s *wordSet) has(w string) bool {
	if b := filterBit(w); s.filter[b/64]&(1<<(b%64)) == 0 {
		return false
	}
	_, ok := s.words[w]
	return ok
}

// filterBit returns the bit of a wordSet's filter for w: a hash of its length and its first
// and last bytes, which sets the 165 English stop words apart in 148 bits of the 4096.
func filterBit(w string) uint32 {
	var first, last uint32
	if len(w) > 0 {
		first, last = uint32(w[0]), uint32(w[len(w)-1])
	}
	return (uint32(len(w))<<16 | first<<8 | last) * 0x9e3779b1 >> 20
}
