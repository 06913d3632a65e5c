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
// forty articles of testdata/languages right, as this does, in about 2 µs an English article
// (BenchmarkDetect): the letters of its first kilobyte, eight bytes at a time when they are
// ASCII, and its first words until one language has detectEnough stop words.

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
)

// scriptOf returns the script of a non-ASCII letter, and false for anything else.
func scriptOf(r rune) (script, bool) {
	switch {
	case r < 0x0250 || 0x1E00 <= r && r <= 0x1EFF:
		return latin, isWordRune(r)
	case r < 0x0370:
		return 0, false
	case r <= 0x03FF || 0x1F00 <= r && r <= 0x1FFF:
		return greek, true
	case r <= 0x052F:
		return cyrillic, true
	case 0x0590 <= r && r <= 0x05FF:
		return hebrew, true
	case 0x0600 <= r && r <= 0x06FF || 0x0750 <= r && r <= 0x077F || 0x08A0 <= r && r <= 0x08FF || 0xFB50 <= r && r <= 0xFEFF:
		return arabicScript, true
	case 0x0900 <= r && r <= 0x097F:
		return devanagari, true
	case 0x0980 <= r && r <= 0x09FF:
		return bengaliScript, true
	case 0x0A80 <= r && r <= 0x0AFF:
		return gujaratiScript, true
	case 0x0B80 <= r && r <= 0x0BFF:
		return tamilScript, true
	case 0x0E00 <= r && r <= 0x0E7F:
		return thai, true
	case 0x0E80 <= r && r <= 0x0EFF:
		return lao, true
	case 0x1000 <= r && r <= 0x109F:
		return myanmar, true
	case 0x1780 <= r && r <= 0x17FF:
		return khmer, true
	case 0x1100 <= r && r <= 0x11FF || 0x3130 <= r && r <= 0x318F || 0xAC00 <= r && r <= 0xD7AF:
		return hangul, true
	case 0x3040 <= r && r <= 0x30FF || 0x31F0 <= r && r <= 0x31FF:
		return kana, true
	case isUnspaced(r):
		return han, true // what isUnspaced holds besides the scripts above
	}
	return 0, false
}

// detect returns the language of text, a normalised text (see the comment atop this file).
func detect(text string) *language {
	sample := text[:min(len(text), detectBytes)]
	if isASCII(sample) {
		return byStopWords(text, latin) // most English news: no letter to count
	}
	var letters [numScripts]int
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
	return byStopWords(text, best)
}

// byStopWords returns the language of script s whose stop words make most of the first
// detectWords words of text of three bytes or more, or the first language of the script in
// languageTable unless the winner has minStopHits, an eighth of the words and more hits than
// the first, more than twice as many if the first is English: OCR noise of letters and dots ("il", "ii", "in") makes as many words as it
// likes but few of them stop words.
func byStopWords(text string, s script) *language {
	first := -1
	var candidates uint64
	for i := range languageTable {
		if languageTable[i].script == s {
			candidates |= 1 << i
			if first < 0 {
				first = i
			}
		}
	}
	if candidates&(candidates-1) == 0 { // one language in the script
		return &languageTable[first]
	}
	var hits [64]int
	profile := stopProfile()
	var buf [32]byte
	words, lead := 0, 0
	for i := 0; i < len(text) && words < detectWords && lead < detectEnough; {
		r, size := decode(text, i)
		if !isWordRune(r) || r >= unspacedMin && isUnspaced(r) {
			i += size
			continue
		}
		end, _ := scanWord(text, i)
		word := text[i:end]
		if i = end; len(word) < 3 {
			// Letters and pairs of ASCII letters are initials and OCR noise ("il", "ii", "ni")
			// as often as words; longer stop words are plenty.
			continue
		}
		words++
		var set uint64
		if len(word) <= len(buf) && isASCII(word) {
			for j := 0; j < len(word); j++ {
				c := word[j]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf[j] = c
			}
			set = profile.get(xxh3.Hash(buf[:len(word)]))
		} else {
			set = profile.get(xxh3.HashString(foldLetters(strings.ToLower(word))))
		}
		for set &= candidates; set != 0; set &= set - 1 {
			l := bits.TrailingZeros64(set)
			hits[l]++
			lead = max(lead, hits[l])
		}
	}
	best := first
	for i := range languageTable {
		if hits[i] > hits[best] {
			best = i
		}
	}
	// English stands unless another language has more than twice its stop words: English news
	// quotes names and phrases from every language, and OCR noise spells short words of many
	// (measured on testdata/chronam, 1916 newspapers). In other scripts the most hits win.
	margin := hits[first] + 1
	if s == latin {
		margin = 2*hits[first] + 1
	}
	if hits[best] < max(minStopHits, margin, words/8) {
		best = first
	}
	return &languageTable[best]
}

// stopProfile maps every word of the embedded stop lists to the set of languages, bit i for
// languageTable[i], whose stop-word test accepts it. The lists of the languages whose stop
// words come from kljensen/snowball serve only as candidate words here: the bits are set by
// each language's own test, so detection weighs the stop words that analysis flags.
var stopProfile = sync.OnceValue(func() *profileTable { return newProfileTable(profileWords()) })

// profileWords returns the words of the stop profile, each with its set of languages.
func profileWords() map[string]uint64 {
	profile := map[string]uint64{}
	add := func(w string) {
		if _, seen := profile[w]; seen {
			return
		}
		var bits uint64
		for i := range languageTable {
			if languageTable[i].stop(w) {
				bits |= 1 << i
			}
		}
		profile[w] = bits
	}
	for w := range englishStop {
		add(w)
	}
	files, _ := fs.ReadDir(stopFiles, "stopwords")
	for _, f := range files {
		for _, w := range stopFile(f.Name()) {
			add(w)
		}
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
type profileTable struct {
	slots []uint64 // len is a power of two, at most half used; 0 marks a free slot
	sets  []uint64 // language sets, bit i for languageTable[i]; sets[0] is empty
}

const profileSetBits = 16 // low bits of a slot: the index in sets

func newProfileTable(words map[string]uint64) *profileTable {
	t := &profileTable{sets: []uint64{0}}
	index := map[uint64]uint64{}
	n := 1
	for n < 2*len(words) {
		n *= 2
	}
	t.slots = make([]uint64, n)
	for w, langs := range words {
		if langs == 0 || len(w) < 3 { // byStopWords never looks shorter words up
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
	}
	return t
}

// get returns the languages whose stop word has hash h (see newProfileTable).
func (t *profileTable) get(h uint64) uint64 {
	const low = 1<<profileSetBits - 1
	k := h &^ low
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
