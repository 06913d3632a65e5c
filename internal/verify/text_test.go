package verify_test

import (
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/sketch"
	"github.com/dedupe-dev/dedupe/internal/testfs"
	"github.com/dedupe-dev/dedupe/internal/verify"
)

func TestResolveDecision(t *testing.T) {
	p := verify.DefaultParams()
	tests := []struct {
		name            string
		decision        string
		measured, clean int
		want            string
	}{
		{"small clean collection (Clough-Stevenson)", verify.DecisionAuto, 100, 100, verify.DecisionStandard},
		{"large clean archive", verify.DecisionAuto, 8070, 7000, verify.DecisionStrict},
		{"at the bound of documents", verify.DecisionAuto, 5000, 5000, verify.DecisionStrict},
		{"one document too few", verify.DecisionAuto, 4999, 4999, verify.DecisionStandard},
		{"a court corpus with its wire copy spun: a few thousand", verify.DecisionAuto, 3300, 3300, verify.DecisionStandard},
		{"half clean is not a clean median", verify.DecisionAuto, 8070, 4035, verify.DecisionStandard},
		{"large OCR'd archive (chronam)", verify.DecisionAuto, 59433, 5408, verify.DecisionStandard},
		{"not measured (an index before the counts, no English)", verify.DecisionAuto, 0, 0, verify.DecisionStandard},
		{"forced strict", verify.DecisionStrict, 100, 0, verify.DecisionStrict},
		{"forced standard", verify.DecisionStandard, 8070, 8070, verify.DecisionStandard},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p.Decision = tt.decision
			if got := p.ResolveDecision(tt.measured, tt.clean); got != tt.want {
				t.Errorf("ResolveDecision(%d, %d) with --decision %s = %q; want %q", tt.measured, tt.clean, tt.decision, got, tt.want)
			}
		})
	}
	p.Decision = "ocr"
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), "--decision") {
		t.Errorf("Validate() with --decision ocr = %v; want an error naming --decision", err)
	}
}

func TestUnstrict(t *testing.T) {
	p := verify.DefaultParams()
	tests := []struct {
		name string
		r    verify.Result
		why  string // "" when the pair passes
	}{
		{"high score", verify.Result{Score: 0.95, CoverageA: 0.2, AlignedSentences: 2, LongestRun: 8}, ""},
		{"covered", verify.Result{Score: 0.7, CoverageB: 0.65, BodyCoverage: 0.65, AlignedSentences: 6, LongestRun: 8}, ""},
		// The same with a headline among the aligned sentences: five of the body are too few.
		{"covered with the headline", verify.Result{Score: 0.7, CoverageB: 0.65, BodyCoverage: 0.62, AlignedSentences: 6, HeadlineSentences: 1, LongestRun: 8},
			"score 0.700 below 0.92, jaccard 0.00 below 0.8, 5 aligned sentences, fewer than 6, longest run 8 content words, below 25 (15 in a partial copy)"},
		{"long run", verify.Result{Score: 0.7, CoverageA: 0.3, AlignedSentences: 3, LongestRun: 25}, ""},
		// Two issues of one series: a few aligned sentences, a run of 17 words, sentences
		// that differ in their figures.
		{"series", verify.Result{Score: 0.81, CoverageA: 0.45, AlignedSentences: 4, TemplateSentences: 2, LongestRun: 17},
			"2 of 6 aligned sentences differ in their figures (templates), a share of 0.25 or more"},
		// The week's mortgage rates: a high score, a quarter of the sentences with new figures.
		{"new figures", verify.Result{Score: 0.95, CoverageA: 0.55, AlignedSentences: 3, TemplateSentences: 1, LongestRun: 24}, "1 of 4 aligned sentences differ in their figures (templates), a share of 0.25 or more"},
		// Two issues of a brief exported as text, their headlines aligned too ("Stocks Open
		// Higher"): the headline does not dilute the body's templates.
		{"new figures under one headline", verify.Result{Score: 0.95, CoverageA: 0.76, BodyCoverage: 0.72, AlignedSentences: 4, HeadlineSentences: 1, TemplateSentences: 1, LongestRun: 16},
			"1 of 4 aligned sentences differ in their figures (templates), a share of 0.25 or more"},
		// A writethru: a new toll in two sentences of six, one figure a side, alike but for it.
		{"updates", verify.Result{Score: 0.97, CoverageA: 0.5, AlignedSentences: 4, TemplateSentences: 2, UpdateSentences: 2, LongestRun: 16}, ""},
		{"an update and a template", verify.Result{Score: 0.97, CoverageA: 0.5, AlignedSentences: 4, TemplateSentences: 2, UpdateSentences: 1, LongestRun: 16},
			"2 of 6 aligned sentences differ in their figures (templates), a share of 0.25 or more"},
		{"covered by too few sentences", verify.Result{Score: 0.8, CoverageA: 0.7, BodyCoverage: 0.7, AlignedSentences: 3, LongestRun: 9},
			"score 0.800 below 0.92, jaccard 0.00 below 0.8, 3 aligned sentences, fewer than 6, longest run 9 content words, below 25 (15 in a partial copy)"},
		// A passage copied into a story of its own: a run of 15, each side mostly its own.
		{"partial copy", verify.Result{Score: 0.75, CoverageA: 0.3, CoverageB: 0.2, ContainmentA: 0.25, ContainmentB: 0.35, AlignedSentences: 3, LongestRun: 15}, ""},
		{"partial copy with a template sentence", verify.Result{Score: 0.75, CoverageA: 0.3, CoverageB: 0.2, BodyCoverage: 0.3, AlignedSentences: 5, TemplateSentences: 1, LongestRun: 17},
			"score 0.750 below 0.92, jaccard 0.00 below 0.8, coverage 0.30 below 0.6, longest run 17 content words, below 25, and 1 template sentences"},
		// Two short issues of one series found whole in each other, sharing their frame.
		{"mostly found in the other", verify.Result{Score: 0.75, CoverageA: 0.45, CoverageB: 0.3, BodyCoverage: 0.45, ContainmentA: 0.8, AlignedSentences: 3, LongestRun: 17},
			"score 0.750 below 0.92, jaccard 0.00 below 0.8, coverage 0.45 below 0.6, longest run 17 content words, below 25, and 80% of a document found in the other, not below 50%"},
		// A short story of a series sent again with one figure corrected.
		{"near exact", verify.Result{Score: 0.88, Jaccard: 0.86, CoverageA: 1, CoverageB: 1, AlignedSentences: 4, LongestRun: 20}, ""},
		{"names of their own", verify.Result{Score: 0.95, CoverageA: 0.9, AlignedSentences: 6, LongestRun: 30, OwnNameSentences: 2},
			"2 aligned sentences fill one frame with names of their own (2 or more a side, none in the other document)"},
	}
	for _, tt := range tests {
		if got := p.Unstrict(&tt.r); got != tt.why {
			t.Errorf("%s: Unstrict = %q; want %q", tt.name, got, tt.why)
		}
	}
}

// TestCleanDecision verifies pairs of the Clough-Stevenson corpus under both decisions: a
// heavy revision whose evidence is weak is a duplicate of its source for OCR'd text and not
// for clean text; a light one, covered in most of its sentences, is for both.
func TestCleanDecision(t *testing.T) {
	sk := textSketcher(t)
	read := func(name string) string { return readTestdata(t, "clough-stevenson/corpus-20090418/"+name) }
	tests := []struct {
		a, b             string
		standard, strict bool
	}{
		{"g0pA_taskd.txt", "orig_taskd.txt", true, false},
		{"g2pA_taskb.txt", "orig_taskb.txt", true, false},
		{"g0pC_taska.txt", "orig_taska.txt", true, true},
	}
	for _, tt := range tests {
		a, b := sk(read(tt.a)), sk(read(tt.b))
		for _, decision := range []string{verify.DecisionStandard, verify.DecisionStrict} {
			p := verify.DefaultParams()
			p.Decision = decision
			v, err := verify.New(p)
			if err != nil {
				t.Fatal(err)
			}
			r := v.Verify(a, b)
			want := tt.standard
			if decision == verify.DecisionStrict {
				want = tt.strict
			}
			if r.Duplicate != want {
				t.Errorf("%s~%s, --decision %s: duplicate %v (score %.2f; %s); want %v", tt.a, tt.b, decision, r.Duplicate, r.Score, p.Unstrict(&r), want)
			}
		}
	}
}

// TestStrictExamples verifies, under the strict decision, a partial copy of clean text and one
// of the OCR'd chronam dev set (p185, labelled PARTIAL), which the run of StrictPartialRun
// keeps and the other tests refuse; two issues of a series of court orders, which the
// sentences with names of their own (StrictNames) refuse, and the coverage test too, their
// headlines not counted (it kept them with the headlines: six aligned sentences, five of the
// body); and two issues of the mortgage rates, which the score keeps and their template
// sentences (StrictTemplates) refuse.
func TestStrictExamples(t *testing.T) {
	sk := textSketcher(t)
	read := func(name string) string { return readTestdata(t, name) }
	verifyStrict := func(p verify.Params, a, b string) verify.Result {
		t.Helper()
		p.Decision = verify.DecisionStrict
		v, err := verify.New(p)
		if err != nil {
			t.Fatal(err)
		}
		return v.Verify(sk(read(a)), sk(read(b)))
	}
	without := verify.DefaultParams() // the strict decision before the partial run, the names and the templates
	without.StrictPartialRun, without.StrictNames, without.StrictTemplates = without.StrictRun, 1000, 1
	tests := []struct {
		name, a, b    string
		want, without bool
		ownNames      bool
	}{
		{"partial copy of clean text", "strict/partial_copy.txt", "strict/partial_source.txt", true, false, false},
		{"partial copy of OCR'd text (p185)", "chronam/articles/19160103/sn99021999-ed-1_seq-1_a12.txt", "chronam/articles/19160105/sn84026897-ed-1_seq-1_a03.txt", true, false, false},
		{"two issues of court orders", "strict/court_orders_0327.txt", "strict/court_orders_1009.txt", false, false, true},
		{"two issues of the mortgage rates", "strict/mortgage_rates_0203.txt", "strict/mortgage_rates_0217.txt", false, true, false},
	}
	for _, tt := range tests {
		r := verifyStrict(verify.DefaultParams(), tt.a, tt.b)
		if r.Duplicate != tt.want || (r.OwnNameSentences > 0) != tt.ownNames {
			t.Errorf("%s: duplicate %v, %d sentences with names of their own (score %.2f, run %d; %s); want %v, some: %v",
				tt.name, r.Duplicate, r.OwnNameSentences, r.Score, r.LongestRun, verify.DefaultParams().Unstrict(&r), tt.want, tt.ownNames)
		}
		if r := verifyStrict(without, tt.a, tt.b); r.Duplicate != tt.without {
			t.Errorf("%s, without the partial run, the names and the templates: duplicate %v; want %v", tt.name, r.Duplicate, tt.without)
		}
	}
}

// TestStrictHeadlines verifies, under the strict decision, two issues of a brief exported as
// text (testdata/strict/stocks_open_0210.txt and _1220.txt: the headline "Stocks Open Higher"
// and the dateline on their first lines, the Dow's figures other, two sentences reworded) and
// a copy of the first with its headline and dateline, rewrapped and cut. The issues are refused
// for their template, a quarter of the body's aligned sentences, and the copy is verified.
// Counted as a copied sentence, as before the headline was known, the aligned headline made
// the template a fifth, and the issues a duplicate.
func TestStrictHeadlines(t *testing.T) {
	sk := textSketcher(t)
	p := verify.DefaultParams()
	p.Decision = verify.DecisionStrict
	v, err := verify.New(p)
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]*sketch.Sketch{}
	for _, name := range []string{"stocks_open_0210.txt", "stocks_open_1220.txt", "stocks_open_0210_copy.txt"} {
		docs[name] = sk(readTestdata(t, "strict/"+name))
		if !docs[name].Headline {
			t.Fatalf("%s: no headline", name)
		}
	}
	tests := []struct {
		a, b      string
		duplicate bool
	}{
		{"stocks_open_0210.txt", "stocks_open_1220.txt", false},
		{"stocks_open_0210.txt", "stocks_open_0210_copy.txt", true},
		{"stocks_open_1220.txt", "stocks_open_0210_copy.txt", false},
	}
	for _, tt := range tests {
		r := v.Verify(docs[tt.a], docs[tt.b])
		if r.Duplicate != tt.duplicate || r.HeadlineSentences != 1 {
			t.Errorf("%s~%s: duplicate %v, %d aligned headlines (score %.2f; %s); want %v, 1", tt.a, tt.b, r.Duplicate, r.HeadlineSentences, r.Score, p.Unstrict(&r), tt.duplicate)
		}
	}
	a, b := *docs["stocks_open_0210.txt"], *docs["stocks_open_1220.txt"]
	a.Headline, b.Headline = false, false
	if r := v.Verify(&a, &b); !r.Duplicate {
		t.Errorf("the issues without their headlines marked: not a duplicate (score %.2f; %s); want one, as before", r.Score, p.Unstrict(&r))
	}
}

// readTestdata returns the text of the file at name in the repository's testdata folder.
func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b := testfs.ReadFile(t, "../../testdata/"+name)
	return string(b)
}
