package htmlreport

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/dedupe-dev/dedupe/internal/explain"
	"github.com/dedupe-dev/dedupe/internal/report"
)

// sideBySide is one comparison as the page shows it: two texts in columns, aligned sentences on
// one row.
type sideBySide struct {
	ID             string              // prefix of the element ids, unique in the page
	A, B           string              // the paths of the left and the right text
	LabelA, LabelB string              // what the columns are: "Representative", "A", ...
	Pair           *report.Pair        // the scan's figures for the pair; nil on the compare page
	C              *explain.Comparison // nil when the texts could not be read again
}

// row is one row of the side-by-side table: a pair of aligned sentences (Pair set) or the
// sentences of each text between two such pairs (Pair nil; either side may be empty). A and B
// are the cells' contents.
type row struct {
	A, B template.HTML
	Pair *explain.SentencePair
}

// Rows lays the comparison out in rows. The alignment is a chain increasing in both texts (see
// package verify), which is what lets partners share a row; a comparison whose aligned pairs are
// out of order or out of range is an error.
//
// The cells are written here rather than in the template: a report holds every sentence of
// every comparison, and a template action per span made rendering several times slower.
func (s sideBySide) Rows() ([]row, error) {
	c := s.C
	var out []row
	na, nb := 0, 0 // the first sentences not yet placed
	for k := range c.Aligned {
		p := &c.Aligned[k]
		if p.A < na || p.B < nb || p.A >= len(c.A.Sentences) || p.B >= len(c.B.Sentences) {
			return nil, fmt.Errorf("aligned sentences %d and %d are out of order or out of range", p.A+1, p.B+1)
		}
		if p.A > na || p.B > nb {
			out = append(out, row{A: plain(c.A.Sentences, na, p.A), B: plain(c.B.Sentences, nb, p.B)})
		}
		sa, sb := verbatimSpans(c.A.Sentences[p.A], c.B.Sentences[p.B], p.Verbatim)
		ida, idb := fmt.Sprintf("%s-a%d", s.ID, p.A+1), fmt.Sprintf("%s-b%d", s.ID, p.B+1)
		out = append(out, row{
			A:    aligned(p.A+1, ida, p.B+1, idb, sa),
			B:    aligned(p.B+1, idb, p.A+1, ida, sb),
			Pair: p,
		})
		na, nb = p.A+1, p.B+1
	}
	if na < len(c.A.Sentences) || nb < len(c.B.Sentences) {
		out = append(out, row{A: plain(c.A.Sentences, na, len(c.A.Sentences)), B: plain(c.B.Sentences, nb, len(c.B.Sentences))})
	}
	return out, nil
}

// plain returns the unaligned sentences texts[from:to], each a paragraph led by its 1-based
// number, as dedupe compare numbers them.
func plain(texts []string, from, to int) template.HTML {
	var b strings.Builder
	for i := from; i < to; i++ {
		fmt.Fprintf(&b, `<p class="s"><span class="n">%d</span> %s</p>`, i+1, html.EscapeString(texts[i]))
	}
	return template.HTML(b.String())
}

// aligned returns sentence n, with element id, as a paragraph whose number links to its
// partner (sentence pn, element pid) and whose spans are marked verbatim or rewritten.
func aligned(n int, id string, pn int, pid string, spans []span) template.HTML {
	var b strings.Builder
	fmt.Fprintf(&b, `<p class="s" id="%s"><a class="n" href="#%s" title="aligned with %d">%d</a> `,
		html.EscapeString(id), html.EscapeString(pid), pn, n)
	writeSpans(&b, spans)
	b.WriteString("</p>")
	return template.HTML(b.String())
}

// writeSpans writes spans to b as HTML, each in a mark of class verbatim or rewrite.
func writeSpans(b *strings.Builder, spans []span) {
	for _, s := range spans {
		class := "rewrite"
		if s.Verbatim {
			class = "verbatim"
		}
		fmt.Fprintf(b, `<mark class="%s">%s</mark>%s`, class, html.EscapeString(s.Text), s.Space)
	}
}
