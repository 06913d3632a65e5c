package verify_test

import (
	"strings"
	"testing"

	"github.com/dedupe-dev/dedupe/internal/verify"
)

// writethruMisses are the labelled pairs of testdata/writethru whose verdict under the strict
// decision is not their label, each with why: the copies it refuses and the false pair it
// verifies. Templates of several figures each, or a weak pair, look like two issues of a report
// in the pair alone.
var writethruMisses = map[string]string{
	"quake-iran-v1.txt~quake-iran-v3.txt":             "the lead rewritten around the new toll: a template of similarity 0.49, no update",
	"mayor-pittsburgh-v1.txt~mayor-pittsburgh-v2.txt": "the returns updated: templates of four figures a side",
	"stocks-0412-v1.txt~stocks-0412-v2.txt":           "the midday report sent at the close: the Dow, the breadth and the volume, templates of several figures",
	"baseball-extra-v1.txt~baseball-extra-v2.txt":     "the score after seven innings and the final: templates of two and three figures",
	"nfl-result-v1.txt~nfl-result-v2.txt":             "statistics corrected in two of five sentences: score 0.73, four aligned sentences, a run of 23",
	"gold-series-v1.txt~gold-series-v2.txt":           "two days' currency reports: each quotes the day before's figure, so half of most sentences' figures are shared (1 template of 8)",
	"lawsuit-settled-v1.txt~lawsuit-settled-v2.txt":   "two figures of one sentence updated, one template of four aligned sentences of the body: two issues of a brief under one headline look so (verified while the headline counted as a fifth)",
}

// writethruUpdates are the copies of testdata/writethru that the strict decision verifies only
// because their templates are updates (Params.StrictUpdateFigures): every one of them holds one
// figure on a side and is alike but for it.
var writethruUpdates = []string{
	"quake-iran-v1.txt~quake-iran-v2.txt",
	"bus-andes-v1.txt~bus-andes-v2.txt",
	"tornado-texas-v1.txt~tornado-texas-v2.txt",
	"soviet-election-v1.txt~soviet-election-v2.txt",
	"drug-seizure-v1.txt~drug-seizure-v2.txt",
}

// TestWritethrus verifies the labelled pairs of testdata/writethru, stories of the 1989 AP wire
// written for this test and sent again with new figures, leads and paragraphs, and issues of
// series and independent stories of one event: the standard decision verifies every copy, the
// strict one every copy but writethruMisses, and refuses every false pair but
// writethruMisses; without updates (StrictUpdateFigures 0) it refuses writethruUpdates too.
func TestWritethrus(t *testing.T) {
	sk := textSketcher(t)
	verdict := func(p verify.Params, a, b string) verify.Result {
		t.Helper()
		v, err := verify.New(p)
		if err != nil {
			t.Fatal(err)
		}
		return v.Verify(sk(readTestdata(t, "writethru/"+a)), sk(readTestdata(t, "writethru/"+b)))
	}
	standard, strict := verify.DefaultParams(), verify.DefaultParams()
	standard.Decision, strict.Decision = verify.DecisionStandard, verify.DecisionStrict
	noUpdates := strict
	noUpdates.StrictUpdateFigures = 0
	lines := strings.Split(strings.TrimSpace(readTestdata(t, "writethru/pairs.tsv")), "\n")[1:]
	copies, kept := 0, 0
	for _, line := range lines {
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			t.Fatalf("pairs.tsv: %q: want 5 fields", line)
		}
		a, b, copied := f[0], f[1], f[2] == "COPY"
		key := a + "~" + b
		if r := verdict(standard, a, b); copied && !r.Duplicate {
			t.Errorf("%s, --decision standard: not a duplicate (score %.2f); want a copy (%s)", key, r.Score, f[4])
		}
		r := verdict(strict, a, b)
		want := copied
		if _, miss := writethruMisses[key]; miss {
			want = !copied
		}
		if r.Duplicate != want {
			t.Errorf("%s, --decision strict: duplicate %v (score %.2f, %d of %d templates updates; %s); want %v (%s)",
				key, r.Duplicate, r.Score, r.UpdateSentences, r.TemplateSentences, strict.Unstrict(&r), want, f[4])
		}
		if copied {
			copies++
			if r.Duplicate {
				kept++
			}
		}
	}
	t.Logf("strict decision: %d of %d copies verified", kept, copies)
	for _, key := range writethruUpdates {
		a, b, _ := strings.Cut(key, "~")
		if r := verdict(noUpdates, a, b); r.Duplicate {
			t.Errorf("%s, --strict-update-figures 0: a duplicate; want it refused for its templates", key)
		}
	}
}
