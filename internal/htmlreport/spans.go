package htmlreport

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// minRun is the fewest consecutive words two aligned sentences must share, in the same order, for
// the run to be marked verbatim. One or two shared words ("the war", a name) turn up in any two
// sentences on one subject; three in a row are a copied phrase.
const minRun = 3

// maxSpanWork caps the word pairs compared per sentence pair (len(a) × len(b)). Sentence splitting
// can leave a text without punctuation as one huge "sentence"; beyond the cap the pair is shown
// without verbatim spans rather than compared in quadratic time.
const maxSpanWork = 1 << 22

// span is a piece of an aligned sentence, copied verbatim from its partner or not. Space holds
// the white space after it, kept apart so that highlighting stops at the last word.
type span struct {
	Text     string
	Space    string
	Verbatim bool
}

// word is one word of a sentence with the spaces that follow it, and the key it is compared by.
type word struct {
	text, key string
}

// verbatimSpans splits the aligned sentences a and b into spans, marking the runs of at least
// minRun words that both hold in the same order, as written: sentences with the same words
// after normalisation (same) may still differ in a plural or a joined word, which stays
// unmarked. Past maxSpanWork, such sentences are each one verbatim span, others have none.
// Concatenating the texts and spaces of a span slice gives its sentence back.
func verbatimSpans(a, b string, same bool) (sa, sb []span) {
	wa, wb := words(a), words(b)
	ma, mb := make([]bool, len(wa)), make([]bool, len(wb))
	switch {
	case len(wa)*len(wb) <= maxSpanWork:
		markRuns(wa, wb, ma, mb, make([]int, len(wb)+1))
	case same:
		fill(ma)
		fill(mb)
	}
	return join(wa, ma), join(wb, mb)
}

func fill(marked []bool) {
	for i := range marked {
		marked[i] = true
	}
}

// markRuns sets ma and mb for the words of the longest common run of a and b (the earliest on a
// tie), then recurses on the words left and right of it, as Python's difflib does: every run it
// finds is contiguous in both sentences and the runs keep their order. scratch must hold at
// least len(b)+1 ints.
func markRuns(a, b []word, ma, mb []bool, scratch []int) {
	if len(a) < minRun || len(b) < minRun {
		return
	}
	i, j, n := longestRun(a, b, scratch)
	if n < minRun {
		return
	}
	for k := range n {
		ma[i+k], mb[j+k] = true, true
	}
	markRuns(a[:i], b[:j], ma[:i], mb[:j], scratch)
	markRuns(a[i+n:], b[j+n:], ma[i+n:], mb[j+n:], scratch)
}

// longestRun returns the start in a, the start in b and the length of the longest run of words
// both hold. It keeps one row of the dynamic programme in run: run[j+1] is the length of the
// common run ending at the current word of a and at b[j].
func longestRun(a, b []word, run []int) (bi, bj, bn int) {
	run = run[:len(b)+1]
	clear(run)
	for i := range a {
		for j := len(b) - 1; j >= 0; j-- { // right to left so run[j] still holds the previous row
			if a[i].key != b[j].key {
				run[j+1] = 0
				continue
			}
			run[j+1] = run[j] + 1
			if n := run[j+1]; n > bn || (n == bn && i-n+1 == bi && j-n+1 < bj) {
				bi, bj, bn = i-n+1, j-n+1, n
			}
		}
	}
	return bi, bj, bn
}

// words splits s at white space; each word keeps the spaces after it, and leading spaces go with
// the first word, so that the texts joined give s.
func words(s string) []word {
	out := make([]word, 0, len(s)/5+1)
	for len(s) > 0 {
		end := 0
		for end < len(s) { // the word: up to the next space
			r, size := utf8.DecodeRuneInString(s[end:])
			if unicode.IsSpace(r) && end > 0 {
				break
			}
			end += size
		}
		text := s[:end]
		for end < len(s) { // and the spaces after it
			r, size := utf8.DecodeRuneInString(s[end:])
			if !unicode.IsSpace(r) {
				break
			}
			end += size
		}
		out = append(out, word{text: s[:end], key: key(text)})
		s = s[end:]
	}
	return out
}

// key is what words are compared by: their letters and digits in lower case, so that "deal," and
// "deal." or "U.S." and "US" match; a word with neither (a dash) is its own key.
func key(w string) string {
	if plainWord(w) {
		return w
	}
	k := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, w)
	if k == "" {
		return strings.TrimSpace(w)
	}
	return k
}

// join merges consecutive words with the same mark into spans.
func join(ws []word, marked []bool) []span {
	var out []span
	var b strings.Builder
	for i, w := range ws {
		b.WriteString(w.text)
		if i == len(ws)-1 || marked[i+1] != marked[i] {
			text := b.String()
			trimmed := strings.TrimRightFunc(text, unicode.IsSpace)
			out = append(out, span{Text: trimmed, Space: text[len(trimmed):], Verbatim: marked[i]})
			b.Reset()
		}
	}
	return out
}

// plainWord reports whether w is its own key: lower-case ASCII letters and digits only, as most
// words are.
func plainWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return w != ""
}
