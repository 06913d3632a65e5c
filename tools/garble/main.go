// Command garble prints the quantiles of the per-document garble share (normalize.Garble) of
// each corpus given, with and without the short-word criterion, for documents of 30 words or
// more: how well the share separates OCR'd text from clean text.
//
//	go run ./tools/garble testdata/chronam/articles /tmp/reuters/r000.sgm
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/dedupe-dev/dedupe/internal/input"
	"github.com/dedupe-dev/dedupe/internal/normalize"
)

func main() {
	lang := flag.String("lang", normalize.Auto, "language")
	verbose := flag.Bool("v", false, "print each document's share and garbled words")
	flag.Parse()
	an, err := normalize.New(*lang)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	qs := []float64{0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99}
	fmt.Printf("| corpus | criterion | docs | unmeasured |")
	for _, q := range qs {
		fmt.Printf(" %g%% |", q*100)
	}
	fmt.Printf(" share <= 0.01 |\n")
	for _, root := range flag.Args() {
		var with, without []float64
		unknown := 0
		var doc normalize.Document
		err := input.Read(context.Background(), []string{root}, nil, input.DefaultOptions(), func(d input.Document) error {
			an.AnalyzeInto(&doc, d.Text)
			if len(doc.Tokens) < 30 {
				return nil
			}
			g := doc.Garble()
			if g < 0 {
				unknown++
				return nil
			}
			with = append(with, g)
			if *verbose {
				fmt.Printf("%s\t%s\t%.4f\t%s\n", d.Path, doc.Lang, g, garbledWords(doc.Text, an))
			}
			sample := doc.Text // the analyser judges the first normalize.GarbleSample bytes
			if len(sample) > normalize.GarbleSample {
				sample = sample[:normalize.GarbleSample]
				if k := strings.LastIndexAny(sample, " \n\t"); k > 0 {
					sample = sample[:k]
				}
			}
			gn, n := normalize.Garble(sample, nil)
			without = append(without, float64(gn)/float64(max(n, 1)))
			return nil
		}, func(input.Skip) error { return nil })
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
		for k, v := range [][]float64{with, without} {
			slices.Sort(v)
			name := []string{"stop words", "no short-word test"}[k]
			fmt.Printf("| %s | %s | %d | %d |", root, name, len(v), unknown)
			low := 0
			for _, x := range v {
				if x <= 0.01 {
					low++
				}
			}
			for _, q := range qs {
				if len(v) == 0 {
					fmt.Printf(" - |")
					continue
				}
				fmt.Printf(" %.4f |", v[min(len(v)-1, int(q*float64(len(v))))])
			}
			fmt.Printf(" %.1f%% |\n", 100*float64(low)/float64(max(len(v), 1)))
		}
	}
}

// garbledWords returns up to 12 of the garbled words of text.
func garbledWords(text string, short normalize.ShortWords) []string {
	var out []string
	for _, w := range strings.Fields(text) {
		if g, _ := normalize.Garble(w, short); g > 0 && len(out) < 12 {
			out = append(out, w)
		}
	}
	return out
}
