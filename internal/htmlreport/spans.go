package htmlreport

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// minRun is the fewest consecutive words two aligned sentences must share, in the same order, for
// the run to be marked verbatim. One or two shared words ("the war", a name) turn up in any two
// sentences on one subject; three in a row are a copied phrase.
const minRun = 3

// maxSpanWork caps the word pairs markRuns compares (len(a) × len(b)): its dynamic programme
// is quadratic. Longer texts (a passage of thousands of words, or a text without punctuation
// cut as one huge "sentence") are first cut at the runs that anchor them (see mark).
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

// verbatimSpans splits the aligned sentences (or passages) a and b into spans, marking the runs
// of at least minRun words that both hold in the same order, as written: sentences with the
// same words after normalisation may still differ in a plural or a joined word, which stays
// unmarked. Concatenating the texts and spaces of a span slice gives its sentence back.
func verbatimSpans(a, b string) (sa, sb []span) {
	wa, wb := words(a), words(b)
	ma, mb := make([]bool, len(wa)), make([]bool, len(wb))
	mark(wa, wb, ma, mb, make([]int, len(wb)+1))
	return join(wa, ma), join(wb, mb)
}

// mark sets ma and mb for the runs of at least minRun words that a and b hold in the same order:
// markRuns's runs when the texts are short enough for it. Longer texts are cut as patience diff
// cuts them: their common start and end, then the runs through the minRun-word sequences that
// occur once in each text, in the longest chain whose order both texts keep; the pieces between
// are marked the same way, each smaller than the whole. Text repeating itself throughout (no
// sequence occurs once) stays unmarked past the cap. scratch must hold at least len(b)+1 ints.
func mark(a, b []word, ma, mb []bool, scratch []int) {
	if len(a)*len(b) <= maxSpanWork {
		markRuns(a, b, ma, mb, scratch)
		return
	}
	if n := commonRun(a, b, 0, 0, 1); n >= minRun {
		fill(ma[:n])
		fill(mb[:n])
		mark(a[n:], b[n:], ma[n:], mb[n:], scratch)
		return
	}
	if n := commonRun(a, b, len(a)-1, len(b)-1, -1); n >= minRun {
		fill(ma[len(ma)-n:])
		fill(mb[len(mb)-n:])
		mark(a[:len(a)-n], b[:len(b)-n], ma[:len(ma)-n], mb[:len(mb)-n], scratch)
		return
	}
	ia, jb := 0, 0 // the start of the piece before the next run
	for _, c := range anchorChain(a, b) {
		if c.i < ia || c.j < jb {
			continue // inside the last run
		}
		i, j := c.i, c.j
		for i > ia && j > jb && a[i-1].key == b[j-1].key {
			i, j = i-1, j-1
		}
		n := commonRun(a, b, i, j, 1)
		mark(a[ia:i], b[jb:j], ma[ia:i], mb[jb:j], scratch)
		fill(ma[i : i+n])
		fill(mb[j : j+n])
		ia, jb = i+n, j+n
	}
	if ia > 0 {
		mark(a[ia:], b[jb:], ma[ia:], mb[jb:], scratch)
	}
}

// commonRun returns how many words a and b share from a[i] and b[j] on, stepping by step (1
// forwards, -1 backwards).
func commonRun(a, b []word, i, j, step int) int {
	n := 0
	for i >= 0 && j >= 0 && i < len(a) && j < len(b) && a[i].key == b[j].key {
		i, j, n = i+step, j+step, n+1
	}
	return n
}

// anchor is a sequence of minRun words at a[i] and b[j] that occurs once in each.
type anchor struct{ i, j int }

// anchorChain returns the anchors of a and b that make the longest chain in the order of both
// texts, in that order (a longest increasing subsequence of their positions in b, taken in the
// order of a, found by patience sorting).
func anchorChain(a, b []word) []anchor {
	once := func(ws []word) map[[minRun]string]int { // a sequence's position, -1 when repeated
		m := make(map[[minRun]string]int, len(ws))
		for i := 0; i+minRun <= len(ws); i++ {
			g := gram(ws, i)
			if _, seen := m[g]; seen {
				m[g] = -1
			} else {
				m[g] = i
			}
		}
		return m
	}
	inA, inB := once(a), once(b)
	var anchors []anchor
	for i := 0; i+minRun <= len(a); i++ {
		g := gram(a, i)
		if j, ok := inB[g]; ok && j >= 0 && inA[g] == i {
			anchors = append(anchors, anchor{i, j})
		}
	}
	// tails[k]: the anchor ending the best chain of k+1 anchors so far, the one with the lowest j.
	tails := make([]int, 0, len(anchors))
	prev := make([]int, len(anchors))
	for k, c := range anchors {
		pos, _ := slices.BinarySearchFunc(tails, c.j, func(t, j int) int { return cmp.Compare(anchors[t].j, j) })
		prev[k] = -1
		if pos > 0 {
			prev[k] = tails[pos-1]
		}
		if pos == len(tails) {
			tails = append(tails, k)
		} else {
			tails[pos] = k
		}
	}
	if len(tails) == 0 {
		return nil
	}
	chain := make([]anchor, len(tails))
	for k, t := len(tails)-1, tails[len(tails)-1]; k >= 0; k, t = k-1, prev[t] {
		chain[k] = anchors[t]
	}
	return chain
}

// gram returns the keys of the minRun words from ws[i].
func gram(ws []word, i int) (g [minRun]string) {
	for k := range g {
		g[k] = ws[i+k].key
	}
	return g
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
