package scan_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/testfs"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// TestDecision checks the decision a scan resolves: the 100 clean Clough-Stevenson answers are
// too few for the strict decision (--strict-min-docs), and with the bound lowered they get it,
// and it verifies fewer of their pairs; the OCR'd chronam dev articles keep the standard
// decision whatever their number.
func TestDecision(t *testing.T) {
	if testing.Short() {
		t.Skip("scans 962 documents")
	}
	clough := filepath.Join(testfs.Abs(t, "../../testdata/clough-stevenson"), "corpus-20090418")
	chronam := testfs.Abs(t, "../../testdata/chronam/articles")
	opts := scan.DefaultOptions()
	small := runIn(t, clough, opts)
	if small.Decision != verify.DecisionStandard || small.Garble > 0.01 {
		t.Errorf("Clough-Stevenson: %s decision, median garble %.4f; want standard (100 documents), at most 0.01", small.Decision, small.Garble)
	}
	opts.Verify.StrictMinDocs = 50
	clean := runIn(t, clough, opts)
	if clean.Decision != verify.DecisionStrict || len(clean.Pairs) >= len(small.Pairs) {
		t.Errorf("Clough-Stevenson, --strict-min-docs 50: %s decision, %d pairs; want strict, fewer than %d", clean.Decision, len(clean.Pairs), len(small.Pairs))
	}
	for _, p := range clean.Pairs {
		if r := p.Result; r.Relation != verify.Exact && opts.Verify.Unstrict(&r) != "" {
			t.Errorf("strict decision: pair %s~%s verified: %s", clean.Documents[p.A].Path, clean.Documents[p.B].Path, opts.Verify.Unstrict(&r))
		}
	}
	ocr := runIn(t, chronam, opts)
	if ocr.Decision != verify.DecisionStandard || ocr.Garble < 0.03 {
		t.Errorf("chronam dev articles, --strict-min-docs 50: %s decision, median garble %.4f; want standard, about 0.04", ocr.Decision, ocr.Garble)
	}
	// A corpus of clean text whose documents are a tenth OCR'd pages: the report warns that the
	// strict decision may miss their copies; a twentieth, it does not.
	mixed := func(garbled int) bool {
		c := *clean
		c.Texts.OCR, c.Texts.Measured = garbled, 100
		for _, w := range c.Report(&opts, false).Warnings {
			if strings.HasPrefix(w.Message, fmt.Sprintf("%d of the 100 documents in English look OCR'd", garbled)) && strings.HasSuffix(w.Message, "which --decision standard finds") {
				return true
			}
		}
		return false
	}
	if !mixed(10) || mixed(5) {
		t.Errorf("warning on OCR'd pages among clean text: %v with 10 of 100, %v with 5; want true, false", mixed(10), mixed(5))
	}
	opts.Verify.Decision = "bogus"
	if err := opts.Validate(); err == nil || !strings.Contains(err.Error(), `invalid --decision "bogus"`) {
		t.Errorf("Validate() with --decision bogus = %v; want an error naming it", err)
	}
	opts.Verify.Decision = verify.DecisionAuto
	rep := clean.Report(&opts, false)
	if rep.Stats.Decision != verify.DecisionStrict || rep.Stats.GarbleMedian == nil || rep.Params.Get("decision") != verify.DecisionStrict {
		t.Errorf("report: stats decision %q, garble %v, params decision %v; want strict, the median, strict", rep.Stats.Decision, rep.Stats.GarbleMedian, rep.Params.Get("decision"))
	}
}
