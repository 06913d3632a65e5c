package verify

// The rules that tell a template instance from a copied sentence: aligned sentences that fill
// one frame with other figures (templateInstance), with other names (otherNames), or that are
// rows of one table in two issues (otherIssue). A copy shares its source's specifics; a
// template shares only its frame.

import (
	"slices"

	"github.com/dedupe-dev/dedupe/internal/sketch"
)

// templateInstance reports whether two aligned sentences, given as sorted sets of terms, are
// one template with other figures: both hold numbers and they share few of them. Numbers sort last
// (sketch.NumberBit), so each set's numbers are its tail. A writethru that updates one figure,
// or a copy that rounds one, keeps the other figures of the sentence or loses only that
// sentence; a template loses every sentence that carries figures. Sharing fewer than half of
// the smaller side's numbers counts as sharing none: tables share small numbers by chance.
func templateInstance(a, b []uint32) bool {
	na, _ := slices.BinarySearch(a, sketch.NumberBit)
	nb, _ := slices.BinarySearch(b, sketch.NumberBit)
	a, b = a[na:], b[nb:]
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	shared := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			shared++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return 2*shared < min(len(a), len(b))
}

// A word that otherNames takes for a name weighs at least nameWeight (see Weights) or is found
// in at most nameShare of the corpus's documents. The weight alone is a share that shrinks as
// the corpus grows: about one document in 30 of the dev set's 862, where it was chosen, but one
// in 240 of the 59,433 articles of the chronam pages, where a scan then took fewer words for
// names than the verifier did on the dev set; with the share, a scan of the articles verifies
// one false positive fewer of the dev set (31), the same 277 copies (tools/labelscan). As with
// rareShare, the share decides in corpora of more than about 900 documents. Commoner words
// that OCR misreads alike twice ("Daily" / "Dally", 0.43 and 0.68 on the dev set) are left out.
const (
	nameWeight = 0.5
	nameShare  = 0.035
)

// nameSlot is the most words (content words, the slot's own included) between a slot and the
// words that two aligned sentences share on either side of it: one garbled word may stand
// next to the name ("the town tif Arlington").
const nameSlot = 2

// otherNames reports, for each match of chain, whether its two sentences fill one frame with
// other names: a name of one document stands where the other has another name of its own, and
// the same two names swap so in two or more aligned sentence pairs that differ (not one pair,
// repeated in a text pasted many times). A name is a word written with a capital letter where
// it stands, not at the start of its sentence (sketch.Sketch.Capitals), that is no number,
// weighs at least nameWeight and is not in the other document at all; its slot is bounded on
// both sides by words the two sentences share, at most nameSlot words away. Two towns' caucus
// warnings ("the Democratic voters of the town of Bennington are hereby warned" ~ "... of the
// town of Arlington ...") fill one formula with other names, each throughout. A copy keeps its
// names, and OCR misreads a name once here and once there, or into a word the other document
// has. A rewrite that swaps a rare word for the same synonym twice (23 of 400 copies sampled
// from the pairs verified in the generated 10,000 articles of scripts/bench.sh) has such slots
// too, but its words are not capitalised. A name that OCR misreads the same way twice
// ("Kitchin" / "Kltchln"), or that two papers spell otherwise ("Rumania" / "Roumania"), is one
// name to the reader and two to the sketch, which keeps no letters. Counted as template
// instances, the sentences with other names gained nothing on the dev set (the same verdicts)
// and cost its cross-validation a false positive; the held-out set lost such a copy. So they
// still count as copied, and only a pair whose
// sentences with other names outweigh its other copied ones is not scored (Params.Scored).
// sa and sb are a's and b's sentence sets, for their terms' weights and ids; v.terms tells
// which terms of each the other holds. The result is nil when no match is one. A lookup
// visits at most Params.MaxOccurrences slots, and sets r.Capped when it reaches the bound.
func (v *Verifier) otherNames(a, b *sketch.Sketch, sa, sb *sentences, chain []match, r *Result) []bool {
	type swap struct{ x, y uint32 }
	// Where the names of a swap stand: the chain's matches, and whether two of them are other
	// sentences, not one sentence pair repeated (a text pasted many times).
	type places struct {
		at    []int
		first uint64 // the fingerprint of the first match's sentences
		other bool   // a match of other sentences holds the swap too
	}
	var found map[swap]*places
	bOfA, aOfB := v.terms.bOfA, v.terms.aOfB
	// name reports whether term t, at place at of s, of sentence sets ss, is a name.
	name := func(s *sketch.Sketch, ss *sentences, at int, t uint32) bool {
		return s.IsCapital(at) && !sketch.IsNumber(t) && ss.termWts[at] >= ss.name
	}
	for k, m := range chain {
		x, y := a.Sentence(int(m.a)), b.Sentence(int(m.b))
		atX, atY := sentenceStart(a, int(m.a)), sentenceStart(b, int(m.b))
		// The names of y that a lacks, each under the words before it, those that may bound
		// its slot on the left: built when x has a name that b lacks.
		slots := v.slots[:0]
		built := false
		fp := uint64(0) // the fingerprint of x and y, once a swap needs it
		for i, t := range x {
			if !name(a, sa, atX+i, t) || bOfA[sa.termIDs[atX+i]] != 0 {
				continue
			}
			if !built {
				for j, u := range y {
					if name(b, sb, atY+j, u) && aOfB[sb.termIDs[atY+j]] == 0 {
						for q := 1; q <= min(nameSlot, j); q++ {
							slots = append(slots, uint64(y[j-q])<<32|uint64(j))
						}
					}
				}
				slices.Sort(slots)
				built = true
			}
			for p := 1; p <= min(nameSlot, i); p++ {
				at, _ := slices.BinarySearch(slots, uint64(x[i-p])<<32)
				for n := 0; at+n < len(slots) && uint32(slots[at+n]>>32) == x[i-p]; n++ {
					if n == v.p.MaxOccurrences {
						r.Capped = true
						break
					}
					j := int(uint32(slots[at+n]))
					if !sharedAfter(x, y, i, j) {
						continue
					}
					if found == nil {
						found = map[swap]*places{}
					}
					if fp == 0 {
						fp = fingerprint(x, y)
					}
					key := swap{t, y[j]}
					switch pl := found[key]; {
					case pl == nil:
						found[key] = &places{at: []int{k}, first: fp}
					case pl.at[len(pl.at)-1] != k:
						pl.at = append(pl.at, k)
						pl.other = pl.other || fp != pl.first
					}
				}
			}
		}
		v.slots = slots
	}
	var named []bool
	for _, pl := range found {
		if !pl.other {
			continue
		}
		if named == nil {
			named = make([]bool, len(chain))
		}
		for _, k := range pl.at {
			named[k] = true
		}
	}
	return named
}

// sentenceStart returns the place in s.Terms of the first term of sentence i.
func sentenceStart(s *sketch.Sketch, i int) int {
	if i == 0 {
		return 0
	}
	return int(s.Ends[i-1])
}

// fingerprint returns a hash of the terms of two sentences, x then y, never 0: equal sentence
// pairs have equal fingerprints, and others, but for a chance of about 2^-64, other ones.
func fingerprint(x, y []uint32) uint64 {
	h := uint64(0xcbf29ce484222325)
	for _, s := range [2][]uint32{x, y} {
		for _, t := range s {
			h = (h ^ uint64(t)) * 0x100000001b3
		}
		h = (h ^ 0xff) * 0x100000001b3 // where x ends
	}
	return h | 1
}

// sharedAfter reports whether x and y share a word within nameSlot words after x[i] and
// y[j]: the right bound of a slot.
func sharedAfter(x, y []uint32, i, j int) bool {
	for p := i + 1; p <= i+nameSlot && p < len(x); p++ {
		for q := j + 1; q <= j+nameSlot && q < len(y); q++ {
			if x[p] == y[q] {
				return true
			}
		}
	}
	return false
}

// minTableRows is the fewest rows with another last cell that make two documents' aligned
// short lines one table in two issues (see otherIssue): one or two such lines are a misprint,
// an OCR error or an update.
const minTableRows = 3

// row reports whether the aligned sentences of m are both lines too short for prose: fewer than
// proseWords words, stop words included, as the rows of a table are.
func row(a, b *sentences, m match) bool {
	return a.all[m.a] < proseWords && b.all[m.b] < proseWords
}

// otherCell reports whether two rows, given as their content words in order, are one
// table's rows with another value or another label. A table puts its labels first and its
// values last, and its values come from a short list that recurs down the column ("Yes", "No",
// "Not voting"). colX and colY count the rows of each document that a word ends. Rows that
// agree on a first part and end in other values (or one in none: "no" is a stop word), each
// ending two or more rows of the two documents, have one label and other values: "Jane Roe (R)
// Yes" ~ "Jane Roe (R) Not voting". Rows that agree on a last part, no longer than the rest of
// either, whose last word ends two or more rows of each document, and differ before it are
// other labels with one value: "John Doe (D) Yes" in another delegation's roll call. A line cut
// short, a misprint or an OCR error changes a word that ends no other row, or leaves more of
// the line alike.
func otherCell(x, y []uint32, colX, colY map[uint32]int) bool {
	p := 0
	for p < len(x) && p < len(y) && x[p] == y[p] {
		p++
	}
	if p == len(x) && p == len(y) {
		return false // the same row
	}
	if p > 0 {
		value := func(t uint32) bool { return colX[t]+colY[t] >= 2 }
		switch {
		case len(x) == p:
			return value(y[len(y)-1])
		case len(y) == p:
			return value(x[len(x)-1])
		}
		lx, ly := x[len(x)-1], y[len(y)-1]
		return lx != ly && value(lx) && value(ly)
	}
	s := 0
	for s < len(x) && s < len(y) && x[len(x)-1-s] == y[len(y)-1-s] {
		s++
	}
	return s > 0 && len(x)-s >= s && len(y)-s >= s && colX[x[len(x)-1]] >= 2 && colY[y[len(y)-1]] >= 2
}

// otherIssue reports whether the aligned rows of chain (see row) are one table in two issues:
// no long sentence of the two is nearly the same (see tableProseWords), and at least
// minTableRows of the rows, and at least a fifth, are rows with another value or another label (see otherCell) or with other
// figures (templateInstance). A roll call lists the same members in every issue, each with
// another vote, under a title and a tally with other figures; a league table the same teams, a
// price list the same goods: two issues share the rows' labels, not what the rows say of them,
// as templateInstance's sentences share their frame but not their figures. The rows two issues
// print alike (a member who voted the same way twice) agree by chance, as small numbers of two
// tables do, so every row of such a table is a template instance. A reprinted table keeps its
// values, but for a few misprints or updates.
//
// The title and the tally count among the rows with other values: a delegation votes mostly
// along party lines, so two roll calls on other bills often differ in only two of ten votes.
// Without them, 589 pairs of issues of one roll call (or of two delegations' roll calls) were
// in one cluster among the 104,000 generated articles of make bench, 11 with them. Two roll
// calls of twelve members that differ in two votes have 3 rows with other values of 13:
// a quarter of the rows let them through, a fifth does not (11 pairs to 6). Reprinted tables
// that OCR errors or cut lines change as much are lost with it: among the 59,433 chronam-1916
// articles 24 of 32,418 verified pairs go, 19 of them one paper's stock market table on two
// days, 4 a column of professional cards reprinted, 1 a list of the dead. A legal
// notice reprinted in the next issue is prose with short lines among it ("Dated January 15,
// 1916.", "First pub."), some with other figures where another notice stands beside it, but it
// also shares whole sentences of its formula with their parties and places: no table.
func (v *Verifier) otherIssue(a, b *sketch.Sketch, sa, sb *sentences, chain []match) bool {
	rows := 0
	for _, m := range chain {
		switch {
		case row(sa, sb, m):
			rows++
		case m.sim >= tableProseSimilarity && min(sa.size[m.a], sb.size[m.b]) >= tableProseWords:
			return false // a copied paragraph: no table in two issues has one
		}
	}
	if rows < minTableRows {
		return false
	}
	if v.colA == nil {
		v.colA, v.colB = map[uint32]int{}, map[uint32]int{}
	}
	colA, colB := columnValues(v.colA, a, sa), columnValues(v.colB, b, sb)
	other := 0
	for _, m := range chain {
		if !row(sa, sb, m) {
			continue
		}
		if templateInstance(sa.set(int(m.a)), sb.set(int(m.b))) || otherCell(a.Sentence(int(m.a)), b.Sentence(int(m.b)), colA, colB) {
			other++
		}
	}
	return other >= minTableRows && 5*other >= rows
}

// A table in two issues has no aligned pair of sentences of tableProseWords content words or
// more, each, at a similarity of tableProseSimilarity or more: that is copied prose. The
// frame of a roll call ("Here is how members of the delegation voted on a bill to ...") names
// another bill in each issue.
const (
	tableProseWords      = 16
	tableProseSimilarity = 0.8
)

// columnValues counts in col, emptied first, for each content word, the rows of sk (sentences
// shorter than proseWords words) that it ends, and returns col.
func columnValues(col map[uint32]int, sk *sketch.Sketch, s *sentences) map[uint32]int {
	clear(col)
	for i := range sk.Sentences() {
		if sent := sk.Sentence(i); s.all[i] < proseWords && len(sent) > 0 {
			col[sent[len(sent)-1]]++
		}
	}
	return col
}

// otherFigures returns the shares of a's and of b's content words that are figures the other
// lacks: each document's numbers (sketch.IsNumber), as many times as they stand, less those
// the other has too, each matched once.
//
// OCR reads a table's columns one after the other, so that its figures stand on lines of
// their own, away from the labels they fill: two days' stock market closing prices share
// their lines of company names and none of their prices, and no aligned sentence holds both a
// name and a figure for templateInstance or otherIssue to compare. The figures of the whole
// documents still differ, on both sides, where a reprinted table keeps its figures but for
// OCR errors and a writethru updates a few (Params.TableFigures). In a scan of the 59,433
// chronam articles the gate takes 225 of 32,123 verified pairs, 216 of them issues of a stock
// table, a produce report or a weather report of other days; 2 are wire stories whose OCR
// misread many of their figures (0.14 and 0.15), which stay in clusters through other copies.
func (v *Verifier) otherFigures(a, b *sketch.Sketch) (float64, float64) {
	v.figA, v.figB = figures(v.figA[:0], a), figures(v.figB[:0], b)
	shared := 0
	for i, j := 0, 0; i < len(v.figA) && j < len(v.figB); {
		switch {
		case v.figA[i] == v.figB[j]:
			shared++
			i++
			j++
		case v.figA[i] < v.figB[j]:
			i++
		default:
			j++
		}
	}
	return float64(len(v.figA)-shared) / float64(len(a.Terms)), float64(len(v.figB)-shared) / float64(len(b.Terms))
}

// figures appends to dst the numbers among s's terms, sorted, and returns it.
func figures(dst []uint32, s *sketch.Sketch) []uint32 {
	for _, t := range s.Terms {
		if sketch.IsNumber(t) {
			dst = append(dst, t)
		}
	}
	slices.Sort(dst)
	return dst
}

// ownNames reports whether sentence i of s holds at least least names (words otherNames
// takes for names, each counted where it stands) and none that the other document of the pair
// has: inOther maps s's term ids (those of ss) to the other's, 0 where it lacks the term.
// Two aligned sentences that both do fill one frame with names of their own (see
// Result.OwnNameSentences).
func ownNames(s *sketch.Sketch, ss *sentences, i, least int, inOther []uint32) bool {
	at, n := sentenceStart(s, i), 0
	for j, t := range s.Sentence(i) {
		if !s.IsCapital(at+j) || sketch.IsNumber(t) || ss.termWts[at+j] < ss.name {
			continue
		}
		if inOther[ss.termIDs[at+j]] != 0 {
			return false
		}
		n++
	}
	return n >= least
}
