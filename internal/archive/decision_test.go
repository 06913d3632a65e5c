package archive_test

import (
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/archive"
	"github.com/dedupe-dev/dedupe/internal/index"
	"github.com/dedupe-dev/dedupe/internal/scan"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

// TestCheckerDecision checks that a check against an empty index of this format applies the
// standard decision (no clean documents counted) and warns when --strict-garble asks for a
// bound the index's counts cannot give; --decision strict is applied as given.
func TestCheckerDecision(t *testing.T) {
	ix := index.TestIndex(t)
	check := func(opts scan.Options) *archive.Report {
		t.Helper()
		c, err := archive.NewChecker(ix, opts, 0)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := c.Report()
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	opts := scan.DefaultOptions()
	rep := check(opts)
	if got := rep.Params.Get("decision"); got != verify.DecisionStandard || len(rep.Warnings) != 0 {
		t.Errorf("empty index: decision %v, warnings %v; want standard, none", got, rep.Warnings)
	}
	opts.Verify.StrictGarble = 0.02
	rep = check(opts)
	if len(rep.Warnings) != 1 || !strings.HasPrefix(rep.Warnings[0].Message, "--strict-garble 0.02 is not used: the index counts") {
		t.Errorf("--strict-garble 0.02: warnings %v; want one that it is not used", rep.Warnings)
	}
	opts.Verify.Decision = verify.DecisionStrict
	if rep = check(opts); rep.Params.Get("decision") != verify.DecisionStrict || len(rep.Warnings) != 0 {
		t.Errorf("--decision strict: decision %v, warnings %v; want strict, none", rep.Params.Get("decision"), rep.Warnings)
	}

	// Two clean documents and one OCR'd: with --strict-min-docs 3, a clean archive, whose
	// OCR'd pages the strict decision may miss the copies of.
	clean := "The county commissioners met on Tuesday and read the report of the treasurer, who said the roads would be repaired before the spring rains began in earnest this year."
	ocr := "Tbe county commis sioners , ii met on Tuesday j and read tho report ot the treas urer ; wbo said tbe roads ' would be re paired be fore tbe spring rains began ."
	docs := []index.Document{index.TestDocument(t, "a.txt", clean), index.TestDocument(t, "b.txt", clean+" Again."), index.TestDocument(t, "c.txt", ocr)}
	if _, err := ix.Add(docs); err != nil {
		t.Fatal(err)
	}
	opts = scan.DefaultOptions()
	opts.Verify.StrictMinDocs = 3
	rep = check(opts)
	if rep.Params.Get("decision") != verify.DecisionStrict || len(rep.Warnings) != 1 || !strings.HasPrefix(rep.Warnings[0].Message, "1 of the 3 documents in English look OCR'd") {
		t.Errorf("2 clean documents and 1 OCR'd: decision %v, warnings %v; want strict and one that 1 of 3 looks OCR'd", rep.Params.Get("decision"), rep.Warnings)
	}
}
