package htmlreport

import (
	"context"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/normalize"
	"github.com/dedupe-dev/dedupe/internal/passages"
	"github.com/dedupe-dev/dedupe/internal/report"
)

// passagesPage is what the "passages" template renders.
type passagesPage struct {
	Title    string
	Report   *passages.Report
	Clusters []passageView
	Sides    int // occurrences shown beside their representative, with or without text
	Missing  int // of which the text is not shown
	Limit    int
}

// passageView is one reprint cluster with its occurrences beside the representative.
type passageView struct {
	*passages.Cluster
	Lead  string            // the first words of the representative, "" when its text is not read
	Hrefs map[string]string // relative URLs of the occurrences' files, by path ("" when none)
	Sides []occurrenceSide
}

// occurrenceSide is one occurrence beside its cluster's representative, each with the runs of
// three or more words they share marked verbatim; Text is empty when it is not shown.
type occurrenceSide struct {
	passages.Occurrence
	Rep, Text template.HTML
}

// PassageTexts reads the inputs of a dedupe passages run again (paths, stdin and opts as Find
// had them) and returns the text of every document with an occurrence among the clusters
// WritePassages shows with limit, and of every representative, by path. A document no longer
// readable is left out.
func PassageTexts(ctx context.Context, rep *passages.Report, paths []string, stdin io.Reader, opts input.Options, limit int) (map[string]string, error) {
	wanted := map[string]bool{}
	n := 0
	for _, c := range rep.Clusters {
		wanted[c.Representative.Path] = true
		for _, oc := range c.Occurrences {
			if n < limit {
				wanted[oc.Path] = true
				n++
			}
		}
	}
	return readTexts(ctx, paths, stdin, opts, wanted)
}

// WritePassages renders rep as a complete HTML page to w: the contents, each cluster with its
// first words, and every cluster with its occurrences, linked to their files from dir (the
// page's folder; "" links none), and for the first limit occurrences, largest clusters first,
// the occurrence beside the representative with copied phrases marked, from texts (by path;
// see [PassageTexts]).
func WritePassages(w io.Writer, rep *passages.Report, texts map[string]string, limit int, dir string) error {
	p := passagesPage{Report: rep, Limit: limit,
		Title: fmt.Sprintf("dedupe passages: %s reprinted in %s", report.Int(rep.Stats.Clusters), report.Count(rep.Stats.Documents, "document", "documents"))}
	shown := 0
	links := map[string]string{}
	for i := range rep.Clusters {
		c := &rep.Clusters[i]
		v := passageView{Cluster: c, Hrefs: map[string]string{}}
		repText, okRep := cut(texts, c.Representative) // once for the cluster, not for each side
		if okRep {
			v.Lead = firstWords(strings.Fields(repText))
		}
		for _, oc := range c.Occurrences {
			if dir != "" {
				v.Hrefs[oc.Path] = memberLink(dir, oc.Path, links)
			}
			if oc == c.Representative {
				continue
			}
			side := occurrenceSide{Occurrence: oc}
			text, ok := cut(texts, oc)
			if shown < limit && okRep && ok {
				a, b := verbatimSpans(repText, text)
				side.Rep, side.Text = marked(a), marked(b)
			} else {
				p.Missing++
			}
			shown++
			v.Sides = append(v.Sides, side)
		}
		p.Sides += len(v.Sides)
		p.Clusters = append(p.Clusters, v)
	}
	return execute(w, "passages", &p)
}

// cut returns the text of occurrence oc, its line breaks undone (normalize.Readable) and its
// white space runs as one space, and whether texts holds it.
func cut(texts map[string]string, oc passages.Occurrence) (string, bool) {
	t, ok := texts[oc.Path]
	if !ok || oc.Start < 0 || oc.End > len(t) || oc.Start > oc.End {
		return "", false
	}
	// Line breaks undone first, so that a word hyphenated across one is whole ("rela- tions"
	// was shown), then runs of spaces collapsed.
	return strings.Join(strings.Fields(normalize.Readable(t[oc.Start:oc.End])), " "), true
}

// marked returns spans as HTML (see writeSpans).
func marked(spans []span) template.HTML {
	var b strings.Builder
	writeSpans(&b, spans)
	return template.HTML(b.String())
}
