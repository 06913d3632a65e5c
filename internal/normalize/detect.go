package normalize

import (
	"encoding/binary"
	"io/fs"
	"math/bits"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/zeebo/xxh3"
)

// Language detection for [Auto]: the script of a document's letters decides its language when
// one language is written in it (Hangul, Thai, Greek ...), and the stop words it uses decide
// between the languages that share a script (Latin, Cyrillic, Arabic, Devanagari): a text is in
// the language whose stop words (the very lists that flag [Token.Stop]) make most of its first
// words. News text uses function words densely (a third of English running words), so 64 words
// leave little doubt; a text with few of them, such as a list of names or OCR noise,
// gets the first language of its script in languageTable, English for Latin, which is what
// dedupe assumed before it detected anything.
//
// Libraries were measured first (Go 1.26, this machine's 2 cores, 1,145 documents: the seeds,
// Clough-Stevenson, 1,000 generated articles and testdata/languages): github.com/pemistahl/
// lingua-go 1.4.0 needs 986 MB of heap and 42 s to load its models and 84 ms a document (low-
// accuracy mode 49 MB, 70 ms), and adds 130 MB to the binary; github.com/abadojack/whatlanggo
// 1.0.1 takes 2.4 ms a document on 256-byte samples, 48 times the whole analysis of an English
// article, and calls 27% of the generated English corpus Yoruba or Vietnamese. Both got the
// forty articles of testdata/languages right, as this does, in under 1 µs an English article
// (BenchmarkDetect: 3.7-4.5 µs for the five seeds, 2026-12-04): the letters of its first kilobyte, eight bytes at a time when they are
// ASCII, and its first words until no further word can change the outcome (byStopWords).

// script is a writing system, as detection tells them apart.
type script uint8

const (
	latin script = iota
	cyrillic
	greek
	arabicScript
	hebrew
	devanagari
	bengaliScript
	gujaratiScript
	tamilScript
	hangul
	han
	kana
	thai
	lao
	khmer
	myanmar
	numScripts
)

const (
	detectBytes  = 1024 // the start of a text whose letters decide its script
	detectWords  = 64   // the words whose stop words decide among a script's languages
	detectEnough = 8    // stop words of one language after which the rest of them are not read
	minStopHits  = 5    // fewer stop words than this decide nothing
	minAccented  = 8    // Latin letters beyond ASCII in the first kilobyte that make a text not English news
)

// scriptRanges are the blocks of non-ASCII letters that detection counts, by script, in the
// order scriptOf tries them; letters of no block but of a script without spaces are Han.
var scriptRanges = []struct {
	lo, hi rune
	script script
}{
	{0x0080, 0x024F, latin}, {0x1E00, 0x1EFF, latin},
	{0x0250, 0x036F, numScripts}, // IPA, spacing modifiers and combining marks: no script
	{0x0370, 0x03FF, greek}, {0x1F00, 0x1FFF, greek},
	{0x0400, 0x052F, cyrillic},
	{0x0590, 0x05FF, hebrew},
	{0x0600, 0x06FF, arabicScript}, {0x0750, 0x077F, arabicScript},
	{0x08A0, 0x08FF, arabicScript}, {0xFB50, 0xFEFF, arabicScript},
	{0x0900, 0x097F, devanagari},
	{0x0980, 0x09FF, bengaliScript},
	{0x0A80, 0x0AFF, gujaratiScript},
	{0x0B80, 0x0BFF, tamilScript},
	{0x0E00, 0x0E7F, thai},
	{0x0E80, 0x0EFF, lao},
	{0x1000, 0x109F, myanmar},
	{0x1780, 0x17FF, khmer},
	{0x1100, 0x11FF, hangul}, {0x3130, 0x318F, hangul}, {0xAC00, 0xD7AF, hangul},
	{0x3040, 0x30FF, kana}, {0x31F0, 0x31FF, kana},
}

// scriptOf returns the script of a non-ASCII letter, and false for anything else.
func scriptOf(r rune) (script, bool) {
	for _, b := range scriptRanges {
		if b.lo <= r && r <= b.hi {
			if b.script == latin {
				return latin, isWordRune(r)
			}
			return b.script, b.script != numScripts
		}
	}
	return han, isUnspaced(r) // what isUnspaced holds besides the scripts above
}

// detect returns the language of text, a normalised text (see the comment atop this file).
func detect(text string) *language {
	sample := text[:min(len(text), detectBytes)]
	if isASCII(sample) {
		return byStopWords(text, latin, false) // most English news: no letter to count
	}
	var letters [numScripts]int
	accented := 0            // Latin letters beyond ASCII
	ukrainian, other := 0, 0 // Cyrillic letters of Ukrainian alone, and of Russian or Bulgarian alone
	for i := 0; i < len(sample); {
		if c := sample[i]; c < utf8.RuneSelf {
			if asciiWord[c] && c > '9' {
				letters[latin]++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(sample[i:])
		if s, ok := scriptOf(r); ok {
			letters[s]++
			switch {
			case s == latin:
				accented++
			case s == cyrillic:
				switch r {
				case 'і', 'ї', 'є', 'ґ', 'І', 'Ї', 'Є', 'Ґ':
					ukrainian++
				case 'ы', 'э', 'ё', 'ъ', 'Ы', 'Э', 'Ё', 'Ъ':
					other++
				}
			}
		}
		i += size
	}
	// Japanese mixes kanji with kana; a tenth of kana makes a text Japanese, not Chinese.
	cjk := letters[han] + letters[kana]
	best := latin
	for s := range numScripts {
		if letters[s] > letters[best] {
			best = s
		}
	}
	if cjk > letters[best] {
		if letters[kana]*10 >= cjk {
			return languages["japanese"]
		}
		return languages["chinese"]
	}
	if best == cyrillic && ukrainian >= minUkrainian && ukrainian > 4*other {
		return languages["ukrainian"]
	}
	return byStopWords(text, best, best == latin && accented >= minAccented)
}

// minUkrainian is how many of the letters і, ї, є and ґ, which Ukrainian writes and Russian and
// Bulgarian do not, make a Cyrillic text Ukrainian, when the letters only those write (ы, э,
// ё, ъ) are under a quarter of them. The stop words cannot tell: Ukrainian's list has 73 words
// and Russian's 559, many of them Ukrainian words too ("на", "за", "до", "як"), so that a
// Ukrainian news paragraph was read as Russian and stemmed as Russian. A Russian text quoting a
// Ukrainian place name ("Київ") holds one or two.
const minUkrainian = 3

// byStopWords returns the language of script s whose stop words make most of the first
// detectWords words of text of three bytes or more, or the first language of the script in
// languageTable unless the winner has minStopHits, an eighth of the words and the margin over
// the first: OCR noise of letters and dots ("il", "ii", "in") makes as many words as it likes
// but few of them stop words.
//
// Counting stops when one language has detectEnough stop words, so none ever has more; once the
// first language has so many that the margin over it is beyond that, nothing the rest of the
// words hold can change the outcome, and they are not read: English text is English from its
// fourth stop word on (the 756 chronam articles of testdata whose first kilobyte is ASCII: 25
// words read on average, 707 decided early, where counting to the eighth read 41).
//
// A Latin text with accented letters (accented: minAccented of them in its first kilobyte,
// which English news and its OCR noise seldom have) is read otherwise: its words of two bytes
// count too, all detectWords of them are read, and the winner needs one stop word less and a
// sixteenth of the words. The commonest function words of French, Spanish or Turkish have one
// or two letters ("de", "la", "et", "ve"), and a news lead dense with names held four to seven
// of the longer ones in 64 words: 7 of 8 French, 3 of 8 Spanish and 6 of 8 Turkish articles
// written for a test were read as English, their stems and stop words unused and their copies
// unmatched by a copy read in its own language; now all 24 are right, and paragraphs of 20 to
// 80 words of them 112 of 153 (69 before). The chronam articles of January and February 1916
// are detected alike but for two of 59,433 (59,271 English).
func byStopWords(text string, s script, accented bool) *language {
	first, candidates := scriptLanguages[s].first, scriptLanguages[s].set
	if candidates&(candidates-1) == 0 { // one language in the script
		return &languageTable[first]
	}
	profile := stopProfile()
	var hits [64]int
	words, lead := 0, 0
	minBytes := 3
	if accented {
		minBytes = 2
	}
	for i := 0; words < detectWords && (accented || lead < detectEnough); {
		var key uint64
		var ok bool
		if i, key, ok = nextStopKey(text, i, minBytes); !ok {
			break
		}
		words++
		for set := profile.get(key) & candidates; set != 0; set &= set - 1 {
			l := bits.TrailingZeros64(set)
			hits[l]++
			lead = max(lead, hits[l])
		}
		if !accented && margin(s, hits[first]) > detectEnough {
			return &languageTable[first]
		}
	}
	best := first
	for i := range languageTable {
		if hits[i] > hits[best] {
			best = i
		}
	}
	least, share := minStopHits, words/8
	if accented {
		least, share = minStopHits-1, words/16
	}
	if hits[best] < max(least, margin(s, hits[first]), share) {
		best = first
	}
	return &languageTable[best]
}

// margin returns the stop words another language of script s needs to be chosen over the first
// language of the script when that has hits of them. English stands unless another language
// has more than twice its stop words: English news quotes names and phrases from every
// language, and OCR noise spells short words of many (measured on testdata/chronam, 1916
// newspapers). In other scripts the most hits win.
func margin(s script, hits int) int {
	if s == latin {
		return 2*hits + 1
	}
	return hits + 1
}

// nextStopKey finds the first word of three bytes or more at or after text[i], skipping
// characters of scripts without spaces, and returns the end of the word and the key of the
// stop profile to look it up by (see stopKey); ok is false when text has no such word left.
// Letters and pairs of ASCII letters are initials and OCR noise ("il", "ii", "ni") as often as
// words; longer stop words are plenty. Words are cut as scanWord cuts them; a run of ASCII
// letters and digits that scanWord would end where the run ends, most words of English text,
// is cut, lower-cased and hashed here in one pass.
func nextStopKey(text string, i, minBytes int) (end int, key uint64, ok bool) {
	var lower [32]byte
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if !asciiWord[c] {
				i++ // spaces and punctuation, most of what lies between words
				continue
			}
			j := i
			for ; j < len(text) && text[j] < utf8.RuneSelf && asciiWord[text[j]]; j++ {
				if j-i < len(lower) {
					lower[j-i] = text[j] | 0x20 // lower-cases a letter, keeps a digit
				}
			}
			if endsWord(text, i, j) {
				switch n := j - i; {
				case n > len(lower):
					return j, stopKey(text[i:j]), true
				case n >= minBytes:
					return j, xxh3.Hash(lower[:n]), true
				}
				i = j
				continue
			}
		} else if r, size := decode(text, i); !isWordRune(r) || r >= unspacedMin && isUnspaced(r) {
			i += size
			continue
		}
		end, _ := scanWord(text, i)
		if end-i >= minBytes {
			return end, stopKey(text[i:end]), true
		}
		i = end
	}
	return i, 0, false
}

// endsWord reports whether scanWord, given text[i:j], a run of ASCII letters and digits that
// text[j] does not continue, ends the word at j for certain: the run is followed by the end of
// the text, or by an ASCII byte that neither joins a word ("don't", "1,200.50") nor makes an
// acronym of a letter ("U.S.").
func endsWord(text string, i, j int) bool {
	if j == len(text) {
		return true
	}
	switch c := text[j]; {
	case c >= utf8.RuneSelf || c == '\'':
		return false
	case c == '.' || c == ',':
		return j-i > 1 && !('0' <= text[j-1] && text[j-1] <= '9')
	}
	return true
}

// stopKey returns the xxh3 hash of word lower-cased and folded as the words of the stop
// profile are; an ASCII word is lower-cased on the stack.
func stopKey(word string) uint64 {
	var buf [32]byte
	if len(word) <= len(buf) {
		var all byte
		for j := 0; j < len(word); j++ {
			c := word[j]
			all |= c
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[j] = c
		}
		if all < utf8.RuneSelf {
			return xxh3.Hash(buf[:len(word)])
		}
	}
	return xxh3.HashString(foldLetters(strings.ToLower(word)))
}

// scriptLanguages holds for each script the languages of languageTable written in it (bit i
// for languageTable[i]) and the first of them, which stands when stop words decide nothing.
var scriptLanguages = func() (t [numScripts]struct {
	set   uint64
	first int
}) {
	for i := len(languageTable) - 1; i >= 0; i-- {
		s := languageTable[i].script
		t[s].set |= 1 << i
		t[s].first = i
	}
	return t
}()

// stopProfile maps every word of the embedded stop lists to the set of languages, bit i for
// languageTable[i], whose stop-word test accepts it. The lists of the languages whose stop
// words come from kljensen/snowball serve only as candidate words here: the bits are set by
// each language's own test, so detection weighs the stop words that analysis flags.
var stopProfile = sync.OnceValue(func() *profileTable { return newProfileTable(profileWords()) })

// profileWords returns the words of the stop profile, each with its set of languages. A
// language of a list (language.list) accepts the words of its list and no other, so its bit
// comes from the list; only the languages with a test of their own test every word (building
// the profile took 30-60 ms of CPU when all 52 tested all 20,000 words).
func profileWords() map[string]uint64 {
	ofList := map[string]uint64{} // list code -> the languages whose stop words it holds
	var own uint64                // the languages with a test of their own
	for i, l := range languageTable {
		if l.list != "" {
			ofList[l.list] |= 1 << i
		} else {
			own |= 1 << i
		}
	}
	profile := make(map[string]uint64, 1<<15) // the lists hold some 16,000 distinct words
	for w := range englishStop.words {
		profile[w] |= 0 // a word of no list, for the tests below
	}
	files, _ := fs.ReadDir(stopFiles, "stopwords")
	for _, f := range files {
		langs := ofList[strings.TrimSuffix(f.Name(), ".txt")]
		for _, w := range stopFile(f.Name()) {
			profile[w] |= langs
		}
	}
	for w, langs := range profile {
		for set := own; set != 0; set &= set - 1 {
			if i := bits.TrailingZeros64(set); languageTable[i].stop(w) {
				langs |= 1 << i
			}
		}
		profile[w] = langs
	}
	return profile
}

// profileTable is the stop profile as an open-addressing table keyed by the xxh3 hash of the
// word, for the reason stemCache is one: a Go map of 20,000 strings costs detection two cache
// misses a word (bucket, then key), which made it a fifth of the analysis of an English
// article. A slot is 8 bytes, the top 48 bits of the hash and the index of the word's language
// set in sets (a few hundred distinct sets), so that the table (256 KiB) evicts little of the
// stem cache that the analysis uses next. A word whose hash shares its top 48 bits with a stop
// word's (probability about 10⁻¹⁰ a word) counts as that stop word, in detection only.
//
// In front of the table stands a Bloom filter of 16 KiB, blocked (each word sets two bits of one
// 64-bit word of it) so that a lookup reads one word: three words in four of English text are
// no stop word, and the filter turns away all but a few percent of them without touching the
// table, which the analysis of the document before has mostly evicted from the processor's
// caches: its misses were two fifths of detection's time (CPU profiles of the scan of the
// chronam articles and of BenchmarkAnalyzeArticles). The filter's bits come from the
// 48 bits of the slot, so that it passes every word that the table would count.
type profileTable struct {
	filter [1 << profileFilterBits]uint64
	slots  []uint64 // len is a power of two, at most half used; 0 marks a free slot
	sets   []uint64 // language sets, bit i for languageTable[i]; sets[0] is empty
}

const (
	profileSetBits    = 16 // low bits of a slot: the index in sets
	profileFilterBits = 11 // log2 of the filter's 64-bit words
)

// filterMask returns the filter's word for key k, a slot without its set index, and the bits
// that k sets in it: the top bits of k pick the word, the twelve below them the two bits.
func filterMask(k uint64) (word int, mask uint64) {
	return int(k >> (64 - profileFilterBits)), 1<<(k>>(58-profileFilterBits)&63) | 1<<(k>>(52-profileFilterBits)&63)
}

func newProfileTable(words map[string]uint64) *profileTable {
	t := &profileTable{sets: []uint64{0}}
	index := map[uint64]uint64{}
	n := 1
	for n < 2*len(words) {
		n *= 2
	}
	t.slots = make([]uint64, n)
	for w, langs := range words {
		if langs == 0 || len(w) < 2 { // byStopWords never looks shorter words up
			continue
		}
		k := xxh3.HashString(w) &^ (1<<profileSetBits - 1)
		i := (k >> profileSetBits) & uint64(n-1)
		for t.slots[i] != 0 && t.slots[i]&^(1<<profileSetBits-1) != k {
			i = (i + 1) & uint64(n-1)
		}
		langs |= t.sets[t.slots[i]&(1<<profileSetBits-1)]
		x, ok := index[langs]
		if !ok {
			x = uint64(len(t.sets))
			index[langs] = x
			t.sets = append(t.sets, langs)
		}
		t.slots[i] = k | x
		w, m := filterMask(k)
		t.filter[w] |= m
	}
	return t
}

// get returns the languages whose stop word has hash h (see newProfileTable).
func (t *profileTable) get(h uint64) uint64 {
	const low = 1<<profileSetBits - 1
	k := h &^ low
	if w, m := filterMask(k); t.filter[w]&m != m {
		return 0
	}
	mask := uint64(len(t.slots) - 1)
	for i := (k >> profileSetBits) & mask; ; i = (i + 1) & mask {
		switch s := t.slots[i]; {
		case s == 0:
			return 0
		case s&^low == k:
			return t.sets[s&low]
		}
	}
}

// isASCII reports whether s holds only ASCII bytes, eight at a time.
func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if binary.LittleEndian.Uint64([]byte(s[i:i+8]))&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
