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

// layoutRow is one row of a side-by-side layout: the aligned sentences A and B (Pair set,
// SpansA and SpansB their words marked verbatim or rewritten), or the sentences [A, EndA) and
// [B, EndB) that lie between two aligned pairs (Pair nil; either range may be empty).
type layoutRow struct {
	A, EndA, B, EndB int
	Pair             *explain.SentencePair
	SpansA, SpansB   []span
}

// layout lays comparison c out in rows. The alignment is a chain increasing in both texts (see
// package verify), which is what lets partners share a row; a comparison whose aligned pairs
// are out of order or out of range is an error. The compare page renders the rows in Go
// ([sideBySide.Rows]), the scan report in the browser from the cluster's data file.
func layout(c *explain.Comparison) ([]layoutRow, error) {
	var out []layoutRow
	na, nb := 0, 0 // the first sentences not yet placed
	for k := range c.Aligned {
		p := &c.Aligned[k]
		if p.A < na || p.B < nb || p.A >= len(c.A.Sentences) || p.B >= len(c.B.Sentences) {
			return nil, fmt.Errorf("aligned sentences %d and %d are out of order or out of range", p.A+1, p.B+1)
		}
		if p.A > na || p.B > nb {
			out = append(out, layoutRow{A: na, EndA: p.A, B: nb, EndB: p.B})
		}
		sa, sb := verbatimSpans(c.A.Sentences[p.A], c.B.Sentences[p.B])
		out = append(out, layoutRow{A: p.A, EndA: p.A + 1, B: p.B, EndB: p.B + 1, Pair: p, SpansA: sa, SpansB: sb})
		na, nb = p.A+1, p.B+1
	}
	if na < len(c.A.Sentences) || nb < len(c.B.Sentences) {
		out = append(out, layoutRow{A: na, EndA: len(c.A.Sentences), B: nb, EndB: len(c.B.Sentences)})
	}
	return out, nil
}

// Rows lays the comparison out in rows (see layout) and writes their cells.
//
// The cells are written here rather than in the template: a page holds every sentence of the
// comparison, and a template action per span made rendering several times slower.
func (s sideBySide) Rows() ([]row, error) {
	c := s.C
	rows, err := layout(c)
	if err != nil {
		return nil, err
	}
	out := make([]row, len(rows))
	for i, r := range rows {
		if r.Pair == nil {
			out[i] = row{A: plain(c.A.Sentences, r.A, r.EndA), B: plain(c.B.Sentences, r.B, r.EndB)}
			continue
		}
		ida, idb := fmt.Sprintf("%s-a%d", s.ID, r.A+1), fmt.Sprintf("%s-b%d", s.ID, r.B+1)
		out[i] = row{
			A:    aligned(r.A+1, ida, r.B+1, idb, r.SpansA),
			B:    aligned(r.B+1, idb, r.A+1, ida, r.SpansB),
			Pair: r.Pair,
		}
	}
	return out, nil
}

// firstAligned is the first pair of aligned sentences of a side by side, by their 1-based
// numbers, and the element id of the first.
type firstAligned struct {
	ID   string
	A, B int
}

// First returns the first aligned pair when sentences that align with nothing come before it,
// else nil: a short story printed at the end of a long page aligned on rows 74 and 75, which a
// reader scrolled to.
func (s sideBySide) First() *firstAligned {
	if s.C == nil {
		return nil
	}
	rows, err := layout(s.C)
	if err != nil {
		return nil
	}
	for i, r := range rows {
		if r.Pair != nil {
			if i == 0 {
				return nil
			}
			return &firstAligned{ID: fmt.Sprintf("%s-a%d", s.ID, r.A+1), A: r.A + 1, B: r.B + 1}
		}
	}
	return nil
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
