package normalize

import "strings"

// guillemetPairs tells whether a guillemet opens a quotation: only when the other guillemet
// follows before the paragraph ends, at a blank line or the end of the text. Guillemets come in
// pairs, «…» in French or Russian and »…« in German; one without its pair is no quotation mark,
// and OCR makes many of them out of specks on the page ("tb« massacre", "issue «)f the"), each
// of which would otherwise quote the rest of its paragraph. The next place of each guillemet
// and of a blank line are remembered, so that a text is searched once whatever its guillemets.
type guillemetPairs struct {
	closer [2]int // the next » and «, len(text)+1 for none; -1 before the first search
	blank  int    // the next blank line, len(text) for none; -1 before the first search
}

// follows reports whether the guillemet r, which ends at text[next], has its pair after it in
// its paragraph. Calls must come with non-decreasing next.
func (g *guillemetPairs) follows(text string, next int, r rune) bool {
	k, closer := 0, "»"
	if r == '»' {
		k, closer = 1, "«"
	}
	if g.closer[k] < next {
		g.closer[k] = len(text) + 1
		if i := strings.Index(text[next:], closer); i >= 0 {
			g.closer[k] = next + i
		}
	}
	if g.blank < next {
		g.blank = len(text)
		if i := strings.Index(text[next:], "\n\n"); i >= 0 {
			g.blank = next + i
		}
	}
	return g.closer[k] < g.blank
}
