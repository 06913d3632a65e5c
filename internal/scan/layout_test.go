package scan_test

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// TestLayoutBySize: without --num-perm, --threshold and --bands, a small corpus gets 256
// permutations in one-row bands, a larger one 512 in bands of two rows, and a larger one of
// clean text under the strict decision 512 in bands of three (threshold 0.2); what is given
// wins.
func TestLayoutBySize(t *testing.T) {
	for _, tt := range []struct {
		name                   string
		numPerm, bands, rows   int
		n                      int
		strictClean            bool
		wantPerm, wantB, wantR int
	}{
		{"small corpus", 0, 0, 0, scan.SmallCorpus, false, 256, 256, 1},
		{"small corpus, strict", 0, 0, 0, scan.SmallCorpus, true, 256, 256, 1},
		{"large corpus", 0, 0, 0, scan.SmallCorpus + 1, false, 512, 256, 2},
		{"large corpus, strict", 0, 0, 0, scan.SmallCorpus + 1, true, 512, 170, 3},
		{"a million", 0, 0, 0, 1_000_000, false, 512, 256, 2},
		{"permutations given", 256, 0, 0, 100_000, false, 256, 128, 2},
		{"bands given", 0, 64, 2, 100_000, true, 512, 64, 2},
		{"bands needing more", 0, 300, 2, 100_000, false, 600, 300, 2},
	} {
		o := scan.DefaultOptions()
		o.NumPerm, o.Bands, o.Rows = tt.numPerm, tt.bands, tt.rows
		if err := o.Validate(); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		b, r, err := o.BandsRows(scan.Corpus{Docs: tt.n, StrictClean: tt.strictClean})
		if p := o.Permutations(tt.n); err != nil || p != tt.wantPerm || b != tt.wantB || r != tt.wantR {
			t.Errorf("%s: %d permutations, %d bands of %d rows, %v; want %d, %d of %d", tt.name, p, b, r, err, tt.wantPerm, tt.wantB, tt.wantR)
		}
	}
	for _, tt := range []struct {
		numPerm, bands, rows int
		want                 string
	}{
		{-1, 0, 0, "--num-perm must be in [0, ∞), got -1"},
		{256, 200, 2, "--bands × --rows (200 × 2) must not exceed --num-perm (256)"},
	} {
		o := scan.DefaultOptions()
		o.NumPerm, o.Bands, o.Rows = tt.numPerm, tt.bands, tt.rows
		if err := o.Validate(); err == nil || err.Error() != tt.want {
			t.Errorf("Validate(num-perm %d, bands %d × %d) = %v; want %q", tt.numPerm, tt.bands, tt.rows, err, tt.want)
		}
	}
	// The language and the input format are checked before a run too (dedupe-beam read files
	// before it refused them).
	o := scan.DefaultOptions()
	o.Language = "xx"
	if err := o.Validate(); err == nil || !strings.Contains(err.Error(), `"xx"`) {
		t.Errorf("Validate(--lang xx) = %v; want an error naming it", err)
	}
	o = scan.DefaultOptions()
	o.Input.Format = "bogus"
	if err := o.Validate(); err == nil || err.Error() != `unknown format "bogus" (want auto, text, html, jsonl or sgml)` {
		t.Errorf("Validate(--input-format bogus) = %v", err)
	}
}

// TestCorpusOf: the candidate stage aims higher only where the strict decision meets mostly
// clean text; a decision forced to strict on OCR'd text, or the standard one on clean text,
// keeps the lower threshold.
func TestCorpusOf(t *testing.T) {
	clean := verify.Texts{Measured: 10, Clean: 6}
	ocr := verify.Texts{Measured: 10, Clean: 5, OCR: 4}
	for _, tt := range []struct {
		decision string
		texts    verify.Texts
		want     float64
	}{
		{verify.DecisionStrict, clean, 0.2},
		{verify.DecisionStrict, ocr, 0.1},
		{verify.DecisionStrict, verify.Texts{}, 0.1}, // nothing measured: no language with a garble share
		{verify.DecisionStandard, clean, 0.1},
	} {
		c := scan.CorpusOf(scan.SmallCorpus+1, tt.decision, tt.texts)
		if got := scan.AutoThreshold(c); got != tt.want {
			t.Errorf("AutoThreshold(CorpusOf(%d, %s, %+v)) = %g; want %g", scan.SmallCorpus+1, tt.decision, tt.texts, got, tt.want)
		}
		c.Docs = scan.SmallCorpus
		if got := scan.AutoThreshold(c); got != 0.03 {
			t.Errorf("AutoThreshold of %d documents, %s, %+v = %g; want 0.03", c.Docs, tt.decision, tt.texts, got)
		}
	}
}

// TestStrictCleanThreshold scans 2,001 documents of clean text under the strict decision: the
// candidate stage aims at 0.2, in 170 bands of three rows, and at 0.1 when the decision is the
// standard one.
func TestStrictCleanThreshold(t *testing.T) {
	if testing.Short() {
		t.Skip("scans 2,001 documents")
	}
	words := strings.Fields(`the council voted on tuesday to approve a new budget for schools and roads
		after a long debate mayor said city would raise taxes next year while residents asked
		about water prices police reported fewer crimes in summer than spring officials hope
		bridge repairs finish before winter storms close highway traffic near river park`)
	rng := rand.New(rand.NewPCG(1, 2))
	dir := t.TempDir()
	for i := range scan.SmallCorpus + 1 {
		var b strings.Builder
		for k := range 60 {
			b.WriteString(words[rng.IntN(len(words))])
			if k%12 == 11 {
				b.WriteString(". ")
			} else {
				b.WriteString(" ")
			}
		}
		if err := os.WriteFile(filepath.Join(dir, strconv.Itoa(i)+".txt"), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			// A copy of the first with its last word changed: its Jaccard far above the
			// floor, its digest not the original's.
			text := strings.TrimSpace(b.String())
			near := text[:strings.LastIndexByte(text, ' ')] + " harbour"
			if err := os.WriteFile(filepath.Join(dir, "near.txt"), []byte(near), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, tt := range []struct {
		decision    string
		want, floor float64
		bands, rows int
	}{
		{verify.DecisionStrict, 0.2, 0.2, 170, 3},
		{verify.DecisionStandard, 0.1, 0, 256, 2},
	} {
		opts := scan.DefaultOptions()
		opts.Verify.Decision = tt.decision
		res, err := scan.Run(t.Context(), []string{dir}, nil, opts, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Texts.MostlyClean() {
			t.Fatalf("%s: the texts %+v are not mostly clean: the test no longer covers clean text", tt.decision, res.Texts)
		}
		if res.Threshold != tt.want || res.Bands != tt.bands || res.Rows != tt.rows {
			t.Errorf("%s: threshold %g, %d bands of %d rows; want %g, %d of %d", tt.decision, res.Threshold, res.Bands, res.Rows, tt.want, tt.bands, tt.rows)
		}
		// Random texts of one small vocabulary share a few bigrams each, so the bands
		// propose pairs far below 0.2 by chance, which the floor leaves out.
		if res.Floor != tt.floor || (res.BelowFloor > 0) != (tt.floor > 0) {
			t.Errorf("%s: candidate floor %g, %d pairs below it; want %g and pairs below it only with a floor", tt.decision, res.Floor, res.BelowFloor, tt.floor)
		}
		if got := res.Report(&opts, false).Params.Get("candidate_floor"); got != any(tt.floor) {
			t.Errorf("%s: params record candidate_floor %v, want %g", tt.decision, got, tt.floor)
		}
		found := false
		for _, p := range res.Pairs {
			found = found || filepath.Base(res.Documents[p.A].Path) == "0.txt" && filepath.Base(res.Documents[p.B].Path) == "near.txt"
		}
		if !found {
			t.Errorf("%s: the near copy of 0.txt is not verified", tt.decision)
		}
	}
}
