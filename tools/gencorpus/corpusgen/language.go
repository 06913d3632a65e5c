package corpusgen

import (
	"math"
	"math/rand/v2"
	"strings"
	"sync"
)

const (
	vocabSize  = 50000      // content words in the vocabulary
	zipfS      = 1.05       // Zipf exponent of content words
	numFirsts  = 2000       // first names
	numLasts   = 5000       // family names
	numPlaces  = 3000       // place names
	langSeed   = 0x6c616e67 // fixed: every corpus speaks the same language
	maxSynonym = 3          // thesaurus entries per word are 1..maxSynonym
)

// stopWords are English function words (all in the Snowball English stop
// list), most frequent first, so weight 1/rank approximates their use in news.
var stopWords = strings.Fields(`
the of and to a in that is was for on with as he by at it his from be have had
are has this but not they were which or an been their its who would will she
more after also her than when about into them over there could some other up
out if all can only these we him what most did do any being before between
through during because while where under against both each those then same
again very here once our should such no so does off down until few how why
further above below own too nor having am i me my you your theirs itself
himself herself themselves ourselves yours whom doing`)

// language is the vocabulary of a corpus. It is immutable once built and
// safe for concurrent use.
type language struct {
	stop     []string
	stopDist alias
	isStop   map[string]bool

	words    []string // content words, by Zipf rank
	wordDist alias
	synStart []int32 // the synonyms of word w are synList[synStart[w]:synStart[w+1]]
	synList  []int32

	firsts []string
	lasts  []string
	places []string
}

// defaultLanguage is built once, on first use, and shared by all corpora.
var defaultLanguage = sync.OnceValue(func() *language { return newLanguage(langSeed) })

func newLanguage(seed uint64) *language {
	r := rand.New(rand.NewPCG(seed, 0))
	l := &language{stop: stopWords, isStop: map[string]bool{}}
	for _, w := range stopWords {
		l.isStop[w] = true
	}
	l.stopDist = newAlias(zipfWeights(len(l.stop), 1))

	taken := make(map[string]bool, vocabSize+numFirsts+numLasts+numPlaces)
	for w := range l.isStop {
		taken[w] = true
	}
	unique := func(next func() string) string {
		for {
			if w := next(); len(w) > 1 && !taken[w] {
				taken[w] = true
				return w
			}
		}
	}
	l.words = make([]string, vocabSize)
	for i := range l.words {
		// Frequent words are short, as in real languages.
		syl := 2 + r.IntN(2) + r.IntN(5)/4
		switch {
		case i < 300:
			syl = 1 + r.IntN(2)
		case i < 5000:
			syl = 1 + r.IntN(3)
		}
		l.words[i] = unique(func() string { return pseudoWord(r, syl) })
	}
	l.wordDist = newAlias(zipfWeights(vocabSize, zipfS))
	l.buildThesaurus(r)

	l.firsts = properNames(r, numFirsts, unique, []string{"a", "o", "an", "el", "in", "us", "ie", "on", "ia"})
	l.lasts = properNames(r, numLasts, unique, []string{"son", "er", "ez", "ski", "ova", "berg", "ton", "ley", "ini", "sen"})
	l.places = properNames(r, numPlaces, unique, []string{"ville", "burg", "ford", "port", "ia", "stan", "a", "mouth", "field", "grad"})
	return l
}

// buildThesaurus gives every word 1-3 synonyms of similar frequency, so that
// spun text keeps the Zipf shape of the original.
func (l *language) buildThesaurus(r *rand.Rand) {
	l.synStart = make([]int32, vocabSize+1)
	l.synList = make([]int32, 0, 2*vocabSize)
	for w := range vocabSize {
		l.synStart[w] = int32(len(l.synList))
		win := max(20, w/10)
		lo, hi := max(0, w-win), min(vocabSize-1, w+win)
		n := 1 + r.IntN(maxSynonym)
		for len(l.synList)-int(l.synStart[w]) < n {
			s := int32(lo + r.IntN(hi-lo+1))
			if int(s) != w && !containsInt32(l.synList[l.synStart[w]:], s) {
				l.synList = append(l.synList, s)
			}
		}
	}
	l.synStart[vocabSize] = int32(len(l.synList))
}

func containsInt32(s []int32, v int32) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// synonym returns one of the thesaurus entries of word w.
func (l *language) synonym(r *rand.Rand, w int) int {
	syn := l.synList[l.synStart[w]:l.synStart[w+1]]
	return int(syn[r.IntN(len(syn))])
}

var (
	onsets = strings.Fields("b c d f g h k l m n p r s t v w z br cr dr fr gr pr tr bl cl fl gl pl sl st sp sk sh ch th qu j y")
	nuclei = strings.Fields("a e i o u a e i o u ai ea ee oo ou io ia")
	codas  = strings.Fields("n r s t l m nd nt st rn rk ng ck x")
)

// pseudoWord joins syl syllables of onset, nucleus and coda, where the
// onset is optional only after a coda or at the start and the coda is
// optional always.
func pseudoWord(r *rand.Rand, syl int) string {
	var b strings.Builder
	coda := true // a syllable after a coda may start with its vowel
	for range syl {
		if !coda || r.IntN(4) > 0 {
			b.WriteString(onsets[r.IntN(len(onsets))])
		}
		b.WriteString(nuclei[r.IntN(len(nuclei))])
		if coda = r.IntN(3) == 0; coda {
			b.WriteString(codas[r.IntN(len(codas))])
		}
	}
	return b.String()
}

// properNames makes n capitalised names of one or two syllables and one of
// the given endings, unique across the whole language.
func properNames(r *rand.Rand, n int, unique func(func() string) string, endings []string) []string {
	names := make([]string, n)
	for i := range names {
		w := unique(func() string {
			return pseudoWord(r, 1+r.IntN(2)) + endings[r.IntN(len(endings))]
		})
		names[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return names
}

// zipfWeights returns the weights r^-s for ranks r = 1..n.
func zipfWeights(n int, s float64) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = math.Pow(float64(i+1), -s)
	}
	return w
}

// alias is Walker's alias table for sampling a discrete distribution in
// constant time: pick a column uniformly, then keep it with probability
// prob[i]/2^32 or take its alias. Vose's construction makes it exact up to
// the rounding of prob to 32 bits.
type alias struct {
	prob  []uint64 // acceptance threshold for a 32-bit uniform, in [0, 2^32]
	alias []int32
}

// newAlias builds the table for weights w, which must be positive.
func newAlias(w []float64) alias {
	n := len(w)
	var sum float64
	for _, x := range w {
		sum += x
	}
	scaled := make([]float64, n)
	var small, large []int32
	for i, x := range w {
		scaled[i] = x * float64(n) / sum
		if scaled[i] < 1 {
			small = append(small, int32(i))
		} else {
			large = append(large, int32(i))
		}
	}
	a := alias{prob: make([]uint64, n), alias: make([]int32, n)}
	for len(small) > 0 && len(large) > 0 {
		s, g := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		a.prob[s] = uint64(scaled[s] * (1 << 32))
		a.alias[s] = g
		scaled[g] -= 1 - scaled[s]
		if scaled[g] < 1 {
			large = large[:len(large)-1]
			small = append(small, g)
		}
	}
	// What is left is 1 up to rounding: always accept.
	for _, i := range append(small, large...) {
		a.prob[i] = 1 << 32
		a.alias[i] = i
	}
	return a
}

// sample draws an index with probability proportional to its weight.
func (a *alias) sample(r *rand.Rand) int {
	x := r.Uint64()
	i := int((x >> 32) * uint64(len(a.prob)) >> 32)
	if x&math.MaxUint32 < a.prob[i] {
		return i
	}
	return int(a.alias[i])
}
